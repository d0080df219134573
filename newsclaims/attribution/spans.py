"""Boundaries of an unquoted content: trailing stretches the writer adds for the reader, not what was said.

Run after nesting (like ``ReportedRules.without_gloss``): a statement whose cue a trim leaves outside every content
then stands on its own again (``Rules.run``).
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from .base import QUOTE_CHARS, SUBJ_DEPS, Context, Found, RuleBase, end_before, has_quote_mark, unquoted_content
from .quotes import Quote

# 'said A, although B': a concession set off after the content is the writer's caveat on it ('even though' is not:
# it goes on with the speaker's own argument).
_CONCESSIVE = frozenset({"although", "though"})


def without_concession(ctx: Context, f: Found) -> None:
    """'The storm, the bureau said, was the worst in years, although the damage is still being counted': a clause
    opened by 'although' after a comma that closes an unquoted content is the writer's caveat, not part of the claim."""
    found = unquoted_content(ctx, f, 6)
    if found is None or f.cue is None:
        return
    (span, last), doc = found, ctx.doc
    for t in span[3:]:
        if t.lower_ not in _CONCESSIVE or t.dep_ != "mark" or doc[t.i - 1].text != ",":
            continue
        clause = t.head
        if clause.right_edge.i != last or clause.i < t.i or f.cue[0] > doc[t.i - 1].idx:
            continue
        end_before(ctx, f, doc[t.i - 1].idx)
        return


def into_quotation(rules: RuleBase, ctx: Context, f: Found, quotes: list[Quote]) -> None:
    """'said she hoped to reach "every worried parent" and give them "a fair hearing."': the parser ends a
    content after its cue at a conjunct, but when the rest of the sentence goes on into a quotation, with no cue
    of its own, the speaker's words run to the end of the sentence (mid-sentence only through a conjunct or the
    quotation itself: ', including X -- "..."' elaborates)."""
    if f.rule != "verb" or f.cue is None or f.cue_i is None or f.cue[1] > f.start:
        return
    doc, text = ctx.doc, ctx.text
    sent_end = ctx.sent[f.cue_i][1]
    last = sent_end - 1
    while last > f.cue_i and (doc[last].is_space or (doc[last].is_punct and doc[last].text not in QUOTE_CHARS)):
        last -= 1
    stop = doc[last].idx + len(doc[last].text)
    if stop <= f.end or "\n" in text[f.end : stop]:
        return
    tail = text[f.end : stop].lstrip()
    if not (tail[:1] in QUOTE_CHARS or tail[:1] == "," or tail.split(" ", 1)[0] in ("and", "but")):
        return
    inside = [q for q in quotes if f.end <= q.start < stop]
    if not inside:
        return
    if inside[-1].end < stop - 1 and not re.match(r",?\s*(?:and\b|but\b|[\"'\u201c\u2018])", tail):
        return
    for t in doc[f.cue_i + 1 : last + 1]:
        if t.idx < f.end or any(q.start <= t.idx < q.end for q in inside):
            continue
        if rules.verb_cue(t) is not None and (t.dep_ not in ("xcomp", "ccomp") or doc[t.i - 1].text == ","):
            return  # 'said A, and the mayor called it "a sham"': a statement of its own ('let them know' is not)
    f.end = stop


# 'However, the bridge will close, engineers said': a connective opening the sentence links it to the writer's
# previous one; it is not part of the claim.
_CONNECTIVES = (
    "however",
    "still",
    "meanwhile",
    "moreover",
    "instead",
    "nevertheless",
    "nonetheless",
    "indeed",
    "furthermore",
    "additionally",
    "in addition",
    "in fact",
    "by contrast",
    "in contrast",
    "on the other hand",
)


def without_connective(ctx: Context, f: Found) -> None:
    """'However, the ferry will not run, the council said': drop a connective and its comma from the start of an
    unquoted content."""
    text = ctx.text
    head = text[f.start : f.start + 20].lower()
    for word in _CONNECTIVES:
        if head.startswith(word + ","):
            start = f.start + len(word) + 1
            # 'Still, the board said, the pool will reopen': the frame after the connective is a gap; skip it too.
            for gap in [g for g in f.gaps if g[0] <= start < g[1]]:
                f.gaps.remove(gap)
                start = gap[1]
            while start < f.end and text[start].isspace():
                start += 1
            if f.end - start >= 3 and text[start] not in QUOTE_CHARS:
                f.start = start
            return


