"""Who is speaking: the mention's kind, its role/name split, and a light in-article resolver.

The resolver is deliberately simple (no coreference model ships with the small pipeline): a pronoun takes the
last compatible person who was a grammatical subject before it, a surname takes the full name introduced
earlier, a bare role ("the spokeswoman") takes the last person given that role, a relative pronoun takes the
noun its clause modifies.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .lexicon import Lexicon, lexicon
from .names import TITLE_WORDS, fold
from .types import SpeakerKind

_PERSONAL = ("he", "she", "i", "him", "her")
_GENDERED = {"he": "male", "him": "male", "his": "male", "himself": "male"} | {
    "she": "female",
    "her": "female",
    "hers": "female",
    "herself": "female",
}


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str | None
    kind: SpeakerKind
    role: str | None
    resolved: bool  # False when a pronoun or role could not be tied to a name


@dataclass(slots=True)
class _Person:
    name: str
    at: int  # token index of the mention
    subject: bool
    gender: str | None
    role_words: frozenset[str]


class Resolver:
    """Built once per Doc; ``describe`` is then called for each speaker mention in text order."""

    def __init__(self, doc: Doc, sent: list[tuple[int, int]], lex: Lexicon | None = None) -> None:
        self.doc = doc
        self.sent = sent
        self.lex = lex or lexicon()
        self.full: dict[str, str] = {}  # first or last word of a full name -> full name
        self.people: list[_Person] = []
        self.gender: dict[str, str] = {}
        self.recent: list[tuple[int, str, SpeakerKind]] = []
        self.ents = list(doc.ents)  # Span.ents rescans the Doc's entities on every access
        for ent in self.ents:
            if ent.label_ != "PERSON":
                continue
            name = _clean_name(ent.text)
            words = name.split()
            if len(words) >= 2:
                for key in (fold(words[-1]), fold(words[0])):
                    self.full.setdefault(key, name)
        for ent in self.ents:
            if ent.label_ == "PERSON":
                self._add_person(ent)

    def _add_person(self, ent: Span) -> None:
        name = self.expand(_clean_name(ent.text))
        before = self.doc[max(ent.root.left_edge.i, ent.start - 4) : ent.start]
        words = {fold(t.text).rstrip(".") for t in before}
        gender = None
        if words & self.lex.female_titles:
            gender = "female"
        elif words & self.lex.male_titles:
            gender = "male"
        subject = ent.root.dep_ in ("nsubj", "nsubjpass") or (
            ent.root.dep_ == "appos" and ent.root.head.dep_ == "nsubj"
        )
        if gender is None and subject:
            gender = self._pronoun_after(ent)
        if gender and name not in self.gender:
            self.gender[name] = gender
        roles = frozenset(fold(t.text) for t in ent.root.subtree if t.lower_ in self.lex.role_words)
        self.people.append(_Person(name, ent.start, subject, gender, roles))

    def _pronoun_after(self, ent: Span) -> str | None:
        """'Clinton laid out her proposals': the first gendered pronoun in the subject's own sentence, before any
        other person is named or a quotation opens, refers back to that subject."""
        doc = self.doc
        for tok in doc[ent.end : self.sent[ent.start][1]]:
            if tok.ent_type_ == "PERSON" or tok.is_quote:
                return None
            gender = _GENDERED.get(tok.lower_)
            if gender is not None:
                return gender
        return None

    def ents_in(self, start: int, end: int) -> list[Span]:
        return [e for e in self.ents if start <= e.start and e.end <= end]

    def expand(self, name: str) -> str:
        """'Putin' -> 'Vladimir Putin' when the article names him in full somewhere."""
        words = name.split()
        if len(words) == 1:
            return self.full.get(fold(name), name)
        return name

    # -- describe a mention ----------------------------------------------------------------------------------------
    def describe(self, start: int, end: int) -> Speaker:
        doc = self.doc
        span = doc[start:end]
        root = span.root
        low = span.text.lower()
        result = self._pronoun(root, low) if len(span) == 1 and low in self.lex.pronouns else self._phrase(span)
        if result.name:
            self.recent.append((start, result.name, result.kind))
        return result

    def _pronoun(self, tok: Token, low: str) -> Speaker:
        kind = self.lex.pronouns[low]
        if kind == "relative":
            noun = tok.head.head if tok.head.dep_ == "relcl" else None
            if noun is not None and noun.i < tok.i:
                return self.describe(*_core(noun))
            return Speaker(None, "unknown", None, False)
        if kind in ("male", "female", "speaker"):
            person = self._antecedent(tok.i, None if kind == "speaker" else kind)
            if person is not None:
                if kind != "speaker":
                    self.gender.setdefault(person.name, kind)
                return Speaker(person.name, "person", None, True)
            return Speaker(None, "person", None, False)
        for at, name, sk in reversed(self.recent):
            if at < tok.i and sk in (("group", "organisation", "media") if kind == "group" else ("organisation",)):
                return Speaker(name, sk, None, True)
        return Speaker(None, "group" if kind == "group" else "organisation", None, False)

    def _antecedent(self, at: int, gender: str | None) -> _Person | None:
        sent_start = self.sent[at][0]
        window = [p for p in self.people if p.at < at and (gender is None or self.gender.get(p.name, gender) == gender)]
        if not window:
            return None
        # A subject in the same or the previous sentences beats a more recent object or possessor.
        subjects = [p for p in window if p.subject]
        last = window[-1]
        cand = last
        if subjects and (last.at < sent_start or not last.subject) and last.at - subjects[-1].at < 60:
            cand = subjects[-1]
        if gender is not None and self.gender.get(cand.name) is None:
            # 'Ms. Ellis ... the treasurer Reyes attended ... She said': a person known to match beats one whose
            # gender the article never showed, when both are close.
            known = [p for p in subjects if self.gender.get(p.name) == gender]
            if known and cand.at - known[-1].at < 40:
                return known[-1]
        return cand

    def _phrase(self, span: Span) -> Speaker:
        doc = self.doc
        agent = self._document_agent(span.root)
        if agent is not None:
            inner = self._phrase(doc[max(agent[0], span.start) : min(agent[1], span.end)])
            return Speaker(inner.name, inner.kind, inner.role, inner.resolved)
        text_fold = fold(span.text)
        ents = self.ents_in(span.start, span.end)
        persons = [e for e in ents if e.label_ == "PERSON"]
        if persons:
            # "Putin's press secretary Dmitry Peskov": the name heading the phrase, not the possessor.
            ent = next((e for e in persons if e.start <= span.root.i < e.end), persons[-1])
            name = self.expand(_clean_name(ent.text))
            role = _role(doc, span, ent)
            return Speaker(name, "person", role, True)
        core_start, core_end = _core(span.root)
        core_start, core_end = max(core_start, span.start), min(core_end, span.end)
        core = doc[core_start:core_end]
        name = core.text.removesuffix("'s").removesuffix("\u2019s")
        # A surname the tagger missed as a person but the article introduced in full: 'Adeyemi said'.
        if core and all(t.pos_ == "PROPN" for t in core) and fold(core[-1].text) in self.full:
            return Speaker(self.full[fold(core[-1].text)], "person", None, True)
        titled = self._titled_person(span, core)
        if titled is not None:
            return titled
        head = span.root
        head_low = head.lower_
        if any(m in text_fold for m in self.lex.anonymous_markers) or (
            head_low in self.lex.anonymous_heads and not any(e.label_ in ("ORG", "NORP") for e in ents)
        ):
            return Speaker(name, "anonymous", None, True)
        if self._is_media(core):
            return Speaker(name, "media", None, True)
        if (
            head_low in self.lex.role_words
            or (head.tag_ == "NN" and fold(head.text) in self.lex.role_words)
            or (head.tag_ == "NN" and head_low in self.lex.person_nouns)
        ):
            person = next((p for p in reversed(self.people) if p.at < span.start and head_low in p.role_words), None)
            if person is not None:
                return Speaker(person.name, "person", core.text, True)
            return Speaker(name, "person", core.text, False)
        if head.tag_ in ("NNS", "NNPS") or head_low in self.lex.group_heads:
            return Speaker(name, "group", None, True)
        if any(e.label_ in ("ORG", "GPE", "NORP", "FAC") for e in ents) or head.pos_ in ("PROPN", "NOUN"):
            return Speaker(name, "organisation", None, True)
        return Speaker(name, "unknown", None, False)

    def _titled_person(self, span: Span, core: Span) -> Speaker | None:
        """A person the tagger missed: a proper name after a title ('Ms Carrow', 'Councillor Joan Petrakis') or
        with a descriptive appositive ('Amara Diallo, the group's director', 'Olu Bakare, 54, a retired teacher')."""
        words = [t for t in core if not t.is_punct]
        if not words or len(words) > 4 or not all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in words):
            return None
        if any(fold(t.text) in self.lex.organisation_words for t in words):
            return None
        first = fold(words[0].text).rstrip(".")
        titled = len(words) >= 2 and (first in TITLE_WORDS or first in self.lex.honorifics)
        described = any(
            c.dep_ == "appos"
            and c.tag_ == "NN"
            and (c.lower_ in self.lex.role_words or c.lower_ in self.lex.person_nouns)
            for c in span.root.rights
        )
        if not (titled or described):
            return None
        name = self.expand(_clean_name(core.text))
        role = None
        if titled and first not in self.lex.honorifics:
            role = " ".join(t.text for t in words[: len(words) - len(name.split())]) or None
        if described:
            role = _role(self.doc, span, self.doc[core.start : core.end]) or role
        return Speaker(name, "person", role, True)

    def _document_agent(self, head: Token) -> tuple[int, int] | None:
        """'pictures released by the Kremlin', 'a report from the ministry': the noun phrase that issued it."""
        if head.lower_ not in self.lex.document_heads:
            return None
        for child in head.rights:
            if child.dep_ == "prep" and child.lower_ in ("from", "by"):
                objs = [g for g in child.children if g.dep_ == "pobj"]
            elif child.dep_ == "acl":
                objs = [g for a in child.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"]
            else:
                continue
            if objs:
                return _core(objs[0])
        return None

    def _is_media(self, core: Span) -> bool:
        folded = fold(core.text)
        if folded.removeprefix("the ") in self.lex.media or folded in self.lex.media:
            return True
        words = folded.split()
        is_org = any(e.label_ == "ORG" for e in self.ents_in(core.start, core.end))
        return bool(words) and words[-1] in self.lex.media_words and (is_org or words[-1] == "media")


def _clean_name(text: str) -> str:
    """'President Vladimir Putin' -> 'Vladimir Putin', keeping the written casing."""
    # Drop leading titles word by word: counting the words normalize_name keeps would cut hyphenated names,
    # which it splits ("Kim Jong-un" -> "kim jong un").
    words = text.split()
    while len(words) > 1 and fold(words[0]) in TITLE_WORDS:
        words.pop(0)
    return " ".join(words).removesuffix("'s").removesuffix("\u2019s")


def _core(tok: Token) -> tuple[int, int]:
    """The noun phrase without appositives, relative clauses or trailing modifiers after a comma."""
    start = tok.left_edge.i
    end = tok.i + 1
    for child in tok.rights:
        if child.dep_ in ("appos", "relcl", "acl", "punct", "cc", "conj", "advmod"):
            break
        end = child.right_edge.i + 1
    if any(c.dep_ == "conj" for c in tok.rights):
        end = tok.right_edge.i + 1
    return start, end


def _role(doc: Doc, span: Span, ent: Span) -> str | None:
    """'Foreign Ministry spokeswoman Maria Zakharova' -> 'Foreign Ministry spokeswoman'; else an appositive."""
    i = span.start
    while i < ent.start and doc[i].dep_ == "det":
        i += 1
    if i < ent.start:
        role = doc[i : ent.start].text.strip(" ,")
        # 'Mr Hartley', 'Ms. Quint': an honorific is how the person is named, not a role.
        if role and not all(fold(w).rstrip(".") in lexicon().honorifics for w in role.split()):
            return role
    for child in ent.root.rights:
        if child.dep_ == "appos" and child.pos_ == "NOUN":
            lo = child.left_edge.i
            while lo < child.i and doc[lo].dep_ == "det":
                lo += 1
            return doc[lo : child.i + 1].text
    return None
