"""What the speaker resolver knows of an article: the tables its passes fill, and the base its parts share.

The resolver (``speakers.Resolver``) is assembled from parts, one module per concern, each a mixin on
``ResolverBase``: the base declares the article's state and the small readings every part needs, so that a part
never reaches into another part's module for an attribute.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field

import numpy
from spacy.tokens import Doc, Span, Token

from .layout import Layout, read_layout
from .lexicon import Lexicon, lexicon
from .names import fold
from .quotes import Quote, find_quotes, quoted_mask
from .speaker_words import _trimmed, words
from .types import SpeakerKind
from .wordindex import indexes_of, lower_forms, word_index

_SKIP_ZONES = ("headline", "label", "timestamp", "dateline", "byline", "signature")


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str | None
    kind: SpeakerKind
    role: str | None
    resolved: bool  # False when a pronoun, description or document could not be tied to a name


@dataclass(slots=True)
class _Person:
    name: str
    at: int  # token index of the mention
    subject: bool
    quoted: bool
    speaking: bool = False  # the speaker of a statement, not just a name in the text


@dataclass(slots=True)
class _Issuer:
    at: int
    noun: str
    name: str
    kind: SpeakerKind


@dataclass(slots=True)
class _Tables:
    full: dict[str, str] = field(default_factory=dict)
    # Every full name a surname belongs to, in order: 'Amanda Brandt' and 'Arthur Brandt' for 'brandt'.
    by_surname: dict[str, list[str]] = field(default_factory=dict)
    gender: dict[str, str] = field(default_factory=dict)
    roles: dict[str, set[str]] = field(default_factory=dict)
    acronyms: dict[str, str] = field(default_factory=dict)
    orgs: list[tuple[int, str, set[str]]] = field(default_factory=list)  # (token, name, nouns describing it)
    issuers: list[_Issuer] = field(default_factory=list)
    groups: list[tuple[int, str]] = field(default_factory=list)  # 'Okafor and Brandt' -> both, by position
    populations: list[tuple[int, str]] = field(default_factory=list)  # '40 percent of voters' -> 'voters'
    campaigns: list[tuple[int, str]] = field(default_factory=list)  # "the Okafor campaign", "Okafor's campaign"


class ResolverBase(ABC):
    """The article's state and the readings every part of the resolver needs."""

    # Set by the resolver's passes over the article (Resolver.__init__), in the order the tables allow.
    _honorific: set[str]
    _surnames: set[str]
    _role_heads: set[str]

    def __init__(
        self,
        doc: Doc,
        sent: list[tuple[int, int]],
        lex: Lexicon | None = None,
        *,
        text: str | None = None,
        lower: list[str] | None = None,
        mask: bytearray | None = None,
        where: dict[str, list[int]] | None = None,
    ) -> None:
        self.doc = doc
        self.sent = sent
        self.lex = lex or lexicon()
        self.w = words()
        self.text = doc.text if text is None else text  # Doc.text re-joins every token: pass Context.text
        self.lower = lower_forms(doc) if lower is None else lower  # Context.lower: each token's lower_
        self._where = word_index(self.lower) if where is None else where  # Context.where
        self.ents = _trimmed(doc)  # Span.ents rescans the Doc's entities on every access
        # Entities never overlap, so both their starts and their ends rise: ents_in is two binary searches.
        self._ent_starts = [e.start for e in self.ents]
        self._ent_ends = [e.end for e in self.ents]
        # Proper nouns and words tagged PERSON, read from the Doc's arrays once: the passes over the article that
        # can only act on these visit them instead of building every Token.
        propn, person = doc.vocab.strings["PROPN"], doc.vocab.strings["PERSON"]
        self._propn: list[int] = numpy.flatnonzero(doc.to_array("POS") == propn).tolist()
        self._person_toks: set[int] = set(numpy.flatnonzero(doc.to_array("ENT_TYPE") == person).tolist())
        # As uint64, the array's own type: mixed with int64, numpy would compare the hashes as floats.
        mentioning = numpy.array([doc.vocab.strings[d] for d in ("nsubj", "nsubjpass", "poss")], dtype=numpy.uint64)
        self._mentioning: list[int] = numpy.flatnonzero(numpy.isin(doc.to_array("DEP"), mentioning)).tolist()
        self._token_idx: list[int] = doc.to_array("IDX").tolist()  # each token's Token.idx
        # Span.text re-joins the entity's tokens on every access: the tables below read each text once.
        labelled = [(e.text, e.label_) for e in self.ents]
        # How often each entity text carries each label, counted once (_person_ent asks for every entity).
        self._labels_of = Counter(labelled)
        self._persons: list[Span] | None = None
        self._person_ents: dict[tuple[int, int], bool] = {}  # Names._person_ent's answers, by entity
        self._places = {fold(text) for text, label in labelled if label in ("GPE", "LOC")}
        self._place_words = {w for p in self._places for w in p.split()}
        # 'Harbor Coal' and then 'Harbor': a company's first word is the company, not a person.
        self._companies = {
            fold(parts[0])
            for parts in (text.split() for text, _label in labelled)
            if len(parts) > 1 and fold(parts[-1]) in self.w.company_words
        }
        self.mask = self._quoted(doc) if mask is None else mask  # the Attributor passes the mask it already built
        self.layout: Layout = read_layout(self.text, self._tagged_person)
        self.t = _Tables()
        self.people: list[_Person] = []
        self._sent_no: list[int] = []
        self._chained = 0
        self.recent: list[tuple[int, str, SpeakerKind]] = []
        self._surname_gender: dict[str, str] = {}
        self._sure_gender: set[str] = set()
        self._gender_votes: dict[str, Counter[str]] = {}
        self._full_mentions: list[tuple[int, str, str]] = []  # (token, surname key, given name) of each full name

    @abstractmethod
    def describe(self, start: int, end: int, record: bool = True) -> Speaker:
        """The speaker the mention at tokens ``start``..``end`` names; the parts call back into it for a phrase
        inside the one they read ('most of the mayors', 'Okafor, the mayor, who ...')."""

    def _quoted(self, doc: Doc) -> bytearray:
        raw = getattr(doc._, "nc_quotes", None) if doc.has_extension("nc_quotes") else None
        quotes = find_quotes(self.text) if raw is None else [Quote(*q) for q in raw]
        return quoted_mask(self.text, quotes)

    def _indexes(self, *tables: Collection[str]) -> list[int]:
        """The indexes of the words whose lowercase form is in any of ``tables``, in token order: a pass that can
        only start at listed words goes straight to them instead of testing every token."""
        return indexes_of(self._where, tables)

    def _tagged_person(self, start: int, end: int) -> bool:
        return any(e.label_ == "PERSON" and e.start_char < end and start < e.end_char for e in self.ents)

    def _furniture(self, tok: Token) -> bool:
        return self.layout.zone_at(tok.idx) in _SKIP_ZONES

    def quoted(self, tok: Token) -> bool:
        return bool(self.mask[tok.idx]) if tok.idx < len(self.mask) else False

    def ents_in(self, start: int, end: int) -> list[Span]:
        return self.ents[bisect_left(self._ent_starts, start) : bisect_right(self._ent_ends, end)]

    def _sentence_no(self, i: int) -> int:
        return self._sentence_numbers()[i]

    def _sentence_numbers(self) -> list[int]:
        """For each token index, its sentence's number; a loop over many tokens reads this list directly."""
        if not self._sent_no:
            n = -1
            prev = -1
            for lo, _hi in self.sent:
                if lo != prev:
                    n += 1
                    prev = lo
                self._sent_no.append(n)
        return self._sent_no

    def _is_media(self, core: Span) -> bool:
        folded = fold(core.text)
        if folded.removeprefix("the ") in self.lex.media or folded in self.lex.media or folded in self.w.outlets:
            return True
        parts = folded.split()
        is_org = any(e.label_ == "ORG" for e in self.ents_in(core.start, core.end))
        return bool(parts) and parts[-1] in self.lex.media_words and (is_org or parts[-1] == "media")
