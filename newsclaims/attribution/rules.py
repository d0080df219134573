"""Attribution rules on one parsed Doc: find (content, cue, speaker mention) triples.

Order matters: quotations are attributed first (a quote can hold several sentences, which the parser cannot see
as one clause), then cue verbs with a clausal or object complement, then ``according to``, noun cues and
layout cues (``Name: "..."``, a trailing dash line).  A statement whose cue lies inside another statement's
content is dropped, because the outermost attribution is the claim a reader sees; the one exception is a relay
(``X said, TASS reported``), where the outer reporter becomes ``via`` of the inner statement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from .lexicon import Lexicon, VerbCue, lexicon
from .quotes import Quote
from .types import CueMeaning

_SUBJ = ("nsubj", "nsubjpass", "csubj")
_QUOTE_CHARS = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e\u2039\u203a`"
# Inherit a subject up these relations: "Chaffetz said ..., adding that ..." -> Chaffetz adds.
_SUBJECT_FROM_HEAD = ("conj", "advcl", "xcomp", "ccomp", "pcomp")
_CLAUSE_BREAK = set(".!?;\n")


@dataclass(slots=True)
class Found:
    """One attribution in Doc coordinates: characters for content and cue, tokens for the speaker mention."""

    start: int
    end: int
    rule: str
    meaning: CueMeaning = "neutral"
    cue: tuple[int, int] | None = None
    cue_i: int | None = None
    speaker: tuple[int, int] | None = None  # token range [i, j)
    hearer: tuple[int, int] | None = None
    via: list[str] = field(default_factory=list)


def _chars(doc: Doc, i: int, j: int) -> tuple[int, int]:
    """Character span of tokens [i, j] (inclusive) with punctuation and spaces trimmed, quote marks kept."""
    while i < j and (
        doc[i].is_space
        or (doc[i].is_punct and doc[i].text not in _QUOTE_CHARS)
        or (doc[i].lower_ == "that" and doc[i].dep_ == "mark")
    ):
        i += 1
    while j > i and (doc[j].is_space or (doc[j].is_punct and doc[j].text not in _QUOTE_CHARS)):
        j -= 1
    return doc[i].idx, doc[j].idx + len(doc[j].text)


def _clip(text: str, start: int, end: int, anchor: int) -> tuple[int, int]:
    """Unquoted content never crosses a paragraph break: keep the part in the cue's paragraph."""
    lo = text.rfind("\n", start, anchor)
    if lo >= 0:
        start = lo + 1
    hi = text.find("\n", max(anchor, start), end)
    if hi >= 0:
        end = hi
    if anchor < start:  # a semicolon ends the reported clause: 'X said A; B' attributes only A
        semi = text.find(";", start, end)
        end = semi if semi > start else end
    while start < end and (
        text[start].isspace() or (text[start] in _QUOTE_CHARS and text[start + 1 : start + 2].isspace())
    ):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _mention(tok: Token) -> tuple[int, int]:
    """The speaker phrase as written: the subject's subtree, minus trailing punctuation."""
    i, j = tok.left_edge.i, tok.right_edge.i
    doc = tok.doc
    while j > i and (doc[j].is_punct or doc[j].is_space):
        j -= 1
    while i < j and (doc[i].is_punct or doc[i].is_space):
        i += 1
    return i, j + 1


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    for child in verb.children:
        if child.dep_ in _SUBJ:
            return child
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj
    if depth < 3 and verb.dep_ in _SUBJECT_FROM_HEAD and verb.head is not verb and verb.head.pos_ in ("VERB", "AUX"):
        if verb.dep_ in ("ccomp", "pcomp") and verb.i > verb.head.i:
            return None
        return subject_of(verb.head, depth + 1)
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head
    return None


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """For each token index, the [start, end) token range of its sentence."""
    bounds: list[tuple[int, int]] = [(0, len(doc))] * len(doc)
    for sent in doc.sents:
        bounds[sent.start : sent.end] = [(sent.start, sent.end)] * (sent.end - sent.start)
    return bounds


