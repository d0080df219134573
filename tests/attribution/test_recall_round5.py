"""Round-five constructions, one invented sentence each (none taken from any evaluation corpus)."""

from __future__ import annotations

from .conftest import find, run


def test_cue_set_off_mid_sentence_keeps_both_halves() -> None:
    # 'A, she said, B': the parenthetical cue interrupts one claim; the framing in the middle is a gap.
    text = "Though the first repair was cheap, she said, replacing the whole deck would cost far more."
    s = find(run(text), "first repair")
    assert s.content.text == "Though the first repair was cheap, she said, replacing the whole deck would cost far more"
    assert [(g.start, g.end) for g in s.gaps] == [(33, 45)]
    assert s.speaker is not None and s.speaker.text == "she"


def test_cue_with_adjunct_mid_sentence_keeps_the_conjoined_half() -> None:
    text = "Small farms paid a third of the fee, the bureau stated on Monday, and large estates paid the rest."
    s = find(run(text), "Small farms")
    assert s.content.text.endswith("and large estates paid the rest")
    assert s.speaker is not None and s.speaker.text == "the bureau"


def test_cue_mid_sentence_keeps_a_trailing_subordinate_clause() -> None:
    s = find(run("The mill was thriving, Mr. Dorne said, until it closed in 2004."), "thriving")
    assert s.content.text.endswith("until it closed in 2004")


def test_speaker_own_action_after_the_cue_is_not_content() -> None:
    # 'he said, and urged ...': what the speaker did next is an action, not part of the claim.
    s = find(run("The levy will hurt farmers, he said, and urged the council to vote again."), "levy")
    assert s.content.text == "The levy will hurt farmers"


def test_participle_after_the_cue_is_not_content() -> None:
    s = find(run("The road will reopen in May, the ministry said, citing the weather."), "road")
    assert s.content.text == "The road will reopen in May"


def test_object_and_its_predicate_are_the_content() -> None:
    # 'called X a Y': what is claimed is that X is Y, so the object and its predicate are the content.
    s = find(run("The mayor called her plan for the harbour a costly mistake."), "plan")
    assert s.content.text == "her plan for the harbour a costly mistake"


def test_object_with_an_adjunct_before_its_predicate() -> None:
    s = find(run("Ms. Vell called the vote in favour of the tunnel a serious error, but kept her seat."), "tunnel")
    assert s.content.text == "the vote in favour of the tunnel a serious error"


def test_predicate_keeps_what_completes_it_but_not_the_venue() -> None:
    s = find(run("Lobb called the rival plan a stunt over the bridge tolls at a rally in Dunmore."), "rival")
    assert s.content.text == "the rival plan a stunt over the bridge tolls"


def test_gerund_after_by_takes_the_subject_of_the_main_verb() -> None:
    s = find(run("The senator answered the critics on Monday by saying the tax would be temporary."), "tax")
    assert s.content.text == "the tax would be temporary"
    assert s.speaker is not None and s.speaker.text == "The senator"


def test_gerund_after_for_in_a_passive_takes_the_passive_subject() -> None:
    s = find(run("The minister was criticised for saying that rents would fall."), "rents")
    assert s.content.text == "rents would fall"
    assert s.speaker is not None and s.speaker.text == "The minister"


def test_gerund_after_for_with_an_object_is_not_the_subjects_claim() -> None:
    # 'praised the clerk for saying ...': the clerk said it, not the mayor; without a sure speaker, no claim by her.
    statements = run("The mayor praised the clerk for saying the files were safe.")
    said = [s for s in statements if s.content.text == "the files were safe"]
    assert all(s.speaker is None or s.speaker.text != "The mayor" for s in said)


def test_document_with_a_participle_speaks_for_who_issued_it() -> None:
    # 'unleashed posts criticizing X': the posts are the channel; the one who posted them is the speaker.
    text = "Late on Friday the governor unleashed a string of posts criticizing the new stadium deal."
    s = find(run(text), "stadium")
    assert s.speaker is not None and s.speaker.text == "the governor"


def test_participle_speaker_mention_stops_before_the_cue() -> None:
    s = find(run("Two neighbours opposing the new tower wrote to the council."), "tower")
    assert s.speaker is not None and s.speaker.text == "Two neighbours"


def test_live_blog_label_before_a_colon_is_not_a_speaker() -> None:
    statements = run("The Latest: Mayor Koller urges residents to save water.\n\nThe reservoir is low.")
    assert all(s.speaker is None or s.speaker.text != "The Latest" for s in statements)
    s = find(statements, "save water")
    assert s.speaker is not None and s.speaker.text == "Mayor Koller"
