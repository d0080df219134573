"""Bytes to text: detect the encoding, refuse binary data, enforce the size limit.

Every check here runs before anything is stored, so a rejected input changes nothing.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes
from django.conf import settings

from newsclaims.ingestion.errors import IngestionError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.IGNORECASE)
# C0/C1 controls other than tab, newlines and form feed: a few can be stray, many mean a binary file.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f\x80-\x9f]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def max_bytes() -> int:
    return int(settings.NEWSCLAIMS_MAX_ARTICLE_BYTES)


def max_html_bytes() -> int:
    return int(settings.NEWSCLAIMS_MAX_HTML_BYTES)


def _human(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB" if size >= 1024 * 1024 else f"{size / 1024:.0f} KB"


def _known_encoding(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().lower()).name
    except LookupError:
        return None


def decode_bytes(data: bytes, *, what: str, html: bool = False, declared: str | None = None) -> str:
    """Decode a file or a response body; ``declared`` is an HTTP charset. Raises IngestionError."""
    limit = max_html_bytes() if html else max_bytes()
    if len(data) > limit:
        raise IngestionError(f"{what} is {_human(len(data))}, over the {_human(limit)} limit.")
    if not data.strip():
        raise IngestionError(f"{what} is empty.")
    candidates: list[str] = []
    for bom, name in _BOMS:
        if data.startswith(bom):
            candidates.append(name)
            break
    if not candidates and b"\x00" in data:
        raise IngestionError(f"{what} looks like binary data, not text.")
    if declared_name := _known_encoding(declared):
        candidates.append(declared_name)
    match = _META_CHARSET.search(data[:4096]) if html else None
    if match and (meta_name := _known_encoding(match.group(1).decode("ascii", "ignore"))):
        candidates.append(meta_name)
    candidates.append("utf-8")
    for name in candidates:
        try:
            return check_text(data.decode(name), what=what, limit=limit)
        except (UnicodeDecodeError, LookupError):
            continue
    return check_text(_detect(data, what), what=what, limit=limit)


def _detect(data: bytes, what: str) -> str:
    matches = from_bytes(data)
    best = matches.best()
    if best is None or best.encoding is None:
        raise IngestionError(f"{what} is not valid UTF-8 and its encoding could not be detected.")
    # Short Western texts fit several code pages equally well; Windows-1252 is by far the likeliest for news.
    least = min(m.chaos for m in matches)
    if any("cp1252" in m.could_be_from_charset for m in matches if m.chaos <= least + 0.01):
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    return str(best)


def check_text(text: str, *, what: str = "The article", limit: int | None = None) -> str:
    """Refuse empty, binary-looking or oversized text; return it unchanged otherwise."""
    limit = max_bytes() if limit is None else limit
    if not isinstance(text, str):
        raise IngestionError(f"{what} must be text.")
    if not text.strip():
        raise IngestionError(f"{what} is empty.")
    if "\x00" in text or len(_CONTROL.findall(text[:100_000])) > max(2, len(text[:100_000]) // 100):
        raise IngestionError(f"{what} looks like binary data, not text.")
    if _SURROGATE.search(text):
        raise IngestionError(f"{what} contains invalid characters (broken UTF-16 surrogates).")
    size = len(text.encode("utf-8"))
    if size > limit:
        raise IngestionError(f"{what} is {_human(size)}, over the {_human(limit)} limit.")
    return text
