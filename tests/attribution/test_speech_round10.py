"""Round-ten constructions of reported speech (issue 12), one invented text each (none taken from any evaluation
corpus)."""

from __future__ import annotations

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
