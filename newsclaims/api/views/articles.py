"""Articles: list, detail with text and claims, submission (starts an ingestion job), job progress."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.db.models.functions import Coalesce
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from newsclaims.api import serializers as s
from newsclaims.api.filters import ApiArticleFilter
from newsclaims.api.rows import api_claim_rows
from newsclaims.api.submissions import article_submit_as_job
from newsclaims.api.views.base import ApiView, object_or_404
from newsclaims.claims.models import Article
from newsclaims.claims.selectors import article_list, claim_row, claim_row_values, claim_rows
from newsclaims.ingestion.errors import IngestionError
from newsclaims.ingestion.models import IngestionJob


class ArticleListView(ApiView[Article], generics.ListAPIView[Article]):
    serializer_class = s.ArticleSerializer
    filterset_class = ApiArticleFilter
    ordering_map = {"created_at": "created_at", "published_at": "published_sort"}
    default_ordering = "-created_at"

    def get_queryset(self) -> QuerySet[Article]:
        return article_list().annotate(published_sort=Coalesce("published_at", "created_at"))

    @extend_schema(
        request=s.ArticleSubmitSerializer,
        responses={
            202: OpenApiResponse(
                s.JobSerializer,
                description="A job, always: ingestion started (follow Location), or, for an article already stored, "
                "a job already done whose `article` points to it (metadata it lacked is filled in).",
            ),
        },
        summary="Submit an article (text, html or url) for ingestion",
    )
    def post(self, request: Request) -> Response:
        form = s.ArticleSubmitSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        payload = dict(form.validated_data)
        try:
            job = article_submit_as_job(payload=payload, source=_source(payload), created_by=request.user)
        except IngestionError as exc:
            raise ValidationError({"non_field_errors": [str(exc)]}) from None
        body = s.JobSerializer(job, context=self.get_serializer_context()).data
        return Response(body, status=status.HTTP_202_ACCEPTED, headers={"Location": body["url"]})


def _source(payload: dict[str, Any]) -> str:
    if payload.get("url"):
        return str(payload["url"])[:2000]
    return "html" if "html" in payload else "text"


class ArticleDetailView(ApiView[Article]):
    serializer_class = s.ArticleDetailSerializer

    @extend_schema(summary="One article with its text and its claims")
    def get(self, request: Request, pk: int) -> Response:
        return Response(article_detail_data(request, pk))


def article_detail_data(request: Request, pk: int) -> dict[str, Any]:
    article = object_or_404(article_list().defer(None), pk, "Article")
    ordered = claim_rows().filter(article_id=pk).order_by("content_start", "id")
    rows = api_claim_rows((claim_row(v) for v in claim_row_values(ordered)), request, texts={pk: article.text})
    # The claims are already API rows: the documented serializer renders only the article's own fields.
    own = {"author": article.author, "language": article.language, "text": article.text, "claims": rows}
    return {**s.ArticleSerializer(article, context={"request": request}).data, **own}


class JobListView(ApiView[IngestionJob], generics.ListAPIView[IngestionJob]):
    """The caller's ingestion jobs, newest first."""

    serializer_class = s.JobSerializer
    ordering_map = {"created_at": "created_at"}
    default_ordering = "-created_at"

    def get_queryset(self) -> QuerySet[IngestionJob]:
        user = self.request.user
        if not user.is_authenticated:
            return IngestionJob.objects.none()
        return IngestionJob.objects.filter(created_by=user).select_related("created_by")


class JobDetailView(ApiView[IngestionJob]):
    serializer_class = s.JobSerializer

    @extend_schema(summary="One ingestion job")
    def get(self, request: Request, pk: int) -> Response:
        job = object_or_404(IngestionJob.objects.select_related("created_by"), pk, "Job")
        return Response(self.get_serializer(job).data)
