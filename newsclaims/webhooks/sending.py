"""POST a delivery through the article fetcher's address guard (newsclaims.ingestion.fetch).

The host is resolved once, every address it has must be public (unless NEWSCLAIMS_FETCH_ALLOW_PRIVATE), and the
connection goes to the checked address: a receiver's name cannot pass the check and then point inside. Redirects
are not followed (a webhook receiver answers, it does not send us elsewhere); they count as failures.
"""

from __future__ import annotations

import http.client
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from newsclaims.ingestion.errors import IngestionError
from newsclaims.ingestion.fetch import PinnedHTTP, PinnedHTTPS, Watchdog, check_url, resolve

USER_AGENT = "newsclaims-webhooks/1"
# A receiver's answer is logged, not used: read at most this much of it.
MAX_RESPONSE_BYTES = 64 * 1024


@dataclass(frozen=True)
class Outcome:
    status_code: int | None
    error: str
    duration_ms: int

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def check_address(url: str) -> str:
    """The URL, if it is an http(s) address whose host resolves to addresses we may connect to."""
    url = check_url(url)
    parts = urlsplit(url)
    resolve(parts.hostname or "", parts.port or (443 if parts.scheme == "https" else 80))
    return url


def post(url: str, *, body: bytes, headers: dict[str, str], timeout: float) -> Outcome:
    started = time.monotonic()

    def done(status: int | None, error: str) -> Outcome:
        return Outcome(status, error[:2000], int((time.monotonic() - started) * 1000))

    try:
        url = check_url(url)
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = parts.port or (443 if parts.scheme == "https" else 80)
        address = resolve(host, port)
    except IngestionError as exc:
        return done(None, str(exc))
    deadline = started + timeout
    watchdog = Watchdog(deadline)
    cls = PinnedHTTPS if parts.scheme == "https" else PinnedHTTP
    conn = cls(host, port, address, deadline, watchdog)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        conn.request(
            "POST",
            path,
            body=body,
            headers={"User-Agent": USER_AGENT, "Content-Type": "application/json", **headers},
        )
        response = conn.getresponse()
        response.read(MAX_RESPONSE_BYTES)
        if watchdog.expired.is_set():
            raise TimeoutError
        status = response.status
    except (OSError, http.client.HTTPException) as exc:
        if isinstance(exc, TimeoutError) or watchdog.expired.is_set():
            return done(None, f"no answer within {timeout:g} seconds")
        return done(None, f"{type(exc).__name__}: {exc}")
    finally:
        watchdog.cancel()
        conn.close()
    return done(status, "" if 200 <= status < 300 else f"HTTP {status} {response.reason}".rstrip())
