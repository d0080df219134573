"""Articles: list, detail with text and claims, submission (starts an ingestion job), job progress."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.db.models.functions import Coalesce
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from newsclaims.api import serializers as s
from newsclaims.api.views.base import ApiView, object_or_404
from newsclaims.claims.filters import ArticleFilter
from newsclaims.claims.models import Article, Claim
from newsclaims.claims.selectors import article_list
from newsclaims.ingestion.errors import IngestionError
from newsclaims.ingestion.jobs import article_submit
from newsclaims.ingestion.models import IngestionJob


class ArticleListView(ApiView[Article], generics.ListAPIView[Article]):
    serializer_class = s.ArticleSerializer
    filterset_class = ArticleFilter
    ordering_map = {"created_at": "created_at", "published_at": "published_sort"}
    default_ordering = "-created_at"

    def get_queryset(self) -> QuerySet[Article]:
        return article_list().annotate(published_sort=Coalesce("published_at", "created_at"))

    @extend_schema(
        request=s.ArticleSubmitSerializer,
        responses={
            202: OpenApiResponse(s.JobSerializer, description="Ingestion started; follow the job (Location)."),
            200: OpenApiResponse(s.ArticleSerializer, description="Already stored: the existing article."),
        },
        summary="Submit an article (text, html or url) for ingestion",
    )
    def post(self, request: Request) -> Response:
        form = s.ArticleSubmitSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        payload = dict(form.validated_data)
        try:
            result = article_submit(payload=payload, source=_source(payload), created_by=request.user)
        except IngestionError as exc:
            raise ValidationError({"non_field_errors": [str(exc)]}) from None
        if isinstance(result, Article):
            return Response(self.get_serializer(article_list().get(pk=result.pk)).data)
        job = result.job
        job.refresh_from_db()
        return Response(
            s.JobSerializer(job).data,
            status=status.HTTP_202_ACCEPTED,
            headers={"Location": request.build_absolute_uri(f"/api/v1/jobs/{job.pk}/")},
        )


def _source(payload: dict[str, Any]) -> str:
    if payload.get("url"):
        return str(payload["url"])[:2000]
    return "html" if "html" in payload else "text"


class ArticleDetailView(ApiView[Article]):
    serializer_class = s.ArticleDetailSerializer

    def get(self, request: Request, pk: int) -> Response:
        claims = Claim.objects.select_related("speaker").order_by("content_start", "id")
        queryset = article_list().defer(None).prefetch_related(Prefetch("claims", claims))
        return Response(self.get_serializer(object_or_404(queryset, pk, "Article")).data)


class JobDetailView(ApiView[IngestionJob]):
    serializer_class = s.JobSerializer

    def get(self, request: Request, pk: int) -> Response:
        return Response(self.get_serializer(object_or_404(IngestionJob.objects.all(), pk, "Job")).data)
