"""Speaker linking: the engine's resolved mention in one article to one Speaker record across articles.

Rules, in order of trust:

* A full name (given name and surname) is keyed by ``naming.identity_key``: spellings of one person ("Sen. Ama
  K. Boateng", "Ama Boateng") find one record; a new name makes a new record.
* A one-word mention ("Boateng") never makes a record of its own, since such a record would later absorb every
  Boateng. It links to the person records whose surname it is: first to one the same article links elsewhere
  (the article named that person), else to the only such record. A record whose given name is a woman's is
  no candidate for "Mr. X" or "he", and the reverse; one such word in an article speaks for the surname's other
  mentions there ("the minister", a bare "X"). With two candidates ("Clinton" when two
  Clintons are known) it is linked to neither and marked ambiguous for an editor. With none it waits, unlinked;
  when a record with that surname is created later, waiting mentions that now have exactly one candidate are
  linked to it.
* Organisations and people are never one record. Groups, anonymous sources and unknown mentions keep their
  phrase on the claim and get no shared record, and so does a "name" that is no name (``naming.is_person_name``:
  a description such as "the retired judge", a quantifier, a clause).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import timezone

from newsclaims.claims import search, services
from newsclaims.claims.events import Resource, Type, event_record
from newsclaims.claims.models import Claim, Speaker, SpeakerAlias, SpeakerKind, SpeakerLink
from newsclaims.claims.naming import (
    agreed_genders,
    gender_fits,
    identity_key,
    is_organisation_name,
    is_person_name,
    mention_gender,
    person_key,
)

# Only named entities become shared records: "experts" in two articles are not one speaker.
LINKED_KINDS = frozenset({SpeakerKind.PERSON, SpeakerKind.ORGANISATION, SpeakerKind.MEDIA})
_ORG_KINDS = frozenset({SpeakerKind.ORGANISATION, SpeakerKind.MEDIA})


@dataclass(frozen=True)
class Mention:
    name: str | None
    kind: str
    role: str | None = None
    gender: str | None = None  # what the mention's own words say ("he", "Mr."): see naming.mention_gender


@dataclass(frozen=True)
class Link:
    speaker: Speaker | None
    state: str  # a SpeakerLink value

    @classmethod
    def none(cls) -> Link:
        return cls(None, SpeakerLink.NONE)


def _is_name(m: Mention) -> bool:
    assert m.name is not None
    return is_person_name(m.name) if m.kind == SpeakerKind.PERSON else is_organisation_name(m.name)


def _compatible(speaker: Speaker, kind: str) -> bool:
    if kind == SpeakerKind.PERSON:
        return speaker.kind == SpeakerKind.PERSON
    return speaker.kind in _ORG_KINDS


def _full_name_mention(m: Mention) -> bool:
    if not m.name or m.kind not in LINKED_KINDS or not _is_name(m):
        return False
    key = person_key(m.name) if m.kind == SpeakerKind.PERSON else None
    return m.kind != SpeakerKind.PERSON or (key is not None and not key.is_single_word)


def _waiting_names(speaker: Speaker) -> set[str]:
    """The one-word speaker names ``claims_link_waiting`` would give to ``speaker``, lowercased."""
    key = person_key(speaker.name)
    if speaker.kind != SpeakerKind.PERSON or key is None or key.is_single_word:
        return set()
    return {key.surname.lower(), speaker.name.split()[-1].lower()}


def surname_candidates(surname: str) -> list[Speaker]:
    """Person records with a multi-word alias ending in ``surname`` (at most three: two already mean ambiguous)."""
    ids = (
        SpeakerAlias.objects.filter(speaker__kind=SpeakerKind.PERSON, normalized__endswith=f" {surname}")
        .values_list("speaker_id", flat=True)
        .distinct()[:3]
    )
    return list(Speaker.objects.filter(pk__in=list(ids)))


class SpeakerLinker:
    """Links the mentions of one article at a time, remembering records for one run.

    Records found or made inside a transaction that later rolls back must not be remembered: ``commit()`` keeps
    the pending ones, ``discard()`` forgets them.
    """

    def __init__(self) -> None:
        self._known: dict[str, Speaker] = {}
        self._pending: dict[str, Speaker] = {}
        self.created: list[Speaker] = []

    def prefetch(self, mentions: Sequence[Mention]) -> None:
        """Look up and make the full names' records of many articles at once, before linking them one by one."""
        self._prefetch([m for m in mentions if _full_name_mention(m)])

    def link_article(self, mentions: Sequence[Mention]) -> list[Link]:
        self.prefetch(mentions)
        links: list[Link | None] = [None] * len(mentions)
        in_article: dict[int, Speaker] = {}
        # Full names first, so that a one-word mention can prefer a person this article names in full.
        for i, m in enumerate(mentions):
            if not m.name or m.kind not in LINKED_KINDS or not _is_name(m):
                links[i] = Link.none()
                continue
            if m.kind == SpeakerKind.PERSON:
                key = person_key(m.name)
                if key is None:
                    links[i] = Link.none()
                    continue
                if key.is_single_word:
                    continue
            link = self._full_name(m)
            links[i] = link
            if link.speaker is not None:
                in_article[link.speaker.pk] = link.speaker
        surnames = {i: key.surname for i, m in enumerate(mentions) if m.name and (key := person_key(m.name))}
        agreed = agreed_genders((surnames.get(i), m.gender) for i, m in enumerate(mentions) if links[i] is None)
        for i, m in enumerate(mentions):
            if links[i] is None:
                gender = m.gender or agreed.get(surnames.get(i))
                links[i] = self._one_word(replace(m, gender=gender), in_article)
        return [link or Link.none() for link in links]

    @contextmanager
    def remembering(self) -> Iterator[None]:
        """Around a transaction that links names: keep its records if it succeeds, forget them if not."""
        try:
            yield
        except BaseException:
            self.discard()
            raise
        self.commit()

    def adopt_waiting(self) -> int:
        """Link the claims that waited for a record this run created; call inside the storing transaction."""
        # One query finds which new surnames any waiting claim has; only those records look for their claims.
        surnames = {s.pk: _waiting_names(s) for s in self.created}
        wanted = {name for names in surnames.values() for name in names}
        waiting: set[str] = set()
        if wanted:
            rows = Claim.objects.filter(speaker__isnull=True, speaker_link=SpeakerLink.WAITING)
            lowered = rows.annotate(lowered=Lower("speaker_name")).values_list("lowered", flat=True)
            waiting = set(lowered.filter(**{"lowered__in": wanted}).distinct())
        linked = sum(claims_link_waiting(speaker=s) for s in self.created if surnames[s.pk] & waiting)
        self.created.clear()
        return linked

    def _prefetch(self, mentions: Sequence[Mention]) -> None:
        """What ``_full_name`` would answer for these full names, in a few queries rather than about ten per new
        record: stored keys in one query, new records in one insert each of records and aliases. A name that may
        be another spelling of a stored person (same given name and surname), or that another worker stores
        meanwhile, is left to ``_full_name``."""
        wanted: dict[str, Mention] = {}
        for m in mentions:
            assert m.name is not None
            key = identity_key(m.name, kind=m.kind)
            if key and key not in self._known and key not in self._pending:
                wanted.setdefault(key, m)
        if not wanted:
            return
        stored = set()
        for alias in SpeakerAlias.objects.select_related("speaker").filter(normalized__in=list(wanted)):
            stored.add(alias.normalized)
            if _compatible(alias.speaker, wanted[alias.normalized].kind):
                self._pending[alias.normalized] = alias.speaker
        new = {key: m for key, m in wanted.items() if key not in stored}
        keys = {key: person_key(m.name or "") for key, m in new.items() if m.kind == SpeakerKind.PERSON}
        surnames = {k.surname for k in keys.values() if k is not None}
        if surnames:
            pattern = " (" + "|".join(re.escape(name) for name in sorted(surnames)) + ")$"
            spelled = SpeakerAlias.objects.filter(speaker__kind=SpeakerKind.PERSON, normalized__regex=pattern)
            pairs = {(n.split()[0], n.split()[-1]) for n in spelled.values_list("normalized", flat=True)}
            new = {key: m for key, m in new.items() if not ((k := keys.get(key)) and (k.given, k.surname) in pairs)}
        if not new:
            return
        try:
            with transaction.atomic():
                created = services.speakers_create_many(
                    speakers=[(m.name or "", m.kind, " ".join((m.role or "").split())) for m in new.values()]
                )
        except (IntegrityError, ValidationError):
            return
        for key, speaker in zip(new, created, strict=True):
            self._pending[key] = speaker
            self.created.append(speaker)

    def commit(self) -> None:
        self._known.update(self._pending)
        self._pending.clear()

    def discard(self) -> None:
        self._pending.clear()
        self.created.clear()

    def _full_name(self, m: Mention) -> Link:
        assert m.name is not None
        key = identity_key(m.name, kind=m.kind)
        if not key:
            return Link.none()
        speaker = self._known.get(key) or self._pending.get(key)
        if speaker is None:
            alias = SpeakerAlias.objects.select_related("speaker").filter(normalized=key).first()
            if alias is not None:
                speaker = alias.speaker
                if not _compatible(speaker, m.kind):
                    # The key belongs to a record of another sort ("Jordan" the country, "Jordan" the person):
                    # keep them apart and leave this mention for an editor.
                    return Link(None, SpeakerLink.AMBIGUOUS)
            elif (speaker := self._same_given_and_surname(m)) is not None:
                services.speaker_alias_add(speaker=speaker, name=m.name)
            else:
                speaker = services.speaker_get_or_create(
                    name=m.name, kind=m.kind, description=" ".join((m.role or "").split())
                )
                self.created.append(speaker)
        self._pending[key] = speaker
        return Link(speaker, SpeakerLink.LINKED)

    @staticmethod
    def _same_given_and_surname(m: Mention) -> Speaker | None:
        """Spellings with and without a middle name ("Ama Serwaa Boateng", "Ama Boateng") are one person when only
        one record fits both."""
        if m.kind != SpeakerKind.PERSON or not m.name:
            return None
        key = person_key(m.name)
        if key is None or not key.given:
            return None
        ids = list(
            SpeakerAlias.objects.filter(
                speaker__kind=SpeakerKind.PERSON,
                normalized__startswith=f"{key.given} ",
                normalized__endswith=f" {key.surname}",
            )
            .values_list("speaker_id", flat=True)
            .distinct()[:2]
        )
        return Speaker.objects.get(pk=ids[0]) if len(ids) == 1 else None

    def _one_word(self, m: Mention, in_article: dict[int, Speaker]) -> Link:
        assert m.name is not None
        key = person_key(m.name)
        assert key is not None
        here = [
            s
            for s in in_article.values()
            if s.kind == SpeakerKind.PERSON and (k := person_key(s.name)) and k.surname == key.surname
        ]
        # "Mr. Okafor" and "he" are not the record "Ada Okafor", however few Okafors are known.
        here = [s for s in here if gender_fits(s.name, m.gender)]
        if len(here) == 1:
            return Link(here[0], SpeakerLink.LINKED)
        if len(here) > 1:
            return Link(None, SpeakerLink.AMBIGUOUS)
        found = [s for s in surname_candidates(key.surname) if gender_fits(s.name, m.gender)]
        if len(found) == 1:
            return Link(found[0], SpeakerLink.LINKED)
        return Link(None, SpeakerLink.AMBIGUOUS if found else SpeakerLink.WAITING)


