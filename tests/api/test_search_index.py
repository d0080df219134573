from __future__ import annotations

import importlib

import pytest
from django.db import connection

from newsclaims.claims.search import FTS_INDEX_NAME, claim_search, fts_document_sql
from newsclaims.claims.selectors import claim_rows
from tests.factories import make_claim
from tests.requires import need_postgres

pytestmark = pytest.mark.django_db

migration = importlib.import_module("newsclaims.claims.migrations.0004_claim_fts_index")


def test_index_migration_and_query_use_the_same_expression():
    # The planner uses an expression index only for the identical expression.
    assert fts_document_sql() == migration.DOCUMENT
    assert migration.INDEX == FTS_INDEX_NAME


def test_search_query_uses_the_gin_index_on_postgres():
    need_postgres("the GIN full-text index exists only on PostgreSQL")
    make_claim(content="the bridge would reopen in May")
    sql, params = claim_search(claim_rows(), "bridge reopen").query.sql_with_params()
    with connection.cursor() as cursor:
        # A handful of rows would always be scanned sequentially; forbid that to see what the index offers.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert FTS_INDEX_NAME in plan, plan


def test_search_understands_stems_and_phrases_on_postgres(reader_client):
    need_postgres("stemming and web-search syntax are PostgreSQL full-text features")
    claim = make_claim(content="the bridge would reopen in May")
    ids = lambda q: [r["id"] for r in reader_client.get("/api/v1/claims/", {"q": q}).json()["results"]]  # noqa: E731
    assert ids("reopening bridges") == [claim.pk]
    assert ids('"reopen in May"') == [claim.pk]
    assert ids("bridge -May") == []
