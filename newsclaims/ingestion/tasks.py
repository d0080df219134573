"""Celery tasks: thin wrappers that take an id, call ``jobs`` or ``reextract``, and decide on retries.

``acks_late`` + ``reject_on_worker_lost``: a task is acknowledged only after it finishes, so a worker killed
mid-task leaves the message in Redis and another worker runs it again; the jobs are idempotent.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

from celery import shared_task
from celery.signals import worker_process_init

from newsclaims.claims.models import Article
from newsclaims.ingestion.jobs import ingestion_job_run, reextraction_failed
from newsclaims.ingestion.models import IngestionJob
from newsclaims.ingestion.pipeline import engine_load
from newsclaims.ingestion.reextract import article_reextract
from newsclaims.ingestion.timelimits import time_limit_error

MAX_RETRIES = 5


def backoff(retries: int) -> float:
    """Exponential backoff with jitter: 5 s, 10 s, 20 s ... capped at 10 minutes."""
    return min(600.0, 5.0 * 2.0**retries) * random.uniform(0.8, 1.2)


def durable_task(run: Callable[..., dict[str, Any]]) -> Any:
    """A bound Celery task acknowledged only once it has run (Any: Celery ships no type information)."""
    return shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=MAX_RETRIES)(run)


def load_engine(**kwargs: Any) -> None:
    """Load the spaCy pipeline once per worker process, before the first task arrives."""
    engine_load()


worker_process_init.connect(load_engine)


@durable_task
def ingest_article(self: Any, job_id: int) -> dict[str, Any]:
    final = self.request.is_eager or self.request.retries >= self.max_retries
    try:
        job = ingestion_job_run(job_id=job_id, final=final)
    except IngestionJob.DoesNotExist:
        return {"job": job_id, "status": "missing"}
    except Exception as exc:
        raise self.retry(exc=exc, countdown=backoff(self.request.retries)) from exc
    return {"job": job.pk, "status": job.status, "article": job.article_id}


@durable_task
def reextract_article(self: Any, article_id: int) -> dict[str, Any]:
    try:
        article = Article.objects.get(pk=article_id)
    except Article.DoesNotExist:
        return {"article": article_id, "status": "missing"}
    try:
        result = article_reextract(article=article)
    except Exception as exc:
        if self.request.is_eager or self.request.retries >= self.max_retries or time_limit_error(exc):
            reextraction_failed(article=article, attempts=self.request.retries + 1, error=exc)
            return {"article": article_id, "status": "failed"}
        raise self.retry(exc=exc, countdown=backoff(self.request.retries)) from exc
    return {"article": article_id, "status": "done", **result.as_dict()}
