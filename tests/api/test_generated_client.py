"""A client generated from the published schema (openapi-python-client) works against the running API.

Needs nothing external: the generator is installed in the virtualenv and the server is pytest-django's live_server.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from newsclaims.api.tokens import api_token_issue
from newsclaims.claims import services
from tests.factories import ArticleFactory, SpeakerFactory, UserFactory, make_claim

GENERATOR = Path(sys.executable).parent / "openapi-python-client"
PACKAGE = "newsclaims_api_client"


@pytest.fixture
def generated_client(tmp_path: Path):
    schema = Client().get("/api/schema/?format=json")
    assert schema.status_code == 200
    (tmp_path / "schema.json").write_bytes(schema.content)
    # No post-hooks: the generated code is imported, not formatted.
    (tmp_path / "config.json").write_text(json.dumps({"post_hooks": []}))
    output = tmp_path / "client"
    arguments = ["--path", tmp_path / "schema.json", "--output-path", output, "--config", tmp_path / "config.json"]
    run = subprocess.run(
        [str(GENERATOR), "generate", *map(str, arguments)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Unable to parse" not in run.stdout + run.stderr, run.stdout + run.stderr
    sys.path.insert(0, str(output))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(output))
        for name in [m for m in sys.modules if m == PACKAGE or m.startswith(PACKAGE + ".")]:
            del sys.modules[name]


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_generated_client_lists_claims_and_reads_one(generated_client, live_server):
    editor = UserFactory(editor=True)
    claim = make_claim(ArticleFactory(outlet="Harbour Gazette"), speaker=SpeakerFactory(name="Jane Doe"))
    services.claim_add_note(claim=claim, author=editor, body="Called the council.")
    token = api_token_issue(user=editor)

    api = generated_client
    claims_list = importlib.import_module(f"{PACKAGE}.api.claims.claims_list")
    claims_retrieve = importlib.import_module(f"{PACKAGE}.api.claims.claims_retrieve")
    client = api.AuthenticatedClient(base_url=live_server.url, token=token, prefix="Token")

    page = claims_list.sync_detailed(client=client, page_size=10)
    assert page.status_code == 200 and page.headers["X-RateLimit-Limit"]
    rows = page.parsed.results
    assert [row.id for row in rows] == [claim.pk]
    assert rows[0].speaker.name == "Jane Doe" and rows[0].content.text == claim.content_text
    assert rows[0].content.utf16.start == claim.content_start

    detail = claims_retrieve.sync_detailed(client=client, id=claim.pk)
    assert detail.status_code == 200 and detail.headers["ETag"]
    assert detail.parsed.id == claim.pk and detail.parsed.article.outlet == "Harbour Gazette"
    assert [note.body for note in detail.parsed.notes] == ["Called the council."]

    missing = claims_retrieve.sync_detailed(client=client, id=claim.pk + 1000)
    assert missing.status_code == 404
