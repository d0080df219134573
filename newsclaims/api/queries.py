"""The API's reads: every list row's data in one query (counts as correlated subqueries, no GROUP BY)."""

from __future__ import annotations

from functools import cache

from django.db.models import Count, F, IntegerField, OuterRef, Prefetch, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from newsclaims.claims.models import Article, Claim, ClaimEvent, Evidence, Note, Speaker


def _count(model: type, fk: str) -> Coalesce:
    rows = model.objects.filter(**{fk: OuterRef("pk")}).order_by().values(fk).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def claims_for_api() -> QuerySet[Claim]:
    # Building the annotated queryset (joins, two subqueries, path resolution) cost about a millisecond a
    # request; it is built once and cloned, as DRF does with a view's class-level ``queryset``.
    return _claims_for_api().all()


@cache
def _claims_for_api() -> QuerySet[Claim]:
    return (
        Claim.objects.select_related("article", "speaker")
        .defer("article__text", "article__content_hash", "article__author", "article__language")
        .annotate(
            note_count=_count(Note, "claim_id"),
            evidence_count=_count(Evidence, "claim_id"),
            reviewed_by_name=F("reviewed_by__username"),
            # Sort keys must never be null: keyset pagination compares them.
            published_sort=Coalesce("article__published_at", "article__created_at"),
            speaker_sort=Coalesce("speaker__name", "speaker_name", Value("")),
        )
    )


# Exactly what a list row renders (serializers.claim_row), fetched as dicts: building 50-200 model
# instances (three per row with the joins) was the page's largest CPU cost.
CLAIM_ROW_FIELDS = (
    *("id", "article_id", "article__title", "article__url", "article__outlet", "article__published_at"),
    *("speaker_id", "speaker__name", "speaker__kind", "speaker_name", "speaker_role"),
    *("speaker_text", "speaker_start", "speaker_end", "cue_text", "cue_start", "cue_end", "cue_meaning"),
    *("content_text", "content_start", "content_end", "kind", "via", "confidence", "engine_version"),
    *("engine_missing", "attribution_status", "rating", "rating_explanation", "reviewed_by_name", "reviewed_at"),
    *("note_count", "evidence_count", "created_at", "updated_at", "version"),
)


def claim_rows(queryset: QuerySet[Claim], sort_field: str) -> QuerySet:
    """``claims_for_api()`` (filtered as needed) as dicts of ``CLAIM_ROW_FIELDS`` and the page's sort key.

    Still one query. Only the sort key in use is selected: the cursor needs its value, the others are work.
    """
    extra = () if sort_field in CLAIM_ROW_FIELDS else (sort_field,)
    return queryset.values(*CLAIM_ROW_FIELDS, *extra)


def claim_for_api_detail(pk: int) -> Claim:
    return (
        claims_for_api()
        .prefetch_related(
            Prefetch("notes", Note.objects.select_related("author")),
            Prefetch("evidence", Evidence.objects.select_related("added_by")),
            Prefetch("events", ClaimEvent.objects.select_related("actor").order_by("at", "id")),
        )
        .get(pk=pk)
    )


def speakers_for_api() -> QuerySet[Speaker]:
    return Speaker.objects.annotate(claim_count=_count(Claim, "speaker_id"))


def articles_for_api() -> QuerySet[Article]:
    return Article.objects.defer("text", "content_hash").annotate(claim_count=_count(Claim, "article_id"))
