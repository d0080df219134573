"""manage.py ingest: folders, files, JSONL and URLs; keeps going past bad input; summary at the end."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from newsclaims.claims.models import Article, Claim
from newsclaims.ingestion.models import IngestionJob
from tests.ingestion.conftest import ARTICLE_HTML, article_text

pytestmark = pytest.mark.django_db


def ingest(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("ingest", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text(article_text(1), encoding="utf-8")
    (tmp_path / "b.html").write_text(ARTICLE_HTML, encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes(
        "Le maire a déclaré que le pont rouvrira en mai, a indiqué la mairie. Ça coûte cher.".encode("latin-1")
    )
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)))
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    sub = tmp_path / "more"
    sub.mkdir()
    (sub / "c.txt").write_text(article_text(2), encoding="utf-8")
    (sub / "copy-of-a.txt").write_text(article_text(1), encoding="utf-8")
    return tmp_path


def test_folder_is_ingested_and_bad_files_are_reported_with_their_reason(folder):
    out, err = ingest(str(folder), "--batch-size", "2")
    assert "created 4, already present 1, failed 3" in out
    assert f"failed: {folder / 'empty.txt'}: The file is empty." in out
    assert f"failed: {folder / 'binary.txt'}: The file looks like binary data, not text." in out
    assert f"failed: {folder / 'notes.pdf'}: unsupported file type .pdf" in out
    assert "article/s" in err  # the progress bar's rate
    assert Article.objects.count() == 4
    latin = Article.objects.get(text__startswith="Le maire")
    assert "déclaré" in latin.text and "Ça coûte" in latin.text
    assert Claim.objects.filter(article__text__startswith="Mayor").count() >= 2


def test_second_run_finds_everything_already_present(folder):
    ingest(str(folder))
    counts = (Article.objects.count(), Claim.objects.count())
    out, _ = ingest(str(folder))
    assert "created 0, already present 5, failed 3" in out
    assert (Article.objects.count(), Claim.objects.count()) == counts


def test_jsonl_lines_with_text_html_and_url_and_a_broken_line(tmp_path, pages):
    url = pages.add("/story.html", ARTICLE_HTML.replace("Bridge to reopen", "Tunnel to reopen"))
    lines = [
        json.dumps(
            {"id": "x1", "text": article_text(3), "title": "Three", "outlet": "Wire", "published_at": "2024-01-02"}
        ),
        "{not json",
        json.dumps({"html": ARTICLE_HTML, "url": "https://news.example/b"}),
        json.dumps(["a", "list"]),
        "",
        json.dumps({"url": url}),
        json.dumps({"text": article_text(4), "published_at": "yesterday"}),
        json.dumps({"url": pages.base + "/gone.html"}),
    ]
    path = tmp_path / "articles.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out, _ = ingest(str(path))
    assert "created 3, already present 0, failed 4" in out
    assert f"{path}:2: line 2 is not valid JSON" in out
    assert f"{path}:4: line 4 is not a JSON object." in out
    assert f"{path}:7: published_at 'yesterday' is not a date" in out
    assert f"{path}:8: {pages.base}/gone.html returned HTTP 404" in out
    three = Article.objects.get(title="Three")
    assert (three.outlet, three.published_at.date().isoformat()) == ("Wire", "2024-01-02")
    assert Article.objects.filter(url=url).exists()


def test_missing_path_alone_is_an_error(tmp_path):
    with pytest.raises(CommandError, match="nothing was ingested"):
        ingest(str(tmp_path / "nope"))
    with pytest.raises(CommandError, match="batch-size"):
        ingest(str(tmp_path), "--batch-size", "0")


def test_async_without_a_broker_runs_jobs_in_process_and_reports_them(folder):
    out, err = ingest(str(folder / "a.txt"), str(folder / "empty.txt"), "--async")
    assert "the jobs ran in this process" in out
    assert "created 1, already present 0, failed 1" in out
    job = IngestionJob.objects.get()
    assert f"job {job.pk}: {folder / 'a.txt'} (done)" in err
    assert job.status == "done" and job.article is not None and job.claims_created >= 2
    again, _ = ingest(str(folder / "a.txt"), "--async")
    assert "already present 1" in again and IngestionJob.objects.count() == 1


def test_seed_folder_arrives_with_its_claims():
    out, _ = ingest(str(Path(settings.BASE_DIR) / "seeds"))
    assert "created 1, already present 0, failed 0" in out
    seed = Article.objects.get()
    assert seed.claims.count() >= 10
    assert seed.claims.filter(speaker__name="Vladimir Putin").count() >= 3


def test_a_text_file_is_titled_by_its_first_line(tmp_path: Path):
    path = tmp_path / "ferry.txt"
    path.write_text("\n  Ferry fares   rise in June \nThe council said fares would rise.\n", encoding="utf-8")
    ingest(str(path))
    assert Article.objects.get().title == "Ferry fares rise in June"
