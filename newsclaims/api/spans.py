"""Spans clients can trust: offsets in Unicode code points, plus the same span as UTF-16 code units.

Python (and the API's ``start``/``end``) counts code points; JavaScript, Java and C# strings index UTF-16
code units, in which every character outside the Basic Multilingual Plane (most emoji) counts twice. Each
span also carries its text and 32 characters either side (a W3C TextQuoteSelector: ``exact`` = ``text``,
``prefix``, ``suffix``), so a client can find it again in a copy of the text whatever it counts in.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from newsclaims.claims.models import Article

CONTEXT = 32


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def span_selector(text: str, span: dict[str, Any] | None) -> dict[str, Any] | None:
    """``span`` (``{text, start, end}``) with ``prefix``, ``suffix`` and ``utf16`` offsets read from ``text``."""
    if span is None:
        return None
    start, end = span["start"], span["end"]
    before = utf16_length(text[:start])
    return {
        **span,
        "prefix": text[max(0, start - CONTEXT) : start],
        "suffix": text[end : end + CONTEXT],
        "utf16": {"start": before, "end": before + utf16_length(text[start:end])},
    }


def article_texts(article_ids: Iterable[int]) -> dict[int, str]:
    """The texts the spans of a page of claims point into, in one query."""
    ids = set(article_ids)
    if not ids:
        return {}
    return dict(Article.objects.filter(pk__in=ids).values_list("pk", "text"))
