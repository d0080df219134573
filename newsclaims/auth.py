"""Password-guess throttling for the login form, the password-change forms and anything else that checks a password.

Three counters, each chosen so that an attacker cannot use it to lock out someone else:

- account *and* client address: a hard pause after NEWSCLAIMS_LOGIN_MAX_FAILURES attempts without a success.
  Only the guesser's own address is paused for that account; the owner signs in from elsewhere.
- client address alone: a hard pause after NEWSCLAIMS_LOGIN_MAX_FAILURES_PER_ADDRESS failures, whatever the
  usernames. The address is the real client's (newsclaims.client_address, NUM_PROXIES), never the proxy's, so
  a newsroom behind one proxy is not paused as a whole.
- account alone: no hard lock (anyone could trigger it); past NEWSCLAIMS_LOGIN_ACCOUNT_DELAY_AFTER failures from
  any addresses, one attempt per delay window, the window doubling with each failure up to a cap. This slows a
  guesser spread over many addresses without letting one address shut the owner out.

Counters are reserved with the cache's atomic ``incr`` *before* the password is checked, so parallel attempts
cannot all slip under a limit (16 parallel guesses against a limit of 5 check exactly 5 passwords).
"""

from __future__ import annotations

import contextlib
import hashlib
from dataclasses import dataclass
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminPasswordChangeForm
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.contrib.auth.views import PasswordChangeView
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from newsclaims.client_address import client_address


def _digest(username: str) -> str:
    return hashlib.sha256(username.casefold().encode()).hexdigest()


@dataclass(frozen=True)
class _Keys:
    pair: str | None  # account + address
    address: str | None
    account: str | None  # failures of the account, from anywhere
    gate: str | None  # present while the account's delay window is open


def _keys(request: HttpRequest | None, username: str | None) -> _Keys:
    address = client_address(request.META) if request is not None else None
    account = _digest(username) if username else None
    return _Keys(
        pair=f"login:pair:{account}:{address}" if account and address else None,
        address=f"login:addr:{address}" if address else None,
        account=f"login:acct:{account}" if account else None,
        gate=f"login:gate:{account}" if account else None,
    )


def _lockout() -> int:
    return int(settings.NEWSCLAIMS_LOGIN_LOCKOUT_SECONDS)


def account_delay(failures: int) -> int:
    """Seconds between attempts on an account with ``failures`` recent failures (0: no delay)."""
    start = int(settings.NEWSCLAIMS_LOGIN_ACCOUNT_DELAY_AFTER)
    if failures < start:
        return 0
    return int(min(2 ** (failures - start), settings.NEWSCLAIMS_LOGIN_ACCOUNT_DELAY_MAX_SECONDS))


def _incr(key: str) -> int:
    """Atomic increment of a counter that expires with the lockout window (Redis INCR; locmem holds a lock)."""
    cache.add(key, 0, _lockout())
    try:
        return int(cache.incr(key))
    except ValueError:  # expired between add and incr: this attempt is the first of a new window
        cache.add(key, 1, _lockout())
        return 1


def _decr(key: str) -> None:
    with contextlib.suppress(ValueError):  # expired meanwhile: nothing to give back
        cache.decr(key)


def login_refusal(request: HttpRequest | None, username: str | None) -> str | None:
    """Why the next attempt would be refused, or None. Reads only; :func:`reserve_attempt` decides atomically."""
    keys = _keys(request, username)
    if keys.pair and int(cache.get(keys.pair) or 0) >= settings.NEWSCLAIMS_LOGIN_MAX_FAILURES:
        return "paused"
    if keys.address and int(cache.get(keys.address) or 0) >= settings.NEWSCLAIMS_LOGIN_MAX_FAILURES_PER_ADDRESS:
        return "paused"
    if keys.gate and cache.get(keys.gate) is not None:
        return "delayed"
    return None


def reserve_attempt(request: HttpRequest | None, username: str | None) -> bool:
    """Count this attempt before the password is checked; False means it must not be checked at all."""
    keys = _keys(request, username)
    reserved: list[str] = []
    allowed = True
    for key, limit in (
        (keys.pair, settings.NEWSCLAIMS_LOGIN_MAX_FAILURES),
        (keys.address, settings.NEWSCLAIMS_LOGIN_MAX_FAILURES_PER_ADDRESS),
    ):
        if key is None:
            continue
        reserved.append(key)
        if _incr(key) > limit:
            allowed = False
            break
    if allowed and keys.account and keys.gate:
        delay = account_delay(int(cache.get(keys.account) or 0))
        # cache.add is atomic: of several parallel attempts in one window, exactly one gets through.
        if delay and not cache.add(keys.gate, 1, delay):
            allowed = False
    if not allowed:
        # A refused attempt checked no password, so it neither counts as a failure nor extends a pause.
        for key in reserved:
            _decr(key)
    return allowed


