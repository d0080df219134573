"""The JSON error shape of every API answer: ``{"error": {"status", "code", "message", "detail"}}``.

It lives below both the API and the middleware, so a 503 the middleware writes for an API address has the
same fields as an error the API writes itself, and the middleware imports nothing of the API.
"""

from __future__ import annotations

from typing import Any


def error_body(status_code: int, code: str, message: str, detail: Any = None) -> dict[str, Any]:
    return {"error": {"status": status_code, "code": code, "message": message, "detail": detail}}
