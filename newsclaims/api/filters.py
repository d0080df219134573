"""Query-string filters. Every bad value is a 400 naming the parameter, never a 500."""

from __future__ import annotations

import datetime as dt
from typing import Any

import django_filters as df
from django import forms
from django.db.models import QuerySet
from django_filters.fields import IsoDateTimeField

from newsclaims.api.filtering import request_free
from newsclaims.claims.models import AttributionStatus, ClaimKind, Rating, Speaker
from newsclaims.claims.search import MAX_QUERY_LENGTH, claim_search

MAX_ID = 2**63 - 1


class SafeIsoDateTimeField(IsoDateTimeField):
    """Answers in UTC: PostgreSQL refuses offsets Python accepts (+16:42), and year 1 or 9999 may overflow."""

    def to_python(self, value: Any) -> dt.datetime | None:
        result = super().to_python(value)
        if result is None:
            return None
        try:
            return result.astimezone(dt.UTC)
        except (OverflowError, ValueError):
            raise forms.ValidationError("Date out of range.") from None


class DateTimeFilter(df.IsoDateTimeFilter):
    field_class = SafeIsoDateTimeField


class IdFilter(df.NumberFilter):
    field_class = forms.IntegerField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class ClaimFilter(df.FilterSet):
    speaker = IdFilter(field_name="speaker_id", help_text="Speaker id.")
    speaker_name = df.CharFilter(
        method="filter_speaker_name", max_length=300, help_text="Speaker name or any alias (case and titles ignored)."
    )
    article = IdFilter(field_name="article_id", help_text="Article id.")
    outlet = df.CharFilter(field_name="article__outlet", lookup_expr="iexact", max_length=200)
    kind = df.ChoiceFilter(choices=ClaimKind.choices)
    attribution_status = df.ChoiceFilter(choices=AttributionStatus.choices)
    rating = df.ChoiceFilter(choices=Rating.choices)
    min_confidence = df.NumberFilter(
        field_name="confidence", lookup_expr="gte", min_value=0, max_value=1, help_text="0 to 1."
    )
    published_after = DateTimeFilter(field_name="article__published_at", lookup_expr="gte")
    published_before = DateTimeFilter(field_name="article__published_at", lookup_expr="lt")
    updated_after = DateTimeFilter(
        field_name="updated_at", lookup_expr="gt", help_text="Changes feed: claims changed after this instant."
    )
    updated_before = DateTimeFilter(field_name="updated_at", lookup_expr="lte")
    q = df.CharFilter(
        method="filter_q",
        max_length=MAX_QUERY_LENGTH,
        help_text="Full-text search over the statement and the speaker's names (web-search syntax on PostgreSQL).",
    )

    @request_free
    def filter_speaker_name(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(speaker__in=Speaker.objects.search(value).values("pk"))

    @request_free
    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return claim_search(queryset, value)


class SpeakerFilter(df.FilterSet):
    q = df.CharFilter(method="filter_q", max_length=300, help_text="Name or any alias contains this.")
    kind = df.ChoiceFilter(choices=Speaker._meta.get_field("kind").choices)

    @request_free
    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.search(value)


class ArticleFilter(df.FilterSet):
    outlet = df.CharFilter(field_name="outlet", lookup_expr="iexact", max_length=200)
    published_after = DateTimeFilter(field_name="published_at", lookup_expr="gte")
    published_before = DateTimeFilter(field_name="published_at", lookup_expr="lt")
