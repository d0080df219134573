"""schema.org ClaimReview (JSON-LD) for a published fact-check, as fact-check search engines read it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.db.models import F, QuerySet
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


class JSONLDRenderer(EmbeddableJSONRenderer):
    media_type = "application/ld+json"
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


# schema.org types for the speaker kinds. A group ("residents", "officials") or an anonymous source is not a
# Person; an anonymous or unknown speaker is only a named Thing.
_AUTHOR_TYPES = {
    SpeakerKind.PERSON: "Person",
    SpeakerKind.ORGANISATION: "Organization",
    SpeakerKind.MEDIA: "Organization",
    SpeakerKind.GROUP: "Organization",
}


def _author(claim: Claim) -> dict[str, Any]:
    speaker = claim.speaker
    if speaker is None:
        return {"@type": "Thing", "name": claim.speaker_name or claim.speaker_text or "Unknown"}
    author: dict[str, Any] = {"@type": _AUTHOR_TYPES.get(SpeakerKind(speaker.kind), "Thing"), "name": speaker.name}
    # No jobTitle: the speaker's description may be the engine's reading of the article, not a checked fact.
    if speaker.wikidata_qid:
        author["sameAs"] = f"https://www.wikidata.org/wiki/{speaker.wikidata_qid}"
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
    if claim.rating_explanation:
        rating["description"] = claim.rating_explanation
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
        "claimReviewed": claim_reviewed_text(claim.content_text),
        "itemReviewed": item,
        "reviewRating": rating,
        "author": publisher(),
        "publisher": publisher(),
    }
    if reviewed := _date(claim.reviewed_at):
        body["datePublished"] = reviewed
    return body


def embeddable_json(data: Any) -> str:
    """JSON to paste inside <script type="application/ld+json">: <, > and & escaped."""
    return escape_for_embedding(JSONRenderer().render(data)).decode()
