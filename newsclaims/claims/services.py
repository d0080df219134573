"""Every write to claims, speakers and their annotations. Keyword-only, one transaction each."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from newsclaims.claims import search
from newsclaims.claims.events import Resource, Type, event_record
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
    SpeakerLink,
    SpeakerRedirect,
)
from newsclaims.claims.naming import identity_key

User = AbstractBaseUser | AnonymousUser | None


class ClaimConflict(Exception):
    """The claim changed since the editor loaded it; ``current`` is the newer state."""

    def __init__(self, current: Claim):
        super().__init__(f"claim {current.pk} is at version {current.version}")
        self.current = current


class AliasTaken(ValidationError):
    """A name whose key is another speaker's alias: one key, one speaker. ``owner`` is that speaker, so a page can
    offer to merge the two instead."""

    def __init__(self, message: str, *, owner: Speaker):
        super().__init__(message)
        self.owner = owner


class DuplicateArticle(Exception):
    def __init__(self, existing: Article):
        super().__init__(f"article already stored as {existing.pk}")
        self.existing = existing


@dataclass(frozen=True)
class SpanEdit:
    start: int | None
    end: int | None


@dataclass(frozen=True)
class ClaimDetails:
    """What the engine said about a claim, corrected by hand (the admin form); None leaves a field as it is."""

    kind: str | None = None
    via: list[str] | None = None
    speaker_name: str | None = None
    speaker_role: str | None = None
    confidence: float | None = None


def _checked_details(details: ClaimDetails) -> dict[str, Any]:
    if details.kind is not None and details.kind not in ClaimKind.values:
        raise ValidationError(f"Unknown claim kind: {details.kind}")
    if details.confidence is not None and not 0 <= details.confidence <= 1:
        raise ValidationError("Confidence must be between 0 and 1.")
    if details.via is not None and not all(isinstance(v, str) for v in details.via):
        raise ValidationError("Via must be a list of outlet names.")
    values = {
        "kind": details.kind,
        "via": details.via,
        "speaker_name": details.speaker_name[:300] if details.speaker_name is not None else None,
        "speaker_role": details.speaker_role[:300] if details.speaker_role is not None else None,
        "confidence": details.confidence,
    }
    return {field: value for field, value in values.items() if value is not None}


def _actor(user: User) -> Any:
    return user if user is not None and getattr(user, "is_authenticated", False) else None


def _claims_touched(ids: Sequence[int], *, actor: User, payload: dict[str, Any]) -> None:
    """Claims whose representation changed through another record (its speaker, its article): a feed event each.

    ``QuerySet.update()`` skips ``auto_now``, so ``updated_at`` is set here explicitly.
    """
    if ids:
        Claim.objects.filter(pk__in=ids).update(updated_at=timezone.now())
        event_record(type=Type.UPDATED, resource=Resource.CLAIM, ids=ids, actor=actor, payload=payload)


def content_hash(text: str) -> str:
    """Identity of an article's text: whitespace-insensitive, so a re-pasted copy is the same article."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


# --- articles -------------------------------------------------------------------------


@dataclass(frozen=True)
class NewArticle:
    """An article to store: its exact text (every claim offset points into it) and its metadata."""

    text: str
    title: str = ""
    url: str | None = None
    outlet: str = ""
    author: str = ""
    published_at: dt.datetime | None = None
    language: str = "en"


@dataclass(frozen=True)
class StoredArticle:
    article: Article
    claims: list[Claim]


def article_find_duplicates(*, keys: Sequence[tuple[str | None, str | None]]) -> list[Article | None]:
    """For each (text, url): the stored article with the same text (content hash), else the same URL, else None.

    The one definition of "already stored", in two queries however many keys. The text column is left behind:
    callers want the article's identity, and a text can be megabytes.
    """
    digests = [content_hash(text) if text and text.strip() else None for text, _ in keys]
    urls = [url.strip() if url and url.strip() else None for _, url in keys]
    wanted_hashes = {d for d in digests if d}
    wanted_urls = {u for u in urls if u}
    stored = Article.objects.defer("text")
    by_hash = {a.content_hash: a for a in stored.filter(content_hash__in=wanted_hashes)} if wanted_hashes else {}
    by_url = {a.url: a for a in stored.filter(url__in=wanted_urls)} if wanted_urls else {}
    return [
        (by_hash.get(digest) if digest else None) or (by_url.get(url) if url else None)
        for digest, url in zip(digests, urls, strict=True)
    ]


def article_find_duplicate(*, text: str | None = None, url: str | None = None) -> Article | None:
    """The stored article with this text (whitespace-insensitive) or, failing that, this URL."""
    return article_find_duplicates(keys=[(text, url)])[0]


