"""What every API view shares: JSON in and out, body size limit, throttles, error-documenting schema."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model, QuerySet
from rest_framework import generics
from rest_framework.exceptions import NotFound
from rest_framework.pagination import BasePagination
from rest_framework.parsers import BaseParser
from rest_framework.permissions import BasePermission
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.schemas.inspectors import ViewInspector
from rest_framework.throttling import BaseThrottle

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

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        check_content_length(request.META)


def object_or_404(queryset: QuerySet[M], pk: int, label: str) -> M:
    try:
        return queryset.get(pk=pk)
    except ObjectDoesNotExist:
        raise NotFound(f"{label} {pk} does not exist.") from None
