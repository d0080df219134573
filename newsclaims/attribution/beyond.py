"""Claims worded beyond a verb of saying that need more than a word list:

* a stance noun voiced through a light verb (``voiced concern about the levy``, ``made the case for a bridge``) or an
  undertaking made through one (``signed an agreement to share the plant``);
* a predicative adjective of stance with its object (``the mayor is critical of the plan``);
* a judgement with an expletive subject (``it is clear that the dam will hold``), or one its subject makes
  (``she made it clear that the dam will hold``);
* a stance in the passive with its holder as agent (``the plan is backed by the unions``), or one received
  (``the agency came under criticism for its silence``);
* an evidential adverb (``the driver allegedly ran a red light``);
* an impression beyond 'seems to' (``the timetable looks unworkable``, ``the bypass can seem like a road to nowhere``);
* an agentless passive that labels or judges (``the bridge is considered a danger``);
* a stance felt by the object (``the curfew has angered shop owners``) or stated after the copula (``the mayor is
  against the stadium``, ``residents are in favour of the bypass``);
* a poll named after its clause (``she gained ground in the latest polls``)."""

from __future__ import annotations

from spacy.tokens import Token

from .base import Context, Found, RuleBase, clip, held, subject_before, subject_of, token_chars
from .passives import passive_with_agent
from .phrases import curly_be


