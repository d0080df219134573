"""Every page: who may see it, who may change things through it."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from newsclaims.claims.models import Claim, Speaker
from tests.factories import ArticleFactory, SpeakerFactory, make_claim

pytestmark = pytest.mark.django_db


def pages(claim: Claim) -> list[str]:
    return [
        "/",
        "/review/",
        f"/articles/{claim.article_id}/",
        f"/articles/{claim.article_id}/?claim={claim.pk}",
        f"/claims/{claim.pk}/",
        f"/speakers/{claim.speaker_id}/",
        "/search/?q=bridge",
    ]


def posts(claim: Claim) -> list[tuple[str, dict]]:
    return [
        (f"/claims/{claim.pk}/review/", {"version": claim.version, "attribution_status": "confirmed"}),
        (f"/claims/{claim.pk}/notes/", {"body": "checked"}),
        (f"/claims/{claim.pk}/evidence/", {"url": "https://example.org/a", "kind": "other"}),
        ("/review/bulk/", {"claims": [claim.pk], "action": "confirm"}),
        ("/articles/new/", {"text": "Someone said something new."}),
        (f"/speakers/{claim.speaker_id}/merge/", {"target": "x"}),
    ]


def test_anonymous_users_are_sent_to_the_login_page(client, claim):
    for url in [*pages(claim), "/articles/new/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/?next="), url
    for url, data in posts(claim):
        response = client.post(url, data)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/"), url
    claim.refresh_from_db()
    assert claim.attribution_status == "unreviewed" and not claim.notes.exists()


def test_login_page_renders_and_logs_in(client, editor):
    assert client.get("/accounts/login/").status_code == 200
    response = client.post("/accounts/login/", {"username": editor.username, "password": "pw-for-tests"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").status_code == 200
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert client.get("/").status_code == 302


def test_wrong_password_shows_a_clear_error(client, editor):
    response = client.post("/accounts/login/", {"username": editor.username, "password": "nope"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()


def test_viewer_reads_every_page_without_forms_to_change_anything(as_user, viewer, claim):
    client = as_user(viewer)
    for url in pages(claim):
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert "Save review" not in body and "Add note" not in body and 'id="bulk-form"' not in body, url
        assert "Merge into another speaker" not in body


def test_viewer_gets_403_on_every_change_and_nothing_changes(as_user, viewer, claim):
    client = as_user(viewer)
    assert client.get("/articles/new/").status_code == 403
    for url, data in posts(claim):
        assert client.post(url, data).status_code == 403, url
    claim.refresh_from_db()
    assert claim.attribution_status == "unreviewed" and claim.version == 1
    assert not claim.notes.exists() and not claim.evidence.exists()
    assert Speaker.objects.filter(pk=claim.speaker_id).exists()


def test_editor_sees_the_review_forms(as_user, editor, claim):
    client = as_user(editor)
    for url in pages(claim):
        assert client.get(url).status_code == 200, url
    body = client.get(f"/claims/{claim.pk}/").content.decode()
    assert "Save review" in body and "Add note" in body and "Add evidence" in body
    assert f'name="version" value="{claim.version}"' in body
    assert 'id="bulk-form"' in client.get("/review/").content.decode()
    assert client.get("/articles/new/").status_code == 200
    # merging is for admins only
    assert "Merge into another speaker" not in client.get(f"/speakers/{claim.speaker_id}/").content.decode()


def test_missing_objects_are_404(as_user, viewer):
    client = as_user(viewer)
    for url in ["/articles/999999/", "/claims/999999/", "/speakers/999999/", "/jobs/999999/"]:
        assert client.get(url).status_code == 404, url


def test_dashboard_shows_counts_latest_articles_and_my_reviews(as_user, editor, claim):
    from newsclaims.claims.services import claim_review

    claim_review(claim=claim, actor=editor, expected_version=1, attribution_status="confirmed", rating="false")
    body = as_user(editor).get("/").content.decode()
    assert "Claims by attribution" in body and "Claims by rating" in body
    assert claim.article.title in body
    assert "Your recent reviews" in body and claim.content_text in body


def test_queue_lists_unreviewed_least_confident_first_with_filters(as_user, viewer):
    article = ArticleFactory(outlet="Wire One")
    other = ArticleFactory(outlet="Other Post")
    sure = make_claim(article, confidence=0.9)
    unsure = make_claim(article, content="We are on schedule", speaker_text="she", confidence=0.2)
    elsewhere = make_claim(other, confidence=0.5, kind="direct")
    done = make_claim(other, content="We are on schedule", speaker_text="she", attribution_status="confirmed")
    client = as_user(viewer)

    def ids(query: str = "") -> list[int]:
        return [c["id"] for c in client.get(f"/review/{query}").context["claims"]]

    assert ids() == [unsure.pk, elsewhere.pk, sure.pk]
    assert ids("?outlet=wire one") == [unsure.pk, sure.pk]
    assert ids("?kind=direct") == [elsewhere.pk]
    assert ids("?min_confidence=0.4&max_confidence=0.8") == [elsewhere.pk]
    assert ids("?status=confirmed") == [done.pk]
    assert set(ids("?status=any")) == {sure.pk, unsure.pk, elsewhere.pk, done.pk}
    assert ids("?q=schedule") == [unsure.pk]
    assert ids("?sort=-confidence") == [sure.pk, elsewhere.pk, unsure.pk]
    sp = SpeakerFactory(name="Ada Lovelace")
    Claim.objects.filter(pk=sure.pk).update(speaker=sp)
    assert ids("?speaker=lovelace") == [sure.pk]


def test_queue_date_filter_uses_the_publication_date(as_user, viewer):
    import datetime as dt

    old = make_claim(ArticleFactory(published_at=dt.datetime(2020, 1, 5, tzinfo=dt.UTC)))
    new = make_claim(ArticleFactory(published_at=dt.datetime(2024, 6, 1, tzinfo=dt.UTC)))
    client = as_user(viewer)
    got = [c["id"] for c in client.get("/review/?date_from=2021-01-01").context["claims"]]
    assert got == [new.pk]
    got = [c["id"] for c in client.get("/review/?date_to=2020-12-31").context["claims"]]
    assert got == [old.pk]


def test_queue_with_an_unreadable_status_still_shows_only_unreviewed_claims(as_user, viewer, claim):
    make_claim(claim.article, attribution_status="confirmed")
    response = as_user(viewer).get("/review/?status=shouted")
    assert [c["id"] for c in response.context["claims"]] == [claim.pk]
    assert "not understood" in response.content.decode()


def test_queue_rows_are_the_api_list_rows(as_user, viewer, claim, editor):
    # One read model: the row the queue renders is the row the API lists, value for value.
    import json

    from rest_framework.renderers import JSONRenderer

    from newsclaims.api.tokens import api_token_issue
    from newsclaims.claims.services import claim_add_note

    claim_add_note(claim=claim, author=editor, body="Asked the council.")
    queued = as_user(viewer).get("/review/").context["claims"]
    api = Client(HTTP_AUTHORIZATION=f"Token {api_token_issue(user=viewer)}")
    listed = api.get("/api/v1/claims/").json()["results"]
    rows = json.loads(JSONRenderer().render(queued))

    # The API adds to each row (links, span selectors with UTF-16 offsets); what the queue row has is the same.
    def within(row: object, api_row: object) -> object:
        if isinstance(row, dict) and isinstance(api_row, dict):
            return {key: within(value, api_row[key]) for key, value in row.items()}
        return api_row

    assert rows == [within(row, api_row) for row, api_row in zip(rows, listed, strict=True)]


def _count_queue_queries(client, size: int) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/review/", {"q": "bridge", "status": "any"})
    assert len(response.context["claims"]) == size
    return len(ctx.captured_queries)


def test_queue_page_costs_the_same_queries_for_3_or_30_claims(as_user, editor):
    client = as_user(editor)
    article = ArticleFactory()
    for _ in range(3):
        make_claim(article, speaker=SpeakerFactory())
    small = _count_queue_queries(client, 3)
    for _ in range(27):
        make_claim(article, speaker=SpeakerFactory())
    assert _count_queue_queries(client, 30) == small


def test_queue_ignores_bad_filter_values_and_says_so(as_user, viewer, claim):
    response = as_user(viewer).get("/review/?min_confidence=lots&date_from=yesterday&kind=shouted")
    assert response.status_code == 200
    assert [c["id"] for c in response.context["claims"]] == [claim.pk]
    assert "not understood" in response.content.decode()


def test_queue_htmx_request_gets_only_the_results(as_user, viewer, claim):
    response = as_user(viewer).get("/review/", HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="queue-results"') and "<html" not in body


def test_article_page_highlights_every_statement_with_a_legend(as_user, viewer, claim):
    second = make_claim(claim.article, content="We are on schedule", speaker_text="she", kind="direct")
    body = as_user(viewer).get(f"/articles/{claim.article_id}/").content.decode()
    assert f'href="/claims/{claim.pk}/"' in body and f'href="/claims/{second.pk}/"' in body
    assert "hl-speaker" in body and "hl-content" in body
    assert claim.speaker.name in body  # legend
    # two speakers, two colours
    colours = {
        re.search(rf'class="hl (spk-\d+) hl-content" href="/claims/{c.pk}/"', body).group(1)  # type: ignore[union-attr]
        for c in (claim, second)
    }
    assert len(colours) == 2


def test_article_text_with_script_is_shown_as_text(as_user, viewer):
    article = ArticleFactory(text='Officials said <script>alert("pwned")</script> was found in the page.')
    make_claim(article, content='<script>alert("pwned")</script> was found', speaker_text="Officials")
    body = as_user(viewer).get(f"/articles/{article.pk}/").content.decode()
    assert "<script>alert" not in body
    assert "&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;" in body


def test_claim_page_shows_context_history_notes_and_evidence(as_user, editor, claim):
    from newsclaims.claims.services import claim_add_evidence, claim_add_note, claim_review

    claim_review(claim=claim, actor=editor, expected_version=1, rating="mixed", rating_explanation="Half of it.")
    claim_add_note(claim=claim, author=editor, body="Called the press office.")
    claim_add_evidence(claim=claim, added_by=editor, url="https://example.org/transcript", kind="transcript")
    body = as_user(editor).get(f"/claims/{claim.pk}/").content.decode()
    assert "In context" in body and 'data-offset="0"' in body
    assert "Called the press office." in body
    assert "https://example.org/transcript" in body and "Transcript" in body
    assert "History" in body and editor.username in body and "Not rated" in body


def test_claim_panel_for_htmx_is_a_fragment(as_user, viewer, claim):
    body = as_user(viewer).get(f"/claims/{claim.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert body.lstrip().startswith("<article") and "<html" not in body


def test_speaker_page_lists_aliases_and_claims_across_articles(as_user, viewer, claim, speaker):
    from newsclaims.claims.services import speaker_alias_add

    speaker_alias_add(speaker=speaker, name="The Mayor")
    other = make_claim(ArticleFactory(title="Second story"), speaker=speaker)
    body = as_user(viewer).get(f"/speakers/{speaker.pk}/").content.decode()
    assert speaker.name in body and "The Mayor" in body
    assert f"/claims/{claim.pk}/" in body and f"/claims/{other.pk}/" in body and "Second story" in body


def test_search_finds_claims_speakers_and_articles(as_user, viewer, claim):
    body = as_user(viewer).get(f"/search/?q={claim.speaker.name.split()[-1]}").content.decode()
    assert f"/speakers/{claim.speaker_id}/" in body
    body = as_user(viewer).get("/search/?q=reopen").content.decode()
    assert f"/claims/{claim.pk}/" in body
    assert as_user(viewer).get("/search/?q=").status_code == 200


def test_static_assets_are_served_and_no_inline_scripts(as_user, viewer, claim):
    import re

    body = as_user(viewer).get(f"/articles/{claim.article_id}/?claim={claim.pk}").content.decode()
    scripts = re.findall(r"<script[^>]*>", body)
    assert scripts and all("src=" in s for s in scripts)
    assert re.search(r"\son[a-z]+=", body) is None  # no inline event handlers
    assert "htmx.min.js" in body and "cdn" not in body.lower()


def test_article_page_with_claim_opens_its_panel_without_javascript(as_user, editor, claim):
    body = as_user(editor).get(f"/articles/{claim.article_id}/?claim={claim.pk}").content.decode()
    assert f'class="claim-panel" id="claim-panel" data-claim="{claim.pk}"' in body and "Save review" in body
    body = as_user(editor).get(f"/articles/{claim.article_id}/?claim=999999").content.decode()
    assert "claim-panel" not in body and "Select a highlighted statement" in body
