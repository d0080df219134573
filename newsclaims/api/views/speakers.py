"""Speakers: list/search by name or alias, detail with aliases and verdict counts, merge (admins)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.urls import reverse
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.request import Request
from rest_framework.response import Response

from newsclaims.api import serializers as s
from newsclaims.api.filters import ApiSpeakerFilter
from newsclaims.api.permissions import IsAdmin
from newsclaims.api.views.base import ApiView, object_or_404, refusal_reported_on
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
    current = selectors.speaker_current_id(pk=pk)
    if current is not None and current != pk:
        # Merged away: the survivor answers, at its own address, so clients can update what they stored.
        location = view.request.build_absolute_uri(reverse("api-speaker-detail", args=[current]))
        return Response(status=status.HTTP_301_MOVED_PERMANENTLY, headers={"Location": location})
    speaker = object_or_404(selectors.speaker_list().prefetch_related("aliases"), pk, "Speaker")
    context = {**view.get_serializer_context(), "rating_counts": selectors.speaker_rating_counts(speaker=speaker)}
    return Response(s.SpeakerDetailSerializer(speaker, context=context).data)


class SpeakerDetailView(ApiView[Speaker]):
    serializer_class = s.SpeakerDetailSerializer

    @extend_schema(
        responses={
            200: s.SpeakerDetailSerializer,
            301: OpenApiResponse(description="Merged into another speaker: `Location` is the survivor."),
        }
    )
    def get(self, request: Request, pk: int) -> Response:
        return speaker_response(self, pk)


class SpeakerMergeView(ApiView[Speaker]):
    serializer_class = s.SpeakerDetailSerializer
    permission_classes = [IsAdmin]

    @extend_schema(
        request=s.SpeakerMergeSerializer,
        responses={200: s.SpeakerDetailSerializer},
        summary="Merge this speaker into another (admins)",
        description=(
            "This speaker's claims (each with a history row) and, unless `keep_aliases` is false, its aliases move to "
            "`into`; this one's id then answers with a 301 to `into`, and filters given the old id keep finding the "
            "claims."
        ),
    )
    def post(self, request: Request, pk: int) -> Response:
        source = object_or_404(Speaker.objects.all(), pk, "Speaker")
        form = s.SpeakerMergeSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        target = form.validated_data["into"]
        with refusal_reported_on("into"):
            services.speaker_merge(
                source=source,
                target=target,
                actor=request.user,
                keep_description=form.validated_data["keep_description"],
                keep_aliases=form.validated_data["keep_aliases"],
            )
        return speaker_response(self, target.pk)


class SpeakerSplitView(ApiView[Speaker]):
    serializer_class = s.SpeakerDetailSerializer

    @extend_schema(
        request=s.SpeakerSplitSerializer,
        responses={200: s.SpeakerDetailSerializer},
        summary="Move chosen claims of this speaker to another speaker or a new one (editors)",
        description=(
            "The undo of a wrong merge or link. Each moved claim gets a history row and keeps the editor's choice: "
            "re-extraction and relinking never move it back. Answers with the speaker that received the claims."
        ),
    )
    def post(self, request: Request, pk: int) -> Response:
        source = object_or_404(Speaker.objects.all(), pk, "Speaker")
        form = s.SpeakerSplitSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        with refusal_reported_on("claims"):
            target = services.speaker_split(
                source=source,
                claim_ids=data["claims"],
                actor=request.user,
                target=data.get("into"),
                new_name=data.get("name", ""),
                new_kind=data["kind"],
            )
        return speaker_response(self, target.pk)
