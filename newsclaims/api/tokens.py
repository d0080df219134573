"""Issuing, revoking and checking API tokens (newsclaims.api.models.ApiToken)."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.db import transaction

from newsclaims.api.models import ApiToken

PREFIX_LENGTH = 8


def token_digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def api_token_issue(*, user: Any, rotate: bool = False) -> str:
    """A new key for ``user``, returned once and stored only as its digest; ``rotate`` revokes the user's others."""
    if rotate:
        ApiToken.objects.filter(user=user).delete()
    key = secrets.token_urlsafe(32)
    ApiToken.objects.create(user=user, digest=token_digest(key), prefix=key[:PREFIX_LENGTH])
    return key


def api_token_find(*, key: str) -> ApiToken | None:
    return ApiToken.objects.select_related("user").filter(digest=token_digest(key)).first()
