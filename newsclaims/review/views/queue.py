"""The review queue and its bulk actions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse

from newsclaims.claims.filters import ClaimQueueFilter
from newsclaims.claims.models import Claim
from newsclaims.claims.selectors import claim_queue, claim_row, claim_row_values, outlet_names
from newsclaims.claims.services import claim_bulk_review
from newsclaims.review.access import HtmxHttpRequest, editor_required
from newsclaims.review.forms import BulkReviewForm, rating_options

PAGE_SIZE = 50


def _queue_context(params: QueryDict) -> dict[str, object]:
    # Invalid fields are shown on the form and ignored; the rest still filter.
    filters = ClaimQueueFilter(params, queryset=claim_queue())
    page = Paginator(claim_row_values(filters.qs), PAGE_SIZE).get_page(params.get("page"))
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
    }


@login_required
def queue(request: HtmxHttpRequest) -> HttpResponse:
    context = _queue_context(request.GET)
    template = "review/_queue_results.html" if request.htmx else "review/queue.html"
    return render(request, template, context)


@editor_required
def bulk_review(request: HtmxHttpRequest) -> HttpResponse:
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
                messages.error(request, str(error))
        status = 400
    if request.htmx:
        return render(request, "review/_queue_results.html", _queue_context(back), status=status)
    return redirect(f"{reverse('queue')}?{back.urlencode()}" if back else reverse("queue"))
