"""Every write to claims, speakers and their annotations. Keyword-only, one transaction each."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from newsclaims.attribution.names import normalize_name
from newsclaims.claims.models import (
    Article,
    AttributionStatus,
    Claim,
    ClaimEvent,
    Evidence,
    EvidenceKind,
    Note,
    Rating,
    Speaker,
    SpeakerAlias,
    SpeakerKind,
)

User = AbstractBaseUser | AnonymousUser | None


class ClaimConflict(Exception):
    """The claim changed since the editor loaded it; ``current`` is the newer state."""

    def __init__(self, current: Claim):
        super().__init__(f"claim {current.pk} is at version {current.version}")
        self.current = current


class DuplicateArticle(Exception):
    def __init__(self, existing: Article):
        super().__init__(f"article already stored as {existing.pk}")
        self.existing = existing


@dataclass(frozen=True)
class SpanEdit:
    start: int | None
    end: int | None


def _actor(user: User) -> Any:
    return user if user is not None and getattr(user, "is_authenticated", False) else None


def content_hash(text: str) -> str:
    """Identity of an article's text: whitespace-insensitive, so a re-pasted copy is the same article."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


# --- articles -------------------------------------------------------------------------


@transaction.atomic
def article_create(
    *,
    text: str,
    title: str = "",
    url: str | None = None,
    outlet: str = "",
    author: str = "",
    published_at: Any = None,
    language: str = "en",
    engine_version: str = "",
) -> Article:
    """Store an article; a duplicate (same text hash or URL) raises DuplicateArticle with the stored one."""
    if not text or not text.strip():
        raise ValidationError("The article text is empty.")
    digest = content_hash(text)
    url = url or None
    existing = Article.objects.filter(content_hash=digest).first()
    if existing is None and url:
        existing = Article.objects.filter(url=url).first()
    if existing is not None:
        raise DuplicateArticle(existing)
    article = Article(
        text=text,
        content_hash=digest,
        title=title[:500],
        url=url,
        outlet=outlet[:200],
        author=author[:500],
        published_at=published_at,
        language=language or "en",
        engine_version=engine_version,
    )
    article.full_clean(exclude=["content_hash", "url"] if url is None else ["content_hash"])
    try:
        with transaction.atomic():
            article.save()
    except IntegrityError:
        # Lost a race with a concurrent ingest of the same article: theirs stands.
        existing = Article.objects.filter(content_hash=digest).first() or (
            Article.objects.filter(url=url).first() if url else None
        )
        if existing is None:
            raise
        raise DuplicateArticle(existing) from None
    return article


# --- speakers -------------------------------------------------------------------------


@transaction.atomic
def speaker_create(
    *,
    name: str,
    kind: str = SpeakerKind.PERSON,
    description: str = "",
    wikidata_qid: str = "",
    aliases: tuple[str, ...] = (),
) -> Speaker:
    name = " ".join(name.split())
    if not normalize_name(name):
        raise ValidationError("A speaker needs a name.")
    speaker = Speaker(name=name[:300], kind=kind, description=description[:500], wikidata_qid=wikidata_qid)
    speaker.full_clean()
    speaker.save()
    for alias in (name, *aliases):
        speaker_alias_add(speaker=speaker, name=alias)
    return speaker


@transaction.atomic
def speaker_alias_add(*, speaker: Speaker, name: str) -> SpeakerAlias | None:
    """Add a name variant; returns None when the form is already this speaker's. Another speaker's form is refused."""
    key = normalize_name(name)
    if not key:
        raise ValidationError("An alias needs a name.")
    alias = SpeakerAlias.objects.filter(normalized=key).first()
    if alias is not None:
        if alias.speaker_id != speaker.pk:
            raise ValidationError(f"“{name}” is already an alias of {alias.speaker.name}.")
        return None
    return SpeakerAlias.objects.create(speaker=speaker, name=" ".join(name.split())[:300], normalized=key[:300])


def speaker_find(*, name: str) -> Speaker | None:
    alias = SpeakerAlias.objects.select_related("speaker").filter(normalized=normalize_name(name)).first()
    return alias.speaker if alias else None


