"""One submission validator and one upload decoder behind the web form, the API and the ``ingest`` command.

Text with the URL it was taken from (a pasted paywalled article) is accepted everywhere: the URL is kept as the
article's link and duplicate key, and nothing is fetched.
"""

from __future__ import annotations

import codecs
import io
import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from rest_framework.test import APIClient

from newsclaims.claims.models import Article
from newsclaims.ingestion.errors import IngestionError
from newsclaims.ingestion.models import IngestionJob
from newsclaims.ingestion.submission import validate_submission
from tests.ingestion.conftest import article_text

pytestmark = pytest.mark.django_db

PAYWALLED = "https://paywalled.example/story"


@pytest.fixture
def as_editor(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def editor_api(editor):
    api = APIClient()
    api.force_authenticate(editor)
    return api


def test_the_validator_keeps_a_url_that_comes_with_text_and_refuses_two_bodies():
    clean = validate_submission({"text": article_text(1), "url": PAYWALLED + " "})
    assert (clean["text"], clean["url"]) == (article_text(1), PAYWALLED)
    with pytest.raises(IngestionError, match="exactly one"):
        validate_submission({"text": article_text(1), "html": "<p>x</p>", "url": PAYWALLED})


def test_the_command_accepts_text_with_its_url_and_fetches_nothing(tmp_path: Path):
    path = tmp_path / "pasted.jsonl"
    path.write_text(json.dumps({"text": article_text(2), "url": PAYWALLED}) + "\n", encoding="utf-8")
    out = io.StringIO()
    call_command("ingest", str(path), "--no-progress", stdout=out)
    assert "created 1, already present 0, failed 0" in out.getvalue()
    assert Article.objects.get().url == PAYWALLED


def test_the_api_accepts_text_with_its_url_and_then_knows_the_url(editor_api):
    response = editor_api.post("/api/v1/articles/", {"text": article_text(3), "url": PAYWALLED}, format="json")
    assert response.status_code == 202, response.content
    article = Article.objects.get(pk=response.json()["article"])
    assert (article.text, article.url) == (article_text(3), PAYWALLED)
    again = editor_api.post("/api/v1/articles/", {"url": PAYWALLED}, format="json")
    assert again.status_code == 200 and again.json()["id"] == article.pk


def test_the_web_form_accepts_text_with_its_url(as_editor):
    response = as_editor.post("/articles/new/", {"text": article_text(4), "url": PAYWALLED})
    assert response.status_code == 302 and response["Location"].startswith("/jobs/")
    assert IngestionJob.objects.get().source == PAYWALLED
    assert (Article.objects.get().text, Article.objects.get().url) == (article_text(4), PAYWALLED)


def test_the_web_form_accepts_a_file_with_its_url(as_editor):
    upload = SimpleUploadedFile("saved.txt", article_text(5).encode("utf-8"))
    response = as_editor.post("/articles/new/", {"file": upload, "url": PAYWALLED})
    assert response.status_code == 302
    assert (IngestionJob.objects.get().source, Article.objects.get().url) == ("saved.txt", PAYWALLED)


FRENCH = "Le maire a déclaré que le pont rouvrira en mai, a indiqué la mairie. Ça coûte cher, disent les critiques."


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("bom.txt", codecs.BOM_UTF8 + article_text(6).encode("utf-8"), "the bridge number 6 would reopen"),
        ("utf16.txt", article_text(7).encode("utf-16"), "the bridge number 7 would reopen"),  # with its BOM
        (
            "latin.html",
            (
                '<html><head><meta charset="iso-8859-1"><title>Le pont</title></head>'
                f"<body><article><p>{FRENCH}</p></article></body></html>"
            ).encode("latin-1"),
            "Ça coûte cher",
        ),
    ],
)
def test_the_web_form_decodes_uploads_like_the_command(as_editor, name, data, expected):
    response = as_editor.post("/articles/new/", {"file": SimpleUploadedFile(name, data)})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert IngestionJob.objects.get().status == "done", IngestionJob.objects.get().error
    text = Article.objects.get().text
    assert not text.startswith("\ufeff") and expected in text


def test_the_web_form_refuses_a_binary_upload_with_the_decoders_message(as_editor):
    upload = SimpleUploadedFile("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)))
    response = as_editor.post("/articles/new/", {"file": upload})
    assert response.status_code == 400
    assert "The file looks like binary data, not text." in response.content.decode()
    assert not IngestionJob.objects.exists()
