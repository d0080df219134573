"""Upload size enforced while the upload streams in, not after it has arrived.

Django's own handlers first receive a whole file (in memory or a temporary file) and the form then finds it too
big; a client could make every worker write gigabytes to disk. This handler, first in FILE_UPLOAD_HANDLERS,
refuses a request whose declared length is already too big and stops reading the moment the files in it pass
the limit. RequestDataTooBig answers 400 on pages and 413 in the API.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler


def max_upload_bytes() -> int:
    """One uploaded article: a saved web page may be larger than its text, so the HTML limit bounds both."""
    return max(int(settings.NEWSCLAIMS_MAX_HTML_BYTES), int(settings.NEWSCLAIMS_MAX_ARTICLE_BYTES))


class LimitedUploadHandler(FileUploadHandler):
    def __init__(self, request: Any = None) -> None:
        super().__init__(request)
        self.limit = max_upload_bytes()
        self.received = 0

    def _too_big(self) -> RequestDataTooBig:
        return RequestDataTooBig(f"The upload is larger than the {self.limit:,}-byte limit.")

    def handle_raw_input(
        self, input_data: Any, META: Any, content_length: int, boundary: Any, encoding: str | None = None
    ) -> None:
        # The form fields around the file are bounded by DATA_UPLOAD_MAX_MEMORY_SIZE, the files by our limit.
        if content_length > self.limit + int(settings.DATA_UPLOAD_MAX_MEMORY_SIZE):
            raise self._too_big()

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > self.limit:
            raise self._too_big()
        return raw_data  # the next handler (memory or temporary file) stores it

    def file_complete(self, file_size: int) -> None:
        return None
