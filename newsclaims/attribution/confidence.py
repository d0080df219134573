"""A fitted confidence: the engine's estimate that a statement is right end to end (content and speaker).

Each statement is described by a few dozen features -- the rule that fired, the cue's lemma, meaning and form, how
the speaker was found (a name, a pronoun, a plain noun phrase, none), how its name was reached (as written, a surname
expanded, carried over, a pronoun) and how far back, how often the article names that speaker, distances, quotation
coverage and quotation left over in the paragraph, lengths, and what the sentence holds just before and after the
content -- and scored by two factors: the content is right (a logistic regression plus a small ensemble of boosted
trees) and, given that, the speaker is right (a logistic regression); Platt scaling calibrates their product.  The
weights, trees and Platt parameters are data (``data/confidence.json``: feature names and numbers only), fitted by
``bench/confidence.py`` with cross-validation by article; nothing here is tuned by hand.  This module describes a
statement; ``confidence_model`` scores the descriptions.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from itertools import compress

from spacy.tokens import Doc, Span, Token

from .base import QUOTE_CHARS, Context, Found
from .confidence_model import Features, Model, Tree, load_model
from .confidence_view import DocView
from .layout import Layout
from .lexicon import lexicon

__all__ = ["Features", "Model", "Tree", "doc_view", "features", "load_model"]

# Lengths and distances enter as log(1 + x): the difference between a 5- and a 10-token content matters, the one
# between 60 and 65 tokens does not.
_LOG_FEATURES = (
    *("content_tokens", "sentence_tokens", "cue_distance", "speaker_distance", "sentences_spanned"),
    *("content_commas", "content_verbs", "other_cues_in_sentence", "speaker_tokens", "nested_cues"),
    *("words_before_content", "words_after_content", "doc_tokens", "paragraph_chars"),
    *("doc_statements_per_1k", "same_sentence_statements", "overlapping_statements"),
    *("subtree_outside", "quoted_after", "quoted_before", "antecedent_chars", "persons_nearby"),
    *("name_mentions", "same_speaker_statements"),
)
_KNOTS = (1.0, 2.0, 3.0)
# Each log feature's hinges by name, formatted once: formatting them for every statement costs more than the rest.
_HINGES = {name: tuple((knot, f"{name}>{knot:g}") for knot in _KNOTS) for name in _LOG_FEATURES}


def cue_lemma(doc: Doc, f: Found) -> str:
    """The cue's dictionary form as the lexicon knows it ('told' -> 'tell'); layout cues by their mark."""
    if f.cue_i is None:
        return "colon" if f.rule == "colon" else "dash" if f.rule == "dash" else "none"
    tok = doc[f.cue_i]
    verb = lexicon().verbs.get(tok.lower_)
    if verb is not None:
        return verb.lemma
    return tok.lower_


def speaker_path(doc: Doc, f: Found) -> str:
    """How the speaker mention was found: a name, a pronoun, a relative pronoun, a noun phrase, or none."""
    if f.speaker is None:
        return "none"
    toks = doc[f.speaker[0] : f.speaker[1]]
    if len(toks) == 1 and toks[0].pos_ == "PRON":
        return "relative" if toks[0].lower_ in ("who", "which", "that") else "pronoun"
    if any(t.pos_ == "PROPN" for t in toks):
        return "name"
    return "noun"


