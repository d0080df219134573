"""IngestionJob joins the ingestion app: state only, its table (claims_ingestionjob) and rows stay as they are.

See claims/migrations/0003, which removes it from the claims app's state; 0002 then renames the table.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("claims", "0003_ingestionjob_moves_to_ingestion"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="IngestionJob",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("queued", "Queued"),
                                    ("running", "Running"),
                                    ("done", "Done"),
                                    ("failed", "Failed"),
                                ],
                                db_index=True,
                                default="queued",
                                max_length=10,
                            ),
                        ),
                        (
                            "source",
                            models.CharField(
                                blank=True, help_text="What was submitted: a URL, a file name, 'text'", max_length=2000
                            ),
                        ),
                        ("payload", models.JSONField(blank=True, default=dict)),
                        ("articles_total", models.PositiveIntegerField(default=0)),
                        ("articles_done", models.PositiveIntegerField(default=0)),
                        ("articles_existing", models.PositiveIntegerField(default=0)),
                        ("articles_failed", models.PositiveIntegerField(default=0)),
                        ("claims_created", models.PositiveIntegerField(default=0)),
                        ("error", models.TextField(blank=True)),
                        ("attempts", models.PositiveIntegerField(default=0)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("started_at", models.DateTimeField(blank=True, null=True)),
                        ("finished_at", models.DateTimeField(blank=True, null=True)),
                        (
                            "article",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="jobs",
                                to="claims.article",
                            ),
                        ),
                        (
                            "created_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "ordering": ["-created_at", "-id"],
                        "db_table": "claims_ingestionjob",
                    },
                ),
            ],
        ),
    ]
