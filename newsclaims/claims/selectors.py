"""Shared reads for the review pages and the API."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet

from newsclaims.claims.models import Article, AttributionStatus, Claim, ClaimEvent, Rating, Speaker
from newsclaims.claims.search import claim_search


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
        Claim.objects.select_related("article", "speaker", "reviewed_by")
        .prefetch_related("notes__author", "evidence__added_by")
        .get(pk=pk)
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


# --- review pages (newsclaims.review) ---------------------------------------------------


def claim_queue(*, filters: dict[str, Any]) -> QuerySet[Claim]:
    """The review queue: claim_list plus text search, article dates and an ordering."""
    from django.db.models import Q
    from django.db.models.functions import Coalesce, TruncDate

    base = {k: v for k, v in filters.items() if k not in {"q", "date_from", "date_to", "order_by"}}
    qs = claim_list(filters=base)
    if q := filters.get("q"):
        # The API's full-text search (GIN-indexed on PostgreSQL), plus the speaker's and article's names.
        qs = claim_search(qs, q) | qs.filter(Q(speaker__name__icontains=q) | Q(article__title__icontains=q))
    if filters.get("date_from") or filters.get("date_to"):
        qs = qs.annotate(article_day=TruncDate(Coalesce("article__published_at", "article__created_at")))
        if filters.get("date_from"):
            qs = qs.filter(article_day__gte=filters["date_from"])
        if filters.get("date_to"):
            qs = qs.filter(article_day__lte=filters["date_to"])
    return qs.order_by(*filters.get("order_by", ("confidence", "article_id", "content_start", "id")))


def outlet_names() -> list[str]:
    return list(Article.objects.exclude(outlet="").order_by("outlet").values_list("outlet", flat=True).distinct())


def claims_reviewed_by(*, user: Any, limit: int = 10) -> QuerySet[Claim]:
    return Claim.objects.with_related().filter(reviewed_by=user).order_by("-reviewed_at", "-id")[:limit]


def speaker_claims(*, speaker: Speaker) -> QuerySet[Claim]:
    return Claim.objects.with_related().filter(speaker=speaker).order_by("-article__created_at", "content_start", "id")


def speaker_merge_preview(*, source: Speaker, target: Speaker) -> dict[str, Any]:
    """What speaker_merge(source, target) would move, for the confirmation page."""
    return {
        "claims": source.claims.count(),
        "articles": source.claims.values("article").distinct().count(),
        "aliases": list(source.aliases.values_list("name", flat=True)),
        "description": source.description if source.description and not target.description else "",
        "wikidata_qid": source.wikidata_qid if source.wikidata_qid and not target.wikidata_qid else "",
    }


def site_search(*, q: str, limit: int = 50) -> dict[str, Any]:
    """Claims, speakers and articles matching ``q``, for /search/."""
    from django.db.models import Q

    q = q.strip()
    if not q:
        return {"claims": [], "speakers": [], "articles": []}
    # What the claims say or who said them; an article-title match is listed under articles.
    base = Claim.objects.with_related()
    claims = (claim_search(base, q) | base.filter(speaker__name__icontains=q)).order_by("-updated_at", "id")[:limit]
    articles = Article.objects.with_claim_counts().filter(
        Q(title__icontains=q) | Q(outlet__icontains=q) | Q(author__icontains=q) | Q(url__icontains=q)
    )[:limit]
    return {"claims": list(claims), "speakers": list(Speaker.objects.search(q)[:limit]), "articles": list(articles)}
