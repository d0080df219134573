"""Pronouns: 'he' and 'she' to the most salient compatible person, 'it' and 'they' to the most salient
organisation or group, 'who' to the noun its clause hangs on.
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Token

from .names import fold
from .speaker_names import Names
from .speaker_state import Speaker, _Person
from .speaker_words import _ACRONYM, _core, given_names
from .types import SpeakerKind

# Salience weights of a person mention for pronoun resolution (see Resolver._antecedent).
_W_BASE = 100.0
_W_SUBJECT = 80.0
_W_SPEAKING = 60.0
_W_KNOWN_GENDER = 2.0
_W_LEARNED_GENDER = 1.3
_W_SAME_SENTENCE = 1.5
_W_SAME_PARAGRAPH = 1.5
_SALIENCE_SENTENCES = 6
_OPENING_QUOTES = "\"\u201c\u2018'"


class Pronouns(Names):
    """Resolves pronouns by salience."""

    def _pronoun(self, tok: Token, low: str) -> Speaker:
        kind = self.lex.pronouns[low]
        if kind == "relative":
            noun = tok.head.head if tok.head.dep_ == "relcl" else None
            if noun is not None and noun.dep_ == "appos" and noun.head.i < noun.i:
                # 'Okafor, the city's mayor, who ...': the appositive describes the name before it.
                noun = noun.head
            if noun is not None and noun.ent_type_ != "PERSON":
                # 'his wife, Ilse, who ...': the name in apposition to the description.
                named = [c for c in noun.children if c.dep_ == "appos" and c.pos_ == "PROPN" and c.i < tok.i]
                if named:
                    noun = named[-1]
            if noun is not None:
                # '..., Brandt and Okafor, who joked ...': the conjunct right before the pronoun.
                nearest = [c for c in noun.conjuncts if noun.i < c.i < tok.i and c.pos_ == "PROPN"]
                if nearest and noun.ent_type_ == "PERSON":
                    noun = nearest[-1]
            if noun is not None and noun.i < tok.i:
                return self.describe(*_core(noun))
            return Speaker(None, "unknown", None, False)
        if kind in ("male", "female", "speaker"):
            person = self._antecedent(tok, None if kind == "speaker" else kind)
            if person is not None:
                if kind != "speaker":
                    self.t.gender.setdefault(person.name, kind)
                return Speaker(person.name, "person", None, True)
            return Speaker(None, "unknown", None, False)
        return self._thing(tok, kind == "group")

    def _given_gender(self, name: str) -> str | None:
        """The gender a full name's given name carries ('Tomas Reyl'), for a person the article has not yet shown
        one for: a letter's writer becomes a speaker through 'I' long before the signature names him."""
        first, _, rest = name.partition(" ")
        return given_names().get(fold(first)) if rest else None

    def _thing(self, tok: Token, plural: bool) -> Speaker:
        """'it' and 'they': the most salient organisation (or, for 'they', group or pair of people) before it,
        weighed like people: subjects and earlier speakers count more, halving per sentence back."""
        here = self._sentence_no(tok.i)
        inside = self.quoted(tok)
        cands: dict[str, tuple[float, int, SpeakerKind]] = {}

        def add(name: str, at: int, kind: SpeakerKind, subject: bool, speaking: bool) -> None:
            back = here - self._sentence_no(at)
            if at >= tok.i or back > _SALIENCE_SENTENCES:
                return
            weight = (_W_BASE + (_W_SUBJECT if subject else 0) + (_W_SPEAKING if speaking else 0)) * 0.5**back
            if weight > cands.get(name, (0.0, 0, kind))[0]:
                cands[name] = (weight, at, kind)

        wanted: tuple[str, ...] = ("group", "organisation", "media") if plural else ("organisation", "media")
        for at, name, sk in self.recent:
            if sk in wanted:
                add(name, at, sk, True, True)
        for ent in self.ents:
            if ent.label_ != "ORG" or self._furniture(ent[0]) or (self.quoted(ent[0]) and not inside):
                continue
            if self._person_name(ent):
                continue
            kind: SpeakerKind = "media" if self._is_media(ent) else "organisation"
            # 'the Northern Reconstruction Fund (NRF) ... the NRF ... it': the name the acronym stands for.
            name = self.t.acronyms.get(ent.text.replace(".", ""), ent.text) if _ACRONYM.match(ent.text) else ent.text
            add(name, ent.start, kind, ent.root.dep_ in ("nsubj", "nsubjpass"), False)
        if plural:
            for at, name in self.t.groups:
                add(name, at, "group", self.doc[at].dep_ in ("nsubj", "nsubjpass"), False)
        if not cands:
            return Speaker(None, "unknown", None, False)
        name = max(cands, key=lambda n: (cands[n][0], cands[n][1]))
        return Speaker(name, cands[name][2], None, True)

    def _antecedent(self, tok: Token, gender: str | None, only: set[str] | None = None) -> _Person | None:
        """Salience, in the manner of Lappin and Leass: every earlier mention of a compatible person adds a weight
        that halves with each sentence back; a subject weighs more than an object or a possessor, and a person who
        has been speaking more still.  Names inside quotation marks do not count for a pronoun outside them."""
        at = tok.i
        inside = self.quoted(tok)
        here = self._sentence_no(at)
        # '... with Okafor lambasting the plan.\n\n"It won't work," she said': a paragraph that opens with a
        # quotation carries on from the sentence that introduced its speaker, which counts as its own.
        para = self.text.rfind("\n", 0, tok.idx) + 1
        lead_in = -1
        if para > 0 and self.text[para : para + 1] in _OPENING_QUOTES and not inside:
            first = self.doc.char_span(para, para + 1, alignment_mode="expand")
            lead_in = self._sentence_no(first.start) - 1 if first is not None else -1
        scores: dict[str, float] = {}
        latest: dict[str, int] = {}
        numbers, idx = self._sentence_numbers(), self._token_idx  # read for every person in the article
        # Only the people between the first token of the earliest sentence that counts and the pronoun, picked out
        # in the list's own order (the latest mention of a name is the last one met): the rest would be skipped.
        lo = bisect_left(numbers, here - _SALIENCE_SENTENCES)
        for p in [p for p in self.people if lo <= p.at < at]:
            if (p.quoted and not inside) or (only is not None and p.name not in only):
                continue
            back = here - numbers[p.at]
            if gender is not None and (self.t.gender.get(p.name) or self._given_gender(p.name) or gender) != gender:
                continue
            weight = _W_BASE + (_W_SUBJECT if p.subject else 0) + (_W_SPEAKING if p.speaking else 0)
            if back == 0 and p.subject:
                weight *= _W_SAME_SENTENCE  # 'Okafor said ..., but she said ...': the clause's own subject
            if "\n" not in self.text[idx[p.at] : tok.idx] or numbers[p.at] == lead_in:
                weight *= _W_SAME_PARAGRAPH  # a paragraph keeps to its own people
            scores[p.name] = max(scores.get(p.name, 0.0), weight * 0.5**back)
            latest[p.name] = p.at
        if not scores:
            return None
        # A person of unknown gender matches about half the time: a person the article showed to match counts
        # double (less when the gender was only learned by resolving an earlier pronoun), and wins a tie.
        known = {n for n in scores if gender is not None and self.t.gender.get(n) == gender}
        for name in known:
            scores[name] *= _W_KNOWN_GENDER if name in self._sure_gender else _W_LEARNED_GENDER
        best = max(scores, key=lambda n: (scores[n], n in known, latest[n]))
        return _Person(best, latest[best], True, False)
