"""The ClaimReview export written by PostgreSQL (claimreview_sql) against the reviews Python builds.

The export endpoint runs the SQL path on PostgreSQL and the Python path elsewhere: the document must be the same
bytes either way, those of claimreview_jsonld for each claim.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys

import pytest
from django.db import connection

from newsclaims.api.claimreview import (
    _QUOTES,
    _TRAILING,
    _WHITESPACE,
    _sql_reviewed_peeled,
    _sql_reviewed_start,
    _sql_reviewed_text,
    claim_reviewed_text,
    claimreview_jsonld,
    escape_for_embedding,
)
from newsclaims.claims.models import Claim
from tests.factories import ArticleFactory, SpeakerFactory, make_claim
from tests.requires import need_postgres

pytestmark = pytest.mark.django_db

UTC = dt.UTC


def _published(claim: Claim, **fields: object) -> Claim:
    values = {"attribution_status": "confirmed", "rating": "false", **fields}
    Claim.objects.filter(pk=claim.pk).update(**values)
    return Claim.objects.select_related("article", "speaker").get(pk=claim.pk)


def _varied_claims() -> list[Claim]:
    """Published claims covering every branch of a review: ratings, speakers, missing url/title/outlet/dates,
    quote marks around the statement, unicode, quotes, newlines and markup in the texts."""
    at = dt.datetime(2025, 3, 9, 21, 30, 5, 123456, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    person = SpeakerFactory(name="Jane \u201cJJ\u201d Doe", kind="person", wikidata_qid="Q4242")
    organisation = SpeakerFactory(name="Acme & Sons <Ltd>", kind="organisation")
    group = SpeakerFactory(name="Residents of Ål", kind="group")
    media = SpeakerFactory(name="Radio Nord", kind="media")
    anonymous = SpeakerFactory(name="A source", kind="anonymous")
    full = ArticleFactory(
        url="https://news.example/a?x=1&y=</script>",
        title='The "bridge"\nquestion \u2014 caf\u00e9 \U0001f309',
        outlet="Daily \\ Example",
        published_at=dt.datetime(2024, 5, 3, 23, 59, 59, 999999, tzinfo=UTC),
    )
    bare = ArticleFactory(url=None, title="", outlet="", published_at=None)
    no_title = ArticleFactory(url="https://news.example/b", title="", outlet="", published_at=None)
    return [
        _published(make_claim(full, speaker=person), rating="true", rating_explanation="Checked\r\nwith \x07 care"),
        _published(make_claim(full, speaker=organisation), rating="mostly_true", reviewed_at=at),
        _published(make_claim(bare, speaker=group), rating="mixed", rating_explanation="It's <b>half</b> & half"),
        _published(make_claim(no_title, speaker=media), rating="misleading", via=["Radio Nord", "Wire"]),
        _published(make_claim(bare, speaker=anonymous), rating="unverifiable", reviewed_at=at),
        _published(make_claim(full), speaker_name="Chief Okafor", speaker_text="the chief"),
        _published(make_claim(full), speaker_name="", speaker_text="a spokesperson"),
        _published(make_claim(bare, speaker_text="nobody here"), speaker_name="", speaker_text=""),
        _published(
            make_claim(full, speaker=person), content_text="\u201c\u201cWe are on schedule,\u201d\u201d, she said"
        ),
        _published(make_claim(full, speaker=person), content_text="  'Prices \"will\" fall\\n'\u2014 \u00a0"),
        _published(make_claim(full, speaker=person), content_text="Line one\nline two\u2028and </script><!--"),
        _published(make_claim(full, speaker=person), content_text='"  "'),
        _published(make_claim(full, speaker=person), content_text='\u201c"Twice quoted," \u201d,'),
    ]


def _expected_document(claims: list[Claim]) -> bytes:
    reviews = []
    for claim in claims:
        body = claimreview_jsonld(claim, url=f"http://testserver/fact-checks/{claim.pk}/")
        del body["@context"]
        reviews.append(json.dumps(body, ensure_ascii=False, separators=(",", ":")))
    document = '{"@context":"https://schema.org","@graph":[' + ",".join(reviews) + "]}"
    return escape_for_embedding(document.encode("utf-8"))


def _export(client, params: dict[str, str] | None = None) -> bytes:
    response = client.get("/api/v1/claims/export.jsonld", params or {})
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_claimreview_export_is_byte_for_byte_the_reviews_python_builds(reader_client):
    claims = _varied_claims()
    make_claim()  # not published: not in the export
    ordered = sorted(claims, key=lambda c: (Claim.objects.get(pk=c.pk).updated_at, c.pk), reverse=True)
    raw = _export(reader_client)
    assert raw == _expected_document(ordered)
    assert len(json.loads(raw)["@graph"]) == len(claims)


def test_claimreview_export_of_no_published_claim_is_an_empty_graph(reader_client):
    make_claim()
    assert _export(reader_client) == b'{"@context":"https://schema.org","@graph":[]}'


@pytest.mark.parametrize("ordering", ["-updated_at", "confidence", "speaker", "-published_at"])
def test_claimreview_export_follows_the_list_filters_and_ordering(reader_client, ordering):
    article = ArticleFactory(published_at=dt.datetime(2024, 1, 2, tzinfo=UTC))
    claims = [
        _published(make_claim(article, confidence=0.5 if n % 2 else 0.25, kind="direct" if n % 3 else "indirect"))
        for n in range(9)
    ]
    listed = reader_client.get("/api/v1/claims/", {"ordering": ordering, "kind": "direct", "page_size": 50})
    expected = [row["id"] for row in listed.json()["results"]]
    assert len(expected) == 6
    by_id = {claim.pk: claim for claim in claims}
    raw = _export(reader_client, {"ordering": ordering, "kind": "direct"})
    assert raw == _expected_document([by_id[pk] for pk in expected])


def test_claimreview_export_streams_many_reviews_in_pieces(reader_client, monkeypatch):
    """More rows than one COPY piece holds: the commas between pieces are right too."""
    need_postgres("the pieces are PostgreSQL's COPY output")
    from newsclaims.api import export

    real = export.copy_text_rows
    monkeypatch.setattr(
        "newsclaims.api.claimreview.copy_text_rows", lambda query: real(query, batch=1)
    )  # one review a piece
    claims = [_published(make_claim()) for _ in range(5)]
    ordered = sorted(claims, key=lambda c: (Claim.objects.get(pk=c.pk).updated_at, c.pk), reverse=True)
    assert _export(reader_client) == _expected_document(ordered)


def _sql_cleaned(texts: list[str]) -> list[str]:
    with connection.cursor() as cursor:
        # As claimreview_sql reads them: each intermediate value from a query of its own.
        rows = "SELECT u.t, u.n FROM unnest(%s::text[]) WITH ORDINALITY AS u(t, n)"
        rows = f"SELECT u.*, {_sql_reviewed_start('u.t')} AS start FROM ({rows}) u OFFSET 0"
        rows = f"SELECT u.*, {_sql_reviewed_peeled('u.start')} AS peeled FROM ({rows}) u OFFSET 0"
        cursor.execute(
            f"SELECT {_sql_reviewed_text('u.t', 'u.start', 'u.peeled')} FROM ({rows}) u ORDER BY u.n", [texts]
        )
        return [row[0] for row in cursor.fetchall()]


EDGE_TEXTS = [
    *("", " ", '"', '""', '"""', '" "', "\u201c\u201d", "'a'", '"a"', "\u201ea\u201c", ",", "\u00a0,", ", \u00a0"),
    *('"x" said', '"x",', '" x "', "\u00ab\u00a0oui\u00a0\u00bb", '"\u00a0"', '"," ', ' "\t" ', '"a\u00a0"\u2014'),
    '""a""',
    '" "a" "',
    "\u201cWe will,\u201d \u2014",
    "-- - --",
]


