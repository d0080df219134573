"""The jobs table takes the ingestion app's name: claims_ingestionjob becomes ingestion_ingestionjob, rows kept.

The content type moves too, so permissions and admin log entries that point at it follow the model.
"""

from django.db import migrations


def move_content_type(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    if not content_type.objects.filter(app_label="ingestion", model="ingestionjob").exists():
        content_type.objects.filter(app_label="claims", model="ingestionjob").update(app_label="ingestion")


def restore_content_type(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    if not content_type.objects.filter(app_label="claims", model="ingestionjob").exists():
        content_type.objects.filter(app_label="ingestion", model="ingestionjob").update(app_label="claims")


class Migration(migrations.Migration):
    dependencies = [("ingestion", "0001_initial"), ("contenttypes", "0002_remove_content_type_name")]
    operations = [
        migrations.AlterModelTable(name="ingestionjob", table=None),
        migrations.RunPython(move_content_type, restore_content_type),
    ]
