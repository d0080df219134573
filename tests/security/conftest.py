"""A small, fully populated site for the security tests, and helpers to prove "nothing changed"."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType

from newsclaims.api.models import ApiToken
from newsclaims.api.tokens import api_token_find, api_token_issue
from newsclaims.claims import services
from newsclaims.claims.models import (
    Article,
    ChangeEvent,
    Claim,
    ClaimEvent,
    Evidence,
    Note,
    Speaker,
    SpeakerAlias,
)
from newsclaims.claims.roles import EDITORS_GROUP
from newsclaims.ingestion.models import IngestionJob
from newsclaims.webhooks import services as webhook_services
from newsclaims.webhooks.models import WebhookDelivery, WebhookSubscription
from tests.factories import ArticleFactory, SpeakerFactory, UserFactory, make_claim

PASSWORD = "pw-for-tests"
PUBLIC_HOOK_URL = "https://203.0.114.7/hooks/newsclaims"
ROLES = ("anonymous", "viewer", "editor", "admin")


@dataclass
class World:
    """Every kind of object a URL can point at, so each URL pattern can be filled in."""

    users: dict[str, Any]
    article: Article
    speaker: Speaker
    other_speaker: Speaker
    claim: Claim
    note: Note
    evidence: Evidence
    job: IngestionJob
    token: ApiToken
    group: Group

    def ids(self) -> dict[str, Any]:
        event = self.claim.events.order_by("pk").first()
        return {
            "article": self.article.pk,
            "speaker": self.speaker.pk,
            "other_speaker": self.other_speaker.pk,
            "claim": self.claim.pk,
            "note": self.note.pk,
            "evidence": self.evidence.pk,
            "event": event.pk if event else 0,
            "job": self.job.pk,
            "token": self.token.pk,
            "group": self.group.pk,
            "user": self.users["viewer"].pk,
            "alias": SpeakerAlias.objects.filter(speaker=self.speaker).values_list("pk", flat=True).first(),
            "claim_ct": ContentType.objects.get_for_model(Claim).pk,
            "webhook": WebhookSubscription.objects.values_list("pk", flat=True).first(),
            "delivery": WebhookDelivery.objects.values_list("pk", flat=True).first(),
        }


@pytest.fixture
def world(db) -> World:
    users = {
        "viewer": UserFactory(username="viewer-1", email="viewer@example.org"),
        "editor": UserFactory(username="editor-1", editor=True),
        "admin": UserFactory(username="admin-1", is_staff=True, is_superuser=True),
    }
    article = ArticleFactory(url="https://example.org/story")
    speaker = SpeakerFactory()
    claim = make_claim(article, speaker=speaker, rating="false", rating_explanation="Wrong month.")
    note = services.claim_add_note(claim=claim, author=users["editor"], body="Called the mayor's office.")
    evidence = services.claim_add_evidence(
        claim=claim, added_by=users["editor"], url="https://example.org/minutes", kind="document"
    )
    job = IngestionJob.objects.create(status=IngestionJob.Status.DONE, source="text", article=article)
    # A public address given as an IP: no DNS needed, and nothing is sent (the test transaction never commits).
    webhook = webhook_services.subscription_create(url=PUBLIC_HOOK_URL)
    WebhookDelivery.objects.create(subscription=webhook, event=ChangeEvent.objects.order_by("pk").last())
    return World(
        users=users,
        article=article,
        speaker=speaker,
        other_speaker=SpeakerFactory(),
        claim=claim,
        note=note,
        evidence=evidence,
        job=job,
        token=api_token_find(key=api_token_issue(user=users["viewer"])),  # type: ignore[arg-type]
        group=Group.objects.get(name=EDITORS_GROUP),
    )


STORED = (
    *(Article, Speaker, SpeakerAlias, Claim, Note, Evidence, ClaimEvent, IngestionJob),
    *(ChangeEvent, WebhookSubscription, WebhookDelivery),
)


def snapshot() -> dict[str, Any]:
    """Row counts of everything users can create, plus every claim's version and review fields."""
    state: dict[str, Any] = {model.__name__: model.objects.count() for model in STORED}
    state["claims"] = sorted(
        Claim.objects.values_list(
            "pk", "version", "attribution_status", "rating", "rating_explanation", "speaker_id", "content_start"
        )
    )
    return state
