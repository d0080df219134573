"""Round-two rules, one hand-written sentence each (none taken from any evaluation corpus)."""

from __future__ import annotations

from .conftest import find, run


def test_conjoined_action_stays_in_the_content() -> None:
    # Only a verb of saying after 'and' starts a new statement; 'refused to' is part of what police say.
    s = find(run("Police say the driver ignored the signal and refused to stop."), "ignored")
    assert s.content.text == "the driver ignored the signal and refused to stop"


def test_belief_verb_keeps_the_clause_subject() -> None:
    s = find(run("Residents think the new bridge was a waste of money."), "waste")
    assert s.content.text.startswith("the new bridge")
    assert s.cue_meaning == "belief"


def test_that_clause_after_an_adjunct() -> None:
    s = find(run("The coach wrote on Sunday that the team would miss the playoffs."), "playoffs")
    assert s.content.text == "the team would miss the playoffs"
    assert s.speaker is not None and s.speaker.text == "The coach"


def test_prepositional_cue_verbs() -> None:
    s = find(run("The union called for a new round of talks."), "talks")
    assert s.content.text == "a new round of talks"
    s = find(run("The mayor called on residents to stay indoors."), "indoors")
    assert s.content.text == "residents to stay indoors"


def test_time_adjunct_before_the_object() -> None:
    s = find(run("The ministry announced on Friday the closure of three schools."), "closure")
    assert s.content.text == "the closure of three schools"


def test_quote_as_the_object_of_a_verb_of_saying() -> None:
    s = find(run('The crowd chanted "No more delays!" outside the hall.'), "No more delays")
    assert s.kind == "direct"
    assert s.speaker is not None and s.speaker.text == "The crowd"


def test_quote_after_said_is_not_given_to_the_next_sentence() -> None:
    text = 'Mayor Lin Chow said the bridge is safe but said "the timing is wrong." Ray Dunn said it would reopen.'
    statements = run(text)
    assert find(statements, "timing").speaker_name == "Lin Chow"
    assert find(statements, "reopen").speaker_name == "Ray Dunn"


def test_split_mixed_quote_resumes_after_the_cue() -> None:
    text = 'The plan "was never funded," Ortega said, and still "ended up costing the city millions."'
    s = find(run(text), "never funded")
    assert "costing the city millions" in s.content.text
    assert s.kind == "mixed" and s.speaker is not None and s.speaker.text == "Ortega"


def test_passive_belief_has_no_speaker() -> None:
    s = find(run("The talks are expected to resume in May."), "resume")
    assert s.speaker is None
    assert s.cue is not None and s.cue.text == "are expected"
    assert s.cue_meaning == "hedged"
    s = find(run("It is widely believed that the minister will resign."), "resign")
    assert s.speaker is None and s.content.text == "the minister will resign"


def test_passive_with_an_agent_is_not_anonymous() -> None:
    assert run("The results were expected by the committee.") == []


def test_object_with_reduced_relative_clause() -> None:
    s = find(run("The senator cited figures the agency had published as proof of the decline."), "figures")
    assert s.content.text == "figures the agency had published as proof of the decline"


def test_participial_subject_is_not_cut_from_its_clause() -> None:
    text = "Many believe the money being spent on the stadium shows the council has the wrong priorities."
    s = find(run(text), "stadium")
    assert s.content.text.endswith("wrong priorities")


def test_coordinated_infinitives() -> None:
    s = find(run("She wants to cut taxes, hire more teachers and repair the roads."), "cut taxes")
    assert s.content.text.endswith("repair the roads")


def test_told_someone_to_do_something() -> None:
    s = find(run("The officer told the crowd to move back from the barrier."), "move back")
    assert s.speaker is not None and s.speaker.text == "The officer"


def test_pronoun_prefers_a_person_of_known_gender() -> None:
    text = (
        "Ms. Dana Ellis presented the budget on Monday. Treasurer Reyes attended the meeting.\n"
        "She said the plan would balance the books."
    )
    s = find(run(text), "balance the books")
    assert s.speaker is not None and s.speaker.text == "She"
    assert s.speaker_name == "Dana Ellis"


def test_gender_learned_from_a_possessive_in_the_subjects_sentence() -> None:
    text = (
        "Dana Ellis presented her budget on Monday. Reyes attended the meeting.\n"
        "She said the plan would balance the books."
    )
    assert find(run(text), "balance the books").speaker_name == "Dana Ellis"
