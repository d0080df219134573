"""One article through ingestion: payload -> draft -> statements -> stored, with no task queue in sight.

- ``prepare``: a checked payload to a draft (``NewArticle``): fetches a URL, extracts the article from HTML.
- ``find_statements``: the engine over the draft's text. The one place that reads NEWSCLAIMS_SPACY_MODEL.
- ``store``: the draft and its claims through the claims services, speakers resolved in the same transaction.

Fetching and the engine run before any transaction opens, so a slow page or parse never holds database locks.
Idempotent: the same URL or the same text (content hash) returns the stored article instead of a duplicate.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from newsclaims.attribution import ENGINE_VERSION, Span, Statement, extract, extract_many, load_pipeline
from newsclaims.claims import services as claim_services
from newsclaims.claims.linking import Mention, SpeakerLinker
from newsclaims.claims.models import Article, Claim, ClaimKind
from newsclaims.claims.naming import mention_gender
from newsclaims.claims.services import NewArticle
from newsclaims.ingestion.errors import IngestionError
from newsclaims.ingestion.fetch import fetch_url
from newsclaims.ingestion.submission import parse_published_at, title_from_text, validate_submission

log = logging.getLogger(__name__)

# Widths of the Claim text columns: a longer span is dropped rather than truncated, so offsets stay true.
_SPAN_LIMITS = {"speaker": 1000, "cue": 200}


@dataclass(frozen=True)
class IngestResult:
    article: Article
    created: bool  # False: the article was already stored (same URL or same text hash)
    claims_created: int


# --- the engine -----------------------------------------------------------------------


def _pipeline_name() -> str:
    # Read at every call, not at import: a test or an operator may point the setting elsewhere.
    return str(settings.NEWSCLAIMS_SPACY_MODEL)


def engine_load() -> None:
    """Load the spaCy pipeline now (a worker does it once per process, before its first task)."""
    load_pipeline(_pipeline_name())


def find_statements(text: str) -> list[Statement]:
    return extract(text, pipeline=_pipeline_name())


def find_statements_many(texts: Sequence[str], *, batch_size: int) -> Iterator[list[Statement]]:
    return iter(extract_many(list(texts), pipeline=_pipeline_name(), batch_size=batch_size))


# --- payload -> draft -----------------------------------------------------------------


def prepare(payload: dict[str, Any]) -> NewArticle:
    """A submission as a draft: fetches a URL, extracts HTML. Caller metadata wins over the page's."""
    clean = validate_submission(payload)
    meta = {key: clean[key] for key in ("title", "outlet", "author")}
    published = parse_published_at(clean["published_at"])
    url = clean.get("url")
    if "text" in clean:
        # Untitled text is titled by its first line whichever way it came (form, API, JSONL), as files are.
        meta["title"] = meta["title"] or title_from_text(clean["text"])
        return NewArticle(text=clean["text"], url=url, published_at=published, **meta)
    # Imported here: trafilatura takes most of a second to import, and web processes mostly never need it.
    from newsclaims.ingestion.html import extract_page

    if "html" in clean:
        page = extract_page(clean["html"], url=url)
    else:
        fetched = fetch_url(url or "")
        page = extract_page(fetched.html, url=fetched.url, what=url or "The page")
    # The page's own canonical link (page.canonical_url) is a claim, not an identity: only the given URL is one.
    return NewArticle(
        text=page.text,
        title=meta["title"] or page.title[:500],
        url=url,
        outlet=meta["outlet"] or page.outlet[:200],
        author=meta["author"] or page.author[:500],
        published_at=published or page.published_at,
    )


# --- statements -> claims -------------------------------------------------------------


def _span(prefix: str, span: Span | None, text: str) -> dict[str, Any]:
    limit = _SPAN_LIMITS.get(prefix)
    if span is None or not (0 <= span.start < span.end <= len(text)) or (limit and span.end - span.start > limit):
        return {f"{prefix}_text": "", f"{prefix}_start": None, f"{prefix}_end": None}
    return {f"{prefix}_text": text[span.start : span.end], f"{prefix}_start": span.start, f"{prefix}_end": span.end}


