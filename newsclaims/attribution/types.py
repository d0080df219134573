"""The engine's output: frozen dataclasses, no spaCy objects, safe to pickle and store."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

StatementKind = Literal["direct", "indirect", "mixed"]
SpeakerKind = Literal["person", "organisation", "group", "anonymous", "media", "document", "unknown"]
# What the cue says about the content, for editors' filters.  The first four grade a verb of saying by the
# speaker's commitment; the others name what kind of claim it is: a belief or hope held, evidence from a document
# or poll, an accusation against someone, a denial of someone else's claim, an intention or plan.
CueMeaning = Literal[
    "neutral", "assertive", "hedged", "negative", "belief", "evidence", "accusation", "denial", "intention"
]


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the input text; always ``text == source[start:end]``."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Statement:
    content: Span
    kind: StatementKind
    speaker: Span | None = None
    cue: Span | None = None
    # The speaker as resolved within the article ("he" -> "Ahn Chan-il").
    speaker_name: str | None = None
    speaker_kind: SpeakerKind = "unknown"
    speaker_role: str | None = None
    cue_meaning: CueMeaning = "neutral"
    via: tuple[str, ...] = field(default_factory=tuple)
    confidence: float = 0.5
    # A quotation interrupted by its own frame ('"A," he said. "B."') is one statement whose content covers both
    # parts; ``gaps`` are the framing stretches inside ``content`` that are not part of what was said.
    gaps: tuple[Span, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The evaluation format of ``shared/eval/README.md``, plus our extra fields."""
        sp, cue = self.speaker, self.cue
        return {
            "speaker": sp.text if sp else None,
            "speaker_start": sp.start if sp else None,
            "speaker_end": sp.end if sp else None,
            "speaker_name": self.speaker_name,
            "speaker_kind": self.speaker_kind,
            "speaker_role": self.speaker_role,
            "cue": cue.text if cue else None,
            "cue_start": cue.start if cue else None,
            "cue_end": cue.end if cue else None,
            "cue_meaning": self.cue_meaning,
            "content": self.content.text,
            "content_start": self.content.start,
            "content_end": self.content.end,
            "kind": self.kind,
            "via": list(self.via) or None,
            "confidence": round(self.confidence, 3),
            "gaps": [[g.start, g.end] for g in self.gaps] or None,
        }
