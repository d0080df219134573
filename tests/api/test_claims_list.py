from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsclaims.claims import services
from newsclaims.claims.models import Claim
from tests.factories import ArticleFactory, SpeakerFactory, make_claim
from tests.requires import need_postgres

URL = "/api/v1/claims/"
pytestmark = pytest.mark.django_db


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def test_claim_row_has_article_speaker_spans_counts_and_version(reader_client, claim, editor):
    services.claim_add_note(claim=claim, author=editor, body="Check the council minutes.")
    services.claim_add_evidence(claim=claim, added_by=editor, url="https://example.org/minutes", kind="document")
    row = reader_client.get(URL).json()["results"][0]
    assert row["id"] == claim.pk
    site = "http://testserver"
    assert row["article"] == {
        "id": claim.article.pk,
        "title": claim.article.title,
        "url": None,
        "outlet": "Daily Example",
        "published_at": None,
        "api_url": f"{site}/api/v1/articles/{claim.article.pk}/",
        "html_url": f"{site}/articles/{claim.article.pk}/",
    }
    assert row["speaker"] == {
        "id": claim.speaker.pk,
        "name": claim.speaker.name,
        "kind": "person",
        "url": f"{site}/api/v1/speakers/{claim.speaker.pk}/",
        "html_url": f"{site}/speakers/{claim.speaker.pk}/",
    }
    assert (row["url"], row["html_url"]) == (f"{site}/api/v1/claims/{claim.pk}/", f"{site}/claims/{claim.pk}/")
    text = claim.article.text
    for key in ("content", "speaker_mention"):
        span = row[key]
        assert text[span["start"] : span["end"]] == span["text"]
    assert row["content"]["text"] == "the bridge would reopen in May"
    assert row["cue"] is None
    assert (row["note_count"], row["evidence_count"]) == (1, 1)
    assert row["version"] == 1 and row["attribution_status"] == "unreviewed" and row["rating"] == "not_rated"
    for key in ("kind", "via", "confidence", "engine_version", "reviewed_by", "reviewed_at", "updated_at"):
        assert key in row


def _claims(n: int, **fields) -> list[Claim]:
    article = ArticleFactory()
    return [make_claim(article, **fields) for _ in range(n)]


def test_filters_by_speaker_article_outlet_kind_status_rating_confidence(reader_client, editor):
    speaker = SpeakerFactory(name="Jane Doe")
    a = make_claim(ArticleFactory(outlet="The Ledger"), speaker=speaker, kind="direct", confidence=0.9)
    b = make_claim(ArticleFactory(), kind="indirect", confidence=0.3)
    services.claim_review(claim=b, actor=editor, expected_version=1, attribution_status="confirmed", rating="false")
    assert ids(reader_client.get(URL, {"speaker": speaker.pk})) == [a.pk]
    assert ids(reader_client.get(URL, {"article": b.article_id})) == [b.pk]
    assert ids(reader_client.get(URL, {"outlet": "the ledger"})) == [a.pk]
    assert ids(reader_client.get(URL, {"kind": "direct"})) == [a.pk]
    assert ids(reader_client.get(URL, {"attribution_status": "confirmed"})) == [b.pk]
    assert ids(reader_client.get(URL, {"rating": "false"})) == [b.pk]
    assert ids(reader_client.get(URL, {"min_confidence": "0.5"})) == [a.pk]


def test_speaker_name_filter_matches_aliases_ignoring_titles_and_case(reader_client):
    putin = SpeakerFactory(name="Vladimir Putin")
    services.speaker_alias_add(speaker=putin, name="President Vladimir Vladimirovich Putin")
    claim = make_claim(speaker=putin)
    make_claim(speaker=SpeakerFactory(name="Someone Else"))
    assert ids(reader_client.get(URL, {"speaker_name": "president VLADIMIR putin"})) == [claim.pk]
    assert ids(reader_client.get(URL, {"speaker_name": "Vladimir Vladimirovich Putin"})) == [claim.pk]
    assert ids(reader_client.get(URL, {"speaker_name": "Vladimirovich"})) == []
    assert ids(reader_client.get(URL, {"speaker_name__contains": "Vladimirovich"})) == [claim.pk]
    assert ids(reader_client.get(URL, {"speaker_name": "Nobody"})) == []


