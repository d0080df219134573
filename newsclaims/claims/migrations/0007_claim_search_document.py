"""Claim search: the speaker's names on the claim, a stored tsvector generated from them and the statement, a GIN
index on it; the old expression index goes.

``search_speaker`` is filled here for existing claims (speaker name and aliases, else the engine's guess), in SQL
on PostgreSQL: at a million claims an ORM loop would take many minutes. The generated column and its index are
PostgreSQL only (SQLite searches with LIKE); the expression is newsclaims.claims.search.search_document_sql(),
copied here because a migration must not change when the code does (tests/api/test_search_index.py compares them).
"""

from django.db import migrations, models

INDEX = "claim_search_document_idx"
OLD_INDEX = "claim_fts_idx"
DOCUMENT = (
    "setweight(to_tsvector('english'::regconfig, COALESCE(\"search_speaker\", '')), 'A') || "
    "setweight(to_tsvector('english'::regconfig, COALESCE(\"content_text\", '')), 'B') || "
    "setweight(to_tsvector('english'::regconfig, COALESCE(\"speaker_text\", '')), 'C')"
)
_BACKFILL_POSTGRES = [
    """
    UPDATE claims_claim c SET search_speaker = n.text
    FROM (
        SELECT s.id, concat_ws('; ', s.name, string_agg(a.name, '; ' ORDER BY a.name)
                               FILTER (WHERE lower(a.name) <> lower(s.name))) AS text
        FROM claims_speaker s LEFT JOIN claims_speakeralias a ON a.speaker_id = s.id GROUP BY s.id
    ) n
    WHERE n.id = c.speaker_id
    """,
    "UPDATE claims_claim SET search_speaker = speaker_name WHERE speaker_id IS NULL",
]


def forwards(apps, schema_editor):
    Claim = apps.get_model("claims", "Claim")
    if schema_editor.connection.vendor != "postgresql":
        _backfill_python(apps, Claim)
        return
    for sql in _BACKFILL_POSTGRES:
        schema_editor.execute(sql)
    schema_editor.execute(
        f"ALTER TABLE claims_claim ADD COLUMN search_document tsvector GENERATED ALWAYS AS ({DOCUMENT}) STORED"
    )
    schema_editor.execute(f"CREATE INDEX {INDEX} ON claims_claim USING gin (search_document)")
    schema_editor.execute(f"DROP INDEX IF EXISTS {OLD_INDEX}")


def _backfill_python(apps, Claim):
    Speaker = apps.get_model("claims", "Speaker")
    for speaker in Speaker.objects.prefetch_related("aliases"):
        forms = {}
        for form in (speaker.name, *(a.name for a in speaker.aliases.all())):
            forms.setdefault(form.casefold(), form)
        Claim.objects.filter(speaker_id=speaker.pk).update(search_speaker="; ".join(forms.values()))
    Claim.objects.filter(speaker__isnull=True).update(search_speaker=models.F("speaker_name"))


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {OLD_INDEX} ON claims_claim USING gin (to_tsvector('english'::regconfig, "
        "COALESCE(\"content_text\", '') || ' ' || COALESCE(\"speaker_name\", '') || ' ' || "
        "COALESCE(\"speaker_text\", '')))"
    )
    schema_editor.execute("ALTER TABLE claims_claim DROP COLUMN IF EXISTS search_document")


class Migration(migrations.Migration):
    # The column rewrite and the index build at a million claims take minutes: not one transaction holding locks
    # across both, and CREATE INDEX may then be repeated by hand with CONCURRENTLY if needed.
    atomic = False

    dependencies = [("claims", "0006_change_event")]
    operations = [
        migrations.AddField(
            model_name="claim",
            name="search_speaker",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(forwards, backwards),
    ]
