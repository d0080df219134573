"""Claims whose holder goes unnamed: agentless passives of saying or belief ('are expected to', 'It is widely
believed that'), of accusation ('has been accused of'), and impressions ('seems to have').  The whole clause, the cue
included, is the content and there is no speaker."""

from __future__ import annotations

from spacy.tokens import Token

from .base import Context, Found, clip, token_chars
from .complements import ComplementRules


class EvidentialRules(ComplementRules):
    def evidential(self, ctx: Context) -> list[Found]:
        """'The talks are expected to resume in May', 'It is widely believed that ...': a passive verb of saying
        or belief with no agent reports a claim whose holder goes unnamed.  The whole clause is the content (the
        cue included, since the subject belongs to the claim) and there is no speaker."""
        out: list[Found] = []
        doc = ctx.doc
        accusations, passives = self.lex.accusation_passives, self.lex.evidential_passives
        seems = self.lex.impression_verbs
        for i, low in ctx.words(accusations, seems, passives):
            if low not in accusations and low not in seems and low not in passives:
                continue
            tok = doc[i]
            if low in accusations or low in seems:
                other = self._accused(tok, ctx.text) or self._seems(tok, ctx.text)
                if other is not None:
                    out.append(other)
                    continue
            if low not in passives or tok.tag_ != "VBN":
                continue
            children = list(tok.children)
            subj = next((c for c in children if c.dep_ == "nsubjpass"), None)
            aux = [c for c in children if c.dep_ in ("aux", "auxpass") and c.i < tok.i]
            if subj is None or not any(c.dep_ == "auxpass" for c in aux) or any(c.dep_ == "agent" for c in children):
                continue
            if subj.lower_ == "it":
                clause = next((c for c in children if c.dep_ == "ccomp" and c.i > tok.i), None)
                if clause is None:
                    continue
                i, j = clause.left_edge.i, self._clause_end(clause)
            else:
                clause = next((c for c in children if c.dep_ == "xcomp" and c.i > tok.i), None)
                if clause is None or not any(c.lower_ == "to" for c in clause.children):
                    continue
                i, j = subj.left_edge.i, self._clause_end(clause)
            start, end = token_chars(doc, i, j)
            start, end = clip(ctx.text, start, end, tok.idx)
            cue_start = aux[0].idx
            f = Found(start, end, "evidential", "hedged", (cue_start, tok.idx + len(tok.text)), tok.i)
            out.append(f)
        return out

    def _accused(self, tok: Token, text: str) -> Found | None:
        """'The firm has been accused of dumping steel', 'road crews were blamed for the flood': an agentless passive of
        accusation reports a charge by someone unnamed; like the evidential passives, the whole clause (its subject
        and the cue included) is the content and there is no speaker."""
        preps = self.lex.accusation_passives.get(tok.lower_)
        if preps is None or tok.tag_ != "VBN":
            return None
        children = list(tok.children)
        subj = next((c for c in children if c.dep_ == "nsubjpass" and c.i < tok.i), None)
        aux = [c for c in children if c.dep_ in ("aux", "auxpass") and c.i < tok.i]
        if subj is None or not any(c.dep_ == "auxpass" for c in aux) or any(c.dep_ == "agent" for c in children):
            return None
        charge = next((c for c in children if c.dep_ == "prep" and c.lower_ in preps and c.i > tok.i), None)
        deed = next((c for c in charge.children if c.dep_ in ("pobj", "pcomp")), None) if charge is not None else None
        if deed is None:
            return None
        said = self.lex.verbs.get(deed.lower_)
        if said is not None and "c" in said.frames:
            return None  # 'was criticised for saying that ...': what the subject said is the claim reported
        doc = tok.doc
        start, end = token_chars(doc, subj.left_edge.i, self._clause_end(tok))
        start, end = clip(text, start, end, tok.idx)  # Doc.text would re-join every token
        return Found(start, end, "evidential", "accusation", (aux[0].idx, tok.idx + len(tok.text)), tok.i)

    def _seems(self, tok: Token, text: str) -> Found | None:
        """'the mayor seems to have lost interest', 'the lack of buses seems a real problem': an impression whose
        holder goes unnamed (hedged, no speaker); the whole clause, cue included, is the content.  'seems to me'
        names its holder and is left alone."""
        if tok.lower_ not in self.lex.impression_verbs or tok.pos_ not in ("VERB", "AUX"):
            return None
        children = list(tok.children)
        subj = next((c for c in children if c.dep_ == "nsubj" and c.i < tok.i), None)
        if subj is None or subj.lower_ in ("it", "there", "this", "that", "what", "which", "who"):
            return None
        if any(c.dep_ in ("prep", "dative") and c.lower_ == "to" and c.i == tok.i + 1 for c in children):
            return None  # 'seems to me': a holder named
        complement = next((c for c in children if c.dep_ in ("xcomp", "oprd", "acomp", "attr") and c.i > tok.i), None)
        if complement is None:
            return None
        if complement.dep_ == "xcomp" and not any(a.lower_ == "to" for a in complement.children):
            return None
        if tok.lower_.startswith("appear") and complement.dep_ != "xcomp":
            return None  # 'appeared on television', 'appeared tired': not a hedge on a claim
        doc = tok.doc
        start, end = token_chars(doc, subj.left_edge.i, self._clause_end(tok))
        start, end = clip(text, start, end, tok.idx)  # Doc.text would re-join every token
        first_aux = min([c.i for c in children if c.dep_ in ("aux", "neg") and c.i < tok.i] + [tok.i])
        return Found(start, end, "evidential", "hedged", (doc[first_aux].idx, tok.idx + len(tok.text)), tok.i)
