"""Headlines, section labels, datelines, timestamps, bylines and signatures: the article's furniture is read as
such, never as a person's name.  Every text here is invented; one test per construction."""

from __future__ import annotations

from newsclaims.attribution.layout import read_layout

from .conftest import find, run

BODY = (
    "Mayor Adaeze Okafor said on Monday that the council would vote on the harbour plan next week.\n\n"
    "Councillor Piet Brandt opposed the plan at the meeting.\n\n"
    '"We cannot afford another bridge," Brandt said.\n\n'
    "The vote is expected on Thursday."
)


def test_title_case_headline_is_a_headline_zone() -> None:
    text = "Okafor Warns Brandt on Harbour Plan.\n\n" + BODY
    layout = read_layout(text)
    assert layout.zone_at(0) == "headline"
    assert layout.zone_at(text.index("Mayor Adaeze")) is None


def test_headline_fragment_is_never_a_person() -> None:
    text = "Okafor Warns Brandt on Harbour Plan.\n\n" + BODY
    names = {s.speaker_name for s in run(text)}
    assert not any(n and "Warns" in n for n in names)


def test_statement_in_a_headline_takes_its_speaker_from_the_body() -> None:
    text = "Okafor says council will vote on harbour plan.\n\n" + BODY
    s = find(run(text), "council will vote on harbour plan")
    assert s.speaker_name == "Adaeze Okafor"
    assert s.speaker_kind == "person"


def test_headline_description_is_the_person_the_body_opens_with() -> None:
    text = "Mayor says council will vote on harbour plan.\n\n" + BODY
    s = find(run(text), "council will vote on harbour plan")
    assert s.speaker_name == "Adaeze Okafor"


def test_short_opening_sentence_of_a_two_paragraph_note_is_no_headline() -> None:
    layout = read_layout("Governor Ilse Varga toured the dam on Monday.\n\nShe said it was safe.")
    assert layout.zones == []


def test_dateline_and_agency_are_a_dateline_zone() -> None:
    text = "Dam Opens.\n\nLAKESIDE, Ont., May 3 (Wire) \u2014 Governor Ilse Varga said the dam was safe.\n\nMore later."
    layout = read_layout(text)
    assert layout.zone_at(text.index("LAKESIDE")) == "dateline"
    assert layout.zone_at(text.index("Governor")) is None


def test_timestamp_line_is_a_timestamp_zone() -> None:
    text = "The Latest: Dam opens.\n\n4:45 p.m.\n\nGovernor Ilse Varga says the dam is safe.\n\nMore later.\n\nEnd."
    layout = read_layout(text)
    assert layout.zone_at(text.index("4:45")) == "timestamp"


def test_section_labels_are_labels() -> None:
    text = "Dam Opens.\n\nABSTRACT.\n\nThe dam opened.\n\nFULL TEXT.\n\nThe dam opened on Monday.\n\nEnd."
    layout = read_layout(text)
    assert layout.zone_at(text.index("ABSTRACT")) == "label"
    assert layout.zone_at(text.index("FULL TEXT")) == "label"


def test_first_person_outside_quotes_is_the_byline_writer() -> None:
    text = (
        "Why I Changed My Mind on the Dam.\n\nBy Oriel Fenwick\n\n"
        "For years I argued that the dam would fail.\n\n"
        "I now believe that the engineers were right all along.\n\nThe dam opened on Monday."
    )
    s = find(run(text), "engineers were right")
    assert s.speaker_name == "Oriel Fenwick"
    assert s.speaker_kind == "person"


def test_a_letters_signature_names_the_writer_of_the_letter_above_it() -> None:
    text = (
        "Readers on the Dam.\n\nLetters.\n\n"
        "I believe that the dam was a waste of money.\n\nHester Quarles.\n\n"
        "I think the dam will pay for itself within ten years.\n\nAmos Tindall.\n\nEnd of letters."
    )
    statements = run(text)
    assert find(statements, "waste of money").speaker_name == "Hester Quarles"
    assert find(statements, "pay for itself").speaker_name == "Amos Tindall"


def test_first_person_without_a_writer_is_the_anonymous_author() -> None:
    text = "The Dam.\n\nI think the dam will pay for itself.\n\nThe engineers agree.\n\nThe vote is on Friday."
    s = find(run(text), "pay for itself")
    assert s.speaker_kind == "anonymous"
    assert s.speaker_name == "the author"


def test_second_person_outside_quotes_is_the_reader() -> None:
    text = "The Dam.\n\nYou might think that the dam was cheap.\n\nIt was not.\n\nThe vote is on Friday."
    s = find(run(text), "dam was cheap")
    assert s.speaker_name == "readers"
    assert s.speaker_kind == "group"


def test_first_person_in_a_headline_is_the_writer() -> None:
    text = (
        "I think the dam was a mistake.\n\nBy Oriel Fenwick\n\n"
        "The dam opened on Monday.\n\nIt cost twice the estimate.\n\nThe vote is on Friday."
    )
    s = find(run(text), "dam was a mistake")
    assert s.speaker_name == "Oriel Fenwick"