def test_sql_reviewed_text_matches_claim_reviewed_text():
    need_postgres("claim_reviewed_text's SQL form runs on PostgreSQL")
    rng = random.Random(16)
    alphabet = "ab. " + _QUOTES + _TRAILING + "\u00a0\r\u2028\x1c\u3000<&\\"
    texts = EDGE_TEXTS + ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))) for _ in range(4000)]
    assert _sql_cleaned(texts) == [claim_reviewed_text(text) for text in texts]


def test_the_whitespace_set_is_everything_str_strip_removes():
    # _WHITESPACE is built from the characters below U+3001: equal to the whole table only if none lies above.
    assert set(_WHITESPACE) == {chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()}


def test_claimreview_export_with_a_browser_session(client, viewer):
    """Session authentication and the middleware around the view work with the COPY as with a token."""
    client.force_login(viewer)
    claim = _published(make_claim())
    response = client.get("/api/v1/claims/export.jsonld")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == _expected_document([claim])


def test_an_unread_claimreview_export_leaves_the_connection_usable(reader_client):
    """A COPY holds its connection until read to the end: the export must not start one before it is read."""
    need_postgres("only PostgreSQL's export runs a COPY that could hold the connection")
    _published(make_claim())
    response = reader_client.get("/api/v1/claims/export.jsonld")
    assert response.status_code == 200
    assert Claim.objects.count() == 1  # blocked for good when the view started the COPY