@transaction.atomic
def speaker_get_or_create(*, name: str, kind: str = SpeakerKind.PERSON, description: str = "") -> Speaker:
    speaker = speaker_find(name=name)
    if speaker is not None:
        return speaker
    try:
        with transaction.atomic():
            return speaker_create(name=name, kind=kind, description=description)
    except (IntegrityError, ValidationError):
        # Someone created the same name meanwhile (unique alias key): theirs stands.
        speaker = speaker_find(name=name)
        if speaker is None:
            raise
        return speaker


@transaction.atomic
def speaker_merge(*, source: Speaker, target: Speaker, actor: User = None) -> Speaker:
    """Fold ``source`` into ``target``: its claims and aliases move, each moved claim gets a history row."""
    if source.pk == target.pk:
        raise ValidationError("A speaker cannot be merged into itself.")
    # Lock both rows in id order so two merges cannot deadlock or interleave, then work on the locked
    # copies: the caller's may predate a rename or another merge.
    locked = {s.pk: s for s in Speaker.objects.select_for_update().filter(pk__in=[source.pk, target.pk]).order_by("pk")}
    if len(locked) != 2:
        raise ValidationError("Both speakers must exist.")
    source, target = locked[source.pk], locked[target.pk]
    who = _actor(actor)
    claims = list(Claim.objects.select_for_update().filter(speaker_id=source.pk))
    ClaimEvent.objects.bulk_create(
        ClaimEvent(
            claim=claim,
            actor=who,
            action="speaker_merge",
            field="speaker",
            old_value={"id": source.pk, "name": source.name},
            new_value={"id": target.pk, "name": target.name},
            version=claim.version + 1,
        )
        for claim in claims
    )
    Claim.objects.filter(pk__in=[c.pk for c in claims]).update(
        speaker_id=target.pk, version=F("version") + 1, updated_at=timezone.now()
    )
    SpeakerAlias.objects.filter(speaker_id=source.pk).update(speaker_id=target.pk)
    target.description = target.description or source.description
    target.wikidata_qid = target.wikidata_qid or source.wikidata_qid
    target.save(update_fields=["description", "wikidata_qid", "updated_at"])
    source.delete()
    return target


# --- claims ---------------------------------------------------------------------------


def _check_spans(claim: Claim, text: str) -> None:
    errors = claim.span_errors(text)
    if errors:
        raise ValidationError("; ".join(errors))


@transaction.atomic
def claim_create(*, article: Article, speaker: Speaker | None = None, **fields: Any) -> Claim:
    claim = Claim(article=article, speaker=speaker, **fields)
    _check_spans(claim, article.text)
    claim.full_clean(exclude=["article", "speaker", "reviewed_by"])
    claim.save()
    return claim


def _json_value(value: Any) -> Any:
    if isinstance(value, Speaker):
        return {"id": value.pk, "name": value.name}
    return value


