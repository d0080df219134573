"""Shared reads for the review pages and the API."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet

from newsclaims.claims.models import Article, AttributionStatus, Claim, ClaimEvent, Rating, Speaker


def claim_list(*, filters: dict[str, Any] | None = None) -> QuerySet[Claim]:
    """Claims with everything a list row shows, in a fixed number of queries."""
    qs = Claim.objects.with_related()
    filters = filters or {}
    if speaker := filters.get("speaker"):
        qs = qs.filter(speaker_id=speaker)
    if speaker_name := filters.get("speaker_name"):
        qs = qs.filter(speaker__in=Speaker.objects.search(speaker_name))
    if article := filters.get("article"):
        qs = qs.filter(article_id=article)
    if outlet := filters.get("outlet"):
        qs = qs.filter(article__outlet__iexact=outlet)
    if kind := filters.get("kind"):
        qs = qs.filter(kind=kind)
    if status := filters.get("attribution_status"):
        qs = qs.filter(attribution_status=status)
    if rating := filters.get("rating"):
        qs = qs.filter(rating=rating)
    if (min_conf := filters.get("min_confidence")) is not None:
        qs = qs.filter(confidence__gte=min_conf)
    if (max_conf := filters.get("max_confidence")) is not None:
        qs = qs.filter(confidence__lte=max_conf)
    return qs


def claim_detail(*, pk: int) -> Claim:
    return (
        Claim.objects.with_related().prefetch_related("notes__author", "evidence__added_by", "events__actor").get(pk=pk)
    )


def claim_history(*, claim: Claim) -> QuerySet[ClaimEvent]:
    return claim.events.select_related("actor").order_by("at", "id")


def speaker_detail(*, pk: int) -> Speaker:
    return Speaker.objects.prefetch_related("aliases").get(pk=pk)


def speaker_rating_counts(*, speaker: Speaker) -> dict[str, int]:
    rows = speaker.claims.values("rating").annotate(n=Count("id"))
    counts = {value: 0 for value in Rating.values}
    counts.update({row["rating"]: row["n"] for row in rows})
    return counts


def dashboard_counts() -> dict[str, dict[str, int]]:
    by_status = {value: 0 for value in AttributionStatus.values}
    by_status.update(
        {r["attribution_status"]: r["n"] for r in Claim.objects.values("attribution_status").annotate(n=Count("id"))}
    )
    by_rating = {value: 0 for value in Rating.values}
    by_rating.update({r["rating"]: r["n"] for r in Claim.objects.values("rating").annotate(n=Count("id"))})
    return {"status": by_status, "rating": by_rating}


def article_detail(*, pk: int) -> Article:
    return Article.objects.prefetch_related("claims__speaker").get(pk=pk)
