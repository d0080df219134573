"""Reported speech: a cue verb with a clausal or object complement, a cue set off after its content
(``..., experts said``), a long sentence-final speaker folded into the content, and relays
(``X said, TASS reported``)."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from .base import (
    QUOTE_CHARS,
    SUBJ_DEPS,
    Context,
    Found,
    RuleBase,
    clip,
    segment_start,
    split_names,
    subject_of,
    token_chars,
)
from .lexicon import VerbCue
from .spans import before_next_cue

# '<content>, <speaker phrase>, told AFP.': after the cue only a short adjunct may follow ('on Tuesday', 'in a
# statement'); a longer tail is a clause of its own and the layout reading does not apply.
FINAL_CUE_TAIL = 5
# The comma-delimited speaker phrase of a final cue: a name with a description fits in 25 tokens; longer is a
# clause of content.
FINAL_SPEAKER_MAX = 25
# 'X added:' (or 'X said in a statement:') closing its paragraph: a short frame, the colon, then the break.
_COLON_BREAK = re.compile(r"[^\n:.!?;\"\u201c\u201d]{0,40}:[ \t]*\n\s*")
# Fewer than 4 tokens before the speaker phrase is a fragment ('Yes, ...'), not a content.
FINAL_CONTENT_MIN = 4


class ReportedRules(RuleBase):
    def final_cue(self, ctx: Context, verb: Token) -> tuple[tuple[int, int], tuple[int, int]] | None:
        """'<content>, <speaker phrase>, told AFP.' -- the small parser often swallows a long sentence-final
        speaker into the content (as an apposition or conjunct).  Read the layout instead: the speaker is the
        comma-delimited phrase before the cue, widened over a name when that phrase is a description ("Ahn,
        a researcher who..."); the content is the rest of the sentence before it.  Returns (content, speaker)
        token ranges, both [i, j)."""
        doc = verb.doc
        cue = self.verb_cue(verb)
        object_content = cue is not None and "o" in cue.frames and "t" not in cue.frames
        if object_content and any(c.dep_ == "dobj" for c in verb.rights):
            return None  # 'A; Okafor, others vow changes': the object after the cue is its content
        sent_start, sent_end = ctx.sent[verb.i]
        tail = [t for t in doc[verb.i + 1 : sent_end] if not (t.is_punct or t.is_space)]
        if len(tail) > FINAL_CUE_TAIL or any(t.pos_ in ("VERB", "AUX") or t.text in QUOTE_CHARS for t in tail):
            return None
        commas = [t.i for t in doc[sent_start : verb.i] if t.text == ","]
        if not commas:
            return None
        seg_start = commas[-1] + 1
        if seg_start >= verb.i:  # ", X, a researcher who ..., told" -> the comma right before the cue closes the phrase
            if len(commas) < 2:
                return None
            commas.pop()
            seg_start = commas[-1] + 1
        seg = doc[seg_start : verb.i]
        if not any(t.pos_ in ("PROPN", "NOUN", "PRON") for t in seg) or len(seg) > FINAL_SPEAKER_MAX:
            return None
        if any(t.pos_ in ("VERB", "AUX") and t.dep_ not in ("relcl", "acl", "amod") for t in seg):
            return None
        if seg[0].lower_ in ("a", "an") and len(commas) >= 2:
            prev = doc[commas[-2] + 1 : commas[-1]]
            if 0 < len(prev) <= 6 and all(t.pos_ == "PROPN" or t.is_punct for t in prev):
                seg_start = prev.start
                commas.pop()
        content_end = commas[-1]
        if content_end - sent_start < FINAL_CONTENT_MIN:
            return None
        end = verb.i
        while end > seg_start and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        return (sent_start, content_end - 1), (seg_start, end)

    def _content_of(self, verb: Token, cue: VerbCue) -> tuple[int, int] | None:
        """Token range [i, j] of the complement that carries the content, on the cue's right or left."""
        if "a" in cue.frames:
            return self._object_with_complement(verb, cue)
        clausal = [c for c in verb.children if c.dep_ == "ccomp"]
        if clausal and "c" not in cue.frames and "o" in cue.frames:
            # 'cited remarks Trump had made about X': a cue that takes no clause has an object with a reduced
            # relative clause, which the parser reads as a complement clause of the cue.
            obj = next((d for d in verb.rights if d.dep_ == "dobj"), None)
            after = [c for c in clausal if obj is not None and c.left_edge.i == obj.right_edge.i + 1]
            if obj is not None and after:
                return obj.left_edge.i, self._clause_end(after[0])
        left = [c for c in clausal if c.i < verb.i]
        right = [c for c in clausal if c.i > verb.i]
        completed = any(c.dep_ in ("dobj", "ccomp", "xcomp") and c.i > verb.i for c in verb.children)
        # 'Leaders denounce the test; Obama, others vow consequences': a semicolon after the first clause's root,
        # even one the parser folds into that clause, parts it from a cue that has its own complement.
        parted = left[-1].i if left and completed else left[-1].right_edge.i if left else verb.i
        if left and any(t.text in (":", ";") for t in verb.doc[parted + 1 : verb.i]):
            # 'X set off fireworks: Republicans said they ...', 'The strike goes on; the unions vow walkouts': the
            # clause before the colon or semicolon is not what they said; the cue's own complement (a clause, an
            # object, a preposition's object) is.
            clausal = right
        elif left and right and not any(t.text == "," for t in verb.doc[verb.i + 1 : right[0].left_edge.i]):
            # 'While he admitted A, Dorne noted B' / 'Writing for a panel that agreed A, Ring noted that B': the
            # parser hangs the opening clause on the cue too; the clause that follows the cue unbroken is the
            # content ('A, the engineer said, B' keeps its comma and reads as one interrupted claim).
            clausal = right
        if not clausal and "x" in cue.frames:
            clausal = [c for c in verb.children if c.dep_ == "xcomp"]
        if not clausal and "x" in cue.frames and "t" in cue.frames:
            # 'told supporters at a rally to go and vote': after an adjunct the parser reads the infinitive as a
            # purpose clause; told to a hearer, it is what the hearer was told to do.
            clausal = [c for c in verb.rights if c.dep_ == "advcl" and c.tag_ == "VB" and _to_infinitive(c)][:1]
        if not clausal and "t" in cue.frames and "c" in cue.frames:
            # 'told a gathering of mayors that few cities ...': the parser reads the content clause as a relative
            # clause of the hearer; a real relative 'that' is the clause's subject or object, never its marker.
            hearer = next((c for c in verb.rights if c.dep_ in ("dobj", "dative")), None)
            if hearer is not None:
                rel = [
                    r
                    for t in hearer.subtree
                    for r in t.rights
                    if r.dep_ == "relcl"
                    and any(m.dep_ == "mark" and m.lower_ == "that" for m in r.children)
                    and any(m.dep_ in SUBJ_DEPS for m in r.children)
                ]
                if rel:
                    return rel[0].left_edge.i, self._clause_end(rel[0])
        if not clausal and "c" in cue.frames:
            clausal = [c for c in verb.rights if c.dep_ == "advcl" and _that_clause(c)]
            adverbial = next((c for c in verb.rights if c.dep_ == "advcl" and _bare_finite_clause(c)), None)
            if not clausal and adverbial is not None:
                # 'stated at the hearing the mill would stay open': the parser reads the complement clause as an
                # adverbial because an adjunct sits between; the content starts at the clause's subject.
                subj = next(d for d in adverbial.children if d.dep_ in ("nsubj", "nsubjpass"))
                return subj.left_edge.i, self._clause_end(adverbial)
            timed = self._clause_after_adjunct(verb)
            if not clausal and timed is not None:
                return timed.left_edge.i + 1, self._clause_end(timed)  # after its 'that'
        if clausal:
            c = clausal[0]
            i, j = c.left_edge.i, self._clause_end(c)
            # 'thinks the attention being paid to X proves Y': a non-finite clause cannot be the
            # complement itself; it is the subject of the next clause, which the parser cut off.
            nxt = clausal[1] if len(clausal) > 1 else None
            if nxt is not None and verb.i < c.i < nxt.i and _non_finite(c) and nxt.left_edge.i == j + 1:
                j = max(j, self._clause_end(nxt))
            if c.dep_ == "xcomp" and c.i > verb.i and verb.tag_ != "VB":
                # 'wants to triple X, grow Y and create Z': bare infinitives hung on the cue continue its content.
                for conj in verb.rights:
                    bare = not any(d.dep_ in (*SUBJ_DEPS, "aux") for d in conj.children)
                    if conj.dep_ == "conj" and conj.tag_ == "VB" and conj.i > j and bare:
                        j = max(j, conj.right_edge.i)
            if c.i > verb.i:
                i = _after_time_adjuncts(c, i)
                j = self._continued_content(verb, c, j)
            if c.i > verb.i and not any(d.dep_ in SUBJ_DEPS for d in c.children) and "t" not in cue.frames:
                # 'think the outreach was phony': the clause's subject misread as the cue's object.
                obj = next((d for d in verb.rights if d.dep_ == "dobj" and d.i < c.left_edge.i), None)
                if obj is not None and obj.left_edge.i > verb.i:
                    i = obj.left_edge.i
            if i < verb.i < j:
                i, j = (verb.i + 1, j) if c.i > verb.i else (i, verb.i - 1)
            return i, j
        much = next((c for c in verb.rights if c.lower_ == "much" and any(a.lower_ == "as" for a in c.children)), None)
        if "c" in cue.frames and much is not None:
            return much.left_edge.i, much.i  # 'said as much (at a rally)': the anaphor is what was said
        # Time adjuncts sit between a cue and its object: 'unveiled on Monday a plan for ...'.
        rights = [c for c in verb.rights if not (c.is_punct or c.dep_ in ("prt", "advmod", "npadvmod") or _temporal(c))]
        if not rights:
            return None
        first = rights[0]
        if "o" in cue.frames and first.dep_ in ("dobj", "dative"):
            predicate = next((c for c in verb.rights if c.dep_ == "oprd" and c.i > first.i), None)
            if predicate is not None:
                # 'called the plan for the harbour a mistake': the claim is that the object is the predicate, and
                # whatever the parser hung on the verb between them belongs to it.
                after = [c for c in rights if c.i > predicate.i]
                return first.left_edge.i, self._complement_end(verb, predicate, after)
            charged = self._charge_of(verb, first, cue)
            if charged is not None:
                return charged
            claim = self._claim_noun_clause(first)
            if claim is not None:
                return claim
            # 'cited remarks the mayor had made ... as examples of ...': the object and what completes it.
            return first.left_edge.i, self._complement_end(verb, first, rights[1:])
        if "o" in cue.frames and first.dep_ == "xcomp" and first.tag_ == "VBG" and first.i == verb.i + 1:
            # 'admitted using the loophole', 'denied taking the money': a gerund is the object and the content.
            return first.left_edge.i, self._clause_end(first)
        if first.dep_ == "dobj" and cue.lemma in self.lex.finding_verbs and self._document_subject(verb):
            # 'a study found 40 cases of fraud': a document's finding is its object; a person who 'found a coin' is
            # reporting nothing.
            return first.left_edge.i, self._complement_end(verb, first, rights[1:])
        if "c" in cue.frames and _anaphoric_content(first):
            # 'has said the same thing', 'said the same of X': the object stands for a claim made before; editors
            # still want the statement, with the anaphor as its content.
            end = first.i
            for c in first.rights:  # 'the same of X' keeps its preposition; ', including ...' is the writer's
                if c.dep_ != "prep" or verb.doc[c.i - 1].text == ",":
                    break
                end = c.right_edge.i
            return first.left_edge.i, end
        preps = self.lex.preps.get(cue.lemma)
        if "p" in cue.frames and preps and not (first.dep_ == "prep" and first.lower_ in preps):
            # 'talked with the chiefs about ways to ...', 'spoke in public about race': adjuncts come first.
            later = next((c for c in rights if c.dep_ == "prep" and c.lower_ in preps), None)
            if later is not None and all(c.dep_ in ("prep", "advmod") for c in rights if c.i < later.i):
                first, rights = later, [c for c in rights if c.i >= later.i]
        if "p" in cue.frames and preps and first.dep_ == "prep" and first.lower_ in preps:
            # 'called for more spending', 'warned of a crisis': the content is the preposition's object;
            # 'called on Congress to act' keeps the infinitive that completes it.
            obj = next((c for c in first.children if c.dep_ in ("pobj", "pcomp")), None)
            if obj is None:
                return None
            return obj.left_edge.i, self._complement_end(verb, first, rights[1:])
        if "p" in cue.frames and preps:
            # 'called on the council to act': the parser reads 'on' as a particle holding the object.
            prt = next((c for c in verb.rights if c.dep_ == "prt" and c.lower_ in preps and c.i == verb.i + 1), None)
            obj = next((c for c in prt.children if c.dep_ == "pobj"), None) if prt is not None else None
            if obj is not None:
                return obj.left_edge.i, self._complement_end(verb, obj, [c for c in rights if c.i > obj.i])
        return None

    @staticmethod
    def _clause_after_adjunct(verb: Token) -> Token | None:
        """'said at the time that the pier would close': the parser reads the content clause as a relative clause
        of the adjunct's noun; a real relative has 'that' as its subject or object, never a clause of its own."""
        for prep in verb.rights:
            if prep.dep_ != "prep" or prep.lower_ not in _ADJUNCT_PREPS:
                continue
            for obj in prep.children:
                for rel in obj.rights if obj.dep_ == "pobj" else ():
                    opening = verb.doc[rel.left_edge.i]
                    if (
                        rel.dep_ == "relcl"
                        and opening.lower_ == "that"
                        and opening.dep_ in ("mark", "advmod")
                        and any(d.dep_ in SUBJ_DEPS for d in rel.children)
                    ):
                        return rel
        return None

    def _continued_content(self, verb: Token, clause: Token, j: int) -> int:
        """Where the parser ends a content clause too early by hanging its continuation on the cue: a second
        complement clause right after the first ('said A and, equally important, B') or a reason or concession
        ('said A, because B'); 'when', 'after', 'as' clauses date or frame the saying and stay out."""
        doc = verb.doc
        for c in verb.rights:
            if c.i <= clause.i or c.left_edge.i <= j or c.is_punct or c.dep_ == "cc":
                continue
            between = doc[j + 1 : c.left_edge.i]
            if any(not (t.is_punct or t.dep_ == "cc") for t in between) or any(t.text in (";", ":") for t in between):
                break
            second = c.dep_ == "ccomp" and self.verb_cue(c) is None and c.left_edge.i <= j + 2
            reason = (
                c.dep_ == "advcl"
                and any(m.dep_ == "mark" and m.lower_ in _REASON_MARKS for m in c.children)
                and self.verb_cue(c) is None  # 'although they say B': a statement of its own
            )
            # 'said they had doubts, but would still sign the lease': a subjectless conjunct with a backshifted modal,
            # which the parser hangs on the cue, goes on with the reported clause.
            backshifted = (
                c.dep_ == "conj"
                and not any(d.dep_ in SUBJ_DEPS for d in c.children)
                and any(d.dep_ == "aux" and d.lower_ in _BACKSHIFTED for d in c.children)
                and not self._speaks_again(c)
            )
            if not (second or reason or backshifted):
                break
            j = self._clause_end(c)
        return j

    def _split_subject(self, ctx: Context, verb: Token, subj: Token | None) -> Found | None:
        """'These workers, Hale explained at the hearing, were well paid': a cue set off inside a clause that the
        parser made the root, with the clause's subject before it and its predicate after it; the clause is the
        content and the cue phrase a gap."""
        doc = ctx.doc
        if subj is None or subj.i > verb.i:
            return None
        sent_start, sent_end = ctx.sent[verb.i]
        opening = subj.left_edge.i - 1
        if opening <= sent_start or doc[opening].text != ",":
            return None
        lead = doc[sent_start:opening]
        if any(t.pos_ in ("VERB", "AUX") or t.text in QUOTE_CHARS for t in lead):
            return None
        k = verb.i + 1
        while k < sent_end and doc[k].text != "," and k - verb.i <= FINAL_CUE_TAIL:
            if doc[k].pos_ in ("VERB", "AUX") or doc[k].text in QUOTE_CHARS:
                return None
            k += 1
        rest = [t for t in doc[k + 1 : sent_end] if not (t.is_punct or t.is_space)]
        if k >= sent_end or doc[k].text != "," or len(rest) < 2:
            return None
        head = next(t for t in doc[k + 1 : sent_end] if not (t.is_space or t.dep_ in ("advmod", "neg")))
        if head.tag_ not in ("VBD", "VBZ", "VBP", "MD"):
            return None
        cue = self.verb_cue(verb)
        if cue is None:
            return None
        start, end = token_chars(doc, sent_start, sent_end - 1)
        f = self._found(ctx, start, end, "parataxis", cue, verb, subj)
        before = doc[opening - 1]
        f.gaps.append((before.idx + len(before.text), doc[k + 1].idx))
        return f

    @staticmethod
    def _glued_speaker(verb: Token) -> tuple[int, int] | None:
        """'In a meeting with the board of the Gazette Hale said that ...': with no comma after a fronted phrase the
        parser reads the speaker's name as the end of that phrase and leaves a tensed cue with a clause but no
        subject; the name just before the cue is its speaker."""
        if verb.tag_ not in ("VBD", "VBZ", "VBP") or verb.i == 0 or not any(c.dep_ == "ccomp" for c in verb.children):
            return None
        doc = verb.doc
        name = doc[verb.i - 1]
        if name.pos_ != "PROPN" or name.dep_ not in ("pobj", "compound", "appos"):
            return None
        i = name.i  # the tagger may fold the name into the phrase's organisation ('the Gazette Hale'): keep persons
        while name.ent_type_ == "PERSON" and name.ent_iob_ != "B" and i > 0 and doc[i - 1].ent_type_ == "PERSON":
            i -= 1
            if doc[i].ent_iob_ == "B":
                break
        return i, name.i + 1

    def _speaks_again(self, verb: Token) -> bool:
        """'but would not say who', 'but would not comment': the speaker's own next (or refused) statement; 'but
        would add 84 million' uses a cue word for something else."""
        if self.verb_cue(verb) is None:
            return False
        return any(d.dep_ in ("ccomp", "xcomp", "neg") for d in verb.children) or not any(
            d.dep_ == "dobj" for d in verb.children
        )

    def _document_subject(self, verb: Token) -> bool:
        subj = subject_of(verb)
        return subj is not None and subj.lower_ in self.lex.document_heads

    def _object_with_complement(self, verb: Token, cue: VerbCue) -> tuple[int, int] | None:
        """'see the canal as a threat', 'likened the stadium to a garage': the object and its required complement
        are the content; without the complement ('saw a light') the verb reports no claim."""
        obj = next((c for c in verb.rights if c.dep_ == "dobj"), None)
        preps = self.lex.preps.get(cue.lemma, frozenset())
        if obj is None:
            return None
        for prep in (*[c for c in verb.rights if c.i > obj.i], *obj.rights):
            if prep.dep_ == "prep" and prep.lower_ in preps and any(c.dep_ in ("pobj", "pcomp") for c in prep.children):
                return obj.left_edge.i, max(obj.right_edge.i, prep.right_edge.i)
        return None

    def _charge_of(self, verb: Token, obj: Token, cue: VerbCue) -> tuple[int, int] | None:
        """'accused the developer of hiding the cost', 'blamed the council for the delay': the object is the target,
        the preposition's object the deed, whether the parser hangs the preposition on the verb or on the noun.
        'Accused X of' reads as a frame around the deed, which is the content; with 'for' (blame, praise, criticize)
        the verdict is about the target, so the content runs from the target to the end of the deed.  'Asked the
        mayor about the levy' names the one asked and the topic; the topic is the content."""
        preps = self.lex.preps.get(cue.lemma)
        if not preps:
            return None
        for prep in (*[c for c in verb.rights if c.i > obj.i], *obj.rights):
            if prep.dep_ == "prep" and prep.lower_ in preps:
                deed = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
                if deed is not None:
                    frame = prep.lower_ in ("of", "about")
                    return (deed.left_edge.i if frame else obj.left_edge.i), deed.right_edge.i
        return None

    def _claim_noun_clause(self, obj: Token) -> tuple[int, int] | None:
        """'rejected claims that the budget was cut', 'dismissed reports that ...': the object names someone
        else's claim; what is denied (or confirmed) is the claim's clause, not the noun."""
        if obj.lower_ not in self.lex.nouns:
            return None
        clause = next((c for c in obj.children if c.dep_ in ("acl", "ccomp") and c.i > obj.i), None)
        if clause is None or not any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
            return None
        return clause.left_edge.i, self._clause_end(clause)

    @staticmethod
    def _complement_end(verb: Token, first: Token, rest: list[Token]) -> int:
        end = first.right_edge.i
        doc = verb.doc
        for rel in first.subtree:
            # 'endorsed Maria Lopes, who said she was honoured', 'cited a column by Lopes, who ...': a relative clause
            # set off by a comma that ends the object describes a noun in it (and may be a statement of its own);
            # it is not what the cue's subject said.
            closes = rel.head.i == first.i or rel.right_edge.i == first.right_edge.i
            if rel.dep_ == "relcl" and rel.i > first.i and closes and doc[rel.left_edge.i - 1].text == ",":
                return rel.left_edge.i - 2
        for c in rest:
            if c.dep_ in ("cc", "conj", "parataxis", "advcl") or verb.doc[c.left_edge.i - 1].text == ",":
                break
            # 'criticised the referee in an interview on Sunday': the cue's own adjuncts of place and time are not
            # part of its object; 'blamed X for Y' and 'described X as Y' keep what completes the object.
            if _temporal(c) or (c.dep_ == "prep" and c.lower_ in _ADJUNCT_PREPS):
                break
            end = c.right_edge.i
        return end

    def _clause_end(self, root: Token) -> int:
        """Right edge of a content clause, stopping before a trailing ', saying ...' or 'and said ...' of its own."""
        end = root.right_edge.i
        for c in root.rights:
            if c.dep_ == "advcl" and c.tag_ == "VBG" and root.doc[c.left_edge.i - 1].text == ",":
                end = min(end, c.left_edge.i - 2)  # ', focusing on ...': a participial adjunct, not the claim
                break
            cue = self.verb_cue(c)
            if cue is None:
                continue
            comma_before = root.doc[c.left_edge.i - 1].text == ","
            participle = c.dep_ == "advcl" and c.tag_ == "VBG" and comma_before
            # 'X said A and added B' read as A's conjunct; 'he posed a threat and refused to drop it' stays whole:
            # only a verb of saying (one that takes a that-clause) starts a new statement of the speaker's.
            shared_subject = (
                c.dep_ == "conj"
                and "c" in cue.frames
                and not any(d.dep_ in SUBJ_DEPS for d in c.children)
                and self._speaks_again(c)
            )
            # 'A, though she noted B': a concession with a cue and a subject of its own is a statement of its own.
            conceded = c.dep_ == "advcl" and "c" in cue.frames and any(d.dep_ in SUBJ_DEPS for d in c.children)
            # 'A, and when pressed, the lawyer replied B': a coordinated cue with a subject and a clause of its own
            # is a new statement, hung on A by the parser ('A and that the film did not show B' is A going on).
            another = (
                c.dep_ == "conj"
                and "c" in cue.frames
                and any(d.dep_ in SUBJ_DEPS for d in c.children)
                and any(d.dep_ == "ccomp" for d in c.children)
                and not any(d.dep_ == "mark" for d in c.children)
            )
            if participle or shared_subject or conceded or another or c.dep_ == "parataxis":
                k = c.left_edge.i - 1
                while k > root.i and (root.doc[k].is_punct or root.doc[k].dep_ == "cc"):
                    k -= 1
                end = min(end, k)
                break
        return end

    def reported(self, ctx: Context, used: set[int]) -> list[Found]:
        doc = ctx.doc
        out: list[Found] = []
        pending: list[tuple[Token, VerbCue]] = []
        verbs = self.lex.verbs
        for i, low in enumerate(ctx.lower):
            if low not in verbs:
                continue
            tok = doc[i]
            if tok.tag_ in ("NNS", "NN") and tok.dep_ == "ROOT":
                misread = self._noun_tagged_cue(ctx, tok)
                if misread is not None:
                    out.append(misread)
                continue
            cue = self.verb_cue(tok)
            if cue is None or tok.i in used or self._evidence_of_cue(tok):
                continue
            refused = self._refused_speech(tok, cue)
            if refused is not None:
                used.add(refused.i)  # 'declined to comment', 'refused to say whether ...': nothing was claimed
                continue
            if cue.lemma in self.lex.refused_speech and any(c.dep_ == "neg" for c in tok.children):
                continue  # 'would not comment on the inquiry', 'did not say whether ...': nothing was claimed
            subj = subject_of(tok)
            block = self._colon_block(ctx, tok, cue)
            if block is not None and subj is not None and subj.i < tok.i:
                out.append(self._found(ctx, *block, "verb", cue, tok, subj))
                continue
            final = (
                self.final_cue(ctx, tok)
                if (subj is None or (subj.i < tok.i - 1 and segment_start(tok, ctx.sent[tok.i][0]) > subj.i))
                else None
            )
            if final is not None:
                (ci, cj), speaker = final
                start, end = token_chars(doc, ci, cj)
                f = self._found(ctx, start, end, "final", cue, tok, None)
                f.speaker = speaker
                out.append(f)
                continue
            span = self._content_of(tok, cue)
            bare = span is None and tok.dep_ == "ROOT" and all(c.is_punct for c in tok.rights)
            if bare and subj is not None and subj.i < tok.i:
                # 'Rules unclear on who is covered, experts say.': a verbless content the parser cannot hang on the
                # cue; read the layout as for a long trailing speaker.
                final = self.final_cue(ctx, tok)
                opening = next((t for t in doc[final[0][0] :] if t.dep_ != "cc"), None) if final is not None else None
                if final is not None and opening is not None and opening.tag_ not in ("IN", "WRB", "WDT"):
                    (ci, cj), speaker = final  # 'When X happened, the union relented': an adverbial, not a claim
                    f = self._found(ctx, *token_chars(doc, ci, cj), "final", cue, tok, None)
                    f.speaker = speaker
                    out.append(f)
                    continue
            split = self._split_subject(ctx, tok, subj) if span is None and tok.dep_ == "ROOT" else None
            if split is not None:
                out.append(split)
                continue
            if span is None:
                pending.append((tok, cue))
                continue
            glued = self._glued_speaker(tok) if subj is None else None
            if subj is None and glued is None:
                continue
            if span[0] > tok.i:
                span = (span[0], before_next_cue(self, tok, *span))
            start, end = token_chars(doc, *span)
            if end - start < 3:
                continue
            f = self._found(ctx, start, end, "verb", cue, tok, subj)
            if glued is not None:
                f.speaker = glued
            self._resume_quote(ctx, f, tok)
            self._interrupted(ctx, f, tok)
            out.append(f)
        for tok, cue in pending:
            para = self._paratactic(ctx, tok, cue, out)
            if para is not None:
                out.append(para)
        for i, low in enumerate(ctx.lower):
            if low not in ("put", "puts"):
                continue
            tok = doc[i]
            # 'As the coach put it, the team ran out of ideas': the idiom is a cue only with 'as' and 'it'.
            if any(c.dep_ == "dobj" and c.lower_ == "it" for c in tok.children):
                para = self._paratactic(ctx, tok, _PUT_IT, out) if self._as_evidential(tok, idiom=True) else None
                if para is not None:
                    out.append(para)
        return out

    @staticmethod
    def _colon_block(ctx: Context, verb: Token, cue: VerbCue) -> tuple[int, int] | None:
        """'Ms Varga added:' closing a paragraph introduces the next paragraph as a block quotation without
        quotation marks; the whole paragraph is what was said, whatever the parser makes of its first sentence.
        A quoted paragraph is left to the quotation rules."""
        if "c" not in cue.frames:
            return None
        text = ctx.text
        m = _COLON_BREAK.match(text, verb.idx + len(verb.text))
        if m is None or m.end() >= len(text) or text[m.end()] in QUOTE_CHARS:
            return None
        start = m.end()
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        while end > start and text[end - 1].isspace():
            end -= 1
        return (start, end) if len(text[start:end].split()) >= 3 else None

    @staticmethod
    def without_gloss(ctx: Context, f: Found) -> None:
        """'said she would meet the Tarn board, which has sat since May': a relative clause set off by a comma that
        closes an unquoted content after its cue describes the noun it hangs on for the reader; it is the writer's
        gloss, not the claim.  One on the content's subject ('the board, which sat, will meet') is inside the
        claim, and so is one with a subject of its own.  Run after nesting, so a statement inside the gloss
        stays folded into the outer one."""
        text = ctx.text
        if f.rule == "quote" or f.gaps or f.cue is None or f.cue[1] > f.start:
            return
        if any(ch in QUOTE_CHARS for ch in text[f.start : f.end]):
            return
        span = ctx.doc.char_span(f.start, f.end, alignment_mode="expand")
        if span is None or len(span) < 4:
            return
        doc, last = ctx.doc, span.end - 1
        while last > span.start and doc[last].is_punct:
            last -= 1
        for t in span[1:]:
            if t.dep_ != "relcl" or t.right_edge.i != last or t.head.i >= t.i or t.head.dep_ in SUBJ_DEPS:
                continue
            # 'which she was giving when ...': a clause with a subject of its own goes on with the story.
            own_subject = any(c.dep_ in SUBJ_DEPS and c.tag_ not in ("WDT", "WP") for c in t.children)
            comma = doc[t.left_edge.i - 1]
            if comma.text == "," and comma.i > span.start and not own_subject:
                end = comma.idx
                while end > f.start and text[end - 1].isspace():
                    end -= 1
                f.end = end
            return

    def _noun_tagged_cue(self, ctx: Context, tok: Token) -> Found | None:
        """'Voss charges that firms ... gave money': the tagger reads a sentence's cue verb as a plural noun with the
        speaker as its compound; a that-clause with a subject of its own, hung on it, shows it is the verb."""
        cue = self.lex.verbs.get(tok.lower_)
        if cue is None or "c" not in cue.frames or not tok.lower_.endswith("s"):
            return None
        names = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ in ("PROPN", "NOUN")]
        if not names or any(c.dep_ == "det" for c in tok.lefts):
            return None
        clause = next((c for c in tok.rights if c.dep_ in ("acl", "ccomp", "relcl") and _that_clause(c)), None)
        if clause is None:
            return None
        start, end = token_chars(ctx.doc, clause.left_edge.i, self._clause_end(clause))
        f = self._found(ctx, start, end, "verb", cue, tok, None)
        f.speaker = (names[0].left_edge.i, tok.i)
        return f

    def continued(self, ctx: Context, found: list[Found]) -> None:
        """'The museum, she said, would face hard truths. But it would also show ...': a reported claim goes on into
        the next sentence of its paragraph when that sentence opens (after at most a linking word) with a pronoun
        subject and a backshifted modal ('it would', 'they could') and has no cue or quotation of its own.  That is
        reported speech carried on without a new frame; anything else is the writer's own sentence."""
        doc, text = ctx.doc, ctx.text
        for f in found:
            if f.rule not in ("verb", "parataxis", "final") or f.cue_i is None:
                continue
            if any(ch in QUOTE_CHARS for ch in text[f.start : f.end]):
                continue
            sent_start, sent_end = ctx.sent[f.cue_i]
            last = sent_end - 1
            while last > sent_start and (doc[last].is_punct or doc[last].is_space):
                last -= 1
            tail = text[max(f.end, f.cue[1] if f.cue else f.end) : doc[last].idx + len(doc[last].text)]
            if len(tail.split()) > FINAL_CUE_TAIL:
                continue  # the content (or its cue) must close the sentence
            if sent_end >= len(doc) or "\n" in text[doc[sent_end - 1].idx : doc[sent_end].idx + 1]:
                continue
            nxt_start, nxt_end = ctx.sent[sent_end]
            words = [t for t in doc[nxt_start:nxt_end] if not t.is_space]
            k = 1 if words and words[0].lower_ in _LINKING_WORDS else 0
            if len(words) < k + 4 or words[k].lower_ not in _PRONOUN_SUBJECTS or words[k].dep_ not in SUBJ_DEPS:
                continue
            if words[k + 1].lower_ not in _BACKSHIFTED or words[k + 1].dep_ != "aux":
                continue
            if any(t.text in QUOTE_CHARS or self.verb_cue(t) is not None for t in words):
                continue
            end_tok = words[-1]
            while end_tok.i > words[k].i and (end_tok.is_punct or end_tok.is_space):
                end_tok = doc[end_tok.i - 1]
            f.end = max(f.end, end_tok.idx + len(end_tok.text))

    def _evidence_of_cue(self, tok: Token) -> bool:
        """'..., the ministry said, citing preliminary reports': the participle names the evidence of the
        statement it hangs on, not a claim of its own."""
        return (
            tok.lower_ in self.lex.evidence_participles and tok.dep_ == "advcl" and self.verb_cue(tok.head) is not None
        )

    def _refused_speech(self, tok: Token, cue: VerbCue) -> Token | None:
        """A negative cue whose infinitive is a verb of saying or disclosing ('declined to comment', 'refused to say
        whether ...', 'declined to elaborate') reports that nothing was said: the infinitive, else None."""
        if cue.meaning != "negative" or "x" not in cue.frames:
            return None
        inf = next((c for c in tok.children if c.dep_ == "xcomp" and c.i > tok.i), None)
        return inf if inf is not None and inf.tag_ == "VB" and inf.lower_ in self.lex.refused_speech else None

    def _paratactic(self, ctx: Context, verb: Token, cue: VerbCue, done: list[Found]) -> Found | None:
        """'..., experts said.' / 'X, he said, Y': the cue hangs off the content's root instead of heading it."""
        doc = ctx.doc
        subj = subject_of(verb)
        head = verb.head
        if subj is not None and (
            verb.dep_ == "relcl" or (verb.dep_ == "parataxis" and head.pos_ in ("NOUN", "PROPN", "PRON"))
        ):
            return self._parenthetical(ctx, verb, cue, subj)
        if subj is None or head.i == verb.i or verb.dep_ not in ("parataxis", "ccomp", "advcl"):
            return None
        if verb.tag_ in ("VBG", "VBN") and not any(c.dep_ in (*SUBJ_DEPS, "aux") for c in verb.children):
            return None  # ', assuming no growth': a participle adjunct of its head clause, never a cue set off after it
        left = verb.left_edge.i
        # Relay: 'X, Peskov said, RIA Novosti and TASS reported' -- the content belongs to the inner speaker.
        for f in done:
            if f.cue_i == head.i and f.rule == "verb" and doc[left].idx >= f.end:
                inner = self._found(ctx, f.start, f.end, "relay", cue, verb, subj)
                inner.via = split_names(doc[slice(*f.speaker)].text) if f.speaker else []
                f.rule = "relayed"
                return inner
        if head.pos_ in ("NOUN", "PROPN") and head.dep_ in SUBJ_DEPS and verb.i > head.i and self._as_evidential(verb):
            return self._as_after_subject(ctx, verb, cue, subj)
        if head.pos_ not in ("VERB", "AUX"):
            return None
        if self._as_evidential(verb, idiom=cue is _PUT_IT):
            # 'The bridge will stay shut, as engineers have warned' / 'As the minister said, the plan failed': the
            # as-clause is the attribution; its head clause, without it, is what was said.
            gap: tuple[int, int] | None = None
            if verb.i > head.i:
                i, j = head.left_edge.i, left - 1
            else:
                i, j = verb.right_edge.i + 1, head.right_edge.i
                closing = verb.right_edge.i + 1
                hs = next((c for c in head.children if c.dep_ in SUBJ_DEPS and c.i < left), None)
                set_off = doc[left - 1].text == "," and doc[closing].text == ","
                if hs is not None and hs.right_edge.i == left - 2 and set_off:
                    # 'Fares, as the board has warned, will rise': the subject before the as-clause is the claim's.
                    i, gap = hs.left_edge.i, (doc[left - 1].idx, doc[closing].idx + 1)
            if j - i < 2:
                return None
            start, end = token_chars(doc, i, j)
            f = self._found(ctx, start, end, "as", cue, verb, subj)
            if gap is not None:
                f.gaps.append(gap)
            return f
        if verb.i < head.i and verb.dep_ != "parataxis":
            return None
        # A complement to the right of its head is that head's content, unless set off by a comma ("..., he said").
        if verb.dep_ != "parataxis" and (self.verb_cue(head) is not None or doc[max(left - 1, 0)].text != ","):
            return None
        # 'as a video showed', 'when he said': a subordinate clause, not an attribution of its head.
        if any(c.dep_ in ("mark", "advmod") and c.i < verb.i and c.tag_ in ("IN", "WRB") for c in verb.children):
            return None
        i, j = head.left_edge.i, head.right_edge.i
        if verb.right_edge.i >= j:
            j = left - 1
        if j - i < 2:
            return None
        start, end = token_chars(doc, i, j)
        f = self._found(ctx, start, end, "parataxis", cue, verb, subj)
        self._resume_quote(ctx, f, verb)
        self._interrupted(ctx, f, verb)
        return f

    def _as_after_subject(self, ctx: Context, verb: Token, cue: VerbCue, subj: Token) -> Found | None:
        """'The bridge, as the mayor noted, was built in 1902': the parser hangs an as-clause set off by commas on
        the subject it follows; the clause around it is what was said, and the as-clause is a gap in it."""
        doc = ctx.doc
        clause = verb.head.head
        opening, closing = verb.left_edge.i - 1, verb.right_edge.i + 1
        if clause.pos_ not in ("VERB", "AUX") or clause.i < closing or closing >= len(doc):
            return None
        if doc[opening].text != "," or doc[closing].text != ",":
            return None
        i, j = clause.left_edge.i, clause.right_edge.i
        if opening <= i or j - closing < 2:
            return None
        start, end = token_chars(doc, i, j)
        f = self._found(ctx, start, end, "as", cue, verb, subj)
        f.gaps.append((doc[opening].idx, doc[closing].idx + 1))
        return f

    @staticmethod
    def _as_evidential(verb: Token, *, idiom: bool = False) -> bool:
        """An adverbial 'as X said' whose verb has no complement of its own ('as the singer said goodbye' has one);
        ``idiom``: 'as X put it', whose 'it' is part of the cue."""
        if verb.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
            return False
        complements = (
            ("ccomp", "xcomp", "attr", "oprd", "dative")
            if idiom
            else ("ccomp", "dobj", "xcomp", "attr", "oprd", "dative")
        )
        return not any(c.dep_ in complements for c in verb.children)

    def evidential(self, ctx: Context) -> list[Found]:
        """'The talks are expected to resume in May', 'It is widely believed that ...': a passive verb of saying
        or belief with no agent reports a claim whose holder goes unnamed.  The whole clause is the content (the
        cue included, since the subject belongs to the claim) and there is no speaker."""
        out: list[Found] = []
        doc = ctx.doc
        accusations, passives = self.lex.accusation_passives, self.lex.evidential_passives
        seems = self.lex.impression_verbs
        for i, low in enumerate(ctx.lower):
            if low not in accusations and low not in seems and low not in passives:
                continue  # this loop runs over every word of every article
            tok = doc[i]
            if low in accusations or low in seems:
                other = self._accused(tok, ctx.text) or self._seems(tok, ctx.text)
                if other is not None:
                    out.append(other)
                    continue
            if low not in passives or tok.tag_ != "VBN":
                continue
            children = list(tok.children)
            subj = next((c for c in children if c.dep_ == "nsubjpass"), None)
            aux = [c for c in children if c.dep_ in ("aux", "auxpass") and c.i < tok.i]
            if subj is None or not any(c.dep_ == "auxpass" for c in aux) or any(c.dep_ == "agent" for c in children):
                continue
            if subj.lower_ == "it":
                clause = next((c for c in children if c.dep_ == "ccomp" and c.i > tok.i), None)
                if clause is None:
                    continue
                i, j = clause.left_edge.i, self._clause_end(clause)
            else:
                clause = next((c for c in children if c.dep_ == "xcomp" and c.i > tok.i), None)
                if clause is None or not any(c.lower_ == "to" for c in clause.children):
                    continue
                i, j = subj.left_edge.i, self._clause_end(clause)
            start, end = token_chars(doc, i, j)
            start, end = clip(ctx.text, start, end, tok.idx)
            cue_start = aux[0].idx
            f = Found(start, end, "evidential", "hedged", (cue_start, tok.idx + len(tok.text)), tok.i)
            out.append(f)
        return out

    def _accused(self, tok: Token, text: str) -> Found | None:
        """'The firm has been accused of dumping steel', 'road crews were blamed for the flood': an agentless passive of
        accusation reports a charge by someone unnamed; like the evidential passives, the whole clause (its subject
        and the cue included) is the content and there is no speaker."""
        preps = self.lex.accusation_passives.get(tok.lower_)
        if preps is None or tok.tag_ != "VBN":
            return None
        children = list(tok.children)
        subj = next((c for c in children if c.dep_ == "nsubjpass" and c.i < tok.i), None)
        aux = [c for c in children if c.dep_ in ("aux", "auxpass") and c.i < tok.i]
        if subj is None or not any(c.dep_ == "auxpass" for c in aux) or any(c.dep_ == "agent" for c in children):
            return None
        charge = next((c for c in children if c.dep_ == "prep" and c.lower_ in preps and c.i > tok.i), None)
        deed = next((c for c in charge.children if c.dep_ in ("pobj", "pcomp")), None) if charge is not None else None
        if deed is None:
            return None
        said = self.lex.verbs.get(deed.lower_)
        if said is not None and "c" in said.frames:
            return None  # 'was criticised for saying that ...': what the subject said is the claim reported
        doc = tok.doc
        start, end = token_chars(doc, subj.left_edge.i, self._clause_end(tok))
        start, end = clip(text, start, end, tok.idx)  # Doc.text would re-join every token
        return Found(start, end, "evidential", "accusation", (aux[0].idx, tok.idx + len(tok.text)), tok.i)

    def _seems(self, tok: Token, text: str) -> Found | None:
        """'the mayor seems to have lost interest', 'the lack of buses seems a real problem': an impression whose
        holder goes unnamed (hedged, no speaker); the whole clause, cue included, is the content.  'seems to me'
        names its holder and is left alone."""
        if tok.lower_ not in self.lex.impression_verbs or tok.pos_ not in ("VERB", "AUX"):
            return None
        children = list(tok.children)
        subj = next((c for c in children if c.dep_ == "nsubj" and c.i < tok.i), None)
        if subj is None or subj.lower_ in ("it", "there", "this", "that", "what", "which", "who"):
            return None
        if any(c.dep_ in ("prep", "dative") and c.lower_ == "to" and c.i == tok.i + 1 for c in children):
            return None  # 'seems to me': a holder named
        complement = next((c for c in children if c.dep_ in ("xcomp", "oprd", "acomp", "attr") and c.i > tok.i), None)
        if complement is None:
            return None
        if complement.dep_ == "xcomp" and not any(a.lower_ == "to" for a in complement.children):
            return None
        if tok.lower_.startswith("appear") and complement.dep_ != "xcomp":
            return None  # 'appeared on television', 'appeared tired': not a hedge on a claim
        doc = tok.doc
        start, end = token_chars(doc, subj.left_edge.i, self._clause_end(tok))
        start, end = clip(text, start, end, tok.idx)  # Doc.text would re-join every token
        first_aux = min([c.i for c in children if c.dep_ in ("aux", "neg") and c.i < tok.i] + [tok.i])
        return Found(start, end, "evidential", "hedged", (doc[first_aux].idx, tok.idx + len(tok.text)), tok.i)

    def _parenthetical(self, ctx: Context, verb: Token, cue: VerbCue, subj: Token) -> Found | None:
        """'The bridges, Holm explained at the hearing, were sound', 'The change, she told me, is that ...': a cue set
        off by commas after the subject of its content, which the parser hangs on that subject (as a relative clause
        or a parataxis).  A real relative clause has a relative
        pronoun ('which Holm described') or a complement of its own.  The content is the whole clause around it and
        the cue phrase is a gap."""
        doc = ctx.doc
        noun, root = verb.head, verb.head.head
        if (
            noun.dep_ not in SUBJ_DEPS
            or root.pos_ not in ("VERB", "AUX")
            or subj.dep_ != "nsubj"
            or subj.i > verb.i
            or any(
                c.tag_ in ("WDT", "WP", "WP$") or (c.dep_ in _COMPLEMENTS and not _hearer_of(c, verb, cue))
                for c in verb.subtree
                if c.i != verb.i
            )
        ):
            return None
        last = verb.right_edge.i
        opening, closing = subj.left_edge.i - 1, last if doc[last].text == "," else last + 1
        if opening <= noun.left_edge.i or closing >= len(doc) or doc[opening].text != "," or doc[closing].text != ",":
            return None
        if closing + 1 > root.right_edge.i or root.i < closing:
            return None
        start, end = token_chars(doc, root.left_edge.i, root.right_edge.i)
        f = self._found(ctx, start, end, "parataxis", cue, verb, subj)
        before = doc[opening - 1]
        f.gaps.append((before.idx + len(before.text), doc[closing + 1].idx))
        return f

    def _interrupted(self, ctx: Context, f: Found, verb: Token) -> None:
        """'The mill was thriving, Mr. Dorne said, until it closed': a cue set off by commas in the middle of a
        sentence interrupts one claim, which resumes after it; the framing between is a gap.  What follows is not
        the claim when it is the speaker's own next act ('he said, and urged ...'), a participle of the cue
        ('citing ...'), a relative clause, a quotation (the quote rules own it) or a statement of its own."""
        doc = ctx.doc
        if f.speaker is None or f.speaker[1] != verb.i or f.gaps:
            return
        opening = f.speaker[0] - 1
        sent_start, sent_end = ctx.sent[verb.i]
        if opening <= sent_start or doc[opening].text != ",":
            return
        lead = doc[sent_start : doc[opening].i]
        first = next((t for t in lead if not (t.is_punct or t.is_space or t.dep_ == "cc")), None)
        if first is None or f.start > first.idx or f.start >= doc[opening].idx:
            return  # the content must be the whole stretch before the cue
        k = verb.i + 1
        while k < sent_end and doc[k].text != "," and k - verb.i <= FINAL_CUE_TAIL:
            t = doc[k]
            # Only an adjunct hanging (at any depth) on the cue, such as 'in a report' or 'on Friday', may follow it.
            if t.pos_ in ("VERB", "AUX") or t.text in QUOTE_CHARS or not verb.is_ancestor(t):
                return
            k += 1
        if k >= sent_end or doc[k].text != ",":
            return
        last = sent_end - 1
        while last > k and (doc[last].is_space or (doc[last].is_punct and doc[last].text not in QUOTE_CHARS)):
            last -= 1
        rest = doc[k + 1 : last + 1]
        left_end = doc[opening - 1].idx + len(doc[opening - 1].text)
        reading = self._continues_claim(rest, verb)
        if reading != "claim":
            if reading in ("act", "gloss") and f.end > verb.idx:
                f.end = min(f.end, left_end)  # the parser hung the speaker's next act (or a gloss) on the content
            return
        f.end = max(f.end, rest[-1].idx + len(rest[-1].text))
        f.gaps.append((left_end, rest[0].idx))

    def _continues_claim(self, rest: Span, verb: Token) -> str:
        """'claim' when ``rest`` resumes the interrupted claim, 'act' when it is the speaker's own next act and
        'gloss' when it is the writer's noun phrase on the claim (either of which the parser may have hung on the
        content), else 'other'."""
        words = [t for t in rest if not (t.is_punct or t.is_space)]
        if len(words) < 3:
            return "other"
        head = next(t for t in rest if not (t.is_punct or t.is_space or t.dep_ == "cc"))
        # 'citing the weather' belongs to the cue; 'replacing it would cost more' is the claim's own subject.
        participle = head.tag_ in ("VBG", "VBN") and head.dep_ not in SUBJ_DEPS
        if participle or head.lower_ in _NOT_RESUMING or head.text in QUOTE_CHARS:
            return "other"
        lo, hi = rest.start, rest.end
        roots = [t for t in rest if not lo <= t.head.i < hi or t.head.i == t.i]
        if (
            len(roots) == 1
            and roots[0].pos_ in ("NOUN", "PROPN", "ADJ")
            and head.dep_ == "det"
            and any(t.pos_ in ("VERB", "AUX") and t.dep_ != "aux" for t in verb.doc[verb.sent.start : verb.i])
        ):
            # 'The plant will close, the union said, the third closure this year': a noun phrase set after the
            # cue, with no verb of its own, is the writer's gloss on a claim already complete before the cue.
            return "gloss"
        for root in roots:
            if root.pos_ not in ("VERB", "AUX"):
                continue
            subj = next((c for c in root.children if c.dep_ in SUBJ_DEPS), None)
            if subj is None:
                if root.tag_ in ("VBD", "VBZ", "VBP") and root.dep_ == "conj":
                    return "act"  # 'he said, and urged ...'
                continue
            if root.dep_ == "conj" and root.head.i == verb.i and subj.lower_ in _SPEAKER_PRONOUNS:
                return "other"  # 'she said, and she left': a second act of the speaker's
            if self.verb_cue(root) is not None:
                return "other"  # 'A, she said, and he replied B': a statement of its own
        return "claim"

    def _resume_quote(self, ctx: Context, f: Found, verb: Token) -> None:
        """'Okafor "was warned," Brandt said, but still "chose to sign ..."': a quotation split by its cue
        resumes after it.  When a quoted content stops just before the cue and the rest of the sentence,
        with no subject of its own, re-opens a quotation, that rest is the same statement."""
        doc, text = ctx.doc, ctx.text
        if f.end > verb.idx or not any(ch in QUOTE_CHARS for ch in text[f.start : f.end]):
            return
        sent_end = ctx.sent[verb.i][1]
        k = verb.i + 1
        while k < sent_end and doc[k].dep_ in ("npadvmod", "prep") and doc[k].i == doc[k].head.i + 1:
            k = doc[k].right_edge.i + 1  # 'said Friday', 'said in a statement'
        if k >= sent_end or doc[k].text != ",":
            return
        for t in doc[k + 1 : min(sent_end, k + 5)]:
            if t.dep_ in SUBJ_DEPS or (t.pos_ in ("VERB", "AUX") and t.text not in QUOTE_CHARS):
                return
            if t.text in QUOTE_CHARS:
                last = sent_end - 1
                while last > k and (doc[last].is_space or (doc[last].is_punct and doc[last].text not in QUOTE_CHARS)):
                    last -= 1
                f.end = doc[last].idx + len(doc[last].text)
                return


