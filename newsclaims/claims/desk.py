"""Work shared by a desk: articles and claims assigned to editors, and the second check.

Writes follow services.py (keyword-only, one transaction each, a history row and a feed event per change); the
reads the desk's pages share sit at the end. What "published" means, with or without the second check, stays in
api.claimreview; this module only stores the setting and the approvals it reads.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from newsclaims.claims.events import Resource, Type, event_record
from newsclaims.claims.models import Article, AttributionStatus, Claim, ClaimEvent, DeskSettings, Rating
from newsclaims.claims.querysets import in_subquery
from newsclaims.claims.roles import EDITORS_GROUP, is_editor
from newsclaims.claims.services import ClaimConflict, User, _actor, _claims_touched

SETTINGS_ID = 1

# --- settings ----------------------------------------------------------------------------


def desk_settings() -> DeskSettings:
    """The desk's settings; the defaults (second check off) until an admin first saves them."""
    return DeskSettings.objects.filter(pk=SETTINGS_ID).first() or DeskSettings(pk=SETTINGS_ID)


def second_check_since() -> dt.datetime | None:
    """When the second check was switched on, or None while it is off."""
    since: dt.datetime | None = (
        DeskSettings.objects.filter(pk=SETTINGS_ID).values_list("second_check_since", flat=True).first()
    )
    return since


@transaction.atomic
def desk_settings_update(*, actor: User, second_check: bool) -> DeskSettings:
    """Switch the second check on or off. Switching it on retracts nothing: claims reviewed before then stay
    published; a claim reviewed from then on waits for a different editor's approval."""
    settings, _ = DeskSettings.objects.select_for_update().get_or_create(pk=SETTINGS_ID)
    if settings.second_check == second_check:
        return settings
    if not second_check and settings.second_check_since is not None:
        # Switching it off publishes every claim still waiting for approval: a client in sync through the feed
        # must hear that their ClaimReview now exists.
        waiting = Claim.objects.filter(waiting_for_second_check(settings.second_check_since))
        ids = list(waiting.values_list("pk", flat=True))
        _claims_touched(ids, actor=_actor(actor), payload={"fields": ["published"], "second_check": False})
    settings.second_check = second_check
    settings.second_check_since = timezone.now() if second_check else None
    settings.updated_by = _actor(actor)
    settings.save()
    return settings


# --- assignment ----------------------------------------------------------------------------


def _user_value(user: Any) -> dict[str, Any] | None:
    return None if user is None else {"id": user.pk, "name": user.get_username()}


def _check_assignee(assignee: AbstractBaseUser | None) -> None:
    if assignee is not None and not (assignee.is_active and is_editor(assignee)):
        raise ValidationError("Claims can only be assigned to editors.")


@transaction.atomic
def article_assign(*, article: Article, assignee: AbstractBaseUser | None, actor: User) -> Article:
    """Give an article (every claim of it not assigned on its own) to an editor; None takes it back."""
    _check_assignee(assignee)
    stored = Article.objects.select_for_update().defer("text").get(pk=article.pk)
    new_id = assignee.pk if assignee is not None else None
    article.assignee = assignee  # type: ignore[assignment]
    if stored.assignee_id == new_id:
        return article
    Article.objects.filter(pk=article.pk).update(assignee=assignee, updated_at=timezone.now())
    who = _actor(actor)
    event_record(
        type=Type.UPDATED, resource=Resource.ARTICLE, ids=[article.pk], actor=who, payload={"fields": ["assignee"]}
    )
    # A claim's row shows its article's assignee unless it has its own.
    ids = list(Claim.objects.filter(article_id=article.pk, assignee__isnull=True).values_list("pk", flat=True))
    _claims_touched(ids, actor=who, payload={"article": article.pk, "fields": ["assignee"]})
    return article


@transaction.atomic
def claim_assign(*, claim: Claim, assignee: AbstractBaseUser | None, actor: User) -> Claim:
    """Give one claim to an editor, ahead of its article's assignee; None leaves it to the article's.

    The history keeps who assigned it to whom. Not a review: the version stays, so an open review form still saves.
    """
    _check_assignee(assignee)
    current = Claim.objects.select_for_update(of=("self",)).select_related("assignee").get(pk=claim.pk)
    if current.assignee_id == (assignee.pk if assignee is not None else None):
        return current
    who = _actor(actor)
    ClaimEvent.objects.create(
        claim=current,
        actor=who,
        action="assign",
        field="assignee",
        old_value=_user_value(current.assignee),
        new_value=_user_value(assignee),
        version=current.version,
    )
    current.assignee = assignee  # type: ignore[assignment]
    current.save(update_fields=["assignee", "updated_at"])
    event_record(
        type=Type.UPDATED, resource=Resource.CLAIM, ids=[current.pk], actor=who, payload={"fields": ["assignee"]}
    )
    return current


def assigned_to(user_id: int) -> Q:
    """Claims that are the editor's: assigned to them, or of an article assigned to them and not to someone else."""
    # The article's side as an id list, not a join: an OR across a join is tested on every claim (630 ms for an
    # editor with no assignment at a million claims), an OR of two indexed conditions is not (bench/README.md).
    articles = Article.objects.filter(assignee_id=user_id).order_by().values("pk")
    return Q(assignee_id=user_id) | (Q(assignee__isnull=True) & in_subquery("article_id", articles))


# --- the second check --------------------------------------------------------------------


