"""Round 10 of issue 12: claims whose cue is not a verb of saying -- cue nouns with no possessor, and more.

Each test was written before the rule that makes it pass, on an invented sentence; none is drawn from an
evaluation article.
"""

from __future__ import annotations

from .conftest import find, run


def test_a_cue_noun_with_a_that_clause_and_no_holder_is_a_claim_of_no_one_named() -> None:
    s = find(run("The council met amid growing concerns that the river would flood the lower town."), "river")
    assert s.content.text == "the river would flood the lower town"
    assert s.cue is not None and s.cue.text == "concerns"
    assert s.cue_meaning == "belief"
    assert s.speaker is None


def test_a_nationality_before_a_cue_noun_holds_it() -> None:
    s = find(run("Despite Danish warnings that the toll would rise, the bridge opened on time."), "toll")
    assert s.content.text == "the toll would rise"
    assert s.speaker is not None and s.speaker.text == "Danish"


def test_a_message_carried_by_a_verdict_is_a_claim() -> None:
    s = find(run("The verdict carries a stark message that landlords must repair their flats."), "landlords")
    assert s.content.text == "landlords must repair their flats"


def test_a_relative_clause_after_a_cue_noun_is_not_its_content() -> None:
    assert run("The concerns that the board raised last week were dismissed.") == []


def test_criticism_of_something_with_no_holder_named_is_a_negative_stance() -> None:
    s = find(run("Given the fierce criticism of the new tolls, the council paused the scheme."), "new tolls")
    assert s.content.text == "the new tolls"
    assert s.cue is not None and s.cue.text == "criticism of"
    assert s.cue_meaning == "negative"
    assert s.speaker is None


def test_public_scepticism_about_a_plan_is_a_belief_of_no_one_named() -> None:
    s = find(run("A rising tide of public scepticism about the tram line alarmed the council."), "tram line")
    assert s.content.text == "the tram line"
    assert s.cue_meaning == "belief"


def test_criticism_received_is_read_once() -> None:
    statements = run("The ministry came under sharp criticism for the long delays.")
    assert len([s for s in statements if "delays" in s.content.text]) == 1


def test_something_that_looks_a_certain_way_is_an_impression_of_no_one_named() -> None:
    s = find(run("The new timetable looks unworkable."), "timetable")
    assert s.content.text == "The new timetable looks unworkable"
    assert s.cue is not None and s.cue.text == "looks"
    assert s.cue_meaning == "hedged"
    assert s.speaker is None


def test_seeming_like_something_is_an_impression() -> None:
    s = find(run("To commuters the bypass can seem like a road to nowhere."), "bypass")
    assert s.content.text.startswith("the bypass can seem like a road to nowhere")


def test_a_demonstrative_that_sounds_unlikely_is_an_impression() -> None:
    s = find(run("The council might sell the depot. That sounds unlikely."), "unlikely")
    assert s.content.text == "That sounds unlikely"


def test_looking_at_or_looking_to_do_something_is_no_impression() -> None:
    assert run("The director looked at the map.") == []
    assert run("The director looks to expand the festival next year.") == []


def test_ideas_about_something_held_by_a_possessor_are_a_belief() -> None:
    s = find(run("His long-held ideas about rural schools shaped the new bill."), "rural schools")
    assert s.content.text == "rural schools"
    assert s.cue_meaning == "belief"
    assert s.speaker is not None and s.speaker.text == "His"


def test_an_obsession_with_something_is_a_belief_whose_object_is_the_content() -> None:
    s = find(run("The senator's obsession with the old canal puzzled voters."), "old canal")
    assert s.content.text == "the old canal"
    assert s.speaker is not None and s.speaker.text == "The senator"


def test_plural_cue_nouns_carry_their_that_clause() -> None:
    s = find(run("Despite media pronouncements that the festival was cancelled, crowds came."), "festival")
    assert s.content.text == "the festival was cancelled"
    assert s.speaker is not None and s.speaker.text == "media"
    s = find(run("The shares fell on rumours that the brewery would close."), "brewery")
    assert s.content.text == "the brewery would close"
    assert s.cue_meaning == "hedged"


