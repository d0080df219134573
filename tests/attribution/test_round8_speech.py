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
