"""Cache-Control for pages that carry a user's data: no shared cache, and no copy on disk, may keep them.

Every API response and every page served to a signed-in user gets ``private, no-store`` (a proxy or a
browser on a shared computer would otherwise keep a copy of claims, notes and review state). Anonymous
pages (the login form, static files, health checks outside /api/) keep whatever the view chose.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers

PRIVATE = "private, no-store"


def _is_private(request: HttpRequest) -> bool:
    if request.path.startswith("/api/"):
        return True
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


class PrivateCacheControlMiddleware:
    """Placed after AuthenticationMiddleware, so ``request.user`` is known."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if _is_private(request):
            # Replaces, not merges: a view's "max-age=…" must not survive next to no-store.
            response["Cache-Control"] = PRIVATE
            patch_vary_headers(response, ("Cookie", "Authorization"))
        return response
