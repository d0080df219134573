"""IngestionJob now belongs to the ingestion app: only the migration state forgets it here.

The table and its rows stay; newsclaims/ingestion/migrations/0001_initial takes the model over in the state,
and 0002 renames the table.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("claims", "0002_roles")]
    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel(name="IngestionJob")]),
    ]
