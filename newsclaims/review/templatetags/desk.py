"""The desk's sections of the claim panel and the article page (assignment, second check)."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from newsclaims.claims.models import Article, Claim
from newsclaims.review.views.desk import article_desk_context, claim_desk_context

register = template.Library()


@register.simple_tag(takes_context=True)
def claim_desk(context: template.Context, claim: Claim) -> SafeString:
    request: Any = context["request"]
    return render_to_string("review/_claim_desk.html", claim_desk_context(request, claim), request=request)


@register.simple_tag(takes_context=True)
def article_desk(context: template.Context, article: Article) -> SafeString:
    request: Any = context["request"]
    return render_to_string("review/_article_desk.html", article_desk_context(request, article), request=request)
