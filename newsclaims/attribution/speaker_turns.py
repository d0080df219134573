"""'I' and 'you' outside quotations: in a transcript whoever the turn's label names ('HARLAN: ...'), else the
writer and the reader.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from .speaker_state import ResolverBase, Speaker
from .speaker_words import _SECOND_PERSON

# A transcript turn's label: a name in capitals opening the line (after the quotation mark a transcript quoted whole
# opens each turn with), then a colon.
_TURN_LABEL = re.compile(r"[\"\u201c]?\s*([A-Z][A-Z'\u2019.-]+(?: [A-Z][A-Z'\u2019.-]+){0,2}):\s")


class Turns(ResolverBase):
    """Resolves 'I' and 'you' outside quotations."""

    def _turn(self, tok: Token) -> tuple[int, int] | None:
        """'HARLAN: Well, I think ...': in a transcript, 'I' is whoever the turn's label names, not the most salient
        person of the story around it."""
        line_start = self.text.rfind("\n", 0, tok.idx) + 1
        label = _TURN_LABEL.match(self.text, line_start)
        # A turn of several paragraphs: each further paragraph re-opens the quotation without a label.
        while label is None and self.text[line_start : line_start + 1] in ('"', "\u201c") and line_start > 0:
            line_start = self.text.rfind("\n", 0, line_start - 1) + 1
            while line_start > 0 and not self.text[line_start:].split("\n", 1)[0].strip():
                line_start = self.text.rfind("\n", 0, line_start - 1) + 1
            label = _TURN_LABEL.match(self.text, line_start)
        if label is None or label.end() > tok.idx:
            return None
        span = self.doc.char_span(label.start(1), label.end(1))
        return (span.start, span.end) if span is not None else None

    def _turn_label(self, span: Span) -> bool:
        """One capitalised word opening a transcript's line before its colon ('"HARLAN: ...') that the tagger reads
        as a person at some other turn, and that is no role, no group and no outlet ('HOST:', 'CNN:')."""
        if len(span) != 1 or not span.text.isupper():
            return False
        line_start = self.text.rfind("\n", 0, span.start_char) + 1
        label = _TURN_LABEL.match(self.text, line_start)
        if label is None or (label.start(1), label.end(1)) != (span.start_char, span.end_char):
            return False
        if not self._labels_of[span.text, "PERSON"]:
            return False
        low = span.text.lower()
        generic = (
            self.lex.role_words | self.lex.person_nouns | self.lex.group_heads | self.w.audience_nouns | self.w.roles
        )
        return low not in generic and self.w.synonyms.get(low, low) not in generic and not self._is_media(span)

    def _narrator(self, tok: Token, low: str) -> Speaker:
        """Outside quotation marks 'I' is the writer and 'you' the reader."""
        if low in _SECOND_PERSON:
            return Speaker("readers", "group", None, True)
        author = self.layout.author_at(tok.idx)
        if author is not None:
            return Speaker(author, "person", None, True)
        return Speaker("the author", "anonymous", None, True)
