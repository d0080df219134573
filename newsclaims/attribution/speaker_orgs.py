"""Organisations: the bodies and acronyms the article names, 'the bank' and 'the campaign' to the one it means,
the police force, news outlets.
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Span, Token

from .names import fold
from .speaker_pronouns import Pronouns
from .speaker_state import Speaker
from .speaker_words import _ACRONYM, _GENDERED, _SUFFIXES, _clean_name, _core, _strip_det, _surname_key
from .types import SpeakerKind


class Organisations(Pronouns):
    """Reads the article's organisations and resolves a description of one ('the bank') to its name."""

    def _read_organisations(self) -> None:
        doc = self.doc
        for ent in self.ents:
            if ent.label_ not in ("ORG", "GPE", "NORP", "FAC") or self._furniture(ent[0]) or self._person_name(ent):
                continue
            text = ent.text  # Span.text re-joins the tokens on every access
            nouns: set[str] = set()
            root = ent.root
            for child in root.rights:
                if child.dep_ == "appos":
                    nouns.add(fold(child.text))
            if root.dep_ == "appos":
                nouns.add(fold(root.head.text))
            if root.dep_ == "compound" and root.head.pos_ == "NOUN":
                nouns.add(fold(root.head.text))
            self.t.orgs.append((ent.start, text.removeprefix("the ").removeprefix("The "), nouns))
            caps = [w for w in re.split(r"[\s\-]+", text) if w[:1].isupper() and w.lower() not in ("the",)]
            if len(caps) >= 2:
                self.t.acronyms.setdefault("".join(w[0] for w in caps), self.t.orgs[-1][1])
            # 'the Office of Fair Trading (OFT)': an acronym spelled out in brackets.
            k = ent.end  # the next three tokens, read without a Span
            if k + 3 <= len(doc) and doc[k].text == "(" and doc[k + 2].text == ")" and _ACRONYM.match(doc[k + 1].text):
                self.t.acronyms[doc[k + 1].text.replace(".", "")] = self.t.orgs[-1][1]

    def _kind_of_name(self, lo: int, hi: int) -> SpeakerKind:
        ents = [e for e in self.ents if lo <= e.start and e.end <= hi]
        span = self.doc[lo:hi]
        # "Okafor's campaign" is an organisation: the phrase's head must itself be the name. An outlet the tagger
        # reads as a person ('a Harbourview poll') is no person.
        if any(self._person_ent(e) and e.start <= span.root.i < e.end for e in ents):
            return "person"
        if self._is_media(span):
            return "media"
        return "organisation"

    def is_outlet(self, span: Span) -> bool:
        """A news outlet, broadcaster or programme maker named by the span."""
        folded = fold(span.text).removeprefix("the ")
        # 'Channel Nine/Radio Five': a joint outlet is an outlet when one of its parts is.
        parts = [p.strip() for p in span.text.split("/")] if "/" in span.text else []
        return (
            self._is_media(span)
            or folded in self.w.outlets
            or any(fold(p).removeprefix("the ") in self.w.outlets | self.lex.media for p in parts)
        )

    def _media_name(self, name: str) -> bool:
        folded = fold(name).removeprefix("the ")
        words = folded.split()
        return (
            folded in self.w.outlets or folded in self.lex.media or (bool(words) and words[-1] in self.lex.media_words)
        )

    def _org_name(self, core: Span, name: str) -> str:
        """'The nonpartisan Commission on Municipal Debates': the organisation's own name, without the article
        and the lower-case description before it, when the tagger reads the rest as the name."""
        ent = next((e for e in self.ents_in(core.start, core.end) if e.end == core.end and e.label_ == "ORG"), None)
        if ent is None or ent.start == core.start:
            return name
        before = self.doc[core.start : ent.start]
        if all((t.dep_ in ("det", "amod") and t.text[:1].islower()) or t.lower_ == "the" for t in before):
            return _strip_det(ent.text)
        return name

    def _fullest_org(self, name: str, at: int) -> str:
        """'the Harbour Council' after 'the Lakeside Harbour Council': an organisation's short name is the full
        name the article gave it before (the latest, when several end alike). One word ('the Council') is too
        little to tell."""
        key = fold(name).removeprefix("the ")
        if len(key.split()) < 2:
            return name
        longer = [
            e
            for e in self.ents
            if e.label_ == "ORG" and e.start < at and fold(e.text).removeprefix("the ").endswith(" " + key)
        ]
        return _strip_det(longer[-1].text) if longer else name

    def _police(self, span: Span, root: Token) -> Speaker | None:
        """'Police said', 'the police': the police force the article named before ('Lakeside police', 'the
        Lakeside Police Department'), the latest one."""
        if root.lower_ != "police" or any(t.dep_ in ("compound", "amod", "poss") for t in root.lefts):
            return None
        if len(span) > 2 or (len(span) == 2 and span[0].lower_ != "the"):
            return None
        for tok in reversed(self.doc[: span.start]):
            force = self._police_force(tok)
            if force is not None:
                return Speaker(force, "organisation", None, True)
        # A report often says 'police said' long before it names the force ('the Lakeside police chief'): the
        # force named later, when the article names only one.
        later = {fold(f): f for f in map(self._police_force, self.doc[span.end :]) if f is not None}
        if len(later) == 1:
            return Speaker(next(iter(later.values())), "organisation", None, True)
        return None

    def _police_force(self, tok: Token) -> str | None:
        """'Lakeside police', 'the Lakeside Police Department': the force's name at this 'police', if it has one."""
        if tok.lower_ != "police" or self._furniture(tok):
            return None
        names = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
        if not names and tok.dep_ == "compound":
            # 'the Lakeside police chief': the parser hangs the place on the chief, not on the police.
            names = [c for c in tok.head.lefts if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < tok.i]
        if not names:
            return None
        lo = min(c.left_edge.i for c in names)
        hi = tok.i + 1
        if hi < len(self.doc) and self.doc[hi].lower_ == "department":
            hi += 1
        return self.doc[lo:hi].text

    def _campaign(self, root: Token) -> str | None:
        """'Adaeze Okafor's presidential campaign', 'the Okafor campaign': one organisation, '<Surname> campaign',
        however the article words it; so is her 'team' when the article speaks of her campaign."""
        if root.lower_ not in ("campaign", "team") or root.tag_ != "NN":
            return None
        owner = next((c for c in root.children if c.dep_ in ("poss", "compound") and c.pos_ == "PROPN"), None)
        mine = next((c for c in root.children if c.dep_ == "poss" and c.lower_ in ("his", "her")), None)
        if owner is None and mine is not None and root.lower_ == "campaign":
            # 'her campaign': the campaign of the person the pronoun stands for.
            antecedent = self._antecedent(mine, _GENDERED[mine.lower_])
            if antecedent is None or len(antecedent.name.split()) < 2:
                return None
            parts = [w for w in antecedent.name.split() if fold(w).rstrip(".") not in _SUFFIXES]
            return f"{parts[-1]} campaign"
        if owner is None:
            return None
        ent = next((e for e in self.ents if e.start <= owner.i < e.end and self._person_ent(e)), None)
        named = {fold(n) for _, n in self.t.campaigns}
        person = ent is not None or self._surname_of_known(fold(owner.text)) or fold(owner.text) in self._surnames
        if not person and f"{fold(owner.text)} campaign" not in named:
            return None
        full = self.expand(_clean_name(ent.text if ent is not None else owner.text))
        words = [w for w in full.split() if fold(w).rstrip(".") not in _SUFFIXES]
        surname = words[-1].removesuffix("'s").removesuffix("\u2019s")
        name = f"{surname} campaign"
        if root.lower_ == "team" and fold(name) not in named:
            return None
        return name

    def _acronym(self, core: Span) -> Speaker | None:
        text = _strip_det(core.text)
        if not _ACRONYM.match(text):
            return None
        full = self.t.acronyms.get(text.replace(".", ""))
        if full is None:
            return None
        return Speaker(full, "media" if fold(full) in self.lex.media else "organisation", None, True)

    def _generic_org(self, span: Span, root: Token) -> Speaker | None:
        """'the bank', 'the union', 'the network': the organisation the article described that way ('Halden
        Mutual, the bank', 'the Halden bank'), else the organisation it has talked about most; 'the campaign' is
        the campaign the article names ('the Okafor campaign')."""
        if span[0].lower_ not in ("the", "this") or any(c.dep_ in ("poss", "compound", "amod") for c in root.lefts):
            return None
        head = root.lower_
        kind = self.w.org_heads[head]
        of = next((g for c in root.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children), None)
        if of is not None and of.pos_ == "PROPN":
            # 'the city of Lakeland', 'the state of Ossory': the phrase is itself the name.
            lo, hi = _core(root)
            return Speaker(_strip_det(self.doc[lo:hi].text), "organisation", None, True)
        if head == "campaign":
            # A campaign named in the last few sentences; else, 'Okafor plans a rally. The campaign says ...', the
            # campaign of the person the story is on, of those whose campaign the article names; else the campaign
            # it has named most so far.
            here = self._sentence_no(root.i)
            recent = [n for at, n in self.t.campaigns if at < root.i and here - self._sentence_no(at) <= 3]
            if recent:
                return Speaker(recent[-1], "organisation", None, True)
            everywhere = {fold(n): n for _, n in self.t.campaigns}
            running = {p.name for p in self.people if f"{_surname_key(p.name)} campaign" in everywhere}
            person = self._antecedent(root, None, only=running) if running else None
            if person is not None:
                return Speaker(everywhere[f"{_surname_key(person.name)} campaign"], "organisation", None, True)
            named = [n for at, n in self.t.campaigns if at < root.i]
            if named:
                return Speaker(Counter(named).most_common(1)[0][0], "organisation", None, True)
            return None
        before = [(at, name, nouns) for at, name, nouns in self.t.orgs if at < root.i]
        if kind == "place":
            places = [e.text for e in self.ents if e.label_ == "GPE" and e.start < root.i and not self._furniture(e[0])]
            if not places:
                return None
            return Speaker(Counter(places).most_common(1)[0][0], "organisation", None, True)
        described = [o for o in before if head in o[2]]
        # 'the fund' after 'the Northern Reconstruction Fund': the organisation whose name it shortens.
        shortened = [o for o in before if head in fold(o[1]).split() and len(o[1].split()) > 1]
        if described:
            name = described[-1][1]
        elif shortened:
            name = shortened[-1][1]
        else:
            # A guess, so only a name that is plainly an organisation's: a one-word 'organisation' is as often the
            # tagger's misreading of a place, a mine or an adjective ('the union' is not 'Federal').
            orgs = [
                n for at, n, _ in before if self._label_at(at) == "ORG" and (len(n.split()) > 1 or _ACRONYM.match(n))
            ]
            if kind == "media":
                # 'the newspaper' is the last outlet the article named, never another body it talked about.
                orgs = [n for n in orgs if self._media_name(n)][-1:]
            if not orgs:
                return None
            name = Counter(orgs).most_common(1)[0][0]
        out_kind: SpeakerKind = "media" if kind == "media" else "organisation"
        return Speaker(name, out_kind, None, True)

    def _label_at(self, i: int) -> str:
        return self.doc[i].ent_type_
