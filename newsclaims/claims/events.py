"""The change feed's one writer: ``event_record``, called by the claims services for every change they make.

Services call it inside their transaction, so an event exists exactly when its change does. Once the
transaction commits, ``events_recorded`` is sent with the new events' ids; the webhooks app listens (this app
never imports it, so the dependency points one way).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

from newsclaims.claims.models import ChangeEvent

# Sent after commit with ``event_ids: list[int]``.
events_recorded = Signal()

Type = ChangeEvent.Type
Resource = ChangeEvent.Resource


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
    rows = [
        ChangeEvent(
            type=type,
            resource=resource,
            resource_id=pk,
            at=now,
            actor=who,
            payload={**(payload or {}), **((payloads or {}).get(pk) or {})},
        )
        for pk in ids
    ]
    if not rows:
        return []
    created = ChangeEvent.objects.bulk_create(rows)
    event_ids = [e.pk for e in created]
    transaction.on_commit(lambda: events_recorded.send(sender=ChangeEvent, event_ids=event_ids), robust=True)
    return created
