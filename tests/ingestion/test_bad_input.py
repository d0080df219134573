"""Every kind of bad input gets a clear error and stores nothing."""

from __future__ import annotations

import socket

import pytest

from newsclaims.claims.models import Article, Claim, Speaker
from newsclaims.ingestion.decoding import decode_bytes
from newsclaims.ingestion.errors import IngestionError
from newsclaims.ingestion.fetch import fetch_url
from newsclaims.ingestion.pipeline import article_ingest
from tests.ingestion.conftest import ARTICLE_HTML, article_text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def nothing_stored():
    yield
    assert (Article.objects.count(), Claim.objects.count(), Speaker.objects.count()) == (0, 0, 0)


@pytest.mark.parametrize("text", ["", "   \n\t  "])
def test_empty_text_is_refused(text):
    with pytest.raises(IngestionError, match="empty"):
        article_ingest(text=text)


def test_binary_text_is_refused():
    with pytest.raises(IngestionError, match="binary"):
        article_ingest(text="PK\x03\x04\x00\x00" + article_text(1))
    with pytest.raises(IngestionError, match="binary"):
        article_ingest(text="".join(chr(c) for c in range(1, 32)) * 20)


def test_broken_surrogates_are_refused():
    with pytest.raises(IngestionError, match="invalid characters"):
        article_ingest(text=article_text(1) + "\udcff")


def test_text_over_the_size_limit_is_refused(settings):
    settings.NEWSCLAIMS_MAX_ARTICLE_BYTES = 1000
    with pytest.raises(IngestionError, match="over the 1 KB limit"):
        article_ingest(text="word " * 300)


def test_html_without_an_article_is_refused():
    with pytest.raises(IngestionError, match="no readable article text"):
        article_ingest(html="<html><body><script>alert(1)</script></body></html>")


def test_non_string_fields_and_bad_dates_are_refused():
    with pytest.raises(IngestionError, match="must be text"):
        article_ingest(text=b"bytes are not text")  # type: ignore[arg-type]
    with pytest.raises(IngestionError, match="title must be a string"):
        article_ingest(text=article_text(1), title=["x"])  # type: ignore[arg-type]
    with pytest.raises(IngestionError, match="published_at"):
        article_ingest(text=article_text(1), published_at="last Tuesday")


@pytest.mark.parametrize(
    "url", ["ftp://example.org/a", "javascript:alert(1)", "http://", "not a url", "http://x:99999/"]
)
def test_malformed_urls_are_refused(url):
    with pytest.raises(IngestionError):
        article_ingest(url=url)


# --- decoding -------------------------------------------------------------------------


def test_latin1_and_declared_encodings_are_detected():
    text = "Le maire a déclaré que le pont rouvrira en mai. « Nous sommes dans les temps », a-t-il dit. Ça coûte cher."
    assert decode_bytes(text.encode("latin-1"), what="f") == text
    assert decode_bytes(text.encode("utf-16"), what="f") == text
    html = f'<html><head><meta charset="iso-8859-1"></head><body><p>{text}</p></body></html>'
    assert text in decode_bytes(html.encode("latin-1"), what="f", html=True)
    assert decode_bytes(text.encode("cp1252"), what="f", declared="windows-1252") == text


def test_undecodable_and_binary_bytes_are_refused():
    noise = bytes((i * 97 + 131) % 128 + 128 for i in range(3000))
    with pytest.raises(IngestionError, match="encoding could not be detected"):
        decode_bytes(noise, what="The file")
    with pytest.raises(IngestionError, match="binary"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), what="The file")
    with pytest.raises(IngestionError, match="empty"):
        decode_bytes(b" \n ", what="The file")


# --- URLs -----------------------------------------------------------------------------


def test_url_returning_404_is_refused(pages):
    with pytest.raises(IngestionError, match="HTTP 404"):
        article_ingest(url=pages.base + "/missing.html")


def test_url_that_is_not_html_is_refused(pages):
    pdf = pages.add("/report.pdf", b"%PDF-1.7 ...", content_type="application/pdf")
    with pytest.raises(IngestionError, match=r"not an HTML page \(content type application/pdf"):
        article_ingest(url=pdf)
    plain = pages.add("/a.txt", article_text(1), content_type="text/plain")
    with pytest.raises(IngestionError, match="not an HTML page"):
        article_ingest(url=plain)


def test_url_that_times_out_is_refused(pages, settings):
    settings.NEWSCLAIMS_FETCH_TIMEOUT = 0.3
    slow = pages.add("/slow.html", ARTICLE_HTML, delay=1.5)
    with pytest.raises(IngestionError, match=r"did not answer within 0\.3 seconds"):
        article_ingest(url=slow)


def test_url_over_the_size_cap_is_refused(pages, settings):
    settings.NEWSCLAIMS_MAX_HTML_BYTES = 10_000
    big = pages.add("/big.html", "<html><body>" + "<p>word</p>" * 5000 + "</body></html>")
    with pytest.raises(IngestionError, match="larger than"):
        article_ingest(url=big)


def test_endless_redirects_are_refused(pages):
    pages.add("/loop", "", status=302, headers={"Location": "/loop"})
    with pytest.raises(IngestionError, match="redirects more than 5 times"):
        article_ingest(url=pages.base + "/loop")


def test_private_addresses_are_refused_unless_allowed(page_server, settings):
    settings.NEWSCLAIMS_FETCH_ALLOW_PRIVATE = False
    page = page_server.add("/private.html", ARTICLE_HTML)
    for url in (
        page,
        "http://localhost/x",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://10.0.0.1/",
        # the same places spelled so that a naive string check misses them
        "http://2130706433/",
        "http://127.1/",
        "http://0.0.0.0/",
        "http://[::ffff:127.0.0.1]/",
        "http://[fe80::1]/",
    ):
        with pytest.raises(IngestionError, match="private, loopback or link-local"):
            fetch_url(url)
    assert page_server.hits.get("/private.html") is None


def test_redirect_to_a_private_address_is_refused(page_server, settings, monkeypatch):
    """Only the local first hop is let through (it has to be served from 127.0.0.1); the redirect is checked again."""
    from newsclaims.ingestion import fetch

    hop = page_server.add("/hop", "", status=302, headers={"Location": "http://169.254.169.254/latest/"})
    real = fetch.resolve

    def allow_only_the_test_server(host: str, port: int) -> str:
        settings.NEWSCLAIMS_FETCH_ALLOW_PRIVATE = host == "127.0.0.1"
        return real(host, port)

    monkeypatch.setattr(fetch, "resolve", allow_only_the_test_server)
    with pytest.raises(IngestionError, match=r"169\.254\.169\.254 is on a private"):
        fetch_url(hop)
    assert page_server.hits["/hop"] == 1


def test_unknown_host_is_refused(settings):
    settings.NEWSCLAIMS_FETCH_ALLOW_PRIVATE = True
    with pytest.raises(IngestionError, match="could not be found"):
        fetch_url("http://no-such-host.invalid/")


def test_closed_port_is_a_clear_error(settings):
    settings.NEWSCLAIMS_FETCH_ALLOW_PRIVATE = True
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(IngestionError, match="could not be fetched"):
        fetch_url(f"http://127.0.0.1:{port}/")
