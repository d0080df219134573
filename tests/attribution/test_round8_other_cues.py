"""Round 8 of issue 12: claims whose cue is not a verb of saying -- a stance held towards something, a record made
of it, a link drawn, a wish, a stance noun.

Each test was written before the rule that makes it pass, on an invented sentence; none is drawn from an
evaluation article.
"""

from __future__ import annotations

from .conftest import find, run


def test_admiring_someone_is_a_stance_whose_object_is_the_content() -> None:
    s = find(run("Councillor Brannigan openly admires the new mayor of Eastport."), "mayor of Eastport")
    assert s.cue is not None and s.cue.text == "admires"
    assert s.speaker is not None and "Brannigan" in s.speaker.text
    assert s.cue_meaning == "assertive"


def test_despising_a_plan_is_a_negative_stance() -> None:
    s = find(run("The union leader despises the new overtime rules."), "overtime rules")
    assert s.cue_meaning == "negative"
    assert s.speaker is not None and s.speaker.text == "The union leader"


def test_downplaying_a_risk_is_a_negative_stance() -> None:
    s = find(run("The health minister downplayed the risk of a second outbreak."), "second outbreak")
    assert s.content.text == "the risk of a second outbreak"
    assert s.cue_meaning == "negative"


def test_a_film_that_documents_how_something_happened() -> None:
    s = find(run("The film documents how the river towns lost their ferries."), "river towns")
    assert s.cue is not None and s.cue.text == "documents"
    assert s.speaker is not None and "film" in s.speaker.text


def test_linking_one_thing_to_another_keeps_both_in_the_content() -> None:
    s = find(run("The senator linked the power cuts to the closure of the coal plant."), "power cuts")
    assert s.content.text == "the power cuts to the closure of the coal plant"
    assert s.cue_meaning == "assertive"


def test_a_wish_with_would_like_is_an_intention() -> None:
    s = find(run("The campaign would like to hold another rally in Dunmore."), "another rally")
    assert s.cue_meaning == "intention"
    assert s.speaker is not None and s.speaker.text == "The campaign"


def test_meeting_to_discuss_a_topic_makes_the_topic_the_content() -> None:
    s = find(run("The fisheries committee met on Friday to discuss the new quotas."), "new quotas")
    assert s.content.text == "the new quotas"
    assert s.speaker is not None and "committee" in s.speaker.text


def test_declining_to_discuss_a_topic_yields_no_statement() -> None:
    assert run("The minister declined to discuss the new quotas.") == []


def test_grilling_someone_over_a_deed_is_a_negative_stance() -> None:
    s = find(run("Senator Oduya grilled the bank's chief executive over the missing pension funds."), "pension funds")
    assert s.content.text.startswith("the bank's chief executive")
    assert s.cue_meaning == "negative"


def test_a_possessed_determination_with_an_infinitive_is_an_intention() -> None:
    s = find(run("The governor's determination to close the old prison angered the guards."), "close the old prison")
    assert s.cue_meaning == "intention"
    assert s.speaker is not None and s.speaker.text == "The governor"


def test_a_physical_sense_is_not_a_claim() -> None:
    assert run("The fisherman tied the boat to the pier and walked home.") == []


def test_concern_voiced_about_something_makes_that_thing_the_content() -> None:
    statements = run("Tenant groups voiced strong concern over the new residency rule.")
    s = find(statements, "residency rule")
    assert s.content.text == "the new residency rule"
    assert s.cue_meaning == "belief"
    assert s.speaker is not None and s.speaker.text == "Tenant groups"
    assert len(statements) == 1


def test_making_the_case_for_something_is_a_stance() -> None:
    s = find(run("Ms Obi made the case for a second bridge across the estuary."), "second bridge")
    assert s.content.text == "a second bridge across the estuary"
    assert s.speaker_name is not None and "Obi" in s.speaker_name


def test_having_no_doubts_about_something_is_not_a_stance_voiced() -> None:
    assert all("harbour" not in s.content.text for s in run("The mayor has no doubts about the harbour plan."))


def test_it_is_clear_that_reports_a_judgement_without_a_speaker() -> None:
    s = find(run("It is clear that the old dam will not survive another flood."), "old dam")
    assert s.speaker is None
    assert s.content.text == "the old dam will not survive another flood"


