"""Speaker resolution across articles: the engine's resolved name to a stored Speaker, through aliases.

"Vladimir Putin" and "President Vladimir Putin" share an alias key. A one-word reference ("Putin", or "Kim" for
Kim Jong-un) joins a stored multi-word speaker only when exactly one speaker has that word as the first or last
word of an alias; two candidates (two Kims) mean a new speaker rather than a wrong merge.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db.models import Q

from newsclaims.attribution.names import normalize_name
from newsclaims.claims import services as claim_services
from newsclaims.claims.models import Speaker, SpeakerAlias, SpeakerKind

# Only named entities become shared speakers: "experts" or "a senior official" in two articles are not one
# speaker, so group, anonymous and unknown mentions keep their name on the claim and no Speaker row.
RESOLVED_KINDS = frozenset({SpeakerKind.PERSON, SpeakerKind.ORGANISATION, SpeakerKind.MEDIA})


def _candidates(word: str) -> list[int]:
    """Speakers with a multi-word alias starting or ending with ``word``."""
    rows = (
        SpeakerAlias.objects.filter(Q(normalized__startswith=f"{word} ") | Q(normalized__endswith=f" {word}"))
        .values_list("speaker_id", flat=True)
        .distinct()[:2]
    )
    return list(rows)


class SpeakerResolver:
    """Resolves names to speakers, remembering answers for one bulk run.

    Answers made inside a transaction that later rolls back must not be remembered: ``commit()`` keeps the pending
    ones, ``discard()`` forgets them.
    """

    def __init__(self) -> None:
        self._known: dict[str, Speaker] = {}
        self._pending: dict[str, Speaker] = {}
        # One-word keys answered by a unique first/last-word match: a new speaker sharing the word voids them.
        self._by_word: set[str] = set()

    def resolve(self, *, name: str | None, kind: str = "unknown", role: str | None = None) -> Speaker | None:
        if not name or kind not in RESOLVED_KINDS:
            return None
        key = normalize_name(name)
        if not key:
            return None
        if key in self._known or key in self._pending:
            return self._known.get(key) or self._pending[key]
        speaker = self._lookup(key)
        if speaker is None:
            speaker = self._create(name, kind, role)
            words = key.split()
            stale = {words[0], words[-1]} & self._by_word if len(words) > 1 else set()
            for word in stale:
                self._known.pop(word, None)
                self._pending.pop(word, None)
                self._by_word.discard(word)
        elif " " not in key and normalize_name(speaker.name) != key:
            self._by_word.add(key)
        self._pending[key] = speaker
        return speaker

    @contextmanager
    def remembering(self) -> Iterator[None]:
        """Around a transaction that resolves names: keep its answers if it succeeds, forget them if not."""
        try:
            yield
        except BaseException:
            self.discard()
            raise
        self.commit()

    def commit(self) -> None:
        self._known.update(self._pending)
        self._pending.clear()

    def discard(self) -> None:
        self._pending.clear()

    def _lookup(self, key: str) -> Speaker | None:
        speaker = claim_services.speaker_find(name=key)
        if speaker is not None:
            return speaker
        if " " not in key:
            ids = _candidates(key)
            if len(ids) == 1:
                return Speaker.objects.get(pk=ids[0])
        return None

    def _create(self, name: str, kind: str, role: str | None) -> Speaker:
        # get_or_create, not create: another worker may store the same name between our lookup and our insert.
        return claim_services.speaker_get_or_create(name=name, kind=kind, description=" ".join((role or "").split()))