def before_next_cue(rules: RuleBase, verb: Token, i: int, j: int) -> int:
    """'tweeted that the deal was "a con" and urged fans to boycott it', 'called on drivers to stay calm and called
    on the mayor to resign': the parser hangs the speaker's next act of speech (a coordinated cue with no subject of
    its own and a complement of its own) inside the first content; that act is a statement of its own, so the
    content ends before its conjunction.  A negative cue ('and refused to drop it') goes on with the first act."""
    doc = verb.doc
    for t in doc[max(i, verb.i + 1) : j + 1]:
        if t.dep_ != "conj" or t.i <= i + 1 or not (i <= t.head.i <= j or t.head.i == verb.i):
            continue
        cue = rules.verb_cue(t)
        if cue is None or cue.meaning == "negative" or not cue.frames & {"c", "x", "p"}:
            continue
        if doc[t.left_edge.i - 1].lower_ in ("or", "nor"):
            continue  # 'declined to fault them or even name X': an alternative within the same content
        if t.head.i != verb.i and any(c.dep_ in SUBJ_DEPS for c in t.head.children):
            continue  # 'said he rated them and talked about X': the content's own subject did both
        children = list(t.children)
        if any(c.dep_ in SUBJ_DEPS for c in children):
            continue
        if not any(c.dep_ in ("ccomp", "xcomp") or (c.dep_ in ("prep", "prt") and c.i == t.i + 1) for c in children):
            continue
        k = t.left_edge.i - 1
        while k > i and (doc[k].is_punct or doc[k].dep_ == "cc" or doc[k].is_space):
            k -= 1
        return k
    return j


_TIME_LABELS = ("DATE", "TIME")


def without_trailing_time(ctx: Context, f: Found) -> None:
    """'called the mayor a "disgrace" Wednesday': a bare day or date after an object content (no clause of its own)
    dates the act of saying, even where the parser hangs it on the object's last noun as an apposition.  A clause
    keeps its own time ('said the bridge would open Friday')."""
    if f.rule == "quote" or f.cue is None or f.cue[1] > f.start:
        return
    doc = ctx.doc
    span = doc.char_span(f.start, f.end, alignment_mode="expand")
    if span is None or len(span) < 3:
        return
    if any(t.pos_ in ("VERB", "AUX") and (t.head.i == t.i or not span.start <= t.head.i < span.end) for t in span):
        return
    last = span.end - 1
    while last > span.start and (doc[last].is_punct or doc[last].is_space) and doc[last].text not in QUOTE_CHARS:
        last -= 1
    k = last
    while k > span.start and doc[k].ent_type_ in _TIME_LABELS and doc[k].dep_ in ("appos", "npadvmod", "compound"):
        k -= 1
    if k == last or k <= span.start or doc[last].dep_ not in ("appos", "npadvmod") or doc[k + 1].ent_iob_ != "B":
        return
    if not (doc[k].text in QUOTE_CHARS or doc[k].pos_ in ("NOUN", "PROPN")):
        return  # 'this past weekend', 'earlier this month': only a whole date set off after the object's last word
    end = doc[k].idx + len(doc[k].text)
    if end - f.start >= 3:
        f.end = end


# ' -- who ...', ' — which ...': a relative clause set off by a single dash at the end of a content.
_DASH_RELATIVE = re.compile(r"\s(?:\u2014|\u2013|--|-)\s+(?:which|who|whom|whose)\b")
_DASH = re.compile(r"\s(?:\u2014|\u2013|--|-)\s")


def without_dash_aside(ctx: Context, f: Found) -> None:
    """'endorsed the senator -- who cited her years in office': a relative clause the writer sets off with a dash
    after an unquoted content is the writer's gloss on its last noun, not the claim.  A pair of dashes ('X -- which
    is Y -- fell') encloses an aside inside the claim, which goes on after it."""
    text = ctx.text
    if f.rule == "quote" or f.cue is None or f.cue[1] > f.start:
        return
    seg = text[f.start : f.end]
    hits = list(_DASH_RELATIVE.finditer(seg))
    if not hits:
        return
    m = hits[-1]
    if _DASH.search(seg, m.end()) or has_quote_mark(seg[m.start() :]):
        return
    end = f.start + m.start()
    while end > f.start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    if end - f.start >= 3:
        f.end = end


