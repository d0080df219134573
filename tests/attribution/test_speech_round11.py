"""Round-eleven constructions of reported speech (speech-cue recall), one invented text each (none taken from any
evaluation corpus)."""

from __future__ import annotations

from .conftest import find, run


def speaker_text(s: object) -> str | None:
    speaker = getattr(s, "speaker", None)
    return None if speaker is None else speaker.text


# -- statements freed by a trim ---------------------------------------------------------------------------------------


def test_refusal_in_a_trimmed_concession_stands_on_its_own() -> None:
    # 'claimed A, although she refused to B': the concession is trimmed from A; the refusal it holds is still said.
    statements = run("The mayor claimed that the pool was safe, although she again refused to release the report.")
    assert find(statements, "pool").content.text == "the pool was safe"
    s = find(statements, "release")
    assert s.content.text == "to release the report" and s.cue is not None and s.cue.text == "refused"


def test_statement_in_a_trimmed_dash_aside_stands_on_its_own() -> None:
    statements = run("Ruiz endorsed the senator -- who the union said was a reliable friend of the docks.")
    assert find(statements, "senator").content.text == "the senator"
    s = find(statements, "reliable friend")
    assert speaker_text(s) == "the union"


# -- participles of evidence ------------------------------------------------------------------------------------------


def test_citing_after_a_statement_is_a_statement_of_its_own() -> None:
    # 'praised X, citing Y': what the speaker cites is put forward as grounds, and attributed to the speaker.
    statements = run("The senator praised the reforms, citing the release of three jailed reporters.")
    s = find(statements, "three jailed reporters")
    assert s.content.text == "the release of three jailed reporters" and speaker_text(s) == "The senator"


# -- the writer's appositive after a name ------------------------------------------------------------------------------


def test_appositive_after_a_name_closing_a_reported_clause_is_the_writers_gloss() -> None:
    s = find(run("Two ministers said they would not back Mr. Dorne, the long-time treasurer of the party."), "Dorne")
    assert s.content.text == "they would not back Mr. Dorne"


def test_appositive_with_a_relative_clause_after_a_name_is_trimmed_too() -> None:
    text = "Officials in Lisbon say the money would be better spent with Unicef, the fund that runs the clinics."
    assert find(run(text), "money").content.text == "the money would be better spent with Unicef"


def test_object_content_keeps_the_appositive_on_its_name() -> None:
    s = find(run("The coach criticized Ana Ruiz, the team captain, for missing practice."), "Ruiz")
    assert s.content.text == "Ana Ruiz, the team captain, for missing practice"


def test_place_after_a_place_is_one_name() -> None:
    s = find(run("She said the storm had flooded Tulsa, Oklahoma."), "storm")
    assert s.content.text == "the storm had flooded Tulsa, Oklahoma"


# -- verbs that put forward an object ---------------------------------------------------------------------------------


def test_offered_advice_is_what_was_put_forward() -> None:
    s = find(run("Senator Okafor offered some blunt advice to the new mayor on Friday."), "advice")
    assert s.content.text == "some blunt advice to the new mayor" and speaker_text(s) == "Senator Okafor"


def test_published_takes_its_object_as_content() -> None:
    s = find(run("The museum published a short history of the harbour strike."), "history")
    assert s.content.text == "a short history of the harbour strike"


# -- prepositional objects of 'refer' and 'respond' -------------------------------------------------------------------


def test_referred_to_takes_the_prepositions_object() -> None:
    s = find(run("Her uncle often referred to the old mill as the family curse."), "old mill")
    assert s.content.text.startswith("the old mill") and s.cue is not None and s.cue.text == "referred"


def test_responded_with_or_by_takes_what_the_response_was() -> None:
    s = find(run("The governor responded with sharp attacks on the auditor."), "attacks")
    assert s.content.text == "sharp attacks on the auditor" and speaker_text(s) == "The governor"
    s = find(run("The coach responded by pointing to the injuries in the squad."), "injuries")
    assert s.content.text == "pointing to the injuries in the squad"


# -- more prepositional objects ----------------------------------------------------------------------------------------


