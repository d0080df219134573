"""The documented PostgreSQL backup (pg_dump -Fc) restores into an empty database with every row."""

import shutil
import subprocess
import uuid

import psycopg
import pytest
from django.db import connection

from newsclaims.claims import services
from newsclaims.claims.backup import EXPORT_MODELS
from tests.factories import ArticleFactory, make_claim
from tests.requires import need, need_postgres


def _dsn(dbname: str) -> str:
    s = connection.settings_dict
    return f"host={s['HOST'] or '127.0.0.1'} port={s['PORT'] or 5432} user={s['USER']} dbname={dbname}"


@pytest.mark.django_db(transaction=True)
def test_pg_dump_and_pg_restore_round_trip_every_table(editor, tmp_path):
    need_postgres("pg_dump/pg_restore back up PostgreSQL")
    need(bool(shutil.which("pg_dump") and shutil.which("pg_restore")), "needs pg_dump and pg_restore on PATH")
    claim = make_claim(ArticleFactory(), speaker=services.speaker_create(name="Maria Zakharova"))
    services.claim_review(claim=claim, actor=editor, expected_version=1, attribution_status="confirmed")
    services.claim_add_note(claim=claim, author=editor, body="Checked against the ministry's briefing.")

    source = connection.settings_dict["NAME"]
    target = f"newsclaims_restore_{uuid.uuid4().hex[:8]}"
    dump = tmp_path / "newsclaims.dump"
    subprocess.run(["pg_dump", "-Fc", "-f", str(dump), _dsn(source)], check=True, timeout=120)
    with psycopg.connect(_dsn("postgres"), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{target}"')
    try:
        subprocess.run(["pg_restore", "--no-owner", "-d", _dsn(target), str(dump)], check=True, timeout=120)
        with psycopg.connect(_dsn(source)) as a, psycopg.connect(_dsn(target)) as b:
            for model in EXPORT_MODELS:
                table = model._meta.db_table
                query = f"SELECT * FROM {table} ORDER BY id"
                assert a.execute(query).fetchall() == b.execute(query).fetchall(), table
    finally:
        with psycopg.connect(_dsn("postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')