def _that_clause(clause: Token) -> bool:
    """'tweeted in the early hours that X was ...': a that-clause the parser hung on the cue as an adverbial."""
    first = clause.doc[clause.left_edge.i]
    return first.lower_ == "that" and first.head.i == clause.i and any(d.dep_ in SUBJ_DEPS for d in clause.children)


_PUT_IT = VerbCue("put it", "neutral", frozenset())


def _bare_finite_clause(clause: Token) -> bool:
    """A tensed clause with its own subject and no subordinator ('he would not accept it'), unlike 'if it rains'."""
    children = list(clause.children)
    if any(c.dep_ == "mark" for c in children) or not any(c.dep_ in ("nsubj", "nsubjpass") for c in children):
        return False
    return clause.tag_ in ("VBD", "VBZ", "VBP") or any(
        c.dep_ == "aux" and c.tag_ in ("MD", "VBD", "VBZ", "VBP") for c in children
    )


def _hearer_of(tok: Token, verb: Token, cue: VerbCue) -> bool:
    """'she told me': the object of a cue that takes a hearer is the hearer, not content of the cue's own."""
    return "t" in cue.frames and tok.dep_ in ("dobj", "dative") and tok.head.i == verb.i


def _to_infinitive(verb: Token) -> bool:
    return any(a.dep_ == "aux" and a.lower_ == "to" for a in verb.children)


