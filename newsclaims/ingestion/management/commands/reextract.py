"""python manage.py reextract [--article ID ...] [--all] [--outdated]"""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import QuerySet
from tqdm import tqdm

from newsclaims.attribution import ENGINE_VERSION
from newsclaims.claims.linking import SpeakerLinker
from newsclaims.claims.models import Article
from newsclaims.ingestion.pipeline import find_statements_many
from newsclaims.ingestion.reextract import article_reextract


class Command(BaseCommand):
    help = (
        "Run the current engine again on stored articles. Claims an editor worked on are kept (flagged when the "
        "engine no longer finds them); untouched claims keep their ids, updated in place or retired."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--article", type=int, action="append", default=[], metavar="ID", help="repeatable")
        parser.add_argument("--all", action="store_true", help="every article")
        parser.add_argument("--outdated", action="store_true", help=f"only articles not at engine {ENGINE_VERSION}")
        parser.add_argument("--batch-size", type=int, default=32)
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args: Any, article: list[int], all: bool, outdated: bool, **options: Any) -> None:
        if bool(article) == bool(all or outdated):
            raise CommandError("Give --article ID (one or more) or --all / --outdated.")
        articles: QuerySet[Article] = Article.objects.order_by("id")
        if article:
            articles = articles.filter(pk__in=article)
            missing = sorted(set(article) - set(articles.values_list("pk", flat=True)))
            if missing:
                raise CommandError(f"No article with id {', '.join(map(str, missing))}.")
        if outdated:
            articles = articles.exclude(engine_version=ENGINE_VERSION)
        batch_size = max(1, options["batch_size"])
        ids = list(articles.values_list("pk", flat=True))
        totals = {"kept": 0, "missing": 0, "updated": 0, "replaced": 0, "created": 0}
        linker = SpeakerLinker()
        show = not options["no_progress"] and options.get("verbosity", 1) > 0
        err = getattr(self.stderr, "_out", sys.stderr)  # the raw stream: tqdm redraws with carriage returns
        with tqdm(total=len(ids), desc="articles", unit="article", disable=not show, file=err) as bar:
            for start in range(0, len(ids), batch_size):
                batch = list(Article.objects.filter(pk__in=ids[start : start + batch_size]).order_by("id"))
                found = find_statements_many([a.text for a in batch], batch_size=batch_size)
                for item, statements in zip(batch, found, strict=True):
                    result = article_reextract(article=item, statements=statements, linker=linker)
                    for key, value in result.as_dict().items():
                        totals[key] += value
                    bar.update(1)
        self.stdout.write(
            f"re-extracted {len(ids)} article(s) with engine {ENGINE_VERSION}: {totals['created']} new claims, "
            f"{totals['updated']} unreviewed claims updated in place, {totals['replaced']} retired, "
            f"{totals['kept']} edited claims kept, "
            f"{totals['missing']} edited claims no longer found (kept, flagged)"
        )
