"""Re-extraction keeps every editor's work and every id: untouched claims are updated in place or retired."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from newsclaims.attribution import ENGINE_VERSION, extract
from newsclaims.claims import services as claim_services
from newsclaims.claims.models import Article, ChangeEvent, Claim
from newsclaims.ingestion.pipeline import article_ingest
from newsclaims.ingestion.reextract import ReextractResult, article_reextract
from tests.factories import make_claim
from tests.ingestion.conftest import article_text

pytestmark = pytest.mark.django_db

TEXT = article_text(1) + " The council said the vote was postponed."


@pytest.fixture
def stored() -> Article:
    article = article_ingest(text=TEXT).article
    # As if an older engine had written it.
    Claim.objects.filter(article=article).update(engine_version="old")
    Article.objects.filter(pk=article.pk).update(engine_version="old")
    article.refresh_from_db()
    return article


def test_reviewed_claim_keeps_review_notes_and_history_and_unreviewed_keep_their_ids(stored, editor):
    claims = list(stored.claims.order_by("content_start"))
    reviewed, untouched = claims[0], claims[1:]
    claim_services.claim_review(
        claim=reviewed, actor=editor, expected_version=reviewed.version, attribution_status="confirmed", rating="true"
    )
    claim_services.claim_add_note(claim=reviewed, author=editor, body="Checked against the council minutes.")
    events = reviewed.events.count()

    call_command("reextract", "--article", str(stored.pk), "--no-progress", stdout=io.StringIO())

    kept = Claim.objects.get(pk=reviewed.pk)
    assert (kept.attribution_status, kept.rating, kept.version) == ("confirmed", "true", 2)
    assert kept.notes.get().body == "Checked against the council minutes."
    assert kept.events.count() == events
    assert kept.engine_version == ENGINE_VERSION and not kept.engine_missing
    again = stored.claims.exclude(pk=reviewed.pk)
    assert set(again.values_list("pk", flat=True)) == {c.pk for c in untouched}
    assert again.count() == len(extract(TEXT)) - 1
    assert all(c.engine_version == ENGINE_VERSION and c.span_errors() == [] for c in again)
    stored.refresh_from_db()
    assert stored.engine_version == ENGINE_VERSION


def test_reviewed_claim_the_engine_no_longer_finds_is_kept_and_flagged(stored, editor):
    ghost = make_claim(stored, content="Critics say", speaker_text="Critics")
    claim_services.claim_review(claim=ghost, actor=editor, expected_version=1, attribution_status="not_a_claim")
    result = article_reextract(article=stored)
    ghost.refresh_from_db()
    assert ghost.engine_missing and ghost.attribution_status == "not_a_claim"
    assert ghost.engine_version == ""  # it records the engine that found it, and none did
    assert result.missing == 1 and result.kept == 0
    assert stored.claims.count() == len(extract(TEXT)) + 1


def test_claim_with_an_editor_fixed_span_still_matches_the_engines_statement(stored, editor):
    claim = stored.claims.get(content_text="the bridge number 1 would reopen in May")
    start = claim.content_start
    claim_services.claim_review(
        claim=claim,
        actor=editor,
        expected_version=1,
        content=claim_services.SpanEdit(start, claim.content_end - len(" in May")),
    )
    result = article_reextract(article=stored)
    claim.refresh_from_db()
    assert result.kept == 1 and result.missing == 0 and not claim.engine_missing
    assert claim.content_text == "the bridge number 1 would reopen"
    assert stored.claims.filter(content_start=start).count() == 1


def test_unreviewed_claim_with_a_note_counts_as_edited_and_is_kept(stored, editor):
    claim = stored.claims.order_by("content_start").first()
    claim_services.claim_add_note(claim=claim, author=editor, body="Ask the mayor's office.")
    article_reextract(article=stored)
    assert Claim.objects.filter(pk=claim.pk).exists()


def test_reextract_is_stable_when_run_twice(stored):
    ids = set(stored.claims.values_list("pk", flat=True))
    first = article_reextract(article=stored)
    assert (first.created, first.replaced, first.updated) == (0, 0, len(ids))  # engine version "old" -> current
    events = ChangeEvent.objects.count()
    second = article_reextract(article=stored)
    assert second == ReextractResult(kept=0, missing=0, updated=0, replaced=0, created=0)
    assert set(stored.claims.values_list("pk", flat=True)) == ids
    assert ChangeEvent.objects.count() == events  # nothing changed, nothing announced


def test_untouched_claim_the_engine_reads_differently_is_updated_in_place_with_history(stored):
    claim = stored.claims.get(content_text="the bridge number 1 would reopen in May")
    # As if an older engine had read the statement with a shorter span and another kind.
    shorter = claim.content_end - len(" in May")
    old_time = timezone.now() - dt.timedelta(days=1)
    Claim.objects.filter(pk=claim.pk).update(
        content_end=shorter, content_text=stored.text[claim.content_start : shorter], kind="direct", updated_at=old_time
    )
    result = article_reextract(article=stored)
    after = Claim.objects.get(pk=claim.pk)
    assert after.content_text == "the bridge number 1 would reopen in May" and after.kind == claim.kind
    assert after.version == 2 and after.updated_at > old_time
    changes = {e.field: (e.old_value, e.new_value) for e in after.events.filter(action="engine_update")}
    assert changes["kind"] == ("direct", claim.kind)
    assert changes["content_end"] == (shorter, claim.content_end)
    assert result.updated >= 1 and result.created == 0 and result.replaced == 0
    event = ChangeEvent.objects.filter(resource="claim", resource_id=claim.pk, type="updated").last()
    assert event is not None and {"kind", "content_end"} <= set(event.payload["fields"])
    # Engine history is not an editor's work: the next run may rewrite the claim again.
    assert not Claim.objects.filter(pk=claim.pk).has_editorial_work().exists()


def test_untouched_claim_the_engine_no_longer_finds_is_retired_with_an_event(stored):
    ghost = make_claim(stored, content="Critics say", speaker_text="Critics")
    result = article_reextract(article=stored)
    assert not Claim.objects.filter(pk=ghost.pk).exists()
    assert result.replaced == 1
    retired = ChangeEvent.objects.get(resource="claim", resource_id=ghost.pk, type="retired")
    assert retired.payload["reason"] == "engine_no_longer_finds"


def test_flagging_a_claim_engine_missing_bumps_updated_at_and_is_announced(stored, editor):
    ghost = make_claim(stored, content="Critics say", speaker_text="Critics")
    claim_services.claim_review(claim=ghost, actor=editor, expected_version=1, attribution_status="not_a_claim")
    before = timezone.now()
    article_reextract(article=stored)
    ghost.refresh_from_db()
    assert ghost.engine_missing and ghost.updated_at >= before
    assert Claim.objects.filter(updated_at__gt=before, pk=ghost.pk).exists()
    event = ChangeEvent.objects.filter(resource="claim", resource_id=ghost.pk).last()
    assert event is not None and event.type == "updated" and event.payload["fields"] == ["engine_missing"]


def test_command_all_and_outdated_and_bad_arguments(stored):
    other = article_ingest(text=article_text(2)).article
    out = io.StringIO()
    call_command("reextract", "--outdated", "--no-progress", stdout=out)
    assert "re-extracted 1 article(s)" in out.getvalue()
    other.refresh_from_db()
    call_command("reextract", "--all", "--no-progress", stdout=out)
    assert "re-extracted 2 article(s)" in out.getvalue()
    with pytest.raises(CommandError, match="No article with id 999999"):
        call_command("reextract", "--article", "999999")
    with pytest.raises(CommandError, match="Give --article"):
        call_command("reextract")
