"""A newsroom's day: the article list and its progress, the queue's filters, exports of exactly what a page lists,
a claim's context and source, adding pasted text with its link and metadata, and the job page."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import pytest

from newsclaims.claims.models import Article, Claim
from newsclaims.claims.services import claim_review
from newsclaims.ingestion.models import IngestionJob
from tests.factories import ArticleFactory, SpeakerFactory, make_claim

pytestmark = pytest.mark.django_db

PASTED = (
    "Harbour council backs the ferry plan\n"
    "\n"
    "“The ferry will run every hour from June,” councillor Mira Okafor said on Monday.\n"
    "Residents said the timetable was too thin.\n"
)


def body_of(response) -> str:
    if response.streaming:
        return b"".join(
            part if isinstance(part, bytes) else part.encode() for part in response.streaming_content
        ).decode("utf-8-sig")
    return response.content.decode()


def csv_ids(response) -> list[int]:
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    return sorted(int(row["id"]) for row in csv.DictReader(io.StringIO(body_of(response))))


@pytest.fixture
def newsroom(editor):
    """Two outlets' articles; some claims reviewed and rated, one article finished."""
    wire = ArticleFactory(outlet="Wire One", published_at=dt.datetime(2024, 3, 2, tzinfo=dt.UTC))
    post = ArticleFactory(outlet="Other Post", published_at=dt.datetime(2024, 5, 9, tzinfo=dt.UTC))
    empty = ArticleFactory(outlet="Wire One", title="Nothing said yet")
    bridge = make_claim(wire, confidence=0.3, cue_meaning="assertive")
    schedule = make_claim(wire, content="We are on schedule", speaker_text="she", confidence=0.6)
    repairs = make_claim(post, content="the repairs cost too much", speaker_text="Critics", cue_meaning="hedged")
    claim_review(claim=schedule, actor=editor, expected_version=1, attribution_status="confirmed", rating="false")
    claim_review(claim=repairs, actor=editor, expected_version=1, attribution_status="confirmed", rating="true")
    return {"wire": wire, "post": post, "empty": empty, "bridge": bridge, "schedule": schedule, "repairs": repairs}


# --- progress and the article list ------------------------------------------------------------------------


def test_article_page_says_how_many_statements_are_reviewed(as_user, viewer, newsroom):
    body = as_user(viewer).get(f"/articles/{newsroom['wire'].pk}/").content.decode()
    assert "1 of 2 statements reviewed" in body


def test_article_list_shows_every_article_with_its_progress(as_user, viewer, newsroom):
    response = as_user(viewer).get("/articles/")
    body = response.content.decode()
    assert response.status_code == 200
    assert [a.pk for a in response.context["page"].object_list] == [
        newsroom["empty"].pk,
        newsroom["post"].pk,
        newsroom["wire"].pk,
    ]
    assert "1 of 2 statements reviewed" in body and "1 of 1 statement reviewed" in body
    assert "0 of 0 statements reviewed" in body


def test_article_list_names_each_articles_editor_without_a_query_per_article(as_user, viewer, editor, newsroom):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from newsclaims.claims.desk import article_assign

    client = as_user(viewer)

    def page() -> tuple[str, int]:
        with CaptureQueriesContext(connection) as captured:
            body = client.get("/articles/").content.decode()
        return body, len(captured)

    article_assign(article=newsroom["wire"], assignee=editor, actor=editor)
    page()  # warm the session and the per-process caches
    one, queries_one = page()
    for article in (newsroom["post"], newsroom["empty"]):
        article_assign(article=article, assignee=editor, actor=editor)
    three, queries_three = page()

    assert one.count("data-assignee") == 1 and f"Assigned to {editor.get_username()}" in one
    assert three.count("data-assignee") == 3
    assert queries_three == queries_one


def _listed(client, query: str) -> set[int]:
    return {a.pk for a in client.get(f"/articles/?{query}").context["page"].object_list}


