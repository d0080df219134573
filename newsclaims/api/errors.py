"""One error shape for the whole API (``newsclaims.errors.error_body``): exceptions become it here."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.http import Http404, HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from newsclaims.errors import error_body


class PreconditionRequired(exceptions.APIException):
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_detail = "This change needs an If-Match header with the claim's current ETag (GET the claim first)."
    default_code = "precondition_required"


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "The claim changed since you loaded it; nothing was changed. Reload it and apply your edit again."
    default_code = "precondition_failed"

    def __init__(self, detail: Any = None, *, current: dict[str, Any] | None = None, etag: str = "") -> None:
        super().__init__(detail)
        self.current = current
        self.etag = etag


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is too large."
    default_code = "payload_too_large"


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The request conflicts with data stored meanwhile; nothing was changed. Try again."
    default_code = "conflict"

    def __init__(self, detail: Any = None, *, current: dict[str, Any] | None = None) -> None:
        super().__init__(detail)
        self.current = current


def _translate(exc: Exception) -> Exception:
    """Django and database exceptions that reach a view become the matching API exception."""
    if isinstance(exc, RequestDataTooBig):
        return PayloadTooLarge()
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            return exceptions.ValidationError(exc.message_dict)
        return exceptions.ValidationError({"non_field_errors": exc.messages})
    if isinstance(exc, (ObjectDoesNotExist, Http404)):
        return exceptions.NotFound()
    if isinstance(exc, PermissionDenied):
        return exceptions.PermissionDenied()
    if isinstance(exc, IntegrityError):
        return Conflict()
    return exc


def _message(exc: exceptions.APIException, detail: Any) -> str:
    if isinstance(exc, exceptions.ValidationError):
        return "The request has invalid fields; see detail."
    if isinstance(detail, str):
        return detail
    return str(exc.default_detail)


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    exc = _translate(exc)
    response = drf_exception_handler(exc, context)
    if response is None or not isinstance(exc, exceptions.APIException):
        return response  # a real bug: let Django log it and answer 500
    set_rollback()
    detail = exc.detail
    codes = exc.get_codes()
    code = codes if isinstance(codes, str) else exc.default_code
    field_errors = detail if isinstance(exc, exceptions.ValidationError) else None
    if isinstance(field_errors, list):
        field_errors = {"non_field_errors": field_errors}
    if etag := getattr(exc, "etag", ""):
        response["ETag"] = etag
    extra = getattr(exc, "current", None)
    response.data = error_body(
        response.status_code,
        str(code),
        _message(exc, detail),
        field_errors if field_errors is not None else ({"current": extra} if extra else None),
    )
    return response


@csrf_exempt
def not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
    """Unknown addresses under /api/v1/ answer in the API's error shape, not Django's HTML page."""
    body = error_body(404, "not_found", f"No API endpoint at {request.path}. See /api/docs/ for the list.")
    return JsonResponse(body, status=404)
