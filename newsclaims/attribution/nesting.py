"""Merging: contents never stop inside a quotation, and only the outermost attribution of a nest is kept."""

from __future__ import annotations

import re

from .base import QUOTE_CHARS, Found, iou
from .lexicon import lexicon
from .quotes import Quote

# Two readings sharing 60% of their characters are the same clause read twice (a quote rule and a verb rule on
# one sentence); below that they are usually two statements that touch, and both are kept.
SAME_CLAUSE_IOU = 0.6


def outermost(found: list[Found]) -> list[Found]:
    """Drop a statement whose cue lies inside another's content (the outer claim is the one a reader sees) and
    a second reading of the same clause; relayed reporters already live on as ``via`` of the inner statement."""
    kept = [f for f in found if f.rule != "relayed"]
    out: list[Found] = []
    for f in kept:
        inside = False
        for g in kept:
            # Every pair is visited: the cheap test that rules most of them out comes first.
            if g is f or f.cue is None or not (g.start <= f.cue[0] and f.cue[1] <= g.end):
                continue
            g_inside_f = g.cue is not None and f.start <= g.cue[0] and g.cue[1] <= f.end
            # '"A," she said, referring to B. "C."': a cue in the frame between two quotes is not in their content.
            in_gap = any(a <= f.cue[0] and f.cue[1] <= b for a, b in g.gaps)
            # '"A?" she said, but B, and C said D' misread as one content from 'she said' on: a statement whose own
            # content lies wholly outside the other's is not nested in it, whatever the parser made of its frame.
            apart = f.end <= g.start or f.start >= g.end
            if not g_inside_f and not in_gap and not apart:
                inside = True
                break
        if inside:
            continue
        # Two rules reading the same clause: keep the first (quotes before verbs before phrases).
        # Only overlapping pairs can share a clause: the overlap test rules out the rest without computing a ratio.
        if any(
            g.start < f.end and f.start < g.end and iou((f.start, f.end), (g.start, g.end)) >= SAME_CLAUSE_IOU
            for g in out
        ):
            continue
        out.append(f)
    return sorted(out, key=lambda f: f.start)


def close_quotes(text: str, f: Found, quotes: list[Quote]) -> None:
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


_SENTENCE_BREAK = re.compile(r"[.!?]\s+(?=\S)")
_SAYING_PARTICIPLES = frozenset(
    form for form, cue in lexicon().verbs.items() if form.endswith("ing") and "c" in cue.frames
)


_NEXT_ACT = re.compile(r",\s+(?:then\s+)?going\s+on\s+to\b")


def frame_between(text: str, end: int, start: int, cue: tuple[int, int]) -> bool:
    """``text[end:start]``, the stretch between two quotations, is one sentence (or clause) holding the first
    one's cue and nothing else said: '"A," said X, a long description of X. "B."'."""
    between = text[end:start]
    if "\n" in between or not (end <= cue[0] and cue[1] <= start):
        return False
    body = between.strip()
    # An apostrophe inside a word ('the institute's station') is not a quotation mark.
    if any(
        ch in QUOTE_CHARS and not (0 < k < len(body) - 1 and body[k - 1].isalpha() and body[k + 1].isalpha())
        for k, ch in enumerate(body)
    ):
        return False
    # '"A," she said, adding, "B."': a participle of saying before the second quote introduces a statement of its own.
    if any(w.strip(",;:").lower() in _SAYING_PARTICIPLES for w in body.split()[-4:]):
        return False
    # '"A," she said, going on to compare the plans. "B."': the speaker's next act, announced after the cue, and
    # '"A," she said, proposing tests, including: "B?"': the frame itself leads in the second quotation.
    if _NEXT_ACT.match(text[cue[1] : start]) or body.split()[-1].strip(",;:").lower() == "including":
        return False
    # It may end with a full stop but starts no other sentence before that ('Mr.', 'U.S.' and initials are
    # abbreviations, not sentence ends).
    for m in _SENTENCE_BREAK.finditer(body):
        word = body[: m.start()].split()[-1:] or [""]
        if not (len(word[0]) <= 3 and word[0][:1].isupper()) and "." not in word[0]:
            return False
    return True


def resume_quotations(text: str, found: list[Found], quotes: list[Quote]) -> list[Found]:
    """'The repairs are "far behind," says X, a director of Y. "Nobody has told us."': a content that ends on a
    quotation, followed by its own cue clause and a new quotation, goes on in that quotation (one statement, the
    frame recorded as a gap).  Statements read inside the resumed quotation are the same words and are dropped."""
    absorbed: list[tuple[int, int]] = []
    for f in found:
        if f.rule == "quote" or f.cue is None or f.cue[0] < f.end or text[f.end - 1 : f.end] not in QUOTE_CHARS:
            continue
        nxt = next((q for q in quotes if q.start >= f.cue[1]), None)
        if nxt is None or not frame_between(text, f.end, nxt.start, f.cue):
            continue
        # A quotation with a cue of its own ('"B," she added') is a statement of its own.
        if any(g.rule == "quote" and g.start <= nxt.start < g.end and g.cue is not None for g in found):
            continue
        f.gaps.append((f.end, nxt.start))
        f.end = nxt.end
        absorbed.append((nxt.start, nxt.end))
    return [g for g in found if not any(a <= g.start and g.end <= b for a, b in absorbed)]
