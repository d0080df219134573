"""QuerySet methods for the common reads; imported by models.py."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.postgres.expressions import ArraySubquery
from django.db import connection, models
from django.db.models import BooleanField, Count, Exists, F, Func, OuterRef, Q, QuerySet

from newsclaims.claims.naming import identity_key

if TYPE_CHECKING:
    # Only the type checker reads the QuerySet type arguments below; models.py imports this module.
    from newsclaims.claims.models import Article, Claim, ClaimEvent, Speaker  # noqa: F401


# ClaimEvent actions written by re-extraction rather than by a person.
ENGINE_ACTIONS = ("engine_update",)


class _EqualsAny(Func):
    arg_joiner = " = ANY("
    template = "%(expressions)s)"
    output_field = BooleanField()


def in_subquery(field: str, ids: QuerySet[Any]) -> Q:
    """``field IN (ids)`` written so that PostgreSQL can answer it from ``field``'s index inside an OR.

    Under an OR, ``IN (SELECT ...)`` is a filter run on every row; ``= ANY(ARRAY(SELECT ...))`` is computed
    once and is an index condition, so an OR of such arms is a BitmapOr of index scans (bench/README.md: the
    review queue's search and the assignee filter at a million claims). For subqueries of a few thousand ids.
    """
    if connection.vendor != "postgresql":
        return Q(**{f"{field}__in": ids})
    return Q(_EqualsAny(F(field), ArraySubquery(ids)))


class ArticleQuerySet(models.QuerySet["Article"]):
    def with_claim_counts(self) -> ArticleQuerySet:
        return self.annotate(
            claim_count=Count("claims", distinct=True),
            unreviewed_count=Count("claims", filter=Q(claims__attribution_status="unreviewed"), distinct=True),
        )


class SpeakerQuerySet(models.QuerySet["Speaker"]):
    def search(self, name: str) -> SpeakerQuerySet:
        """Speakers whose name or any alias contains the (normalised) query."""
        keys = {identity_key(name, kind="person"), identity_key(name, kind="organisation")} - {""}
        if not keys:
            return self.none()
        # A subquery, not a join: no DISTINCT over speakers, and it composes as `speaker__in=`.
        from newsclaims.claims.models import SpeakerAlias

        matches = Q()
        for key in keys:
            matches |= Q(normalized__contains=key)
        aliased = SpeakerAlias.objects.filter(matches).values("speaker_id")
        return self.filter(Q(name__icontains=name.strip()) | Q(pk__in=aliased))


class ClaimQuerySet(models.QuerySet["Claim"]):
    def has_editorial_work(self) -> ClaimQuerySet:
        """Claims an editor has touched: added, reviewed, annotated, or with evidence or history an editor wrote.

        History the engine wrote (re-extraction rewriting an untouched claim in place) is not an editor's work.
        """
        from newsclaims.claims.models import ClaimEvent

        editor_history = ClaimEvent.objects.filter(claim=OuterRef("pk")).exclude(action__in=ENGINE_ACTIONS)
        return self.filter(
            Q(attribution_status__in=["confirmed", "wrong_speaker", "wrong_span", "not_a_claim"])
            | ~Q(rating="not_rated")
            | Q(notes__isnull=False)
            | Q(evidence__isnull=False)
            | Exists(editor_history)
            | Q(origin="editor")
        ).distinct()


class ClaimEventQuerySet(models.QuerySet["ClaimEvent"]):
    """History is append-only: bulk updates and deletes are refused, not silently run."""

    def update(self, **kwargs: Any) -> int:
        from newsclaims.claims.models import HistoryIsAppendOnly

        raise HistoryIsAppendOnly("claim history rows cannot be changed")

    def delete(self) -> tuple[int, dict[str, int]]:
        from newsclaims.claims.models import HistoryIsAppendOnly

        raise HistoryIsAppendOnly("claim history rows cannot be deleted")


# The review states of review/state.py as queries (a list filters by them; a page shows them per claim). They
# partition the claims the same way: keep the two in step.
_ENGINE_UNTOUCHED = Q(origin="engine", engine_original={})
REVIEW_STATE_QUERIES: dict[str, Q] = {
    "unreviewed": Q(attribution_status="unreviewed") & _ENGINE_UNTOUCHED,
    "confirmed": Q(attribution_status="confirmed") & _ENGINE_UNTOUCHED,
    "corrected": ~Q(attribution_status="not_a_claim") & Q(origin="engine") & ~Q(engine_original={}),
    "flagged": Q(attribution_status__in=["wrong_speaker", "wrong_span"]) & _ENGINE_UNTOUCHED,
    "not_a_claim": Q(attribution_status="not_a_claim"),
    "added": ~Q(attribution_status="not_a_claim") & Q(origin="editor"),
}
REVIEWED = ~REVIEW_STATE_QUERIES["unreviewed"]
