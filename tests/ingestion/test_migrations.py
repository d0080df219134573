"""IngestionJob moved from the claims app to ingestion: a database migrated before the move keeps its jobs."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from newsclaims.ingestion.models import IngestionJob

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

BEFORE_THE_MOVE = [("claims", "0002_roles"), ("api", "0001_claim_fts_index"), ("ingestion", None)]


def migrate(targets: list[tuple[str, str | None]]) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return MigrationExecutor(connection)  # a fresh loader sees the graph as it now stands


def test_jobs_stored_before_the_move_are_there_after_it_with_their_article_and_content_type():
    executor = migrate(BEFORE_THE_MOVE)
    old = executor.loader.project_state([t for t in BEFORE_THE_MOVE if t[1] is not None]).apps
    assert "claims_ingestionjob" in connection.introspection.table_names()
    article = old.get_model("claims", "Article").objects.create(text="Old text.", content_hash="h" * 64)
    job_model = old.get_model("claims", "IngestionJob")
    done = job_model.objects.create(source="text", status="done", article=article, claims_created=2)
    queued = job_model.objects.create(source="https://x.example/", payload={"url": "https://x.example/"})

    migrate(executor.loader.graph.leaf_nodes())

    tables = connection.introspection.table_names()
    assert "ingestion_ingestionjob" in tables and "claims_ingestionjob" not in tables
    rows = IngestionJob.objects.order_by("pk").values_list("pk", "status", "article_id", "claims_created", "payload")
    assert list(rows) == [
        (done.pk, "done", article.pk, 2, {}),
        (queued.pk, "queued", None, 0, {"url": "https://x.example/"}),
    ]
    assert IngestionJob.objects.create(source="new").pk > queued.pk  # the id sequence came along
    # Permissions and admin log entries point at the content type: it moved rather than a new one appearing.
    assert list(ContentType.objects.filter(model="ingestionjob").values_list("app_label", flat=True)) == ["ingestion"]
