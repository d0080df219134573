"""Re-extraction: run the current engine on a stored article again, keeping every editor's work.

A claim an editor has touched (reviewed, rated, annotated, with evidence or history) is never deleted: when a new
statement has its content span it stays as it is (review, notes, evidence, history) and records the new engine
version; when none does it is kept and flagged ``engine_missing``. Untouched claims are replaced by the new ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

from django.db import transaction

from newsclaims.attribution import ENGINE_VERSION, Statement
from newsclaims.claims import services as claim_services
from newsclaims.claims.linking import SpeakerLinker
from newsclaims.claims.models import Article, Claim
from newsclaims.ingestion.pipeline import claims_from_statements, find_statements

# Two spans this similar (intersection over union) are the same statement with slightly moved boundaries.
MIN_OVERLAP = 0.5


@dataclass(frozen=True)
class ReextractResult:
    kept: int  # edited claims the engine still finds
    missing: int  # edited claims the engine no longer finds (kept, flagged)
    replaced: int  # untouched claims deleted
    created: int  # new claims stored

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    if inter <= 0:
        return 0.0
    return inter / (max(a[1], b[1]) - min(a[0], b[0]))


def match(claims: Sequence[Claim], statements: Sequence[Statement]) -> dict[int, int]:
    """One-to-one claim index -> statement index: identical content spans first, then the best overlap."""
    pairs: dict[int, int] = {}
    by_span = {(s.content.start, s.content.end): i for i, s in enumerate(statements)}
    for ci, claim in enumerate(claims):
        si = by_span.get((claim.content_start, claim.content_end))
        if si is not None and si not in pairs.values():
            pairs[ci] = si
    taken = set(pairs.values())
    scored = sorted(
        (
            (_overlap((c.content_start, c.content_end), (s.content.start, s.content.end)), ci, si)
            for ci, c in enumerate(claims)
            if ci not in pairs
            for si, s in enumerate(statements)
            if si not in taken
        ),
        reverse=True,
    )
    for score, ci, si in scored:
        if score < MIN_OVERLAP:
            break
        if ci not in pairs and si not in taken:
            pairs[ci] = si
            taken.add(si)
    return pairs


def article_reextract(
    *,
    article: Article,
    statements: Sequence[Statement] | None = None,
    linker: SpeakerLinker | None = None,
    engine_version: str = ENGINE_VERSION,
) -> ReextractResult:
    """Re-run the engine (or use ``statements`` from a batch run) and reconcile the stored claims.

    Every write is a claims service, so a re-extraction leaves the history any service write leaves: new claims
    have none, and an edited claim the engine stops (or starts again) finding gets an ``engine_missing``
    (``engine_found``) row.
    """
    if statements is None:
        statements = find_statements(article.text)
    linker = linker or SpeakerLinker()
    with linker.remembering(), transaction.atomic():
        edited, untouched = claim_services.article_claims_for_reextraction(article=article)
        pairs = match(edited, statements)
        found = [edited[ci] for ci in pairs]
        lost = [c for ci, c in enumerate(edited) if ci not in pairs]
        claim_services.claims_mark_engine_found(claims=found, engine_version=engine_version)
        claim_services.claims_flag_engine_missing(claims=lost)
        replaced = claim_services.claims_delete_unedited(claims=untouched)
        matched = set(pairs.values())
        fresh = [s for i, s in enumerate(statements) if i not in matched]
        created = claim_services.claims_create_bulk(
            article=article,
            claims=claims_from_statements(article.text, fresh, linker),
            engine_version=engine_version,
        )
        claim_services.article_set_engine_version(article=article, engine_version=engine_version)
    return ReextractResult(kept=len(found), missing=len(lost), replaced=replaced, created=len(created))
