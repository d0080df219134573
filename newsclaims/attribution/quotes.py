"""Quote-mark scanner: finds quoted stretches in raw text, before any parsing.

Scanning characters (not tokens) is what lets one quote hold several sentences and lets the news convention of
multi-paragraph quotes (each paragraph re-opens, only the last one closes) be read as one quotation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import compress

# Straight marks are ambiguous; whether one opens or closes depends on its neighbours.
_OPENERS = {"\u201c": "\u201d", "\u00ab": "\u00bb", "\u201e": "\u201c", "\u2039": "\u203a"}
_CLOSERS = {"\u201d", "\u00bb", "\u203a"}
_OPEN_BEFORE = set("([{\u2014\u2013-/:")
_CLOSE_AFTER = set(".,;:!?)]}\u2014\u2013-\u2026")
# The only characters the scanners act on: they jump from one to the next instead of stepping through every letter.
_DOUBLE_MARKS = re.compile("[\n\"'`\u201c\u201d\u00ab\u00bb\u201e\u2039\u203a]")
_SINGLE_MARKS = re.compile("[\n'\u2018\u2019]")


@dataclass(frozen=True, slots=True)
class Quote:
    """Characters ``[start, end)`` including the marks; ``closed`` is False for a quote cut off by the paragraph end."""

    start: int
    end: int
    closed: bool
    single: bool = False


def _opens(text: str, i: int) -> bool:
    return i == 0 or text[i - 1].isspace() or text[i - 1] in _OPEN_BEFORE


def _closes(text: str, j: int) -> bool:
    return j >= len(text) or text[j].isspace() or text[j] in _CLOSE_AFTER or text[j] in "\"'\u201d\u2019"


def double_quotes(text: str) -> list[Quote]:
    """Double-mark quotes (straight, curly, guillemets, low-high, and the ``''...''`` convention).

    A quote still open at a line break ends there (unclosed): a paragraph that re-opens continues the quotation,
    which the caller chains.
    """
    out: list[Quote] = []
    start: int | None = None
    i, n = 0, len(text)
    while i < n:
        m = _DOUBLE_MARKS.search(text, i)
        if m is None:
            break
        i = m.start()
        ch = text[i]
        if ch == "\n":
            if start is not None:
                out.append(Quote(start, i, False))
                start = None
            i += 1
            continue
        if text.startswith("''", i) or text.startswith("``", i):
            tok, width = ("open" if ch == "`" else "amb"), 2
        elif ch == '"':
            tok, width = "amb", 1
        elif ch in _OPENERS and not (ch == "\u201c" and start is not None and text[start] == "\u201e"):
            tok, width = "open", 1
        elif ch in _CLOSERS or ch == "\u201c":
            tok, width = "close", 1
        else:
            i += 1
            continue
        j = i + width
        if tok == "amb":
            o, c = _opens(text, i), _closes(text, j)
            # Outside a quote a mark opens unless it clearly closes; inside, it closes unless it clearly opens.
            tok = ("stray" if c and not o else "open") if start is None else ("open" if o and not c else "close")
        if tok == "open":
            if start is not None:
                out.append(Quote(start, i, False))
            start = i
        elif tok == "close" and start is not None:
            out.append(Quote(start, j, True))
            start = None
        i = j
    if start is not None:
        out.append(Quote(start, n, False))
    return out


def single_quotes(text: str, taken: list[Quote]) -> list[Quote]:
    """Top-level single-mark quotes closed within their paragraph; apostrophes inside words are skipped."""
    inside = quoted_mask(text, taken)
    out: list[Quote] = []
    start: int | None = None
    n = len(text)
    for m in _SINGLE_MARKS.finditer(text):
        i, ch = m.start(), m.group()
        if ch == "\n":
            start = None
            continue
        if inside[i] or ch not in "'\u2018\u2019":
            continue
        if (i + 1 < n and text[i + 1] == "'") or (i > 0 and text[i - 1] == "'"):
            continue
        nxt = text[i + 1] if i + 1 < n else " "
        prev = text[i - 1] if i > 0 else " "
        if start is None:
            if (ch == "\u2018" or (ch == "'" and _opens(text, i))) and nxt.isalnum() and not prev.isalnum():
                start = i
        elif not prev.isspace() and not nxt.isalnum():
            out.append(Quote(start, i + 1, True, single=True))
            start = None
    return out


def find_quotes(text: str) -> list[Quote]:
    doubles = double_quotes(text)
    return sorted(doubles + single_quotes(text, doubles), key=lambda q: q.start)


def quoted_mask(text: str, quotes: Sequence[Quote]) -> bytearray:
    """One byte per character of ``text``: 1 inside a quotation (marks included), else 0."""
    mask = bytearray(len(text))
    for q in quotes:
        mask[q.start : q.end] = b"\x01" * (q.end - q.start)
    return mask


def kind_of(text: str, start: int, end: int, mask: bytearray, gaps: Sequence[tuple[int, int]] = ()) -> str:
    """direct when every letter or digit is quoted, indirect when none is, mixed otherwise.  ``gaps`` are
    unquoted stretches that only frame a quotation ('"A," he said. "B."'), counted on neither side."""
    # This runs over every character of every content: map and compress instead of indexing the text and mask.
    counted = list(map(str.isalnum, text[start:end]))
    for a, b in gaps:
        lo, hi = max(a, start) - start, min(b, end) - start
        if hi > lo:
            counted[lo:hi] = [False] * (hi - lo)
    total = sum(counted)
    inside = sum(compress(mask[start:end], counted))
    if total and inside == total:
        return "direct"
    return "mixed" if inside else "indirect"
