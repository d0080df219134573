"""Cross-cutting HTTP concerns Django has no setting for: the Permissions-Policy header, and a clean 503
while the database is away. The Content-Security-Policy is django-csp's (CONTENT_SECURITY_POLICY in settings);
X-Frame-Options, Referrer-Policy, nosniff and Cross-Origin-Opener-Policy are Django's own settings.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string

from newsclaims.errors import error_body

log = logging.getLogger(__name__)

UNAVAILABLE = "The database is unavailable for a moment. Please try again shortly."
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=()"


class PermissionsPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


def _is_connection_error(exc: BaseException | None) -> bool:
    # OperationalError/InterfaceError are what psycopg and sqlite raise when the server is
    # gone or restarting; other DatabaseErrors (constraint violations) are real bugs: 500.
    return isinstance(exc, OperationalError | InterfaceError)


def unavailable_response(request: HttpRequest) -> HttpResponse:
    if request.path.startswith("/api/"):
        body = error_body(503, "service_unavailable", UNAVAILABLE)
        response: HttpResponse = JsonResponse(body, status=503)
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

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
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
        return JsonResponse(error_body(500, "server_error", "Internal server error."), status=500)
    return HttpResponse(render_to_string("500.html"), status=500, content_type="text/html")
