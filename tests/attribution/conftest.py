from __future__ import annotations

import pytest

from newsclaims.attribution import Statement, extract, load_pipeline


@pytest.fixture(scope="session", autouse=True)
def _pipeline() -> None:
    """Load the spaCy pipeline once for the whole run."""
    load_pipeline()


def find(statements: list[Statement], fragment: str) -> Statement:
    """The statement whose content contains ``fragment``."""
    hits = [s for s in statements if fragment in s.content.text]
    assert hits, f"no statement contains {fragment!r}: {[s.content.text for s in statements]}"
    return hits[0]


def run(text: str) -> list[Statement]:
    statements = extract(text)
    for s in statements:
        for span in (s.content, s.speaker, s.cue):
            if span is not None:
                assert text[span.start : span.end] == span.text
    return statements
