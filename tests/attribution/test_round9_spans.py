"""Round-nine content boundaries, one invented text each (none taken from any evaluation corpus)."""

from __future__ import annotations

from .conftest import find, run


def test_platform_named_after_an_object_content_is_the_channel() -> None:
    s = find(run("Senator Ada Moss criticized the new budget rules on Twitter."), "budget")
    assert s.content.text == "the new budget rules"


def test_website_named_after_an_object_content_is_the_channel() -> None:
    s = find(run("The league denounced the referee's full report on its website."), "referee")
    assert s.content.text == "the referee's full report"


def test_day_after_a_quoted_object_complement_dates_the_saying() -> None:
    s = find(run('Governor Ann Lee called the mayor a "disgrace" Wednesday on a radio show.'), "mayor")
    assert s.content.text == 'the mayor a "disgrace"'


def test_day_inside_a_reported_clause_stays_in_the_claim() -> None:
    s = find(run("The council said the bridge would reopen Friday."), "bridge")
    assert s.content.text == "the bridge would reopen Friday"


def test_relative_clause_set_off_by_a_dash_after_the_content_is_the_writers_gloss() -> None:
    text = "The union endorsed Mayor Rita Vance for a second term -- who cited her record on housing."
    s = find(run(text), "Vance")
    assert s.content.text == "Mayor Rita Vance for a second term"


def test_relative_clause_between_two_dashes_stays_inside_the_claim() -> None:
    text = "The agency said exports to rich nations -- which include Norway and Chile -- fell sharply last year."
    s = find(run(text), "exports")
    assert s.content.text == "exports to rich nations -- which include Norway and Chile -- fell sharply last year"


def test_one_asked_about_a_topic_is_the_hearer_and_the_topic_is_the_content() -> None:
    s = find(run("The host asked the senator about her pension plan."), "pension")
    assert s.content.text == "her pension plan"


def test_blamed_for_keeps_the_target_with_the_deed() -> None:
    s = find(run("The mayor blamed the contractor for the long delay."), "delay")
    assert s.content.text == "the contractor for the long delay"


def test_noun_phrase_after_a_mid_sentence_cue_is_the_writers_gloss() -> None:
    text = "The plant in Dorne will close in May, the union said, the third closure in the valley this year."
    s = find(run(text), "plant")
    assert s.content.text == "The plant in Dorne will close in May"


def test_clause_resumed_after_a_mid_sentence_cue_stays_in_the_claim() -> None:
    text = "The new bridge, the engineers said, will open to traffic in the spring."
    s = find(run(text), "bridge")
    assert s.content.text.endswith("will open to traffic in the spring")


def test_superlative_gloss_after_a_mid_sentence_cue_is_left_out() -> None:
    text = "Pirates seized a grain ship off the cape on Monday, the coast guard said, the latest in a string of raids."
    s = find(run(text), "grain")
    assert s.content.text == "Pirates seized a grain ship off the cape on Monday"


def test_relative_clause_with_its_own_speaker_is_left_out() -> None:
    text = "The aide said the senator backed the levy, which the mayor said would pay for a public pool."
    s = find(run(text), "levy")
    assert s.content.text == "the senator backed the levy"


def test_voiced_relative_clause_after_a_charge_is_left_out() -> None:
    text = "The senator criticized rivals for taking gifts from builders, which he said came with strings attached."
    s = find(run(text), "gifts")
    assert s.content.text == "rivals for taking gifts from builders"


def test_voiced_relative_clause_inside_the_claim_stays() -> None:
    text = "The mayor said the levy, which critics called a tax grab, would pay for a public pool."
    s = find(run(text), "pool")
    assert s.content.text == "the levy, which critics called a tax grab, would pay for a public pool"
