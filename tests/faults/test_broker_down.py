"""Submitting articles while the Celery broker is configured but unreachable: nothing is lost, nothing hangs.

The broker is a real address where nothing answers (a closed port, or a listener that never replies); no mocks.
"""

from __future__ import annotations

import time

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from rest_framework.test import APIClient

from newsclaims.claims.models import Article
from newsclaims.ingestion.jobs import DELAYED, ingestion_job_submit
from newsclaims.ingestion.models import IngestionJob
from tests.factories import UserFactory
from tests.faults.conftest import seed_variants

TEXT = seed_variants(1)[0]


def assert_kept_and_delayed(job: IngestionJob, text: str = TEXT) -> None:
    job.refresh_from_db()
    assert job.status == "queued" and job.error == DELAYED
    assert job.payload["text"] == text  # the worker that eventually runs it has everything it needs
    assert not Article.objects.exists()


def test_service_keeps_the_job_queued_and_marks_it_delayed_when_the_broker_refuses(broker_down):
    started = time.monotonic()
    submitted = ingestion_job_submit(payload={"text": TEXT, "title": "Summit"}, source="text")
    job = submitted.job
    assert time.monotonic() - started < 10
    assert submitted.delayed is True and job.error.startswith("Delayed:")
    assert_kept_and_delayed(job)
    assert job.payload["title"] == "Summit"


def test_a_hung_broker_fails_fast_and_later_submissions_do_not_wait_again(silent_broker):
    started = time.monotonic()
    first = ingestion_job_submit(payload={"text": TEXT}, source="text").job
    # socket timeouts, one retry: seconds, not the unbounded wait of the defaults
    assert time.monotonic() - started < 15
    tried = len(silent_broker)
    assert tried >= 1
    second = ingestion_job_submit(payload={"text": TEXT + " Second edition."}, source="text").job
    assert len(silent_broker) == tried  # the broker just failed: not tried again for a few seconds
    assert_kept_and_delayed(first)
    assert_kept_and_delayed(second, TEXT + " Second edition.")


def test_web_form_submission_is_accepted_and_the_job_waits(broker_down, client):
    editor = UserFactory(editor=True)
    client.force_login(editor)
    response = client.post("/articles/new/", {"text": TEXT, "title": "Summit"})
    assert response.status_code == 302 and response["Location"].startswith("/jobs/")
    job = IngestionJob.objects.get()
    assert job.created_by == editor
    assert_kept_and_delayed(job)
    page = client.get(response["Location"])
    assert page.status_code == 200 and "Queued" in page.content.decode()


def test_api_submission_answers_202_with_the_delay_in_the_job(broker_down):
    api = APIClient()
    api.force_authenticate(UserFactory(editor=True))
    response = api.post("/api/v1/articles/", {"text": TEXT, "title": "Summit"}, format="json")
    assert response.status_code == 202, response.content
    body = response.json()
    assert body["status"] == "queued" and body["error"] == DELAYED
    assert_kept_and_delayed(IngestionJob.objects.get(pk=body["id"]))
    assert api.get(f"/api/v1/jobs/{body['id']}/").json()["error"] == DELAYED


def test_inline_mode_runs_the_job_in_process_when_the_broker_is_down(broker_down, settings, client):
    settings.NEWSCLAIMS_BROKER_DOWN = "inline"
    submitted = ingestion_job_submit(payload={"text": TEXT}, source="text")
    job = submitted.job
    assert job.status == "done" and submitted.delayed is False and job.error == ""
    assert job.article.claims.count() == job.claims_created > 0 and job.payload == {}

    client.force_login(UserFactory(editor=True))
    response = client.post("/articles/new/", {"text": TEXT + " Later edition."})
    assert response.status_code == 302
    assert IngestionJob.objects.get(pk=int(response["Location"].strip("/").split("/")[-1])).status == "done"
    assert Article.objects.count() == 2


def test_ingest_async_command_queues_a_batch_and_says_it_is_delayed(broker_down, tmp_path):
    texts = seed_variants(3)
    for n, text in enumerate(texts):
        (tmp_path / f"a{n}.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "out.txt"
    with out.open("w") as stdout:
        call_command("ingest", str(tmp_path), "--async", "--no-progress", stdout=stdout)
    report = out.read_text()
    assert "3 job(s) delayed" in report and "requeue_jobs" in report
    jobs = IngestionJob.objects.order_by("pk")
    assert [j.status for j in jobs] == ["queued"] * 3 and all(j.error == DELAYED for j in jobs)
    assert sorted(j.payload["text"] for j in jobs) == sorted(texts)


def test_requeue_command_says_when_the_broker_is_still_down(broker_down):
    job = ingestion_job_submit(payload={"text": TEXT}, source="text").job
    with pytest.raises(CommandError, match="still unavailable: 1 job"):
        call_command("requeue_jobs")
    assert_kept_and_delayed(job)


def test_requeue_command_publishes_delayed_jobs_once_the_broker_is_back(own_redis):
    import redis

    submitted = ingestion_job_submit(payload={"text": TEXT}, source="text")
    delayed = submitted.job
    waiting = IngestionJob.objects.create(source="text", payload={"text": TEXT + " Other."})  # not delayed, recent
    assert submitted.delayed
    own_redis.start()  # the same address answers again; this process's failed connection must recover
    call_command("requeue_jobs")
    client = redis.Redis(port=own_redis.port)
    assert client.llen("celery") == 1
    delayed.refresh_from_db()
    assert delayed.status == "queued" and delayed.error == ""
    call_command("requeue_jobs")  # nothing is marked delayed any more: no second message
    assert client.llen("celery") == 1
    call_command("requeue_jobs", "--stale-after", "0")  # the operator's "their messages were lost": every queued job
    assert client.llen("celery") == 3
    waiting.refresh_from_db()
    assert waiting.status == "queued"


def test_requeue_command_refuses_a_negative_age(db):
    with pytest.raises(CommandError, match="0 or more"):
        call_command("requeue_jobs", "--stale-after", "-1")
