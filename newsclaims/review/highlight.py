"""Article text with every claim span marked in place: a pure function of the text and the spans.

The text is cut at every span boundary into flat segments (spans may overlap or nest, HTML
elements may not), and each segment is escaped on its own, so the page's text content is
exactly the article text and offsets computed in the browser match the stored ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal
from zlib import crc32

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

Role = Literal["content", "speaker", "cue"]
# Twenty distinct colours (static/newsclaims.css, .spk-0 to .spk-19); an article with more speakers than that
# shows the rest in the fallback: neutral grey with a hatch (.spk-20), named in the legend.
PALETTE_SIZE = 20
FALLBACK_SLOT = PALETTE_SIZE
# Where several claims cover one character, the link goes to the narrowest; at equal width,
# a speaker mention or cue beats the content around it.
ROLE_PRIORITY: dict[str, int] = {"speaker": 0, "cue": 1, "content": 2}


@dataclass(frozen=True, slots=True)
class Mark:
    claim_id: int
    role: Role
    start: int
    end: int
    slot: int  # palette colour of the claim's speaker

    @property
    def width(self) -> int:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class Segment:
    start: int
    end: int
    text: str
    marks: tuple[Mark, ...]

    @property
    def primary(self) -> Mark | None:
        if not self.marks:
            return None
        return min(self.marks, key=lambda m: (m.width, ROLE_PRIORITY[m.role], m.claim_id))


def claim_marks(claim: object, slot: int) -> list[Mark]:
    """The content, speaker and cue spans of one claim (anything with the Claim span fields)."""
    marks = []
    for role in ("content", "speaker", "cue"):
        start, end = getattr(claim, f"{role}_start"), getattr(claim, f"{role}_end")
        if start is not None and end is not None and start < end:
            marks.append(Mark(claim.pk, role, start, end, slot))  # type: ignore[attr-defined]
    return marks


def split_segments(text: str, marks: Iterable[Mark]) -> list[Segment]:
    """Cut ``text`` at every mark boundary; each segment lists the marks covering all of it.

    Marks outside the text are clipped to it (stored offsets are validated, but a page must
    never fail to render because one claim is broken).
    """
    n = len(text)
    clipped = [m for m in marks if max(0, m.start) < min(n, m.end)]
    bounds = {0, n}
    for m in clipped:
        bounds.update((max(0, m.start), min(n, m.end)))
    cuts = sorted(bounds)
    # One sweep over the cuts, keeping the marks open at each: every mark boundary is a cut, so a mark open at a
    # segment's start covers the whole segment. Testing every mark against every segment is quadratic.
    pending = sorted(clipped, key=lambda m: m.start)
    active: list[Mark] = []
    nxt = 0
    segments = []
    for start, end in pairwise(cuts):
        while nxt < len(pending) and pending[nxt].start <= start:
            active.append(pending[nxt])
            nxt += 1
        active = [m for m in active if m.end > start]
        segments.append(Segment(start, end, text[start:end], tuple(active)))
    return segments


def _segment_html(seg: Segment, link: str | None) -> str:
    primary = seg.primary
    if primary is None:
        return escape(seg.text)
    roles = sorted({m.role for m in seg.marks}, key=ROLE_PRIORITY.__getitem__)
    claims = sorted({m.claim_id for m in seg.marks})
    slot = primary.slot if 0 <= primary.slot < PALETTE_SIZE else FALLBACK_SLOT
    classes = ["hl", f"spk-{slot}", *(f"hl-{r}" for r in roles)]
    if len(claims) > 1:
        classes.append("hl-multi")
    data = f'data-claim="{primary.claim_id}" data-claims="{" ".join(map(str, claims))}" data-start="{seg.start}"'
    if link is None:
        return f'<span class="{" ".join(classes)}" {data}>{escape(seg.text)}</span>'
    href = escape(link.format(id=primary.claim_id))
    # One tab stop for the whole text (the page script moves inside it), not one per highlight.
    return f'<a class="{" ".join(classes)}" href="{href}" tabindex="-1" {data}>{escape(seg.text)}</a>'


def render_highlighted(text: str, marks: Sequence[Mark], link: str | None = "/claims/{id}/") -> SafeString:
    """HTML for ``text`` with each marked segment wrapped in a link to its claim (a plain span when ``link`` is
    None: text to select in, not links to drag); everything escaped."""
    html = "".join(_segment_html(seg, link) for seg in split_segments(text, marks))
    return mark_safe(html)  # noqa: S308 - every piece of text above went through escape()


def speaker_key(claim: object) -> str:
    """Which colour a claim gets: its speaker entity, else the name the engine resolved, else the mention."""
    speaker_id = getattr(claim, "speaker_id", None)
    if speaker_id is not None:
        return f"id:{speaker_id}"
    name = getattr(claim, "speaker_name", "") or getattr(claim, "speaker_text", "")
    return f"name:{name.strip().lower()}" if name.strip() else "unknown"


def preferred_slot(key: str) -> int:
    """The colour a speaker gets wherever it can: from its key alone (crc32, unlike hash(), is the same in
    every process), so the same speaker is the same colour on every page and after every reload."""
    return crc32(key.encode("utf-8")) % PALETTE_SIZE


def assign_slots(keys: Iterable[str]) -> dict[str, int]:
    """One distinct slot per key while the palette lasts, then FALLBACK_SLOT.

    Each key takes its preferred slot or, when another key has it, the next free one. Keys are placed in an
    order that depends on the keys only (never on where they appear in the text), so the same set of
    speakers always gets the same colours.
    """
    taken: dict[int, str] = {}
    slots: dict[str, int] = {}
    for key in sorted(set(keys), key=lambda k: (preferred_slot(k), k)):
        if len(taken) == PALETTE_SIZE:
            slots[key] = FALLBACK_SLOT
            continue
        slot = preferred_slot(key)
        while slot in taken:
            slot = (slot + 1) % PALETTE_SIZE
        taken[slot] = key
        slots[key] = slot
    return slots


def speaker_slots(claims: Iterable[object]) -> dict[str, int]:
    """One palette slot per speaker of an article's claims (see assign_slots), listed in the order speakers
    first appear in the text (the legend's order)."""
    ordered = sorted(claims, key=lambda c: (c.content_start, c.pk))  # type: ignore[attr-defined]
    keys = list(dict.fromkeys(speaker_key(c) for c in ordered))
    slots = assign_slots(keys)
    return {key: slots[key] for key in keys}
