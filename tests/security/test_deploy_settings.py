import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import path

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "x" * 20 + "a-long-random-production-secret-key-0123456789",
    "DJANGO_ALLOWED_HOSTS": "claims.example.org",
    "DJANGO_SSL_REDIRECT": "1",
    "DJANGO_HSTS_SECONDS": "31536000",
    "DJANGO_HSTS_INCLUDE_SUBDOMAINS": "1",
    "DJANGO_HSTS_PRELOAD": "1",
    "DATABASE_URL": "postgres://newsclaims@127.0.0.1:5432/newsclaims",
}


def test_check_deploy_passes_with_production_settings():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={**env, **PRODUCTION_ENV, "DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


# Only the app's own files may run or style anything; nothing inline.
POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def directives(header: str) -> dict[str, str]:
    """A Content-Security-Policy header as {directive: sources} (django-csp does not keep one order)."""
    return dict(part.strip().split(" ", 1) for part in header.split(";"))


@pytest.mark.django_db
def test_every_page_carries_the_security_headers(client):
    response = client.get("/accounts/login/")
    assert directives(response["Content-Security-Policy"]) == POLICY
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert response["Permissions-Policy"] == "camera=(), microphone=(), geolocation=()"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_session_cookie_is_httponly(client, editor):
    # Secure is the DEBUG=0 default: checked in a fresh process by the next test.
    response = client.post("/accounts/login/", {"username": editor.username, "password": "pw-for-tests"})
    assert response.cookies["sessionid"]["httponly"]


def test_secure_cookies_default_on_when_debug_is_off():
    code = (
        "import config.settings as s; print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY)"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**env, "DJANGO_SECRET_KEY": "k" * 40 + "0123456789"},
        capture_output=True,
        text=True,
    )
    assert result.stdout.split() == ["True", "True", "True"], result.stderr


@pytest.mark.django_db
def test_login_is_refused_after_repeated_failures_even_with_the_right_password(editor, settings):
    settings.NEWSCLAIMS_LOGIN_MAX_FAILURES = 3
    client = Client()
    for _ in range(3):
        client.post("/accounts/login/", {"username": editor.username, "password": "wrong"})
    response = client.post("/accounts/login/", {"username": editor.username, "password": "pw-for-tests"})
    assert response.status_code == 200  # the form again, not the redirect of a successful login
    assert "Too many failed logins" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_many_failures_from_one_address_lock_it_out_for_every_account(editor, settings):
    settings.NEWSCLAIMS_LOGIN_MAX_FAILURES_PER_ADDRESS = 4
    client = Client()
    for n in range(4):
        client.post("/accounts/login/", {"username": f"someone{n}", "password": "guess"})
    response = client.post("/accounts/login/", {"username": editor.username, "password": "pw-for-tests"})
    assert "Too many failed logins" in response.content.decode()
    assert "_auth_user_id" not in client.session
    elsewhere = Client(REMOTE_ADDR="192.0.2.7")
    assert (
        elsewhere.post("/accounts/login/", {"username": editor.username, "password": "pw-for-tests"}).status_code == 302
    )


@pytest.mark.django_db
def test_a_successful_login_before_the_limit_clears_the_failures(editor, settings):
    settings.NEWSCLAIMS_LOGIN_MAX_FAILURES = 3
    client = Client()
    for _ in range(2):
        client.post("/accounts/login/", {"username": editor.username, "password": "wrong"})
    assert client.post("/accounts/login/", {"username": editor.username, "password": "pw-for-tests"}).status_code == 302
    client.logout()
    # Two more failures: four in all, over the limit unless the successful login reset the count.
    for _ in range(2):
        client.post("/accounts/login/", {"username": editor.username, "password": "wrong"})
    assert client.post("/accounts/login/", {"username": editor.username, "password": "pw-for-tests"}).status_code == 302


def _lost_database(request):
    raise OperationalError("server closed the connection unexpectedly")


def _bug(request):
    raise RuntimeError("a bug")


urlpatterns = [
    path("api/v1/boom/", _lost_database),
    path("boom/", _lost_database),
    path("api/v1/bug/", _bug),
]
handler500 = "newsclaims.middleware.server_error"


@pytest.mark.urls("tests.security.test_deploy_settings")
def test_a_bug_under_the_api_answers_500_in_the_api_error_shape():
    response = Client(raise_request_exception=False).get("/api/v1/bug/")
    assert response.status_code == 500
    assert response.json() == {
        "error": {"status": 500, "code": "server_error", "message": "Internal server error.", "detail": None}
    }


@pytest.mark.urls("tests.security.test_deploy_settings")
def test_a_lost_database_answers_503_with_a_message_not_a_stack_trace(client):
    api = client.get("/api/v1/boom/")
    assert api.status_code == 503
    error = api.json()["error"]
    assert "database is unavailable" in error["message"]
    # The API's one error shape, though no API code ran.
    assert error == {"status": 503, "code": "service_unavailable", "message": error["message"], "detail": None}
    assert api["Retry-After"] == "5"
    page = client.get("/boom/")
    assert page.status_code == 503
    assert b"try again" in page.content and b"Traceback" not in page.content


@pytest.mark.parametrize("key", ["short-key", "x" * 60, "django-insecure-" + "abcdefghij" * 5])
def test_production_settings_refuse_a_short_or_simple_secret_key(key):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    result = subprocess.run(
        [sys.executable, "-c", "import config.settings"],
        cwd=ROOT,
        env={**env, "DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": key},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0 and "DJANGO_SECRET_KEY is too short or too simple" in result.stderr
    debug = subprocess.run(
        [sys.executable, "-c", "import config.settings"],
        cwd=ROOT,
        env={**env, "DJANGO_DEBUG": "1", "DJANGO_SECRET_KEY": key},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert debug.returncode == 0, debug.stderr  # a laptop may use any key
