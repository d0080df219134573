"""Cross-cutting HTTP concerns: security headers, and a clean 503 while the database is away."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string

log = logging.getLogger(__name__)

# Only the app's own static files may run or style anything: an injected <script> or
# onclick= in an article, a note or a speaker name has nothing to execute.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
UNAVAILABLE = "The database is unavailable for a moment. Please try again shortly."


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response


def _is_connection_error(exc: BaseException | None) -> bool:
    # OperationalError/InterfaceError are what psycopg and sqlite raise when the server is
    # gone or restarting; other DatabaseErrors (constraint violations) are real bugs: 500.
    return isinstance(exc, OperationalError | InterfaceError)


def unavailable_response(request: HttpRequest) -> HttpResponse:
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse({"error": {"status": 503, "message": UNAVAILABLE}}, status=503)
    else:
        response = HttpResponse(
            render_to_string("503.html", {"message": UNAVAILABLE}), status=503, content_type="text/html"
        )
    response["Retry-After"] = "5"
    return response


class DatabaseUnavailableMiddleware:
    """Turn a lost database connection in a view into a 503 with a message, not a stack trace.

    The next request reconnects by itself (CONN_HEALTH_CHECKS), so the app recovers without a restart.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if _is_connection_error(exception):
            log.warning("database unavailable during %s %s: %s", request.method, request.path, exception)
            return unavailable_response(request)
        return None


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: database outages outside views (sessions, auth) also answer 503."""
    if _is_connection_error(sys.exc_info()[1]):
        return unavailable_response(request)
    if request.path.startswith("/api/"):
        return JsonResponse({"error": {"status": 500, "message": "Internal server error."}}, status=500)
    return HttpResponse(render_to_string("500.html"), status=500, content_type="text/html")
