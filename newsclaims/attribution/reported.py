"""Reported speech: a cue verb with a clausal or object complement, a cue set off after its content
(``..., experts said``), a long sentence-final speaker folded into the content, and relays
(``X said, TASS reported``).

``ReportedRules.reported`` walks the cue verbs and decides which reading each one gets; the readings live in
their own modules, which this one combines:

* ``complements`` -- the content of a cue that heads it and where that content ends (``ComplementRules``);
* ``setoff``      -- cues set off from their content: sentence-final speakers, parentheticals, 'as' clauses,
  relays and claims resumed after the cue (``SetOffRules``);
* ``evidential``  -- agentless passives, accusations and impressions whose holder goes unnamed
  (``EvidentialRules``).
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from .base import (
    QUOTE_CHARS,
    SUBJ_DEPS,
    Context,
    Found,
    end_before,
    has_quote_mark,
    segment_start,
    subject_of,
    token_chars,
    unquoted_content,
)
from .complements import BACKSHIFTED, that_clause
from .evidential import EvidentialRules
from .lexicon import VerbCue
from .setoff import FINAL_CONTENT_MIN, FINAL_CUE_TAIL, FINAL_SPEAKER_MAX, PUT_IT, SetOffRules
from .spans import before_next_cue

# The final-cue limits live with the set-off readings they bound; re-exported so imports from here keep working.
__all__ = ["FINAL_CONTENT_MIN", "FINAL_CUE_TAIL", "FINAL_SPEAKER_MAX", "ReportedRules"]

# 'X added:' (or 'X said in a statement:') closing its paragraph: a short frame, the colon, then the break.
_COLON_BREAK = re.compile(r"[^\n:.!?;\"\u201c\u201d]{0,40}:[ \t]*\n\s*")


class ReportedRules(EvidentialRules, SetOffRules):
    def reported(self, ctx: Context, used: set[int]) -> list[Found]:
        doc = ctx.doc
        out: list[Found] = []
        pending: list[tuple[Token, VerbCue]] = []
        verbs = self.lex.verbs
        for i, low in ctx.words(verbs):
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
            # 'does not defend it', 'cited it': a pronoun object stands for what it refers to; any other content
            # this short is a stray mark the parser hung on the cue.
            pronoun = span[0] == span[1] and doc[span[0]].tag_ == "PRP" and span[0] > tok.i
            if end - start < 3 and not pronoun:
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
        for i, low in ctx.words(("put", "puts")):
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
        claim, and so is one with a subject of its own.  Run after nesting; a statement inside the gloss
        then stands on its own (``Rules.run``)."""
        if f.gaps or f.cue is None or f.cue[1] > f.start:
            return
        found = unquoted_content(ctx, f, 4)
        if found is None:
            return
        (span, last), doc = found, ctx.doc
        for t in span[1:]:
            if t.dep_ != "relcl" or t.right_edge.i != last or t.head.i >= t.i or t.head.dep_ in SUBJ_DEPS:
                continue
            # 'which she was giving when ...': a clause with a subject of its own goes on with the story.
            own_subject = any(c.dep_ in SUBJ_DEPS and c.tag_ not in ("WDT", "WP") for c in t.children)
            comma = doc[t.left_edge.i - 1]
            if comma.text == "," and comma.i > span.start and not own_subject:
                end_before(ctx, f, comma.idx)
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
            if has_quote_mark(text[f.start : f.end]):
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
        """'..., the ministry said, quoting a local official': the participle names the source of the statement
        it hangs on, not a claim of its own.  ('citing X' is not listed: news annotation attributes what a speaker
        cites to the speaker, as grounds put forward.)"""
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


# 'But it would also ...': the openings of a sentence that carries on a reported claim without a frame of its own.
_LINKING_WORDS = frozenset({"but", "and", "yet", "still", "also"})
_PRONOUN_SUBJECTS = frozenset({"he", "she", "it", "they", "this", "that"})
