"""Shared pieces of the attribution rules: the ``Found`` record, span helpers and the rule-set base class.

Everything here works in Doc coordinates (token indexes, character offsets into ``doc.text``).  The rule
families live in their own modules (``direct``, ``reported``, ``phrases``, ``nesting``) and are combined in
``rules.Rules``.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from itertools import pairwise

import numpy
from spacy.attrs import SENT_START
from spacy.tokens import Doc, Span, Token

from .lexicon import Lexicon, VerbCue, lexicon
from .speaker_words import words
from .types import CueMeaning
from .wordindex import indexes_of, lower_forms, word_index

SUBJ_DEPS = ("nsubj", "nsubjpass", "csubj")
# A dateline: a place in capitals, maybe a region ('NORTH FALLS, Ont.'), maybe an agency in brackets, then a dash.
_DATELINE = re.compile(
    r"[A-Z][A-Z.' -]{2,40}(?:, [A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?)?(?: \([^)\n]{1,30}\))? ?(?:--|\u2014|\u2013|-) "
)
_LINKING = frozenset({"and", "but", "yet", "so", "or", "nor"})
QUOTE_CHARS = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e\u2039\u203a`"
_QUOTE_MARKS = frozenset(QUOTE_CHARS)
# Inherit a subject up these relations: "Chaffetz said ..., adding that ..." -> Chaffetz adds.
_SUBJECT_FROM_HEAD = ("conj", "advcl", "xcomp", "ccomp", "pcomp")
# Prepositions whose gerund shares the main verb's subject: 'began by saying', 'apologised after saying'.
_GERUND_PREPS = frozenset({"by", "for", "after", "before", "of"})
# 'steered clear of criticizing', 'decided against recommending': prepositions after which any cue's gerund shares the
# main verb's subject.
_STANCE_GERUND_PREPS = frozenset({"of", "against"})
# A document can accuse or deny ('the report accused the agency of ...'): the more specific meaning wins.
_KEEPS_MEANING: frozenset[CueMeaning] = frozenset({"accusation", "denial", "negative", "intention"})


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
    # Unquoted stretches inside a direct quotation that only frame it ('"A," he said. "B."'): not content words.
    gaps: list[tuple[int, int]] = field(default_factory=list)
    # 'officials said on condition of anonymity': the cue's own adjunct makes the speaker anonymous.
    anonymous: bool = False


def has_quote_mark(text: str) -> bool:
    """Whether any character of ``text`` is a quotation mark: one pass in C, where contents are checked whole."""
    return not _QUOTE_MARKS.isdisjoint(text)


def token_chars(doc: Doc, i: int, j: int) -> tuple[int, int]:
    """Character span of tokens [i, j] (inclusive) with punctuation and spaces trimmed, quote marks kept."""
    while i < j and (
        doc[i].is_space
        or (doc[i].is_punct and doc[i].text not in QUOTE_CHARS)
        or (doc[i].lower_ == "that" and doc[i].dep_ == "mark")
        # 'But the dam will not hold, engineers said': the conjunction links to the previous sentence, not a claim
        or (doc[i].dep_ == "cc" and doc[i].lower_ in _LINKING and doc[i].head.i > i)
    ):
        i += 1
    # 'A, and when asked ..., B replied': a content the parser ends before a conjunct never ends on the conjunction.
    while j > i and (
        doc[j].is_space
        or (doc[j].is_punct and doc[j].text not in QUOTE_CHARS)
        or (doc[j].dep_ == "cc" and doc[j].lower_ in ("and", "but", "or"))
    ):
        j -= 1
    return doc[i].idx, doc[j].idx + len(doc[j].text)


def clip(text: str, start: int, end: int, anchor: int) -> tuple[int, int]:
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
    if start == 0 or text[start - 1] == "\n":
        dateline = _DATELINE.match(text, start, end)
        if dateline is not None:
            start = dateline.end()  # 'KESTREL BAY -- The harbour ...': the place line is the newsroom's, not the claim
    while start < end and (
        text[start].isspace() or (text[start] in QUOTE_CHARS and text[start + 1 : start + 2].isspace())
    ):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def mention(tok: Token) -> tuple[int, int]:
    """The speaker phrase as written: the subject's subtree, minus trailing punctuation."""
    i, j = tok.left_edge.i, tok.right_edge.i
    doc = tok.doc
    while j > i and (doc[j].is_punct or doc[j].is_space):
        j -= 1
    while i < j and (doc[i].is_punct or doc[i].is_space):
        i += 1
    return i, j + 1


