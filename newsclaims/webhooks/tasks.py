"""The delivery task: thin; the work and the log are services.delivery_attempt's."""

from __future__ import annotations

import random
from typing import Any

from celery import shared_task
from django.conf import settings

from newsclaims.webhooks.models import WebhookDelivery
from newsclaims.webhooks.services import delivery_attempt


def backoff(retries: int) -> float:
    """Exponential backoff with jitter: 10 s, 20 s, 40 s ... capped at an hour."""
    return min(3600.0, 10.0 * 2.0**retries) * random.uniform(0.8, 1.2)


def _deliver(self: Any, delivery_id: int) -> dict[str, Any]:
    retries = int(self.request.retries)
    final = retries >= int(settings.NEWSCLAIMS_WEBHOOK_MAX_RETRIES)
    delivery = delivery_attempt(delivery_id=delivery_id, final=final)
    if delivery is None:
        return {"delivery": delivery_id, "status": "missing"}
    if delivery.status == WebhookDelivery.Status.PENDING:
        # Eager mode (no broker) retries at once, in process; a worker waits the countdown.
        raise self.retry(countdown=backoff(retries))
    return {"delivery": delivery_id, "status": delivery.status, "attempts": delivery.attempts}


# Any: Celery ships no type information. Retries are counted against the setting, not Celery's max_retries.
deliver_webhook: Any = shared_task(
    name="newsclaims.webhooks.tasks.deliver_webhook",
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=None,
)(_deliver)
