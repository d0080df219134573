"""Pages and API answers that carry a user's data tell every cache not to keep them."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

PRIVATE = "private, no-store"


def test_every_authenticated_page_is_private_and_not_stored(editor, claim):
    client = Client()
    client.force_login(editor)
    for url in [
        "/",
        "/review/",
        "/search/?q=bridge",
        f"/claims/{claim.pk}/",
        f"/articles/{claim.article_id}/",
        f"/speakers/{claim.speaker_id}/",
        "/articles/new/",
        "/accounts/password_change/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == PRIVATE, url
        assert "Cookie" in response["Vary"], url


def test_every_api_answer_is_private_and_not_stored(editor, claim, settings):
    client = Client()
    assert client.get("/api/v1/claims/")["Cache-Control"] == PRIVATE  # even the 401
    client.force_login(editor)
    for url in ["/api/v1/claims/", f"/api/v1/claims/{claim.pk}/", "/api/v1/speakers/", "/api/v1/articles/"]:
        response = client.get(url)
        assert response.status_code == 200 and response["Cache-Control"] == PRIVATE, url
    settings.NEWSCLAIMS_ANONYMOUS_READ = True
    assert Client().get("/api/v1/claims/")["Cache-Control"] == PRIVATE
