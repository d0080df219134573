"""Ingestion services: an article (text, HTML or URL) in, the article and its claims stored in one transaction.

Idempotent: the same URL or the same text (content hash) returns the stored article instead of a duplicate.
Fetching and the engine run before the transaction opens, so a slow page or parse never holds database locks.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from newsclaims.attribution import ENGINE_VERSION, Statement, extract
from newsclaims.claims import services as claim_services
from newsclaims.claims.models import Article, Claim, ClaimKind
from newsclaims.ingestion.models import IngestionJob
from newsclaims.ingestion.errors import IngestionError
from newsclaims.ingestion.sources import Draft, prepare, validate_payload
from newsclaims.ingestion.speakers import SpeakerResolver

__all__ = [
    "IngestResult",
    "IngestionError",
    "article_ingest",
    "claims_from_statements",
    "ingestion_find_existing",
    "ingestion_job_run",
    "ingestion_job_submit",
    "store_draft",
    "store_drafts",
]

log = logging.getLogger(__name__)

# Widths of the Claim text columns: a longer span is dropped rather than truncated, so offsets stay true.
_SPAN_LIMITS = {"speaker": 1000, "cue": 200}


@dataclass(frozen=True)
class IngestResult:
    article: Article
    created: bool  # False: the article was already stored (same URL or same text hash)
    claims_created: int


def _span(prefix: str, span: Any, text: str) -> dict[str, Any]:
    limit = _SPAN_LIMITS.get(prefix)
    if span is None or not (0 <= span.start < span.end <= len(text)) or (limit and span.end - span.start > limit):
        return {f"{prefix}_text": "", f"{prefix}_start": None, f"{prefix}_end": None}
    return {f"{prefix}_text": text[span.start : span.end], f"{prefix}_start": span.start, f"{prefix}_end": span.end}


def claims_from_statements(
    article: Article, statements: Sequence[Statement], resolver: SpeakerResolver, *, engine_version: str
) -> list[Claim]:
    """Unsaved Claims for the engine's statements; span texts are cut from the stored article text."""
    text = article.text
    claims = []
    for st in statements:
        content = _span("content", st.content, text)
        if content["content_start"] is None:
            log.warning("article %s: engine statement with an invalid content span skipped", article.pk)
            continue
        speaker = resolver.resolve(name=st.speaker_name, kind=st.speaker_kind, role=st.speaker_role)
        claims.append(
            Claim(
                article=article,
                speaker=speaker,
                **content,
                **_span("speaker", st.speaker, text),
                **_span("cue", st.cue, text),
                kind=st.kind if st.kind in ClaimKind.values else ClaimKind.INDIRECT,
                via=list(st.via),
                speaker_name=(st.speaker_name or "")[:300],
                speaker_role=(st.speaker_role or "")[:300],
                cue_meaning=(st.cue_meaning or "")[:12],
                confidence=min(1.0, max(0.0, float(st.confidence))),
                engine_version=engine_version,
            )
        )
    return claims


def _new_article(draft: Draft, engine_version: str) -> Article:
    """An unsaved Article. Its fields were checked when the draft was prepared, so no full_clean queries here."""
    if not draft.text.strip():
        raise IngestionError("The article is empty.")
    return Article(
        text=draft.text,
        content_hash=claim_services.content_hash(draft.text),
        title=draft.title[:500],
        url=draft.url or None,
        outlet=draft.outlet[:200],
        author=draft.author[:500],
        published_at=draft.published_at,
        engine_version=engine_version,
    )


def _stored_copy(article: Article) -> Article | None:
    return Article.objects.filter(content_hash=article.content_hash).first() or (
        Article.objects.filter(url=article.url).first() if article.url else None
    )


def store_draft(
    draft: Draft,
    statements: Sequence[Statement],
    *,
    resolver: SpeakerResolver | None = None,
    engine_version: str = ENGINE_VERSION,
) -> IngestResult:
    """The article and its claims, all or nothing. A duplicate (even a concurrent one) returns the stored article."""
    resolver = resolver or SpeakerResolver()
    article = _new_article(draft, engine_version)
    if (known := _stored_copy(article)) is not None:
        return IngestResult(article=known, created=False, claims_created=0)
    try:
        with transaction.atomic():
            article.save()
            claims = Claim.objects.bulk_create(
                claims_from_statements(article, statements, resolver, engine_version=engine_version)
            )
    except IntegrityError:
        resolver.discard()
        # Lost a race with a concurrent ingest of the same article: theirs stands.
        if (known := _stored_copy(article)) is None:
            raise
        return IngestResult(article=known, created=False, claims_created=0)
    except BaseException:
        resolver.discard()
        raise
    resolver.commit()
    return IngestResult(article=article, created=True, claims_created=len(claims))


def store_drafts(
    pairs: Sequence[tuple[Draft, Sequence[Statement]]],
    *,
    resolver: SpeakerResolver | None = None,
    engine_version: str = ENGINE_VERSION,
) -> list[IngestResult]:
    """Many new articles with their claims in one transaction and two bulk inserts; all stored or none.

    The caller has already dropped stored duplicates; a concurrent duplicate or a bad row rolls the whole batch
    back with the error, and the caller can then store the articles one by one (see ``bulk``).
    """
    resolver = resolver or SpeakerResolver()
    try:
        with transaction.atomic():
            articles = Article.objects.bulk_create([_new_article(d, engine_version) for d, _ in pairs])
            per_article = [
                claims_from_statements(article, found, resolver, engine_version=engine_version)
                for article, (_, found) in zip(articles, pairs, strict=True)
            ]
            Claim.objects.bulk_create([claim for claims in per_article for claim in claims])
    except BaseException:
        resolver.discard()
        raise
    resolver.commit()
    return [
        IngestResult(article=article, created=True, claims_created=len(claims))
        for article, claims in zip(articles, per_article, strict=True)
    ]


