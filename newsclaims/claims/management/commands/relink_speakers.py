"""python manage.py relink_speakers [--article ID ...]"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from newsclaims.claims.linking import speakers_relink


class Command(BaseCommand):
    help = (
        "Link stored claims to speaker records again after an engine or linker upgrade: records that are one "
        "person are merged (their old ids redirect), one-word mentions follow the rules of newsclaims.claims.linking, "
        "and every speaker an editor chose stays as it is."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--article", type=int, action="append", metavar="ID", help="only these articles")

    def handle(self, *args: Any, article: list[int] | None, **options: Any) -> None:
        result = speakers_relink(article_ids=article)
        self.stdout.write(
            f"articles {result.articles}, claims relinked {result.relinked}, records merged {result.merged}, "
            f"one-word records removed {result.removed}"
        )
