"""Create (or show, or replace) a user's API token: ``manage.py api_token <username> [--rotate]``."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from rest_framework.authtoken.models import Token


class Command(BaseCommand):
    help = "Print the API token of a user, creating it if needed. --rotate replaces an existing token."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--rotate", action="store_true", help="Revoke the current token and issue a new one.")

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: options["username"]})
        except User.DoesNotExist:
            raise CommandError(
                f"No user named “{options['username']}”. Create it first (createsuperuser or admin)."
            ) from None
        if not user.is_active:
            raise CommandError(f"User “{options['username']}” is inactive; a token would not authenticate.")
        if options["rotate"]:
            Token.objects.filter(user=user).delete()
        token, created = Token.objects.get_or_create(user=user)
        if created:
            self.stderr.write(f"New token for {options['username']}:")
        self.stdout.write(token.key)
