"""Who may do what, for every URL the app serves: the intended permissions, kept here as data.

Every pattern of the URLconf needs a row (the coverage test walks ``get_resolver()``), so a new
URL without a decision about who may use it fails the suite. Each row is tried as anonymous,
viewer, editor and admin; a refused change must leave the database exactly as it was.

Decisions recorded in the table:
- Review pages: anonymous users go to the login page; every signed-in user reads; editors
  review, annotate and add articles; only admins merge speakers.
- API: anonymous clients get 401 (reads become public only with NEWSCLAIMS_ANONYMOUS_READ,
  tested separately); viewers read and get 403 on writes; merging speakers is for admins.
- Public on purpose: published fact-checks (confirmed and rated claims) and their feeds; the login
  page (there is no self-service password reset: the app sends
  no mail, admins reset passwords), API health (a liveness probe that touches no data), and the
  API schema and docs (they describe the endpoints, not any stored data).
- /admin/: admins only (staff); everyone else is sent to the admin login. Rows for the admin
  are generated from the admin site's registry, so a newly registered model is covered by
  the same rule, while a custom admin URL still needs a row of its own.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import pytest
from django.contrib import admin
from django.db import transaction
from django.test import Client
from django.urls import URLResolver, get_resolver, resolve

from newsclaims.api.tokens import api_token_issue
from tests.security.conftest import PASSWORD, PUBLIC_HOOK_URL, ROLES, World, snapshot

LOGIN = "login"  # 302 to /accounts/login/?next=<this page>
ADMIN_LOGIN = "admin-login"  # 302 to /admin/login/?next=<this page>
Expected = int | str


def nothing(ids: dict[str, Any]) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Row:
    path: str  # with {claim}, {speaker}, ... filled from World.ids()
    method: str
    expect: dict[str, Expected]
    body: Callable[[dict[str, Any]], Any] | None = None
    api: bool = False
    headers: dict[str, str] = field(default_factory=dict)


def everyone(status: Expected) -> dict[str, Expected]:
    return dict.fromkeys(ROLES, status)


def signed_in(status: Expected = 200, anonymous: Expected = LOGIN) -> dict[str, Expected]:
    return {"anonymous": anonymous, "viewer": status, "editor": status, "admin": status}


def editors(status: Expected, anonymous: Expected = LOGIN) -> dict[str, Expected]:
    return {"anonymous": anonymous, "viewer": 403, "editor": status, "admin": status}


def admins(status: Expected, anonymous: Expected = LOGIN) -> dict[str, Expected]:
    return {"anonymous": anonymous, "viewer": 403, "editor": 403, "admin": status}


def page(path: str) -> Row:
    return Row(path, "GET", signed_in())


def form(path: str, expect: dict[str, Expected], body: Callable[[dict[str, Any]], Any]) -> Row:
    return Row(path, "POST", expect, body)


def api_get(path: str, expect: dict[str, Expected] | None = None) -> Row:
    return Row(path, "GET", expect or signed_in(200, anonymous=401), api=True)


def api_write(path: str, method: str, expect: dict[str, Expected], body: Callable[[dict[str, Any]], Any]) -> Row:
    return Row(path, method, expect, body, api=True, headers={"HTTP_IF_MATCH": '"{claim}-1"'})


def _new_statement(ids: dict[str, Any]) -> dict[str, Any]:
    """A statement the world's article has and no claim covers: its third to fifth words, said by its first."""
    words = list(re.finditer(r"\S+", ids["article_text"]))
    return {
        "content_start": words[2].start(),
        "content_end": words[4].end(),
        "speaker_start": words[0].start(),
        "speaker_end": words[0].end(),
        "kind": "indirect",
    }


def _new_statement_api(ids: dict[str, Any]) -> dict[str, Any]:
    body = _new_statement(ids)
    return {
        "article": ids["article"],
        "content": {"start": body["content_start"], "end": body["content_end"]},
        "speaker": ids["speaker"],
    }