def test_concerns_raised_with_a_that_clause_are_held_by_who_raised_them() -> None:
    s = find(run("Residents raised concerns that the bridge was unsafe."), "bridge")
    assert s.content.text == "the bridge was unsafe"
    assert s.speaker is not None and s.speaker.text == "Residents"
    assert s.cue is not None and s.cue.text == "raised concerns"


def test_making_the_case_to_someone_that_a_clause_holds_is_a_claim() -> None:
    s = find(run("She made the case to voters that the tax would pay for itself."), "tax")
    assert s.content.text == "the tax would pay for itself"
    assert s.speaker is not None and s.speaker.text == "She"


def test_by_one_estimate_frames_the_clause_as_the_estimate_s_claim() -> None:
    s = find(run("By one estimate, the flood cost the town ten million pounds."), "flood")
    assert s.content.text == "the flood cost the town ten million pounds"
    assert s.cue is not None and s.cue.text == "By one estimate"
    assert s.cue_meaning == "hedged"


def test_by_her_own_admission_frames_the_clause_as_hers() -> None:
    s = find(run("By her own admission, the budget was far too small."), "budget")
    assert s.content.text == "the budget was far too small"
    assert s.speaker is not None and s.speaker.text == "her"


def test_a_stance_noun_s_object_keeps_a_second_preposition_joined_to_it() -> None:
    s = find(run("The senator has been a loyal supporter of the harbour and of the fishing fleet."), "harbour")
    assert s.content.text == "the harbour and of the fishing fleet"


def test_worries_from_a_place_that_a_clause_holds_are_a_belief() -> None:
    s = find(run("The leak fuelled worries from residents that the water was unsafe."), "water")
    assert s.content.text == "the water was unsafe"
    assert s.speaker is not None and s.speaker.text == "residents"
    assert s.cue_meaning == "belief"


def test_claims_about_something_with_a_possessor_make_the_object_the_content() -> None:
    s = find(run("Experts doubted the ministry's claims about the size of the harvest."), "harvest")
    assert s.content.text == "the size of the harvest"
    assert s.speaker is not None and s.speaker.text == "the ministry"


def test_under_her_plan_frames_the_clause_as_what_the_plan_holds() -> None:
    s = find(run("Under the mayor's plan, every school would get a new library."), "library")
    assert s.content.text == "every school would get a new library"
    assert s.speaker is not None and s.speaker.text == "the mayor"
    assert s.cue_meaning == "intention"


def test_a_fronted_frame_takes_the_whole_sentence_whatever_the_parser_hangs_it_on() -> None:
    s = find(run("Under the mayor's plan, drivers entering the old town would pay a daily charge."), "daily charge")
    assert s.content.text == "drivers entering the old town would pay a daily charge"


def test_debating_espousing_or_retweeting_something_makes_it_the_content() -> None:
    s = find(run("Historians have long debated the origins of the harvest fair."), "origins")
    assert s.content.text == "the origins of the harvest fair"
    assert s.speaker is not None and s.speaker.text == "Historians"
    s = find(run("The mayor heralded the bridge as a triumph of engineering."), "triumph")
    assert s.content.text == "the bridge as a triumph of engineering"
    s = find(run("The senator espoused a flat tax on land."), "flat tax")
    assert s.cue_meaning == "assertive"
    s = find(run("The mayor retweeted a cartoon of her rival."), "cartoon")
    assert s.content.text == "a cartoon of her rival"


def test_contemplating_an_option_is_a_belief() -> None:
    s = find(run("Nervous councillors are contemplating a second vote."), "second vote")
    assert s.cue_meaning == "belief"


def test_scoffing_at_an_idea_is_a_negative_stance_on_it() -> None:
    s = find(run("The minister scoffed at the idea of a new airport."), "airport")
    assert s.content.text == "the idea of a new airport"
    assert s.cue_meaning == "negative"


def test_judging_someone_something_is_an_assertive_stance() -> None:
    s = find(run("The coach judged the young striker ready for the final."), "striker")
    assert s.content.text == "the young striker ready for the final"
    assert s.cue_meaning == "assertive"


