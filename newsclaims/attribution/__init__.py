"""newsclaims.attribution: attributed statements (who said what, where in the text) from news articles.

Pure Python on spaCy; never imports Django.  Importing this package is cheap: spaCy and the pipeline load on the
first call to ``extract`` / ``extract_many`` / ``load_pipeline``.  See ``engine`` for the pipeline components used.
"""

from __future__ import annotations

from .engine import DEFAULT_PIPELINE, extract, extract_many, load_pipeline
from .types import Span, Statement

# Bump whenever rules or word lists change: stored statements record the version that produced them.
ENGINE_VERSION = "2026.11.11"

__all__ = ["DEFAULT_PIPELINE", "ENGINE_VERSION", "Span", "Statement", "extract", "extract_many", "load_pipeline"]