# route as written in the URLconf -> the requests that exercise it and who may make them.
PERMISSIONS: dict[str, list[Row]] = {
    # --- review pages ---
    "": [page("/")],
    "search/": [page("/search/?q=bridge")],
    "review/": [page("/review/")],
    "review/bulk/": [
        Row("/review/bulk/", "GET", editors(302)),  # a stray GET goes back to the queue
        form("/review/bulk/", editors(302), lambda ids: {"claims": [ids["claim"]], "action": "confirm"}),
    ],
    # The queue's Export: the API's export views with the queue's filters, so they answer as the API does.
    "review/export.csv": [api_get("/review/export.csv?status=any&rating=false")],
    "review/export.jsonld": [api_get("/review/export.jsonld?status=any")],
    "articles/": [page("/articles/"), page("/articles/?progress=unfinished&outlet=x")],
    "articles/new/": [
        Row("/articles/new/", "GET", editors(200)),
        # The text of a stored article: the editor is sent to it, no engine run needed.
        form("/articles/new/", editors(302), lambda ids: {"text": ids["article_text"]}),
    ],
    "articles/<int:pk>/": [page("/articles/{article}/"), page("/articles/{article}/?claim={claim}")],
    "jobs/<int:pk>/": [page("/jobs/{job}/")],
    "claims/<int:pk>/": [page("/claims/{claim}/")],
    "claims/<int:pk>/review/": [
        Row("/claims/{claim}/review/", "GET", editors(405)),
        form("/claims/{claim}/review/", editors(302), lambda ids: {"version": 1, "attribution_status": "confirmed"}),
    ],
    "claims/<int:pk>/notes/": [
        Row("/claims/{claim}/notes/", "GET", editors(405)),
        form("/claims/{claim}/notes/", editors(302), lambda ids: {"body": "Checked the minutes."}),
    ],
    "claims/<int:pk>/evidence/": [
        Row("/claims/{claim}/evidence/", "GET", editors(405)),
        form("/claims/{claim}/evidence/", editors(302), lambda ids: {"url": "https://example.org/x", "kind": "other"}),
    ],
    "speakers/<int:pk>/": [page("/speakers/{speaker}/")],
    "speakers/suggest/": [page("/speakers/suggest/?q=Doe")],
    "speakers/merge/undo/": [
        Row("/speakers/merge/undo/", "GET", admins(405)),
        form("/speakers/merge/undo/", admins(302), lambda ids: {"token": "not-a-signed-record"}),  # refused, said so
    ],
    "articles/<int:pk>/claims/new/": [
        Row("/articles/{article}/claims/new/", "GET", editors(200)),
        form("/articles/{article}/claims/new/", editors(302), _new_statement),
    ],
    "claims/revert/": [
        Row("/claims/revert/", "GET", editors(405)),
        # version 1 is not behind: refused with a message, and the redirect back
        form("/claims/revert/", editors(302), lambda ids: {"revert": f"{ids['claim']}:1:2"}),
    ],
    "speakers/<int:pk>/merge/": [
        Row("/speakers/{speaker}/merge/", "GET", admins(405)),
        form("/speakers/{speaker}/merge/", admins(200), lambda ids: {"target": ids["other_speaker"]}),  # preview
        form(
            "/speakers/{speaker}/merge/",
            admins(302),
            lambda ids: {"target": ids["other_speaker"], "confirm": "yes"},
        ),
    ],
    # A speaker page's Export: the API's export views with the page's filters, answering as the API does.
    "speakers/<int:pk>/export.csv": [api_get("/speakers/{speaker}/export.csv?rating=false")],
    "speakers/<int:pk>/export.jsonld": [api_get("/speakers/{speaker}/export.jsonld")],
    "speakers/<int:pk>/aliases/": [
        Row("/speakers/{speaker}/aliases/", "GET", editors(405)),
        form("/speakers/{speaker}/aliases/", editors(302), lambda ids: {"name": "Another Name Entirely"}),
    ],
    "speakers/<int:pk>/aliases/<int:alias_pk>/remove/": [
        Row("/speakers/{speaker}/aliases/{alias}/remove/", "GET", editors(405)),
        # the world's only alias is the speaker's own name: refused with the page and a 400, nothing removed
        form("/speakers/{speaker}/aliases/{alias}/remove/", editors(400), nothing),
    ],
    "speakers/<int:pk>/split/": [
        Row("/speakers/{speaker}/split/", "GET", editors(405)),
        form(
            "/speakers/{speaker}/split/",
            editors(302),
            lambda ids: {"claims": [ids["claim"]], "target": ids["other_speaker"]},
        ),
    ],
    # --- the desk: editors assign and approve, admins switch the second check ---
    "desk/": [page("/desk/")],
    "desk/settings/": [
        Row("/desk/settings/", "GET", admins(405)),
        form("/desk/settings/", admins(302), nothing),  # second check stays off
    ],
    "articles/<int:pk>/assign/": [
        Row("/articles/{article}/assign/", "GET", editors(405)),
        form("/articles/{article}/assign/", editors(302), lambda ids: {"assignee": ""}),
    ],
    "claims/<int:pk>/desk/": [page("/claims/{claim}/desk/")],
    "claims/<int:pk>/assign/": [
        Row("/claims/{claim}/assign/", "GET", editors(405)),
        form("/claims/{claim}/assign/", editors(302), lambda ids: {"assignee": ""}),
    ],
    "claims/<int:pk>/approve/": [
        Row("/claims/{claim}/approve/", "GET", editors(405)),
        # the second check is off: refused with a message, and the redirect back
        form("/claims/{claim}/approve/", editors(302), lambda ids: {"version": 1}),
    ],
    # --- accounts (Django's views) ---
    "accounts/login/": [
        Row("/accounts/login/", "GET", everyone(200)),
        form("/accounts/login/", everyone(302), lambda ids: {"username": "viewer-1", "password": PASSWORD}),
    ],
    "accounts/logout/": [
        Row("/accounts/logout/", "GET", everyone(405)),
        form("/accounts/logout/", everyone(302), nothing),
    ],
    "accounts/password_change/": [
        page("/accounts/password_change/"),
        form(
            "/accounts/password_change/",
            signed_in(302),
            lambda ids: {
                "old_password": PASSWORD,
                "new_password1": "N3w-pass-phrase!",
                "new_password2": "N3w-pass-phrase!",
            },
        ),
    ],
    "accounts/password_change/done/": [page("/accounts/password_change/done/")],
    # --- the favicon (a redirect to the static icon): public on purpose ---
    "favicon.ico": [Row("/favicon.ico", "GET", everyone(302))],
    # --- published fact-checks: public on purpose ---
    "fact-checks/": [Row("/fact-checks/", "GET", everyone(200))],
    "fact-checks/<int:pk>/": [Row("/fact-checks/{claim}/", "GET", everyone(200))],
    "fact-checks/feed.atom": [Row("/fact-checks/feed.atom", "GET", everyone(200))],
    "fact-checks/feed.jsonld": [Row("/fact-checks/feed.jsonld", "GET", everyone(200))],
    # --- API ---
    "api/schema/": [api_get("/api/schema/", everyone(200))],
    "api/docs/": [Row("/api/docs/", "GET", everyone(200))],
    "api/v1/health/": [api_get("/api/v1/health/", everyone(200))],
    "api/v1/claims/": [
        api_get("/api/v1/claims/"),
        api_write("/api/v1/claims/", "POST", editors(201, anonymous=401), _new_statement_api),
    ],
    "api/v1/claims/export.csv": [api_get("/api/v1/claims/export.csv")],
    "api/v1/claims/export.jsonld": [api_get("/api/v1/claims/export.jsonld")],
    "api/v1/claims/<int:pk>/": [
        api_get("/api/v1/claims/{claim}/"),
        api_write(
            "/api/v1/claims/{claim}/", "PATCH", editors(200, anonymous=401), lambda ids: {"rating_explanation": "x"}
        ),
    ],
    "api/v1/claims/<int:pk>/notes/": [
        api_get("/api/v1/claims/{claim}/notes/"),
        api_write("/api/v1/claims/{claim}/notes/", "POST", editors(201, anonymous=401), lambda ids: {"body": "x"}),
    ],
    "api/v1/claims/<int:pk>/notes/<int:note_id>/": [api_get("/api/v1/claims/{claim}/notes/{note}/")],
    "api/v1/claims/<int:pk>/evidence/<int:evidence_id>/": [api_get("/api/v1/claims/{claim}/evidence/{evidence}/")],
    "api/v1/claims/<int:pk>/evidence/": [
        api_get("/api/v1/claims/{claim}/evidence/"),
        api_write(
            "/api/v1/claims/{claim}/evidence/",
            "POST",
            editors(201, anonymous=401),
            lambda ids: {"url": "https://example.org/e"},
        ),
    ],
    "api/v1/claims/<int:pk>/claimreview/": [api_get("/api/v1/claims/{claim}/claimreview/")],
    "api/v1/claims/<int:pk>/assign/": [
        api_write("/api/v1/claims/{claim}/assign/", "POST", editors(200, anonymous=401), lambda ids: {"assignee": None})
    ],
    # Editors pass the permission check and meet the precondition: an approval names the ETag, not "<id>-<version>".
    "api/v1/claims/<int:pk>/approve/": [
        api_write("/api/v1/claims/{claim}/approve/", "POST", editors(412, anonymous=401), nothing)
    ],
    "api/v1/articles/": [
        api_get("/api/v1/articles/"),
        # Already stored: 202 with a job already done that points to it, without running the engine.
        api_write("/api/v1/articles/", "POST", editors(202, anonymous=401), lambda ids: {"text": ids["article_text"]}),
    ],
    "api/v1/articles/<int:pk>/": [api_get("/api/v1/articles/{article}/")],
    "api/v1/articles/<int:pk>/assign/": [
        api_write(
            "/api/v1/articles/{article}/assign/", "POST", editors(200, anonymous=401), lambda ids: {"assignee": None}
        )
    ],
    "api/v1/jobs/": [api_get("/api/v1/jobs/")],
    "api/v1/jobs/<int:pk>/": [api_get("/api/v1/jobs/{job}/")],
    "api/v1/speakers/": [api_get("/api/v1/speakers/")],
    "api/v1/speakers/<int:pk>/": [api_get("/api/v1/speakers/{speaker}/")],
    "api/v1/speakers/<int:pk>/merge/": [
        api_write(
            "/api/v1/speakers/{speaker}/merge/",
            "POST",
            admins(200, anonymous=401),
            lambda ids: {"into": ids["other_speaker"]},
        )
    ],
    "api/v1/speakers/<int:pk>/split/": [
        api_write(
            "/api/v1/speakers/{speaker}/split/",
            "POST",
            editors(200, anonymous=401),
            lambda ids: {"claims": [ids["claim"]], "into": ids["other_speaker"]},
        )
    ],
    "api/v1/events/": [api_get("/api/v1/events/")],
    # Webhooks: admins only, reads included (a subscription names a receiver and its log shows its answers).
    "api/v1/webhooks/": [
        api_get("/api/v1/webhooks/", admins(200, anonymous=401)),
        api_write("/api/v1/webhooks/", "POST", admins(201, anonymous=401), lambda ids: {"url": PUBLIC_HOOK_URL}),
    ],
    "api/v1/webhooks/<int:pk>/": [
        api_get("/api/v1/webhooks/{webhook}/", admins(200, anonymous=401)),
        api_write("/api/v1/webhooks/{webhook}/", "PATCH", admins(200, anonymous=401), lambda ids: {"active": False}),
    ],
    "api/v1/webhooks/<int:pk>/deliveries/": [
        api_get("/api/v1/webhooks/{webhook}/deliveries/", admins(200, anonymous=401))
    ],
    "api/v1/webhooks/deliveries/<int:pk>/replay/": [
        api_write("/api/v1/webhooks/deliveries/{delivery}/replay/", "POST", admins(202, anonymous=401), nothing)
    ],
    # Unknown API addresses: the same JSON 404 for everyone, whatever the method.
    "api/v1/": [
        api_get("/api/v1/nothing-here/", everyone(404)),
        api_write("/api/v1/nothing/", "POST", everyone(404), nothing),
    ],
}


