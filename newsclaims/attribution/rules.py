"""Attribution rules on one parsed Doc: find (content, cue, speaker mention) triples.

Order matters: quotations are attributed first (a quote can hold several sentences, which the parser cannot see
as one clause), then cue verbs with a clausal, object or prepositional complement, then agentless passives of
belief (``are expected to``, no speaker), then ``according to``, noun cues and layout cues (``Name: "..."``, a
trailing dash line).  A statement whose cue lies inside another statement's content is dropped, because the
outermost attribution is the claim a reader sees; the one exception is a relay (``X said, TASS reported``),
where the outer reporter becomes ``via`` of the inner statement.  Content trims run after that; a dropped statement
whose cue a trim leaves outside every content stands again (``although she refused to X`` cut from a claim).

The rule families live in their own modules:

* ``direct``   -- quotations and their cues (``QuoteRules``);
* ``reported`` -- cue verbs with a complement, trailing and sentence-final cues, split quotes, relays and
  agentless passives (``ReportedRules``, which combines ``complements``, ``setoff`` and ``evidential``);
* ``phrases``  -- ``according to``, noun cues (with or without a possessor), opinion and framing phrases (``in her
  view``, ``by one estimate``, ``under her plan``) (``PhraseRules``);
* ``beyond``   -- stance nouns voiced through a light verb, impersonal judgements, stances in the passive,
  stances received, felt or stated after the copula, impressions, labelling passives, evidential adverbs, polls
  named after their clause (``BeyondRules``);
* ``passives`` -- passives with an agent (``was endorsed by X``) (``PassiveRules``);
* ``headlines`` -- a title-cased headline's cue verb the tagger read as a noun (``HeadlineRules``);
* ``spans``    -- content boundaries: a content running on into a quotation, a second act of speech, trailing
  concessions and opening connectives;
* ``nesting``  -- quote closing and outermost-only merging;
* ``base``     -- the ``Found`` record and span helpers they share.
"""

from __future__ import annotations

from .base import Context, Found, iou
from .beyond import BeyondRules
from .direct import QuoteRules
from .headlines import HeadlineRules
from .nesting import SAME_CLAUSE_IOU, close_quotes, outermost, resume_quotations
from .passives import PassiveRules
from .phrases import PhraseRules
from .quotes import Quote
from .reported import ReportedRules
from .spans import (
    back_over_paragraph,
    into_quotation,
    through_including,
    without_appositive,
    without_comparison,
    without_concession,
    without_connective,
    without_dash_aside,
    without_reading,
    without_summary,
    without_trailing_time,
    without_voiced_relative,
)

__all__ = ["Context", "Found", "Rules"]

# A content of one character is a stray mark the parser attached to a cue, never something a person claimed.
MIN_CONTENT_CHARS = 2


class Rules(QuoteRules, ReportedRules, PhraseRules, BeyondRules, PassiveRules, HeadlineRules):
    def run(self, ctx: Context, quotes: list[Quote]) -> list[Found]:
        text = ctx.text
        found: list[Found] = []
        used: set[int] = set()
        found += self.quoted(ctx, quotes, used)
        found += self.reported(ctx, used)
        self.continued(ctx, found)
        found += self.evidential(ctx)
        found += self.according_to(ctx)
        found += self.noun_cues(ctx)
        found += self.stance_adjectives(ctx)
        found += self.stance_adjectives_of(ctx)
        found += self.colon_lines(ctx)
        found += self.in_documents(ctx)
        found = self.voiced_stances(ctx, found)
        found += self.impersonal_judgements(ctx)
        found += self.made_clear(ctx)
        found += self.stance_passives(ctx)
        found += self.received_stances(ctx)
        found += self.evidential_adverbs(ctx)
        found += self.impressions(ctx)
        found += self.labelling_passives(ctx)
        found += self.felt_stances(ctx)
        found += self.copular_stances(ctx)
        found += self.in_polls(ctx)
        found += self.agent_passives(ctx)
        found += self.asked_about(ctx)
        found += self.headline_cues(ctx)
        for f in found:
            if f.rule != "quote":
                close_quotes(text, f, quotes)
                into_quotation(self, ctx, f, quotes)
        found = resume_quotations(text, found, quotes)
        found = [
            f
            for f in found
            if f.end - f.start >= MIN_CONTENT_CHARS and any(ch.isalnum() for ch in text[f.start : f.end])
        ]
        candidates = found
        found = outermost(found)
        self._trim(ctx, found)
        # 'backed the levy, which the mayor said would pay for the pool': a statement folded into an outer content
        # whose trimmed stretch held its cue stands again once the trim has left its cue outside every content.
        kept = {id(f) for f in found}
        freed = [f for f in candidates if id(f) not in kept and f.rule != "relayed" and f.cue is not None]
        freed = [f for f in freed if not _covered(f, found)]
        if freed:
            self._trim(ctx, freed)
            found = sorted(found + [f for f in outermost(freed) if not _covered(f, found)], key=lambda f: f.start)
        for f in found:
            back_over_paragraph(self, ctx, f, found)
        return found

    def _trim(self, ctx: Context, found: list[Found]) -> None:
        for f in found:
            self.without_gloss(ctx, f)
            without_concession(ctx, f)
            without_connective(ctx, f)
            without_trailing_time(ctx, f)
            without_dash_aside(ctx, f)
            without_summary(ctx, f)
            without_reading(ctx, f)
            without_voiced_relative(self, ctx, f)
            without_appositive(ctx, f)
            through_including(ctx, f)
            without_comparison(ctx, f)


def _covered(f: Found, found: list[Found]) -> bool:
    """Whether ``f``'s cue lies inside a kept content, or ``f`` reads the same clause as a kept statement."""
    assert f.cue is not None
    return any(
        (g.start <= f.cue[0] and f.cue[1] <= g.end) or iou((f.start, f.end), (g.start, g.end)) >= SAME_CLAUSE_IOU
        for g in found
    )
