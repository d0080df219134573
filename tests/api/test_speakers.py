from __future__ import annotations

import pytest

from newsclaims.claims import services
from newsclaims.claims.models import Claim, ClaimEvent, Speaker, SpeakerAlias
from tests.factories import SpeakerFactory, make_claim

pytestmark = pytest.mark.django_db


def test_speaker_search_matches_name_or_alias(reader_client):
    putin = SpeakerFactory(name="Vladimir Putin")
    services.speaker_alias_add(speaker=putin, name="V. V. Putin")
    SpeakerFactory(name="Jane Doe")
    found = reader_client.get("/api/v1/speakers/", {"q": "President Putin"}).json()["results"]
    assert [r["id"] for r in found] == [putin.pk]
    assert [r["id"] for r in reader_client.get("/api/v1/speakers/", {"q": "v v"}).json()["results"]] == [putin.pk]
    everyone = reader_client.get("/api/v1/speakers/").json()["results"]
    assert [r["name"] for r in everyone] == ["Jane Doe", "Vladimir Putin"]


def test_speaker_detail_has_aliases_and_claim_counts_by_rating(reader_client, editor):
    speaker = SpeakerFactory(name="Jane Doe")
    services.speaker_alias_add(speaker=speaker, name="Mayor Doe")
    a, _ = make_claim(speaker=speaker), make_claim(speaker=speaker)
    services.claim_review(claim=a, actor=editor, expected_version=1, rating="false")
    body = reader_client.get(f"/api/v1/speakers/{speaker.pk}/").json()
    assert sorted(body["aliases"]) == ["Jane Doe", "Mayor Doe"]
    assert body["claim_count"] == 2
    assert body["claims_by_rating"]["false"] == 1 and body["claims_by_rating"]["not_rated"] == 1
    assert reader_client.get("/api/v1/speakers/999999/").status_code == 404


def test_admin_merges_speakers_moving_claims_and_aliases_with_history(admin_client_api, admin_user):
    source, target = SpeakerFactory(name="J. Doe"), SpeakerFactory(name="Jane Doe")
    claim = make_claim(speaker=source)
    response = admin_client_api.post(f"/api/v1/speakers/{source.pk}/merge/", {"into": target.pk}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["id"] == target.pk and "J. Doe" in response.json()["aliases"]
    assert not Speaker.objects.filter(pk=source.pk).exists()
    assert Claim.objects.get(pk=claim.pk).speaker_id == target.pk
    event = ClaimEvent.objects.get(claim=claim)
    assert (event.action, event.actor) == ("speaker_merge", admin_user)


@pytest.mark.parametrize("client_name, status", [("anon_client", 401), ("reader_client", 403), ("editor_client", 403)])
def test_only_admins_may_merge(request, client_name, status):
    source, target = SpeakerFactory(), SpeakerFactory()
    response = request.getfixturevalue(client_name).post(
        f"/api/v1/speakers/{source.pk}/merge/", {"into": target.pk}, format="json"
    )
    assert response.status_code == status
    assert Speaker.objects.filter(pk=source.pk).exists()


def test_bad_merges_are_refused(admin_client_api):
    speaker = SpeakerFactory()
    itself = admin_client_api.post(f"/api/v1/speakers/{speaker.pk}/merge/", {"into": speaker.pk}, format="json")
    assert itself.status_code == 400 and "into" in itself.json()["error"]["detail"]
    missing = admin_client_api.post(f"/api/v1/speakers/{speaker.pk}/merge/", {"into": 999999}, format="json")
    assert missing.status_code == 400
    gone = admin_client_api.post("/api/v1/speakers/999999/merge/", {"into": speaker.pk}, format="json")
    assert gone.status_code == 404
    assert SpeakerAlias.objects.filter(speaker=speaker).count() == 1
