"""Shared reads for the review pages and the API.

The claim row, what the API lists and every list of claims in the review pages shows, is defined once here:
``CLAIM_ROW`` names its fields, ``claim_rows()`` is the queryset they come from, ``claim_row_values`` fetches
exactly those columns and ``claim_row`` shapes them. Adding a claim column to the row is one edit of
``CLAIM_ROW``; the API's documented schema (``ClaimSerializer``) takes its field list from it too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import CharField, Count, F, IntegerField, Model, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from newsclaims.claims.models import (
    Article,
    AttributionStatus,
    Claim,
    ClaimEvent,
    Evidence,
    Note,
    Rating,
    Speaker,
    SpeakerRedirect,
)
from newsclaims.claims.querysets import REVIEWED
from newsclaims.claims.search import RANK_FIELD, claim_search, claim_search_rows

Row = dict[str, Any]


@dataclass(frozen=True, slots=True)
class RowSpan:
    """``{text, start, end}`` from the ``<prefix>_text/_start/_end`` columns; None when the span is absent."""

    prefix: str


@dataclass(frozen=True, slots=True)
class RowRef:
    """A related row's fields as an object (``id`` from the foreign key); None when the key is null."""

    relation: str
    fields: tuple[str, ...]


# Output name -> a column of ``claim_rows()`` (a field or an annotation), a span, or a related object.
CLAIM_ROW: dict[str, str | RowSpan | RowRef] = {
    "id": "id",
    "article": RowRef("article", ("id", "title", "url", "outlet", "published_at")),
    "speaker": RowRef("speaker", ("id", "name", "kind")),
    # The engine's guess at the speaker; "speaker_name" is its deprecated name (the API marks it so).
    "engine_speaker_name": "speaker_name",
    "speaker_name": "speaker_name",
    "speaker_role": "speaker_role",
    "speaker_mention": RowSpan("speaker"),
    "cue": RowSpan("cue"),
    "cue_meaning": "cue_meaning",
    "content": RowSpan("content"),
    "kind": "kind",
    "via": "via",
    "confidence": "confidence",
    "engine_version": "engine_version",
    "engine_missing": "engine_missing",
    "attribution_status": "attribution_status",
    "rating": "rating",
    "rating_explanation": "rating_explanation",
    "reviewed_by": "reviewed_by_name",
    "reviewed_at": "reviewed_at",
    "assignee": "assignee_name",
    "approved_by": "approved_by_name",
    "approved_at": "approved_at",
    "note_count": "note_count",
    "evidence_count": "evidence_count",
    "created_at": "created_at",
    "updated_at": "updated_at",
    "version": "version",
}


def span(text: str | None, start: int | None, end: int | None) -> dict[str, Any] | None:
    """A span as the API and the templates show it (Python str offsets, end-exclusive); None without a start."""
    return None if start is None else {"text": text, "start": start, "end": end}


def _compile(spec: dict[str, str | RowSpan | RowRef]) -> tuple[tuple[str, ...], list[tuple[str, Callable[[Row], Any]]]]:
    """The ``values()`` columns the spec needs, and one small getter per output field."""
    columns: list[str] = []
    getters: list[tuple[str, Callable[[Row], Any]]] = []

    def column(name: str) -> Callable[[Row], Any]:
        columns.append(name)
        return lambda v: v[name]

    def span_of(prefix: str) -> Callable[[Row], Any]:
        text, start, end = (f"{prefix}_{part}" for part in ("text", "start", "end"))
        columns.extend((text, start, end))
        return lambda v: span(v[text], v[start], v[end])

    def ref_of(relation: str, fields: tuple[str, ...]) -> Callable[[Row], Any]:
        names = [(f, f"{relation}_id" if f == "id" else f"{relation}__{f}") for f in fields]
        columns.extend(name for _, name in names)
        key = f"{relation}_id"
        return lambda v: None if v[key] is None else {f: v[name] for f, name in names}

    for out, source in spec.items():
        if isinstance(source, RowSpan):
            getters.append((out, span_of(source.prefix)))
        elif isinstance(source, RowRef):
            getters.append((out, ref_of(source.relation, source.fields)))
        else:
            getters.append((out, column(source)))
    return tuple(dict.fromkeys(columns)), getters


CLAIM_ROW_COLUMNS, _CLAIM_ROW_GETTERS = _compile(CLAIM_ROW)


def _count(model: type[Model], fk: str) -> Coalesce:
    # A correlated subquery per count: no GROUP BY over the page's joins.
    rows = model._default_manager.filter(**{fk: OuterRef("pk")}).order_by().values(fk)
    return Coalesce(Subquery(rows.annotate(n=Count("pk")).values("n"), output_field=IntegerField()), Value(0))


