"""OpenAPI: every operation documents the error statuses it can answer, all in the one error shape."""

from __future__ import annotations

import re
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


class _ErrorsSchema(AutoSchema):
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


# --- tags and operation ids -----------------------------------------------------------------

_TAGS = {"notes": "notes", "evidence": "evidence", "claimreview": "fact-checks", "merge": "speakers"}


def _resource(path: str) -> list[str]:
    return [part for part in path.removeprefix("/api/v1/").split("/") if part and not part.startswith("{")]


class ApiAutoSchema(_ErrorsSchema):
    def get_tags(self) -> list[str]:
        parts = _resource(self.path)
        for part in reversed(parts[1:]):
            if part in _TAGS:
                return [_TAGS[part]]
        return [parts[0] if parts else "api"]

    def get_operation_id(self) -> str:
        # "v1_claims_export.csv_retrieve" -> "claims_export_csv_retrieve": names a generated client can use.
        operation_id: str = super().get_operation_id()
        return re.sub(r"[^A-Za-z0-9_]+", "_", operation_id.removeprefix("v1_"))


# --- what the postprocessing hook adds -------------------------------------------------------

# Fields kept for one version under their old names: marked deprecated (their descriptions say what replaces them).
DEPRECATED: dict[str, set[str]] = {
    "Claim": {"speaker_name"},
    "ClaimDetail": {"speaker_name"},
    "ArticleRef": {"url"},
    "Article": {"url"},
    "ArticleDetail": {"url"},
    "Note": {"author"},
    "Evidence": {"url"},
    "ClaimEvent": {"actor", "at"},
}

HEADERS: dict[str, dict[str, Any]] = {
    "X-RateLimit-Limit": {"description": "Requests allowed per window for this caller.", "schema": {"type": "integer"}},
    "X-RateLimit-Remaining": {"description": "Requests left in the current window.", "schema": {"type": "integer"}},
    "X-RateLimit-Reset": {
        "description": "Unix time (seconds) at which a request slot frees up.",
        "schema": {"type": "integer"},
    },
    "ETag": {
        "description": "Strong validator of the representation; send it in If-None-Match (304) or If-Match.",
        "schema": {"type": "string"},
    },
    "Location": {
        "description": "Address of the created resource or of the job to follow.",
        "schema": {"type": "string"},
    },
    "Retry-After": {"description": "Seconds to wait before trying again.", "schema": {"type": "integer"}},
}

