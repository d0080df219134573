"""Adding an article: paste, upload or URL, then the job page until the claims are ready."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from newsclaims.claims.models import Article
from newsclaims.ingestion.models import IngestionJob

pytestmark = pytest.mark.django_db

TEXT = "“We will win this vote,” the senator said on Tuesday. Her opponent said the count was not over."


def test_pasting_text_runs_a_job_and_links_to_the_article(as_user, editor):
    client = as_user(editor)
    response = client.post("/articles/new/", {"text": TEXT, "title": "Vote night", "outlet": "Wire"})
    assert response.status_code == 302 and response["Location"].startswith("/jobs/")
    job = IngestionJob.objects.get()
    assert job.created_by == editor and job.source == "text"
    page = client.get(response["Location"])
    body = page.content.decode()
    # no broker in tests: the job ran in-process and is finished, so the page no longer polls
    assert job.__class__.objects.get().status == "done"
    assert "hx-trigger" not in body and f"/articles/{Article.objects.get().pk}/" in body
    assert Article.objects.get().title == "Vote night"


def test_job_status_fragment_polls_until_finished(as_user, editor):
    job = IngestionJob.objects.create(source="text", payload={"text": TEXT})
    client = as_user(editor)
    body = client.get(f"/jobs/{job.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert body.lstrip().startswith('<section id="job-status"') and 'hx-trigger="every 1s"' in body
    assert "<noscript>" in client.get(f"/jobs/{job.pk}/").content.decode()  # refreshes without JS too
    IngestionJob.objects.filter(pk=job.pk).update(status="failed", error="The address could not be reached.")
    body = client.get(f"/jobs/{job.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert "hx-trigger" not in body and "The address could not be reached." in body


def test_a_delayed_job_says_so_while_it_waits(as_user, editor):
    job = IngestionJob.objects.create(
        source="text", payload={"text": TEXT}, error="Delayed: the task queue is unavailable."
    )
    body = as_user(editor).get(f"/jobs/{job.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert "Delayed: the task queue is unavailable." in body and 'hx-trigger="every 1s"' in body


def test_uploading_a_text_file(as_user, editor):
    upload = SimpleUploadedFile("story.txt", TEXT.encode("utf-8"), content_type="text/plain")
    response = as_user(editor).post("/articles/new/", {"file": upload})
    assert response.status_code == 302
    assert IngestionJob.objects.get().source == "story.txt"
    assert Article.objects.get().text.strip() == TEXT


def test_uploading_an_html_file_in_another_encoding(as_user, editor):
    html = f"<html><head><title>Café vote</title></head><body><article><p>{TEXT}</p></article></body></html>"
    upload = SimpleUploadedFile("story.html", html.encode("utf-16"), content_type="text/html")
    response = as_user(editor).post("/articles/new/", {"file": upload})
    assert response.status_code == 302
    job = IngestionJob.objects.get()
    assert job.status == "done", job.error
    assert "senator" in Article.objects.get().text


def test_pasting_a_stored_article_again_goes_to_it(as_user, editor):
    client = as_user(editor)
    client.post("/articles/new/", {"text": TEXT})
    article = Article.objects.get()
    response = client.post("/articles/new/", {"text": "  " + TEXT.replace(" ", "  ") + "\n"})
    assert response.status_code == 302 and response["Location"] == f"/articles/{article.pk}/"
    assert Article.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Give the article one way"),
        ({"text": "   "}, "Give the article one way"),
        ({"text": TEXT, "file": ("story.txt", TEXT.encode())}, "Give only one of"),
        ({"url": "not a url at all"}, "Enter a valid URL"),
        ({"file": ("story.pdf", b"%PDF-1.4")}, "Upload a .txt or .html file."),
        ({"file": ("empty.txt", b"   ")}, "The file is empty."),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(as_user, editor, data, message):
    if "file" in data:
        name, content = data["file"]
        data = {**data, "file": SimpleUploadedFile(name, content)}
    response = as_user(editor).post("/articles/new/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not IngestionJob.objects.exists()


def test_a_refused_submission_shows_the_ingestion_message(as_user, editor):
    # Django's URL field lets ftp through; the ingestion service refuses it before queueing.
    response = as_user(editor).post("/articles/new/", {"url": "ftp://example.org/story"})
    assert response.status_code == 400
    assert "is not an http or https address" in response.content.decode()
    assert not IngestionJob.objects.exists()


def test_a_failed_job_explains_itself_on_the_job_page(as_user, editor, settings):
    # A private address passes the syntax check and is refused when the job runs.
    settings.NEWSCLAIMS_FETCH_ALLOW_PRIVATE = False
    response = as_user(editor).post("/articles/new/", {"url": "http://127.0.0.1:1/story"})
    assert response.status_code == 302
    job = IngestionJob.objects.get()
    assert job.status == "failed" and job.error
    body = as_user(editor).get(response["Location"]).content.decode()
    assert job.error.replace("'", "&#x27;") in body and "Try again" in body
