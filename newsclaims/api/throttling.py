"""DRF's throttles read their rates once at import; these read them per request, so settings apply live.

Anonymous clients are told apart by newsclaims.client_address, the one place that decides which
X-Forwarded-For entries to believe (NUM_PROXIES), so a client cannot rotate a forged header to escape.

Each throttle that applies to a request leaves its state on the Django request (``RateLimitState``), and
``ratelimit_headers`` turns it into ``X-RateLimit-Limit/Remaining/Reset`` (the GitHub convention: Reset is
the Unix time at which a request slot frees up). Views that are not throttled (health, the API's 404)
report the caller's state without counting the request (``ratelimit_peek``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponseBase
from rest_framework.request import Request
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle, UserRateThrottle

from newsclaims.client_address import client_address

STATE_ATTRIBUTE = "newsclaims_ratelimit"


@dataclass(frozen=True, slots=True)
class RateLimitState:
    limit: int
    remaining: int
    reset: int  # Unix time (seconds) when the oldest counted request leaves the window


def _rate(scope: str | None) -> str | None:
    rate = api_settings.DEFAULT_THROTTLE_RATES.get(scope or "")
    return None if rate is None else str(rate)


def _state(throttle: SimpleRateThrottle, history: list[float], now: float) -> RateLimitState:
    # Set by SimpleRateThrottle.__init__ from the rate; the stubs do not declare them.
    limit = int(getattr(throttle, "num_requests", 0) or 0)
    duration = int(getattr(throttle, "duration", 0) or 0)
    live = [t for t in history if t > now - duration]
    reset = (min(live) if live else now) + duration
    return RateLimitState(limit=limit, remaining=max(0, limit - len(live)), reset=math.ceil(reset))


def _django_request(request: Any) -> HttpRequest:
    django_request: HttpRequest = request._request if isinstance(request, Request) else request
    return django_request


class _Recording(SimpleRateThrottle):
    def allow_request(self, request: Request, view: Any) -> bool:
        allowed = super().allow_request(request, view)
        if getattr(self, "key", None) is not None and self.rate is not None:
            setattr(_django_request(request), STATE_ATTRIBUTE, _state(self, self.history, self.now))
        return allowed

    def peek(self, request: Request) -> RateLimitState | None:
        """The caller's state under this throttle, without counting a request."""
        if self.rate is None:
            return None
        key = self.get_cache_key(request, None)  # type: ignore[arg-type]  # neither throttle reads the view
        if key is None:
            return None
        return _state(self, list(self.cache.get(key, [])), self.timer())


class AnonThrottle(_Recording, AnonRateThrottle):
    def get_rate(self) -> str | None:
        return _rate(self.scope)

    def get_ident(self, request: Request) -> str:
        return client_address(request.META)


class UserThrottle(_Recording, UserRateThrottle):
    def get_rate(self) -> str | None:
        return _rate(self.scope)

    def get_ident(self, request: Request) -> str:
        return client_address(request.META)


THROTTLES: tuple[type[_Recording], ...] = (AnonThrottle, UserThrottle)


def ratelimit_peek(request: Request) -> RateLimitState | None:
    for throttle_class in THROTTLES:
        state = throttle_class().peek(request)
        if state is not None:
            return state
    return None


def ratelimit_headers(request: HttpRequest, response: HttpResponseBase, *, peek: Request | None = None) -> None:
    """Sets X-RateLimit-* from the state a throttle recorded (or a peek at it) on the response."""
    state: RateLimitState | None = getattr(request, STATE_ATTRIBUTE, None)
    if state is None and peek is not None:
        state = ratelimit_peek(peek)
    if state is None:
        return
    response["X-RateLimit-Limit"] = str(state.limit)
    response["X-RateLimit-Remaining"] = str(state.remaining)
    response["X-RateLimit-Reset"] = str(state.reset)
