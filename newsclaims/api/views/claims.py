"""Claims: list (cursor-paged, filtered, searchable), CSV export, detail, review, notes, evidence, ClaimReview."""

from __future__ import annotations

import csv
import itertools
from collections.abc import Iterable, Iterator, Sequence
from types import SimpleNamespace
from typing import Any

from django.db import connection
from django.db.models import F, QuerySet
from django.http import StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from newsclaims.api import serializers as s
from newsclaims.api.claimreview import (
    CLAIMREVIEW_EXTRA_COLUMNS,
    JSONLD,
    EmbeddableJSONRenderer,
    JSONLDRenderer,
    claimreview_jsonld,
    claimreview_published,
    claimreview_sql,
    claimreview_sql_stream,
    claimreview_stream,
    is_published,
)
from newsclaims.api.conditional import representation_etag, require_match
from newsclaims.api.errors import Conflict, PreconditionFailed
from newsclaims.api.export import csv_copy_stream, keyset_chunks
from newsclaims.api.filters import ApiClaimFilter
from newsclaims.api.links import factcheck_url, site_root
from newsclaims.api.pagination import KeysetPagination
from newsclaims.api.rows import api_claim_rows
from newsclaims.api.views.base import ApiView, object_or_404
from newsclaims.claims import services
from newsclaims.claims.models import Claim, Evidence, Note
from newsclaims.claims.search import RANK_FIELD, claim_search_rows
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
# With q=, the list is ordered by how well each claim matches (the default then); see claims.search.
LIST_ORDERINGS = {**CLAIM_ORDERINGS, "relevance": RANK_FIELD}
ETAG_HELP = (
    "The ETag is a digest of the claim's representation (row, notes, evidence, history): it changes with any of "
    "them. Send it back in If-Match (strong comparison: a weak W/ tag never matches): without one the answer is "
    "428, with an older one 412, and nothing changes. If-None-Match with the current ETag answers 304. "
    'Deprecated: the previous version\'s validator `"<id>-<version>"` is still accepted in If-Match.'
)


def _search_words(request: Request) -> str:
    return str(request.query_params.get("q", "")).strip()


class SearchKeysetPagination(KeysetPagination):
    """The claim list's pages: with q= and no ordering asked for, best match first."""

    @classmethod
    def ordering(cls, request: Request, view: Any) -> str:
        if not request.query_params.get("ordering") and _search_words(request):
            return "-relevance"
        return super().ordering(request, view)


class ClaimListView(ApiView[Claim], generics.ListAPIView[Claim]):
    """Claims, newest change first by default, best match first with `q`. `ordering=updated_at` with
    `updated_after` is a changes feed."""

    serializer_class = s.ClaimSerializer
    filterset_class = ApiClaimFilter
    pagination_class = SearchKeysetPagination
    ordering_map = LIST_ORDERINGS
    default_ordering = "-updated_at"

    def get_queryset(self) -> QuerySet[Claim]:
        return claim_rows()

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        # The read model's rows (selectors.claim_row): no model instances, no serializer per page.
        words = _search_words(request)
        # With q= the filters run on bare claims: they become the search's candidate query (claims.search).
        queryset = self.filter_queryset(Claim.objects.all() if words else self.get_queryset())
        # Filter errors are reported before ordering errors.
        ordering = SearchKeysetPagination.ordering(request, self)
        ranked = ordering.lstrip("-") == "relevance"
        if words:
            queryset = claim_search_rows(self.get_queryset(), queryset, query=words, ranked=ranked)
        elif ranked:
            raise ValidationError({"ordering": ["Ordering by relevance needs a search (q)."]})
        page = self.paginate_queryset(claim_row_values(queryset, LIST_ORDERINGS[ordering.lstrip("-")]))
        return self.get_paginated_response(api_claim_rows((claim_row(values) for values in page or []), request))

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
            etag = representation_etag(claim_detail_data(request, exc.existing.pk))
            raise Conflict(
                f"Claim {exc.existing.pk} already has this statement span; nothing was added.",
                current={"id": exc.existing.pk, "version": exc.existing.version, "etag": etag},
            ) from None
        row = api_claim_rows([claim_row_get(pk=claim.pk)], request)[0]
        etag = representation_etag(claim_detail_data(request, claim.pk))
        headers = {"ETag": etag, "Location": row["url"]}
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


