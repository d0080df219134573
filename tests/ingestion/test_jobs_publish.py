"""Publishing a job: by the task's name, only once the job row is committed, never from inside a transaction.

The broker is Kombu's in-memory transport: real Celery publishing in this process, no network and no Redis.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.db import transaction

from config.celery import app
from newsclaims.ingestion import jobs, tasks
from newsclaims.ingestion.models import IngestionJob
from tests.ingestion.conftest import article_text

pytestmark = pytest.mark.django_db(transaction=True)


def _reset_producer() -> None:
    app._pool = None
    if "amqp" in app.__dict__:
        app.amqp._producer_pool = None


@pytest.fixture
def published() -> Iterator[Callable[[], list[Any]]]:
    """Publish to an in-memory broker; the fixture's value drains and returns the (task, args) sent so far."""
    saved = (app.conf.broker_url, app.conf.task_always_eager)
    _reset_producer()
    app.conf.broker_url, app.conf.task_always_eager = "memory://", False
    jobs._broker_down_until.clear()

    def drain() -> list[Any]:
        sent = []
        with app.connection_for_read() as connection:
            queue = connection.SimpleQueue("celery")
            while queue.qsize():
                message = queue.get(timeout=1)
                sent.append((message.headers["task"], message.headers["argsrepr"]))
                message.ack()
            queue.close()
        return sent

    drain()
    yield drain
    drain()
    app.conf.broker_url, app.conf.task_always_eager = saved
    _reset_producer()


def test_the_jobs_module_sends_the_task_the_tasks_module_registers():
    assert tasks.ingest_article.name == jobs.INGEST_TASK


def test_a_submitted_job_is_published_once_and_not_run_here(published):
    submitted = jobs.ingestion_job_submit(payload={"text": article_text(1)}, source="text")
    assert not submitted.delayed
    assert (submitted.job.status, submitted.job.error) == ("queued", "")
    assert published() == [(jobs.INGEST_TASK, f"({submitted.job.pk},)")]


def test_inside_a_transaction_the_job_is_published_only_when_it_commits(published):
    with transaction.atomic():
        submitted = jobs.ingestion_job_submit(payload={"text": article_text(2)}, source="text")
        assert published() == []  # nothing leaves while the job row could still be rolled back
    assert published() == [(jobs.INGEST_TASK, f"({submitted.job.pk},)")]


def test_a_rolled_back_submission_publishes_nothing(published):
    with pytest.raises(RuntimeError), transaction.atomic():
        jobs.ingestion_job_submit(payload={"text": article_text(3)}, source="text")
        raise RuntimeError("the caller fails after submitting")
    assert published() == [] and not IngestionJob.objects.exists()


def test_requeue_publishes_the_delayed_jobs_and_clears_their_mark(published):
    delayed = IngestionJob.objects.create(source="text", payload={"text": article_text(4)}, error=jobs.DELAYED)
    done = IngestionJob.objects.create(source="text", status="done", error=jobs.DELAYED)
    result = jobs.ingestion_jobs_requeue()
    assert (result.published, result.waiting) == (1, 0)
    assert published() == [(jobs.INGEST_TASK, f"({delayed.pk},)")]
    delayed.refresh_from_db()
    done.refresh_from_db()
    assert delayed.error == "" and done.error == jobs.DELAYED
