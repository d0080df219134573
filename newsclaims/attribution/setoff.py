"""Cues set off from their content instead of heading it: a long sentence-final speaker ('<content>, <speaker
phrase>, told AFP.'), a cue after its content or inside it ('..., experts said', 'X, he said, Y'), an 'as' clause,
a relay ('X said, TASS reported') and a quotation or claim that resumes after its cue."""

from __future__ import annotations

from spacy.tokens import Span, Token

from .base import (
    QUOTE_CHARS,
    SUBJ_DEPS,
    Context,
    Found,
    RuleBase,
    has_quote_mark,
    split_names,
    subject_of,
    token_chars,
)
from .lexicon import VerbCue

# '<content>, <speaker phrase>, told AFP.': after the cue only a short adjunct may follow ('on Tuesday', 'in a
# statement'); a longer tail is a clause of its own and the layout reading does not apply.
FINAL_CUE_TAIL = 5
# The comma-delimited speaker phrase of a final cue: a name with a description fits in 25 tokens; longer is a
# clause of content.
FINAL_SPEAKER_MAX = 25
# Fewer than 4 tokens before the speaker phrase is a fragment ('Yes, ...'), not a content.
FINAL_CONTENT_MIN = 4


class SetOffRules(RuleBase):
    def final_cue(self, ctx: Context, verb: Token) -> tuple[tuple[int, int], tuple[int, int]] | None:
        """'<content>, <speaker phrase>, told AFP.' -- the small parser often swallows a long sentence-final
        speaker into the content (as an apposition or conjunct).  Read the layout instead: the speaker is the
        comma-delimited phrase before the cue, widened over a name when that phrase is a description ("Ahn,
        a researcher who..."); the content is the rest of the sentence before it.  Returns (content, speaker)
        token ranges, both [i, j)."""
        doc = verb.doc
        cue = self.verb_cue(verb)
        object_content = cue is not None and "o" in cue.frames and "t" not in cue.frames
        if object_content and any(c.dep_ == "dobj" for c in verb.rights):
            return None  # 'A; Okafor, others vow changes': the object after the cue is its content
        sent_start, sent_end = ctx.sent[verb.i]
        tail = [t for t in doc[verb.i + 1 : sent_end] if not (t.is_punct or t.is_space)]
        if len(tail) > FINAL_CUE_TAIL or any(t.pos_ in ("VERB", "AUX") or t.text in QUOTE_CHARS for t in tail):
            return None
        commas = [t.i for t in doc[sent_start : verb.i] if t.text == ","]
        if not commas:
            return None
        seg_start = commas[-1] + 1
        if seg_start >= verb.i:  # ", X, a researcher who ..., told" -> the comma right before the cue closes the phrase
            if len(commas) < 2:
                return None
            commas.pop()
            seg_start = commas[-1] + 1
        seg = doc[seg_start : verb.i]
        if not any(t.pos_ in ("PROPN", "NOUN", "PRON") for t in seg) or len(seg) > FINAL_SPEAKER_MAX:
            return None
        if any(t.pos_ in ("VERB", "AUX") and t.dep_ not in ("relcl", "acl", "amod") for t in seg):
            return None
        if seg[0].lower_ in ("a", "an") and len(commas) >= 2:
            prev = doc[commas[-2] + 1 : commas[-1]]
            if 0 < len(prev) <= 6 and all(t.pos_ == "PROPN" or t.is_punct for t in prev):
                seg_start = prev.start
                commas.pop()
        content_end = commas[-1]
        if content_end - sent_start < FINAL_CONTENT_MIN:
            return None
        end = verb.i
        while end > seg_start and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        return (sent_start, content_end - 1), (seg_start, end)

    def _split_subject(self, ctx: Context, verb: Token, subj: Token | None) -> Found | None:
        """'These workers, Hale explained at the hearing, were well paid': a cue set off inside a clause that the
        parser made the root, with the clause's subject before it and its predicate after it; the clause is the
        content and the cue phrase a gap."""
        doc = ctx.doc
        if subj is None or subj.i > verb.i:
            return None
        sent_start, sent_end = ctx.sent[verb.i]
        opening = subj.left_edge.i - 1
        if opening <= sent_start or doc[opening].text != ",":
            return None
        lead = doc[sent_start:opening]
        if any(t.pos_ in ("VERB", "AUX") or t.text in QUOTE_CHARS for t in lead):
            return None
        k = verb.i + 1
        while k < sent_end and doc[k].text != "," and k - verb.i <= FINAL_CUE_TAIL:
            if doc[k].pos_ in ("VERB", "AUX") or doc[k].text in QUOTE_CHARS:
                return None
            k += 1
        rest = [t for t in doc[k + 1 : sent_end] if not (t.is_punct or t.is_space)]
        if k >= sent_end or doc[k].text != "," or len(rest) < 2:
            return None
        head = next(t for t in doc[k + 1 : sent_end] if not (t.is_space or t.dep_ in ("advmod", "neg")))
        if head.tag_ not in ("VBD", "VBZ", "VBP", "MD"):
            return None
        cue = self.verb_cue(verb)
        if cue is None:
            return None
        start, end = token_chars(doc, sent_start, sent_end - 1)
        f = self._found(ctx, start, end, "parataxis", cue, verb, subj)
        before = doc[opening - 1]
        f.gaps.append((before.idx + len(before.text), doc[k + 1].idx))
        return f

    def _paratactic(self, ctx: Context, verb: Token, cue: VerbCue, done: list[Found]) -> Found | None:
        """'..., experts said.' / 'X, he said, Y': the cue hangs off the content's root instead of heading it."""
        doc = ctx.doc
        subj = subject_of(verb)
        head = verb.head
        if subj is not None and (
            verb.dep_ == "relcl" or (verb.dep_ == "parataxis" and head.pos_ in ("NOUN", "PROPN", "PRON"))
        ):
            return self._parenthetical(ctx, verb, cue, subj)
        if subj is None or head.i == verb.i or verb.dep_ not in ("parataxis", "ccomp", "advcl"):
            return None
        if verb.tag_ in ("VBG", "VBN") and not any(c.dep_ in (*SUBJ_DEPS, "aux") for c in verb.children):
            return None  # ', assuming no growth': a participle adjunct of its head clause, never a cue set off after it
        left = verb.left_edge.i
        # Relay: 'X, Peskov said, RIA Novosti and TASS reported' -- the content belongs to the inner speaker.
        for f in done:
            if f.cue_i == head.i and f.rule == "verb" and doc[left].idx >= f.end:
                inner = self._found(ctx, f.start, f.end, "relay", cue, verb, subj)
                inner.via = split_names(doc[slice(*f.speaker)].text) if f.speaker else []
                f.rule = "relayed"
                return inner
        if head.pos_ in ("NOUN", "PROPN") and head.dep_ in SUBJ_DEPS and verb.i > head.i and self._as_evidential(verb):
            return self._as_after_subject(ctx, verb, cue, subj)
        if head.pos_ not in ("VERB", "AUX"):
            return None
        if self._as_evidential(verb, idiom=cue is PUT_IT):
            # 'The bridge will stay shut, as engineers have warned' / 'As the minister said, the plan failed': the
            # as-clause is the attribution; its head clause, without it, is what was said.
            gap: tuple[int, int] | None = None
            if verb.i > head.i:
                i, j = head.left_edge.i, left - 1
            else:
                i, j = verb.right_edge.i + 1, head.right_edge.i
                closing = verb.right_edge.i + 1
                hs = next((c for c in head.children if c.dep_ in SUBJ_DEPS and c.i < left), None)
                set_off = doc[left - 1].text == "," and doc[closing].text == ","
                if hs is not None and hs.right_edge.i == left - 2 and set_off:
                    # 'Fares, as the board has warned, will rise': the subject before the as-clause is the claim's.
                    i, gap = hs.left_edge.i, (doc[left - 1].idx, doc[closing].idx + 1)
            if j - i < 2:
                return None
            start, end = token_chars(doc, i, j)
            f = self._found(ctx, start, end, "as", cue, verb, subj)
            if gap is not None:
                f.gaps.append(gap)
            return f
        if verb.i < head.i and verb.dep_ != "parataxis":
            return None
        # A complement to the right of its head is that head's content, unless set off by a comma ("..., he said").
        if verb.dep_ != "parataxis" and (self.verb_cue(head) is not None or doc[max(left - 1, 0)].text != ","):
            return None
        # 'as a video showed', 'when he said': a subordinate clause, not an attribution of its head.
        if any(c.dep_ in ("mark", "advmod") and c.i < verb.i and c.tag_ in ("IN", "WRB") for c in verb.children):
            return None
        i, j = head.left_edge.i, head.right_edge.i
        if verb.right_edge.i >= j:
            j = left - 1
        if j - i < 2:
            return None
        start, end = token_chars(doc, i, j)
        f = self._found(ctx, start, end, "parataxis", cue, verb, subj)
        self._resume_quote(ctx, f, verb)
        self._interrupted(ctx, f, verb)
        return f

    def _as_after_subject(self, ctx: Context, verb: Token, cue: VerbCue, subj: Token) -> Found | None:
        """'The bridge, as the mayor noted, was built in 1902': the parser hangs an as-clause set off by commas on
        the subject it follows; the clause around it is what was said, and the as-clause is a gap in it."""
        doc = ctx.doc
        clause = verb.head.head
        opening, closing = verb.left_edge.i - 1, verb.right_edge.i + 1
        if clause.pos_ not in ("VERB", "AUX") or clause.i < closing or closing >= len(doc):
            return None
        if doc[opening].text != "," or doc[closing].text != ",":
            return None
        i, j = clause.left_edge.i, clause.right_edge.i
        if opening <= i or j - closing < 2:
            return None
        start, end = token_chars(doc, i, j)
        f = self._found(ctx, start, end, "as", cue, verb, subj)
        f.gaps.append((doc[opening].idx, doc[closing].idx + 1))
        return f

    @staticmethod
    def _as_evidential(verb: Token, *, idiom: bool = False) -> bool:
        """An adverbial 'as X said' whose verb has no complement of its own ('as the singer said goodbye' has one);
        ``idiom``: 'as X put it', whose 'it' is part of the cue."""
        if verb.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
            return False
        complements = (
            ("ccomp", "xcomp", "attr", "oprd", "dative")
            if idiom
            else ("ccomp", "dobj", "xcomp", "attr", "oprd", "dative")
        )
        return not any(c.dep_ in complements for c in verb.children)

    def _parenthetical(self, ctx: Context, verb: Token, cue: VerbCue, subj: Token) -> Found | None:
        """'The bridges, Holm explained at the hearing, were sound', 'The change, she told me, is that ...': a cue set
        off by commas after the subject of its content, which the parser hangs on that subject (as a relative clause
        or a parataxis).  A real relative clause has a relative
        pronoun ('which Holm described') or a complement of its own.  The content is the whole clause around it and
        the cue phrase is a gap."""
        doc = ctx.doc
        noun, root = verb.head, verb.head.head
        if (
            noun.dep_ not in SUBJ_DEPS
            or root.pos_ not in ("VERB", "AUX")
            or subj.dep_ != "nsubj"
            or subj.i > verb.i
            or any(
                c.tag_ in ("WDT", "WP", "WP$") or (c.dep_ in _COMPLEMENTS and not _hearer_of(c, verb, cue))
                for c in verb.subtree
                if c.i != verb.i
            )
        ):
            return None
        last = verb.right_edge.i
        opening, closing = subj.left_edge.i - 1, last if doc[last].text == "," else last + 1
        if opening <= noun.left_edge.i or closing >= len(doc) or doc[opening].text != "," or doc[closing].text != ",":
            return None
        if closing + 1 > root.right_edge.i or root.i < closing:
            return None
        start, end = token_chars(doc, root.left_edge.i, root.right_edge.i)
        f = self._found(ctx, start, end, "parataxis", cue, verb, subj)
        before = doc[opening - 1]
        f.gaps.append((before.idx + len(before.text), doc[closing + 1].idx))
        return f

    def _interrupted(self, ctx: Context, f: Found, verb: Token) -> None:
        """'The mill was thriving, Mr. Dorne said, until it closed': a cue set off by commas in the middle of a
        sentence interrupts one claim, which resumes after it; the framing between is a gap.  What follows is not
        the claim when it is the speaker's own next act ('he said, and urged ...'), a participle of the cue
        ('citing ...'), a relative clause, a quotation (the quote rules own it) or a statement of its own."""
        doc = ctx.doc
        if f.speaker is None or f.speaker[1] != verb.i or f.gaps:
            return
        opening = f.speaker[0] - 1
        sent_start, sent_end = ctx.sent[verb.i]
        if opening <= sent_start or doc[opening].text != ",":
            return
        lead = doc[sent_start : doc[opening].i]
        first = next((t for t in lead if not (t.is_punct or t.is_space or t.dep_ == "cc")), None)
        if first is None or f.start > first.idx or f.start >= doc[opening].idx:
            return  # the content must be the whole stretch before the cue
        k = verb.i + 1
        while k < sent_end and doc[k].text != "," and k - verb.i <= FINAL_CUE_TAIL:
            t = doc[k]
            # Only an adjunct hanging (at any depth) on the cue, such as 'in a report' or 'on Friday', may follow it.
            if t.pos_ in ("VERB", "AUX") or t.text in QUOTE_CHARS or not verb.is_ancestor(t):
                return
            k += 1
        if k >= sent_end or doc[k].text != ",":
            return
        last = sent_end - 1
        while last > k and (doc[last].is_space or (doc[last].is_punct and doc[last].text not in QUOTE_CHARS)):
            last -= 1
        rest = doc[k + 1 : last + 1]
        left_end = doc[opening - 1].idx + len(doc[opening - 1].text)
        reading = self._continues_claim(rest, verb)
        if reading != "claim":
            if reading in ("act", "gloss") and f.end > verb.idx:
                f.end = min(f.end, left_end)  # the parser hung the speaker's next act (or a gloss) on the content
            return
        f.end = max(f.end, rest[-1].idx + len(rest[-1].text))
        f.gaps.append((left_end, rest[0].idx))

    def _continues_claim(self, rest: Span, verb: Token) -> str:
        """'claim' when ``rest`` resumes the interrupted claim, 'act' when it is the speaker's own next act and
        'gloss' when it is the writer's noun phrase on the claim (either of which the parser may have hung on the
        content), else 'other'."""
        words = [t for t in rest if not (t.is_punct or t.is_space)]
        if len(words) < 3:
            return "other"
        head = next(t for t in rest if not (t.is_punct or t.is_space or t.dep_ == "cc"))
        # 'citing the weather' belongs to the cue; 'replacing it would cost more' is the claim's own subject.
        participle = head.tag_ in ("VBG", "VBN") and head.dep_ not in SUBJ_DEPS
        if participle or head.lower_ in _NOT_RESUMING or head.text in QUOTE_CHARS:
            return "other"
        lo, hi = rest.start, rest.end
        roots = [t for t in rest if not lo <= t.head.i < hi or t.head.i == t.i]
        if (
            len(roots) == 1
            and roots[0].pos_ in ("NOUN", "PROPN", "ADJ")
            and head.dep_ == "det"
            and any(t.pos_ in ("VERB", "AUX") and t.dep_ != "aux" for t in verb.doc[verb.sent.start : verb.i])
        ):
            # 'The plant will close, the union said, the third closure this year': a noun phrase set after the
            # cue, with no verb of its own, is the writer's gloss on a claim already complete before the cue.
            return "gloss"
        for root in roots:
            if root.pos_ not in ("VERB", "AUX"):
                continue
            subj = next((c for c in root.children if c.dep_ in SUBJ_DEPS), None)
            if subj is None:
                if root.tag_ in ("VBD", "VBZ", "VBP") and root.dep_ == "conj":
                    return "act"  # 'he said, and urged ...'
                continue
            if root.dep_ == "conj" and root.head.i == verb.i and subj.lower_ in _SPEAKER_PRONOUNS:
                return "other"  # 'she said, and she left': a second act of the speaker's
            if self.verb_cue(root) is not None:
                return "other"  # 'A, she said, and he replied B': a statement of its own
        return "claim"

    def _resume_quote(self, ctx: Context, f: Found, verb: Token) -> None:
        """'Okafor "was warned," Brandt said, but still "chose to sign ..."': a quotation split by its cue
        resumes after it.  When a quoted content stops just before the cue and the rest of the sentence,
        with no subject of its own, re-opens a quotation, that rest is the same statement."""
        doc, text = ctx.doc, ctx.text
        if f.end > verb.idx or not has_quote_mark(text[f.start : f.end]):
            return
        sent_end = ctx.sent[verb.i][1]
        k = verb.i + 1
        while k < sent_end and doc[k].dep_ in ("npadvmod", "prep") and doc[k].i == doc[k].head.i + 1:
            k = doc[k].right_edge.i + 1  # 'said Friday', 'said in a statement'
        if k >= sent_end or doc[k].text != ",":
            return
        for t in doc[k + 1 : min(sent_end, k + 5)]:
            if t.dep_ in SUBJ_DEPS or (t.pos_ in ("VERB", "AUX") and t.text not in QUOTE_CHARS):
                return
            if t.text in QUOTE_CHARS:
                last = sent_end - 1
                while last > k and (doc[last].is_space or (doc[last].is_punct and doc[last].text not in QUOTE_CHARS)):
                    last -= 1
                f.end = doc[last].idx + len(doc[last].text)
                return


PUT_IT = VerbCue("put it", "neutral", frozenset())


def _hearer_of(tok: Token, verb: Token, cue: VerbCue) -> bool:
    """'she told me': the object of a cue that takes a hearer is the hearer, not content of the cue's own."""
    return "t" in cue.frames and tok.dep_ in ("dobj", "dative") and tok.head.i == verb.i


# After 'A, she said,' these open something other than the rest of the claim.
_NOT_RESUMING = frozenset({"who", "which", "whose", "according", "as", "adding", "citing", "referring"})
_SPEAKER_PRONOUNS = frozenset({"he", "she", "i", "we"})
# Dependents that make a cue's clause carry its own content ('which Holm described as ...').
_COMPLEMENTS = frozenset({"dobj", "ccomp", "xcomp", "attr", "oprd", "dative"})