def waiting_for_second_check(since: dt.datetime) -> Q:
    """Reviewed (confirmed and rated) since the second check was switched on, and that review not yet approved:
    everything api.claimreview.claimreview_published requires but the approval."""
    return (
        Q(attribution_status=AttributionStatus.CONFIRMED)
        & ~Q(rating=Rating.NOT_RATED)
        & Q(reviewed_at__gte=since)
        & (Q(approved_at__isnull=True) | Q(approved_at__lt=F("reviewed_at")))
    )


def claim_waits_for_second_check(claim: Claim, since: dt.datetime | None) -> bool:
    """``waiting_for_second_check`` for one claim in memory (``since`` None: the check is off)."""
    return (
        since is not None
        and claim.attribution_status == AttributionStatus.CONFIRMED
        and claim.rating != Rating.NOT_RATED
        and claim.reviewed_at is not None
        and claim.reviewed_at >= since
        and (claim.approved_at is None or claim.approved_at < claim.reviewed_at)
    )


@transaction.atomic
def claim_approve(*, claim: Claim, actor: User, expected_version: int | None) -> Claim:
    """A second editor approves a claim's review, which publishes it while the second check is on.

    Refused (ValidationError) when the check is off, when the claim is not waiting for it, and when the approver
    is the editor who reviewed it; refused with ClaimConflict when the claim changed since the approver saw it.
    """
    since = second_check_since()
    if since is None:
        raise ValidationError("The second check is off: a reviewed claim is published without an approval.")
    current = Claim.objects.select_for_update(of=("self",)).select_related("reviewed_by").get(pk=claim.pk)
    if expected_version is not None and current.version != expected_version:
        raise ClaimConflict(current)
    who = _actor(actor)
    if who is None or not is_editor(who):
        raise ValidationError("Only an editor can approve a claim.")
    if not claim_waits_for_second_check(current, since):
        raise ValidationError("This claim is not waiting for a second check: only a confirmed, rated review is.")
    if current.reviewed_by_id == who.pk:
        raise ValidationError("You reviewed this claim: a different editor must approve it.")
    current.approved_by = who
    current.approved_at = timezone.now()
    current.save(update_fields=["approved_by", "approved_at", "updated_at"])
    ClaimEvent.objects.create(
        claim=current,
        actor=who,
        action="approve",
        field="second_check",
        old_value=_user_value(current.reviewed_by),
        new_value=_user_value(who),
        version=current.version,
    )
    payload = {"fields": ["approved_by", "approved_at"], "version": current.version}
    event_record(type=Type.REVIEWED, resource=Resource.CLAIM, ids=[current.pk], actor=who, payload=payload)
    return current


# --- reads for the desk's pages --------------------------------------------------------------


def assignable_editors() -> QuerySet[Any]:
    """Active editors and admins, by name: who a claim or an article can be given to."""
    users = get_user_model()._default_manager.filter(is_active=True)
    return (
        users.filter(Q(groups__name=EDITORS_GROUP) | Q(is_staff=True) | Q(is_superuser=True))
        .distinct()
        .order_by("username")
    )


@dataclass(frozen=True)
class Workload:
    user_id: int
    username: str
    assigned: int
    done: int  # reviewed: no longer "unreviewed"
    waiting: int  # reviewed by them, waiting for someone else's second check

    @property
    def open(self) -> int:
        return self.assigned - self.done


def desk_workload(*, since: dt.datetime | None) -> list[Workload]:
    """Per editor with claims assigned (directly or through the article): how many, and how many are done.

    ``since`` is ``second_check_since()`` (None: the check is off), read once by the page that shows it all."""
    assigned = (
        Claim.objects.annotate(who=Coalesce("assignee_id", "article__assignee_id"))
        .filter(who__isnull=False)
        .values("who")
        .annotate(n=Count("id"), done=Count("id", filter=~Q(attribution_status=AttributionStatus.UNREVIEWED)))
        .order_by()
    )
    counts: dict[int, tuple[int, int]] = {row["who"]: (row["n"], row["done"]) for row in assigned}
    waiting: dict[int, int] = {}
    if since is not None:
        rows = Claim.objects.filter(waiting_for_second_check(since), reviewed_by__isnull=False)
        waiting = {r["reviewed_by"]: r["n"] for r in rows.values("reviewed_by").annotate(n=Count("id")).order_by()}
    users = get_user_model()._default_manager.filter(pk__in={*counts, *waiting}).order_by("username")
    return [
        Workload(
            user_id=user.pk,
            username=user.get_username(),
            assigned=counts.get(user.pk, (0, 0))[0],
            done=counts.get(user.pk, (0, 0))[1],
            waiting=waiting.get(user.pk, 0),
        )
        for user in users
    ]


def claims_waiting_for_second_check(queryset: QuerySet[Claim], *, since: dt.datetime | None) -> QuerySet[Claim]:
    """``queryset`` narrowed to the claims waiting for a second check, longest waiting first; none while it is off
    (``since`` as for ``desk_workload``)."""
    if since is None:
        return queryset.none()
    return queryset.filter(waiting_for_second_check(since)).order_by("reviewed_at", "id")


def desk_overview() -> dict[str, Any]:
    """What the dashboard shows of the desk: each editor's load and how many claims wait for a second check."""
    since = second_check_since()
    waiting = Claim.objects.filter(waiting_for_second_check(since)).count() if since is not None else 0
    return {"workload": desk_workload(since=since), "second_check": since is not None, "waiting_count": waiting}
