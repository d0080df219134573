"""CSRF: every state-changing form and every session-authenticated API write needs the token.

The requests are the write rows of the permission table, so a new form added there is covered here too.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client

from tests.security.conftest import World, snapshot
from tests.security.test_authorisation_matrix import LOGIN, PERMISSIONS, Row, _ids, _send

# The API's catch-all 404 changes nothing and needs no token; every other write does.
NO_STATE = {"api/v1/"}


def _writes() -> list[tuple[str, Row, str]]:
    cases = []
    for route, rows in PERMISSIONS.items():
        for row in rows:
            if row.method == "GET" or route in NO_STATE:
                continue
            # The least privileged role the table lets through (public forms: a signed-in viewer).
            role = next(r for r in ("viewer", "editor", "admin") if row.expect[r] not in (LOGIN, 401, 403))
            cases.append((route, row, role))
    return cases


WRITES = _writes()


def _state() -> dict[str, Any]:
    return {**snapshot(), "passwords": sorted(get_user_model().objects.values_list("pk", "password"))}


def _client(world: World, role: str) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users[role])
    return client


def _token(client: Client) -> str:
    client.get("/accounts/login/")  # any page with a form sets the cookie
    return client.cookies["csrftoken"].value


@pytest.mark.parametrize(("route", "row", "role"), WRITES, ids=[f"{r[1].method} {r[1].path}" for r in WRITES])
def test_a_write_without_the_csrf_token_is_refused_and_stores_nothing(world, route, row, role):
    client = _client(world, role)
    before = _state()
    response = _send(client, row, _ids(world))
    assert response.status_code == 403, response.content[:300]
    body = response.content.decode()
    assert "CSRF" in (response.json()["error"]["message"] if row.api else body)
    assert _state() == before
    # Still signed in: a forged logout must not end the session either.
    assert "_auth_user_id" in client.session


@pytest.mark.parametrize(("route", "row", "role"), WRITES, ids=[f"{r[1].method} {r[1].path}" for r in WRITES])
def test_the_same_write_with_the_token_goes_through(world, route, row, role):
    client = _client(world, role)
    token = _token(client)
    ids = _ids(world)
    with transaction.atomic():
        row_with_token = Row(
            row.path,
            row.method,
            row.expect,
            _with_token(row, token),
            row.api,
            {**row.headers, "HTTP_X_CSRFTOKEN": token},
        )
        response = _send(client, row_with_token, ids)
        transaction.set_rollback(True)
    assert response.status_code == row.expect[role], response.content[:300]


def _with_token(row: Row, token: str) -> Any:
    if row.api or row.body is None:
        return row.body
    body = row.body
    return lambda ids: {**body(ids), "csrfmiddlewaretoken": token}


def test_a_token_from_another_session_does_not_count(world):
    stranger = Client(enforce_csrf_checks=True)
    stolen = _token(stranger)
    client = _client(world, "editor")
    assert _token(client) != stolen  # the editor has a CSRF cookie of their own
    before = _state()
    response = client.post(
        f"/claims/{world.claim.pk}/notes/", {"body": "forged", "csrfmiddlewaretoken": stolen}, HTTP_X_CSRFTOKEN=stolen
    )
    assert response.status_code == 403 and _state() == before
