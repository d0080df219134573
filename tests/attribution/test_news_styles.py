"""News wire styles: hand-written sentences (invented names, places and facts), none taken from any evaluation
corpus.  These tests were written alongside the rules they check, so they guard against regressions; they are not
a measure of how the rules do on unseen text.  Each test names the construction it covers; ``run`` checks every
offset."""

from __future__ import annotations

import pytest

from newsclaims.attribution import Statement

from .conftest import find, run


def speaker_text(s: Statement) -> str:
    assert s.speaker is not None, f"no speaker mention for {s.content.text!r}"
    return s.speaker.text


# -- cue after the content, with an adjunct ---------------------------------------------------------------------------


def test_said_in_a_statement_reported() -> None:
    s = find(
        run("The plant will reopen in early spring once repairs are finished, Dalmore Steel said in a statement."),
        "reopen",
    )
    assert s.content.text == "The plant will reopen in early spring once repairs are finished"
    assert speaker_text(s) == "Dalmore Steel"
    assert s.speaker_kind == "organisation" and s.kind == "indirect"


def test_said_in_a_statement_direct() -> None:
    s = find(run('"We deeply regret the delay," Northwind Rail said in a statement.'), "regret")
    assert s.kind == "direct" and speaker_text(s) == "Northwind Rail"


def test_in_a_statement_first() -> None:
    s = find(run("In a statement, the ministry said that all flights would resume by Friday."), "flights")
    assert s.content.text == "all flights would resume by Friday"
    assert speaker_text(s) == "the ministry" and s.speaker_kind == "organisation"


def test_wrote_on_x() -> None:
    s = find(run("The vote was a disgrace and should be held again, Senator Priya Natarajan wrote on X."), "disgrace")
    assert s.speaker_name == "Priya Natarajan" and s.speaker_kind == "person" and s.speaker_role == "Senator"
    assert s.cue is not None and s.cue.text == "wrote"


def test_wrote_on_facebook_direct() -> None:
    s = find(
        run('"I am stepping down to spend more time with my family," Mayor Lena Okafor wrote on Facebook on Sunday.'),
        "stepping down",
    )
    assert s.kind == "direct" and s.speaker_name == "Lena Okafor"


def test_tweeted_that() -> None:
    s = find(run("Representative Carla Mendes tweeted that the bill was dead on arrival."), "dead on arrival")
    assert s.content.text == "the bill was dead on arrival" and s.speaker_name == "Carla Mendes"


def test_said_with_bare_weekday() -> None:
    s = find(run("The central bank said Tuesday it would keep interest rates unchanged."), "interest rates")
    assert s.content.text == "it would keep interest rates unchanged"
    assert speaker_text(s) == "The central bank"


# -- speaker descriptions ---------------------------------------------------------------------------------------------


def test_possessive_spokesman() -> None:
    s = find(run("The governor's spokesman said the budget would be released next week."), "budget")
    assert speaker_text(s) == "The governor's spokesman"
    # An unnamed person is an anonymous source: no person record is made of a description.
    assert s.speaker_kind == "anonymous"


def test_possessive_spokesman_with_name() -> None:
    s = find(run("Ms Quint's spokesman, Tom Bell, said the minister had no plans to resign."), "no plans")
    assert s.speaker_name == "Tom Bell" and s.speaker_kind == "person"


def test_asked_whether_then_said() -> None:
    text = (
        "Asked whether the talks had collapsed, Foreign Minister Tomas Vrana said negotiators would meet again "
        "on Thursday."
    )
    statements = run(text)
    s = find(statements, "negotiators")
    assert s.content.text == "negotiators would meet again on Thursday"
    assert s.speaker_name == "Tomas Vrana" and s.speaker_role == "Foreign Minister"
    assert not any("talks had collapsed" in x.content.text for x in statements)  # the question is not his claim


def test_relative_clause_on_the_speaker() -> None:
    s = find(
        run("Ingrid Solberg, who has led the union since 2019, said the strike would continue until wages rose."),
        "strike",
    )
    assert s.content.text == "the strike would continue until wages rose"
    assert s.speaker_name == "Ingrid Solberg" and s.speaker_kind == "person"


def test_age_and_description_appositive() -> None:
    s = find(run("Olu Bakare, 54, a retired teacher, said the floods had destroyed his home."), "floods")
    assert s.speaker_name == "Olu Bakare" and s.speaker_kind == "person"


def test_inverted_cue_with_appositive_direct() -> None:
    s = find(
        run('"This is the worst drought we have seen in forty years," said Amara Diallo, the group\'s director.'),
        "drought",
    )
    assert s.kind == "direct"
    assert s.speaker_name == "Amara Diallo" and s.speaker_kind == "person"
    assert s.speaker_role == "group's director"


def test_inverted_cue_with_appositive_reported() -> None:
    s = find(run("The port will reopen on Monday, said Ilse Varga, the harbour master."), "port")
    assert s.content.text == "The port will reopen on Monday"
    assert s.speaker_name == "Ilse Varga" and s.speaker_role == "harbour master"


