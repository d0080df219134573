"""The speaker page: a merged-away speaker redirects, editors split a record from the page."""

from __future__ import annotations

import pytest

from newsclaims.claims import services
from newsclaims.claims.models import Speaker
from tests.factories import ArticleFactory, SpeakerFactory, make_claim

pytestmark = pytest.mark.django_db


def test_a_merged_away_speaker_page_redirects_permanently(as_user, viewer):
    source, target = SpeakerFactory(), SpeakerFactory()
    services.speaker_merge(source=source, target=target)
    response = as_user(viewer).get(f"/speakers/{source.pk}/")
    assert response.status_code == 301 and response["Location"] == f"/speakers/{target.pk}/"


def test_an_editor_moves_ticked_claims_to_a_new_speaker(as_user, editor):
    merged = SpeakerFactory()
    article = ArticleFactory()
    stays = make_claim(article, speaker=merged)
    moves = make_claim(article, content="We are on schedule", speaker=merged)
    client = as_user(editor)
    page = client.get(f"/speakers/{merged.pk}/").content.decode()
    assert f'value="{moves.pk}"' in page and "Move ticked claims" in page
    response = client.post(
        f"/speakers/{merged.pk}/split/", {"claims": [moves.pk], "target": "Saoirse Lindqvist", "create": "1"}
    )
    assert response.status_code == 302
    moves.refresh_from_db()
    stays.refresh_from_db()
    assert moves.speaker.name == "Saoirse Lindqvist" and stays.speaker == merged


def test_moving_to_an_unknown_name_without_the_box_keeps_the_form_and_moves_nothing(as_user, editor):
    merged = SpeakerFactory()
    claim = make_claim(speaker=merged)
    response = as_user(editor).post(f"/speakers/{merged.pk}/split/", {"claims": [claim.pk], "target": "Nobody Known"})
    assert response.status_code == 400
    assert "tick the box to create one" in response.content.decode()
    assert 'value="Nobody Known"' in response.content.decode()
    claim.refresh_from_db()
    assert claim.speaker == merged and Speaker.objects.count() == 1


def test_viewers_see_no_split_form(as_user, viewer, speaker, claim):
    assert "Move ticked claims" not in as_user(viewer).get(f"/speakers/{speaker.pk}/").content.decode()


def test_merge_confirmation_offers_the_description_choice(as_user, admin_user):
    source = services.speaker_create(name="Perpetua Ilunga", description="Engine guess")
    target = services.speaker_create(name="Perpetua N. Ilunga-Mbeki", description="Minister of Ports")
    page = as_user(admin_user).post(f"/speakers/{source.pk}/merge/", {"target": target.pk}).content.decode()
    assert 'name="keep_description"' in page
    as_user(admin_user).post(f"/speakers/{source.pk}/merge/", {"target": target.pk, "confirm": "yes"})
    target.refresh_from_db()
    assert target.description == "Minister of Ports"