def _unsaved_article(new: NewArticle, engine_version: str) -> Article:
    if not new.text or not new.text.strip():
        raise ValidationError("The article text is empty.")
    article = Article(
        text=new.text,
        content_hash=content_hash(new.text),
        title=new.title[:500],
        url=new.url or None,
        outlet=new.outlet[:200],
        author=new.author[:500],
        published_at=new.published_at,
        language=new.language or "en",
        engine_version=engine_version,
    )
    # Field checks only: uniqueness is the database's (it also sees concurrent inserts), and the URL was
    # checked by the submission validator, which is stricter about schemes than URLField.
    article.full_clean(exclude=["content_hash", "url"], validate_unique=False, validate_constraints=False)
    return article


@transaction.atomic
def article_create_with_claims(
    *, article: NewArticle, claims: Sequence[Claim] = (), engine_version: str = ""
) -> StoredArticle:
    """Store an article and its claims, all or nothing.

    A duplicate (same text hash or URL, even one stored concurrently) raises DuplicateArticle with the stored one.
    """
    row = _unsaved_article(article, engine_version)
    if (existing := article_find_duplicate(text=article.text, url=row.url)) is not None:
        raise DuplicateArticle(existing)
    try:
        with transaction.atomic():
            row.save()
            event_record(type=Type.CREATED, resource=Resource.ARTICLE, ids=[row.pk])
            created = claims_create_bulk(article=row, claims=claims, engine_version=engine_version)
    except IntegrityError:
        # Lost a race with a concurrent ingest of the same article: theirs stands.
        if (existing := article_find_duplicate(text=article.text, url=row.url)) is None:
            raise
        raise DuplicateArticle(existing) from None
    return StoredArticle(article=row, claims=created)


@transaction.atomic
def articles_create_with_claims(
    *, items: Sequence[tuple[NewArticle, Sequence[Claim]]], engine_version: str = ""
) -> list[StoredArticle]:
    """Many new articles with their claims in one transaction and two bulk inserts; all stored or none.

    The caller has dropped stored duplicates (``article_find_duplicates``); a concurrent duplicate or a bad row
    raises (IntegrityError, ValidationError) and rolls the whole batch back, and the caller can then store the
    articles one by one with ``article_create_with_claims``.
    """
    articles = Article.objects.bulk_create([_unsaved_article(new, engine_version) for new, _ in items])
    per_article = []
    for article, (_, claims) in zip(articles, items, strict=True):
        per_article.append(_prepared_claims(article, claims, engine_version))
    every_claim = [claim for claims in per_article for claim in claims]
    search.claims_fill_search_speaker(every_claim)
    stored = Claim.objects.bulk_create(every_claim)
    event_record(type=Type.CREATED, resource=Resource.ARTICLE, ids=[a.pk for a in articles])
    event_record(type=Type.CREATED, resource=Resource.CLAIM, ids=[c.pk for c in stored])
    return [StoredArticle(article=a, claims=c) for a, c in zip(articles, per_article, strict=True)]


@transaction.atomic
def article_update(
    *, article: Article, title: str, outlet: str, author: str, published_at: dt.datetime | None, language: str
) -> Article:
    """Change an article's metadata. Its text and URL never change: claim offsets and the duplicate check use them."""
    changes = {"title": title, "outlet": outlet, "author": author, "published_at": published_at, "language": language}
    # From the database: the admin hands over an instance its form has already changed.
    stored = Article.objects.select_for_update().defer("text").get(pk=article.pk)
    changed = [field for field, value in changes.items() if getattr(stored, field) != value]
    for field, value in changes.items():
        setattr(article, field, value)
    article.full_clean(exclude=["content_hash", "url", "text"], validate_unique=False, validate_constraints=False)
    if not changed:
        return article
    article.save(update_fields=[*changes, "updated_at"])
    event_record(type=Type.UPDATED, resource=Resource.ARTICLE, ids=[article.pk], payload={"fields": changed})
    if {"title", "outlet", "published_at"} & set(changed):
        # Claims carry their article's title, outlet and date.
        ids = list(Claim.objects.filter(article_id=article.pk).values_list("pk", flat=True))
        _claims_touched(ids, actor=None, payload={"article": article.pk})
    return article


@transaction.atomic
def article_delete(*, article: Article) -> None:
    """Delete an article and its engine claims; one whose claims have history cannot go (ProtectedError)."""
    claim_ids = list(Claim.objects.filter(article_id=article.pk).values_list("pk", flat=True))
    pk = article.pk
    article.delete()
    event_record(type=Type.RETIRED, resource=Resource.CLAIM, ids=claim_ids, payload={"article": pk})
    event_record(type=Type.RETIRED, resource=Resource.ARTICLE, ids=[pk])


@transaction.atomic
def article_set_engine_version(*, article: Article, engine_version: str) -> None:
    # Unchanged, it is no change: no new updated_at that no event would announce.
    changed = Article.objects.filter(pk=article.pk).exclude(engine_version=engine_version)
    article.engine_version = engine_version
    if changed.update(engine_version=engine_version, updated_at=timezone.now()):
        payload = {"fields": ["engine_version"]}
        event_record(type=Type.UPDATED, resource=Resource.ARTICLE, ids=[article.pk], payload=payload)


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
    if not identity_key(name, kind=kind):
        raise ValidationError("A speaker needs a name.")
    speaker = Speaker(name=name[:300], kind=kind, description=description[:500], wikidata_qid=wikidata_qid)
    speaker.full_clean()
    speaker.save()
    event_record(type=Type.CREATED, resource=Resource.SPEAKER, ids=[speaker.pk])
    for alias in (name, *aliases):
        _alias_add(speaker, alias)  # a new speaker has no claims to reindex
    return speaker


