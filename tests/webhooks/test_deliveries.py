"""Webhooks: signed deliveries to a real local receiver, retries with Celery, the log, replay, the address guard."""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import time

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import transaction

from newsclaims.claims import services as claim_services
from newsclaims.claims.models import ChangeEvent
from newsclaims.webhooks import services
from newsclaims.webhooks.models import WebhookDelivery
from newsclaims.webhooks.signing import verify

pytestmark = pytest.mark.django_db


def _review(claim, editor, django_capture_on_commit_callbacks, rating: str = "false") -> None:
    # Deliveries are enqueued on commit; without a broker Celery runs them in process (eager), retries included.
    with django_capture_on_commit_callbacks(execute=True):
        claim_services.claim_review(claim=claim, actor=editor, expected_version=None, rating=rating)


def test_a_review_is_delivered_signed_to_the_receiver(receiver, claim, editor, django_capture_on_commit_callbacks):
    sub = services.subscription_create(url=receiver.url, event_types=["claim.reviewed"])
    _review(claim, editor, django_capture_on_commit_callbacks)

    [got] = receiver.received
    assert got.path == "/hooks/newsclaims"
    # Verify as a receiver would, from the documented scheme alone: HMAC-SHA256 over "<t>.<body>".
    parts = dict(p.split("=", 1) for p in got.headers["Newsclaims-Signature"].split(","))
    expected = hmac.new(sub.secret.encode(), parts["t"].encode() + b"." + got.body, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(parts["v1"], expected)
    assert abs(int(parts["t"]) - time.time()) < 60
    assert verify(secret=sub.secret, header=got.headers["Newsclaims-Signature"], body=got.body)
    assert not verify(secret="whsec_wrong", header=got.headers["Newsclaims-Signature"], body=got.body)
    assert not verify(secret=sub.secret, header=got.headers["Newsclaims-Signature"], body=got.body + b" ")
    event = json.loads(got.body)
    assert (event["type"], event["resource_id"], event["actor"]) == ("claim.reviewed", claim.pk, editor.username)
    assert event["url"].endswith(f"/api/v1/claims/{claim.pk}/") and event["payload"]["fields"] == ["rating"]
    assert got.headers["Newsclaims-Event"] == "claim.reviewed"
    assert got.headers["Content-Type"] == "application/json"

    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("succeeded", 1)
    [attempt] = delivery.log.all()
    assert attempt.status_code == 200 and attempt.error == "" and attempt.duration_ms >= 0


def test_a_failing_receiver_is_retried_until_it_answers(receiver, claim, editor, django_capture_on_commit_callbacks):
    receiver.statuses = [500, 503]
    services.subscription_create(url=receiver.url, event_types=["claim.*"])
    _review(claim, editor, django_capture_on_commit_callbacks)

    assert len(receiver.received) == 3
    assert len({r.body for r in receiver.received}) == 1  # the same event each time
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("succeeded", 3)
    assert [(a.number, a.status_code) for a in delivery.log.all()] == [(1, 500), (2, 503), (3, 200)]
    assert delivery.log.first().error == "HTTP 500 Internal Server Error"


def test_a_receiver_that_keeps_failing_ends_failed_after_the_retries(
    receiver, claim, editor, django_capture_on_commit_callbacks, settings
):
    settings.NEWSCLAIMS_WEBHOOK_MAX_RETRIES = 2
    receiver.statuses = [500] * 10
    services.subscription_create(url=receiver.url)
    _review(claim, editor, django_capture_on_commit_callbacks)
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, len(receiver.received)) == ("failed", 3, 3)
    assert delivery.finished_at is not None


def test_only_the_event_types_asked_for_are_sent(receiver, claim, editor, django_capture_on_commit_callbacks):
    services.subscription_create(url=receiver.url, event_types=["speaker.*"])
    inactive = services.subscription_create(url=receiver.url, active=False)
    _review(claim, editor, django_capture_on_commit_callbacks)
    assert receiver.received == [] and not WebhookDelivery.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        claim_services.speaker_create(name="Ingrid Solbakken")
    assert [json.loads(r.body)["type"] for r in receiver.received] == ["speaker.created"]
    assert not inactive.deliveries.exists()


def test_nothing_is_sent_when_the_change_rolls_back(receiver, claim, editor, django_capture_on_commit_callbacks):
    services.subscription_create(url=receiver.url)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValueError), transaction.atomic():
        claim_services.claim_review(claim=claim, actor=editor, expected_version=None, rating="true")
        raise ValueError("the caller's transaction fails")
    assert receiver.received == [] and not WebhookDelivery.objects.exists()


def test_private_receivers_are_refused_like_article_fetching(
    receiver, settings, claim, editor, django_capture_on_commit_callbacks
):
    settings.NEWSCLAIMS_FETCH_ALLOW_PRIVATE = False
    for url in (receiver.url, "http://10.1.2.3/hook", "http://[::1]/hook", "ftp://example.org/hook"):
        with pytest.raises(ValidationError):
            services.subscription_create(url=url)
    # A subscription made while loopback was allowed is still checked at each delivery.
    settings.NEWSCLAIMS_FETCH_ALLOW_PRIVATE = True
    services.subscription_create(url=receiver.url)
    settings.NEWSCLAIMS_FETCH_ALLOW_PRIVATE = False
    settings.NEWSCLAIMS_WEBHOOK_MAX_RETRIES = 0
    _review(claim, editor, django_capture_on_commit_callbacks)
    assert receiver.received == []
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "failed" and "private" in delivery.log.get().error


def test_unknown_event_types_are_refused(receiver):
    with pytest.raises(ValidationError, match="Unknown event type"):
        services.subscription_create(url=receiver.url, event_types=["claim.exploded"])


def test_pending_deliveries_are_queued_again_by_the_command(receiver, claim, django_capture_on_commit_callbacks):
    sub = services.subscription_create(url=receiver.url)
    event = ChangeEvent.objects.filter(resource="claim", resource_id=claim.pk).get()
    # As if the broker had been down when it was published.
    stuck = WebhookDelivery.objects.create(subscription=sub, event=event)
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("webhooks_requeue", "--older-than", "0", stdout=out)
    assert "queued 1 pending" in out.getvalue()
    stuck.refresh_from_db()
    assert stuck.status == "succeeded" and json.loads(receiver.received[0].body)["id"] == event.pk


def test_recorded_events_without_subscriptions_cost_one_query_and_no_transaction():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    event = ChangeEvent.objects.create(type="created", resource="claim", resource_id=1, at="2026-01-01T00:00:00Z")
    with CaptureQueriesContext(connection) as queries:
        assert services.deliveries_create(event_ids=[event.pk]) == []
    assert len(queries.captured_queries) == 1
    assert "webhooks_webhooksubscription" in queries.captured_queries[0]["sql"]
    assert not any("SAVEPOINT" in q["sql"] for q in queries.captured_queries)
