"""Documents: 'the report' speaks for whoever issued it."""

from __future__ import annotations

from spacy.tokens import Span, Token

from .names import fold
from .speaker_orgs import Organisations
from .speaker_state import Speaker, _Issuer
from .speaker_words import _ACRONYM, _GENDERED, _clean_name, _core, _doc_class, _singular, _strip_det
from .types import SpeakerKind


class Documents(Organisations):
    """Ties a document to its issuer."""

    def _issuer_of(self, noun: Token) -> tuple[str, SpeakerKind] | None:
        doc = self.doc
        for child in noun.children:
            gender = _GENDERED.get(child.lower_)
            if child.dep_ == "poss" and gender is not None:
                # 'her account', 'his memo': the person the pronoun stands for.
                person = self._antecedent(child, gender)
                if person is not None:
                    return person.name, "person"
            if child.dep_ == "poss" and child.pos_ in ("PROPN", "NOUN"):
                campaign = self._campaign(child)
                if campaign is not None:
                    return campaign, "organisation"
                lo, hi = _core(child)
                name = doc[lo:hi].text.removesuffix("'s").removesuffix("\u2019s")
                return name, self._kind_of_name(lo, hi)
        for child in noun.lefts:
            # 'a Halden Institute poll'; in a headline every word is capitalised, so only a tagged name counts.
            headline = self.layout.in_headline(child.idx)
            if child.dep_ == "compound" and (
                child.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or (child.pos_ == "PROPN" and not headline)
            ):
                lo = child.left_edge.i
                hi = child.i + 1
                while lo < hi and doc[lo].pos_ not in ("PROPN",) and doc[lo].ent_type_ == "":
                    lo += 1
                if lo < hi:
                    return doc[lo:hi].text, self._kind_of_name(lo, hi)
        agent = self._document_agent(noun)
        if agent is not None:
            lo, hi = agent
            # 'a slide from the report Okafor shows investors': whoever presents the report.
            author = self._author(doc[lo:hi].root)
            if author is not None:
                return author, "person"
            campaign = self._campaign(doc[lo:hi].root)
            if campaign is not None:
                return campaign, "organisation"
            return doc[lo:hi].text, self._kind_of_name(lo, hi)
        verb = noun.head
        if noun.dep_ == "dobj" and verb.lower_ in self.w.issuing_verbs:
            subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subj is not None and subj.pos_ in ("PROPN", "NOUN") and subj.lower_ not in self.lex.pronouns:
                campaign = self._campaign(subj)
                if campaign is not None:
                    return campaign, "organisation"
                lo, hi = _core(subj)
                return doc[lo:hi].text, self._kind_of_name(lo, hi)
        return None

    def _read_documents(self) -> None:
        for i in self._indexes(self.w.documents):
            low = self.lower[i]
            tok = self.doc[i]
            if tok.pos_ != "NOUN" or self._furniture(tok):
                continue
            issuer = self._issuer_of(tok)
            if issuer is not None:
                self.t.issuers.append(_Issuer(tok.i, _singular(low), issuer[0], issuer[1]))

    def _author(self, noun: Token) -> str | None:
        """'a speech Ms. Okafor delivered', 'a memo that Okafor wrote': the person who is the subject of the
        relative clause on the noun."""
        for clause in noun.children:
            if clause.dep_ != "relcl":
                continue
            subj = next((c for c in clause.children if c.dep_ == "nsubj" and c.pos_ == "PROPN"), None)
            if subj is None:
                continue
            ent = next((e for e in self.ents if e.start <= subj.i < e.end and self._person_ent(e)), None)
            if ent is not None:
                return self.expand(_clean_name(ent.text), self._gender_at(ent.start))
            key = fold(subj.text)
            if self._surname_of_known(key):
                return self.t.full[key]
        return None

    def _document(self, span: Span) -> Speaker:
        """'the report' speaks for whoever issued it: its own issuer ('the ministry's report', 'a report by the
        ministry'), the issuer of the same kind of document earlier, else the organisation named just before
        ('Halden Polling surveyed 900 voters.  The poll found ...').  An issuer the article never gives leaves a
        ``document``; a bare plural ('polls show') is no particular document at all."""
        root = span.root
        issuer = self._issuer_of(root)
        if issuer is not None:
            name, kind = issuer
            if kind == "person":
                name = self.expand(_clean_name(name))
            # 'the NRF report' after 'the Northern Reconstruction Fund': the name the acronym stands for.
            name = self.t.acronyms.get(name.replace(".", ""), name) if _ACRONYM.match(name) else name
            return Speaker(name, kind, None, True)
        definite = span[0].lower_ in ("the", "this", "that", "its", "their")
        if not definite:
            # 'A new poll shows ... The Halden Institute survey of 900 adults ...': a news opening introduces the
            # document first and its issuer in the next sentences. Not a bare plural ('polls show').
            noun = _doc_class(_singular(root.lower_))
            here = self._sentence_no(root.i)
            if self.layout.in_headline(root.idx):
                # 'Poll: Voters Sour on Tolls': the headline's poll is the one the body's opening describes.
                start = self.layout.body_start()
                here = self._sentence_no(next((t.i for t in self.doc if t.idx >= start), root.i))
            later = [
                i
                for i in self.t.issuers
                if i.at > root.i and _doc_class(i.noun) == noun and self._sentence_no(i.at) - here <= 2
            ]
            if later and root.tag_ != "NNS":
                name = self.expand(_clean_name(later[0].name)) if later[0].kind == "person" else later[0].name
                return Speaker(name, later[0].kind, None, True)
            return Speaker(_strip_det(span.text), "document", None, False)
        noun = _doc_class(_singular(root.lower_))
        same = [i for i in self.t.issuers if i.at < root.i and _doc_class(i.noun) == noun]
        if same:
            pick = same[-1]
            name = self.expand(_clean_name(pick.name)) if pick.kind == "person" else pick.name
            return Speaker(name, pick.kind, None, True)
        here = self._sentence_no(root.i)
        near = [
            e
            for e in self.ents
            if e.label_ == "ORG"
            and not self._person_name(e)
            and e.end <= root.i
            and here - self._sentence_no(e.start) <= 2
            and not self._furniture(e[0])
            and not self.quoted(e[0])
        ]
        if near:
            ent = near[-1]
            return Speaker(ent.text, "media" if self._is_media(ent) else "organisation", None, True)
        return Speaker(_strip_det(span.text), "document", None, False)

    def _document_agent(self, head: Token) -> tuple[int, int] | None:
        """'pictures released by the Kremlin', 'a report from the ministry': the noun phrase that issued it."""
        if head.lower_ not in self.lex.document_heads and head.lower_ not in self.w.documents:
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
