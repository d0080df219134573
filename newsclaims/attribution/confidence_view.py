"""What the confidence features read about the whole Doc and all of its statements, read once per Doc.

A feature that compares a statement with the others (same sentence, same speaker, quotation no statement claims) or
looks at every word of its content or sentence would otherwise rescan the statements or build a Token per word for
each statement: the Doc's parse is read here as plain lists of ids, and the statements as counts.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy
from spacy.attrs import DEP, HEAD, IS_PUNCT, IS_SPACE, POS, TAG

from .base import Context, Found
from .lexicon import lexicon


@dataclass(frozen=True, slots=True)
class DocView:
    # Per token, as ids of the Doc's string store (compare with ``ids``): the words' parse without their Tokens.
    pos: list[int]
    tag: list[int]
    dep: list[int]
    head: list[int]  # the head's token index
    skip: list[bool]  # punctuation or space
    verbal: frozenset[int]  # the ids of the parts of speech VERB and AUX
    vbg: int  # the id of the tag VBG
    subject: frozenset[int]  # the ids of nsubj and nsubjpass
    tail: frozenset[int]  # the ids of the dependencies a set-off modifier hangs by
    cues: list[int]  # sorted indexes of the words tagged as verbs that the lexicon lists as cues
    # The statements: the sentence of each cue, each speaker mention's lowercase words, how often each statement
    # (by identity) is among them, and the quotation none of their contents covers.
    cue_sentences: Counter[tuple[int, int]]
    mentions: Counter[tuple[str, ...]]
    copies: Counter[int]
    free: bytearray
    quoted_fraction: float
    text: str
    counts: dict[str, int]  # how often the text holds a word, as far as asked (``count``)

    @classmethod
    def of(cls, ctx: Context, quoted: bytearray, others: Sequence[Found], tail: Sequence[str]) -> DocView:
        doc = ctx.doc
        strings = doc.vocab.strings
        table = doc.to_array([POS, TAG, DEP, HEAD, IS_PUNCT, IS_SPACE])
        pos, tag, dep = table[:, 0].tolist(), table[:, 1].tolist(), table[:, 2].tolist()
        # HEAD is the offset to the head, stored unsigned: read it back signed.
        head = (table[:, 3].astype(numpy.int64) + numpy.arange(len(doc), dtype=numpy.int64)).tolist()
        skip = numpy.logical_or(table[:, 4], table[:, 5]).tolist()
        # Hashes are compared as uint64, the array's own type: mixed with int64 they would be compared as floats.
        verb_tags = numpy.array([t for t in set(tag) if strings[t][:2] == "VB"], dtype=numpy.uint64)
        verbs, lower = lexicon().verbs, ctx.lower
        cues = [k for k in numpy.flatnonzero(numpy.isin(table[:, 1], verb_tags)).tolist() if lower[k] in verbs]
        free = bytearray(quoted)
        for g in others:
            lo, hi = max(g.start, 0), min(g.end, len(free))
            if lo < hi:
                free[lo:hi] = bytes(hi - lo)
        return cls(
            pos,
            tag,
            dep,
            head,
            skip,
            frozenset((strings["VERB"], strings["AUX"])),
            strings["VBG"],
            frozenset((strings["nsubj"], strings["nsubjpass"])),
            frozenset(strings[d] for d in tail),
            cues,
            Counter(ctx.sent[g.cue_i] for g in others if g.cue_i is not None),
            Counter(tuple(ctx.lower[g.speaker[0] : g.speaker[1]]) for g in others if g.speaker is not None),
            Counter(id(g) for g in others),
            free,
            quoted.count(1) / len(quoted) if len(quoted) else 0.0,
            ctx.text,
            {},
        )

    def count(self, word: str) -> int:
        """``text.count(word)``: a speaker's surname is counted once per Doc, not once per statement."""
        n = self.counts.get(word)
        if n is None:
            n = self.counts[word] = self.text.count(word)
        return n

    def cues_in(self, start: int, end: int, but: int | None) -> int:
        """The cue words among tokens [start, end), the one at ``but`` left out."""
        n = bisect_left(self.cues, end) - bisect_left(self.cues, start)
        if but is not None and start <= but < end:
            k = bisect_left(self.cues, but)
            n -= k < len(self.cues) and self.cues[k] == but
        return n