def features(
    ctx: Context,
    f: Found,
    record: Mapping[str, object],
    quoted: bytearray,
    others: Sequence[Found] = (),
    layout: Layout | None = None,
    view: DocView | None = None,
) -> Features:
    """The description of one statement the model scores; ``record`` is the component's output for it and
    ``others`` every statement the engine made on the same Doc (this one included).  ``view`` is
    ``doc_view(ctx, quoted, others)``, which a caller describing all of a Doc's statements reads once."""
    doc, text = ctx.doc, ctx.text
    if view is None:
        view = doc_view(ctx, quoted, others)
    x: Features = {"bias": 1.0}
    if others and len(doc):
        # How busy the article and the sentence are with statements: a dense transcript or a sentence read by two
        # rules is where readings compete.
        x["doc_statements_per_1k"] = 1000.0 * len(others) / len(doc)
        if f.cue_i is not None:
            sent = ctx.sent[f.cue_i]
            x["same_sentence_statements"] = float(view.cue_sentences[sent] - view.copies[id(f)])
        x["overlapping_statements"] = float(
            sum(1 for g in others if g is not f and g.start < f.end and f.start < g.end)
        )
    x[f"rule={f.rule}"] = 1.0
    x[f"meaning={f.meaning}"] = 1.0
    x[f"lemma={cue_lemma(doc, f)}"] = 1.0
    path = speaker_path(doc, f)
    x[f"speaker={path}"] = 1.0
    resolved = record.get("speaker_name") is not None
    x["speaker_resolved"] = float(resolved)
    x[f"speaker_kind={record.get('speaker_kind')}"] = 1.0
    x[f"kind={record.get('kind')}"] = 1.0
    x["via"] = float(bool(record.get("via")))
    x["anonymous"] = float(f.anonymous)
    x["gaps"] = float(bool(f.gaps))
    letters = list(map(str.isalnum, text[f.start : f.end]))
    n_letters = sum(letters)
    x["quote_coverage"] = sum(compress(quoted[f.start : f.end], letters)) / n_letters if n_letters else 0.0
    span = doc.char_span(f.start, f.end, alignment_mode="expand")
    first, last = (span.start, span.end - 1) if span is not None and len(span) else (0, 0)
    x["content_tokens"] = float(last - first + 1)
    sent_start = ctx.sent[first][0] if len(doc) else 0
    x["sentences_spanned"] = float(len({ctx.sent[i] for i in range(first, last + 1)})) if len(doc) else 1.0
    anchor = f.cue_i if f.cue_i is not None else first
    a_start, a_end = ctx.sent[anchor] if len(doc) else (0, 0)
    x["sentence_tokens"] = float(a_end - a_start)
    x["content_starts_sentence"] = float(first == sent_start)
    x["content_ends_sentence"] = float(last >= ctx.sent[last][1] - 2 if len(doc) else True)
    if f.cue_i is not None:
        x["cue_after_content"] = float(f.cue_i >= last)
        x["cue_distance"] = float(max(0, first - f.cue_i, f.cue_i - last))
    else:
        x["no_cue"] = 1.0
    if f.speaker is not None and f.cue_i is not None:
        x["speaker_distance"] = float(min(abs(f.cue_i - f.speaker[0]), abs(f.cue_i - (f.speaker[1] - 1))))
        x["speaker_after_cue"] = float(f.speaker[0] > f.cue_i)
    x["content_chars_over_200"] = float(f.end - f.start > 200)
    coverage = x["quote_coverage"]
    x["quote_full"] = float(coverage > 0.95)
    x["quote_partial"] = float(0.05 < coverage <= 0.95)
    body = text[f.start : f.end]
    x["content_newline"] = float("\n" in body)
    x["content_starts_lower"] = float(body[:1].islower())
    x["content_starts_quote"] = float(body[:1] in QUOTE_CHARS)
    x["content_ends_quote"] = float(body[-1:] in QUOTE_CHARS)
    x["content_commas"] = float(body.count(","))
    x["content_odd_quotes"] = float(sum(body.count(q) for q in '"\u201c\u201d') % 2)
    x["in_first_line"] = float(text.find("\n") >= f.start)  # no copy of the text before the statement
    if span is not None:
        pos, tag, verbal = view.pos, view.tag, view.verbal
        x["content_verbs"] = float(
            sum(1 for k in range(span.start, span.end) if pos[k] in verbal and tag[k] != view.vbg)
        )
    if f.cue_i is not None:
        x["other_cues_in_sentence"] = float(view.cues_in(a_start, a_end, f.cue_i))
    if path == "pronoun" and f.speaker is not None:
        x[f"pronoun={doc[f.speaker[0]].lower_}"] = 1.0
    if f.speaker is not None:
        x["speaker_tokens"] = float(f.speaker[1] - f.speaker[0])
    if f.cue is not None and f.cue[0] < len(quoted):
        x["cue_inside_quote"] = float(quoted[f.cue[0]])  # a verb inside someone's quotation is rarely the frame
    x["sentence_fraction"] = min(1.0, x["content_tokens"] / max(1.0, x["sentence_tokens"]))
    if span is not None:
        x["nested_cues"] = float(view.cues_in(span.start, span.end, f.cue_i))
    if span is not None and len(span):
        # A content that is a clause with its own subject is what the rules are built for; a bare noun phrase or a
        # fragment is where they guess.
        root = span.root
        x[f"content_root={root.pos_}"] = 1.0
        dep, head = view.dep, view.head
        x["content_has_subject"] = float(
            any(dep[k] in view.subject and first <= head[k] <= last for k in range(span.start, span.end))
        )
        x["content_short"] = float(len(span) <= 3)
    if span is not None and len(span) and len(doc):
        # What the sentence holds outside the content and its frame: words left over are where spans are cut short.
        frame = set(range(*f.speaker)) if f.speaker is not None else set()
        if f.cue_i is not None:
            frame.add(f.cue_i)
        s_start, s_end = ctx.sent[first][0], ctx.sent[last][1]
        skip, pos, verbal = view.skip, view.pos, view.verbal
        before = [k for k in range(s_start, first) if not skip[k] and k not in frame]
        after = [k for k in range(last + 1, s_end) if not skip[k] and k not in frame]
        x["words_before_content"] = float(len(before))
        x["words_after_content"] = float(len(after))
        x["verb_before_content"] = float(any(pos[k] in verbal for k in before))
        x["verb_after_content"] = float(any(pos[k] in verbal for k in after))
    if f.cue_i is not None:
        cue_tok = doc[f.cue_i]
        x[f"cue_dep={cue_tok.dep_}"] = 1.0
        if f.speaker is not None:
            x["speaker_is_cue_subject"] = float(any(doc[i].head.i == f.cue_i for i in range(*f.speaker)))
    # The article's style: transcripts, columns and wire copy differ in how often a frame is what it seems.
    x["doc_quoted_fraction"] = view.quoted_fraction
    x["doc_tokens"] = float(len(doc))
    para_start = text.rfind("\n", 0, f.start) + 1
    para_end = text.find("\n", f.end)
    x["paragraph_chars"] = float((len(text) if para_end < 0 else para_end) - para_start)
    x[f"kind={record.get('kind')}&speaker_kind={record.get('speaker_kind')}"] = 1.0
    x[f"rule={f.rule}&meaning={f.meaning}"] = 1.0
    x[f"rule={f.rule}&kind={record.get('kind')}"] = 1.0
    x[f"speaker={path}&kind={record.get('kind')}"] = 1.0
    # Where the content stops and starts: a cut at a comma inside a sentence is where the parser's clause
    # boundaries most often disagree with a reader's.
    x[f"ends_before={_boundary(text[f.end : f.end + 3].lstrip(' '))}"] = 1.0
    x[f"starts_after={_boundary(text[max(0, f.start - 3) : f.start].rstrip(' ')[-1:])}"] = 1.0
    by_kind = _speaker_features(ctx, f, record, path, quoted, x)
    _span_features(ctx, f, quoted, view, span, x)
    _context_features(ctx, f, record, view, span, x)
    if layout is not None:
        x[f"zone={layout.zone_at(f.start) or 'body'}"] = 1.0
    for name, hinges in _HINGES.items():
        if name in x:
            x[name] = value = math.log1p(x[name])
            # Hinges let a length or distance matter up to a point and then stop (or turn): about 2, 6 and 19.
            for knot, hinge in hinges:
                if value > knot:
                    x[hinge] = value - knot
    for name in by_kind:
        x[f"{name}&kind={record.get('kind')}"] = 1.0
    return x


