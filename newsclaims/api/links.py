"""``url`` (the API address) and ``html_url`` (the review page) of every resource, as absolute addresses.

The paths are spelled here rather than reversed per object: a list page links 50-200 rows, and these
addresses are promised stable (review/urls.py, api/urls.py).
"""

from __future__ import annotations

from typing import Any

from rest_framework.request import Request

API = "/api/v1"
_PATHS = {
    "claim": (f"{API}/claims/{{id}}/", "/claims/{id}/"),
    "article": (f"{API}/articles/{{id}}/", "/articles/{id}/"),
    "speaker": (f"{API}/speakers/{{id}}/", "/speakers/{id}/"),
    "job": (f"{API}/jobs/{{id}}/", "/jobs/{id}/"),
}


def site_root(request: Request | None) -> str:
    """``https://host`` of the request (no trailing slash); empty without a request (relative links)."""
    return "" if request is None else request.build_absolute_uri("/").rstrip("/")


def api_url(root: str, kind: str, pk: Any) -> str:
    return root + _PATHS[kind][0].format(id=pk)


def html_url(root: str, kind: str, pk: Any) -> str:
    return root + _PATHS[kind][1].format(id=pk)


def note_url(root: str, claim_id: int, pk: int) -> str:
    return f"{root}{API}/claims/{claim_id}/notes/{pk}/"


def evidence_url(root: str, claim_id: int, pk: int) -> str:
    return f"{root}{API}/claims/{claim_id}/evidence/{pk}/"


def factcheck_url(root: str, claim_id: int) -> str:
    return f"{root}/fact-checks/{claim_id}/"
