"""The engine's word lists, read once from ``data/``: cue verbs with their meaning and frames, and speaker words."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, get_args

from .types import CueMeaning


@dataclass(frozen=True, slots=True)
class VerbCue:
    lemma: str
    meaning: CueMeaning
    # c: that-clause, x: to-infinitive, w: wh-clause, o: object is the content, t: object is the hearer
    frames: frozenset[str]


@dataclass(frozen=True, slots=True)
class Lexicon:
    verbs: dict[str, VerbCue]  # keyed by inflected form
    nouns: dict[str, CueMeaning]
    # 'in a letter', 'on Twitter', 'during a briefing': how a statement was made, never part of its content.
    channel_nouns: frozenset[str]
    # 'her support for the pipeline': a stance noun with a possessor; its preposition's object is the content.
    stance_nouns: dict[str, tuple[CueMeaning, frozenset[str]]]
    # 'the fierce criticism of the tolls': stance nouns (all in stance_nouns) that voice a stance with no holder named.
    unheld_stance_nouns: frozenset[str]
    litotes_nouns: frozenset[str]  # 'made no secret of': stance nouns that 'no' strengthens
    colon_labels: frozenset[str]  # 'Note: ...': a label, not a speaker, before a line's colon
    # 'X is convinced that ...': adjectives whose clause is a stance their subject holds.
    belief_adjectives: dict[str, CueMeaning]
    # Prepositional cue verbs (frame p): lemma -> prepositions whose object is the content ('call for', 'warn of').
    preps: dict[str, frozenset[str]]
    opinion_frames: frozenset[str]
    # 'By one estimate, ...', 'under her plan, ...': a noun after one of its prepositions framing the clause around it
    framing_nouns: dict[str, tuple[CueMeaning, frozenset[str]]]
    evidential_passives: frozenset[str]
    # 'X is considered a danger', 'X was viewed as unfair': agentless passives that label or judge their subject
    labelling_passives: frozenset[str]
    # 'the curfew angered shop owners': verbs whose object feels a stance towards their subject
    felt_stances: dict[str, CueMeaning]
    # 'X is against Y', 'X is in favour of Y': a stance stated after the copula -> (meaning, the noun's prepositions)
    copular_stances: dict[str, tuple[CueMeaning, frozenset[str]]]
    # 'X was accused of Y': agentless passives of accusation -> prepositions whose object is the charge.
    accusation_passives: dict[str, frozenset[str]]
    media: frozenset[str]
    media_words: frozenset[str]
    anonymous_heads: frozenset[str]
    anonymous_markers: tuple[str, ...]
    group_heads: frozenset[str]
    # Things that "show" or "say" on someone's behalf ('pictures released by the Kremlin'): the agent speaks.
    document_heads: frozenset[str]
    role_words: frozenset[str]
    # 'X was quoted by Reuters as saying ...': passives whose subject is the speaker and whose agent relays.
    quoting_passives: frozenset[str]
    # '..., the ministry said, citing preliminary reports': participles naming a statement's evidence, not a claim.
    evidence_participles: frozenset[str]
    # 'declined to comment', 'refused to say whether ...': infinitives whose refusal means nothing was claimed.
    refused_speech: frozenset[str]
    # 'was able to tout X', 'is eager to praise X': adjectives whose infinitive shares the copula's subject.
    control_adjectives: frozenset[str]
    interview_nouns: frozenset[str]  # 'said in an interview with CNN': the interviewer relays
    honorifics: frozenset[str]  # 'Mr', 'Ms': part of how a person is named, never a role
    person_nouns: frozenset[str]  # 'a retired teacher': a description that makes its head a person
    organisation_words: frozenset[str]  # 'Prime Minister's Office': a titled phrase that names no person
    pronouns: dict[str, str]
    female_titles: frozenset[str]
    male_titles: frozenset[str]
    impression_verbs: frozenset[str]  # 'X seems to ...': an impression whose holder goes unnamed
    appearance_verbs: frozenset[str]  # 'X looks risky': the same with an adjective
    finding_verbs: frozenset[str]  # 'a study found 40 cases': a document's finding, with a document as subject
    # 'voiced concern about the levy', 'made the case for a bridge': verbs that, with a stance noun as their
    # object, state the stance of their subject.
    stance_light_verbs: frozenset[str]
    # 'signed an agreement to share the plant', 'has plans to rebuild the pier': with a light verb, what is undertaken.
    commitment_nouns: frozenset[str]
    # 'came under criticism for its silence', 'faced criticism from the party': a stance received, and the verbs
    # that receive it.
    reception_nouns: dict[str, CueMeaning]
    reception_verbs: frozenset[str]
    # 'the mayor is critical of the plan': adjectives of stance -> (meaning, prepositions whose object is the content).
    stance_adjectives: dict[str, tuple[CueMeaning, frozenset[str]]]
    # 'It is clear that ...': adjectives that, with an expletive 'it' and a clause, judge the clause true.
    impersonal_adjectives: frozenset[str]
    # 'he allegedly took a bribe': adverbs that make their clause a claim of someone unnamed.
    evidential_adverbs: dict[str, CueMeaning]
    # 'she gained in the latest polls': documents that, named after a clause with 'in', are its source.
    poll_words: frozenset[str]


_MEANINGS: frozenset[str] = frozenset(get_args(CueMeaning))


def _meaning(value: str) -> CueMeaning:
    if value not in _MEANINGS:
        raise ValueError(f"unknown cue meaning {value!r}")
    return value  # type: ignore[return-value]


def _read(name: str) -> str:
    return resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")


@cache
def lexicon() -> Lexicon:
    verbs: dict[str, VerbCue] = {}
    # Verbs of saying first, then verbs of stance and record ('admires', 'documents'): a form in both is said.
    for name in ("cue_verbs.tsv", "stance_verbs.tsv"):
        for line in _read(name).splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            lemma, meaning, frames, forms = line.split("\t")
            cue = VerbCue(lemma, _meaning(meaning), frozenset(frames))
            for form in forms.split():
                verbs.setdefault(form, cue)
    data: dict[str, Any] = json.loads(_read("lexicon.json"))
    return Lexicon(
        verbs=verbs,
        nouns={k: _meaning(v) for k, v in data["cue_nouns"].items()},
        channel_nouns=frozenset(data["channel_nouns"]),
        colon_labels=frozenset(data["colon_labels"]),
        stance_nouns={k: (_meaning(v[0]), frozenset(v[1:])) for k, v in data["stance_nouns"].items()},
        unheld_stance_nouns=frozenset(data["unheld_stance_nouns"]),
        litotes_nouns=frozenset(data["litotes_nouns"]),
        belief_adjectives={k: _meaning(v) for k, v in data["belief_adjectives"].items()},
        preps={k: frozenset(v) for k, v in data["cue_prepositions"].items()},
        opinion_frames=frozenset(data["opinion_frames"]),
        framing_nouns={k: (_meaning(v[0]), frozenset(v[1:])) for k, v in data["framing_nouns"].items()},
        evidential_passives=frozenset(data["evidential_passives"]),
        labelling_passives=frozenset(data["labelling_passives"]),
        felt_stances={k: _meaning(v) for k, v in data["felt_stances"].items()},
        copular_stances={k: (_meaning(v[0]), frozenset(v[1:])) for k, v in data["copular_stances"].items()},
        accusation_passives={k: frozenset(v) for k, v in data["accusation_passives"].items()},
        media=frozenset(data["media"]),
        media_words=frozenset(data["media_words"]),
        anonymous_heads=frozenset(data["anonymous_heads"]),
        anonymous_markers=tuple(data["anonymous_markers"]),
        group_heads=frozenset(data["group_heads"]),
        document_heads=frozenset(data["document_heads"]),
        role_words=frozenset(data["role_words"]),
        quoting_passives=frozenset(data["quoting_passives"]),
        evidence_participles=frozenset(data["evidence_participles"]),
        refused_speech=frozenset(data["refused_speech"]),
        control_adjectives=frozenset(data["control_adjectives"]),
        interview_nouns=frozenset(data["interview_nouns"]),
        honorifics=frozenset(data["honorifics"]),
        person_nouns=frozenset(data["person_nouns"]),
        organisation_words=frozenset(data["organisation_words"]),
        pronouns=dict(data["pronouns"]),
        female_titles=frozenset(data["female_titles"]),
        male_titles=frozenset(data["male_titles"]),
        impression_verbs=frozenset(data["impression_verbs"]),
        appearance_verbs=frozenset(data["appearance_verbs"]),
        finding_verbs=frozenset(data["finding_verbs"]),
        stance_light_verbs=frozenset(data["stance_light_verbs"]),
        commitment_nouns=frozenset(data["commitment_nouns"]),
        reception_nouns={k: _meaning(v) for k, v in data["reception_nouns"].items()},
        reception_verbs=frozenset(data["reception_verbs"]),
        stance_adjectives={k: (_meaning(v[0]), frozenset(v[1:])) for k, v in data["stance_adjectives"].items()},
        impersonal_adjectives=frozenset(data["impersonal_adjectives"]),
        evidential_adverbs={k: _meaning(v) for k, v in data["evidential_adverbs"].items()},
        poll_words=frozenset(data["poll_words"]),
    )
