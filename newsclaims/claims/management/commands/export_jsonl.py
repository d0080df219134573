from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand

from newsclaims.claims.backup import data_export


class Command(BaseCommand):
    help = "Export articles, speakers, claims, notes, evidence and history as JSONL (to a file or stdout)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("output", nargs="?", help="file to write; stdout when omitted")

    def handle(self, *args: Any, output: str | None, **options: Any) -> None:
        if output is None:
            data_export(stream=sys.stdout)
            return
        with open(output, "w", encoding="utf-8") as stream:
            count = data_export(stream=stream)
        self.stderr.write(f"wrote {count} rows to {output}")