def quoting_passive(verb: Token) -> Token | None:
    """'X was quoted by Reuters as saying ...': the passive 'quoted' when ``verb`` is its 'as saying'."""
    if verb.dep_ != "pcomp" or verb.head.lower_ != "as":
        return None
    passive = verb.head.head
    if passive.tag_ != "VBN" or passive.lower_ not in lexicon().quoting_passives:
        return None
    return passive if any(c.dep_ == "nsubjpass" for c in passive.children) else None


def subject_before(head: Token, limit: int) -> Token | None:
    """The grammatical subject of ``head`` written before token ``limit``: the holder of a clause's claim, without
    ``subject_of``'s agents, quoting passives and subjects borrowed from other verbs."""
    return next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < limit), None)


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    passive = quoting_passive(verb) if depth == 0 else None
    if passive is not None:
        return next(c for c in passive.children if c.dep_ == "nsubjpass")
    subjects = [c for c in verb.children if c.dep_ in SUBJ_DEPS]
    if len(subjects) > 1:
        # Two subjects are a misparse: 'the reasons that Okafor gives' makes the relative word one, 'The Latest:
        # Okafor urges ...' the live blog's label before the colon, 'THE VOTE Later, Okafor said' a section's
        # lead-in, '"... Calm down," said Okafor' the quotation's last words; the other one is the speaker.
        named = [c for c in subjects if not _relative_or_label(c) and not _quoted_before(c, verb)]
        if named and len(named) < len(subjects):
            return named[0]
    for child in verb.children:
        if child.dep_ in SUBJ_DEPS:
            return child
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj
    prep = verb.head
    if depth < 3 and verb.dep_ == "pcomp" and verb.tag_ == "VBG" and prep.lower_ in _GERUND_PREPS and _says(verb):
        # 'answered the critics by saying ...', 'was criticised for saying ...': the main verb's subject said it;
        # after 'for' and 'of' an object of the main verb is the one who said it ('praised the clerk for saying').
        main = prep.head
        # 'appeared for her role in X and for saying Y': a coordinated preposition, hung on the first one or on the
        # verb itself, completes the same verb.
        if prep.dep_ == "conj" and main.dep_ == "prep":
            main = main.head
        tied = prep.dep_ == "prep" or (prep.dep_ == "conj" and main.i < prep.i)
        judged = prep.lower_ in ("for", "of") and any(c.dep_ == "dobj" for c in main.children)
        if tied and main.pos_ in ("VERB", "AUX") and not judged:
            return subject_of(main, depth + 1)
        return None
    if depth < 3 and verb.dep_ == "pcomp" and verb.tag_ == "VBG" and prep.lower_ in _STANCE_GERUND_PREPS:
        # 'steered clear of criticizing X', 'decided against recommending X': any cue, not only a verb of saying,
        # is done by the subject of the verb the preposition completes ('accused the clerk of backing X': the clerk's).
        main = prep.head
        if main.dep_ in ("advmod", "acomp") and main.pos_ in ("ADV", "ADJ"):
            main = main.head  # 'steered clear of', 'stopped short of', 'was wary of'
        judged = any(c.dep_ == "dobj" for c in main.children)
        if prep.dep_ == "prep" and main.pos_ in ("VERB", "AUX") and main.i < prep.i and not judged:
            return subject_of(main, depth + 1)
    adjective = verb.head
    controls = adjective.dep_ == "acomp" and adjective.lower_ in lexicon().control_adjectives
    if depth < 3 and verb.dep_ == "xcomp" and controls:
        # 'was able to tout X', 'seemed eager to praise X': the copula's subject does what the adjective governs.
        return subject_of(adjective.head, depth + 1)
    if depth < 3 and verb.dep_ in _SUBJECT_FROM_HEAD and verb.head.i != verb.i and verb.head.pos_ in ("VERB", "AUX"):
        if verb.dep_ in ("ccomp", "pcomp") and verb.i > verb.head.i:
            return None
        return subject_of(verb.head, depth + 1)
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
        issuer = _issuer(verb.head) if depth < 3 else None
        return subject_of(issuer, depth + 1) or verb.head if issuer is not None else verb.head
    return None


