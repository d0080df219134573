from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import admin

from newsclaims.ingestion.models import IngestionJob

# ModelAdmin is generic only in the type stubs; at run time it cannot be subscripted.
if TYPE_CHECKING:
    JobAdminBase = admin.ModelAdmin[IngestionJob]
else:
    JobAdminBase = admin.ModelAdmin


@admin.register(IngestionJob)
class IngestionJobAdmin(JobAdminBase):
    list_display = ["pk", "status", "source", "articles_done", "articles_failed", "claims_created", "created_at"]
    list_filter = ["status"]
    readonly_fields = ["created_at", "started_at", "finished_at"]
