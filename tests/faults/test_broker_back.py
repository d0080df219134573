"""The broker comes back: a worker starting up publishes the jobs that were delayed while it was away."""

from __future__ import annotations

import pytest

from newsclaims.attribution import extract
from newsclaims.claims.models import Article
from newsclaims.ingestion.jobs import ingestion_job_submit
from newsclaims.ingestion.models import IngestionJob
from tests.faults.conftest import seed_variants, wait_for
from tests.requires import need_postgres

pytestmark = [pytest.mark.services, pytest.mark.slow]


@pytest.fixture
def broker(own_redis) -> str:
    """The workers use our own Redis, down until the test starts it."""
    need_postgres("the worker process needs the shared PostgreSQL test database")
    return f"redis://127.0.0.1:{own_redis.port}/0"


def test_a_starting_worker_runs_the_jobs_delayed_while_the_broker_was_down(broker, own_redis, workers):
    texts = seed_variants(2)
    submitted = [ingestion_job_submit(payload={"text": text}, source=f"text {n}") for n, text in enumerate(texts)]
    assert all(s.delayed for s in submitted)
    jobs = [s.job for s in submitted]

    own_redis.start()
    workers()  # nobody ran requeue_jobs: the worker does it as it starts
    ids = [job.pk for job in jobs]
    wait_for(
        lambda: set(IngestionJob.objects.filter(pk__in=ids).values_list("status", flat=True)) == {"done"},
        timeout=90,
        what="the delayed jobs to run",
    )
    assert sorted(Article.objects.values_list("text", flat=True)) == sorted(texts)
    for job in IngestionJob.objects.filter(pk__in=ids):
        assert job.error == "" and job.payload == {} and job.attempts == 1
        assert job.article.claims.count() == job.claims_created == len(extract(job.article.text)) > 0


def test_a_running_worker_runs_them_once_it_reconnects_to_the_restarted_broker(broker, own_redis, workers):
    own_redis.start()
    workers()
    first = ingestion_job_submit(payload={"text": seed_variants(1)[0]}, source="before").job
    wait_for(lambda: IngestionJob.objects.get(pk=first.pk).status == "done", timeout=90, what="a job before the outage")

    own_redis.stop()  # Redis goes away under the running worker and comes back empty (no persistence)
    submitted = ingestion_job_submit(payload={"text": seed_variants(2)[1]}, source="during")
    late = submitted.job
    assert submitted.delayed
    own_redis.start()
    wait_for(lambda: IngestionJob.objects.get(pk=late.pk).status == "done", timeout=90, what="the delayed job")
    job = IngestionJob.objects.get(pk=late.pk)
    assert job.error == "" and job.attempts == 1 and job.article.text == seed_variants(2)[1]