def test_article_list_filters_by_progress_outlet_date_and_claims(as_user, viewer, newsroom):
    client = as_user(viewer)
    wire, post, empty = newsroom["wire"].pk, newsroom["post"].pk, newsroom["empty"].pk
    assert _listed(client, "progress=unfinished") == {wire}
    assert _listed(client, "progress=finished") == {post, empty}
    assert _listed(client, "outlet=wire+one") == {wire, empty}
    assert _listed(client, "date_from=2024-04-01&date_to=2024-12-31") == {post}
    assert _listed(client, "rating=false") == {wire}
    assert _listed(client, "cue_meaning=hedged") == {post}
    assert _listed(client, "state=unreviewed&outlet=Wire+One") == {wire}
    assert _listed(client, "status=confirmed&progress=finished") == {post}


def test_article_list_keeps_its_filters_in_the_address_and_answers_htmx_with_the_results(as_user, viewer, newsroom):
    client = as_user(viewer)
    body = client.get("/articles/?progress=unfinished&rating=false").content.decode()
    assert 'hx-push-url="true"' in body and 'method="get"' in body
    assert re.search(r'<option value="unfinished"[^>]*selected', body)
    fragment = client.get("/articles/?progress=unfinished", HTTP_HX_REQUEST="true").content.decode()
    assert fragment.lstrip().startswith('<section id="article-results"')


@pytest.mark.parametrize("path", ["/articles/?progress=unfinished", "/review/?rating=false"])
def test_htmx_restoring_a_pushed_address_gets_the_whole_page(as_user, viewer, newsroom, path):
    restore = {"HTTP_HX_REQUEST": "true", "HTTP_HX_HISTORY_RESTORE_REQUEST": "true"}
    body = as_user(viewer).get(path, **restore).content.decode()
    assert body.lstrip().lower().startswith("<!doctype html") and 'class="filters card"' in body


def test_article_list_shows_unreadable_filters_and_ignores_them(as_user, viewer, newsroom):
    response = as_user(viewer).get("/articles/?progress=someday&date_from=yesterday")
    assert response.status_code == 200 and "not understood" in response.content.decode()
    assert len(response.context["page"].object_list) == 3


# --- the queue's filters -----------------------------------------------------------------------------------


def _queued(client, query: str) -> list[int]:
    return [c["id"] for c in client.get(f"/review/?{query}").context["claims"]]


def test_queue_filters_by_rating_review_state_and_cue_meaning(as_user, viewer, newsroom):
    client = as_user(viewer)
    assert _queued(client, "") == [newsroom["bridge"].pk]
    assert _queued(client, "status=any&rating=false") == [newsroom["schedule"].pk]
    assert sorted(_queued(client, "state=confirmed")) == sorted([newsroom["schedule"].pk, newsroom["repairs"].pk])
    assert _queued(client, "status=any&cue_meaning=hedged") == [newsroom["repairs"].pk]
    body = client.get("/review/?state=confirmed").content.decode()
    for label in ("Rating", "Review state", "Cue meaning", "Outlet", "Speaker", "Published from"):
        assert f">{label}</label>" in body


def test_the_api_filters_by_cue_meaning_with_the_same_filter(as_user, viewer, newsroom):
    rows = as_user(viewer).get("/api/v1/claims/?cue_meaning=assertive").json()["results"]
    assert [r["id"] for r in rows] == [newsroom["bridge"].pk]


def test_review_state_filter_agrees_with_the_state_each_page_shows(editor, newsroom):
    from newsclaims.claims.querysets import REVIEW_STATE_QUERIES
    from newsclaims.claims.services import SpanEdit, claim_add
    from newsclaims.review.state import review_state

    article = ArticleFactory()
    flagged = make_claim(article)
    claim_review(claim=flagged, actor=editor, expected_version=1, attribution_status="wrong_speaker")
    corrected = make_claim(article, content="We are on schedule", speaker_text="she")
    claim_review(claim=corrected, actor=editor, expected_version=1, speaker=SpeakerFactory())
    not_a_claim = make_claim(article, content="the repairs cost too much", speaker_text="Critics")
    claim_review(claim=not_a_claim, actor=editor, expected_version=1, attribution_status="not_a_claim")
    start = article.text.index("Critics")
    added = claim_add(article=article, actor=editor, content=SpanEdit(start, start + 7), speaker=SpeakerFactory())
    claims = [*Claim.objects.filter(pk__in=[c.pk for c in newsroom.values() if isinstance(c, Claim)]), added]
    claims += list(Claim.objects.filter(pk__in=[flagged.pk, corrected.pk, not_a_claim.pk]))
    seen = set()
    for claim in claims:
        key = review_state(claim).key
        seen.add(key)
        matching = {k for k, q in REVIEW_STATE_QUERIES.items() if Claim.objects.filter(q, pk=claim.pk).exists()}
        assert matching == {key}, (claim.pk, key, matching)
    assert seen == set(REVIEW_STATE_QUERIES)


