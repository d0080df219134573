"""``POST /articles/`` always answers with a job: a known article is a job already done, pointing to it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from newsclaims.claims import services as claim_services
from newsclaims.claims.models import Article
from newsclaims.ingestion.jobs import article_submit
from newsclaims.ingestion.models import IngestionJob
from newsclaims.ingestion.submission import parse_published_at

_TEXT_META = ("title", "outlet", "author")


def article_fill_metadata(*, article: Article, payload: dict[str, Any]) -> Article:
    """Metadata the submission brings and the stored article lacks is kept; what the article has is never replaced."""
    given: dict[str, Any] = {key: payload.get(key) or "" for key in _TEXT_META}
    published: dt.datetime | None = parse_published_at(payload.get("published_at"))
    missing = {key: value for key, value in given.items() if value and not getattr(article, key)}
    new_published = published if published is not None and article.published_at is None else None
    if not missing and new_published is None:
        return article
    return claim_services.article_update(
        article=article,
        title=missing.get("title", article.title),
        outlet=missing.get("outlet", article.outlet),
        author=missing.get("author", article.author),
        published_at=new_published or article.published_at,
        language=article.language,
    )


def article_submit_as_job(*, payload: dict[str, Any], source: str, created_by: Any = None) -> IngestionJob:
    """The job for a submission: a new ingestion job, or, for a stored article, a finished one that points to it.

    Not one transaction: a new job is published to the broker when its row commits, and the job returned must
    already say whether that worked (ingestion.jobs.ingestion_job_submit).
    """
    result = article_submit(payload=payload, source=source, created_by=created_by)
    if not isinstance(result, Article):
        job = result.job
        job.refresh_from_db()
        return job
    return ingestion_job_record_known(article=result, payload=payload, source=source, created_by=created_by)


@transaction.atomic
def ingestion_job_record_known(
    *, article: Article, payload: dict[str, Any], source: str, created_by: Any = None
) -> IngestionJob:
    """A finished job for a submission of an article already stored, after filling the metadata it lacked."""
    article_fill_metadata(article=article, payload=payload)
    user = created_by if created_by is not None and getattr(created_by, "is_authenticated", False) else None
    now = timezone.now()
    return IngestionJob.objects.create(
        source=source[:2000],
        status=IngestionJob.Status.DONE,
        article=article,
        created_by=user,
        articles_total=1,
        articles_existing=1,
        started_at=now,
        finished_at=now,
    )
