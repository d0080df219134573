"""The desk: who works on what (assigning articles and claims, each editor's load) and the second check.

"My queue" is the review queue with ``?assignee=me`` (claims.filters.AssigneeFilter), so it keeps every filter
and bulk action of the queue. The claim panel's and the article page's desk sections render from here (the
``desk`` template tags), and every form here also works as a plain post.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from newsclaims.claims.desk import (
    article_assign,
    assignable_editors,
    claim_approve,
    claim_assign,
    claim_waits_for_second_check,
    claims_waiting_for_second_check,
    desk_settings,
    desk_settings_update,
    desk_workload,
)
from newsclaims.claims.models import Article, AttributionStatus, Claim, Rating
from newsclaims.claims.roles import is_admin, is_editor
from newsclaims.claims.selectors import claim_history, claim_row, claim_row_values, claim_rows
from newsclaims.claims.services import ClaimConflict
from newsclaims.review.access import HtmxHttpRequest, editor_required, settings_admin_required
from newsclaims.review.forms import ApproveForm, AssignForm, DeskSettingsForm
from newsclaims.review.views.common import safe_next

PAGE_SIZE = 50


def _second_check_state(claim: Claim, since: Any) -> str:
    """Where the claim stands in the second check (which is on), for the claim panel."""
    if claim.attribution_status != AttributionStatus.CONFIRMED or claim.rating == Rating.NOT_RATED:
        return "not_ready"
    if claim_waits_for_second_check(claim, since):
        return "waiting"
    if claim.approved_at is not None and claim.reviewed_at is not None and claim.approved_at >= claim.reviewed_at:
        return "approved"
    return "before"


def _editors(request: HttpRequest) -> list[Any]:
    """Who an editor can assign to; read once per request (the article page with a claim open shows two selects),
    as roles.is_editor keeps its answer on the user."""
    if not is_editor(request.user):
        return []
    editors: list[Any] | None = getattr(request, "_newsclaims_editors", None)
    if editors is None:
        editors = list(assignable_editors())
        request._newsclaims_editors = editors  # type: ignore[attr-defined]
    return editors


def claim_desk_context(request: HttpRequest, claim: Claim, error: str = "") -> dict[str, Any]:
    since = desk_settings().second_check_since
    editor = is_editor(request.user)
    return {
        "claim": claim,
        "article": claim.article,
        "can_edit": editor,
        "editors": _editors(request),
        "second_check": since is not None,
        "check_state": _second_check_state(claim, since) if since is not None else "",
        "own_review": claim.reviewed_by_id == request.user.pk,
        "desk_error": error,
    }


def article_desk_context(request: HttpRequest, article: Article) -> dict[str, Any]:
    return {"article": article, "can_edit": is_editor(request.user), "editors": _editors(request)}


def _claim(pk: int) -> Claim:
    claim = Claim.objects.select_related("article__assignee", "assignee", "reviewed_by", "approved_by").filter(pk=pk)
    found = claim.first()
    if found is None:
        raise Http404("No such claim.")
    return found


def _claim_section(request: HttpRequest, pk: int, error: str = "", changed: bool = False) -> HttpResponse:
    context = claim_desk_context(request, _claim(pk), error)
    if changed:
        # An assignment or an approval is a history row: the panel's history is swapped in beside the section.
        context.update(history=claim_history(claim_id=pk), history_oob=True)
    return render(request, "review/_claim_desk.html", context)


@login_required
def claim_desk(request: HttpRequest, pk: int) -> HttpResponse:
    """The claim panel's desk section on its own: the panel reloads it after a review is saved."""
    return _claim_section(request, pk)


def _answer(
    request: HtmxHttpRequest, section: Callable[[], HttpResponse], fallback: str, error: str, status: int
) -> HttpResponse:
    """htmx gets the section again (with the error, if any); a plain post goes back where it came from."""
    if request.htmx:
        response = section()
        response.status_code = status
        return response
    if error:
        messages.error(request, error)
    return redirect(safe_next(request, fallback))


@editor_required
@require_POST
def claim_assign_view(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    claim = get_object_or_404(Claim, pk=pk)
    form = AssignForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            claim_assign(claim=claim, assignee=form.cleaned_data["assignee"], actor=request.user)
        except ValidationError as exc:
            error = " ".join(exc.messages)
    else:
        error = "Choose an editor from the list."
    section = partial(_claim_section, request, pk, error, changed=not error)
    return _answer(request, section, reverse("claim", args=[pk]), error, 400 if error else 200)


@editor_required
@require_POST
def claim_approve_view(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    claim = get_object_or_404(Claim, pk=pk)
    form = ApproveForm(request.POST)
    error, status = "", 200
    if not form.is_valid():
        error, status = "The approval did not say which version it approves; reload the claim.", 400
    else:
        try:
            claim_approve(claim=claim, actor=request.user, expected_version=form.cleaned_data["version"])
        except ClaimConflict:
            error, status = "The claim changed since you opened it: check the new version before approving.", 409
        except ValidationError as exc:
            error, status = " ".join(exc.messages), 400
    if not error and not request.htmx:
        messages.success(request, "Approved: the claim is published.")
    section = partial(_claim_section, request, pk, error, changed=not error)
    return _answer(request, section, reverse("claim", args=[pk]), error, status)


@editor_required
@require_POST
def article_assign_view(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article.objects.defer("text").select_related("assignee"), pk=pk)
    form = AssignForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            article_assign(article=article, assignee=form.cleaned_data["assignee"], actor=request.user)
        except ValidationError as exc:
            error = " ".join(exc.messages)
    else:
        error = "Choose an editor from the list."
    context = {**article_desk_context(request, article), "desk_error": error}
    section = partial(render, request, "review/_article_desk.html", context)
    return _answer(request, section, reverse("article", args=[pk]), error, 400 if error else 200)


@login_required
def desk_page(request: HttpRequest) -> HttpResponse:
    """Each editor's assigned and done claims, the second-check switch, and the claims waiting for it."""
    settings = desk_settings()
    waiting = claims_waiting_for_second_check(claim_rows(), since=settings.second_check_since)
    page = Paginator(claim_row_values(waiting, "reviewed_by_id"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "review/desk.html",
        {
            "settings": settings,
            "settings_form": DeskSettingsForm(initial={"second_check": settings.second_check}),
            "can_change_settings": is_admin(request.user),
            "workload": desk_workload(since=settings.second_check_since),
            "page": page,
            "waiting": [
                {**claim_row(values), "own": values["reviewed_by_id"] == request.user.pk} for values in page.object_list
            ],
        },
    )


@settings_admin_required
@require_POST
def desk_settings_view(request: HttpRequest) -> HttpResponse:
    form = DeskSettingsForm(request.POST)
    if form.is_valid():
        on = form.cleaned_data["second_check"]
        desk_settings_update(actor=request.user, second_check=on)
        messages.success(request, "Second check is on." if on else "Second check is off.")
    return redirect("desk")
