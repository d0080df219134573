"""The desk's services: assignment, the second check, and what "published" means while it is on."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from newsclaims.api.claimreview import claimreview_published, is_published, published_claims
from newsclaims.claims.desk import (
    article_assign,
    assigned_to,
    claim_approve,
    claim_assign,
    claims_waiting_for_second_check,
    desk_settings,
    desk_settings_update,
    desk_workload,
    second_check_since,
)
from newsclaims.claims.filters import ClaimFilter
from newsclaims.claims.models import ChangeEvent, Claim, DeskSettings
from newsclaims.claims.services import ClaimConflict, claim_review
from tests.factories import ArticleFactory, UserFactory, make_claim

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_editor(db):
    return UserFactory(editor=True)


def _published_ids() -> set[int]:
    return set(Claim.objects.filter(claimreview_published()).values_list("pk", flat=True))


def _review(claim: Claim, editor, **fields) -> Claim:
    fields = fields or {"attribution_status": "confirmed", "rating": "false"}
    return claim_review(claim=claim, actor=editor, expected_version=None, **fields)


# --- settings ---------------------------------------------------------------------------


def test_settings_default_to_no_second_check_without_a_stored_row():
    assert desk_settings().second_check is False and second_check_since() is None
    assert not DeskSettings.objects.exists()


def test_switching_the_second_check_on_records_when_and_who(admin_user):
    before = timezone.now()
    settings = desk_settings_update(actor=admin_user, second_check=True)
    assert settings.second_check and settings.second_check_since >= before and settings.updated_by == admin_user
    assert desk_settings_update(actor=admin_user, second_check=True).second_check_since == settings.second_check_since
    off = desk_settings_update(actor=admin_user, second_check=False)
    assert not off.second_check and off.second_check_since is None and DeskSettings.objects.count() == 1


def test_switching_the_second_check_off_tells_the_feed_which_waiting_claims_it_publishes(admin_user, editor):
    desk_settings_update(actor=admin_user, second_check=True)
    waiting = _review(make_claim(), editor)
    untouched = make_claim(content="Critics say the repairs cost too much")
    assert waiting.pk not in _published_ids()

    desk_settings_update(actor=admin_user, second_check=False)

    assert waiting.pk in _published_ids()
    feed = ChangeEvent.objects.filter(resource="claim", resource_id=waiting.pk).last()
    assert feed is not None and feed.payload == {"fields": ["published"], "second_check": False}
    assert feed.actor == admin_user
    assert not ChangeEvent.objects.filter(resource="claim", resource_id=untouched.pk, payload__fields=["published"])


# --- assignment -----------------------------------------------------------------------------


def test_claim_assignment_writes_history_and_a_feed_event_without_a_version_step(editor, other_editor, claim):
    assigned = claim_assign(claim=claim, assignee=other_editor, actor=editor)
    assert assigned.assignee == other_editor and assigned.version == 1
    event = claim.events.get(action="assign")
    assert event.actor == editor and event.old_value is None
    assert event.new_value == {"id": other_editor.pk, "name": other_editor.username}
    feed = ChangeEvent.objects.filter(resource="claim", resource_id=claim.pk).last()
    assert feed is not None and feed.payload == {"fields": ["assignee"]}
    claim_assign(claim=claim, assignee=other_editor, actor=editor)
    assert claim.events.filter(action="assign").count() == 1  # no change, no row


def test_claims_go_only_to_active_editors(editor, viewer, claim, article):
    with pytest.raises(ValidationError):
        claim_assign(claim=claim, assignee=viewer, actor=editor)
    gone = UserFactory(editor=True, is_active=False)
    with pytest.raises(ValidationError):
        article_assign(article=article, assignee=gone, actor=editor)


def test_an_article_assignment_covers_its_claims_unless_one_is_assigned_on_its_own(editor, other_editor):
    article = ArticleFactory()
    mine = make_claim(article)
    theirs = make_claim(article, content="We are on schedule")
    claim_assign(claim=theirs, assignee=other_editor, actor=editor)
    article_assign(article=article, assignee=editor, actor=editor)
    article.refresh_from_db()
    assert article.assignee == editor
    assert set(Claim.objects.filter(assigned_to(editor.pk)).values_list("pk", flat=True)) == {mine.pk}
    assert set(Claim.objects.filter(assigned_to(other_editor.pk)).values_list("pk", flat=True)) == {theirs.pk}
    assert ChangeEvent.objects.filter(resource="article", resource_id=article.pk, payload__fields=["assignee"]).exists()
    # The claim that follows the article's assignee changed in the feed too; the one with its own did not.
    touched = ChangeEvent.objects.filter(resource="claim", payload__article=article.pk)
    assert set(touched.values_list("resource_id", flat=True)) == {mine.pk}


def test_workload_counts_assigned_and_done_per_editor(editor, other_editor):
    article = ArticleFactory()
    first = make_claim(article)
    make_claim(article, content="We are on schedule")
    article_assign(article=article, assignee=editor, actor=editor)
    alone = make_claim(content="Critics say the repairs cost too much")
    claim_assign(claim=alone, assignee=other_editor, actor=editor)
    _review(first, editor, attribution_status="not_a_claim")
    rows = {w.username: (w.assigned, w.done, w.open) for w in desk_workload(since=second_check_since())}
    assert rows == {editor.username: (2, 1, 1), other_editor.username: (1, 0, 1)}


def test_assignee_filter_takes_an_id_or_me(editor, other_editor):
    article = ArticleFactory()
    mine = make_claim(article)
    claim_assign(claim=make_claim(article, content="We are on schedule"), assignee=other_editor, actor=editor)
    claim_assign(claim=mine, assignee=editor, actor=editor)

    class Request:
        user = editor

    me = ClaimFilter({"assignee": "me"}, queryset=Claim.objects.all(), request=Request())
    assert [c.pk for c in me.qs] == [mine.pk]
    by_id = ClaimFilter({"assignee": str(other_editor.pk)}, queryset=Claim.objects.all())
    assert by_id.qs.count() == 1 and by_id.qs.get().assignee == other_editor
    # "me" without a user asking matches nobody rather than everything.
    assert ClaimFilter({"assignee": "me"}, queryset=Claim.objects.all()).qs.count() == 0
    bad = ClaimFilter({"assignee": "someone"}, queryset=Claim.objects.all())
    assert not bad.is_valid() and "assignee" in bad.errors


# --- the second check ------------------------------------------------------------------------


def test_without_the_second_check_a_confirmed_rated_claim_is_published(editor, claim):
    reviewed = _review(claim, editor)
    assert is_published(reviewed) and _published_ids() == {claim.pk}


def test_with_the_second_check_a_review_waits_for_another_editors_approval(admin_user, editor, other_editor, claim):
    desk_settings_update(actor=admin_user, second_check=True)
    reviewed = _review(claim, editor)
    assert not is_published(reviewed) and _published_ids() == set()
    assert list(claims_waiting_for_second_check(Claim.objects.all(), since=second_check_since())) == [reviewed]

    with pytest.raises(ValidationError, match="different editor"):
        claim_approve(claim=reviewed, actor=editor, expected_version=reviewed.version)

    approved = claim_approve(claim=reviewed, actor=other_editor, expected_version=reviewed.version)
    assert approved.approved_by == other_editor and is_published(approved)
    assert _published_ids() == {claim.pk} and list(published_claims()) == [approved]
    assert not claims_waiting_for_second_check(Claim.objects.all(), since=second_check_since()).exists()
    history = list(claim.events.values_list("action", "actor__username"))
    assert ("review", editor.username) in history and history[-1] == ("approve", other_editor.username)
    approval = claim.events.get(action="approve")
    assert approval.old_value["name"] == editor.username and approval.new_value["name"] == other_editor.username


def test_a_later_review_needs_a_new_approval(admin_user, editor, other_editor, claim):
    desk_settings_update(actor=admin_user, second_check=True)
    reviewed = _review(claim, editor)
    claim_approve(claim=reviewed, actor=other_editor, expected_version=reviewed.version)
    changed = _review(claim, editor, rating="misleading")
    assert not is_published(changed) and _published_ids() == set()
    with pytest.raises(ValidationError):
        claim_approve(claim=changed, actor=editor, expected_version=changed.version)
    assert is_published(claim_approve(claim=changed, actor=other_editor, expected_version=changed.version))


def test_the_approver_approves_the_version_they_saw(admin_user, editor, other_editor, claim):
    desk_settings_update(actor=admin_user, second_check=True)
    seen = _review(claim, editor)
    _review(claim, editor, rating="mixed")
    with pytest.raises(ClaimConflict):
        claim_approve(claim=seen, actor=other_editor, expected_version=seen.version)


def test_only_a_waiting_claim_can_be_approved(admin_user, editor, other_editor, claim):
    with pytest.raises(ValidationError, match="off"):
        claim_approve(claim=claim, actor=other_editor, expected_version=None)
    desk_settings_update(actor=admin_user, second_check=True)
    unrated = _review(claim, editor, attribution_status="confirmed")
    with pytest.raises(ValidationError, match="not waiting"):
        claim_approve(claim=unrated, actor=other_editor, expected_version=None)
    reviewed = _review(claim, editor, rating="true")
    claim_approve(claim=reviewed, actor=other_editor, expected_version=None)
    with pytest.raises(ValidationError, match="not waiting"):
        claim_approve(claim=reviewed, actor=UserFactory(editor=True), expected_version=None)


def test_switching_the_check_on_leaves_earlier_reviews_published(admin_user, editor, claim):
    earlier = _review(claim, editor)
    Claim.objects.filter(pk=claim.pk).update(reviewed_at=timezone.now() - dt.timedelta(minutes=5))
    desk_settings_update(actor=admin_user, second_check=True)
    earlier.refresh_from_db()
    assert is_published(earlier) and _published_ids() == {claim.pk}
    assert not claims_waiting_for_second_check(Claim.objects.all(), since=second_check_since()).exists()
    # Reviewed again once the check is on, it waits like any other.
    again = _review(claim, editor, rating="mixed")
    assert not is_published(again) and _published_ids() == set()


def test_switching_the_check_off_publishes_what_was_waiting(admin_user, editor, claim):
    desk_settings_update(actor=admin_user, second_check=True)
    _review(claim, editor)
    assert _published_ids() == set()
    desk_settings_update(actor=admin_user, second_check=False)
    assert _published_ids() == {claim.pk}


def test_workload_counts_reviews_waiting_for_a_second_check(admin_user, editor, claim):
    desk_settings_update(actor=admin_user, second_check=True)
    _review(claim, editor)
    rows = {w.username: w.waiting for w in desk_workload(since=second_check_since())}
    assert rows == {editor.username: 1}
