"""Boundaries of an unquoted content: trailing stretches the writer adds for the reader, not what was said.

Run after nesting (like ``ReportedRules.without_gloss``), so a statement inside a trimmed stretch stays folded into
the outer one.
"""

from __future__ import annotations

from .base import QUOTE_CHARS, Context, Found

# 'said A, although B': a concession set off after the content is the writer's caveat on it ('even though' is not:
# it goes on with the speaker's own argument).
_CONCESSIVE = frozenset({"although", "though"})


def without_concession(ctx: Context, f: Found) -> None:
    """'The storm, the bureau said, was the worst in years, although the damage is still being counted': a clause
    opened by 'although' after a comma that closes an unquoted content is the writer's caveat, not part of the claim."""
    text = ctx.text
    if f.rule == "quote" or f.cue is None or any(ch in QUOTE_CHARS for ch in text[f.start : f.end]):
        return
    span = ctx.doc.char_span(f.start, f.end, alignment_mode="expand")
    if span is None or len(span) < 6:
        return
    doc, last = ctx.doc, span.end - 1
    while last > span.start and doc[last].is_punct:
        last -= 1
    for t in span[3:]:
        if t.lower_ not in _CONCESSIVE or t.dep_ != "mark" or doc[t.i - 1].text != ",":
            continue
        clause = t.head
        if clause.right_edge.i != last or clause.i < t.i or f.cue[0] > doc[t.i - 1].idx:
            continue
        end = doc[t.i - 1].idx
        while end > f.start and text[end - 1].isspace():
            end -= 1
        f.end = end
        return
