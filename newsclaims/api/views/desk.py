"""The desk through the API: assign an article or a claim to an editor, and approve a review (the second check)."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from newsclaims.api import serializers as s
from newsclaims.api.conditional import representation_etag, require_match
from newsclaims.api.errors import PreconditionFailed
from newsclaims.api.views.articles import article_detail_data
from newsclaims.api.views.base import ApiView, object_or_404, refusal_reported_on
from newsclaims.api.views.claims import ETAG_HELP, claim_detail_data
from newsclaims.claims.desk import article_assign, claim_approve, claim_assign
from newsclaims.claims.models import Article, Claim
from newsclaims.claims.services import ClaimConflict


def _detail(request: Request, pk: int) -> Response:
    data = claim_detail_data(request, pk)
    return Response(data, headers={"ETag": representation_etag(data)})


class ClaimAssignView(ApiView[Claim]):
    serializer_class = s.ClaimDetailSerializer

    @extend_schema(
        request=s.ClaimAssignSerializer,
        responses={200: s.ClaimDetailSerializer},
        summary="Assign a claim to an editor (editors)",
        description=(
            "The claim then shows in that editor's queue (`GET /api/v1/claims/?assignee=me`) ahead of its article's "
            "assignee. A history row records who assigned it to whom; the version stays, so open reviews still save."
        ),
    )
    def post(self, request: Request, pk: int) -> Response:
        claim = object_or_404(Claim.objects.all(), pk, "Claim")
        form = s.ClaimAssignSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        with refusal_reported_on("assignee"):
            claim_assign(claim=claim, assignee=form.validated_data["assignee"], actor=request.user)
        return _detail(request, pk)


class ClaimApproveView(ApiView[Claim]):
    serializer_class = s.ClaimDetailSerializer

    @extend_schema(
        request=None,
        responses={200: s.ClaimDetailSerializer},
        summary="Approve a claim's review: the second check (editors)",
        description=(
            "While the desk's second check is on, a confirmed and rated claim is published only once an editor other "
            "than its reviewer approves that review; a later review waits for a new approval. Refused (400) when the "
            "check is off, the claim is not waiting, or you reviewed it. The approval covers the version you saw: "
            + ETAG_HELP
        ),
        parameters=[
            OpenApiParameter(
                "If-Match", str, OpenApiParameter.HEADER, required=True, description="The claim's current ETag."
            )
        ],
    )
    def post(self, request: Request, pk: int) -> Response:
        claim = object_or_404(Claim.objects.only("pk", "version"), pk, "Claim")
        etag = representation_etag(claim_detail_data(request, pk))
        require_match(request, etag, current={"version": claim.version, "etag": etag})
        try:
            with refusal_reported_on("approval"):
                claim_approve(claim=claim, actor=request.user, expected_version=claim.version)
        except ClaimConflict as exc:
            # Changed between the If-Match check and the lock: stale, as a PATCH would be.
            current = representation_etag(claim_detail_data(request, pk))
            raise PreconditionFailed(current={"version": exc.current.version, "etag": current}, etag=current) from None
        return _detail(request, pk)


class ArticleAssignView(ApiView[Article]):
    serializer_class = s.ArticleDetailSerializer

    @extend_schema(
        request=s.ArticleAssignSerializer,
        responses={200: s.ArticleDetailSerializer},
        summary="Assign an article to an editor (editors)",
        description=(
            "Its claims then show in that editor's queue (`GET /api/v1/claims/?assignee=me`), except those "
            "assigned to an editor of their own. Each claim it covers gets an `updated` event; null takes it back."
        ),
    )
    def post(self, request: Request, pk: int) -> Response:
        article = object_or_404(Article.objects.defer("text"), pk, "Article")
        form = s.ArticleAssignSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        with refusal_reported_on("assignee"):
            article_assign(article=article, assignee=form.validated_data["assignee"], actor=request.user)
        return Response(article_detail_data(request, pk))