def _speaker_changed(speaker: Speaker, actor: User, **payload: Any) -> None:
    Speaker.objects.filter(pk=speaker.pk).update(updated_at=timezone.now())
    event_record(type=Type.UPDATED, resource=Resource.SPEAKER, ids=[speaker.pk], actor=actor, payload=payload)


@transaction.atomic
def speaker_alias_add(*, speaker: Speaker, name: str, actor: User = None) -> SpeakerAlias | None:
    """Add a name variant; returns None when the form is already this speaker's. Another speaker's form is refused
    (AliasTaken names them)."""
    try:
        with transaction.atomic():
            alias = _alias_add(speaker, name)
    except IntegrityError:
        # Another editor or the linker stored the same key between the check and the insert: theirs stands.
        owner = Speaker.objects.get(aliases__normalized=identity_key(name, kind=speaker.kind)[:300])
        if owner.pk == speaker.pk:
            return None
        raise AliasTaken(f"“{name}” is already an alias of {owner.name}.", owner=owner) from None
    if alias is not None:
        search.speaker_claims_reindex(speaker=speaker)
        _speaker_changed(speaker, actor, fields=["aliases"])
    return alias


def _alias_add(speaker: Speaker, name: str) -> SpeakerAlias | None:
    key = identity_key(name, kind=speaker.kind)[:300]
    if not key:
        raise ValidationError("An alias needs a name.")
    alias = SpeakerAlias.objects.filter(normalized=key).first()
    if alias is not None:
        if alias.speaker_id != speaker.pk:
            raise AliasTaken(f"“{name}” is already an alias of {alias.speaker.name}.", owner=alias.speaker)
        return None
    return SpeakerAlias.objects.create(speaker=speaker, name=" ".join(name.split())[:300], normalized=key)


def speaker_name_key(*, speaker: Speaker) -> str:
    """The alias key of the speaker's own name (the alias ``speaker_alias_remove`` keeps)."""
    return identity_key(speaker.name, kind=speaker.kind)[:300]


@transaction.atomic
def speaker_alias_remove(*, alias: SpeakerAlias, actor: User = None) -> None:
    """Forget a name variant. The speaker's own name stays: without it the linker would make a new record the next
    time an article names them (rename the speaker first)."""
    if alias.normalized == speaker_name_key(speaker=alias.speaker):
        raise ValidationError(f"“{alias.name}” is {alias.speaker.name}'s own name; rename the speaker first.")
    if SpeakerAlias.objects.filter(pk=alias.pk).delete()[0]:
        search.speaker_claims_reindex(speaker=alias.speaker)
        _speaker_changed(alias.speaker, actor, fields=["aliases"])


@transaction.atomic
def speaker_update(
    *, speaker: Speaker, name: str, kind: str, description: str, wikidata_qid: str, actor: User = None
) -> Speaker:
    """Change a speaker's details. Aliases are managed on their own (``speaker_alias_add``)."""
    name = " ".join(name.split())
    if not identity_key(name, kind=kind):
        raise ValidationError("A speaker needs a name.")
    # From the database: the admin hands over an instance its form has already changed.
    stored = Speaker.objects.select_for_update().get(pk=speaker.pk)
    before = (stored.name, stored.kind, stored.description, stored.wikidata_qid)
    speaker.name, speaker.kind = name[:300], kind
    speaker.description, speaker.wikidata_qid = description[:500], wikidata_qid
    speaker.full_clean(validate_unique=False, validate_constraints=False)
    after = (speaker.name, speaker.kind, speaker.description, speaker.wikidata_qid)
    if before == after:
        return speaker
    speaker.save()
    search.speaker_claims_reindex(speaker=speaker)
    names = ("name", "kind", "description", "wikidata_qid")
    fields = [f for f, old, new in zip(names, before, after, strict=True) if old != new]
    event_record(
        type=Type.UPDATED, resource=Resource.SPEAKER, ids=[speaker.pk], actor=actor, payload={"fields": fields}
    )
    if before[:2] != after[:2]:
        # Claims carry their speaker's name and kind.
        ids = list(Claim.objects.filter(speaker_id=speaker.pk).values_list("pk", flat=True))
        _claims_touched(ids, actor=actor, payload={"speaker": speaker.pk})
    return speaker


