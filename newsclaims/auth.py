"""Login throttling: after repeated failures for one account or one address, password logins pause."""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest


def _keys(request: HttpRequest | None, username: str | None) -> list[str]:
    keys = []
    if username:
        keys.append("login-fail:user:" + hashlib.sha256(username.casefold().encode()).hexdigest())
    if request is not None:
        keys.append("login-fail:ip:" + (request.META.get("REMOTE_ADDR") or "unknown"))
    return keys


def login_is_throttled(request: HttpRequest | None, username: str | None) -> bool:
    limit = settings.NEWSCLAIMS_LOGIN_MAX_FAILURES
    return any((cache.get(key) or 0) >= limit for key in _keys(request, username))


def record_login_failure(request: HttpRequest | None, username: str | None) -> None:
    for key in _keys(request, username):
        cache.add(key, 0, settings.NEWSCLAIMS_LOGIN_LOCKOUT_SECONDS)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, settings.NEWSCLAIMS_LOGIN_LOCKOUT_SECONDS)


def clear_login_failures(request: HttpRequest | None, username: str | None) -> None:
    cache.delete_many(_keys(request, username)[:1])


class ThrottledModelBackend(ModelBackend):
    """ModelBackend that refuses to check passwords while an account or address is locked out.

    Refusal raises PermissionDenied, which makes django.contrib.auth.authenticate stop and
    report a failed login without even hashing the guess.
    """

    def authenticate(
        self, request: HttpRequest | None, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> Any:
        if username is None:
            username = kwargs.get("username")
        if login_is_throttled(request, username):
            raise PermissionDenied("Too many failed logins; try again later.")
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            record_login_failure(request, username)
        else:
            clear_login_failures(request, username)
        return user
