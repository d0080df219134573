"""Placeholder until the ingestion issue lands: stores .txt articles (no claims yet)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from newsclaims.claims import services


class Command(BaseCommand):
    help = "Store the articles in the given .txt files or folders."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("paths", nargs="+")

    def handle(self, *args: Any, paths: list[str], **options: Any) -> None:
        created = existing = 0
        for raw in paths:
            path = Path(raw)
            if not path.exists():
                raise CommandError(f"{raw}: no such file or folder")
            files = sorted(path.glob("*.txt")) if path.is_dir() else [path]
            for file in files:
                text = file.read_text(encoding="utf-8")
                title = text.strip().splitlines()[0][:120] if text.strip() else file.stem
                try:
                    services.article_create(text=text, title=title)
                    created += 1
                except services.DuplicateArticle:
                    existing += 1
        self.stdout.write(f"created {created}, already present {existing}")