@transaction.atomic
def speaker_delete(*, speaker: Speaker, actor: User = None) -> None:
    """Delete a speaker; its claims lose it, each with a history row and a version step, as in a review."""
    who = _actor(actor)
    claims = list(Claim.objects.select_for_update().filter(speaker_id=speaker.pk))
    ClaimEvent.objects.bulk_create(
        ClaimEvent(
            claim=claim,
            actor=who,
            action="speaker_delete",
            field="speaker",
            old_value={"id": speaker.pk, "name": speaker.name},
            new_value=None,
            version=claim.version + 1,
        )
        for claim in claims
    )
    Claim.objects.filter(pk__in=[c.pk for c in claims]).update(
        speaker=None, version=F("version") + 1, updated_at=timezone.now(), **search.unassigned_search_speaker()
    )
    ids = [c.pk for c in claims]
    event_record(type=Type.UPDATED, resource=Resource.CLAIM, ids=ids, actor=who, payload={"fields": ["speaker"]})
    pk = speaker.pk
    speaker.delete()
    event_record(type=Type.RETIRED, resource=Resource.SPEAKER, ids=[pk], actor=who)


def speaker_find(*, name: str, kind: str | None = None) -> Speaker | None:
    """The record a name or alias belongs to; without ``kind``, a person's key is tried before an organisation's."""
    kinds = [kind] if kind else [SpeakerKind.PERSON, SpeakerKind.ORGANISATION]
    keys = [k for k in dict.fromkeys(identity_key(name, kind=k)[:300] for k in kinds) if k]
    aliases = {a.normalized: a for a in SpeakerAlias.objects.select_related("speaker").filter(normalized__in=keys)}
    return next((aliases[k].speaker for k in keys if k in aliases), None)


@transaction.atomic
def speakers_create_many(*, speakers: Sequence[tuple[str, str, str]]) -> list[Speaker]:
    """New records from (name, kind, description), each with its name as its alias, in two inserts.

    ``speaker_create`` for many at once (the linker, when an article brings many new names): about ten queries a
    record there. A name that is already an alias (another worker stored it meanwhile) raises IntegrityError and
    stores none of them; the caller then goes one by one (``speaker_get_or_create``).
    """
    rows: list[tuple[Speaker, str]] = []
    for name, kind, description in speakers:
        name = " ".join(name.split())
        key = identity_key(name, kind=kind)[:300]
        if not key:
            raise ValidationError("A speaker needs a name.")
        speaker = Speaker(name=name[:300], kind=kind, description=description[:500])
        # The check constraints are the database's to enforce: validating them asks it once per constraint.
        speaker.full_clean(validate_unique=False, validate_constraints=False)
        rows.append((speaker, key))
    created = Speaker.objects.bulk_create([speaker for speaker, _ in rows])
    SpeakerAlias.objects.bulk_create(
        SpeakerAlias(speaker=speaker, name=speaker.name, normalized=key) for speaker, key in rows
    )
    event_record(type=Type.CREATED, resource=Resource.SPEAKER, ids=[speaker.pk for speaker in created])
    return created


@transaction.atomic
def speaker_get_or_create(*, name: str, kind: str = SpeakerKind.PERSON, description: str = "") -> Speaker:
    speaker = speaker_find(name=name, kind=kind)
    if speaker is not None:
        return speaker
    try:
        with transaction.atomic():
            return speaker_create(name=name, kind=kind, description=description)
    except (IntegrityError, ValidationError):
        # Someone created the same name meanwhile (unique alias key): theirs stands.
        speaker = speaker_find(name=name, kind=kind)
        if speaker is None:
            raise
        return speaker


@transaction.atomic
def speaker_merge(
    *, source: Speaker, target: Speaker, actor: User = None, keep_description: bool = False, keep_aliases: bool = True
) -> Speaker:
    """Fold ``source`` into ``target``: its claims and aliases (its name among them) move, each moved claim gets a
    history row, and ``source``'s id redirects to ``target``. Its description replaces the target's only when the
    editor asks (``keep_description``): an engine-made description of the merged-away record is often wrong.
    Without ``keep_aliases`` its names are forgotten instead (they named someone else too, or were the engine's
    mistake): the linker then links them anew, while the moved claims keep the editor's choice."""
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
    # Names forgotten, the linker could no longer tell these claims are the target's: they are the editor's now.
    link = {} if keep_aliases else {"speaker_link": SpeakerLink.EDITOR}
    _claims_move_speaker(claims, source=source, target=target, who=who, action="speaker_merge", **link)
    aliases = SpeakerAlias.objects.filter(speaker_id=source.pk)
    if keep_aliases:
        aliases.update(speaker_id=target.pk)
    else:
        aliases.delete()
    if keep_description and source.description:
        target.description = source.description
    target.wikidata_qid = target.wikidata_qid or source.wikidata_qid
    target.save(update_fields=["description", "wikidata_qid", "updated_at"])
    # Old ids of the source, and the source itself, now answer with the target.
    SpeakerRedirect.objects.filter(speaker_id=source.pk).update(speaker_id=target.pk)
    SpeakerRedirect.objects.create(old_id=source.pk, speaker=target)
    search.speaker_claims_reindex(speaker=target)
    source_pk = source.pk
    source.delete()
    merge = {"source": source_pk, "target": target.pk}
    event_record(type=Type.MERGED, resource=Resource.SPEAKER, ids=[source_pk], actor=who, payload=merge)
    event_record(type=Type.UPDATED, resource=Resource.SPEAKER, ids=[target.pk], actor=who, payload=merge)
    return target


