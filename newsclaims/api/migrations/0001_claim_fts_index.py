"""Formerly created the claim full-text index; that now lives in claims/migrations/0004_claim_fts_index.

Kept as a no-op so the migration graph of existing databases (which applied it) stays the same.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("claims", "0002_roles")]
    operations: list[migrations.operations.base.Operation] = []
