"""Template helpers for the review pages."""

from __future__ import annotations

import re
from typing import Any

from django import template
from django.http import QueryDict
from django.urls import reverse

from newsclaims.claims import roles
from newsclaims.claims.models import AttributionStatus, ClaimKind, Rating

register = template.Library()


@register.filter
def is_editor(user: Any) -> bool:
    return roles.is_editor(user)


@register.filter
def is_admin(user: Any) -> bool:
    return roles.is_admin(user)


@register.filter
def role_name(user: Any) -> str:
    if roles.is_admin(user):
        return "admin"
    return "editor" if roles.is_editor(user) else "viewer"


# Only plain web addresses become links: no whitespace or control characters, which browsers
# strip before reading the scheme ("java\tscript:" runs as javascript:).
_WEB_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f]+", re.IGNORECASE)


@register.filter
def web_url(value: Any) -> str:
    """The address when it is an http(s) link, else "". Stored links reach an href only through
    this, so a javascript: or data: address that got in by hand or an old import is never clickable."""
    url = str(value or "")
    return url if _WEB_URL.fullmatch(url) else ""


# Claim rows (claims.selectors.claim_row) hold the stored values; these give the words the pages show.
@register.filter
def status_label(value: str) -> str:
    return str(AttributionStatus(value).label)


@register.filter
def rating_label(value: str) -> str:
    return str(Rating(value).label)


@register.filter
def kind_label(value: str) -> str:
    return str(ClaimKind(value).label)


@register.filter
def article_name(article: dict[str, Any]) -> str:
    """A claim row's article as Article.__str__ names it."""
    return str(article["title"] or f"Article {article['id']}")


@register.filter
def pct(value: float | None) -> str:
    return "" if value is None else f"{round(value * 100)}%"


@register.filter
def history_value(value: Any) -> str:
    """A history row's old/new value in words (speakers and notes are stored as small objects)."""
    if value is None or value == "":
        return "—"
    if isinstance(value, dict):
        return str(value.get("name") or value.get("body") or value.get("url") or value)
    return str(value).replace("_", " ")


QUOTE_MARKS = "\"'“”‘’«»„‚"


@register.filter
def quoted(text: str, limit: int = 0) -> str:
    """A statement in quote marks, unless the engine's span already carries its own."""
    text = text.strip()
    if limit and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    if text[:1] in QUOTE_MARKS:
        return text
    return f"“{text}”"


@register.inclusion_tag("review/_export.html")
def export_buttons(query: str = "", *, queue: bool = False, speaker_page: int = 0, **filters: Any) -> dict[str, str]:
    """Export buttons for exactly the claims a page lists.

    ``query`` is the page's query string: the queue's parameters when ``queue``, a speaker page's when
    ``speaker_page`` is its id (review/views/exports.py), else the API's; ``filters`` adds API parameters.
    """
    from newsclaims.review.views.exports import SORT_ORDERINGS

    params = QueryDict(query, mutable=True)
    params.pop("page", None)
    for name, value in filters.items():
        params[name] = str(value)
    if queue and "ordering" not in params:
        params["ordering"] = SORT_ORDERINGS.get(params.get("sort") or "confidence", "-updated_at")
    suffix = f"?{params.urlencode()}" if params else ""
    if speaker_page:
        return {
            "csv_url": reverse("speaker_export_csv", args=[speaker_page]) + suffix,
            "jsonld_url": reverse("speaker_export_jsonld", args=[speaker_page]) + suffix,
        }
    names = ("queue_export_csv", "queue_export_jsonld") if queue else ("api-claim-export", "api-claimreview-export")
    return {"csv_url": reverse(names[0]) + suffix, "jsonld_url": reverse(names[1]) + suffix}
