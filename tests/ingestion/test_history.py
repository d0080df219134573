"""Ingestion and re-extraction write through the claims services, so they leave the history a service write leaves.

Creating a claim records no history row (history is what happened to a claim after it existed, and a row makes a
claim an editor's work that re-extraction keeps); the engine losing or finding again an edited claim records one
``engine_missing`` / ``engine_found`` row without an actor and without a version step.
"""

from __future__ import annotations

import pytest

from newsclaims.attribution import extract
from newsclaims.claims import services
from newsclaims.claims.models import Claim, ClaimEvent
from newsclaims.ingestion.bulk import article_ingest_many
from newsclaims.ingestion.pipeline import article_ingest
from newsclaims.ingestion.reextract import article_reextract
from newsclaims.ingestion.sources import Item
from tests.factories import ArticleFactory, make_claim
from tests.ingestion.conftest import article_text

pytestmark = pytest.mark.django_db


def history(claim: Claim) -> list[tuple[str, str, object, object, object, int | None]]:
    return [
        (e.action, e.field, e.old_value, e.new_value, e.actor_id, e.version)
        for e in ClaimEvent.objects.filter(claim=claim).order_by("id")
    ]


def test_claims_stored_by_a_service_an_ingest_a_bulk_ingest_and_a_reextraction_start_with_the_same_history():
    by_service = make_claim(ArticleFactory())
    ingested = article_ingest(text=article_text(1)).article
    article_ingest_many([Item("one", lambda: {"text": article_text(2)})])
    bulk = ClaimEvent.objects.filter(claim__article__text=article_text(2))
    reextracted = article_ingest(text=article_text(3)).article
    article_reextract(article=reextracted)  # replaces every untouched claim with a new one

    assert history(by_service) == []
    assert ingested.claims.count() == len(extract(article_text(1))) > 0
    assert not ClaimEvent.objects.filter(claim__article=ingested).exists()
    assert not bulk.exists()
    assert reextracted.claims.count() == len(extract(article_text(3)))
    assert not ClaimEvent.objects.filter(claim__article=reextracted).exists()


def test_reextraction_flags_a_lost_claim_with_the_row_the_service_writes(editor):
    article = article_ingest(text=article_text(4)).article
    ghost = make_claim(article, content="Critics say", speaker_text="Critics")
    services.claim_review(claim=ghost, actor=editor, expected_version=1, attribution_status="confirmed")
    twin = make_claim(ArticleFactory(), content="Critics say", speaker_text="Critics")
    services.claim_review(claim=twin, actor=editor, expected_version=1, attribution_status="confirmed")

    article_reextract(article=article)
    services.claims_flag_engine_missing(claims=[Claim.objects.get(pk=twin.pk)])

    lost = ("engine_missing", "engine_missing", False, True, None, 2)
    assert history(ghost)[1:] == history(twin)[1:] == [lost]
    ghost.refresh_from_db()
    assert ghost.engine_missing and ghost.version == 2  # the engine's flag is no edit: no version step

    article_reextract(article=article)  # still lost: flagged already, no second row
    assert history(ghost)[1:] == [lost]


def test_a_flagged_claim_the_engine_finds_again_is_unflagged_with_a_history_row(editor):
    article = article_ingest(text=article_text(5)).article
    claim = article.claims.get(content_text="the bridge number 5 would reopen in May")
    services.claim_review(claim=claim, actor=editor, expected_version=1, rating="true")
    services.claims_flag_engine_missing(claims=[Claim.objects.get(pk=claim.pk)])

    result = article_reextract(article=article)

    claim.refresh_from_db()
    assert result.kept == 1 and not claim.engine_missing
    assert [row[0] for row in history(claim)] == ["review", "engine_missing", "engine_found"]
