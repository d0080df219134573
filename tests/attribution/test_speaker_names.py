"""Resolved speaker names keep the whole name, whatever its punctuation, and documents give way to their source."""

from __future__ import annotations

from .conftest import find, run


def test_hyphenated_given_name_is_kept_whole() -> None:
    s = find(run("Park Min-jun, a trade analyst in Seoul, said exports would slow next quarter."), "exports")
    assert s.speaker_name == "Park Min-jun"


def test_pronoun_resolves_to_the_whole_hyphenated_name() -> None:
    text = (
        "Lee Seo-yeon met the delegation on Tuesday. "
        "She later said that the two sides had agreed on a timetable for the talks."
    )
    s = find(run(text), "timetable")
    assert s.speaker_name == "Lee Seo-yeon"


def test_title_before_a_hyphenated_name_is_dropped() -> None:
    s = find(run("Senator Mary-Kate Olsen said the bill would pass."), "bill would pass")
    assert s.speaker_name == "Mary-Kate Olsen"


def test_document_released_by_an_organisation_speaks_for_it() -> None:
    s = find(run("Photos released by the Interior Ministry showed the damaged bridge on Sunday."), "bridge")
    assert s.speaker_name == "the Interior Ministry"
    assert s.speaker_kind == "organisation"
