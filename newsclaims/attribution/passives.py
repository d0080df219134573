"""Passives with an agent: 'The plan has been endorsed by forty unions', 'The leak was first reported by the Post'.

The passive's subject is what the agent said something about (the object of the active cue), and the agent is the
source.  Agentless passives are ``ReportedRules.evidential``'s; passives whose subject hears ('was told by', 'was
asked by') or needs a predicate ('was called a fraud by') are not read here, and neither are stances ('was backed
by'), which ``BeyondRules.stance_passives`` reads.
"""

from __future__ import annotations

from spacy.tokens import Token

from .base import Context, Found, RuleBase, mention, token_chars

# Object cues whose passive subject is not simply what was said: a hearer, a target with a charge, or a label.
_NOT_CONTENT = frozenset(
    {"ask", "call", "label", "describe", "accuse", "blame", "want", "request", "question", "challenge", "show"}
)


# Meanings of verbs that report rather than take a stance; stance verbs have their own passive rule.
_REPORTING = frozenset({"neutral", "intention"})


def passive_with_agent(verb: Token) -> tuple[Token, Token] | None:
    """The subject and the agent's noun of a passive participle with a by-agent ('the plan was backed by the
    unions' -> plan, unions), or None when the verb is not one."""
    if verb.tag_ != "VBN":
        return None
    children = list(verb.children)
    subj = next((c for c in children if c.dep_ == "nsubjpass" and c.i < verb.i), None)
    agent = next((c for c in children if c.dep_ == "agent" and c.i > verb.i), None)
    source = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    if subj is None or source is None or not any(c.dep_ == "auxpass" for c in children):
        return None
    return subj, source


class PassiveRules(RuleBase):
    def agent_passives(self, ctx: Context) -> list[Found]:
        doc = ctx.doc
        out: list[Found] = []
        verbs = self.lex.verbs
        for i, low in enumerate(ctx.lower):
            cue = verbs.get(low)
            if cue is None or "o" not in cue.frames or "t" in cue.frames or cue.lemma in _NOT_CONTENT:
                continue
            if cue.meaning not in _REPORTING:
                continue  # a stance in the passive ('was backed by') is BeyondRules.stance_passives'
            tok = doc[i]
            parts = passive_with_agent(tok)
            if parts is None:
                continue
            subj, source = parts
            if subj.tag_ in ("WDT", "WP", "PRP", "EX") or subj.lower_ in ("that", "this"):
                continue  # 'which was backed by', 'it was reported by': the content lies elsewhere
            start, end = token_chars(doc, subj.left_edge.i, subj.right_edge.i)
            if end - start < 3:
                continue
            meaning = self.meaning_of(cue.meaning, source)
            f = Found(start, end, "passive", meaning, (tok.idx, tok.idx + len(tok.text)), i)
            f.speaker = mention(source)
            out.append(f)
        return out
