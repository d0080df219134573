"""The search document: the migration's generated column, its index, and the speaker names it holds."""

from __future__ import annotations

import importlib

import pytest
from django.db import connection

from newsclaims.claims import services
from newsclaims.claims.models import Claim
from newsclaims.claims.search import (
    SEARCH_INDEX_NAME,
    claim_search,
    claim_search_rows,
    search_document_sql,
    speaker_search_text,
)
from newsclaims.claims.selectors import claim_rows
from tests.factories import ArticleFactory, SpeakerFactory, make_claim
from tests.requires import need_postgres

pytestmark = pytest.mark.django_db

migration = importlib.import_module("newsclaims.claims.migrations.0007_claim_search_document")


def found(q: str) -> list[int]:
    return list(claim_search(Claim.objects.all(), q).order_by("pk").values_list("pk", flat=True))


def test_generated_column_and_query_use_the_same_document():
    # The migration keeps its own copy (migrations must not change with the code); they must agree.
    assert search_document_sql() == migration.DOCUMENT
    assert migration.INDEX == SEARCH_INDEX_NAME


def test_ranked_search_uses_the_gin_index_on_postgres():
    need_postgres("the GIN full-text index exists only on PostgreSQL")
    make_claim(content="the bridge would reopen in May")
    matches = claim_search(Claim.objects.all(), "bridge reopen")
    sql, params = claim_search_rows(claim_rows(), matches, query="bridge reopen", ranked=True).query.sql_with_params()
    with connection.cursor() as cursor:
        # A handful of rows would always be scanned sequentially; forbid that to see what the index offers.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert SEARCH_INDEX_NAME in plan, plan


def test_speaker_text_lists_each_form_once():
    assert speaker_search_text("Orla Venmark", ["orla venmark", "Minister Venmark", " Minister  Venmark "]) == (
        "Orla Venmark; Minister Venmark"
    )


def test_search_finds_the_current_speaker_by_name_and_alias_not_the_engines_guess():
    wrong = SpeakerFactory(name="Tamsin Oruvale")
    right = services.speaker_create(name="Bexley Quendral", aliases=("Governor Quendral",))
    claim = make_claim(
        speaker=wrong, speaker_name="Tamsin Oruvale", speaker_text="(absent)", content="the bridge would reopen in May"
    )
    assert found("Oruvale") == [claim.pk]
    services.claim_review(claim=claim, actor=None, expected_version=1, speaker=right)
    assert found("Quendral") == [claim.pk]
    assert found("Governor Quendral") == [claim.pk]
    assert found("Oruvale") == []


def test_rename_alias_add_and_remove_reach_the_speakers_claims():
    speaker = services.speaker_create(name="Idris Malvern")
    claim = make_claim(speaker=speaker, speaker_text="(absent)", content="the bridge would reopen in May")
    services.speaker_update(speaker=speaker, name="Idris Calloway", kind="person", description="", wikidata_qid="")
    assert found("Calloway") == [claim.pk]
    alias = services.speaker_alias_add(speaker=speaker, name="Judge Pemberly")
    assert found("Pemberly") == [claim.pk]
    assert alias is not None
    services.speaker_alias_remove(alias=alias)
    assert found("Pemberly") == []


def test_merge_gives_moved_claims_the_targets_names_and_delete_falls_back_to_the_guess():
    source = services.speaker_create(name="Nell Farrowby")
    target = services.speaker_create(name="Eleanor Farrowby-Stane")
    claim = make_claim(
        speaker=source, speaker_name="N. Farrowby", speaker_text="(absent)", content="the bridge would reopen in May"
    )
    services.speaker_merge(source=source, target=target)
    assert found("Farrowby-Stane") == [claim.pk]
    assert found("Nell") == [claim.pk]  # the source's name is now one of the target's aliases
    services.speaker_delete(speaker=target)
    claim.refresh_from_db()
    assert claim.search_speaker == "N. Farrowby"


def test_claims_without_a_speaker_are_found_by_the_engines_guess():
    claim = make_claim(
        speaker_name="Unnamed Harbour Official", speaker_text="(absent)", content="the bridge would reopen in May"
    )
    assert found("harbour official") == [claim.pk]


def test_claims_created_in_bulk_carry_their_speakers_names():
    speaker = services.speaker_create(name="Rosalind Vexmoor", aliases=("Mayor Vexmoor",))
    article = ArticleFactory()
    claim = make_claim(article, speaker=speaker, speaker_text="(absent)")
    assert Claim.objects.get(pk=claim.pk).search_speaker == "Rosalind Vexmoor; Mayor Vexmoor"
