"""article_ingest: text, HTML and URL in; the article and its claims stored once, all or nothing."""

from __future__ import annotations

import pytest

from newsclaims.attribution import ENGINE_VERSION, extract
from newsclaims.claims.linking import SpeakerLinker
from newsclaims.claims.models import Article, Claim, Speaker
from newsclaims.claims.services import NewArticle, article_find_duplicate
from newsclaims.ingestion.errors import IngestionError
from newsclaims.ingestion.pipeline import article_ingest, store
from tests.ingestion.conftest import ARTICLE_HTML, article_text

pytestmark = pytest.mark.django_db


def test_text_is_stored_with_its_claims_engine_version_and_metadata():
    result = article_ingest(
        text=article_text(1), title="Bridge", outlet="Daily Example", author="Ann", published_at="2024-05-01T09:30Z"
    )
    assert result.created and result.claims_created >= 2
    article = Article.objects.get()
    assert (article.title, article.outlet, article.author) == ("Bridge", "Daily Example", "Ann")
    assert article.published_at.isoformat() == "2024-05-01T09:30:00+00:00"
    assert article.engine_version == ENGINE_VERSION
    claims = list(article.claims.all())
    assert len(claims) == result.claims_created
    for claim in claims:
        assert claim.span_errors() == []
        assert claim.engine_version == ENGINE_VERSION
    mayor = next(c for c in claims if c.content_text == "the bridge number 1 would reopen in May")
    assert (mayor.speaker_text, mayor.cue_text, mayor.kind) == ("Mayor Jane Doe", "said", "indirect")
    assert mayor.speaker.name == "Jane Doe" and mayor.speaker.description == "Mayor"
    assert mayor.speaker_name == "Jane Doe" and mayor.speaker_role == "Mayor"


def test_same_text_twice_returns_the_stored_article():
    first = article_ingest(text=article_text(2))
    again = article_ingest(text="  " + article_text(2).replace(" ", "\n", 3) + "\n", title="other title")
    assert not again.created and again.claims_created == 0
    assert again.article.pk == first.article.pk
    assert Article.objects.count() == 1
    assert Claim.objects.count() == first.claims_created


def test_same_url_twice_returns_the_stored_article_even_with_other_text():
    first = article_ingest(text=article_text(3), url="https://news.example/a")
    again = article_ingest(text=article_text(4), url="https://news.example/a")
    assert again.article.pk == first.article.pk and not again.created
    assert article_find_duplicate(url="https://news.example/a") == first.article
    assert article_find_duplicate(text=article_text(3)) == first.article
    assert article_find_duplicate(text=article_text(99)) is None


def test_html_body_and_metadata_are_extracted_and_scripts_and_boilerplate_dropped():
    result = article_ingest(html=ARTICLE_HTML, url="https://news.example/bridge")
    article = result.article
    assert "Mayor Jane Doe said the bridge would reopen in May" in article.text
    for junk in ("tracking", "color: red", "Subscribe", "Cookie settings", "<p>"):
        assert junk not in article.text
    assert article.title.startswith("Bridge to reopen")
    assert (article.author, article.outlet, article.url) == (
        "Ann Writer",
        "Daily Example",
        "https://news.example/bridge",
    )
    assert article.published_at is not None and article.published_at.date().isoformat() == "2024-05-02"
    assert result.claims_created >= 2
    assert all(c.span_errors() == [] for c in article.claims.all())


def test_caller_metadata_wins_over_the_pages():
    result = article_ingest(html=ARTICLE_HTML, title="Our title", outlet="Wire", author="Desk")
    assert (result.article.title, result.article.outlet, result.article.author) == ("Our title", "Wire", "Desk")


def test_url_is_fetched_from_a_real_server(pages):
    url = pages.add("/news/bridge.html", ARTICLE_HTML)
    result = article_ingest(url=url)
    assert result.created and result.article.url == url
    assert "the bridge would reopen in May" in result.article.text
    # Already stored: the page is not fetched a second time.
    assert article_ingest(url=url).article.pk == result.article.pk
    assert pages.hits["/news/bridge.html"] == 1


def test_url_following_a_redirect_stores_the_requested_address(pages):
    target = pages.add("/final.html", ARTICLE_HTML)
    start = pages.add("/old.html", "", status=301, headers={"Location": "/final.html"})
    result = article_ingest(url=start)
    assert result.article.url == start and target != start
    assert pages.hits == {"/old.html": 1, "/final.html": 1}


def test_failure_while_storing_claims_leaves_nothing_half_written():
    class BrokenLinker(SpeakerLinker):
        def link_article(self, mentions):  # a fault injected after speaker rows are written, in the same transaction
            super().link_article(mentions)
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        store(NewArticle(text=article_text(5)), extract(article_text(5)), linker=BrokenLinker())
    assert Article.objects.count() == 0 and Claim.objects.count() == 0 and Speaker.objects.count() == 0
    assert article_ingest(text=article_text(5)).created


def test_exactly_one_source_is_required():
    with pytest.raises(IngestionError, match="exactly one"):
        article_ingest()
    with pytest.raises(IngestionError, match="exactly one"):
        article_ingest(text=article_text(6), html=ARTICLE_HTML)
    assert Article.objects.count() == 0
