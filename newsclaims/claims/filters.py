"""Query-string filters for claims, speakers and articles: the API's and the review queue's, one definition.

django-filter validates the parameters with a Django form, so the API answers every bad value with a 400
naming the parameter (never a 500) and the review queue renders the same form, showing and ignoring what it
could not read. Filters that need code use ``method=`` with a plain function: it sees only (queryset, name,
value), never the request, which lets the API's backend (api/filtering.py) share one FilterSet per class.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, get_args

import django_filters as df
from django import forms
from django.db.models import BigIntegerField, Exists, OuterRef, QuerySet
from django.db.models.functions import Coalesce, TruncDate
from django_filters.fields import IsoDateTimeField

from newsclaims.attribution.types import CueMeaning
from newsclaims.claims.desk import assigned_to
from newsclaims.claims.models import (
    Article,
    AttributionStatus,
    ChangeEvent,
    Claim,
    ClaimKind,
    Rating,
    Speaker,
    SpeakerKind,
)
from newsclaims.claims.querysets import REVIEW_STATE_QUERIES, SpeakerQuerySet, in_subquery
from newsclaims.claims.search import MAX_QUERY_LENGTH, claim_search
from newsclaims.claims.selectors import QUEUE_ORDERINGS, speaker_current_id


class SafeIsoDateTimeField(IsoDateTimeField):  # type: ignore[misc]  # django-filter ships no types
    """Answers in UTC: PostgreSQL refuses offsets Python accepts (+16:42), and year 1 or 9999 may overflow."""

    def to_python(self, value: Any) -> dt.datetime | None:
        result: dt.datetime | None = super().to_python(value)
        if result is None:
            return None
        try:
            return result.astimezone(dt.UTC)
        except (OverflowError, ValueError):
            raise forms.ValidationError("Date out of range.") from None


class DateTimeFilter(df.IsoDateTimeFilter):  # type: ignore[misc]  # django-filter ships no types
    field_class = SafeIsoDateTimeField


class IdFilter(df.NumberFilter):  # type: ignore[misc]  # django-filter ships no types
    """A row id: a whole number a BigAutoField can hold (a larger one is a database error, not "no match")."""

    field_class = forms.IntegerField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", BigIntegerField.MAX_BIGINT)
        super().__init__(*args, **kwargs)


def by_speaker_id(queryset: QuerySet[Claim], name: str, value: int) -> QuerySet[Claim]:
    # A merged-away id keeps meaning its speaker, now the survivor (clients that stored old ids keep working).
    return queryset.filter(speaker_id=speaker_current_id(pk=value) or value)


def by_speaker_name(queryset: QuerySet[Claim], name: str, value: str) -> QuerySet[Claim]:
    return queryset.filter(speaker__in=Speaker.objects.search(value).values("pk"))


def by_words(queryset: QuerySet[Claim], name: str, value: str) -> QuerySet[Claim]:
    return claim_search(queryset, value)


CUE_MEANINGS = [(meaning, meaning.capitalize()) for meaning in get_args(CueMeaning)]
# The states of review/state.py, in the words the pages use for them.
REVIEW_STATES = [
    ("unreviewed", "Unreviewed"),
    ("confirmed", "Confirmed"),
    ("corrected", "Corrected"),
    ("flagged", "Flagged, not fixed"),
    ("not_a_claim", "Not a claim"),
    ("added", "Added by an editor"),
]


def by_review_state(queryset: QuerySet[Claim], name: str, value: str) -> QuerySet[Claim]:
    return queryset.filter(REVIEW_STATE_QUERIES[value])


ASSIGNEE_ME = "me"


class AssigneeField(forms.CharField):
    """A user id, or "me" for the user asking."""

    def clean(self, value: Any) -> int | str | None:
        text = str(super().clean(value) or "").strip().lower()
        if not text:
            return None
        if text == ASSIGNEE_ME:
            return ASSIGNEE_ME
        if not text.isdigit() or not 1 <= int(text) <= BigIntegerField.MAX_BIGINT:
            raise forms.ValidationError("Give a user id, or “me”.")
        return int(text)


class AssigneeFilter(df.Filter):  # type: ignore[misc]  # django-filter ships no types
    """Claims assigned to an editor, directly or through their article (claims.desk.assigned_to).

    "me" needs the user asking, which a shared FilterSet does not have: ``filter_as`` takes it, and the API's
    backend calls it with the request's user (api/filtering.py); ``filter`` reads it from the FilterSet's request.
    """

    field_class = AssigneeField

    def filter(self, queryset: QuerySet[Claim], value: int | str | None) -> QuerySet[Claim]:
        request = getattr(self, "parent", None) and self.parent.request
        return self.filter_as(queryset, value, getattr(request, "user", None))

    def filter_as(self, queryset: QuerySet[Claim], value: int | str | None, user: Any) -> QuerySet[Claim]:
        if value is None:
            return queryset
        if value == ASSIGNEE_ME:
            if user is None or not user.is_authenticated:
                return queryset.none()
            value = user.pk
        return queryset.filter(assigned_to(int(value)))


class ClaimFilter(df.FilterSet):  # type: ignore[misc]  # django-filter ships no types
    """The API's claim list and CSV export; the review queue's filters extend it (ClaimQueueFilter)."""

    speaker = IdFilter(
        method=by_speaker_id, help_text="Speaker id (the id of a speaker merged into another also works)."
    )
    speaker_name = df.CharFilter(
        method=by_speaker_name, max_length=300, help_text="Speaker name or any alias (case and titles ignored)."
    )
    article = IdFilter(field_name="article_id", help_text="Article id.")
    outlet = df.CharFilter(field_name="article__outlet", lookup_expr="iexact", max_length=200)
    kind = df.ChoiceFilter(choices=ClaimKind.choices, empty_label="Any")
    attribution_status = df.ChoiceFilter(choices=AttributionStatus.choices)
    rating = df.ChoiceFilter(choices=Rating.choices, empty_label="Any")
    cue_meaning = df.ChoiceFilter(
        choices=CUE_MEANINGS,
        empty_label="Any",
        help_text="What the cue says about the statement (assertive, hedged, denial…).",
    )
    min_confidence = df.NumberFilter(
        field_name="confidence", lookup_expr="gte", min_value=0, max_value=1, help_text="0 to 1."
    )
    published_after = DateTimeFilter(field_name="article__published_at", lookup_expr="gte")
    published_before = DateTimeFilter(field_name="article__published_at", lookup_expr="lt")
    updated_after = DateTimeFilter(
        field_name="updated_at", lookup_expr="gt", help_text="Changes feed: claims changed after this instant."
    )
    updated_before = DateTimeFilter(field_name="updated_at", lookup_expr="lte")
    assignee = AssigneeFilter(help_text="Assigned to this user id, or to “me” (directly, or through the article).")
    q = df.CharFilter(
        method=by_words,
        max_length=MAX_QUERY_LENGTH,
        help_text="Full-text search over the statement and the speaker's names (web-search syntax on PostgreSQL).",
    )


STATUS_ANY = "any"


def by_words_speaker_or_title(queryset: QuerySet[Claim], name: str, value: str) -> QuerySet[Claim]:
    # An editor looking for a claim may remember who said it or the headline rather than its words. Each arm is
    # an index condition, so PostgreSQL ORs three bitmap index scans (the full-text index, the claims of the
    # speakers and of the articles whose names hold the words) instead of testing every claim across joins.
    speakers = Speaker.objects.filter(name__icontains=value).order_by().values("pk")
    articles = Article.objects.filter(title__icontains=value).order_by().values("pk")
    return claim_search(queryset, value) | queryset.filter(
        in_subquery("speaker_id", speakers) | in_subquery("article_id", articles)
    )


def by_status(queryset: QuerySet[Claim], name: str, value: str) -> QuerySet[Claim]:
    return queryset if value == STATUS_ANY else queryset.filter(attribution_status=value)


def ordered(queryset: QuerySet[Claim], name: str, value: str) -> QuerySet[Claim]:
    return queryset.order_by(*QUEUE_ORDERINGS[value])


class ClaimQueueFilter(ClaimFilter):
    """The review queue's form: ClaimFilter plus the queue's own parameters (its addresses are bookmarked).

    ``speaker`` is a name here, ``q`` also finds the speaker's name and the headline, ``status`` defaults to
    unreviewed (unless a review ``state`` is asked for), dates are days of publication (or of storing, for undated
    articles), and ``sort`` orders. The article list filters its articles by the same form (ArticlePageFilter).
    """

    q = df.CharFilter(method=by_words_speaker_or_title, max_length=MAX_QUERY_LENGTH, label="Search")
    speaker = df.CharFilter(method=by_speaker_name, max_length=300, label="Speaker")
    # Left empty, the queue shows what is still to review: unreviewed claims, or the review state asked for.
    status = df.ChoiceFilter(
        choices=[*AttributionStatus.choices, (STATUS_ANY, "Any status")],
        method=by_status,
        empty_label="Still to review",
        label="Attribution",
    )
    state = df.ChoiceFilter(choices=REVIEW_STATES, method=by_review_state, empty_label="Any", label="Review state")
    max_confidence = df.NumberFilter(field_name="confidence", lookup_expr="lte", min_value=0, max_value=1, label="to")
    date_from = df.DateFilter(
        field_name="published_sort",
        lookup_expr="date__gte",
        label="Published from",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = df.DateFilter(
        field_name="published_sort", lookup_expr="date__lte", label="to", widget=forms.DateInput(attrs={"type": "date"})
    )
    sort = df.ChoiceFilter(
        choices=[
            ("confidence", "Least confident first"),
            ("-confidence", "Most confident first"),
            ("newest", "Newest articles first"),
            ("oldest", "Oldest articles first"),
        ],
        method=ordered,
        empty_label=None,
    )

    def filter_queryset(self, queryset: QuerySet[Claim]) -> QuerySet[Claim]:
        queryset = super().filter_queryset(queryset)
        # No status, or one not understood, is the queue's purpose: what nobody has reviewed yet.
        if not self.form.cleaned_data.get("status") and not self.form.cleaned_data.get("state"):
            queryset = queryset.filter(attribution_status=AttributionStatus.UNREVIEWED)
        return queryset


PROGRESS_UNFINISHED = "unfinished"
PROGRESS_FINISHED = "finished"


def unchanged(queryset: QuerySet[Claim], name: str, value: str) -> QuerySet[Claim]:
    return queryset


class ArticlePageFilter(ClaimQueueFilter):
    """The article list's form: the queue's filters, read as "articles holding a claim that matches".

    Outlet and dates are the article's own and narrow the list by themselves; the claim filters narrow it only
    when given (an article with no claim yet is listed otherwise); ``status`` has no default here; ``progress``
    keeps the articles with statements still unreviewed, or those with none left.
    """

    progress = df.ChoiceFilter(
        choices=[(PROGRESS_UNFINISHED, "Not finished"), (PROGRESS_FINISHED, "Finished")],
        empty_label="Any",
        method=unchanged,  # about articles: applied in ``articles``
        label="Progress",
    )

    status = df.ChoiceFilter(
        choices=AttributionStatus.choices, field_name="attribution_status", empty_label="Any", label="Attribution"
    )

    ARTICLE_LEVEL = frozenset({"outlet", "date_from", "date_to"})
    NOT_CLAIM_LEVEL = ARTICLE_LEVEL | {"progress", "sort"}

    def filter_queryset(self, queryset: QuerySet[Claim]) -> QuerySet[Claim]:
        # Skips ClaimQueueFilter's default of unreviewed claims: that is the queue's purpose, not the list's.
        filtered: QuerySet[Claim] = super(ClaimQueueFilter, self).filter_queryset(queryset)
        return filtered

    def articles(self, articles: QuerySet[Article]) -> QuerySet[Article]:
        """``articles`` narrowed by the form; fields not understood are shown on the form and ignored."""
        self.is_valid()
        data = self.form.cleaned_data
        if data.get("outlet"):
            articles = articles.filter(outlet__iexact=data["outlet"])
        # The day of publication, or of storing for an undated article, as the claims' date filters read it.
        articles = articles.alias(published_day=TruncDate(Coalesce("published_at", "created_at")))
        if data.get("date_from"):
            articles = articles.filter(published_day__gte=data["date_from"])
        if data.get("date_to"):
            articles = articles.filter(published_day__lte=data["date_to"])
        if any(data.get(name) not in (None, "", STATUS_ANY) for name in set(data) - self.NOT_CLAIM_LEVEL):
            articles = articles.filter(pk__in=self.qs.order_by().values("article_id"))
        unreviewed = Claim.objects.filter(REVIEW_STATE_QUERIES["unreviewed"], article_id=OuterRef("pk"))
        if data.get("progress") == PROGRESS_UNFINISHED:
            articles = articles.filter(Exists(unreviewed))
        elif data.get("progress") == PROGRESS_FINISHED:
            articles = articles.filter(~Exists(unreviewed))
        return articles


class SpeakerClaimFilter(df.FilterSet):  # type: ignore[misc]  # django-filter ships no types
    """The speaker page's claim filters, named as the queue's (its addresses are bookmarked too).

    Filter ``claim_rows()``: the dates are days of publication, or of storing for undated articles.
    """

    rating = df.ChoiceFilter(choices=Rating.choices, label="Rating", empty_label="Any rating")
    article = IdFilter(field_name="article_id", label="Article")
    outlet = df.CharFilter(field_name="article__outlet", lookup_expr="iexact", max_length=200, label="Outlet")
    state = df.ChoiceFilter(choices=REVIEW_STATES, method=by_review_state, empty_label="Any", label="Review state")
    cue_meaning = df.ChoiceFilter(choices=CUE_MEANINGS, empty_label="Any", label="Cue meaning")
    assignee = AssigneeFilter(label="Assigned to")
    date_from = df.DateFilter(
        field_name="published_sort",
        lookup_expr="date__gte",
        label="Published from",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = df.DateFilter(
        field_name="published_sort", lookup_expr="date__lte", label="to", widget=forms.DateInput(attrs={"type": "date"})
    )


def by_name_or_alias(queryset: SpeakerQuerySet, name: str, value: str) -> SpeakerQuerySet:
    return queryset.search(value)


class SpeakerFilter(df.FilterSet):  # type: ignore[misc]  # django-filter ships no types
    q = df.CharFilter(method=by_name_or_alias, max_length=300, help_text="Name or any alias contains this.")
    kind = df.ChoiceFilter(choices=SpeakerKind.choices)
    updated_after = DateTimeFilter(
        field_name="updated_at", lookup_expr="gt", help_text="Speakers changed (details or aliases) after this instant."
    )
    updated_before = DateTimeFilter(field_name="updated_at", lookup_expr="lte")


class ArticleFilter(df.FilterSet):  # type: ignore[misc]  # django-filter ships no types
    outlet = df.CharFilter(field_name="outlet", lookup_expr="iexact", max_length=200)
    published_after = DateTimeFilter(field_name="published_at", lookup_expr="gte")
    published_before = DateTimeFilter(field_name="published_at", lookup_expr="lt")
    updated_after = DateTimeFilter(
        field_name="updated_at", lookup_expr="gt", help_text="Articles changed (metadata, engine) after this instant."
    )
    updated_before = DateTimeFilter(field_name="updated_at", lookup_expr="lte")


class EventFilter(df.FilterSet):  # type: ignore[misc]  # django-filter ships no types
    """The change feed's filters; ``after_id`` resumes from the last event a client has seen."""

    type = df.MultipleChoiceFilter(choices=ChangeEvent.Type.choices, help_text="Event type; repeat for several.")
    resource = df.MultipleChoiceFilter(
        choices=ChangeEvent.Resource.choices, help_text="Resource kind; repeat for several."
    )
    resource_id = IdFilter(field_name="resource_id", help_text="Only events of this resource id.")
    after_id = IdFilter(field_name="id", lookup_expr="gt", min_value=0, help_text="Events after this event id.")
    at_after = DateTimeFilter(field_name="at", lookup_expr="gt", help_text="Events after this instant.")
    at_before = DateTimeFilter(field_name="at", lookup_expr="lte", help_text="Events at or before this instant.")
