from __future__ import annotations

import datetime as dt

import pytest

from newsclaims.claims.models import Article
from newsclaims.ingestion.models import IngestionJob
from tests.factories import ArticleFactory, make_claim

pytestmark = pytest.mark.django_db

TEXT = (
    "The city council will vote on the budget next week, Mayor Jane Doe said on Monday. "
    "\u201cWe cannot keep raising taxes,\u201d said councillor Tom Baker."
)


def test_article_list_is_paged_filterable_and_counts_claims(reader_client):
    a = ArticleFactory(outlet="The Ledger", published_at=dt.datetime(2024, 1, 2, tzinfo=dt.UTC))
    make_claim(a)
    ArticleFactory(outlet="Other")
    body = reader_client.get("/api/v1/articles/", {"outlet": "the ledger"}).json()
    assert [(r["id"], r["claim_count"]) for r in body["results"]] == [(a.pk, 1)]
    assert "text" not in body["results"][0]
    assert set(body) == {"next", "previous", "results"}
    older = reader_client.get("/api/v1/articles/", {"published_before": "2024-02-01", "ordering": "published_at"})
    assert [r["id"] for r in older.json()["results"]] == [a.pk]


def test_article_detail_has_text_and_claims_in_text_order(reader_client, article):
    later = make_claim(article, content="We are on schedule")
    earlier = make_claim(article, content="the bridge would reopen in May")
    body = reader_client.get(f"/api/v1/articles/{article.pk}/").json()
    assert body["text"] == article.text
    assert [c["id"] for c in body["claims"]] == [earlier.pk, later.pk]
    assert body["claims"][0]["content"]["text"] == "the bridge would reopen in May"
    assert reader_client.get("/api/v1/articles/999999/").status_code == 404


def test_posting_text_runs_the_ingestion_job_and_answers_202_with_its_progress(editor_client, editor):
    response = editor_client.post("/api/v1/articles/", {"text": TEXT, "title": "Budget"}, format="json")
    assert response.status_code == 202, response.content
    job = response.json()
    assert response["Location"].endswith(f"/api/v1/jobs/{job['id']}/")
    # No broker in tests: the job already ran in-process.
    assert job["status"] == "done" and job["article"] is not None
    article = Article.objects.get(pk=job["article"])
    assert article.title == "Budget" and article.claims.count() == job["claims_created"] > 0
    progress = editor_client.get(f"/api/v1/jobs/{job['id']}/").json()
    assert progress["status"] == "done" and IngestionJob.objects.get(pk=job["id"]).created_by == editor


def test_posting_an_already_stored_text_answers_200_with_the_article(editor_client, article):
    response = editor_client.post("/api/v1/articles/", {"text": "  " + article.text + "\n"}, format="json")
    assert response.status_code == 200
    assert response.json()["id"] == article.pk
    assert not IngestionJob.objects.exists()


@pytest.mark.parametrize(
    "body",
    [{}, {"text": TEXT, "html": f"<p>{TEXT}</p>"}, {"url": "javascript:alert(1)"}, {"text": TEXT, "x": 1}],
)
def test_bad_article_submissions_are_400_and_store_nothing(editor_client, body):
    response = editor_client.post("/api/v1/articles/", body, format="json")
    assert response.status_code == 400 and response.json()["error"]["message"]
    assert not Article.objects.exists() and not IngestionJob.objects.exists()


def test_text_that_ingestion_refuses_is_400_with_its_message(editor_client):
    response = editor_client.post("/api/v1/articles/", {"text": "   \n  "}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["detail"]
    assert not Article.objects.exists()


def test_readers_cannot_submit_articles(reader_client):
    assert reader_client.post("/api/v1/articles/", {"text": TEXT}, format="json").status_code == 403
    assert not IngestionJob.objects.exists()


def test_failed_job_reports_its_error(reader_client):
    job = IngestionJob.objects.create(status="failed", source="https://example.org/x", error="The page was not found.")
    body = reader_client.get(f"/api/v1/jobs/{job.pk}/").json()
    assert (body["status"], body["error"]) == ("failed", "The page was not found.")
    assert "payload" not in body
    assert reader_client.get("/api/v1/jobs/999999/").status_code == 404
