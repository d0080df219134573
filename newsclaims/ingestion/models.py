"""An ingestion job: one submitted article on its way through the pipeline, and how that went."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from newsclaims.claims.models import Article


class IngestionJob(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True)
    source = models.CharField(max_length=2000, blank=True, help_text="What was submitted: a URL, a file name, 'text'")
    # The submitted payload, kept until the job is done so a restarted worker can run it again.
    payload = models.JSONField(default=dict, blank=True)
    article = models.ForeignKey(Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="jobs")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    articles_total = models.PositiveIntegerField(default=0)
    articles_done = models.PositiveIntegerField(default=0)
    articles_existing = models.PositiveIntegerField(default=0)
    articles_failed = models.PositiveIntegerField(default=0)
    claims_created = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    attempts = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Job {self.pk} ({self.status})"
