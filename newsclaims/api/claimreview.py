"""schema.org ClaimReview (JSON-LD) for a published fact-check, as fact-check search engines read it.

Built from plain values (a claim row plus the speaker's Wikidata id), so the export of every review streams
without a model instance per claim; ``claimreview_jsonld`` reads the same values off a Claim.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from django.conf import settings
from django.db.models import F, Q, QuerySet
from rest_framework.renderers import JSONRenderer

from newsclaims.claims.models import RATING_SCALE, AttributionStatus, Claim, Rating, SpeakerKind

BEST, WORST = max(RATING_SCALE.values()), min(RATING_SCALE.values())


# JSON-LD is meant to be pasted verbatim into a page's <script type="application/ld+json">. Inside a script
# element "</script>" or "<!--" in a claim's text would end or derail it, so <, > and & never appear raw; in JSON
# they can only occur inside strings, where the \u escapes mean the same characters.
_EMBED_ESCAPES = ((b"<", b"\\u003c"), (b">", b"\\u003e"), (b"&", b"\\u0026"))


def escape_for_embedding(rendered: bytes) -> bytes:
    for raw, escaped in _EMBED_ESCAPES:
        rendered = rendered.replace(raw, escaped)
    return rendered


class EmbeddableJSONRenderer(JSONRenderer):
    """DRF's JSON, with <, > and & escaped so the body can be embedded in HTML as it is."""

    def render(
        self, data: Any, accepted_media_type: str | None = None, renderer_context: Mapping[str, Any] | None = None
    ) -> bytes:
        return escape_for_embedding(super().render(data, accepted_media_type, renderer_context))


JSONLD = "application/ld+json"


class JSONLDRenderer(EmbeddableJSONRenderer):
    media_type = JSONLD
    format = "jsonld"


def is_published(claim: Claim) -> bool:
    """A fact-check is public once an editor confirmed who said it and gave a verdict."""
    return claim.attribution_status == AttributionStatus.CONFIRMED and claim.rating != Rating.NOT_RATED


def published_claims() -> QuerySet[Claim]:
    """Every published fact-check, most recently reviewed first."""
    return (
        Claim.objects.filter(attribution_status=AttributionStatus.CONFIRMED)
        .exclude(rating=Rating.NOT_RATED)
        .select_related("article", "speaker")
        .order_by(F("reviewed_at").desc(nulls_last=True), "-id")
    )


def claimreview_published() -> Q:
    """``is_published`` as a filter, for the export of every review."""
    return Q(attribution_status=AttributionStatus.CONFIRMED) & ~Q(rating=Rating.NOT_RATED)


# The values a review needs beyond the claim row (selectors.CLAIM_ROW_COLUMNS): ask claim_row_values for them.
CLAIMREVIEW_EXTRA_COLUMNS = ("speaker__wikidata_qid",)


# schema.org types for the speaker kinds. A group ("residents", "officials") or an anonymous source is not a
# Person; an anonymous or unknown speaker is only a named Thing.
_AUTHOR_TYPES = {
    SpeakerKind.PERSON: "Person",
    SpeakerKind.ORGANISATION: "Organization",
    SpeakerKind.MEDIA: "Organization",
    SpeakerKind.GROUP: "Organization",
}


def _values_of(claim: Claim) -> dict[str, Any]:
    article, speaker = claim.article, claim.speaker
    return {
        "id": claim.pk,
        "speaker_id": claim.speaker_id,
        "speaker__name": speaker.name if speaker else None,
        "speaker__kind": speaker.kind if speaker else None,
        "speaker__wikidata_qid": speaker.wikidata_qid if speaker else None,
        "speaker_name": claim.speaker_name,
        "speaker_text": claim.speaker_text,
        "article__published_at": article.published_at,
        "article__url": article.url,
        "article__title": article.title,
        "article__outlet": article.outlet,
        "content_text": claim.content_text,
        "rating": claim.rating,
        "rating_explanation": claim.rating_explanation,
        "reviewed_at": claim.reviewed_at,
    }


def _author(v: Mapping[str, Any]) -> dict[str, Any]:
    if v["speaker_id"] is None:
        return {"@type": "Thing", "name": v["speaker_name"] or v["speaker_text"] or "Unknown"}
    author: dict[str, Any] = {
        "@type": _AUTHOR_TYPES.get(SpeakerKind(v["speaker__kind"]), "Thing"),
        "name": v["speaker__name"],
    }
    # No jobTitle: the speaker's description may be the engine's reading of the article, not a checked fact.
    if v["speaker__wikidata_qid"]:
        author["sameAs"] = f"https://www.wikidata.org/wiki/{v['speaker__wikidata_qid']}"
    return author


