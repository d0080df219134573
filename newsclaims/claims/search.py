"""Full-text search over claims: one SQL expression shared by the GIN index and the query.

Hand-written SQL rather than ``django.contrib.postgres.search``: PostgreSQL uses an expression index only
when the query repeats the indexed expression exactly, and ``SearchVector`` writes its own expression (casts
and concatenation of its choosing, which may change between Django versions), so the index would silently go
unused. Here the index migration and ``claim_search`` are both built from ``fts_document_sql``. The query is
also fenced in a subquery (see ``claim_search``), which the ORM's lookups cannot express.
"""

from __future__ import annotations

from typing import TypeVar

from django.db import connection
from django.db.models import BooleanField, Model, Q, QuerySet
from django.db.models.expressions import RawSQL

FTS_CONFIG = "english"
FTS_INDEX_NAME = "claim_fts_idx"
_FIELDS = ("content_text", "speaker_name", "speaker_text")
MAX_QUERY_LENGTH = 300
_M = TypeVar("_M", bound=Model)


def fts_document_sql(table: str = "") -> str:
    prefix = f'"{table}".' if table else ""
    parts = " || ' ' || ".join(f"COALESCE({prefix}\"{name}\", '')" for name in _FIELDS)
    return f"to_tsvector('{FTS_CONFIG}'::regconfig, {parts})"


def claim_search(queryset: QuerySet[_M], query: str) -> QuerySet[_M]:
    """Claims matching ``query``: web-search syntax on PostgreSQL, every word as a substring elsewhere."""
    query = query.strip()
    if not query:
        return queryset
    if connection.vendor == "postgresql":
        table = queryset.model._meta.db_table
        # The matches are collected through the GIN index first. As a plain WHERE, the planner tends to walk
        # the page's sort index and test every row, expecting matches soon: seconds at 100k claims when the
        # words are rare or never together. OFFSET 0 keeps it from flattening the subquery back into that.
        matches = f"{fts_document_sql('fts')} @@ websearch_to_tsquery('{FTS_CONFIG}'::regconfig, %s)"
        sql = f'"{table}"."id" IN (SELECT fts."id" FROM "{table}" fts WHERE {matches} OFFSET 0)'  # noqa: S608
        # Only constants are interpolated; the user's words go in as a parameter.
        return queryset.filter(RawSQL(sql, (query,), output_field=BooleanField()))  # noqa: S611
    for word in query.split():
        word = word.strip("\"'")
        if word and word != "or" and not word.startswith("-"):
            queryset = queryset.filter(
                Q(content_text__icontains=word) | Q(speaker_name__icontains=word) | Q(speaker_text__icontains=word)
            )
    return queryset
