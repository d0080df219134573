"""Quoted phrases: the pairs index fences the candidates, and what matches is exactly what ``@@`` matches."""

from __future__ import annotations

import importlib
import re

import pytest
from django.db import connection

from newsclaims.claims import services
from newsclaims.claims.models import Claim
from newsclaims.claims.search import (
    FTS_CONFIG,
    PAIRS_INDEX_NAME,
    claim_search,
    claim_search_rows,
    required_phrases,
    search_pairs_function_sql,
)
from newsclaims.claims.selectors import claim_rows
from tests.factories import ArticleFactory, make_claim
from tests.requires import need_postgres

migration = importlib.import_module("newsclaims.claims.migrations.0010_claim_search_pairs")

STATEMENTS = [
    "the tram fares would rise next year",
    "next, the year of the tram",
    "fares rise; the tram year is next",
    "the cable-car fares would rise",
    "the rise of fares shocked the valley",
    "rise rise fares",
    "the orchard levy would fall next year and the tram fares would rise",
    "tram fares rose sharply",
]
QUERIES = [
    '"next year"',
    '"fares would rise"',
    '"fares would rise" orchard',
    '"next year" "tram fares"',
    '"rise of fares"',
    '"cable-car fares"',
    '"rise rise"',
    '"tram fares" -"next year"',
    '-"next year" tram',
    '"next year" or "tram fares"',
    '"next year',
    'tram "fares"',
    '"Quillon tram"',
    '"tram fare rising"',
    '""',
]


def test_migration_creates_the_function_the_code_names():
    # The migration keeps its own copy (migrations must not change with the code); they must agree.
    assert search_pairs_function_sql() == migration.FUNCTION_SQL
    assert migration.INDEX == PAIRS_INDEX_NAME


def test_required_phrases_are_the_quoted_ones_every_match_needs():
    assert required_phrases('"next year" budget "tram fares"') == ["next year", "tram fares"]
    assert required_phrases('budget -"next year"') == []
    assert required_phrases('budget - "next year"') == []
    assert required_phrases('"next year" OR budget') == []  # an or may make the phrase optional
    assert required_phrases('"next year') == []  # PostgreSQL reads unbalanced quotes its own way
    assert required_phrases('"next\\" year"') == []
    assert required_phrases('"" budget') == []
    assert required_phrases("forecast for next year") == []


@pytest.mark.django_db
def test_phrase_search_matches_exactly_what_the_full_text_match_does_on_postgres():
    need_postgres("the pairs index is PostgreSQL's")
    speaker = services.speaker_create(name="Ottoline Quillon")
    article = ArticleFactory(text="Mayor Jane Doe said " + " ".join(f"{s}." for s in STATEMENTS))
    for i, statement in enumerate(STATEMENTS):
        make_claim(article, content=statement, speaker=speaker if i == 2 else None)
    for q in QUERIES:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT id FROM claims_claim WHERE search_document @@ websearch_to_tsquery(%s::regconfig, %s)",
                [FTS_CONFIG, q],
            )
            expected = sorted(row[0] for row in cursor.fetchall())
        found = sorted(claim_search(Claim.objects.all(), q).values_list("pk", flat=True))
        assert found == expected, q
    # The fixture is not vacuous: the phrases tell claims with both words apart.
    assert len(claim_search(Claim.objects.all(), '"next year"')) == 2
    assert len(claim_search(Claim.objects.all(), "next year")) == 4
    # A phrase across the speaker's name and the statement matches, as @@ does (the document is one text).
    assert len(claim_search(Claim.objects.all(), '"Quillon fares"')) == 1


@pytest.mark.django_db
def test_ranked_phrase_search_uses_the_pairs_index_on_postgres():
    need_postgres("the pairs index is PostgreSQL's")
    make_claim(content="the bridge would reopen in May")
    matches = claim_search(Claim.objects.all(), '"bridge would"')
    sql, params = claim_search_rows(claim_rows(), matches, query='"bridge would"', ranked=True).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert PAIRS_INDEX_NAME in plan, plan


@pytest.mark.django_db
def test_review_queue_search_tests_the_phrase_before_computing_the_word_pairs():
    # The queue ORs the search with speaker and headline ids: a BitmapOr when matches are few, but a walk of the
    # queue's index testing each claim when they are many (review/paging.py). Computing every walked claim's pairs
    # took 17 s at a million claims; the positions are checked first, so only a match computes its pairs.
    need_postgres("phrases are phrases only in PostgreSQL's search (SQLite matches each word)")
    from django.http import QueryDict

    from newsclaims.claims.filters import ClaimQueueFilter
    from newsclaims.claims.selectors import claim_queue

    article = ArticleFactory(text="Mayor Jane Doe said " + " ".join(f"{s}." for s in STATEMENTS))
    for statement in STATEMENTS:
        make_claim(article, content=statement)
    queue = ClaimQueueFilter(QueryDict('q="next year"&status=any'), queryset=claim_queue()).qs
    assert re.search(r"THEN ts_match_vq\(.*?\)\) AND claim_search_pairs\(", str(queue.query))
    assert sorted(c.content_text for c in queue) == sorted(s for s in STATEMENTS if "next year" in s)
