"""schema.org ClaimReview (JSON-LD) for a claim with a verdict, as fact-check search engines read it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from rest_framework.renderers import JSONRenderer

from newsclaims.claims.models import RATING_SCALE, AttributionStatus, Claim, Rating, SpeakerKind

BEST, WORST = max(RATING_SCALE.values()), min(RATING_SCALE.values())
_PERSON_KINDS = {SpeakerKind.PERSON, SpeakerKind.ANONYMOUS}


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


class JSONLDRenderer(EmbeddableJSONRenderer):
    media_type = "application/ld+json"
    format = "jsonld"


def has_claimreview(claim: Claim) -> bool:
    return claim.rating != Rating.NOT_RATED and claim.attribution_status != AttributionStatus.NOT_A_CLAIM


def _author(claim: Claim) -> dict[str, Any]:
    speaker = claim.speaker
    if speaker is None:
        return {"@type": "Person", "name": claim.speaker_name or claim.speaker_text or "Unknown"}
    author: dict[str, Any] = {
        "@type": "Person" if speaker.kind in _PERSON_KINDS else "Organization",
        "name": speaker.name,
    }
    if speaker.description:
        author["jobTitle" if author["@type"] == "Person" else "description"] = speaker.description
    if speaker.wikidata_qid:
        author["sameAs"] = f"https://www.wikidata.org/wiki/{speaker.wikidata_qid}"
    return author


def _date(value: Any) -> str | None:
    return value.date().isoformat() if value is not None else None


def claimreview_jsonld(claim: Claim, *, url: str) -> dict[str, Any]:
    article = claim.article
    rating: dict[str, Any] = {
        "@type": "Rating",
        "bestRating": BEST,
        "worstRating": WORST,
        "alternateName": Rating(claim.rating).label,
    }
    # Unverifiable has no place on the numeric scale: the verdict is only its name.
    if claim.rating in RATING_SCALE:
        rating["ratingValue"] = RATING_SCALE[claim.rating]
    item: dict[str, Any] = {"@type": "Claim", "author": _author(claim)}
    if published := _date(article.published_at):
        item["datePublished"] = published
    if article.url:
        appearance: dict[str, Any] = {"@type": "CreativeWork", "url": article.url}
        if article.title:
            appearance["headline"] = article.title
        if article.outlet:
            appearance["publisher"] = {"@type": "Organization", "name": article.outlet}
        item["firstAppearance"] = appearance
        item["appearance"] = [appearance]
    body: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": claim.content_text,
        "itemReviewed": item,
        "reviewRating": rating,
        "author": {"@type": "Organization", "name": getattr(settings, "NEWSCLAIMS_PUBLISHER_NAME", "newsclaims")},
    }
    if reviewed := _date(claim.reviewed_at):
        body["datePublished"] = reviewed
    if claim.rating_explanation:
        rating["description"] = claim.rating_explanation
    return body
