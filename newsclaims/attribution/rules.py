"""Attribution rules on one parsed Doc: find (content, cue, speaker mention) triples.

Order matters: quotations are attributed first (a quote can hold several sentences, which the parser cannot see
as one clause), then cue verbs with a clausal, object or prepositional complement, then agentless passives of
belief (``are expected to``, no speaker), then ``according to``, noun cues and layout cues (``Name: "..."``, a
trailing dash line).  A statement whose cue lies inside another statement's content is dropped, because the
outermost attribution is the claim a reader sees; the one exception is a relay (``X said, TASS reported``),
where the outer reporter becomes ``via`` of the inner statement.

The rule families live in their own modules:

* ``direct``   -- quotations and their cues (``QuoteRules``);
* ``reported`` -- cue verbs with a complement, trailing and sentence-final cues, split quotes, relays and
  agentless passives (``ReportedRules``);
* ``phrases``  -- ``according to``, noun cues, opinion frames (``PhraseRules``);
* ``nesting``  -- quote closing and outermost-only merging;
* ``base``     -- the ``Found`` record and span helpers they share.
"""

from __future__ import annotations

from spacy.tokens import Doc

from .base import Found, sentence_bounds, subject_of
from .direct import QuoteRules
from .nesting import close_quotes, outermost
from .phrases import PhraseRules
from .quotes import Quote
from .reported import ReportedRules

__all__ = ["Found", "Rules", "sentence_bounds", "subject_of"]


class Rules(QuoteRules, ReportedRules, PhraseRules):
    def run(self, doc: Doc, quotes: list[Quote]) -> list[Found]:
        # Token.sent rescans the whole Doc on every call; one pass here keeps the rules linear.
        self.sent = sentence_bounds(doc)
        self.text = doc.text  # Doc.text re-joins every token on each access
        found: list[Found] = []
        used: set[int] = set()
        found += self.quoted(doc, quotes, used)
        found += self.reported(doc, used)
        found += self.evidential(doc)
        found += self.according_to(doc)
        found += self.noun_cues(doc)
        for f in found:
            if f.rule != "quote":
                close_quotes(self.text, f, quotes)
        found = [f for f in found if f.end - f.start >= 2 and any(ch.isalnum() for ch in self.text[f.start : f.end])]
        return outermost(found)
