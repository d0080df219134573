"""Representation ETags and conditional requests (RFC 9110 §8.8.3, §13.1).

Every successful GET of the API carries a strong ETag, a digest of the representation's JSON (so a claim's
changes when a note or evidence is added, not only when its version moves). ``If-None-Match`` uses the weak
comparison and answers 304; ``If-Match`` uses the strong one, so a weak ``W/"…"`` tag never matches.
"""

from __future__ import annotations

import hashlib
from typing import Any

from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request

from newsclaims.api.errors import PreconditionFailed, PreconditionRequired


def representation_etag(data: Any) -> str:
    # The compact JSON of the data, whatever Accept asked for (an indent does not make another representation).
    return '"' + hashlib.sha256(JSONRenderer().render(data)).hexdigest()[:40] + '"'


def _tags(header: str) -> list[str]:
    return [tag.strip() for tag in header.split(",") if tag.strip()]


def not_modified(request: Request, etag: str) -> bool:
    header = request.headers.get("If-None-Match", "")
    if not header:
        return False
    return any(tag == "*" or tag.removeprefix("W/") == etag.removeprefix("W/") for tag in _tags(header))


def require_match(request: Request, etag: str, *, current: dict[str, Any], legacy: str = "") -> None:
    """Passes when If-Match names ``etag`` exactly (strong comparison); 428 without one, 412 otherwise.

    ``legacy`` is the validator of the previous API version (a claim's ``"<id>-<version>"``), still accepted for
    one version so clients that built it themselves keep working; it is compared strongly too.
    """
    header = request.headers.get("If-Match", "").strip()
    if not header:
        raise PreconditionRequired()
    tags = _tags(header)
    if "*" in tags:
        raise PreconditionRequired("If-Match: * is not accepted here; send the resource's ETag.")
    if etag in tags or (legacy and legacy in tags):
        return
    if all(tag.startswith("W/") for tag in tags):
        raise PreconditionFailed(
            "If-Match needs a strong ETag (without W/): a weak one never matches; nothing was changed.",
            current=current,
            etag=etag,
        )
    raise PreconditionFailed(current=current, etag=etag)
