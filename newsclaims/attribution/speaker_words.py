"""Word tables and name helpers the speaker resolver reads: the lists in ``data/speakers.json`` and
``data/given_names.json``, and the small functions on names and noun phrases its parts share.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from spacy.tokens import Doc, Span, Token

from .lexicon import lexicon
from .names import TITLE_WORDS, fold

_GENDERED = {"he": "male", "him": "male", "his": "male", "himself": "male"} | {
    "she": "female",
    "her": "female",
    "hers": "female",
    "herself": "female",
}
_FIRST_PERSON = ("i", "me", "my")
_SECOND_PERSON = ("you", "your")
_PARTICLES = frozenset(("de", "van", "von", "bin", "al", "da", "le", "la", "der", "del", "di", "du"))
_DETS = ("the", "a", "an", "this", "that", "these", "those")
_ACRONYM = re.compile(r"^[A-Z](?:\.?[A-Z&]){1,6}\.?$")


@dataclass(frozen=True, slots=True)
class Words:
    abbreviations: dict[str, str]
    synonyms: dict[str, str]
    legislators: frozenset[str]
    roles: frozenset[str]
    quantifiers: frozenset[str]
    percent: frozenset[str]
    documents: frozenset[str]
    issuing_verbs: frozenset[str]
    org_heads: dict[str, str]
    platforms: dict[str, str]
    platform_verbs: dict[str, str]
    appearance_nouns: frozenset[str]
    audience_nouns: frozenset[str]
    outlets: frozenset[str]
    channel_preps: frozenset[str]
    company_words: frozenset[str]
    speech_nouns: frozenset[str]
    # 'Okafor Speech', 'Okafor Interview': a headline-style caption glues the occasion onto the name.
    occasions: frozenset[str]
    gender_nouns: dict[str, str]
    parties: frozenset[str]
    doc_classes: dict[str, str]  # a document noun -> its kind ('clip' and 'video' are one kind)


@cache
def words() -> Words:
    data: dict[str, Any] = json.loads(
        resources.files(__package__).joinpath("data", "speakers.json").read_text(encoding="utf-8")
    )
    return Words(
        abbreviations=dict(data["role_abbreviations"]),
        synonyms=dict(data["role_synonyms"]),
        legislators=frozenset(data["legislator_roles"]),
        roles=frozenset(data["extra_role_words"]),
        quantifiers=frozenset(data["quantifiers"]),
        percent=frozenset(data["percent_words"]),
        documents=frozenset(data["document_heads"]),
        issuing_verbs=frozenset(data["issuing_verbs"]),
        org_heads=dict(data["generic_org_heads"]),
        platforms=dict(data["platforms"]),
        platform_verbs=dict(data["platform_verbs"]),
        appearance_nouns=frozenset(data["appearance_nouns"]),
        audience_nouns=frozenset(data["audience_nouns"]),
        outlets=frozenset(data["outlets"]),
        channel_preps=frozenset(data["channel_preps"]),
        company_words=frozenset(data["company_words"]),
        speech_nouns=frozenset(data["speech_nouns"]),
        occasions=frozenset(data["speech_nouns"]) | frozenset(data["occasion_nouns"]),
        gender_nouns=dict(data["gender_nouns"]),
        parties=frozenset(data["party_words"]),
        doc_classes={noun: kind for kind, nouns in data["document_classes"].items() for noun in nouns},
    )


@cache
def given_names() -> dict[str, str]:
    data: dict[str, Any] = json.loads(
        resources.files(__package__).joinpath("data", "given_names.json").read_text(encoding="utf-8")
    )
    return {name: gender for gender in ("female", "male") for name in data[gender]}


_SUFFIXES = frozenset(("jr", "sr", "ii", "iii", "iv"))


_PAGEANT_TITLES = frozenset(("miss", "mister"))


def _one_edit(a: str, b: str) -> bool:
    """Whether ``b`` is ``a`` with one letter dropped, added or changed, or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (
            len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
        )
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _namelike(ent: Span) -> bool:
    """A PERSON entity that can be a name: capitalised words, not a clause the tagger swallowed."""
    parts = [w for w in ent.text.split() if any(ch.isalpha() for ch in w)]
    return (
        bool(parts)
        and all(w[:1].isupper() or w in _PARTICLES for w in parts)
        and not any(t.pos_ in ("VERB", "AUX") for t in ent)
    )


