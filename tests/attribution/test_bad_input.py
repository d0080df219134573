"""Inputs that must not crash the engine, and whose offsets must stay exact."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsclaims.attribution import extract, extract_many
from newsclaims.attribution.chunking import chunks, sanitize

from .conftest import run


def _offsets_valid(text: str) -> None:
    for s in extract(text):
        for span in (s.content, s.speaker, s.cue):
            if span is not None:
                assert 0 <= span.start < span.end <= len(text)
                assert text[span.start : span.end] == span.text


def test_empty_and_whitespace_only_texts_give_no_statements() -> None:
    assert extract("") == []
    assert extract("   \n\n\t  ") == []


def test_control_characters_and_mixed_scripts_keep_offsets() -> None:
    text = 'Ivan\x00 said\x07 the deal\x1b was done. "Мы готовы к диалогу," said Li Wei \u674e\u4f1f.\ufeff\ud800'
    _offsets_valid(text)


def test_two_megabytes_of_text_are_processed_in_chunks_with_exact_offsets() -> None:
    # Mostly blank padding keeps the parse cheap while the text stays above spaCy's default max_length.
    block = "The council said the budget would pass." + " " * 99_000 + "\n"
    text = block * 21
    assert len(text) > 2_000_000
    statements = extract(text)
    assert len(statements) == 21
    for s in statements:
        assert text[s.content.start : s.content.end] == s.content.text == "the budget would pass"


def test_a_single_giant_paragraph_is_cut_at_sentence_ends() -> None:
    text = "Officials said the road was closed. " * 5000
    pieces = list(chunks(text, limit=10_000))
    assert "".join(p for _, p in pieces) == text
    assert all(p.endswith(". ") for _, p in pieces[:-1])
    assert all(text[off : off + len(p)] == p for off, p in pieces)


def test_chunks_without_any_boundary_are_cut_hard() -> None:
    text = "x" * 25_000
    pieces = list(chunks(text, limit=10_000))
    assert [len(p) for _, p in pieces] == [10_000, 10_000, 5_000]


def test_sanitize_keeps_length() -> None:
    text = "a\x00b\x1fc\ud800d\n\te"
    assert len(sanitize(text)) == len(text)
    assert sanitize(text).startswith("a b c d\n\te")


def test_extract_many_keeps_order_and_handles_empty_texts() -> None:
    texts = ["", "Farmers said the harvest was poor.", "  ", '"We won," the coach said.']
    results = list(extract_many(texts, batch_size=2))
    assert [len(r) for r in results] == [0, 1, 0, 1]


def test_extract_many_with_two_processes_matches_one_process() -> None:
    texts = ["Farmers said the harvest was poor.", '"We won," the coach said.']
    assert list(extract_many(texts, n_process=2)) == list(extract_many(texts))


def test_unbalanced_marks_everywhere() -> None:
    run('"He said\n\u201cno\u201d \u00bb they \'agreed\u2019 "" \'\' \u201e" said Anna.')


@settings(max_examples=50, deadline=None)
@given(
    st.one_of(
        st.text(
            alphabet=st.sampled_from(list("ab ,.:;'\"\u201c\u201d\u2018\u2019\u00ab\u00bb\n-\u2014")), max_size=300
        ),
        st.text(max_size=300),
    )
)
def test_offsets_are_valid_for_any_text(text: str) -> None:
    _offsets_valid(text)


@settings(max_examples=25, deadline=None)
@given(
    st.lists(st.sampled_from(["Smith said", "the plan", "works", ",", ".", '"', "according to", "\n", "he", "told"])),
)
def test_offsets_are_valid_for_sentence_like_noise(words: list[str]) -> None:
    _offsets_valid(" ".join(words))
