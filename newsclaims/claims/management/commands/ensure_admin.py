"""Create the local admin/editor account once; print its password the one time it is made."""

from __future__ import annotations

import os
import secrets
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from newsclaims.claims.roles import EDITORS_GROUP


class Command(BaseCommand):
    help = "Create the local editor account (admin rights) unless it exists; password from NEWSCLAIMS_ADMIN_PASSWORD."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--username", default=os.environ.get("NEWSCLAIMS_ADMIN_USER", "editor"))

    def handle(self, *args: Any, username: str, **options: Any) -> None:
        User = get_user_model()
        group, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
        if User.objects.filter(username=username).exists():
            self.stdout.write(f"Account “{username}” already exists; its password is unchanged.")
            return
        given = os.environ.get("NEWSCLAIMS_ADMIN_PASSWORD", "")
        password = given or secrets.token_urlsafe(12)
        user = User.objects.create_superuser(username=username, email="", password=password)
        user.groups.add(group)
        if given:
            self.stdout.write(f"Created account “{username}” with the password from NEWSCLAIMS_ADMIN_PASSWORD.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Created account “{username}”, password: {password}  (shown once)"))