def _doc_class(noun: str) -> str:
    """'the clip' after 'a video released by the party': one kind of document, spoken of in other words."""
    return words().doc_classes.get(noun, noun)


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 3 else word


def _trimmed(doc: Doc) -> list[Span]:
    """The Doc's entities, with what the tagger glues onto a person's name cut off: the occasion after it
    ('Okafor Speech') and the pageant after a title ('Miss Universe Lorena Ibarra' is Lorena Ibarra)."""
    occasions = words().occasions
    out: list[Span] = []
    for ent in doc.ents:
        start, end = ent.start, ent.end
        if ent.label_ == "PERSON":
            while end - start > 1 and doc[end - 1].lower_ in occasions:
                end -= 1
            if doc[start].lower_ in _PAGEANT_TITLES and end - start >= 4:
                start += 2
            elif start > 0 and doc[start - 1].lower_ in _PAGEANT_TITLES and end - start >= 3:
                start += 1
        out.append(ent if (start, end) == (ent.start, ent.end) else Span(doc, start, end, label=ent.label_))
    return out


def _surname_key(name: str) -> str:
    """The folded last word of a name that is not a generational suffix: 'Harold T. Brennan Jr.' -> 'brennan'."""
    words = [fold(w).rstrip(".") for w in name.split()]
    while len(words) > 1 and words[-1] in _SUFFIXES:
        words.pop()
    return words[-1] if words else ""


def _relative_antecedent(quantifier: Token) -> Token | None:
    """'family members of the crew, many of whom ...': the noun phrase right before 'many of whom' (the parser
    often hangs the clause on the main verb, not on the noun), up from a conjunct and an 'of' phrase to its head."""
    doc = quantifier.doc
    k = quantifier.left_edge.i - 1
    while k >= 0 and doc[k].is_punct:
        k -= 1
    if k < 0 or doc[k].pos_ not in ("NOUN", "PROPN"):
        return None
    noun = doc[k]
    while noun.dep_ == "conj" and noun.head.pos_ in ("NOUN", "PROPN"):
        noun = noun.head
    while noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ in ("NOUN", "PROPN"):
        noun = noun.head.head
    return noun


def _strip_det(text: str) -> str:
    parts = text.split()
    if len(parts) > 1 and parts[0].lower() in _DETS:
        return " ".join(parts[1:])
    return text


def _clean_name(text: str) -> str:
    """'President Vladimir Putin' -> 'Vladimir Putin', keeping the written casing."""
    # Drop leading titles word by word: counting the words normalize_name keeps would cut hyphenated names,
    # which it splits ("Kim Jong-un" -> "kim jong un").
    parts = text.split()
    while len(parts) > 1 and fold(parts[0]) in TITLE_WORDS:
        parts.pop(0)
    return " ".join(parts).removesuffix("'s").removesuffix("\u2019s")


def _core(tok: Token) -> tuple[int, int]:
    """The noun phrase without appositives, relative clauses or trailing modifiers after a comma."""
    start = tok.left_edge.i
    end = tok.i + 1
    for child in tok.rights:
        if child.dep_ in ("appos", "relcl", "acl", "punct", "cc", "conj", "advmod"):
            break
        end = child.right_edge.i + 1
    if any(c.dep_ == "conj" for c in tok.rights):
        end = tok.right_edge.i + 1
    return start, end


def _role(doc: Doc, span: Span, ent: Span) -> str | None:
    """'Foreign Ministry spokeswoman Maria Zakharova' -> 'Foreign Ministry spokeswoman'; else an appositive."""
    i = span.start
    while i < ent.start and doc[i].dep_ == "det":
        i += 1
    if i < ent.start:
        role = doc[i : ent.start].text.strip(" ,")
        # 'Mr Hartley', 'Ms. Quint': an honorific is how the person is named, not a role.
        if role and not all(fold(w).rstrip(".") in lexicon().honorifics for w in role.split()):
            return role
    for child in ent.root.rights:
        if child.dep_ == "appos" and child.pos_ == "NOUN":
            lo = child.left_edge.i
            while lo < child.i and doc[lo].dep_ == "det":
                lo += 1
            return doc[lo : child.i + 1].text
    return None
