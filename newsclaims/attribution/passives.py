"""Passives with an agent: 'The plan has been endorsed by forty unions', 'The leak was first reported by the Post'.

The passive's subject is what the agent said something about (the object of the active cue), and the agent is the
source.  Agentless passives are ``ReportedRules.evidential``'s; passives whose subject hears ('was told by', 'was
asked by') or needs a predicate ('was called a fraud by') are not read here, and neither are stances ('was backed
by'), which ``BeyondRules.stance_passives`` reads.  A participle that puts a topic to someone ('asked about X',
'pressed on X') has the topic for its content (``PassiveRules.asked_about``).
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
        for i, low in ctx.words(verbs):
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

    def asked_about(self, ctx: Context) -> list[Found]:
        """'Asked about the levy, the mayor said ...', 'when pressed on why the pier closed': the topic a speaker is
        questioned on is put to them as a claim to answer; the questioner (the agent, if named) is its source."""
        doc = ctx.doc
        out: list[Found] = []
        for i, low in ctx.words(_QUESTIONED):
            if low not in _QUESTIONED:
                continue
            tok = doc[i]
            if tok.tag_ != "VBN" or any(c.dep_ == "dobj" for c in tok.children):
                continue
            agent = next((c for c in tok.children if c.dep_ == "agent"), None)
            source = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
            # 'pressed by reporters about X': the parser may hang the topic on the questioner.
            heads = (tok, source) if source is not None else (tok,)
            preps = (c for h in heads for c in h.rights if c.dep_ == "prep" and c.lower_ in _TOPIC_PREPS)
            prep = next(preps, None)
            topic = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None) if prep else None
            if prep is None or topic is None:
                continue
            start, end = token_chars(doc, topic.left_edge.i, topic.right_edge.i)
            if end - start < 3:
                continue
            f = Found(start, end, "passive", "neutral", (tok.idx, tok.idx + len(tok.text)), i)
            if source is not None:
                first, last = mention(source)
                f.speaker = (first, min(last, prep.i))  # the questioner, not the topic hung on it
            out.append(f)
        return out


# Participles that put a topic to someone ('asked about X', 'pressed on X'), and the prepositions naming the topic.
_QUESTIONED = frozenset({"asked", "pressed", "questioned", "quizzed", "grilled"})
_TOPIC_PREPS = frozenset({"about", "on", "over"})