def test_speaker_name_is_an_exact_name_not_a_substring(reader_client):
    anderson = make_claim(speaker=SpeakerFactory(name="Mira Anderson"))
    johnson = make_claim(speaker=SpeakerFactory(name="Tobias Johnson"))
    assert ids(reader_client.get(URL, {"speaker_name": "son"})) == []
    assert ids(reader_client.get(URL, {"speaker_name": "Dr. MIRA ANDERSON"})) == [anderson.pk]
    assert sorted(ids(reader_client.get(URL, {"speaker_name__contains": "son"}))) == sorted([anderson.pk, johnson.pk])


def test_speaker_name_matches_an_organisation_by_its_name(reader_client):
    ministry = make_claim(speaker=SpeakerFactory(name="The Ministry of Canals", kind="organisation"))
    assert ids(reader_client.get(URL, {"speaker_name": "ministry of canals"})) == [ministry.pk]


def test_claim_carries_the_current_speaker_and_the_engines_guess(reader_client, editor_client, claim):
    other = SpeakerFactory(name="Corrected Person")
    etag = editor_client.get(f"{URL}{claim.pk}/")["ETag"]
    editor_client.patch(f"{URL}{claim.pk}/", {"speaker": other.pk}, format="json", HTTP_IF_MATCH=etag)
    row = reader_client.get(URL).json()["results"][0]
    assert row["speaker"]["name"] == "Corrected Person" and row["speaker"]["id"] == other.pk
    assert row["engine_speaker_name"] == row["speaker_name"] == claim.speaker_name


def test_unknown_query_parameter_is_a_400_listing_the_allowed_ones(reader_client):
    response = reader_client.get(URL, {"ratng": "false"})
    assert response.status_code == 400
    message = response.json()["error"]["detail"]["ratng"][0]
    for allowed in ("rating", "speaker_name", "speaker_name__contains", "cursor", "page_size", "ordering"):
        assert allowed in message
    assert reader_client.get("/api/v1/speakers/", {"nam": "x"}).status_code == 400
    assert reader_client.get("/api/v1/claims/1/", {"expand": "x"}).status_code == 400
    assert reader_client.get("/api/v1/claims/1/", {"page_size": "5"}).status_code == 400  # a detail has no pages


def test_repeated_and_comma_separated_values_match_any(reader_client, editor):
    a, b, c = _claims(3)
    services.claim_review(claim=a, actor=editor, expected_version=1, rating="false")
    services.claim_review(claim=b, actor=editor, expected_version=1, rating="misleading")
    both = sorted([a.pk, b.pk])
    assert sorted(ids(reader_client.get(f"{URL}?rating=false&rating=misleading"))) == both
    assert sorted(ids(reader_client.get(f"{URL}?rating=false,misleading"))) == both
    assert sorted(ids(reader_client.get(f"{URL}?rating=false"))) == [a.pk]
    assert sorted(ids(reader_client.get(f"{URL}?speaker=&article={a.article_id},{c.pk + 10**6}"))) == sorted(
        [a.pk, b.pk, c.pk]
    )
    bad = reader_client.get(f"{URL}?rating=false,pants_on_fire")
    assert bad.status_code == 400 and "rating" in bad.json()["error"]["detail"]


def test_published_and_updated_date_ranges(reader_client):
    old = make_claim(ArticleFactory(published_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC)))
    new = make_claim(ArticleFactory(published_at=dt.datetime(2024, 6, 1, tzinfo=dt.UTC)))
    assert ids(reader_client.get(URL, {"published_after": "2024-01-01T00:00:00Z"})) == [new.pk]
    assert ids(reader_client.get(URL, {"published_before": "2021-01-01"})) == [old.pk]
    cutoff = timezone.now()
    Claim.objects.filter(pk=old.pk).update(updated_at=cutoff + dt.timedelta(seconds=5))
    assert ids(reader_client.get(URL, {"updated_after": cutoff.isoformat()})) == [old.pk]
    assert ids(reader_client.get(URL, {"updated_before": cutoff.isoformat()})) == [new.pk]