def _username(user_id: OuterRef) -> Subquery:
    users = get_user_model()._default_manager.filter(pk=user_id).values("username")
    return Subquery(users, output_field=CharField())


def claim_rows() -> QuerySet[Claim]:
    """Claims with every column of the row available: filter and order this, then read it with claim_row_values."""
    # Building the annotated queryset (two subqueries, path resolution) cost about a millisecond a request;
    # it is built once and cloned, as DRF does with a view's class-level ``queryset``.
    return _claim_rows().all()


@cache
def _claim_rows() -> QuerySet[Claim]:
    return Claim.objects.annotate(
        note_count=_count(Note, "claim_id"),
        evidence_count=_count(Evidence, "claim_id"),
        reviewed_by_name=F("reviewed_by__username"),
        # The claim's own assignee, else its article's (claims.desk.assigned_to). Subqueries, not joins: three
        # more joins to the user table tripled the planning time of a list page.
        assignee_name=Coalesce(_username(OuterRef("assignee_id")), _username(OuterRef("article__assignee_id"))),
        approved_by_name=_username(OuterRef("approved_by_id")),
        # Sort keys must never be null: keyset pagination compares them.
        published_sort=Coalesce("article__published_at", "article__created_at"),
        speaker_sort=Coalesce("speaker__name", "speaker_name", Value("")),
    )


def claim_row_values(queryset: QuerySet[Claim], *extra: str) -> QuerySet[Claim, Row]:
    """``claim_rows()`` (filtered and ordered as needed) as dicts of the row's columns, in one query.

    Dicts, not model instances: building 50-200 instances (three per row with the joins) was a list page's
    largest CPU cost. ``extra`` adds columns a caller needs besides the row (a page's sort key).
    """
    rows: QuerySet[Claim, Row] = queryset.values(
        *CLAIM_ROW_COLUMNS, *(name for name in extra if name not in CLAIM_ROW_COLUMNS)
    )
    return rows


def claim_row(values: Row) -> Row:
    """One row of ``claim_row_values`` as the API renders it and the review templates read it."""
    return {out: get(values) for out, get in _CLAIM_ROW_GETTERS}


def claim_row_get(*, pk: int) -> Row:
    """One claim's row; raises Claim.DoesNotExist."""
    return claim_row(claim_row_values(claim_rows().filter(pk=pk)).get())


def claim_notes(*, claim_id: int) -> QuerySet[Note]:
    return Note.objects.filter(claim_id=claim_id).select_related("author").order_by("created_at", "id")


def claim_evidence(*, claim_id: int) -> QuerySet[Evidence]:
    return Evidence.objects.filter(claim_id=claim_id).select_related("added_by").order_by("added_at", "id")


def claim_history(*, claim_id: int) -> QuerySet[ClaimEvent]:
    return ClaimEvent.objects.filter(claim_id=claim_id).select_related("actor").order_by("at", "id")


def claim_detail(*, pk: int) -> Claim:
    """One claim with its article, speaker, notes and evidence, for the claim page."""
    return (
        Claim.objects.select_related("article", "speaker", "reviewed_by")
        .prefetch_related("notes__author", "evidence__added_by")
        .get(pk=pk)
    )


# --- lists of claims in the review pages (all as claim rows) -----------------------------


def claim_queue() -> QuerySet[Claim]:
    """The review queue before its filters (claims.filters.ClaimQueueFilter): least confident first."""
    return claim_rows().order_by(*QUEUE_ORDERINGS["confidence"])


# The queue's orderings; ties fall back to the article's reading order.
QUEUE_ORDERINGS = {
    "confidence": ("confidence", "article_id", "content_start", "id"),
    "-confidence": ("-confidence", "article_id", "content_start", "id"),
    "newest": ("-article__created_at", "article_id", "content_start", "id"),
    "oldest": ("article__created_at", "article_id", "content_start", "id"),
}


def claims_reviewed_by(*, user: Any, limit: int = 10) -> list[Row]:
    rows = claim_row_values(claim_rows().filter(reviewed_by=user).order_by("-reviewed_at", "-id")[:limit])
    return [claim_row(v) for v in rows]


def speaker_claims(*, speaker: Speaker) -> QuerySet[Claim, Row]:
    """A speaker's claims as row values (page them, then render each with claim_row)."""
    ordered = claim_rows().filter(speaker=speaker).order_by("-article__created_at", "content_start", "id")
    return claim_row_values(ordered)


