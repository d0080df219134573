"""The article text with claim spans marked: pure function, no database."""

from __future__ import annotations

import html
import re
from types import SimpleNamespace

from hypothesis import given
from hypothesis import strategies as st

from newsclaims.review.highlight import (
    Mark,
    assign_slots,
    claim_marks,
    render_highlighted,
    speaker_slots,
    split_segments,
)

TAG = re.compile(r"<[^>]+>")


def text_of(rendered: str) -> str:
    """What a browser shows: tags dropped, entities decoded."""
    return html.unescape(TAG.sub("", rendered))


def test_unmarked_text_is_escaped_and_unchanged():
    text = 'He wrote <script>alert("x")</script> & left.'
    out = render_highlighted(text, [])
    assert "<script>" not in out
    assert "&lt;script&gt;" in out
    assert text_of(out) == text


def test_script_inside_a_marked_span_is_escaped():
    text = "She said <script>steal()</script> was fine."
    start = text.index("<script>")
    out = render_highlighted(text, [Mark(7, "content", start, start + 24, 0)])
    assert "<script>" not in out
    assert '<a class="hl spk-0 hl-content" href="/claims/7/"' in out
    assert text_of(out) == text


def test_overlapping_and_nested_spans_cut_into_flat_segments():
    text = "Mayor Jane Doe said the bridge would reopen."
    content = Mark(1, "content", 20, 43, 0)
    speaker = Mark(1, "speaker", 0, 14, 0)
    other = Mark(2, "content", 6, 30, 1)  # overlaps the speaker of 1 and the content of 1
    segments = split_segments(text, [content, speaker, other])
    assert "".join(s.text for s in segments) == text
    by_text = {s.text: s for s in segments}
    assert {m.claim_id for m in by_text["Jane Doe"].marks} == {1, 2}
    assert by_text["Jane Doe"].primary == speaker  # narrowest span wins the link
    assert {m.claim_id for m in by_text["the bridge"].marks} == {1, 2}
    assert by_text[" said "].marks == (other,)
    out = render_highlighted(text, [content, speaker, other])
    assert text_of(out) == text
    assert "<a" in out and out.count("<a ") == out.count("</a>")
    assert "<a" not in TAG.sub("", out)
    # no link inside another: every opening tag is closed before the next one opens
    assert re.search(r"<a [^>]*>[^<]*<a ", out) is None
    assert 'data-claims="1 2"' in out and "hl-multi" in out


def test_quote_marks_stay_outside_the_content_highlight():
    text = "\u201cWe are on schedule,\u201d she said. He added: \"It's 'fine'.\""
    inner = text.index("We")
    straight = text.index('"It') + 1
    marks = [Mark(3, "content", inner, inner + 19, 2), Mark(4, "content", straight, straight + 11, 3)]
    out = render_highlighted(text, marks)
    assert out.startswith("\u201c<a ")
    assert ">We are on schedule,</a>\u201d" in out
    assert "&quot;<a " in out and "&#x27;fine&#x27;</a>.&quot;" in out
    assert text_of(out) == text


def test_roles_get_their_own_classes_and_speaker_colour():
    text = "Putin said it was time."
    out = render_highlighted(
        text, [Mark(9, "speaker", 0, 5, 4), Mark(9, "cue", 6, 10, 4), Mark(9, "content", 11, 22, 4)]
    )
    assert 'class="hl spk-4 hl-speaker"' in out
    assert 'class="hl spk-4 hl-cue"' in out
    assert 'class="hl spk-4 hl-content"' in out


def test_spans_past_the_end_are_clipped_not_fatal():
    text = "short"
    out = render_highlighted(text, [Mark(1, "content", 2, 99, 0), Mark(2, "content", 50, 60, 0)])
    assert text_of(out) == text
    assert "/claims/2/" not in out


def test_non_bmp_characters_keep_their_offsets():
    text = "Fans \U0001f600 cheered: great game."
    start = text.index("great")
    out = render_highlighted(text, [Mark(1, "content", start, start + 10, 0)])
    assert ">great game</a>" in out


def test_claim_marks_reads_the_three_spans():
    claim = SimpleNamespace(
        pk=5, content_start=10, content_end=20, speaker_start=0, speaker_end=4, cue_start=None, cue_end=None
    )
    assert claim_marks(claim, 3) == [Mark(5, "content", 10, 20, 3), Mark(5, "speaker", 0, 4, 3)]


def test_speaker_slots_list_speakers_in_order_of_appearance_one_colour_each():
    def c(pk, start, speaker_id=None, name=""):
        return SimpleNamespace(pk=pk, content_start=start, speaker_id=speaker_id, speaker_name=name, speaker_text="")

    slots = speaker_slots([c(1, 50, speaker_id=7), c(2, 10, name="Kim"), c(3, 90, speaker_id=7), c(4, 5, name="kim ")])
    assert list(slots) == ["name:kim", "id:7"]
    assert slots == assign_slots(["id:7", "name:kim"]) and slots["name:kim"] != slots["id:7"]


@given(
    text=st.text(alphabet=st.sampled_from(list("ab <>&\"'\u201c\u201d\n\U0001f600")), min_size=1, max_size=40),
    spans=st.lists(st.tuples(st.integers(0, 45), st.integers(1, 12), st.sampled_from(["content", "speaker", "cue"]))),
)
def test_rendering_never_changes_the_text(text, spans):
    marks = [Mark(i + 1, role, start, start + width, i) for i, (start, width, role) in enumerate(spans)]
    out = render_highlighted(text, marks)
    assert text_of(out) == text


def test_quoted_adds_quote_marks_only_when_the_span_has_none():
    from newsclaims.review.templatetags.review import quoted

    assert quoted("the bridge would reopen") == "“the bridge would reopen”"
    assert quoted("“We will talk,”") == "“We will talk,”"
    assert quoted("abcdefghij", 5) == "“abcd…”"