# --- the admin site -------------------------------------------------------------------------

# What an admin gets from each admin view with an empty body; everyone else is sent to the admin login.
ADMIN_SITE_VIEWS: dict[str, tuple[str, Expected, Expected]] = {
    # route: (path, GET, POST)
    "admin/": ("/admin/", 200, 200),
    "admin/login/": ("/admin/login/", 302, 200),
    "admin/logout/": ("/admin/logout/", 405, 302),
    "admin/password_change/": ("/admin/password_change/", 200, 200),
    "admin/password_change/done/": ("/admin/password_change/done/", 200, 405),
    "admin/autocomplete/": ("/admin/autocomplete/", 403, 405),  # 403: no model named in the query
    "admin/jsi18n/": ("/admin/jsi18n/", 200, 405),
    "admin/r/<path:content_type_id>/<path:object_id>/": ("/admin/r/{claim_ct}/{claim}/", 404, 404),  # no public URL
    "admin/(?P<app_label>auth|claims|ingestion|api|webhooks)/$": ("/admin/claims/", 200, 200),
    "admin/(?P<url>.*)$": ("/admin/no-such-page/", 404, 404),
}
# Admin views that differ for non-admins from "redirect to the admin login".
ADMIN_SITE_PUBLIC: dict[str, dict[str, Expected]] = {
    "admin/login/": {"GET": 200, "POST": 200},  # the form (with errors for an empty POST)
    "admin/logout/": {"GET": 302, "POST": 302},  # nothing to log out of; no data either way
}
# The append-only history: admins may look, never add, change or delete.
READ_ONLY_ADMIN = {"claims/claimevent/"}
# API tokens: a key exists only when the command issues it, so the admin may list and revoke, never add or edit.
# Webhook deliveries come from events: the admin may read their log, replay and delete them, never add or edit.
REVOKE_ONLY_ADMIN = {"api/apitoken/", "webhooks/webhookdelivery/"}


