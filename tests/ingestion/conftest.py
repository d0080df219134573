"""A real local HTTP server for URL ingestion, and pages to serve from it."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

ARTICLE_HTML = """<!doctype html>
<html><head><meta charset="utf-8"><title>Bridge to reopen | Daily Example</title>
<meta name="author" content="Ann Writer"><meta property="og:site_name" content="Daily Example">
<meta property="article:published_time" content="2024-05-02T08:00:00Z">
<script>window.tracking = "should never be stored";</script><style>body { color: red }</style></head>
<body><nav><a href="/">Home</a> | <a href="/about">About us</a> | <a href="/subscribe">Subscribe</a></nav>
<article><h1>Bridge to reopen</h1>
<p>Mayor Jane Doe said the bridge would reopen in May after three months of repairs on the main span.</p>
<p>\u201cWe are on schedule and on budget,\u201d she told reporters at City Hall on Thursday afternoon.</p>
<p>Critics say the repairs cost too much, and the council will vote on the final bill next week.</p>
</article><footer>Copyright Daily Example. All rights reserved. Cookie settings.</footer></body></html>
"""


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    delay: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)


class PageServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: dict[str, int] = {}
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.hits[self.path] = server.hits.get(self.path, 0) + 1
                route = server.routes.get(self.path, Route(status=404, body=b"not found", content_type="text/plain"))
                if route.delay:
                    time.sleep(route.delay)
                try:
                    self.send_response(route.status)
                    self.send_header("Content-Type", route.content_type)
                    self.send_header("Content-Length", str(len(route.body)))
                    for key, value in route.headers.items():
                        self.send_header(key, value)
                    self.end_headers()
                    self.wfile.write(route.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def add(self, path: str, body: str | bytes = "", **kwargs: object) -> str:
        self.routes[path] = Route(body=body.encode() if isinstance(body, str) else body, **kwargs)  # type: ignore[arg-type]
        return self.base + path


@pytest.fixture(scope="session")
def page_server() -> Iterator[PageServer]:
    server = PageServer()
    thread = threading.Thread(target=server.httpd.serve_forever, daemon=True)
    thread.start()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()


@pytest.fixture
def pages(page_server: PageServer, settings) -> Iterator[PageServer]:
    """The local server, with fetching from 127.0.0.1 allowed (refused by default) and a short timeout."""
    settings.NEWSCLAIMS_FETCH_ALLOW_PRIVATE = True
    settings.NEWSCLAIMS_FETCH_TIMEOUT = 2
    page_server.routes.clear()
    page_server.hits.clear()
    yield page_server


def article_text(n: int, speaker: str = "Mayor Jane Doe") -> str:
    return (
        f"{speaker} said the bridge number {n} would reopen in May. "
        f"\u201cWe are on schedule,\u201d she told reporters on day {n}. Critics say the repairs cost too much."
    )
