from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

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