def test_prepositional_objects_of_agree_decide_believe_wonder_and_press() -> None:
    cases = [
        ("Most members agree on the need for a second bridge.", "the need for a second bridge", "agree"),
        ("The board decided against raising the ferry fares.", "raising the ferry fares", "decided"),
        ("I believe in the patience of the voters.", "the patience of the voters", "believe"),
        ("Residents are wondering about the future of the old market.", "the future of the old market", "wondering"),
        ("Reporters pressed about the cost of the new bridge.", "the cost of the new bridge", "pressed"),
    ]
    for text, content, cue in cases:
        s = find(run(text), content)
        assert s.content.text == content and s.cue is not None and s.cue.text == cue


# -- ratings ----------------------------------------------------------------------------------------------------------


def test_rated_as_takes_the_object_and_the_rating() -> None:
    s = find(run("The watchdog rated the claim as false."), "claim")
    assert s.content.text == "the claim as false" and speaker_text(s) == "The watchdog"


def test_rated_in_the_agentless_passive_is_an_unheld_judgement() -> None:
    s = find(run("Most claims by the governor were rated as mostly true."), "claims")
    assert s.content.text == "Most claims by the governor were rated as mostly true" and s.speaker is None


# -- object contents of verbs that also take a clause -----------------------------------------------------------------


def test_signal_explain_fear_recognize_and_shout_take_an_object_content() -> None:
    cases = [
        ("The ministry has signaled a willingness to reopen the talks.", "a willingness to reopen the talks"),
        ("The film explains the long history of the harbour strikes.", "the long history of the harbour strikes"),
        ("Many farmers fear a second drought.", "a second drought"),
        ("Voters recognize the danger of an empty reservoir.", "the danger of an empty reservoir"),
        ("The protesters were shouting insults at the mayor.", "insults"),
    ]
    for text, content in cases:
        assert find(run(text), content).content.text == content


# -- an 'including' phrase after an object content ----------------------------------------------------------------


def test_including_phrase_after_an_object_content_belongs_to_it() -> None:
    s = find(run("The envoy condemned the raid on the port, including the arrest of two sailors."), "raid")
    assert s.content.text == "the raid on the port, including the arrest of two sailors"


def test_including_after_an_anaphoric_content_lists_other_speakers() -> None:
    s = find(run("Many senators said the same thing, including Maria Lopes."), "same")
    assert s.content.text == "the same thing"


# -- a frame swallowed by a misread content ------------------------------------------------------------------------


def test_quote_whose_frame_a_misread_content_swallows_still_stands() -> None:
    text = (
        "Ines turned to her brother. “Are we ahead?” she asked, yet Tomas had dozed off once more, and while the"
        " candidate railed against “the crooked referees,” Ines said yes, again and again."
    )
    s = find(run(text), "ahead")
    assert s.content.text == "“Are we ahead?”" and speaker_text(s) == "she"


# -- 'call for X to Y' ----------------------------------------------------------------------------------------------


def test_call_for_a_subject_and_infinitive_takes_the_clause() -> None:
    s = find(run("He is calling for the new manager to be quickly named."), "manager")
    assert s.content.text == "the new manager to be quickly named" and speaker_text(s) == "He"
    s = find(run("The union pushed for the depot to be closed."), "depot")
    assert s.content.text == "the depot to be closed"


# -- a participle that carries a reported event on ---------------------------------------------------------------------


def test_participle_after_a_tensed_reported_clause_carries_it_on() -> None:
    s = find(
        run("Ruiz said the new library would put the loss into a wider frame, allowing readers to see the gains."),
        "library",
    )
    assert s.content.text == "the new library would put the loss into a wider frame, allowing readers to see the gains"


def test_participle_after_an_infinitive_content_stays_out() -> None:
    s = find(run("The club wants to sign up two thousand members, focusing on people under thirty."), "members")
    assert s.content.text == "to sign up two thousand members"


# -- the writer's comparison after a figure ----------------------------------------------------------------------------


def test_comparison_set_off_after_the_contents_figure_is_the_writers() -> None:
    text = "The bank expects that exports will grow by a modest 2 percent, half a point less than forecast in March."
    assert find(run(text), "exports").content.text == "exports will grow by a modest 2 percent"


