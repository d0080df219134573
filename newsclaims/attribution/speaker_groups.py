"""Groups: pairs of people named together, campaigns, populations a percentage counts, and quantifiers ('each',
'most of whom') to the group they count.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from .speaker_names import Names
from .speaker_state import Speaker
from .speaker_words import _core, _relative_antecedent, _strip_det


class Groups(Names):
    """Reads the pairs, campaigns and populations the article names and resolves a count to its group."""

    def _read_groups(self) -> None:
        doc = self.doc
        # Only where one of the three can start: a campaign, a person's name or a percentage.
        for i in sorted(self._person_toks.union(self._indexes(("campaign", "%"), self.w.percent))):
            low = self.lower[i]
            tok = doc[i]
            if low == "campaign" and tok.pos_ == "NOUN" and not self._furniture(tok):
                owner = next((c for c in tok.lefts if c.dep_ in ("poss", "compound") and c.pos_ == "PROPN"), None)
                if owner is not None:
                    self.t.campaigns.append((tok.i, f"{self.expand(owner.text).split()[-1]} campaign"))
            # 'Okafor and Brandt', 'Okafor, the mayor, and Brandt': conjuncts of the name or of its appositive.
            # (Only a name's children are read: walking every token's children is most of this pass's cost.)
            conj = (
                [c for c in tok.children if c.dep_ == "conj"]
                + [c for a in tok.children if a.dep_ == "appos" for c in a.children if c.dep_ == "conj"]
                if tok.ent_type_ == "PERSON" and tok.dep_ != "compound"
                else []
            )
            if conj and not self._furniture(tok):
                found = [self._name_at(tok)] + [self._name_at(c) for c in conj if c.ent_type_ == "PERSON"]
                names = [n for n in found if n]
                if len(names) >= 2:
                    self.t.groups.append((tok.i, " and ".join(dict.fromkeys(names))))
            if low in self.w.percent or (low == "%" and tok.i > 0):
                of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
                pobj = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
                if pobj is not None and pobj.pos_ == "NOUN" and pobj.tag_ in ("NNS", "NNPS"):
                    lo, hi = _core(pobj)
                    self.t.populations.append((tok.i, _strip_det(doc[lo:hi].text)))

    def _quantity(self, span: Span, root: Token) -> Speaker | None:
        """'each', 'some of them', 'many of whom', '40 percent', 'both men': the group counted, never a person."""
        low = root.lower_
        of = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        pobj = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
        # 'the two' is a pair the article named, not a count of respondents.
        counted = root.like_num and span[0].lower_ != "the"
        if low in self.w.percent or (counted and pobj is None and len(span) <= 3 and root.dep_ != "compound"):
            if pobj is not None:
                inner = self.describe(*_core(pobj)) if pobj.lower_ not in ("them", "whom") else None
                if inner is not None and inner.name:
                    return Speaker(inner.name, "group", None, True)
            before = [name for at, name in self.t.populations if at <= root.i]
            return Speaker(before[-1] if before else "respondents", "group", None, True)
        if low not in self.w.quantifiers or root.pos_ == "PROPN":
            return None
        group = _relative_antecedent(root) if pobj is not None and pobj.lower_ in ("whom", "which") else None
        if group is not None:
            # 'forty dockworkers, most of whom said ...': the group the relative phrase counts.
            inner = self.describe(*_core(group))
            return Speaker(inner.name, "group", None, inner.resolved)
        if pobj is not None and pobj.lower_ not in ("them", "whom", "us", "those"):
            inner = self.describe(*_core(pobj))
            return Speaker(inner.name, "group", None, inner.resolved)
        # 'both', 'each', 'the two': the last pair the article named together, else the last group.
        groups = [name for at, name in self.t.groups if at < root.i]
        if low in ("each", "both", "neither", "either", "two") and groups:
            return Speaker(groups[-1], "group", None, True)
        for at, name, kind in reversed(self.recent):
            if at < root.i and kind in ("group", "organisation"):
                return Speaker(name, "group", None, True)
        if groups:
            return Speaker(groups[-1], "group", None, True)
        return Speaker(_strip_det(span.text), "group", None, False)
