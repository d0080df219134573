"""Fetch an article page: timeout, size cap, content-type check, redirect limit, no private addresses.

DNS is resolved here and the connection goes to the checked address, so a name cannot pass the check and then
resolve somewhere else (DNS rebinding); every redirect goes through the same check.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from django.conf import settings

from newsclaims.ingestion.decoding import decode_bytes, max_html_bytes
from newsclaims.ingestion.errors import IngestionError

MAX_REDIRECTS = 5
HTML_TYPES = ("text/html", "application/xhtml+xml")
USER_AGENT = "newsclaims/1 (+article ingestion)"


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    html: str


def check_url(url: str) -> str:
    """Syntax check only (no network): an absolute http(s) address with a host."""
    if not isinstance(url, str) or not url.strip():
        raise IngestionError("The URL is empty.")
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise IngestionError(f"{url[:200]} is not an http or https address.")
    if len(url) > 2000:
        raise IngestionError("The URL is longer than 2,000 characters.")
    try:
        parts.port  # noqa: B018 -- raises on a malformed port
    except ValueError as exc:
        raise IngestionError(f"{url[:200]} has an invalid port.") from exc
    return url


def _allowed(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def resolve(host: str, port: int) -> str:
    """One address for ``host`` that we may connect to; refuses the name if any of its addresses is private."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise IngestionError(f"The host {host} could not be found.") from exc
    addresses = [info[4][0] for info in infos]
    if not settings.NEWSCLAIMS_FETCH_ALLOW_PRIVATE:
        for address in addresses:
            if not _allowed(ipaddress.ip_address(address.split("%")[0])):
                raise IngestionError(f"{host} is on a private, loopback or link-local network; refused.")
    return addresses[0]


class _PinnedHTTP(http.client.HTTPConnection):
    def __init__(self, host: str, port: int, address: str, timeout: float):
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    def __init__(self, host: str, port: int, address: str, timeout: float):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self) -> None:
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)  # type: ignore[attr-defined]


def _read(response: http.client.HTTPResponse, url: str, deadline: float) -> bytes:
    limit = max_html_bytes()
    length = response.getheader("Content-Length")
    if length and length.isdigit() and int(length) > limit:
        raise IngestionError(f"{url} is larger than the {limit // (1024 * 1024)} MB limit.")
    chunks, size = [], 0
    while chunk := response.read(64 * 1024):
        size += len(chunk)
        if size > limit:
            raise IngestionError(f"{url} is larger than the {limit // (1024 * 1024)} MB limit.")
        if time.monotonic() > deadline:
            raise TimeoutError
        chunks.append(chunk)
    return b"".join(chunks)


def fetch_url(url: str, *, timeout: float | None = None) -> Fetched:
    """GET an HTML page; raises IngestionError with the reason for anything else."""
    url = check_url(url)
    timeout = float(settings.NEWSCLAIMS_FETCH_TIMEOUT if timeout is None else timeout)
    deadline = time.monotonic() + timeout
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        parts = urlsplit(check_url(current))
        host = parts.hostname or ""
        port = parts.port or (443 if parts.scheme == "https" else 80)
        address = resolve(host, port)
        cls = _PinnedHTTPS if parts.scheme == "https" else _PinnedHTTP
        conn = cls(host, port, address, max(0.1, deadline - time.monotonic()))
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        try:
            conn.request(
                "GET",
                path,
                headers={
                    "User-Agent": USER_AGENT,
                    "Accept": "text/html,application/xhtml+xml",
                    "Accept-Encoding": "identity",
                },
            )
            response = conn.getresponse()
            if response.status in (301, 302, 303, 307, 308):
                location = response.getheader("Location")
                if not location:
                    raise IngestionError(f"{current} redirects without saying where to.")
                current = urljoin(current, location.strip())
                continue
            if response.status != 200:
                raise IngestionError(f"{current} returned HTTP {response.status} {response.reason}.".rstrip())
            content_type = (response.getheader("Content-Type") or "").lower()
            mime = content_type.split(";")[0].strip()
            if mime not in HTML_TYPES:
                raise IngestionError(f"{current} is not an HTML page (content type {mime or 'missing'}).")
            charset = next(
                (p.split("=", 1)[1].strip(" \"'") for p in content_type.split(";")[1:] if "charset=" in p), None
            )
            body = _read(response, current, deadline)
        except TimeoutError as exc:
            raise IngestionError(f"{current} did not answer within {timeout:g} seconds.") from exc
        except ssl.SSLError as exc:
            raise IngestionError(f"{current}: secure connection failed ({exc.reason or exc}).") from exc
        except (OSError, http.client.HTTPException) as exc:
            raise IngestionError(f"{current} could not be fetched ({type(exc).__name__}: {exc}).") from exc
        finally:
            conn.close()
        return Fetched(url=current, html=decode_bytes(body, what=current, html=True, declared=charset))
    raise IngestionError(f"{url} redirects more than {MAX_REDIRECTS} times.")
