"""The pieces of the article page a save can change: highlighted text, statement list, legend and counts.

The article page renders them once; every save on that page renders them again (htmx out-of-band swaps), so
the page never shows a span, a speaker or a count the database no longer has.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from newsclaims.claims.models import Article, Claim
from newsclaims.review.highlight import (
    FALLBACK_SLOT,
    PALETTE_SIZE,
    claim_marks,
    render_highlighted,
    speaker_key,
    speaker_slots,
)
from newsclaims.review.state import review_state


def _legend(claims: list[Claim], slots: dict[str, int]) -> list[dict[str, Any]]:
    counts = Counter(speaker_key(c) for c in claims)
    names: dict[str, str] = {}
    for c in claims:
        key = speaker_key(c)
        names.setdefault(key, c.speaker.name if c.speaker else (c.speaker_name or c.speaker_text or "Unknown speaker"))
    return [
        {"slot": s, "name": names[key], "count": counts[key], "shared": s == FALLBACK_SLOT, "palette": PALETTE_SIZE}
        for key, s in slots.items()
    ]


def paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the paragraphs holding ``text[start:end]`` begin and end: an article's paragraphs are its lines
    (as the engine's layout reads them, attribution/layout.py), and a quote may run over several."""
    newline = text.find("\n", end)
    return text.rfind("\n", 0, start) + 1, len(text) if newline < 0 else newline


def neighbour_paragraphs(text: str, begin: int, end: int, count: int) -> tuple[list[str], list[str]]:
    """Up to ``count`` non-blank paragraphs before ``begin`` and after ``end`` (nearest last and first)."""
    before = [line.strip() for line in text[:begin].split("\n") if line.strip()][-count:] if count else []
    after = [line.strip() for line in text[end:].split("\n") if line.strip()][:count]
    return before, after


def article_parts(article: Article) -> dict[str, Any]:
    claims = sorted(article.claims.select_related("speaker"), key=lambda c: (c.content_start, c.pk))
    slots = speaker_slots(claims)
    marks = [m for c in claims for m in claim_marks(c, slots[speaker_key(c)])]
    states = [review_state(c) for c in claims]
    return {
        "article": article,
        "claims": claims,
        "claim_slots": [(c, slots[speaker_key(c)], st) for c, st in zip(claims, states, strict=True)],
        "text_html": render_highlighted(article.text, marks),
        "legend": _legend(claims, slots),
        "counts": {
            "total": len(claims),
            "reviewed": sum(st.reviewed for st in states),
            "corrected": sum(st.key == "corrected" for st in states),
            "flagged": sum(st.key == "flagged" for st in states),
            "added": sum(st.key == "added" for st in states),
        },
    }
