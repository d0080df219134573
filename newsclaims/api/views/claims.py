"""Claims: list (cursor-paged, filtered, searchable), CSV export, detail, review, notes, evidence, ClaimReview."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from newsclaims.api import serializers as s
from newsclaims.api.claimreview import EmbeddableJSONRenderer, JSONLDRenderer, claimreview_jsonld, has_claimreview
from newsclaims.api.errors import Conflict, PreconditionFailed, PreconditionRequired
from newsclaims.api.pagination import KeysetPagination
from newsclaims.api.views.base import ApiView, object_or_404
from newsclaims.claims import services
from newsclaims.claims.filters import ClaimFilter
from newsclaims.claims.models import Claim, Evidence, Note
from newsclaims.claims.selectors import (
    Row,
    claim_evidence,
    claim_history,
    claim_notes,
    claim_row,
    claim_row_get,
    claim_row_values,
    claim_rows,
)

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


class ClaimListView(ApiView[Claim], generics.ListAPIView[Claim]):
    """Claims, newest change first by default. `ordering=updated_at` with `updated_after` is a changes feed."""

    serializer_class = s.ClaimSerializer
    filterset_class = ClaimFilter
    ordering_map = CLAIM_ORDERINGS
    default_ordering = "-updated_at"

    def get_queryset(self) -> QuerySet[Claim]:
        return claim_rows()

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        # The read model's rows (selectors.claim_row): no model instances, no serializer per page.
        queryset = self.filter_queryset(self.get_queryset())
        # Filter errors are reported before ordering errors.
        ordering = KeysetPagination.ordering(request, self)
        page = self.paginate_queryset(claim_row_values(queryset, CLAIM_ORDERINGS[ordering.lstrip("-")]))
        return self.get_paginated_response([claim_row(values) for values in page or []])

    @extend_schema(
        request=s.ClaimCreateSerializer,
        responses={201: s.ClaimSerializer},
        description="Add a statement the engine missed (editors). Offsets must lie inside the article's text and "
        "the content must not be empty. A statement with the same content span is already stored: 409 with "
        "its id and ETag (it was found or added meanwhile; review that one instead).",
    )
    def post(self, request: Request) -> Response:
        form = s.ClaimCreateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        try:
            claim = services.claim_add(
                article=data["article"],
                actor=request.user,
                content=_span_edit(data, "content") or services.SpanEdit(None, None),
                speaker=data.get("speaker"),
                speaker_span=_span_edit(data, "speaker_mention"),
                cue=_span_edit(data, "cue"),
                kind=data["kind"],
            )
        except services.ClaimExists as exc:
            etag = claim_etag(exc.existing.pk, exc.existing.version)
            raise Conflict(
                f"Claim {exc.existing.pk} already has this statement span; nothing was added.",
                current={"id": exc.existing.pk, "version": exc.existing.version, "etag": etag},
            ) from None
        row = claim_row_get(pk=claim.pk)
        headers = {"ETag": claim_etag(claim.pk, claim.version), "Location": f"/api/v1/claims/{claim.pk}/"}
        return Response(row, status=status.HTTP_201_CREATED, headers=headers)


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


def _iso(value: Any) -> str:
    return value.isoformat() if value is not None else ""


def _csv_row(v: Row) -> list[Any]:
    """One ``claim_row_values`` dict as a spreadsheet row (the spans as flat columns)."""
    has_speaker = v["speaker_id"] is not None
    values = [
        v["id"], v["article_id"], v["article__title"], v["article__url"] or "", v["article__outlet"],
        _iso(v["article__published_at"]), v["speaker_id"] if has_speaker else "",
        v["speaker__name"] if has_speaker else v["speaker_name"], v["speaker__kind"] if has_speaker else "",
        v["speaker_text"], v["speaker_start"], v["speaker_end"], v["cue_text"], v["cue_start"], v["cue_end"],
        v["content_text"], v["content_start"], v["content_end"], v["kind"], "; ".join(v["via"] or []),
        v["confidence"], v["engine_version"], v["attribution_status"], v["rating"], v["rating_explanation"],
        v["reviewed_by_name"] or "", _iso(v["reviewed_at"]),
        v["note_count"], v["evidence_count"], _iso(v["updated_at"]), v["version"],
    ]  # fmt: skip
    return [_cell(value) for value in values]


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_stream(rows: Iterable[Row]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(_CSV_COLUMNS)  # the BOM makes Excel read UTF-8
    for values in rows:
        yield writer.writerow(_csv_row(values))


class ClaimExportView(ApiView[Claim]):
    filterset_class = ClaimFilter
    pagination_class = None
    ordering_map = CLAIM_ORDERINGS
    default_ordering = "-updated_at"

    def get_queryset(self) -> QuerySet[Claim]:
        return claim_rows()

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
        ordering = KeysetPagination.ordering(request, self)
        field = CLAIM_ORDERINGS[ordering.lstrip("-")]
        sign = "-" if ordering.startswith("-") else ""
        rows = claim_row_values(self.filter_queryset(self.get_queryset()).order_by(f"{sign}{field}", f"{sign}pk"))
        response = StreamingHttpResponse(_csv_stream(rows.iterator(chunk_size=2000)), content_type="text/csv")
        response["Content-Disposition"] = 'attachment; filename="claims.csv"'
        return response


def claim_etag(pk: int, version: int) -> str:
    return f'"{pk}-{version}"'


def _expected_version(request: Request, claim: Claim) -> int:
    header = request.headers.get("If-Match", "").strip()
    if not header:
        raise PreconditionRequired()
    for tag in (t.strip() for t in header.split(",")):
        if tag == "*":
            raise PreconditionRequired("If-Match: * is not accepted here; send the claim's ETag.")
        if tag.removeprefix("W/") == claim_etag(claim.pk, claim.version):
            return claim.version
    raise _stale(claim)


def _stale(claim: Claim) -> PreconditionFailed:
    etag = claim_etag(claim.pk, claim.version)
    return PreconditionFailed(current={"version": claim.version, "etag": etag}, etag=etag)


def _span_edit(data: dict[str, Any], key: str) -> services.SpanEdit | None:
    if key not in data:
        return None
    value = data[key]
    return services.SpanEdit(None, None) if value is None else services.SpanEdit(value["start"], value["end"])


class ClaimDetailView(ApiView[Claim]):
    serializer_class = s.ClaimDetailSerializer

    def _respond(self, pk: int) -> Response:
        try:
            row = claim_row_get(pk=pk)
        except Claim.DoesNotExist:
            raise NotFound(f"Claim {pk} does not exist.") from None
        data = {
            **row,
            "notes": s.NoteSerializer(claim_notes(claim_id=pk), many=True).data,
            "evidence": s.EvidenceSerializer(claim_evidence(claim_id=pk), many=True).data,
            "history": s.ClaimEventSerializer(claim_history(claim_id=pk), many=True).data,
        }
        return Response(data, headers={"ETag": claim_etag(pk, row["version"])})

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
                content=_span_edit(data, "content"),
                speaker_span=_span_edit(data, "speaker_mention"),
                cue=_span_edit(data, "cue"),
            )
        except services.ClaimConflict as exc:
            raise _stale(exc.current) from None
        return self._respond(pk)


def _claim_and_input(pk: int, form: s.StrictSerializer) -> tuple[Claim, dict[str, Any]]:
    """The claim a note or evidence is added to (404 first), then the body's fields (400)."""
    claim = object_or_404(Claim.objects.all(), pk, "Claim")
    form.is_valid(raise_exception=True)
    return claim, dict(form.validated_data)


class ClaimNoteCreateView(ApiView[Note]):
    serializer_class = s.NoteSerializer

    @extend_schema(request=s.NoteCreateSerializer, responses={201: s.NoteSerializer})
    def post(self, request: Request, pk: int) -> Response:
        claim, data = _claim_and_input(pk, s.NoteCreateSerializer(data=request.data))
        note = services.claim_add_note(claim=claim, author=request.user, body=data["body"])
        return Response(s.NoteSerializer(note).data, status=status.HTTP_201_CREATED)


class ClaimEvidenceCreateView(ApiView[Evidence]):
    serializer_class = s.EvidenceSerializer

    @extend_schema(request=s.EvidenceCreateSerializer, responses={201: s.EvidenceSerializer})
    def post(self, request: Request, pk: int) -> Response:
        claim, data = _claim_and_input(pk, s.EvidenceCreateSerializer(data=request.data))
        evidence = services.claim_add_evidence(claim=claim, added_by=request.user, **data)
        return Response(s.EvidenceSerializer(evidence).data, status=status.HTTP_201_CREATED)


class ClaimReviewView(ApiView[Claim]):
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
