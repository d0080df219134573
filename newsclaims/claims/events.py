"""The change feed's one writer: ``event_record``, called by the claims services for every change they make.

Services call it inside their transaction, so an event exists exactly when its change does. Once the
transaction commits, ``events_recorded`` is sent with the new events' ids; the webhooks app listens (this app
never imports it, so the dependency points one way).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import connection, transaction
from django.db.models import BigIntegerField, Func, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.dispatch import Signal
from django.utils import timezone

from newsclaims.claims.models import ChangeEvent

# Sent after commit with ``event_ids: list[int]``.
events_recorded = Signal()

Type = ChangeEvent.Type
Resource = ChangeEvent.Resource
_PATHS = {Resource.CLAIM: "claims", Resource.ARTICLE: "articles", Resource.SPEAKER: "speakers"}


def resource_path(resource: str, pk: int) -> str:
    """Where the API serves (or served) a resource: the address a feed event or a webhook points to."""
    return f"/api/v1/{_PATHS[Resource(resource)]}/{pk}/"


def _actor(user: AbstractBaseUser | AnonymousUser | None) -> Any:
    return user if user is not None and getattr(user, "is_authenticated", False) else None


def event_record(
    *,
    type: str,
    resource: str,
    ids: Iterable[int],
    actor: AbstractBaseUser | AnonymousUser | None = None,
    payload: Mapping[str, Any] | None = None,
    payloads: Mapping[int, Mapping[str, Any]] | None = None,
) -> list[ChangeEvent]:
    """One event per id, in one insert (bulk writers pass all their ids at once).

    ``payload`` is shared by every event; ``payloads`` adds per-id details. Keep both small: the feed says what
    changed, the resource itself is fetched.
    """
    if type not in Type.values or resource not in Resource.values:
        raise ValueError(f"unknown event {resource}.{type}")
    now = timezone.now()
    who = _actor(actor)
    txid = CurrentTransaction() if connection.vendor == "postgresql" else None
    rows = [
        ChangeEvent(
            type=type,
            resource=resource,
            resource_id=pk,
            at=now,
            actor=who,
            payload={**(payload or {}), **((payloads or {}).get(pk) or {})},
            txid=txid,
        )
        for pk in ids
    ]
    if not rows:
        return []
    created = ChangeEvent.objects.bulk_create(rows)
    for event in created:
        # The insert computed it: left unloaded, so reading it fetches the stored value, not the expression.
        event.__dict__.pop("txid", None)
    event_ids = [e.pk for e in created]
    transaction.on_commit(lambda: events_recorded.send(sender=ChangeEvent, event_ids=event_ids), robust=True)
    return created


class CurrentTransaction(Func):
    """The writing transaction's id, read by the INSERT itself: no query of its own (an ingestion job records
    events three times in one transaction). PostgreSQL only; SQLite stores null."""

    template = "pg_current_xact_id()::text::bigint"
    output_field = BigIntegerField()


# The oldest transaction still writing in this database when the statement's snapshot was taken, else the
# snapshot's xmax (every older transaction has ended). Transactions running in other databases on the server
# are left out; one that ended since the snapshot still counts (its events are not in this snapshot yet).
# backend_xid is a 32-bit xid, the snapshot's are 64-bit (epoch << 32 | xid), hence the mod().
_HORIZON = """COALESCE(
    (SELECT min(x::text::bigint) FROM pg_snapshot_xip(pg_current_snapshot()) AS x
     WHERE mod(x::text::bigint, 4294967296) NOT IN (
        SELECT backend_xid::text::bigint FROM pg_stat_activity
        WHERE backend_xid IS NOT NULL AND datname IS DISTINCT FROM current_database())),
    pg_snapshot_xmax(pg_current_snapshot())::text::bigint)"""


def settled(queryset: QuerySet[ChangeEvent]) -> QuerySet[ChangeEvent]:
    """Only events no still-open transaction can precede in id order, so a reader resuming after the last id it
    saw never skips one.

    On PostgreSQL: events whose transaction is older than every transaction still writing to this database, plus
    the reader's own. So an event shows once the transactions that began writing before it have ended; a long
    write (a migration, a large batch) delays the feed, never reorders it. Read-only transactions do not count.
    """
    if connection.vendor != "postgresql":
        return queryset
    horizon = RawSQL(_HORIZON, [])  # noqa: S611 - a constant statement without parameters
    own = RawSQL("pg_current_xact_id_if_assigned()::text::bigint", [])
    return queryset.filter(Q(txid__lt=horizon) | Q(txid=own))
