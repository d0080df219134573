"""Keyset ("cursor") pagination: each page is one indexed range query, however deep the client reads.

Hand-written rather than DRF's ``CursorPagination`` because:
- DRF's cursor breaks ties within one sort value by an offset it carries along, so a page deep inside many
  equal values (confidence 0.5, one speaker's name) rereads all of them; here the row id is the tie-breaker
  and every page is a ``(value, id) > (last value, last id)`` range over the sort index.
- DRF's takes one ordering per view from ``ordering``; the claims list offers several (``ordering_map``),
  each validated with a 400 that lists the choices, and a cursor is refused for an ordering it was not made for.
- The cursor is signed, so a client can keep and replay it but not forge a position or an ordering.
- Pages may be model instances or ``.values()`` dicts (the claims list reads its rows as dicts).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, TypeVar
from urllib.parse import urlencode

from django.core import signing
from django.db.models import Model, Q, QuerySet
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import BasePagination
from rest_framework.request import Request
from rest_framework.response import Response

_SALT = "newsclaims.api.cursor"
_M = TypeVar("_M", bound=Model)
_R = TypeVar("_R")


def _encode_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return {"dt": value.isoformat()}
    return value


def _decode_value(value: Any) -> Any:
    if isinstance(value, dict) and "dt" in value:
        return dt.datetime.fromisoformat(value["dt"])
    return value


class KeysetPagination(BasePagination):
    """Pages ordered by one non-null field plus id. The view names its orderings in ``ordering_map``."""

    page_size = 50
    max_page_size = 200

    def __init__(self) -> None:
        self.next_cursor: str | None = None
        self.previous_cursor: str | None = None
        self.request: Request | None = None

    # --- request parsing ----------------------------------------------------------------

    @staticmethod
    def ordering_choices(view: Any) -> list[str]:
        names = list(view.ordering_map)
        return [*names, *(f"-{n}" for n in names)]

    @classmethod
    def ordering(cls, request: Request, view: Any) -> str:
        """The ordering the request asks for (a 400 names the choices); views without paging use it too."""
        ordering = request.query_params.get("ordering") or view.default_ordering
        if ordering not in cls.ordering_choices(view):
            allowed = ", ".join(cls.ordering_choices(view))
            raise ValidationError({"ordering": [f"Unknown ordering “{ordering[:40]}”; use one of: {allowed}."]})
        return ordering

    def _page_size(self, request: Request) -> int:
        raw = request.query_params.get("page_size")
        if raw is None or raw == "":
            return self.page_size
        # isdigit() alone accepts "²", which int() refuses with a 500.
        if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= self.max_page_size:
            raise ValidationError({"page_size": [f"Give a whole number from 1 to {self.max_page_size}."]})
        return int(raw)

    def _cursor(self, request: Request, ordering: str) -> dict[str, Any] | None:
        raw = request.query_params.get("cursor")
        if not raw:
            return None
        try:
            data = signing.loads(raw, salt=_SALT)
            position = {"o": str(data["o"]), "v": _decode_value(data["v"]), "i": int(data["i"]), "r": bool(data["r"])}
        except (signing.BadSignature, KeyError, TypeError, ValueError):
            raise ValidationError({"cursor": ["Invalid cursor: use the next/previous links as given."]}) from None
        if position["o"] != ordering:
            raise ValidationError({"cursor": ["This cursor belongs to another ordering; start again without it."]})
        return position

    # --- paging ---------------------------------------------------------------------------

    def paginate_queryset(
        self, queryset: QuerySet[_M, _R] | Sequence[_R], request: Request, view: Any = None
    ) -> list[_R] | None:
        if not isinstance(queryset, QuerySet):
            raise TypeError("Keyset pages are range queries: give a QuerySet.")
        self.request = request
        ordering = self.ordering(request, view)
        size = self._page_size(request)
        cursor = self._cursor(request, ordering)
        descending = ordering.startswith("-")
        field = view.ordering_map[ordering.lstrip("-")]
        reverse = bool(cursor and cursor["r"])
        # A "previous" page walks backwards from its cursor and is flipped back afterwards.
        walk_desc = descending != reverse
        if cursor is not None:
            value, pk = cursor["v"], cursor["i"]
            op = "lt" if walk_desc else "gt"
            bound = "lte" if walk_desc else "gte"
            queryset = queryset.filter(
                Q(**{f"{field}__{bound}": value}), Q(**{f"{field}__{op}": value}) | Q(**{field: value, f"pk__{op}": pk})
            )
        sign = "-" if walk_desc else ""
        rows = list(queryset.order_by(f"{sign}{field}", f"{sign}pk")[: size + 1])
        has_more = len(rows) > size
        rows = rows[:size]
        if reverse:
            rows.reverse()
        self.next_cursor = self.previous_cursor = None
        if rows:
            first, last = rows[0], rows[-1]
            if (has_more and not reverse) or (reverse and cursor is not None):
                self.next_cursor = self._make_cursor(ordering, field, last, reverse=False)
            if (cursor is not None and not reverse) or (reverse and has_more):
                self.previous_cursor = self._make_cursor(ordering, field, first, reverse=True)
        return rows

    @staticmethod
    def _make_cursor(ordering: str, field: str, row: Any, *, reverse: bool) -> str:
        # Rows are model instances, or dicts from .values() (which must include "id" and the sort field).
        if isinstance(row, dict):
            value, pk = row[field], row["id"]
        else:
            value, pk = getattr(row, field), row.pk
        return signing.dumps({"o": ordering, "v": _encode_value(value), "i": pk, "r": reverse}, salt=_SALT)

    def _link(self, cursor: str | None) -> str | None:
        if cursor is None or self.request is None:
            return None
        params = self.request.query_params.copy()
        params["cursor"] = cursor
        return self.request.build_absolute_uri(self.request.path) + "?" + urlencode(params, doseq=True)

    def get_paginated_response(self, data: Any) -> Response:
        return Response(
            {"next": self._link(self.next_cursor), "previous": self._link(self.previous_cursor), "results": data}
        )

    # --- OpenAPI ----------------------------------------------------------------------------

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        link = {"type": "string", "nullable": True, "format": "uri"}
        return {
            "type": "object",
            "required": ["next", "previous", "results"],
            "properties": {"next": link, "previous": link, "results": schema},
        }

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        return [
            {
                "name": "cursor",
                "in": "query",
                "required": False,
                "description": "Opaque position from a previous page's next/previous link.",
                "schema": {"type": "string"},
            },
            {
                "name": "page_size",
                "in": "query",
                "required": False,
                "description": f"Items per page (default {self.page_size}).",
                "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page_size},
            },
            {
                "name": "ordering",
                "in": "query",
                "required": False,
                "description": f"Sort order; a leading '-' means descending. Default {view.default_ordering}.",
                "schema": {"type": "string", "enum": self.ordering_choices(view)},
            },
        ]
