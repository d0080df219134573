"""The review queue's Export button: the API's CSV and ClaimReview exports, fed by the queue's own filters.

The queue's parameters are not the API's (``speaker`` is a name, ``status`` defaults to unreviewed, dates are
days), so linking to ``/api/v1/claims/export.csv`` with the queue's query string would export something else.
These views are the API's export views with the queue's FilterSet swapped in: the same streaming, columns,
ClaimReview documents, authentication, throttles and errors. A speaker page's filters are its own too (its dates
count undated articles by the day they were stored), so its exports apply them the same way. Search, whose
parameters are the API's, links to the API's exports directly (templatetags ``export_buttons``).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from rest_framework.request import Request

from newsclaims.api.views.base import ApiView
from newsclaims.api.views.claims import ClaimExportView, ClaimReviewExportView
from newsclaims.claims.filters import ClaimQueueFilter, SpeakerClaimFilter
from newsclaims.claims.models import Claim
from newsclaims.claims.selectors import speaker_current_id

# The queue's sort as the exports' ordering (api/pagination.py); an unknown one keeps the export's default.
SORT_ORDERINGS = {
    "confidence": "confidence",
    "-confidence": "-confidence",
    "newest": "-published_at",
    "oldest": "published_at",
}


class QueueExport(ApiView[Claim]):
    """The queue's form, read as the page reads it (fields it cannot read are ignored, as the page shows)."""

    filterset_class = ClaimQueueFilter
    schema = None  # a page's, not the API's: not in the API's schema

    def filter_queryset(self, queryset: QuerySet[Claim, Any]) -> QuerySet[Claim, Any]:
        filtered: QuerySet[Claim, Any] = ClaimQueueFilter(
            self.request.query_params, queryset=queryset, request=self.request
        ).qs
        return filtered


class QueueCsvExportView(QueueExport, ClaimExportView):
    pass


class QueueClaimReviewExportView(QueueExport, ClaimReviewExportView):
    pass


class SpeakerExport(ApiView[Claim]):
    """One speaker's claims through the speaker page's own filters."""

    filterset_class = SpeakerClaimFilter
    schema = None

    def filter_queryset(self, queryset: QuerySet[Claim, Any]) -> QuerySet[Claim, Any]:
        # A merged-away id exports its survivor's claims, as its page redirects there.
        pk = int(self.kwargs["pk"])
        speaker_id = speaker_current_id(pk=pk) or pk
        filtered: QuerySet[Claim, Any] = SpeakerClaimFilter(
            self.request.query_params, queryset=queryset.filter(speaker_id=speaker_id), request=self.request
        ).qs
        return filtered

    def get(self, request: Request, pk: int) -> StreamingHttpResponse:  # pk: self.kwargs
        response: StreamingHttpResponse = super().get(request)  # type: ignore[misc]  # the export view's get
        return response


class SpeakerCsvExportView(SpeakerExport, ClaimExportView):  # type: ignore[misc]  # get takes the url's pk
    pass


class SpeakerClaimReviewExportView(SpeakerExport, ClaimReviewExportView):  # type: ignore[misc]
    pass
