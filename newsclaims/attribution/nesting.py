"""Merging: contents never stop inside a quotation, and only the outermost attribution of a nest is kept."""

from __future__ import annotations

from .base import Found, iou
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
            if g is f or f.cue is None:
                continue
            g_inside_f = g.cue is not None and f.start <= g.cue[0] and g.cue[1] <= f.end
            if g.start <= f.cue[0] and f.cue[1] <= g.end and not g_inside_f:
                inside = True
                break
        if inside:
            continue
        # Two rules reading the same clause: keep the first (quotes before verbs before phrases).
        if any(iou((f.start, f.end), (g.start, g.end)) >= SAME_CLAUSE_IOU for g in out):
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
