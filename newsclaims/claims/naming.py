"""Identity keys for speaker names: which spellings are one record and which are not.

A person's key ignores what varies between mentions of one person: case, accents, titles and honorifics
("Sen.", "President"), middle names and initials ("Donald J. Trump"), possessives and punctuation. It keeps what
tells two people apart: generational suffixes ("Jr.", "III") are part of the name, so a father and his son who
share the rest are two keys. Organisations keep every word but a leading article: "The Ministry" is "ministry".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from newsclaims.attribution.names import TITLE_WORDS

SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "v"})
# Surname particles stay with the surname: "Ursula von der Leyen" is keyed "ursula von der leyen", and her surname
# is "von der leyen", not "leyen".
PARTICLES = frozenset({"von", "van", "der", "den", "de", "del", "della", "di", "da", "du", "la", "le", "bin", "al"})
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})
_NON_WORD = re.compile(r"[^\w'\u2010 ]+")


def _words(name: str) -> list[str]:
    text = unicodedata.normalize("NFKD", name.translate(_APOSTROPHES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    # A hyphenated name is one word ("Okafor-Lindqvist" is a surname, not a middle name and a surname); other
    # punctuation folds to spaces, so "J." and "J" are one spelling.
    text = _NON_WORD.sub(" ", text.replace("-", "\u2010"))
    words = [w.removesuffix("'s").strip("'").replace("\u2010", "-").strip("-") for w in text.split()]
    return [w for w in words if w]


@dataclass(frozen=True)
class PersonKey:
    """``full`` identifies a person; ``surname`` is what a one-word mention ("Okafor") is compared with."""

    full: str
    surname: str
    given: str

    @property
    def is_single_word(self) -> bool:
        return not self.given


def person_key(name: str) -> PersonKey | None:
    words = _words(name)
    while len(words) > 1 and words[0] in TITLE_WORDS:
        words.pop(0)
    if not words:
        return None
    suffix = [words.pop()] if len(words) > 1 and words[-1] in SUFFIXES else []
    if not words:
        return None
    # Middle names and initials ("Donald J. Trump", "Ama Serwaa Mensah") do not make another person: the key is the
    # first given name and the surname, with its particles and suffix.
    start = len(words) - 1
    while start > 1 and words[start - 1] in PARTICLES:
        start -= 1
    given = words[0] if len(words) > 1 else ""
    surname = " ".join(words[start:] + suffix)
    full = f"{given} {surname}" if given else surname
    return PersonKey(full=full, surname=surname, given=given)


def organisation_key(name: str) -> str:
    words = _words(name)
    if len(words) > 1 and words[0] == "the":
        words.pop(0)
    return " ".join(words)


def identity_key(name: str, *, kind: str) -> str:
    """The alias key a record is found by: a person's full key, else the organisation form."""
    if kind == "person":
        key = person_key(name)
        return key.full if key else ""
    return organisation_key(name)