def resolution(doc: Doc, f: Found, name: object, path: str) -> str:
    """How the speaker's name was reached: read in the mention itself, carried over from earlier in the article
    (a pronoun, a title, a surname expanded), or not at all."""
    if f.speaker is None:
        return "none"
    if not isinstance(name, str) or not name:
        return "unresolved"
    if path in ("pronoun", "relative"):
        return path
    mention = doc[f.speaker[0] : f.speaker[1]].text.lower()
    words = name.lower().split()
    if name.lower() in mention:
        return "as_written"
    if words and words[-1] in mention:
        return "expanded"
    return "carried"


def _speaker_features(
    ctx: Context, f: Found, record: Mapping[str, object], path: str, quoted: bytearray, x: Features
) -> tuple[str, ...]:
    """Writes the speaker's features; returns the names of the two (entity, resolution) that also go by kind."""
    if f.speaker is None:
        return ()
    doc, text = ctx.doc, ctx.text
    toks = doc[f.speaker[0] : f.speaker[1]]
    root = toks.root
    ent = root.ent_type_
    by_entity = f"speaker_ent={ent if ent in ('PERSON', 'ORG', 'GPE', 'NORP') else 'other' if ent else 'none'}"
    x[by_entity] = 1.0
    # A mention that runs over a line break or holds a number or a finite verb is the parser's, not a reader's.
    x["speaker_odd"] = float(
        any(t.is_space and "\n" in t.text for t in toks)
        or any(t.like_num for t in toks)
        or any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") and t.i != root.i and t.dep_ != "relcl" for t in toks)
    )
    x["speaker_in_quote"] = float(quoted[toks[0].idx] if toks[0].idx < len(quoted) else 0)
    x["speaker_lowercase"] = float(toks[0].text[:1].islower() and path not in ("pronoun", "relative"))
    name = record.get("speaker_name")
    how = resolution(doc, f, name, path)
    x[f"resolution={how}"] = 1.0
    by_kind = (by_entity, f"resolution={how}")
    if isinstance(name, str) and how in ("pronoun", "relative", "carried", "expanded"):
        # How far back the name was last written: a pronoun three paragraphs from its antecedent is a guess.
        last = name.split()[-1] if name.split() else name
        at = text.rfind(last, 0, doc[f.speaker[0]].idx)
        if at < 0:
            x["antecedent_missing"] = 1.0
        else:
            x["antecedent_chars"] = float(doc[f.speaker[0]].idx - at)
    if path == "pronoun":
        # Rival antecedents: the people named in this sentence and the two before it.
        s_start = ctx.sent[f.speaker[0]][0]
        lo = ctx.sent[s_start - 1][0] if s_start > 0 else 0
        lo = ctx.sent[lo - 1][0] if lo > 0 else 0
        names = {
            ctx.lower[i]
            for i in range(lo, f.speaker[0])
            if doc[i].ent_type_ == "PERSON" and (i + 1 >= len(doc) or doc[i + 1].ent_iob_ != "I")
        }
        x["persons_nearby"] = float(len(names))
    return by_kind


