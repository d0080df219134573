"""JSON-LD can be pasted verbatim into a <script> element: <, > and & never appear raw in it."""

from __future__ import annotations

import json

import pytest

from newsclaims.claims import services
from tests.factories import ArticleFactory, SpeakerFactory, make_claim

pytestmark = pytest.mark.django_db

HOSTILE = 'the bridge </script><script>alert("x")</script> & <!-- would reopen'


@pytest.mark.parametrize("accept", ["application/ld+json", "application/json"])
def test_claimreview_escapes_markup_characters_in_every_format(client, editor, accept):
    speaker = SpeakerFactory(name="Jane <b>Doe</b> & Co", kind="person")
    article = ArticleFactory(
        url="https://news.example/a?x=1&y=2", title="Bridge </script> & more", text=f"Officials said {HOSTILE}."
    )
    claim = make_claim(article, speaker=speaker, content=HOSTILE)
    services.claim_review(
        claim=claim, actor=editor, expected_version=1, rating="false", rating_explanation="No: <i>never</i> & ever"
    )
    client.force_login(editor)
    response = client.get(f"/api/v1/claims/{claim.pk}/claimreview/", HTTP_ACCEPT=accept)
    assert response.status_code == 200 and response["Content-Type"] == accept
    raw = response.content
    assert b"<" not in raw and b">" not in raw and b"&" not in raw
    assert b"\\u003c/script\\u003e" in raw and b"\\u0026" in raw
    body = json.loads(raw)  # the escapes decode to the same text
    assert body["claimReviewed"] == HOSTILE
    assert body["itemReviewed"]["author"]["name"] == "Jane <b>Doe</b> & Co"
    assert body["reviewRating"]["description"] == "No: <i>never</i> & ever"
