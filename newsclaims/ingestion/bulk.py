"""Bulk ingestion: many articles through the engine's batch API, one transaction per article.

Per batch: load and check every item (a bad one is reported and skipped), drop what is already stored with two
queries, run the engine once over the new texts (``extract_many``), then store each article with its claims.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from newsclaims.attribution import Statement
from newsclaims.claims import services as claim_services
from newsclaims.claims.linking import SpeakerLinker
from newsclaims.claims.services import NewArticle, content_hash
from newsclaims.ingestion.errors import IngestionError
from newsclaims.ingestion.pipeline import find_statements, find_statements_many, prepare, store, store_many
from newsclaims.ingestion.sources import Item
from newsclaims.ingestion.submission import validate_submission

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Outcome:
    label: str
    status: str  # "created" | "existing" | "failed"
    article_id: int | None = None
    claims: int = 0
    error: str = ""


@dataclass
class Summary:
    created: int = 0
    existing: int = 0
    failed: int = 0
    claims: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)

    def add(self, outcome: Outcome) -> None:
        if outcome.status == "created":
            self.created += 1
            self.claims += outcome.claims
        elif outcome.status == "existing":
            self.existing += 1
        else:
            self.failed += 1
            self.failures.append((outcome.label, outcome.error))


def _batches(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _statements(texts: list[str], batch_size: int) -> list[list[Statement] | Exception]:
    """The engine over a batch; if the batch run fails, each text alone, so one bad text fails alone."""
    try:
        return list(find_statements_many(texts, batch_size=batch_size))
    except Exception:
        log.exception("engine batch failed; retrying its texts one by one")
    results: list[list[Statement] | Exception] = []
    for text in texts:
        try:
            results.append(find_statements(text))
        except Exception as exc:
            results.append(exc)
    return results


def article_ingest_many(
    items: Iterable[Item],
    *,
    batch_size: int = 32,
    on_outcome: Callable[[Outcome], None] | None = None,
    linker: SpeakerLinker | None = None,
) -> Summary:
    """Ingest every item; a bad one is reported through ``on_outcome`` and the run goes on."""
    summary = Summary()
    linker = linker or SpeakerLinker()

    def report(outcome: Outcome) -> None:
        summary.add(outcome)
        if on_outcome is not None:
            on_outcome(outcome)

    for batch in _batches(items, max(1, batch_size)):
        drafts: list[tuple[str, NewArticle]] = []
        for item in batch:
            try:
                payload = validate_submission(item.load())
                # A URL is looked up before it is fetched.
                if "url" in payload and (known := claim_services.article_find_duplicate(url=payload["url"])):
                    report(Outcome(item.label, "existing", known.pk))
                    continue
                drafts.append((item.label, prepare(payload)))
            except IngestionError as exc:
                report(Outcome(item.label, "failed", error=str(exc)))
        _store_batch(drafts, batch_size, linker, report)
    return summary


def _store_batch(
    drafts: list[tuple[str, NewArticle]], batch_size: int, linker: SpeakerLinker, report: Callable[[Outcome], None]
) -> None:
    hashes = [content_hash(draft.text) for _, draft in drafts]
    stored = claim_services.article_find_duplicates(keys=[(draft.text, draft.url) for _, draft in drafts])
    fresh: list[tuple[str, NewArticle, str]] = []
    copies: dict[str, list[str]] = {}  # hash -> labels of later copies in this batch
    for (label, draft), digest, known in zip(drafts, hashes, stored, strict=True):
        if known is not None:
            report(Outcome(label, "existing", known.pk))
        elif digest in copies:
            copies[digest].append(label)
        else:
            copies[digest] = []
            fresh.append((label, draft, digest))
    if not fresh:
        return
    found_all = _statements([draft.text for _, draft, _ in fresh], batch_size)
    outcomes = dict(_store_parsed(fresh, found_all, linker))
    for label, _, digest in fresh:
        outcome = outcomes[digest]
        report(outcome)
        for copy in copies[digest]:
            if outcome.article_id is None:
                report(Outcome(copy, "failed", error=f"same text as {label}, which failed: {outcome.error}"))
            else:
                report(Outcome(copy, "existing", outcome.article_id))


def _store_parsed(
    fresh: list[tuple[str, NewArticle, str]], found_all: list[list[Statement] | Exception], linker: SpeakerLinker
) -> Iterator[tuple[str, Outcome]]:
    """(hash, outcome) per article: the batch in one transaction, or, if that fails, each article on its own."""
    ready: list[tuple[str, NewArticle, str, list[Statement]]] = []
    for (label, draft, digest), found in zip(fresh, found_all, strict=True):
        if isinstance(found, Exception):
            yield digest, Outcome(label, "failed", error=f"the engine failed on this text ({type(found).__name__}).")
        else:
            ready.append((label, draft, digest, found))
    if not ready:
        return
    try:
        results = store_many([(draft, found) for _, draft, _, found in ready], linker=linker)
    except Exception:
        log.info("batch insert failed; storing its %d articles one by one", len(ready), exc_info=True)
        for label, draft, digest, found in ready:
            yield digest, _store_one(label, draft, found, linker)
        return
    for (label, _, digest, _), result in zip(ready, results, strict=True):
        yield digest, Outcome(label, "created", result.article.pk, result.claims_created)


def _store_one(label: str, draft: NewArticle, found: list[Statement], linker: SpeakerLinker) -> Outcome:
    try:
        result = store(draft, found, linker=linker)
    except IngestionError as exc:
        return Outcome(label, "failed", error=str(exc))
    except Exception as exc:
        log.exception("storing %s failed", label)
        return Outcome(label, "failed", error=f"could not be stored ({type(exc).__name__}: {exc}).")
    return Outcome(label, "created" if result.created else "existing", result.article.pk, result.claims_created)