# --- exports -----------------------------------------------------------------------------------------------


def test_queue_export_buttons_carry_the_queue_filters(as_user, viewer, newsroom):
    body = as_user(viewer).get("/review/?status=any&rating=false&page=1").content.decode()
    assert 'href="/review/export.csv?status=any&amp;rating=false&amp;ordering=confidence"' in body
    assert 'href="/review/export.jsonld?status=any&amp;rating=false&amp;ordering=confidence"' in body


def test_queue_csv_export_is_exactly_the_filtered_queue(as_user, viewer, newsroom):
    client = as_user(viewer)
    queries = (
        *("", "status=any&rating=false", "state=confirmed", "outlet=Other+Post&status=any", "speaker=nobody"),
        *("status=any&q=schedule", "status=any&cue_meaning=hedged&date_from=2024-04-01", "rating=shouted"),
    )
    for query in queries:
        listed = sorted(_queued(client, query))
        assert csv_ids(client.get(f"/review/export.csv?{query}")) == listed, query


def test_queue_claimreview_export_has_the_published_claims_of_the_filter(as_user, viewer, newsroom):
    response = as_user(viewer).get("/review/export.jsonld?status=confirmed&rating=false")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/ld+json")
    document = json.loads(body_of(response))
    reviews = document["@graph"]
    assert len(reviews) == 1 and "schedule" in json.dumps(reviews[0])


def test_queue_export_needs_a_signed_in_user(client, newsroom):
    assert client.get("/review/export.csv").status_code in (401, 403)


def test_search_page_exports_through_the_api(as_user, viewer, newsroom):
    client = as_user(viewer)
    body = client.get("/search/?q=schedule").content.decode()
    assert 'href="/api/v1/claims/export.csv?q=schedule"' in body
    assert csv_ids(client.get("/api/v1/claims/export.csv?q=schedule")) == [newsroom["schedule"].pk]


def test_speaker_page_exports_exactly_its_filtered_claims(as_user, viewer, newsroom):
    client = as_user(viewer)
    speaker = SpeakerFactory()
    ids = [newsroom[name].pk for name in ("bridge", "schedule", "repairs")]
    Claim.objects.filter(pk__in=ids).update(speaker=speaker)
    body = client.get(f"/speakers/{speaker.pk}/?rating=false").content.decode()
    assert f'href="/speakers/{speaker.pk}/export.csv?rating=false"' in body
    assert csv_ids(client.get(f"/speakers/{speaker.pk}/export.csv?rating=false")) == [newsroom["schedule"].pk]
    assert csv_ids(client.get(f"/speakers/{speaker.pk}/export.csv?date_from=2024-04-01")) == [newsroom["repairs"].pk]
    assert csv_ids(client.get(f"/speakers/{speaker.pk}/export.csv")) == sorted(ids)
    reviews = json.loads(body_of(client.get(f"/speakers/{speaker.pk}/export.jsonld?rating=true")))["@graph"]
    assert len(reviews) == 1 and "repairs" in json.dumps(reviews[0])


def test_speaker_export_needs_a_signed_in_user(client, newsroom):
    assert client.get(f"/speakers/{SpeakerFactory().pk}/export.csv").status_code in (401, 403)


# --- a claim's context and source ------------------------------------------------------------------------


