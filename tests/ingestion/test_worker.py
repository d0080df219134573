"""Real Celery workers on a real Redis and PostgreSQL: jobs run, fail visibly, and survive a SIGKILL.

Each test starts ``celery worker`` as a subprocess pointed at the pytest-django test database; the worker is
always killed at teardown, before the test database is flushed.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from config.celery import app
from newsclaims.attribution import extract
from newsclaims.claims.models import Article, Claim
from newsclaims.ingestion.jobs import ingestion_job_submit
from newsclaims.ingestion.models import IngestionJob
from newsclaims.ingestion.tasks import reextract_article
from tests.ingestion.conftest import ARTICLE_HTML, article_text
from tests.requires import need_postgres, need_redis

pytestmark = [pytest.mark.services, pytest.mark.slow]
CELERY = Path(settings.BASE_DIR) / ".venv" / "bin" / "celery"


def _reset_producer() -> None:
    """Forget the cached producer pool so the next publish connects to the broker now configured."""
    app._pool = None
    if "amqp" in app.__dict__:
        app.amqp._producer_pool = None


@pytest.fixture
def broker(transactional_db) -> Iterator[str]:
    """This process publishes to Redis (db 15, emptied first) instead of running tasks in-process."""
    need_postgres("the worker process needs the shared PostgreSQL test database")
    url = need_redis()
    import redis

    redis.Redis.from_url(url).flushdb()
    saved = (app.conf.broker_url, app.conf.task_always_eager)
    _reset_producer()
    app.conf.broker_url, app.conf.task_always_eager = url, False
    yield url
    app.conf.broker_url, app.conf.task_always_eager = saved
    _reset_producer()


@pytest.fixture
def workers(broker, tmp_path, settings) -> Iterator[Callable[..., subprocess.Popen[bytes]]]:
    """Start worker processes (each in its own process group); all are SIGKILLed at teardown."""
    settings.NEWSCLAIMS_FETCH_ALLOW_PRIVATE = True
    db = connection.settings_dict
    database_url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    started: list[subprocess.Popen[bytes]] = []

    def start(visibility_timeout: int = 3600) -> subprocess.Popen[bytes]:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.settings",
            "DATABASE_URL": database_url,
            "DATABASE_CONN_MAX_AGE": "0",
            "CELERY_BROKER_URL": broker,
            "CELERY_VISIBILITY_TIMEOUT": str(visibility_timeout),
            "NEWSCLAIMS_FETCH_ALLOW_PRIVATE": "1",
            "NEWSCLAIMS_FETCH_TIMEOUT": "5",
        }
        if db.get("PASSWORD"):
            env["PGPASSWORD"] = db["PASSWORD"]
        log = (tmp_path / f"worker{len(started)}.log").open("wb")
        proc = subprocess.Popen(
            [str(CELERY), "-A", "config", "worker", "--pool=prefork", "-c", "1", "--loglevel=INFO",
             "--without-gossip", "--without-mingle", "-n", f"test{len(started)}-{os.getpid()}@%h"],
            cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        started.append(proc)
        return proc

    yield start
    for proc in started:
        kill(proc)
    for log in sorted(tmp_path.glob("worker*.log")):
        print(f"--- {log.name}\n{log.read_text(errors='replace')[-4000:]}")


def kill(proc: subprocess.Popen[bytes]) -> None:
    """SIGKILL the worker and its pool children: no warm shutdown, no chance to acknowledge anything."""
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)


def wait_for(condition: Callable[[], bool], timeout: float = 60, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def statuses(jobs: list[IngestionJob]) -> list[str]:
    return list(
        IngestionJob.objects.filter(pk__in=[j.pk for j in jobs]).order_by("pk").values_list("status", flat=True)
    )


def test_jobs_run_on_a_worker_and_a_failed_one_records_its_error(workers, pages):
    url = pages.add("/ok.html", ARTICLE_HTML)
    good = ingestion_job_submit(payload={"text": article_text(1), "title": "One"}, source="text").job
    fetched = ingestion_job_submit(payload={"url": url}, source=url).job
    missing = ingestion_job_submit(payload={"url": pages.base + "/gone.html"}, source="gone").job
    jobs = [good, fetched, missing]
    assert statuses(jobs) == ["queued"] * 3  # nothing runs in this process
    workers()
    wait_for(lambda: all(s in ("done", "failed") for s in statuses(jobs)), what="three jobs")

    for job in jobs:
        job.refresh_from_db()
    assert good.status == "done" and good.article.title == "One" and good.claims_created >= 2
    assert good.payload == {} and good.finished_at is not None
    assert fetched.status == "done" and fetched.article.url == url
    assert missing.status == "failed" and "returned HTTP 404" in missing.error and missing.article is None
    assert Claim.objects.filter(article=good.article).count() == good.claims_created

    again = ingestion_job_submit(payload={"text": article_text(1)}, source="text again").job
    wait_for(lambda: statuses([again]) == ["done"], what="the duplicate job")
    again.refresh_from_db()
    assert again.article_id == good.article_id and again.articles_existing == 1 and again.claims_created == 0
    assert Article.objects.count() == 2

    Claim.objects.filter(article=good.article).update(engine_version="old")
    reextract_article.delay(good.article_id)
    wait_for(lambda: not Claim.objects.filter(engine_version="old").exists(), what="re-extraction")


def test_worker_killed_mid_batch_loses_no_article_and_leaves_none_half_written(workers, pages):
    count = 8
    urls = [
        pages.add(f"/slow/{n}.html", ARTICLE_HTML.replace("Bridge", f"Bridge {n}"), delay=0.6) for n in range(count)
    ]
    jobs = [
        ingestion_job_submit(payload={"url": url, "title": f"Slow {n}"}, source=url).job for n, url in enumerate(urls)
    ]
    first = workers()
    wait_for(
        lambda: statuses(jobs).count("done") >= 2 and "running" in statuses(jobs), what="the batch to be under way"
    )
    kill(first)
    at_kill = statuses(jobs)
    assert at_kill.count("done") < count and "running" in at_kill

    time.sleep(2.5)  # older than the new worker's visibility timeout: it takes the abandoned task back at start
    workers(visibility_timeout=2)
    wait_for(lambda: statuses(jobs) == ["done"] * count, timeout=90, what="every job to finish after the restart")

    assert Article.objects.count() == count
    assert sorted(Article.objects.values_list("url", flat=True)) == sorted(urls)
    expected = len(extract(Article.objects.first().text))
    for article in Article.objects.all():
        claims = list(article.claims.all())
        assert len(claims) == len(extract(article.text)) == expected
        assert all(claim.span_errors() == [] for claim in claims)
    assert IngestionJob.objects.filter(pk__in=[j.pk for j in jobs], attempts__gte=2).exists()
