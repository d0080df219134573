"""Who may do what in the review pages: anonymous users go to the login page, the rest get 403."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django_htmx.middleware import HtmxDetails

from newsclaims.claims.roles import is_admin, is_editor

View = Callable[..., HttpResponse]


def _role_required(check: Callable[[Any], bool], what: str) -> Callable[[View], View]:
    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not check(request.user):
                raise PermissionDenied(what)
            return view(request, *args, **kwargs)

        return login_required(wrapped)

    return decorator


editor_required = _role_required(is_editor, "Only editors can change claims.")
admin_required = _role_required(is_admin, "Only admins can merge speakers.")
settings_admin_required = _role_required(is_admin, "Only admins can change the desk's settings.")


class HtmxHttpRequest(HttpRequest):
    """A request seen by the review views: django-htmx's middleware sets ``htmx`` (truthy for htmx's requests)."""

    htmx: HtmxDetails


def wants_fragment(request: HtmxHttpRequest) -> bool:
    """An htmx swap asks for a page's results only; htmx restoring a pushed address from history (its cache
    missed) swaps in what it gets for the whole body, so that one gets the full page."""
    return bool(request.htmx) and not request.htmx.history_restore_request
