"""The API's claim, speaker and article filters: the shared ones (claims/filters.py), made stricter.

- Filters that can take several values take them repeated (``?rating=false&rating=misleading``), comma-separated
  (``?rating=false,misleading``) or both, and match any of them.
- ``speaker_name`` matches a speaker whose name or an alias *is* the value, compared as identity keys
  (claims/naming.py: case, accents and titles ignored), so "son" no longer finds Anderson and Johnson;
  ``speaker_name__contains`` is the substring search.
"""

from __future__ import annotations

from typing import Any

import django_filters as df
from django import forms
from django.db.models import BigIntegerField, Q, QuerySet
from django.utils.datastructures import MultiValueDict

from newsclaims.attribution.names import normalize_name
from newsclaims.claims.filters import ArticleFilter, ClaimFilter, SpeakerFilter, by_speaker_name
from newsclaims.claims.models import AttributionStatus, Claim, ClaimKind, Rating, Speaker, SpeakerAlias, SpeakerKind
from newsclaims.claims.naming import identity_key, organisation_key, person_key

MAX_VALUES = 100


class ListWidget(forms.Widget):
    """Reads every value of a parameter, repeated or comma-separated; None when it is absent or empty."""

    def value_from_datadict(self, data: Any, files: Any, name: str) -> list[str] | None:
        raw = data.getlist(name) if isinstance(data, MultiValueDict) else [data.get(name)]
        values = [part.strip() for value in raw if value for part in str(value).split(",") if part.strip()]
        return values or None


class ListField(forms.Field):
    widget = ListWidget

    def __init__(self, *, item: forms.Field, **kwargs: Any) -> None:
        self.item = item
        kwargs.pop("max_length", None)
        super().__init__(**kwargs)

    def clean(self, value: Any) -> list[Any] | None:
        if not value:
            return None
        if len(value) > MAX_VALUES:
            raise forms.ValidationError(f"At most {MAX_VALUES} values.")
        return [self.item.clean(v) for v in value]


class AnyOfFilter(df.Filter):  # type: ignore[misc]  # django-filter ships no types
    """``field__in`` the listed values (each validated by ``item``)."""

    field_class = ListField

    def __init__(self, *args: Any, item: forms.Field, **kwargs: Any) -> None:
        kwargs.setdefault("lookup_expr", "in")
        super().__init__(*args, item=item, **kwargs)

    def filter(self, qs: QuerySet[Any], value: Any) -> QuerySet[Any]:
        if not value:
            return qs
        if self.method is not None:
            filtered: QuerySet[Any] = super().filter(qs, value)
            return filtered
        return qs.filter(**{f"{self.field_name}__{self.lookup_expr}": value})


def _ids() -> forms.IntegerField:
    return forms.IntegerField(min_value=1, max_value=BigIntegerField.MAX_BIGINT)


def _choice(choices: Any) -> forms.ChoiceField:
    return forms.ChoiceField(choices=choices)


def _name_candidates(value: str) -> QuerySet[Speaker]:
    """Speakers that could carry the name: their name or an alias contains its last word (a narrow net)."""
    words = normalize_name(value).split()
    if not words:
        return Speaker.objects.none()
    last = words[-1]
    aliased = SpeakerAlias.objects.filter(Q(normalized__contains=last) | Q(name__icontains=last)).values("speaker_id")
    return Speaker.objects.filter(Q(name__icontains=last) | Q(pk__in=aliased)).prefetch_related("aliases")


def _keys(name: str, kind: str) -> set[str]:
    keys = {identity_key(name, kind=kind), organisation_key(name)}
    if kind != SpeakerKind.PERSON and (key := person_key(name)) is not None:
        keys.add(key.full)
    return keys - {""}


def speakers_named(value: str) -> list[int]:
    """Ids of speakers whose name or an alias is ``value`` (same identity key for the speaker's kind)."""
    found = []
    for speaker in _name_candidates(value):
        wanted = _keys(value, speaker.kind)
        names = [speaker.name, *(alias.name for alias in speaker.aliases.all())]
        if any(wanted & _keys(name, speaker.kind) for name in names):
            found.append(speaker.pk)
    return found


def by_speaker_ids(queryset: QuerySet[Claim], name: str, values: list[int]) -> QuerySet[Claim]:
    # A merged-away id keeps meaning its speaker, now the survivor (claims.filters.by_speaker_id, for several).
    from newsclaims.claims.selectors import speaker_current_id

    return queryset.filter(speaker_id__in=[speaker_current_id(pk=value) or value for value in values])


def by_exact_speaker_name(queryset: QuerySet[Claim], name: str, value: str) -> QuerySet[Claim]:
    return queryset.filter(speaker_id__in=speakers_named(value))


class ApiClaimFilter(ClaimFilter):
    speaker = AnyOfFilter(
        method=by_speaker_ids,
        item=_ids(),
        help_text="Speaker id (a speaker merged into another also works); several match any.",
    )
    speaker_name = df.CharFilter(
        method=by_exact_speaker_name,
        max_length=300,
        help_text="Speaker whose name or an alias is this (case, accents and titles ignored).",
    )
    speaker_name__contains = df.CharFilter(
        method=by_speaker_name, max_length=300, help_text="Speaker whose name or an alias contains this."
    )
    article = AnyOfFilter(field_name="article_id", item=_ids(), help_text="Article id; several match any.")
    outlet = AnyOfFilter(
        field_name="article__outlet",
        item=forms.CharField(max_length=200),
        method=lambda qs, name, values: qs.filter(_any_iexact("article__outlet", values)),
        help_text="Outlet name (case ignored); several match any.",
    )
    kind = AnyOfFilter(item=_choice(ClaimKind.choices), help_text="Claim kind; several match any.")
    attribution_status = AnyOfFilter(
        item=_choice(AttributionStatus.choices), help_text="Attribution review status; several match any."
    )
    rating = AnyOfFilter(item=_choice(Rating.choices), help_text="Verdict; several match any.")


def _any_iexact(field: str, values: list[str]) -> Q:
    match = Q()
    for value in values:
        match |= Q(**{f"{field}__iexact": value})
    return match


class ApiSpeakerFilter(SpeakerFilter):
    kind = AnyOfFilter(item=_choice(SpeakerKind.choices), help_text="Speaker kind; several match any.")


class ApiArticleFilter(ArticleFilter):
    outlet = AnyOfFilter(
        field_name="outlet",
        item=forms.CharField(max_length=200),
        method=lambda qs, name, values: qs.filter(_any_iexact("outlet", values)),
        help_text="Outlet name (case ignored); several match any.",
    )
