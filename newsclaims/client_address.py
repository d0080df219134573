"""The address of the client a request came from, with a configured number of trusted proxies in between.

Only the entries our own proxies appended to X-Forwarded-For are believed: a client can send any
X-Forwarded-For it likes, so with NUM_PROXIES = n the client is the n-th address from the right, and
with NUM_PROXIES = 0 (no proxy) the header is ignored. Login lockout and the API throttles both use this.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from django.conf import settings


def _valid(address: str) -> bool:
    try:
        ipaddress.ip_address(address.split("%")[0])
    except ValueError:
        return False
    return True


def client_address(meta: Any) -> str:
    """``meta`` is ``request.META``. Falls back to the connecting address when the header is missing or bad."""
    remote = str(meta.get("REMOTE_ADDR") or "") or "unknown"
    proxies = int(getattr(settings, "NUM_PROXIES", 0) or 0)
    forwarded = meta.get("HTTP_X_FORWARDED_FOR")
    if proxies <= 0 or not forwarded:
        return remote
    hops = [hop.strip() for hop in str(forwarded).split(",")]
    # Our n proxies each appended the address they received from; the left-most of those is the client.
    candidate = hops[-min(proxies, len(hops))]
    return candidate if _valid(candidate) else remote
