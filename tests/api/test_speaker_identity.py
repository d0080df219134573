"""Merged-away speakers answer with a redirect, old ids keep filtering, and editors split records."""

from __future__ import annotations

import pytest

from newsclaims.claims import services
from tests.factories import ArticleFactory, SpeakerFactory, make_claim

pytestmark = pytest.mark.django_db


def test_a_merged_away_speaker_answers_301_with_the_survivors_address(reader_client):
    source, target = SpeakerFactory(), SpeakerFactory()
    services.speaker_merge(source=source, target=target)
    response = reader_client.get(f"/api/v1/speakers/{source.pk}/")
    assert response.status_code == 301
    assert response["Location"].endswith(f"/api/v1/speakers/{target.pk}/")
    assert reader_client.get(response["Location"]).json()["id"] == target.pk


def test_the_claims_filter_accepts_a_merged_away_id(reader_client):
    source, target = SpeakerFactory(), SpeakerFactory()
    moved = make_claim(speaker=source)
    services.speaker_merge(source=source, target=target)
    found = reader_client.get("/api/v1/claims/", {"speaker": source.pk}).json()["results"]
    assert [c["id"] for c in found] == [moved.pk]


def test_an_unknown_speaker_id_is_still_a_404(reader_client):
    assert reader_client.get("/api/v1/speakers/987654/").status_code == 404


def test_an_editor_splits_claims_into_a_new_speaker(editor_client):
    merged = SpeakerFactory()
    article = ArticleFactory()
    stays = make_claim(article, speaker=merged)
    moves = make_claim(article, content="We are on schedule", speaker=merged)
    response = editor_client.post(
        f"/api/v1/speakers/{merged.pk}/split/", {"claims": [moves.pk], "name": "Lorcan Featherstone"}, format="json"
    )
    assert response.status_code == 200 and response.json()["name"] == "Lorcan Featherstone"
    moves.refresh_from_db()
    stays.refresh_from_db()
    assert moves.speaker_id == response.json()["id"] and stays.speaker == merged


@pytest.mark.parametrize(
    "body",
    [{"claims": [], "name": "X Y"}, {"claims": [1]}, {"claims": [1], "name": "X Y", "into": 1}, {"claims": ["a"]}],
)
def test_a_split_without_exactly_one_destination_or_claims_is_a_400(editor_client, body):
    speaker = SpeakerFactory()
    response = editor_client.post(f"/api/v1/speakers/{speaker.pk}/split/", body, format="json")
    assert response.status_code == 400 and "error" in response.json()


def test_a_split_of_someone_elses_claim_is_a_400_and_moves_nothing(editor_client):
    one, two = SpeakerFactory(), SpeakerFactory()
    foreign = make_claim(speaker=two)
    response = editor_client.post(
        f"/api/v1/speakers/{one.pk}/split/", {"claims": [foreign.pk], "into": two.pk}, format="json"
    )
    assert response.status_code == 400
    foreign.refresh_from_db()
    assert foreign.speaker == two


def test_merge_can_carry_the_description_over(admin_client_api):
    source = services.speaker_create(name="Wren Castellanos", description="Port authority chair")
    target = services.speaker_create(name="Wren A. Castellanos-Diaz")
    response = admin_client_api.post(
        f"/api/v1/speakers/{source.pk}/merge/", {"into": target.pk, "keep_description": True}, format="json"
    )
    assert response.status_code == 200 and response.json()["description"] == "Port authority chair"


def test_a_split_naming_an_id_past_the_database_range_is_a_400(editor_client):
    speaker = SpeakerFactory()
    response = editor_client.post(
        f"/api/v1/speakers/{speaker.pk}/split/", {"claims": [2**70], "name": "Una Brannigan"}, format="json"
    )
    assert response.status_code == 400


def test_merging_a_speaker_into_itself_is_a_400_on_into(admin_client_api):
    speaker = SpeakerFactory()
    response = admin_client_api.post(f"/api/v1/speakers/{speaker.pk}/merge/", {"into": speaker.pk}, format="json")
    assert response.status_code == 400
    assert "into itself" in str(response.json()["error"]["detail"]["into"])


def test_merge_can_forget_the_merged_speakers_names(admin_client_api):
    source = services.speaker_create(name="Wren Castellanos", aliases=("W. Castellanos",))
    target = services.speaker_create(name="Wren A. Castellanos-Diaz")
    response = admin_client_api.post(
        f"/api/v1/speakers/{source.pk}/merge/", {"into": target.pk, "keep_aliases": False}, format="json"
    )
    assert response.status_code == 200 and response.json()["aliases"] == ["Wren A. Castellanos-Diaz"]
    assert services.speaker_find(name="W. Castellanos") is None