class Rules:
    def __init__(self, lex: Lexicon | None = None) -> None:
        self.lex = lex or lexicon()
        self.sent: list[tuple[int, int]] = []
        self.text = ""

    def verb_cue(self, tok: Token) -> VerbCue | None:
        if not tok.tag_.startswith("VB") or tok.dep_ in ("amod", "compound"):
            return None
        # Passive cues make the hearer the subject ("when asked by journalists", "he was told"): not a source.
        if any(c.dep_ == "auxpass" for c in tok.children) or (tok.tag_ == "VBN" and tok.dep_ in ("acl", "advcl")):
            return None
        return self.lex.verbs.get(tok.lower_)

    def final_cue(self, verb: Token) -> tuple[tuple[int, int], tuple[int, int]] | None:
        """'<content>, <speaker phrase>, told AFP.' -- the small parser often swallows a long sentence-final
        speaker into the content (as an apposition or conjunct).  Read the layout instead: the speaker is the
        comma-delimited phrase before the cue, widened over a name when that phrase is a description ("Ahn,
        a researcher who..."); the content is the rest of the sentence before it.  Returns (content, speaker)
        token ranges, both [i, j)."""
        doc = verb.doc
        sent_start, sent_end = self.sent[verb.i]
        tail = [t for t in doc[verb.i + 1 : sent_end] if not (t.is_punct or t.is_space)]
        if len(tail) > 5 or any(t.pos_ in ("VERB", "AUX") or t.text in _QUOTE_CHARS for t in tail):
            return None
        commas = [t.i for t in doc[sent_start : verb.i] if t.text == ","]
        if not commas:
            return None
        seg_start = commas[-1] + 1
        if seg_start >= verb.i:  # ", X, a researcher who ..., told" -> the comma right before the cue closes the phrase
            if len(commas) < 2:
                return None
            commas.pop()
            seg_start = commas[-1] + 1
        seg = doc[seg_start : verb.i]
        if not any(t.pos_ in ("PROPN", "NOUN", "PRON") for t in seg) or len(seg) > 25:
            return None
        if any(t.pos_ in ("VERB", "AUX") and t.dep_ not in ("relcl", "acl", "amod") for t in seg):
            return None
        if seg[0].lower_ in ("a", "an") and len(commas) >= 2:
            prev = doc[commas[-2] + 1 : commas[-1]]
            if 0 < len(prev) <= 6 and all(t.pos_ == "PROPN" or t.is_punct for t in prev):
                seg_start = prev.start
                commas.pop()
        content_end = commas[-1]
        if content_end - sent_start < 4:
            return None
        end = verb.i
        while end > seg_start and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        return (sent_start, content_end - 1), (seg_start, end)

    # -- the whole pass -------------------------------------------------------------------------------------------
    def run(self, doc: Doc, quotes: list[Quote]) -> list[Found]:
        # Token.sent rescans the whole Doc on every call; one pass here keeps the rules linear.
        self.sent = sentence_bounds(doc)
        self.text = doc.text  # Doc.text re-joins every token on each access
        found: list[Found] = []
        used: set[int] = set()
        found += self.quoted(doc, quotes, used)
        found += self.reported(doc, used)
        found += self.according_to(doc)
        found += self.noun_cues(doc)
        for f in found:
            if f.rule != "quote":
                _close_quotes(self.text, f, quotes)
        found = [f for f in found if f.end - f.start >= 2 and any(ch.isalnum() for ch in self.text[f.start : f.end])]
        return self.outermost(doc, found)

    # -- direct quotes ------------------------------------------------------------------------------------------------
    def _groups(self, text: str, quotes: list[Quote]) -> list[tuple[int, int, bool]]:
        """Chain paragraph-spanning quotes into one stretch: each paragraph re-opens, only the last one closes."""
        groups: list[tuple[int, int, bool]] = []
        for q in quotes:
            if q.single and not self._statement_like(text, q.start, q.end):
                continue
            if groups and not groups[-1][2]:
                gap = text[groups[-1][1] : q.start]
                if gap.strip() == "" and "\n" in gap:
                    groups[-1] = (groups[-1][0], q.end, q.closed)
                    continue
            groups.append((q.start, q.end, q.closed))
        return groups

    @staticmethod
    def _statement_like(text: str, start: int, end: int) -> bool:
        """A quotation that can stand as a statement, unlike a scare quote or a title inside a sentence."""
        k = start - 1
        while k >= 0 and text[k] in " \t":
            k -= 1
        opens_clause = k < 0 or text[k] in "\n:,.!?;(\u2014\u2013-"
        words = len(text[start:end].split())
        inner = text[start:end].rstrip(_QUOTE_CHARS + " ")
        after = text[end : end + 2].lstrip(" \t")[:1]
        # '... said that, "Of course he will defend himself" against what ...': a fragment of a larger clause.
        closes_clause = inner[-1:] in ".?!,\u2026\u2014-" or after in ("", "\n", ".", ",", ";", ":", "!", "?", ")")
        return opens_clause and closes_clause and (words >= 3 or (words == 2 and inner[-1:] in ".?!,"))

    def quoted(self, doc: Doc, quotes: list[Quote], used: set[int]) -> list[Found]:
        text = self.text
        out: list[Found] = []
        last: Found | None = None
        for start, end, _closed in self._groups(text, quotes):
            if not self._statement_like(text, start, end):
                continue
            f = self._quote_cue_after(doc, start, end) or self._quote_cue_before(doc, start, end)
            f = f or self._colon_or_dash(doc, start, end)
            if last is not None and self._continues(text, last, start, f):
                # '"A," he said. "B."' and follow-on paragraphs with no cue of their own: one statement.
                last.end = end
                continue
            if f is None:
                continue
            if f.cue_i is not None:
                used.add(f.cue_i)
            out.append(f)
            last = f
        return out

    @staticmethod
    def _continues(text: str, last: Found, start: int, cue: Found | None) -> bool:
        between = text[last.end : start]
        if cue is not None:
            return cue.cue_i is not None and cue.cue_i == last.cue_i and "\n" not in between
        if any(ch in between for ch in _QUOTE_CHARS):
            return False
        if between.strip() == "":  # the next paragraph opens with the quote
            return between.count("\n") <= 2
        return "\n" not in between and len(between) <= 60

    def _quote_cue_after(self, doc: Doc, start: int, end: int) -> Found | None:
        first = self._token_at_or_after(doc, end)
        if first is None or "\n" in self.text[end : first.idx]:
            return None
        sent_end = self.sent[first.i][1]
        for tok in doc[first.i : min(sent_end, first.i + 30)]:
            if tok.text in _QUOTE_CHARS and tok.idx >= end:
                return None
            cue = self.verb_cue(tok)
            if cue is None:
                continue
            subj = subject_of(tok)
            if subj is None or (subj.i < first.i and subj.idx < start):
                continue
            return self._found(doc, start, end, "quote", cue, tok, subj)
        return None

    def _quote_cue_before(self, doc: Doc, start: int, end: int) -> Found | None:
        last = self._token_before(doc, start)
        if last is None:
            return None
        span = doc[self.sent[last.i][0] : last.i + 1]
        for tok in reversed(span):
            if "\n" in tok.text:
                return None
            cue = self.verb_cue(tok)
            if cue is None:
                continue
            if last.i - tok.i > 8:
                return None
            subj = subject_of(tok)
            if subj is None:
                return None
            return self._found(doc, start, end, "quote", cue, tok, subj)
        return None

    def _colon_or_dash(self, doc: Doc, start: int, end: int) -> Found | None:
        text = self.text
        line_start = text.rfind("\n", 0, start) + 1
        head = text[line_start:start].rstrip()
        if head.endswith(":") and 0 < len(head.split()) <= 5:
            toks = [t for t in self._tokens_between(doc, line_start, len(head) + line_start - 1) if not t.is_space]
            if toks and all(t.text[:1].isupper() or t.is_punct for t in toks):
                colon = line_start + len(head) - 1
                return Found(start, end, "colon", cue=(colon, colon + 1), speaker=(toks[0].i, toks[-1].i + 1))
        nl = text.find("\n", end)
        if nl >= 0 and not text[end:nl].strip():
            rest = text[nl:].lstrip()
            dash = next((d for d in ("\u2014", "\u2013", "--", "-", "\u2015") if rest.startswith(d)), None)
            if dash is not None:
                dpos = text.index(dash, nl)
                line_end = text.find("\n", dpos)
                line_end = len(text) if line_end < 0 else line_end
                name_end = text.find(",", dpos, line_end)
                toks = self._tokens_between(doc, dpos + len(dash), line_end if name_end < 0 else name_end)
                toks = [t for t in toks if not (t.is_space or t.is_punct)]
                if toks:
                    return Found(start, end, "dash", cue=(dpos, dpos + len(dash)), speaker=(toks[0].i, toks[-1].i + 1))
        return None

    @staticmethod
    def _tokens_between(doc: Doc, start: int, end: int) -> list[Token]:
        span = doc.char_span(start, end, alignment_mode="expand")
        return list(span) if span is not None else []

    def _token_at_or_after(self, doc: Doc, char: int) -> Token | None:
        span = doc.char_span(char, len(self.text), alignment_mode="expand") if char < len(self.text) else None
        if span is None:
            return None
        for tok in span:
            if tok.idx >= char and not tok.is_space and tok.text not in _QUOTE_CHARS:
                return tok
        return None

    @staticmethod
    def _token_before(doc: Doc, char: int) -> Token | None:
        span = doc.char_span(0, char, alignment_mode="contract") if char > 0 else None
        if span is None:
            return None
        for tok in reversed(span):
            if not tok.is_space:
                return tok
        return None

    def _found(self, doc: Doc, start: int, end: int, rule: str, cue: VerbCue, verb: Token, subj: Token | None) -> Found:
        if rule != "quote":
            start, end = _clip(self.text, start, end, verb.idx)
        f = Found(start, end, rule, cue.meaning, (verb.idx, verb.idx + len(verb.text)), verb.i)
        f.speaker = _mention(subj) if subj is not None else None
        f.hearer = self._hearer(verb, cue)
        return f

    @staticmethod
    def _hearer(verb: Token, cue: VerbCue) -> tuple[int, int] | None:
        if "t" not in cue.frames:
            return None
        for child in verb.children:
            if child.dep_ in ("dobj", "dative", "iobj") and child.i > verb.i:
                return _mention(child)
        return None

    # -- reported speech -----------------------------------------------------------------------------------------------
    def _content_of(self, verb: Token, cue: VerbCue) -> tuple[int, int] | None:
        """Token range [i, j] of the complement that carries the content, on the cue's right or left."""
        clausal = [c for c in verb.children if c.dep_ == "ccomp"]
        if not clausal and "x" in cue.frames:
            clausal = [c for c in verb.children if c.dep_ == "xcomp"]
        if clausal:
            c = clausal[0]
            i, j = c.left_edge.i, self._clause_end(c)
            if i < verb.i < j:
                i, j = (verb.i + 1, j) if c.i > verb.i else (i, verb.i - 1)
            return i, j
        if "o" in cue.frames:
            # 'cited remarks Trump had made ... as examples of ...': the object and what completes it.
            rights = [c for c in verb.rights if not (c.is_punct or c.dep_ in ("prt", "advmod", "npadvmod"))]
            if not rights or rights[0].dep_ not in ("dobj", "dative"):
                return None
            end = rights[0].right_edge.i
            for c in rights[1:]:
                if c.dep_ in ("cc", "conj", "parataxis", "advcl") or verb.doc[c.left_edge.i - 1].text == ",":
                    break
                end = c.right_edge.i
            first = rights[0]
            if first.dep_ == "prep":  # 'called for more spending': the content is the preposition's object
                first = next(iter(first.children))
            return first.left_edge.i, end
        return None

    def _clause_end(self, root: Token) -> int:
        """Right edge of a content clause, stopping before a trailing ', saying ...' or 'and said ...' of its own."""
        end = root.right_edge.i
        for c in root.rights:
            if c.dep_ == "advcl" and c.tag_ == "VBG" and root.doc[c.left_edge.i - 1].text == ",":
                end = min(end, c.left_edge.i - 2)  # ', focusing on ...': a participial adjunct, not the claim
                break
            if self.verb_cue(c) is None:
                continue
            comma_before = root.doc[c.left_edge.i - 1].text == ","
            participle = c.dep_ == "advcl" and c.tag_ == "VBG" and comma_before
            shared_subject = c.dep_ == "conj" and not any(d.dep_ in _SUBJ for d in c.children)
            if participle or shared_subject or c.dep_ == "parataxis":
                k = c.left_edge.i - 1
                while k > root.i and (root.doc[k].is_punct or root.doc[k].dep_ == "cc"):
                    k -= 1
                end = min(end, k)
                break
        return end

    def reported(self, doc: Doc, used: set[int]) -> list[Found]:
        out: list[Found] = []
        pending: list[tuple[Token, VerbCue]] = []
        for tok in doc:
            cue = self.verb_cue(tok)
            if cue is None or tok.i in used:
                continue
            subj = subject_of(tok)
            final = (
                self.final_cue(tok)
                if (subj is None or (subj.i < tok.i - 1 and _segment_start(tok, self.sent[tok.i][0]) > subj.i))
                else None
            )
            if final is not None:
                (ci, cj), speaker = final
                start, end = _chars(doc, ci, cj)
                f = self._found(doc, start, end, "final", cue, tok, None)
                f.speaker = speaker
                out.append(f)
                continue
            span = self._content_of(tok, cue)
            if span is None:
                pending.append((tok, cue))
                continue
            if subj is None:
                continue
            start, end = _chars(doc, *span)
            if end - start < 3:
                continue
            out.append(self._found(doc, start, end, "verb", cue, tok, subj))
        for tok, cue in pending:
            para = self._paratactic(doc, tok, cue, out)
            if para is not None:
                out.append(para)
        return out

    def _paratactic(self, doc: Doc, verb: Token, cue: VerbCue, done: list[Found]) -> Found | None:
        """'..., experts said.' / 'X, he said, Y': the cue hangs off the content's root instead of heading it."""
        subj = subject_of(verb)
        head = verb.head
        if subj is None or head is verb or verb.dep_ not in ("parataxis", "ccomp", "advcl"):
            return None
        left = verb.left_edge.i
        # Relay: 'X, Peskov said, RIA Novosti and TASS reported' -- the content belongs to the inner speaker.
        for f in done:
            if f.cue_i == head.i and f.rule == "verb" and doc[left].idx >= f.end:
                inner = self._found(doc, f.start, f.end, "relay", cue, verb, subj)
                inner.via = _split_names(doc[slice(*f.speaker)].text) if f.speaker else []
                f.rule = "relayed"
                return inner
        if head.pos_ not in ("VERB", "AUX") or (verb.i < head.i and verb.dep_ != "parataxis"):
            return None
        # A complement to the right of its head is that head's content, unless set off by a comma ("..., he said").
        if verb.dep_ != "parataxis" and (self.verb_cue(head) is not None or doc[max(left - 1, 0)].text != ","):
            return None
        # 'as a video showed', 'when he said': a subordinate clause, not an attribution of its head.
        if any(c.dep_ in ("mark", "advmod") and c.i < verb.i and c.tag_ in ("IN", "WRB") for c in verb.children):
            return None
        i, j = head.left_edge.i, head.right_edge.i
        if verb.right_edge.i >= j:
            j = left - 1
        if j - i < 2:
            return None
        start, end = _chars(doc, i, j)
        return self._found(doc, start, end, "parataxis", cue, verb, subj)

    # -- according to, noun cues ------------------------------------------------------------------------------------
    def according_to(self, doc: Doc) -> list[Found]:
        out: list[Found] = []
        for tok in doc:
            if tok.lower_ != "according" or tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
                continue
            to = doc[tok.i + 1]
            pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
            if pobj is None:
                continue
            phrase = (tok.i, pobj.right_edge.i)
            head = tok.head if tok.head is not tok else to.head
            sent_start, sent_end = self.sent[tok.i]
            i, j = (head.left_edge.i, head.right_edge.i) if head.i != tok.i else (sent_start, sent_end - 1)
            f = self._around(doc, i, j, phrase, "according")
            if f is not None:
                f.start, f.end = _clip(self.text, f.start, f.end, tok.idx)
                f.cue = (tok.idx, to.idx + len(to.text))
                f.cue_i = tok.i
                f.speaker = _mention(pobj)
                out.append(f)
        return out

    @staticmethod
    def _around(doc: Doc, i: int, j: int, phrase: tuple[int, int], rule: str) -> Found | None:
        """Content = the clause around a cue phrase: the side that holds the clause, or both when it sits inside."""
        pi, pj = phrase
        before = pi - i
        after = j - pj
        if before >= 3 and after >= 3:
            start, end = _chars(doc, i, j)
        elif before >= after and before >= 2:
            start, end = _chars(doc, i, pi - 1)
        elif after >= 2:
            start, end = _chars(doc, pj + 1, j)
        else:
            return None
        return Found(start, end, rule) if end - start >= 3 else None

    def noun_cues(self, doc: Doc) -> list[Found]:
        out: list[Found] = []
        for tok in doc:
            low = tok.lower_
            if tok.pos_ != "NOUN":
                continue
            owner = next((c for c in tok.children if c.dep_ == "poss"), None)
            if owner is None:
                continue
            if low in self.lex.nouns:
                clause = next((c for c in tok.children if c.dep_ in ("acl", "ccomp") and self._that_clause(c)), None)
                if clause is not None:
                    start, end = _chars(doc, clause.left_edge.i, clause.right_edge.i)
                    f = Found(start, end, "noun", self.lex.nouns[low], (tok.idx, tok.idx + len(tok.text)), tok.i)
                    f.speaker = _mention_without(owner)
                    out.append(f)
                    continue
            if low in self.lex.opinion_frames and tok.dep_ == "pobj" and tok.head.lower_ in ("in", "to"):
                prep = tok.head
                head = prep.head
                framed = self._around(doc, head.left_edge.i, head.right_edge.i, (prep.i, tok.right_edge.i), "noun")
                if framed is not None:
                    framed.cue, framed.cue_i, framed.meaning = (prep.idx, tok.idx + len(tok.text)), tok.i, "hedged"
                    framed.speaker = _mention_without(owner)
                    out.append(framed)
        return out

    @staticmethod
    def _that_clause(clause: Token) -> bool:
        return any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)

    # -- nesting ----------------------------------------------------------------------------------------------------
    @staticmethod
    def outermost(doc: Doc, found: list[Found]) -> list[Found]:
        kept = [f for f in found if f.rule != "relayed"]
        out: list[Found] = []
        for f in kept:
            inside = False
            for g in kept:
                if g is f or f.cue is None:
                    continue
                g_inside_f = g.cue is not None and f.start <= g.cue[0] and g.cue[1] <= f.end
                if g.start <= f.cue[0] and f.cue[1] <= g.end and not g_inside_f:
                    inside = True
                    break
            if inside:
                continue
            # Two rules reading the same clause: keep the first (quotes before verbs before phrases).
            if any(_iou((f.start, f.end), (g.start, g.end)) >= 0.6 for g in out):
                continue
            out.append(f)
        return sorted(out, key=lambda f: f.start)