def test_changes_feed_pages_through_updates_in_order(reader_client):
    claims = _claims(5)
    base = timezone.now() - dt.timedelta(hours=1)
    for i, c in enumerate(claims):
        Claim.objects.filter(pk=c.pk).update(updated_at=base + dt.timedelta(minutes=i))
    since = (base + dt.timedelta(seconds=30)).isoformat()
    page = reader_client.get(URL, {"updated_after": since, "ordering": "updated_at", "page_size": 2}).json()
    seen = [r["id"] for r in page["results"]]
    while page["next"]:
        page = reader_client.get(page["next"]).json()
        seen += [r["id"] for r in page["results"]]
    assert seen == [c.pk for c in claims[1:]]


@pytest.mark.parametrize(
    "ordering", ["confidence", "-confidence", "speaker", "-speaker", "published_at", "-updated_at"]
)
def test_cursor_pages_cover_every_claim_once_in_order_with_ties(reader_client, ordering):
    article = ArticleFactory()
    names = ["Bea", "Al", "Cy"]
    for i in range(7):
        make_claim(article, speaker=SpeakerFactory(name=f"{names[i % 3]} X{i}"), confidence=[0.5, 0.9][i % 2])
    full = ids(reader_client.get(URL, {"ordering": ordering, "page_size": 100}))
    page = reader_client.get(URL, {"ordering": ordering, "page_size": 3}).json()
    seen, pages = [r["id"] for r in page["results"]], [page]
    while page["next"]:
        page = reader_client.get(page["next"]).json()
        pages.append(page)
        seen += [r["id"] for r in page["results"]]
    assert seen == full and len(set(seen)) == 7
    back = reader_client.get(pages[-1]["previous"]).json()
    assert [r["id"] for r in back["results"]] == [r["id"] for r in pages[-2]["results"]]
    rows = reader_client.get(URL, {"ordering": ordering, "page_size": 100}).json()["results"]
    if "confidence" in ordering:
        values = [r["confidence"] for r in rows]
        assert values == sorted(values, reverse=ordering.startswith("-"))


def test_full_text_search_finds_words_in_content_and_speaker_names(reader_client):
    article = ArticleFactory()
    bridge = make_claim(article, content="the bridge would reopen in May", speaker_name="Jane Doe")
    schedule = make_claim(article, content="We are on schedule", speaker_name="Jane Doe")
    assert ids(reader_client.get(URL, {"q": "bridge"})) == [bridge.pk]
    assert set(ids(reader_client.get(URL, {"q": "doe"}))) == {bridge.pk, schedule.pk}
    assert ids(reader_client.get(URL, {"q": "schedule Jane"})) == [schedule.pk]
    assert ids(reader_client.get(URL, {"q": "tunnel"})) == []


@pytest.mark.parametrize(
    "params",
    [
        {"min_confidence": "lots"},
        {"min_confidence": "2"},
        {"speaker": "abc"},
        {"speaker": str(2**70)},
        {"kind": "rumour"},
        {"updated_after": "yesterday"},
        {"updated_after": "9999-12-31T23:59:59-14:00"},
        {"published_before": "0001-01-01T00:00:00+05:00"},
        {"ordering": "random"},
        {"page_size": "0"},
        {"page_size": "10000"},
        {"cursor": "not-a-cursor"},
        {"q": "x" * 400},
        {"q": "nul\x00byte"},
    ],
)
def test_bad_query_values_answer_400_naming_the_parameter(reader_client, claim, params):
    response = reader_client.get(URL, params)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["status"] == 400 and error["message"]
    assert set(error["detail"]) == set(params)


def test_dates_with_offsets_postgres_cannot_store_are_converted_to_utc(reader_client):
    need_postgres("PostgreSQL refuses UTC offsets past 15:59; SQLite compares any offset as text")
    claim = make_claim(ArticleFactory(published_at=dt.datetime(2024, 6, 1, tzinfo=dt.UTC)))
    assert ids(reader_client.get(URL, {"published_after": "0270-06-27T21:27:38.42+16:42"})) == [claim.pk]
    assert ids(reader_client.get(URL, {"published_before": "0270-06-27T21:27:38.42+16:42"})) == []
    # +16:42 moves the instant back by 16 h 42 min: 16:30 there is 23:48 UTC the day before, 16:50 is 00:08 UTC.
    assert ids(reader_client.get(URL, {"published_after": "2024-06-01T16:30:00+16:42"})) == [claim.pk]
    assert ids(reader_client.get(URL, {"published_after": "2024-06-01T16:50:00+16:42"})) == []


