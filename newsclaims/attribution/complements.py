"""The content of a cue verb that heads it: the clausal, object or prepositional complement the cue's frames
allow, and where that complement ends (before a participial adjunct, a second act of speech or the cue's own
adjuncts of place and time)."""

from __future__ import annotations

from spacy.tokens import Token

from .base import SUBJ_DEPS, RuleBase, subject_of
from .lexicon import VerbCue


class ComplementRules(RuleBase):
    def _content_of(self, verb: Token, cue: VerbCue) -> tuple[int, int] | None:
        """Token range [i, j] of the complement that carries the content, on the cue's right or left."""
        labelled = self._labelled_antecedent(verb, cue)
        if labelled is not None:
            return labelled
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
        # 'Leaders denounce the test; Okafor, others vow consequences': a semicolon after the first clause's root,
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
            clausal = [c for c in verb.rights if c.dep_ == "advcl" and that_clause(c)]
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
                # 'promised to hit and at times surpass X': after a cue not in the present, a present-tense
                # form with no subject is the tagger's misreading of such an infinitive.
                forms = ("VB",) if verb.tag_ in ("VBP", "VBZ") else ("VB", "VBP")
                for conj in verb.rights:
                    bare = not any(d.dep_ in (*SUBJ_DEPS, "aux") for d in conj.children)
                    if conj.dep_ == "conj" and conj.tag_ in forms and conj.i > j and bare:
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
        if "p" in cue.frames and preps and "for" in preps:
            # 'is calling for the manager to be named': the parser reads 'for' as the marker of an infinitive clause
            # hung on the cue; the clause after it is what is called for.
            clause = next((c for c in verb.rights if c.dep_ == "advcl" and _for_infinitive(c)), None)
            if clause is not None:
                return clause.left_edge.i + 1, self._clause_end(clause)
        if "p" in cue.frames and preps:
            # 'called on the council to act': the parser reads 'on' as a particle holding the object.
            prt = next((c for c in verb.rights if c.dep_ == "prt" and c.lower_ in preps and c.i == verb.i + 1), None)
            obj = next((c for c in prt.children if c.dep_ == "pobj"), None) if prt is not None else None
            if obj is not None:
                return obj.left_edge.i, self._complement_end(verb, obj, [c for c in rights if c.i > obj.i])
        return None

    @staticmethod
    def _clause_after_adjunct(verb: Token) -> Token | None:
        """'said at the time that the pier would close', 'told them on a regular basis that X': the parser reads the
        content clause as a relative clause (or a complement) of the adjunct's noun; a real relative has 'that' as
        its subject or object, never a clause of its own."""
        for prep in verb.rights:
            # 'shouted to the guards that X': an addressee, where a noun's own complement clause ('pointed to the
            # fact that X', an acl) is no misreading.
            addressee = prep.lower_ == "to"
            if prep.dep_ != "prep" or (prep.lower_ not in _ADJUNCT_PREPS and not addressee):
                continue
            for obj in prep.children:
                for rel in obj.rights if obj.dep_ == "pobj" else ():
                    opening = verb.doc[rel.left_edge.i]
                    if (
                        rel.dep_ in (("relcl",) if addressee else ("relcl", "acl"))
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
                and any(d.dep_ == "aux" and d.lower_ in BACKSHIFTED for d in c.children)
                and not self._speaks_again(c)
            )
            # 'said there is a gap, when it comes to X': 'when it comes to' names the topic, not the time of saying.
            topic = c.dep_ == "advcl" and c.lower_ in ("comes", "came", "come") and doc[c.left_edge.i].lower_ == "when"
            topic = topic and any(d.lower_ == "it" and d.dep_ == "nsubj" for d in c.children)
            if not (second or reason or backshifted or topic):
                break
            j = self._clause_end(c)
        return j

    def _result_participle(self, root: Token, participle: Token) -> bool:
        """'said the exhibits would put it in context, allowing people to see X', 'said she took the job, prosecuting
        fraud': after a tensed reported clause (not a cue's own, as in 'wants to X, focusing on Y' or 'were blamed
        for X, killing Y'), a participle with no cue in it carries on the reported event."""
        if not _finite(root) or root.lower_ in self.lex.verbs or root.dep_ != "ccomp":
            return False
        # 'allowing readers to see X' carries it on; 'engaging in what critics described as X' voices a claim.
        cues = (self.verb_cue(t) for t in participle.subtree)
        return not any(cue is not None and cue.frames & {"c", "o", "p"} for cue in cues)

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

    def _labelled_antecedent(self, verb: Token, cue: VerbCue) -> tuple[int, int] | None:
        """'a fire that the chief described as arson', 'the levy, which the mayor called a giveaway': a relative
        clause whose gap is the object of a labelling cue labels its antecedent.  Set off by a comma it is a claim of
        its own, the clause; restrictive, it is about the antecedent, which it takes in."""
        gap = ("WDT", "WP")  # 'which'/'that' read as the object is the gap itself
        if verb.dep_ != "relcl" or any(c.dep_ == "dobj" and c.tag_ not in gap for c in verb.children):
            return None
        if not any(c.dep_ == "nsubj" and c.tag_ not in ("WDT", "WP") and c.lower_ != "that" for c in verb.children):
            return None
        if not cue.frames & {"o", "a"}:
            return None
        preps = (self.lex.preps.get(cue.lemma, frozenset()) if "a" in cue.frames else frozenset()) | {"as"}
        # 'that X called a giveaway', 'that X described as arson', 'that X likened to a garage'
        if not any(c.dep_ == "oprd" or (c.dep_ == "prep" and c.lower_ in preps) for c in verb.rights):
            return None
        doc = verb.doc
        start = verb.left_edge.i
        if doc[start - 1].text not in (",", "-", "--", "\u2014", "\u2013"):
            start = verb.head.left_edge.i
        return start, verb.right_edge.i

    def _object_with_complement(self, verb: Token, cue: VerbCue) -> tuple[int, int] | None:
        """'see the canal as a threat', 'likened the stadium to a garage': the object and its required complement
        are the content; without the complement ('saw a light') the verb reports no claim."""
        obj = next((c for c in verb.rights if c.dep_ == "dobj"), None)
        preps = self.lex.preps.get(cue.lemma, frozenset())
        if obj is None:
            return None
        for prep in (*[c for c in verb.rights if c.i > obj.i], *obj.rights):
            # 'rated the claim as false': the tagger may read an adjective after 'as' as its modifier.
            if prep.dep_ == "prep" and prep.lower_ in preps and any(c.dep_ in _AS_OBJECTS for c in prep.children):
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

    def _complement_end(self, verb: Token, first: Token, rest: list[Token]) -> int:
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
            if _temporal(c) or (c.dep_ == "prep" and c.lower_ in _ADJUNCT_PREPS and self._adjunct(c)):
                break
            end = c.right_edge.i
        return end

    def _adjunct(self, prep: Token) -> bool:
        """'criticised X in an interview', 'praised X on the radio': 'in' and 'on' (like 'at' or 'during') open an
        adjunct of the saying when their object is a place, a time, an event or a channel of speech; 'revealed a gulf
        in the way they see X' goes on with the object."""
        if prep.lower_ not in ("in", "on"):
            return True
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if obj is None:
            return True
        nouns = {obj.lower_, obj.lower_.removesuffix("s")}  # the pipeline has no lemmatizer: 'debates' is a 'debate'
        return obj.ent_type_ in _SETTING_LABELS or bool(nouns & (self.lex.channel_nouns | _SETTING_NOUNS))

    def _clause_end(self, root: Token) -> int:
        """Right edge of a content clause, stopping before a trailing ', saying ...' or 'and said ...' of its own."""
        end = root.right_edge.i
        for c in root.rights:
            if c.dep_ == "advcl" and c.tag_ == "VBG" and root.doc[c.left_edge.i - 1].text == ",":
                if self._result_participle(root, c):
                    continue
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
            # 'was right when she said B', 'was calm because she doubted B' (no comma): part of A, inside it.
            conceded = (
                c.dep_ == "advcl"
                and "c" in cue.frames
                and any(d.dep_ in SUBJ_DEPS for d in c.children)
                and comma_before
            )
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