class BeyondRules(RuleBase):
    def voiced_stances(self, ctx: Context, found: list[Found]) -> list[Found]:
        """'Residents voiced strong concern over the levy', 'she has doubts about the plan': the stance noun's
        preposition names what the stance is about, so that is the content, and the verb's subject holds it.  A verb
        of saying read the whole object as its content ('expressed concern about X'): this reading replaces it.
        Returns ``found`` with these statements added."""
        doc = ctx.doc
        out: list[Found] = []
        replaced: set[int] = set()
        stances, commitments = self.lex.stance_nouns, self.lex.commitment_nouns
        for i, low in ctx.words(stances, commitments):
            if low not in stances and low not in commitments:
                continue
            noun = doc[i]
            verb = noun.head
            if noun.dep_ != "dobj" or verb.lower_ not in self.lex.stance_light_verbs or not verb.tag_.startswith("VB"):
                continue
            denied = any(c.lower_ == "no" for c in noun.children) and low not in self.lex.litotes_nouns
            if any(c.dep_ == "neg" for c in verb.children) or denied:
                continue  # 'has no doubts about', 'did not raise concerns': the stance is not held
            if low in stances:
                meaning, preps = stances[low]
                obj = _stance_object(noun, verb, preps)
            else:
                # 'signed an agreement to share the plant', 'has plans to rebuild the pier': what is undertaken
                meaning, obj = "intention", _undertaking(noun)
            subj = subject_of(verb)
            if obj is None or subj is None or subj.lower_ in ("it", "there", "that", "which", "what"):
                continue
            last = obj.head if obj.dep_ in ("pobj", "pcomp") else noun
            cue_span = (verb.idx, last.idx + len(last.text))
            f = held(
                ctx,
                obj.left_edge.i,
                obj.right_edge.i,
                verb.idx,
                "stance_noun",
                meaning,
                cue_span,
                verb.i,
                subj,
                shortest=3,
            )
            if f is None:
                continue
            replaced.add(verb.i)
            out.append(f)
        return [g for g in found if g.cue_i not in replaced] + out

    def impersonal_judgements(self, ctx: Context) -> list[Found]:
        """'It is clear that the dam will hold', 'it was obvious the mayor had lost interest': the writer (or no one
        named) judges the clause true; the clause is the content and there is no speaker.  'It is not clear
        whether ...' judges nothing and is left alone."""
        doc = ctx.doc
        out: list[Found] = []
        for i, low in ctx.words(self.lex.impersonal_adjectives):
            if low not in self.lex.impersonal_adjectives:
                continue
            adj = doc[i]
            be = adj.head
            if (
                adj.dep_ != "acomp"
                or not (be.lemma_ == "be" or curly_be(be))
                or any(c.dep_ == "neg" for c in be.children)
            ):
                continue
            subj = next((c for c in be.children if c.dep_ in ("nsubj", "expl") and c.i < be.i), None)
            if subj is None or subj.lower_ != "it":
                continue
            clause = next(
                (c for c in (*adj.children, *be.children) if c.dep_ == "ccomp" and c.i > adj.i and _finite(c)), None
            )
            if clause is None:
                continue
            start, end = token_chars(doc, clause.left_edge.i, clause.right_edge.i)
            start, end = clip(ctx.text, start, end, adj.idx)
            if end - start < 3:
                continue
            out.append(Found(start, end, "evidential", "assertive", (subj.idx, adj.idx + len(adj.text)), adj.i))
        return out

    def made_clear(self, ctx: Context) -> list[Found]:
        """'The minister made it clear that the hospital would stay open', 'she made plain she had doubts': the
        subject declares the clause; the clause is the content."""
        doc = ctx.doc
        out: list[Found] = []
        for i, low in ctx.words(self.lex.impersonal_adjectives):
            if low not in self.lex.impersonal_adjectives:
                continue
            adj = doc[i]
            verb = adj.head
            if verb.lower_ not in _MAKE or adj.dep_ not in ("ccomp", "oprd", "acomp", "xcomp") or adj.i < verb.i:
                continue
            clause = next(
                (c for c in (*adj.children, *verb.children) if c.dep_ in ("ccomp", "advcl") and c.i > adj.i), None
            )
            subj = subject_of(verb)
            if clause is None or not _finite(clause) or subj is None or subj.lower_ in ("it", "there", "that"):
                continue
            cue_span = (verb.idx, adj.idx + len(adj.text))
            f = held(
                ctx,
                clause.left_edge.i,
                clause.right_edge.i,
                adj.idx,
                "verb",
                "assertive",
                cue_span,
                verb.i,
                subj,
                shortest=3,
            )
            if f is not None:
                out.append(f)
        return out

    def stance_passives(self, ctx: Context) -> list[Found]:
        """'The levy is backed by most farmers', 'his views were echoed by two economists': a stance verb in the
        passive with a by-agent; the agent holds the stance and the subject is what it is about.  Verbs that only
        report ('was described by') take no stance and are left to the verb rules."""
        doc = ctx.doc
        out: list[Found] = []
        verbs = self.lex.verbs
        for i, low in ctx.words(verbs):
            cue = verbs.get(low)
            if cue is None or "o" not in cue.frames or cue.meaning in _NO_STANCE:
                continue
            verb = doc[i]
            parts = passive_with_agent(verb)
            if parts is None:
                continue
            subj, holder = parts
            children = list(verb.children)
            if cue.lemma in _PHYSICAL and not self._agentive(holder):
                continue  # 'the roof was supported by four beams': a physical sense, not a stance
            if subj.lower_ in ("it", "this", "that", "which", "who", "what", "there"):
                continue  # a relative or anaphoric subject carries no content of its own
            first = min([c.i for c in children if c.dep_ in ("aux", "auxpass") and c.i < verb.i] + [verb.i])
            cue_span = (doc[first].idx, verb.idx + len(verb.text))
            meaning = self.meaning_of(cue.meaning, holder)
            f = held(ctx, subj.left_edge.i, subj.right_edge.i, verb.idx, "verb", meaning, cue_span, verb.i, holder)
            if f is not None:
                out.append(f)
        return out

    def evidential_adverbs(self, ctx: Context) -> list[Found]:
        """'The driver allegedly ran a red light', 'the company is reportedly weighing a sale': the adverb makes its
        clause a claim of someone unnamed; the clause, subject and adverb included, is the content."""
        doc = ctx.doc
        out: list[Found] = []
        for i, low in ctx.words(self.lex.evidential_adverbs):
            meaning = self.lex.evidential_adverbs.get(low)
            if meaning is None:
                continue
            adv = doc[i]
            verb = adv.head
            if adv.dep_ != "advmod" or verb.pos_ not in ("VERB", "AUX"):
                continue
            subj = subject_before(verb, verb.i)
            if subj is None:
                continue
            start, end = token_chars(doc, min(subj.left_edge.i, adv.i), verb.right_edge.i)
            start, end = clip(ctx.text, start, end, adv.idx)
            out.append(Found(start, end, "evidential", meaning, (adv.idx, adv.idx + len(adv.text)), adv.i))
        return out

    def impressions(self, ctx: Context) -> list[Found]:
        """'The timetable looks unworkable', 'the bypass can seem like a road to nowhere', 'That sounds unlikely': an
        impression whose holder goes unnamed (hedged, no speaker); the whole clause, cue included, is the content.
        ``ReportedRules.evidential`` reads 'seems to' and 'seems a problem' with a subject that is not a pronoun; this
        reads looks and sounds with their adjective, 'seem like', and a demonstrative subject ('That seems odd').
        'Looked at', 'looks to expand' and 'seems to me' (a holder named) are no impressions."""
        doc = ctx.doc
        out: list[Found] = []
        lex = self.lex
        for i, low in ctx.words(lex.appearance_verbs, lex.impression_verbs):
            looks = low in lex.appearance_verbs
            if not looks and low not in lex.impression_verbs:
                continue
            verb = doc[i]
            if verb.pos_ not in ("VERB", "AUX") or verb.dep_ == "relcl":
                continue
            children = list(verb.children)
            subj = next((c for c in children if c.dep_ in ("nsubj", "csubj") and c.i < verb.i), None)
            if subj is None or subj.lower_ in ("it", "there", "what", "which", "who"):
                continue
            if any(c.dep_ in ("prep", "dative") and c.lower_ == "to" and c.i == verb.i + 1 for c in children):
                continue  # 'seems to me': a holder named
            later = [c for c in children if c.i > verb.i]
            if looks:
                comp = next((c for c in later if c.dep_ == "acomp"), None)
            elif subj.lower_ in ("this", "that") or subj.dep_ == "csubj":
                # 'That seems odd', 'walking there seems too far': subjects the 'seems to' rule leaves alone.
                comp = next((c for c in later if c.dep_ in ("acomp", "attr", "oprd") or _liken(c)), None)
            else:
                comp = next((c for c in later if _liken(c)), None)
            if comp is None or (low.startswith("appear") and comp.dep_ != "prep"):
                continue
            last = max(c.right_edge.i for c in later if c.dep_ not in _JOINED)
            start, end = token_chars(doc, subj.left_edge.i, last)
            start, end = clip(ctx.text, start, end, verb.idx)
            first = min([c.i for c in children if c.dep_ in ("aux", "neg") and c.i < verb.i] + [verb.i])
            out.append(Found(start, end, "evidential", "hedged", (doc[first].idx, verb.idx + len(verb.text)), verb.i))
        return out

    def labelling_passives(self, ctx: Context) -> list[Found]:
        """'The old bridge is considered a danger', 'the levy was widely viewed as unfair', 'he was dubbed the winner':
        an agentless passive that labels or judges its subject reports a judgement whose holder goes unnamed; like the
        evidential passives, the clause up to the judgement (subject and cue included) is the content, hedged, with no
        speaker.  With its agent ('viewed as unfair by farmers') the agent holds it and other rules read it."""
        doc = ctx.doc
        out: list[Found] = []
        for i, low in ctx.words(self.lex.labelling_passives):
            if low not in self.lex.labelling_passives:
                continue
            verb = doc[i]
            if verb.tag_ != "VBN":
                continue
            children = list(verb.children)
            subj = next((c for c in children if c.dep_ == "nsubjpass" and c.i < verb.i), None)
            aux = [c for c in children if c.dep_ in ("aux", "auxpass") and c.i < verb.i]
            if subj is None or not any(c.dep_ == "auxpass" for c in aux) or any(c.dep_ == "agent" for c in children):
                continue
            if subj.tag_ in ("WDT", "WP") or subj.lower_ == "that":
                continue  # 'which is considered ...': the subject is the antecedent, elsewhere
            label = next(
                (
                    c
                    for c in children
                    if c.i > verb.i and (c.dep_ in ("oprd", "attr") or (c.dep_ == "prep" and c.lower_ == "as"))
                ),
                None,
            )
            if label is None:
                continue
            # 'was seen as a failure, while its rival ...': a clause joined after the judgement is not part of it.
            last = max(c.right_edge.i for c in children if c.i > verb.i and c.dep_ not in _JOINED)
            start, end = token_chars(doc, subj.left_edge.i, last)
            start, end = clip(ctx.text, start, end, verb.idx)
            out.append(Found(start, end, "evidential", "hedged", (aux[0].idx, verb.idx + len(verb.text)), verb.i))
        return out

    def felt_stances(self, ctx: Context) -> list[Found]:
        """'The new curfew has angered shop owners', 'the slow repairs worry residents': the object feels the stance and
        its subject is what the stance is about; in the passive ('owners were unsettled by the curfew') the subject
        feels it and the agent is its object.  Only someone can feel ('the case concerns a contract' is no stance)."""
        doc = ctx.doc
        out: list[Found] = []
        for i, low in ctx.words(self.lex.felt_stances):
            meaning = self.lex.felt_stances.get(low)
            if meaning is None:
                continue
            verb = doc[i]
            if verb.pos_ != "VERB" or any(c.dep_ == "neg" for c in verb.children):
                continue
            parts = passive_with_agent(verb)
            if parts is not None:
                holder, what = parts
            else:
                subj = next((c for c in verb.children if c.dep_ in ("nsubj", "csubj") and c.i < verb.i), None)
                obj = next((c for c in verb.rights if c.dep_ == "dobj"), None)
                if subj is None or obj is None:
                    continue
                holder, what = obj, subj
            if what.tag_ in ("WDT", "WP", "EX") or what.lower_ in ("it", "which", "who") or verb.dep_ == "relcl":
                continue  # a relative or expletive subject: what the stance is about lies elsewhere
            if what.lower_ in self.lex.nouns or what.lower_ in self.lex.stance_nouns:
                continue  # 'the governor's plan to close schools angered parents': the plan is the claim read
            if not self._agentive(holder) and not holder.lower_.endswith(("ist", "ists")):
                continue  # ('environmentalists', 'economist': people by their calling)
            first = min([c.i for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i] + [verb.i])
            cue_span = (doc[first].idx, verb.idx + len(verb.text))
            f = held(ctx, what.left_edge.i, what.right_edge.i, verb.idx, "verb", meaning, cue_span, verb.i, holder)
            if f is not None:
                out.append(f)
        return out

    def copular_stances(self, ctx: Context) -> list[Found]:
        """'The mayor is firmly against the stadium', 'residents are in favour of the bypass', 'leaders are in despair
        over the talks': the copula's subject holds a stance towards the preposition's object.  Only someone holds
        one ('the ladder is against the wall')."""
        doc = ctx.doc
        out: list[Found] = []
        stances = self.lex.copular_stances
        for i, low in ctx.words(stances):
            if low not in stances or low == "in":
                continue
            tok = doc[i]
            if tok.pos_ == "ADP":
                prep, meaning, obj = tok, stances[low][0], next((c for c in tok.children if c.dep_ == "pobj"), None)
            elif tok.dep_ == "pobj" and tok.head.lower_ == "in":
                prep, (meaning, preps) = tok.head, stances[low]
                inner = next((c for c in tok.rights if c.dep_ == "prep" and c.lower_ in preps), None)
                obj = next((c for c in inner.children if c.dep_ in ("pobj", "pcomp")), None) if inner else None
            else:
                continue
            be = prep.head
            if prep.dep_ != "prep" or obj is None or not (be.lemma_ == "be" or curly_be(be)):
                continue
            subj = next((c for c in be.children if c.dep_ == "nsubj" and c.i < prep.i), None)
            if subj is None or any(c.dep_ == "neg" for c in be.children) or not self._agentive(subj):
                continue
            if subj.tag_ in ("WDT", "WP"):
                continue
            last = obj.head if obj.head.i != prep.i else tok
            cue_span = (prep.idx, last.idx + len(last.text))
            f = held(ctx, obj.left_edge.i, obj.right_edge.i, prep.idx, "adjective", meaning, cue_span, tok.i, subj)
            if f is not None:
                out.append(f)
        return out

    def in_polls(self, ctx: Context) -> list[Found]:
        """'The senator did not get a bump in the first polls after the debate', 'she leads in one of the surveys':
        a poll or survey named after its clause by 'in' is the source of the clause (evidence), like a fronted 'In
        the latest survey, ...'.  A figure 'in the last poll' that modifies a noun is left alone."""
        doc = ctx.doc
        out: list[Found] = []
        for i, low in ctx.words(("in",)):
            if low != "in":
                continue
            prep = doc[i]
            head = prep.head
            if head.dep_ in ("dobj", "attr", "acomp"):
                head = head.head  # 'got a bounce in the polls': the parser may hang the phrase on the object
            if prep.dep_ != "prep" or head.pos_ not in ("VERB", "AUX") or head.i > prep.i:
                continue
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            poll = _poll_of(obj, self.lex.poll_words) if obj is not None else None
            subj = subject_before(head, head.i)
            if obj is None or poll is None or subj is None or self.verb_cue(head) is not None:
                continue
            cue_span = (prep.idx, prep.idx + len(prep.text))
            f = held(
                ctx,
                subj.left_edge.i,
                prep.i - 1,
                prep.idx,
                "in_document",
                "evidence",
                cue_span,
                prep.i,
                obj,
                shortest=3,
            )
            if f is not None:
                out.append(f)
        return out

    def received_stances(self, ctx: Context) -> list[Found]:
        """'The agency came under sharp criticism for its silence', 'she faced criticism from her own party': a stance
        someone else takes towards the subject.  What it is for is the content (the subject itself when nothing is
        named), and the 'from' phrase, if any, holds the stance."""
        doc = ctx.doc
        out: list[Found] = []
        for i, low in ctx.words(self.lex.reception_nouns):
            meaning = self.lex.reception_nouns.get(low)
            if meaning is None:
                continue
            noun = doc[i]
            verb = noun.head
            if noun.dep_ == "dobj" and verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.lower_ == "under":
                verb = verb.head.head  # 'came under withering criticism': the parser reads the adjective as a verb
            elif noun.dep_ == "pobj" and verb.lower_ == "under":
                verb = verb.head  # 'came under criticism'
            elif noun.dep_ != "dobj" or verb.lower_ not in self.lex.reception_verbs:
                continue
            if not verb.tag_.startswith("VB") or any(c.dep_ == "neg" for c in verb.children):
                continue
            subj = subject_before(verb, verb.i)
            if subj is None:
                continue
            # The deed may hang on the noun, on the verb, or on a participle the parser put between them.
            later = (*noun.rights, *[c for c in (*noun.head.rights, *verb.rights) if c.i > noun.i])
            deed = next((c for c in later if c.dep_ == "prep" and c.lower_ in ("for", "over")), None)
            source = next((c for c in later if c.dep_ == "prep" and c.lower_ == "from"), None)
            what = next((c for c in deed.children if c.dep_ in ("pobj", "pcomp")), None) if deed is not None else None
            holder = next((c for c in source.children if c.dep_ == "pobj"), None) if source is not None else None
            i, j = (what.left_edge.i, what.right_edge.i) if what is not None else (subj.left_edge.i, subj.right_edge.i)
            last = deed if deed is not None else noun
            f = held(ctx, i, j, noun.idx, "stance_noun", meaning, (verb.idx, last.idx + len(last.text)), noun.i, holder)
            if f is not None:
                out.append(f)
        return out

    def stance_adjectives_of(self, ctx: Context) -> list[Found]:
        """'Voters are worried about the closures', 'the mayor is critical of the plan', 'she remains opposed to the
        merger': a predicative adjective of stance with a preposition; its object is the content and the subject
        holds the stance."""
        doc = ctx.doc
        out: list[Found] = []
        adjectives = self.lex.stance_adjectives
        for i, low in ctx.words(adjectives):
            entry = adjectives.get(low)
            if entry is None:
                continue
            adj = doc[i]
            holder = adj.head
            if (
                adj.dep_ != "acomp"
                or holder.pos_ not in ("VERB", "AUX")
                or any(c.dep_ == "neg" for c in holder.children)
            ):
                continue
            meaning, preps = entry
            prep = next((c for c in adj.rights if c.dep_ == "prep" and c.lower_ in preps), None)
            obj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None) if prep is not None else None
            subj = next((c for c in holder.children if c.dep_ == "nsubj" and c.i < adj.i), None)
            if prep is None or obj is None or subj is None or subj.lower_ in ("it", "there", "this", "that", "which"):
                continue
            if obj.tag_ in ("WDT", "WP") or obj.lower_ == "that":
                continue  # 'the cause that she is passionate about': the content is the antecedent, elsewhere
            cue_span = (adj.idx, prep.idx + len(prep.text))
            f = held(ctx, obj.left_edge.i, obj.right_edge.i, adj.idx, "adjective", meaning, cue_span, adj.i, subj)
            if f is not None:
                out.append(f)
        return out

    def _agentive(self, tok: Token, depth: int = 0) -> bool:
        """Can ``tok`` hold a stance: a named person, group or outlet, a pronoun, a word for people or a newsroom
        ('critics', 'fellow physicians', 'dozens of newspapers', '42 percent of those asked')."""
        if tok.ent_type_ in _AGENT_ENTITIES or tok.pos_ in ("PROPN", "PRON"):
            return True
        lex = self.lex
        for word in (tok.lower_, tok.lower_[:-1] if tok.tag_ == "NNS" else tok.lower_):
            if word in lex.group_heads or word in lex.person_nouns or word in lex.role_words or word in lex.media_words:
                return True
        part = next((c for c in tok.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
        whole = next((c for c in part.children if c.dep_ == "pobj"), None) if part is not None else None
        return depth < 2 and whole is not None and self._agentive(whole, depth + 1)


def _poll_of(obj: Token, polls: frozenset[str]) -> Token | None:
    """The poll an 'in' phrase names: its object ('in new polls') or what that is a part of ('in one of the polls')."""
    if obj.lower_ in polls:
        return obj
    part = next((c for c in obj.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
    whole = next((c for c in part.children if c.dep_ == "pobj"), None) if part is not None else None
    return whole if whole is not None and whole.lower_ in polls else None


# Verbs of plain reporting ('was described by', 'was cited by'): their passive names no stance of the agent's.
_NO_STANCE = frozenset({"neutral", "intention"})


_MAKE = frozenset({"make", "makes", "made", "making"})
_AGENT_ENTITIES = frozenset({"PERSON", "NORP", "ORG", "GPE"})
# Stance verbs with a common physical or financial sense ('backed by a fund', 'defended by a garrison').
_PHYSICAL = frozenset({"support", "back", "defend"})


def _stance_object(noun: Token, verb: Token, preps: frozenset[str]) -> Token | None:
    """The object of the stance noun's preposition, which the parser hangs on the noun or on the verb after it."""
    for prep in (*noun.rights, *[c for c in verb.rights if c.i > noun.i]):
        if prep.dep_ == "prep" and prep.lower_ in preps:
            return next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
    return None


def _undertaking(noun: Token) -> Token | None:
    """The infinitive that says what an agreement, plan or pledge commits to ('a deal to cut tariffs')."""
    inf = next((c for c in noun.rights if c.dep_ in ("acl", "relcl") and c.tag_ == "VB"), None)
    if inf is None or not any(c.dep_ == "aux" and c.lower_ == "to" and c.i < inf.i for c in inf.children):
        return None
    return inf


def _finite(clause: Token) -> bool:
    """A clause with a subject of its own ('that the dam will hold'), not 'whether' or 'what' (a question)."""
    marks = [c.lower_ for c in clause.children if c.dep_ in ("mark", "advmod")]
    if any(m in ("whether", "if", "how", "why", "what", "when") for m in marks):
        return False
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)


# Dependents of a verb that join another clause or stand apart from it.
_JOINED = frozenset({"advcl", "conj", "cc", "punct", "parataxis", "ccomp"})


def _liken(tok: Token) -> bool:
    """'seem like a road to nowhere': the comparison an impression draws."""
    return tok.dep_ == "prep" and tok.lower_ == "like"