def test_leaning_toward_an_option_is_a_belief_about_it() -> None:
    s = find(run("The committee is leaning toward the northern route."), "northern route")
    assert s.content.text == "the northern route"
    assert s.cue_meaning == "belief"


def test_a_report_that_examines_something_makes_it_the_content() -> None:
    s = find(run("The audit examines the council's spending on consultants."), "consultants")
    assert s.content.text == "the council's spending on consultants"


def test_not_being_able_to_fathom_how_something_happened_is_a_belief() -> None:
    s = find(run("I cannot fathom how the ferry company kept its licence."), "ferry company")
    assert s.content.text == "how the ferry company kept its licence"
    assert s.cue_meaning == "belief"


def test_an_agentless_passive_of_judging_makes_its_clause_a_claim_of_no_one_named() -> None:
    s = find(run("The old bridge is considered a danger to shipping."), "danger")
    assert s.content.text == "The old bridge is considered a danger to shipping"
    assert s.speaker is None
    assert s.cue is not None and s.cue.text == "is considered"
    s = find(run("The new levy was widely viewed as unfair to farmers."), "unfair")
    assert s.content.text == "The new levy was widely viewed as unfair to farmers"


def test_a_passive_of_judging_with_its_agent_is_not_read_as_unnamed() -> None:
    statements = run("The new levy was viewed as unfair by most farmers.")
    assert all(s.speaker is not None for s in statements)


def test_a_predicative_adjective_of_stance_with_its_preposition() -> None:
    s = find(run("The regulator has been vague about the new limits."), "new limits")
    assert s.content.text == "the new limits"
    assert s.speaker is not None and s.speaker.text == "The regulator"
    s = find(run("Most farmers are dismissive of the subsidy scheme."), "subsidy")
    assert s.cue_meaning == "negative"


def test_taking_offence_or_issue_with_something_is_a_negative_stance_on_it() -> None:
    s = find(run("The chef took offence at claims that his kitchen was dirty."), "kitchen")
    assert s.content.text == "claims that his kitchen was dirty"
    assert s.speaker is not None and s.speaker.text == "The chef"
    s = find(run("Several councillors took issue with the new parking rules."), "parking rules")
    assert s.content.text == "the new parking rules"
    assert s.cue_meaning == "negative"


def test_a_clause_as_subject_of_seems_is_an_impression() -> None:
    s = find(run("If the bus is late, or walking to the station seems too risky, take a taxi."), "walking")
    assert s.content.text == "walking to the station seems too risky"


def test_what_worries_or_angers_someone_is_the_content_and_they_hold_the_stance() -> None:
    s = find(run("The new curfew has angered many shop owners."), "curfew")
    assert s.content.text == "The new curfew"
    assert s.speaker is not None and s.speaker.text == "many shop owners"
    assert s.cue_meaning == "negative"
    s = find(run("The slow repairs worry residents."), "repairs")
    assert s.speaker is not None and s.speaker.text == "residents"
    assert s.cue_meaning == "belief"


def test_the_one_unsettled_by_something_holds_the_stance() -> None:
    s = find(run("Shop owners were unsettled by the new curfew."), "curfew")
    assert s.content.text == "the new curfew"
    assert s.speaker is not None and s.speaker.text == "Shop owners"


def test_a_case_that_concerns_a_contract_is_no_stance() -> None:
    assert run("The case concerns a contract for school meals.") == []


def test_a_demonstrative_subject_is_what_worries_the_holder() -> None:
    s = find(run("The river is rising again. That worries residents."), "That")
    assert s.content.text == "That"
    assert s.speaker is not None and s.speaker.text == "residents"


def test_people_named_by_their_calling_can_hold_a_felt_stance() -> None:
    s = find(run("The oil spill alarmed many conservationists."), "spill")
    assert s.speaker is not None and s.speaker.text == "many conservationists"