@transaction.atomic
def speaker_split(
    *,
    source: Speaker,
    claim_ids: Sequence[int],
    actor: User = None,
    target: Speaker | None = None,
    new_name: str = "",
    new_kind: str = SpeakerKind.PERSON,
) -> Speaker:
    """Move chosen claims of ``source`` to ``target``, or to a new record named ``new_name``: the undo of a wrong
    merge or link. Moved claims are the editor's choice from now on, so no relinking moves them back."""
    ids = sorted(set(claim_ids))
    if not ids:
        raise ValidationError("Choose the claims to move.")
    if (target is None) == (not new_name.strip()):
        raise ValidationError("Give either the record to move the claims to or the name of a new one.")
    if target is not None and target.pk == source.pk:
        raise ValidationError("The claims already belong to this speaker.")
    moving = list(Claim.objects.select_for_update().filter(pk__in=ids, speaker_id=source.pk))
    if len(moving) != len(ids):
        raise ValidationError("Only claims of this speaker can be moved.")
    if target is None:
        if speaker_find(name=new_name, kind=new_kind) is not None:
            raise ValidationError(f"“{new_name}” is already a speaker: choose it instead.")
        target = speaker_create(name=new_name, kind=new_kind)
    _claims_move_speaker(
        moving,
        source=source,
        target=target,
        who=_actor(actor),
        action="speaker_split",
        speaker_link=SpeakerLink.EDITOR,
        **search.search_speaker_update(target),
    )
    return target


def _claims_move_speaker(
    claims: Sequence[Claim], *, source: Speaker, target: Speaker, who: Any, action: str, **fields: Any
) -> None:
    """Give ``claims`` (locked by the caller) the speaker ``target``: a history row, a version step and a feed
    event each, as for any review of the speaker field."""
    ClaimEvent.objects.bulk_create(
        ClaimEvent(
            claim=claim,
            actor=who,
            action=action,
            field="speaker",
            old_value={"id": source.pk, "name": source.name},
            new_value={"id": target.pk, "name": target.name},
            version=claim.version + 1,
        )
        for claim in claims
    )
    moved = [c.pk for c in claims]
    Claim.objects.filter(pk__in=moved).update(
        speaker_id=target.pk, version=F("version") + 1, updated_at=timezone.now(), **fields
    )
    event_record(type=Type.UPDATED, resource=Resource.CLAIM, ids=moved, actor=who, payload={"fields": ["speaker"]})


# --- claims ---------------------------------------------------------------------------


def _check_spans(claim: Claim, text: str) -> None:
    errors = claim.span_errors(text)
    if errors:
        raise ValidationError("; ".join(errors))


def _prepared_claims(article: Article, claims: Sequence[Claim], engine_version: str | None) -> list[Claim]:
    """The claims ready to insert for ``article``; a span that does not point at its text refuses them all."""
    for claim in claims:
        claim.article = article
        if engine_version is not None:
            claim.engine_version = engine_version
        if claim.kind not in ClaimKind.values:
            raise ValidationError(f"Unknown claim kind: {claim.kind}")
        _check_spans(claim, article.text)
    return list(claims)


@transaction.atomic
def claims_create_bulk(*, article: Article, claims: Sequence[Claim], engine_version: str | None = None) -> list[Claim]:
    """Store new claims of a stored article in one insert.

    ``claims`` are unsaved Claims (their article is set here). Creation writes no history row: the history
    records what happens to a claim after it exists, and a claim with history counts as an editor's work that
    re-extraction keeps (see ClaimQuerySet.has_editorial_work). The same holds for every path that creates
    claims (ingestion, bulk ingestion, re-extraction), since they all come here.
    """
    prepared = _prepared_claims(article, claims, engine_version)
    search.claims_fill_search_speaker(prepared)
    created = Claim.objects.bulk_create(prepared)
    event_record(type=Type.CREATED, resource=Resource.CLAIM, ids=[c.pk for c in created])
    return created


def article_claims_for_reextraction(*, article: Article) -> tuple[list[Claim], list[Claim]]:
    """(edited, untouched) claims of the article, locked; call inside the transaction that rewrites them.

    Locking the article serialises two re-extractions of it; the claims are locked so a review waits for us.
    """
    Article.objects.select_for_update().filter(pk=article.pk).first()
    claims = list(Claim.objects.select_for_update().filter(article_id=article.pk).order_by("id"))
    edited_ids = set(Claim.objects.filter(article_id=article.pk).has_editorial_work().values_list("id", flat=True))
    return [c for c in claims if c.pk in edited_ids], [c for c in claims if c.pk not in edited_ids]


