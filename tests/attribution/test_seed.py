"""Regression test on the seed article against its hand-made gold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsclaims.attribution import Statement, extract
from newsclaims.attribution.base import iou
from newsclaims.attribution.names import fold

GOLD = json.loads((Path(__file__).parent / "seed-000.gold.json").read_text(encoding="utf-8"))
REQUIRED = [a for a in GOLD["attributions"] if not a.get("optional")]


@pytest.fixture(scope="module")
def statements() -> list[Statement]:
    return extract(GOLD["text"])


def _match(statements: list[Statement], gold: dict) -> Statement | None:
    span = (gold["content"]["start"], gold["content"]["end"])
    best = max(statements, key=lambda s: iou(span, (s.content.start, s.content.end)), default=None)
    return best if best is not None and iou(span, (best.content.start, best.content.end)) >= 0.5 else None


def test_seed_text_in_repo_matches_gold() -> None:
    seed = Path(__file__).parents[2] / "seeds" / "seed-000.txt"
    assert seed.read_text(encoding="utf-8").strip() == GOLD["text"].strip()


def test_all_fourteen_required_statements_found(statements: list[Statement]) -> None:
    assert len(REQUIRED) == 14
    missing = [g["content"]["text"][:50] for g in REQUIRED if _match(statements, g) is None]
    assert missing == []


@pytest.mark.parametrize("gold", REQUIRED, ids=lambda g: g["content"]["text"][:30])
def test_seed_speaker_mention_resolved_name_and_via(statements: list[Statement], gold: dict) -> None:
    s = _match(statements, gold)
    assert s is not None and s.speaker is not None
    assert s.speaker.start < gold["source"]["end"] and gold["source"]["start"] < s.speaker.end
    # The scorer's rule: the gold name's head word appears in the resolved name (or vice versa).
    assert s.speaker_name is not None
    name, expected = fold(s.speaker_name).split(), fold(gold["speaker"]).split()
    assert expected[-1] in name or name[-1] in expected
    if gold.get("via"):
        assert sorted(s.via) == sorted(gold["via"].split("; "))
    else:
        assert s.via == ()


def test_seed_speaker_kinds_and_roles(statements: list[Statement]) -> None:
    by_name = {s.speaker_name: s for s in statements}
    assert by_name["Maria Zakharova"].speaker_kind == "person"
    assert by_name["Maria Zakharova"].speaker_role == "Foreign Ministry spokeswoman"
    assert by_name["experts"].speaker_kind == "group"
    assert by_name["North Korean state media"].speaker_kind == "media"
    assert by_name["the White House"].speaker_kind == "organisation"