def _close_quotes(text: str, f: Found, quotes: list[Quote]) -> None:
    """A content never stops inside a quotation, and 'said she has one quality: "Steadiness."' takes the quote."""
    for q in quotes:
        if q.start >= f.end and not (f.cue is not None and f.cue[1] <= f.start):
            break
        ends_inside = q.start < f.end < q.end and "\n" not in text[f.end : q.end]
        colon_quote = q.start >= f.end and text[f.end : q.start].strip() == ":"
        if ends_inside or colon_quote:
            f.end = q.end
        elif q.start >= f.end:
            break


def _split_names(text: str) -> list[str]:
    """'RIA Novosti and TASS' -> ['RIA Novosti', 'TASS']."""
    return [p for p in re.split(r"\s*,\s*|\s+and\s+|\s*&\s*", text) if p]


def _segment_start(verb: Token, sent_start: int) -> int:
    """Index just after the last comma before the cue within its sentence (the sentence start if none)."""
    doc = verb.doc
    start = sent_start
    for k in range(verb.i - 1, start - 1, -1):
        if doc[k].text == ",":
            return k + 1
    return start


def _mention_without(owner: Token) -> tuple[int, int]:
    """A possessor's mention without its "'s"."""
    i, j = _mention(owner)
    doc = owner.doc
    while j - 1 > i and doc[j - 1].dep_ == "case":
        j -= 1
    return i, j


def _iou(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = (a[1] - a[0]) + (b[1] - b[0]) - inter
    return inter / union if union else 0.0