@transaction.atomic
def claims_link_waiting(*, speaker: Speaker) -> int:
    """Claims whose one-word speaker waited for a record with ``speaker``'s surname: linked to it when it is the
    only candidate, marked ambiguous when it is not."""
    key = person_key(speaker.name)
    if speaker.kind != SpeakerKind.PERSON or key is None or key.is_single_word:
        return 0
    waiting = Claim.objects.filter(speaker__isnull=True, speaker_link=SpeakerLink.WAITING)
    named = Q(speaker_name__iexact=key.surname) | Q(speaker_name__iexact=speaker.name.split()[-1])
    rows = list(waiting.filter(named).values_list("pk", "article_id", "speaker_text"))
    # As in link_article: what "Mr. X" or "he" says of X holds for X's other mentions in the same article.
    articles = {article_id for _, article_id, _ in rows}
    others = Claim.objects.filter(named, article_id__in=articles).values_list("article_id", "speaker_text")
    agreed = agreed_genders((article_id, mention_gender(text)) for article_id, text in others)
    candidates = surname_candidates(key.surname)
    ids: list[int] = []
    ambiguous: list[int] = []
    for pk, article_id, text in rows:
        gender = mention_gender(text) or agreed.get(article_id)
        if not gender_fits(speaker.name, gender):
            continue  # "Mr. X" keeps waiting when the new record is a woman's
        fitting = [c for c in candidates if gender_fits(c.name, gender)]
        (ambiguous if len(fitting) > 1 else ids).append(pk)
    if ambiguous:
        Claim.objects.filter(pk__in=ambiguous).update(speaker_link=SpeakerLink.AMBIGUOUS, updated_at=timezone.now())
        payload = {"fields": ["speaker_link"]}
        event_record(type=Type.UPDATED, resource=Resource.CLAIM, ids=ambiguous, payload=payload)
    if not ids:
        return 0
    waiting = Claim.objects.filter(pk__in=ids)
    linked = waiting.update(
        speaker=speaker,
        speaker_link=SpeakerLink.LINKED,
        version=F("version") + 1,
        updated_at=timezone.now(),
        **search.search_speaker_update(speaker),
    )
    payload = {"fields": ["speaker", "speaker_link"]}
    event_record(type=Type.UPDATED, resource=Resource.CLAIM, ids=ids, payload=payload)
    return linked