def _admin_object_ids(ids: dict[str, Any]) -> dict[str, Any]:
    return {
        "auth/group/": ids["group"],
        "auth/user/": ids["user"],
        "api/apitoken/": ids["token"],
        "claims/speaker/": ids["speaker"],
        "claims/article/": ids["article"],
        "claims/claim/": ids["claim"],
        "claims/claimevent/": ids["event"],
        "claims/note/": ids["note"],
        "claims/evidence/": ids["evidence"],
        "ingestion/ingestionjob/": ids["job"],
        "webhooks/webhooksubscription/": ids["webhook"],
        "webhooks/webhookdelivery/": ids["delivery"],
    }


def _admin_role_rows(route: str, path: str, get: Expected, post: Expected) -> list[Row]:
    rows = []
    for method, status in (("GET", get), ("POST", post)):
        others = ADMIN_SITE_PUBLIC.get(route, {}).get(method, ADMIN_LOGIN)
        expect = {"anonymous": others, "viewer": others, "editor": others, "admin": status}
        rows.append(Row(path, method, expect, nothing if method == "POST" else None))
    return rows


def admin_rows() -> dict[str, list[Row]]:
    rows = {route: _admin_role_rows(route, *spec) for route, spec in ADMIN_SITE_VIEWS.items()}
    for model in admin.site._registry:
        base = f"{model._meta.app_label}/{model._meta.model_name}/"
        locked = base in READ_ONLY_ADMIN
        frozen = locked or base in REVOKE_ONLY_ADMIN
        obj = "{obj:" + base + "}"
        views = {
            "": (200, 200),
            "add/": (403, 403) if frozen else (200, 200),
            "<path:object_id>/history/": (200, 200),
            "<path:object_id>/delete/": (403, 403) if locked else (200, 200),
            "<path:object_id>/change/": (200, 403) if frozen else (200, 200),
            "<path:object_id>/": (302, 302),  # the old address of the change page
        }
        for suffix, (get, post) in views.items():
            route = f"admin/{base}{suffix}"
            rows[route] = _admin_role_rows(route, "/" + route.replace("<path:object_id>", obj), get, post)
    user_password = "admin/auth/user/<id>/password/"
    rows[user_password] = _admin_role_rows(user_password, "/admin/auth/user/{user}/password/", 200, 200)
    return rows


