from __future__ import annotations

from typing import Any

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.db.models import Model
from django.utils.decorators import method_decorator
from drf_spectacular.utils import extend_schema, inline_serializer
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from newsclaims.api.views.base import ApiView


class HealthView(ApiView[Model]):
    """Liveness: answers without touching the database (also the latency baseline in bench/api.py)."""

    permission_classes = [AllowAny]
    throttle_classes = []
    authentication_classes = []

    @extend_schema(responses=inline_serializer("Health", {"status": serializers.CharField()}))
    def get(self, request: Request) -> Response:
        return Response({"status": "ok"})


class DocsView(SpectacularSwaggerSplitView):
    """Swagger UI from the sidecar package; its init script is a separate file, so CSP needs no inline script."""

    # OPTIONS would try to render DRF metadata through the HTML template and fail.
    http_method_names = ["get", "head"]

    # Swagger UI styles its widgets inline; scripts stay restricted to our own files.
    @method_decorator(csp_update({"style-src": [UNSAFE_INLINE]}))
    @extend_schema(exclude=True)
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        response: Response = super().get(request, *args, **kwargs)  # type: ignore[no-untyped-call]
        return response


class SchemaView(SpectacularAPIView):
    """The OpenAPI document; its errors (a 429 above all) in the API's JSON error shape, not as YAML."""

    def handle_exception(self, exc: Exception) -> Response:
        request = self.request
        request.accepted_renderer = JSONRenderer()
        request.accepted_media_type = JSONRenderer.media_type
        response: Response = super().handle_exception(exc)
        return response
