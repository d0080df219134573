"""OpenAPI: every operation documents the error statuses it can answer, all in the one error shape."""

from __future__ import annotations

from typing import Any

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers


class ErrorBodySerializer(serializers.Serializer[Any]):
    status = serializers.IntegerField()
    code = serializers.CharField()
    message = serializers.CharField(help_text="A sentence for people.")
    detail = serializers.JSONField(allow_null=True, help_text="Field errors (400) or the current state (412).")


class ErrorSerializer(serializers.Serializer[Any]):
    error = ErrorBodySerializer()


ERRORS = {
    "400": "Invalid input; `detail` names the fields.",
    "401": "No or invalid credentials: send `Authorization: Token …` or sign in.",
    "403": "Signed in, but your role may not do this.",
    "404": "No such object.",
    "406": "The Accept header asks for a format this endpoint does not produce.",
    "409": "Conflicts with data stored meanwhile.",
    "412": "If-Match names an older version: nothing was changed.",
    "413": "Request body too large.",
    "415": "Send JSON (Content-Type: application/json).",
    "428": "If-Match header missing.",
    "429": "Too many requests; see Retry-After.",
}
_ALWAYS = ("400", "401", "403", "404", "406", "429")
_WRITES = ("409", "413", "415")


class ApiAutoSchema(AutoSchema):
    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        responses = super()._get_response_bodies(direction)
        codes = list(_ALWAYS)
        if self.method in ("POST", "PUT", "PATCH"):
            codes += _WRITES
        if self.method == "PATCH":
            codes += ["412", "428"]
        for code in codes:
            if code not in responses:
                response = OpenApiResponse(ErrorSerializer, description=ERRORS[code])
                # drf-spectacular's own helper (untyped): the error body documented like any other response.
                responses[code] = self._get_response_for_code(  # type: ignore[no-untyped-call]
                    response, code, direction=direction
                )
        return responses


# Fields kept for one version under their old names: marked deprecated, with what replaces them.
DEPRECATED: dict[str, dict[str, str]] = {}


def postprocess(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    """drf-spectacular hook: deprecated fields marked."""
    schemas = result.get("components", {}).get("schemas", {})
    for component, fields in DEPRECATED.items():
        properties = schemas.get(component, {}).get("properties", {})
        for name in fields:
            if name in properties:
                properties[name]["deprecated"] = True
    return result
