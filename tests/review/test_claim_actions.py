"""Reviewing, annotating and bulk-reviewing claims through the pages, with and without htmx."""

from __future__ import annotations

import re

import pytest

from newsclaims.claims.models import ClaimEvent, Speaker
from newsclaims.claims.services import claim_review
from tests.factories import make_claim

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def test_plain_form_review_saves_and_redirects(as_user, editor, claim):
    response = as_user(editor).post(
        f"/claims/{claim.pk}/review/",
        {"version": 1, "attribution_status": "confirmed", "rating": "mostly_true", "rating_explanation": " Checked. "},
    )
    assert response.status_code == 302 and response["Location"] == f"/claims/{claim.pk}/"
    claim.refresh_from_db()
    assert (claim.attribution_status, claim.rating, claim.rating_explanation) == (
        "confirmed",
        "mostly_true",
        "Checked.",
    )
    assert claim.version == 2 and claim.reviewed_by == editor
    assert set(claim.events.values_list("field", flat=True)) == {"attribution_status", "rating", "rating_explanation"}


def test_htmx_review_returns_the_section_with_history_out_of_band(as_user, editor, claim):
    response = as_user(editor).post(
        f"/claims/{claim.pk}/review/", {"version": 1, "attribution_status": "not_a_claim"}, **HTMX
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith(f'<section class="review card" id="review-{claim.pk}"')
    assert f'id="history-{claim.pk}"' in body and 'hx-swap-oob="true"' in body
    assert 'name="version" value="2"' in body and "Saved." in body


def test_quick_action_from_the_queue_returns_the_row(as_user, editor, claim):
    response = as_user(editor).post(
        f"/claims/{claim.pk}/review/",
        {"version": 1, "attribution_status": "confirmed", "render": "row", "next": "/review/?outlet=x"},
        **HTMX,
    )
    body = response.content.decode()
    assert body.lstrip().startswith(f'<tr id="row-{claim.pk}"')
    assert "Confirmed" in body and 'value="/review/?outlet=x"' in body
    claim.refresh_from_db()
    assert claim.attribution_status == "confirmed"
    # a quick action sends no explanation: the stored one is kept
    assert not claim.events.filter(field="rating_explanation").exists()


def test_plain_quick_action_goes_back_to_the_filtered_queue(as_user, editor, claim):
    response = as_user(editor).post(
        f"/claims/{claim.pk}/review/",
        {"version": 1, "rating": "false", "render": "row", "next": "/review/?kind=direct"},
    )
    assert response.status_code == 302 and response["Location"] == "/review/?kind=direct"
    response = as_user(editor).post(
        f"/claims/{claim.pk}/review/", {"version": 2, "rating": "true", "next": "https://evil.example/"}
    )
    assert response["Location"] == f"/claims/{claim.pk}/"


def test_wrong_speaker_fix_picks_a_known_speaker_by_alias(as_user, editor, claim):
    from newsclaims.claims.services import speaker_create

    right = speaker_create(name="Jane Doe", aliases=("Mayor Doe",))
    as_user(editor).post(
        f"/claims/{claim.pk}/review/",
        {"version": 1, "attribution_status": "wrong_speaker", "speaker_name": "mayor doe"},
    )
    claim.refresh_from_db()
    assert claim.speaker == right and claim.attribution_status == "wrong_speaker"


def test_a_new_speaker_name_is_refused_until_the_editor_chooses_to_create_it(as_user, editor, claim):
    old = claim.speaker
    refused = as_user(editor).post(f"/claims/{claim.pk}/review/", {"version": 1, "speaker_name": "Brand  New Person"})
    assert refused.status_code == 400
    assert "Create a new speaker" in refused.content.decode()
    assert 'value="Brand  New Person"' in refused.content.decode()  # what was typed is kept
    claim.refresh_from_db()
    assert claim.speaker == old and not Speaker.objects.filter(name="Brand New Person").exists()

    as_user(editor).post(
        f"/claims/{claim.pk}/review/",
        {
            "version": 1,
            "speaker_name": "Brand  New Person",
            "create_speaker": "on",
            "new_speaker_kind": "organisation",
            "new_speaker_description": "invented agency",
        },
    )
    claim.refresh_from_db()
    assert (claim.speaker.name, claim.speaker.kind, claim.speaker.description) == (
        "Brand New Person",
        "organisation",
        "invented agency",
    )
    # a fix is a review: the claim leaves the unreviewed queue as a corrected one
    assert claim.attribution_status == "wrong_speaker"
    assert claim.engine_original["speaker"] == {"id": old.pk, "name": old.name}


def test_not_a_claim_with_the_engines_name_in_the_field_creates_no_speaker(as_user, editor, article):
    claim = make_claim(article, speaker_text="Mayor Jane Doe", speaker_name="each")
    speakers = Speaker.objects.count()
    for status in ("not_a_claim", "confirmed"):
        version = claim.version
        response = as_user(editor).post(
            f"/claims/{claim.pk}/review/",
            {"version": version, "attribution_status": status, "speaker_name": "each", "speaker_loaded": "each"},
        )
        assert response.status_code == 302
        claim.refresh_from_db()
        assert claim.speaker is None and claim.attribution_status == status
    assert Speaker.objects.count() == speakers


def test_span_fix_moves_the_content_offsets(as_user, editor, claim):
    text = claim.article.text
    start = text.index("We are on schedule")
    as_user(editor).post(
        f"/claims/{claim.pk}/review/",
        {"version": 1, "attribution_status": "wrong_span", "content_start": start, "content_end": start + 18},
    )
    claim.refresh_from_db()
    assert claim.content_text == "We are on schedule" and claim.span_errors() == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"version": 1, "content_start": 5}, "both the start and the end"),
        ({"version": 1, "content_start": 9, "content_end": 3}, "end after it starts"),
        ({"version": 1, "content_start": 0, "content_end": 10**6}, "past the end"),
        ({"version": 1, "attribution_status": "maybe"}, "Select a valid choice"),
        ({"version": "", "attribution_status": "confirmed"}, "required"),
    ],
)
def test_bad_review_input_is_refused_with_a_message_and_nothing_changes(as_user, editor, claim, data, message):
    response = as_user(editor).post(f"/claims/{claim.pk}/review/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    claim.refresh_from_db()
    assert claim.version == 1 and claim.attribution_status == "unreviewed"


def test_conflict_keeps_the_input_and_shows_the_newer_state(as_user, editor, claim):
    from tests.factories import UserFactory

    other = UserFactory(editor=True, username="second-editor")
    claim_review(claim=claim, actor=other, expected_version=1, attribution_status="not_a_claim", rating="false")
    response = as_user(editor).post(
        f"/claims/{claim.pk}/review/",
        {"version": 1, "attribution_status": "confirmed", "rating": "true", "rating_explanation": "My careful words"},
        **HTMX,
    )
    body = response.content.decode()
    assert response.status_code == 409
    assert "Not saved" in body and "second-editor" in body
    assert "Not a claim" in body and "False" in body  # the newer state
    assert "My careful words" in body  # the editor's input is kept
    assert re.search(r'<input type="radio" name="attribution_status" value="confirmed"[^>]* checked', body)
    assert 'name="version" value="2"' in body
    claim.refresh_from_db()
    assert claim.attribution_status == "not_a_claim" and claim.rating_explanation == ""
    # saving again, having seen the newer state, applies on top of it
    response = as_user(editor).post(
        f"/claims/{claim.pk}/review/",
        {"version": 2, "attribution_status": "confirmed", "rating": "true", "rating_explanation": "My careful words"},
    )
    claim.refresh_from_db()
    assert claim.attribution_status == "confirmed" and claim.rating_explanation == "My careful words"


def test_conflict_does_not_create_the_new_speaker(as_user, editor, claim):
    claim_review(claim=claim, actor=editor, expected_version=1, rating="false")
    response = as_user(editor).post(
        f"/claims/{claim.pk}/review/", {"version": 1, "speaker_name": "Ghost Writer", "create_speaker": "on"}
    )
    assert response.status_code == 409
    assert not Speaker.objects.filter(name="Ghost Writer").exists()


def test_conflict_on_a_queue_row_says_so_in_the_row(as_user, editor, claim):
    claim_review(claim=claim, actor=editor, expected_version=1, attribution_status="not_a_claim")
    response = as_user(editor).post(
        f"/claims/{claim.pk}/review/", {"version": 1, "attribution_status": "confirmed", "render": "row"}, **HTMX
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert body.lstrip().startswith("<tr") and "Not saved" in body and 'name="version" value="2"' in body


def test_notes_are_added_and_empty_ones_refused(as_user, editor, claim):
    client = as_user(editor)
    response = client.post(f"/claims/{claim.pk}/notes/", {"body": "Called the mayor's office."})
    assert response.status_code == 302 and response["Location"] == f"/claims/{claim.pk}/#notes"
    response = client.post(f"/claims/{claim.pk}/notes/", {"body": "   "}, **HTMX)
    assert response.status_code == 400 and "required" in response.content.decode()
    response = client.post(f"/claims/{claim.pk}/notes/", {"body": "Second <b>note</b>"}, **HTMX)
    body = response.content.decode()
    assert response.status_code == 200 and "Called the mayor&#x27;s office." in body
    assert "Second &lt;b&gt;note&lt;/b&gt;" in body and f'id="history-{claim.pk}"' in body
    assert list(claim.notes.values_list("body", flat=True)) == ["Called the mayor's office.", "Second <b>note</b>"]


def test_evidence_is_added_and_bad_links_refused(as_user, editor, claim):
    client = as_user(editor)
    response = client.post(
        f"/claims/{claim.pk}/evidence/", {"url": "https://example.org/rec.mp3", "kind": "recording", "note": "Audio"}
    )
    assert response.status_code == 302
    for bad in ({"url": "javascript:alert(1)", "kind": "other"}, {"url": "https://x.org", "kind": "rumour"}):
        response = client.post(f"/claims/{claim.pk}/evidence/", bad, **HTMX)
        assert response.status_code == 400
    assert list(claim.evidence.values_list("url", "kind")) == [("https://example.org/rec.mp3", "recording")]
    assert ClaimEvent.objects.filter(claim=claim, action="evidence").count() == 1


def test_bulk_confirm_and_bulk_rating(as_user, editor, article):
    a = make_claim(article)
    b = make_claim(article, content="We are on schedule", speaker_text="she")
    client = as_user(editor)
    response = client.post("/review/bulk/", {"claims": [a.pk, b.pk], "action": "confirm", "query": "kind=indirect"})
    assert response.status_code == 302 and response["Location"] == "/review/?kind=indirect"
    a.refresh_from_db()
    b.refresh_from_db()
    assert a.attribution_status == b.attribution_status == "confirmed"
    response = client.post("/review/bulk/", {"claims": [a.pk], "action": "rate", "rating": "misleading"}, **HTMX)
    assert response.status_code == 200 and 'id="queue-results"' in response.content.decode()
    a.refresh_from_db()
    assert a.rating == "misleading"


def test_bulk_without_selection_or_rating_says_what_is_missing(as_user, editor, claim):
    client = as_user(editor)
    response = client.post("/review/bulk/", {"action": "confirm"}, **HTMX)
    assert response.status_code == 400 and "Select claims first." in response.content.decode()
    response = client.post("/review/bulk/", {"claims": [claim.pk], "action": "rate"}, follow=True)
    assert "Choose the rating to set." in response.content.decode()
    claim.refresh_from_db()
    assert claim.version == 1


def test_get_on_a_post_only_address_is_refused(as_user, editor, claim):
    assert as_user(editor).get(f"/claims/{claim.pk}/review/").status_code == 405


def test_conflict_takes_the_newer_value_for_fields_the_editor_left_alone(as_user, editor, claim):
    from tests.factories import UserFactory

    claim_review(claim=claim, actor=UserFactory(editor=True), expected_version=1, rating="false")
    # the editor's form still carried the rating they loaded (not rated) and a new explanation
    data = {"version": 1, "rating": "not_rated", "rating_explanation": "Source is a leaked memo.", "speaker_name": ""}
    response = as_user(editor).post(f"/claims/{claim.pk}/review/", data, **HTMX)
    body = response.content.decode()
    assert response.status_code == 409
    assert re.search(r'<option value="false"[^>]*selected', body)
    assert "Source is a leaked memo." in body
    # so saving the kept form again does not undo the other editor's rating
    as_user(editor).post(
        f"/claims/{claim.pk}/review/",
        {"version": 2, "rating": "false", "rating_explanation": "Source is a leaked memo."},
    )
    claim.refresh_from_db()
    assert claim.rating == "false" and claim.rating_explanation == "Source is a leaked memo."