_QUOTES = "\"'\u201c\u201d\u2018\u2019\u201e\u00ab\u00bb\u2039\u203a"
_TRAILING = " \t\n,;:\u2014\u2013-"


def claim_reviewed_text(text: str) -> str:
    """The statement without the quote marks around it and the comma that led into "..., she said"."""
    cleaned = text.strip().rstrip(_TRAILING)
    while len(cleaned) >= 2 and cleaned[0] in _QUOTES and cleaned[-1] in _QUOTES:
        cleaned = cleaned[1:-1].strip().rstrip(_TRAILING)
    cleaned = cleaned.strip(_QUOTES).strip().rstrip(_TRAILING)
    return cleaned or text.strip()


def _date(value: Any) -> str | None:
    return value.date().isoformat() if value is not None else None


def publisher() -> dict[str, Any]:
    """The organisation publishing the fact-checks, from NEWSCLAIMS_PUBLISHER_NAME / _URL / _LOGO_URL."""
    body: dict[str, Any] = {"@type": "Organization", "name": settings.NEWSCLAIMS_PUBLISHER_NAME}
    if settings.NEWSCLAIMS_PUBLISHER_URL:
        body["url"] = settings.NEWSCLAIMS_PUBLISHER_URL
    if settings.NEWSCLAIMS_PUBLISHER_LOGO_URL:
        body["logo"] = {"@type": "ImageObject", "url": settings.NEWSCLAIMS_PUBLISHER_LOGO_URL}
    return body


def claimreview_jsonld(claim: Claim, *, url: str) -> dict[str, Any]:
    """The ClaimReview for a published claim; ``url`` is its public fact-check page."""
    return claimreview_from_values(_values_of(claim), url=url)


def claimreview_from_values(v: Mapping[str, Any], *, url: str) -> dict[str, Any]:
    """The ClaimReview of one claim given as values (``_values_of`` names the keys)."""
    rating: dict[str, Any] = {
        "@type": "Rating",
        "bestRating": BEST,
        "worstRating": WORST,
        "alternateName": Rating(v["rating"]).label,
    }
    # Unverifiable has no place on the numeric scale: the verdict is only its name.
    if v["rating"] in RATING_SCALE:
        rating["ratingValue"] = RATING_SCALE[v["rating"]]
    if v["rating_explanation"]:
        rating["description"] = v["rating_explanation"]
    item: dict[str, Any] = {"@type": "Claim", "author": _author(v)}
    if published := _date(v["article__published_at"]):
        item["datePublished"] = published
    if v["article__url"]:
        appearance: dict[str, Any] = {"@type": "CreativeWork", "url": v["article__url"]}
        if v["article__title"]:
            appearance["headline"] = v["article__title"]
        if v["article__outlet"]:
            appearance["publisher"] = {"@type": "Organization", "name": v["article__outlet"]}
        item["firstAppearance"] = appearance
        item["appearance"] = [appearance]
    body: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": claim_reviewed_text(v["content_text"]),
        "itemReviewed": item,
        "reviewRating": rating,
        "author": publisher(),
        "publisher": publisher(),
    }
    if reviewed := _date(v["reviewed_at"]):
        body["datePublished"] = reviewed
    return body


def claimreview_stream(rows: Iterable[Mapping[str, Any]], *, claim_url: str, per_write: int = 500) -> Iterator[bytes]:
    """A JSON-LD document of every row's ClaimReview (``{"@context", "@graph": [...]}``), written as it is read.

    ``claim_url`` has a ``{}`` for the claim id. Escaped for embedding like every JSON-LD answer; rows are
    written ``per_write`` at a time, so a million reviews are not a million tiny writes.
    """
    yield b'{"@context":"https://schema.org","@graph":['
    buffer: list[bytes] = []
    first = True
    for v in rows:
        body = claimreview_from_values(v, url=claim_url.format(v["id"]))
        del body["@context"]
        encoded = escape_for_embedding(json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
        buffer.append(encoded if first else b"," + encoded)
        first = False
        if len(buffer) >= per_write:
            yield b"".join(buffer)
            buffer.clear()
    yield b"".join(buffer) + b"]}"


def embeddable_json(data: Any) -> str:
    """JSON to paste inside <script type="application/ld+json">: <, > and & escaped."""
    return escape_for_embedding(JSONRenderer().render(data)).decode()