def site_search(*, q: str, limit: int = 50) -> dict[str, Any]:
    """Claims, speakers and articles matching ``q``, for /search/."""
    q = q.strip()
    if not q:
        return {"claims": [], "speakers": [], "articles": []}
    # What the claims say or who said them (the search document holds the speaker's names), best match first;
    # an article-title match is listed under articles.
    matches = claim_search(Claim.objects.all(), q)
    ranked = claim_search_rows(claim_rows(), matches, query=q, ranked=True)
    claims = ranked.order_by(f"-{RANK_FIELD}", "-id")[:limit]
    articles = Article.objects.with_claim_counts().filter(
        Q(title__icontains=q) | Q(outlet__icontains=q) | Q(author__icontains=q) | Q(url__icontains=q)
    )[:limit]
    return {
        "claims": [claim_row(v) for v in claim_row_values(claims)],
        "speakers": list(Speaker.objects.search(q)[:limit]),
        "articles": list(articles),
    }


def outlet_names() -> list[str]:
    return list(Article.objects.exclude(outlet="").order_by("outlet").values_list("outlet", flat=True).distinct())


def speaker_outlets(*, speaker: Speaker) -> list[str]:
    """The outlets that carried a speaker's claims, for the speaker page's outlet filter."""
    articles = Article.objects.filter(claims__speaker=speaker).exclude(outlet="")
    return list(articles.order_by("outlet").values_list("outlet", flat=True).distinct())


# --- speakers, articles, counts -------------------------------------------------------------


def speaker_list() -> QuerySet[Speaker]:
    return Speaker.objects.annotate(claim_count=_count(Claim, "speaker_id"))


def speaker_current_id(*, pk: int) -> int | None:
    """The record that answers for ``pk``: itself, the survivor it was merged into, or None."""
    if Speaker.objects.filter(pk=pk).exists():
        return pk
    return SpeakerRedirect.objects.filter(old_id=pk).values_list("speaker_id", flat=True).first()


def speaker_detail(*, pk: int) -> Speaker:
    return Speaker.objects.prefetch_related("aliases").get(pk=pk)


def speaker_articles(*, speaker: Speaker) -> QuerySet[Article]:
    """The articles a speaker has claims in (title and outlet only), newest first: the speaker page's filter."""
    return (
        Article.objects.filter(pk__in=speaker.claims.values("article_id"))
        .order_by("-created_at", "-id")
        .only("id", "title", "outlet")
    )


def speaker_rating_counts(*, speaker: Speaker) -> dict[str, int]:
    rows = speaker.claims.values("rating").annotate(n=Count("id"))
    counts = dict.fromkeys(Rating.values, 0)
    counts.update({row["rating"]: row["n"] for row in rows})
    return counts


def speaker_merge_preview(*, source: Speaker, target: Speaker) -> dict[str, Any]:
    """What speaker_merge(source, target) would move, for the confirmation page."""
    return {
        "claims": source.claims.count(),
        "articles": source.claims.values("article").distinct().count(),
        "aliases": list(source.aliases.values_list("name", flat=True)),
        "description": source.description if source.description != target.description else "",
        "wikidata_qid": source.wikidata_qid if source.wikidata_qid and not target.wikidata_qid else "",
    }


def article_list() -> QuerySet[Article]:
    """Articles without their text (it can be megabytes), with their claim counts and assigned editor."""
    return (
        Article.objects.defer("text", "content_hash")
        .select_related("assignee")
        .annotate(claim_count=_count(Claim, "article_id"))
    )


def article_progress_list() -> QuerySet[Article]:
    """The article list's rows: no text, with how many statements there are and how many an editor reviewed
    (review states as the article page counts them), newest first."""
    reviewed = Claim.objects.filter(REVIEWED, article_id=OuterRef("pk")).order_by().values("article_id")
    return (
        article_list()
        .annotate(
            reviewed_count=Coalesce(
                Subquery(reviewed.annotate(n=Count("pk")).values("n"), output_field=IntegerField()), Value(0)
            ),
            published_sort=Coalesce("published_at", "created_at"),
        )
        .order_by("-created_at", "-id")
    )


def article_detail(*, pk: int) -> Article:
    return Article.objects.prefetch_related("claims__speaker").get(pk=pk)


def dashboard_counts() -> dict[str, dict[str, int]]:
    by_status = dict.fromkeys(AttributionStatus.values, 0)
    by_status.update(
        {r["attribution_status"]: r["n"] for r in Claim.objects.values("attribution_status").annotate(n=Count("id"))}
    )
    by_rating = dict.fromkeys(Rating.values, 0)
    by_rating.update({r["rating"]: r["n"] for r in Claim.objects.values("rating").annotate(n=Count("id"))})
    return {"status": by_status, "rating": by_rating}