ALL_ROWS: dict[str, list[Row]] = {**PERMISSIONS, **admin_rows()}


# --- the URLconf ----------------------------------------------------------------------------


def url_routes(resolver: URLResolver | None = None, prefix: str = "") -> Iterator[str]:
    """Every endpoint route, joined the way Django reports ``ResolverMatch.route``."""
    for pattern in (resolver or get_resolver()).url_patterns:
        route = URLResolver._join_route(prefix, str(pattern.pattern))
        if isinstance(pattern, URLResolver):
            yield from url_routes(pattern, route)
        else:
            yield route


def fill(path: str, ids: dict[str, Any]) -> str:
    for base, pk in _admin_object_ids(ids).items():
        path = path.replace("{obj:" + base + "}", str(pk))
    assert "{obj:" not in path, f"{path}: a newly registered admin model needs an object in _admin_object_ids"
    return path.format(**ids)


def test_every_url_pattern_has_a_row_in_the_permission_table():
    routes = set(url_routes())
    missing = sorted(routes - set(ALL_ROWS))
    assert not missing, f"URLs without a permission row (add them to PERMISSIONS): {missing}"
    assert not sorted(set(ALL_ROWS) - routes), "rows for URLs that no longer exist"


def test_every_row_requests_the_url_it_is_the_row_of(world):
    ids = _ids(world)
    for route, rows in ALL_ROWS.items():
        for row in rows:
            path = fill(row.path, ids).split("?")[0]
            assert resolve(path).route == route, (route, path)


