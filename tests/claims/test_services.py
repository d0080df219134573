import pytest
from django.core.exceptions import ValidationError

from newsclaims.claims import services
from newsclaims.claims.models import Article, Claim, ClaimEvent, Speaker, SpeakerAlias
from tests.factories import ArticleFactory, SpeakerFactory, make_claim

pytestmark = pytest.mark.django_db


def test_title_and_case_variants_of_a_name_are_one_speaker():
    putin = services.speaker_get_or_create(name="President Vladimir Putin")
    assert services.speaker_get_or_create(name="Vladimir Putin") == putin
    assert services.speaker_get_or_create(name="vladimir  PUTIN") == putin
    assert Speaker.objects.count() == 1
    assert SpeakerAlias.objects.filter(speaker=putin).count() == 1


def test_an_alias_of_another_speaker_is_refused():
    a = services.speaker_create(name="Kim Jong-un")
    b = services.speaker_create(name="Kim Yo-jong")
    with pytest.raises(ValidationError, match="already an alias"):
        services.speaker_alias_add(speaker=b, name="Kim Jong Un")
    assert services.speaker_find(name="Kim Jong-un") == a


def test_version_increments_on_every_claim_change(claim, editor):
    assert claim.version == 1
    claim = services.claim_review(claim=claim, actor=editor, expected_version=1, attribution_status="confirmed")
    assert claim.version == 2
    claim = services.claim_review(claim=claim, actor=editor, expected_version=2, rating="mostly_true")
    assert claim.version == 3
    other = SpeakerFactory()
    claim = services.claim_review(claim=claim, actor=editor, expected_version=3, speaker=other)
    assert claim.version == 4
    assert Claim.objects.get(pk=claim.pk).version == 4


def test_a_review_that_changes_nothing_keeps_the_version(claim, editor):
    claim = services.claim_review(claim=claim, actor=editor, expected_version=1, attribution_status="unreviewed")
    assert claim.version == 1
    assert not ClaimEvent.objects.exists()


def test_a_stale_version_is_refused_and_changes_nothing(claim, editor):
    services.claim_review(claim=claim, actor=editor, expected_version=1, rating="true")
    with pytest.raises(services.ClaimConflict) as caught:
        services.claim_review(claim=claim, actor=editor, expected_version=1, rating="false")
    assert caught.value.current.rating == "true"
    assert Claim.objects.get(pk=claim.pk).rating == "true"
    assert ClaimEvent.objects.filter(claim=claim).count() == 1


def test_review_writes_one_history_row_per_changed_field_with_the_actor(claim, editor):
    services.claim_review(
        claim=claim, actor=editor, expected_version=1, attribution_status="confirmed", rating="misleading"
    )
    rows = list(ClaimEvent.objects.filter(claim=claim).order_by("field"))
    assert [(r.field, r.old_value, r.new_value, r.actor) for r in rows] == [
        ("attribution_status", "unreviewed", "confirmed", editor),
        ("rating", "not_rated", "misleading", editor),
    ]
    assert all(r.version == 2 for r in rows)


def test_correcting_the_content_span_keeps_offsets_and_text_together(claim, editor):
    text = claim.article.text
    start = text.index("reopen in May")
    claim = services.claim_review(
        claim=claim, actor=editor, expected_version=1, content=services.SpanEdit(start, start + len("reopen in May"))
    )
    stored = Claim.objects.get(pk=claim.pk)
    assert stored.content_text == "reopen in May"
    assert stored.span_errors() == []


def test_a_span_outside_the_article_is_refused(claim, editor):
    with pytest.raises(ValidationError):
        services.claim_review(claim=claim, actor=editor, expected_version=1, content=services.SpanEdit(5, 10**6))
    assert Claim.objects.get(pk=claim.pk).version == 1


def test_unknown_rating_is_refused(claim, editor):
    with pytest.raises(ValidationError):
        services.claim_review(claim=claim, actor=editor, expected_version=1, rating="pants_on_fire")