def record_failure(request: HttpRequest | None, username: str | None) -> None:
    keys = _keys(request, username)
    if keys.account and keys.gate:
        delay = account_delay(_incr(keys.account))
        if delay:
            cache.set(keys.gate, 1, delay)


def record_success(request: HttpRequest | None, username: str | None) -> None:
    keys = _keys(request, username)
    # The address counter counts failures only: give back this attempt's reservation.
    if keys.address:
        _decr(keys.address)
    cache.delete_many([key for key in (keys.pair, keys.account, keys.gate) if key])


def check_password_throttled(request: HttpRequest | None, user: AbstractBaseUser, password: str) -> bool | None:
    """``user.check_password`` under the same limits as a login; None when the attempt was refused unchecked."""
    username = user.get_username()
    if not reserve_attempt(request, username):
        return None
    if user.check_password(password):
        record_success(request, username)
        return True
    record_failure(request, username)
    return False


def refusal_message(reason: str | None) -> str:
    if reason == "delayed":
        return "Too many failed logins for this account. Wait a moment before trying again."
    minutes = max(1, settings.NEWSCLAIMS_LOGIN_LOCKOUT_SECONDS // 60)
    return f"Too many failed logins. Logins are paused here; try again in {minutes} minutes."


class ThrottledModelBackend(ModelBackend):
    """ModelBackend that checks a password only when the attempt fits the limits above.

    Refusal raises PermissionDenied, which makes django.contrib.auth.authenticate stop and
    report a failed login without even hashing the guess.
    """

    def authenticate(
        self, request: HttpRequest | None, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> Any:
        if username is None:
            username = kwargs.get("username")
        if not reserve_attempt(request, username):
            raise PermissionDenied("Too many failed logins; try again later.")
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            record_failure(request, username)
        else:
            record_success(request, username)
        return user


class ThrottleAwareAuthenticationForm(AuthenticationForm):
    """Says plainly that logins are paused, instead of a misleading 'wrong password'."""

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username")
        if reason := login_refusal(self.request, username):
            raise forms.ValidationError(refusal_message(reason), code="throttled")
        try:
            return super().clean()
        except forms.ValidationError:
            # A parallel attempt may have taken the last slot while this one waited: say so.
            if reason := login_refusal(self.request, username):
                raise forms.ValidationError(refusal_message(reason), code="throttled") from None
            raise


class ThrottledPasswordChangeForm(PasswordChangeForm):
    """The old-password check is a password guess like a login, so it shares the login's limits."""

    def __init__(self, user: Any, *args: Any, request: HttpRequest | None = None, **kwargs: Any) -> None:
        self.request = request
        super().__init__(user, *args, **kwargs)

    def clean_old_password(self) -> str:
        old_password: str = self.cleaned_data["old_password"]
        if (reason := login_refusal(self.request, self.user.get_username())) is not None:
            raise forms.ValidationError(refusal_message(reason), code="throttled")
        checked = check_password_throttled(self.request, self.user, old_password)
        if checked is None:
            raise forms.ValidationError(refusal_message("paused"), code="throttled")
        if not checked:
            raise forms.ValidationError(self.error_messages["password_incorrect"], code="password_incorrect")
        return old_password


class ThrottledAdminPasswordChangeForm(ThrottledPasswordChangeForm, AdminPasswordChangeForm):
    pass


class ThrottledPasswordChangeView(PasswordChangeView):
    form_class = ThrottledPasswordChangeForm

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "request": self.request}


def admin_password_change(request: HttpRequest) -> Any:
    """The admin's own password-change page, with the throttled form (AdminSite hard-codes its form class)."""
    from django.contrib import admin
    from django.urls import reverse

    request.current_app = admin.site.name
    return ThrottledPasswordChangeView.as_view(
        form_class=ThrottledAdminPasswordChangeForm,
        success_url=reverse("admin:password_change_done", current_app=admin.site.name),
        extra_context=admin.site.each_context(request),
    )(request)
