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
