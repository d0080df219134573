"""Search results: best match first, paged by keyset over the rank, the same queries however many match."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsclaims.claims import services
from tests.factories import ArticleFactory, make_claim
from tests.requires import need_postgres

pytestmark = pytest.mark.django_db
URL = "/api/v1/claims/"
BODY = "Filler. " * 5


def _article(*contents: str):
    return ArticleFactory(text="Mayor Jane Doe said " + " ".join(f"{c}." for c in contents) + BODY)


def test_best_match_comes_first_on_postgres(reader_client):
    need_postgres("ranking is PostgreSQL full-text ranking")
    article = _article(
        "the harbour tunnel budget was approved",
        "the harbour tunnel will close and the harbour tunnel fund is empty",
        "the library opens late",
    )
    weak = make_claim(article, content="the harbour tunnel budget was approved")
    strong = make_claim(article, content="the harbour tunnel will close and the harbour tunnel fund is empty")
    make_claim(article, content="the library opens late")
    ids = [r["id"] for r in reader_client.get(URL, {"q": "harbour tunnel"}).json()["results"]]
    assert ids == [strong.pk, weak.pk]


def test_speaker_name_match_outranks_a_word_in_the_statement_on_postgres(reader_client):
    need_postgres("weights are PostgreSQL full-text weights")
    speaker = services.speaker_create(name="Corvin Ashgrove")
    article = _article("the ashgrove estate was sold", "rents will fall")
    mention = make_claim(article, content="the ashgrove estate was sold", speaker_text="(absent)")
    said = make_claim(article, content="rents will fall", speaker=speaker, speaker_text="(absent)")
    ids = [r["id"] for r in reader_client.get(URL, {"q": "Ashgrove"}).json()["results"]]
    assert ids == [said.pk, mention.pk]


def test_search_pages_walk_every_match_once_by_rank(reader_client):
    contents = [f"the ferry number {n} was late" for n in range(7)]
    article = _article(*contents)
    made = {make_claim(article, content=c).pk for c in contents}
    seen: list[int] = []
    page = reader_client.get(URL, {"q": "ferry", "page_size": 3}).json()
    while True:
        seen += [r["id"] for r in page["results"]]
        if not page["next"]:
            break
        page = reader_client.get(page["next"]).json()
    assert sorted(seen) == sorted(made) and len(seen) == len(set(seen))


def test_relevance_ordering_without_a_search_is_refused(reader_client):
    response = reader_client.get(URL, {"ordering": "-relevance"})
    assert response.status_code == 400 and "ordering" in response.json()["error"]["detail"]


def test_explicit_ordering_with_a_search_sees_every_match(reader_client):
    contents = [f"the orchard number {n} flooded" for n in range(4)]
    article = _article(*contents)
    made = [make_claim(article, content=c).pk for c in contents]
    ids = [r["id"] for r in reader_client.get(URL, {"q": "orchard", "ordering": "-updated_at"}).json()["results"]]
    assert sorted(ids) == sorted(made)


def _queries(client, path: str, params: dict[str, str]) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path, params)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_search_costs_the_same_queries_for_3_or_30_matches(reader_client, client, viewer):
    article = _article(*(f"the granary number {n} burned" for n in range(30)))
    made = [make_claim(article, content=f"the granary number {n} burned") for n in range(30)]
    api_small = _queries(reader_client, URL, {"q": "granary", "page_size": 3})
    api_large = _queries(reader_client, URL, {"q": "granary", "page_size": 30})
    assert api_small == api_large <= 3  # the token, the page, its articles' texts (span prefix/suffix)
    client.force_login(viewer)
    page = client
    services.claim_review(claim=made[0], actor=None, expected_version=1, rating="true")
    few = _queries(page, "/search/", {"q": "number 3 burned"})
    many = _queries(page, "/search/", {"q": "granary"})
    assert few == many


def test_search_with_a_filter_that_can_match_nothing_is_an_empty_page(reader_client):
    make_claim(content="the bridge would reopen in May")
    # A speaker name that normalises to nothing makes an empty queryset, which compiles to no SQL.
    response = reader_client.get(URL, {"q": "bridge", "speaker_name": "\U000f84fd"})
    assert response.status_code == 200 and response.json()["results"] == []


def test_connections_scan_tables_from_the_start_so_every_page_ranks_the_same_candidates():
    # Synchronized scans start a large table's sequential scan where another stopped: the 400 candidates
    # a common word's pages rank would differ from one page to the next.
    need_postgres("synchronized scans are PostgreSQL's")
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronize_seqscans")
        assert cursor.fetchone()[0] == "off"
