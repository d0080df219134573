"""Uploaded HTML cannot claim another site's URL: a canonical link is metadata, never the article's identity."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest

from newsclaims.ingestion.html import extract_page
from newsclaims.ingestion.pipeline import article_ingest
from tests.ingestion.conftest import ARTICLE_HTML, PageServer

REAL_STORY = (
    "<!doctype html><html><head><title>Harbour plan</title></head><body><article>"
    "<p>Councillor Priya Okafor said the harbour plan would add two new ferry routes next summer.</p>"
    "<p>She told a public meeting that the routes would be paid for by the regional transport fund.</p>"
    "</article></body></html>"
)


@pytest.fixture
def server(settings: Any) -> Iterator[PageServer]:
    settings.NEWSCLAIMS_FETCH_ALLOW_PRIVATE = True  # loopback test server
    settings.NEWSCLAIMS_FETCH_TIMEOUT = 2
    pages = PageServer()
    thread = threading.Thread(target=pages.httpd.serve_forever, daemon=True)
    thread.start()
    yield pages
    pages.httpd.shutdown()
    pages.httpd.server_close()


def _claiming(url: str) -> str:
    return ARTICLE_HTML.replace("<title>", f'<link rel="canonical" href="{url}"><title>', 1)


def test_a_page_canonical_link_is_kept_apart_from_the_url_we_were_given():
    page = extract_page(_claiming("https://news.example/real-story"))
    assert page.url == "" and page.canonical_url == "https://news.example/real-story"
    fetched = extract_page(_claiming("https://news.example/real-story"), url="https://blog.example/copy")
    assert fetched.url == "https://blog.example/copy"


@pytest.mark.django_db
def test_uploaded_html_claiming_a_url_does_not_take_that_url_from_its_real_article(server: PageServer):
    real_url = server.add("/harbour", REAL_STORY)
    uploaded = article_ingest(html=_claiming(real_url))
    assert uploaded.created and uploaded.article.url is None
    fetched = article_ingest(url=real_url)
    assert fetched.created and fetched.article.pk != uploaded.article.pk
    assert server.hits["/harbour"] == 1
    assert "harbour plan" in fetched.article.text and fetched.article.url == real_url
