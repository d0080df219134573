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