def test_it_is_not_clear_whether_judges_nothing() -> None:
    assert run("It is not clear whether the old dam will survive another flood.") == []


def test_a_stance_in_the_passive_is_held_by_its_agent() -> None:
    s = find(run("The harbour levy is backed by most local farmers."), "harbour levy")
    assert s.content.text == "The harbour levy"
    assert s.speaker is not None and "farmers" in s.speaker.text
    assert s.cue is not None and "backed" in s.cue.text


def test_a_passive_of_plain_reporting_takes_no_stance() -> None:
    assert all(s.content.text != "The flood" for s in run("The flood was described by the mayor."))


def test_railing_against_something_makes_its_object_the_content() -> None:
    s = find(run("The opposition leader has railed against the new fuel tax for months."), "fuel tax")
    assert s.content.text == "the new fuel tax"
    assert s.cue_meaning == "negative"


def test_sparring_over_a_question_makes_the_question_the_content() -> None:
    s = find(run("The two ministers sparred over whether the ferry line should be sold."), "ferry line")
    assert s.content.text.startswith("whether the ferry line")
    assert s.speaker is not None and s.speaker.text == "The two ministers"


def test_seizing_on_remarks_is_a_stance_towards_them() -> None:
    s = find(run("The challenger's campaign is seizing on remarks the governor made last week."), "remarks")
    assert s.content.text.startswith("remarks the governor made")


def test_repudiating_something_is_a_denial() -> None:
    s = find(run("The party chairman repudiated the leaflets sent out in his name."), "leaflets")
    assert s.cue_meaning == "denial"
    assert s.speaker is not None and s.speaker.text == "The party chairman"


def test_envisioning_something_is_a_belief() -> None:
    s = find(run("Few economists envisioned a slump as deep as this one."), "slump")
    assert s.cue_meaning == "belief"


def test_an_adjective_of_feeling_with_a_clause_is_the_holder_s_stance() -> None:
    s = find(run("The dairy farmers are angry that the milk subsidy was cut again."), "milk subsidy")
    assert s.content.text == "the milk subsidy was cut again"
    assert s.cue_meaning == "negative"
    assert s.speaker is not None and s.speaker.text == "The dairy farmers"


def test_wishing_that_something_were_so_is_a_belief() -> None:
    s = find(run("Many parents wish that the school day started later."), "school day")
    assert s.cue_meaning == "belief"


def test_praise_for_a_deed_keeps_the_target_and_the_deed() -> None:
    s = find(run("The mayor commended the volunteers for clearing the flooded streets."), "volunteers")
    assert s.content.text == "the volunteers for clearing the flooded streets"
    assert s.cue_meaning == "assertive"


def test_an_evidential_adverb_makes_its_clause_an_unattributed_claim() -> None:
    text = "Police said nothing more, but the bus driver allegedly ran a red light before the crash."
    s = find(run(text), "red light")
    assert s.content.text == "the bus driver allegedly ran a red light before the crash"
    assert s.speaker is None
    assert s.cue is not None and s.cue.text == "allegedly"
    assert s.cue_meaning == "accusation"


def test_reportedly_is_hedged() -> None:
    s = find(run("The shipyard is reportedly weighing a sale to a rival."), "shipyard")
    assert s.cue_meaning == "hedged"


def test_being_convinced_that_something_is_so() -> None:
    s = find(run("The inspectors came away convinced that the reactor was safe."), "reactor")
    assert s.content.text == "the reactor was safe"
    assert s.speaker is not None and s.speaker.text == "The inspectors"


def test_a_poll_named_after_its_clause_is_the_source() -> None:
    s = find(run("The governor did not get a bounce in the first polls taken after the debate."), "bounce")
    assert s.content.text == "The governor did not get a bounce"
    assert s.speaker is not None and "polls" in s.speaker.text
    assert s.cue_meaning == "evidence"


def test_a_figure_in_an_earlier_poll_is_not_a_poll_s_claim() -> None:
    assert run("Her rating slipped to 41 percent from 44 percent in the previous survey.") == []


def test_questions_raised_about_something_make_it_the_content() -> None:
    s = find(run("The auditors have questions about the charity's spending on travel."), "spending")
    assert s.content.text == "the charity's spending on travel"
    assert s.speaker is not None and s.speaker.text == "The auditors"