def test_records_that_shed_light_on_something_are_evidence_about_it() -> None:
    s = find(run("The old ledgers shed light on how the mill paid its workers."), "mill")
    assert s.content.text == "how the mill paid its workers"
    assert s.speaker is not None and s.speaker.text == "The old ledgers"
    assert s.cue_meaning == "evidence"


def test_a_subject_that_is_evidence_of_something_is_its_source() -> None:
    s = find(run("The long queues are evidence of the bank's weak controls."), "weak controls")
    assert s.content.text == "the bank's weak controls"
    assert s.speaker is not None and s.speaker.text == "The long queues"
    assert s.cue_meaning == "evidence"


def test_frustrated_with_a_curly_apostrophe_copula_holds_its_clause() -> None:
    s = find(run("She’s frustrated that the county cut the library budget."), "library budget")
    assert s.content.text == "the county cut the library budget"


def test_a_judgement_after_a_curly_apostrophe_it_s_is_read() -> None:
    s = find(run("It’s clear that the old pier is unsafe."), "pier")
    assert s.content.text == "the old pier is unsafe"
    assert s.speaker is None


def test_being_against_something_is_a_negative_stance_on_it() -> None:
    s = find(run("The mayor is firmly against the new stadium."), "stadium")
    assert s.content.text == "the new stadium"
    assert s.speaker is not None and s.speaker.text == "The mayor"
    assert s.cue_meaning == "negative"


def test_being_in_favour_of_or_in_despair_over_something_is_a_stance() -> None:
    s = find(run("Most residents are in favour of the bypass."), "bypass")
    assert s.content.text == "the bypass"
    assert s.cue_meaning == "assertive"
    s = find(run("Their leaders are privately in despair over the talks."), "talks")
    assert s.cue_meaning == "negative"


def test_a_thing_against_a_wall_is_no_stance() -> None:
    assert run("The ladder is against the wall.") == []


def test_an_interest_in_something_is_a_belief_about_it() -> None:
    s = find(run("The senator has a keen interest in rural broadband."), "broadband")
    assert s.content.text == "rural broadband"
    assert s.speaker is not None and s.speaker.text == "The senator"
    s = find(run("The mayor is interested in the tram plan."), "tram plan")
    assert s.cue_meaning == "belief"


def test_making_no_secret_of_something_states_it() -> None:
    s = find(run("The coach made no secret of his dislike of the new rules."), "dislike")
    assert s.content.text == "his dislike of the new rules"
    assert s.speaker is not None and s.speaker.text == "The coach"


def test_resenting_being_treated_some_way_makes_the_gerund_the_content() -> None:
    s = find(run("The smaller towns resented being charged for the new road."), "charged")
    assert s.content.text == "being charged for the new road"
    assert s.cue_meaning == "negative"


def test_caring_about_something_is_a_stance_on_it() -> None:
    s = find(run("Voters care about the price of bread."), "bread")
    assert s.content.text == "the price of bread"


def test_being_implicated_in_a_deed_is_an_accusation_of_no_one_named() -> None:
    s = find(run("The port authority is implicated in the smuggling of fuel."), "smuggling")
    assert s.content.text == "The port authority is implicated in the smuggling of fuel"
    assert s.cue_meaning == "accusation"
    assert s.speaker is None


def test_a_motion_seconded_by_someone_has_their_support() -> None:
    s = find(run("The proposal was seconded by the farmers' union."), "proposal")
    assert s.content.text == "The proposal"
    assert s.speaker is not None and "union" in s.speaker.text


def test_an_assessment_of_something_makes_it_the_content() -> None:
    s = find(run("The report opens with an assessment of the council's record on housing."), "housing")
    assert s.content.text == "the council's record on housing"


def test_acting_in_hopes_that_something_happens_is_no_claim_of_no_one_named() -> None:
    statements = run("The clerk delayed the vote in hopes that the rain would stop.")
    assert all(s.speaker is not None for s in statements)


def test_criticism_received_after_a_participle_the_parser_reads_as_a_verb() -> None:
    s = find(run("The council came under blistering criticism over the delays."), "delays")
    assert s.content.text == "the delays"
    assert s.cue_meaning == "negative"
