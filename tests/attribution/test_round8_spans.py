"""Round-eight content boundaries, one invented text each (none taken from any evaluation corpus)."""

from __future__ import annotations

from .conftest import find, run


def test_trailing_although_clause_is_the_writers_caveat() -> None:
    s = find(run("Mr. Hale claimed paying no rent was clever, although he never showed his accounts."), "clever")
    assert s.content.text == "paying no rent was clever"


def test_although_clause_after_an_interrupted_claim_is_left_out() -> None:
    text = "The storm, the bureau said, was the worst in a decade, although the damage is still being counted."
    s = find(run(text), "worst")
    assert s.content.text == "The storm, the bureau said, was the worst in a decade"
    assert s.speaker is not None and s.speaker.text == "the bureau"


def test_even_though_clause_goes_on_with_the_claim() -> None:
    s = find(run("The mayor said the bridge would open in May, even though it is far behind."), "bridge")
    assert s.content.text == "the bridge would open in May, even though it is far behind"


def test_conjunct_with_a_cue_word_that_reports_nothing_stays_in_the_content() -> None:
    # 'would eventually add 84 million' is a sum growing, not the study adding a claim.
    text = "The study says the tax would raise little at first, but would eventually add 84 million over ten years."
    s = find(run(text), "raise little")
    assert s.content.text == "the tax would raise little at first, but would eventually add 84 million over ten years"


def test_conjunct_that_says_something_again_is_a_statement_of_its_own() -> None:
    s = find(run("Hale said the yard would close and added that forty jobs would go."), "yard")
    assert s.content.text == "the yard would close"


def test_subjectless_conjunct_with_a_backshifted_modal_goes_on_with_the_claim() -> None:
    text = "The tenants said they had doubts about the landlord, but would still sign the lease in May."
    s = find(run(text), "doubts")
    assert s.content.text == "they had doubts about the landlord, but would still sign the lease in May"


def test_subjectless_conjunct_that_refuses_to_say_more_is_not_the_claim() -> None:
    s = find(run("She said the rent was too high, but would not say who owned the flat."), "rent")
    assert s.content.text == "the rent was too high"


def test_content_goes_on_into_a_quotation_that_closes_the_sentence() -> None:
    text = 'The mayor said she hoped to reach "every worried parent" and give them "a fair hearing."'
    s = find(run(text), "worried parent")
    assert s.content.text == 'she hoped to reach "every worried parent" and give them "a fair hearing."'
    assert s.kind == "mixed"


def test_content_goes_on_into_a_quoted_coordinate_after_a_comma() -> None:
    text = 'Hale said the fire brought back memories of his father, and of "all who built this town."'
    s = find(run(text), "memories")
    assert s.content.text == 'the fire brought back memories of his father, and of "all who built this town."'


def test_opening_connective_is_not_part_of_a_claim_with_a_trailing_cue() -> None:
    s = find(run("However, the ferry will not run on Sunday, the council said."), "ferry")
    assert s.content.text == "the ferry will not run on Sunday"


def test_opening_connective_is_not_part_of_a_claim_with_a_leading_cue() -> None:
    s = find(run("In addition, the board said, the pool would reopen in June."), "pool")
    assert s.content.text == "the pool would reopen in June"
    assert s.gaps == ()


def test_show_or_editorial_named_after_an_object_content_is_the_channel() -> None:
    s = find(run('Hale blasted the mayor as a "disgrace" on The Morning Hour Show.'), "disgrace")
    assert s.content.text == 'the mayor as a "disgrace"'
    s = find(run("The paper criticized the levy as unfair in an editorial."), "levy")
    assert s.content.text == "the levy as unfair"


