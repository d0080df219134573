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

from collections.abc import Generator, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.db import connection
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


@contextmanager
def _copy_out(query: tuple[str, Sequence[Any]], *, options: str) -> Iterator[Iterable[memoryview]]:
    """PostgreSQL's COPY of ``query`` (SQL, params) TO STDOUT with ``options``, as the blocks it sends."""
    import psycopg

    sql, params = query
    connection.ensure_connection()
    raw = connection.connection
    # COPY takes no bind parameters: psycopg's client-side cursor quotes them into the statement.
    statement = psycopg.ClientCursor(raw).mogrify(sql, params)
    finished = False
    try:
        with raw.cursor() as cursor:
            # JIT compiling a long row expression took longer than running it (seconds before the first row
            # at 80,000 reviews); the connection is set back below, or closed.
            cursor.execute("SET jit = off")
            with cursor.copy(f"COPY ({statement}) TO STDOUT ({options})") as copy:
                yield copy
            cursor.execute("RESET jit")
        finished = True
    finally:
        if not finished:
            # psycopg cancels a COPY left half-way (the client went away); should that fail, the connection
            # could be left mid-COPY, unable to serve another query: a new one is safer.
            connection.close()


def csv_copy_stream(query: tuple[str, Sequence[Any]], *, header: str) -> Iterator[str | bytes]:
    """``header``, then the rows of ``query`` (SQL, params) as CSV written by PostgreSQL (COPY ... TO STDOUT).

    One statement streamed as PostgreSQL writes it: memory stays flat, and no Python runs per row.
    """
    yield header
    with _copy_out(query, options="FORMAT csv") as copy:
        for block in copy:
            yield bytes(block)


def copy_text_rows(query: tuple[str, Sequence[Any]], *, batch: int = 256 * 1024) -> Generator[bytes]:
    """The rows of ``query`` (SQL, params; one text column with no control characters, such as JSON), each
    followed by a newline, as PostgreSQL writes them (COPY), in pieces of about ``batch`` bytes.

    COPY's text format would double every backslash, and its CSV format would quote any text with a comma or a
    double quote: the CSV format with a delimiter and a quote character that such text never holds writes
    each row as it is. The query runs at the first ``next()``, so its errors come before any output.
    """
    with _copy_out(query, options="FORMAT csv, DELIMITER E'\\x01', QUOTE E'\\x02'") as copy:
        # libpq hands COPY's output over a row at a time: joined, a few hundred rows make one write.
        rows: list[bytes] = []
        size = 0
        for row in copy:
            rows.append(bytes(row))
            size += len(row)
            if size >= batch:
                yield b"".join(rows)
                rows.clear()
                size = 0
        if rows:
            yield b"".join(rows)
