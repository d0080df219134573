"""Malformed, mistyped and oversized bodies on every write endpoint: a clear 4xx and nothing changed.

API writes answer in the error shape ({"error": {"message": ...}}); review forms answer with the
page and the field's error (or, for bodies Django cannot read at all, templates/400.html).
Forms ignore fields they do not know (browsers send extras such as the CSRF token); a
separate test checks that such extras cannot set anything either.
"""

from __future__ import annotations

import json
import re
from html import unescape
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.security.conftest import World, snapshot

HUGE = 10**30  # no database integer holds it
HTMX = {"HTTP_HX_REQUEST": "true"}


# --- the API ----------------------------------------------------------------------------------


def _valid(world: World, endpoint: str) -> dict[str, Any]:
    return {
        "claim": {"rating_explanation": "Checked against the minutes."},
        "notes": {"body": "A note."},
        "evidence": {"url": "https://example.org/doc", "kind": "document"},
        "articles": {"text": "The minister said on Monday that the budget would pass. " * 3},
        "merge": {"into": world.other_speaker.pk},
    }[endpoint]


API = {
    "claim": ("PATCH", "/api/v1/claims/{claim}/"),
    "notes": ("POST", "/api/v1/claims/{claim}/notes/"),
    "evidence": ("POST", "/api/v1/claims/{claim}/evidence/"),
    "articles": ("POST", "/api/v1/articles/"),
    "merge": ("POST", "/api/v1/speakers/{speaker}/merge/"),
}

WRONG_TYPES: dict[str, list[dict[str, Any]]] = {
    "claim": [
        {"rating": 5},
        {"rating": "very true"},
        {"attribution_status": None},
        {"rating_explanation": ["x"]},
        {"rating_explanation": "x" * 20_001},
        {"speaker": "Jane Doe"},
        {"speaker": HUGE},
        {"speaker": -1},
        {"content": "0-5"},
        {"content": {"start": "a", "end": 3}},
        {"content": {"start": 1.5, "end": 3}},
        {"content": {"start": 0, "end": HUGE}},
        {"content": {"start": 5, "end": 2}},
        {"content": {"start": 0, "end": 10_000}},  # past the end of the article
        {"content": None},
        {"cue": {"start": 0}},
        {"speaker_mention": {"start": 0, "end": 3, "text": "May"}},
    ],
    "notes": [
        {"body": ["x"]},
        {"body": {"text": "x"}},
        {"body": None},
        {"body": True},
        {"body": ""},
        {"body": "   "},
        {"body": "a\x00b"},
        {"body": "a\ud800b"},
        {"body": "x" * 20_001},
    ],
    "evidence": [
        {"url": 5},
        {"url": ["https://example.org/"]},
        {"url": "not a link"},
        {"url": "javascript:alert(1)"},
        {"url": "https://example.org/" + "x" * 2000},
        {"url": "https://example.org/", "kind": "rumour"},
        {"url": "https://example.org/", "note": {"a": 1}},
    ],
    "articles": [
        {"text": ["x"]},
        {"text": None},
        {"text": "   "},
        {"text": "Some text.", "html": "<p>Some text.</p>"},  # text with its url is accepted: see tests/ingestion
        {"url": "javascript:alert(1)"},
        {"html": {"body": "x"}},
        {"text": "Some text said Bob.", "published_at": "last Tuesday"},
        {"text": "Some text said Bob.", "title": "t" * 501},
        {},
    ],
    "merge": [{"into": "Jane Doe"}, {"into": HUGE}, {"into": None}, {"into": [1]}, {}],
}


def _api_client(world: World) -> Client:
    from newsclaims.api.tokens import api_token_issue

    client = Client()
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {api_token_issue(user=world.users['admin'])}"
    return client


def _api_send(world: World, endpoint: str, raw: bytes | str, content_type: str | None = "application/json") -> Any:
    method, path = API[endpoint]
    path = path.format(claim=world.claim.pk, speaker=world.speaker.pk)
    extra: dict[str, Any] = {"HTTP_IF_MATCH": f'"{world.claim.pk}-{world.claim.version}"'}
    if content_type is None:
        extra["CONTENT_TYPE"] = ""
        content_type = ""
    return getattr(_api_client(world), method.lower())(path, raw, content_type=content_type, **extra)


