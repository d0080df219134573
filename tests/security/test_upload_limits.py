"""Upload size is enforced while the body streams in: an oversized upload is never read to its end."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.exceptions import RequestDataTooBig
from django.core.handlers.wsgi import WSGIRequest
from django.test import Client

from newsclaims.claims.models import Article

BOUNDARY = "----newsclaims-test-boundary"


class CountingStream(io.BytesIO):
    """The request body as the server hands it over, counting what the app actually reads."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.consumed = 0

    def read(self, size: int | None = -1) -> bytes:
        chunk = super().read(size)
        self.consumed += len(chunk)
        return chunk

    def readline(self, size: int | None = -1) -> bytes:
        line = super().readline(size)
        self.consumed += len(line)
        return line


def _multipart(file_bytes: bytes) -> bytes:
    head = (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="title"\r\n\r\nA title\r\n'
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="page.html"\r\n'
        "Content-Type: text/html\r\n\r\n"
    ).encode()
    return head + file_bytes + f"\r\n--{BOUNDARY}--\r\n".encode()


def _request(body: bytes, declared: int) -> tuple[WSGIRequest, CountingStream]:
    stream = CountingStream(body)
    environ: dict[str, Any] = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": "/articles/new/",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "wsgi.url_scheme": "http",
        "wsgi.input": stream,
        "CONTENT_TYPE": f"multipart/form-data; boundary={BOUNDARY}",
        "CONTENT_LENGTH": str(declared),
    }
    return WSGIRequest(environ), stream


def test_an_oversized_file_stops_the_upload_long_before_its_end(settings):
    settings.NEWSCLAIMS_MAX_HTML_BYTES = settings.NEWSCLAIMS_MAX_ARTICLE_BYTES = 100_000
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 4_000_000  # the declared length passes; only the stream can tell
    body = _multipart(b"<p>" + b"x" * 3_000_000 + b"</p>")
    request, stream = _request(body, declared=len(body))
    with pytest.raises(RequestDataTooBig):
        request.POST
    assert stream.consumed < 400_000 < len(body)


def test_a_declared_length_over_the_limit_is_refused_before_reading(settings):
    settings.NEWSCLAIMS_MAX_HTML_BYTES = settings.NEWSCLAIMS_MAX_ARTICLE_BYTES = 100_000
    body = _multipart(b"x" * 5_000_000)
    request, stream = _request(body, declared=len(body))
    with pytest.raises(RequestDataTooBig):
        request.POST
    assert stream.consumed == 0


def test_a_file_within_the_limit_still_arrives_whole(settings):
    settings.NEWSCLAIMS_MAX_HTML_BYTES = settings.NEWSCLAIMS_MAX_ARTICLE_BYTES = 100_000
    content = b"<p>" + b"y" * 90_000 + b"</p>"
    body = _multipart(content)
    request, _ = _request(body, declared=len(body))
    assert request.FILES["file"].read() == content and request.POST["title"] == "A title"


@pytest.mark.django_db
def test_the_add_article_page_answers_an_oversized_upload_with_an_error_and_stores_nothing(settings, editor):
    settings.NEWSCLAIMS_MAX_HTML_BYTES = settings.NEWSCLAIMS_MAX_ARTICLE_BYTES = 100_000
    client = Client()
    client.force_login(editor)
    upload = io.BytesIO(b"<p>" + b"z" * 300_000 + b"</p>")
    upload.name = "page.html"
    response = client.post("/articles/new/", {"file": upload})
    assert response.status_code == 400
    assert not Article.objects.exists()
