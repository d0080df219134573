"""Published fact-checks: the public page with its ClaimReview, the feeds, and what Google requires of them."""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET

import pytest

from newsclaims.api.claimreview import claim_reviewed_text
from newsclaims.claims import services
from tests.factories import ArticleFactory, SpeakerFactory, make_claim

pytestmark = pytest.mark.django_db

PUBLISHER = {
    "NEWSCLAIMS_PUBLISHER_NAME": "Harbour Gazette",
    "NEWSCLAIMS_PUBLISHER_URL": "https://gazette.example",
    "NEWSCLAIMS_PUBLISHER_LOGO_URL": "https://gazette.example/logo.png",
}


@pytest.fixture(autouse=True)
def _publisher(settings):
    for name, value in PUBLISHER.items():
        setattr(settings, name, value)


def publish(claim, editor, **review):
    fields = {"attribution_status": "confirmed", "rating": "false", **review}
    services.claim_review(claim=claim, actor=editor, expected_version=claim.version, **fields)
    claim.refresh_from_db()
    return claim


def embedded_jsonld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD in the page"
    return json.loads(match.group(1))


def assert_google_claimreview(review: dict) -> None:
    """The properties Google's ClaimReview documentation requires (and the recommended ones we can give)."""
    assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
    assert isinstance(review["claimReviewed"], str) and review["claimReviewed"]
    assert review["url"].startswith("http")
    rating = review["reviewRating"]
    assert rating["@type"] == "Rating"
    assert "alternateName" in rating or {"ratingValue", "bestRating", "worstRating"} <= set(rating)
    if "ratingValue" in rating:
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
    for who in ("author", "publisher"):
        assert review[who]["@type"] == "Organization" and review[who]["name"]
    item = review["itemReviewed"]
    assert item["@type"] == "Claim" and item["author"]["name"] and item["author"]["@type"]


def test_public_page_embeds_a_claimreview_google_accepts_without_login(client, editor):
    speaker = SpeakerFactory(name="Jane Doe", kind="person", description="Mayor (found by the engine)")
    article = ArticleFactory(url="https://news.example/bridge", published_at=dt.datetime(2024, 5, 3, tzinfo=dt.UTC))
    claim = publish(make_claim(article, speaker=speaker), editor, rating="mostly_true", rating_explanation="Close.")
    response = client.get(f"/fact-checks/{claim.pk}/")
    assert response.status_code == 200
    review = embedded_jsonld(response.content.decode())
    assert_google_claimreview(review)
    assert review["url"] == f"http://testserver/fact-checks/{claim.pk}/"
    assert review["author"] == {
        "@type": "Organization",
        "name": "Harbour Gazette",
        "url": "https://gazette.example",
        "logo": {"@type": "ImageObject", "url": "https://gazette.example/logo.png"},
    }
    assert review["reviewRating"]["ratingValue"] == 4 and review["reviewRating"]["description"] == "Close."
    assert review["itemReviewed"]["author"] == {"@type": "Person", "name": "Jane Doe"}  # no engine-made jobTitle
    assert review["itemReviewed"]["datePublished"] == "2024-05-03"
    assert review["datePublished"] == claim.reviewed_at.date().isoformat()
    assert "Harbour Gazette" in response.content.decode()


def test_only_confirmed_and_rated_claims_are_published(client, reader_client, editor):
    rated_only = make_claim(speaker=SpeakerFactory())
    services.claim_review(claim=rated_only, actor=editor, expected_version=1, rating="false")
    confirmed_only = make_claim(speaker=SpeakerFactory())
    services.claim_review(claim=confirmed_only, actor=editor, expected_version=1, attribution_status="confirmed")
    for claim in (rated_only, confirmed_only):
        assert client.get(f"/fact-checks/{claim.pk}/").status_code == 404
        api = reader_client.get(f"/api/v1/claims/{claim.pk}/claimreview/")
        assert api.status_code == 404 and "not published" in api.json()["error"]["message"]
    published = publish(make_claim(speaker=SpeakerFactory()), editor)
    assert client.get(f"/fact-checks/{published.pk}/").status_code == 200
    api = reader_client.get(f"/api/v1/claims/{published.pk}/claimreview/").json()
    assert api["url"] == f"http://testserver/fact-checks/{published.pk}/"


@pytest.mark.parametrize(
    "kind, schema_type",
    [("person", "Person"), ("organisation", "Organization"), ("group", "Organization"), ("anonymous", "Thing")],
)
def test_item_reviewed_author_is_typed_by_the_speaker_kind(reader_client, editor, kind, schema_type):
    claim = publish(make_claim(speaker=SpeakerFactory(name="Harbour residents", kind=kind)), editor)
    author = reader_client.get(f"/api/v1/claims/{claim.pk}/claimreview/").json()["itemReviewed"]["author"]
    assert author["@type"] == schema_type


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("\u201cThe bridge will reopen in May,\u201d", "The bridge will reopen in May"),
        ('"The ferry is free",', "The ferry is free"),
        ("the tolls go up next week,", "the tolls go up next week"),
        ("'Nobody told us'", "Nobody told us"),
        ("plain words", "plain words"),
    ],
)
def test_claim_reviewed_loses_quote_marks_and_trailing_commas(raw, clean):
    assert claim_reviewed_text(raw) == clean


def test_page_escapes_a_script_breaking_statement(client, editor):
    hostile = 'the bridge </script><script>alert("x")</script> would reopen'
    article = ArticleFactory(text=f"Officials said {hostile}, residents heard.")
    claim = publish(make_claim(article, speaker=SpeakerFactory(), content=hostile), editor)
    html = client.get(f"/fact-checks/{claim.pk}/").content.decode()
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "<" not in script and ">" not in script and "&" not in script
    assert embedded_jsonld(html)["claimReviewed"] == hostile
    assert "<script>alert" not in html


def test_feeds_list_published_reviews_as_json_ld_and_atom(client, editor):
    published = publish(make_claim(speaker=SpeakerFactory(name="Jane Doe")), editor)
    make_claim(ArticleFactory(), speaker=SpeakerFactory())  # not reviewed: not in the feeds
    jsonld = client.get("/fact-checks/feed.jsonld")
    assert jsonld.status_code == 200 and jsonld["Content-Type"] == "application/ld+json"
    body = jsonld.json()
    assert body["@type"] == "ItemList" and len(body["itemListElement"]) == 1
    review = {"@context": "https://schema.org", **body["itemListElement"][0]["item"]}
    assert_google_claimreview(review)
    assert review["url"] == f"http://testserver/fact-checks/{published.pk}/"
    atom = client.get("/fact-checks/feed.atom")
    assert atom.status_code == 200 and atom["Content-Type"].startswith("application/atom+xml")
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = ET.fromstring(atom.content).findall("a:entry", ns)
    assert len(entries) == 1
    assert entries[0].find("a:link", ns).get("href") == f"http://testserver/fact-checks/{published.pk}/"
    assert entries[0].find("a:title", ns).text == "False: Jane Doe"
    index = client.get("/fact-checks/")
    assert index.status_code == 200 and f"/fact-checks/{published.pk}/" in index.content.decode()