def _engine_event(claims: Sequence[Claim], missing: bool) -> None:
    # No version bump: the flag is the engine's, not an edit an open review form could overwrite.
    ClaimEvent.objects.bulk_create(
        ClaimEvent(
            claim=claim,
            actor=None,
            action="engine_missing" if missing else "engine_found",
            field="engine_missing",
            old_value=not missing,
            new_value=missing,
            version=claim.version,
        )
        for claim in claims
    )


@transaction.atomic
def claims_mark_engine_found(*, claims: Sequence[Claim], engine_version: str) -> None:
    """The engine found these claims again: record its version; a flagged one is unflagged, with a history row."""
    _engine_event([c for c in claims if c.engine_missing], missing=False)
    changed = [c.pk for c in claims if c.engine_missing or c.engine_version != engine_version]
    Claim.objects.filter(pk__in=changed).update(
        engine_version=engine_version, engine_missing=False, updated_at=timezone.now()
    )
    payload = {"fields": ["engine_version", "engine_missing"]}
    event_record(type=Type.UPDATED, resource=Resource.CLAIM, ids=changed, payload=payload)


@transaction.atomic
def claims_flag_engine_missing(*, claims: Sequence[Claim]) -> None:
    """The engine no longer finds these (edited) claims: they are kept and flagged, with a history row."""
    newly = [c for c in claims if not c.engine_missing]
    _engine_event(newly, missing=True)
    ids = [c.pk for c in newly]
    Claim.objects.filter(pk__in=ids).update(engine_missing=True, updated_at=timezone.now())
    event_record(type=Type.UPDATED, resource=Resource.CLAIM, ids=ids, payload={"fields": ["engine_missing"]})


# What re-extraction may rewrite on a claim nobody has worked on. All but confidence are shown to editors, so a
# change to them writes a history row and steps the version (an open review form must not overwrite it).
ENGINE_FIELDS = (
    *("speaker", "speaker_text", "speaker_start", "speaker_end", "cue_text", "cue_start", "cue_end"),
    *("content_text", "content_start", "content_end", "kind", "via", "speaker_name", "speaker_role", "cue_meaning"),
    *("speaker_kind", "speaker_link"),
)


@transaction.atomic
def claims_update_from_engine(*, pairs: Sequence[tuple[Claim, Claim]], engine_version: str) -> list[Claim]:
    """Rewrite stored claims in place from the engine's new reading of the same statements (same ids).

    ``pairs`` are (stored claim, unsaved claim from the engine). Returns the claims that changed.
    """
    now = timezone.now()
    changed: list[Claim] = []
    history: list[ClaimEvent] = []
    fields: dict[int, list[str]] = {}
    texts: dict[int, str] = {}
    for stored, fresh in pairs:
        visible = [
            (f, _json_value(getattr(stored, f)), _json_value(getattr(fresh, f)))
            for f in ENGINE_FIELDS
            if getattr(stored, f) != getattr(fresh, f)
        ]
        quiet = ["confidence"] if stored.confidence != fresh.confidence else []
        if stored.engine_version != engine_version:
            quiet.append("engine_version")
        if not visible and not quiet and not stored.engine_missing:
            continue
        for field in (*ENGINE_FIELDS, "confidence"):
            setattr(stored, field, getattr(fresh, field))
        stored.engine_version, stored.engine_missing, stored.updated_at = engine_version, False, now
        if visible:
            stored.version += 1
            history.extend(
                ClaimEvent(
                    claim=stored,
                    actor=None,
                    action="engine_update",
                    field=f,
                    old_value=o,
                    new_value=n,
                    version=stored.version,
                )
                for f, o, n in visible
            )
        if stored.article_id not in texts:
            texts[stored.article_id] = Article.objects.values_list("text", flat=True).get(pk=stored.article_id)
        _check_spans(stored, texts[stored.article_id])
        changed.append(stored)
        fields[stored.pk] = [f for f, _, _ in visible] + quiet
    Claim.objects.bulk_update(
        changed, [*ENGINE_FIELDS, "confidence", "engine_version", "engine_missing", "updated_at", "version"]
    )
    ClaimEvent.objects.bulk_create(history)
    event_record(
        type=Type.UPDATED,
        resource=Resource.CLAIM,
        ids=[c.pk for c in changed],
        payload={"engine_version": engine_version},
        payloads={pk: {"fields": f} for pk, f in fields.items()},
    )
    return changed


@transaction.atomic
def claims_delete_unedited(*, claims: Sequence[Claim], engine_version: str = "") -> int:
    """Delete engine claims nobody has worked on, each with a ``retired`` feed event; an editor's claim stays."""
    ids = [c.pk for c in claims]
    edited = Claim.objects.filter(pk__in=ids).has_editorial_work().values("pk")
    doomed = list(Claim.objects.filter(pk__in=ids).exclude(pk__in=edited).values_list("pk", flat=True))
    _, per_model = Claim.objects.filter(pk__in=doomed).delete()
    payload = {"reason": "engine_no_longer_finds", "engine_version": engine_version}
    event_record(type=Type.RETIRED, resource=Resource.CLAIM, ids=doomed, payload=payload)
    return per_model.get(Claim._meta.label, 0)


