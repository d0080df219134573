"""Where articles come from: payloads (text, HTML or URL plus metadata), files, folders and JSONL files.

``prepare`` turns any of them into a ``Draft`` (decoded, checked text plus metadata) or raises IngestionError.
URL fetching happens here, outside any database transaction.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from newsclaims.ingestion.decoding import check_text, decode_bytes, max_html_bytes
from newsclaims.ingestion.errors import IngestionError
from newsclaims.ingestion.fetch import check_url, fetch_url
from newsclaims.ingestion.html import extract_page

SOURCE_KEYS = ("text", "html", "url")
META_KEYS = ("title", "outlet", "author", "published_at")
TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
JSONL_SUFFIXES = (".jsonl", ".ndjson")


@dataclass(frozen=True)
class Draft:
    """An article ready for the engine: checked text and its metadata."""

    text: str
    title: str = ""
    url: str | None = None
    outlet: str = ""
    author: str = ""
    published_at: dt.datetime | None = None


@dataclass
class Item:
    """One article to ingest in a bulk run, loaded lazily so a big folder is never all in memory."""

    label: str
    load: Callable[[], dict[str, Any]] = field(repr=False)


def parse_published_at(value: Any) -> dt.datetime | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, dt.date):
        moment = dt.datetime(value.year, value.month, value.day)
    elif isinstance(value, str):
        moment = parse_datetime(value.strip())  # type: ignore[assignment]
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


def validate_payload(payload: Any) -> dict[str, Any]:
    """Cheap checks (no network, no engine) so a bad submission is refused before it is queued."""
    if not isinstance(payload, dict):
        raise IngestionError("An article must be a JSON object with text, html or url.")
    unknown = set(payload) - set(SOURCE_KEYS) - set(META_KEYS)
    if unknown:
        raise IngestionError(f"Unknown fields: {', '.join(sorted(map(str, unknown)))}.")
    given = [key for key in ("text", "html") if payload.get(key) is not None]
    if len(given) > 1 or (not given and payload.get("url") in (None, "")):
        raise IngestionError("Give exactly one of text, html or url (html may come with the url it was saved from).")
    clean: dict[str, Any] = {key: _string(payload, key, 500 if key != "outlet" else 200) for key in ("title", "outlet")}
    clean["author"] = _string(payload, "author", 500)
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


def prepare(payload: dict[str, Any]) -> Draft:
    """A validated payload as a Draft: fetches a URL, extracts HTML. Caller metadata wins over the page's."""
    clean = validate_payload(payload)
    meta = {key: clean[key] for key in ("title", "outlet", "author")}
    published = parse_published_at(clean["published_at"])
    url = clean.get("url")
    if "text" in clean:
        return Draft(text=clean["text"], url=url, published_at=published, **meta)
    if "html" in clean:
        page = extract_page(clean["html"], url=url)
    else:
        fetched = fetch_url(url or "")
        page = extract_page(fetched.html, url=fetched.url, what=url or "The page")
    # The page's own canonical link (page.canonical_url) is a claim, not an identity: only the given URL is one.
    return Draft(
        text=page.text,
        title=meta["title"] or page.title[:500],
        url=url,
        outlet=meta["outlet"] or page.outlet[:200],
        author=meta["author"] or page.author[:500],
        published_at=published or page.published_at,
    )


# --- bulk sources ---------------------------------------------------------------------


def _file_payload(path: Path) -> dict[str, Any]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestionError(f"cannot read the file ({exc.strerror or exc}).") from exc
    html = path.suffix.lower() in HTML_SUFFIXES
    text = decode_bytes(data, what="The file", html=html)
    if html:
        return {"html": text}
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return {"text": text, "title": first[:120]}


def _jsonl_items(path: Path) -> Iterator[Item]:
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield Item(str(path), _raiser(f"cannot read the file ({exc.strerror or exc})."))
        return
    with handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            yield Item(f"{path}:{number}", _jsonl_loader(raw, number))


def _jsonl_loader(raw: bytes, number: int) -> Callable[[], dict[str, Any]]:
    def load() -> dict[str, Any]:
        try:
            value = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            raise IngestionError(f"line {number} is not valid UTF-8.") from exc
        except json.JSONDecodeError as exc:
            raise IngestionError(f"line {number} is not valid JSON ({exc.msg} at column {exc.colno}).") from exc
        if not isinstance(value, dict):
            raise IngestionError(f"line {number} is not a JSON object.")
        # Extra keys such as "id" are the corpus's business, not an article field.
        return {k: v for k, v in value.items() if k in SOURCE_KEYS or k in META_KEYS}

    return load


def _raiser(message: str) -> Callable[[], dict[str, Any]]:
    def load() -> dict[str, Any]:
        raise IngestionError(message)

    return load


def iter_items(sources: Iterable[str]) -> Iterator[Item]:
    """Every article named by the given paths and URLs, in a stable order; bad ones fail when loaded."""
    for raw in sources:
        if raw.lower().startswith(("http://", "https://")):
            yield Item(raw, lambda raw=raw: {"url": raw})
            continue
        path = Path(raw)
        if path.is_dir():
            # Every visible file is reported, so a stray .pdf or .docx shows up as unsupported, not silently lost.
            files = sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            yield from _file_items(files)
        elif path.is_file():
            yield from _file_items([path])
        else:
            yield Item(raw, _raiser("no such file, folder or http(s) URL."))


def _file_items(paths: list[Path]) -> Iterator[Item]:
    for path in paths:
        suffix = path.suffix.lower()
        if suffix in JSONL_SUFFIXES:
            yield from _jsonl_items(path)
        elif suffix in TEXT_SUFFIXES + HTML_SUFFIXES:
            yield Item(str(path), lambda path=path: _file_payload(path))
        else:
            yield Item(str(path), _raiser(f"unsupported file type {suffix or '(none)'}; use .txt, .html or .jsonl."))
