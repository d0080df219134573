"""Roles and descriptions: the role words the article gives each person, and 'the judge', 'the mayor' to the
person who holds the role.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from .names import TITLE_WORDS, fold
from .speaker_names import Names
from .speaker_pronouns import _SALIENCE_SENTENCES, _W_BASE, _W_SPEAKING, _W_SUBJECT
from .speaker_state import Speaker, _Person
from .speaker_words import _clean_name, _role, _strip_det

_W_ROLE = 5.0
_W_MODIFIER = 3.0


class Roles(Names):
    """Reads the roles the article gives people and resolves a description ('the mayor') to the person."""

    def _role_words(self, toks: list[Token]) -> set[str]:
        out: set[str] = set()
        for t in toks:
            if t.is_punct or t.is_stop or t.dep_ == "case" or len(t.text) < 2 or t.ent_type_ == "PERSON":
                continue
            out.add(self._norm_role(t.text))
        return out - {""}

    def _norm_role(self, word: str) -> str:
        w = fold(word).rstrip(".")
        w = self.w.abbreviations.get(w, w)
        return self.w.synonyms.get(w, w)

    def _read_roles(self) -> None:
        """'Lakeside Mayor Adaeze Okafor', 'Okafor, the city's mayor', 'the mayor, Adaeze Okafor', 'Sen. Okafor'."""
        doc = self.doc
        for ent in self._body_persons():
            name = self.expand(_clean_name(ent.text), self._gender_at(ent.start))
            root = ent.root
            toks = list(doc[root.left_edge.i : ent.start]) + [t for t in ent if t.i != root.i]
            toks = [t for t in toks if t.ent_type_ != "PERSON" or t.i >= ent.start]
            for child in root.rights:
                # 'Okafor, the city's mayor, ...': the appositive's own noun phrase, not its clauses.
                if child.dep_ == "appos" and child.ent_type_ != "PERSON":
                    toks += list(doc[child.left_edge.i : child.i + 1])
            if root.dep_ == "appos" and root.head.ent_type_ != "PERSON":
                head = root.head
                toks += list(doc[head.left_edge.i : head.i + 1])
            if root.dep_ == "nsubj" and root.head.lower_ in ("is", "was", "'s", "becomes", "became"):
                toks += [
                    t
                    for c in root.head.children
                    if c.dep_ == "attr" and self._role_word(c)
                    for t in doc[c.left_edge.i : c.i + 1]
                ]
            roles = self._role_words(toks)
            roles |= {fold(w).rstrip(".") for w in ent.text.split() if fold(w).rstrip(".") in TITLE_WORDS}
            roles = {self._norm_role(r) for r in roles}
            if roles & self.w.legislators:
                roles.add("legislator")
            self.t.roles.setdefault(name, set()).update(roles)

    def _role_word(self, tok: Token) -> bool:
        low = fold(tok.text)
        return low in self.lex.role_words or low in self.w.roles or low in self.lex.person_nouns

    def _is_role(self, head: Token) -> bool:
        low = head.lower_
        folded = fold(head.text)
        return (
            low in self.lex.role_words
            or (head.tag_ == "NN" and (folded in self.lex.role_words or folded in self.w.roles))
            or (head.tag_ == "NN" and low in self.lex.person_nouns)
            or (head.pos_ == "PROPN" and folded in self.lex.role_words and head.i == head.left_edge.i)
            # 'the Republican', 'the Democrat': a party member named by the party.
            or (
                self._norm_role(head.text) in self.w.parties
                and head.tag_ in ("NNP", "NN")
                and head.i > 0
                and head.doc[head.i - 1].lower_ == "the"
                and head.dep_ in ("nsubj", "nsubjpass")
            )
        )

    def _description(self, span: Span, core: Span, headline: bool) -> Speaker:
        """'the mayor', 'the Lakeside mayor', 'a spokeswoman for the council': the person the article gave that
        role, or an unnamed person (kind ``anonymous``) when it gave it to no one."""
        root = span.root
        own = [t for t in core if t.i <= root.i and t.dep_ != "poss"]
        wanted = self._role_words(own)
        head = self._norm_role(root.text)
        definite = core[0].lower_ in ("the", "this") or headline or core[0].pos_ == "PROPN"
        relational = any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in ("for", "to")) for c in root.children)
        if definite and not relational:
            person = self._by_role(head, wanted, span.start, headline, self._role_gender(root))
            if person is not None:
                return Speaker(person, "person", _strip_det(core.text), True)
        if not definite and not relational:
            later = self._named_later(head, span, self._role_gender(root))
            if later is not None:
                return Speaker(later, "person", _strip_det(core.text), True)
        text = _strip_det(core.text) if not relational else _strip_det(span.text)
        return Speaker(text, "anonymous", _strip_det(core.text), False)

    def _definite_role(self, tok: Token) -> bool:
        """'the governor', 'the city's mayor': a role noun with a definite determiner and no name of its own."""
        return (
            tok.pos_ == "NOUN"
            and self._is_role(tok)
            and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)
            and not any(c.ent_type_ == "PERSON" for c in tok.subtree)
        )

    def _role_gender(self, tok: Token) -> str | None:
        """The gender a role noun gives ('chairman', 'spokeswoman'), if any."""
        word = fold(tok.text)
        return "male" if word in self.lex.male_titles else "female" if word in self.lex.female_titles else None

    def _named_later(self, head: str, span: Span, gender: str | None = None) -> str | None:
        """'A county judge ruled on Monday ... Judge Ilse Varga wrote': a news opening introduces a source by
        description and names them further down.  Only in the body's first sentences, and only the first person
        the article later gives the same role (and not one of the other gender than a 'chairman' has)."""
        opening = min((self._sentence_no(p.at) for p in self.people if not p.quoted), default=0)
        if self._sentence_no(span.start) > opening + 2:
            return None
        for p in self.people:
            if p.at <= span.end or p.quoted:
                continue
            if gender is not None and self._full_gender(p.name) not in (gender, None):
                continue
            if head in self.t.roles.get(p.name, set()):
                return p.name
        # 'A former chairman says ... "...," said Adaeze Okafor, who led the party for years': with no one given
        # the role, the person the next sentences name as speaking, when the article gives them no other role.
        return self._speaking_next(span.start, span.end, gender)

    def _speaking_next(self, start: int, end: int, gender: str | None) -> str | None:
        """The first person the two sentences after a description name as the subject of a verb of saying, of
        someone the article gives no role."""
        here = self._sentence_no(start)
        for p in self.people:
            if p.at <= end or p.quoted:
                continue
            if self._sentence_no(p.at) - here > 2:
                break
            if gender is not None and self._full_gender(p.name) not in (gender, None):
                continue
            if self._speaks_unroled(p):
                return p.name
        return None

    def _speaks_unroled(self, p: _Person) -> bool:
        """A person mention that is the subject of a verb of saying, of someone the article gives no role."""
        tok = self.doc[p.at]
        while tok.dep_ == "compound" and tok.head.i != tok.i:
            tok = tok.head
        return p.subject and tok.head.lower_ in self.lex.verbs and not self.t.roles.get(p.name)

    def _by_role(self, head: str, wanted: set[str], at: int, headline: bool, gender: str | None = None) -> str | None:
        """The person a definite description ('the senator', 'the Republican nominee') refers back to: the most
        salient person before it (weighed as for pronouns), counting double when the article gave them that role
        and more for each further word they share; half when the article gave them other roles but not this one.
        A party word never matches a member of another party."""
        if headline:
            return None
        scores: dict[str, float] = {}
        latest: dict[str, int] = {}
        here = self._sentence_no(at)
        for p in self.people:
            if p.quoted or p.at >= at:
                continue
            back = here - self._sentence_no(p.at)
            if back > 2 * _SALIENCE_SENTENCES:
                continue
            weight = (_W_BASE + (_W_SUBJECT if p.subject else 0) + (_W_SPEAKING if p.speaking else 0)) * 0.5**back
            scores[p.name] = scores.get(p.name, 0.0) + weight
            latest[p.name] = p.at
        party = wanted & self.w.parties
        if not any(head in self.t.roles.get(n, set()) for n in scores):
            # 'A county judge ruled ... The judge said ... Justice Dagny Orr wrote': the role is given later.
            later = next(
                (
                    p.name
                    for p in self.people
                    if p.at > at
                    and not p.quoted
                    and head in self.t.roles.get(p.name, set())
                    and not (party and self.t.roles.get(p.name, set()) & self.w.parties - party)
                ),
                None,
            )
            if later is not None:
                return later
        best: tuple[float, int, str] | None = None
        # 'the judge' after 'Justice Ilse Varga' and a party to the case named since: a definite description
        # names whoever holds the role, however much more salient someone without it is.
        eligible: dict[str, float] = {}
        for name, score in scores.items():
            roles = self.t.roles.get(name, set())
            if party and roles & self.w.parties and not party & roles:
                continue
            if gender is not None and self._full_gender(name) not in (gender, None):
                # 'the chairman' is not the chairwoman.
                continue
            eligible[name] = score
        # 'the judge' after 'Justice Ilse Varga' and a party to the case named since: a definite description
        # names whoever holds the role, however much more salient someone without it is.
        holders = {n for n in eligible if head in self.t.roles.get(n, set())}
        if not holders and all(self.t.roles.get(n, set()) & self._role_heads for n in eligible):
            # 'Senator Ada Moreno scolded the host. The head of the studio agreed ... Tom Bell wrote': a role no one
            # before holds, where everyone before holds another, is the person named speaking next without one.
            later = self._speaking_next(at, at, gender)
            if later is not None:
                return later
        for name, score in eligible.items():
            if holders and name not in holders:
                continue
            roles = self.t.roles.get(name, set())
            if head in roles:
                score *= _W_ROLE
            elif roles & self._role_heads:
                score *= 0.5
            score *= _W_MODIFIER ** len((wanted - {head}) & roles)
            rank = (score, latest[name], name)
            if best is None or rank > best:
                best = rank
        return best[2] if best is not None else None

    def _titled_person(self, span: Span, core: Span) -> Speaker | None:
        """A person the tagger missed: a proper name after a title ('Ms Carrow', 'Councillor Joan Petrakis') or
        with a descriptive appositive ('Amara Diallo, the group's director', 'Olu Bakare, 54, a retired teacher')."""
        toks = [t for t in core if not t.is_punct]
        if not toks or len(toks) > 4 or not all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in toks):
            return None
        if any(fold(t.text) in self.lex.organisation_words for t in toks):
            return None
        first = fold(toks[0].text).rstrip(".")
        titled = len(toks) >= 2 and (
            first in TITLE_WORDS or first in self.lex.honorifics or first in self.w.abbreviations
        )
        described = any(
            c.dep_ == "appos"
            and c.tag_ == "NN"
            and (c.lower_ in self.lex.role_words or c.lower_ in self.lex.person_nouns or c.lower_ in self.w.roles)
            for c in span.root.rights
        )
        if not (titled or described):
            return None
        name = self.expand(_clean_name(core.text), self._gender_at(core.start))
        role = None
        if titled and first not in self.lex.honorifics:
            role = " ".join(t.text for t in toks[: len(toks) - len(name.split())]) or None
        if described:
            role = _role(self.doc, span, self.doc[core.start : core.end]) or role
        return Speaker(name, "person", role, True)
