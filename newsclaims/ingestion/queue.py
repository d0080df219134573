"""Handing ingestion jobs to the workers, and what happens when the broker is away.

The job row, payload included, is committed before anything is published, so an unreachable broker loses
nothing: the job stays ``queued`` and its ``error`` says it is delayed (NEWSCLAIMS_BROKER_DOWN="queue"), or it runs
in the submitting process (="inline"). ``ingestion_jobs_requeue`` publishes delayed jobs again once the broker is
back; ``manage.py requeue_jobs`` calls it, and so does every worker each time it connects to the broker
(``newsclaims.ingestion.worker``).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from newsclaims.ingestion.models import IngestionJob

log = logging.getLogger(__name__)

DELAYED = "Delayed: the task queue is unavailable. The article is saved and will be processed when it is back."
# After one failed publish, submissions skip the broker this long: during an outage each request would
# otherwise wait for its own connection timeout.
SKIP_AFTER_FAILURE = 5.0
_broker_down_until: dict[str, float] = {}


def _broker_url() -> str:
    from config.celery import app

    return str(app.conf.broker_url or "")


def publish(job_id: int) -> bool:
    """One attempt to send the job to the workers; False when the broker cannot be reached."""
    from newsclaims.ingestion.tasks import ingest_article

    try:
        ingest_article.apply_async((job_id,))
    except Exception as exc:  # kombu wraps socket and Redis errors; whatever it is, the job row is safe
        log.warning("could not publish ingestion job %s: %s: %s", job_id, type(exc).__name__, exc)
        _broker_down_until[_broker_url()] = time.monotonic() + SKIP_AFTER_FAILURE
        return False
    _broker_down_until.pop(_broker_url(), None)
    return True


def ingestion_job_publish(*, job: IngestionJob) -> bool:
    """Publish a new job; when the broker is away, mark it delayed (``job.delayed``, ``job.error``) and say False."""
    recently_down = _broker_down_until.get(_broker_url(), 0.0) > time.monotonic()
    if not recently_down and publish(job.pk):
        job.delayed = False  # type: ignore[attr-defined]
        return True
    IngestionJob.objects.filter(pk=job.pk, status=IngestionJob.Status.QUEUED).update(error=DELAYED)
    job.error, job.delayed = DELAYED, True  # type: ignore[attr-defined]
    return False


def broker_down_runs_inline() -> bool:
    return getattr(settings, "NEWSCLAIMS_BROKER_DOWN", "queue") == "inline"


@dataclass(frozen=True)
class Requeued:
    published: int
    waiting: int  # still queued because the broker is still away


def ingestion_jobs_requeue(*, stale_after: float | None = None, limit: int = 10_000) -> Requeued:
    """Publish the queued jobs marked delayed, and with ``stale_after`` (seconds) also every job queued longer.

    A stale job's message may still be in the broker; running a job twice is harmless (see ``ingestion_job_run``).
    Rows are locked while publishing (skipping rows another requeue holds), so two workers starting together do
    not both publish them.
    """
    wanted = Q(error__startswith=DELAYED)
    if stale_after is not None:
        wanted |= Q(created_at__lt=timezone.now() - timedelta(seconds=stale_after))
    published: list[int] = []
    with transaction.atomic():
        jobs = (
            IngestionJob.objects.filter(wanted, status=IngestionJob.Status.QUEUED)
            .select_for_update(skip_locked=True)
            .order_by("pk")
            .values_list("pk", flat=True)[:limit]
        )
        pending = list(jobs)
        for job_id in pending:
            if not publish(job_id):
                break
            published.append(job_id)
        IngestionJob.objects.filter(pk__in=published, error__startswith=DELAYED).update(error="")
    if published:
        log.info("published %d queued ingestion job(s) again", len(published))
    return Requeued(published=len(published), waiting=len(pending) - len(published))