def _valid(text: str, statements: Sequence[Statement]) -> list[Statement]:
    valid = []
    for st in statements:
        if _span("content", st.content, text)["content_start"] is None:
            log.warning("engine statement with an invalid content span skipped")
            continue
        valid.append(st)
    return valid


def _mention(st: Statement, text: str) -> Mention:
    # The words the claim will store as its speaker_text: "he", "Mr. Okafor" say the mention's gender.
    said_by = _span("speaker", st.speaker, text)["speaker_text"]
    return Mention(st.speaker_name, st.speaker_kind, st.speaker_role, mention_gender(said_by))


def claims_from_statements(text: str, statements: Sequence[Statement], linker: SpeakerLinker) -> list[Claim]:
    """Unsaved Claims for one article's statements; span texts are cut from the article text they point into.

    Linking speakers may create records: call inside the transaction that stores the claims.
    """
    valid = _valid(text, statements)
    links = linker.link_article([_mention(st, text) for st in valid])
    claims = []
    for st, link in zip(valid, links, strict=True):
        claims.append(
            Claim(
                speaker=link.speaker,
                speaker_link=link.state,
                speaker_kind=(st.speaker_kind or "")[:20],
                **_span("content", st.content, text),
                **_span("speaker", st.speaker, text),
                **_span("cue", st.cue, text),
                kind=st.kind if st.kind in ClaimKind.values else ClaimKind.INDIRECT,
                via=list(st.via),
                speaker_name=(st.speaker_name or "")[:300],
                speaker_role=(st.speaker_role or "")[:300],
                cue_meaning=(st.cue_meaning or "")[:12],
                confidence=min(1.0, max(0.0, float(st.confidence))),
            )
        )
    return claims


# --- draft + statements -> stored -----------------------------------------------------


def store(
    draft: NewArticle,
    statements: Sequence[Statement],
    *,
    linker: SpeakerLinker | None = None,
    engine_version: str = ENGINE_VERSION,
) -> IngestResult:
    """The article and its claims, all or nothing. A duplicate (even a concurrent one) returns the stored article."""
    linker = linker or SpeakerLinker()
    try:
        with linker.remembering(), transaction.atomic():
            claims = claims_from_statements(draft.text, statements, linker)
            stored = claim_services.article_create_with_claims(
                article=draft, claims=claims, engine_version=engine_version
            )
            linker.adopt_waiting()
    except claim_services.DuplicateArticle as duplicate:
        return IngestResult(article=duplicate.existing, created=False, claims_created=0)
    except ValidationError as exc:
        raise IngestionError("; ".join(exc.messages)) from exc
    return IngestResult(article=stored.article, created=True, claims_created=len(stored.claims))


def store_many(
    pairs: Sequence[tuple[NewArticle, Sequence[Statement]]],
    *,
    linker: SpeakerLinker | None = None,
    engine_version: str = ENGINE_VERSION,
) -> list[IngestResult]:
    """Many new articles in one transaction; all stored or none (see ``articles_create_with_claims``)."""
    linker = linker or SpeakerLinker()
    with linker.remembering(), transaction.atomic():
        # The batch's new names become records in a few queries, not about ten each (SpeakerLinker.prefetch).
        usable = [(draft, _valid(draft.text, found)) for draft, found in pairs]
        linker.prefetch([_mention(st, draft.text) for draft, found in usable for st in found])
        items = [(draft, claims_from_statements(draft.text, found, linker)) for draft, found in usable]
        stored = claim_services.articles_create_with_claims(items=items, engine_version=engine_version)
        linker.adopt_waiting()
    return [IngestResult(article=s.article, created=True, claims_created=len(s.claims)) for s in stored]


# --- the whole way --------------------------------------------------------------------


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
    clean = validate_submission(payload)
    # A URL alone is looked up before it is fetched; text or HTML is looked up once it is a draft.
    if "url" in clean and (known := claim_services.article_find_duplicate(url=clean["url"])) is not None:
        return IngestResult(article=known, created=False, claims_created=0)
    draft = prepare(clean)
    if (known := claim_services.article_find_duplicate(text=draft.text, url=draft.url)) is not None:
        return IngestResult(article=known, created=False, claims_created=0)
    return store(draft, find_statements(draft.text))
