"""Round-six constructions of reported speech, one invented sentence each (none taken from any evaluation corpus)."""

from __future__ import annotations

from .conftest import find, run


def test_bare_time_adjunct_after_the_cue_is_not_content() -> None:
    # 'said Tuesday the budget ...': the parser hangs the day on the clause; it dates the saying, not the claim.
    s = find(run("The mayor said Tuesday the budget would be cut."), "budget")
    assert s.content.text == "the budget would be cut"


def test_reason_clause_after_the_content_belongs_to_it() -> None:
    # 'said A, because B': the parser hangs the reason on the cue, but the speaker gives it.
    text = "Rep. Ann Dorsey said the claim smacked of spite, because her party had led the fight for years."
    s = find(run(text), "spite")
    assert s.content.text == "the claim smacked of spite, because her party had led the fight for years"


def test_second_complement_clause_continues_the_content() -> None:
    # 'said A and, equally important, B': the parser splits one coordinated content into two clauses of the cue.
    text = "Two auditors said the scheme was cheaper than hers and, equally important, would not need new staff."
    s = find(run(text), "cheaper")
    assert s.content.text.endswith("would not need new staff")


def test_passive_belief_participle_with_a_clause() -> None:
    # 'is convinced that ...' is tagged as a passive verb, not an adjective; it is still a belief its subject holds.
    s = find(run("Mr Haldane is convinced that the deal will collapse."), "deal")
    assert s.content.text == "the deal will collapse"
    assert s.cue_meaning == "belief"
    assert s.speaker is not None and s.speaker.text == "Mr Haldane"


def test_participle_adjunct_is_not_a_trailing_cue() -> None:
    # ', assuming no growth' is a condition of the estimate, not a cue whose content is the rest of the sentence.
    text = (
        "The Tarn Institute expects a surplus of $2 billion; the Holm Foundation puts it at $900 million, "
        "assuming no growth."
    )
    assert not [s for s in run(text) if s.cue is not None and s.cue.text == "assuming"]


def test_noted_with_an_object_reports_what_was_noted() -> None:
    s = find(run("In her memoir, the senator noted the failure of the first rescue plan."), "failure")
    assert s.content.text == "the failure of the first rescue plan"
    assert s.speaker is not None and s.speaker.text == "the senator"


def test_agentless_passive_accusation_is_a_claim_without_a_speaker() -> None:
    # 'X has been accused of Y': someone unnamed accuses; the whole clause is what is claimed.
    s = find(run("Dr. Vale has been accused of selling false cures on his show."), "false cures")
    assert s.content.text == "Dr. Vale has been accused of selling false cures on his show"
    assert s.cue_meaning == "accusation"
    assert s.speaker is None


def test_agentless_passive_blame_is_an_accusation() -> None:
    s = find(run("Road crews were blamed for the flooding in the lower town."), "flooding")
    assert s.content.text == "Road crews were blamed for the flooding in the lower town"
    assert s.cue_meaning == "accusation"


def test_passive_accusation_with_an_agent_is_not_agentless() -> None:
    statements = run("The firm was accused by its rivals of dumping steel.")
    assert not [s for s in statements if s.speaker is None and "dumping" in s.content.text]


def test_parenthetical_cue_read_as_a_relative_clause() -> None:
    # 'The bridges, Holm explained, were sound': the parser reads the cue as a relative clause of 'bridges'.
    s = find(run("The bridges, Holm explained earlier at the hearing, were built to last a century."), "bridges")
    assert s.content.text == "The bridges, Holm explained earlier at the hearing, were built to last a century"
    assert [s.content.text[g.start - s.content.start : g.end - s.content.start] for g in s.gaps] == [
        ", Holm explained earlier at the hearing, "
    ]
    assert s.speaker is not None and s.speaker.text == "Holm"


def test_relative_clause_with_a_cue_is_not_parenthetical() -> None:
    # 'the report, which experts praised, ...': a relative pronoun subject makes it a real relative clause.
    statements = run("The bridges, which Holm described at the hearing, were built to last a century.")
    assert not [s for s in statements if s.speaker is not None and s.speaker.text == "Holm"]


def test_verb_of_accusation_tagged_as_a_plural_noun() -> None:
    # 'Voss charges that ...': the tagger reads 'charges' as a noun, but its that-clause makes it the cue.
    s = find(run("Voss charges that firms that gain from the deal gave money to the foundation."), "firms")
    assert s.content.text == "firms that gain from the deal gave money to the foundation"
    assert s.speaker is not None and s.speaker.text == "Voss"
    assert s.cue_meaning == "accusation"


def test_concession_with_its_own_cue_ends_the_content() -> None:
    # 'said A, though she noted B': B is a second statement, not part of A.
    text = "She said long hours often erase the barriers women face, though she noted clients now demand diverse teams."
    statements = run(text)
    assert find(statements, "long hours").content.text == "long hours often erase the barriers women face"
    assert find(statements, "clients").content.text == "clients now demand diverse teams"


