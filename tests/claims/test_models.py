import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from newsclaims.claims import services
from newsclaims.claims.models import Article, Claim, ClaimEvent, HistoryIsAppendOnly
from tests.factories import ArticleFactory, make_claim

pytestmark = pytest.mark.django_db


def create(**fields: str) -> Article:
    return services.article_create_with_claims(article=services.NewArticle(**fields)).article


def test_claim_offsets_round_trip_to_the_stored_text(article):
    claim = make_claim(article, content="the bridge would reopen in May")
    stored = Claim.objects.get(pk=claim.pk)
    assert stored.article.text[stored.content_start : stored.content_end] == stored.content_text
    assert stored.article.text[stored.speaker_start : stored.speaker_end] == stored.speaker_text
    assert stored.span_errors() == []


def test_claim_whose_offsets_point_elsewhere_is_refused(article):
    with pytest.raises(ValidationError, match="content"):
        services.claims_create_bulk(
            article=article,
            claims=[Claim(content_text="the bridge", content_start=0, content_end=10, kind="indirect")],
        )
    assert Claim.objects.count() == 0


def test_claim_with_offsets_past_the_end_is_refused(article):
    n = len(article.text)
    with pytest.raises(ValidationError, match="outside"):
        services.claims_create_bulk(
            article=article, claims=[Claim(content_text="x", content_start=n, content_end=n + 1, kind="direct")]
        )


def test_database_refuses_an_empty_content_span(article):
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.create(article=article, content_text="", content_start=5, content_end=5, kind="direct")


def test_duplicate_article_text_is_refused_and_returns_the_stored_one():
    first = create(text="Officials said  the dam is safe.\n", title="A")
    with pytest.raises(services.DuplicateArticle) as caught:
        create(text="Officials said the dam is safe.", title="B")
    assert caught.value.existing == first
    assert Article.objects.count() == 1


def test_duplicate_article_url_is_refused():
    create(text="One text.", url="https://example.org/a")
    with pytest.raises(services.DuplicateArticle):
        create(text="A different text.", url="https://example.org/a")
    assert Article.objects.count() == 1


def test_database_refuses_a_second_article_with_the_same_url():
    ArticleFactory(url="https://example.org/same")
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(url="https://example.org/same")


def test_articles_without_url_do_not_collide():
    create(text="First.")
    create(text="Second.")
    assert Article.objects.filter(url__isnull=True).count() == 2


def test_empty_article_text_is_refused():
    with pytest.raises(ValidationError):
        create(text="  \n ")
    assert Article.objects.count() == 0


def test_history_rows_cannot_be_changed_or_deleted(claim, editor):
    services.claim_review(claim=claim, actor=editor, expected_version=1, attribution_status="confirmed")
    event = ClaimEvent.objects.get(claim=claim)
    event.new_value = "tampered"
    with pytest.raises(HistoryIsAppendOnly):
        event.save()
    with pytest.raises(HistoryIsAppendOnly):
        event.delete()
    with pytest.raises(HistoryIsAppendOnly):
        ClaimEvent.objects.filter(claim=claim).update(new_value="tampered")
    with pytest.raises(HistoryIsAppendOnly):
        ClaimEvent.objects.filter(claim=claim).delete()
    assert ClaimEvent.objects.get(pk=event.pk).new_value == "confirmed"


def test_a_claim_with_history_cannot_be_deleted_out_from_under_it(claim, editor):
    services.claim_review(claim=claim, actor=editor, expected_version=1, rating="false")
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.filter(pk=claim.pk).delete()