# Examples by field name, then by type: every property of every schema carries one.
EXAMPLES: dict[str, Any] = {
    "id": 42,
    "claim": 42,
    "article": 7,
    "speaker": 3,
    "into": 3,
    "version": 2,
    "status": "done",
    "code": "not_found",
    "message": "Claim 42 does not exist.",
    "title": "Harbour bridge to reopen in spring",
    "outlet": "Harbour Gazette",
    "author": "Ines Quarry",
    "name": "Jane Doe",
    "body": "Called the council press office; awaiting the minutes.",
    "note": "The council minutes of 3 May.",
    "text": "the bridge would reopen in May",
    "prefix": "Mayor Jane Doe said on Tuesday that ",
    "suffix": ", after two years of repairs.",
    "language": "en",
    "source": "https://news.example/bridge",
    "html": "<html><body><p>Mayor Jane Doe said the bridge would reopen in May.</p></body></html>",
    "wikidata_qid": "Q42",
    "description": "Mayor of Harbourtown",
    "engine_version": "0.9.0",
    "error": "",
    "field": "rating",
    "action": "review",
    "cue_meaning": "assert",
    "speaker_role": "mayor",
    "engine_speaker_name": "Jane Doe",
    "speaker_name": "Jane Doe",
    "rating_explanation": "The council minutes set the reopening for September.",
    "reviewed_by": "editor",
    "created_by": "editor",
    "changed_by": "editor",
    "added_by": "editor",
    "actor": "editor",
    "confidence": 0.82,
    "min_confidence": 0.5,
    "start": 24,
    "end": 54,
    "next": "https://claims.example/api/v1/claims/?cursor=eyJvIjoi",
    "previous": None,
    "q": "bridge",
    "cursor": "eyJvIjoiLXVwZGF0ZWRfYXQi",
    "page_size": 50,
    "via": ["Wire Service"],
    "aliases": ["Mayor Jane Doe"],
    "claims_by_rating": {"true": 2, "false": 1},
    "old_value": "not_rated",
    "new_value": "false",
}
_URL_EXAMPLES = {
    "html_url": "https://claims.example/claims/42/",
    "api_url": "https://claims.example/api/v1/articles/7/",
    "article_url": "https://claims.example/api/v1/articles/7/",
    "url": "https://claims.example/api/v1/claims/42/",
    "source_url": "https://news.example/bridge",
}
# Where ``url`` is still the outside address (deprecated for source_url) rather than the API's.
_SOURCE_URL_COMPONENTS = {"Article", "ArticleDetail", "ArticleRef", "Evidence", "EvidenceCreate", "ArticleSubmit"}
_TYPE_EXAMPLES: dict[str, Any] = {
    "integer": 1,
    "number": 0.5,
    "boolean": False,
    "string": "text",
    "object": {},
}
_FORMAT_EXAMPLES = {"date-time": "2024-05-03T09:30:00Z", "date": "2024-05-03", "uri": "https://news.example/bridge"}


def _example(name: str, prop: dict[str, Any]) -> Any:
    if name in _URL_EXAMPLES:
        return _URL_EXAMPLES[name]
    if "enum" in prop:
        return next((v for v in prop["enum"] if v is not None), None)
    if prop.get("format") in _FORMAT_EXAMPLES:
        return _FORMAT_EXAMPLES[prop["format"]]
    if name in EXAMPLES:
        return EXAMPLES[name]
    if name.endswith("_at") or name.endswith("_after") or name.endswith("_before"):
        return _FORMAT_EXAMPLES["date-time"]
    if name.endswith("_count") or name.startswith("articles_") or name.startswith("claims_"):
        return 3
    if prop.get("type") == "array":
        return []
    return _TYPE_EXAMPLES.get(str(prop.get("type", "string")), "text")


def _describe_properties(schemas: dict[str, Any]) -> None:
    for component, schema in schemas.items():
        for name, prop in list(schema.get("properties", {}).items()):
            if "$ref" in prop:
                # A reference cannot carry siblings in OpenAPI 3.0: wrap it, so it can be described.
                prop = schema["properties"][name] = {"allOf": [{"$ref": prop.pop("$ref")}], **prop}
            if "example" not in prop and "allOf" not in prop:
                source = name == "url" and component in _SOURCE_URL_COMPONENTS
                prop["example"] = _URL_EXAMPLES["source_url"] if source else _example(name, prop)
            prop.setdefault("description", name.replace("_", " ").capitalize() + ".")
            if name in DEPRECATED.get(component, set()):
                prop["deprecated"] = True


def _multi_valued(parameter: dict[str, Any]) -> None:
    """Filters that take several values: documented as arrays, sent repeated (comma-separated also works)."""
    if "several match any" not in parameter.get("description", ""):
        return
    item = {key: value for key, value in parameter["schema"].items() if key != "nullable"}
    parameter["schema"] = {"type": "array", "items": item}
    parameter["style"] = "form"
    parameter["explode"] = True
    parameter["example"] = [_example(parameter["name"], item)]


def _parameters(operation: dict[str, Any]) -> None:
    for parameter in operation.get("parameters", []):
        _multi_valued(parameter)
        parameter.setdefault("description", parameter["name"].replace("_", " ").capitalize() + ".")
        if "example" not in parameter and parameter["in"] != "header":
            parameter["example"] = _example(parameter["name"], parameter.get("schema", {}))


