"""Cue phrases that are not verbs: ``according to X``, noun cues with a possessor (``the senator's claim that``) or
without one (``amid growing concerns that``, ``the fierce criticism of the tolls``), opinion frames (``in her view``)
and framing phrases (``by one estimate``, ``under the mayor's plan``)."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .base import (
    QUOTE_CHARS,
    Context,
    Found,
    RuleBase,
    clip,
    mention,
    mention_without_case,
    subject_before,
    subject_of,
    token_chars,
)
from .speaker_words import words
from .types import CueMeaning

# A line's source before its colon is a name or a short title ('Poll', 'Sen. Ada Moreno'); more than four words is a
# sentence that happens to contain a colon.
COLON_SOURCE_WORDS = 4


class PhraseRules(RuleBase):
    def according_to(self, ctx: Context) -> list[Found]:
        doc = ctx.doc
        out: list[Found] = []
        lower = ctx.lower
        for i, low in ctx.words(("according",)):
            if low != "according" or i + 1 >= len(doc) or lower[i + 1] != "to":
                continue
            tok = doc[i]
            to = doc[tok.i + 1]
            pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
            if pobj is None:
                continue
            phrase = (tok.i, pobj.right_edge.i)
            head = tok.head if tok.head is not tok else to.head
            sent_start, sent_end = ctx.sent[tok.i]
            if head.i == tok.i and tok.i == sent_start:
                # 'According to X, the move reeks of panic': read as the sentence's root, the phrase swallows the
                # clause after its comma; the source ends at that comma.
                comma = next((t.i for t in doc[pobj.i : pobj.right_edge.i] if t.text == ","), None)
                phrase = (tok.i, comma - 1) if comma is not None else phrase
            i, j = (head.left_edge.i, head.right_edge.i) if head.i != tok.i else (sent_start, sent_end - 1)
            if tok.i - sent_start >= 3 and doc[tok.i - 1].text == "," and not _clause_after(doc, phrase[1], sent_end):
                # 'Fares would rise 20 percent, according to the rail board, twice the rise of ...': what
                # follows is no clause of its own, so the claim is the whole sentence before the phrase (the parser
                # may hang the phrase on a conjunct, which would leave the first one out).
                i, j = sent_start, tok.i - 1
            f = self._around(doc, i, j, phrase, "according")
            if f is not None:
                f.start, f.end = clip(ctx.text, f.start, f.end, tok.idx)
                f.cue = (tok.idx, to.idx + len(to.text))
                f.cue_i = tok.i
                f.speaker = mention(pobj)
                if f.speaker[1] > phrase[1] + 1:
                    f.speaker = (f.speaker[0], phrase[1] + 1)
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

    def colon_lines(self, ctx: Context) -> list[Found]:
        """'Poll: Voters favour the dam' (a headline), 'MORENO: We cannot wait.' (a transcript): a line opening with
        a short capitalised source and a colon attributes the rest of the line to that source.  Quoted rests are the
        quotation rules' (they run first); newsroom labels ('Note:', 'Correction:') are not sources."""
        doc, text = ctx.doc, ctx.text
        out: list[Found] = []
        start = 0
        while start < len(text):
            nl = text.find("\n", start)
            end = len(text) if nl < 0 else nl
            f = self._colon_line(doc, text, start, end)
            if f is not None:
                out.append(f)
            start = end + 1
        return out

    def _colon_line(self, doc: Doc, text: str, start: int, end: int) -> Found | None:
        while start < end and (text[start] in QUOTE_CHARS or text[start] in " \t"):
            start += 1  # '"HARLAN: ...': a transcript quoted whole opens each turn with a quotation mark
        line = text[start:end]
        colon = line.find(": ")
        if colon <= 0:
            return None
        label = line[:colon].strip()
        words = label.split()
        # 'Okafor on Housing: ...': a headline naming its source and the topic; the source is before 'on'.
        source_words = words[: words.index("on")] if "on" in words[1:] else words
        if not 0 < len(words) <= COLON_SOURCE_WORDS or label.lower().strip(".") in self.lex.colon_labels:
            return None
        if not all(w[:1].isupper() or w in ("of", "the", "and", "on") for w in words) or any(
            ch.isdigit() for ch in label
        ):
            return None
        if not source_words:
            return None
        body_start = start + colon + 2
        while body_start < end and text[body_start].isspace():
            body_start += 1
        body_end = end
        while body_end > body_start and (text[body_end - 1].isspace() or text[body_end - 1] in ".,;"):
            body_end -= 1
        if text[body_end : body_end + 1] == "." and not text[body_start:body_end].count(". "):
            pass  # a one-sentence headline: the final stop is punctuation, not content
        elif text[body_end : body_end + 1] == ".":
            body_end += 1  # several sentences (a transcript turn) keep their last stop, like a quotation
        body = text[body_start:body_end]
        if len(body.split()) < 3 or body[:1] in QUOTE_CHARS:
            return None
        source = " ".join(source_words)
        at = start + line.index(label[0])
        head = doc.char_span(at, at + len(source), "expand")
        if head is None or any(t.pos_ in ("VERB", "AUX") and t.tag_ != "NNP" for t in head):
            return None
        # 'Success: ...': a one-word label no source is called by is a section's heading; but a name the tagger reads
        # as a common noun ('Factcheckr: ...') is capitalised inside sentences too.
        if len(head) == 1 and head[0].tag_ == "NN" and not self._may_speak(head[0].lower_):
            word = head[0]
            if not any(t.lower_ == word.lower_ and t.text[:1].isupper() and not t.is_sent_start for t in doc):
                return None
        colon_at = start + colon
        f = Found(body_start, body_end, "colon_line", cue=(colon_at, colon_at + 1))
        f.speaker = (head.start, head.end)
        f.meaning = self.meaning_of("neutral", head.root)
        return f

    def _may_speak(self, noun: str) -> bool:
        """'Poll:', 'Police:', 'Spokeswoman:' can head a line as its source; 'Success:', 'Background:' are a
        section's label, and a label says nothing."""
        w, lex = words(), self.lex
        return any(
            noun in group
            for group in (
                lex.document_heads,
                lex.role_words,
                lex.group_heads,
                lex.anonymous_heads,
                lex.media_words,
                w.roles,
                w.documents,
                w.org_heads,
                w.speech_nouns,
                w.legislators,
                w.gender_nouns,
            )
        )

    def in_documents(self, ctx: Context) -> list[Found]:
        """'In the latest survey, the mayor leads by six points': a fronted 'in' + poll, study or report, set off by
        a comma, makes the document the source of its clause (evidence)."""
        doc = ctx.doc
        out: list[Found] = []
        for i, low in ctx.words(("in",)):
            if low != "in":
                continue
            tok = doc[i]
            if tok.dep_ != "prep" or tok.i != ctx.sent[tok.i][0]:
                continue
            obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
            after = tok.right_edge.i + 1
            if obj is None or obj.lower_ not in self.lex.document_heads or after >= len(doc) or doc[after].text != ",":
                continue
            head = tok.head
            # 'In a statement, the ministry said ...': a clause with a cue of its own is that cue's statement.
            if head.i <= after or head.pos_ not in ("VERB", "AUX") or self.verb_cue(head) is not None:
                continue
            if not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in head.children):
                continue
            start, end = token_chars(doc, after + 1, head.right_edge.i)
            start, end = clip(ctx.text, start, end, tok.idx)
            f = Found(start, end, "in_document", "evidence", (tok.idx, tok.idx + len(tok.text)), tok.i)
            f.speaker = (obj.left_edge.i, obj.right_edge.i + 1) if obj.left_edge.i > tok.i else mention(obj)
            out.append(f)
        return out

    def stance_adjectives(self, ctx: Context) -> list[Found]:
        """'Ms Lind is convinced that the mill will reopen', 'he is confident the deal will hold': a predicative
        adjective of belief with a clause; its clause is the content and the copula's subject holds it."""
        doc = ctx.doc
        out: list[Found] = []
        for i, low in ctx.words(self.lex.belief_adjectives):
            meaning = self.lex.belief_adjectives.get(low)
            if meaning is None:
                continue
            tok = doc[i]
            if tok.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in tok.children):
                # 'she is convinced that ...': tagged as a passive participle, whose subject holds the belief.
                holder = tok
            elif tok.dep_ == "acomp" and (tok.head.lemma_ in ("be", "seem", "remain", "sound") or curly_be(tok.head)):
                holder = tok.head
            else:
                continue
            clause = next((c for c in tok.children if c.dep_ in ("ccomp", "xcomp") and c.i > tok.i), None)
            subj = subject_before(holder, tok.i)
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
        lex = self.lex
        for i, low in ctx.words(lex.nouns, lex.stance_nouns, lex.opinion_frames, lex.framing_nouns):
            # Only a cue noun can yield anything: rule the rest out before building its Token.
            if (
                low not in lex.nouns
                and low not in lex.stance_nouns
                and low not in lex.opinion_frames
                and low not in lex.framing_nouns
            ):
                continue
            tok = doc[i]
            if tok.pos_ != "NOUN":
                continue
            owner = next((c for c in tok.children if c.dep_ == "poss"), None)
            framed = self._framing(tok, owner) if low in lex.framing_nouns else None
            if framed is not None:
                out.append(framed)
                continue
            if owner is None:
                by = self._by_source(tok) if low in self.lex.nouns else None
                if by is not None:
                    out.append(by)
                held = self._stance_held(tok) if low in self.lex.stance_nouns else None
                if held is not None:
                    out.append(held)
                unowned = None
                if by is None and held is None:
                    unowned = self._unheld(tok) if low in lex.unheld_stance_nouns else None
                    if unowned is None and low in lex.nouns:
                        unowned = self._unowned(tok)
                if unowned is not None:
                    out.append(unowned)
                continue
            if low in self.lex.nouns and tok.dep_ == "nsubj" and (tok.head.lemma_ == "be" or curly_be(tok.head)):
                # 'Her argument is that the tax will hurt farmers': the copula's clause is the content.
                clause = next((c for c in tok.head.children if c.dep_ == "ccomp" and c.i > tok.head.i), None)
                if clause is not None and self._that_clause(clause):
                    start, end = token_chars(doc, clause.left_edge.i, clause.right_edge.i)
                    start, end = clip(ctx.text, start, end, tok.idx)
                    out.append(_owned(start, end, "noun", self.lex.nouns[low], tok, owner))
                    continue
            if low in self.lex.nouns:
                clause = next((c for c in tok.children if c.dep_ in ("acl", "ccomp") and self._that_clause(c)), None)
                if clause is not None:
                    start, end = token_chars(doc, clause.left_edge.i, clause.right_edge.i)
                    out.append(_owned(start, end, "noun", self.lex.nouns[low], tok, owner))
                    continue
            if low in self.lex.nouns and self.lex.nouns[low] in ("intention", "assertive"):
                # 'the governor's plan to close three schools', 'her promise to resign': the infinitive is the content.
                inf = next((c for c in tok.rights if c.dep_ == "acl" and c.tag_ == "VB"), None)
                if inf is not None and any(c.dep_ == "aux" and c.lower_ == "to" for c in inf.children):
                    start, end = token_chars(doc, inf.left_edge.i, inf.right_edge.i)
                    out.append(_owned(start, end, "noun", self.lex.nouns[low], tok, owner))
                    continue
            stance = self.lex.stance_nouns.get(low)
            if stance is not None:
                prep = next((c for c in tok.rights if c.dep_ == "prep" and c.lower_ in stance[1]), None)
                obj = (
                    next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None) if prep is not None else None
                )
                if obj is not None:
                    start, end = token_chars(doc, obj.left_edge.i, _object_end(obj))
                    out.append(_owned(start, end, "stance_noun", stance[0], tok, owner))
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

    def _framing(self, noun: Token, owner: Token | None) -> Found | None:
        """'By one estimate, the flood cost ten million', 'by her own admission, the budget was too small', 'under the
        mayor's plan, every school would get a library': the clause around the phrase is what the estimate, admission
        or plan holds; its possessor, else the estimate itself, is the source.  A plan names no source but its
        possessor ('under the new rules' is a law, not a claim)."""
        meaning, preps = self.lex.framing_nouns[noun.lower_]
        prep = noun.head
        if noun.dep_ != "pobj" or prep.lower_ not in preps or prep.dep_ != "prep":
            return None
        if prep.head.pos_ not in ("VERB", "AUX") or (owner is None and meaning == "intention"):
            return None
        head = prep.head
        if prep.i == prep.sent.start:
            # 'Under her plan, taxpayers earning ... would pay': fronted, it frames the whole sentence, whatever word
            # the parser hangs it on.
            head = prep.sent.root
        if not any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in head.children):
            return None
        phrase = (prep.i, noun.right_edge.i)
        framed = self._around(noun.doc, head.left_edge.i, head.right_edge.i, phrase, "noun")
        if framed is None:
            return None
        framed.cue, framed.cue_i, framed.meaning = (prep.idx, noun.idx + len(noun.text)), noun.i, meaning
        framed.speaker = mention_without_case(owner) if owner is not None else (noun.left_edge.i, noun.i + 1)
        return framed

    def _stance_held(self, noun: Token) -> Found | None:
        """'Voss is a vocal opponent of the levy', 'he has been a critic of the deal': a stance noun predicated of
        the copula's subject; the holder is the subject and the preposition's object is the content."""
        meaning, preps = self.lex.stance_nouns[noun.lower_]
        if noun.dep_ != "attr" or not (noun.head.lemma_ == "be" or curly_be(noun.head)):
            return None
        subj = next((c for c in noun.head.children if c.dep_ == "nsubj" and c.i < noun.i), None)
        prep = next((c for c in noun.rights if c.dep_ == "prep" and c.lower_ in preps), None)
        obj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None) if prep is not None else None
        if subj is None or obj is None or subj.lower_ in ("it", "this", "that", "there"):
            return None
        doc = noun.doc
        start, end = token_chars(doc, obj.left_edge.i, _object_end(obj))
        f = Found(start, end, "stance_noun", meaning, (noun.idx, noun.idx + len(noun.text)), noun.i)
        f.speaker = mention(subj)
        return f

    def _by_source(self, noun: Token) -> Found | None:
        """'the allegation by the opposition that the vote was rigged': a cue noun whose source is a by- or from-phrase;
        the parser may hang the that-clause on the noun or on the source."""
        prep = next((c for c in noun.rights if c.dep_ == "prep" and c.lower_ in ("by", "from")), None)
        source = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
        if source is None:
            return None
        clause = next(
            (c for c in (*noun.children, *source.children) if c.dep_ in ("acl", "ccomp") and self._that_clause(c)), None
        )
        if clause is None or clause.i < source.i:
            return None
        doc = noun.doc
        start, end = token_chars(doc, clause.left_edge.i, clause.right_edge.i)
        f = Found(start, end, "noun", self.lex.nouns[noun.lower_], (noun.idx, noun.idx + len(noun.text)), noun.i)
        f.speaker = (source.left_edge.i, clause.left_edge.i) if clause.head.i == source.i else mention(source)
        f.meaning = self.meaning_of(f.meaning, source)
        return f

    def _unowned(self, noun: Token) -> Found | None:
        """'amid growing concerns that the river would flood', 'a stark message that the rules no longer apply': a cue
        noun with a that-clause and no possessor still carries a claim; its holder is a modifier that names one
        ('Danish warnings that ...', 'union fears that ...') or no one."""
        if noun.dep_ == "pobj" and noun.head.lower_ == "in" and noun.lower_ in ("hope", "hopes"):
            return None  # 'acted in hopes that ...', 'in the hope that ...': the subject's purpose, no claim
        # A 'relcl' whose 'that' is a mark, not its subject or object, is the parser's name for a complement clause.
        clause = next((c for c in noun.rights if c.dep_ in ("acl", "ccomp", "relcl") and self._that_clause(c)), None)
        verb = noun.head
        voiced = noun.dep_ == "dobj" and verb.lower_ in self.lex.stance_light_verbs and verb.tag_.startswith("VB")
        if voiced and clause is None:
            # 'made the case to the board that ...': the parser hangs the clause on the verb.
            clause = next((c for c in verb.rights if c.dep_ == "ccomp" and c.i > noun.i and self._that_clause(c)), None)
        if clause is None:
            return None
        if voiced and (any(c.dep_ == "neg" for c in verb.children) or any(c.lower_ == "no" for c in noun.children)):
            return None  # 'did not raise concerns that', 'has no fear that': nothing is held
        doc = noun.doc
        start, end = token_chars(doc, clause.left_edge.i, clause.right_edge.i)
        f = Found(start, end, "noun", self.lex.nouns[noun.lower_], (noun.idx, noun.idx + len(noun.text)), noun.i)
        subj = subject_of(verb) if voiced else None
        holder = next((c for c in noun.lefts if c.dep_ in ("amod", "compound", "nmod") and self._holds(c)), None)
        if subj is not None and subj.lower_ not in ("it", "there", "that", "which", "what"):
            # 'Residents raised concerns that ...': the one who voices the noun holds it.
            f.speaker, f.cue = mention(subj), (verb.idx, noun.idx + len(noun.text))
            f.meaning = self.meaning_of(f.meaning, subj)
        elif holder is not None:
            f.speaker = mention(holder)
            f.meaning = self.meaning_of(f.meaning, holder)
        return f

    def _unheld(self, noun: Token) -> Found | None:
        """'Given the fierce criticism of the tolls', 'a rising tide of public scepticism about the plan': a stance noun
        with its preposition and no possessor; the preposition's object is the content.  A stance predicated of a
        subject ('she is a critic of'), voiced through a light verb ('raised concerns about') or received ('came
        under criticism') has a holder and its own rule."""
        lex = self.lex
        head = noun.head
        if noun.dep_ == "attr" or (noun.dep_ == "pobj" and head.lower_ == "under"):
            return None
        if noun.dep_ == "dobj" and (head.lower_ in lex.stance_light_verbs or head.lower_ in lex.reception_verbs):
            return None
        meaning, preps = lex.stance_nouns[noun.lower_]
        prep = next((c for c in noun.rights if c.dep_ == "prep" and c.lower_ in preps), None)
        if prep is None:
            return None
        obj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
        if obj is None or obj.tag_ in ("WDT", "WP") or obj.lower_ == "that":
            return None
        start, end = token_chars(noun.doc, obj.left_edge.i, _object_end(obj))
        f = Found(start, end, "stance_noun", meaning, (noun.idx, prep.idx + len(prep.text)), noun.i)
        holder = next((c for c in noun.lefts if c.dep_ in ("amod", "compound", "nmod") and self._holds(c)), None)
        if holder is not None:
            f.speaker = mention(holder)
        return f

    def _holds(self, modifier: Token) -> bool:
        """A noun's modifier that names who holds it: a nationality or a named body ('Danish', 'Kremlin'), or a word
        for a group or a newsroom ('union', 'media')."""
        if modifier.ent_type_ in ("NORP", "ORG", "PERSON", "GPE"):
            return True
        if modifier.pos_ == "ADJ" and modifier.is_title and modifier.i > modifier.sent.start:
            return True  # a nationality the tagger left untyped ('Danish', 'European')
        return modifier.pos_ == "NOUN" and (
            modifier.lower_ in self.lex.group_heads or modifier.lower_ in self.lex.media_words
        )

    @staticmethod
    def _that_clause(clause: Token) -> bool:
        return any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)


def _owned(start: int, end: int, rule: str, meaning: CueMeaning, noun: Token, owner: Token) -> Found:
    """'the governor's claim that ...': the cue noun's possessor is the speaker."""
    f = Found(start, end, rule, meaning, (noun.idx, noun.idx + len(noun.text)), noun.i)
    f.speaker = mention_without_case(owner)
    return f


def curly_be(tok: Token) -> bool:
    """'She’s frustrated': the tagger gives a curly-apostrophe contraction of 'be' no lemma."""
    return tok.tag_ in ("VBZ", "VBP") and tok.lower_ in ("’s", "’re", "’m")


def _object_end(obj: Token) -> int:
    """The last token of a preposition's object, with a second preposition joined to the first ('a supporter of the
    harbour and of the fleet')."""
    prep = obj.head
    return max([obj.right_edge.i] + [c.right_edge.i for c in prep.children if c.dep_ == "conj" and c.pos_ == "ADP"])


def _clause_after(doc: Doc, end: int, sent_end: int) -> bool:
    """A tensed verb with a subject of its own after token ``end`` in its sentence."""
    return any(
        t.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)
        for t in doc[end + 1 : sent_end]
    )