@dataclass
class RelinkResult:
    merged: int = 0  # records folded into another that has the same identity key
    removed: int = 0  # one-word person records left with no claims
    relinked: int = 0  # claims whose record or link state changed
    articles: int = 0


def _merge_same_key(result: RelinkResult) -> None:
    """Records that one identity key names are one speaker: fold each group into its oldest record."""
    groups: dict[tuple[bool, str], list[Speaker]] = {}
    for speaker in Speaker.objects.order_by("pk"):
        key = identity_key(speaker.name, kind=speaker.kind)
        if key:
            groups.setdefault((speaker.kind == SpeakerKind.PERSON, key), []).append(speaker)
    for survivor, *others in groups.values():
        for other in others:
            services.speaker_merge(source=other, target=survivor)
            result.merged += 1


def _relinkable(article_id: int) -> list[Claim]:
    # An editor's choice of speaker is never undone: claims whose speaker an editor set keep it.
    return list(
        Claim.objects.filter(article_id=article_id)
        .exclude(speaker_link=SpeakerLink.EDITOR)
        .exclude(events__field="speaker", events__actor__isnull=False)
        .select_related("speaker")
        .order_by("content_start", "pk")
    )


def _mention(claim: Claim) -> Mention:
    # Claims stored before the engine's kind was kept fall back on their record's kind.
    kind = claim.speaker_kind or (claim.speaker.kind if claim.speaker else SpeakerKind.UNKNOWN)
    return Mention(claim.speaker_name or None, kind, gender=mention_gender(claim.speaker_text))