@transaction.atomic
def claim_delete(*, claim: Claim, actor: User = None) -> None:
    """Delete a claim; one with history cannot go (ProtectedError): the history would lose its subject."""
    pk = claim.pk
    claim.delete()
    event_record(type=Type.RETIRED, resource=Resource.CLAIM, ids=[pk], actor=actor)


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
    details: ClaimDetails | None = None,
) -> Claim:
    """Apply an editor's review. Refused with ClaimConflict when ``expected_version`` is stale.

    Every changed field writes one history row; the version goes up once per accepted review.
    """
    current: Claim = Claim.objects.select_for_update(of=("self",)).select_related("article", "speaker").get(pk=claim.pk)
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
        # An editor's choice of speaker is final: re-extraction and relinking never change it.
        current.speaker_link = SpeakerLink.EDITOR
    if details is not None:
        for field, value in _checked_details(details).items():
            change(field, value)
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
    if any(field in ("speaker", "speaker_name") for field, _, _ in changes):
        current.search_speaker = search.claim_search_speaker(current)
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
    payload = {"fields": [f for f, _, _ in changes], "version": current.version}
    event_record(type=Type.REVIEWED, resource=Resource.CLAIM, ids=[current.pk], actor=who, payload=payload)
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
    body = _clean_note_body(body)
    note = Note.objects.create(claim=claim, author=_actor(author), body=body)
    ClaimEvent.objects.create(
        claim=claim, actor=_actor(author), action="note", field="note", new_value={"id": note.pk, "body": body}
    )
    _claims_touched([claim.pk], actor=author, payload={"fields": ["notes"]})
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
    _claims_touched([claim.pk], actor=added_by, payload={"fields": ["evidence"]})
    return evidence


def _clean_note_body(body: str) -> str:
    body = body.strip()
    if not body:
        raise ValidationError("A note cannot be empty.")
    if len(body) > 20_000:
        raise ValidationError("A note can be at most 20,000 characters.")
    return body


def _annotation_event(claim_id: int, actor: User, action: str, field: str, old: Any, new: Any) -> None:
    ClaimEvent.objects.create(
        claim_id=claim_id, actor=_actor(actor), action=action, field=field, old_value=old, new_value=new
    )
    _claims_touched([claim_id], actor=actor, payload={"fields": ["evidence" if field == "evidence" else "notes"]})


@transaction.atomic
def claim_note_change(*, note: Note, actor: User, body: str) -> Note:
    """Correct a note's text; the history keeps both versions."""
    body = _clean_note_body(body)
    old = Note.objects.select_for_update().get(pk=note.pk).body
    if old != body:
        note.body = body
        note.save(update_fields=["body"])
        new_value = {"id": note.pk, "body": body}
        _annotation_event(note.claim_id, actor, "note_change", "note", {"id": note.pk, "body": old}, new_value)
    return note


@transaction.atomic
def claim_note_remove(*, note: Note, actor: User) -> None:
    _annotation_event(note.claim_id, actor, "note_remove", "note", {"id": note.pk, "body": note.body}, None)
    note.delete()


def _evidence_value(evidence: Evidence) -> dict[str, Any]:
    return {"id": evidence.pk, "url": evidence.url, "kind": evidence.kind}


@transaction.atomic
def claim_evidence_change(*, evidence: Evidence, actor: User, url: str, kind: str, note: str = "") -> Evidence:
    """Correct a piece of evidence; the history keeps what it was."""
    if kind not in EvidenceKind.values:
        raise ValidationError(f"Unknown evidence kind: {kind}")
    if not url.strip().lower().startswith(("http://", "https://")):
        raise ValidationError("Evidence links must be http or https addresses.")
    before = Evidence.objects.select_for_update().get(pk=evidence.pk)
    evidence.url, evidence.kind, evidence.note = url.strip(), kind, note.strip()
    evidence.full_clean(exclude=["claim", "added_by"])
    if (before.url, before.kind, before.note) != (evidence.url, evidence.kind, evidence.note):
        evidence.save(update_fields=["url", "kind", "note"])
        old, new = _evidence_value(before), _evidence_value(evidence)
        _annotation_event(evidence.claim_id, actor, "evidence_change", "evidence", old, new)
    return evidence


@transaction.atomic
def claim_evidence_remove(*, evidence: Evidence, actor: User) -> None:
    _annotation_event(evidence.claim_id, actor, "evidence_remove", "evidence", _evidence_value(evidence), None)
    evidence.delete()


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


@dataclass(frozen=True)
class MergeRecord:
    """What a speaker merge did, enough to take it back: the removed speaker, what moved, what filled in."""

    source: dict[str, Any]  # id, name, kind, description, wikidata_qid of the speaker merged away
    target_id: int
    target_before: dict[str, str]  # the survivor's description and wikidata_qid before the merge
    aliases: list[int]  # aliases moved to the survivor
    claims: list[list[int]]  # [claim id, its version right after the merge]
    redirects: list[int]  # old ids that pointed at the merged-away speaker
    dropped_aliases: list[list[str]] = dataclass_field(default_factory=list)  # [name, normalized] forgotten

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "target_id": self.target_id,
            "target_before": self.target_before,
            "aliases": self.aliases,
            "claims": self.claims,
            "redirects": self.redirects,
            "dropped_aliases": self.dropped_aliases,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> MergeRecord:
        return cls(
            data["source"],
            data["target_id"],
            data["target_before"],
            data["aliases"],
            data["claims"],
            data["redirects"],
            # Undo tokens signed before aliases could be dropped carry none.
            data.get("dropped_aliases", []),
        )