# PostgreSQL writes the CSV itself (COPY ... TO STDOUT): the same cells as _csv_row, with no Python per row, which
# is what makes a million rows take seconds rather than minutes. Related columns get their own names so the
# outer SELECT can name every column of the inner one.
_COPY_RELATED = {
    "x_title": "article__title",
    "x_url": "article__url",
    "x_outlet": "article__outlet",
    "x_published": "article__published_at",
    "x_speaker": "speaker__name",
    "x_speaker_kind": "speaker__kind",
}


def _sql_cell(expression: str) -> str:
    # As _cell: a leading formula character gets a quote; an empty text is written like a missing one.
    return (
        f"CASE WHEN left({expression}, 1) IN ('=', '+', '-', '@', chr(9), chr(13)) THEN chr(39) || {expression} "
        f"ELSE NULLIF({expression}, '') END"
    )


def _sql_iso(column: str) -> str:
    # As datetime.isoformat() in UTC: microseconds only when there are any.
    utc = f"({column} AT TIME ZONE 'UTC')"
    return (
        f"CASE WHEN {column} IS NULL THEN NULL WHEN date_part('microseconds', {column})::bigint %% 1000000 = 0 "
        f'THEN to_char({utc}, \'YYYY-MM-DD"T"HH24:MI:SS"+00:00"\') '
        f'ELSE to_char({utc}, \'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"\') END'
    )


_COPY_COLUMNS = [
    "s.id", "s.article_id", _sql_cell("s.x_title"), _sql_cell("s.x_url"), _sql_cell("s.x_outlet"),
    _sql_iso("s.x_published"), "s.speaker_id",
    _sql_cell("CASE WHEN s.speaker_id IS NULL THEN s.speaker_name ELSE s.x_speaker END"),
    _sql_cell("CASE WHEN s.speaker_id IS NULL THEN '' ELSE s.x_speaker_kind END"),
    _sql_cell("s.speaker_text"), "s.speaker_start", "s.speaker_end", _sql_cell("s.cue_text"), "s.cue_start",
    "s.cue_end", _sql_cell("s.content_text"), "s.content_start", "s.content_end", _sql_cell("s.kind"),
    _sql_cell(
        "CASE WHEN jsonb_typeof(s.via) = 'array' THEN "
        "array_to_string(ARRAY(SELECT jsonb_array_elements_text(s.via)), '; ') ELSE '' END"
    ),
    "s.confidence", _sql_cell("s.engine_version"), _sql_cell("s.attribution_status"), _sql_cell("s.rating"),
    _sql_cell("s.rating_explanation"), _sql_cell("s.reviewed_by_name"), _sql_iso("s.reviewed_at"),
    "s.note_count", "s.evidence_count", _sql_iso("s.updated_at"), "s.version",
]  # fmt: skip
_COPY_INNER = [
    *("id", "article_id", *_COPY_RELATED, "speaker_id", "speaker_name", "speaker_text", "speaker_start"),
    *("speaker_end", "cue_text", "cue_start", "cue_end", "content_text", "content_start", "content_end", "kind"),
    *("via", "confidence", "engine_version", "attribution_status", "rating", "rating_explanation"),
    *("reviewed_by_name", "reviewed_at", "note_count", "evidence_count", "updated_at", "version"),
]


def _csv_copy_sql(queryset: QuerySet[Claim]) -> tuple[str, Sequence[Any]]:
    inner = queryset.annotate(**{name: F(path) for name, path in _COPY_RELATED.items()}).values(*_COPY_INNER)
    sql, params = inner.query.sql_with_params()
    return f"SELECT {', '.join(_COPY_COLUMNS)} FROM ({sql}) s", params  # noqa: S608 - constants around Django's SQL


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_stream(rows: Iterable[Row], per_write: int = 500) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(_CSV_COLUMNS)  # the BOM makes Excel read UTF-8
    # Rows go out a few hundred at a time: a million one-line writes cost more than the rows themselves.
    buffer: list[str] = []
    for values in rows:
        buffer.append(writer.writerow(_csv_row(values)))
        if len(buffer) >= per_write:
            yield "".join(buffer)
            buffer.clear()
    if buffer:
        yield "".join(buffer)


