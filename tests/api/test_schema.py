"""The published OpenAPI schema, the docs page, and a schemathesis run of every operation against it."""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
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
from newsclaims.claims.desk import desk_settings_update
from newsclaims.claims.models import ChangeEvent, Claim
from newsclaims.ingestion.models import IngestionJob
from newsclaims.webhooks import services as webhook_services
from newsclaims.webhooks.models import WebhookDelivery
from tests.factories import ArticleFactory, SpeakerFactory, UserFactory, make_claim
from tests.security.test_deploy_settings import directives

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
        "/api/v1/jobs/",
        "/api/v1/claims/{id}/notes/{note_id}/",
        "/api/v1/claims/{id}/evidence/{evidence_id}/",
        "/api/v1/speakers/",
        "/api/v1/speakers/{id}/",
        "/api/v1/speakers/{id}/merge/",
    } <= paths
    patch = schema["paths"]["/api/v1/claims/{id}/"]["patch"]
    assert {"412", "428", "413", "429", "401", "403"} <= set(patch["responses"])
    assert any(p["name"] == "If-Match" and p["in"] == "header" for p in patch["parameters"])
    assert "ETag" in patch["description"]


def _schema(client) -> dict[str, Any]:
    return client.get("/api/schema/", HTTP_ACCEPT="application/json").json()


