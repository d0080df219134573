"""Issue a user's API token: ``manage.py api_token <username> [--rotate]``. The key is printed once, never again."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from newsclaims.api.tokens import api_token_issue


class Command(BaseCommand):
    help = (
        "Issue a new API token for a user and print it. Only a digest is stored, so the key cannot be shown "
        "again: keep it now. --rotate revokes the user's other tokens."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--rotate", action="store_true", help="Revoke the user's existing tokens.")

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
        key = api_token_issue(user=user, rotate=options["rotate"])
        self.stderr.write(f"New token for {options['username']} (shown only now; store it safely):")
        self.stdout.write(key)