def _relative_or_label(tok: Token) -> bool:
    doc = tok.doc
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if (tok.lower_ in ("that", "which") and tok.tag_ == "WDT") or (nxt is not None and nxt.text == ":"):
        return True
    # 'THE BORROWING Back when ..., Okafor said': a section's lead-in in capitals opening the paragraph.
    lo = tok.left_edge.i
    words = [t for t in doc[lo : tok.i + 1] if t.is_alpha]
    opens = lo == 0 or "\n" in doc[lo - 1].text_with_ws
    return opens and bool(words) and all(t.is_upper and len(t) > 1 for t in words)


def _quoted_before(tok: Token, verb: Token) -> bool:
    """'"... Full panic mode," said Okafor': the parser takes the quotation's last words as a subject too."""
    return tok.i < verb.i and any(t.text in QUOTE_CHARS for t in tok.doc[tok.i + 1 : verb.i])


def _issuer(noun: Token) -> Token | None:
    """'sent a letter to the board opposing X', 'unleashed a string of posts criticizing X': a document carrying
    the participle is the channel; the verb that produced it (whose subject is the speaker), else None. So is the
    occasion one spoke at: 'she said at a news conference announcing X' is her announcing it."""
    low = noun.lower_
    if low not in lexicon().document_heads and low not in words().documents and low not in lexicon().channel_nouns:
        return None
    tok = noun
    for _ in range(4):  # up through 'a string of posts' to the verb that governs it
        if tok.dep_ not in ("dobj", "pobj", "prep") or tok.head.i == tok.i:
            return None
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            return tok
    return None


def _says(verb: Token) -> bool:
    """A verb of saying proper, one that takes a that-clause ('saying', 'claiming'); 'by promoting X' is an act."""
    cue = lexicon().verbs.get(verb.lower_)
    return cue is not None and "c" in cue.frames


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """For each token index, the [start, end) token range of its sentence."""
    if not len(doc) or "sents" in doc.user_hooks or not doc.has_annotation("SENT_START"):
        bounds: list[tuple[int, int]] = [(0, len(doc))] * len(doc)
        for sent in doc.sents:
            bounds[sent.start : sent.end] = [(sent.start, sent.end)] * (sent.end - sent.start)
        return bounds
    # Doc.sents' own reading of the marks (a sentence starts where SENT_START is 1), without a Span per sentence.
    starts = [0, *(numpy.flatnonzero(doc.to_array(SENT_START)[1:] == 1) + 1).tolist(), len(doc)]
    bounds = []
    for lo, hi in pairwise(starts):
        bounds += [(lo, hi)] * (hi - lo)
    return bounds


@dataclass(frozen=True, slots=True)
class Context:
    """What the rules read about the one Doc being processed, passed down each call so the long-lived component
    keeps no per-document state.  ``text`` and ``sent`` are computed once: ``Doc.text`` re-joins every token on
    each access and ``Token.sent`` rescans the Doc, which would make the rules quadratic.  ``lower`` lets the
    rules' passes over every word rule a word out before building its Token, and ``words`` takes a pass that
    can only act on listed words straight to them."""

    doc: Doc
    text: str
    sent: list[tuple[int, int]]  # for each token index, its sentence's [start, end) token range
    lower: list[str]  # for each token index, its lowercase form (Token.lower_)
    where: dict[str, list[int]]  # each lowercase form -> the indexes of its tokens, in order
    # ``words``' answers by the identity of the tables asked for, with the tables kept so that no id is reused: the
    # cue verbs' list (over a thousand words) is asked for by three passes.
    asked: dict[tuple[int, ...], tuple[tuple[Collection[str], ...], list[tuple[int, str]]]] = field(
        default_factory=dict
    )

    @classmethod
    def of(cls, doc: Doc) -> Context:
        lower = lower_forms(doc)
        return cls(doc, doc.text, sentence_bounds(doc), lower, word_index(lower))

    def words(self, *tables: Collection[str]) -> list[tuple[int, str]]:
        """``(i, lower[i])`` in token order for the words whose lowercase form is in any of ``tables``: what
        ``enumerate(lower)`` filtered by those tables yields.  About twenty passes read the Doc for a word list
        each; this visits the Doc's distinct words (or the list's, when shorter) instead of every token.  A second
        call with the same tables returns the same list: read it, do not change it."""
        key = tuple(map(id, tables))
        known = self.asked.get(key)
        if known is not None:
            return known[1]
        lower = self.lower
        out = [(i, lower[i]) for i in indexes_of(self.where, tables)]
        self.asked[key] = (tables, out)
        return out


