"""python manage.py ingest PATH_OR_URL... [--async] [--batch-size N]"""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from newsclaims.claims.services import article_find_duplicate
from newsclaims.ingestion.bulk import Outcome, Summary, article_ingest_many
from newsclaims.ingestion.errors import IngestionError
from newsclaims.ingestion.jobs import ingestion_job_submit
from newsclaims.ingestion.sources import iter_items
from newsclaims.ingestion.submission import validate_submission


class Command(BaseCommand):
    help = (
        "Ingest articles (.txt and .html files, folders of them, .jsonl files with one article a line, or http(s) "
        "URLs): store them with the claims the engine finds. Prints created / already present / failed at the end."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("sources", nargs="+", metavar="PATH_OR_URL")
        parser.add_argument("--async", dest="use_async", action="store_true", help="queue Celery jobs instead")
        parser.add_argument("--batch-size", type=int, default=32, help="texts per engine batch (default 32)")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    delayed = 0  # jobs left waiting because the broker was away

    def handle(self, *args: Any, sources: list[str], use_async: bool, batch_size: int, **options: Any) -> None:
        if batch_size < 1 or batch_size > 10_000:
            raise CommandError("--batch-size must be between 1 and 10000.")
        show = not options["no_progress"] and options.get("verbosity", 1) > 0
        # tqdm needs the raw stream: Django's wrapper would add a newline to every carriage-return update.
        self.err = getattr(self.stderr, "_out", sys.stderr)
        bar = tqdm(desc="articles", unit="article", disable=not show, file=self.err, dynamic_ncols=True)
        try:
            summary = self._queue(sources, bar) if use_async else self._ingest(sources, batch_size, bar)
        finally:
            bar.close()
        self._print_summary(summary, queued=use_async)
        if summary.failed and not (summary.created or summary.existing):
            raise CommandError("nothing was ingested.")

    def _ingest(self, sources: list[str], batch_size: int, bar: tqdm) -> Summary:
        def progress(outcome: Outcome) -> None:
            bar.update(1)
            if outcome.status == "failed":
                bar.write(f"failed: {outcome.label}: {outcome.error}", file=self.err)

        return article_ingest_many(iter_items(sources), batch_size=batch_size, on_outcome=progress)

    def _queue(self, sources: list[str], bar: tqdm) -> Summary:
        summary = Summary()
        self.delayed = 0
        for item in iter_items(sources):
            bar.update(1)
            try:
                payload = validate_submission(item.load())
                known = article_find_duplicate(text=payload.get("text"), url=payload.get("url"))
                if known is not None:
                    summary.add(Outcome(item.label, "existing", known.pk))
                    continue
                submitted = ingestion_job_submit(payload=payload, source=item.label)
            except IngestionError as exc:
                summary.add(Outcome(item.label, "failed", error=str(exc)))
                continue
            job = submitted.job
            self.delayed += int(submitted.delayed)
            bar.write(f"job {job.pk}: {item.label} ({job.status})", file=self.err)
            # With no broker the job has already run in this process; count it as it ended.
            status = {"done": "created" if job.articles_done else "existing", "failed": "failed"}.get(job.status)
            summary.add(Outcome(item.label, status or "created", job.article_id, job.claims_created, job.error))
        return summary

    def _print_summary(self, summary: Summary, *, queued: bool) -> None:
        from config.celery import app

        if queued and app.conf.task_always_eager:
            self.stdout.write("No Celery broker is configured (CELERY_BROKER_URL): the jobs ran in this process.")
        first = "queued" if queued and not app.conf.task_always_eager else "created"
        self.stdout.write(
            f"{first} {summary.created}, already present {summary.existing}, failed {summary.failed}; "
            f"{summary.claims} claims stored"
        )
        for label, reason in summary.failures:
            self.stdout.write(f"  failed: {label}: {reason}")
        if queued and self.delayed:
            self.stdout.write(
                f"{self.delayed} job(s) delayed: the task queue (broker) is unavailable. They stay queued and run "
                "when it is back (run `manage.py requeue_jobs`, or start a worker)."
            )
