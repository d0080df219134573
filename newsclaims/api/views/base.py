"""What every API view shares: JSON in and out, body size limit, throttles, error-documenting schema."""

from __future__ import annotations

from typing import Any

from rest_framework.exceptions import NotFound
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request

from newsclaims.api.filtering import LeanFilterBackend
from newsclaims.api.pagination import KeysetPagination
from newsclaims.api.parsers import BoundedJSONParser, check_content_length
from newsclaims.api.permissions import ReadAuthenticatedWriteEditor
from newsclaims.api.schema import ApiAutoSchema
from newsclaims.api.throttling import AnonThrottle, UserThrottle


class ApiMixin:
    parser_classes = [BoundedJSONParser]
    renderer_classes = [JSONRenderer]
    throttle_classes = [AnonThrottle, UserThrottle]
    permission_classes = [ReadAuthenticatedWriteEditor]
    filter_backends = [LeanFilterBackend]
    pagination_class = KeysetPagination
    schema = ApiAutoSchema()

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)  # type: ignore[misc]
        check_content_length(request.META)


def object_or_404(queryset: Any, pk: int, label: str) -> Any:
    try:
        return queryset.get(pk=pk)
    except queryset.model.DoesNotExist:
        raise NotFound(f"{label} {pk} does not exist.") from None
