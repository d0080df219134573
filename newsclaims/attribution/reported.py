"""Reported speech: a cue verb with a clausal or object complement, a cue set off after its content
(``..., experts said``), a long sentence-final speaker folded into the content, and relays
(``X said, TASS reported``)."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from .base import (
    QUOTE_CHARS,
    SUBJ_DEPS,
    Context,
    Found,
    segment_start,
    split_names,
    subject_of,
    token_chars,
)
from .complements import BACKSHIFTED, that_clause
from .evidential import EvidentialRules
from .lexicon import VerbCue
from .spans import before_next_cue

# '<content>, <speaker phrase>, told AFP.': after the cue only a short adjunct may follow ('on Tuesday', 'in a
# statement'); a longer tail is a clause of its own and the layout reading does not apply.
FINAL_CUE_TAIL = 5
# The comma-delimited speaker phrase of a final cue: a name with a description fits in 25 tokens; longer is a
# clause of content.
FINAL_SPEAKER_MAX = 25
# 'X added:' (or 'X said in a statement:') closing its paragraph: a short frame, the colon, then the break.
_COLON_BREAK = re.compile(r"[^\n:.!?;\"\u201c\u201d]{0,40}:[ \t]*\n\s*")
# Fewer than 4 tokens before the speaker phrase is a fragment ('Yes, ...'), not a content.
FINAL_CONTENT_MIN = 4


class ReportedRules(EvidentialRules):
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

    @staticmethod
    def _glued_speaker(verb: Token) -> tuple[int, int] | None:
        """'In a meeting with the board of the Gazette Hale said that ...': with no comma after a fronted phrase the
        parser reads the speaker's name as the end of that phrase and leaves a tensed cue with a clause but no
        subject; the name just before the cue is its speaker."""
        if verb.tag_ not in ("VBD", "VBZ", "VBP") or verb.i == 0 or not any(c.dep_ == "ccomp" for c in verb.children):
            return None
        doc = verb.doc
        name = doc[verb.i - 1]
        if name.pos_ != "PROPN" or name.dep_ not in ("pobj", "compound", "appos"):
            return None
        i = name.i  # the tagger may fold the name into the phrase's organisation ('the Gazette Hale'): keep persons
        while name.ent_type_ == "PERSON" and name.ent_iob_ != "B" and i > 0 and doc[i - 1].ent_type_ == "PERSON":
            i -= 1
            if doc[i].ent_iob_ == "B":
                break
        return i, name.i + 1

    def reported(self, ctx: Context, used: set[int]) -> list[Found]:
        doc = ctx.doc
        out: list[Found] = []
        pending: list[tuple[Token, VerbCue]] = []
        verbs = self.lex.verbs
        for i, low in enumerate(ctx.lower):
            if low not in verbs:
                continue
            tok = doc[i]
            if tok.tag_ in ("NNS", "NN") and tok.dep_ == "ROOT":
                misread = self._noun_tagged_cue(ctx, tok)
                if misread is not None:
                    out.append(misread)
                continue
            cue = self.verb_cue(tok)
            if cue is None or tok.i in used or self._evidence_of_cue(tok):
                continue
            refused = self._refused_speech(tok, cue)
            if refused is not None:
                used.add(refused.i)  # 'declined to comment', 'refused to say whether ...': nothing was claimed
                continue
            if cue.lemma in self.lex.refused_speech and any(c.dep_ == "neg" for c in tok.children):
                continue  # 'would not comment on the inquiry', 'did not say whether ...': nothing was claimed
            subj = subject_of(tok)
            block = self._colon_block(ctx, tok, cue)
            if block is not None and subj is not None and subj.i < tok.i:
                out.append(self._found(ctx, *block, "verb", cue, tok, subj))
                continue
            final = (
                self.final_cue(ctx, tok)
                if (subj is None or (subj.i < tok.i - 1 and segment_start(tok, ctx.sent[tok.i][0]) > subj.i))
                else None
            )
            if final is not None:
                (ci, cj), speaker = final
                start, end = token_chars(doc, ci, cj)
                f = self._found(ctx, start, end, "final", cue, tok, None)
                f.speaker = speaker
                out.append(f)
                continue
            span = self._content_of(tok, cue)
            bare = span is None and tok.dep_ == "ROOT" and all(c.is_punct for c in tok.rights)
            if bare and subj is not None and subj.i < tok.i:
                # 'Rules unclear on who is covered, experts say.': a verbless content the parser cannot hang on the
                # cue; read the layout as for a long trailing speaker.
                final = self.final_cue(ctx, tok)
                opening = next((t for t in doc[final[0][0] :] if t.dep_ != "cc"), None) if final is not None else None
                if final is not None and opening is not None and opening.tag_ not in ("IN", "WRB", "WDT"):
                    (ci, cj), speaker = final  # 'When X happened, the union relented': an adverbial, not a claim
                    f = self._found(ctx, *token_chars(doc, ci, cj), "final", cue, tok, None)
                    f.speaker = speaker
                    out.append(f)
                    continue
            split = self._split_subject(ctx, tok, subj) if span is None and tok.dep_ == "ROOT" else None
            if split is not None:
                out.append(split)
                continue
            if span is None:
                pending.append((tok, cue))
                continue
            glued = self._glued_speaker(tok) if subj is None else None
            if subj is None and glued is None:
                continue
            if span[0] > tok.i:
                span = (span[0], before_next_cue(self, tok, *span))
            start, end = token_chars(doc, *span)
            if end - start < 3:
                continue
            f = self._found(ctx, start, end, "verb", cue, tok, subj)
            if glued is not None:
                f.speaker = glued
            self._resume_quote(ctx, f, tok)
            self._interrupted(ctx, f, tok)
            out.append(f)
        for tok, cue in pending:
            para = self._paratactic(ctx, tok, cue, out)
            if para is not None:
                out.append(para)
        for i, low in enumerate(ctx.lower):
            if low not in ("put", "puts"):
                continue
            tok = doc[i]
            # 'As the coach put it, the team ran out of ideas': the idiom is a cue only with 'as' and 'it'.
            if any(c.dep_ == "dobj" and c.lower_ == "it" for c in tok.children):
                para = self._paratactic(ctx, tok, PUT_IT, out) if self._as_evidential(tok, idiom=True) else None
                if para is not None:
                    out.append(para)
        return out

    @staticmethod
    def _colon_block(ctx: Context, verb: Token, cue: VerbCue) -> tuple[int, int] | None:
        """'Ms Varga added:' closing a paragraph introduces the next paragraph as a block quotation without
        quotation marks; the whole paragraph is what was said, whatever the parser makes of its first sentence.
        A quoted paragraph is left to the quotation rules."""
        if "c" not in cue.frames:
            return None
        text = ctx.text
        m = _COLON_BREAK.match(text, verb.idx + len(verb.text))
        if m is None or m.end() >= len(text) or text[m.end()] in QUOTE_CHARS:
            return None
        start = m.end()
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        while end > start and text[end - 1].isspace():
            end -= 1
        return (start, end) if len(text[start:end].split()) >= 3 else None

    @staticmethod
    def without_gloss(ctx: Context, f: Found) -> None:
        """'said she would meet the Tarn board, which has sat since May': a relative clause set off by a comma that
        closes an unquoted content after its cue describes the noun it hangs on for the reader; it is the writer's
        gloss, not the claim.  One on the content's subject ('the board, which sat, will meet') is inside the
        claim, and so is one with a subject of its own.  Run after nesting, so a statement inside the gloss
        stays folded into the outer one."""
        text = ctx.text
        if f.rule == "quote" or f.gaps or f.cue is None or f.cue[1] > f.start:
            return
        if any(ch in QUOTE_CHARS for ch in text[f.start : f.end]):
            return
        span = ctx.doc.char_span(f.start, f.end, alignment_mode="expand")
        if span is None or len(span) < 4:
            return
        doc, last = ctx.doc, span.end - 1
        while last > span.start and doc[last].is_punct:
            last -= 1
        for t in span[1:]:
            if t.dep_ != "relcl" or t.right_edge.i != last or t.head.i >= t.i or t.head.dep_ in SUBJ_DEPS:
                continue
            # 'which she was giving when ...': a clause with a subject of its own goes on with the story.
            own_subject = any(c.dep_ in SUBJ_DEPS and c.tag_ not in ("WDT", "WP") for c in t.children)
            comma = doc[t.left_edge.i - 1]
            if comma.text == "," and comma.i > span.start and not own_subject:
                end = comma.idx
                while end > f.start and text[end - 1].isspace():
                    end -= 1
                f.end = end
            return

    def _noun_tagged_cue(self, ctx: Context, tok: Token) -> Found | None:
        """'Voss charges that firms ... gave money': the tagger reads a sentence's cue verb as a plural noun with the
        speaker as its compound; a that-clause with a subject of its own, hung on it, shows it is the verb."""
        cue = self.lex.verbs.get(tok.lower_)
        if cue is None or "c" not in cue.frames or not tok.lower_.endswith("s"):
            return None
        names = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ in ("PROPN", "NOUN")]
        if not names or any(c.dep_ == "det" for c in tok.lefts):
            return None
        clause = next((c for c in tok.rights if c.dep_ in ("acl", "ccomp", "relcl") and that_clause(c)), None)
        if clause is None:
            return None
        start, end = token_chars(ctx.doc, clause.left_edge.i, self._clause_end(clause))
        f = self._found(ctx, start, end, "verb", cue, tok, None)
        f.speaker = (names[0].left_edge.i, tok.i)
        return f

    def continued(self, ctx: Context, found: list[Found]) -> None:
        """'The museum, she said, would face hard truths. But it would also show ...': a reported claim goes on into
        the next sentence of its paragraph when that sentence opens (after at most a linking word) with a pronoun
        subject and a backshifted modal ('it would', 'they could') and has no cue or quotation of its own.  That is
        reported speech carried on without a new frame; anything else is the writer's own sentence."""
        doc, text = ctx.doc, ctx.text
        for f in found:
            if f.rule not in ("verb", "parataxis", "final") or f.cue_i is None:
                continue
            if any(ch in QUOTE_CHARS for ch in text[f.start : f.end]):
                continue
            sent_start, sent_end = ctx.sent[f.cue_i]
            last = sent_end - 1
            while last > sent_start and (doc[last].is_punct or doc[last].is_space):
                last -= 1
            tail = text[max(f.end, f.cue[1] if f.cue else f.end) : doc[last].idx + len(doc[last].text)]
            if len(tail.split()) > FINAL_CUE_TAIL:
                continue  # the content (or its cue) must close the sentence
            if sent_end >= len(doc) or "\n" in text[doc[sent_end - 1].idx : doc[sent_end].idx + 1]:
                continue
            nxt_start, nxt_end = ctx.sent[sent_end]
            words = [t for t in doc[nxt_start:nxt_end] if not t.is_space]
            k = 1 if words and words[0].lower_ in _LINKING_WORDS else 0
            if len(words) < k + 4 or words[k].lower_ not in _PRONOUN_SUBJECTS or words[k].dep_ not in SUBJ_DEPS:
                continue
            if words[k + 1].lower_ not in BACKSHIFTED or words[k + 1].dep_ != "aux":
                continue
            if any(t.text in QUOTE_CHARS or self.verb_cue(t) is not None for t in words):
                continue
            end_tok = words[-1]
            while end_tok.i > words[k].i and (end_tok.is_punct or end_tok.is_space):
                end_tok = doc[end_tok.i - 1]
            f.end = max(f.end, end_tok.idx + len(end_tok.text))

    def _evidence_of_cue(self, tok: Token) -> bool:
        """'..., the ministry said, citing preliminary reports': the participle names the evidence of the
        statement it hangs on, not a claim of its own."""
        return (
            tok.lower_ in self.lex.evidence_participles and tok.dep_ == "advcl" and self.verb_cue(tok.head) is not None
        )

    def _refused_speech(self, tok: Token, cue: VerbCue) -> Token | None:
        """A negative cue whose infinitive is a verb of saying or disclosing ('declined to comment', 'refused to say
        whether ...', 'declined to elaborate') reports that nothing was said: the infinitive, else None."""
        if cue.meaning != "negative" or "x" not in cue.frames:
            return None
        inf = next((c for c in tok.children if c.dep_ == "xcomp" and c.i > tok.i), None)
        return inf if inf is not None and inf.tag_ == "VB" and inf.lower_ in self.lex.refused_speech else None

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
        if f.end > verb.idx or not any(ch in QUOTE_CHARS for ch in text[f.start : f.end]):
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
# 'But it would also ...': the openings of a sentence that carries on a reported claim without a frame of its own.
_LINKING_WORDS = frozenset({"but", "and", "yet", "still", "also"})
_PRONOUN_SUBJECTS = frozenset({"he", "she", "it", "they", "this", "that"})
# Dependents that make a cue's clause carry its own content ('which Holm described as ...').
_COMPLEMENTS = frozenset({"dobj", "ccomp", "xcomp", "attr", "oprd", "dative"})
