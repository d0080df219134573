"""Ingestion never makes a person record of something that is not a person's name."""

from __future__ import annotations

import pytest

from newsclaims.claims.models import Speaker
from newsclaims.claims.naming import is_person_name
from newsclaims.ingestion.pipeline import article_ingest

pytestmark = pytest.mark.django_db

TRAPS = """Harbour Chief Warns Council Over Ferry Fares

By Idris Makonnen

PORT ELLERY, March 3 (Coastal Wire) - Harbour master Lucinda Brandvold said on Monday that ferry fares would rise.

"We cannot keep the old prices," Brandvold said.

Each of the councillors said they had not been consulted. Many said the increase was too steep.

The report found that the harbour lost money for a third year. A study released on Friday shows traffic fell.

Some residents said the change came without warning, and both unions said they would appeal.
"""


def test_headlines_quantifiers_documents_and_bylines_make_no_person_records():
    article_ingest(text=TRAPS)
    people = list(Speaker.objects.filter(kind="person").values_list("name", flat=True))
    assert people and all(is_person_name(name) for name in people), people
    assert set(people) <= {"Lucinda Brandvold", "Idris Makonnen"}
    assert "Lucinda Brandvold" in people