@transaction.atomic
def speaker_merge_undoable(
    *, source: Speaker, target: Speaker, actor: User = None, keep_description: bool = False, keep_aliases: bool = True
) -> tuple[Speaker, MergeRecord]:
    """speaker_merge, returning a record that speaker_merge_undo can take back."""
    fields = ("name", "kind", "description", "wikidata_qid")
    locked = Speaker.objects.select_for_update().filter(pk__in=[source.pk, target.pk]).order_by("pk")
    rows = {s.pk: s for s in locked}
    if len(rows) != 2:
        raise ValidationError("Both speakers must exist.")
    before = {c.pk: c.version for c in Claim.objects.select_for_update().filter(speaker_id=source.pk)}
    alias_rows = list(SpeakerAlias.objects.filter(speaker_id=source.pk).values_list("pk", "name", "normalized"))
    redirects = list(SpeakerRedirect.objects.filter(speaker_id=source.pk).values_list("pk", flat=True))
    record = MergeRecord(
        source={"id": source.pk, **{f: getattr(rows[source.pk], f) for f in fields}},
        target_id=target.pk,
        target_before={f: getattr(rows[target.pk], f) for f in ("description", "wikidata_qid")},
        aliases=[pk for pk, _, _ in alias_rows] if keep_aliases else [],
        claims=[[pk, version + 1] for pk, version in sorted(before.items())],
        redirects=redirects,
        dropped_aliases=[] if keep_aliases else [[name, key] for _, name, key in alias_rows],
    )
    kept = speaker_merge(
        source=source, target=target, actor=actor, keep_description=keep_description, keep_aliases=keep_aliases
    )
    return kept, record


@transaction.atomic
def speaker_merge_undo(*, record: MergeRecord, actor: User = None) -> tuple[Speaker, list[int]]:
    """Take a merge back: the removed speaker comes back (its old id when still free) with its aliases and every
    moved claim nobody changed since (each with a "revert" history row). Returns the speaker and the claims left
    alone."""
    target = Speaker.objects.select_for_update().filter(pk=record.target_id).first()
    if target is None:
        raise ValidationError("The speaker it was merged into no longer exists; the merge cannot be undone.")
    fields = {k: v for k, v in record.source.items() if k != "id"}
    # The same id comes back when it is free, so links to the speaker work again; its redirect goes.
    free = not Speaker.objects.filter(pk=record.source["id"]).exists()
    speaker = Speaker(pk=record.source["id"] if free else None, **fields)
    speaker.full_clean(validate_unique=False)
    speaker.save(force_insert=True)
    if free:
        SpeakerRedirect.objects.filter(old_id=speaker.pk).delete()
    else:
        SpeakerRedirect.objects.filter(old_id=record.source["id"], speaker_id=target.pk).update(speaker_id=speaker.pk)
    SpeakerRedirect.objects.filter(pk__in=record.redirects, speaker_id=target.pk).update(speaker_id=speaker.pk)
    SpeakerAlias.objects.filter(pk__in=record.aliases, speaker_id=target.pk).update(speaker_id=speaker.pk)
    # A forgotten name comes back unless another speaker has taken it since.
    taken = set(
        SpeakerAlias.objects.filter(normalized__in=[key for _, key in record.dropped_aliases]).values_list(
            "normalized", flat=True
        )
    )
    SpeakerAlias.objects.bulk_create(
        SpeakerAlias(speaker=speaker, name=name, normalized=key)
        for name, key in record.dropped_aliases
        if key not in taken
    )
    for field, value in record.target_before.items():
        # Only what the merge filled in goes back; an edit made since stays.
        if getattr(target, field) != value and getattr(target, field) == record.source[field]:
            setattr(target, field, value)
    target.save(update_fields=["description", "wikidata_qid", "updated_at"])
    who = _actor(actor)
    left: list[int] = []
    moved = dict((pk, version) for pk, version in record.claims)
    for claim in Claim.objects.select_for_update().filter(pk__in=moved).order_by("pk"):
        if claim.version != moved[claim.pk] or claim.speaker_id != target.pk:
            left.append(claim.pk)
            continue
        claim.speaker = speaker
        claim.version += 1
        claim.save(update_fields=["speaker", "version", "updated_at"])
        ClaimEvent.objects.create(
            claim=claim,
            actor=who,
            action="revert",
            field="speaker",
            old_value=_json_value(target),
            new_value=_json_value(speaker),
            version=claim.version,
        )
    return speaker, left
