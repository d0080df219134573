"""Article body and metadata out of an HTML page, with trafilatura (boilerplate, scripts and menus dropped)."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

import trafilatura

from newsclaims.ingestion.decoding import check_text, max_html_bytes
from newsclaims.ingestion.errors import IngestionError

# trafilatura logs every page it finds too short at WARNING; our caller reports that case itself.
logging.getLogger("trafilatura").setLevel(logging.ERROR)


@dataclass(frozen=True)
class Page:
    """``url`` is the address the caller vouches for (the one fetched, or given with the upload), never one the
    page names itself: anyone can put ``<link rel="canonical" href="…any site…">`` into HTML they upload, and a
    URL is an article's duplicate key. What the page claims is kept apart, as ``canonical_url``, for display."""

    text: str
    title: str = ""
    author: str = ""
    outlet: str = ""
    url: str = ""
    canonical_url: str = ""
    published_at: dt.datetime | None = None


def _date(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        day = dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def extract_page(html: str, *, url: str | None = None, what: str = "The HTML page") -> Page:
    """The readable article in ``html``; raises IngestionError when there is none."""
    check_text(html, what=what, limit=max_html_bytes())
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False, favor_recall=True
        )
    except Exception as exc:  # trafilatura raises assorted lxml/parser errors on malformed input
        raise IngestionError(f"{what} could not be parsed as HTML ({type(exc).__name__}).") from exc
    if doc is None or isinstance(doc, dict):  # bare_extraction returns a Document unless as_dict is asked for
        raise IngestionError(f"{what} has no readable article text.")
    text = (doc.text or "").strip()
    if not text:
        raise IngestionError(f"{what} has no readable article text.")
    return Page(
        text=check_text(text, what=f"The article text in {what[0].lower()}{what[1:]}"),
        title=(doc.title or "").strip(),
        author=(doc.author or "").strip(),
        outlet=(doc.sitename or "").strip(),
        url=(url or "").strip(),
        canonical_url=(doc.url or "").strip(),
        published_at=_date(doc.date),
    )
