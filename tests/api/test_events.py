"""The change feed: a client mirrors claims, articles and speakers from events alone, and the filters."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from rest_framework.test import APIClient

from newsclaims.claims import services
from newsclaims.claims.models import Article, ChangeEvent, Claim, Speaker
from newsclaims.ingestion.reextract import article_reextract
from tests.factories import ArticleFactory, SpeakerFactory, make_claim

pytestmark = pytest.mark.django_db

FIRST = (
    "The harbour board will close the north pier in March, chairwoman Elsa Vintermark said on Tuesday. "
    "\u201cThe timbers are rotten,\u201d said engineer Bram Ostrowski. "
    "Fishermen say the closure will cost them the spring season."
)
SECOND = (
    "Councillor Elsa Vintermark said the ferry fares would rise by a tenth next year. "
    "\u201cWe have no other choice,\u201d she told the assembly."
)
PATHS = {"claim": "claims", "article": "articles", "speaker": "speakers"}
# Derived from claims: a mirror computes them from its own claims (see the feed's description).
DERIVED = {"article": {"claims", "claim_count"}, "speaker": {"claim_count", "claims_by_rating"}, "claim": set()}


def _shape(resource: str, body: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in body.items() if k not in DERIVED[resource]}


class Mirror:
    """What an integrating client does: read the feed from where it stopped, fetch what each event names."""

    def __init__(self, client: APIClient) -> None:
        self.client = client
        self.last_id = 0
        self.data: dict[str, dict[int, dict[str, Any]]] = {"claim": {}, "article": {}, "speaker": {}}

    def sync(self) -> int:
        seen = 0
        url: str | None = f"/api/v1/events/?after_id={self.last_id}&page_size=5"
        while url:
            page = self.client.get(url)
            assert page.status_code == 200, page.content
            body = page.json()
            for event in body["results"]:
                assert event["id"] > self.last_id  # monotonic
                self.last_id = event["id"]
                self.apply(event)
                seen += 1
            url = body["next"]
        return seen

    def apply(self, event: dict[str, Any]) -> None:
        store = self.data[event["resource"]]
        if event["type"] in ("retired", "merged"):
            store.pop(event["resource_id"], None)
            return
        response = self.client.get(event["url"])
        if response.status_code in (301, 404):  # merged away or gone since; a later event says so
            store.pop(event["resource_id"], None)
            return
        assert response.status_code == 200, response.content
        store[event["resource_id"]] = _shape(event["resource"], response.json())


def full_export(client: APIClient) -> dict[str, dict[int, dict[str, Any]]]:
    """Every resource, listed page by page and read in full."""
    export: dict[str, dict[int, dict[str, Any]]] = {}
    for resource, path in PATHS.items():
        export[resource] = {}
        url: str | None = f"/api/v1/{path}/?page_size=200"
        while url:
            body = client.get(url).json()
            for row in body["results"]:
                export[resource][row["id"]] = _shape(resource, client.get(f"/api/v1/{path}/{row['id']}/").json())
            url = body["next"]
    return export


def test_a_client_mirrors_claims_articles_and_speakers_from_events_alone(editor_client, admin_client_api):
    mirror = Mirror(editor_client)

    # Ingest, through the API (the job runs in-process without a broker).
    for text in (FIRST, SECOND):
        assert editor_client.post("/api/v1/articles/", {"text": text}, format="json").status_code == 202
    assert mirror.sync() > 0
    assert mirror.data == full_export(editor_client)
    assert Claim.objects.count() >= 3 and Speaker.objects.count() >= 2

    # Review one claim, annotate another.
    first, second = Claim.objects.order_by("id")[:2]
    patched = editor_client.patch(
        f"/api/v1/claims/{first.pk}/",
        {"attribution_status": "confirmed", "rating": "false"},
        format="json",
        HTTP_IF_MATCH=f'"{first.pk}-{first.version}"',
    )
    assert patched.status_code == 200, patched.content
    editor_client.post(f"/api/v1/claims/{second.pk}/notes/", {"body": "Ask the harbour board."}, format="json")
    assert mirror.sync() == 2
    assert mirror.data == full_export(editor_client)

    # Re-extract with a stale claim (an older engine's span) and one the engine will not find again.
    article = Article.objects.get(text=FIRST)
    stale = article.claims.exclude(pk__in=[first.pk, second.pk]).order_by("id").first()
    assert stale is not None
    Claim.objects.filter(pk=stale.pk).update(kind="mixed" if stale.kind != "mixed" else "direct")
    ghost = make_claim(article, content="Fishermen say", speaker_text="Fishermen")
    mirror.sync()
    result = article_reextract(article=article)
    assert result.replaced == 1 and result.updated >= 1
    assert mirror.sync() >= 2
    assert ghost.pk not in mirror.data["claim"] and stale.pk in mirror.data["claim"]
    assert mirror.data == full_export(editor_client)

    # Merge two speakers (an admin, through the API).
    source, target = Speaker.objects.filter(claims__isnull=False).distinct().order_by("id")[:2]
    merged = admin_client_api.post(f"/api/v1/speakers/{source.pk}/merge/", {"into": target.pk}, format="json")
    assert merged.status_code == 200, merged.content
    assert mirror.sync() > 0
    assert source.pk not in mirror.data["speaker"]
    assert mirror.data == full_export(editor_client)
    merge = ChangeEvent.objects.get(type="merged", resource="speaker")
    assert (merge.resource_id, merge.payload) == (source.pk, {"source": source.pk, "target": target.pk})


def test_every_service_change_is_one_event_with_its_actor(editor, claim):
    start = ChangeEvent.objects.order_by("id").last().pk
    services.claim_review(claim=claim, actor=editor, expected_version=claim.version, rating="true")
    services.claim_add_evidence(claim=claim, added_by=editor, url="https://example.org/minutes")
    speaker = services.speaker_create(name="Oskar Brenneval")
    services.speaker_update(
        speaker=speaker, name="Oskar Brenneval", kind="person", description="Mayor", wikidata_qid=""
    )
    services.speaker_alias_add(speaker=speaker, name="O. Brenneval")
    events = list(ChangeEvent.objects.filter(pk__gt=start).order_by("id").values_list("type", "resource", "actor"))
    assert events == [
        ("reviewed", "claim", editor.pk),
        ("updated", "claim", editor.pk),
        ("created", "speaker", None),
        ("updated", "speaker", None),
        ("updated", "speaker", None),
    ]


def test_renaming_a_speaker_announces_and_bumps_its_claims(claim, speaker):
    old = Claim.objects.get(pk=claim.pk).updated_at
    claim.speaker = speaker
    Claim.objects.filter(pk=claim.pk).update(speaker=speaker)
    services.speaker_update(speaker=speaker, name="Renamed Person", kind="person", description="", wikidata_qid="")
    assert Claim.objects.get(pk=claim.pk).updated_at > old
    assert ChangeEvent.objects.filter(type="updated", resource="claim", resource_id=claim.pk).exists()


def test_unchanged_saves_announce_nothing(article, speaker):
    start = ChangeEvent.objects.count()
    services.speaker_update(
        speaker=speaker, name=speaker.name, kind=speaker.kind, description=speaker.description, wikidata_qid=""
    )
    services.article_update(
        article=article,
        title=article.title,
        outlet=article.outlet,
        author=article.author,
        published_at=article.published_at,
        language=article.language,
    )
    assert ChangeEvent.objects.count() == start


def test_feed_filters_by_type_resource_id_and_time(reader_client, editor, claim):
    services.claim_review(claim=claim, actor=editor, expected_version=claim.version, rating="false")
    reviewed = reader_client.get("/api/v1/events/", {"type": "reviewed"}).json()["results"]
    assert [(e["resource"], e["resource_id"], e["actor"]) for e in reviewed] == [("claim", claim.pk, editor.username)]
    assert reviewed[0]["url"].endswith(f"/api/v1/claims/{claim.pk}/")
    assert reviewed[0]["payload"] == {"fields": ["rating"], "version": 2}
    both = reader_client.get("/api/v1/events/", {"type": ["reviewed", "created"], "resource": "claim"}).json()
    assert [e["type"] for e in both["results"]] == ["created", "reviewed"]
    only = reader_client.get("/api/v1/events/", {"resource_id": claim.pk, "resource": "claim"}).json()["results"]
    assert {e["resource_id"] for e in only} == {claim.pk}
    future = (dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)).isoformat()
    assert reader_client.get("/api/v1/events/", {"at_after": future}).json()["results"] == []
    assert len(reader_client.get("/api/v1/events/", {"at_before": future}).json()["results"]) == len(
        reader_client.get("/api/v1/events/").json()["results"]
    )


def test_feed_refuses_bad_filters_and_anonymous_readers(reader_client, anon_client):
    bad = reader_client.get("/api/v1/events/", {"type": "exploded"})
    assert bad.status_code == 400 and "type" in bad.json()["error"]["detail"]
    assert reader_client.get("/api/v1/events/", {"at_after": "yesterday"}).status_code == 400
    assert reader_client.get("/api/v1/events/", {"after_id": "-3"}).status_code == 400
    assert anon_client.get("/api/v1/events/").status_code in (401, 403)


def test_feed_pages_are_cursor_links_in_id_order(reader_client):
    for n in range(7):
        services.speaker_create(name=f"Paged Person{n}")
    first = reader_client.get("/api/v1/events/", {"page_size": 4}).json()
    second = reader_client.get(first["next"]).json()
    ids = [e["id"] for e in first["results"] + second["results"]]
    assert ids == sorted(ids) and len(ids) == 7 and len(first["results"]) == 4


def test_updated_after_filters_articles_and_speakers(reader_client, article, speaker):
    cut = dt.datetime.now(dt.UTC)
    other = SpeakerFactory()
    services.speaker_update(speaker=speaker, name="Changed Name", kind="person", description="", wikidata_qid="")
    services.article_update(article=article, title="New title", outlet="", author="", published_at=None, language="en")
    untouched = ArticleFactory()
    Article.objects.filter(pk=untouched.pk).update(updated_at=cut - dt.timedelta(days=1))
    Speaker.objects.filter(pk=other.pk).update(updated_at=cut - dt.timedelta(days=1))
    params = {"updated_after": cut.isoformat()}
    assert [a["id"] for a in reader_client.get("/api/v1/articles/", params).json()["results"]] == [article.pk]
    assert [s["id"] for s in reader_client.get("/api/v1/speakers/", params).json()["results"]] == [speaker.pk]
    before = {"updated_before": cut.isoformat()}
    assert [s["id"] for s in reader_client.get("/api/v1/speakers/", before).json()["results"]] == [other.pk]
    assert reader_client.get("/api/v1/articles/", {"updated_after": "soon"}).status_code == 400


def test_splitting_a_speaker_announces_each_moved_claim(editor, claim, speaker):
    Claim.objects.filter(pk=claim.pk).update(speaker=speaker)
    start = ChangeEvent.objects.order_by("id").last().pk
    target = services.speaker_split(source=speaker, claim_ids=[claim.pk], actor=editor, new_name="Petra Lindqvist")
    events = list(ChangeEvent.objects.filter(pk__gt=start).values_list("type", "resource", "resource_id"))
    assert ("created", "speaker", target.pk) in events
    assert ("updated", "claim", claim.pk) in events
