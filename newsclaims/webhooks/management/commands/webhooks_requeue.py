"""Send again deliveries still pending, e.g. those whose task could not be published while the broker was down."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from newsclaims.webhooks.services import deliveries_requeue_pending


class Command(BaseCommand):
    help = "Queue again webhook deliveries pending for longer than --older-than seconds (default 600)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--older-than", type=int, default=600, metavar="SECONDS")

    def handle(self, *args: Any, older_than: int, **options: Any) -> None:
        count = deliveries_requeue_pending(older_than=max(0, older_than))
        self.stdout.write(f"queued {count} pending delivery(ies) again")
