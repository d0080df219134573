from __future__ import annotations

import pytest

from newsclaims.claims import services
from newsclaims.claims.models import Claim, ClaimEvent
from tests.factories import SpeakerFactory

pytestmark = pytest.mark.django_db


def url(claim, suffix: str = "") -> str:
    return f"/api/v1/claims/{claim.pk}/{suffix}"


def etag(client, claim) -> str:
    return client.get(url(claim))["ETag"]


def test_detail_has_notes_evidence_history_and_a_strong_etag(reader_client, claim, editor):
    services.claim_add_note(claim=claim, author=editor, body="Ask the council.")
    services.claim_add_evidence(claim=claim, added_by=editor, url="https://example.org/a", kind="recording")
    response = reader_client.get(url(claim))
    assert response.status_code == 200
    assert response["ETag"].startswith('"') and not response["ETag"].startswith("W/")
    body = response.json()
    assert [n["body"] for n in body["notes"]] == ["Ask the council."]
    assert body["notes"][0]["created_by"] == body["notes"][0]["author"] == editor.username
    assert body["evidence"][0]["kind"] == "recording"
    assert body["evidence"][0]["source_url"] == body["evidence"][0]["url"] == "https://example.org/a"
    assert [h["action"] for h in body["history"]] == ["note", "evidence"]
    assert body["history"][0]["changed_by"] == body["history"][0]["actor"] == editor.username
    assert body["history"][0]["changed_at"] == body["history"][0]["at"]


def test_etag_changes_when_a_note_or_evidence_is_added_and_if_none_match_answers_304(reader_client, claim, editor):
    first = reader_client.get(url(claim))["ETag"]
    again = reader_client.get(url(claim), HTTP_IF_NONE_MATCH=first)
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == first
    services.claim_add_note(claim=claim, author=editor, body="Ask the council.")
    after_note = reader_client.get(url(claim), HTTP_IF_NONE_MATCH=first)
    assert after_note.status_code == 200 and after_note["ETag"] != first
    services.claim_add_evidence(claim=claim, added_by=editor, url="https://example.org/a", kind="recording")
    assert reader_client.get(url(claim))["ETag"] not in (first, after_note["ETag"])


def test_patch_after_a_note_was_added_needs_the_new_etag(editor_client, claim, editor):
    old = etag(editor_client, claim)
    services.claim_add_note(claim=claim, author=editor, body="A colleague's note.")
    refused = editor_client.patch(url(claim), {"rating": "true"}, format="json", HTTP_IF_MATCH=old)
    assert refused.status_code == 412 and refused["ETag"] == etag(editor_client, claim)
    accepted = editor_client.patch(url(claim), {"rating": "true"}, format="json", HTTP_IF_MATCH=refused["ETag"])
    assert accepted.status_code == 200


def test_weak_etag_is_refused_for_if_match(editor_client, claim):
    weak = "W/" + etag(editor_client, claim)
    response = editor_client.patch(url(claim), {"rating": "true"}, format="json", HTTP_IF_MATCH=weak)
    assert response.status_code == 412 and "weak" in response.json()["error"]["message"]
    assert Claim.objects.get(pk=claim.pk).rating == "not_rated"


def test_unknown_claim_is_404_in_the_error_shape(reader_client):
    response = reader_client.get("/api/v1/claims/999999/")
    assert response.status_code == 404
    assert response.json()["error"] == {
        "status": 404,
        "code": "not_found",
        "message": "Claim 999999 does not exist.",
        "detail": None,
    }


