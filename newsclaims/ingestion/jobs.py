"""An ingestion job's life: submit -> publish -> run -> finish, and requeue when the broker was away.

Arrows go one way: tasks -> jobs -> pipeline. This module never imports the tasks; it sends the task by its
name, and only once the job row is committed (``transaction.on_commit``), so an unreachable broker loses
nothing: the job stays ``queued`` and its ``error`` says it is delayed (NEWSCLAIMS_BROKER_DOWN="queue"), or it
runs in the submitting process (="inline"). ``ingestion_jobs_requeue`` publishes delayed jobs again once the
broker is back; ``manage.py requeue_jobs`` calls it, and so does every worker each time it connects to the
broker (``newsclaims.ingestion.worker``).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from newsclaims.claims import services as claim_services
from newsclaims.claims.models import Article
from newsclaims.ingestion.errors import IngestionError
from newsclaims.ingestion.models import IngestionJob
from newsclaims.ingestion.pipeline import article_ingest
from newsclaims.ingestion.submission import validate_submission
from newsclaims.ingestion.timelimits import time_limit_error

log = logging.getLogger(__name__)

INGEST_TASK = "newsclaims.ingestion.tasks.ingest_article"  # the name tasks.ingest_article is registered under
DELAYED = "Delayed: the task queue is unavailable. The article is saved and will be processed when it is back."
# After one failed publish, submissions skip the broker this long: during an outage each request would
# otherwise wait for its own connection timeout.
SKIP_AFTER_FAILURE = 5.0
_broker_down_until: dict[str, float] = {}
_FINISHED = (IngestionJob.Status.DONE, IngestionJob.Status.FAILED)


@dataclass(frozen=True)
class Submitted:
    job: IngestionJob  # as it stands when submit returns: already finished if it ran in this process
    delayed: bool  # the broker was unreachable: the job waits, queued, for a requeue


# --- publish --------------------------------------------------------------------------


def _celery_app() -> Any:
    from config.celery import app

    return app


def _broker_url() -> str:
    return str(_celery_app().conf.broker_url or "")


def publish(job_id: int) -> bool:
    """One attempt to send the job to the workers; False when the broker cannot be reached."""
    try:
        _celery_app().send_task(INGEST_TASK, args=(job_id,))
    except Exception as exc:  # kombu wraps socket and Redis errors; whatever it is, the job row is safe
        log.warning("could not publish ingestion job %s: %s: %s", job_id, type(exc).__name__, exc)
        _broker_down_until[_broker_url()] = time.monotonic() + SKIP_AFTER_FAILURE
        return False
    _broker_down_until.pop(_broker_url(), None)
    return True


def broker_down_runs_inline() -> bool:
    return getattr(settings, "NEWSCLAIMS_BROKER_DOWN", "queue") == "inline"


def _dispatch(job_id: int) -> bool:
    """Publish a committed job; True when it stays delayed because the broker is away."""
    recently_down = _broker_down_until.get(_broker_url(), 0.0) > time.monotonic()
    if not recently_down and publish(job_id):
        return False
    IngestionJob.objects.filter(pk=job_id, status=IngestionJob.Status.QUEUED).update(error=DELAYED)
    if not broker_down_runs_inline():
        return True
    log.warning("broker unavailable: running ingestion job %s in this process", job_id)
    ingestion_job_run(job_id=job_id, final=True)
    return False


# --- submit ---------------------------------------------------------------------------


def ingestion_job_submit(*, payload: dict[str, Any], source: str, created_by: Any = None) -> Submitted:
    """Validate, record a queued job, and hand it to a worker once it is committed.

    With no broker configured (Celery's eager mode) the job runs now, in this process. Called inside a
    transaction, the job is published when that commits, and ``delayed`` is False until then.
    """
    clean = validate_submission(payload)
    user = created_by if created_by is not None and getattr(created_by, "is_authenticated", False) else None
    job = IngestionJob.objects.create(
        source=(source or clean.get("url") or "text")[:2000], payload=clean, created_by=user, articles_total=1
    )
    if _celery_app().conf.task_always_eager:
        return Submitted(job=ingestion_job_run(job_id=job.pk, final=True), delayed=False)
    outcome: list[bool] = []
    # Outside a transaction this runs at once, so the caller learns whether the job is delayed.
    transaction.on_commit(lambda: outcome.append(_dispatch(job.pk)))
    if outcome:
        job.refresh_from_db()
    return Submitted(job=job, delayed=bool(outcome and outcome[0]))


def article_submit(*, payload: dict[str, Any], source: str, created_by: Any = None) -> Article | Submitted:
    """What every input surface calls: the stored article when this one is already stored, else a new job.

    Refuses a bad submission with IngestionError before anything is stored. Text is recognised by its content
    hash and a URL by itself; HTML can only be recognised once its text is extracted, by the job.
    """
    clean = validate_submission(payload)
    known = claim_services.article_find_duplicate(text=clean.get("text"), url=clean.get("url"))
    if known is not None:
        return known
    return ingestion_job_submit(payload=clean, source=source, created_by=created_by)


# --- run and finish -------------------------------------------------------------------


def _start(job_id: int) -> IngestionJob:
    with transaction.atomic():
        job = IngestionJob.objects.select_for_update().get(pk=job_id)
        if job.status in _FINISHED:
            return job
        job.status = IngestionJob.Status.RUNNING
        job.attempts += 1
        job.started_at = job.started_at or timezone.now()
        job.error = ""  # a "delayed" note from submission no longer holds
        job.save(update_fields=["status", "attempts", "started_at", "error"])
        return job


def _finish(job_id: int, **fields: Any) -> IngestionJob:
    with transaction.atomic():
        job = IngestionJob.objects.select_for_update().get(pk=job_id)
        if job.status in _FINISHED:
            return job  # a redelivered copy of the task finished first
        for key, value in fields.items():
            setattr(job, key, value)
        job.finished_at = timezone.now()
        job.save()
        return job


def ingestion_job_run(*, job_id: int, final: bool = True) -> IngestionJob:
    """Run a queued job; safe to run twice. Unexpected errors are re-raised for a retry unless ``final``.

    Twice, even at once (a redelivered or requeued message): the article's unique hash and URL let one copy store
    it and the other find it stored, and ``_finish`` keeps whichever result came first.
    """
    job = _start(job_id)
    if job.status in _FINISHED:
        return job
    kwargs = {k: v for k, v in job.payload.items() if k in ("text", "html", "url", "title", "outlet", "author")}
    try:
        result = article_ingest(published_at=job.payload.get("published_at"), **kwargs)
    except IngestionError as exc:
        return _finish(job_id, status=IngestionJob.Status.FAILED, error=str(exc), articles_failed=1)
    except Exception as exc:
        if (stopped := time_limit_error(exc)) is not None:
            # A retry would hit the same limit on the same page or article: the job fails now.
            return _finish(job_id, status=IngestionJob.Status.FAILED, error=stopped, articles_failed=1)
        if not final:
            raise
        log.exception("ingestion job %s failed", job_id)
        error = f"Ingestion failed after {job.attempts} attempt(s): {type(exc).__name__}: {exc}"
        return _finish(job_id, status=IngestionJob.Status.FAILED, error=error[:5000], articles_failed=1)
    return _finish(
        job_id,
        status=IngestionJob.Status.DONE,
        article=result.article,
        articles_done=int(result.created),
        articles_existing=int(not result.created),
        claims_created=result.claims_created,
        error="",
        payload={},
    )


def reextraction_failed(*, article: Article, attempts: int, error: Exception) -> IngestionJob:
    """A re-extraction that failed for good leaves a failed job users can see, as an ingestion would."""
    message = time_limit_error(error) or f"Re-extraction failed: {type(error).__name__}: {error}"
    return IngestionJob.objects.create(
        status=IngestionJob.Status.FAILED,
        source=f"re-extract article {article.pk}",
        article=article,
        articles_total=1,
        articles_failed=1,
        attempts=attempts,
        error=message[:5000],
        finished_at=timezone.now(),
    )


# --- requeue --------------------------------------------------------------------------


@dataclass(frozen=True)
class Requeued:
    published: int
    waiting: int  # still queued because the broker is still away


def ingestion_jobs_requeue(*, stale_after: float | None = None, limit: int = 10_000) -> Requeued:
    """Publish the queued jobs marked delayed, and with ``stale_after`` (seconds) also every job queued longer.

    A stale job's message may still be in the broker; running a job twice is harmless (see ``ingestion_job_run``).
    The rows are claimed in a short transaction that locks them (skipping rows another requeue holds) and takes
    their "delayed" mark, so two workers starting together do not both publish them; publishing happens after
    it commits, and a job that still cannot be published gets its mark back.
    """
    wanted = Q(error__startswith=DELAYED)
    if stale_after is not None:
        wanted |= Q(created_at__lt=timezone.now() - timedelta(seconds=stale_after))
    with transaction.atomic():
        pending = list(
            IngestionJob.objects.filter(wanted, status=IngestionJob.Status.QUEUED)
            .select_for_update(skip_locked=True)
            .order_by("pk")
            .values_list("pk", "error")[:limit]
        )
        delayed = [pk for pk, error in pending if error.startswith(DELAYED)]
        IngestionJob.objects.filter(pk__in=delayed).update(error="")
    published: list[int] = []
    for job_id, _ in pending:
        if not publish(job_id):
            break
        published.append(job_id)
    unpublished = set(delayed) - set(published)
    IngestionJob.objects.filter(pk__in=unpublished, status=IngestionJob.Status.QUEUED).update(error=DELAYED)
    if published:
        log.info("published %d queued ingestion job(s) again", len(published))
    return Requeued(published=len(published), waiting=len(pending) - len(published))
