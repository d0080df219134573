from __future__ import annotations

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from newsclaims.api.tokens import api_token_issue


@pytest.fixture(autouse=True)
def _fresh_throttles():
    # Throttle counters live in the cache; one test's requests must not count against the next.
    cache.clear()
    yield
    cache.clear()


def token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_issue(user=user)}")
    return client


@pytest.fixture
def anon_client():
    return APIClient()


@pytest.fixture
def reader_client(viewer):
    return token_client(viewer)


@pytest.fixture
def editor_client(editor):
    return token_client(editor)


@pytest.fixture
def admin_client_api(admin_user):
    return token_client(admin_user)
