"""Spans a JavaScript client can slice: code-point offsets documented, UTF-16 offsets and a quote selector given."""

from __future__ import annotations

import pytest

from newsclaims.api.spans import span_selector, utf16_length
from tests.factories import ArticleFactory, make_claim

pytestmark = pytest.mark.django_db

# Emoji outside the Basic Multilingual Plane (two UTF-16 code units each) before and inside the spans.
TEXT = (
    "Harbour news \U0001f30a\U0001f30a: Mayor Jane Doe \U0001f600 said the bridge would reopen in May "
    "\U0001f309 after repairs, and the ferry \u00e9quipe agreed."
)


def js_slice(text: str, start: int, end: int) -> str:
    """``text.slice(start, end)`` as JavaScript computes it: indexes are UTF-16 code units."""
    units = text.encode("utf-16-le")
    return units[2 * start : 2 * end].decode("utf-16-le")


def test_javascript_slicing_with_the_utf16_offsets_gets_the_span_text(reader_client):
    claim = make_claim(ArticleFactory(text=TEXT), content="the bridge would reopen in May \U0001f309 after repairs")
    body = reader_client.get(f"/api/v1/claims/{claim.pk}/").json()
    article_text = reader_client.get(f"/api/v1/articles/{claim.article_id}/").json()["text"]
    for key in ("content", "speaker_mention"):
        span = body[key]
        assert article_text[span["start"] : span["end"]] == span["text"]
        # The code-point offsets are wrong in JavaScript after an emoji; the utf16 ones are right.
        assert js_slice(article_text, span["start"], span["end"]) != span["text"]
        assert js_slice(article_text, span["utf16"]["start"], span["utf16"]["end"]) == span["text"]


def test_span_carries_32_characters_of_prefix_and_suffix(reader_client):
    claim = make_claim(ArticleFactory(text=TEXT))
    span = reader_client.get("/api/v1/claims/").json()["results"][0]["content"]
    start, end = span["start"], span["end"]
    assert span["prefix"] == TEXT[start - 32 : start] and len(span["prefix"]) == 32
    assert span["suffix"] == TEXT[end : end + 32]
    # A W3C TextQuoteSelector: prefix + exact + suffix occurs once in the text.
    assert TEXT.count(span["prefix"] + span["text"] + span["suffix"]) == 1
    assert claim.content_text == span["text"]


def test_selector_at_the_edges_of_the_text_is_short_not_wrapped():
    text = "\U0001f600 Start here and end there \U0001f600"
    first = span_selector(text, {"text": "\U0001f600 Start", "start": 0, "end": 7})
    assert first is not None and first["prefix"] == "" and first["utf16"] == {"start": 0, "end": 8}
    last = span_selector(text, {"text": "there \U0001f600", "start": len(text) - 7, "end": len(text)})
    assert last is not None and last["suffix"] == "" and last["utf16"]["end"] == utf16_length(text)
    assert span_selector(text, None) is None


def test_schema_documents_the_offset_units(client):
    span = client.get("/api/schema/?format=json").json()["components"]["schemas"]["Span"]
    assert "code points" in span["properties"]["start"]["description"]
    assert "UTF-16" in span["properties"]["utf16"]["description"] or "UTF-16" in span.get("description", "")