def test_uk_style_honorific_without_full_stop() -> None:
    s = find(run("Mr Hartley said the council had run out of money for road repairs."), "road repairs")
    assert speaker_text(s) == "Mr Hartley"
    assert s.speaker_name == "Hartley" and s.speaker_kind == "person"
    assert s.speaker_role is None  # an honorific is not a role


def test_uk_style_ms_told_the_bbc() -> None:
    s = find(run("Ms Carrow told the BBC that the hospital would not close."), "hospital")
    assert s.speaker_name == "Carrow" and s.speaker_kind == "person"
    assert s.via == ("the BBC",)


# -- quotations -------------------------------------------------------------------------------------------------------


def test_second_quote_without_cue_inherits_the_speaker() -> None:
    statements = run('"We were not consulted," Halvard Brenn said. "Nobody asked the farmers what they needed."')
    s = find(statements, "Nobody asked")
    assert s.speaker_name == "Halvard Brenn"
    assert "not consulted" in s.content.text  # one statement, as one quotation interrupted by its cue
    assert s.kind == "direct"
    assert len(statements) == 1


def test_paragraph_of_quotes_resolves_the_pronoun() -> None:
    text = (
        "Hanna Lind, the committee chair, said the report was overdue.\n\n"
        '"We asked for it in January," she said. "We are still waiting."'
    )
    statements = run(text)
    assert find(statements, "overdue").speaker_role == "committee chair"
    s = find(statements, "still waiting")
    assert speaker_text(s) == "she" and s.speaker_name == "Hanna Lind" and s.kind == "direct"


def test_colon_and_quote_in_the_next_paragraph() -> None:
    s = find(
        run('Councillor Joan Petrakis added:\n"We cannot keep asking residents to pay more for less."'), "pay more"
    )
    assert s.kind == "direct"
    assert s.cue is not None and s.cue.text == "added"
    assert s.speaker_name == "Joan Petrakis" and s.speaker_kind == "person"


def test_quoted_question_with_inverted_cue() -> None:
    s = find(
        run('"Why should we pay for their mistakes?" asked Nadia Ferreira, a shop owner in the old town.'), "mistakes"
    )
    assert s.kind == "direct" and s.content.text.startswith('"Why')
    assert s.speaker_name == "Nadia Ferreira" and s.speaker_kind == "person"


def test_quoted_question_with_pronoun() -> None:
    s = find(run('Greta Holm paused at the podium. "Who will pay for this?" she asked.'), "Who will pay")
    assert speaker_text(s) == "she" and s.speaker_name == "Greta Holm"


def test_said_with_a_smile() -> None:
    text = 'Governor Samuel Achebe toured the flooded district on Monday.\n\n"We\'ll see," he said with a smile.'
    s = find(run(text), "We'll see")
    assert s.kind == "direct" and s.speaker_name == "Samuel Achebe"
    assert s.cue is not None and s.cue.text == "said"


# -- relayed through an outlet ----------------------------------------------------------------------------------------


def test_quoted_by_an_agency_as_saying() -> None:
    text = (
        "Defence Minister Arto Kivela was quoted by Reuters as saying that troops would stay in the region until March."
    )
    s = find(run(text), "troops")
    assert s.content.text == "troops would stay in the region until March"
    assert s.speaker_name == "Arto Kivela" and s.speaker_kind == "person"
    assert s.via == ("Reuters",)


def test_quoted_as_saying_a_quotation() -> None:
    s = find(run('Kivela was quoted as saying: "Our troops will stay."'), "troops")
    assert s.kind == "direct" and speaker_text(s) == "Kivela"
    assert s.via == ()


def test_cited_by_state_media_as_saying() -> None:
    text = "Interior Minister Leda Foss was cited by the state news agency as saying the curfew would be lifted."
    s = find(run(text), "curfew")
    assert s.content.text == "the curfew would be lifted"
    assert s.speaker_name == "Leda Foss" and s.via == ("the state news agency",)


def test_refusing_an_action_is_still_reported() -> None:
    # Only a refusal to *speak* means nothing was claimed; refusing to call for something is a stance.
    s = find(run("Senator Ruiz refused to call for an inquiry."), "inquiry")
    assert s.cue_meaning == "negative" and s.speaker_name == "Ruiz"


def test_told_the_associated_press() -> None:
    s = find(run("Coach Marisol Ferrante told The Associated Press that her team was ready for the final."), "ready")
    assert s.content.text == "her team was ready for the final"
    assert s.speaker_name == "Marisol Ferrante"
    assert s.via == ("The Associated Press",)


def test_said_in_an_interview_with_an_outlet() -> None:
    s = find(run("Prime Minister Elena Dusek said in an interview with CNN that sanctions were working."), "sanctions")
    assert s.speaker_name == "Elena Dusek" and s.via == ("CNN",)


def test_told_reporters_is_not_an_outlet() -> None:
    s = find(run("Police Chief Ray Omondi told reporters that two suspects were in custody."), "suspects")
    assert s.speaker_name == "Ray Omondi" and s.via == ()


# -- according to, anonymous sources, documents -----------------------------------------------------------------------


