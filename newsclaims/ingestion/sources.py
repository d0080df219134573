"""Where a bulk run's articles come from: files, folders, JSONL files and URLs, as lazily loaded payloads.

Each payload then goes through the submission validator and the pipeline like any other (see ``bulk``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsclaims.ingestion.decoding import decode_bytes
from newsclaims.ingestion.errors import IngestionError
from newsclaims.ingestion.submission import META_KEYS, SOURCE_KEYS

TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
JSONL_SUFFIXES = (".jsonl", ".ndjson")


@dataclass
class Item:
    """One article to ingest in a bulk run, loaded lazily so a big folder is never all in memory."""

    label: str
    load: Callable[[], dict[str, Any]] = field(repr=False)


def _file_payload(path: Path) -> dict[str, Any]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestionError(f"cannot read the file ({exc.strerror or exc}).") from exc
    html = path.suffix.lower() in HTML_SUFFIXES
    text = decode_bytes(data, what="The file", html=html)
    if html:
        return {"html": text}
    # Untitled, as pasted text: the pipeline titles it by its first line (pipeline.prepare).
    return {"text": text}


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


def _url_loader(url: str) -> Callable[[], dict[str, Any]]:
    return lambda: {"url": url}


def _file_loader(path: Path) -> Callable[[], dict[str, Any]]:
    return lambda: _file_payload(path)


def _raiser(message: str) -> Callable[[], dict[str, Any]]:
    def load() -> dict[str, Any]:
        raise IngestionError(message)

    return load


def iter_items(sources: Iterable[str]) -> Iterator[Item]:
    """Every article named by the given paths and URLs, in a stable order; bad ones fail when loaded."""
    for raw in sources:
        if raw.lower().startswith(("http://", "https://")):
            yield Item(raw, _url_loader(raw))
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
            yield Item(str(path), _file_loader(path))
        else:
            yield Item(str(path), _raiser(f"unsupported file type {suffix or '(none)'}; use .txt, .html or .jsonl."))
