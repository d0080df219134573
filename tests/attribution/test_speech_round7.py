"""Round-seven constructions of reported speech, one invented text each (none taken from any evaluation corpus)."""

from __future__ import annotations

from .conftest import find, run


def test_colon_at_paragraph_end_introduces_the_whole_next_paragraph() -> None:
    # 'X added:' closing a paragraph sets off a block quotation without quotation marks; all of it is X's.
    text = (
        "Ms Varga spoke for an hour.\n\n"
        "Ms Varga added:\n\n"
        "Twelve ferries sit idle in the yard. Who pays the crews while they wait? Nobody at the ministry can tell "
        "me.\n\n"
        "The ministry did not reply."
    )
    s = find(run(text), "ferries sit idle")
    assert s.content.text == (
        "Twelve ferries sit idle in the yard. Who pays the crews while they wait? Nobody at the ministry can tell me."
    )
    assert s.speaker is not None and s.speaker.text == "Ms Varga"


def test_colon_block_after_a_quoted_paragraph() -> None:
    text = (
        "\u201cThe figures are a scandal,\u201d the councillor said.\n\n"
        "The councillor continued:\n\n"
        "The dredging contract went to a firm with no boats. The tender papers were never published.\n\n"
        "Later the board met again."
    )
    s = find(run(text), "dredging contract")
    assert (
        s.content.text == "The dredging contract went to a firm with no boats. The tender papers were never published."
    )


def test_trailing_relative_clause_on_the_last_noun_is_the_writers_gloss() -> None:
    # ', which has sat since May' tells the reader about the board; the minister said she would meet it.
    s = find(run("The minister said she would meet the Tarn board, which has sat without a chair since May."), "Tarn")
    assert s.content.text == "she would meet the Tarn board"


def test_relative_clause_on_the_contents_subject_stays() -> None:
    text = "The minister said the Tarn board, which has sat since May, would meet again in June."
    s = find(run(text), "Tarn")
    assert s.content.text == "the Tarn board, which has sat since May, would meet again in June"


def test_relative_clause_inside_a_quotation_stays() -> None:
    text = 'The minister said she would meet "the Tarn board, which has sat without a chair since May."'
    s = find(run(text), "Tarn")
    assert s.content.text.endswith('since May."')


def test_introductory_clause_misread_as_content_yields_to_the_clause_after_the_cue() -> None:
    # The parser hangs a sentence-opening participle or 'since' clause on the cue as a second complement; the
    # clause right after the cue is what was noted.
    text = (
        "Blogging for a sports site whose staff all agreed Ruiz won the match, "
        "Ada Cole noted that the way Ruiz served was new."
    )
    s = find(run(text), "Ruiz served")
    assert s.content.text == "the way Ruiz served was new"
    text = (
        "Since she admitted cash was a big reason she felt tired, "
        "Ms Orr also noted several small slights left her angry."
    )
    s = find(run(text), "small slights")
    assert s.content.text == "several small slights left her angry"


def test_interrupting_cue_still_joins_both_sides() -> None:
    s = find(run("The harbour, the engineer said, would flood within a decade."), "harbour")
    assert s.content.text.startswith("The harbour")


def test_coordinated_clause_with_its_own_speaker_and_cue_ends_the_content() -> None:
    # 'said A, and (when asked ...) B replied C': the parser hangs B's statement on A as its conjunct.
    text = "Hale said the ferry would stop in winter, and the harbour master insisted the crews would keep their pay."
    s = find(run(text), "ferry")
    assert s.content.text == "the ferry would stop in winter"
    other = find(run(text), "crews")
    assert other.speaker is not None and other.speaker.text == "the harbour master"
    text = (
        "Dorne said the pool would shut in May, and when asked about the staff, "
        "the manager replied they would all be moved."
    )
    s = find(run(text), "pool")
    assert s.content.text == "the pool would shut in May"


def test_content_never_ends_on_a_dangling_conjunction() -> None:
    # The parser ends the clause before 'and when asked ...'; the conjunction links what follows, not the claim.
    text = (
        "Mr Kell said the pier would be rebuilt by spring, and when asked about the cost, "
        "his deputy answered that nobody had priced it yet."
    )
    s = find(run(text), "pier")
    assert s.content.text == "the pier would be rebuilt by spring"


def test_as_clause_after_the_subject_frames_the_whole_clause() -> None:
    # 'The bridge, as the mayor noted, was built in 1902': the as-clause sits between the subject and its verb; the
    # clause around it is what was noted, with the frame as a gap.
    text = "The old bridge, as the mayor noted, was built in 1902."
    s = find(run(text), "bridge")
    assert s.content.text == "The old bridge, as the mayor noted, was built in 1902"
    assert s.speaker is not None and s.speaker.text == "the mayor"
    assert s.cue is not None and s.cue.text == "noted"


def test_as_clause_between_subject_and_verb_keeps_the_subject() -> None:
    s = find(run("Ferry fares, as the harbour board has warned, will rise in May."), "rise")
    assert s.content.text == "Ferry fares, as the harbour board has warned, will rise in May"
    assert [g.text for g in s.gaps] == [", as the harbour board has warned,"]
