"""Claim search: a GIN index on the pairs of adjacent words of the search document, for quoted phrases.

PostgreSQL only (SQLite searches with LIKE). The function's text is newsclaims.claims.search's
search_pairs_function_sql(), copied here because a migration must not change when the code does
(tests/api/test_search_index.py compares them). Building the index reads every claim's document: about two
minutes at a million claims on a loaded 2-core machine.
"""

from django.db import migrations

FUNCTION = "claim_search_pairs"
INDEX = "claim_search_pairs_idx"
FUNCTION_SQL = (
    "CREATE OR REPLACE FUNCTION claim_search_pairs(doc tsvector) RETURNS text[] "
    "LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ "
    "WITH p AS (SELECT l.lexeme, pos "
    "FROM unnest(doc) AS l(lexeme, positions, weights), unnest(l.positions) AS pos) "
    "SELECT coalesce(array_agg(DISTINCT a.lexeme || ' ' || b.lexeme), '{}') "
    "FROM p a JOIN p b ON b.pos = a.pos + 1 $$"
)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION_SQL)
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON claims_claim USING gin ({FUNCTION}(search_document))")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")
    schema_editor.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}(tsvector)")


class Migration(migrations.Migration):
    # As 0007: the index build at a million claims takes minutes; no transaction held across it.
    atomic = False

    dependencies = [("claims", "0009_desk_assignment_second_check")]
    operations = [migrations.RunPython(forwards, backwards)]
