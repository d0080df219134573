"""Direct quotations: a quoted stretch and its cue verb after or before it, a ``Name:`` line or a dash line."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from .base import QUOTE_CHARS, Context, Found, RuleBase, mention, subject_of
from .nesting import frame_between
from .quotes import Quote

# A cue after a quotation sits in its sentence within a clause's length ('..., the minister told reporters on
# Tuesday'); further on, a verb belongs to another clause.
CUE_AFTER_WINDOW = 30
# A cue before a quotation is its introducer ('she said on Tuesday: "..."'); more than 8 tokens back it heads a
# clause of its own.
CUE_BEFORE_WINDOW = 8
# Unquoted text between two quotes of one speaker that still chains them ('"A," he said, "B."'): a cue phrase
# and a short adjunct, not a new sentence of narration.
FRAME_GAP_CHARS = 60
# 'A warning from Maria Okafor: "..."': a headline-length lead-in before a colon and a quotation.
COLON_LEAD_IN_WORDS = 8


class QuoteRules(RuleBase):
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

    def _statement_like(self, text: str, start: int, end: int) -> bool:
        """A quotation that can stand as a statement, unlike a scare quote or a title inside a sentence."""
        k = start - 1
        while k >= 0 and text[k] in " \t":
            k -= 1
        opens_clause = k < 0 or text[k] in "\n:,.!?;(\u2014\u2013-" or self._after_saying(text, k + 1)
        words = len(text[start:end].split())
        inner = text[start:end].rstrip(QUOTE_CHARS + " ")
        after = text[end : end + 2].lstrip(" \t")[:1]
        # '... said that, "Of course he will defend himself" against what ...': a fragment of a larger clause.
        closes_clause = inner[-1:] in ".?!,\u2026\u2014-" or after in ("", "\n", ".", ",", ";", ":", "!", "?", ")")
        return opens_clause and closes_clause and (words >= 3 or (words == 2 and inner[-1:] in ".?!,"))

    def _after_saying(self, text: str, k: int) -> bool:
        """'Protesters chanted "What curfew?"': the quote is the object of a verb of saying, with no comma."""
        word = text[max(0, k - 20) : k].split()[-1:]
        cue = self.lex.verbs.get(word[0]) if word and word[0].islower() else None
        return cue is not None and "c" in cue.frames

    def quoted(self, ctx: Context, quotes: list[Quote], used: set[int]) -> list[Found]:
        text = ctx.text
        out: list[Found] = []
        last: Found | None = None
        for start, end, _closed in self._groups(text, quotes):
            if last is not None and _goes_on_after_frame(text, last, start):
                last.gaps.append((last.end, start))
                last.end = end
                continue
            if not self._statement_like(text, start, end):
                continue
            if self._after_saying(text, start):  # 'said "..."': the verb before is the cue, or none is
                f = self._quote_cue_before(ctx, start, end)
            else:
                f = self._quote_cue_after(ctx, start, end) or self._quote_cue_before(ctx, start, end)
            if f is not None and f.cue is not None and f.cue[1] <= start:
                self._lead_in(ctx, f)
            f = f or self._colon_or_dash(ctx, start, end)
            if last is not None and self._continues(text, last, start, f):
                # '"A," he said. "B."' and follow-on paragraphs with no cue of their own: one statement.
                last.gaps.append((last.end, start))
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
        if last.rule == "quote" and last.cue is not None and frame_between(text, last.end, start, last.cue):
            # '"A," said X, a long description of X. "B."': the stretch between the two quotes is the first one's
            # own cue clause, so the second quote is the same speaker going on (any verb found in that clause,
            # 'where the mayor also spoke', is part of the frame, not a cue of the second quote).
            return True
        if cue is not None and cue.cue_i is not None and cue.cue_i == last.cue_i:
            # '"A," he said.\n\n"B."': a paragraph opening with a quote whose only cue is the last paragraph's own
            # frame is that speaker going on.
            frame, _, rest = between.partition("\n")
            return "\n" not in between or (
                last.cue is not None
                and frame_between(text, last.end, last.end + len(frame), last.cue)
                and rest.strip() == ""
                and between.count("\n") <= 2
            )
        if cue is not None:
            return False
        if any(ch in between for ch in QUOTE_CHARS):
            return False
        if between.strip() == "":  # the next paragraph opens with the quote
            return between.count("\n") <= 2 and not _subheading(text, start)
        return "\n" not in between and len(between) <= FRAME_GAP_CHARS

    def _quote_cue_after(self, ctx: Context, start: int, end: int) -> Found | None:
        doc = ctx.doc
        first = self._token_at_or_after(ctx, end)
        if first is None or "\n" in ctx.text[end : first.idx]:
            return None
        sent_end = ctx.sent[first.i][1]
        for tok in doc[first.i : min(sent_end, first.i + CUE_AFTER_WINDOW)]:
            if tok.text in QUOTE_CHARS and tok.idx >= end:
                return None
            cue = self.verb_cue(tok)
            if cue is None:
                continue
            subj = subject_of(tok)
            if subj is None or (subj.i < first.i and subj.idx < start):
                continue
            if self._introduces_next(ctx, tok, start, end):
                return None
            return self._found(ctx, start, end, "quote", cue, tok, subj)
        return None

    @staticmethod
    def _introduces_next(ctx: Context, verb: Token, start: int, end: int) -> bool:
        """'"A." To which her aunt replied, "B."': a quotation closed by a full stop, then a new sentence whose cue
        opens the next quotation; that cue is the next quotation's, not this one's."""
        text = ctx.text
        inner = text[start:end].rstrip(QUOTE_CHARS + " ")
        if inner[-1:] not in (".", "?", "!"):
            return False
        after = text[verb.idx + len(verb.text) : verb.idx + len(verb.text) + 4].lstrip(" ,:")
        return after[:1] in QUOTE_CHARS

    def _quote_cue_before(self, ctx: Context, start: int, end: int) -> Found | None:
        doc = ctx.doc
        last = self._token_before(doc, start)
        if last is None:
            return None
        noun = self._cue_noun_before_colon(ctx, last, start, end)
        if noun is not None:
            return noun
        inverted = self._inverted_cue(ctx, last, start, end)
        if inverted is not None:
            return inverted
        span = doc[ctx.sent[last.i][0] : last.i + 1]
        for tok in reversed(span):
            if "\n" in tok.text:
                return None
            cue = self.verb_cue(tok)
            if cue is None:
                continue
            if last.i - tok.i > CUE_BEFORE_WINDOW:
                return None
            subj = subject_of(tok)
            if subj is None:
                return None
            return self._found(ctx, start, end, "quote", cue, tok, subj)
        return None

    @staticmethod
    def _lead_in(ctx: Context, f: Found) -> None:
        """'If the dam breaks, Holm said, "we lose the valley."': a quotation that opens in lower case goes on with
        the sentence begun before its cue, which is set off by commas; the whole sentence is the claim and the cue
        phrase a gap."""
        doc, text = ctx.doc, ctx.text
        first = next((ch for ch in text[f.start : f.end] if ch.isalpha()), "")
        if f.speaker is None or f.cue_i is None or not first.islower():
            return
        i = f.speaker[0] if f.speaker[0] < f.cue_i else f.cue_i
        sent_start = ctx.sent[f.cue_i][0]
        if i - sent_start < 4 or doc[i - 1].text != ",":
            return
        lead = doc[sent_start : i - 1]
        if any(t.text in QUOTE_CHARS or "\n" in t.text for t in lead):
            return
        if not any(t.pos_ in ("VERB", "AUX") for t in lead):
            return  # 'On Tuesday, Holm said, "..."': an adjunct of the saying, not part of what was said
        f.gaps.append((doc[i - 2].idx + len(doc[i - 2].text), f.start))
        f.start = lead[0].idx

    def _inverted_cue(self, ctx: Context, last: Token, start: int, end: int) -> Found | None:
        """'Said Holm: "..."', 'Added the mayor, "..."': a sentence opening with the cue, then its speaker and a colon
        or comma; the tagger often reads the cue as part of the name."""
        doc = ctx.doc
        if last.text not in (":", ","):
            return None
        first = doc[ctx.sent[last.i][0]]
        while first.i < last.i and (first.is_space or first.is_punct):
            first = doc[first.i + 1]
        cue = self.lex.verbs.get(first.lower_)
        name = doc[first.i + 1 : last.i]
        if cue is None or "c" not in cue.frames or not first.text[:1].isupper() or not 0 < len(name) <= 6:
            return None
        if not all(t.pos_ in ("PROPN", "DET", "NOUN", "ADJ") or t.text in (".", "'s") for t in name):
            return None
        f = Found(start, end, "quote", cue.meaning, (first.idx, first.idx + len(first.text)), first.i)
        f.speaker = (name.start, name.end)
        return f

    def _cue_noun_before_colon(self, ctx: Context, last: Token, start: int, end: int) -> Found | None:
        """'the minister made the following statement: "..."': a cue noun right before the colon introduces the
        quotation; the speaker is the subject of the verb the noun depends on."""
        doc = ctx.doc
        if last.text != ":" or last.i == 0:
            return None
        noun = doc[last.i - 1]
        if noun.pos_ != "NOUN" or noun.lower_ not in self.lex.nouns or noun.head.pos_ not in ("VERB", "AUX"):
            return None
        subj = subject_of(noun.head)
        if subj is None:
            return None
        f = Found(start, end, "quote", self.lex.nouns[noun.lower_], (noun.idx, noun.idx + len(noun.text)), noun.i)
        f.speaker = mention(subj)
        return f

    def _colon_or_dash(self, ctx: Context, start: int, end: int) -> Found | None:
        doc, text = ctx.doc, ctx.text
        line_start = text.rfind("\n", 0, start) + 1
        head = text[line_start:start].rstrip()
        if head.endswith(":") and 0 < len(head.split()) <= 5:
            toks = [t for t in self._tokens_between(doc, line_start, len(head) + line_start - 1) if not t.is_space]
            if toks and all(t.text[:1].isupper() or t.is_punct for t in toks):
                colon = line_start + len(head) - 1
                return Found(start, end, "colon", cue=(colon, colon + 1), speaker=(toks[0].i, toks[-1].i + 1))
        if head.endswith(":") and 0 < len(head.split()) <= COLON_LEAD_IN_WORDS:
            # 'A warning from Maria Okafor: "..."', 'Okafor Scolds Board: "..."': a lead-in that names one person.
            colon = line_start + len(head) - 1
            people = [e for e in doc.ents if e.label_ == "PERSON" and line_start <= e.start_char < e.end_char <= colon]
            if len(people) == 1:
                person = people[0]
                return Found(start, end, "colon", cue=(colon, colon + 1), speaker=(person.start, person.end))
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

    @staticmethod
    def _token_at_or_after(ctx: Context, char: int) -> Token | None:
        n = len(ctx.text)
        span = ctx.doc.char_span(char, n, alignment_mode="expand") if char < n else None
        if span is None:
            return None
        for tok in span:
            if tok.idx >= char and not tok.is_space and tok.text not in QUOTE_CHARS:
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


_CONJUNCTION_AFTER_FRAME = re.compile(r",?\s+(?:but|and)\s+$")


def _goes_on_after_frame(text: str, last: Found, start: int) -> bool:
    """'"I like Holm," he said, but "on the dam he is plainly wrong."': a quotation joined by 'but' or 'and'
    to the first one's own cue clause is the same speaker going on."""
    if last.rule != "quote" or last.cue is None:
        return False
    m = _CONJUNCTION_AFTER_FRAME.search(text, last.end, start)
    return m is not None and frame_between(text, last.end, m.start(), last.cue)


def _subheading(text: str, start: int) -> bool:
    """A quoted line such as 'Legend of the Valley.' alone on its line is a subheading, not a speaker going on."""
    end = text.find("\n", start)
    words = text[start : len(text) if end < 0 else end].strip(QUOTE_CHARS + " .").split()
    return 0 < len(words) <= 8 and sum(w[:1].isupper() for w in words) >= len(words) - 2 and words[0][:1].isupper()
