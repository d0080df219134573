"""Dashboard, search and the favicon."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils.cache import patch_cache_control

from newsclaims.claims.desk import desk_overview
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
            # Explicit: Meta.ordering is not applied to a query with GROUP BY (the claim counts).
            "articles": Article.objects.with_claim_counts().order_by("-created_at", "-id")[:10],
            "my_reviews": claims_reviewed_by(user=request.user),
            **desk_overview(),
        },
    )


@login_required
def search(request: HttpRequest) -> HttpResponse:
    # PostgreSQL text cannot hold NUL, and a NUL in a lookup is a database error rather than no match.
    q = request.GET.get("q", "").replace("\x00", "")[:200]
    return render(request, "review/search.html", {"q": q, "results": site_search(q=q)})


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers and feed readers ask for /favicon.ico whatever a page links: send them to the static icon.
    Not permanent: the static address carries a content hash that changes with the icon."""
    response = redirect(static("favicon.svg"))
    patch_cache_control(response, public=True, max_age=24 * 3600)
    return response