# --- trying each row as each role -------------------------------------------------------------


def _ids(world: World) -> dict[str, Any]:
    return {**world.ids(), "article_text": world.article.text}


def _client(world: World, role: str, token: bool) -> Client:
    client = Client()
    user = world.users.get(role)
    if user is not None:
        if token:
            key = api_token_issue(user=user)
            client.defaults["HTTP_AUTHORIZATION"] = f"Token {key}"
        else:
            client.force_login(user)
    return client


def _send(client: Client, row: Row, ids: dict[str, Any]) -> Any:
    path = fill(row.path, ids)
    headers = {k: v.format(**ids) for k, v in row.headers.items()}
    method = getattr(client, row.method.lower())
    if row.method == "GET":
        return method(path, **headers)
    body = row.body(ids) if row.body else {}
    if row.api:
        return method(path, json.dumps(body), content_type="application/json", **headers)
    return method(path, body, **headers)


def _check(response: Any, expected: Expected, path: str) -> str | None:
    location = response.get("Location", "")
    if expected == LOGIN:
        ok = response.status_code == 302 and location == f"/accounts/login/?next={quote(path)}"
    elif expected == ADMIN_LOGIN:
        ok = response.status_code == 302 and location.startswith("/admin/login/?next=")
    else:
        ok = response.status_code == expected and not location.startswith(("/accounts/login/?", "/admin/login/?"))
    return None if ok else f"expected {expected}, got {response.status_code} {location}".strip()


def _try(world: World, row: Row, role: str, token: bool = False) -> str | None:
    ids = _ids(world)
    client = _client(world, role, token)
    with transaction.atomic():
        before = snapshot()
        response = _send(client, row, ids)
        changed = snapshot() != before
        transaction.set_rollback(True)  # the next role starts from the same data
    problem = _check(response, row.expect[role], fill(row.path, ids))
    refused = row.expect[role] in (LOGIN, ADMIN_LOGIN, 401, 403, 404, 405)
    if problem is None and changed and refused:
        # A refused or redirected-to-login request must not have touched anything.
        problem = "refused, yet the data changed"
    if problem is None and changed and row.method == "GET":
        problem = "a GET changed stored data"
    return None if problem is None else f"{role}{' (token)' if token else ''} {row.method} {row.path}: {problem}"


@pytest.mark.parametrize("route", sorted(PERMISSIONS), ids=lambda r: r or "dashboard")
def test_app_and_api_urls_answer_each_role_as_the_table_says(world, route):
    problems = [_try(world, row, role) for row in PERMISSIONS[route] for role in ROLES]
    # API clients usually sign in with a token: the same table holds for them.
    problems += [_try(world, row, role, token=True) for row in PERMISSIONS[route] if row.api for role in ROLES[1:]]
    assert [p for p in problems if p] == []


def test_admin_site_answers_each_role_as_the_table_says(world):
    admin_only = {route: rows for route, rows in ALL_ROWS.items() if route not in PERMISSIONS}
    problems = [_try(world, row, role) for rows in admin_only.values() for row in rows for role in ROLES]
    assert [p for p in problems if p] == []


def test_refused_changes_leave_no_trace(world):
    """The table's 403s and login redirects on writes, checked once more against a full snapshot."""
    before = snapshot()
    for route in PERMISSIONS:
        for row in PERMISSIONS[route]:
            if row.method == "GET":
                continue
            for role in ("anonymous", "viewer"):
                if row.expect[role] in (LOGIN, 401, 403):
                    _send(_client(world, role, False), row, _ids(world))
    assert snapshot() == before


def test_anonymous_read_setting_opens_api_reads_only(world, settings):
    settings.NEWSCLAIMS_ANONYMOUS_READ = True
    ids = _ids(world)
    for route, rows in PERMISSIONS.items():
        for row in rows:
            response = _send(Client(), row, ids)
            if row.api and row.method == "GET" and row.expect["viewer"] == 403:
                assert response.status_code in (401, 403), row.path  # admins' reads stay closed
            elif row.api and row.method == "GET":
                assert response.status_code == (404 if route == "api/v1/" else 200), row.path
            elif row.api:
                assert response.status_code in (401, 404), row.path
            elif row.expect["anonymous"] == LOGIN:
                # The review pages stay private: the setting is about the API.
                assert _check(response, LOGIN, fill(row.path, ids)) is None, row.path