def test_according_to_a_statement_from_the_ministry() -> None:
    s = find(
        run("The border crossing will remain closed for a week, according to a statement from the ministry."), "border"
    )
    assert s.content.text == "The border crossing will remain closed for a week"
    assert s.speaker_name == "the ministry" and s.speaker_kind == "organisation"


def test_according_to_people_familiar_with_the_matter() -> None:
    s = find(
        run("The bank is preparing to cut 2,000 jobs, according to people familiar with the matter."), "2,000 jobs"
    )
    assert s.speaker_kind == "anonymous"


def test_said_on_condition_of_anonymity() -> None:
    s = find(
        run("Two officials said on condition of anonymity that the convoy had been ambushed near the border."), "convoy"
    )
    assert s.content.text == "the convoy had been ambushed near the border"
    assert speaker_text(s) == "Two officials" and s.speaker_kind == "anonymous"


def test_sentence_final_cue_on_condition_of_anonymity() -> None:
    s = find(
        run("The strike killed at least 12 militants, two security officials said on condition of anonymity."),
        "militants",
    )
    assert speaker_text(s) == "two security officials" and s.speaker_kind == "anonymous"


def test_speaking_on_condition_of_anonymity_on_the_subject() -> None:
    s = find(run("Police, speaking on condition of anonymity, said the suspect had fled."), "fled")
    assert s.content.text == "the suspect had fled" and s.speaker_kind == "anonymous"


def test_said_in_a_filing() -> None:
    s = find(run("The company said in a filing that it expected quarterly losses to widen."), "losses")
    assert s.content.text == "it expected quarterly losses to widen"
    assert speaker_text(s) == "The company"


def test_police_said_at_the_end() -> None:
    s = find(run("Three people were injured when a bus overturned on the coastal road, police said."), "injured")
    assert s.content.text == "Three people were injured when a bus overturned on the coastal road"
    assert speaker_text(s) == "police" and s.speaker_kind == "group"


def test_said_citing_a_source_keeps_the_claim_whole() -> None:
    statements = run("Five soldiers were killed in the attack, the ministry said, citing preliminary reports.")
    s = find(statements, "soldiers")
    assert s.content.text == "Five soldiers were killed in the attack" and speaker_text(s) == "the ministry"
    # 'citing X' is the ministry's evidence, attributed to it as a statement of its own (as news annotation does).
    assert [t.content.text for t in statements if t is not s] == ["preliminary reports"]


# -- cue meanings and modal content -----------------------------------------------------------------------------------


def test_insisted() -> None:
    s = find(run("Mayor Dario Vence insisted the new stadium would pay for itself within a decade."), "stadium")
    assert s.cue_meaning == "assertive" and s.speaker_name == "Dario Vence"


def test_denied_that() -> None:
    s = find(run("The finance minister denied that the government had hidden the deficit."), "deficit")
    assert s.content.text == "the government had hidden the deficit"
    assert s.cue_meaning == "denial" and s.speaker_kind == "anonymous"


def test_acknowledged_that() -> None:
    s = find(run("Chief executive Rolf Anders acknowledged that the rollout had been slower than planned."), "rollout")
    assert s.cue_meaning == "neutral" and s.speaker_name == "Rolf Anders"


def test_modal_content() -> None:
    s = find(run("The minister said the new rules could take effect as early as next year."), "could")
    assert s.content.text == "the new rules could take effect as early as next year"
    s = find(run("Union leaders warned that a walkout would shut down the port for days."), "would")
    assert s.content.text == "a walkout would shut down the port for days"
    assert s.cue_meaning == "assertive" and s.speaker_kind == "group"


def test_said_adding_that() -> None:
    statements = run("The minister said the plan was affordable, adding that taxes would not rise.")
    assert find(statements, "affordable").content.text == "the plan was affordable"
    assert speaker_text(find(statements, "taxes would not rise")) == "The minister"


def test_statements_in_a_list() -> None:
    text = (
        "Among the findings:\n"
        "- The agency said hospital waiting times had doubled since 2020.\n"
        "- Auditors said the ministry had lost track of 40 million euros."
    )
    statements = run(text)
    assert speaker_text(find(statements, "waiting times")) == "The agency"
    s = find(statements, "40 million")
    assert speaker_text(s) == "Auditors" and "\n" not in s.content.text


# -- not statements ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        'The so-called "peace dividend" never reached the northern provinces.',
        'The festival opened with a film titled "Night Train" by a young director.',
        'Ferry operator faces "perfect storm" as fuel costs soar',
        'The word "resilience" appears 14 times in the report.',
    ],
)
def test_scare_quotes_titles_and_headlines_are_not_statements(text: str) -> None:
    assert run(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "A spokeswoman for the agency declined to comment.",
        "The embassy did not respond to a request for comment.",
        "Representatives for the singer could not be reached for comment.",
        "The minister refused to say whether the troops would be withdrawn.",
        "The coach declined to elaborate on the injury.",
    ],
)
def test_no_comment_is_not_a_statement(text: str) -> None:
    assert run(text) == []
