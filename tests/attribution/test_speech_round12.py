"""Round-twelve constructions of reported speech (speech-cue recall), one invented text each (none taken from any
evaluation corpus)."""

from __future__ import annotations

from .conftest import find, run

# -- where a quotation stops resuming after its frame -----------------------------------------------------------------


def test_quote_does_not_resume_after_going_on_to() -> None:
    # '"A," she said, going on to X. "B."': the frame announces the speaker's next act; B is not A going on.
    statements = run(
        '"We need more buses. The city is growing fast," Ms. Lund said, going on to compare the transit plans of '
        'both candidates. "So I would tell every voter: look at the routes."'
    )
    assert find(statements, "more buses").content.text == '"We need more buses. The city is growing fast,"'
    assert find(statements, "every voter").content.text == '"So I would tell every voter: look at the routes."'


def test_quote_led_in_by_including_is_not_resumed() -> None:
    statements = run(
        '"We need more buses," Ms. Lund said, proposing two tests for the council, including, '
        '"Why do the buses stop at nine?"'
    )
    assert find(statements, "more buses").content.text == '"We need more buses,"'
    assert find(statements, "stop at nine").content.text == '"Why do the buses stop at nine?"'


def test_quote_still_resumes_after_a_plain_frame() -> None:
    statements = run('"We need more buses," Ms. Lund said, referring to the night routes. "The city is growing fast."')
    s = find(statements, "more buses")
    assert s.content.text.startswith('"We need more buses,"') and s.content.text.endswith('"The city is growing fast."')


# -- gerunds after coordinated prepositions ---------------------------------------------------------------------------


def test_saying_after_a_coordinated_for_is_said_by_the_subject() -> None:
    # 'appeared for X and for saying Y': the second 'for' completes the same verb, whose subject said Y.
    statements = run(
        "She appeared before a state panel for her role in selling the pills and for saying that the tea was a "
        "miracle cure."
    )
    s = find(statements, "miracle cure")
    assert s.content.text == "the tea was a miracle cure" and s.cue is not None and s.cue.text == "saying"


def test_saying_after_a_coordinated_for_on_a_passive() -> None:
    statements = run("The coach was fined for missing the meeting and for saying that the referees were biased.")
    assert find(statements, "referees").content.text == "the referees were biased"


# -- that-clauses misread as relative clauses of an addressee ---------------------------------------------------------


def test_that_clause_after_an_addressee_is_the_content() -> None:
    # 'shouting to the guards that X': the parser hangs the clause on 'guards' as a relative clause.
    statements = run("Ms. Pardo can be heard shouting to the guards that her son was unarmed.")
    s = find(statements, "unarmed")
    assert s.content.text == "her son was unarmed" and s.cue is not None and s.cue.text == "shouting"


def test_noun_complement_after_to_keeps_its_noun() -> None:
    statements = run("She pointed to the fact that the station had closed twice.")
    assert find(statements, "closed twice").content.text == "the fact that the station had closed twice"


# -- alternatives inside a declined or promised infinitive ------------------------------------------------------------


def test_declined_alternative_stays_in_the_content() -> None:
    # 'declined to A or even declare B': the tagger reads 'declare' as present tense and the parser hangs it on the
    # cue; it is a second infinitive of the declined act, and the alternative ('or') is not a statement of its own.
    statements = run("The premier declined to warn Lisbon or even openly declare it guilty.")
    s = find(statements, "Lisbon")
    assert s.content.text == "to warn Lisbon or even openly declare it guilty"
    assert len(statements) == 1


def test_promised_second_infinitive_read_as_present_tense() -> None:
    statements = run("The governor promised to hit and at times surpass her housing targets.")
    assert find(statements, "hit").content.text == "to hit and at times surpass her housing targets"


def test_coordinated_act_of_saying_still_stands_apart() -> None:
    statements = run("She called for calm and urged drivers to stay home.")
    assert find(statements, "calm").content.text == "calm"
    assert find(statements, "drivers").content.text == "drivers to stay home"


# -- the writer's summing-up of the act ------------------------------------------------------------------------------


def test_summary_appositive_after_an_object_content_leaves_it() -> None:
    statements = run(
        "Senator Holm is endorsing the governor's bid for reelection, the latest chapter of a long feud between "
        "the two women."
    )
    assert find(statements, "bid").content.text == "the governor's bid for reelection"


def test_summary_after_a_dash_leaves_the_content() -> None:
    statements = run('In June, the mayor dismissed the town as a "suburb of the capital" -- a metaphor for the drift.')
    assert find(statements, "suburb").content.text == 'the town as a "suburb of the capital"'


def test_plain_appositive_inside_a_clause_stays() -> None:
    statements = run("The council said the levy, a tax on hotel rooms, would fund the pool.")
    assert find(statements, "levy").content.text == "the levy, a tax on hotel rooms, would fund the pool"


# -- a 'when' clause of saying inside the content ---------------------------------------------------------------------


def test_when_clause_with_a_cue_stays_inside_the_content() -> None:
    # 'said A was right when she said B': the occasion of A, not a concession set off as a statement of its own.
    statements = run(
        "Retired Gen. Tom Voss said Mayor Lund was absolutely right when she said Tuesday night that the police had "
        "been reduced to clerks."
    )
    s = find(statements, "absolutely right")
    assert s.content.text == (
        "Mayor Lund was absolutely right when she said Tuesday night that the police had been reduced to clerks"
    )


def test_concession_with_a_cue_still_stands_apart() -> None:
    statements = run("The mayor said the pool would open in June, though she noted that the heaters were old.")
    assert find(statements, "pool").content.text == "the pool would open in June"


def test_because_clause_with_a_cue_stays_inside_the_content() -> None:
    statements = run("The chief said he was not worried about the audit because he doubted any judge would order it.")
    s = find(statements, "not worried")
    assert s.content.text == "he was not worried about the audit because he doubted any judge would order it"


# -- the writer's reading of the act ----------------------------------------------------------------------------------


def test_participle_under_an_adverb_of_interpretation_leaves_the_content() -> None:
    statements = run(
        "The mayor told voters on Sunday he would take it as a personal insult if they stayed home, implicitly "
        "staking his name on the turnout."
    )
    s = find(statements, "insult")
    assert s.content.text == "he would take it as a personal insult if they stayed home"


def test_plain_participle_after_a_reported_clause_stays() -> None:
    statements = run("The mayor said the pool would reopen in May, putting an end to months of doubt.")
    assert find(statements, "pool").content.text == "the pool would reopen in May, putting an end to months of doubt"


# -- 'when it comes to' -----------------------------------------------------------------------------------------------


def test_when_it_comes_to_names_the_topic_and_stays_in_the_content() -> None:
    statements = run(
        'Ms. Ortiz said there remains a "big gap between the city and the suburbs," when it comes to the number of '
        "buses in each district."
    )
    s = find(statements, "big gap")
    assert s.content.text.endswith("when it comes to the number of buses in each district")
