"""The review queue's Export button: the API's CSV and ClaimReview exports, fed by the queue's own filters.

The queue's parameters are not the API's (``speaker`` is a name, ``status`` defaults to unreviewed, dates are
days), so linking to ``/api/v1/claims/export.csv`` with the queue's query string would export something else.
These views are the API's export views with the queue's FilterSet swapped in: the same streaming, columns,
ClaimReview documents, authentication, throttles and errors. Pages whose filters are the API's (search, a
speaker's claims) link to the API's exports directly (templatetags ``export_buttons``).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from newsclaims.api.views.claims import ClaimExportView, ClaimReviewExportView
from newsclaims.claims.filters import ClaimQueueFilter
from newsclaims.claims.models import Claim

# The queue's sort as the exports' ordering (api/pagination.py); an unknown one keeps the export's default.
SORT_ORDERINGS = {
    "confidence": "confidence",
    "-confidence": "-confidence",
    "newest": "-published_at",
    "oldest": "published_at",
}


def _queue_filtered(request: Any, queryset: QuerySet[Claim, Any]) -> QuerySet[Claim, Any]:
    # The queue's form, read as the page reads it (fields it cannot read are ignored, as the page shows).
    filtered: QuerySet[Claim, Any] = ClaimQueueFilter(request.query_params, queryset=queryset).qs
    return filtered


class QueueCsvExportView(ClaimExportView):
    filterset_class = ClaimQueueFilter
    schema = None  # a page's, not the API's: not in the API's schema

    def filter_queryset(self, queryset: QuerySet[Claim, Any]) -> QuerySet[Claim, Any]:
        return _queue_filtered(self.request, queryset)


class QueueClaimReviewExportView(ClaimReviewExportView):
    filterset_class = ClaimQueueFilter
    schema = None

    def filter_queryset(self, queryset: QuerySet[Claim, Any]) -> QuerySet[Claim, Any]:
        return _queue_filtered(self.request, queryset)
