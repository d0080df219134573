"""Split long texts into parseable pieces on natural boundaries, keeping each piece's offset.

spaCy refuses texts over ``nlp.max_length`` and its memory grows with document length, so anything longer than
``limit`` is cut: at a blank line if possible, else a line break, else a sentence end, else any space, else hard.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

DEFAULT_LIMIT = 100_000
_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*\s+")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufeff]")


def sanitize(text: str) -> str:
    """Same-length copy safe to parse: control characters and lone surrogates become spaces, so offsets hold."""
    return _CONTROL.sub(" ", text)


def _cut_point(text: str, start: int, limit: int) -> int:
    end = start + limit
    window = text[start:end]
    floor = limit // 2
    for sep in ("\n\n", "\n"):
        k = window.rfind(sep, floor)
        if k >= 0:
            return start + k + len(sep)
    last = None
    for m in _SENTENCE_END.finditer(window, floor):
        last = m.end()
    if last is not None:
        return start + last
    k = max(window.rfind(" ", floor), window.rfind("\t", floor))
    return start + k + 1 if k >= 0 else end


def chunks(text: str, limit: int = DEFAULT_LIMIT) -> Iterator[tuple[int, str]]:
    """Yield ``(offset, piece)`` with ``text[offset:offset + len(piece)] == piece``; blank pieces are skipped."""
    start, n = 0, len(text)
    while start < n:
        end = n if n - start <= limit else _cut_point(text, start, limit)
        piece = text[start:end]
        if piece.strip():
            yield start, piece
        start = end
