"""GIN index for claim full-text search (PostgreSQL only; SQLite searches with LIKE).

The index used to be created by newsclaims/api/migrations/0001_claim_fts_index, which is now a no-op kept so
databases that ran it stay consistent; on those the index already exists, hence IF NOT EXISTS.
The expression must stay identical to newsclaims.claims.search.fts_document_sql() or the planner
will not use the index; tests/api/test_search_index.py checks both.
"""

from django.db import migrations

INDEX = "claim_fts_idx"
DOCUMENT = (
    "to_tsvector('english'::regconfig, COALESCE(\"content_text\", '') || ' ' || "
    "COALESCE(\"speaker_name\", '') || ' ' || COALESCE(\"speaker_text\", ''))"
)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = apps.get_model("claims", "Claim")._meta.db_table
    schema_editor.execute(f'CREATE INDEX IF NOT EXISTS {INDEX} ON "{table}" USING gin ({DOCUMENT})')


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("claims", "0003_ingestionjob_moves_to_ingestion")]
    operations = [migrations.RunPython(create_index, drop_index)]
