"""Relays: the channel a statement reached the reader through (``via``).

A channel is an outlet the speaker told ("told the Gazette", "told Dana Reyes of Radio Five"), a platform ("tweeted",
"wrote on Facebook", "in a post on Instagram"), a programme ("said on Radio Five's 'Morning Round'", "during an
interview on 'The Late Hour'") or the outlet of an interview or a piece ("in an interview with the Gazette", "in a
Gazette op-ed", "wrote for the Gazette").  Only adjuncts of the cue itself count, never words of the content.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from .names import fold
from .speakers import Resolver, words

if TYPE_CHECKING:
    from .base import Found

_QUOTES = "\"'\u201c\u201d\u2018\u2019"
_SHOW_WORDS = ("show", "program", "programme", "hour", "podcast", "hour", "tonight", "today", "report", "live")
_WRITING = ("wrote", "writes", "write", "writing", "penned", "argued", "argues")


def relay_channels(doc: Doc, f: Found, resolver: Resolver) -> list[str]:
    via = list(f.via)
    if f.hearer is not None:
        via += _heard(doc, doc[f.hearer[0] : f.hearer[1]], resolver)
    if f.cue_i is not None:
        via += _adjuncts(doc, doc[f.cue_i], f, resolver)
    out: list[str] = []
    seen: set[str] = set()
    for name in via:
        key = fold(name).removeprefix("the ")
        if key and key not in seen:
            seen.add(key)
            out.append(name)
    return out


def _outside(tok: Token, f: Found) -> bool:
    # A quotation resumed after its cue clause holds that clause as a gap: the clause's words are not content.
    return not (f.start <= tok.idx < f.end) or any(a <= tok.idx < b for a, b in f.gaps)


def _adjuncts(doc: Doc, cue: Token, f: Found, resolver: Resolver) -> list[str]:
    w = words()
    out: list[str] = []
    platform = w.platform_verbs.get(cue.lower_)
    if platform is not None:
        out.append(platform)
    verbs = [cue]
    # 'chimed in on Twitter, saying ...': the participle's own verb carries the channel.
    if cue.dep_ in ("advcl", "xcomp", "conj") and cue.head.pos_ in ("VERB", "AUX"):
        verbs.append(cue.head)
    # 'Writing for the Herald, Ola Berg argued ...': a writer's participle names where the words were published.
    verbs += [c for c in cue.children if c.dep_ == "advcl" and c.lower_ in _WRITING and _outside(c, f)]
    for verb in verbs:
        for child in verb.children:
            if child.dep_ != "prep" or not _outside(child, f) or child.lower_ not in (*w.channel_preps, "of"):
                continue
            obj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if obj is None:
                continue
            if child.lower_ == "for":
                if verb.lower_ not in _WRITING:
                    continue
                # 'wrote Oren Vasquez for Halden Polling': whoever a writer writes for publishes the words.
                if obj.pos_ == "PROPN" or (obj.text[:1].isupper() and obj.i > child.i + 1):
                    out.append(_np(doc, obj).text.removeprefix("the ").strip())
                    continue
            if child.lower_ == "of" and not any(c.dep_ in ("dobj", "dative") for c in verb.children):
                continue
            out += _channel(doc, obj, resolver)
        if verb.dep_ == "acl" and verb.head.pos_ == "NOUN":
            # 'a series of tweets saying ...', 'a tweet attacking ...': the noun the cue hangs on is the channel.
            noun = verb.head
            nested = next((g for c in noun.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"), None)
            for cand in (noun, nested):
                if cand is not None and cand.lower_ in w.platforms:
                    out.append(w.platforms[cand.lower_])
    return out


def _channel(doc: Doc, obj: Token, resolver: Resolver) -> list[str]:
    """The object of 'on', 'in', 'during', 'via', 'for' next to a cue: a platform, an outlet, a programme, or an
    appearance ('an interview', 'a broadcast', 'a post') whose own modifiers name one."""
    w = words()
    low = obj.lower_
    if low in w.platforms:
        return [w.platforms[low]]
    title = _programme(doc, obj)
    if title is not None:
        return [title]
    media = _media(doc, obj, resolver)
    if media is not None:
        return [media]
    if low not in w.appearance_nouns:
        return []
    out: list[str] = []
    for child in obj.children:
        if child.dep_ in ("compound", "poss", "nmod", "amod") and child.i < obj.i:
            if child.lower_ in w.platforms:
                out.append(w.platforms[child.lower_])
                continue
            lo = child.left_edge.i
            named = _media(doc, child, resolver, span=doc[lo : child.i + 1])
            if named is not None:
                out.append(named)
        elif child.dep_ == "acl" and child.tag_ == "VBN":
            # 'a forum hosted by Channel Nine': the outlet behind the appearance.
            for agent in (a for a in child.children if a.dep_ == "agent"):
                inner = next((g for g in agent.children if g.dep_ == "pobj"), None)
                named = _media(doc, inner, resolver) if inner is not None else None
                if named is not None:
                    out.append(named)
        elif child.dep_ == "prep" and child.lower_ in ("with", "on", "of", "to", "for", "in"):
            inner = next((g for g in child.children if g.dep_ == "pobj"), None)
            if inner is None:
                continue
            # One talks 'with' a person and appears 'on' a programme: "an interview with CNN's Ola Berg" is CNN's,
            # "an interview on CNBC's Morning Desk" the programme's (the tagger reads either as a person).
            employer = _journalists_outlet(doc, inner, resolver) if child.lower_ == "with" else None
            if employer is not None:
                out.append(employer)
                continue
            out += _channel(doc, inner, resolver) or _heard(doc, _np(doc, inner), resolver)
    return out


def _np(doc: Doc, tok: Token) -> Span:
    lo, hi = tok.left_edge.i, tok.i + 1
    for child in tok.rights:
        if child.dep_ in ("prep", "relcl", "acl", "appos", "punct", "cc", "conj"):
            break
        hi = child.right_edge.i + 1
    return doc[lo:hi]


def _programme(doc: Doc, tok: Token) -> str | None:
    """ "Radio Five's 'Morning Round'", 'the "Late Hour" show', 'CNBC's Market Watch': a title in quotation marks
    or a capitalised name owned by an outlet."""
    np = _np(doc, tok)
    text = resolver_text(np)
    if tok.ent_type_ == "WORK_OF_ART":
        ent = next((e for e in doc.ents if e.start <= tok.i < e.end), None)
        if ent is not None:
            return ent.text.strip(_QUOTES + " ,.")
    opened = np.start > 0 and doc[np.start - 1].text in _QUOTES
    if opened or (np[0].text in _QUOTES and len(np) > 1):
        inner = np.text.strip(_QUOTES + " ,.")
        if inner[:1].isupper():
            return inner
    quoted = [t for t in np if t.text in _QUOTES]
    if len(quoted) >= 2:
        a, b = quoted[0].i, quoted[-1].i
        inner = doc[a + 1 : b].text.strip(" ,.")
        if inner and inner[:1].isupper():
            return inner
    owner = next((c for c in tok.children if c.dep_ == "poss"), None)
    if owner is not None and tok.pos_ == "PROPN":
        lo = owner.right_edge.i + 1
        while lo < tok.i + 1 and (doc[lo].dep_ == "case" or doc[lo].text in _QUOTES):
            lo += 1
        name = doc[lo : tok.i + 1].text.strip(_QUOTES + " ,")
        if name and name[:1].isupper():
            return name
    if tok.pos_ == "PROPN" and tok.lower_ in _SHOW_WORDS and len(np) > 1:
        return np.text.strip(_QUOTES + " ,.")  # 'On The Midday Kitchen Show': a named programme
    if text.startswith(tuple(_QUOTES)):
        return text.strip(_QUOTES + " ,.")
    return None


def _journalists_outlet(doc: Doc, tok: Token, resolver: Resolver) -> str | None:
    """ "an interview with the Gazette's Dana Reyes", "told Channel Nine's Ola Berg": a person owned by an outlet
    is its journalist, and the outlet, not the person, is the channel (a programme owned by one keeps its title)."""
    if tok.ent_type_ != "PERSON":
        return None
    owner = next((c for c in tok.children if c.dep_ == "poss"), None)
    if owner is None:
        return None
    return _media(doc, owner, resolver, span=doc[owner.left_edge.i : owner.i + 1])


def resolver_text(span: Span) -> str:
    return span.text.strip()


def _media(doc: Doc, tok: Token, resolver: Resolver, span: Span | None = None) -> str | None:
    np = span if span is not None else _np(doc, tok)
    core = [t for t in np if t.dep_ not in ("det",) and t.text not in _QUOTES]
    if not core:
        return None
    sub = doc[core[0].i : core[-1].i + 1]
    name = sub.text.removesuffix("'s").removesuffix("\u2019s").strip()
    if resolver.is_outlet(sub):
        return name
    return None


def _heard(doc: Doc, span: Span, resolver: Resolver) -> list[str]:
    """The hearer of 'told': an outlet ('told the Gazette'), a programme ("told Radio Five's 'Morning Round'"),
    a journalist of an outlet ('told Dana Reyes of the Gazette', 'told Gazette reporter Dana Reyes') or an
    outlet's audience ('told the Radio Five audience')."""
    root = span.root
    employer = _journalists_outlet(doc, root, resolver)
    if employer is not None:
        return [employer]
    title = _programme(doc, root)
    if title is not None:
        return [title]
    if span[-1].dep_ == "case":
        # "told Radio Five's 'Morning Round'": the owner's programme is parsed as a second object.
        show = next((t for t in root.head.children if t.dep_ in ("dobj", "appos", "attr") and t.i >= span.end), None)
        named = _programme(doc, show) if show is not None else None
        if named is None and show is not None and show.pos_ == "PROPN":
            named = _np(doc, show).text.strip(_QUOTES + " ,.")
        if named:
            return [named]
    core = [t for t in span if t.dep_ not in ("det", "case")]
    if core and resolver.is_outlet(doc[core[0].i : core[-1].i + 1]):
        return [span.text.removesuffix("'s").removesuffix("\u2019s").strip()]
    heard = resolver.describe(span.start, span.end, record=False)
    is_org = any(e.label_ == "ORG" for e in resolver.ents_in(span.start, span.end))
    if heard.kind == "media" or (heard.kind == "organisation" and is_org and not _person_root(root)):
        return [heard.name or span.text]
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "from", "at", "for"):
            inner = next((g for g in child.children if g.dep_ == "pobj"), None)
            if inner is not None:
                found = _programme(doc, inner) or _media(doc, inner, resolver)
                if found is not None:
                    return [found]
    # 'Gazette reporter Dana Reyes', 'the Radio Five audience': the capitalised words before the role word.
    w = words()
    toks = list(span)
    for k, tok in enumerate(toks):
        if tok.lower_ in w.audience_nouns or tok.lower_ in resolver.lex.role_words:
            before = [t for t in toks[:k] if t.pos_ == "PROPN" or t.text[:1].isupper()]
            before = [t for t in before if t.dep_ != "det" and t.lower_ != "the"]
            if before:
                sub = doc[before[0].i : before[-1].i + 1]
                return [sub.text.removesuffix("'s").removesuffix("\u2019s")]
            break
    return []


def _person_root(tok: Token) -> bool:
    return tok.ent_type_ == "PERSON"