def test_patch_with_current_etag_reviews_and_records_the_actor(editor_client, editor, claim):
    other = SpeakerFactory(name="John Roe")
    response = editor_client.patch(
        url(claim),
        {"attribution_status": "wrong_speaker", "rating": "mostly_true", "speaker": other.pk},
        format="json",
        HTTP_IF_MATCH=etag(editor_client, claim),
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert response["ETag"] == etag(editor_client, claim) and body["version"] == 2
    assert (body["attribution_status"], body["rating"], body["speaker"]["id"]) == (
        "wrong_speaker",
        "mostly_true",
        other.pk,
    )
    assert body["reviewed_by"] == editor.username and body["version"] == 2
    events = ClaimEvent.objects.filter(claim=claim, action="review")
    assert {e.field for e in events} == {"attribution_status", "rating", "speaker"}
    assert all(e.actor == editor and e.version == 2 for e in events)


def test_patch_corrects_spans_and_clears_the_mention(editor_client, claim):
    text = claim.article.text
    start = text.index("bridge would reopen")
    response = editor_client.patch(
        url(claim),
        {"content": {"start": start, "end": start + len("bridge would reopen")}, "speaker_mention": None},
        format="json",
        HTTP_IF_MATCH=etag(editor_client, claim),
    )
    assert response.status_code == 200, response.content
    body = response.json()
    content = body["content"]
    assert (content["text"], content["start"], content["end"]) == ("bridge would reopen", start, start + 19)
    assert content["prefix"] == text[max(0, start - 32) : start] and content["suffix"] == text[start + 19 :][:32]
    assert body["speaker_mention"] is None


def test_patch_without_if_match_is_428_and_changes_nothing(editor_client, claim):
    response = editor_client.patch(url(claim), {"rating": "false"}, format="json")
    assert response.status_code == 428
    assert "If-Match" in response.json()["error"]["message"]
    assert Claim.objects.get(pk=claim.pk).rating == "not_rated"


@pytest.mark.parametrize("header", ['"{pk}-0"', '"999-1"', "garbage"])
def test_patch_with_stale_or_foreign_etag_is_412_with_the_current_etag(editor_client, claim, header):
    response = editor_client.patch(
        url(claim), {"rating": "false"}, format="json", HTTP_IF_MATCH=header.format(pk=claim.pk)
    )
    assert response.status_code == 412
    current = etag(editor_client, claim)
    assert response["ETag"] == current
    assert response.json()["error"]["detail"]["current"] == {"version": 1, "etag": current}
    assert Claim.objects.get(pk=claim.pk).rating == "not_rated"
    assert not ClaimEvent.objects.filter(claim=claim).exists()


def test_second_editor_with_the_old_etag_gets_412_after_the_first_saves(editor_client, claim, editor):
    old = etag(editor_client, claim)
    first = editor_client.patch(url(claim), {"rating": "true"}, format="json", HTTP_IF_MATCH=old)
    second = editor_client.patch(url(claim), {"rating": "false"}, format="json", HTTP_IF_MATCH=old)
    assert (first.status_code, second.status_code) == (200, 412)
    assert Claim.objects.get(pk=claim.pk).rating == "true"


def test_if_match_star_is_not_accepted(editor_client, claim):
    response = editor_client.patch(url(claim), {"rating": "true"}, format="json", HTTP_IF_MATCH="*")
    assert response.status_code == 428


@pytest.mark.parametrize(
    "body, field",
    [
        ({"rating": "pants_on_fire"}, "rating"),
        ({"speaker": 999999}, "speaker"),
        ({"content": {"start": 5, "end": 2}}, "content"),
        ({"content": {"start": 0, "end": 10**6}}, "non_field_errors"),
        ({"ratign": "true"}, "ratign"),
    ],
)
def test_invalid_review_is_400_and_changes_nothing(editor_client, claim, body, field):
    response = editor_client.patch(url(claim), body, format="json", HTTP_IF_MATCH=etag(editor_client, claim))
    assert response.status_code == 400
    assert field in response.json()["error"]["detail"]
    fresh = Claim.objects.get(pk=claim.pk)
    assert (fresh.version, fresh.rating, fresh.content_start) == (1, "not_rated", claim.content_start)


def test_readers_cannot_patch_and_anonymous_gets_401(reader_client, anon_client, claim):
    response = reader_client.patch(url(claim), {"rating": "true"}, format="json", HTTP_IF_MATCH=f'"{claim.pk}-1"')
    assert response.status_code == 403 and response.json()["error"]["code"] == "permission_denied"
    response = anon_client.patch(url(claim), {"rating": "true"}, format="json", HTTP_IF_MATCH=f'"{claim.pk}-1"')
    assert response.status_code == 401 and response["WWW-Authenticate"] == "Token"
    assert Claim.objects.get(pk=claim.pk).rating == "not_rated"


def test_editor_adds_a_note_and_evidence_each_with_history(editor_client, editor, claim):
    note = editor_client.post(url(claim, "notes/"), {"body": "  Source confirmed by phone. "}, format="json")
    assert note.status_code == 201 and note.json()["body"] == "Source confirmed by phone."
    evidence = editor_client.post(
        url(claim, "evidence/"), {"url": "https://example.org/tape", "kind": "recording"}, format="json"
    )
    assert evidence.status_code == 201 and evidence.json()["added_by"] == editor.username
    actions = list(ClaimEvent.objects.filter(claim=claim).values_list("action", "actor"))
    assert actions == [("note", editor.pk), ("evidence", editor.pk)]


@pytest.mark.parametrize(
    "suffix, body, field",
    [
        ("notes/", {"body": "   "}, "body"),
        ("notes/", {}, "body"),
        ("evidence/", {"url": "ftp://example.org/x"}, "url"),
        ("evidence/", {"url": "https://example.org/x", "kind": "rumour"}, "kind"),
    ],
)
def test_invalid_note_or_evidence_is_400(editor_client, claim, suffix, body, field):
    response = editor_client.post(url(claim, suffix), body, format="json")
    assert response.status_code == 400 and field in response.json()["error"]["detail"]
    assert not ClaimEvent.objects.filter(claim=claim).exists()


def test_readers_cannot_add_notes_and_missing_claim_is_404(reader_client, editor_client, claim):
    assert reader_client.post(url(claim, "notes/"), {"body": "x"}, format="json").status_code == 403
    assert editor_client.post("/api/v1/claims/999999/notes/", {"body": "x"}, format="json").status_code == 404
