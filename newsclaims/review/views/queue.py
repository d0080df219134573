"""The review queue and its bulk actions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse

from newsclaims.claims.desk import assignable_editors
from newsclaims.claims.filters import ClaimQueueFilter
from newsclaims.claims.models import Claim
from newsclaims.claims.selectors import claim_queue, claim_row, claim_row_values, outlet_names
from newsclaims.claims.services import claim_bulk_review
from newsclaims.review.access import HtmxHttpRequest, editor_required, wants_fragment
from newsclaims.review.forms import BulkReviewForm, rating_options
from newsclaims.review.paging import CappedSearchPaginator, requested_page
from newsclaims.review.undo import Undo, UndoEntry
from newsclaims.review.views.claims import saved_trigger

PAGE_SIZE = 50


def _queue_context(params: QueryDict, request: HttpRequest) -> dict[str, object]:
    # Invalid fields are shown on the form and ignored; the rest still filter. The request: "assignee=me".
    filters = ClaimQueueFilter(params, queryset=claim_queue(), request=request)
    rows = claim_row_values(filters.qs)
    paginator: Paginator[Any] = Paginator(rows, PAGE_SIZE)
    search = (getattr(filters.form, "cleaned_data", {}).get("q") or "").strip()
    if search:
        # An exact count of a search's matches took a second at a million claims (bench/README.md).
        paginator = CappedSearchPaginator(
            rows,
            PAGE_SIZE,
            unfiltered=claim_row_values(claim_queue().order_by(*filters.qs.query.order_by)),
            matches=filters.qs,
            query=search,
            page=requested_page(params.get("page")),
        )
    page = paginator.get_page(params.get("page"))
    query = params.copy()
    query.pop("page", None)
    return {
        "filter_form": filters.form,
        "page": page,
        "claims": [claim_row(values) for values in page.object_list],
        "outlets": outlet_names(),
        "query": query.urlencode(),
        "queue_url": f"{reverse('queue')}?{params.urlencode()}" if params else reverse("queue"),
        "ratings": rating_options(),
        "bulk_actions": BulkReviewForm.ACTIONS,
        "assignees": assignable_editors(),
    }


def queue_results(request: HtmxHttpRequest) -> dict[str, object]:
    """The queue as the page the request came from shows it (an undo posts the queue's query along)."""
    return _queue_context(QueryDict(request.POST.get("query", "")), request)


@login_required
def queue(request: HtmxHttpRequest) -> HttpResponse:
    context = _queue_context(request.GET, request)
    template = "review/_queue_results.html" if wants_fragment(request) else "review/queue.html"
    return render(request, template, context)


@editor_required
def bulk_review(request: HtmxHttpRequest) -> HttpResponse:
    if request.method != "POST":
        return redirect("queue")
    form = BulkReviewForm(request.POST)
    back = QueryDict(request.POST.get("query", ""))
    status = 200
    undo = None
    if form.is_valid():
        claims = list(Claim.objects.filter(pk__in=form.cleaned_data["claims"]))
        before = {c.pk: c.version for c in claims}
        saved = claim_bulk_review(claims=claims, actor=request.user, **form.service_kwargs())
        label = f"{len(claims)} claim{'s' if len(claims) != 1 else ''} updated."
        messages.success(request, label)
        changed = tuple(UndoEntry(c.pk, before[c.pk], c.version) for c in saved if c.version > before[c.pk])
        undo = Undo(changed, label) if changed else None
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        status = 400
    if request.htmx:
        response = render(request, "review/_queue_results.html", _queue_context(back, request), status=status)
        return saved_trigger(response, None, undo, "queue", back.urlencode())
    return redirect(f"{reverse('queue')}?{back.urlencode()}" if back else reverse("queue"))
