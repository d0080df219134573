"""Issue 12: content spans start and end where a careful editor would put them (invented sentences)."""

from __future__ import annotations

from .conftest import find, run


def test_object_content_stops_before_the_verbs_own_adjuncts() -> None:
    s = find(run("The coach criticised the referee in a radio interview on Sunday."), "referee")
    assert s.content.text == "the referee"


def test_object_content_keeps_its_as_complement() -> None:
    s = find(run("The mayor described the new tower as a waste of public money in a letter."), "tower")
    assert s.content.text == "the new tower as a waste of public money"


def test_as_someone_said_attributes_the_main_clause() -> None:
    s = find(run("The bridge will stay closed for a month, as engineers have warned."), "bridge")
    assert s.content.text == "The bridge will stay closed for a month"
    assert s.speaker is not None and s.speaker.text == "engineers"


def test_as_clause_with_its_own_object_is_not_an_attribution() -> None:
    assert run("The crowd cheered as the singer said goodbye.") == []


def test_mixed_quote_resumed_after_its_long_cue_is_one_statement() -> None:
    text = (
        'The repairs are "far behind schedule," says Ana Ruiz, a director of the Valley Transit Users Group. '
        '"Nobody has told us when the trains will run again."'
    )
    statements = run(text)
    s = find(statements, "behind schedule")
    assert "Nobody has told us" in s.content.text
    assert [g.text for g in s.gaps] == [" says Ana Ruiz, a director of the Valley Transit Users Group. "]
    assert len([t for t in statements if "Nobody" in t.content.text]) == 1


def test_object_content_stops_before_a_relative_clause_set_off_by_a_comma() -> None:
    s = find(run("The union endorsed Maria Lopes, who said she was honoured by the support."), "Lopes")
    assert s.content.text == "Maria Lopes"


def test_reported_clause_after_an_adjunct_of_the_cue() -> None:
    # The small parser reads this complement (no 'that', an adjunct before it) as an adverbial clause.
    s = find(run("Moss said after the storm she could not support the plan if it were revived."), "support")
    assert s.content.text == "she could not support the plan if it were revived"
    assert s.speaker is not None and s.speaker.text == "Moss"


def test_content_does_not_start_with_a_sentence_linking_conjunction() -> None:
    s = find(run("But the new dam will not hold another flood, the engineers said."), "dam")
    assert s.content.text == "the new dam will not hold another flood"


def test_content_does_not_start_with_a_dateline() -> None:
    s = find(run("KESTREL BAY -- The harbour will close for repairs next month, the mayor said."), "harbour")
    assert s.content.text == "The harbour will close for repairs next month"
    s = find(run("NORTH FALLS, Ont. \u2014 Ferries will stop in winter, the operator said."), "Ferries")
    assert s.content.text == "Ferries will stop in winter"


def test_quote_resumed_after_a_frame_with_a_possessive_apostrophe() -> None:
    text = (
        '"The valley has never flooded like this," said Ina Berg, a hydrologist at the Kestrel Institute\'s field '
        'station. "We measured the river twice."'
    )
    s = find(run(text), "never flooded")
    assert "measured the river" in s.content.text


def test_told_an_audience_that_keeps_the_clause_the_parser_hung_on_the_hearer() -> None:
    text = "In Oslo, she told a gathering of northern mayors that few cities understood the cost of flooding."
    s = find(run(text), "few cities")
    assert s.content.text == "few cities understood the cost of flooding"
    assert s.speaker is not None and s.speaker.text == "she"
