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
    ClaimKind,
    ClaimOrigin,
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
    _keep_engine_original(current, changes)

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


# --- editors complete the record: added statements, the engine's original, reverts -------------

# The fields that make up "who said what where": the engine's values are kept when an editor corrects them.
CORRECTABLE = (
    "speaker",
    "content_start",
    "content_end",
    "content_text",
    "speaker_start",
    "speaker_end",
    "speaker_text",
    "cue_start",
    "cue_end",
    "cue_text",
)
# What a revert can put back: every field claim_review writes.
REVERTIBLE = frozenset({"attribution_status", "rating", "rating_explanation", *CORRECTABLE})


class ClaimExists(Exception):
    """A statement with this content span is already stored for the article (found or added meanwhile)."""

    def __init__(self, existing: Claim):
        super().__init__(f"claim {existing.pk} has this span")
        self.existing = existing


def _keep_engine_original(claim: Claim, changes: list[tuple[str, Any, Any]]) -> None:
    """On the first correction of an engine claim, keep the engine's speaker and spans beside the editor's."""
    if claim.origin != ClaimOrigin.ENGINE or claim.engine_original:
        return
    before = {field: old for field, old, _ in changes if field in CORRECTABLE}
    if not before:
        return
    claim.engine_original = {
        field: before[field] if field in before else _json_value(getattr(claim, field)) for field in CORRECTABLE
    }


def _span_in(text: str, name: str, edit: SpanEdit | None, required: bool = False) -> tuple[int | None, int | None]:
    if edit is None or (edit.start is None and edit.end is None):
        if required:
            raise ValidationError(f"{name}: give its start and end")
        return None, None
    if edit.start is None or edit.end is None:
        raise ValidationError(f"{name}: give both start and end")
    if not 0 <= edit.start < edit.end <= len(text):
        raise ValidationError(f"{name}: offsets {edit.start}-{edit.end} are outside the article (0-{len(text)})")
    return edit.start, edit.end


@transaction.atomic
def claim_add(
    *,
    article: Article,
    actor: User,
    content: SpanEdit,
    speaker: Speaker | None = None,
    speaker_span: SpanEdit | None = None,
    cue: SpanEdit | None = None,
    kind: str = ClaimKind.INDIRECT,
) -> Claim:
    """A statement the engine missed, added by an editor: reviewed by them, with an "added" history row.

    Offsets are validated as for span corrections; a statement whose content span is already stored raises
    ClaimExists with the stored claim (two editors adding the same statement keep one).
    """
    text = Article.objects.only("text").get(pk=article.pk).text
    start, end = _span_in(text, "content", content, required=True)
    assert start is not None and end is not None
    if not text[start:end].strip():
        raise ValidationError("content: the statement is empty (only spaces)")
    s_start, s_end = _span_in(text, "speaker", speaker_span)
    c_start, c_end = _span_in(text, "cue", cue)
    if speaker is None and s_start is None:
        raise ValidationError("speaker: choose the speaker or mark who says it in the text")
    if kind not in ClaimKind.values:
        raise ValidationError(f"Unknown claim kind: {kind}")
    # Lock the article so two editors adding the same statement cannot both pass the check below.
    Article.objects.select_for_update().filter(pk=article.pk).exists()
    existing = Claim.objects.filter(article_id=article.pk, content_start=start, content_end=end).first()
    if existing is not None:
        raise ClaimExists(existing)
    who = _actor(actor)
    mention = text[s_start:s_end] if s_start is not None else ""
    claim = Claim(
        article=article,
        speaker=speaker,
        speaker_name=speaker.name if speaker is not None else " ".join(mention.split())[:300],
        speaker_text=mention[:1000],
        speaker_start=s_start,
        speaker_end=s_end,
        cue_text=text[c_start:c_end][:200] if c_start is not None else "",
        cue_start=c_start,
        cue_end=c_end,
        content_text=text[start:end],
        content_start=start,
        content_end=end,
        kind=kind,
        confidence=1.0,
        origin=ClaimOrigin.EDITOR,
        added_by=who,
        attribution_status=AttributionStatus.CONFIRMED,
        reviewed_by=who,
        reviewed_at=timezone.now(),
    )
    _check_spans(claim, text)
    claim.full_clean(exclude=["article", "speaker", "reviewed_by", "added_by"])
    claim.save()
    ClaimEvent.objects.create(
        claim=claim,
        actor=who,
        action="add",
        field="claim",
        new_value={
            "content": [start, end],
            "speaker": _json_value(speaker),
            "speaker_mention": [s_start, s_end] if s_start is not None else None,
            "cue": [c_start, c_end] if c_start is not None else None,
            "kind": kind,
        },
        version=claim.version,
    )
    return claim


def claim_values_at(*, claim: Claim, version: int) -> dict[str, Any]:
    """The revertible fields as they were at ``version`` (history stores each change's old value)."""
    values: dict[str, Any] = {}
    events = claim.events.filter(version__gt=version, field__in=REVERTIBLE).order_by("-version", "-id")
    for event in events:
        # Newest first, so the last one written is the first change after ``version``: its old value stands.
        values[event.field] = event.old_value
    return values


def _speaker_from_history(value: Any) -> Speaker | None:
    if not value:
        return None
    speaker = Speaker.objects.filter(pk=value.get("id")).first()
    # A speaker merged away since: its name is an alias of the one it was merged into.
    return speaker or speaker_find(name=value.get("name", ""))


@transaction.atomic
def claim_revert(*, claim: Claim, actor: User, to_version: int, expected_version: int | None) -> Claim:
    """Put the claim back as it was at ``to_version``: a new version with "revert" history rows, refused with
    ClaimConflict when ``expected_version`` is stale (an undo must not wipe out someone else's later save)."""
    current = Claim.objects.select_for_update(of=("self",)).select_related("article", "speaker").get(pk=claim.pk)
    if expected_version is not None and current.version != expected_version:
        raise ClaimConflict(current)
    if not 1 <= to_version < current.version:
        raise ValidationError(f"Version {to_version} is not an earlier version of this claim.")
    changes: list[tuple[str, Any, Any]] = []
    for field, value in claim_values_at(claim=current, version=to_version).items():
        new = _speaker_from_history(value) if field == "speaker" else value
        old = getattr(current, field)
        if old != new:
            changes.append((field, _json_value(old), _json_value(new)))
            setattr(current, field, new)
    if not changes:
        return current
    _check_spans(current, current.article.text)
    who = _actor(actor)
    current.version += 1
    current.reviewed_by = who
    current.reviewed_at = timezone.now()
    current.save()
    ClaimEvent.objects.bulk_create(
        ClaimEvent(
            claim=current, actor=who, action="revert", field=f, old_value=o, new_value=n, version=current.version
        )
        for f, o, n in changes
    )
    return current
