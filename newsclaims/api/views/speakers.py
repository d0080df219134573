"""Speakers: list/search by name or alias, detail with aliases and verdict counts, merge (admins)."""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from newsclaims.api import serializers as s
from newsclaims.api.filters import ApiSpeakerFilter
from newsclaims.api.permissions import IsAdmin
from newsclaims.api.views.base import ApiView, object_or_404
from newsclaims.claims import selectors, services
from newsclaims.claims.models import Speaker


class SpeakerListView(ApiView[Speaker], generics.ListAPIView[Speaker]):
    serializer_class = s.SpeakerSerializer
    filterset_class = ApiSpeakerFilter
    ordering_map = {"name": "name", "created_at": "created_at"}
    default_ordering = "name"

    def get_queryset(self) -> QuerySet[Speaker]:
        return selectors.speaker_list()


def speaker_response(view: ApiView[Speaker], pk: int) -> Response:
    speaker = object_or_404(selectors.speaker_list().prefetch_related("aliases"), pk, "Speaker")
    context = {**view.get_serializer_context(), "rating_counts": selectors.speaker_rating_counts(speaker=speaker)}
    return Response(s.SpeakerDetailSerializer(speaker, context=context).data)


class SpeakerDetailView(ApiView[Speaker]):
    serializer_class = s.SpeakerDetailSerializer

    def get(self, request: Request, pk: int) -> Response:
        return speaker_response(self, pk)


class SpeakerMergeView(ApiView[Speaker]):
    serializer_class = s.SpeakerDetailSerializer
    permission_classes = [IsAdmin]

    @extend_schema(
        request=s.SpeakerMergeSerializer,
        responses={200: s.SpeakerDetailSerializer},
        summary="Merge this speaker into another (admins)",
        description="This speaker's claims (each with a history row) and aliases move to `into`; this one is deleted.",
    )
    def post(self, request: Request, pk: int) -> Response:
        source = object_or_404(Speaker.objects.all(), pk, "Speaker")
        form = s.SpeakerMergeSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        target = form.validated_data["into"]
        if target.pk == source.pk:
            raise ValidationError({"into": ["A speaker cannot be merged into itself."]})
        services.speaker_merge(source=source, target=target, actor=request.user)
        return speaker_response(self, target.pk)
