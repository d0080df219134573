"""Signatures as Stripe makes them: ``Newsclaims-Signature: t=<unix time>,v1=<hex HMAC-SHA256>``.

The MAC covers ``"<t>.<body>"``, so a receiver can refuse a replayed body with an old timestamp; ``verify`` is
what a receiver runs (the README shows it in a few lines).
"""

from __future__ import annotations

import hashlib
import hmac
import time

HEADER = "Newsclaims-Signature"


def signature(*, secret: str, timestamp: int, body: bytes) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={mac}"


def verify(*, secret: str, header: str, body: bytes, tolerance: int = 300, now: float | None = None) -> bool:
    """True when ``header`` signs ``body`` with ``secret`` and its timestamp is within ``tolerance`` seconds."""
    parts = dict(p.split("=", 1) for p in header.split(",") if "=" in p)
    try:
        timestamp = int(parts["t"])
    except (KeyError, ValueError):
        return False
    if abs((time.time() if now is None else now) - timestamp) > tolerance:
        return False
    expected = signature(secret=secret, timestamp=timestamp, body=body).split("v1=", 1)[1]
    return hmac.compare_digest(expected, parts.get("v1", ""))