# ', the latest chapter in ...', ' -- a sign of ...': a noun phrase that sums up the act just reported.
_SUMMARY = re.compile(
    r"(?:,|\s(?:\u2014|\u2013|--))\s+(?:a|an|the latest|another|yet another)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:move|step|sign|signal|chapter|reversal|blow|rebuke|metaphor|nod|gesture|twist|swipe|jab|turnabout)\b"
)


def without_summary(ctx: Context, f: Found) -> None:
    """'is backing the senator's bid, the latest step in a long feud', 'dismissed the town as a suburb --
    a metaphor for X': a noun phrase set off after an unquoted content that names what the act amounts to is the
    writer's comment on the act, not part of what was said."""
    text = ctx.text
    if f.rule == "quote" or f.cue is None or f.cue[1] > f.start:
        return
    seg = text[f.start : f.end]
    m = _SUMMARY.search(seg)
    if m is None or m.start() < 3 or any(ch in '"\u201c\u201d\u00ab\u00bb' for ch in seg[m.start() :]):
        return  # (an apostrophe in 'the party's drift' is no quotation)
    end_before(ctx, f, f.start + m.start())


# ', implicitly putting X on the line': a participle the writer's adverb marks as a reading of the act.
_READING = re.compile(r",\s+(?:implicitly|effectively|essentially|in effect|tacitly|thereby)\s+\w+ing\b")


def without_reading(ctx: Context, f: Found) -> None:
    """'told the crowd he would take it as an insult, implicitly staking his name on it': a comma-set participle
    after an unquoted content, introduced by an adverb of interpretation, is the writer's reading of what the act
    amounts to, not more of what was said."""
    if f.rule == "quote" or f.cue is None or f.cue[1] > f.start:
        return
    m = _READING.search(ctx.text, f.start, f.end)
    if m is not None and m.start() - f.start >= 3:
        end_before(ctx, f, m.start())


def without_voiced_relative(rules: RuleBase, ctx: Context, f: Found) -> None:
    """'backed the levy, which the mayor said would pay for the pool', 'cut the fee, amounting to what critics called
    a bribe': a clause set off by a comma at the end of an unquoted content that carries a speaker and cue of its own
    is another statement about the content's last noun, not part of the claim."""
    if f.rule == "quote" or f.cue is None or f.cue[1] > f.start:
        return
    doc, text = ctx.doc, ctx.text
    if has_quote_mark(text[f.start : f.end]):
        return
    span = doc.char_span(f.start, f.end, alignment_mode="expand")
    if span is None or len(span) < 6:
        return
    last = span.end - 1
    while last > span.start and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    for t in span:
        set_off = t.dep_ == "relcl" or (t.dep_ == "advcl" and t.tag_ == "VBG")
        k = t.left_edge.i - 1
        if not set_off or t.right_edge.i != last or k <= span.start + 2 or doc[k].text != ",":
            continue
        voiced = any(
            cue is not None
            and "c" in cue.frames
            and any(c.dep_ in SUBJ_DEPS and c.tag_ not in ("WDT", "WP") for c in u.children)
            for u in t.subtree
            if u.pos_ in ("VERB", "AUX")
            for cue in (rules.verb_cue(u),)
        )
        if voiced:
            f.end = doc[k - 1].idx + len(doc[k - 1].text)
            return


def without_appositive(ctx: Context, f: Found) -> None:
    """'said he would not back Mr. Dorne, the party's nominee', 'say the money is better spent with Unicef, the
    children's fund that runs the clinics': a noun phrase set off by a comma that closes a reported clause, in
    apposition to a name, tells the reader who or what that name is; it is the writer's gloss, not the claim.
    Only after a name in a tensed clause: an object content ('criticized Ana Ruiz, the coach') keeps its phrase,
    and 'Tulsa, Oklahoma' is one place."""
    if f.gaps or f.cue is None or f.cue[1] > f.start:
        return
    found = unquoted_content(ctx, f, 5)
    if found is None:
        return
    (span, last), doc = found, ctx.doc
    if not any(t.tag_ in _FINITE for t in span):
        return
    for t in span[2:]:
        if t.dep_ != "appos" or t.right_edge.i != last or t.head.i >= t.i or t.head.dep_ in SUBJ_DEPS:
            continue
        comma = doc[t.left_edge.i - 1]
        named = t.head.pos_ == "PROPN" and t.pos_ != "PROPN" and t.ent_type_ not in ("GPE", "LOC")
        if named and comma.text == "," and comma.i > span.start + 1:
            end_before(ctx, f, comma.idx)
        return


