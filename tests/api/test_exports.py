from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsclaims.api import export
from newsclaims.claims import services
from tests.factories import ArticleFactory, SpeakerFactory, make_claim

pytestmark = pytest.mark.django_db


def read_csv(response) -> list[dict[str, str]]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_export_streams_every_matching_claim_with_the_list_filters(reader_client):
    direct = make_claim(kind="direct")
    make_claim(kind="indirect")
    rows = read_csv(reader_client.get("/api/v1/claims/export.csv", {"kind": "direct"}))
    assert [int(r["id"]) for r in rows] == [direct.pk]
    assert rows[0]["content"] == "the bridge would reopen in May"
    assert rows[0]["speaker_mention"] == "Mayor Jane Doe"
    assert len(read_csv(reader_client.get("/api/v1/claims/export.csv"))) == 2


def test_csv_export_neutralises_spreadsheet_formulas(reader_client):
    article = ArticleFactory(title='=HYPERLINK("http://evil")')
    make_claim(article)
    assert read_csv(reader_client.get("/api/v1/claims/export.csv"))[0]["article_title"].startswith("'=")


def test_csv_export_refuses_bad_filters_and_anonymous(reader_client, anon_client):
    response = reader_client.get("/api/v1/claims/export.csv", {"min_confidence": "x"})
    assert response.status_code == 400 and response["Content-Type"] == "application/json"
    assert anon_client.get("/api/v1/claims/export.csv").status_code == 401


def test_claimreview_json_ld_for_a_rated_claim(reader_client, editor):
    speaker = SpeakerFactory(name="Jane Doe", kind="person")
    article = ArticleFactory(url="https://news.example/bridge", published_at=dt.datetime(2024, 5, 3, tzinfo=dt.UTC))
    claim = make_claim(article, speaker=speaker)
    services.claim_review(
        claim=claim, actor=editor, expected_version=1, attribution_status="confirmed", rating="mostly_true"
    )
    response = reader_client.get(f"/api/v1/claims/{claim.pk}/claimreview/")
    assert response.status_code == 200 and response["Content-Type"] == "application/ld+json"
    body = response.json()
    assert body["@context"] == "https://schema.org" and body["@type"] == "ClaimReview"
    assert body["claimReviewed"] == "the bridge would reopen in May"
    assert body["reviewRating"] == {
        "@type": "Rating",
        "ratingValue": 4,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": "Mostly true",
    }
    item = body["itemReviewed"]
    assert item["author"] == {"@type": "Person", "name": "Jane Doe"}
    assert item["datePublished"] == "2024-05-03"
    assert item["firstAppearance"]["url"] == "https://news.example/bridge"


def test_claimreview_organisation_speaker_and_unverifiable_rating(reader_client, editor):
    claim = make_claim(speaker=SpeakerFactory(name="Acme Corp", kind="organisation"))
    services.claim_review(
        claim=claim, actor=editor, expected_version=1, attribution_status="confirmed", rating="unverifiable"
    )
    body = reader_client.get(f"/api/v1/claims/{claim.pk}/claimreview/").json()
    assert body["itemReviewed"]["author"]["@type"] == "Organization"
    assert "ratingValue" not in body["reviewRating"] and body["reviewRating"]["alternateName"] == "Unverifiable"
    assert "firstAppearance" not in body["itemReviewed"]  # the article has no URL


def test_claimreview_of_an_unrated_claim_is_404(reader_client, claim):
    response = reader_client.get(f"/api/v1/claims/{claim.pk}/claimreview/")
    assert response.status_code == 404 and "not published" in response.json()["error"]["message"]


def _export_queries(client, path: str, params: dict[str, str] | None = None) -> tuple[int, bytes]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path, params or {})
        assert response.status_code == 200
        body = b"".join(response.streaming_content)
    return len(ctx.captured_queries), body


@pytest.mark.parametrize("path", ["/api/v1/claims/export.csv", "/api/v1/claims/export.jsonld"])
def test_export_costs_the_same_queries_for_2_or_40_claims(reader_client, editor, path):
    def rated(n: int) -> None:
        for _ in range(n):
            claim = make_claim()
            services.claim_add_note(claim=claim, author=editor, body="Checked.")
            services.claim_review(
                claim=claim, actor=editor, expected_version=1, attribution_status="confirmed", rating="false"
            )

    rated(2)
    few, _ = _export_queries(reader_client, path)
    rated(38)
    many, body = _export_queries(reader_client, path)
    assert few == many
    assert body.count(b"the bridge would reopen in May") == 40


@pytest.mark.parametrize("ordering", ["-updated_at", "confidence", "-confidence", "speaker", "published_at"])
def test_export_in_keyset_chunks_gives_every_claim_once_in_order(reader_client, monkeypatch, ordering):
    monkeypatch.setattr(export, "EXPORT_CHUNK", 3)
    made = [make_claim(confidence=0.5 if n % 2 else 0.25) for n in range(10)]  # ties across chunk edges
    rows = read_csv(reader_client.get("/api/v1/claims/export.csv", {"ordering": ordering}))
    assert sorted(int(r["id"]) for r in rows) == sorted(c.pk for c in made)
    listed = reader_client.get("/api/v1/claims/", {"ordering": ordering, "page_size": 50}).json()["results"]
    assert [int(r["id"]) for r in rows] == [r["id"] for r in listed]


def test_claimreview_export_lists_published_reviews_only_escaped(reader_client, editor):
    speaker = SpeakerFactory(name="Jane Doe", kind="person")
    article = ArticleFactory(text="Mayor Jane Doe said the toll is </script> gone. Filler text here.")
    rated = make_claim(article, content="the toll is </script> gone", speaker=speaker)
    services.claim_review(claim=rated, actor=editor, expected_version=1, attribution_status="confirmed", rating="false")
    unconfirmed = make_claim()
    services.claim_review(claim=unconfirmed, actor=editor, expected_version=1, rating="false")
    make_claim()  # not rated: no review
    response = reader_client.get("/api/v1/claims/export.jsonld")
    assert response.status_code == 200 and response["Content-Type"] == "application/ld+json"
    raw = b"".join(response.streaming_content)
    assert b"</script>" not in raw
    body = json.loads(raw)
    assert body["@context"] == "https://schema.org"
    assert [r["url"] for r in body["@graph"]] == [f"http://testserver/fact-checks/{rated.pk}/"]
    review = body["@graph"][0]
    assert review["claimReviewed"] == "the toll is </script> gone"
    assert review["itemReviewed"]["author"] == {"@type": "Person", "name": "Jane Doe"}
    single = reader_client.get(f"/api/v1/claims/{rated.pk}/claimreview/").json()
    assert {k: v for k, v in single.items() if k != "@context"} == review


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("stream", ["csv", "text"])
def test_a_copy_export_stopped_half_way_leaves_a_connection_that_still_answers(stream):
    from tests.requires import need_postgres

    need_postgres("COPY exports run only on PostgreSQL")
    for n in range(3):
        make_claim(content="the bridge would reopen in May", kind="direct" if n else "indirect")
    query = ("SELECT id::text FROM claims_claim ORDER BY id", [])
    pieces = export.csv_copy_stream(query, header="id\n") if stream == "csv" else export.copy_text_rows(query, batch=1)
    next(pieces)
    next(pieces)  # mid-COPY for the CSV; the text rows come one per piece with batch=1
    pieces.close()  # the client went away

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM claims_claim")
        assert cursor.fetchone() == (3,)
