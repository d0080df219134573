"""Each token's lowercase form and, for each form, where it stands: read once per Doc and shared by the rules'
``Context`` and the speaker resolver, so that a pass over a word list visits those words instead of every token."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from spacy.attrs import LOWER
from spacy.tokens import Doc


def lower_forms(doc: Doc) -> list[str]:
    """``Token.lower_`` of every token, read from the Doc's array with each distinct word looked up once."""
    lowers = doc.to_array(LOWER).tolist()
    strings = doc.vocab.strings
    forms = {h: strings[h] for h in set(lowers)}
    return [forms[h] for h in lowers]


def word_index(lower: Sequence[str]) -> dict[str, list[int]]:
    """Each lowercase form -> the indexes of its tokens, in order."""
    where: dict[str, list[int]] = {}
    for i, low in enumerate(lower):
        where.setdefault(low, []).append(i)
    return where


def indexes_of(where: dict[str, list[int]], tables: Sequence[Collection[str]]) -> list[int]:
    """The indexes, in token order, of the words whose lowercase form is in any of ``tables``; each table is read
    from its shorter side (its own words, or the Doc's distinct ones)."""
    hits: set[int] = set()
    for table in tables:
        if len(table) < len(where):
            for w in table:
                hits.update(where.get(w, ()))
        else:
            for w, at in where.items():
                if w in table:
                    hits.update(at)
    return sorted(hits)