def test_notes_and_evidence_are_stored_and_recorded_in_history(claim, editor):
    services.claim_add_note(claim=claim, author=editor, body="Checked with the mayor's office.")
    services.claim_add_evidence(claim=claim, added_by=editor, url="https://example.org/pr", kind="press_release")
    assert claim.notes.get().body == "Checked with the mayor's office."
    assert claim.evidence.get().kind == "press_release"
    assert list(claim.events.values_list("action", flat=True)) == ["note", "evidence"]


def test_empty_notes_and_non_http_evidence_are_refused(claim, editor):
    with pytest.raises(ValidationError):
        services.claim_add_note(claim=claim, author=editor, body="   ")
    with pytest.raises(ValidationError):
        services.claim_add_evidence(claim=claim, added_by=editor, url="javascript:alert(1)")
    assert not claim.notes.exists() and not claim.evidence.exists()


def test_merging_speakers_moves_claims_and_aliases_and_records_history(article, editor):
    target = services.speaker_create(name="Vladimir Putin")
    source = services.speaker_create(name="V. V. Putin")
    claim = make_claim(article, speaker=source)
    services.speaker_merge(source=source, target=target, actor=editor)
    claim.refresh_from_db()
    assert claim.speaker == target and claim.version == 2
    assert not Speaker.objects.filter(pk=source.pk).exists()
    assert services.speaker_find(name="V. V. Putin") == target
    event = claim.events.get()
    assert event.action == "speaker_merge" and event.actor == editor


def test_a_speaker_cannot_be_merged_into_itself(speaker):
    with pytest.raises(ValidationError):
        services.speaker_merge(source=speaker, target=speaker)


def test_duplicate_lookup_finds_by_text_first_then_by_url_in_one_batch():
    by_text = ArticleFactory(text="The ferry will run again in June.", url="https://news.example/ferry")
    by_url = ArticleFactory(text="Another text entirely.", url="https://news.example/other")
    keys = [
        ("  The ferry   will run again in June.\n", "https://news.example/other"),  # the text wins over the URL
        ("A text nobody stored.", " https://news.example/other "),
        ("A text nobody stored.", None),
        (None, "https://news.example/ferry"),
        (None, None),
    ]
    assert services.article_find_duplicates(keys=keys) == [by_text, by_url, None, by_text, None]
    assert services.article_find_duplicate(text="The ferry will run again in June.") == by_text
    assert services.article_find_duplicate(url="https://news.example/nothing") is None


def test_a_batch_of_articles_is_stored_with_its_claims_or_not_at_all():
    good = services.NewArticle(text="The mayor said the ferry would run in June.")
    claim = Claim(content_text="the ferry would run in June", content_start=15, content_end=42, kind="indirect")
    stored = services.articles_create_with_claims(items=[(good, [claim])], engine_version="test-1")
    assert [s.article.engine_version for s in stored] == ["test-1"]
    assert stored[0].claims[0].engine_version == "test-1" and stored[0].claims[0].span_errors() == []

    wrong = Claim(content_text="not in the text", content_start=0, content_end=15, kind="indirect")
    with pytest.raises(ValidationError, match="content"):
        services.articles_create_with_claims(
            items=[(services.NewArticle(text="A second article."), []), (services.NewArticle(text="A third."), [wrong])]
        )
    assert Article.objects.count() == 1 and Claim.objects.count() == 1


def test_deleting_unedited_claims_never_deletes_an_editors_work(article, editor):
    untouched = make_claim(article)
    noted = make_claim(article, content="We are on schedule")
    services.claim_add_note(claim=noted, author=editor, body="Asked the mayor's office.")
    assert services.claims_delete_unedited(claims=[untouched, noted]) == 1
    assert list(Claim.objects.values_list("pk", flat=True)) == [noted.pk]


def test_an_article_update_changes_metadata_only(article):
    services.article_update(
        article=article, title="New title", outlet="Wire", author="Desk", published_at=None, language="en"
    )
    stored = Article.objects.get(pk=article.pk)
    assert (stored.title, stored.outlet, stored.author) == ("New title", "Wire", "Desk")
    assert stored.text == article.text and stored.content_hash == article.content_hash