@transaction.atomic
def claim_review(
    *,
    claim: Claim,
    actor: User,
    expected_version: int | None,
    attribution_status: str | None = None,
    rating: str | None = None,
    rating_explanation: str | None = None,
    speaker: Speaker | None = None,
    content: SpanEdit | None = None,
    speaker_span: SpanEdit | None = None,
    cue: SpanEdit | None = None,
) -> Claim:
    """Apply an editor's review. Refused with ClaimConflict when ``expected_version`` is stale.

    Every changed field writes one history row; the version goes up once per accepted review.
    """
    current = Claim.objects.select_for_update(of=("self",)).select_related("article", "speaker").get(pk=claim.pk)
    if expected_version is not None and current.version != expected_version:
        raise ClaimConflict(current)
    if attribution_status is not None and attribution_status not in AttributionStatus.values:
        raise ValidationError(f"Unknown attribution status: {attribution_status}")
    if rating is not None and rating not in Rating.values:
        raise ValidationError(f"Unknown rating: {rating}")

    changes: list[tuple[str, Any, Any]] = []

    def change(field: str, new: Any) -> None:
        old = getattr(current, field)
        if old != new:
            changes.append((field, _json_value(old), _json_value(new)))
            setattr(current, field, new)

    if attribution_status is not None:
        change("attribution_status", attribution_status)
    if rating is not None:
        change("rating", rating)
    if rating_explanation is not None:
        change("rating_explanation", rating_explanation.strip())
    if speaker is not None:
        change("speaker", speaker)
    text = current.article.text
    for name, edit in (("content", content), ("speaker", speaker_span), ("cue", cue)):
        if edit is None:
            continue
        if (edit.start is None) != (edit.end is None) or (name == "content" and edit.start is None):
            raise ValidationError(f"{name}: give both start and end")
        if edit.start is not None and not (0 <= edit.start < edit.end <= len(text)):  # type: ignore[operator]
            raise ValidationError(f"{name}: offsets {edit.start}-{edit.end} are outside the article")
        new_text = text[edit.start : edit.end] if edit.start is not None else ""
        change(f"{name}_start", edit.start)
        change(f"{name}_end", edit.end)
        change(f"{name}_text", new_text)
    if not changes:
        return current
    _check_spans(current, text)

    who = _actor(actor)
    current.version += 1
    current.reviewed_by = who
    current.reviewed_at = timezone.now()
    current.save()
    ClaimEvent.objects.bulk_create(
        ClaimEvent(
            claim=current, actor=who, action="review", field=f, old_value=o, new_value=n, version=current.version
        )
        for f, o, n in changes
    )
    return current


@transaction.atomic
def claim_bulk_review(
    *, claims: list[Claim], actor: User, attribution_status: str | None = None, rating: str | None = None
) -> list[Claim]:
    """Review several claims at once, each at its current version (bulk actions do not conflict-check)."""
    return [
        claim_review(claim=c, actor=actor, expected_version=None, attribution_status=attribution_status, rating=rating)
        for c in claims
    ]


@transaction.atomic
def claim_add_note(*, claim: Claim, author: User, body: str) -> Note:
    body = body.strip()
    if not body:
        raise ValidationError("A note cannot be empty.")
    if len(body) > 20_000:
        raise ValidationError("A note can be at most 20,000 characters.")
    note = Note.objects.create(claim=claim, author=_actor(author), body=body)
    ClaimEvent.objects.create(
        claim=claim, actor=_actor(author), action="note", field="note", new_value={"id": note.pk, "body": body}
    )
    Claim.objects.filter(pk=claim.pk).update(updated_at=timezone.now())
    return note


@transaction.atomic
def claim_add_evidence(
    *, claim: Claim, added_by: User, url: str, kind: str = EvidenceKind.OTHER, note: str = ""
) -> Evidence:
    if kind not in EvidenceKind.values:
        raise ValidationError(f"Unknown evidence kind: {kind}")
    evidence = Evidence(claim=claim, url=url.strip(), kind=kind, note=note.strip(), added_by=_actor(added_by))
    evidence.full_clean(exclude=["claim", "added_by"])
    if not evidence.url.lower().startswith(("http://", "https://")):
        raise ValidationError("Evidence links must be http or https addresses.")
    evidence.save()
    ClaimEvent.objects.create(
        claim=claim,
        actor=_actor(added_by),
        action="evidence",
        field="evidence",
        new_value={"id": evidence.pk, "url": evidence.url, "kind": kind},
    )
    Claim.objects.filter(pk=claim.pk).update(updated_at=timezone.now())
    return evidence


@transaction.atomic
def claim_review_naming_speaker(
    *, claim: Claim, actor: User, expected_version: int | None, speaker_name: str | None = None, **review: Any
) -> Claim:
    """claim_review where the editor names the speaker: a known name or alias is that speaker, a new
    name creates one. A refused review (ClaimConflict) also undoes the new speaker."""
    speaker = speaker_get_or_create(name=speaker_name) if speaker_name else None
    if speaker is not None:
        review["speaker"] = speaker
    return claim_review(claim=claim, actor=actor, expected_version=expected_version, **review)
