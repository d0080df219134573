"""DRF's throttles read their rates once at import; these read them per request, so settings apply live.

Anonymous clients are told apart by newsclaims.client_address, the one place that decides which
X-Forwarded-For entries to believe (NUM_PROXIES), so a client cannot rotate a forged header to escape.
"""

from __future__ import annotations

from rest_framework.request import Request
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from newsclaims.client_address import client_address


def _rate(scope: str | None) -> str | None:
    rate = api_settings.DEFAULT_THROTTLE_RATES.get(scope or "")
    return None if rate is None else str(rate)


class AnonThrottle(AnonRateThrottle):
    def get_rate(self) -> str | None:
        return _rate(self.scope)

    def get_ident(self, request: Request) -> str:
        return client_address(request.META)


class UserThrottle(UserRateThrottle):
    def get_rate(self) -> str | None:
        return _rate(self.scope)

    def get_ident(self, request: Request) -> str:
        return client_address(request.META)
