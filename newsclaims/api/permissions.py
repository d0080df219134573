from __future__ import annotations

from typing import Any

from django.conf import settings
from rest_framework.permissions import SAFE_METHODS, BasePermission

from newsclaims.claims.roles import is_admin, is_editor


class ReadAuthenticatedWriteEditor(BasePermission):
    """Reading needs a signed-in user or token (or the anonymous-read setting); writing needs an editor."""

    message = "Editors only: your account can read but not change claims."

    def has_permission(self, request: Any, view: Any) -> bool:
        if request.method in SAFE_METHODS:
            return bool(request.user and request.user.is_authenticated) or settings.NEWSCLAIMS_ANONYMOUS_READ
        return is_editor(request.user)


class IsAdmin(BasePermission):
    message = "Admins only."

    def has_permission(self, request: Any, view: Any) -> bool:
        return is_admin(request.user)
