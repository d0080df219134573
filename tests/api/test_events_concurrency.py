"""The feed never lets a resuming reader skip an event committed after a later-numbered one (PostgreSQL)."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, transaction

from newsclaims.claims.events import event_record, settled
from newsclaims.claims.models import ChangeEvent
from tests.requires import need_postgres


@pytest.mark.django_db(transaction=True)
def test_an_event_waits_until_every_older_open_transaction_has_ended():
    need_postgres("transaction ids and snapshots are PostgreSQL's")
    written, release, done = threading.Event(), threading.Event(), threading.Event()
    slow_id: list[int] = []

    def slow_writer() -> None:
        try:
            with transaction.atomic():
                slow_id.append(event_record(type="updated", resource="claim", ids=[1])[0].pk)
                written.set()
                release.wait(timeout=10)
        finally:
            connection.close()
            done.set()

    thread = threading.Thread(target=slow_writer, daemon=True)
    thread.start()
    assert written.wait(timeout=10)
    with transaction.atomic():
        fast = event_record(type="updated", resource="claim", ids=[2])[0]
    assert fast.pk > slow_id[0]
    # Committed, but an older transaction is still open: a reader resuming after `fast` would skip the slow one.
    assert not settled(ChangeEvent.objects.filter(pk=fast.pk)).exists()
    release.set()
    assert done.wait(timeout=10)
    thread.join(timeout=5)
    # Other databases' writers on the same server hold the horizon back too, for as long as their transaction.
    deadline = time.monotonic() + 30
    while not settled(ChangeEvent.objects.filter(pk=fast.pk)).exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert list(settled(ChangeEvent.objects.order_by("id")).values_list("pk", flat=True)) == [slow_id[0], fast.pk]


@pytest.mark.django_db(transaction=True)
def test_an_event_takes_its_transaction_id_in_its_own_insert():
    need_postgres("transaction ids are PostgreSQL's")
    from django.test.utils import CaptureQueriesContext

    with transaction.atomic():
        with CaptureQueriesContext(connection) as queries:
            first = event_record(type="updated", resource="claim", ids=[1, 2])
            second = event_record(type="created", resource="article", ids=[3])
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_current_xact_id()::text::bigint")
            (txid,) = cursor.fetchone()
    # One INSERT per call: no separate SELECT for the transaction id.
    assert [q["sql"].split()[0] for q in queries.captured_queries] == ["INSERT", "INSERT"]
    assert {e.txid for e in [*first, *second]} == {txid}
    assert set(ChangeEvent.objects.values_list("txid", flat=True)) == {txid}
