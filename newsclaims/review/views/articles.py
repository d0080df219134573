"""The article list, the article page with its highlighted text, adding an article, and the ingestion job page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from newsclaims.claims.desk import assignable_editors
from newsclaims.claims.filters import ArticlePageFilter
from newsclaims.claims.models import Article
from newsclaims.claims.roles import is_editor
from newsclaims.claims.selectors import article_detail, article_progress_list, claim_detail, claim_rows, outlet_names
from newsclaims.ingestion.errors import IngestionError
from newsclaims.ingestion.jobs import article_submit
from newsclaims.ingestion.models import IngestionJob
from newsclaims.review.access import HtmxHttpRequest, editor_required, wants_fragment
from newsclaims.review.forms import AddArticleForm
from newsclaims.review.parts import article_parts
from newsclaims.review.views.claims import panel_context

ARTICLES_PAGE_SIZE = 50


@login_required
def article_list_page(request: HtmxHttpRequest) -> HttpResponse:
    # Invalid fields are shown on the form and ignored; the rest still filter (as in the queue).
    filters = ArticlePageFilter(request.GET, queryset=claim_rows(), request=request)  # the request: "assignee=me"
    page = Paginator(filters.articles(article_progress_list()), ARTICLES_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"filter_form": filters.form, "page": page, "outlets": outlet_names(), "query": query.urlencode()}
    context["assignees"] = assignable_editors()
    template = "review/_article_results.html" if wants_fragment(request) else "review/articles.html"
    return render(request, template, context)


@login_required
def article_page(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        article = article_detail(pk=pk)
    except Article.DoesNotExist:
        raise Http404("No such article.") from None
    parts = article_parts(article)
    context: dict[str, Any] = {}
    selected = request.GET.get("claim", "")
    if selected.isascii() and selected.isdigit() and any(c.pk == int(selected) for c in parts["claims"]):
        # ?claim= opens that statement in the panel without JavaScript too
        context = {**panel_context(request, claim_detail(pk=int(selected))), "has_panel": True}
    context.update(parts, can_edit=is_editor(request.user))
    return render(request, "review/article.html", context)


@editor_required
def article_new(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return render(request, "review/article_new.html", {"form": AddArticleForm()})
    # A body over DATA_UPLOAD_MAX_MEMORY_SIZE is refused earlier, by Django, with templates/400.html.
    form = AddArticleForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "review/article_new.html", {"form": form}, status=400)
    try:
        result = article_submit(payload=form.submission, source=form.source(), created_by=request.user)
    except IngestionError as exc:
        form.add_error(None, str(exc))
        return render(request, "review/article_new.html", {"form": form}, status=400)
    if isinstance(result, Article):
        messages.info(request, "This article is already stored; here it is.")
        return redirect("article", pk=result.pk)
    return redirect("job", pk=result.job.pk)


@login_required
def job_page(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(IngestionJob.objects.select_related("article"), pk=pk)
    finished = job.status in (IngestionJob.Status.DONE, IngestionJob.Status.FAILED)
    article_url = reverse("article", args=[job.article_id]) if job.article_id else ""
    context = {"job": job, "finished": finished, "article_url": article_url}
    template = "review/_job_status.html" if request.htmx else "review/job.html"
    return render(request, template, context)
