"""The published OpenAPI schema, the docs page, and a schemathesis run of every operation against it."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from newsclaims.api.tokens import api_token_issue
from newsclaims.claims import services
from tests.factories import ArticleFactory, SpeakerFactory, UserFactory, make_claim

pytestmark = pytest.mark.django_db


def test_schema_lists_every_endpoint_and_the_etag_contract(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    schema = response.json()
    paths = set(schema["paths"])
    assert {
        "/api/v1/claims/",
        "/api/v1/claims/export.csv",
        "/api/v1/claims/{id}/",
        "/api/v1/claims/{id}/notes/",
        "/api/v1/claims/{id}/evidence/",
        "/api/v1/claims/{id}/claimreview/",
        "/api/v1/articles/",
        "/api/v1/articles/{id}/",
        "/api/v1/jobs/{id}/",
        "/api/v1/speakers/",
        "/api/v1/speakers/{id}/",
        "/api/v1/speakers/{id}/merge/",
    } <= paths
    patch = schema["paths"]["/api/v1/claims/{id}/"]["patch"]
    assert {"412", "428", "413", "429", "401", "403"} <= set(patch["responses"])
    assert any(p["name"] == "If-Match" and p["in"] == "header" for p in patch["parameters"])
    assert "ETag" in patch["description"]


def test_docs_page_loads_swagger_from_our_static_files_not_a_cdn(client):
    response = client.get("/api/docs/")
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower() and "unpkg" not in html.lower()
    # Every script is a file of ours, so the Content-Security-Policy (script-src 'self') lets it run.
    assert html.count("<script>") == 0 and '<script src="/api/docs/?script=">' in html
    assert "script-src 'self';" in response["Content-Security-Policy"]
    init = client.get("/api/docs/?script=")
    assert init.status_code == 200 and "/api/schema/" in init.content.decode()


@pytest.fixture
def editor_token(db) -> str:
    editor = UserFactory(editor=True)
    speaker = SpeakerFactory(name="Jane Doe")
    for i in range(3):
        claim = make_claim(ArticleFactory(url=f"https://news.example/{i}"), speaker=speaker)
        services.claim_review(claim=claim, actor=editor, expected_version=1, rating="false")
    return api_token_issue(user=editor)


# Loaded from the running app at collection time: the schema endpoint needs no database.
@pytest.fixture
def keep_db_connection():
    # The plain WSGI handler closes the connection after each request, which would end the test's
    # transaction; Django's own test client unhooks the same signal handlers.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_api_never_fails_and_answers_as_documented(case, editor_token, keep_db_connection):
    response = case.call(headers={"Authorization": f"Token {editor_token}"})
    case.validate_response(
        response,
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
            response_headers_conformance,
        ],
    )
