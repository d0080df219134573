"""What every API view shares: JSON in and out, body size limit, throttles, error-documenting schema."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, ClassVar, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Model, QuerySet
from rest_framework import generics
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.mixins import ListModelMixin
from rest_framework.pagination import BasePagination
from rest_framework.parsers import BaseParser
from rest_framework.permissions import BasePermission
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.schemas.inspectors import ViewInspector
from rest_framework.throttling import BaseThrottle

from newsclaims.api.conditional import not_modified, representation_etag
from newsclaims.api.filtering import LeanFilterBackend
from newsclaims.api.pagination import KeysetPagination
from newsclaims.api.parsers import BoundedJSONParser, check_content_length
from newsclaims.api.permissions import ReadAuthenticatedWriteEditor
from newsclaims.api.schema import ApiAutoSchema
from newsclaims.api.throttling import AnonThrottle, UserThrottle

M = TypeVar("M", bound=Model)


class ApiView(generics.GenericAPIView[M]):
    parser_classes: Sequence[type[BaseParser]] = [BoundedJSONParser]
    renderer_classes: Sequence[type[BaseRenderer]] = [JSONRenderer]
    throttle_classes: Sequence[type[BaseThrottle]] = [AnonThrottle, UserThrottle]
    permission_classes: Sequence[type[BasePermission]] = [ReadAuthenticatedWriteEditor]
    filter_backends = [LeanFilterBackend]
    pagination_class: type[BasePagination] | None = KeysetPagination
    schema: ViewInspector | None = ApiAutoSchema()
    # Keyset orderings (api/pagination.py): the query string's name for each, and the column it sorts by.
    ordering_map: ClassVar[dict[str, str]] = {}
    default_ordering: ClassVar[str] = ""
    # Query parameters a view reads itself (not through its filterset or the pagination): allowed on GET.
    extra_query_parameters: ClassVar[frozenset[str]] = frozenset()

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        check_content_length(request.META)
        if request.method in ("GET", "HEAD"):
            check_query_parameters(request, self)

    def finalize_response(self, request: Request, response: Any, *args: Any, **kwargs: Any) -> Any:
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method in ("GET", "HEAD") and isinstance(response, Response) and response.status_code == 200:
            if response.data is not None and not response.has_header("ETag"):
                response["ETag"] = representation_etag(response.data)
            if response.has_header("ETag") and not_modified(request, response["ETag"]):
                response.status_code = 304
                response.data = None
        return response

    def allowed_query_parameters(self) -> set[str]:
        """What a GET may put in its query string; anything else is a 400 that lists these."""
        allowed = {"format", *self.extra_query_parameters}
        filterset_class = getattr(self, "filterset_class", None)
        if filterset_class is not None:
            allowed |= set(filterset_class.base_filters)
        if self.ordering_map:
            allowed.add("ordering")
        if self.pagination_class is not None and isinstance(self, ListModelMixin):
            allowed |= {"cursor", "page_size"}
        return allowed


def check_query_parameters(request: Request, view: ApiView[Any]) -> None:
    allowed = view.allowed_query_parameters()
    unknown = sorted(set(request.query_params) - allowed)
    if unknown:
        listing = ", ".join(sorted(allowed - {"format"})) or "none"
        raise ValidationError(
            {name[:60]: [f"Unknown query parameter. Allowed here: {listing}."] for name in unknown[:20]}
        )


def object_or_404(queryset: QuerySet[M], pk: int, label: str) -> M:
    try:
        return queryset.get(pk=pk)
    except ObjectDoesNotExist:
        raise NotFound(f"{label} {pk} does not exist.") from None


@contextmanager
def refusal_reported_on(field: str) -> Iterator[None]:
    """A service's refusal, reported on the request field it is about (the services check; views do not)."""
    try:
        yield
    except DjangoValidationError as exc:
        raise ValidationError({field: exc.messages}) from None