def _span_features(ctx: Context, f: Found, quoted: bytearray, view: DocView, span: object, x: Features) -> None:
    text = ctx.text
    if isinstance(span, Span) and len(span):
        root = span.root
        frame = set(range(*f.speaker)) if f.speaker is not None else set()
        if f.cue_i is not None:
            frame.add(f.cue_i)
        # The content's own clause reaching past its ends: a span cut short (or a root that is not the clause's).
        lo, hi = root.left_edge.i, root.right_edge.i
        while hi > lo and view.skip[hi]:
            hi -= 1
        while lo < hi and view.skip[lo]:
            lo += 1
        outside = max(0, span.start - lo) + max(0, hi - span.end + 1)
        outside -= sum(1 for i in frame if lo <= i <= hi and not span.start <= i < span.end)
        x["subtree_outside"] = float(outside)
        x["content_root_of_cue"] = float(f.cue_i is not None and root.head.i == f.cue_i)
    # Quotation left over in the same paragraph that no statement claims: the quote may go on past this content.
    para_start = text.rfind("\n", 0, f.start) + 1
    para_end = text.find("\n", f.end)
    para_end = len(text) if para_end < 0 else para_end
    para_end = min(para_end, len(quoted))
    # Quoted and not yet any statement's content, counted in the paragraph.
    after = view.free.count(1, para_start + max(0, f.end - para_start), para_end)
    before = view.free.count(1, para_start, min(para_end, para_start + max(0, f.start - para_start)))
    x["quoted_after"] = float(after)
    x["quoted_before"] = float(before)
    x["content_position"] = f.start / max(1, len(text))


