"""python manage.py requeue_jobs [--stale-after SECONDS]"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from newsclaims.ingestion.jobs import ingestion_jobs_requeue


class Command(BaseCommand):
    help = (
        "Send queued ingestion jobs to the workers again: those delayed because the task queue (broker) was down "
        "when they were submitted, and with --stale-after also every job queued for longer than that (its message "
        "may have been lost, e.g. with a Redis restart). Running a job twice is harmless."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--stale-after", type=float, default=None, metavar="SECONDS", help="also jobs queued this long"
        )

    def handle(self, *args: Any, stale_after: float | None, **options: Any) -> None:
        if stale_after is not None and stale_after < 0:
            raise CommandError("--stale-after must be 0 or more seconds.")
        result = ingestion_jobs_requeue(stale_after=stale_after)
        self.stdout.write(f"published {result.published} queued job(s)")
        if result.waiting:
            raise CommandError(f"the task queue is still unavailable: {result.waiting} job(s) stay queued.")