def _headers(method: str, responses: dict[str, Any]) -> None:
    ref = {name: {"$ref": f"#/components/headers/{name}"} for name in HEADERS}
    for code, response in responses.items():
        headers = response.setdefault("headers", {})
        for name in ("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"):
            headers[name] = ref[name]
        if (method == "get" and code == "200") or (method == "patch" and code in ("200", "412")):
            headers["ETag"] = ref["ETag"]
        if code in ("201", "202"):
            headers["Location"] = ref["Location"]
        if code == "429":
            headers["Retry-After"] = ref["Retry-After"]
        if not response.get("description"):
            response["description"] = "Success." if code.startswith("2") else "See the error body."
    if method == "get" and "200" in responses:
        responses["304"] = {
            "description": "Not modified: If-None-Match named the current ETag.",
            "headers": {"ETag": ref["ETag"], **{n: ref[n] for n in HEADERS if n.startswith("X-RateLimit")}},
        }


OPERATION_DESCRIPTIONS: dict[str, str] = {
    "articles_list": "Stored articles (without their text), newest first; filter by outlet and publication time.",
    "articles_create": "Send an article as text, html or a url. The answer is always 202 with a job: follow its url "
    "(Location) until it is done; its `article` is the stored article. A known article answers a job already done.",
    "articles_retrieve": "One article with its text (the text every span's offsets refer to) and its claims.",
    "claims_list": "Claims, newest change first by default; `ordering=updated_at` with `updated_after` reads "
    "changes in order. Unknown query parameters are a 400 listing the allowed ones.",
    "claims_export_csv_retrieve": "Every claim matching the list's filters, as a CSV file streamed in one response.",
    "claims_notes_list": "The claim's notes, oldest first.",
    "claims_notes_create": "Add a note to the claim (editors); it is recorded in the claim's history.",
    "claims_notes_retrieve": "One note of the claim.",
    "claims_evidence_list": "The claim's evidence, oldest first.",
    "claims_evidence_create": "Add an evidence link to the claim (editors); it is recorded in the claim's history.",
    "claims_evidence_retrieve": "One piece of evidence of the claim.",
    "health_retrieve": "Liveness: answers without touching the database.",
    "jobs_list": "Your ingestion jobs, newest first.",
    "jobs_retrieve": "One ingestion job: its status, and the article once it is stored.",
    "speakers_list": "Speakers by name; filter by name or alias (`q`) and kind.",
    "speakers_retrieve": "One speaker with its aliases and the number of its claims per verdict.",
}


def postprocess(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    """drf-spectacular hook: descriptions, examples, response headers, deprecations and array filters."""
    components = result.setdefault("components", {})
    components["headers"] = HEADERS
    _describe_properties(components.get("schemas", {}))
    for methods in result.get("paths", {}).values():
        for method, operation in methods.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            operation_id = operation.get("operationId", "")
            if not operation.get("description"):
                operation["description"] = OPERATION_DESCRIPTIONS.get(operation_id) or operation.get("summary", "")
            if not operation.get("summary"):
                operation["summary"] = operation["description"].split(". ")[0].split(";")[0].rstrip(".")[:80]
            _parameters(operation)
            _headers(method, operation["responses"])
    result.setdefault("tags", [])
    result["tags"] = [
        {"name": "claims", "description": "Attributed statements: who said what, where, and the review of it."},
        {"name": "notes", "description": "Editors' notes on a claim."},
        {"name": "evidence", "description": "Links that support or refute a claim."},
        {"name": "fact-checks", "description": "schema.org ClaimReview of published fact-checks."},
        {"name": "articles", "description": "Articles and their submission."},
        {"name": "jobs", "description": "Ingestion jobs started by article submissions."},
        {"name": "speakers", "description": "Speaker records: names, aliases, merges."},
        {"name": "health", "description": "Liveness."},
    ]
    return result
