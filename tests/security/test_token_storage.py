"""API tokens are stored as digests: neither a database read nor the admin shows a key that works."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from rest_framework.test import APIClient

from newsclaims.api.models import ApiToken
from newsclaims.api.tokens import token_digest

pytestmark = pytest.mark.django_db


def _issue(username: str) -> str:
    out = io.StringIO()
    call_command("api_token", username, stdout=out, stderr=io.StringIO())
    return out.getvalue().strip()


def test_the_database_holds_no_usable_key(viewer):
    key = _issue(viewer.username)
    table = ApiToken._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
        rows = cursor.fetchall()
    assert rows and not any(key in str(value) for row in rows for value in row)
    assert ApiToken.objects.get(user=viewer).digest == token_digest(key)
    # Whatever a database read gives an attacker does not authenticate.
    client = APIClient()
    for row in rows:
        for value in row:
            client.credentials(HTTP_AUTHORIZATION=f"Token {value}")
            assert client.get("/api/v1/claims/").status_code == 401
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/v1/claims/").status_code == 200


def test_the_admin_lists_tokens_by_prefix_and_never_shows_a_key(admin_user, viewer):
    key = _issue(viewer.username)
    token = ApiToken.objects.get(user=viewer)
    client = Client()
    client.force_login(admin_user)
    listing = client.get("/admin/api/apitoken/")
    detail = client.get(f"/admin/api/apitoken/{token.pk}/change/")
    for response in (listing, detail):
        assert response.status_code == 200
        assert key not in response.content.decode() and token.digest not in response.content.decode()
    assert key[:8] in listing.content.decode()
    assert client.get("/admin/api/apitoken/add/").status_code == 403  # keys are issued by the command only
    assert client.post(f"/admin/api/apitoken/{token.pk}/delete/", {"post": "yes"}).status_code == 302
    assert not ApiToken.objects.exists()


def test_drf_tokens_stored_in_clear_are_adopted_and_erased(viewer):
    import importlib

    from django.apps import apps as global_apps

    migration = importlib.import_module("newsclaims.api.migrations.0002_api_token")
    old_key = "0123456789abcdef0123456789abcdef01234567"
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY, created timestamp with time zone, user_id "
            "integer)"
            if connection.vendor == "postgresql"
            else "CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY, created datetime, user_id integer)"
        )
        cursor.execute(
            "INSERT INTO authtoken_token (key, created, user_id) VALUES (%s, %s, %s)",
            [old_key, "2024-01-02 03:04:05+00:00", viewer.pk],
        )
    migration.adopt(global_apps, connection)
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM authtoken_token")
        assert cursor.fetchone() == (0,)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {old_key}")
    assert client.get("/api/v1/claims/").status_code == 200
