"""Tokens in the admin: listed by prefix, revocable, never shown or created here (the key exists only once)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.http import HttpRequest

from newsclaims.api.models import ApiToken

if TYPE_CHECKING:
    _ModelAdmin = admin.ModelAdmin[ApiToken]
else:  # ModelAdmin is generic only in the type stubs
    _ModelAdmin = admin.ModelAdmin


@admin.register(ApiToken)
class ApiTokenAdmin(_ModelAdmin):
    list_display = ("prefix", "user", "created_at")
    list_select_related = ("user",)
    search_fields = ("user__username", "prefix")
    readonly_fields = ("prefix", "user", "created_at")
    fields = ("prefix", "user", "created_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # issued with `manage.py api_token`, which shows the key once

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
