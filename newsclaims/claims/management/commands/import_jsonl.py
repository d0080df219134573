from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from newsclaims.claims.backup import data_import


class Command(BaseCommand):
    help = "Import a JSONL export into an empty database (all rows or none)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("input")

    def handle(self, *args: Any, input: str, **options: Any) -> None:
        try:
            with open(input, encoding="utf-8") as stream:
                count = data_import(stream=stream)
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"{input}: cannot read it ({exc})") from None
        except ValidationError as exc:
            raise CommandError(f"{input}: {'; '.join(exc.messages)}") from None
        self.stdout.write(f"imported {count} rows")
