"""Merging speakers: admins only, with a confirmation that shows what moves."""

from __future__ import annotations

import pytest

from newsclaims.claims.models import Speaker
from newsclaims.claims.services import speaker_alias_add, speaker_create
from tests.factories import ArticleFactory, make_claim

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair():
    source = speaker_create(name="V. Putin", description="Russian president")
    target = speaker_create(name="Vladimir Putin", wikidata_qid="Q7747")
    speaker_alias_add(speaker=source, name="Putin")
    claims = [make_claim(ArticleFactory(), speaker=source) for _ in range(2)]
    return source, target, claims


def test_admin_sees_the_merge_form(as_user, admin_user, pair):
    source, _, _ = pair
    assert "Merge into another speaker" in as_user(admin_user).get(f"/speakers/{source.pk}/").content.decode()


def test_merge_asks_for_confirmation_showing_what_moves(as_user, admin_user, pair):
    source, _, _ = pair
    response = as_user(admin_user).post(f"/speakers/{source.pk}/merge/", {"target": "vladimir putin"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "<strong>2</strong> claims from 2 articles" in body
    assert "“Putin”" in body and "“V. Putin”" in body
    assert "Russian president" in body  # fills the target's empty description
    assert Speaker.objects.filter(pk=source.pk).exists()  # nothing changed yet


def test_confirmed_merge_moves_claims_and_aliases(as_user, admin_user, pair):
    source, target, claims = pair
    chosen = {"target": str(target.pk), "confirm": "yes", "keep_aliases": "1"}
    response = as_user(admin_user).post(f"/speakers/{source.pk}/merge/", chosen)
    assert response.status_code == 302 and response["Location"] == f"/speakers/{target.pk}/"
    assert not Speaker.objects.filter(pk=source.pk).exists()
    assert set(target.claims.values_list("pk", flat=True)) == {c.pk for c in claims}
    assert "Putin" in set(target.aliases.values_list("name", flat=True))
    body = as_user(admin_user).get(response["Location"]).content.decode()
    assert "was merged into Vladimir Putin" in body


@pytest.mark.parametrize("target", ["", "nobody at all", "999999", "self"])
def test_merge_with_an_unknown_or_same_target_is_refused(as_user, admin_user, pair, target):
    source, _, _ = pair
    value = str(source.pk) if target == "self" else target
    response = as_user(admin_user).post(f"/speakers/{source.pk}/merge/", {"target": value, "confirm": "yes"})
    assert response.status_code == 400
    assert Speaker.objects.filter(pk=source.pk).exists()


def test_editor_cannot_merge(as_user, editor, pair):
    source, target, _ = pair
    response = as_user(editor).post(f"/speakers/{source.pk}/merge/", {"target": str(target.pk), "confirm": "yes"})
    assert response.status_code == 403
    assert Speaker.objects.filter(pk=source.pk).exists()
