"""The package's public contract."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import newsclaims.attribution as attribution
from newsclaims.attribution import ENGINE_VERSION, Statement, load_pipeline
from newsclaims.attribution.lexicon import lexicon
from newsclaims.attribution.names import normalize_name
from newsclaims.attribution.quotes import find_quotes


def test_public_names_are_exported() -> None:
    assert {"extract", "extract_many", "load_pipeline", "ENGINE_VERSION"} <= set(attribution.__all__)
    assert ENGINE_VERSION.count(".") == 2


def test_importing_the_engine_in_a_fresh_interpreter_loads_no_django_or_celery() -> None:
    # A clean subprocess from the repository root: nothing imported beforehand can hide what the import pulls in
    # (importing ``newsclaims`` first would load whatever its __init__ loads before the measurement starts).
    code = (
        "import newsclaims.attribution, sys; "
        "assert not any(m.split('.')[0] in ('django', 'celery') for m in sys.modules), "
        "sorted(m for m in sys.modules if m.split('.')[0] in ('django', 'celery'))[:5]"
    )
    root = Path(__file__).resolve().parents[2]
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "PYTHONPATH")}
    done = subprocess.run([sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_importing_the_engine_does_not_load_spacy() -> None:
    # spaCy and the pipeline load on the first extract: importing the package must stay cheap.
    code = "import newsclaims.attribution, sys; print('spacy' in sys.modules)"
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_pipeline_is_cached_and_lean() -> None:
    nlp = load_pipeline()
    assert load_pipeline() is nlp
    assert "lemmatizer" not in nlp.pipe_names
    assert nlp.pipe_names[-2:] == ["newsclaims_quotes", "newsclaims_attribution"]


def test_statement_json_has_eval_fields() -> None:
    s = attribution.extract("Critics say the law is unfair.")[0]
    assert isinstance(s, Statement)
    data = s.to_json()
    assert data["content"] == "the law is unfair" and data["speaker"] == "Critics"
    assert data["via"] is None


def test_lexicon_has_hundreds_of_cue_forms_with_meanings() -> None:
    lex = lexicon()
    assert len(lex.verbs) >= 300
    assert {c.meaning for c in lex.verbs.values()} == {
        *("neutral", "assertive", "hedged", "negative"),
        *("belief", "accusation", "denial", "intention"),
    }


def test_role_titles_do_not_change_the_alias_key() -> None:
    assert normalize_name("President Vladimir Putin") == normalize_name("Vladimir Putin")


def test_quote_scanner_chains_nothing_across_closed_quotes() -> None:
    text = "\u201cOne,\u201d he said. \u00abTwo\u00bb and ''three''."
    assert [text[q.start : q.end] for q in find_quotes(text)] == ["\u201cOne,\u201d", "\u00abTwo\u00bb", "''three''"]
