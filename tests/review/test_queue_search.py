"""The review queue's search box: what it finds, and a count that stops at a cap (review/paging.py)."""

from __future__ import annotations

import re

import pytest

from newsclaims.review import paging
from newsclaims.review.views import queue as queue_view
from tests.factories import ArticleFactory, SpeakerFactory, make_claim

pytestmark = pytest.mark.django_db


def _ids(client, query: str) -> list[int]:
    return [c["id"] for c in client.get(f"/review/{query}").context["claims"]]


def _summary(body: str) -> str:
    match = re.search(r'<p class="summary">(.*?)<span', body, re.S)
    assert match
    return " ".join(match.group(1).split())


def test_queue_search_finds_words_speaker_names_and_headlines_but_not_reviewed_claims(as_user, viewer):
    plain = ArticleFactory(title="Council meets")
    headline = ArticleFactory(title="Ferry timetable under review")
    by_words = make_claim(plain, content="We are on schedule", speaker_text="she", confidence=0.1)
    by_speaker = make_claim(plain, confidence=0.2, speaker=SpeakerFactory(name="Wilhelmina Quarrington"))
    by_title = make_claim(headline, confidence=0.3)
    done = make_claim(headline, content="We are on schedule", speaker_text="she", attribution_status="confirmed")
    make_claim(plain, confidence=0.4)
    client = as_user(viewer)

    assert _ids(client, "?q=schedule") == [by_words.pk]
    assert _ids(client, "?q=quarring") == [by_speaker.pk]  # part of the speaker's name
    assert _ids(client, "?q=TIMETABLE") == [by_title.pk]  # part of the headline, any case
    assert _ids(client, "?q=nothing-like-this") == []
    assert set(_ids(client, "?q=schedule&status=any")) == {by_words.pk, done.pk}
    assert set(_ids(client, "?q=timetable&status=any")) == {by_title.pk, done.pk}


def test_queue_search_count_stops_at_the_cap_and_says_more_than(as_user, viewer, monkeypatch):
    monkeypatch.setattr(paging, "COUNT_CAP", 3)
    monkeypatch.setattr(queue_view, "PAGE_SIZE", 2)
    article = ArticleFactory()
    claims = [make_claim(article, confidence=c / 10) for c in range(1, 6)]  # five matches of "bridge"
    client = as_user(viewer)

    first = client.get("/review/?q=bridge")
    assert first.context["page"].paginator.capped
    assert _summary(first.content.decode()) == "More than 3 claims · page 1"
    pager = re.search(r'<nav class="pager".*?</nav>', first.content.decode(), re.S)
    assert pager and "Next →" in pager.group(0) and "<span>Page 1</span>" in pager.group(0)

    # A page past the cap still knows whether another follows; the last one knows the total again.
    second = client.get("/review/?q=bridge&page=2")
    assert second.context["page"].has_next()
    third = client.get("/review/?q=bridge&page=3")
    assert not third.context["page"].paginator.capped and not third.context["page"].has_next()
    assert _summary(third.content.decode()) == "5 claims · page 3 of 3"

    walked = [c["id"] for page in (first, second, third) for c in page.context["claims"]]
    assert walked == [c.pk for c in claims]


def test_queue_search_under_the_cap_shows_the_exact_count_and_the_same_order(as_user, viewer, monkeypatch):
    monkeypatch.setattr(queue_view, "PAGE_SIZE", 2)
    article = ArticleFactory()
    claims = [make_claim(article, confidence=c / 10) for c in (5, 1, 4, 2, 3)]
    client = as_user(viewer)

    response = client.get("/review/?q=bridge&sort=-confidence")
    assert not response.context["page"].paginator.capped
    assert _summary(response.content.decode()) == "5 claims · page 1 of 3"
    expected = [c.pk for c in sorted(claims, key=lambda c: -c.confidence)]
    pages = [client.get(f"/review/?q=bridge&sort=-confidence&page={n}") for n in (1, 2, 3)]
    walked = [c["id"] for page in pages for c in page.context["claims"]]
    assert walked == expected


def test_queue_without_a_search_counts_exactly(as_user, viewer, monkeypatch):
    monkeypatch.setattr(paging, "COUNT_CAP", 3)
    article = ArticleFactory()
    for c in range(1, 6):
        make_claim(article, confidence=c / 10)
    response = as_user(viewer).get("/review/")
    assert _summary(response.content.decode()) == "5 claims"


def test_requested_page_reads_what_get_page_reads():
    assert paging.requested_page("3") == 3
    assert paging.requested_page(None) == 1
    assert paging.requested_page("last") == 1
    assert paging.requested_page("-2") == 1


def test_article_list_search_finds_articles_by_headline_speaker_or_words(as_user, viewer):
    # The article list reads the queue's filter as a subquery (articles holding a matching claim).
    headline = ArticleFactory(title="Harbour dredging plan")
    spoken = ArticleFactory(title="Plain title one")
    worded = ArticleFactory(title="Plain title two")
    ArticleFactory(title="Plain title three")
    make_claim(headline)
    make_claim(spoken, speaker=SpeakerFactory(name="Ottoline Brackwater"))
    make_claim(worded, content="We are on schedule", speaker_text="she")
    client = as_user(viewer)

    def titles(q: str) -> set[str]:
        body = client.get("/articles/", {"q": q}).content.decode()
        shown = ("Harbour dredging plan", "Plain title one", "Plain title two", "Plain title three")
        return {title for title in shown if title in body}

    assert titles("dredging") == {"Harbour dredging plan"}
    assert titles("brackwat") == {"Plain title one"}
    assert titles("schedule") == {"Plain title two"}
