"""X-RateLimit-* on every API response, including those no throttle saw (401s, health, unknown addresses)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import APIException
from rest_framework.request import Request

from newsclaims.api.authentication import HashedTokenAuthentication
from newsclaims.api.throttling import STATE_ATTRIBUTE, ratelimit_headers


class _Anonymous(Request):
    """A DRF request whose failed authentication means anonymous (a bad token's 401 is already answered)."""

    def _authenticate(self) -> None:
        try:
            super()._authenticate()  # type: ignore[misc]  # DRF's, absent from the stubs
        except APIException:
            self._not_authenticated()  # type: ignore[attr-defined]  # DRF's, absent from the stubs


class RateLimitHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if request.path.startswith("/api/"):
            peek = None
            if getattr(request, STATE_ATTRIBUTE, None) is None:
                peek = _Anonymous(request, authenticators=[HashedTokenAuthentication(), SessionAuthentication()])
            ratelimit_headers(request, response, peek=peek)
        return response
