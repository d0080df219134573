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

from .quotes import Quote, find_quotes, kind_of, quoted_mask
from .relays import relay_channels
from .rules import Found, Rules
from .speakers import Resolver

_RULE_CONFIDENCE = {
    "quote": 0.9,
    "relay": 0.85,
    "according": 0.8,
    "verb": 0.75,
    "colon": 0.75,
    "dash": 0.7,
    "parataxis": 0.7,
    "final": 0.7,
    "noun": 0.6,
    "evidential": 0.6,
}

Record = dict[str, Any]


def register_extensions() -> None:
    """Idempotent: a second import (or a test reload) must not raise."""
    for name in ("nc_quotes", "nc_statements"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def _quotes_of(doc: Doc) -> list[Quote]:
    return [Quote(*q) for q in doc._.nc_quotes or []]


class QuoteScanner:
    def __call__(self, doc: Doc) -> Doc:
        doc._.nc_quotes = [(q.start, q.end, q.closed, q.single) for q in find_quotes(doc.text)]
        return doc


class Attributor:
    def __init__(self) -> None:
        self.rules = Rules()

    def __call__(self, doc: Doc) -> Doc:
        if doc._.nc_quotes is None:
            QuoteScanner()(doc)
        quotes = _quotes_of(doc)
        found = self.rules.run(doc, quotes)
        resolver = Resolver(doc, self.rules.sent)
        mask = quoted_mask(self.rules.text, quotes)
        doc._.nc_statements = [self._record(doc, self.rules.text, f, resolver, mask) for f in found]
        return doc

    @staticmethod
    def _record(doc: Doc, text: str, f: Found, resolver: Resolver, mask: bytearray) -> Record:
        speaker = resolver.describe(*f.speaker) if f.speaker else None
        if speaker is not None and f.anonymous:
            speaker = replace(speaker, kind="anonymous", resolved=True)
        via = relay_channels(doc, f, resolver)
        conf = _RULE_CONFIDENCE.get(f.rule, 0.6)
        if speaker is None:
            conf *= 0.6
        elif not speaker.resolved:
            conf -= 0.15
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
            "confidence": max(0.05, min(1.0, conf)),
        }


@Language.factory("newsclaims_quotes")
def make_quote_scanner(nlp: Language, name: str) -> QuoteScanner:
    register_extensions()
    return QuoteScanner()


@Language.factory("newsclaims_attribution")
def make_attributor(nlp: Language, name: str) -> Attributor:
    register_extensions()
    return Attributor()


register_extensions()
