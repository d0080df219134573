"""Login lockout behind a proxy: an attacker pauses only their own attempts, never other people's."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test import Client, RequestFactory, override_settings

from newsclaims.auth import ThrottledModelBackend, account_delay
from newsclaims.client_address import client_address
from tests.requires import need_redis
from tests.security.conftest import PASSWORD

PROXY = "10.0.0.2"
LOGIN = "/accounts/login/"


def via_proxy(client_ip: str, forged: str = "") -> Client:
    """A browser at ``client_ip`` behind our one nginx, which appends the address it saw to X-Forwarded-For."""
    forwarded = f"{forged}, {client_ip}" if forged else client_ip
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)


def logs_in(client: Client, username: str, password: str = PASSWORD) -> bool:
    return client.post(LOGIN, {"username": username, "password": password}).status_code == 302


@pytest.fixture
def behind_one_proxy(settings):
    settings.NUM_PROXIES = 1
    settings.NEWSCLAIMS_LOGIN_MAX_FAILURES = 3
    settings.NEWSCLAIMS_LOGIN_MAX_FAILURES_PER_ADDRESS = 6
    return settings


def test_client_address_believes_only_the_entries_our_proxies_added(settings):
    meta = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "198.51.100.1, 203.0.113.5"}
    settings.NUM_PROXIES = 0
    assert client_address(meta) == PROXY
    settings.NUM_PROXIES = 1
    assert client_address(meta) == "203.0.113.5"
    settings.NUM_PROXIES = 2
    assert client_address(meta) == "198.51.100.1"
    assert client_address({**meta, "HTTP_X_FORWARDED_FOR": "not-an-address"}) == PROXY


@pytest.mark.django_db
def test_an_attacker_behind_the_proxy_cannot_lock_out_other_users(behind_one_proxy, editor, admin_user):
    attacker = via_proxy("203.0.113.66")
    for n in range(20):
        attacker.post(LOGIN, {"username": f"guess{n}", "password": "guess"})
    for _ in range(5):
        attacker.post(LOGIN, {"username": editor.username, "password": "guess"})
        attacker.post(LOGIN, {"username": admin_user.username, "password": "guess"})
    assert not logs_in(attacker, editor.username)  # the attacker's own address is paused
    assert logs_in(via_proxy("198.51.100.7"), editor.username)
    assert logs_in(via_proxy("198.51.100.8"), admin_user.username)


@pytest.mark.django_db
def test_a_forged_forwarded_for_does_not_escape_the_address_limit(behind_one_proxy, editor):
    for n in range(10):
        via_proxy("203.0.113.66", forged=f"192.0.2.{n}").post(LOGIN, {"username": f"guess{n}", "password": "x"})
    response = via_proxy("203.0.113.66", forged="192.0.2.200").post(
        LOGIN, {"username": editor.username, "password": PASSWORD}
    )
    assert response.status_code == 200 and "Too many failed logins" in response.content.decode()


@pytest.mark.django_db
def test_failures_spread_over_addresses_delay_the_account_and_never_lock_it(behind_one_proxy, editor):
    behind_one_proxy.NEWSCLAIMS_LOGIN_ACCOUNT_DELAY_AFTER = 3
    behind_one_proxy.NEWSCLAIMS_LOGIN_ACCOUNT_DELAY_MAX_SECONDS = 1
    assert [account_delay(n) for n in (2, 3, 4, 9)] == [0, 1, 1, 1]
    for n in range(3):
        via_proxy(f"203.0.113.{n + 1}").post(LOGIN, {"username": editor.username, "password": "guess"})
    owner = via_proxy("198.51.100.7")
    refused = owner.post(LOGIN, {"username": editor.username, "password": PASSWORD})
    assert refused.status_code == 200 and "Wait a moment" in refused.content.decode()
    time.sleep(1.1)
    assert logs_in(owner, editor.username)


def test_the_account_delay_doubles_up_to_its_cap(settings):
    settings.NEWSCLAIMS_LOGIN_ACCOUNT_DELAY_AFTER = 10
    settings.NEWSCLAIMS_LOGIN_ACCOUNT_DELAY_MAX_SECONDS = 60
    assert [account_delay(n) for n in (9, 10, 11, 12, 15, 16, 40)] == [0, 1, 2, 4, 32, 60, 60]


@contextmanager
def _redis_cache() -> Iterator[None]:
    location = need_redis()
    prefix = f"newsclaims-lockout-test-{uuid.uuid4().hex}"
    caches = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": location}}
    caches["default"]["KEY_PREFIX"] = prefix
    with override_settings(CACHES=caches):
        from django.core.cache import cache

        try:
            yield
        finally:
            client = cache._cache.get_client(write=True)  # type: ignore[attr-defined]
            for key in client.scan_iter(f"{prefix}:*"):
                client.delete(key)


@contextmanager
def _django_test_cache() -> Iterator[None]:
    yield


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("cache_under_test", [_django_test_cache, _redis_cache], ids=["test-cache", "redis"])
def test_parallel_attempts_check_no_more_passwords_than_the_limit(settings, cache_under_test):
    settings.NEWSCLAIMS_LOGIN_MAX_FAILURES = 5
    with cache_under_test():
        attempts, checked, refused = 16, [], []
        start = threading.Barrier(attempts)
        request = RequestFactory().post(LOGIN, REMOTE_ADDR="203.0.113.9")

        def attempt() -> None:
            start.wait()
            try:
                ThrottledModelBackend().authenticate(request, username="somebody", password="guess")
                checked.append(1)
            except PermissionDenied:
                refused.append(1)
            finally:
                connection.close()

        threads = [threading.Thread(target=attempt) for _ in range(attempts)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        assert (len(checked), len(refused)) == (5, 11)


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["/accounts/password_change/", "/admin/password_change/"])
def test_the_password_change_forms_are_throttled_like_the_login(settings, admin_user, page):
    settings.NEWSCLAIMS_LOGIN_MAX_FAILURES = 3
    client = Client()
    client.force_login(admin_user)
    new = {"new_password1": "a-new-long-passphrase-9", "new_password2": "a-new-long-passphrase-9"}
    for _ in range(3):
        assert client.post(page, {"old_password": "guess", **new}).status_code == 200
    response = client.post(page, {"old_password": PASSWORD, **new})
    assert response.status_code == 200 and "Too many failed logins" in response.content.decode()
    admin_user.refresh_from_db()
    assert admin_user.check_password(PASSWORD)
    # The same limit guards the login: the guesses above count there too.
    assert not logs_in(Client(), admin_user.username)


@pytest.mark.django_db
def test_the_anonymous_api_throttle_ignores_a_rotated_forwarded_for(settings, claim):
    settings.NEWSCLAIMS_ANONYMOUS_READ = True
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "3/minute", "user": "9/minute"},
    }
    client = Client(REMOTE_ADDR="203.0.113.9")
    statuses = [client.get("/api/v1/claims/", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}").status_code for n in range(5)]
    assert statuses == [200, 200, 200, 429, 429]
    # Behind one proxy, the proxy's own entry identifies the client; what the client prepends does not.
    settings.NUM_PROXIES = 1
    proxied = Client(REMOTE_ADDR=PROXY)
    statuses = [
        proxied.get("/api/v1/claims/", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 198.51.100.3").status_code for n in range(4)
    ]
    assert statuses == [200, 200, 200, 429]
    assert proxied.get("/api/v1/claims/", HTTP_X_FORWARDED_FOR="198.51.100.4").status_code == 200
