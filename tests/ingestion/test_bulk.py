"""Bulk ingestion: batches through the engine, bulk inserts, and a failed batch falls back to one by one."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext

from newsclaims.attribution import extract
from newsclaims.claims.linking import SpeakerLinker
from newsclaims.claims.models import Article, Claim, Speaker
from newsclaims.claims.services import NewArticle
from newsclaims.ingestion.bulk import FETCH_CONCURRENCY, _store_parsed, article_ingest_many
from newsclaims.ingestion.pipeline import article_ingest, store_many
from newsclaims.ingestion.sources import Item, iter_items
from tests.ingestion.conftest import ARTICLE_HTML, article_text

pytestmark = pytest.mark.django_db


def items(*texts: str) -> list[Item]:
    return [Item(f"item{i}", lambda t=t: {"text": t}) for i, t in enumerate(texts)]


def test_batch_stores_every_article_with_its_claims():
    texts = [article_text(n) for n in range(5)]
    summary = article_ingest_many(items(*texts), batch_size=2)
    assert (summary.created, summary.existing, summary.failed) == (5, 0, 0)
    assert summary.claims == Claim.objects.count() == sum(len(extract(t)) for t in texts)
    for article in Article.objects.all():
        assert article.claims.count() == len(extract(article.text))


def test_copies_within_one_batch_are_stored_once():
    outcomes = []
    summary = article_ingest_many(
        items(article_text(1), article_text(1), article_text(2)), batch_size=10, on_outcome=outcomes.append
    )
    assert (summary.created, summary.existing) == (2, 1)
    copy = next(o for o in outcomes if o.status == "existing")
    assert copy.label == "item1" and copy.article_id == Article.objects.get(text=article_text(1)).pk


def test_batch_with_a_concurrently_stored_article_is_rolled_back_then_stored_one_by_one():
    # As if another worker stored the first article after this batch checked for duplicates.
    theirs = article_ingest(text=article_text(1)).article
    fresh = [("a", NewArticle(text=article_text(1)), "h1"), ("b", NewArticle(text=article_text(2)), "h2")]
    found = [extract(article_text(1)), extract(article_text(2))]
    with pytest.raises(IntegrityError):
        store_many([(d, f) for (_, d, _), f in zip(fresh, found)])
    assert Article.objects.count() == 1  # the failed batch left nothing behind

    outcomes = dict(_store_parsed(fresh, found, SpeakerLinker()))
    assert outcomes["h1"].status == "existing" and outcomes["h1"].article_id == theirs.pk
    assert outcomes["h2"].status == "created" and outcomes["h2"].claims == len(found[1])
    assert Article.objects.count() == 2


class _OverlapServer:
    """Serves one article page per path, each answer after 0.3 s, and records how many were in flight at once."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.in_flight = 0
        self.most_at_once = 0
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                with server.lock:
                    server.in_flight += 1
                    server.most_at_once = max(server.most_at_once, server.in_flight)
                time.sleep(0.3)
                n = self.path.strip("/").split("-")[-1]
                body = ARTICLE_HTML.replace("the main span", f"the main span number {n}").encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                with server.lock:
                    server.in_flight -= 1

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"


@pytest.fixture
def overlap_server(settings):
    settings.NEWSCLAIMS_FETCH_ALLOW_PRIVATE = True
    settings.NEWSCLAIMS_FETCH_TIMEOUT = 5
    server = _OverlapServer()
    thread = threading.Thread(target=server.httpd.serve_forever, daemon=True)
    thread.start()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()


def test_bulk_url_ingestion_fetches_pages_concurrently_and_stores_each(overlap_server):
    urls = [f"{overlap_server.base}/story-{n}" for n in range(8)]
    summary = article_ingest_many(iter_items(urls), batch_size=8)
    assert (summary.created, summary.failed) == (8, 0), summary.failures
    # Behaviour, not timing: the server saw several requests at once, and never more than the bound.
    assert 1 < overlap_server.most_at_once <= FETCH_CONCURRENCY
    assert sorted(Article.objects.values_list("url", flat=True)) == sorted(urls)


def test_a_failed_fetch_among_concurrent_ones_fails_alone(overlap_server):
    urls = [f"{overlap_server.base}/story-{n}" for n in range(3)] + ["http://127.0.0.1:9/refused"]
    outcomes = []
    summary = article_ingest_many(iter_items(urls), batch_size=8, on_outcome=outcomes.append)
    assert (summary.created, summary.failed) == (3, 1)
    assert [o.label for o in outcomes if o.status == "failed"] == ["http://127.0.0.1:9/refused"]


NEW_NAMES = ["Orla Venmark", "Tobias Quell", "Ines Marrowby", "Piet Osterlund", "Dara Kettlewood", "Milo Franzen"]


def _count_queries(texts: list[str]) -> int:
    with CaptureQueriesContext(connection) as ctx:
        summary = article_ingest_many(items(*texts), batch_size=len(texts))
    assert summary.created == len(texts)
    return len(ctx.captured_queries)


def test_a_batch_of_new_speakers_costs_the_same_queries_for_2_or_6_articles():
    two = _count_queries([article_text(n, speaker=f"Mayor {NEW_NAMES[n]}") for n in range(2)])
    six = _count_queries([article_text(10 + n, speaker=f"Senator {name}") for n, name in enumerate(NEW_NAMES)])
    assert two == six
    # Each new name became one speaker with its name as an alias, as one-by-one resolution makes them.
    for name in NEW_NAMES:
        speaker = Speaker.objects.get(name=name)
        assert list(speaker.aliases.values_list("normalized", flat=True)) == [name.lower()]
        assert set(Claim.objects.filter(speaker=speaker).values_list("search_speaker", flat=True)) == {name}
