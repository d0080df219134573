"""Round-eleven constructions of reported speech (speech-cue recall), one invented text each (none taken from any
evaluation corpus)."""

from __future__ import annotations

from .conftest import find, run


def speaker_text(s: object) -> str | None:
    speaker = getattr(s, "speaker", None)
    return None if speaker is None else speaker.text


# -- statements freed by a trim ---------------------------------------------------------------------------------------


def test_refusal_in_a_trimmed_concession_stands_on_its_own() -> None:
    # 'claimed A, although she refused to B': the concession is trimmed from A; the refusal it holds is still said.
    statements = run("The mayor claimed that the pool was safe, although she again refused to release the report.")
    assert find(statements, "pool").content.text == "the pool was safe"
    s = find(statements, "release")
    assert s.content.text == "to release the report" and s.cue is not None and s.cue.text == "refused"


def test_statement_in_a_trimmed_dash_aside_stands_on_its_own() -> None:
    statements = run("Ruiz endorsed the senator -- who the union said was a reliable friend of the docks.")
    assert find(statements, "senator").content.text == "the senator"
    s = find(statements, "reliable friend")
    assert speaker_text(s) == "the union"


# -- participles of evidence ------------------------------------------------------------------------------------------


def test_citing_after_a_statement_is_a_statement_of_its_own() -> None:
    # 'praised X, citing Y': what the speaker cites is put forward as grounds, and attributed to the speaker.
    statements = run("The senator praised the reforms, citing the release of three jailed reporters.")
    s = find(statements, "three jailed reporters")
    assert s.content.text == "the release of three jailed reporters" and speaker_text(s) == "The senator"
