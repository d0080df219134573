"""Round-ten constructions of reported speech (issue 12), one invented text each (none taken from any evaluation
corpus)."""

from __future__ import annotations

from spacy.tokens import Doc

from newsclaims.attribution import load_pipeline
from newsclaims.attribution.lexicon import lexicon
from newsclaims.attribution.rules import Rules

from .conftest import find, run


def test_gerund_after_of_takes_the_subject_of_the_verb_it_completes() -> None:
    # 'is steering clear of criticizing X': the one steering clear is the one who does (not) criticize.
    s = find(run("The harbour master is steering clear of criticizing the pilots for the late arrivals."), "pilots")
    assert s.speaker is not None and s.speaker.text == "The harbour master"


def test_gerund_after_against_takes_the_subject_of_the_verb_it_completes() -> None:
    s = find(run("The review board decided against recommending a fine for the ferry company."), "a fine")
    assert s.speaker is not None and s.speaker.text == "The review board"


def test_infinitive_after_able_takes_the_subject_of_the_copula() -> None:
    # 'was able to tout X': the adjective sits between the cue and its subject.
    s = find(run("Last spring the mayor was able to tout her record on clean water."), "record on clean water")
    assert s.speaker is not None and s.speaker.text == "the mayor"


def test_expletive_worth_noting_is_no_statement_of_it() -> None:
    statements = run("It is worth noting that the dam was built in a single summer.")
    assert all(s.speaker is None or s.speaker.text != "It" for s in statements)


def test_headline_naming_a_person_before_a_colon_quote_is_that_persons_statement() -> None:
    # 'A warning from Maria Okafor: "..."': a lead-in that is not a bare name, but names one person, before a quote.
    text = "A warning from Maria Okafor: 'Keep the old pier open to everyone.'\n\nThe council voted on Monday."
    s = find(run(text), "old pier")
    assert s.speaker is not None and s.speaker.text == "Maria Okafor"


def test_colon_quote_after_a_lead_in_without_a_person_has_no_invented_speaker() -> None:
    text = "A warning for the harbour: 'Keep the old pier open to everyone.'\n\nThe council voted on Monday."
    assert all(s.speaker is None or s.speaker.text != "A warning" for s in run(text))


def test_clause_before_a_semicolon_is_not_the_content_of_the_cue_after_it() -> None:
    # The parser hangs the first clause on the cue as its complement; the object after the cue is what they vow.
    statements = run("The ferry strike enters its second week; the two unions vow new walkouts.")
    s = find(statements, "walkouts")
    assert s.content.text == "new walkouts"
    assert all("second week" not in s.content.text for s in statements)


def test_clause_before_a_colon_is_not_the_content_of_the_cue_after_it() -> None:
    s = find(run("The port faces a new rule: the board calls for checks on every cargo ship at the quay."), "cargo")
    assert s.content.text == "checks on every cargo ship"


def test_most_of_whom_speaks_for_the_group_the_relative_clause_describes() -> None:
    text = (
        "The mayor met Ada Okafor and Ben Stone on Monday.\n\n"
        "The mayor also met forty retired dockworkers, most of whom said the new pier was a mistake."
    )
    s = find(run(text), "new pier")
    assert s.speaker_name is not None and "dockworkers" in s.speaker_name


def test_many_of_whom_after_an_of_phrase_speaks_for_its_head_noun() -> None:
    # The parser may hang 'many of whom say' on the main verb; the group is still the noun phrase before it.
    text = (
        "The harbour board angered relatives of the missing sailors, many of whom say the search ended too soon "
        "and the board kept them waiting."
    )
    s = find(run(text), "search")
    assert s.speaker_name is not None and "relatives" in s.speaker_name


_BODY = "\n\nMaria Okafor, the harbour master, spoke to ferry crews on Monday. The strike ended on Sunday."


def test_title_case_headline_verb_read_as_a_noun_is_still_a_cue() -> None:
    # 'Okafor Vows To Close ...': in a title-cased headline the tagger reads the verb as a plural noun.
    s = find(run("Okafor Vows To Close The Old Pier By Spring." + _BODY), "Old Pier")
    assert s.content.text == "To Close The Old Pier By Spring"
    assert s.speaker is not None and s.speaker.text == "Okafor"
    assert s.cue is not None and s.cue.text == "Vows"


