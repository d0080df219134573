"""Round-eight constructions of reported speech, one invented text each (none taken from any evaluation corpus)."""

from __future__ import annotations

from .conftest import find, run


def test_participle_cue_in_the_frame_between_two_quotes_is_a_statement_of_its_own() -> None:
    # The frame ', said Holm, speaking of the dam' is a gap of the quotation, not part of what it says; the
    # participle reports a second claim, about what Holm was speaking of.
    text = '"The river is rising," said Holm, speaking of the dam on the north bank. "It has never been this high."'
    statements = run(text)
    quote = find(statements, "river is rising")
    assert quote.content.text.endswith('this high."')
    topic = next(s for s in statements if s.cue is not None and s.cue.text == "speaking")
    assert topic.content.text == "the dam on the north bank"
    assert topic.speaker is not None and topic.speaker.text == "Holm"


def test_passive_with_an_agent_makes_the_agent_the_source_of_a_claim_about_the_subject() -> None:
    s = find(run("The harbour plan has been endorsed by forty local unions."), "harbour plan")
    assert s.content.text == "The harbour plan"
    assert s.speaker is not None and s.speaker.text == "forty local unions"
    assert s.cue is not None and s.cue.text.endswith("endorsed")


def test_passive_report_by_an_outlet() -> None:
    s = find(run("The missing ledger was first reported by the Kestrel Gazette."), "ledger")
    assert s.content.text == "The missing ledger"
    assert s.speaker is not None and s.speaker.text == "the Kestrel Gazette"


def test_passive_whose_subject_hears_or_is_a_relative_pronoun_is_not_a_claim_about_it() -> None:
    statements = run("The clerk was asked by the judge to leave. The ferry, which was backed by the mayor, sank.")
    assert not any(s.content.text in ("The clerk", "which") for s in statements)


def test_sentence_opening_according_to_read_as_the_root_still_ends_at_its_comma() -> None:
    s = find(run('According to radio host Jim Brown, the move reeks of "panic" and desperation.'), "reeks")
    assert s.content.text == 'the move reeks of "panic" and desperation'
    assert s.speaker is not None and s.speaker.text == "radio host Jim Brown"


def test_call_on_read_as_a_particle_still_takes_its_object_and_infinitive() -> None:
    s = find(run("The family has called on officials to publish the footage."), "officials")
    assert s.content.text == "officials to publish the footage"
    assert s.speaker is not None and s.speaker.text == "The family"


def test_participle_of_saying_before_a_second_quote_starts_a_statement_of_its_own() -> None:
    text = '"We cannot pay for this anymore," Hale said, adding later, "The league costs us a fortune."'
    statements = run(text)
    first = find(statements, "cannot pay")
    assert first.content.text == '"We cannot pay for this anymore,"'
    second = find(statements, "fortune")
    assert second.content.text == '"The league costs us a fortune."'
    assert second.cue is not None and second.cue.text == "adding"


def test_gerund_object_of_a_cue_is_its_content() -> None:
    s = find(run("Although Hale has admitted using the loophole, he does not defend it."), "loophole")
    assert s.content.text == "using the loophole"
    assert s.speaker is not None and s.speaker.text == "Hale"
    assert find(run("She denied taking the money."), "money").content.text == "taking the money"


def test_infinitive_after_an_adjunct_is_what_the_hearer_was_told_to_do() -> None:
    s = find(run('Hale tells his supporters at a Leeds rally to "go to the polls early."'), "polls")
    assert s.content.text == 'to "go to the polls early."'
    assert s.speaker is not None and s.speaker.text == "Hale"


def test_prepositional_cue_object_after_an_adjunct_of_the_cue() -> None:
    s = find(run("She went on a tour to talk with police chiefs about ways to mend ties with residents."), "ways")
    assert s.content.text == "ways to mend ties with residents"
    assert s.cue is not None and s.cue.text == "talk"


def test_speaker_name_glued_to_a_fronted_phrase_without_a_comma() -> None:
    text = "At a June lunch for the reporters of the Daily Planet Tom Smith said that the league may shrink."
    s = find(run(text), "league")
    assert s.content.text == "the league may shrink"
    assert s.speaker is not None and s.speaker.text.endswith("Smith")


def test_cue_opening_the_next_quotation_is_not_the_previous_ones() -> None:
    text = 'He laughed: "Of course I vote. I was only joking." To which his aunt replied, "Good, keep it up."'
    statements = run(text)
    second = find(statements, "keep it up")
    assert second.content.text == '"Good, keep it up."'
    assert second.speaker is not None and second.speaker.text == "his aunt"
    assert not any("To which" in s.content.text for s in statements)


def test_inverted_cue_opening_the_sentence_before_a_quotation() -> None:
    statements = run('Critics say the fees are too high. Said Ellis: "I do not see any interest in reform."')
    s = find(statements, "any interest")
    assert s.cue is not None and s.cue.text == "Said"
    assert s.speaker is not None and s.speaker.text == "Ellis"
    s = find(run('Added the mayor, "We are not done."'), "not done")
    assert s.speaker is not None and s.speaker.text == "the mayor"


def test_paragraph_opening_with_a_quote_after_the_last_ones_frame_goes_on_with_that_speaker() -> None:
    text = '"Nobody writes songs for Hale. Lane had a band," he said.\n\n"Right now it is quiet."'
    statements = run(text)
    assert len(statements) == 1
    assert statements[0].content.text == text
    assert [g.text for g in statements[0].gaps] == [" he said.\n\n"]


def test_quotation_joined_by_but_to_the_first_ones_cue_clause_goes_on_with_it() -> None:
    text = '"I like Holm," she said, but "on the dam he is plainly wrong."'
    statements = run(text)
    assert len(statements) == 1
    assert statements[0].content.text == text
    assert [g.text for g in statements[0].gaps] == [" she said, but "]


def test_verbless_headline_content_before_a_short_trailing_speaker() -> None:
    s = find(run("Rules unclear on whether part-time staff are covered, experts say."), "Rules")
    assert s.content.text == "Rules unclear on whether part-time staff are covered"
    assert s.speaker is not None and s.speaker.text == "experts"


def test_opening_adverbial_clause_before_a_bare_cue_is_not_a_claim() -> None:
    assert not run("But when the council cut the grant, the club said enough.")


def test_cue_set_off_between_a_subject_and_its_predicate_when_the_parser_makes_it_the_root() -> None:
    text = 'These workers, Hale explained earlier in the hearing, were "well-paid," earning 30,000 a year.'
    s = find(run(text), "workers")
    assert s.content.text == text[:-1]
    assert [g.text for g in s.gaps] == [", Hale explained earlier in the hearing, "]
    assert s.speaker is not None and s.speaker.text == "Hale"


def test_quoted_subheading_on_its_own_line_does_not_continue_the_last_quotation() -> None:
    text = '"The river will rise," Holm said. "Nobody can stop it."\n\n\'Legend of the Valley.\'\n\nThe town is old.'
    s = find(run(text), "river")
    assert s.content.text.endswith('"Nobody can stop it."')