@transaction.atomic
def article_relink_speakers(*, article_id: int, linker: SpeakerLinker) -> int:
    claims = _relinkable(article_id)
    changed: list[int] = []
    with linker.remembering():
        for claim, link in zip(claims, linker.link_article([_mention(c) for c in claims]), strict=True):
            speaker_id = link.speaker.pk if link.speaker else None
            if (claim.speaker_id, claim.speaker_link) == (speaker_id, link.state):
                continue
            Claim.objects.filter(pk=claim.pk).update(
                speaker_id=speaker_id,
                speaker_link=link.state,
                version=F("version") + 1,
                updated_at=timezone.now(),
                **search.search_speaker_update(link.speaker),
            )
            changed.append(claim.pk)
        linker.adopt_waiting()
    payload = {"fields": ["speaker", "speaker_link"]}
    event_record(type=Type.UPDATED, resource=Resource.CLAIM, ids=changed, payload=payload)
    return len(changed)


def speakers_relink(*, article_ids: Sequence[int] | None = None) -> RelinkResult:
    """Link stored claims again with the current linker (after an engine or linker upgrade), keeping every
    editor's decision; one transaction per article, so a long run can be stopped and resumed."""
    result = RelinkResult()
    with transaction.atomic():
        _merge_same_key(result)
    ids = list(article_ids) if article_ids is not None else list(Claim.objects.values_list("article_id", flat=True))
    linker = SpeakerLinker()
    for article_id in sorted(set(ids)):
        result.relinked += article_relink_speakers(article_id=article_id, linker=linker)
        result.articles += 1
    # A one-word person record is what the linker no longer makes; once its claims have moved on, it goes.
    for speaker in Speaker.objects.filter(kind=SpeakerKind.PERSON, claims__isnull=True).exclude(name__contains=" "):
        key = person_key(speaker.name)
        if key is not None and key.is_single_word:
            services.speaker_delete(speaker=speaker)
            result.removed += 1
    return result
