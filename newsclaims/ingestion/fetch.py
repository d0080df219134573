"""Fetch an article page: total deadline, size cap, content-type check, redirect limit, no private addresses.

The deadline covers the whole fetch (connect, TLS handshake, headers, body, redirects). A per-read socket timeout
alone does not: a server that drips a few bytes a second never lets one read time out. So a watchdog shuts the
socket down when the deadline passes, whichever read is waiting then.

DNS is resolved here and the connection goes to the checked address, so a name cannot pass the check and then
resolve somewhere else (DNS rebinding); every redirect goes through the same check.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import socket
import ssl
import threading
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


IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# ipaddress.is_global calls these global, but none is a plain public host we may fetch from:
# 192.0.0.0/24 is IETF protocol assignments, fec0::/10 the deprecated site-local range (still routed inside
# some networks), ::/96 the deprecated IPv4-compatible form, 64:ff9b:1::/48 local-use NAT64 (its IPv4 sits
# at an operator-chosen offset, so it cannot be unwrapped).
_REFUSED_V4 = (ipaddress.IPv4Network("192.0.0.0/24"),)
_REFUSED_V6 = tuple(ipaddress.IPv6Network(net) for net in ("fec0::/10", "::/96", "64:ff9b:1::/48"))
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries to its destination (mapped, NAT64, 6to4), if any."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return ip.sixtofour


def address_allowed(ip: IPAddress) -> bool:
    """May we connect to ``ip``? Only public unicast; a wrapped IPv4 address is judged by the address inside."""
    if isinstance(ip, ipaddress.IPv6Address):
        if any(ip in net for net in _REFUSED_V6):
            return False
        if (inner := _embedded_ipv4(ip)) is not None:
            return address_allowed(inner)
    elif any(ip in net for net in _REFUSED_V4):
        return False
    return ip.is_global and not ip.is_multicast


def resolve(host: str, port: int) -> str:
    """One address for ``host`` that we may connect to; refuses the name if any of its addresses is private."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise IngestionError(f"The host {host} could not be found.") from exc
    addresses = [str(info[4][0]) for info in infos]
    if not settings.NEWSCLAIMS_FETCH_ALLOW_PRIVATE:
        for address in addresses:
            if not address_allowed(ipaddress.ip_address(address.split("%")[0])):
                raise IngestionError(f"{host} is on a private, loopback or link-local network; refused.")
    return addresses[0]


class Watchdog:
    """Shuts the connection's TCP socket down at the deadline, ending whatever read or handshake is waiting."""

    def __init__(self, deadline: float):
        self.expired = threading.Event()
        self._lock = threading.Lock()
        self._sock: socket.socket | None = None
        self._timer = threading.Timer(max(0.0, deadline - time.monotonic()), self._expire)
        self._timer.daemon = True
        self._timer.start()

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sock = sock
            if self.expired.is_set():
                self._shutdown()

    def _expire(self) -> None:
        with self._lock:
            self.expired.set()
            self._shutdown()

    def _shutdown(self) -> None:
        if self._sock is not None:
            with contextlib.suppress(OSError):  # already closed
                self._sock.shutdown(socket.SHUT_RDWR)

    def cancel(self) -> None:
        self._timer.cancel()


def _connect(address: str, port: int, deadline: float, watchdog: Watchdog) -> socket.socket:
    sock = socket.create_connection((address, port), max(0.01, deadline - time.monotonic()))
    watchdog.watch(sock)
    return sock


class PinnedHTTP(http.client.HTTPConnection):
    """A connection to the address already checked and resolved (no second DNS answer to trust); webhooks use it too."""

    def __init__(self, host: str, port: int, address: str, deadline: float, watchdog: Watchdog):
        super().__init__(host, port, timeout=max(0.01, deadline - time.monotonic()))
        self._address, self._deadline, self._watchdog = address, deadline, watchdog

    def connect(self) -> None:
        self.sock = _connect(self._address, self.port, self._deadline, self._watchdog)


class PinnedHTTPS(http.client.HTTPSConnection):
    def __init__(self, host: str, port: int, address: str, deadline: float, watchdog: Watchdog):
        super().__init__(
            host, port, timeout=max(0.01, deadline - time.monotonic()), context=ssl.create_default_context()
        )
        self._address, self._deadline, self._watchdog = address, deadline, watchdog

    def connect(self) -> None:
        sock = _connect(self._address, self.port, self._deadline, self._watchdog)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)  # type: ignore[attr-defined]


def _read(response: http.client.HTTPResponse, url: str, deadline: float) -> bytes:
    limit = max_html_bytes()
    length = response.getheader("Content-Length")
    if length and length.isdigit() and int(length) > limit:
        raise IngestionError(f"{url} is larger than the {limit // (1024 * 1024)} MB limit.")
    chunks, size = [], 0
    while chunk := response.read1(64 * 1024):
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
        cls = PinnedHTTPS if parts.scheme == "https" else PinnedHTTP
        watchdog = Watchdog(deadline)
        conn = cls(host, port, address, deadline, watchdog)
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
            if watchdog.expired.is_set():
                raise TimeoutError
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
            if watchdog.expired.is_set():  # the shutdown can look like a normal end of the body
                raise TimeoutError
        except (OSError, http.client.HTTPException) as exc:
            # Whatever a shut-down socket raised (reset, incomplete read, SSL error), the cause is the deadline.
            if isinstance(exc, TimeoutError) or watchdog.expired.is_set():
                raise IngestionError(f"{current} did not answer within {timeout:g} seconds.") from exc
            if isinstance(exc, ssl.SSLError):
                raise IngestionError(f"{current}: secure connection failed ({exc.reason or exc}).") from exc
            raise IngestionError(f"{current} could not be fetched ({type(exc).__name__}: {exc}).") from exc
        finally:
            watchdog.cancel()
            conn.close()
        return Fetched(url=current, html=decode_bytes(body, what=current, html=True, declared=charset))
    raise IngestionError(f"{url} redirects more than {MAX_REDIRECTS} times.")
