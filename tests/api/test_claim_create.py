"""POST /api/v1/claims/: an editor adds a statement the engine missed."""

from __future__ import annotations

import pytest

from newsclaims.claims.models import Claim, ClaimEvent
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/claims/"
CRITICS = "the repairs cost too much"


def span(text: str, part: str) -> dict[str, int]:
    start = text.index(part)
    return {"start": start, "end": start + len(part)}


def body(article, **overrides):
    data = {
        "article": article.pk,
        "content": span(article.text, CRITICS),
        "speaker_mention": span(article.text, "Critics"),
        "cue": span(article.text, "say"),
        "kind": "indirect",
    }
    data.update(overrides)
    return data


def test_editor_adds_a_missed_statement_with_offsets_kind_and_an_added_history_row(editor_client, editor, speaker):
    article = ArticleFactory()
    response = editor_client.post(URL, body(article, speaker=speaker.pk), format="json")
    assert response.status_code == 201, response.json()
    row = response.json()
    claim = Claim.objects.get(pk=row["id"])
    assert response["ETag"] == editor_client.get(f"/api/v1/claims/{claim.pk}/")["ETag"]
    assert (claim.content_text, claim.speaker_text, claim.cue_text) == (CRITICS, "Critics", "say")
    assert claim.origin == "editor" and claim.added_by == editor and claim.speaker == speaker
    assert claim.attribution_status == "confirmed" and claim.kind == "indirect"
    assert {k: row["content"][k] for k in ("text", "start", "end")} == {"text": CRITICS, **span(article.text, CRITICS)}
    event = ClaimEvent.objects.get(claim=claim)
    assert (event.action, event.actor, event.version) == ("add", editor, 1)
    # Re-extraction keeps claims with editorial work: an added one counts even before any history or review.
    Claim.objects.filter(pk=claim.pk).update(attribution_status="unreviewed")
    assert list(Claim.objects.filter(article=article, notes__isnull=True).has_editorial_work()) == [claim]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("content", {"start": 5, "end": 100_000}),
        ("content", {"start": 9, "end": 9}),
        ("speaker_mention", {"start": 0, "end": 100_000}),
        ("cue", {"start": -1, "end": 3}),
    ],
)
def test_offsets_outside_the_text_are_refused_and_nothing_is_stored(editor_client, field, value):
    article = ArticleFactory()
    response = editor_client.post(URL, body(article, **{field: value}), format="json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert field in error["detail"] or "non_field_errors" in error["detail"]
    assert Claim.objects.count() == 0


def test_empty_content_is_refused(editor_client):
    article = ArticleFactory()
    blank = article.text.index("  ") if "  " in article.text else article.text.index(". ") + 1
    response = editor_client.post(URL, body(article, content={"start": blank, "end": blank + 1}), format="json")
    assert response.status_code == 400
    assert "empty" in str(response.json()["error"]["detail"])
    assert Claim.objects.count() == 0


def test_a_speaker_id_that_does_not_exist_is_refused(editor_client):
    article = ArticleFactory()
    response = editor_client.post(URL, body(article, speaker=987654), format="json")
    assert response.status_code == 400
    assert "speaker" in response.json()["error"]["detail"]
    assert Claim.objects.count() == 0


def test_without_speaker_or_mention_is_refused(editor_client):
    article = ArticleFactory()
    response = editor_client.post(URL, body(article, speaker_mention=None), format="json")
    assert response.status_code == 400
    assert "speaker" in response.json()["error"]["detail"]


def test_a_statement_stored_meanwhile_is_a_409_naming_the_stored_claim(editor_client):
    article = ArticleFactory()
    first = editor_client.post(URL, body(article), format="json")
    assert first.status_code == 201
    stale = editor_client.post(URL, body(article, kind="direct"), format="json")
    assert stale.status_code == 409
    error = stale.json()["error"]
    assert error["code"] == "conflict"
    assert error["detail"]["current"] == {"id": first.json()["id"], "version": 1, "etag": first["ETag"]}
    assert Claim.objects.get().kind == "indirect"


def test_readers_cannot_add_statements(reader_client):
    article = ArticleFactory()
    response = reader_client.post(URL, body(article), format="json")
    assert response.status_code == 403
    assert Claim.objects.count() == 0


def test_unknown_fields_and_unknown_article_are_refused(editor_client):
    article = ArticleFactory()
    assert editor_client.post(URL, body(article, speakr=1), format="json").status_code == 400
    assert editor_client.post(URL, {**body(article), "article": 424242}, format="json").status_code == 400
