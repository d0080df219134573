"""A batch of text articles (``ingest --async``) survives workers SIGKILLed mid-write and mid-extract.

tests/ingestion/test_worker.py kills a worker while it fetches URLs. Here the kills land inside the storing
transaction (made certain by holding a lock on the claims table, so both workers block in their INSERT) and then
while the engine runs; every article must still end up stored exactly once, with all its claims.
"""

from __future__ import annotations

import json
import time

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection

from newsclaims.attribution import extract
from newsclaims.claims.models import Article, Claim, Speaker
from newsclaims.claims.services import content_hash
from newsclaims.ingestion.models import IngestionJob
from tests.faults.conftest import kill, seed_variants, wait_for

pytestmark = [pytest.mark.services, pytest.mark.slow]
COUNT = 16


def dsn() -> str:
    db = connection.settings_dict
    return f"host={db['HOST'] or '127.0.0.1'} port={db['PORT'] or 5432} dbname={db['NAME']} user={db['USER']}" + (
        f" password={db['PASSWORD']}" if db.get("PASSWORD") else ""
    )


def statuses() -> list[str]:
    return list(IngestionJob.objects.order_by("pk").values_list("status", flat=True))


def blocked_inserts(admin: psycopg.Connection) -> int:
    """Workers waiting inside their storing transaction: on the locked claims table, or (same speaker names)
    on the other worker's uncommitted speaker alias."""
    row = admin.execute(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        " AND wait_event_type = 'Lock' AND query LIKE 'INSERT INTO %'"
    ).fetchone()
    return int(row[0]) if row else 0


def test_batch_survives_workers_killed_mid_write_and_mid_extract(workers, tmp_path):
    texts = seed_variants(COUNT)
    batch = tmp_path / "batch.jsonl"
    batch.write_text("".join(json.dumps({"text": t, "title": f"Report {n}"}) + "\n" for n, t in enumerate(texts)))
    call_command("ingest", str(batch), "--async", "--no-progress", stdout=(tmp_path / "out.txt").open("w"))
    assert statuses() == ["queued"] * COUNT

    # 1. Mid-write: with the claims table locked, both workers block inside the transaction storing an article.
    with psycopg.connect(dsn()) as locker:
        locker.execute("LOCK TABLE claims_claim IN SHARE MODE")
        first, second = workers(), workers()
        with psycopg.connect(dsn(), autocommit=True) as watcher:
            wait_for(lambda: blocked_inserts(watcher) == 2, timeout=90, what="two workers inside their INSERT")
        kill(first)
        kill(second)
        assert statuses().count("running") == 2 and "done" not in statuses()
        locker.rollback()
    # The killed workers' transactions roll back: no article without its claims, no orphan speaker.
    wait_for(lambda: not _backends_in_transaction(), timeout=30, what="the dead workers' transactions to end")
    assert not Article.objects.exists() and not Claim.objects.exists() and not Speaker.objects.exists()

    # 2. Mid-extract: a new worker takes the abandoned messages back and carries on; kill it partway through.
    time.sleep(2.5)  # older than its visibility timeout, so it restores the unacknowledged messages at start
    third = workers(visibility_timeout=2)
    wait_for(lambda: statuses().count("done") >= 3 and "running" in statuses(), timeout=90, what="the batch under way")
    kill(third)
    assert 0 < statuses().count("done") < COUNT

    # 3. One more worker finishes the batch.
    time.sleep(2.5)
    workers(visibility_timeout=2)
    wait_for(lambda: statuses() == ["done"] * COUNT, timeout=120, what="every job to finish")

    assert Article.objects.count() == COUNT
    assert sorted(Article.objects.values_list("content_hash", flat=True)) == sorted(map(content_hash, texts))
    for n, text in enumerate(texts):
        job = IngestionJob.objects.get(source=f"{batch}:{n + 1}")
        article = job.article
        assert article is not None and article.text == text and article.title == f"Report {n}"
        claims = list(article.claims.all())
        assert len(claims) == len(extract(text)) > 0
        assert all(claim.span_errors() == [] for claim in claims)
        assert job.payload == {} and job.error == ""
    assert IngestionJob.objects.filter(attempts__gte=2).count() >= 2  # the jobs killed mid-write ran again
    assert len(set(IngestionJob.objects.values_list("article_id", flat=True))) == COUNT


def _backends_in_transaction() -> bool:
    with psycopg.connect(dsn(), autocommit=True) as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
            " AND state IN ('active', 'idle in transaction') AND backend_type = 'client backend'"
        ).fetchone()
    return bool(row and row[0])