# Orderings whose column has an index: exported in keyset chunks (api/export.py); the others by one cursor.
_INDEXED_ORDERINGS = {"updated_at", "confidence"}


def _export_rows(view: ApiView[Claim], request: Request, *extra: str) -> Iterator[Row]:
    """The filtered claims as row dicts, in the requested ordering, chunk by chunk (constant memory)."""
    ordering = KeysetPagination.ordering(request, view)
    name = ordering.lstrip("-")
    field = CLAIM_ORDERINGS[name]
    rows = claim_row_values(view.filter_queryset(view.get_queryset()), field, *extra)
    return keyset_chunks(rows, field=field, descending=ordering.startswith("-"), indexed=name in _INDEXED_ORDERINGS)


def _export_queryset(view: ApiView[Claim], request: Request) -> QuerySet[Claim]:
    """The view's claims, filtered and in the requested ordering: what PostgreSQL's exports write out."""
    ordering = KeysetPagination.ordering(request, view)
    field = CLAIM_ORDERINGS[ordering.lstrip("-")]
    sign = "-" if ordering.startswith("-") else ""
    return view.filter_queryset(view.get_queryset()).order_by(f"{sign}{field}", f"{sign}pk")


_EXPORT_ORDERINGS = KeysetPagination.ordering_choices(SimpleNamespace(ordering_map=CLAIM_ORDERINGS))
_EXPORT_PARAMETERS = [OpenApiParameter("ordering", str, enum=_EXPORT_ORDERINGS, description="Sort order.")]


class _ClaimExportBase(ApiView[Claim]):
    """An export: every claim matching the list filters in one streamed body, in a list ordering."""

    filterset_class = ApiClaimFilter
    pagination_class = None
    ordering_map = CLAIM_ORDERINGS
    default_ordering = "-updated_at"

    def get_queryset(self) -> QuerySet[Claim]:
        return claim_rows()

    def perform_content_negotiation(self, request: Request, force: bool = False) -> Any:
        # The body is the export's format whatever the Accept header says; errors stay JSON.
        return super().perform_content_negotiation(request, force=True)


class ClaimExportView(_ClaimExportBase):
    @extend_schema(
        summary="All claims matching the list filters, as CSV (streamed)",
        responses={(200, "text/csv"): OpenApiTypes.STR},
        parameters=_EXPORT_PARAMETERS,
    )
    def get(self, request: Request) -> StreamingHttpResponse:
        stream: Iterator[str | bytes]
        if connection.vendor == "postgresql":
            queryset = _export_queryset(self, request)
            stream = csv_copy_stream(_csv_copy_sql(queryset), header="\ufeff" + ",".join(_CSV_COLUMNS) + "\n")
        else:
            rows = _export_rows(self, request)
            # The first chunk is read now, so a database error is a 500 here rather than a truncated download.
            first = next(rows, None)
            stream = _csv_stream(itertools.chain([first], rows) if first is not None else iter(()))
        response = StreamingHttpResponse(stream, content_type="text/csv")
        response["Content-Disposition"] = 'attachment; filename="claims.csv"'
        return response


