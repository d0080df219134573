"""The desk's pages: assigning, My queue, the per-editor table, the second-check switch and approvals."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsclaims.claims.desk import article_assign, claim_assign, desk_settings, desk_settings_update
from newsclaims.claims.models import Claim
from newsclaims.claims.services import claim_review
from tests.factories import ArticleFactory, UserFactory, make_claim

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def other_editor(db):
    return UserFactory(editor=True)


def _reviewed(claim: Claim, editor) -> Claim:
    return claim_review(
        claim=claim, actor=editor, expected_version=None, attribution_status="confirmed", rating="false"
    )


def test_an_editor_assigns_a_claim_from_its_panel(as_user, editor, other_editor, claim):
    response = as_user(editor).post(f"/claims/{claim.pk}/assign/", {"assignee": other_editor.pk}, **HTMX)
    body = response.content.decode()
    assert response.status_code == 200 and body.lstrip().startswith(f'<section class="desk card" id="desk-{claim.pk}"')
    assert f"<strong>{other_editor.username}</strong>" in body
    claim.refresh_from_db()
    assert claim.assignee == other_editor
    # The claim page shows the assignment and its history row.
    page = as_user(editor).get(f"/claims/{claim.pk}/").content.decode()
    assert f'id="desk-{claim.pk}"' in page and "assign" in page


def test_plain_assignment_redirects_back_and_viewers_cannot_assign(as_user, editor, viewer, claim):
    response = as_user(editor).post(f"/claims/{claim.pk}/assign/", {"assignee": editor.pk})
    assert response.status_code == 302 and response["Location"] == f"/claims/{claim.pk}/"
    assert as_user(viewer).post(f"/claims/{claim.pk}/assign/", {"assignee": viewer.pk}).status_code == 403


def test_assigning_to_someone_not_an_editor_is_refused(as_user, editor, viewer, claim):
    response = as_user(editor).post(f"/claims/{claim.pk}/assign/", {"assignee": viewer.pk}, **HTMX)
    assert response.status_code == 400 and "Choose an editor" in response.content.decode()
    claim.refresh_from_db()
    assert claim.assignee is None


def test_an_editor_assigns_an_article_from_its_page(as_user, editor, article):
    page = as_user(editor).get(f"/articles/{article.pk}/").content.decode()
    assert f'id="article-desk-{article.pk}"' in page
    response = as_user(editor).post(f"/articles/{article.pk}/assign/", {"assignee": editor.pk})
    assert response.status_code == 302 and response["Location"] == f"/articles/{article.pk}/"
    article.refresh_from_db()
    assert article.assignee == editor


def test_the_article_page_with_a_claim_open_reads_the_assignable_editors_once(as_user, editor, other_editor, claim):
    with CaptureQueriesContext(connection) as queries:
        page = as_user(editor).get(f"/articles/{claim.article_id}/?claim={claim.pk}").content.decode()
    # Both selects (the article's and the claim's) list the other editor, from one query.
    assert page.count(f'<option value="{other_editor.pk}"') == 2
    editor_reads = [q["sql"] for q in queries.captured_queries if "DISTINCT" in q["sql"] and "is_staff" in q["sql"]]
    assert len(editor_reads) == 1


def test_my_queue_lists_claims_assigned_directly_and_through_the_article(as_user, editor, other_editor):
    article = ArticleFactory()
    through_article = make_claim(article)
    make_claim(article, content="We are on schedule")
    article_assign(article=article, assignee=editor, actor=editor)
    claim_assign(claim=Claim.objects.get(content_text="We are on schedule"), assignee=other_editor, actor=editor)
    direct = make_claim(content="Critics say the repairs cost too much")
    claim_assign(claim=direct, assignee=editor, actor=editor)
    make_claim(content="the bridge would reopen in May")  # nobody's

    response = as_user(editor).get("/review/?assignee=me")
    body = response.content.decode()
    assert response.status_code == 200 and "<h1>My queue</h1>" in body
    rows = {int(pk) for pk in re.findall(r'<tr id="row-(\d+)"', body)}
    assert rows == {through_article.pk, direct.pk}
    assert '<option value="me" selected>' in body

    theirs = as_user(editor).get(f"/review/?assignee={other_editor.pk}").content.decode()
    assert "We are on schedule" in theirs and "Critics say" not in theirs


def test_the_nav_links_to_my_queue_and_the_desk(as_user, viewer):
    body = as_user(viewer).get("/").content.decode()
    assert 'href="/review/?assignee=me"' in body and 'href="/desk/"' in body


def test_dashboard_shows_assigned_and_done_per_editor(as_user, editor, other_editor, claim):
    claim_assign(claim=claim, assignee=other_editor, actor=editor)
    _reviewed(claim, other_editor)
    body = as_user(editor).get("/").content.decode()
    assert f'<tr data-editor="{other_editor.username}">' in body
    row = body.split(f'<tr data-editor="{other_editor.username}">')[1].split("</tr>")[0]
    # assigned (a link to their queue, every status), done, open (a link to what is left)
    cells = re.findall(r'<td class="num">(?:<a href="([^"]*)">)?(\d+)', row)
    assert cells == [
        (f"/review/?assignee={other_editor.pk}&amp;status=any", "1"),
        ("", "1"),
        (f"/review/?assignee={other_editor.pk}", "0"),
    ]


def test_only_admins_switch_the_second_check(as_user, editor, admin_user):
    assert as_user(editor).post("/desk/settings/", {"second_check": "on"}).status_code == 403
    assert desk_settings().second_check is False
    page = as_user(editor).get("/desk/").content.decode()
    assert "Admins switch it on or off." in page
    response = as_user(admin_user).post("/desk/settings/", {"second_check": "on"})
    assert response.status_code == 302 and response["Location"] == "/desk/"
    assert desk_settings().second_check is True
    as_user(admin_user).post("/desk/settings/", {})
    assert desk_settings().second_check is False


def test_the_reviewer_sees_no_approve_button_and_another_editor_approves(
    as_user, admin_user, editor, other_editor, claim
):
    desk_settings_update(actor=admin_user, second_check=True)
    reviewed = _reviewed(claim, editor)

    own = as_user(editor).get(f"/claims/{claim.pk}/desk/").content.decode()
    assert 'data-second-check="waiting"' in own and "Approve and publish" not in own
    refused = as_user(editor).post(f"/claims/{claim.pk}/approve/", {"version": reviewed.version}, **HTMX)
    assert refused.status_code == 400 and "different editor" in refused.content.decode()

    waiting = as_user(other_editor).get("/desk/").content.decode()
    assert f'<tr data-claim="{claim.pk}">' in waiting
    response = as_user(other_editor).post(f"/claims/{claim.pk}/approve/", {"version": reviewed.version}, **HTMX)
    assert response.status_code == 200 and 'data-second-check="approved"' in response.content.decode()
    claim.refresh_from_db()
    assert claim.approved_by == other_editor
    assert f'<tr data-claim="{claim.pk}">' not in as_user(other_editor).get("/desk/").content.decode()


def test_approving_a_changed_claim_is_refused_with_409(as_user, admin_user, editor, other_editor, claim):
    desk_settings_update(actor=admin_user, second_check=True)
    seen = _reviewed(claim, editor)
    claim_review(claim=claim, actor=editor, expected_version=None, rating="mixed")
    response = as_user(other_editor).post(f"/claims/{claim.pk}/approve/", {"version": seen.version}, **HTMX)
    assert response.status_code == 409 and "changed since you opened it" in response.content.decode()
    plain = as_user(other_editor).post(f"/claims/{claim.pk}/approve/", {"version": seen.version})
    assert plain.status_code == 302
    claim.refresh_from_db()
    assert claim.approved_by is None


def test_the_fact_check_page_waits_for_the_approval(as_user, client, admin_user, editor, other_editor, claim):
    desk_settings_update(actor=admin_user, second_check=True)
    reviewed = _reviewed(claim, editor)
    client.logout()
    assert client.get(f"/fact-checks/{claim.pk}/").status_code == 404
    as_user(other_editor).post(f"/claims/{claim.pk}/approve/", {"version": reviewed.version})
    client.logout()
    assert client.get(f"/fact-checks/{claim.pk}/").status_code == 200


def test_my_queue_export_and_the_article_list_read_me_as_the_user_asking(as_user, editor, other_editor):
    mine = make_claim(ArticleFactory(title="Mine to check"))
    theirs = make_claim(ArticleFactory(title="Theirs to check"), content="We are on schedule")
    claim_assign(claim=mine, assignee=editor, actor=editor)
    claim_assign(claim=theirs, assignee=other_editor, actor=editor)
    client = as_user(editor)
    export = client.get("/review/export.csv?assignee=me")
    body = b"".join(export.streaming_content).decode()
    assert export.status_code == 200 and "the bridge would reopen in May" in body and "We are on schedule" not in body
    articles = client.get("/articles/?assignee=me").content.decode()
    assert "Mine to check" in articles and "Theirs to check" not in articles
    assert '<option value="me" selected>' in articles
