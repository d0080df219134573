"""Undo offers: which claims go back to which version, carried in a form as ``pk:to_version:expected_version``.

The expected version makes an undo an ordinary optimistic-concurrency save: an undo offered after my save
does not wipe out someone else's later save of the same claim.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

MAX_ENTRIES = 500


@dataclass(frozen=True)
class UndoEntry:
    pk: int
    to_version: int
    expected: int

    def __str__(self) -> str:
        return f"{self.pk}:{self.to_version}:{self.expected}"


@dataclass(frozen=True)
class Undo:
    entries: tuple[UndoEntry, ...]
    label: str  # what is undone, e.g. "Review saved." or "3 claims updated."

    @classmethod
    def single(cls, pk: int, before: int, after: int, label: str) -> Undo:
        return cls((UndoEntry(pk, before, after),), label)

    @property
    def values(self) -> list[str]:
        return [str(e) for e in self.entries]


def parse_undo(values: Iterable[str]) -> list[UndoEntry]:
    """The well-formed entries of a POST; anything else is ignored (the view says when none is left)."""
    out = []
    for value in list(values)[:MAX_ENTRIES]:
        parts = value.split(":")
        if len(parts) == 3 and all(p.isascii() and p.isdigit() and len(p) < 19 for p in parts):
            pk, to_version, expected = (int(p) for p in parts)
            if pk > 0 and 0 < to_version < expected:
                out.append(UndoEntry(pk, to_version, expected))
    return out
