"""API tokens, stored as a digest: a database read, a backup or the admin never shows a usable key."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ApiToken(models.Model):
    """One API key of a user. The key is shown once, when issued (``manage.py api_token``); only its SHA-256
    is kept. A plain digest is enough: keys are 256-bit random, so there is nothing to brute-force, and a fast
    digest lets every request find its token by index."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    digest = models.CharField(max_length=64, unique=True, editable=False)
    # The first characters of the key, so that a user and an admin can tell their keys apart.
    prefix = models.CharField(max_length=8, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "API token"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"
