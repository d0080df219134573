import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection

from newsclaims.claims import services
from newsclaims.claims.backup import EXPORT_MODELS, data_export, data_import
from newsclaims.claims.models import Article, Claim, ClaimEvent, Note
from tests.factories import ArticleFactory, make_claim

pytestmark = pytest.mark.django_db


def _populate(editor):
    putin = services.speaker_create(name="Vladimir Putin", description="President of Russia", wikidata_qid="Q7747")
    services.speaker_alias_add(speaker=putin, name="Putin")
    article = ArticleFactory(url="https://example.org/a", title="Talks <b>begin</b>")
    claim = make_claim(article, speaker=putin, via=["TASS", "RIA Novosti"])
    make_claim(article, content="the repairs cost too much", speaker_text="Critics")
    claim = services.claim_review(claim=claim, actor=editor, expected_version=1, attribution_status="confirmed")
    services.claim_review(claim=claim, actor=editor, expected_version=2, rating="mixed", rating_explanation="Partly.")
    services.claim_add_note(claim=claim, author=editor, body="Called the Kremlin — “no comment”.")
    services.claim_add_evidence(claim=claim, added_by=editor, url="https://example.org/tr", kind="transcript")


def _wipe():
    # The application never deletes history; this test stands in for a fresh database.
    with connection.cursor() as cursor:
        for model in reversed(EXPORT_MODELS):
            cursor.execute(f"DELETE FROM {model._meta.db_table}")


def test_export_then_import_into_an_empty_database_round_trips_exactly(editor):
    _populate(editor)
    first = io.StringIO()
    rows = data_export(stream=first)
    # 1 speaker, 2 aliases, 1 article, 2 claims, 1 note, 1 evidence, 5 history rows
    assert rows == 1 + 2 + 1 + 2 + 1 + 1 + 5
    _wipe()
    assert not Claim.objects.exists()
    data_import(stream=io.StringIO(first.getvalue()))
    second = io.StringIO()
    data_export(stream=second)
    assert second.getvalue() == first.getvalue()
    assert ClaimEvent.objects.filter(actor=editor).count() == 5


def test_timestamps_keep_their_microseconds_through_a_round_trip(editor):
    _populate(editor)
    # Below a millisecond: Django's own JSON encoder would write .000 and the import would move the time.
    moment = datetime.datetime(2026, 3, 1, 9, 30, 15, 123, tzinfo=datetime.UTC)
    Note.objects.update(created_at=moment)
    dump = io.StringIO()
    data_export(stream=dump)
    _wipe()
    data_import(stream=io.StringIO(dump.getvalue()))
    assert Note.objects.get().created_at == moment


def test_import_creates_missing_actors_as_inactive_accounts(editor):
    _populate(editor)
    dump = io.StringIO()
    data_export(stream=dump)
    _wipe()
    editor.delete()
    data_import(stream=io.StringIO(dump.getvalue()))
    actor = ClaimEvent.objects.first().actor
    assert actor.username == editor.username
    assert not actor.is_active and not actor.has_usable_password()


def test_import_into_a_database_with_data_is_refused_and_changes_nothing(editor):
    _populate(editor)
    dump = io.StringIO()
    data_export(stream=dump)
    with pytest.raises(ValidationError, match="nothing was changed"):
        data_import(stream=io.StringIO(dump.getvalue()))
    assert Article.objects.count() == 1


def test_a_broken_line_imports_nothing(editor, tmp_path):
    _populate(editor)
    dump = io.StringIO()
    data_export(stream=dump)
    _wipe()
    lines = dump.getvalue().splitlines(keepends=True)
    path = tmp_path / "broken.jsonl"
    path.write_text("".join(lines[:5]) + "{not json\n" + "".join(lines[5:]))
    with pytest.raises(Exception, match="line 6: not JSON"):
        call_command("import_jsonl", str(path))
    assert not Article.objects.exists()