def ingestion_find_existing(*, text: str | None = None, url: str | None = None) -> Article | None:
    """Cheap duplicate check (content hash, then URL) used before queueing or running the engine."""
    if text and text.strip():
        found = Article.objects.filter(content_hash=claim_services.content_hash(text)).first()
        if found is not None:
            return found
    if url:
        return Article.objects.filter(url=url.strip()).first()
    return None


def article_ingest(
    *,
    text: str | None = None,
    html: str | None = None,
    url: str | None = None,
    title: str = "",
    outlet: str = "",
    author: str = "",
    published_at: Any = None,
) -> IngestResult:
    """Store one article with its claims; raises IngestionError (nothing stored) for bad input or a failed fetch."""
    payload = {"text": text, "html": html, "url": url, "title": title, "outlet": outlet, "author": author}
    payload["published_at"] = published_at
    clean = validate_payload(payload)
    if "url" in clean and (known := ingestion_find_existing(url=clean["url"])) is not None:
        return IngestResult(article=known, created=False, claims_created=0)
    draft = prepare(clean)
    if (known := ingestion_find_existing(text=draft.text, url=draft.url)) is not None:
        return IngestResult(article=known, created=False, claims_created=0)
    return store_draft(draft, extract(draft.text, pipeline=settings.NEWSCLAIMS_SPACY_MODEL))


# --- jobs -----------------------------------------------------------------------------


def ingestion_job_submit(*, payload: dict[str, Any], source: str, created_by: Any = None) -> IngestionJob:
    """Validate, record a queued job, then hand it to a worker on commit (or run it now when there is no broker)."""
    from config.celery import app

    clean = validate_payload(payload)
    user = created_by if created_by is not None and getattr(created_by, "is_authenticated", False) else None
    job = IngestionJob.objects.create(
        source=(source or clean.get("url") or "text")[:2000], payload=clean, created_by=user, articles_total=1
    )
    job.delayed = False  # type: ignore[attr-defined]
    if app.conf.task_always_eager:
        return ingestion_job_run(job_id=job.pk, final=True)
    # Outside a transaction this runs now, so the caller sees ``job.delayed`` / ``job.error`` on return.
    transaction.on_commit(lambda: _dispatch(job))
    return job


def _dispatch(job: IngestionJob) -> None:
    from newsclaims.ingestion.queue import broker_down_runs_inline, ingestion_job_publish

    if ingestion_job_publish(job=job) or not broker_down_runs_inline():
        return
    log.warning("broker unavailable: running ingestion job %s in this process", job.pk)
    ingestion_job_run(job_id=job.pk, final=True)
    job.refresh_from_db()
    job.delayed = False  # type: ignore[attr-defined]


def _finish(job_id: int, **fields: Any) -> IngestionJob:
    with transaction.atomic():
        job = IngestionJob.objects.select_for_update().get(pk=job_id)
        if job.status in (IngestionJob.Status.DONE, IngestionJob.Status.FAILED):
            return job  # a redelivered copy of the task finished first
        for key, value in fields.items():
            setattr(job, key, value)
        job.finished_at = timezone.now()
        job.save()
        return job


def ingestion_job_run(*, job_id: int, final: bool = True) -> IngestionJob:
    """Run a queued job; safe to run twice. Unexpected errors are re-raised for a retry unless ``final``.

    Twice, even at once (a redelivered or requeued message): the article's unique hash and URL let one copy store
    it and the other find it stored, and ``_finish`` keeps whichever result came first.
    """
    with transaction.atomic():
        job = IngestionJob.objects.select_for_update().get(pk=job_id)
        if job.status in (IngestionJob.Status.DONE, IngestionJob.Status.FAILED):
            return job
        job.status = IngestionJob.Status.RUNNING
        job.attempts += 1
        job.started_at = job.started_at or timezone.now()
        job.error = ""  # a "delayed" note from submission no longer holds
        job.save(update_fields=["status", "attempts", "started_at", "error"])
    kwargs = {k: v for k, v in job.payload.items() if k in ("text", "html", "url", "title", "outlet", "author")}
    try:
        result = article_ingest(published_at=job.payload.get("published_at"), **kwargs)
    except IngestionError as exc:
        return _finish(job_id, status=IngestionJob.Status.FAILED, error=str(exc), articles_failed=1)
    except Exception as exc:
        if not final:
            raise
        log.exception("ingestion job %s failed", job_id)
        error = f"Ingestion failed after {job.attempts} attempt(s): {type(exc).__name__}: {exc}"
        return _finish(job_id, status=IngestionJob.Status.FAILED, error=error[:5000], articles_failed=1)
    return _finish(
        job_id,
        status=IngestionJob.Status.DONE,
        article=result.article,
        articles_done=int(result.created),
        articles_existing=int(not result.created),
        claims_created=result.claims_created,
        error="",
        payload={},
    )
