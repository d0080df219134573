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
from .rules import Context, Found, Rules
from .speakers import Resolver

# Prior confidence per rule: a quotation with its cue is the most reliable reading, a relay names two sources
# (both must be right), "according to" has a fixed shape; verb complements depend on the parser's clause
# boundaries; layout cues (colon, dash), the sentence-final and paratactic readings guess from punctuation; noun
# cues and agentless passives are the loosest constructions.
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
# A rule this table does not know is as uncertain as the loosest known ones.
_UNKNOWN_RULE_CONFIDENCE = 0.6

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
    """Holds only settings and word lists; everything about one Doc lives in that call's ``Context``."""

    def __init__(self, *, no_speaker_factor: float, unresolved_penalty: float, confidence_floor: float) -> None:
        self.rules = Rules()
        self.no_speaker_factor = no_speaker_factor
        self.unresolved_penalty = unresolved_penalty
        self.confidence_floor = confidence_floor

    def __call__(self, doc: Doc) -> Doc:
        if doc._.nc_quotes is None:
            QuoteScanner()(doc)
        quotes = _quotes_of(doc)
        ctx = Context.of(doc)
        found = self.rules.run(ctx, quotes)
        resolver = Resolver(doc, ctx.sent)
        mask = quoted_mask(ctx.text, quotes)
        doc._.nc_statements = [self._record(doc, ctx.text, f, resolver, mask) for f in found]
        return doc

    def _record(self, doc: Doc, text: str, f: Found, resolver: Resolver, mask: bytearray) -> Record:
        speaker = resolver.describe(*f.speaker) if f.speaker else None
        if speaker is not None and f.anonymous:
            speaker = replace(speaker, kind="anonymous", resolved=True)
        via = list(f.via)
        if f.hearer is not None:
            heard = resolver.describe(*f.hearer)
            is_org = any(e.label_ == "ORG" for e in resolver.ents_in(*f.hearer))
            if heard.kind == "media" or (heard.kind == "organisation" and is_org):
                via.append(heard.name or doc[slice(*f.hearer)].text)
        conf = _RULE_CONFIDENCE.get(f.rule, _UNKNOWN_RULE_CONFIDENCE)
        if speaker is None:
            conf *= self.no_speaker_factor
        elif not speaker.resolved:
            conf -= self.unresolved_penalty
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
            "confidence": max(self.confidence_floor, min(1.0, conf)),
            "gaps": [g for g in f.gaps if f.start <= g[0] < g[1] <= f.end],
        }


@Language.factory("newsclaims_quotes", default_config={}, requires=[], assigns=["doc._.nc_quotes"])
def make_quote_scanner(nlp: Language, name: str) -> QuoteScanner:
    register_extensions()
    return QuoteScanner()


@Language.factory(
    "newsclaims_attribution",
    default_config={
        # Most statements the engine gets wrong with no speaker are wrong end to end (the speaker is half the
        # answer), so a statement without one keeps 60% of its rule's prior.
        "no_speaker_factor": 0.6,
        # An unresolved pronoun or role is right as a mention but unknown as a person: a smaller, flat penalty.
        "unresolved_penalty": 0.15,
        # Never 0: a statement the engine emits is a candidate an editor may still confirm.
        "confidence_floor": 0.05,
    },
    requires=["doc.sents", "token.dep", "token.tag", "token.pos", "token.ent_type", "doc._.nc_quotes"],
    assigns=["doc._.nc_statements"],
)
def make_attributor(
    nlp: Language, name: str, no_speaker_factor: float, unresolved_penalty: float, confidence_floor: float
) -> Attributor:
    register_extensions()
    return Attributor(
        no_speaker_factor=no_speaker_factor, unresolved_penalty=unresolved_penalty, confidence_floor=confidence_floor
    )


register_extensions()
