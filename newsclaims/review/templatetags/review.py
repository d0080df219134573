"""Template helpers for the review pages."""

from __future__ import annotations

import re
from typing import Any

from django import template
from django.core.exceptions import FieldDoesNotExist
from django.http import QueryDict
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from newsclaims.claims import roles
from newsclaims.claims.models import AttributionStatus, Claim, ClaimKind, Rating

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


# Parameters that order or page a list rather than narrow it.
_NOT_FILTERS = frozenset({"sort", "page", "ordering"})


@register.filter
def active_filters(form: Any) -> int:
    """How many filters a bound filter form narrows by (the folded filters on a phone say so)."""
    data = getattr(form, "data", {}) or {}
    return sum(1 for name in form.fields if name not in _NOT_FILTERS and str(data.get(name, "") or "").strip())


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


# History rows store values as the model stores them ("false", "wrong_speaker", [12, 40]); the history table
# shows what an editor would say.
HISTORY_ACTIONS = {
    "review": "Review",
    "revert": "Revert",
    "add": "Added by an editor",
    "note": "Note",
    "note_change": "Note edited",
    "note_remove": "Note removed",
    "evidence": "Evidence",
    "evidence_change": "Evidence edited",
    "evidence_remove": "Evidence removed",
    "engine_update": "Engine update",
    "engine_missing": "Engine no longer finds it",
    "engine_found": "Engine finds it again",
    "speaker_merge": "Speakers merged",
    "speaker_split": "Speaker split",
    "speaker_delete": "Speaker deleted",
    "assign": "Assignment",  # claims.desk: from the previous editor to the new one
    "approve": "Second check",  # claims.desk: from the reviewer to the approving editor
}
HISTORY_FIELDS = {
    "attribution_status": "attribution",
    "rating": "verdict",
    "rating_explanation": "explanation",
    "content_text": "statement",
    "content_start": "statement start",
    "content_end": "statement end",
    "speaker_text": "speaker mention",
    "speaker_name": "speaker (engine)",
    "cue_text": "cue",
    "engine_missing": "missing from the engine's reading",
    "claim": "statement",
    "assignee": "editor",
    "second_check": "approved",
}


def _words(name: str) -> str:
    return name.replace("_", " ")


@register.filter
def history_action(value: str) -> str:
    return HISTORY_ACTIONS.get(value, _words(value).capitalize())


@register.filter
def history_field(value: str) -> str:
    return HISTORY_FIELDS.get(value, _words(value))


def _claim_field(name: str) -> Any:
    try:
        return Claim._meta.get_field(name)
    except FieldDoesNotExist:
        return None


@register.simple_tag
def history_text(field: str, value: Any) -> str:
    """One history value in words: a choice's label, yes/no, a span's offsets, a speaker's name, a note's text."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict):
        if field == "claim" and "content" in value:
            start, end = value["content"]
            return f"characters {start}–{end}"
        return str(value.get("name") or value.get("body") or value.get("url") or "—")
    if isinstance(value, list):
        if len(value) == 2 and all(isinstance(v, int) for v in value):
            return f"{value[0]}–{value[1]}"
        return ", ".join(str(v) for v in value)
    model_field = _claim_field(field)
    if model_field is not None and model_field.choices:
        return str(dict(model_field.flatchoices).get(value, _words(str(value))))
    if field == "confidence" and isinstance(value, float):
        return pct(value)
    return str(value)


QUOTE_MARKS = "\"'“”‘’«»„‚"


@register.filter
def quoted(text: str, limit: int = 0) -> str:
    """A statement in quote marks, unless the engine's span already carries its own at either end
    (a span may end a quotation it did not open: 'partial,"')."""
    text = text.strip()
    if limit and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    if text[:1] in QUOTE_MARKS or text.rstrip("…")[-1:] in QUOTE_MARKS:
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


# Web-search syntax the claim search accepts: OR between words, a leading minus to exclude, quotes for a phrase.
_SEARCH_WORD = re.compile(r"[^\s\"]+")


def search_terms(q: str) -> list[str]:
    """The words of a search to mark in its results: no operators, no excluded words, longest first."""
    terms = {
        w.strip("'’.,;:!?()[]").lower()
        for w in _SEARCH_WORD.findall(q)
        if not w.startswith("-") and w.lower() not in ("or", "and")
    }
    return sorted((t for t in terms if len(t) > 1), key=lambda t: (-len(t), t))


@register.filter
def mark_terms(value: Any, q: str) -> SafeString:
    """``value`` escaped, with every word starting with a search term wrapped in <mark> (the search matches
    stems, so "reopen" also found "reopened": mark the whole word)."""
    text = str(value)
    terms = search_terms(q or "")
    if not terms:
        return escape(text)
    pattern = re.compile("|".join(rf"(?<!\w){re.escape(t)}\w*" for t in terms), re.IGNORECASE)
    parts, pos = [], 0
    for m in pattern.finditer(text):
        parts += [escape(text[pos : m.start()]), "<mark>", escape(m.group()), "</mark>"]
        pos = m.end()
    parts.append(escape(text[pos:]))
    return mark_safe("".join(parts))  # noqa: S308 - the text went through escape(); only <mark> is added
