"""Hostile query strings on every page and API list that reads parameters: never a 500, never a change."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.security.conftest import snapshot

VALUES = (
    "²",  # str.isdigit() says yes, int() says no
    "١٢",  # Arabic-Indic digits: int() accepts them
    "\x00",  # PostgreSQL text cannot hold NUL
    "nan",
    str(10**30),
    "-1",
    "0001-01-01T00:00:00+16:42",  # an offset Python accepts and PostgreSQL refuses
    "a" * 3000,
    "'\"%_\\",
)
PARAMETERS = {
    "/api/v1/claims/": [
        *("speaker", "speaker_name", "article", "outlet", "kind", "attribution_status", "rating", "min_confidence"),
        *("published_after", "published_before", "updated_after", "updated_before", "q", "ordering", "cursor"),
        "page_size",
    ],
    "/api/v1/claims/export.csv": ["q", "ordering", "speaker", "updated_after", "min_confidence"],
    "/api/v1/articles/": ["q", "outlet", "ordering", "cursor", "page_size", "published_after", "published_before"],
    "/api/v1/speakers/": ["q", "kind", "ordering", "cursor", "page_size"],
    "/review/": [
        *("q", "outlet", "speaker", "kind", "status", "min_confidence", "max_confidence", "date_from", "date_to"),
        *("sort", "page"),
    ],
    "/search/": ["q"],
    "/speakers/{speaker}/": ["page"],
    "/articles/{article}/": ["claim"],
}


@pytest.mark.parametrize("path", sorted(PARAMETERS))
def test_hostile_query_values_get_an_answer_not_a_crash(world, path):
    client = Client(raise_request_exception=False)
    client.force_login(world.users["editor"])
    url = path.format(speaker=world.speaker.pk, article=world.article.pk)
    before = snapshot()
    problems = []
    for name in PARAMETERS[path]:
        for value in VALUES:
            response = client.get(url, {name: value})
            if response.status_code >= 500:
                problems.append(f"{name}={value[:20]!r}: {response.status_code}")
            elif url.startswith("/api/") and response.status_code >= 400:
                assert response.json()["error"]["message"], (name, value)
    assert problems == []
    assert snapshot() == before