def test_sentence_guard_lets_no_sentence_start_after_an_unpunctuated_word_on_the_same_line() -> None:
    from newsclaims.attribution import load_pipeline

    nlp = load_pipeline()
    assert nlp.pipe_names.index("newsclaims_sentences") < nlp.pipe_names.index("parser")
    doc = nlp.make_doc("Lane cited remarks Hale had made. Then she left\nA new line")
    doc = nlp.get_pipe("newsclaims_sentences")(doc)
    marks = {t.text: t.is_sent_start for t in doc}
    assert marks["Hale"] is False and marks["had"] is False
    assert marks["Then"] is None  # after a full stop the parser decides
    assert marks["A"] is None  # and after a line break


def test_coordinated_second_act_of_speech_is_a_statement_of_its_own() -> None:
    statements = run("The union has called on drivers to stay calm and called on the mayor to resign.")
    assert find(statements, "drivers").content.text == "drivers to stay calm"
    second = find(statements, "mayor")
    assert second.content.text == "the mayor to resign"
    assert second.speaker is not None and second.speaker.text == "The union"


def test_coordinated_act_of_the_contents_own_subject_stays_in_the_content() -> None:
    text = "Former aides said he ranked the staff by looks and talked about which ones he would fire."
    s = find(run(text), "ranked")
    assert s.content.text == "he ranked the staff by looks and talked about which ones he would fire"


def test_lower_case_quotation_after_a_set_off_cue_goes_on_with_the_sentence_begun_before_it() -> None:
    text = 'If the dam breaks, Holm said, "we lose the whole valley."'
    s = find(run(text), "valley")
    assert s.content.text == text
    assert [g.text for g in s.gaps] == [", Holm said, "]
    assert s.speaker is not None and s.speaker.text == "Holm"


def test_capitalised_quotation_after_a_scene_setting_clause_is_the_quote_alone() -> None:
    s = find(run('As the crowd cheered, Hale said, "We will win."'), "win")
    assert s.content.text == '"We will win."'


def test_trailing_according_to_takes_the_whole_sentence_before_it() -> None:
    text = "Hale is one of 70 people fined this year and the fourth fined by the board, according to a Gazette tally."
    s = find(run(text), "fourth")
    assert s.content.text == "Hale is one of 70 people fined this year and the fourth fined by the board"


def test_according_to_followed_by_a_non_clause_keeps_the_claim_before_it() -> None:
    text = "The top tenth would see their incomes rise by 9 percent, according to the Tax Board, twice the rest."
    s = find(run(text), "top tenth")
    assert s.content.text == "The top tenth would see their incomes rise by 9 percent"


def test_blank_line_always_starts_a_sentence() -> None:
    text = (
        '"He pulled off deals others could not."\n\n'
        "Holmco was a giant, Mr. Hale said, until it went bust in 1999. Later he moved to Spain."
    )
    s = find(run(text), "giant")
    assert s.content.text == "Holmco was a giant, Mr. Hale said, until it went bust in 1999"
    assert [g.text for g in s.gaps] == [", Mr. Hale said, "]


def test_content_goes_on_through_a_coordinated_quotation_in_mid_sentence() -> None:
    text = 'The mayor also said it was too early to say whether the fire was set, and there was "no sign" yet of arson.'
    s = find(run(text), "too early")
    assert s.content.text == 'it was too early to say whether the fire was set, and there was "no sign" yet of arson'


def test_elaboration_with_a_quotation_after_a_comma_is_not_the_claim() -> None:
    text = 'Critics have argued the same point, among them a former governor -- "It is a disgrace," she wrote.'
    s = find(run(text), "same point")
    assert s.content.text == "the same point"


def test_content_goes_on_into_a_quotation_through_a_cue_word_that_is_part_of_the_claim() -> None:
    # 'let them know that ...' is part of what she said she wanted, not a statement of someone else's.
    text = (
        "On Monday\u2019s episode of \u201cThe Morning Hour,\u201d the former mayor and current candidate said she "
        "wanted to speak \u201cdirectly to young voters\u201d and let them know that \u201cnobody is left out.\u201d"
    )
    statements = run(text)
    s = find(statements, "young voters")
    assert s.content.text.endswith("let them know that \u201cnobody is left out.\u201d")
    assert len(statements) == 1
