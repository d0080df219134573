"""Webhook subscriptions, deliveries and their log. Tasks and views call these; they never write the models."""

from __future__ import annotations

import datetime as dt
import json
import secrets
import time
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from newsclaims.claims.events import resource_path
from newsclaims.claims.models import ChangeEvent
from newsclaims.ingestion.errors import IngestionError
from newsclaims.webhooks import sending
from newsclaims.webhooks.models import WebhookAttempt, WebhookDelivery, WebhookSubscription
from newsclaims.webhooks.signing import HEADER, signature

User = AbstractBaseUser | AnonymousUser | None

EVENT_TYPES = [f"{r}.{t}" for r in ChangeEvent.Resource.values for t in ChangeEvent.Type.values]
PATTERNS = {"*", *EVENT_TYPES, *(f"{r}.*" for r in ChangeEvent.Resource.values)}


def _actor(user: User) -> Any:
    return user if user is not None and getattr(user, "is_authenticated", False) else None


def subscription_check(url: str, event_types: Sequence[str]) -> tuple[str, list[str]]:
    """The checked URL and event patterns, or a ValidationError naming the field.

    The URL must resolve to public addresses only (loopback too when NEWSCLAIMS_FETCH_ALLOW_PRIVATE is on).
    """
    try:
        url = sending.check_address(url)
    except IngestionError as exc:
        raise ValidationError({"url": [str(exc)]}) from None
    if not isinstance(event_types, list | tuple) or not all(isinstance(t, str) for t in event_types):
        raise ValidationError({"event_types": ["Give a list of event types."]})
    unknown = sorted(set(event_types) - PATTERNS)
    if unknown:
        allowed = ", ".join(["*", *EVENT_TYPES])
        raise ValidationError({"event_types": [f"Unknown event type {unknown[0][:60]!r}; use one of: {allowed}."]})
    return url, sorted(set(event_types))


@transaction.atomic
def subscription_create(
    *,
    url: str,
    event_types: Sequence[str] = (),
    secret: str = "",
    active: bool = True,
    description: str = "",
    created_by: User = None,
) -> WebhookSubscription:
    """A new subscription; without a ``secret`` one is generated (show it to the receiver's owner)."""
    url, types = subscription_check(url, event_types)
    subscription = WebhookSubscription(
        url=url,
        event_types=types,
        secret=secret.strip() or f"whsec_{secrets.token_urlsafe(32)}",
        active=active,
        description=description.strip()[:200],
        created_by=_actor(created_by),
    )
    subscription.full_clean(exclude=["url"])
    subscription.save()
    return subscription


@transaction.atomic
def subscription_update(*, subscription: WebhookSubscription, **changes: Any) -> WebhookSubscription:
    """Change any of url, event_types, secret, active, description; the address is checked again."""
    allowed = {"url", "event_types", "secret", "active", "description"}
    if unknown := set(changes) - allowed:
        raise ValidationError(f"Unknown subscription fields: {', '.join(sorted(unknown))}")
    url, types = subscription_check(
        changes.get("url", subscription.url), changes.get("event_types", subscription.event_types)
    )
    subscription.url, subscription.event_types = url, types
    if "secret" in changes:
        if not str(changes["secret"]).strip():
            raise ValidationError({"secret": ["A secret cannot be empty."]})
        subscription.secret = str(changes["secret"]).strip()
    if "active" in changes:
        subscription.active = bool(changes["active"])
    if "description" in changes:
        subscription.description = str(changes["description"]).strip()[:200]
    subscription.full_clean(exclude=["url"])
    subscription.save()
    return subscription


@transaction.atomic
def subscription_delete(*, subscription: WebhookSubscription) -> None:
    subscription.delete()


# --- deliveries -----------------------------------------------------------------------------


def event_body(event: ChangeEvent) -> bytes:
    """What a receiver gets: the feed's representation of the event (GET /api/v1/events/)."""
    base = settings.NEWSCLAIMS_BASE_URL
    return json.dumps(
        {
            "id": event.pk,
            "type": f"{event.resource}.{event.type}",
            "resource": event.resource,
            "resource_id": event.resource_id,
            "url": base + resource_path(event.resource, event.resource_id),
            "at": event.at.isoformat(),
            "actor": event.actor.get_username() if event.actor is not None else None,
            "payload": event.payload,
        },
        separators=(",", ":"),
        sort_keys=True,
    ).encode()


