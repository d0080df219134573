"""Managing webhooks: the API (admins only) and the Django admin, replay from both."""

from __future__ import annotations

import json

import pytest

from newsclaims.claims import services as claim_services
from newsclaims.webhooks import services
from newsclaims.webhooks.models import WebhookDelivery, WebhookSubscription
from tests.api.conftest import token_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_api(admin_user):
    return token_client(admin_user)


def test_admins_create_read_change_and_delete_subscriptions(admin_api, receiver):
    created = admin_api.post(
        "/api/v1/webhooks/",
        {"url": receiver.url, "event_types": ["claim.reviewed", "speaker.*"], "description": "Desk"},
        format="json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["secret"].startswith("whsec_") and body["secret_hint"] == body["secret"][:10] + "…"
    pk = body["id"]
    read = admin_api.get(f"/api/v1/webhooks/{pk}/").json()
    assert "secret" not in read and read["event_types"] == ["claim.reviewed", "speaker.*"]
    assert [s["id"] for s in admin_api.get("/api/v1/webhooks/").json()["results"]] == [pk]
    patched = admin_api.patch(f"/api/v1/webhooks/{pk}/", {"active": False}, format="json")
    assert patched.status_code == 200 and patched.json()["active"] is False
    assert admin_api.delete(f"/api/v1/webhooks/{pk}/").status_code == 204
    assert not WebhookSubscription.objects.exists()


def test_bad_subscriptions_are_400s_naming_the_field(admin_api, receiver, settings):
    bad_type = admin_api.post("/api/v1/webhooks/", {"url": receiver.url, "event_types": ["x.y"]}, format="json")
    assert bad_type.status_code == 400 and "event_types" in bad_type.json()["error"]["detail"]
    settings.NEWSCLAIMS_FETCH_ALLOW_PRIVATE = False
    private = admin_api.post("/api/v1/webhooks/", {"url": receiver.url}, format="json")
    assert private.status_code == 400 and "url" in private.json()["error"]["detail"]
    missing = admin_api.post("/api/v1/webhooks/", {"event_types": []}, format="json")
    assert missing.status_code == 400
    unknown = admin_api.post("/api/v1/webhooks/", {"url": receiver.url, "colour": "red"}, format="json")
    assert unknown.status_code == 400
    assert not WebhookSubscription.objects.exists()


def test_editors_and_readers_cannot_see_or_manage_webhooks(editor, viewer, receiver):
    sub = services.subscription_create(url=receiver.url)
    for user in (editor, viewer):
        client = token_client(user)
        assert client.get("/api/v1/webhooks/").status_code == 403
        assert client.post("/api/v1/webhooks/", {"url": receiver.url}, format="json").status_code == 403
        assert client.delete(f"/api/v1/webhooks/{sub.pk}/").status_code == 403


def test_delivery_log_and_replay_through_the_api(
    admin_api, receiver, claim, editor, django_capture_on_commit_callbacks
):
    receiver.statuses = [500]
    sub = services.subscription_create(url=receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        claim_services.claim_review(claim=claim, actor=editor, expected_version=None, rating="true")
    [delivery] = admin_api.get(f"/api/v1/webhooks/{sub.pk}/deliveries/").json()["results"]
    assert delivery["status"] == "succeeded"
    assert [(a["number"], a["status_code"]) for a in delivery["log"]] == [(1, 500), (2, 200)]

    with django_capture_on_commit_callbacks(execute=True):
        replay = admin_api.post(f"/api/v1/webhooks/deliveries/{delivery['id']}/replay/")
    assert replay.status_code == 202
    assert replay.json()["replay_of"] == delivery["id"]
    assert len(receiver.received) == 3 and receiver.received[-1].body == receiver.received[0].body
    assert WebhookDelivery.objects.get(pk=replay.json()["id"]).status == "succeeded"
    assert admin_api.post("/api/v1/webhooks/deliveries/999999/replay/").status_code == 404


def test_the_django_admin_creates_a_subscription_and_replays_deliveries(
    admin_client, receiver, claim, editor, django_capture_on_commit_callbacks
):
    response = admin_client.post(
        "/admin/webhooks/webhooksubscription/add/",
        {"url": receiver.url, "event_types": '["claim.reviewed"]', "secret": "", "active": "on", "description": ""},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    sub = WebhookSubscription.objects.get()
    assert sub.secret.startswith("whsec_") and sub.event_types == ["claim.reviewed"]
    change_page = admin_client.get(f"/admin/webhooks/webhooksubscription/{sub.pk}/change/").content.decode()
    assert sub.secret in change_page  # the admin hands it to the receiver's owner
    refused = admin_client.post(
        "/admin/webhooks/webhooksubscription/add/",
        {"url": receiver.url, "event_types": '["claim.exploded"]', "secret": "", "active": "on", "description": ""},
    )
    assert refused.status_code == 200 and "Unknown event type" in refused.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        claim_services.claim_review(claim=claim, actor=editor, expected_version=None, rating="true")
    delivery = WebhookDelivery.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post("/admin/webhooks/webhookdelivery/", {"action": "replay", "_selected_action": [delivery.pk]})
    assert WebhookDelivery.objects.filter(replay_of=delivery).count() == 1
    assert [json.loads(r.body)["type"] for r in receiver.received] == ["claim.reviewed", "claim.reviewed"]
    assert admin_client.get(f"/admin/webhooks/webhookdelivery/{delivery.pk}/change/").status_code == 200
