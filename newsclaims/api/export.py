"""Exports of any size: rows read in keyset chunks as plain values, written out as they come.

Memory stays flat however many claims match: nothing is built per row but a dict (no model instances), and
never more than one chunk is held. Each chunk is one ``(sort value, id)`` range query on the sort column's
index, as a list page is, so the 500th chunk costs what the first did and no transaction or cursor stays open
between chunks (Django's server-side cursors in autocommit are WITH HOLD: PostgreSQL materialises the whole
result before the first row, a million rows on the server's disk). Orderings by a computed value (an
annotation with no index) would re-sort the whole set for every chunk, so those stream from one server-side
cursor instead (``QuerySet.iterator``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Q, QuerySet

EXPORT_CHUNK = 5000


def keyset_chunks(
    rows: QuerySet[Any, dict[str, Any]], *, field: str, descending: bool, indexed: bool, chunk: int | None = None
) -> Iterator[dict[str, Any]]:
    """Every row of ``rows`` (a ``.values()`` queryset including ``id`` and ``field``), ordered by field then id."""
    chunk = chunk or EXPORT_CHUNK
    sign = "-" if descending else ""
    ordered = rows.order_by(f"{sign}{field}", f"{sign}pk")
    if not indexed:
        yield from ordered.iterator(chunk_size=chunk)
        return
    op, bound = ("lt", "lte") if descending else ("gt", "gte")
    position: tuple[Any, int] | None = None
    while True:
        page = ordered
        if position is not None:
            value, pk = position
            # The bound alone lets the index range scan start at the position; the OR then drops its ties.
            page = page.filter(
                Q(**{f"{field}__{bound}": value}), Q(**{f"{field}__{op}": value}) | Q(**{field: value, f"pk__{op}": pk})
            )
        batch = list(page[:chunk])
        yield from batch
        if len(batch) < chunk:
            return
        last = batch[-1]
        position = (last[field], last["id"])