def test_cursor_from_another_ordering_is_refused(reader_client):
    _claims(3)
    nxt = reader_client.get(URL, {"ordering": "confidence", "page_size": 1}).json()["next"]
    cursor = parse_qs(urlsplit(nxt).query)["cursor"][0]
    response = reader_client.get(URL, {"ordering": "-confidence", "cursor": cursor})
    assert response.status_code == 400 and "ordering" in response.json()["error"]["detail"]["cursor"][0]


def _count_queries(client, size: int, params: dict) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(URL, {"page_size": size, **params})
    assert response.status_code == 200 and len(response.json()["results"]) == size
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"ordering": "speaker", "q": "bridge"},
        {"speaker_name": "mira anderson"},
        {"speaker_name__contains": "anders"},
    ],
)
def test_list_page_costs_the_same_queries_for_5_or_50_rows(reader_client, editor, params):
    for claim in _claims(50, speaker=SpeakerFactory(name="Mira Anderson")):
        services.claim_add_note(claim=claim, author=editor, body="note")
    small = _count_queries(reader_client, 5, params)
    large = _count_queries(reader_client, 50, params)
    # The page, the texts its spans point into, and for an exact speaker name the lookup of who carries it.
    assert small == large <= (5 if "speaker_name" in params else 3)


def test_documented_row_fields_are_the_rendered_rows_keys(reader_client, claim):
    # CLAIM_ROW is the only list of the row's columns: the query, the row and the schema all follow it.
    from newsclaims.api.serializers import ClaimSerializer
    from newsclaims.claims import selectors

    row = reader_client.get(URL).json()["results"][0]
    assert list(ClaimSerializer().fields) == ClaimSerializer.Meta.fields == list(row)
    assert ClaimSerializer.Meta.fields[: len(selectors.CLAIM_ROW)] == list(selectors.CLAIM_ROW)


def test_adding_a_column_to_the_read_model_is_one_edit(claim, monkeypatch):
    from newsclaims.claims import selectors

    spec = {**selectors.CLAIM_ROW, "engine_text_hash": "article__content_hash"}
    columns, getters = selectors._compile(spec)
    monkeypatch.setattr(selectors, "CLAIM_ROW_COLUMNS", columns)
    monkeypatch.setattr(selectors, "_CLAIM_ROW_GETTERS", getters)
    row = selectors.claim_row_get(pk=claim.pk)
    assert row["engine_text_hash"] == claim.article.content_hash and list(row) == list(spec)


def test_list_rows_and_detail_render_a_claim_identically(reader_client, claim, editor):
    # The list renders rows from .values() dicts, the detail from a model instance: one claim, one shape.
    services.claim_review(claim=claim, actor=editor, expected_version=1, attribution_status="confirmed", rating="false")
    services.claim_add_note(claim=claim, author=editor, body="Checked.")
    listed = reader_client.get("/api/v1/claims/").json()["results"][0]
    detail = reader_client.get(f"/api/v1/claims/{claim.pk}/").json()
    assert listed == {key: detail[key] for key in listed}
    assert listed["note_count"] == 1 and listed["rating"] == "false"


def test_outlet_filter_can_use_the_case_insensitive_outlet_index_on_postgres():
    # Without it PostgreSQL has no statistics on UPPER(outlet) and walked a million claims in list order for an
    # outlet that has none (1.5 s); with it the planner sees there is no such outlet.
    need_postgres("the plan is PostgreSQL's")
    from newsclaims.claims.models import Article

    ArticleFactory(outlet="Harbour Gazette")
    sql, params = Article.objects.filter(outlet__iexact="harbour gazette").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "article_outlet_upper_idx" in plan, plan
