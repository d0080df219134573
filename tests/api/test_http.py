"""HTTP as clients expect it: ETags and 304 everywhere, rate-limit headers, CORS, links."""

from __future__ import annotations

import time

import pytest
from django.core.cache import cache
from django.test import override_settings
from rest_framework.settings import api_settings

from newsclaims.claims import services

pytestmark = pytest.mark.django_db


def _resources(claim, editor) -> list[str]:
    note = services.claim_add_note(claim=claim, author=editor, body="Check the minutes.")
    evidence = services.claim_add_evidence(claim=claim, added_by=editor, url="https://example.org/e", kind="document")
    return [
        "/api/v1/claims/",
        f"/api/v1/claims/{claim.pk}/",
        f"/api/v1/claims/{claim.pk}/notes/",
        f"/api/v1/claims/{claim.pk}/notes/{note.pk}/",
        f"/api/v1/claims/{claim.pk}/evidence/",
        f"/api/v1/claims/{claim.pk}/evidence/{evidence.pk}/",
        f"/api/v1/articles/{claim.article_id}/",
        "/api/v1/articles/",
        f"/api/v1/speakers/{claim.speaker_id}/",
        "/api/v1/speakers/",
        "/api/v1/jobs/",
    ]


def test_every_get_has_a_strong_etag_and_if_none_match_answers_304(reader_client, claim, editor):
    for address in _resources(claim, editor):
        response = reader_client.get(address)
        assert response.status_code == 200, address
        etag = response["ETag"]
        assert etag.startswith('"') and etag.endswith('"'), address
        assert reader_client.get(address)["ETag"] == etag, f"{address}: the same representation, the same ETag"
        cached = reader_client.get(address, HTTP_IF_NONE_MATCH=f'"other", W/{etag}')
        assert cached.status_code == 304 and cached.content == b"", address
        assert reader_client.get(address, HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_note_and_evidence_have_urls_that_answer_with_themselves(reader_client, claim, editor):
    _resources(claim, editor)
    note = reader_client.get(f"/api/v1/claims/{claim.pk}/notes/").json()[0]
    assert reader_client.get(note["url"]).json() == note
    assert note["html_url"].endswith(f"/claims/{claim.pk}/#notes")
    evidence = reader_client.get(f"/api/v1/claims/{claim.pk}/evidence/").json()[0]
    assert reader_client.get(evidence["api_url"]).json() == evidence
    assert reader_client.get(f"/api/v1/claims/{claim.pk}/notes/999999/").status_code == 404


def test_posted_note_answers_201_with_its_location(editor_client, claim):
    response = editor_client.post(f"/api/v1/claims/{claim.pk}/notes/", {"body": "Called the office."}, format="json")
    assert response.status_code == 201 and response["Location"] == response.json()["url"]


def test_every_resource_has_url_and_html_url(reader_client, claim, editor):
    _resources(claim, editor)
    speaker = reader_client.get(f"/api/v1/speakers/{claim.speaker_id}/").json()
    assert speaker["url"] == f"http://testserver/api/v1/speakers/{claim.speaker_id}/"
    assert speaker["html_url"] == f"http://testserver/speakers/{claim.speaker_id}/"
    article = reader_client.get(f"/api/v1/articles/{claim.article_id}/").json()
    assert article["api_url"].endswith(f"/api/v1/articles/{claim.article_id}/") and article["html_url"]
    assert article["claims"][0]["url"].endswith(f"/api/v1/claims/{claim.pk}/")


def _rate_headers(response) -> tuple[int, int, int]:
    return (
        int(response["X-RateLimit-Limit"]),
        int(response["X-RateLimit-Remaining"]),
        int(response["X-RateLimit-Reset"]),
    )


def test_rate_limit_headers_count_down_on_every_response(reader_client, anon_client, claim):
    limit, first, reset = _rate_headers(reader_client.get("/api/v1/claims/"))
    assert limit == 6000 and first == limit - 1 and reset >= int(time.time())
    _, second, _ = _rate_headers(reader_client.get(f"/api/v1/claims/{claim.pk}/"))
    assert second == first - 1
    # Answers no throttle counted still say where the caller stands.
    for response in (
        reader_client.get("/api/v1/claims/999999/"),
        reader_client.get("/api/v1/nothing-here/"),
        anon_client.get("/api/v1/claims/"),
        anon_client.get("/api/v1/health/"),
    ):
        assert {"X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"} <= set(response.headers)


def test_throttled_requests_get_429_in_the_error_shape_including_the_schema(reader_client, anon_client, monkeypatch):
    monkeypatch.setitem(api_settings.DEFAULT_THROTTLE_RATES, "anon", "2/minute")
    monkeypatch.setitem(api_settings.DEFAULT_THROTTLE_RATES, "user", "2/minute")
    for client, address in ((reader_client, "/api/v1/claims/"), (anon_client, "/api/schema/")):
        cache.clear()
        responses = [client.get(address) for _ in range(3)]
        throttled = responses[-1]
        assert throttled.status_code == 429, address
        assert throttled.json()["error"]["code"] == "throttled", address
        assert throttled["Retry-After"] and throttled["X-RateLimit-Remaining"] == "0"


@override_settings(CORS_ALLOWED_ORIGINS=["https://tools.example.org"])
def test_cors_preflight_is_answered_without_credentials_for_listed_origins(anon_client):
    preflight = anon_client.options(
        "/api/v1/claims/1/",
        HTTP_ORIGIN="https://tools.example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="PATCH",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization, if-match, content-type",
    )
    assert preflight.status_code == 200
    assert preflight["Access-Control-Allow-Origin"] == "https://tools.example.org"
    assert "if-match" in preflight["Access-Control-Allow-Headers"]
    refused = anon_client.options(
        "/api/v1/claims/1/", HTTP_ORIGIN="https://evil.example", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )
    assert "Access-Control-Allow-Origin" not in refused.headers


@override_settings(CORS_ALLOWED_ORIGINS=["https://tools.example.org"])
def test_cors_responses_expose_etag_and_rate_limit_headers(reader_client, claim):
    response = reader_client.get(f"/api/v1/claims/{claim.pk}/", HTTP_ORIGIN="https://tools.example.org")
    exposed = {h.strip().lower() for h in response["Access-Control-Expose-Headers"].split(",")}
    assert {"etag", "x-ratelimit-remaining", "location"} <= exposed
    assert response["Access-Control-Allow-Origin"] == "https://tools.example.org"