def test_throwing_support_behind_someone_is_a_stance() -> None:
    s = find(run("The farmers' union is throwing its support behind the independent candidate."), "candidate")
    assert s.content.text == "the independent candidate"
    assert s.cue_meaning == "assertive"


def test_polls_that_measure_something_are_evidence() -> None:
    s = find(run("Later surveys will measure the effect of the strike on the mayor."), "effect of the strike")
    assert s.cue_meaning == "evidence"


def test_a_person_who_measures_something_reports_nothing() -> None:
    assert run("The carpenter measured the door frame twice.") == []


def test_an_agreement_signed_to_do_something_is_an_intention() -> None:
    s = find(run("The two valley towns signed an agreement to share the new water plant."), "water plant")
    assert s.content.text == "to share the new water plant"
    assert s.cue_meaning == "intention"
    assert s.speaker is not None and s.speaker.text == "The two valley towns"


def test_an_agreement_without_an_undertaking_is_not_a_claim() -> None:
    assert run("The two valley towns signed an agreement on Tuesday.") == []


def test_making_it_clear_that_something_is_so_is_a_declaration() -> None:
    statements = run("On Tuesday the minister made it clear that she had doubts about the ferry deal.")
    s = find(statements, "ferry deal")
    assert s.content.text == "she had doubts about the ferry deal"
    assert s.cue is not None and s.cue.text == "made it clear"
    assert s.speaker is not None and s.speaker.text == "the minister"
    assert len(statements) == 1


def test_a_possessed_wager_with_a_copula_clause() -> None:
    s = find(run("The chancellor's bet is that lower fuel duty will revive the haulage firms."), "haulage")
    assert s.content.text == "lower fuel duty will revive the haulage firms"
    assert s.cue_meaning == "hedged"
    assert s.speaker is not None and s.speaker.text == "The chancellor"


def test_a_possessed_diagnosis_with_a_that_clause() -> None:
    s = find(run("The inspector's diagnosis that the roof was unsafe closed the school."), "roof was unsafe")
    assert s.speaker is not None and s.speaker.text == "The inspector"


def test_linking_arms_is_not_a_claim() -> None:
    assert run("The marchers linked arms with the nurses outside the hospital.") == []


def test_a_physical_sense_of_a_stance_passive_is_not_a_claim() -> None:
    assert run("The old roof was supported by four oak beams.") == []


def test_agreeing_with_someone_makes_them_the_content() -> None:
    s = find(run("The harbour master largely agreed with the engineers about the wall."), "engineers")
    assert s.content.text.startswith("the engineers")
    assert s.speaker is not None and s.speaker.text == "The harbour master"


def test_a_possessed_theory_of_something() -> None:
    s = find(run("The minister's theory of the housing shortage rests on old figures."), "housing shortage")
    assert s.cue_meaning == "hedged"
    assert s.speaker is not None and s.speaker.text == "The minister"


def test_criticism_received_for_a_deed_makes_the_deed_the_content() -> None:
    s = find(run("The port agency came under sharp criticism for its silence about the oil spill."), "oil spill")
    assert s.content.text == "its silence about the oil spill"
    assert s.cue_meaning == "negative"
    assert s.speaker is None


def test_criticism_received_from_someone_is_theirs() -> None:
    s = find(run("The senator faced fierce criticism from her own party."), "senator")
    assert s.content.text == "The senator"
    assert s.speaker is not None and s.speaker.text == "her own party"


def test_facing_a_challenge_is_not_a_stance() -> None:
    assert run("The senator faced a tough challenge in the primary.") == []


def test_an_adjective_of_stance_with_its_object() -> None:
    s = find(run("The harbour master is critical of the new dredging plan."), "dredging plan")
    assert s.content.text == "the new dredging plan"
    assert s.cue_meaning == "negative"
    assert s.speaker is not None and s.speaker.text == "The harbour master"


def test_worry_about_something_is_a_belief() -> None:
    s = find(run("Parents remain worried about the cost of the school trips."), "school trips")
    assert s.cue_meaning == "belief"
    assert s.speaker is not None and s.speaker.text == "Parents"


def test_criticism_received_over_something_makes_it_the_content() -> None:
    s = find(run("The mayor drew criticism over the delays at the new hospital."), "delays")
    assert s.content.text == "the delays at the new hospital"