class RuleBase:
    """State shared by the rule families during one pass over a Doc, and the cue-verb test they all use."""

    def __init__(self, lex: Lexicon | None = None) -> None:
        self.lex = lex or lexicon()

    def verb_cue(self, tok: Token) -> VerbCue | None:
        cue = self.lex.verbs.get(tok.lower_)  # the word list first: it rules out almost every token at once
        if cue is None or not tok.tag_.startswith("VB") or tok.dep_ in ("amod", "compound"):
            return None
        # Passive cues make the hearer the subject ("when asked by journalists", "he was told"): not a source.
        if any(c.dep_ == "auxpass" for c in tok.children):
            return None
        # A bare participle ('the plan, criticised by unions, ...') is passive; 'as critics have warned' is perfect.
        if tok.tag_ == "VBN" and tok.dep_ in ("acl", "advcl") and not any(c.dep_ == "aux" for c in tok.children):
            return None
        return cue

    def _found(
        self, ctx: Context, start: int, end: int, rule: str, cue: VerbCue, verb: Token, subj: Token | None
    ) -> Found:
        doc = ctx.doc
        if rule != "quote":
            start, end = clip(ctx.text, start, end, verb.idx)
            end = self.without_channel(ctx, start, end)
        f = Found(start, end, rule, self.meaning_of(cue.meaning, subj), (verb.idx, verb.idx + len(verb.text)), verb.i)
        f.speaker = mention(subj) if subj is not None else None
        if f.speaker is not None and verb.dep_ == "acl" and f.speaker[0] < verb.i < f.speaker[1]:
            # 'neighbours opposing the tower wrote ...': the participle and its object are not the speaker's name
            i, j = f.speaker[0], verb.i
            while j > i + 1 and (doc[j - 1].is_punct or doc[j - 1].is_space):
                j -= 1
            f.speaker = (i, j)
        f.hearer = self._hearer(verb, cue)
        f.anonymous = self._anonymous_adjunct(ctx.text, verb, start, end)
        passive = quoting_passive(verb)
        if passive is not None:  # 'quoted by Reuters as saying': the agent relays the statement
            f.via = [doc[slice(*mention(g))].text for a in passive.children if a.dep_ == "agent" for g in a.children]
        return f

    def without_channel(self, ctx: Context, start: int, end: int) -> int:
        """'described the tower as a waste in a letter', 'said the fund was empty in a radio interview': a trailing
        phrase naming the channel of the statement is the frame, not the content (the parser often hangs it inside)."""
        span = ctx.doc.char_span(start, end, alignment_mode="expand") if start < end else None
        if span is None:
            return end
        for tok in span:
            if (
                tok.dep_ != "prep"
                or tok.lower_ not in ("in", "on", "during", "via", "through", "at")
                or tok.i == span.start
            ):
                continue
            obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
            if obj is None or obj.lower_ not in self.lex.channel_nouns:
                continue
            if any(t.dep_ in ("relcl", "acl") and t.pos_ in ("VERB", "AUX") for t in obj.subtree):
                continue  # 'to take part in interviews, which she was giving when ...': a clause, not a channel
            if tok.right_edge.idx + len(tok.right_edge.text) >= end - 1:
                prev = ctx.doc[tok.i - 1]
                return min(end, prev.idx + len(prev.text))
        return end

    def meaning_of(self, meaning: CueMeaning, source: Token | None) -> CueMeaning:
        """'the report shows', 'polls suggest', 'data indicate': a document or poll as the source makes the claim
        evidence, whatever the verb; accusations and denials keep their own meaning."""
        if source is not None and source.lower_ in self.lex.document_heads and meaning not in _KEEPS_MEANING:
            return "evidence"
        return meaning

    def _anonymous_adjunct(self, text: str, verb: Token, start: int, end: int) -> bool:
        """'said on condition of anonymity', 'said, speaking on condition ...': an adjunct of the cue itself."""
        for child in verb.children:
            if child.dep_ not in ("prep", "advcl", "npadvmod", "advmod"):
                continue
            lo, hi = child.left_edge, child.right_edge
            if lo.idx < end and hi.idx >= start:  # part of the content
                continue
            low = text[lo.idx : hi.idx + len(hi.text)].lower()
            if any(m in low for m in self.lex.anonymous_markers):
                return True
        return False

    def _hearer(self, verb: Token, cue: VerbCue) -> tuple[int, int] | None:
        for child in verb.children:
            # 'said in an interview with CNN': the interviewer hears (and relays) the statement.
            if child.dep_ == "prep" and child.lower_ == "in":
                for noun in child.children:
                    if noun.dep_ == "pobj" and noun.lower_ in self.lex.interview_nouns:
                        for w in noun.children:
                            if w.dep_ == "prep" and w.lower_ == "with":
                                obj = next((g for g in w.children if g.dep_ == "pobj"), None)
                                if obj is not None:
                                    return mention(obj)
        if "t" not in cue.frames:
            return None
        for child in verb.children:
            if child.dep_ in ("dobj", "dative", "iobj") and child.i > verb.i:
                return mention(child)
        return None


