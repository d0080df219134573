"""The review queue and its bulk actions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse

from newsclaims.claims.models import Claim
from newsclaims.claims.selectors import claim_queue, outlet_names
from newsclaims.claims.services import claim_bulk_review
from newsclaims.review.access import editor_required
from newsclaims.review.forms import BulkReviewForm, QueueFilterForm, rating_options

PAGE_SIZE = 50


def _queue_context(request: HttpRequest, params: QueryDict) -> dict[str, object]:
    form = QueueFilterForm(params)
    form.is_valid()  # invalid fields are shown and ignored, the rest still filter
    page = Paginator(claim_queue(filters=form.filters()), PAGE_SIZE).get_page(params.get("page"))
    query = params.copy()
    query.pop("page", None)
    return {
        "filter_form": form,
        "page": page,
        "claims": page.object_list,
        "outlets": outlet_names(),
        "query": query.urlencode(),
        "queue_url": f"{reverse('queue')}?{params.urlencode()}" if params else reverse("queue"),
        "ratings": rating_options(),
        "bulk_actions": BulkReviewForm.ACTIONS,
    }


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    context = _queue_context(request, request.GET)
    template = "review/_queue_results.html" if request.htmx else "review/queue.html"
    return render(request, template, context)


@editor_required
def bulk_review(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return redirect("queue")
    form = BulkReviewForm(request.POST)
    back = QueryDict(request.POST.get("query", ""))
    status = 200
    if form.is_valid():
        claims = list(Claim.objects.filter(pk__in=form.cleaned_data["claims"]))
        claim_bulk_review(claims=claims, actor=request.user, **form.service_kwargs())
        messages.success(request, f"{len(claims)} claim{'s' if len(claims) != 1 else ''} updated.")
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        status = 400
    if request.htmx:
        return render(request, "review/_queue_results.html", _queue_context(request, back), status=status)
    return redirect(f"{reverse('queue')}?{back.urlencode()}" if back else reverse("queue"))
