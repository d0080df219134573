"""spaCy pipeline components of the engine, registered under the ``newsclaims_`` prefix.

* ``newsclaims_quotes`` scans quote marks and stores them on ``doc._.nc_quotes`` as ``(start, end, closed, single)``.
* ``newsclaims_attribution`` runs the rules and the speaker resolver and stores ``doc._.nc_statements``.

Both extensions hold plain lists, tuples and dicts, so Docs survive ``nlp.pipe(n_process=...)`` serialisation.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from .confidence import Model, features, load_model
from .quotes import Quote, find_quotes, kind_of, quoted_mask
from .relays import relay_channels
from .rules import Context, Found, Rules
from .speakers import Resolver

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
        resolver = Resolver(doc, ctx.sent, text=ctx.text, lower=ctx.lower, mask=mask)
        records = []
        for f in found:
            record = self._record(doc, ctx.text, f, resolver, mask)
            x = features(ctx, f, record, mask, found)
            record["confidence"] = max(self.confidence_floor, self.model.predict(x))
            if self.keep_features:
                record["features"] = x
            records.append(record)
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
