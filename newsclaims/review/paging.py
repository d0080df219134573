"""A page of search results whose count stops at a cap (the review queue's ``q``)."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

from django.core.paginator import Paginator
from django.db.models import QuerySet

from newsclaims.claims.search import claim_search_rows

if TYPE_CHECKING:
    _Paginator = Paginator[Any]
else:  # Paginator is generic only in the type stubs
    _Paginator = Paginator

# An editor reads "more than 1,000" as well as an exact figure, and the exact figure of a common word is a count
# of a tenth of the archive (a second at a million claims).
COUNT_CAP = 1000


def requested_page(value: object) -> int:
    """The page number a request asks for, as Paginator.get_page will read it (1 when unreadable)."""
    try:
        return max(1, int(str(value)))
    except (TypeError, ValueError):
        return 1


class CappedSearchPaginator(_Paginator):
    """Counts at most ``cap`` matches, enough to know whether the requested page has a next one.

    ``rows`` are the page's columns of the filtered claims, ordered; ``unfiltered`` the same columns and order
    for every claim; ``matches`` the filtered claims. When every match was counted (there are few), the page is
    ``unfiltered`` restricted to the matches collected first (``claim_search_rows``, fenced): as a
    plain WHERE under ORDER BY ... LIMIT, PostgreSQL walks the queue's index testing every claim for a rare word
    (2.3 s at a million claims). When the cap was reached, matches are common and that walk finds a page soon.
    Two queries, as Django's Paginator.
    """

    def __init__(
        self,
        rows: QuerySet[Any, Any],
        per_page: int,
        *,
        unfiltered: QuerySet[Any, Any],
        matches: QuerySet[Any],
        query: str,
        page: int,
    ) -> None:
        super().__init__(rows, per_page)
        self._unfiltered = unfiltered
        self._matches = matches.order_by().values("pk")
        self._query = query
        # A page beyond the cap must still know whether another follows it.
        self.cap = max(COUNT_CAP, page * per_page)

    @cached_property
    def count(self) -> int:
        counted: int = self._matches[: self.cap + 1].count()
        return counted

    @property
    def capped(self) -> bool:
        """True when there are more matches than ``cap``: ``count`` is then a lower bound, not the total."""
        return self.count > self.cap

    def page(self, number: Any) -> Any:
        if not self.capped:
            self.object_list = claim_search_rows(self._unfiltered, self._matches, query=self._query, ranked=False)
        return super().page(number)
