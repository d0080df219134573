"""Published fact-checks, public (no login): a page per claim review with its ClaimReview JSON-LD, and feeds.

A claim is published once an editor confirmed its attribution and gave a verdict (api.claimreview.is_published).
Search engines read the page's embedded JSON-LD; the feeds let other sites follow new verdicts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.http import require_safe

from newsclaims.api.claimreview import (
    claim_reviewed_text,
    claimreview_jsonld,
    embeddable_json,
    escape_for_embedding,
    published_claims,
)
from newsclaims.claims.models import Claim, Rating

FEED_SIZE = 50


def _page_url(request: HttpRequest, claim: Claim) -> str:
    return request.build_absolute_uri(reverse("factcheck", args=[claim.pk]))


@require_safe
def factcheck_page(request: HttpRequest, pk: int) -> HttpResponse:
    claim = published_claims().filter(pk=pk).first()
    if claim is None:
        raise Http404("No published fact-check with this id.")
    jsonld = claimreview_jsonld(claim, url=_page_url(request, claim))
    context = {
        "claim": claim,
        "statement": claim_reviewed_text(claim.content_text),
        "verdict": Rating(claim.rating).label,
        "jsonld": embeddable_json(jsonld),
        "publisher_name": settings.NEWSCLAIMS_PUBLISHER_NAME,
        "page_url": jsonld["url"],
    }
    return render(request, "factchecks/factcheck.html", context)


@require_safe
def factcheck_index(request: HttpRequest) -> HttpResponse:
    claims = list(published_claims()[:FEED_SIZE])
    items = [(c, claim_reviewed_text(c.content_text), Rating(c.rating).label) for c in claims]
    return render(
        request, "factchecks/index.html", {"items": items, "publisher_name": settings.NEWSCLAIMS_PUBLISHER_NAME}
    )


@require_safe
def factcheck_feed_jsonld(request: HttpRequest) -> HttpResponse:
    """The latest published fact-checks as one JSON-LD ItemList of ClaimReviews."""
    reviews = [claimreview_jsonld(c, url=_page_url(request, c)) for c in published_claims()[:FEED_SIZE]]
    body = {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "url": request.build_absolute_uri(),
        "itemListElement": [
            {"@type": "ListItem", "position": i, "item": {k: v for k, v in r.items() if k != "@context"}}
            for i, r in enumerate(reviews, start=1)
        ],
    }
    response = JsonResponse(body, content_type="application/ld+json")
    response.content = escape_for_embedding(response.content)
    return response


if TYPE_CHECKING:
    _ClaimFeed = Feed[Claim, None]
else:
    _ClaimFeed = Feed  # generic only in django-stubs


class FactCheckAtomFeed(_ClaimFeed):
    feed_type = Atom1Feed
    link = "/fact-checks/"

    def title(self) -> str:
        return f"Fact-checks by {settings.NEWSCLAIMS_PUBLISHER_NAME}"

    def subtitle(self) -> str:
        return "Statements from the news, with who said them and our verdict."

    def items(self) -> list[Claim]:
        return list(published_claims()[:FEED_SIZE])

    def item_title(self, item: Claim) -> str:
        who = item.speaker.name if item.speaker else (item.speaker_name or "Unknown")
        return f"{Rating(item.rating).label}: {who}"

    def item_description(self, item: Claim) -> str:
        text = f"“{claim_reviewed_text(item.content_text)}”"
        return f"{text} {item.rating_explanation}".strip()

    def item_link(self, item: Claim) -> str:
        return reverse("factcheck", args=[item.pk])

    def item_pubdate(self, item: Claim) -> Any:
        return item.reviewed_at

    def item_updateddate(self, item: Claim) -> Any:
        return item.updated_at


urlpatterns = [
    path("", factcheck_index, name="factcheck_index"),
    path("feed.atom", FactCheckAtomFeed(), name="factcheck_feed_atom"),
    path("feed.jsonld", factcheck_feed_jsonld, name="factcheck_feed_jsonld"),
    path("<int:pk>/", factcheck_page, name="factcheck"),
]