def _finite(verb: Token) -> bool:
    """A tensed verb, or one with a tensed auxiliary or modal: the root of a clause of its own."""
    tensed = ("MD", "VBD", "VBZ", "VBP")
    return verb.tag_ in tensed[1:] or any(c.dep_ in ("aux", "auxpass") and c.tag_ in tensed for c in verb.children)


def that_clause(clause: Token) -> bool:
    """'tweeted in the early hours that X was ...': a that-clause the parser hung on the cue as an adverbial."""
    first = clause.doc[clause.left_edge.i]
    return first.lower_ == "that" and first.head.i == clause.i and any(d.dep_ in SUBJ_DEPS for d in clause.children)


def _bare_finite_clause(clause: Token) -> bool:
    """A tensed clause with its own subject and no subordinator ('he would not accept it'), unlike 'if it rains'."""
    children = list(clause.children)
    if any(c.dep_ == "mark" for c in children) or not any(c.dep_ in ("nsubj", "nsubjpass") for c in children):
        return False
    return clause.tag_ in ("VBD", "VBZ", "VBP") or any(
        c.dep_ == "aux" and c.tag_ in ("MD", "VBD", "VBZ", "VBP") for c in children
    )


def _for_infinitive(clause: Token) -> bool:
    """'for the depot to be closed': an infinitive clause opened by 'for' and carrying its own subject."""
    opening = clause.doc[clause.left_edge.i]
    return (
        opening.lower_ == "for"
        and opening.dep_ == "mark"
        and _to_infinitive(clause)
        and any(c.dep_ in SUBJ_DEPS for c in clause.children)
    )


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


BACKSHIFTED = frozenset({"would", "could", "might", "should"})
# 'said A, because B': subordinators whose clause gives the speaker's reason or concession, part of what was said.
_REASON_MARKS = frozenset({"because", "although", "though", "unless", "whereas"})
_TIME_LABELS = ("DATE", "TIME")
# Entity labels of an adjunct's object that set the scene of the saying: where, when, at what event.
_SETTING_LABELS = frozenset({"DATE", "TIME", "GPE", "LOC", "FAC", "EVENT", "ORG", "NORP"})
# Where a statement is made besides its channels: 'rejected X in a ruling', 'challenged X in court'.
_SETTING_NOUNS = frozenset({"ruling", "decision", "opinion", "report", "court", "meeting", "session", "summit"})
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


# What completes 'as' (or 'to') after an object: a noun or clause, or an adjective the tagger hangs on it.
_AS_OBJECTS = frozenset({"pobj", "pcomp", "amod", "acomp"})