class ClaimReviewExportView(_ClaimExportBase):
    """Every published ClaimReview matching the list filters, as one JSON-LD document (streamed)."""

    renderer_classes = [JSONLDRenderer, EmbeddableJSONRenderer]

    def get_queryset(self) -> QuerySet[Claim]:
        return super().get_queryset().filter(claimreview_published())

    @extend_schema(
        summary="Published ClaimReviews matching the list filters, as a JSON-LD @graph (streamed)",
        responses={(200, "application/ld+json"): OpenApiTypes.OBJECT},
        parameters=_EXPORT_PARAMETERS,
    )
    def get(self, request: Request) -> StreamingHttpResponse:
        # Each review's url is its public fact-check page, as in the single ClaimReview.
        page_url = factcheck_url(site_root(request), 0).replace("/0/", "/{}/")
        if connection.vendor == "postgresql":
            # Not started here, as the CSV's COPY is not: from its first row to its end a COPY holds the
            # connection (psycopg's lock), so a response left unread would block every later query on it. The
            # stream reads its first rows before its first byte: an error in the query comes before any output.
            stream = claimreview_sql_stream(claimreview_sql(_export_queryset(self, request), claim_url=page_url))
        else:
            rows = _export_rows(self, request, *CLAIMREVIEW_EXTRA_COLUMNS)
            stream = claimreview_stream(rows, claim_url=page_url)
        response = StreamingHttpResponse(stream, content_type=JSONLD)
        response["Content-Disposition"] = 'attachment; filename="claimreviews.jsonld"'
        return response


def _stale(claim: Claim, etag: str) -> PreconditionFailed:
    return PreconditionFailed(current={"version": claim.version, "etag": etag}, etag=etag)


def _span_edit(data: dict[str, Any], key: str) -> services.SpanEdit | None:
    if key not in data:
        return None
    value = data[key]
    return services.SpanEdit(None, None) if value is None else services.SpanEdit(value["start"], value["end"])


def claim_detail_data(request: Request, pk: int) -> dict[str, Any]:
    """The claim's row with its notes, evidence and history: what GET answers and its ETag digests."""
    try:
        row = claim_row_get(pk=pk)
    except Claim.DoesNotExist:
        raise NotFound(f"Claim {pk} does not exist.") from None
    context = {"request": request}
    return {
        **api_claim_rows([row], request)[0],
        "notes": s.NoteSerializer(claim_notes(claim_id=pk), many=True, context=context).data,
        "evidence": s.EvidenceSerializer(claim_evidence(claim_id=pk), many=True, context=context).data,
        "history": s.ClaimEventSerializer(claim_history(claim_id=pk), many=True, context=context).data,
    }


class ClaimDetailView(ApiView[Claim]):
    serializer_class = s.ClaimDetailSerializer

    def _respond(self, request: Request, pk: int) -> Response:
        data = claim_detail_data(request, pk)
        return Response(data, headers={"ETag": representation_etag(data)})

    @extend_schema(description=ETAG_HELP)
    def get(self, request: Request, pk: int) -> Response:
        return self._respond(request, pk)

    @extend_schema(
        request=s.ClaimReviewSerializer,
        description="Review fields and span corrections; every change is a history row with you as actor. " + ETAG_HELP,
        parameters=[
            OpenApiParameter(
                "If-Match",
                str,
                OpenApiParameter.HEADER,
                required=True,
                description="The claim's current ETag (strong).",
            )
        ],
    )
    def patch(self, request: Request, pk: int) -> Response:
        claim = object_or_404(Claim.objects.only("pk", "version"), pk, "Claim")
        etag = representation_etag(claim_detail_data(request, pk))
        legacy = f'"{claim.pk}-{claim.version}"'
        require_match(request, etag, current={"version": claim.version, "etag": etag}, legacy=legacy)
        form = s.ClaimReviewSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        try:
            services.claim_review(
                claim=claim,
                actor=request.user,
                expected_version=claim.version,
                attribution_status=data.get("attribution_status"),
                rating=data.get("rating"),
                rating_explanation=data.get("rating_explanation"),
                speaker=data.get("speaker"),
                content=_span_edit(data, "content"),
                speaker_span=_span_edit(data, "speaker_mention"),
                cue=_span_edit(data, "cue"),
            )
        except services.ClaimConflict as exc:
            raise _stale(exc.current, representation_etag(claim_detail_data(request, pk))) from None
        return self._respond(request, pk)


def _claim_and_input(pk: int, form: s.StrictSerializer) -> tuple[Claim, dict[str, Any]]:
    """The claim a note or evidence is added to (404 first), then the body's fields (400)."""
    claim = object_or_404(Claim.objects.all(), pk, "Claim")
    form.is_valid(raise_exception=True)
    return claim, dict(form.validated_data)


