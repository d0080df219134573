"""Roles: viewer (read), editor (review, annotate), admin (merge speakers, manage users).

Editors are members of the "editors" group; admins are staff. Everyone signed in can read.
"""

from __future__ import annotations

from typing import Any

EDITORS_GROUP = "editors"


def is_admin(user: Any) -> bool:
    return bool(user and user.is_authenticated and (user.is_superuser or user.is_staff))


def is_editor(user: Any) -> bool:
    if not (user and user.is_authenticated):
        return False
    if is_admin(user):
        return True
    # Cached on the user object: permission checks run several times per request.
    cached = getattr(user, "_newsclaims_is_editor", None)
    if cached is None:
        cached = user.groups.filter(name=EDITORS_GROUP).exists()
        user._newsclaims_is_editor = cached
    return bool(cached)
