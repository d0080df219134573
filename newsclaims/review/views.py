from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from newsclaims.claims.models import Article
from newsclaims.claims.selectors import dashboard_counts


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "review/dashboard.html",
        {"counts": dashboard_counts(), "articles": Article.objects.with_claim_counts()[:20]},
    )
