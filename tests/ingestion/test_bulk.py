"""Bulk ingestion: batches through the engine, bulk inserts, and a failed batch falls back to one by one."""

from __future__ import annotations

import pytest
from django.db import IntegrityError

from newsclaims.attribution import extract
from newsclaims.claims.linking import SpeakerLinker
from newsclaims.claims.models import Article, Claim
from newsclaims.claims.services import NewArticle
from newsclaims.ingestion.bulk import _store_parsed, article_ingest_many
from newsclaims.ingestion.pipeline import article_ingest, store_many
from newsclaims.ingestion.sources import Item
from tests.ingestion.conftest import article_text

pytestmark = pytest.mark.django_db


def items(*texts: str) -> list[Item]:
    return [Item(f"item{i}", lambda t=t: {"text": t}) for i, t in enumerate(texts)]


def test_batch_stores_every_article_with_its_claims():
    texts = [article_text(n) for n in range(5)]
    summary = article_ingest_many(items(*texts), batch_size=2)
    assert (summary.created, summary.existing, summary.failed) == (5, 0, 0)
    assert summary.claims == Claim.objects.count() == sum(len(extract(t)) for t in texts)
    for article in Article.objects.all():
        assert article.claims.count() == len(extract(article.text))


def test_copies_within_one_batch_are_stored_once():
    outcomes = []
    summary = article_ingest_many(
        items(article_text(1), article_text(1), article_text(2)), batch_size=10, on_outcome=outcomes.append
    )
    assert (summary.created, summary.existing) == (2, 1)
    copy = next(o for o in outcomes if o.status == "existing")
    assert copy.label == "item1" and copy.article_id == Article.objects.get(text=article_text(1)).pk


def test_batch_with_a_concurrently_stored_article_is_rolled_back_then_stored_one_by_one():
    # As if another worker stored the first article after this batch checked for duplicates.
    theirs = article_ingest(text=article_text(1)).article
    fresh = [("a", NewArticle(text=article_text(1)), "h1"), ("b", NewArticle(text=article_text(2)), "h2")]
    found = [extract(article_text(1)), extract(article_text(2))]
    with pytest.raises(IntegrityError):
        store_many([(d, f) for (_, d, _), f in zip(fresh, found)])
    assert Article.objects.count() == 1  # the failed batch left nothing behind

    outcomes = dict(_store_parsed(fresh, found, SpeakerLinker()))
    assert outcomes["h1"].status == "existing" and outcomes["h1"].article_id == theirs.pk
    assert outcomes["h2"].status == "created" and outcomes["h2"].claims == len(found[1])
    assert Article.objects.count() == 2
