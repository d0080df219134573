"""People the article names: reading their names, genders and surnames once, and expanding a mention ('Okafor')
to the fullest form the article gives ('Adaeze N. Okafor').
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Span, Token

from .names import TITLE_WORDS, fold
from .speaker_state import ResolverBase, _Person
from .speaker_words import _GENDERED, _clean_name, _namelike, _one_edit, _surname_key, given_names

_EMBEDDED = frozenset(("ccomp", "xcomp", "advcl", "relcl", "acl", "pcomp"))
# A full name introduced as a subject this many sentences back picks which of two same-surname people a bare
# surname means.
_INTRODUCED_SENTENCES = 3
# A surname this long given alone, one letter off a surname the article names in full, is a typo for it; shorter
# ones are too often two real names ('Dunn', 'Dunne').
_MISSPELT_MIN = 6


class Names(ResolverBase):
    """Reads the article's people and expands a name to the fullest form the article gives."""

    def _body_persons(self) -> list[Span]:
        if self._persons is None:  # read twice while the tables are built; depends on nothing they add
            self._persons = [e for e in self.ents if self._person_ent(e) and not self._furniture(e[0])]
        return self._persons

    def _person_ent(self, ent: Span) -> bool:
        """A PERSON entity that names a person: not an outlet or a platform, and not a one-word name the tagger
        reads as a place or an organisation elsewhere in the article ('Lakeland said' beside 'in Lakeland')."""
        if ent.label_ != "PERSON":
            return False
        # Asked again for the same entities by several passes; the answer depends only on the article's tables.
        known = self._person_ents.get((ent.start, ent.end))
        if known is None:
            known = self._person_ents[ent.start, ent.end] = self._names_person(ent)
        return known

    def _names_person(self, ent: Span) -> bool:
        if not _namelike(ent):
            return False
        text = ent.text
        folded = fold(text).removeprefix("the ")
        if folded in self.w.outlets or folded in self.lex.media or folded in self.w.platforms:
            return False
        if not self._could_be_person(text):
            return False
        if len(ent) == 1:
            other = sum(self._labels_of[text, label] for label in ("GPE", "ORG", "NORP", "LOC"))
            mine = self._labels_of[text, "PERSON"]
            return other <= mine
        return True

    def _could_be_person(self, text: str) -> bool:
        """Not a company named for its trade ('Harbor Coal', then 'Harbor'), a country written short with a
        compass initial ('N. Korea' beside 'North Korea'), or a team: a place the article names and a plural
        ('Savannah Cougars')."""
        words = [fold(w) for w in text.split()]
        if not words:
            return False
        if words[-1] in self.w.company_words or (len(words) == 1 and words[0] in self._companies):
            return False
        if len(words) == 2 and words[0] in ("n", "s", "e", "w") and words[1] in self._place_words:
            return False
        plural = words[-1].endswith("s") and not words[-1].endswith("ss")
        return not (len(words) == 2 and words[0] in self._places and plural)

    def _read_names(self) -> None:
        persons = self._body_persons()
        for ent in persons:
            name = _clean_name(ent.text)
            parts = name.split()
            if len(parts) < 2:
                continue
            for key in (_surname_key(name), fold(parts[0])):
                known = self.t.full.get(key)
                # 'Adaeze Okafor' then 'Adaeze N. Okafor': the fuller spelling of the same name wins.
                if known is None or (
                    len(parts) > len(known.split())
                    and fold(known.split()[0]) == fold(parts[0])
                    and _surname_key(known) == _surname_key(name)
                ):
                    self.t.full[key] = name
            if ent.root.dep_ in ("nsubj", "nsubjpass"):
                self._full_mentions.append((ent.start, _surname_key(name), fold(parts[0])))
            same = self.t.by_surname.setdefault(_surname_key(name), [])
            k = next((i for i, n in enumerate(same) if fold(n.split()[0]) == fold(parts[0])), None)
            if k is None:
                same.append(name)
            elif len(parts) > len(same[k].split()):
                same[k] = name
        self._untagged_names()
        for ent in persons:
            self._add_person(ent)
        # A pronoun after a subject is only a guess ('Okafor thanked her'): the article's majority, where it has one.
        for name, votes in self._gender_votes.items():
            ranked = votes.most_common()
            if name not in self._sure_gender and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
                self.t.gender[name] = ranked[0][0]
        # A surname the tagger missed (or read as an organisation) still mentions the person it names in full, or
        # the person it names only with an honorific ('Dr. Quillfeather').
        inside = {i for e in persons for i in range(e.start, e.end)}
        for tok in (self.doc[i] for i in self._propn):
            if (
                tok.pos_ != "PROPN"
                or tok.i in inside
                or tok.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj", "appos", "poss", "conj", "attr")
            ):
                continue
            key = fold(tok.text)
            if (
                self._surname_of_known(key) or (key in self._honorific and key not in self.t.full)
            ) and not self._furniture(tok):
                name = self._latest_full(key, tok.i) or self.t.full.get(key, tok.text)
                self.people.append(_Person(name, tok.i, tok.dep_ in ("nsubj", "nsubjpass"), self.quoted(tok)))
        self.people.sort(key=lambda p: p.at)

    def _untagged_names(self) -> None:
        """A given name and a surname the tagger misses ('Ilkay Dorsan, a surgeon, ...') that the article goes on
        to use alone as a subject again and again ('Dorsan said', 'Dorsan has ...'): a person named in full, unless
        the words are a place's, a body's or a company's anywhere in the article."""
        doc = self.doc
        others = {w for e in self.ents if e.label_ != "PERSON" for w in fold(e.text).split()}
        alone: Counter[str] = Counter()
        pairs: dict[str, str] = {}
        # Which words are proper nouns and subjects, read from the Doc's arrays: a Token is built only for a proper
        # noun that can count, one after another (its given name) or a lone subject.
        propn = set(self._propn)
        strings = doc.vocab.strings
        subject = {strings["nsubj"], strings["nsubjpass"]}
        dep = doc.to_array("DEP").tolist()
        for i in self._propn:
            after_propn = i - 1 in propn
            followed = i + 1 in propn
            if i == 0 or (not after_propn and (followed or dep[i] not in subject)):
                continue
            tok = doc[i]
            if not (tok.is_alpha and tok.text[:1].isupper()) or tok.text.isupper() or self._furniture(tok):
                continue
            prev = doc[i - 1]
            given = (
                after_propn
                and prev.dep_ == "compound"
                and prev.head.i == i
                and prev.is_alpha
                and prev.text[:1].isupper()
                and not prev.text.isupper()
                and fold(prev.text) not in TITLE_WORDS
                and i - 2 not in propn
            )
            if given:
                pairs.setdefault(fold(tok.text), f"{prev.text} {tok.text}")
            elif not after_propn:  # and so neither followed by a proper noun nor anything but a subject
                alone[fold(tok.text)] += 1
        for key, name in pairs.items():
            first = fold(name.split()[0])
            if key in self.t.full or alone[key] < 2 or {key, first} & (others | self._companies | self._place_words):
                continue
            self.t.full[key] = name
            self.t.full.setdefault(first, name)
            self.t.by_surname.setdefault(key, []).append(name)

    def _honorific_surnames(self) -> set[str]:
        """Surnames the body gives after an honorific ('Mr. Okafor'), folded, and the gender it gives them. (A
        one-word name the tagger reads as a person is no evidence of a person: it tags a website or a brand so
        as often as not.)"""
        out: set[str] = set()
        for tok in (self.doc[i] for i in self._propn if i > 0):
            if (
                tok.pos_ == "PROPN"
                and tok.text[:1].isupper()
                and fold(self.doc[tok.i - 1].text).rstrip(".") in self.lex.honorifics
                and not self._furniture(tok)
                and tok.i + 1 < len(self.doc)
                and not self.doc[tok.i + 1].text[:1].isupper()
            ):
                out.add(fold(tok.text))
                gender = self._gender_at(tok.i)
                if gender is not None:
                    # 'Mr. Brandt' throughout: a bare 'Brandt' or 'President Brandt' is the man too, unless the
                    # article also writes 'Ms. Brandt'.
                    known = self._surname_gender.setdefault(fold(tok.text), gender)
                    if known != gender:
                        self._surname_gender[fold(tok.text)] = ""
        return out

    def _add_person(self, ent: Span) -> None:
        name = self.expand(_clean_name(ent.text), self._gender_at(ent.start), at=ent.start)
        key = _surname_key(name)
        if len(ent) == 1 and len(self.t.by_surname.get(key, ())) > 1 and ent.root.dep_ in ("nsubj", "nsubjpass"):
            # 'Brandt told ...' keeps the Brandt it resolved to the one the next bare 'Brandt' means.
            self._full_mentions.append((ent.start, key, fold(name.split()[0])))
        before = self.doc[max(ent.root.left_edge.i, ent.start - 4) : ent.start]
        folded = {fold(t.text).rstrip(".") for t in before} | {fold(w).rstrip(".") for w in ent.text.split()[:1]}
        gender = None
        if folded & self.lex.female_titles:
            gender = "female"
        elif folded & self.lex.male_titles:
            gender = "male"
        root = ent.root
        subject = root.dep_ in ("nsubj", "nsubjpass") or (
            root.dep_ in ("appos", "conj") and root.head.dep_ in ("nsubj", "nsubjpass")
        )
        # 'Okafor said Brandt had lied': the subject of a reported clause is not the sentence's topic.
        verb = root.head if root.dep_ in ("nsubj", "nsubjpass") else root.head.head
        if subject and verb.dep_ in _EMBEDDED:
            subject = False
        if gender is None:
            # 'Okafor' says nothing of a gender, but 'Adaeze' alone does, as 'Adaeze Okafor' does.
            gender = given_names().get(fold(name.split()[0])) if name.split() else None
        if gender is not None:
            # A title or a given name is evidence enough: the first one the article gives stands.
            if name not in self._sure_gender:
                self._sure_gender.add(name)
                self.t.gender[name] = gender
        elif subject:
            guess = self._pronoun_after(ent)
            if guess is not None:
                self._gender_votes.setdefault(name, Counter())[guess] += 1
        self.people.append(_Person(name, ent.start, subject, self.quoted(ent[0])))

    def _pronoun_after(self, ent: Span) -> str | None:
        """'Okafor laid out her proposals': the first gendered pronoun in the subject's own sentence, before any
        other person is named or a quotation opens, refers back to that subject."""
        # 'Okafor, her rival, ...': the appositive's possessive is someone else.
        root = ent.root
        appos = {c.i for c in root.children if c.dep_ == "appos"}
        for tok in self.doc[ent.end : self.sent[ent.start][1]]:
            if tok.ent_type_ == "PERSON" or tok.is_quote:
                return None
            # The word first, the tree above it only for a pronoun that could answer (few words are).
            gender = _GENDERED.get(tok.lower_)
            # 'Okafor thanked him': an object pronoun is someone else; 'her' counts only as a possessive.
            if gender is None or tok.lower_ == "him" or (tok.lower_ == "her" and tok.dep_ != "poss"):
                continue
            if any(a.i in appos for a in tok.ancestors):
                continue
            if any(a.dep_ == "relcl" and a.head.i != root.i for a in tok.ancestors):
                # 'Okafor thanked the chairman, who gave up his seat': a relative clause describes its own noun.
                continue
            return gender
        return None

    def _person_name(self, ent: Span) -> bool:
        """An entity the tagger called an organisation that is a person's surname or full name in this article."""
        key = fold(ent.text)
        full = self.t.full.get(key.split()[-1]) if key else None
        return full is not None and (fold(full) == key or fold(full.split()[-1]) == key)

    def _name_at(self, tok: Token) -> str | None:
        ent = next((e for e in self.ents if e.start <= tok.i < e.end and e.label_ == "PERSON"), None)
        return self.expand(_clean_name(ent.text), self._gender_at(ent.start)) if ent is not None else None

    def _surname_of_known(self, key: str) -> bool:
        """Whether ``key`` (folded) is the surname of a person the article names in full."""
        known = self.t.full.get(key)
        return known is not None and _surname_key(known) == key

    def _gender_at(self, i: int) -> str | None:
        """The gender an honorific or title right before token ``i`` or at it gives ('Mr. Brandt')."""
        doc = self.doc
        for k in range(max(i - 1, 0), min(i + 1, len(doc))):  # the tokens of doc[i - 1 : i + 1], without the Span
            word = fold(doc[k].text).rstrip(".")
            if word in self.lex.male_titles:
                return "male"
            if word in self.lex.female_titles:
                return "female"
        return None

    def _full_gender(self, full: str) -> str | None:
        return self.t.gender.get(full) or given_names().get(fold(full.split()[0]))

    def _latest_full(self, key: str, at: int, gender: str | None = None) -> str | None:
        """Of two people who share a surname ('Amanda Brandt', then 'Arthur Brandt'), the one a sentence just
        before token ``at`` introduces in full as its subject: a story that moves on to the second Brandt calls him
        'Brandt' from then on. A full name in passing ('campaigning with his wife, Amanda Brandt') or further back
        changes nothing: the article's first Brandt stays the default."""
        names = self.t.by_surname.get(key, [])
        if len(names) < 2:
            return None
        here = self._sentence_no(at)
        recent = [
            (i, g)
            for i, k, g in self._full_mentions
            if k == key and i < at and here - self._sentence_no(i) <= _INTRODUCED_SENTENCES
        ]
        if not recent:
            return None
        given = max(recent)[1]
        name = next((n for n in names if fold(n.split()[0]) == given), None)
        if name is None or (gender is not None and self._full_gender(name) not in (gender, None)):
            return None
        return name

    def _misspelt(self, key: str) -> str | None:
        """'Quennevile' for 'Marisol Quenneville': a long surname given alone one letter away (dropped, added,
        changed or two swapped) from the surname of exactly one person the article names in full is a typo for it;
        the first letter must agree ('Renwick' is not 'Fenwick'), and a given name is never a typo."""
        if len(key) < _MISSPELT_MIN or key in given_names():
            return None
        near = [
            names[0]
            for surname, names in self.t.by_surname.items()
            if len(names) == 1 and surname[:1] == key[:1] and _one_edit(surname, key)
        ]
        return near[0] if len(near) == 1 else None

    def expand(self, name: str, gender: str | None = None, *, at: int | None = None) -> str:
        """'Okafor' -> 'Adaeze N. Okafor' when the article names her in full somewhere; so are a surname with its
        particle or in two words ('Van Hollis', 'Morales Quiroga') and a surname before a suffix ('Brennan' for
        'Harold T. Brennan Jr.'). ``at``, the mention's token, picks among people who share the surname."""
        parts = name.split()
        if len(parts) == 1 and gender is None:
            gender = self._surname_gender.get(fold(name)) or None
        latest = self._latest_full(fold(name), at, gender) if len(parts) == 1 and at is not None else None
        if latest is not None:
            return latest
        if len(parts) == 1 and gender is not None and fold(name) in self.t.by_surname:
            # 'Mr. Brandt' is not Amanda Brandt: the first full name of that surname whose gender fits.
            fits = [n for n in self.t.by_surname[fold(name)] if self._full_gender(n) in (gender, None)]
            return fits[0] if fits else name
        if len(parts) == 1:
            return self.t.full.get(fold(name)) or self._misspelt(fold(name)) or name
        key = _surname_key(name)
        known = self.t.full.get(key)
        if known is not None and _surname_key(known) == key and len(known.split()) > len(parts):
            if fold(known.split()[0]) == fold(parts[0]):
                return known
            # 'Van Hollis' for 'Marten Van Hollis': the mention is the full name's last words.
            if fold(known).endswith(" " + fold(name)):
                return known
        return name
