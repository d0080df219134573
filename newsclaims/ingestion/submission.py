"""The one check of a submitted article (text, HTML or URL, plus metadata), for the web form, the API and the
``ingest`` command alike.

Cheap: no network, no engine, so a bad submission is refused before anything is queued or stored. Text or HTML
may come with the URL it was taken from (a pasted paywalled article keeps its link): the URL is then metadata
and a duplicate key, and nothing is fetched.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from newsclaims.ingestion.decoding import check_text, max_html_bytes
from newsclaims.ingestion.errors import IngestionError
from newsclaims.ingestion.fetch import check_url

SOURCE_KEYS = ("text", "html", "url")
META_KEYS = ("title", "outlet", "author", "published_at")
META_LIMITS = {"title": 500, "outlet": 200, "author": 500}
TITLE_FROM_TEXT_CHARS = 120


def title_from_text(text: str) -> str:
    """The title of an untitled plain-text article: its first non-blank line, as a headline usually is."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return " ".join(first.split())[:TITLE_FROM_TEXT_CHARS]


def parse_published_at(value: Any) -> dt.datetime | None:
    if value in (None, ""):
        return None
    moment: dt.datetime | None
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, dt.date):
        moment = dt.datetime(value.year, value.month, value.day)
    elif isinstance(value, str):
        moment = parse_datetime(value.strip())
        if moment is None and (day := parse_date(value.strip()[:10])) is not None and len(value.strip()) == 10:
            moment = dt.datetime(day.year, day.month, day.day)
        if moment is None:
            raise IngestionError(f"published_at {value[:40]!r} is not a date (use ISO 8601, e.g. 2024-05-01T09:30Z).")
    else:
        raise IngestionError("published_at must be an ISO 8601 date or date-time.")
    return timezone.make_aware(moment, dt.UTC) if timezone.is_naive(moment) else moment


def _string(payload: dict[str, Any], key: str, limit: int) -> str:
    value = payload.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise IngestionError(f"{key} must be a string.")
    return " ".join(value.split())[:limit]


def validate_submission(payload: Any) -> dict[str, Any]:
    """The checked payload (JSON-ready: it is stored on the job), or IngestionError with a message for the user.

    Exactly one of text and html, or neither with a url to fetch; a url may come with either.
    """
    if not isinstance(payload, dict):
        raise IngestionError("An article must be a JSON object with text, html or url.")
    unknown = set(payload) - set(SOURCE_KEYS) - set(META_KEYS)
    if unknown:
        raise IngestionError(f"Unknown fields: {', '.join(sorted(map(str, unknown)))}.")
    given = [key for key in ("text", "html") if payload.get(key) is not None]
    if len(given) > 1 or (not given and payload.get("url") in (None, "")):
        raise IngestionError("Give exactly one of text, html or url (text or html may come with the url it is from).")
    clean: dict[str, Any] = {key: _string(payload, key, limit) for key, limit in META_LIMITS.items()}
    published = parse_published_at(payload.get("published_at"))
    clean["published_at"] = published.isoformat() if published else None
    if payload.get("url") not in (None, ""):
        clean["url"] = check_url(payload["url"])
    if "text" in given:
        clean["text"] = check_text(payload["text"])
    elif "html" in given:
        if not isinstance(payload["html"], str):
            raise IngestionError("html must be a string.")
        clean["html"] = check_text(payload["html"], what="The HTML page", limit=max_html_bytes())
    return clean