def test_concession_with_its_own_cue_is_not_a_reason_of_the_content() -> None:
    text = "Mayors have urged the council to keep the program, although they say they back some changes."
    s = find(run(text), "keep")
    assert "although" not in s.content.text


def test_saying_the_same_reports_the_anaphor() -> None:
    s = find(run("Sixty percent said the same of Voss."), "same")
    assert s.content.text == "the same of Voss"
    assert s.speaker is not None and s.speaker.text == "Sixty percent"


def test_saying_as_much_reports_the_anaphor() -> None:
    s = find(run("The mayor's rival said as much at a rally on Friday."), "much")
    assert s.content.text == "as much"


def test_stance_noun_predicated_of_the_subject() -> None:
    # 'X is a staunch opponent of Y': a position X holds; Y is what it is about.
    s = find(run("Voss has been a vocal opponent of the new toll road."), "toll")
    assert s.content.text == "the new toll road"
    assert s.speaker is not None and s.speaker.text == "Voss"
    assert s.cue_meaning == "negative"


def test_stance_noun_after_a_perfect_copula() -> None:
    s = find(run("Holm has long been an outspoken supporter of the harbour plan."), "harbour")
    assert s.content.text == "the harbour plan"
    assert s.cue_meaning == "assertive"


def test_accusation_content_keeps_the_target() -> None:
    s = find(run("Voss criticized the council for its slow response to the flood."), "slow")
    assert s.content.text == "the council for its slow response to the flood"


def test_saying_the_same_thing_stops_before_an_aside() -> None:
    s = find(run("Several mayors have said the same thing, such as the mayor of Tarn."), "same")
    assert s.content.text == "the same thing"


def test_channel_noun_with_a_relative_clause_is_not_a_trailing_channel() -> None:
    text = (
        "Her aide said the senator was headed to the hall to take part in radio interviews, "
        "which she was giving when guards stopped her."
    )
    s = find(run(text), "senator")
    assert s.content.text.endswith("which she was giving when guards stopped her")


def test_trailing_channel_phrase_is_still_left_out() -> None:
    s = find(run("The minister said the fund was empty in a radio interview."), "fund")
    assert s.content.text == "the fund was empty"


def test_reported_claim_carries_on_into_a_backshifted_sentence() -> None:
    # 'But it would also ...': reported speech carried on without a new frame.
    text = (
        "The archive, the curator said, would make visitors face hard facts. "
        "But it would also honour the people who built the town."
    )
    s = find(run(text), "archive")
    assert s.content.text.endswith("But it would also honour the people who built the town")


def test_writers_next_sentence_is_not_carried_on() -> None:
    text = "The curator said the archive would open in May. It has cost the town four million pounds so far."
    s = find(run(text), "archive")
    assert s.content.text == "the archive would open in May"


def test_next_paragraph_is_not_carried_on() -> None:
    text = "The curator said the archive would open in May.\nBut it would also close on Sundays, the council said."
    s = find(run(text), "archive")
    assert s.content.text == "the archive would open in May"


def test_seems_to_is_a_hedged_claim_without_a_speaker() -> None:
    # 'X seems to have Y': an impression whose holder goes unnamed; the whole clause, cue included, is the claim.
    s = find(run("Since the vote, the new mayor seems to have lost interest in the harbour."), "harbour")
    assert s.content.text == "the new mayor seems to have lost interest in the harbour"
    assert s.speaker is None
    assert s.cue_meaning == "hedged"


def test_seems_with_a_predicate_adjective() -> None:
    s = find(run("The lack of buses seems a real problem for the town."), "buses")
    assert s.content.text == "The lack of buses seems a real problem for the town"


def test_seems_to_me_is_not_agentless() -> None:
    statements = run("The plan seems to me a costly mistake.")
    assert not [s for s in statements if s.speaker is None and "plan" in s.content.text]


def test_study_found_an_object_is_evidence() -> None:
    s = find(run("A 2019 study by the Tarn Institute found 40 cases of fraud among a million claims."), "cases")
    assert s.content.text == "40 cases of fraud among a million claims"
    assert s.cue_meaning == "evidence"


def test_person_who_found_an_object_reports_no_claim() -> None:
    assert run("The gardener found a silver coin under the old oak.") == []


def test_parenthetical_cue_with_a_hearer_hung_on_the_subject() -> None:
    # 'The problem, she told us, is that ...': the parser hangs the cue on the subject noun.
    s = find(run("The trouble now, he told us last week, is that nobody reads the small print."), "print")
    assert s.content.text == "The trouble now, he told us last week, is that nobody reads the small print"
    assert [s.content.text[g.start - s.content.start : g.end - s.content.start] for g in s.gaps] == [
        ", he told us last week, "
    ]
    assert s.speaker is not None and s.speaker.text == "he"
