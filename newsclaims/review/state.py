"""What an editor reads at a glance: a claim's review state and, for a corrected one, what changed.

The stored status says what the editor decided; whether the claim was also fixed comes from the engine's
version kept beside the editor's (``Claim.engine_original``): "wrong speaker" with the right speaker saved is a
correction, "wrong speaker" without it is a flag still waiting for a fix.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from newsclaims.claims.models import AttributionStatus, ClaimOrigin

ROLE_FIXES = (("content", "span corrected"), ("speaker", "speaker mention corrected"), ("cue", "cue corrected"))
FLAGGED = {AttributionStatus.WRONG_SPEAKER: "Wrong speaker", AttributionStatus.WRONG_SPAN: "Wrong span"}


@dataclass(frozen=True)
class ReviewState:
    key: str  # css class suffix and the filter value: unreviewed, confirmed, corrected, flagged, not_a_claim, added
    label: str
    changes: tuple[str, ...] = ()

    @property
    def reviewed(self) -> bool:
        return self.key != "unreviewed"


def corrections(claim: Any) -> tuple[str, ...]:
    """What an editor changed in the engine's reading, in words ("speaker: A → B", "span corrected")."""
    original: dict[str, Any] = claim.engine_original or {}
    if not original:
        return ()
    out = []
    before = original.get("speaker")
    old_id = before.get("id") if isinstance(before, dict) else None
    if old_id != claim.speaker_id:
        old_name = before.get("name") if isinstance(before, dict) else ""
        old_name = old_name or claim.speaker_name or claim.speaker_text or "unknown"
        new_name = claim.speaker.name if claim.speaker is not None else "none"
        if old_name != new_name:
            out.append(f"speaker: {old_name} → {new_name}")
    for role, words in ROLE_FIXES:
        was = (original.get(f"{role}_start"), original.get(f"{role}_end"))
        if was != (getattr(claim, f"{role}_start"), getattr(claim, f"{role}_end")):
            out.append(words)
    return tuple(out)


def review_state(claim: Any) -> ReviewState:
    status = claim.attribution_status
    if status == AttributionStatus.NOT_A_CLAIM:
        return ReviewState("not_a_claim", "Not a claim")
    if getattr(claim, "origin", ClaimOrigin.ENGINE) == ClaimOrigin.EDITOR:
        return ReviewState("added", "Added by an editor")
    changes = corrections(claim)
    if changes:
        return ReviewState("corrected", "Corrected", changes)
    if status in FLAGGED:
        return ReviewState("flagged", f"{FLAGGED[status]}: flagged, not fixed")
    if status == AttributionStatus.CONFIRMED:
        return ReviewState("confirmed", "Confirmed")
    return ReviewState("unreviewed", "Unreviewed")
