"""The article's furniture, read from the raw text before any parsing: headline, section labels, datelines,
timestamps, bylines and signatures.

None of these lines is a sentence, so the parser reads them badly: a capitalised headline ("Mayor Warns Council")
comes out as a person's name, a dateline or a timestamp line glues itself onto the subject of the sentence after
it.  The resolver asks the layout where a mention sits and who wrote the first-person passages.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

# 'KINGSTON, Ont., March 3 (Wire) --', 'LAKESIDE -', 'PORT ELLIS:' : a place in capitals, an optional region,
# date and agency, then a dash or a colon.
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z'.\-]+(?:\s+[A-Z][A-Z'.\-]+)*)"
    r"(?:,\s*[A-Z][A-Za-z.]*(?:\s+[A-Z][A-Za-z.]*)*)*"
    r"(?:,\s*[A-Z][a-z]{2,4}\.?\s+\d{1,2})?"
    r"(?:\s*\([A-Za-z][A-Za-z .&]*\))?"
    r"\s*(?:\u2014|\u2013|--|-|:)\s+"
)
_TIMESTAMP = re.compile(r"^\d{1,2}(?::\d{2})?\s*[ap]\.\s?m\.?$", re.IGNORECASE)
_BYLINE = re.compile(r"^By\s+([A-Z][\w.'\-]*(?:[ ,]+(?:and\s+)?[A-Z][\w.'\-]*){0,7})\.?$")
_HANDLE = re.compile(r"^@\w+\.?$")
_NAME_LINE = re.compile(r"^[A-Z][\w'\-]*\.?(?:\s+[A-Z][\w'\-]*\.?){1,3}\.?$")
# 'Ada Quist is a historian at ...' as a closing paragraph: the writer's own description.
_BIO = re.compile(r"^([A-Z][\w'\-]*\.?(?:\s+[A-Z][\w'\-]*\.?){1,3})\s+(?:is|was|has|writes|teaches)\s")
_SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "for",
        "from",
        "in",
        "into",
        "of",
        "on",
        "or",
        "over",
        "the",
        "to",
        "up",
        "via",
        "vs",
        "with",
    ]
)
_HEADLINE_WORDS = 30


@dataclass(frozen=True, slots=True)
class Zone:
    start: int
    end: int
    kind: str  # headline, label, timestamp, dateline, byline, signature


@dataclass(slots=True)
class Layout:
    text: str
    zones: list[Zone] = field(default_factory=list)
    # (first character, last character, writer): who says "I" in that stretch of the text.
    authors: list[tuple[int, int, str]] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list)

    def zone_at(self, char: int) -> str | None:
        k = bisect_right(self._starts, char) - 1
        if k >= 0 and self.zones[k].start <= char < self.zones[k].end:
            return self.zones[k].kind
        return None

    def in_headline(self, char: int) -> bool:
        return self.zone_at(char) == "headline"

    def body_start(self) -> int:
        """First character after the headline block (0 when the text opens with its body)."""
        heads = [z.end for z in self.zones if z.kind == "headline" and z.start == self._first_line_start()]
        return heads[0] if heads else 0

    def _first_line_start(self) -> int:
        return len(self.text) - len(self.text.lstrip())

    def author_at(self, char: int) -> str | None:
        for lo, hi, name in self.authors:
            if lo <= char < hi:
                return name
        return None


def _lines(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = 0
    for raw in text.split("\n"):
        start, end = pos, pos + len(raw)
        pos = end + 1
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            out.append((start + lead, start + lead + len(stripped)))
    return out


def title_case(words: list[str]) -> bool:
    """Most words capitalised, small words aside: 'Council Backs Plan for New Bridge'."""
    content = [w for w in words if any(ch.isalpha() for ch in w) and w.lower().strip("'\".,:;") not in _SMALL_WORDS]
    if len(content) < 2:
        return False
    capital = sum(1 for w in content if w.lstrip("'\"\u2018\u201c(")[:1].isupper())
    return capital >= 0.8 * len(content)


def _is_label(line: str) -> bool:
    """'ABSTRACT.', 'FULL TEXT.', 'Letters.', 'Correction Appended.': a section label, not a sentence."""
    words = line.rstrip(".:").split()
    if not words or len(words) > 3:
        return False
    letters = [ch for ch in line if ch.isalpha()]
    return bool(letters) and (all(ch.isupper() for ch in letters) or (len(words) == 1 and line.endswith(".")))


def read_layout(text: str, is_person: Callable[[int, int], bool] | None = None) -> Layout:
    """``is_person(start, end)`` tells whether the tagger reads a stretch as a person's name: a name line that is
    not one is a subheading ('Human Rights.'), not a letter's signature."""
    lines = _lines(text)
    layout = Layout(text)
    if not lines:
        return layout
    zones: list[Zone] = []
    # The headline block: the opening lines up to the first blank line, when short and followed by a body.
    first_blank = text.find("\n\n", lines[0][0])
    if first_blank > 0 and text[first_blank:].strip():
        block = [ln for ln in lines if ln[1] <= first_blank]
        n_words = sum(len(text[a:b].split()) for a, b in block)
        rest = [ln for ln in lines if ln[0] > first_blank]
        first = text[block[0][0] : block[0][1]] if block else ""
        # A short opening paragraph is a headline when it is title-cased or heads a real body; a two-paragraph
        # note opening with one short sentence is not.
        headline_like = title_case(first.split()) or len(rest) >= 3
        if block and n_words <= _HEADLINE_WORDS and headline_like and not _DATELINE.match(first):
            zones.extend(Zone(a, b, "headline") for a, b in block)
    taken = {z.start for z in zones}
    signatures: list[tuple[int, str]] = []
    for a, b in lines:
        if a in taken:
            continue
        line = text[a:b]
        words = line.split()
        m = _BYLINE.match(line)
        if _TIMESTAMP.match(line):
            zones.append(Zone(a, b, "timestamp"))
        elif _is_label(line):
            zones.append(Zone(a, b, "label"))
        elif m is not None:
            zones.append(Zone(a, b, "byline"))
            for name in re.split(r"\s*,\s*|\s+and\s+", m.group(1)):
                if name:
                    layout.authors.append((0, len(text), name.rstrip(".")))
        elif _HANDLE.match(line) or (
            _NAME_LINE.match(line)
            and len(words) <= 4
            and not any(w.lower() in _SMALL_WORDS for w in words)
            and (is_person is None or is_person(a, b))
        ):
            zones.append(Zone(a, b, "signature"))
            signatures.append((a, line.rstrip(".")))
        elif len(words) <= 15 and title_case(words) and line[-1:] not in ",;\"\u201d'" and "." not in line[:-1]:
            zones.append(Zone(a, b, "headline"))
        else:
            d = _DATELINE.match(line)
            if d is not None and len(d.group(0).split()) <= 8:
                # 'CITY (Wire) -- The Latest on the vote (all times local):' introduces a running file.
                whole = line.rstrip().endswith(":") and len(words) <= 20
                zones.append(Zone(a, b if whole else a + d.end(), "dateline"))
    # A signature closes the letter above it, back to the previous signature or label.
    for at, name in signatures:
        lo = max((z.end for z in zones if z.end <= at and z.kind in ("headline", "label", "signature")), default=0)
        if not _HANDLE.match(name):
            layout.authors.append((lo, at, name))
    bio = _BIO.match(text[lines[-1][0] : lines[-1][1]])
    # Only a writer the article never mentions before: a closing 'Ms Quist is due in court' is news, not a bio.
    if bio is not None and len(lines) > 3 and not signatures and text.find(bio.group(1)) == lines[-1][0]:
        layout.authors.append((0, lines[-1][0], bio.group(1)))
    zones.sort(key=lambda z: z.start)
    layout.zones = zones
    layout._starts = [z.start for z in zones]
    return layout
