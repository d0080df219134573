"""Dashboard and search."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from newsclaims.claims.models import Article, AttributionStatus, Rating
from newsclaims.claims.selectors import claims_reviewed_by, dashboard_counts, site_search


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    counts = dashboard_counts()
    return render(
        request,
        "review/dashboard.html",
        {
            "status_counts": [(v, label, counts["status"][v]) for v, label in AttributionStatus.choices],
            "rating_counts": [(v, label, counts["rating"][v]) for v, label in Rating.choices],
            "total": sum(counts["status"].values()),
            "articles": Article.objects.with_claim_counts()[:10],
            "my_reviews": claims_reviewed_by(user=request.user),
        },
    )


@login_required
def search(request: HttpRequest) -> HttpResponse:
    # PostgreSQL text cannot hold NUL, and a NUL in a lookup is a database error rather than no match.
    q = request.GET.get("q", "").replace("\x00", "")[:200]
    return render(request, "review/search.html", {"q": q, "results": site_search(q=q)})