def _enqueue(deliveries: Sequence[WebhookDelivery]) -> None:
    # Imported here: tasks import this module.
    from newsclaims.webhooks.tasks import deliver_webhook

    ids = [d.pk for d in deliveries]

    def publish() -> None:
        for pk in ids:
            deliver_webhook.delay(pk)

    transaction.on_commit(publish, robust=True)


def deliveries_create(*, event_ids: Sequence[int]) -> list[WebhookDelivery]:
    """A pending delivery per (active subscription, event it wants); each is sent after commit."""
    # Looked up before a transaction opens: with no subscriptions (the usual case) this is one query, not three.
    subscriptions = list(WebhookSubscription.objects.filter(active=True))
    if not subscriptions:
        return []
    with transaction.atomic():
        events = ChangeEvent.objects.filter(pk__in=event_ids).order_by("id")
        deliveries = WebhookDelivery.objects.bulk_create(
            WebhookDelivery(subscription=s, event=e)
            for e in events
            for s in subscriptions
            if s.wants(f"{e.resource}.{e.type}")
        )
        _enqueue(deliveries)
    return deliveries


def deliveries_requeue_pending(*, older_than: int) -> int:
    """Queue again the deliveries still pending after ``older_than`` seconds (a publish lost while the broker was
    down, a worker gone for good). A delivery whose task is merely late may then be sent twice: receivers dedupe
    on the event id, as they must anyway (retries, replays)."""
    cutoff = timezone.now() - dt.timedelta(seconds=older_than)
    pending = list(WebhookDelivery.objects.filter(status=WebhookDelivery.Status.PENDING, created_at__lt=cutoff))
    with transaction.atomic():
        _enqueue(pending)
    return len(pending)


def on_events_recorded(sender: Any, event_ids: list[int], **kwargs: Any) -> None:
    deliveries_create(event_ids=event_ids)


@transaction.atomic
def delivery_replay(*, delivery: WebhookDelivery) -> WebhookDelivery:
    """Send a delivery's event again (to the subscription as it is now), as a new delivery with its own log."""
    replay = WebhookDelivery.objects.create(
        subscription_id=delivery.subscription_id, event_id=delivery.event_id, replay_of=delivery
    )
    _enqueue([replay])
    return replay


def delivery_attempt(*, delivery_id: int, final: bool) -> WebhookDelivery | None:
    """POST the delivery once and log it. Returns the delivery (None if it is gone); ``final`` marks a failure
    as the last one. The HTTP request runs outside any transaction: no lock is held while a receiver answers."""
    delivery = (
        WebhookDelivery.objects.select_related("subscription", "event", "event__actor").filter(pk=delivery_id).first()
    )
    if delivery is None or delivery.status != WebhookDelivery.Status.PENDING:
        return delivery
    subscription = delivery.subscription
    body = event_body(delivery.event)
    timestamp = int(time.time())
    outcome = sending.post(
        subscription.url,
        body=body,
        headers={
            HEADER: signature(secret=subscription.secret, timestamp=timestamp, body=body),
            "Newsclaims-Event": f"{delivery.event.resource}.{delivery.event.type}",
            "Newsclaims-Delivery": str(delivery.pk),
        },
        timeout=float(settings.NEWSCLAIMS_WEBHOOK_TIMEOUT),
    )
    return _log(delivery, outcome, final=final)


@transaction.atomic
def _log(delivery: WebhookDelivery, outcome: sending.Outcome, *, final: bool) -> WebhookDelivery:
    WebhookDelivery.objects.filter(pk=delivery.pk).update(attempts=F("attempts") + 1)
    delivery.refresh_from_db(fields=["attempts"])
    WebhookAttempt.objects.create(
        delivery=delivery,
        number=delivery.attempts,
        status_code=outcome.status_code,
        error=outcome.error,
        duration_ms=outcome.duration_ms,
    )
    if outcome.ok or final:
        delivery.status = WebhookDelivery.Status.SUCCEEDED if outcome.ok else WebhookDelivery.Status.FAILED
        delivery.finished_at = timezone.now()
        delivery.save(update_fields=["status", "finished_at"])
    return delivery
