"""One small check per construction, on hand-written sentences."""

from __future__ import annotations

from .conftest import find, run


def test_direct_quote_with_two_sentences_and_cue_after() -> None:
    s = find(run('"We have done our part. The rest is up to them," the mayor said on Monday.'), "The rest")
    assert s.kind == "direct"
    assert "We have done our part" in s.content.text
    assert s.speaker is not None and s.speaker.text == "the mayor"
    assert s.cue is not None and s.cue.text == "said"


def test_direct_quote_with_inverted_cue() -> None:
    s = find(run('"The bridge will open in May," said Helen Park, the city engineer.'), "bridge")
    assert s.speaker is not None and "Helen Park" in s.speaker.text
    assert s.speaker_name == "Helen Park"


def test_direct_quote_with_cue_before() -> None:
    s = find(run('Governor Alan Reyes told reporters: "We will not raise taxes this year."'), "raise taxes")
    assert s.kind == "direct" and s.speaker_name == "Alan Reyes"


def test_reported_speech_with_that_clause() -> None:
    s = find(run("The minister claimed that the new law would cut prices by half."), "cut prices")
    assert s.kind == "indirect"
    assert not s.content.text.startswith("that")
    assert s.speaker is not None and s.speaker.text == "The minister"
    assert s.cue_meaning == "assertive"


def test_reported_speech_with_cue_at_the_end() -> None:
    s = find(run("The harvest will be the smallest in a decade, farmers said."), "harvest")
    assert s.speaker is not None and s.speaker.text == "farmers"
    assert s.speaker_kind == "group"


def test_reported_speech_with_present_tense_cue_first() -> None:
    s = find(run("Economists say inflation is likely to fall next year."), "inflation")
    assert s.speaker is not None and s.speaker.text == "Economists"


def test_hedged_and_negative_cue_meanings() -> None:
    # Issue 12 names beliefs and denials as kinds of claim of their own.
    assert find(run("Analysts believe the merger will fail."), "merger").cue_meaning == "belief"
    assert find(run("The company denied that it had misled investors."), "misled").cue_meaning == "denial"


def test_mixed_quote() -> None:
    s = find(run('The city would "pay dearly" if the strike went ahead, the union warned on Friday.'), "pay dearly")
    assert s.kind == "mixed"
    assert s.speaker is not None and s.speaker.text == "the union"


def test_scare_quotes_and_titles_are_not_statements() -> None:
    statements = run('She reviewed the film "Cold Harbor" for the "culture" pages last week.')
    assert statements == []


def test_according_to() -> None:
    s = find(run("According to the weather service, the storm will reach the coast tonight."), "storm")
    assert s.speaker is not None and s.speaker.text == "the weather service"
    assert s.cue is not None and s.cue.text == "According to"


def test_according_to_after_the_clause() -> None:
    s = find(run("The factory will close in March, according to two people familiar with the plans."), "factory")
    assert s.speaker_kind == "anonymous"


def test_noun_cue_with_possessor() -> None:
    s = find(run("Voters laughed at the senator's claim that the tax would pay for itself."), "pay for itself")
    assert s.speaker is not None and s.speaker.text == "the senator"


def test_colon_introduced_quote() -> None:
    s = find(run('Markovic: "I will never resign from this office."'), "never resign")
    assert s.speaker is not None and s.speaker.text == "Markovic"
    assert s.cue is not None and s.cue.text == ":"


def test_quote_attributed_by_a_dash_line() -> None:
    s = find(run('"Freedom is never more than one generation away from extinction."\n\u2014 Dana Whitfield'), "Freedom")
    assert s.speaker is not None and s.speaker.text == "Dana Whitfield"


def test_relay_through_an_outlet_as_hearer() -> None:
    s = find(run("The talks will resume in April, deputy minister Oleg Sokolov told Interfax."), "talks")
    assert s.speaker_name == "Oleg Sokolov"
    assert s.via == ("Interfax",)


def test_relay_through_reporting_outlets_is_one_statement() -> None:
    text = "The summit will take place in Geneva, spokesman Ivan Belov said, Reuters and AFP reported."
    statements = run(text)
    assert len(statements) == 1
    assert statements[0].speaker_name == "Ivan Belov"
    assert statements[0].via == ("Reuters", "AFP")


def test_multi_paragraph_quote_in_news_convention() -> None:
    text = (
        'Coach Maria Lund said: "We trained hard all winter and it showed today.\n\n'
        '"Nobody expected us to win this cup, but here we are," she added.'
    )
    statements = run(text)
    s = find(statements, "trained hard")
    assert "here we are" in s.content.text
    assert len([x for x in statements if "here we are" in x.content.text]) == 1


def test_follow_on_quote_paragraph_inherits_the_speaker() -> None:
    text = (
        '"We expect a record season," said Tom Baker, the resort\'s manager.\n\n'
        '"The snow came early and bookings are up by a third."\n\nThe resort opens on Friday.'
    )
    s = find(run(text), "bookings are up")
    assert s.speaker_name == "Tom Baker"


def test_pronoun_resolves_to_previous_speaker() -> None:
    text = (
        "Prices will keep rising, Lena Ortiz, an economist at the central bank, told reporters.\n"
        '"Households should prepare for a difficult winter," she added.'
    )
    s = find(run(text), "Households")
    assert s.speaker is not None and s.speaker.text == "she"
    assert s.speaker_name == "Lena Ortiz"


def test_surname_resolves_to_full_name_and_role_is_split() -> None:
    text = (
        "Finance Minister Rachel Adeyemi presented the budget on Tuesday.\n"
        "Adeyemi said the deficit would shrink next year."
    )
    s = find(run(text), "deficit")
    assert s.speaker_name == "Rachel Adeyemi"
    first = run("Finance Minister Rachel Adeyemi said the deficit would shrink.")[0]
    assert first.speaker_role == "Finance Minister"


def test_quote_mark_styles() -> None:
    for opening, closing in [("\u201c", "\u201d"), ("\u00ab", "\u00bb"), ("''", "''"), ("\u2018", "\u2019")]:
        text = f"{opening}The plant will reopen next spring,{closing} the company said."
        s = find(run(text), "plant will reopen")
        assert s.kind == "direct", opening
        assert s.speaker is not None and s.speaker.text == "the company"


def test_unbalanced_quote_mark_does_not_break_extraction() -> None:
    statements = run('He said "the vote was fair.\nOfficials said the count would finish on Monday.')
    assert find(statements, "count would finish").speaker is not None


def test_confidence_is_lower_for_a_pronoun_speaker_than_for_a_named_one() -> None:
    named = find(run('"The bridge will reopen in May," Mayor Jane Doe said.'), "bridge will reopen")
    pronoun = find(run('"The bridge will reopen in May," he said.'), "bridge will reopen")
    assert 0.0 < pronoun.confidence < named.confidence <= 1.0