def _anaphoric_content(obj: Token) -> bool:
    """'the same', 'the same thing': an object of a verb of saying that repeats an earlier claim."""
    if obj.dep_ != "dobj":
        return False
    return obj.lower_ == "same" or any(c.lower_ == "same" and c.dep_ == "amod" for c in obj.children)


def _after_time_adjuncts(clause: Token, i: int) -> int:
    """'said Tuesday the budget would be cut': the parser hangs the day of the saying on the content clause; the
    content starts after it (and after a comma that closes it)."""
    doc = clause.doc
    for c in clause.lefts:
        subject_after = any(d.dep_ in SUBJ_DEPS and d.i > c.i for d in clause.children)
        if c.left_edge.i != i or not _temporal(c) or not subject_after:
            continue
        i = c.right_edge.i + 1
        while i < clause.i and doc[i].is_punct:
            i += 1
    return i


# After 'A, she said,' these open something other than the rest of the claim.
_NOT_RESUMING = frozenset({"who", "which", "whose", "according", "as", "adding", "citing", "referring"})
_SPEAKER_PRONOUNS = frozenset({"he", "she", "i", "we"})
# 'But it would also ...': the openings of a sentence that carries on a reported claim without a frame of its own.
_LINKING_WORDS = frozenset({"but", "and", "yet", "still", "also"})
_PRONOUN_SUBJECTS = frozenset({"he", "she", "it", "they", "this", "that"})
_BACKSHIFTED = frozenset({"would", "could", "might", "should"})
# Dependents that make a cue's clause carry its own content ('which Holm described as ...').
_COMPLEMENTS = frozenset({"dobj", "ccomp", "xcomp", "attr", "oprd", "dative"})
# 'said A, because B': subordinators whose clause gives the speaker's reason or concession, part of what was said.
_REASON_MARKS = frozenset({"because", "although", "though", "unless", "whereas"})
_TIME_LABELS = ("DATE", "TIME")
# Prepositions that open an adjunct of the cue (where, when, through what) rather than complete its object.
_ADJUNCT_PREPS = frozenset({"in", "on", "at", "during", "since", "after", "before", "via", "through", "while"})


def _temporal(c: Token) -> bool:
    """'Friday', 'on Friday', 'last week': a time adjunct, never the content."""
    if c.dep_ in ("dobj", "npadvmod") and c.ent_type_ in _TIME_LABELS:
        return True
    if c.dep_ == "prep":
        obj = next((d for d in c.children if d.dep_ == "pobj"), None)
        return obj is not None and obj.ent_type_ in _TIME_LABELS
    return False


def _non_finite(clause: Token) -> bool:
    """'being placed on X', 'having said': a participle with no tensed auxiliary."""
    finite = ("MD", "VBZ", "VBP", "VBD")
    return clause.tag_ in ("VBG", "VBN") and not any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in finite for c in clause.children
    )