def split_names(text: str) -> list[str]:
    """'RIA Novosti and TASS' -> ['RIA Novosti', 'TASS']."""
    return [p for p in re.split(r"\s*,\s*|\s+and\s+|\s*&\s*", text) if p]


def segment_start(verb: Token, sent_start: int) -> int:
    """Index just after the last comma before the cue within its sentence (the sentence start if none)."""
    doc = verb.doc
    start = sent_start
    for k in range(verb.i - 1, start - 1, -1):
        if doc[k].text == ",":
            return k + 1
    return start


def mention_without_case(owner: Token) -> tuple[int, int]:
    """A possessor's mention without its "'s"."""
    i, j = mention(owner)
    doc = owner.doc
    while j - 1 > i and doc[j - 1].dep_ == "case":
        j -= 1
    return i, j


def iou(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = (a[1] - a[0]) + (b[1] - b[0]) - inter
    return inter / union if union else 0.0


def held(
    ctx: Context,
    first: int,
    last: int,
    anchor: int,
    rule: str,
    meaning: CueMeaning,
    cue: tuple[int, int],
    cue_i: int,
    holder: Token | None,
    *,
    shortest: int = 2,
) -> Found | None:
    """Tokens ``first``..``last`` as the content of a stance ``holder`` takes, clipped at the cue (``anchor``, a
    character offset); None when what is left is shorter than ``shortest`` characters."""
    start, end = token_chars(ctx.doc, first, last)
    start, end = clip(ctx.text, start, end, anchor)
    if end - start < shortest:
        return None
    f = Found(start, end, rule, meaning, cue, cue_i)
    f.speaker = mention(holder) if holder is not None else None
    return f


def unquoted_content(ctx: Context, f: Found, shortest: int) -> tuple[Span, int] | None:
    """A content with a cue and no quotation mark, of at least ``shortest`` tokens, and the index of its last token
    before closing punctuation: where the writer's own trailing clauses (a caveat, a gloss) are looked for."""
    if f.rule == "quote" or f.cue is None or has_quote_mark(ctx.text[f.start : f.end]):
        return None
    span = ctx.doc.char_span(f.start, f.end, alignment_mode="expand")
    if span is None or len(span) < shortest:
        return None
    last = span.end - 1
    while last > span.start and ctx.doc[last].is_punct:
        last -= 1
    return span, last


def end_before(ctx: Context, f: Found, at: int) -> None:
    """End ``f``'s content at character ``at``, less the spaces before it."""
    while at > f.start and ctx.text[at - 1].isspace():
        at -= 1
    f.end = at