def test_claim_shows_its_whole_paragraph_the_neighbours_and_the_original_article(as_user, viewer):
    lines = [
        "Opening paragraph about the harbour.",
        "Second paragraph sets the scene.",
        "x" * 900 + " Mayor Jane Doe said the bridge would reopen in May. " + "y" * 900,
        "Fourth paragraph follows.",
        "Fifth paragraph ends it.",
        "Sixth paragraph is far away.",
    ]
    article = ArticleFactory(text="\n".join(lines), url="https://news.example/harbour")
    claim = make_claim(article)
    body = as_user(viewer).get(f"/claims/{claim.pk}/").content.decode()
    assert "x" * 900 in body and "y" * 900 in body  # the whole paragraph, not a window of it
    assert "2 paragraphs before" in body and "2 paragraphs after" in body
    assert "Second paragraph sets the scene." in body and "Fifth paragraph ends it." in body
    assert "Sixth paragraph is far away." not in body
    assert re.search(r'href="https://news.example/harbour" target="_blank" rel="noopener noreferrer"', body)


def test_claim_without_a_source_url_has_no_source_link(as_user, viewer, claim):
    body = as_user(viewer).get(f"/claims/{claim.pk}/").content.decode()
    assert "data-source-link" not in body and "paragraph before" not in body


# --- adding an article -------------------------------------------------------------------------------------


def test_pasted_text_keeps_its_source_url_and_metadata(as_user, editor):
    response = as_user(editor).post(
        "/articles/new/",
        {
            "text": PASTED,
            "url": "https://harbour.example/ferry",
            "title": "Ferry plan approved",
            "outlet": "Harbour Times",
            "author": "Lena Park",
            "published_at": "2024-06-03T08:30",
        },
    )
    assert response.status_code == 302
    article = Article.objects.get()
    assert (article.url, article.title, article.outlet, article.author) == (
        "https://harbour.example/ferry",
        "Ferry plan approved",
        "Harbour Times",
        "Lena Park",
    )
    assert article.published_at is not None and article.published_at.date() == dt.date(2024, 6, 3)
    assert IngestionJob.objects.get().source == "https://harbour.example/ferry"


def test_untitled_pasted_text_takes_its_first_line_as_title_as_ingest_does(as_user, editor, tmp_path):
    from django.core.management import call_command

    as_user(editor).post("/articles/new/", {"text": PASTED})
    assert Article.objects.get().title == "Harbour council backs the ferry plan"
    other = tmp_path / "other.txt"
    other.write_text("\n  Another headline here  \nThe mayor said the bridge is safe.\n", encoding="utf-8")
    call_command("ingest", str(other), stdout=io.StringIO())
    assert Article.objects.exclude(title="Harbour council backs the ferry plan").get().title == "Another headline here"


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"text": PASTED, "published_at": "last tuesday"}, "published_at", "Enter a valid date/time."),
        ({"text": PASTED, "url": "harbour dot example"}, "url", "Enter a valid URL."),
        ({"text": PASTED, "outlet": "O" * 201}, "outlet", "at most 200 characters"),
        ({"title": "Only a title"}, None, "Give the article one way"),
    ],
)
def test_bad_paste_metadata_answers_with_a_form_error(as_user, editor, data, field, message):
    response = as_user(editor).post("/articles/new/", data)
    assert response.status_code == 400 and not IngestionJob.objects.exists()
    form = response.context["form"]
    errors = form.errors.get(field or "__all__", [])
    assert any(message in str(e) for e in errors), form.errors
    assert message in response.content.decode().replace("&#x27;", "'")


# --- the job page ------------------------------------------------------------------------------------------


def test_job_page_says_done_once_and_links_the_article(as_user, editor, article):
    job = IngestionJob.objects.create(source="text", payload={"text": "x"}, status="done", article=article)
    body = as_user(editor).get(f"/jobs/{job.pk}/").content.decode()
    status = re.search(r'<section id="job-status".*?</section>', body, re.S)
    assert status is not None
    assert len(re.findall(r"\bDone\b", status.group(0))) == 1
    assert f"/articles/{article.pk}/" in status.group(0) and "hx-trigger" not in status.group(0)


def test_article_list_costs_the_same_queries_for_3_or_30_articles(as_user, viewer, newsroom):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = as_user(viewer)
    client.get("/articles/?progress=unfinished&rating=false")  # session and caches warmed

    def queries() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/articles/?progress=unfinished&rating=false&outlet=Wire+One")
        return len(captured), len(response.context["page"].object_list)

    few, listed = queries()
    for _ in range(27):
        make_claim(ArticleFactory(outlet="Wire One"), rating="false")
    assert queries() == (few, listed + 27)
