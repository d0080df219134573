"""Who is speaking: the mention's kind, its role/name split, and an in-article resolver.

No coreference model ships with the small pipeline, so the resolver reads the article once and keeps small tables:

* people: every name the tagger finds in the body (never in the headline, where "Mayor Warns Council" reads as
  a name), keyed by its first and last word so that "Okafor" resolves to the fullest form the article gives
  ("Adaeze N. Okafor"), with each person's gender (titles, pronouns that follow) and role words (titles,
  modifiers, appositives: "Lakeside Mayor Adaeze Okafor", "Okafor, the city's mayor");
* organisations, with the acronyms the article spells out, and documents with their issuers ("a study by the
  institute" makes "the study" speak for the institute);
* coordinated names ("Okafor and Brandt") for "both", "each" and "the two mayors".

A mention then resolves by its shape: a name to the fullest form; a pronoun to the closest compatible person,
preferring people already speaking and never a name inside a quotation; a description ("the mayor") to the person
the article gave that role; a document to its issuer; a quantifier or a percentage to the group it counts; "I"
outside quotations to the writer (a byline or a letter's signature).  What stays unresolved keeps a kind of its
own (``unknown``, ``group``, ``anonymous``, ``document``), never ``person`` with a name that is not a name.

The resolver is one class assembled from parts, a module per concern, each a mixin on ``speaker_state.ResolverBase``
(the article's state): ``speaker_names`` (people and their names), ``speaker_pronouns`` (salience),
``speaker_roles`` (descriptions), ``speaker_orgs`` and ``speaker_documents`` (bodies and what they issue),
``speaker_groups`` (pairs and counts) and ``speaker_turns`` (transcripts and the writer), with the word tables and
name helpers they share in ``speaker_words``.  This module reads the article and sends each mention to its part by
the mention's shape; it is the one the rest of the engine imports from.
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc, Span

from .lexicon import Lexicon
from .names import TITLE_WORDS, fold
from .speaker_documents import Documents
from .speaker_groups import Groups
from .speaker_roles import Roles
from .speaker_state import Speaker, _Person
from .speaker_turns import Turns
from .speaker_words import (
    _FIRST_PERSON,
    _GENDERED,
    _SECOND_PERSON,
    Words,
    _clean_name,
    _core,
    _one_edit,
    _role,
    _singular,
    _strip_det,
    given_names,
    words,
)

__all__ = ["Resolver", "Speaker", "Words", "_one_edit", "given_names", "words"]


class Resolver(Documents, Roles, Groups, Turns):
    """Built once per Doc; ``describe`` is then called for each speaker mention in text order."""

    def __init__(
        self,
        doc: Doc,
        sent: list[tuple[int, int]],
        lex: Lexicon | None = None,
        *,
        text: str | None = None,
        lower: list[str] | None = None,
        mask: bytearray | None = None,
        where: dict[str, list[int]] | None = None,
    ) -> None:
        super().__init__(doc, sent, lex, text=text, lower=lower, mask=mask, where=where)
        self._honorific = self._honorific_surnames()
        self._read_names()
        # Surnames the body gives alone that the article never names in full.
        self._surnames = {name for name in self._honorific if name not in self.t.full}
        self._read_roles()
        self._role_heads = {
            r for roles in self.t.roles.values() for r in roles if r in self.lex.role_words or r in self.w.roles
        }
        self._read_organisations()
        self._read_documents()
        self._read_groups()

    # -- describe a mention ----------------------------------------------------------------------------------------
    def _advance(self, upto: int) -> None:
        """Resolve the narrative's own 'he' and 'she' subjects up to ``upto`` so that a chain of pronouns keeps
        its person salient ('Okafor arrived. She toured ... She said ...')."""
        doc = self.doc
        added = False
        mentioning = self._mentioning
        while self._chained < upto:
            # Only a subject or a possessor can mention anyone: go straight to the next one (the sorted indexes).
            k = bisect_left(mentioning, self._chained)
            if k == len(mentioning) or mentioning[k] >= upto:
                self._chained = upto
                break
            i = mentioning[k]
            self._chained = i + 1
            tok = doc[i]
            if self.quoted(tok) or self._furniture(tok):
                continue
            if self._definite_role(tok):
                # 'The governor's roots ... he told ...': a description in the narrative mentions its person too.
                named = self._by_role(
                    self._norm_role(tok.text), self._role_words([tok]), tok.i, False, self._role_gender(tok)
                )
                if named is not None:
                    self.people.append(_Person(named, tok.i, tok.dep_ != "poss", False))
                    added = True
                continue
            kind = self.lex.pronouns.get(self.lower[tok.i])
            if kind not in ("male", "female") or tok.dep_ not in ("nsubj", "nsubjpass"):
                continue
            person = self._antecedent(tok, kind)
            if person is not None:
                self.t.gender.setdefault(person.name, kind)
                self.people.append(_Person(person.name, tok.i, True, False))
                added = True
        if added:  # people is kept sorted: nothing new, nothing to sort
            self.people.sort(key=lambda p: p.at)

    def describe(self, start: int, end: int, record: bool = True) -> Speaker:
        doc = self.doc
        if record:
            self._advance(start)
        start, end = self._past_furniture(start, end)
        start, end = self._name_before_verb(start, end)
        span = doc[start:end]
        root = span.root
        low = span.text.lower()
        turn = self._turn(root) if len(span) == 1 and low in _FIRST_PERSON else None
        # A label that names no person ('NOTE: I ...') is no turn.
        labelled = self.describe(*turn, record=False) if turn is not None else None
        if labelled is not None and labelled.kind == "person":
            result = labelled
        elif len(span) == 1 and low in _FIRST_PERSON + _SECOND_PERSON and not self.quoted(root):
            result = self._narrator(root, low)
        elif len(span) == 1 and self.lex.pronouns.get(low) == "relative":
            # Before the headline's own reading: 'Brandt Endorses Okafor, Who Says ...' is about Okafor.
            result = self._pronoun(root, low)
        elif self._furniture(span[0]) and self.layout.zone_at(span[0].idx) == "headline":
            result = self._headline(span)
        elif len(span) == 1 and low in self.lex.pronouns:
            result = self._pronoun(root, low)
        elif len(span) == 1 and low in _GENDERED:
            # 'his claim that ...', 'her view': a possessive pronoun as the speaker.
            person = self._antecedent(root, _GENDERED[low])
            result = Speaker(person.name, "person", None, True) if person else Speaker(None, "unknown", None, False)
        else:
            result = self._phrase(span)
            if result.kind == "organisation" and self._turn_label(span):
                # 'WALLACE: ...': a transcript names its speakers; the tagger reads a name in capitals as a body.
                result = Speaker(result.name, "person", None, True)
        if result.name and result.kind == "organisation":
            result = Speaker(self._fullest_org(result.name, start), result.kind, result.role, result.resolved)
        if result.name and record:
            self.recent.append((start, result.name, result.kind))
            if result.kind == "person" and result.resolved:
                self.people.append(_Person(result.name, root.i, True, self.quoted(root), speaking=True))
                self.people.sort(key=lambda p: p.at)
        return result

    def _past_furniture(self, start: int, end: int) -> tuple[int, int]:
        """A mention the parser glued onto a timestamp, dateline or label line ('4:45 p.m. / The mayor says'):
        the part after the furniture, else the first noun phrase after it in the sentence."""
        doc = self.doc
        zones = ("timestamp", "dateline", "label", "byline")
        if self.layout.zone_at(doc[start].idx) not in zones:
            return start, end
        k = start
        while k < end and (self.layout.zone_at(doc[k].idx) in zones or doc[k].is_space or doc[k].is_punct):
            k += 1
        if k < end:
            return k, end
        sent_end = self.sent[start][1]
        for chunk in doc[end:sent_end].noun_chunks:
            if self.layout.zone_at(chunk[0].idx) not in zones:
                return chunk.start, chunk.end
        return start, end

    def _name_before_verb(self, start: int, end: int) -> tuple[int, int]:
        """A surname that is also a common word ('Baker', 'Price') can be read as a noun modifying the verb after
        it, so the mention comes out as 'Baker avoids' or 'Baker demands action from the council, yet': the
        person's name alone. The glued word must read as a verb: a cue verb's form with the clause still going
        on after it, or a plural 'noun' the parser had to make the root of the whole sentence. A person noun
        after the name ('Baker aides', 'Baker supporters') is a group the name describes and stays."""
        doc = self.doc
        k = start
        while k < end and doc[k].text[:1].isupper() and (doc[k].is_alpha or doc[k].text.endswith(".")):
            k += 1
        if k == start or k >= end:
            return start, end
        glued = doc[k]
        low = glued.lower_
        if not (glued.is_alpha and glued.text.islower() and low.endswith("s") and glued.tag_ in ("NNS", "VBZ")):
            return start, end
        singular = _singular(low)
        personal = (
            self.lex.group_heads | self.lex.role_words | self.lex.person_nouns | self.lex.anonymous_heads | self.w.roles
        )
        if low in personal or singular in personal or low in self.w.org_heads or singular in self.w.org_heads:
            return start, end
        verb = low in self.lex.verbs and end > k + 1
        if not (verb or (doc[start:end].root.i == k and glued.dep_ == "ROOT")):
            return start, end
        name = doc[start:k]
        last = fold(name[-1].text).rstrip(".")
        person = any(e.label_ == "PERSON" for e in self.ents_in(start, k)) or self._surname_of_known(last)
        return (start, k) if person else (start, end)

    def _headline(self, span: Span) -> Speaker:
        """A headline names people by surname and in title case: find them in the body, never read the line
        itself as a name ('Mayor Warns Council' is no one).  A description ('Lawmaker', 'Retired Judge') is the
        person the body's opening introduces in that role, else the first person the body names."""
        for tok in span:
            key = fold(tok.text)
            if tok.text[:1].isupper() and self._surname_of_known(key):
                return Speaker(self.t.full[key], "person", None, True)
        for tok in span:
            if tok.text[:1].isupper() and fold(tok.text) in self._surnames:
                return Speaker(tok.text, "person", None, True)
        # Headlines are parsed badly ('Member of House panel' comes out headed by 'panel'): the first role word.
        role_tok = next((t for t in span if self._role_word(t)), None)
        if role_tok is not None:
            head = self._norm_role(role_tok.text)
            wanted = self._role_words([t for t in span if t.i <= role_tok.i])
            gender = self._role_gender(role_tok)
            # 'Former Chairman Calls ...' is not the chairwoman the body names first.
            lede = [
                p
                for p in self.people
                if not p.quoted and p.at > span.end and (gender is None or self._full_gender(p.name) in (gender, None))
            ]
            fitting = [
                p for p in lede if head in self.t.roles.get(p.name, set()) or wanted & self.t.roles.get(p.name, set())
            ]
            near = bool(lede) and self._sentence_no(lede[0].at) <= self._sentence_no(span.end) + 3
            # With no one given the role, rather the person the opening has speaking than the first one it names.
            speaking = [p for p in lede[:4] if self._speaks_unroled(p)]
            pick = fitting[0] if fitting else ((speaking or lede)[0] if near else None)
            if pick is not None:
                return Speaker(pick.name, "person", _strip_det(span.text), True)
            return Speaker(_strip_det(span.text), "anonymous", None, False)
        return self._phrase(span, headline=True)

    def _phrase(self, span: Span, headline: bool = False) -> Speaker:
        doc = self.doc
        root = span.root
        owner = next((c for c in root.children if c.dep_ == "poss"), None)
        if owner is not None and (root.lower_ in self.lex.nouns or root.lower_ in self.w.speech_nouns):
            # 'his best response', 'the mayor's remarks': whoever owns the words says them.
            if owner.lower_ in self.lex.pronouns or owner.lower_ in _GENDERED:
                kind = _GENDERED.get(owner.lower_)
                if kind is not None:
                    person = self._antecedent(owner, kind)
                    if person is not None:
                        return Speaker(person.name, "person", None, True)
                    return Speaker(None, "unknown", None, False)
            else:
                lo, hi = _core(owner)
                return self._phrase(doc[lo:hi])
        author = self._author(root) if root.lower_ in self.w.speech_nouns or root.lower_ in self.w.documents else None
        if author is not None:
            return Speaker(author, "person", None, True)
        if root.lower_ in self.lex.document_heads or root.lower_ in self.w.documents:
            return self._document(span)
        campaign = self._campaign(root)
        if campaign is not None:
            return Speaker(campaign, "organisation", None, True)
        ents = self.ents_in(span.start, span.end)
        persons = [e for e in ents if self._person_ent(e)]
        own = next((e for e in persons if e.start <= root.i < e.end), None)
        if own is not None:
            # "Okafor's press secretary Lena Brandt": the name heading the phrase, not the possessor.
            name = self.expand(_clean_name(own.text), self._gender_at(own.start), at=own.start)
            return Speaker(name, "person", _role(doc, span, own), True)
        core_start, core_end = _core(root)
        core_start, core_end = max(core_start, span.start), min(core_end, span.end)
        core = doc[core_start:core_end]
        name = core.text.removesuffix("'s").removesuffix("\u2019s")
        acronym = self._acronym(core)
        if acronym is not None:
            return acronym
        # A surname the tagger missed as a person but the article introduced in full: 'Adeyemi said'; at the
        # start of a paragraph the tagger may read it as a common noun or an organisation ('Bright posted').
        given = [t for t in core if fold(t.text).rstrip(".") not in TITLE_WORDS]
        if len(given) > 1 and all(t.pos_ == "PROPN" for t in core) and self._surname_of_known(fold(core[-1].text)):
            # 'Ottilie Kestrel' beside 'Ivor Kestrel': a full name keeps its own given name.
            return Speaker(self.expand(_clean_name(core.text)), "person", None, True)
        if core and all(t.pos_ == "PROPN" for t in core) and fold(core[-1].text) in self.t.full:
            gender = self._gender_at(core[-1].i)
            if gender is not None and fold(core[-1].text) in self.t.by_surname:
                return Speaker(self.expand(core[-1].text, gender, at=core[-1].i), "person", None, True)
            if len(core) == 1:
                return Speaker(self.expand(core[0].text, at=core[0].i), "person", None, True)
            return Speaker(self.expand(self.t.full[fold(core[-1].text)]), "person", None, True)
        if len(core) == 1 and core[0].text[:1].isupper() and self._surname_of_known(fold(core[0].text)):
            return Speaker(self.t.full[fold(core[0].text)], "person", None, True)
        if len(core) == 1 and core[0].text[:1].isupper() and fold(core[0].text) in self._surnames:
            return Speaker(core[0].text, "person", None, True)
        misspelt = self._misspelt(fold(core[0].text)) if len(core) == 1 and core[0].pos_ == "PROPN" else None
        if misspelt is not None:
            return Speaker(misspelt, "person", None, True)
        titled = self._titled_person(span, core)
        if titled is not None:
            return titled
        named = next((c for c in root.rights if c.dep_ == "appos" and c.ent_type_ == "PERSON"), None)
        if named is not None and root.pos_ in ("NOUN", "NUM", "PRON"):
            # "Ms Quint's spokesman, Tom Bell", "one of her lawyers, Tom Bell":
            # the appositive names the speaker.
            ent = next((e for e in persons if e.start <= named.i < e.end), None)
            if ent is not None:
                name = self.expand(_clean_name(ent.text), self._gender_at(ent.start))
                return Speaker(name, "person", _strip_det(core.text), True)
        head_low = root.lower_
        if head_low in self.w.gender_nouns and span[0].lower_ in ("the", "this"):
            # 'the woman', 'the man': the most salient person of that gender.
            person = self._antecedent(root, self.w.gender_nouns[head_low])
            if person is not None:
                return Speaker(person.name, "person", None, True)
        police = self._police(span, root)
        if police is not None:
            return police
        quantity = self._quantity(span, root)
        if quantity is not None:
            return quantity
        folded = fold(span.text)  # once, not once per marker
        if any(m in folded for m in self.lex.anonymous_markers) or (
            head_low in self.lex.anonymous_heads and not any(e.label_ in ("ORG", "NORP") for e in ents)
        ):
            return Speaker(name, "anonymous", None, True)
        if self._is_media(core):
            # 'the newspaper', 'the network': the outlet the article named, when it named one.
            generic = head_low in self.w.org_heads and self.w.org_heads[head_low] == "media" and root.tag_ == "NN"
            org = self._generic_org(span, root) if generic and not persons else None
            return org if org is not None else Speaker(name, "media", None, True)
        if self._is_role(root):
            return self._description(span, core, headline)
        if head_low in self.w.org_heads and root.tag_ == "NN" and not persons:
            org = self._generic_org(span, root)
            if org is not None:
                return org
        if persons and root.pos_ == "PROPN" and not any(e.label_ in ("ORG", "GPE", "NORP") for e in ents):
            ent = persons[-1]
            name = self.expand(_clean_name(ent.text), self._gender_at(ent.start))
            return Speaker(name, "person", _role(doc, span, ent), True)
        if root.tag_ in ("NNS", "NNPS") or head_low in self.lex.group_heads:
            return Speaker(name, "group", None, True)
        if any(e.label_ in ("ORG", "GPE", "NORP", "FAC") for e in ents) or root.pos_ == "PROPN":
            return Speaker(self._org_name(core, name), "organisation", None, True)
        if root.pos_ == "NOUN":
            return Speaker(name, "organisation", None, False)
        return Speaker(name or None, "unknown", None, False)
