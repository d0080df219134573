from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from rest_framework.test import APIClient

from newsclaims.api.models import ApiToken
from newsclaims.claims.models import Claim

pytestmark = pytest.mark.django_db


def error(response) -> dict:
    assert response["Content-Type"].startswith("application/json")
    return response.json()["error"]


def test_anonymous_reads_are_401_unless_the_setting_allows_them(anon_client, claim, settings):
    response = anon_client.get("/api/v1/claims/")
    assert response.status_code == 401 and error(response)["code"] == "not_authenticated"
    settings.NEWSCLAIMS_ANONYMOUS_READ = True
    assert anon_client.get("/api/v1/claims/").status_code == 200
    assert anon_client.get(f"/api/v1/claims/{claim.pk}/").status_code == 200
    assert anon_client.post(f"/api/v1/claims/{claim.pk}/notes/", {"body": "x"}, format="json").status_code == 401


def test_bad_token_is_401(claim):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    response = client.get("/api/v1/claims/")
    assert response.status_code == 401 and error(response)["message"] == "Invalid token."


@pytest.mark.parametrize("who, status", [("viewer", 200), ("editor", 200), ("admin_user", 200)])
def test_every_role_reads(request, who, status, claim):
    client = APIClient()
    client.force_login(request.getfixturevalue(who))
    assert client.get(f"/api/v1/claims/{claim.pk}/").status_code == status


def test_session_writes_need_the_csrf_token(editor, claim):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(editor)
    response = client.post(f"/api/v1/claims/{claim.pk}/notes/", {"body": "x"}, format="json")
    assert response.status_code == 403 and "CSRF" in error(response)["message"]


def test_token_command_issues_a_key_once_and_rotates(viewer, claim):
    out = io.StringIO()
    call_command("api_token", viewer.username, stdout=out, stderr=io.StringIO())
    key = out.getvalue().strip()
    assert len(key) >= 40 and ApiToken.objects.get(user=viewer).prefix == key[:8]
    second = io.StringIO()
    call_command("api_token", viewer.username, stdout=second, stderr=io.StringIO())
    assert second.getvalue().strip() != key  # a new key: the first one cannot be shown again
    rotated = io.StringIO()
    call_command("api_token", viewer.username, "--rotate", stdout=rotated, stderr=io.StringIO())
    assert ApiToken.objects.filter(user=viewer).count() == 1
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/v1/claims/").status_code == 401  # revoked by --rotate
    client.credentials(HTTP_AUTHORIZATION=f"Token {rotated.getvalue().strip()}")
    assert client.get("/api/v1/claims/").status_code == 200
    with pytest.raises(CommandError, match="No user"):
        call_command("api_token", "nobody-here")


def test_unknown_api_address_is_a_json_404(reader_client):
    response = reader_client.get("/api/v1/clams/")
    assert response.status_code == 404 and "/api/v1/clams/" in error(response)["message"]


def test_wrong_method_is_405_in_the_error_shape(editor_client, claim):
    response = editor_client.delete(f"/api/v1/claims/{claim.pk}/")
    assert response.status_code == 405 and error(response)["code"] == "method_not_allowed"


def test_non_json_body_is_415(editor_client, claim):
    response = editor_client.post(f"/api/v1/claims/{claim.pk}/notes/", "body=x", content_type="text/plain")
    assert response.status_code == 415


def test_malformed_json_is_400(editor_client, claim):
    response = editor_client.post(f"/api/v1/claims/{claim.pk}/notes/", "{not json", content_type="application/json")
    assert response.status_code == 400 and error(response)["status"] == 400


def test_oversized_body_is_413_and_stores_nothing(editor_client, claim, settings):
    settings.NEWSCLAIMS_API_MAX_BODY_BYTES = 1000
    body = '{"body": "' + "x" * 2000 + '"}'
    response = editor_client.post(f"/api/v1/claims/{claim.pk}/notes/", body, content_type="application/json")
    assert response.status_code == 413 and "1,000" in error(response)["message"]
    assert not claim.notes.exists()


def test_parser_refuses_a_body_longer_than_its_content_length_claimed(settings):
    from newsclaims.api.errors import PayloadTooLarge
    from newsclaims.api.parsers import BoundedJSONParser

    settings.NEWSCLAIMS_API_MAX_BODY_BYTES = 1000
    with pytest.raises(PayloadTooLarge):
        BoundedJSONParser().parse(io.BytesIO(b'{"body": "' + b"x" * 2000 + b'"}'))
    assert BoundedJSONParser().parse(io.BytesIO(b'{"body": "ok"}')) == {"body": "ok"}


def test_django_request_data_too_big_maps_to_413(editor_client, claim, settings):
    from django.core.exceptions import RequestDataTooBig

    from newsclaims.api.errors import exception_handler

    response = exception_handler(RequestDataTooBig("too big"), {})
    assert response.status_code == 413 and response.data["error"]["code"] == "payload_too_large"


def test_throttling_answers_429_with_retry_after(anon_client, settings, claim):
    settings.NEWSCLAIMS_ANONYMOUS_READ = True
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "3/minute", "user": "5/minute"},
    }
    statuses = [anon_client.get("/api/v1/claims/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = anon_client.get("/api/v1/claims/")
    assert error(response)["status"] == 429 and int(response["Retry-After"]) > 0


def test_token_clients_are_throttled_per_user(reader_client, settings, claim):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "3/minute", "user": "5/minute"},
    }
    statuses = [reader_client.get("/api/v1/claims/").status_code for _ in range(6)]
    assert statuses == [200] * 5 + [429]


def test_integrity_errors_map_to_409_conflict():
    # Only the mapping: the rollback itself is the services' transaction.atomic, left by the exception.
    from django.db import IntegrityError

    from newsclaims.api.errors import exception_handler

    response = exception_handler(IntegrityError("duplicate key"), {})
    assert response.status_code == 409 and response.data["error"]["code"] == "conflict"


def test_health_needs_no_credentials_and_no_database(anon_client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = anon_client.get("/api/v1/health/")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


def test_claim_row_untouched_by_patches_refused_before_any_write(editor_client, claim):
    before = Claim.objects.filter(pk=claim.pk).values().get()
    etag = editor_client.get(f"/api/v1/claims/{claim.pk}/")["ETag"]
    url = f"/api/v1/claims/{claim.pk}/"
    bad_value = editor_client.patch(url, {"rating": "nope"}, format="json", HTTP_IF_MATCH=etag)
    malformed = editor_client.patch(url, "{", content_type="application/json", HTTP_IF_MATCH=etag)
    stale = editor_client.patch(url, {"rating": "false"}, format="json", HTTP_IF_MATCH='"stale"')
    assert (bad_value.status_code, malformed.status_code, stale.status_code) == (400, 400, 412)
    assert Claim.objects.filter(pk=claim.pk).values().get() == before
    assert not claim.events.exists()