def test_headline_speaker_after_a_fronted_phrase_is_the_name_before_the_cue() -> None:
    s = find(run("Angry At The Board, Okafor Seeks More Ferry Crews For Winter." + _BODY), "Ferry Crews")
    assert s.content.text == "More Ferry Crews For Winter"
    assert s.speaker is not None and s.speaker.text == "Okafor"


def test_headline_content_stops_before_a_trailing_time_adjunct() -> None:
    s = find(run("Okafor Speaks \u2018Directly To Ferry Crews\u2019 After Latest Strike." + _BODY), "Ferry Crews")
    assert s.content.text == "\u2018Directly To Ferry Crews\u2019"


def test_headline_without_a_named_subject_before_the_verb_has_no_statement() -> None:
    statements = run("Examining The Harbour Board's Record On Ferry Fares." + _BODY)
    assert all("Ferry Fares" not in s.content.text for s in statements)


def test_headline_cue_word_that_is_the_subject_of_another_verb_is_a_noun() -> None:
    statements = run("Harbour Safety Rules Face A Key Test In Court." + _BODY)
    assert all(s.cue is None or s.cue.text != "Rules" for s in statements)


def test_that_clause_after_at_the_time_is_the_content() -> None:
    # The parser reads 'that the pier would close' as a relative clause of 'time'.
    s = find(run("The mayor said at the time that the pier would close by spring."), "pier")
    assert s.content.text == "the pier would close by spring"
    assert s.speaker is not None and s.speaker.text == "The mayor"


def test_relative_clause_on_an_adjunct_is_no_content() -> None:
    statements = run("The mayor spoke at a meeting that lasted two hours.")
    assert all("lasted" not in s.content.text for s in statements)


def test_claim_with_an_object_claims_the_object() -> None:
    s = find(run("The ferry company claimed the biggest profit in its history."), "biggest profit")
    assert s.content.text == "the biggest profit in its history"
    assert s.speaker is not None and s.speaker.text == "The ferry company"


def test_relative_clause_on_a_noun_inside_the_object_is_the_writers_gloss() -> None:
    # ', who took flak ...' describes the chairman for the reader; what he cited is the criticism.
    text = "He cited criticism of the ferry board's chairman, who took flak for his handling of the strike."
    s = find(run(text), "criticism")
    assert s.content.text == "criticism of the ferry board's chairman"


def test_cue_with_its_object_after_it_is_not_a_sentence_final_cue() -> None:
    # 'A; Okafor, others vow changes': the object after the cue is what they vow, so the clause before the comma is
    # not a content set off before a trailing speaker.
    statements = run("City leaders denounce ferry fares; Okafor, others vow changes.\n\nThe council met.")
    s = find(statements, "changes")
    assert s.content.text == "changes"
    assert all("Okafor" not in s.content.text for s in statements)


def test_semicolon_folded_into_the_first_clause_still_parts_it_from_the_cue() -> None:
    # The parse the small model sometimes gives ('Okafor' hung on the first clause, so the semicolon sits inside
    # that clause's subtree): the cue's own object is still the content.
    words = ["Mayors", "denounce", "the", "fares", ";", "Okafor", ",", "others", "vow", "changes", "."]
    heads = [1, 8, 3, 1, 1, 1, 8, 8, 8, 8, 8]
    deps = ["nsubj", "ccomp", "det", "dobj", "punct", "npadvmod", "punct", "nsubj", "ROOT", "dobj", "punct"]
    doc = Doc(load_pipeline().vocab, words=words, heads=heads, deps=deps)
    assert Rules()._content_of(doc[8], lexicon().verbs["vow"]) == (9, 9)


def test_the_two_is_the_last_pair_named_not_a_poll_population() -> None:
    text = (
        "Mr. Okafor and Hillary Brandt spoke at the harbour on Monday. Voters in the port were angry, and 40 "
        "percent of voters backed the strike.\n\nThe two said the board would meet again in June."
    )
    s = find(run(text), "meet again")
    assert s.speaker_name == "Okafor and Hillary Brandt"