def assert_api_refused(response: Any, before: dict[str, Any], status: int | tuple[int, ...] = 400) -> dict[str, Any]:
    expected = status if isinstance(status, tuple) else (status,)
    assert response.status_code in expected, (response.status_code, response.content[:300])
    assert response["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert error["status"] == response.status_code and error["message"]
    assert snapshot() == before, "a refused request changed stored data"
    return error


MALFORMED = {
    "invalid JSON": b'{"body": "x",',
    "trailing garbage": b'{"body": "x"} {}',
    "NaN": b'{"body": NaN, "into": Infinity}',
    "bad UTF-8": b'{"body": "\xff\xfe"}',
    "deep nesting": b"[" * 100_000,
    "deep object nesting": b'{"a":' * 50_000,
    "top-level list": b"[]",
    "top-level string": b'"x"',
    "top-level number": b"1",
    "null": b"null",
}


@pytest.mark.parametrize("endpoint", sorted(API))
@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_api_refuses_malformed_json(world, endpoint, case):
    before = snapshot()
    assert_api_refused(_api_send(world, endpoint, MALFORMED[case]), before)


@pytest.mark.parametrize("endpoint", sorted(API))
def test_api_refuses_wrong_types_naming_the_field(world, endpoint):
    before = snapshot()
    for body in WRONG_TYPES[endpoint]:
        error = assert_api_refused(_api_send(world, endpoint, json.dumps(body)), before)
        if body and not any(v == "" or (isinstance(v, str) and not v.strip()) for v in body.values()):
            assert error["detail"], body


@pytest.mark.parametrize("endpoint", sorted(API))
def test_api_refuses_unknown_fields(world, endpoint):
    before = snapshot()
    for extra in ({"reviewed_by": 1}, {"version": 99}, {"is_staff": True}, {"Body": "x"}):
        body = {**_valid(world, endpoint), **extra}
        error = assert_api_refused(_api_send(world, endpoint, json.dumps(body)), before)
        assert error["detail"] == {next(iter(extra)): ["Unknown field."]}


@pytest.mark.parametrize("endpoint", sorted(API))
def test_api_refuses_bodies_over_the_limit_before_reading_them(world, endpoint, settings):
    settings.NEWSCLAIMS_API_MAX_BODY_BYTES = 2000
    before = snapshot()
    body = {**_valid(world, endpoint), "padding": "x" * 3000}
    error = assert_api_refused(_api_send(world, endpoint, json.dumps(body)), before, 413)
    assert "2,000" in error["message"]


@pytest.mark.parametrize("endpoint", sorted(API))
@pytest.mark.parametrize(
    "content_type",
    ["application/x-www-form-urlencoded", "multipart/form-data; boundary=BoUnDaRy", "text/plain", "application/xml"],
)
def test_api_refuses_other_content_types(world, endpoint, content_type):
    before = snapshot()
    body = json.dumps(_valid(world, endpoint))
    error = assert_api_refused(_api_send(world, endpoint, body, content_type), before, 415)
    assert content_type.split(";")[0] in error["message"]


def test_api_article_text_over_the_article_limit_is_refused(world, settings):
    settings.NEWSCLAIMS_MAX_ARTICLE_BYTES = 1000
    settings.NEWSCLAIMS_MAX_HTML_BYTES = 1500
    before = snapshot()
    text = "The minister said the budget would pass. " * 50
    error = assert_api_refused(_api_send(world, "articles", json.dumps({"text": text})), before)
    assert "limit" in json.dumps(error["detail"])
    error = assert_api_refused(_api_send(world, "articles", json.dumps({"html": f"<p>{text}</p>"})), before)
    assert "limit" in json.dumps(error["detail"])


def test_api_review_with_a_mangled_if_match_changes_nothing(world):
    before = snapshot()
    client = _api_client(world)
    path = f"/api/v1/claims/{world.claim.pk}/"
    body = json.dumps(_valid(world, "claim"))
    for tag in ("", "*", "garbage", f'"{world.claim.pk}-0"', f'"{world.claim.pk}-{HUGE}"', "\u00ff" * 500):
        response = client.patch(path, body, content_type="application/json", HTTP_IF_MATCH=tag)
        assert_api_refused(response, before, (412, 428))


# --- the review forms -------------------------------------------------------------------------


def _forms(world: World) -> dict[str, tuple[str, dict[str, Any], dict[str, Any]]]:
    """name -> (path, a valid body, extra request headers)."""
    return {
        "review": (f"/claims/{world.claim.pk}/review/", {"version": 1, "rating": "true"}, {}),
        "notes": (f"/claims/{world.claim.pk}/notes/", {"body": "A note."}, {}),
        "evidence": (f"/claims/{world.claim.pk}/evidence/", {"url": "https://example.org/d", "kind": "document"}, {}),
        "article": ("/articles/new/", {"text": "The minister said the budget would pass on Monday."}, {}),
        # Plain bulk posts redirect back to the queue with the message; htmx ones answer 400 in place.
        "bulk": ("/review/bulk/", {"claims": [world.claim.pk], "action": "confirm"}, HTMX),
        "merge": (f"/speakers/{world.speaker.pk}/merge/", {"target": world.other_speaker.pk, "confirm": "yes"}, {}),
    }


FORM_WRONG: dict[str, list[dict[str, Any]]] = {
    "review": [
        {"version": "abc", "rating": "true"},
        {"version": "", "rating": "true"},
        {"version": -1, "rating": "true"},
        {"version": 1, "rating": "very true"},
        {"version": 1, "attribution_status": "maybe"},
        {"version": 1, "content_start": "x", "content_end": 5},
        {"version": 1, "content_start": "²", "content_end": "³"},
        {"version": 1, "content_start": 5},
        {"version": 1, "content_start": 5, "content_end": 2},
        {"version": 1, "content_start": HUGE, "content_end": HUGE + 1},
        {"version": 1, "rating_explanation": "x" * 20_001},
        {"version": 1, "speaker_name": "x" * 301},
        {"version": 1, "speaker_name": "Jane\x00Doe"},
    ],
    "notes": [{"body": ""}, {"body": "   "}, {"body": "x" * 20_001}, {"body": "a\x00b"}, {}],
    "evidence": [
        {"url": "not a link"},
        {"url": "javascript:alert(1)"},
        {"url": "ftp://example.org/x"},
        {"url": "https://example.org/" + "x" * 2000},
        {"url": "https://example.org/", "kind": "rumour"},
        {"url": "https://example.org/", "note": "x" * 2001},
    ],
    "article": [
        {},
        {"text": "   "},
        {"text": "Some text.", "file": ("story.txt", b"Other text.")},  # with its url is fine: see tests/ingestion
        {"url": "javascript:alert(1)"},
        {"text": "Some text said Bob.", "published_at": "last Tuesday"},
        {"text": "Some text said Bob.", "title": "t" * 501},
        {"text": "Some\x00text"},
        {"file": ("story.exe", b"MZ\x90\x00")},
        {"file": ("story.txt", b"")},
    ],
    "bulk": [
        {"claims": ["abc"], "action": "confirm"},
        {"claims": ["²"], "action": "confirm"},
        {"claims": [str(HUGE)], "action": "confirm"},
        {"claims": [], "action": "confirm"},
        {"action": "delete"},
        {"claims": ["1"], "action": "rate"},
        {"claims": ["1"], "action": "rate", "rating": "very true"},
    ],
    "merge": [
        {"target": "", "confirm": "yes"},
        {"target": "Nobody Atall", "confirm": "yes"},
        {"target": "{self}", "confirm": "yes"},
        {"target": str(HUGE), "confirm": "yes"},
        {"target": "x" * 301, "confirm": "yes"},
        {"target": "a\x00b", "confirm": "yes"},
        {"target": "²", "confirm": "yes"},
    ],
}


def _editor_client(world: World, name: str) -> Client:
    client = Client()
    client.force_login(world.users["admin" if name == "merge" else "editor"])
    return client


def _encode(body: dict[str, Any], world: World) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in body.items():
        if key == "file":
            value = SimpleUploadedFile(*value)
        elif value == "{self}":
            value = world.speaker.pk
        out[key] = value
    return out


def form_message(response: Any) -> str:
    """The error text a person sees: field and form errors, messages, or the 400 page's explanation."""
    html = response.content.decode()
    found = re.findall(r'<[^>]*(?:class="[^"]*error[^"]*"|role="alert")[^>]*>(.*?)</', html, re.S)
    found += re.findall(r"<h1>Bad request</h1><p>(.*?)</p>", html, re.S)
    return " ".join(" ".join(unescape(re.sub(r"<[^>]+>", " ", text)).split()) for text in found).strip()


def assert_form_refused(response: Any, before: dict[str, Any], status: int | tuple[int, ...] = 400) -> str:
    expected = status if isinstance(status, tuple) else (status,)
    assert response.status_code in expected, (response.status_code, response.content[:300])
    message = form_message(response)
    assert message, "no error message on the page"
    assert snapshot() == before, "a refused form changed stored data"
    return message


@pytest.mark.parametrize("name", sorted(FORM_WRONG))
def test_forms_refuse_wrong_values_with_a_message(world, name):
    path, _valid_body, headers = _forms(world)[name]
    client = _editor_client(world, name)
    before = snapshot()
    for body in FORM_WRONG[name]:
        response = client.post(path, _encode(body, world), **headers)
        assert_form_refused(response, before)


def test_review_form_with_an_impossible_version_is_a_conflict_not_a_crash(world):
    before = snapshot()
    response = _editor_client(world, "review").post(
        f"/claims/{world.claim.pk}/review/", {"version": HUGE, "rating": "true"}
    )
    assert "changed while you were editing" in assert_form_refused(response, before, 409)


@pytest.mark.parametrize("name", ["review", "notes", "evidence", "article", "bulk", "merge"])
def test_forms_refuse_bodies_over_djangos_limits(world, name, settings):
    path, valid, headers = _forms(world)[name]
    client = _editor_client(world, name)
    before = snapshot()
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    message = assert_form_refused(client.post(path, {**valid, "padding": "x" * 2000}, **headers), before)
    assert "too large" in message
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
    many = {**valid, **{f"field{i}": "x" for i in range(1100)}}  # over DATA_UPLOAD_MAX_NUMBER_FIELDS
    assert "too large" in assert_form_refused(client.post(path, many, **headers), before)


@pytest.mark.parametrize("name", ["review", "notes", "evidence", "article", "bulk", "merge"])
@pytest.mark.parametrize(
    "content_type", ["application/json", "text/plain", "multipart/form-data", "multipart/form-data; boundary=x"]
)
def test_forms_refuse_bodies_they_cannot_read(world, name, content_type):
    path, valid, headers = _forms(world)[name]
    client = _editor_client(world, name)
    before = snapshot()
    body = json.dumps(valid) if content_type == "application/json" else "--x\r\ngarbage"
    assert_form_refused(client.post(path, body, content_type=content_type, **headers), before)


def test_article_form_refuses_text_and_files_over_the_article_limits(world, settings):
    settings.NEWSCLAIMS_MAX_ARTICLE_BYTES = 1000
    settings.NEWSCLAIMS_MAX_HTML_BYTES = 1500
    client = _editor_client(world, "article")
    before = snapshot()
    text = "The minister said the budget would pass. " * 50
    assert "limit" in assert_form_refused(client.post("/articles/new/", {"text": text}), before)
    upload = SimpleUploadedFile("story.txt", text.encode()[:1200])  # over the text limit, under the upload limit
    assert "the limit is 1,000" in assert_form_refused(client.post("/articles/new/", {"file": upload}), before)
    # Past the larger (HTML) limit the upload stops while it streams in (newsclaims.uploads): a 400 page.
    page = SimpleUploadedFile("story.html", f"<p>{text}</p>".encode())
    assert "too large" in assert_form_refused(client.post("/articles/new/", {"file": page}), before)


def test_forms_ignore_fields_they_do_not_know_and_extras_set_nothing(world):
    client = _editor_client(world, "review")
    claim = world.claim
    response = client.post(
        f"/claims/{claim.pk}/review/",
        {
            "version": 1,
            "rating_explanation": "Checked.",
            "reviewed_by": world.users["admin"].pk,
            "confidence": "1",
            "content_text": "forged",
            "speaker": world.other_speaker.pk,
            "article": 999,
        },
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.rating_explanation == "Checked." and claim.reviewed_by == world.users["editor"]
    assert (claim.confidence, claim.speaker_id, claim.article_id) == (0.8, world.speaker.pk, world.article.pk)
    assert claim.content_text == "the bridge would reopen in May"
    note = client.post(f"/claims/{claim.pk}/notes/", {"body": "Hi.", "author": world.users["admin"].pk, "claim": 999})
    assert note.status_code == 302
    assert claim.notes.get(body="Hi.").author == world.users["editor"]


def test_next_addresses_off_the_site_are_not_followed(world):
    client = _editor_client(world, "review")
    for target in ("https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)"):
        response = client.post(
            f"/claims/{world.claim.pk}/review/",
            {"version": world.claim.version, "rating_explanation": f"via {target}", "next": target},
        )
        world.claim.refresh_from_db()
        assert response.status_code == 302 and response["Location"] == f"/claims/{world.claim.pk}/", target


def test_huge_ids_in_addresses_are_404_not_errors(world):
    client = _editor_client(world, "review")
    for path in (f"/claims/{HUGE}/", f"/articles/{HUGE}/", f"/speakers/{HUGE}/", f"/jobs/{HUGE}/"):
        assert client.get(path).status_code == 404, path
    before = snapshot()
    response = client.post(f"/claims/{HUGE}/notes/", {"body": "x"})
    assert response.status_code == 404 and snapshot() == before
    for path in (f"/api/v1/claims/{HUGE}/", f"/api/v1/speakers/{HUGE}/", f"/api/v1/jobs/{HUGE}/"):
        assert client.get(path).status_code == 404, path
