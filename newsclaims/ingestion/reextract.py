"""Re-extraction: run the current engine on a stored article again, keeping every editor's work and every id.

Each stored claim is matched to one of the engine's new statements (same content span, else the best overlap):
- a claim an editor has touched (reviewed, rated, annotated, with evidence or an editor's history) is never
  rewritten: when matched it records the new engine version, when not it is kept and flagged ``engine_missing``;
- an untouched claim that is matched is updated in place from the statement (same id; a history row for each
  field an editor sees, and a version step);
- an untouched claim that is not matched is retired: deleted, with a ``retired`` event in the change feed;
- statements no claim matched become new claims.
A client following the feed (``/api/v1/events/``) therefore keeps its ids and learns of every change.
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
    updated: int  # untouched claims found again and rewritten in place (only those that changed)
    replaced: int  # untouched claims the engine no longer finds: retired (deleted, with a feed event)
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


def _claims_for(text: str, statements: Sequence[Statement], linker: SpeakerLinker) -> list[tuple[Statement, Claim]]:
    """Each usable statement with its unsaved claim. claims_from_statements keeps the order and drops only
    statements whose content span is unusable, and a kept claim has its statement's content span."""
    claims = iter(claims_from_statements(text, statements, linker))
    pairs: list[tuple[Statement, Claim]] = []
    claim = next(claims, None)
    for statement in statements:
        if claim is not None and (claim.content_start, claim.content_end) == (
            statement.content.start,
            statement.content.end,
        ):
            pairs.append((statement, claim))
            claim = next(claims, None)
    return pairs


def article_reextract(
    *,
    article: Article,
    statements: Sequence[Statement] | None = None,
    linker: SpeakerLinker | None = None,
    engine_version: str = ENGINE_VERSION,
) -> ReextractResult:
    """Re-run the engine (or use ``statements`` from a batch run) and reconcile the stored claims.

    Every write is a claims service, so a re-extraction leaves the history and the change-feed events any service
    write leaves.
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

        # The statements no edited claim took, as claims (speakers linked across the whole article at once);
        # the untouched claims they match are rewritten in place, the others become new claims.
        taken = set(pairs.values())
        rest = [s for i, s in enumerate(statements) if i not in taken]
        readings = _claims_for(article.text, rest, linker)
        same = match(untouched, [s for s, _ in readings])
        rewrites = [(untouched[ci], readings[ri][1]) for ci, ri in same.items()]
        rewritten = {stored.pk for stored, _ in rewrites}
        updated = claim_services.claims_update_from_engine(pairs=rewrites, engine_version=engine_version)
        replaced = claim_services.claims_delete_unedited(claims=[c for c in untouched if c.pk not in rewritten])
        fresh = [claim for ri, (_, claim) in enumerate(readings) if ri not in same.values()]
        created = claim_services.claims_create_bulk(article=article, claims=fresh, engine_version=engine_version)
        claim_services.article_set_engine_version(article=article, engine_version=engine_version)
    return ReextractResult(
        kept=len(found), missing=len(lost), updated=len(updated), replaced=replaced, created=len(created)
    )
