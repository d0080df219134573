"""Claims: list (cursor-paged, filtered, searchable), CSV export, detail, review, notes, evidence, ClaimReview."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from typing import Any

from django.http import StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from newsclaims.api import serializers as s
from newsclaims.api.claimreview import EmbeddableJSONRenderer, JSONLDRenderer, claimreview_jsonld, has_claimreview
from newsclaims.api.errors import PreconditionFailed, PreconditionRequired
from newsclaims.api.filters import ClaimFilter
from newsclaims.api.pagination import KeysetPagination
from newsclaims.api.queries import claim_for_api_detail, claim_rows, claims_for_api
from newsclaims.api.views.base import ApiMixin, object_or_404
from newsclaims.claims import services
from newsclaims.claims.models import Claim

CLAIM_ORDERINGS = {
    "updated_at": "updated_at",
    "published_at": "published_sort",
    "confidence": "confidence",
    "speaker": "speaker_sort",
}
ETAG_HELP = (
    "A claim's ETag is `\"<id>-<version>\"`; it changes whenever the claim's reviewable state changes. "
    "Send it back in If-Match: without one the answer is 428, with an older one 412, and nothing changes."
)


class ClaimListView(ApiMixin, generics.ListAPIView):
    """Claims, newest change first by default. `ordering=updated_at` with `updated_after` is a changes feed."""

    serializer_class = s.ClaimSerializer
    filterset_class = ClaimFilter
    ordering_map = CLAIM_ORDERINGS
    default_ordering = "-updated_at"

    def get_queryset(self) -> Any:
        return claims_for_api()

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        # Rows come as dicts and are rendered by claim_row: no model instances, no serializer per page.
        # (ClaimSerializer stays the documented response schema; its instance path renders the same rows.)
        queryset = self.filter_queryset(self.get_queryset())
        # Filter errors are reported before ordering errors, as before this path existed.
        ordering = self.paginator._ordering(request, self)
        page = self.paginate_queryset(claim_rows(queryset, CLAIM_ORDERINGS[ordering.lstrip("-")]))
        return self.get_paginated_response([s.claim_row(row) for row in page])


_CSV_COLUMNS = [
    *("id", "article_id", "article_title", "article_url", "outlet", "published_at"),
    *("speaker_id", "speaker", "speaker_kind", "speaker_mention", "speaker_start", "speaker_end"),
    *("cue", "cue_start", "cue_end", "content", "content_start", "content_end", "kind", "via", "confidence"),
    *("engine_version", "attribution_status", "rating", "rating_explanation", "reviewed_by", "reviewed_at"),
    *("note_count", "evidence_count", "updated_at", "version"),
]


def _cell(value: Any) -> Any:
    # Spreadsheets run cells starting with these as formulas; a quote keeps them text.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _csv_row(c: Claim) -> list[Any]:
    a, sp = c.article, c.speaker
    values = [
        c.pk, a.pk, a.title, a.url or "", a.outlet, a.published_at.isoformat() if a.published_at else "",
        sp.pk if sp else "", sp.name if sp else c.speaker_name, sp.kind if sp else "",
        c.speaker_text, c.speaker_start, c.speaker_end, c.cue_text, c.cue_start, c.cue_end,
        c.content_text, c.content_start, c.content_end, c.kind, "; ".join(c.via or []),
        c.confidence, c.engine_version, c.attribution_status, c.rating, c.rating_explanation,
        c.reviewed_by_name or "", c.reviewed_at.isoformat() if c.reviewed_at else "",
        c.note_count, c.evidence_count, c.updated_at.isoformat(), c.version,
    ]  # fmt: skip
    return [_cell(v) for v in values]


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_stream(rows: Iterable[Claim]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(_CSV_COLUMNS)  # the BOM makes Excel read UTF-8
    for claim in rows:
        yield writer.writerow(_csv_row(claim))


class ClaimExportView(ApiMixin, generics.GenericAPIView):
    filterset_class = ClaimFilter
    pagination_class = None
    ordering_map = CLAIM_ORDERINGS
    default_ordering = "-updated_at"

    def get_queryset(self) -> Any:
        return claims_for_api()

    def perform_content_negotiation(self, request: Request, force: bool = False) -> Any:
        # The body is CSV whatever the Accept header says; errors stay JSON.
        return super().perform_content_negotiation(request, force=True)

    @extend_schema(
        summary="All claims matching the list filters, as CSV (streamed)",
        responses={(200, "text/csv"): OpenApiTypes.STR},
        parameters=[
            OpenApiParameter(
                "ordering", str, enum=KeysetPagination.ordering_choices(ClaimListView), description="Sort order."
            )
        ],
    )
    def get(self, request: Request) -> StreamingHttpResponse:
        ordering = KeysetPagination()._ordering(request, self)
        field = CLAIM_ORDERINGS[ordering.lstrip("-")]
        sign = "-" if ordering.startswith("-") else ""
        rows = self.filter_queryset(self.get_queryset()).order_by(f"{sign}{field}", f"{sign}pk")
        response = StreamingHttpResponse(_csv_stream(rows.iterator(chunk_size=2000)), content_type="text/csv")
        response["Content-Disposition"] = 'attachment; filename="claims.csv"'
        return response


def claim_etag(claim: Claim) -> str:
    return f'"{claim.pk}-{claim.version}"'


def _expected_version(request: Request, claim: Claim) -> int:
    header = request.headers.get("If-Match", "").strip()
    if not header:
        raise PreconditionRequired()
    for tag in (t.strip() for t in header.split(",")):
        if tag == "*":
            raise PreconditionRequired("If-Match: * is not accepted here; send the claim's ETag.")
        if tag.removeprefix("W/") == claim_etag(claim):
            return claim.version
    raise _stale(claim)


def _stale(claim: Claim) -> PreconditionFailed:
    return PreconditionFailed(
        current={"version": claim.version, "etag": claim_etag(claim)},
        etag=claim_etag(claim),
    )


def _span(data: dict[str, Any], key: str) -> services.SpanEdit | None:
    if key not in data:
        return None
    value = data[key]
    return services.SpanEdit(None, None) if value is None else services.SpanEdit(value["start"], value["end"])


class ClaimDetailView(ApiMixin, generics.GenericAPIView):
    serializer_class = s.ClaimDetailSerializer

    def _respond(self, pk: int) -> Response:
        try:
            claim = claim_for_api_detail(pk)
        except Claim.DoesNotExist:
            raise NotFound(f"Claim {pk} does not exist.") from None
        return Response(self.get_serializer(claim).data, headers={"ETag": claim_etag(claim)})

    @extend_schema(description=ETAG_HELP)
    def get(self, request: Request, pk: int) -> Response:
        return self._respond(pk)

    @extend_schema(
        request=s.ClaimReviewSerializer,
        description="Review fields and span corrections; every change is a history row with you as actor. " + ETAG_HELP,
        parameters=[
            OpenApiParameter("If-Match", str, OpenApiParameter.HEADER, required=True, description='"<id>-<version>"')
        ],
    )
    def patch(self, request: Request, pk: int) -> Response:
        claim = object_or_404(Claim.objects.only("pk", "version"), pk, "Claim")
        version = _expected_version(request, claim)
        form = s.ClaimReviewSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        try:
            services.claim_review(
                claim=claim,
                actor=request.user,
                expected_version=version,
                attribution_status=data.get("attribution_status"),
                rating=data.get("rating"),
                rating_explanation=data.get("rating_explanation"),
                speaker=data.get("speaker"),
                content=_span(data, "content"),
                speaker_span=_span(data, "speaker_mention"),
                cue=_span(data, "cue"),
            )
        except services.ClaimConflict as exc:
            raise _stale(exc.current) from None
        return self._respond(pk)


class ClaimNoteCreateView(ApiMixin, generics.GenericAPIView):
    serializer_class = s.NoteSerializer

    @extend_schema(request=s.NoteCreateSerializer, responses={201: s.NoteSerializer})
    def post(self, request: Request, pk: int) -> Response:
        claim = object_or_404(Claim.objects.all(), pk, "Claim")
        form = s.NoteCreateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        note = services.claim_add_note(claim=claim, author=request.user, body=form.validated_data["body"])
        return Response(s.NoteSerializer(note).data, status=status.HTTP_201_CREATED)


class ClaimEvidenceCreateView(ApiMixin, generics.GenericAPIView):
    serializer_class = s.EvidenceSerializer

    @extend_schema(request=s.EvidenceCreateSerializer, responses={201: s.EvidenceSerializer})
    def post(self, request: Request, pk: int) -> Response:
        claim = object_or_404(Claim.objects.all(), pk, "Claim")
        form = s.EvidenceCreateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        evidence = services.claim_add_evidence(claim=claim, added_by=request.user, **form.validated_data)
        return Response(s.EvidenceSerializer(evidence).data, status=status.HTTP_201_CREATED)


class ClaimReviewView(ApiMixin, generics.GenericAPIView):
    renderer_classes = [JSONLDRenderer, EmbeddableJSONRenderer]

    @extend_schema(
        summary="schema.org ClaimReview (JSON-LD) for a claim with a verdict",
        description="404 when the claim has no verdict yet (rating not_rated) or is marked not a claim.",
        responses={200: OpenApiResponse({"type": "object", "additionalProperties": True})},
    )
    def get(self, request: Request, pk: int) -> Response:
        claim = object_or_404(Claim.objects.select_related("article", "speaker"), pk, "Claim")
        if not has_claimreview(claim):
            raise NotFound(f"Claim {pk} has no verdict yet, so there is no ClaimReview for it.")
        url = request.build_absolute_uri(f"/api/v1/claims/{claim.pk}/")
        return Response(claimreview_jsonld(claim, url=url))
