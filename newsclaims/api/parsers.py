"""Request bodies: JSON only, with a size limit checked before and while reading."""

from __future__ import annotations

import io
from typing import Any

from django.conf import settings
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

from newsclaims.api.errors import PayloadTooLarge

DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024


def max_body_bytes() -> int:
    return int(getattr(settings, "NEWSCLAIMS_API_MAX_BODY_BYTES", DEFAULT_MAX_BODY_BYTES))


def check_content_length(meta: dict[str, Any]) -> None:
    try:
        length = int(meta.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    limit = max_body_bytes()
    if length > limit:
        raise PayloadTooLarge(f"The request body is {length:,} bytes; the limit is {limit:,} bytes.")


class BoundedJSONParser(JSONParser):
    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        limit = max_body_bytes()
        # Chunked bodies carry no Content-Length: read one byte past the limit to tell.
        data = stream.read(limit + 1)
        if len(data) > limit:
            raise PayloadTooLarge(f"The request body is larger than the limit of {limit:,} bytes.")
        try:
            return super().parse(io.BytesIO(data), media_type, parser_context)
        except RecursionError:
            # json.loads gives up on very deep nesting with RecursionError, which DRF would let through as a 500.
            raise ParseError("JSON parse error - the document is nested too deeply.") from None