# What may follow a content in its sentence: a separator, then a clause or phrase that a reader may or may not count
# as part of what was said ('..., allowing people to ...', '... when it comes to ...').
_SEPARATORS = frozenset((",", ";", ":", "-", "--", "\u2014", "\u2013"))
_TAIL_DEPS = frozenset(("relcl", "acl", "advcl", "appos", "npadvmod"))


def _set_off(doc: Doc, t: Token) -> bool:
    """A modifier of an earlier word, set off by a separator ('..., which ...', '... -- a charge that ...')."""
    return t.dep_ in _TAIL_DEPS and t.head.i < t.i and t.left_edge.i > 0 and doc[t.left_edge.i - 1].text in _SEPARATORS


def _context_features(
    ctx: Context, f: Found, record: Mapping[str, object], view: DocView, span: Span | None, x: Features
) -> None:
    """How the statement sits in its sentence and article: the words around the content, the cue's form, and how
    often the article's statements come from the same speaker."""
    doc = ctx.doc
    if span is not None and len(span):
        root = span.root
        x[f"content_dep={root.dep_ if not span.start <= root.head.i < span.end else 'root'}"] = 1.0
        x[f"content_last_tag={span[-1].tag_}"] = 1.0
        # The sentence going on past the content, and with what: the readings an annotator may draw either way.
        sent_end = ctx.sent[span.end - 1][1]
        k = span.end
        while k < sent_end and (doc[k].is_space or (doc[k].is_punct and doc[k].text not in _SEPARATORS)):
            k += 1
        if k < sent_end:
            nxt = doc[k]
            if nxt.text in _SEPARATORS and k + 1 < sent_end:
                x["next_after_separator"] = 1.0
                nxt = doc[k + 1]
            # The phrase the next word opens: climb from it to the word that links that phrase to the sentence.
            while span.end <= nxt.head.i < sent_end and nxt.head.i != nxt.i:
                nxt = nxt.head
            x[f"next_dep={nxt.dep_}"] = 1.0
            x[f"next_tag={nxt.tag_}"] = 1.0
            x["next_attached_inside"] = float(span.start <= nxt.head.i < span.end)
        else:
            x["next_none"] = 1.0
        # And the words before it that are not its frame: a content that starts mid-clause.
        frame = set(range(*f.speaker)) if f.speaker is not None else set()
        if f.cue_i is not None:
            frame.add(f.cue_i)
        sent_start = ctx.sent[span.start][0]
        k = span.start - 1
        while k >= sent_start and (doc[k].is_space or (doc[k].is_punct and doc[k].text not in _SEPARATORS)):
            k -= 1
        if k < sent_start:
            x["prev_none"] = 1.0
        elif k not in frame:
            prev = doc[k]
            x["prev_separator"] = float(prev.text in _SEPARATORS)
            x[f"prev_dep={prev.dep_}"] = 1.0
            x["prev_attached_inside"] = float(span.start <= prev.head.i < span.end)
        # A modifier set off by a separator inside the content: where a reader may end the content earlier.
        dep = view.dep
        x["tail_modifier"] = float(
            any(dep[k] in view.tail and _set_off(doc, doc[k]) for k in range(span.start + 1, span.end))
        )
    if f.cue_i is not None:
        x[f"cue_tag={doc[f.cue_i].tag_}"] = 1.0
    name = record.get("speaker_name")
    if isinstance(name, str) and name.split():
        # A speaker the article names again and again is one of its main sources, not a passing mention.
        x["name_mentions"] = float(view.count(name.split()[-1]))
    if f.speaker is not None:
        # Compared as the Context's lowercase words: no Span is built for each pair of statements.
        mention = tuple(ctx.lower[f.speaker[0] : f.speaker[1]])
        x["same_speaker_statements"] = float(view.mentions[mention] - view.copies[id(f)])


def doc_view(ctx: Context, quoted: bytearray, others: Sequence[Found]) -> DocView:
    """What ``features`` reads about the Doc and all of its statements, for each of them."""
    return DocView.of(ctx, quoted, others, tuple(_TAIL_DEPS))


def _boundary(chars: str) -> str:
    ch = chars[:1]
    if not ch or ch == "\n":
        return "break"
    if ch in ".!?":
        return "stop"
    if ch in ",;:":
        return "comma"
    if ch in QUOTE_CHARS:
        return "quote"
    return "word"
