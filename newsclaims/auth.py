"""Login throttling: after repeated failures for one account or one address, password logins pause."""

from __future__ import annotations

import hashlib
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.forms import AuthenticationForm
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest


def _keys(request: HttpRequest | None, username: str | None) -> list[tuple[str, int]]:
    """Cache keys with their limits: one per account, and a looser one per address, since a
    newsroom's editors often share one address and one typo-prone colleague must not lock out all."""
    keys = []
    if username:
        digest = hashlib.sha256(username.casefold().encode()).hexdigest()
        keys.append(("login-fail:user:" + digest, settings.NEWSCLAIMS_LOGIN_MAX_FAILURES))
    if request is not None:
        address = request.META.get("REMOTE_ADDR") or "unknown"
        keys.append(("login-fail:ip:" + address, settings.NEWSCLAIMS_LOGIN_MAX_FAILURES_PER_ADDRESS))
    return keys


def login_is_throttled(request: HttpRequest | None, username: str | None) -> bool:
    return any((cache.get(key) or 0) >= limit for key, limit in _keys(request, username))


def record_login_failure(request: HttpRequest | None, username: str | None) -> None:
    for key, _limit in _keys(request, username):
        cache.add(key, 0, settings.NEWSCLAIMS_LOGIN_LOCKOUT_SECONDS)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, settings.NEWSCLAIMS_LOGIN_LOCKOUT_SECONDS)


def clear_login_failures(request: HttpRequest | None, username: str | None) -> None:
    cache.delete_many([key for key, _limit in _keys(request, username)[:1]])


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


class ThrottleAwareAuthenticationForm(AuthenticationForm):
    """Says plainly that logins are paused, instead of a misleading 'wrong password'."""

    def clean(self) -> dict[str, Any]:
        if login_is_throttled(self.request, self.cleaned_data.get("username")):
            minutes = max(1, settings.NEWSCLAIMS_LOGIN_LOCKOUT_SECONDS // 60)
            raise forms.ValidationError(
                f"Too many failed logins. Logins for this account are paused; try again in {minutes} minutes.",
                code="throttled",
            )
        return super().clean()