# Tags of a tensed verb or modal: the content is a clause of its own.
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})


def through_including(ctx: Context, f: Found) -> None:
    """'condemned the raid, including the arrests at the port': an 'including' phrase set off right after an
    unquoted content names part of what the content names, so it belongs to the claim (the parser hangs it on the
    cue, where the content stops)."""
    if f.rule == "quote" or f.cue is None or f.cue[1] > f.start:
        return
    text, doc = ctx.text, ctx.doc
    m = _INCLUDING.match(text, f.end)
    if m is None or "same" in text[f.start : f.end].lower().split():
        return  # 'said the same thing, including X': an anaphoric content; 'including' lists who else said it
    span = doc.char_span(m.end() - len("including"), m.end())
    if span is None:
        return
    tok = span[0]
    if tok.dep_ != "prep" or tok.head.i > tok.i:
        return
    last = tok.right_edge
    if f.cue_i is None or ctx.sent[tok.i] != ctx.sent[f.cue_i]:
        return
    f.end = max(f.end, last.idx + len(last.text))


_INCLUDING = re.compile(r",\s+including\b")


# ', more than twice what it forecast', ', half a point less than in July': a comparison set off after a figure.
_COMPARISON = re.compile(r",\s+(?:(?:\w+\s+){0,4})(?:more|less|fewer)\s+than\b[^,;:]*$")


def without_comparison(ctx: Context, f: Found) -> None:
    """'said output would grow 2 percent, more than twice what it forecast in May': a comparison set off by a comma
    after the content's last figure is the writer's yardstick for the figure, not part of the claim."""
    if f.rule == "quote" or f.cue is None:
        return
    seg = ctx.text[f.start : f.end]
    if has_quote_mark(seg):
        return
    m = _COMPARISON.search(seg)
    if m is not None and m.start() >= 3:
        f.end = f.start + m.start()


def back_over_paragraph(rules: RuleBase, ctx: Context, f: Found, found: list[Found]) -> None:
    """'The bakery opens at five. Its ovens run on wind. Each loaf uses local flour, Ortiz said.': a paragraph whose
    last sentence closes on its cue is one account; the sentences before it in the paragraph, with no cue, quotation
    or statement of their own, are what the speaker said too.  A bare anaphor ('That worries him') stays alone."""
    if f.rule not in ("verb", "final") or f.cue is None or f.cue_i is None or f.cue[0] < f.end:
        return
    if len(ctx.text[f.start : f.end].split()) < 3:
        return
    doc, text = ctx.doc, ctx.text
    s0, s1 = ctx.sent[f.cue_i]
    if doc[s0].idx < f.start - 2 or has_quote_mark(text[f.start : f.end]):
        return
    if s1 < len(doc) and "\n" not in text[doc[s1 - 1].idx : doc[s1].idx + 1]:
        return  # the paragraph goes on after the cue: the account does not close on it
    start = f.start
    i = s0
    while i > 0:
        p0, p1 = ctx.sent[i - 1]
        seg = text[doc[p0].idx : doc[p1 - 1].idx + len(doc[p1 - 1].text)]
        gap = text[doc[p1 - 1].idx + len(doc[p1 - 1].text) : doc[i].idx]
        if "\n" in gap or "\n" in seg or has_quote_mark(seg):
            break
        if any(rules.verb_cue(t) is not None for t in doc[p0:p1]):
            break
        if not any(t.pos_ in ("VERB", "AUX") for t in doc[p0:p1]):
            break  # 'NORTH FALLS, Ont. --': a dateline, not a sentence
        if any(g is not f and g.start < doc[p1 - 1].idx + 1 and g.end > doc[p0].idx for g in found):
            break
        start = doc[p0].idx
        i = p0
    f.start = start
