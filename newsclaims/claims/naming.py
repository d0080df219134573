"""Identity keys for speaker names: which spellings are one record and which are not.

A person's key ignores what varies between mentions of one person: case, accents, titles and honorifics
("Sen.", "President"), middle initials ("Donald J. Trump"), hyphens, possessives and punctuation. It keeps what
tells two people apart: generational suffixes ("Jr.", "III") are part of the name, so a father and his son who
share the rest are two keys. Organisations keep every word but a leading article: "The Ministry" is "ministry".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import TypeVar

from newsclaims.attribution.names import TITLE_WORDS
from newsclaims.attribution.speaker_words import given_names

SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "v"})
# Surname particles stay with the surname: "Ursula von der Leyen" is keyed "ursula von der leyen", and her surname
# is "von der leyen", not "leyen".
PARTICLES = frozenset({"von", "van", "der", "den", "de", "del", "della", "di", "da", "du", "la", "le", "bin", "al"})
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})
_NON_WORD = re.compile(r"[^\w'\u2010 ]+")
_CAPITAL_AL = re.compile(r"\bAl\s")


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
    suffix = [words.pop()] if len(words) > 1 and words[-1] in SUFFIXES else []
    if not words:
        return None
    # Middle initials ("Donald J. Trump") do not make another person, unless the given name is an initial too
    # ("J. K. Okoro" keeps both). Middle names spelled out are kept; the linker matches them on given name and
    # surname when that is unambiguous.
    if len(words) > 2 and len(words[0]) > 1:
        words = [words[0], *(w for w in words[1:-1] if len(w) > 1 or not w.isalpha()), words[-1]]
    start = len(words) - 1
    while start > 1 and words[start - 1] in PARTICLES:
        start -= 1
    if words[0] in PARTICLES and not (words[0] == "al" and _CAPITAL_AL.search(name)):
        # "De Blasio", "bin Laden": a surname with its particle, mentioned without a given name. A capitalised
        # "Al" is the given name ("Al Brindell"); the particle is written "al".
        start = 0
    given = words[0] if start > 0 else ""
    # Hyphens fold to spaces only now, once they have kept "Okafor-Lindqvist" one surname.
    surname = " ".join(words[start:] + suffix).replace("-", " ")
    full = " ".join(words + suffix).replace("-", " ")
    return PersonKey(full=full, surname=surname, given=given.replace("-", " "))


# A name a record may carry. The engine decides what is a person or a body; these are the domain's last guard, so
# that a description ("the New York businessman"), a quantifier or a clause never becomes a shared record.
_DETERMINERS = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "his",
        "her",
        "their",
        "our",
        "its",
        "my",
        "your",
        "each",
        "every",
        "many",
        "some",
        "several",
        "both",
        "all",
        "any",
        "most",
        "few",
        "other",
        "another",
    ]
)
_MAX_PERSON_WORDS = 6  # given names, particles, surname and suffix; more is a phrase, not a name
_MAX_ORGANISATION_WORDS = 10  # "The Ministry of Foreign Affairs of the Republic of ..." still fits


def is_person_name(name: str) -> bool:
    words = name.split()
    if not words or len(words) > _MAX_PERSON_WORDS or any(ch.isdigit() or ch in ",;:!?()" for ch in name):
        return False
    if words[0].casefold() in _DETERMINERS:
        return False
    # Every word of a name is capitalised, but for particles ("van der") and initials.
    return all(w[0].isupper() or w.casefold() in PARTICLES for w in words if w[0].isalpha())


def is_organisation_name(name: str) -> bool:
    words = name.split()
    if not words or len(words) > _MAX_ORGANISATION_WORDS or any(ch in ",;:!?" for ch in name):
        return False
    first = words[1] if words[0].casefold() == "the" and len(words) > 1 else words[0]
    return first.casefold() not in _DETERMINERS and (first[0].isupper() or first[0].isdigit())


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


# What a mention's own words say of the person's gender: a pronoun the engine resolved ("he" said it) or an
# honorific ("Mr. Okafor"). Nothing else is read into a name.
_MALE_WORDS = frozenset({"he", "him", "his", "himself", "mr", "sir"})
_FEMALE_WORDS = frozenset({"she", "her", "hers", "herself", "mrs", "ms", "miss", "madam", "dame"})


def mention_gender(speaker_text: str) -> str | None:
    """'male' or 'female' when the mention's first word is a gendered pronoun or honorific, else None."""
    words = _words(speaker_text)
    first = words[0] if words else ""
    return "male" if first in _MALE_WORDS else "female" if first in _FEMALE_WORDS else None


@cache
def _given_name_genders() -> dict[str, str]:
    return {name.casefold(): gender for name, gender in given_names().items()}


def name_gender(name: str) -> str | None:
    """The gender a person record's given name is listed under, when it is listed under one only."""
    key = person_key(name)
    return _given_name_genders().get(key.given) if key is not None and key.given else None


K = TypeVar("K", bound=Hashable)


def agreed_genders(said: Iterable[tuple[K, str | None]]) -> dict[K, str]:
    """Per key (a surname, an article), the one gender its gendered mentions give; none where they disagree.

    A surname alone is one person throughout an article, so "Mr. X" or "he" there says who "the minister" and a
    bare "X" are too."""
    seen: dict[K, set[str]] = {}
    for key, gender in said:
        if gender:
            seen.setdefault(key, set()).add(gender)
    return {key: genders.pop() for key, genders in seen.items() if len(genders) == 1}


def gender_fits(name: str, gender: str | None) -> bool:
    """False only when both are known and differ: "Mr. Okafor" is not the record "Ada Okafor"."""
    return gender is None or (known := name_gender(name)) is None or known == gender