def _operations(schema: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield path, method, operation


def test_every_operation_has_a_summary_description_tag_and_clean_operation_id(client):
    schema = _schema(client)
    seen_tags = set()
    for path, method, operation in _operations(schema):
        where = f"{method.upper()} {path}"
        assert operation["summary"] and operation["description"], where
        assert len(operation["tags"]) == 1 and operation["tags"][0] != "v1", where
        seen_tags.add(operation["tags"][0])
        assert operation["operationId"].isidentifier() and "." not in operation["operationId"], where
        for parameter in operation.get("parameters", []):
            assert parameter.get("description"), f"{where}: {parameter['name']}"
            if parameter["in"] == "path":
                assert parameter["schema"]["type"] == "integer", f"{where}: {parameter['name']}"
    assert {"claims", "articles", "speakers", "jobs", "notes", "evidence", "fact-checks"} <= seen_tags


def test_every_field_has_a_description_and_an_example(client):
    schemas = _schema(client)["components"]["schemas"]
    missing = [
        f"{name}.{field}"
        for name, component in schemas.items()
        for field, prop in component.get("properties", {}).items()
        if not prop.get("description") or ("example" not in prop and "allOf" not in prop)
    ]
    assert missing == []
    # Ids are integers, never numbers.
    assert schemas["Claim"]["properties"]["id"]["type"] == "integer"


def test_response_headers_are_declared(client):
    schema = _schema(client)
    for path, method, operation in _operations(schema):
        for code, response in operation["responses"].items():
            assert "X-RateLimit-Remaining" in response.get("headers", {}), f"{method} {path} {code}"
        if method == "get" and "200" in operation["responses"]:
            assert "ETag" in operation["responses"]["200"]["headers"] and "304" in operation["responses"]
        if "429" in operation["responses"]:
            assert "Retry-After" in operation["responses"]["429"]["headers"]
    created = schema["paths"]["/api/v1/articles/"]["post"]["responses"]
    assert "Location" in created["202"]["headers"] and set(created) & {"200", "201"} == set()


def test_old_names_are_marked_deprecated_next_to_their_replacements(client):
    schemas = _schema(client)["components"]["schemas"]
    claim = schemas["Claim"]["properties"]
    assert claim["speaker_name"]["deprecated"] and not claim["engine_speaker_name"].get("deprecated")
    assert schemas["Note"]["properties"]["author"]["deprecated"] and "created_by" in schemas["Note"]["properties"]
    event = schemas["ClaimEvent"]["properties"]
    assert event["actor"]["deprecated"] and event["at"]["deprecated"] and "changed_by" in event
    assert schemas["Evidence"]["properties"]["url"]["deprecated"] and "source_url" in schemas["Evidence"]["properties"]
    assert schemas["Article"]["properties"]["url"]["deprecated"]


def test_multi_valued_filters_are_documented_as_arrays(client):
    parameters = {p["name"]: p for p in _schema(client)["paths"]["/api/v1/claims/"]["get"]["parameters"]}
    for name in ("speaker", "article", "rating", "kind", "attribution_status", "outlet"):
        assert parameters[name]["schema"]["type"] == "array" and parameters[name]["explode"] is True, name
    assert parameters["speaker"]["schema"]["items"]["type"] == "integer"
    assert "speaker_name__contains" in parameters


def test_docs_page_loads_swagger_from_our_static_files_not_a_cdn(client):
    response = client.get("/api/docs/")
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower() and "unpkg" not in html.lower()
    # Every script is a file of ours, so the Content-Security-Policy (script-src 'self') lets it run.
    assert html.count("<script>") == 0 and '<script src="/api/docs/?script=">' in html
    policy = directives(response["Content-Security-Policy"])
    # Swagger UI styles its widgets inline: only this page's style-src allows that.
    assert policy["script-src"] == "'self'" and policy["style-src"] == "'self' 'unsafe-inline'"
    init = client.get("/api/docs/?script=")
    assert init.status_code == 200 and "/api/schema/" in init.content.decode()


@dataclass
class Site:
    """Real rows for every id an operation takes, so schemathesis sees successes, not only 404s."""

    token: str
    claims: list[int]
    articles: list[int]
    speakers: list[int]
    job: int
    note: int
    evidence: int
    webhook: int = 0
    delivery: int = 0
    statuses: list[int] = field(default_factory=list)


HOOK_URL = "http://127.0.0.1:9/hook"  # never called: deliveries go out on commit, and these tests never commit


@pytest.fixture
def site(db, settings) -> Site:
    settings.NEWSCLAIMS_FETCH_ALLOW_PRIVATE = True  # webhook receivers on loopback
    admin = UserFactory(is_staff=True, is_superuser=True, editor=True)
    speaker = SpeakerFactory(name="Jane Doe")
    claims, articles = [], []
    for i in range(3):
        claim = make_claim(ArticleFactory(url=f"https://news.example/{i}"), speaker=speaker)
        services.claim_review(
            claim=claim, actor=admin, expected_version=1, attribution_status="confirmed", rating="false"
        )
        claims.append(claim.pk)
        articles.append(claim.article_id)
    job = IngestionJob.objects.create(
        status=IngestionJob.Status.DONE, source="text", article_id=articles[0], created_by=admin
    )
    note = services.claim_add_note(claim=Claim.objects.get(pk=claims[0]), author=admin, body="Called the office.")
    evidence = services.claim_add_evidence(
        claim=Claim.objects.get(pk=claims[0]), added_by=admin, url="https://example.org/minutes"
    )
    webhook = webhook_services.subscription_create(url=HOOK_URL)
    delivery = WebhookDelivery.objects.create(subscription=webhook, event=ChangeEvent.objects.last())
    return Site(
        note=note.pk,
        evidence=evidence.pk,
        webhook=webhook.pk,
        delivery=delivery.pk,
        token=api_token_issue(user=admin),
        claims=claims,
        articles=articles,
        speakers=[speaker.pk, SpeakerFactory(name="John Roe").pk],
        job=job.pk,
    )


# Operations that cannot answer 2xx whatever they are sent, with the reason. Empty: every operation can.
NO_SUCCESS_POSSIBLE: dict[str, str] = {}


@pytest.fixture
def must_succeed_once(request: pytest.FixtureRequest, site: Site) -> Iterator[Site]:
    """Runs once around all examples of one operation: fails the run if none of them got a 2xx."""
    yield site
    operation = request.node.name.split("[", 1)[-1].rstrip("]")
    if operation in NO_SUCCESS_POSSIBLE or not site.statuses:
        return
    assert any(200 <= code < 300 for code in site.statuses), (
        f"{operation} never succeeded in {len(site.statuses)} calls (statuses {sorted(set(site.statuses))}); "
        "the run validated only its error answers"
    )


_pair_names = ((f"Merged Person {n}", f"Kept Person {n}") for n in itertools.count())
_new_spans = itertools.count()


def _aim_at_real_rows(case: Any, site: Site) -> None:
    path = case.path
    if "id" in (case.path_parameters or {}):
        rng = random.Random(repr(case.path_parameters) + repr(case.body))
        if "note_id" in case.path_parameters or "evidence_id" in case.path_parameters:
            # Sub-resources exist under the claim they belong to.
            case.path_parameters["id"] = site.claims[0]
            case.path_parameters.update(
                {k: v for k, v in (("note_id", site.note), ("evidence_id", site.evidence)) if k in case.path_parameters}
            )
        elif path.startswith("/api/v1/claims/"):
            case.path_parameters["id"] = rng.choice(site.claims)
        elif path.startswith("/api/v1/articles/"):
            case.path_parameters["id"] = rng.choice(site.articles)
        elif path.startswith("/api/v1/jobs/"):
            case.path_parameters["id"] = site.job
        elif path.startswith("/api/v1/speakers/"):
            case.path_parameters["id"] = rng.choice(site.speakers)
        elif path.startswith("/api/v1/webhooks/deliveries/"):
            case.path_parameters["id"] = site.delivery
        elif path.startswith("/api/v1/webhooks/"):
            # A delete removes its subscription: give each one a fresh one.
            fresh = case.method == "DELETE"
            case.path_parameters["id"] = (
                webhook_services.subscription_create(url=HOOK_URL).pk if fresh else site.webhook
            )
    if path.startswith("/api/v1/webhooks/") and case.method in ("POST", "PATCH") and isinstance(case.body, dict):
        # Generated hosts do not resolve; a receiver must (and be public, or loopback as here).
        case.body = {**case.body, "url": HOOK_URL} if "url" in case.body or case.method == "POST" else case.body
    if path == "/api/v1/claims/{id}/" and case.method == "PATCH":
        claim = Claim.objects.get(pk=case.path_parameters["id"])
        case.headers = {**(case.headers or {}), "If-Match": f'"{claim.pk}-{claim.version}"'}
    if path == "/api/v1/claims/{id}/approve/":
        # An approval needs the second check on, a fresh review by an editor other than the caller, and the ETag.
        desk_settings_update(actor=None, second_check=True)
        claim = Claim.objects.get(pk=case.path_parameters["id"])
        rating = "true" if claim.rating == "false" else "false"
        services.claim_review(claim=claim, actor=UserFactory(editor=True), expected_version=None, rating=rating)
        auth = {"HTTP_AUTHORIZATION": f"Token {site.token}", "HTTP_HOST": "localhost"}
        etag = Client().get(f"/api/v1/claims/{claim.pk}/", **auth)["ETag"]
        # The test Client hooks the connection-closing handlers back on when it is done; take them off again, or the
        # next request would close the connection holding the test's transaction (keep_db_connection).
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        case.headers = {**(case.headers or {}), "If-Match": etag}
    if path == "/api/v1/claims/" and case.method == "POST" and isinstance(case.body, dict):
        # Adding a statement needs a real article and a span inside its text: every third call gets one (a new
        # span each time, so it is not refused as already stored), the rest stay as generated.
        n = next(_new_spans)
        if n % 3 == 0:
            start = (n * 7) % 100
            case.body = {
                **case.body,
                "article": site.articles[n % len(site.articles)],
                "content": {"start": start, "end": start + 20},
                "speaker": site.speakers[0],
                "speaker_mention": None,
                "cue": None,
                "kind": "direct",
            }
    if path == "/api/v1/speakers/{id}/merge/" and isinstance(case.body, dict):
        # A merge removes the speaker it merges: give each call a fresh pair, so later calls do not meet a 404.
        merged, kept = next(_pair_names)
        case.path_parameters["id"] = SpeakerFactory(name=merged).pk
        case.body = {**case.body, "into": SpeakerFactory(name=kept).pk}


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
def test_api_never_fails_and_answers_as_documented(case, must_succeed_once, keep_db_connection):
    site = must_succeed_once
    _aim_at_real_rows(case, site)
    response = case.call(headers={"Authorization": f"Token {site.token}"})
    site.statuses.append(response.status_code)
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