class ClaimNoteCreateView(ApiView[Note]):
    queryset = Note.objects.none()  # for the schema: the path's ids are the model's
    serializer_class = s.NoteSerializer
    pagination_class = None

    @extend_schema(summary="A claim's notes, oldest first", responses={200: s.NoteSerializer(many=True)})
    def get(self, request: Request, pk: int) -> Response:
        object_or_404(Claim.objects.all(), pk, "Claim")
        return Response(self.get_serializer(claim_notes(claim_id=pk), many=True).data)

    @extend_schema(summary="Add a note to a claim", request=s.NoteCreateSerializer, responses={201: s.NoteSerializer})
    def post(self, request: Request, pk: int) -> Response:
        claim, data = _claim_and_input(pk, s.NoteCreateSerializer(data=request.data))
        note = services.claim_add_note(claim=claim, author=request.user, body=data["body"])
        body = self.get_serializer(note).data
        return Response(body, status=status.HTTP_201_CREATED, headers={"Location": body["url"]})


class ClaimNoteDetailView(ApiView[Note]):
    queryset = Note.objects.none()  # for the schema: the path's ids are the model's
    serializer_class = s.NoteSerializer

    @extend_schema(summary="One note")
    def get(self, request: Request, pk: int, note_id: int) -> Response:
        note = object_or_404(claim_notes(claim_id=pk), note_id, "Note")
        return Response(self.get_serializer(note).data)


class ClaimEvidenceCreateView(ApiView[Evidence]):
    queryset = Evidence.objects.none()  # for the schema: the path's ids are the model's
    serializer_class = s.EvidenceSerializer
    pagination_class = None

    @extend_schema(summary="A claim's evidence, oldest first", responses={200: s.EvidenceSerializer(many=True)})
    def get(self, request: Request, pk: int) -> Response:
        object_or_404(Claim.objects.all(), pk, "Claim")
        return Response(self.get_serializer(claim_evidence(claim_id=pk), many=True).data)

    @extend_schema(
        summary="Add evidence to a claim", request=s.EvidenceCreateSerializer, responses={201: s.EvidenceSerializer}
    )
    def post(self, request: Request, pk: int) -> Response:
        claim, data = _claim_and_input(pk, s.EvidenceCreateSerializer(data=request.data))
        evidence = services.claim_add_evidence(claim=claim, added_by=request.user, **data)
        body = self.get_serializer(evidence).data
        return Response(body, status=status.HTTP_201_CREATED, headers={"Location": body["api_url"]})


class ClaimEvidenceDetailView(ApiView[Evidence]):
    queryset = Evidence.objects.none()  # for the schema: the path's ids are the model's
    serializer_class = s.EvidenceSerializer

    @extend_schema(summary="One piece of evidence")
    def get(self, request: Request, pk: int, evidence_id: int) -> Response:
        evidence = object_or_404(claim_evidence(claim_id=pk), evidence_id, "Evidence")
        return Response(self.get_serializer(evidence).data)


class ClaimReviewView(ApiView[Claim]):
    renderer_classes = [JSONLDRenderer, EmbeddableJSONRenderer]

    @extend_schema(
        summary="schema.org ClaimReview (JSON-LD) of a published fact-check",
        description="A claim is published once its attribution is confirmed and it has a verdict; 404 before. "
        "The JSON-LD's `url` is the public page /fact-checks/<id>/; <, > and & are escaped for embedding.",
        responses={200: OpenApiResponse({"type": "object", "additionalProperties": True})},
    )
    def get(self, request: Request, pk: int) -> Response:
        claim = object_or_404(Claim.objects.select_related("article", "speaker"), pk, "Claim")
        if not is_published(claim):
            raise NotFound(
                f"Claim {pk} is not published: its attribution must be confirmed and it must have a verdict."
            )
        return Response(claimreview_jsonld(claim, url=factcheck_url(site_root(request), claim.pk)))