# -- 'in', 'on', 'at' after an object content ------------------------------------------------------------------------


def test_in_phrase_that_sets_no_scene_goes_on_with_the_object() -> None:
    assert find(run("The union endorsed Lopes in the race for mayor."), "Lopes").content.text == (
        "Lopes in the race for mayor"
    )
    text = "The report revealed a deep gulf in the way the two parties see the harbour."
    assert find(run(text), "gulf").content.text == "a deep gulf in the way the two parties see the harbour"


def test_channel_or_place_of_the_saying_stays_out_of_the_object() -> None:
    assert find(run("The coach criticised the referee in an interview on Sunday."), "referee").content.text == (
        "the referee"
    )
    assert find(run("The mayor praised the nurses at a rally in Porto."), "nurses").content.text == "the nurses"


# -- a paragraph that closes on its cue --------------------------------------------------------------------------------


def test_paragraph_closing_on_a_trailing_cue_is_one_account() -> None:
    text = (
        "The bakery opens at five every morning. Its two ovens run on wind power from the hill. Each loaf uses"
        " flour from local mills, Ortiz said.\n\nThe bakery hopes to open a second shop."
    )
    s = find(run(text), "local mills")
    assert s.content.text.startswith("The bakery opens at five") and s.content.text.endswith("from local mills")


def test_paragraph_going_on_after_the_cue_keeps_the_cue_sentence_alone() -> None:
    text = "The storm hit the coast at dawn. Three piers were lost, officials said. Repairs will take a year."
    assert find(run(text), "piers").content.text == "Three piers were lost"


# -- a pronoun object ------------------------------------------------------------------------------------------------


def test_pronoun_object_is_a_content_however_short() -> None:
    s = find(run("Dorne has used the loophole for years, but he does not defend it."), "it")
    assert s.content.text == "it" and s.cue is not None and s.cue.text == "defend"


def test_believe_and_encourage_take_an_object_content() -> None:
    assert find(run("Few voters believe the official figures."), "figures").content.text == "the official figures"
    s = find(run("The pamphlet was encouraging the boycott of the port."), "boycott")
    assert s.content.text == "the boycott of the port"


# -- the topic put to a speaker ----------------------------------------------------------------------------------------


def test_asked_about_takes_the_topic_as_content() -> None:
    text = "Asked about the mayor's claim that the pier was unsafe, Ruiz said the engineers would decide."
    s = find(run(text), "pier was unsafe")
    assert s.content.text == "the mayor's claim that the pier was unsafe" and s.speaker is None
    s = find(
        run("When pressed by reporters about how he would pay for the bridge, the mayor changed the subject."), "pay"
    )
    assert s.content.text == "how he would pay for the bridge" and speaker_text(s) == "reporters"


def test_comments_and_answer_take_their_topic() -> None:
    s = find(run("The mayor's comments on the strike angered the union."), "strike")
    assert s.content.text == "the strike" and speaker_text(s) == "The mayor"
    assert find(run("Her answer about the budget was vague."), "budget").content.text == "the budget"


# -- a relative clause that labels its antecedent ----------------------------------------------------------------------


def test_set_off_relative_clause_with_a_label_is_the_claim() -> None:
    s = find(run("The council approved the levy, which the mayor called a 'pure giveaway' to developers."), "giveaway")
    assert s.content.text == "which the mayor called a 'pure giveaway' to developers" and speaker_text(s) == "the mayor"


def test_restrictive_relative_clause_with_a_label_takes_its_antecedent() -> None:
    s = find(run("Four people were hurt by a fire that the chief described as 'a deliberate act.'"), "deliberate")
    assert s.content.text.startswith("a fire that the chief described as") and speaker_text(s) == "the chief"


def test_that_clause_read_as_a_complement_of_the_adjuncts_noun_is_the_content() -> None:
    s = find(run('He often told the young recruits on a regular basis that "patience is the answer."'), "patience")
    assert s.content.text == '"patience is the answer."' and s.cue is not None and s.cue.text == "told"
