"""Headline cues: 'Okafor Vows To Close The Pier', 'Okafor Seeks More Crews'.

A title-cased headline is no sentence to the tagger, which reads its verb as a plural noun ('Vows', 'Speaks') and
the name before it as that noun's compound, so the verb rules never see a cue there.  The headline's own layout
says enough: a name, a cue verb in the headline present tense, and the rest of the line as what was said.
"""

from __future__ import annotations

from .base import Context, Found, RuleBase, token_chars

# A headline is one short line followed by a blank line; longer first lines are body text.
HEADLINE_MAX_WORDS = 20
# 'Angry At The Board, Okafor Vows ...': the speaker is the few capitalised words right before the cue.
HEADLINE_SPEAKER_MAX = 5
# '... Speaks To Crews After Latest Strike': a trailing adjunct of time dates the statement; it is not said.
_TIME_ADJUNCTS = frozenset({"after", "amid", "following", "before", "ahead", "during"})


class HeadlineRules(RuleBase):
    def headline_cues(self, ctx: Context) -> list[Found]:
        text, doc = ctx.text, ctx.doc
        line_end = text.find("\n")
        if line_end <= 0 or not text[line_end:].startswith("\n\n") or not text[line_end:].strip():
            return []
        if len(text[:line_end].split()) > HEADLINE_MAX_WORDS:
            return []
        head = doc.char_span(0, line_end, alignment_mode="contract")
        toks = [t for t in head if not t.is_space] if head is not None else []
        for k, tok in enumerate(toks):
            cue = self.lex.verbs.get(tok.lower_)
            if k == 0 or cue is None or not tok.lower_.endswith("s") or not tok.text[:1].isalpha():
                continue
            if tok.dep_ in ("nsubj", "nsubjpass"):
                continue  # 'Plant Rules Face A Test': the noun reading, with a verb of its own after it
            # The speaker: capitalised words back to the line start or a comma, with at least one name.
            s = k
            while s > 0 and k - s < HEADLINE_SPEAKER_MAX and toks[s - 1].text[:1].isupper():
                s -= 1
            speaker = toks[s:k]
            opening = s == 0 or toks[s - 1].text == ","
            if not speaker or not opening or not any(t.pos_ == "PROPN" for t in speaker):
                return []
            rest = toks[k + 1 :]
            cut = next((j for j, t in enumerate(rest) if j > 0 and t.lower_ in _TIME_ADJUNCTS), len(rest))
            rest = rest[:cut]
            if len([t for t in rest if t.is_alpha]) < 2:
                return []
            start, end = token_chars(doc, rest[0].i, rest[-1].i)
            f = Found(start, end, "headline", self.meaning_of(cue.meaning, None), (tok.idx, tok.idx + len(tok.text)))
            f.cue_i = tok.i
            f.speaker = (speaker[0].i, speaker[-1].i + 1)
            return [f]
        return []
