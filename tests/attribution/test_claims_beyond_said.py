"""Issue 12: claims worded other than with "said", one invented sentence per construction.

Each test was written before the rule that makes it pass; none is drawn from an evaluation article.
"""

from __future__ import annotations

from .conftest import find, run


def test_quote_resumed_after_a_long_inverted_cue_is_one_statement() -> None:
    text = (
        '"We will rebuild the harbour wall," said Tomas Ekberg, the chairman of the regional port authority in '
        'the northern district. "It will take five years and most of the budget."'
    )
    statements = run(text)
    s = find(statements, "harbour wall")
    assert "five years" in s.content.text
    assert s.speaker_name == "Tomas Ekberg"
    assert len([t for t in statements if "five years" in t.content.text]) == 1


def test_the_frame_of_a_resumed_quote_is_recorded_as_a_gap() -> None:
    text = '"The dam is safe," the engineer said. "We inspected it twice."'
    s = find(run(text), "dam is safe")
    assert "inspected" in s.content.text
    assert [g.text for g in s.gaps] == [" the engineer said. "]


def test_belief_verb_carries_the_belief_meaning() -> None:
    s = find(run("The coach believes his team can still win the league."), "win the league")
    assert s.cue_meaning == "belief"
    assert s.speaker is not None and s.speaker.text == "The coach"


def test_belief_adjective_with_that_clause() -> None:
    s = find(run("Ms Lindqvist is convinced that the old mill will reopen next year."), "mill will reopen")
    assert s.cue_meaning == "belief"
    assert s.cue is not None and s.cue.text == "convinced"
    assert s.speaker_name == "Lindqvist" or (s.speaker is not None and "Lindqvist" in s.speaker.text)
    assert not s.content.text.startswith("that")


def test_a_study_that_found_something_is_evidence() -> None:
    s = find(run("A study by the Harlow Institute found that rents in the valley rose by a third."), "rents")
    assert s.cue_meaning == "evidence"
    assert s.speaker is not None and "study" in s.speaker.text


def test_polls_that_suggest_something_are_evidence() -> None:
    s = find(run("Recent polls suggest the race for governor is tightening."), "race for governor")
    assert s.cue_meaning == "evidence"


def test_data_released_on_a_day_indicate_something() -> None:
    text = "Data released Tuesday by the statistics office indicate that exports fell for a third month."
    s = find(run(text), "exports fell")
    assert s.cue_meaning == "evidence"


def test_according_to_a_report_is_evidence() -> None:
    s = find(
        run("Unemployment in the region doubled last year, according to a report by the labour office."), "doubled"
    )
    assert s.cue_meaning == "evidence"


def test_accusation_of_a_deed() -> None:
    s = find(run("The mayor accused the developer of hiding the true cost of the tower."), "hiding")
    assert s.cue_meaning == "accusation"
    assert s.speaker is not None and s.speaker.text == "The mayor"
    assert s.content.text == "hiding the true cost of the tower"


def test_denial_with_that_clause() -> None:
    s = find(run("The company denied that it had misled its investors."), "misled")
    assert s.cue_meaning == "denial"


def test_rejecting_claims_that_yields_the_rejected_claim_as_a_denial() -> None:
    s = find(run("The minister rejected claims that the hospital budget had been cut."), "hospital budget")
    assert s.cue_meaning == "denial"
    assert s.content.text == "the hospital budget had been cut"
    assert s.speaker is not None and s.speaker.text == "The minister"


def test_noun_cue_with_copular_complement() -> None:
    s = find(run("Her argument is that the new tax will hurt small farmers."), "hurt small farmers")
    assert s.cue is not None and s.cue.text == "argument"
    assert s.speaker is not None and s.speaker.text == "Her"
    assert s.content.text == "the new tax will hurt small farmers"


def test_noun_cue_with_possessor_and_that_clause() -> None:
    s = find(run("The senator's claim that the fund was empty surprised nobody."), "fund was empty")
    assert s.cue_meaning == "assertive"
    assert s.speaker is not None and s.speaker.text == "The senator"


def test_wanting_to_do_something_is_an_intention() -> None:
    s = find(run("The council wants to close the old library by spring."), "close the old library")
    assert s.cue_meaning == "intention"


def test_hoping_that_something_happens_is_a_belief() -> None:
    s = find(run("Farmers hope that the rain will come before the harvest."), "rain will come")
    assert s.cue_meaning == "belief"


def test_refusing_to_comment_yields_nothing() -> None:
    assert run("The senator would not comment on the inquiry into the contract.") == []
    assert run("A spokeswoman declined to say whether the talks had failed.") == []


def test_actions_are_not_claims() -> None:
    assert run("The union lobbied for the new pension bill.") == []
    assert run("Ms Okoye voted for the measure last week.") == []


def test_nested_attribution_keeps_the_outer_content_whole() -> None:
    statements = run("Ms Ortiz said the minister believes the plan will fail.")
    assert len(statements) == 1
    s = statements[0]
    assert s.content.text == "the minister believes the plan will fail"
    assert s.speaker is not None and s.speaker.text == "Ms Ortiz"


