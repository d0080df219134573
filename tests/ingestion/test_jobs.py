"""Ingestion jobs without a broker: validated on submit, run in-process, ending done or failed in plain words."""

from __future__ import annotations

import pytest

from newsclaims.claims.models import Article
from newsclaims.ingestion.errors import IngestionError
from newsclaims.ingestion.jobs import ingestion_job_run, ingestion_job_submit
from newsclaims.ingestion.models import IngestionJob
from tests.ingestion.conftest import article_text

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({}, "exactly one of text, html or url"),
        ({"text": ""}, "empty"),
        ({"text": "x", "html": "<p>x</p>"}, "exactly one"),
        ({"url": "file:///etc/passwd"}, "not an http or https address"),
        ({"text": article_text(1), "colour": "red"}, "Unknown fields: colour"),
        ({"text": article_text(1), "published_at": 20240101}, "published_at"),
        (["not", "a", "dict"], "JSON object"),
    ],
)
def test_bad_payload_is_refused_before_any_job_exists(payload, message):
    with pytest.raises(IngestionError, match=message):
        ingestion_job_submit(payload=payload, source="api")
    assert IngestionJob.objects.count() == 0


def test_job_without_a_broker_runs_now_and_records_counts(editor):
    job = ingestion_job_submit(payload={"text": article_text(1), "title": "T"}, source="api", created_by=editor).job
    assert job.status == "done" and job.attempts == 1 and job.created_by == editor
    assert (job.articles_total, job.articles_done, job.articles_existing) == (1, 1, 0)
    assert job.claims_created == job.article.claims.count() >= 2
    assert job.payload == {} and job.error == "" and job.started_at <= job.finished_at


def test_job_for_an_unreachable_page_fails_with_the_reason(pages):
    job = ingestion_job_submit(payload={"url": pages.base + "/nothing-here"}, source="url").job
    assert job.status == "failed" and job.articles_failed == 1
    assert job.error == f"{pages.base}/nothing-here returned HTTP 404 Not Found."
    assert job.payload["url"] == pages.base + "/nothing-here"  # kept, so it can be looked at or resubmitted
    assert Article.objects.count() == 0


def test_running_a_finished_job_again_changes_nothing():
    job = ingestion_job_submit(payload={"text": article_text(2)}, source="api").job
    again = ingestion_job_run(job_id=job.pk)
    assert (again.status, again.attempts, again.article_id) == ("done", 1, job.article_id)
    assert Article.objects.count() == 1


def test_unexpected_error_is_raised_for_a_retry_then_recorded_on_the_last_attempt(settings):
    job = IngestionJob.objects.create(source="api", payload={"text": article_text(3)}, articles_total=1)

    # A real engine failure: the configured spaCy pipeline is not installed.
    settings.NEWSCLAIMS_SPACY_MODEL = "no_such_spacy_pipeline"
    with pytest.raises(OSError, match="no_such_spacy_pipeline"):
        ingestion_job_run(job_id=job.pk, final=False)
    job.refresh_from_db()
    assert job.status == "running" and job.attempts == 1
    failed = ingestion_job_run(job_id=job.pk, final=True)
    assert failed.status == "failed" and failed.attempts == 2
    assert failed.error.startswith("Ingestion failed after 2 attempt(s): OSError:")
    assert "no_such_spacy_pipeline" in failed.error
    assert Article.objects.count() == 0


def test_a_reextraction_stopped_by_the_soft_time_limit_leaves_a_failed_job_saying_so(settings):
    from celery.exceptions import SoftTimeLimitExceeded

    from newsclaims.ingestion.jobs import reextraction_failed
    from tests.factories import ArticleFactory

    settings.CELERY_TASK_SOFT_TIME_LIMIT = 90
    article = ArticleFactory()
    job = reextraction_failed(article=article, attempts=1, error=SoftTimeLimitExceeded())
    assert (job.status, job.article, job.articles_failed) == ("failed", article, 1)
    assert job.error.startswith("Stopped after 90 seconds")
    other = reextraction_failed(article=article, attempts=6, error=OSError("disk full"))
    assert other.error == "Re-extraction failed: OSError: disk full" and other.attempts == 6
