"""The job error for a task stopped by its Celery soft time limit (settings.CELERY_TASK_SOFT_TIME_LIMIT).

A stopped job fails at once with this message instead of being retried: the same slow site or the same
oversized article would only hit the limit again.
"""

from __future__ import annotations

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings


def time_limit_error(exc: BaseException) -> str | None:
    """The message to store on the job when ``exc`` is the soft time limit; None for any other exception."""
    if not isinstance(exc, SoftTimeLimitExceeded):
        return None
    limit = int(settings.CELERY_TASK_SOFT_TIME_LIMIT)
    return (
        f"Stopped after {limit} seconds, the time limit for one job (NEWSCLAIMS_TASK_SOFT_TIME_LIMIT). "
        "The page may be too slow to fetch or the article too long; nothing was stored."
    )
