"""The desk through the API: the assignee filter (an id or "me"), assigning, and the second check."""

from __future__ import annotations

import pytest

from newsclaims.claims.desk import article_assign, claim_assign, desk_settings_update
from newsclaims.claims.services import claim_review
from tests.api.conftest import token_client
from tests.factories import ArticleFactory, UserFactory, make_claim

pytestmark = pytest.mark.django_db


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_claims_list_filters_by_assignee_id_or_me_and_shows_the_assignee(editor_client, editor):
    other = UserFactory(editor=True)
    article = ArticleFactory()
    through_article = make_claim(article)
    direct = make_claim(content="Critics say the repairs cost too much")
    article_assign(article=article, assignee=editor, actor=editor)
    claim_assign(claim=direct, assignee=other, actor=editor)

    assert ids(editor_client.get("/api/v1/claims/?assignee=me")) == {through_article.pk}
    assert ids(editor_client.get(f"/api/v1/claims/?assignee={other.pk}")) == {direct.pk}
    assert ids(token_client(other).get("/api/v1/claims/?assignee=me")) == {direct.pk}
    rows = {row["id"]: row for row in editor_client.get("/api/v1/claims/").json()["results"]}
    assert rows[through_article.pk]["assignee"] == editor.username  # with its article
    assert rows[direct.pk]["assignee"] == other.username
    bad = editor_client.get("/api/v1/claims/?assignee=someone")
    assert bad.status_code == 400 and "assignee" in bad.json()["error"]["detail"]


def test_an_editor_assigns_a_claim_and_a_viewer_cannot(editor_client, reader_client, editor, claim):
    response = editor_client.post(f"/api/v1/claims/{claim.pk}/assign/", {"assignee": editor.pk}, format="json")
    assert response.status_code == 200 and response.json()["assignee"] == editor.username
    assert response.json()["history"][-1]["action"] == "assign"
    refused = reader_client.post(f"/api/v1/claims/{claim.pk}/assign/", {"assignee": None}, format="json")
    assert refused.status_code == 403
    viewer = UserFactory()
    not_editor = editor_client.post(f"/api/v1/claims/{claim.pk}/assign/", {"assignee": viewer.pk}, format="json")
    assert not_editor.status_code == 400 and "assignee" in not_editor.json()["error"]["detail"]


def test_the_second_check_through_the_api(editor_client, editor, admin_user, claim):
    desk_settings_update(actor=admin_user, second_check=True)
    claim_review(claim=claim, actor=editor, expected_version=None, attribution_status="confirmed", rating="false")
    assert editor_client.get(f"/api/v1/claims/{claim.pk}/claimreview/").status_code == 404
    waiting = editor_client.get("/api/v1/claims/export.jsonld")
    assert b"ClaimReview" not in b"".join(waiting.streaming_content)  # the export waits too (COPY on PostgreSQL)

    etag = editor_client.get(f"/api/v1/claims/{claim.pk}/")["ETag"]
    own = editor_client.post(f"/api/v1/claims/{claim.pk}/approve/", HTTP_IF_MATCH=etag)
    assert own.status_code == 400 and "different editor" in str(own.json()["error"]["detail"])

    second = token_client(UserFactory(editor=True))
    assert second.post(f"/api/v1/claims/{claim.pk}/approve/").status_code == 428
    assert second.post(f"/api/v1/claims/{claim.pk}/approve/", HTTP_IF_MATCH='"stale"').status_code == 412
    approved = second.post(f"/api/v1/claims/{claim.pk}/approve/", HTTP_IF_MATCH=etag)
    assert approved.status_code == 200
    body = approved.json()
    assert body["approved_by"] != editor.username and body["approved_at"] is not None
    assert [h["action"] for h in body["history"]][-1] == "approve"
    assert editor_client.get(f"/api/v1/claims/{claim.pk}/claimreview/").status_code == 200
    export = editor_client.get("/api/v1/claims/export.jsonld")
    assert b"ClaimReview" in b"".join(export.streaming_content)


def test_an_editor_assigns_a_whole_article_and_its_claims_follow(editor_client, reader_client, editor):
    article = ArticleFactory()
    claim = make_claim(article)
    own = make_claim(article, content="the repairs cost too much")
    other = UserFactory(editor=True)
    claim_assign(claim=own, assignee=other, actor=editor)

    response = editor_client.post(f"/api/v1/articles/{article.pk}/assign/", {"assignee": editor.pk}, format="json")

    assert response.status_code == 200, response.content
    assert response.json()["assignee"] == editor.username
    assert {row["id"]: row["assignee"] for row in response.json()["claims"]} == {
        claim.pk: editor.username,
        own.pk: other.username,  # assigned on its own: stays
    }
    assert ids(editor_client.get("/api/v1/claims/?assignee=me")) == {claim.pk}
    listed = {row["id"]: row for row in editor_client.get("/api/v1/articles/").json()["results"]}
    assert listed[article.pk]["assignee"] == editor.username


def test_taking_an_article_back_and_refusals_of_article_assignment(editor_client, reader_client, editor):
    article = ArticleFactory()
    article_assign(article=article, assignee=editor, actor=editor)

    back = editor_client.post(f"/api/v1/articles/{article.pk}/assign/", {"assignee": None}, format="json")
    assert back.status_code == 200 and back.json()["assignee"] is None

    refused = reader_client.post(f"/api/v1/articles/{article.pk}/assign/", {"assignee": editor.pk}, format="json")
    assert refused.status_code == 403
    viewer = UserFactory()
    not_editor = editor_client.post(f"/api/v1/articles/{article.pk}/assign/", {"assignee": viewer.pk}, format="json")
    assert not_editor.status_code == 400 and "assignee" in not_editor.json()["error"]["detail"]
    missing = editor_client.post("/api/v1/articles/999999/assign/", {"assignee": None}, format="json")
    assert missing.status_code == 404
    article.refresh_from_db()
    assert article.assignee_id is None  # the refused calls changed nothing
