"""Cue phrases that are not verbs: ``according to X``, noun cues with a possessor (``the senator's claim that``)
and opinion frames (``in her view``)."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .base import Context, Found, RuleBase, clip, mention, mention_without_case, token_chars


class PhraseRules(RuleBase):
    def according_to(self, ctx: Context) -> list[Found]:
        doc = ctx.doc
        out: list[Found] = []
        for tok in doc:
            if tok.lower_ != "according" or tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
                continue
            to = doc[tok.i + 1]
            pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
            if pobj is None:
                continue
            phrase = (tok.i, pobj.right_edge.i)
            head = tok.head if tok.head is not tok else to.head
            sent_start, sent_end = ctx.sent[tok.i]
            i, j = (head.left_edge.i, head.right_edge.i) if head.i != tok.i else (sent_start, sent_end - 1)
            f = self._around(doc, i, j, phrase, "according")
            if f is not None:
                f.start, f.end = clip(ctx.text, f.start, f.end, tok.idx)
                f.cue = (tok.idx, to.idx + len(to.text))
                f.cue_i = tok.i
                f.speaker = mention(pobj)
                f.meaning = self.meaning_of("neutral", pobj)
                out.append(f)
        return out

    @staticmethod
    def _around(doc: Doc, i: int, j: int, phrase: tuple[int, int], rule: str) -> Found | None:
        """Content = the clause around a cue phrase: the side that holds the clause, or both when it sits inside."""
        pi, pj = phrase
        before = pi - i
        after = j - pj
        if before >= 3 and after >= 3:
            start, end = token_chars(doc, i, j)
        elif before >= after and before >= 2:
            start, end = token_chars(doc, i, pi - 1)
        elif after >= 2:
            start, end = token_chars(doc, pj + 1, j)
        else:
            return None
        return Found(start, end, rule) if end - start >= 3 else None

    def stance_adjectives(self, ctx: Context) -> list[Found]:
        """'Ms Lind is convinced that the mill will reopen', 'he is confident the deal will hold': a predicative
        adjective of belief with a clause; its clause is the content and the copula's subject holds it."""
        doc = ctx.doc
        out: list[Found] = []
        for tok in doc:
            meaning = self.lex.belief_adjectives.get(tok.lower_)
            if meaning is None or tok.dep_ != "acomp" or tok.head.lemma_ not in ("be", "seem", "remain", "sound"):
                continue
            clause = next((c for c in tok.children if c.dep_ in ("ccomp", "xcomp") and c.i > tok.i), None)
            subj = next((c for c in tok.head.children if c.dep_ == "nsubj" and c.i < tok.i), None)
            if clause is None or subj is None or subj.lower_ == "it":  # 'it is clear that': no holder
                continue
            if clause.dep_ == "xcomp" and not any(c.lower_ == "to" for c in clause.children):
                continue
            start, end = token_chars(doc, clause.left_edge.i, clause.right_edge.i)
            start, end = clip(ctx.text, start, end, tok.idx)
            f = Found(start, end, "adjective", meaning, (tok.idx, tok.idx + len(tok.text)), tok.i)
            f.speaker = mention(subj)
            out.append(f)
        return out

    def noun_cues(self, ctx: Context) -> list[Found]:
        doc = ctx.doc
        out: list[Found] = []
        for tok in doc:
            low = tok.lower_
            if tok.pos_ != "NOUN":
                continue
            owner = next((c for c in tok.children if c.dep_ == "poss"), None)
            if owner is None:
                continue
            if low in self.lex.nouns and tok.dep_ == "nsubj" and tok.head.lemma_ == "be":
                # 'Her argument is that the tax will hurt farmers': the copula's clause is the content.
                clause = next((c for c in tok.head.children if c.dep_ == "ccomp" and c.i > tok.head.i), None)
                if clause is not None and self._that_clause(clause):
                    start, end = token_chars(doc, clause.left_edge.i, clause.right_edge.i)
                    start, end = clip(ctx.text, start, end, tok.idx)
                    f = Found(start, end, "noun", self.lex.nouns[low], (tok.idx, tok.idx + len(tok.text)), tok.i)
                    f.speaker = mention_without_case(owner)
                    out.append(f)
                    continue
            if low in self.lex.nouns:
                clause = next((c for c in tok.children if c.dep_ in ("acl", "ccomp") and self._that_clause(c)), None)
                if clause is not None:
                    start, end = token_chars(doc, clause.left_edge.i, clause.right_edge.i)
                    f = Found(start, end, "noun", self.lex.nouns[low], (tok.idx, tok.idx + len(tok.text)), tok.i)
                    f.speaker = mention_without_case(owner)
                    out.append(f)
                    continue
            if low in self.lex.opinion_frames and tok.dep_ == "pobj" and tok.head.lower_ in ("in", "to"):
                prep = tok.head
                head = prep.head
                framed = self._around(doc, head.left_edge.i, head.right_edge.i, (prep.i, tok.right_edge.i), "noun")
                if framed is not None:
                    framed.cue, framed.cue_i, framed.meaning = (prep.idx, tok.idx + len(tok.text)), tok.i, "belief"
                    framed.speaker = mention_without_case(owner)
                    out.append(framed)
        return out

    @staticmethod
    def _that_clause(clause: Token) -> bool:
        return any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)
