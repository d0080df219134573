"""The one exception ingestion raises for anything a user did or a source did wrong."""

from __future__ import annotations


class IngestionError(Exception):
    """Bad input or a failed fetch; ``str(exc)`` is a clear message for a user."""
