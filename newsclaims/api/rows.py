"""The API's claim row: ``selectors.claim_row`` plus links and span selectors (``ClaimSerializer`` documents it)."""

from __future__ import annotations

from collections.abc import Iterable

from rest_framework.request import Request

from newsclaims.api import links
from newsclaims.api.spans import article_texts, span_selector
from newsclaims.claims.selectors import Row

_SPANS = ("speaker_mention", "cue", "content")


def _claim_row(row: Row, root: str, text: str) -> Row:
    out = dict(row)
    for key in _SPANS:
        out[key] = span_selector(text, row[key])
    article = row["article"]
    out["article"] = {
        **article,
        "api_url": links.api_url(root, "article", article["id"]),
        "html_url": links.html_url(root, "article", article["id"]),
    }
    speaker = row["speaker"]
    if speaker is not None:
        out["speaker"] = {
            **speaker,
            "url": links.api_url(root, "speaker", speaker["id"]),
            "html_url": links.html_url(root, "speaker", speaker["id"]),
        }
    out["url"] = links.api_url(root, "claim", row["id"])
    out["html_url"] = links.html_url(root, "claim", row["id"])
    return out


def api_claim_rows(rows: Iterable[Row], request: Request | None, *, texts: dict[int, str] | None = None) -> list[Row]:
    """Claim rows as the API serves them; the article texts are read in one query unless given."""
    rows = list(rows)
    if texts is None:
        texts = article_texts(row["article"]["id"] for row in rows)
    root = links.site_root(request)
    return [_claim_row(row, root, texts[row["article"]["id"]]) for row in rows]
