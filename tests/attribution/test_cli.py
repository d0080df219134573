"""The command line, run as a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[2]


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsclaims.attribution", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_cli_jsonl_writes_eval_format_and_reports_bad_lines(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(
        json.dumps({"id": "a", "text": '"We are ready," the coach said.'})
        + "\n{not json\n"
        + json.dumps({"id": 7, "text": "Analysts say prices will rise."})
        + "\n",
        encoding="utf-8",
    )
    done = _cli("--jsonl", str(src))
    assert done.returncode != 0
    assert "line 2" in done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [line["id"] for line in lines] == ["a", 7]
    first = lines[0]["statements"][0]
    for key in ("speaker", "speaker_start", "speaker_end", "speaker_name", "speaker_kind", "cue", "cue_start"):
        assert key in first
    for key in ("cue_end", "content", "content_start", "content_end", "kind", "via", "confidence"):
        assert key in first
    assert first["speaker"] == "the coach" and first["kind"] == "direct"


def test_cli_single_file_prints_a_json_list(tmp_path: Path) -> None:
    src = tmp_path / "article.txt"
    src.write_text("The mayor said the bridge would reopen in May.", encoding="utf-8")
    done = _cli(str(src))
    assert done.returncode == 0, done.stderr
    statements = json.loads(done.stdout)
    assert statements[0]["content"] == "the bridge would reopen in May"