def test_headline_with_a_source_and_a_colon() -> None:
    text = "Poll: Voters in the valley favour the new dam\n\nA survey released on Monday asked 900 residents."
    s = find(run(text), "favour the new dam")
    assert s.content.text == "Voters in the valley favour the new dam"
    assert s.speaker is not None and s.speaker.text == "Poll"
    assert s.cue is not None and s.cue.text == ":"


def test_transcript_line_with_a_speaker_label() -> None:
    text = "The debate turned to the budget.\n\nMORENO: We cannot afford another delay. The budget is already late.\n"
    s = find(run(text), "another delay")
    assert s.content.text == "We cannot afford another delay. The budget is already late."
    assert s.speaker is not None and s.speaker.text == "MORENO"


def test_editorial_labels_with_a_colon_are_not_speakers() -> None:
    text = "Note: This story has been updated with new figures.\n\nCorrection: An earlier version misspelled a name.\n"
    assert run(text) == []


def test_seeing_something_as_something_is_a_belief() -> None:
    s = find(run("Many farmers see the new canal as a threat to their wells."), "canal")
    assert s.content.text == "the new canal as a threat to their wells"
    assert s.cue_meaning == "belief"
    assert s.speaker is not None and s.speaker.text == "Many farmers"


def test_seeing_without_as_is_perception_not_a_claim() -> None:
    assert run("Villagers saw a bright light over the hills on Tuesday night.") == []


def test_likening_one_thing_to_another() -> None:
    s = find(run("The architect likened the new stadium to a parking garage."), "stadium")
    assert s.content.text == "the new stadium to a parking garage"
    assert s.speaker is not None and s.speaker.text == "The architect"


def test_in_a_survey_fronted_is_evidence() -> None:
    s = find(run("In the latest survey, the mayor leads her rival by six points."), "leads her rival")
    assert s.content.text == "the mayor leads her rival by six points"
    assert s.cue_meaning == "evidence"
    assert s.speaker is not None and s.speaker.text == "the latest survey"


def test_a_court_ruling_that() -> None:
    s = find(run("The appeals court ruled that the merger was unlawful."), "merger")
    assert s.content.text == "the merger was unlawful"


def test_expressing_a_concern_that() -> None:
    s = find(run("Residents expressed concern that the old bridge is unsafe."), "bridge")
    assert s.content.text == "the old bridge is unsafe"


def test_as_someone_put_it_attributes_the_main_clause() -> None:
    s = find(run("As the coach put it after the final, the team simply ran out of ideas."), "ran out of ideas")
    assert s.content.text == "the team simply ran out of ideas"
    assert s.speaker is not None and s.speaker.text == "the coach"


def test_transcript_line_opened_by_a_quotation_mark() -> None:
    text = 'The exchange went on.\n\n"HARLAN: Do you really think the two plans are the same? I do not.\n'
    s = find(run(text), "two plans")
    assert s.speaker is not None and s.speaker.text == "HARLAN"


def test_headline_naming_a_source_and_a_topic() -> None:
    text = "Okafor on Housing: The Waiting Lists Are 'Shameful'\n\nThe minister spoke in Lagos on Friday."
    s = find(run(text), "Waiting Lists")
    assert s.speaker is not None and s.speaker.text == "Okafor"


def test_possessed_noun_cue_with_an_infinitive() -> None:
    s = find(run("The governor's plan to close three rural schools angered parents."), "close three")
    assert s.content.text == "to close three rural schools"
    assert s.speaker is not None and s.speaker.text == "The governor"
    assert s.cue_meaning == "intention"


def test_noun_cue_with_a_by_source_and_a_that_clause() -> None:
    s = find(run("The allegation by the opposition that the vote was rigged was rejected."), "vote was rigged")
    assert s.content.text == "the vote was rigged"
    assert s.speaker is not None and s.speaker.text == "the opposition"
    assert s.cue_meaning == "accusation"


def test_quote_introduced_by_a_cue_noun_and_a_colon() -> None:
    text = 'On Friday the minister made the following statement: "We will not close a single rural school."'
    s = find(run(text), "rural school")
    assert s.speaker is not None and s.speaker.text == "the minister"
    assert s.cue is not None and s.cue.text == "statement"
    assert s.kind == "direct"


def test_releasing_or_unveiling_something_is_an_action_not_a_claim() -> None:
    assert run("The ministry released the audit on Tuesday.") == []
    assert run("The carmaker unveiled a new electric van in Turin.") == []


def test_possessed_stance_noun_with_its_preposition() -> None:
    s = find(run("The senator's support for the new pipeline cost her the primary."), "pipeline")
    assert s.content.text == "the new pipeline"
    assert s.cue is not None and s.cue.text == "support"
    assert s.speaker is not None and s.speaker.text == "The senator"
    s = find(run("His opposition to the school reform surprised the union."), "school reform")
    assert s.content.text == "the school reform" and s.cue_meaning == "negative"
