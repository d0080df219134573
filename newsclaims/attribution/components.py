"""spaCy pipeline components of the engine, registered under the ``newsclaims_`` prefix.

* ``newsclaims_sentences`` (before the parser) keeps the parser from starting a sentence after an unpunctuated word.
* ``newsclaims_quotes`` scans quote marks and stores them on ``doc._.nc_quotes`` as ``(start, end, closed, single)``.
* ``newsclaims_attribution`` runs the rules and the speaker resolver and stores ``doc._.nc_statements``.

Both extensions hold plain lists, tuples and dicts, so Docs survive ``nlp.pipe(n_process=...)`` serialisation.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any, cast

import numpy
from spacy.attrs import ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from .confidence import Model, doc_view, features, load_model
from .quotes import Quote, find_quotes, kind_of, quoted_mask
from .relays import relay_channels
from .rules import Context, Found, Rules
from .speakers import Resolver

if TYPE_CHECKING:
    from thinc.types import Ints2d

Record = dict[str, Any]


def register_extensions() -> None:
    """Idempotent: a second import (or a test reload) must not raise."""
    for name in ("nc_quotes", "nc_statements"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def _quotes_of(doc: Doc) -> list[Quote]:
    return [Quote(*q) for q in doc._.nc_quotes or []]


def _scan(doc: Doc, text: str) -> None:
    doc._.nc_quotes = [(q.start, q.end, q.closed, q.single) for q in find_quotes(text)]


# A word that closes a sentence ends in one of these (an abbreviation, 'Ala.', ends in a stop too).
_SENTENCE_CLOSERS = tuple(".!?:;\"')]\u201d\u2019\u2026")
# SENT_START is -1 for 'not a sentence start'; Doc.from_array reads uint64 and casts it back.
_NOT_SENT_START = numpy.uint64(2**64 - 1)


class SentenceGuard:
    """Runs before the parser: no sentence starts right after a word with no closing punctuation on the same line
    ('Clinton cited harsh remarks | Hale had made ...' is one sentence the small parser sometimes cuts in two,
    taking the content away from its cue), and a sentence always starts after a blank line.  Other line breaks and
    punctuated words leave the parser free to decide.
    The marks are written in one array: setting ``Token.is_sent_start`` word by word costs more than the rules."""

    def __call__(self, doc: Doc) -> Doc:
        # Each distinct word read once (an article repeats most of its words), by its id in the Doc's array.
        orths = doc.to_array(ORTH).tolist()
        strings = doc.vocab.strings
        shapes = {h: _shape(strings[h]) for h in set(orths)}
        held: list[int] = []  # no sentence starts here
        starts: list[int] = []  # a sentence starts here
        open_word = paragraph = False
        for k, h in enumerate(orths):
            space, breaks, opens = shapes[h]
            if space:
                open_word = open_word and not breaks
                paragraph = paragraph or breaks >= 2
                continue
            if open_word:
                held.append(k)
            elif paragraph:
                starts.append(k)  # a blank line always ends a sentence, even after an unclosed quotation
            open_word = opens
            paragraph = False
        marks = numpy.zeros((len(doc), 1), dtype="uint64")
        marks[held, 0] = _NOT_SENT_START
        marks[starts, 0] = 1
        doc.from_array([SENT_START], cast("Ints2d", marks))
        return doc


def _shape(word: str) -> tuple[bool, int, bool]:
    """Whether the word is whitespace, how many line breaks it holds, and whether it leaves a sentence open (a word
    with a letter or digit and no closing punctuation)."""
    return word.isspace(), word.count("\n"), not word.endswith(_SENTENCE_CLOSERS) and any(ch.isalnum() for ch in word)


class QuoteScanner:
    def __call__(self, doc: Doc) -> Doc:
        _scan(doc, doc.text)
        return doc


class Attributor:
    """Holds only settings and word lists; everything about one Doc lives in that call's ``Context``."""

    def __init__(self, *, model: Model, confidence_floor: float, keep_features: bool) -> None:
        self.rules = Rules()
        self.model = model
        self.confidence_floor = confidence_floor
        self.keep_features = keep_features

    def __call__(self, doc: Doc) -> Doc:
        ctx = Context.of(doc)
        if doc._.nc_quotes is None:
            _scan(doc, ctx.text)  # Doc.text re-joins every token: scan the Context's copy
        quotes = _quotes_of(doc)
        found = self.rules.run(ctx, quotes)
        mask = quoted_mask(ctx.text, quotes)
        resolver = Resolver(doc, ctx.sent, text=ctx.text, lower=ctx.lower, mask=mask, where=ctx.where)
        records = []
        described = []
        view = doc_view(ctx, mask, found)
        for f in found:
            record = self._record(doc, ctx.text, f, resolver, mask)
            described.append(features(ctx, f, record, mask, found, layout=resolver.layout, view=view))
            records.append(record)
        # Scored together: the model reads its trees for all of the Doc's statements at once.
        for record, x, p in zip(records, described, self.model.predict_many(described), strict=True):
            record["confidence"] = max(self.confidence_floor, p)
            if self.keep_features:
                record["features"] = x
        doc._.nc_statements = records
        return doc

    @staticmethod
    def _record(doc: Doc, text: str, f: Found, resolver: Resolver, mask: bytearray) -> Record:
        speaker = resolver.describe(*f.speaker) if f.speaker else None
        if speaker is not None and f.anonymous:
            speaker = replace(speaker, kind="anonymous", resolved=True)
        via = relay_channels(doc, f, resolver)
        span = (
            (doc[f.speaker[0]].idx, doc[f.speaker[1] - 1].idx + len(doc[f.speaker[1] - 1].text)) if f.speaker else None
        )
        return {
            "content": (f.start, f.end),
            "kind": kind_of(text, f.start, f.end, mask, f.gaps),
            "speaker": span,
            "cue": f.cue,
            "speaker_name": speaker.name if speaker else None,
            "speaker_kind": speaker.kind if speaker else "unknown",
            "speaker_role": speaker.role if speaker else None,
            "cue_meaning": f.meaning,
            "via": via,
            "gaps": [g for g in f.gaps if f.start <= g[0] < g[1] <= f.end],
        }


@Language.factory("newsclaims_sentences", default_config={}, requires=[], assigns=["token.is_sent_start"])
def make_sentence_guard(nlp: Language, name: str) -> SentenceGuard:
    return SentenceGuard()


@Language.factory("newsclaims_quotes", default_config={}, requires=[], assigns=["doc._.nc_quotes"])
def make_quote_scanner(nlp: Language, name: str) -> QuoteScanner:
    register_extensions()
    return QuoteScanner()


@Language.factory(
    "newsclaims_attribution",
    default_config={
        # The fitted confidence model in data/ (bench/confidence.py writes it).
        "confidence_model": "confidence.json",
        # Never 0: a statement the engine emits is a candidate an editor may still confirm.
        "confidence_floor": 0.05,
        # Keep each statement's feature values on its record: only the training script needs them.
        "keep_features": False,
    },
    requires=["doc.sents", "token.dep", "token.tag", "token.pos", "token.ent_type", "doc._.nc_quotes"],
    assigns=["doc._.nc_statements"],
)
def make_attributor(
    nlp: Language, name: str, confidence_model: str, confidence_floor: float, keep_features: bool
) -> Attributor:
    register_extensions()
    return Attributor(
        model=load_model(confidence_model), confidence_floor=confidence_floor, keep_features=keep_features
    )


register_extensions()
