"""The data model: fields, constraints and QuerySet methods. Writes go through services.py."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Upper

from newsclaims.claims.querysets import ArticleQuerySet, ClaimEventQuerySet, ClaimQuerySet, SpeakerQuerySet


class SpeakerKind(models.TextChoices):
    PERSON = "person", "Person"
    ORGANISATION = "organisation", "Organisation"
    GROUP = "group", "Group"
    ANONYMOUS = "anonymous", "Anonymous source"
    MEDIA = "media", "Media"
    UNKNOWN = "unknown", "Unknown"


class SpeakerLink(models.TextChoices):
    """How a claim came by its speaker record (or why it has none)."""

    LINKED = "linked", "Linked"
    AMBIGUOUS = "ambiguous", "Ambiguous"  # the name fits more than one record: an editor decides
    WAITING = "waiting", "Waiting"  # a one-word name with no record yet: linked once one exists
    NONE = "none", "No record"  # groups, anonymous sources, unknown or no speaker
    EDITOR = "editor", "Chosen by an editor"  # never re-linked by the engine


class ClaimKind(models.TextChoices):
    DIRECT = "direct", "Direct quote"
    INDIRECT = "indirect", "Reported speech"
    MIXED = "mixed", "Mixed quote"


class ClaimOrigin(models.TextChoices):
    ENGINE = "engine", "Found by the engine"
    EDITOR = "editor", "Added by an editor"


class AttributionStatus(models.TextChoices):
    UNREVIEWED = "unreviewed", "Unreviewed"
    CONFIRMED = "confirmed", "Confirmed"
    WRONG_SPEAKER = "wrong_speaker", "Wrong speaker"
    WRONG_SPAN = "wrong_span", "Wrong span"
    NOT_A_CLAIM = "not_a_claim", "Not a claim"


class Rating(models.TextChoices):
    """The verdict scale, best to worst; ``RATING_SCALE`` gives the numbers used in ClaimReview."""

    NOT_RATED = "not_rated", "Not rated"
    TRUE = "true", "True"
    MOSTLY_TRUE = "mostly_true", "Mostly true"
    MIXED = "mixed", "Mixed"
    MISLEADING = "misleading", "Misleading"
    FALSE = "false", "False"
    UNVERIFIABLE = "unverifiable", "Unverifiable"


# schema.org ClaimReview ratings: 5 best, 1 worst. Unverifiable and not rated have no place
# on the scale, so they carry no numeric value.
RATING_SCALE: dict[str, int] = {
    Rating.TRUE: 5,
    Rating.MOSTLY_TRUE: 4,
    Rating.MIXED: 3,
    Rating.MISLEADING: 2,
    Rating.FALSE: 1,
}


class EvidenceKind(models.TextChoices):
    RECORDING = "recording", "Recording"
    TRANSCRIPT = "transcript", "Transcript"
    DOCUMENT = "document", "Document"
    PRESS_RELEASE = "press_release", "Press release"
    SPEAKER_CONFIRMATION = "speaker_confirmation", "Speaker confirmation"
    SPEAKER_DENIAL = "speaker_denial", "Speaker denial"
    ARCHIVE_COPY = "archive_copy", "Archive copy"
    OTHER = "other", "Other"


class Article(models.Model):
    title = models.CharField(max_length=500, blank=True)
    url = models.URLField(max_length=2000, null=True, blank=True)
    outlet = models.CharField(max_length=200, blank=True, db_index=True)
    author = models.CharField(max_length=500, blank=True)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # The exact text every claim offset refers to; never rewritten once claims exist.
    text = models.TextField()
    content_hash = models.CharField(max_length=64, unique=True)
    language = models.CharField(max_length=16, default="en")
    engine_version = models.CharField(max_length=40, blank=True)
    # The editor the desk gave the article to: its claims are theirs unless a claim is assigned on its own.
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="assigned_articles"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["url"], condition=Q(url__isnull=False), name="article_url_unique"),
            models.CheckConstraint(condition=~Q(text=""), name="article_text_not_empty"),
        ]
        indexes = [
            # The outlet filters compare case-insensitively (UPPER(outlet) = UPPER(%s)). Without statistics on that
            # expression PostgreSQL guesses 0.5 % of claims for any outlet, even one that has none, and walks a
            # million claims in list order waiting for a match (1.5 s); the index gives it the real counts.
            models.Index(Upper("outlet"), name="article_outlet_upper_idx"),
        ]

    def __str__(self) -> str:
        return self.title or f"Article {self.pk}"


class Speaker(models.Model):
    name = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=SpeakerKind.choices, default=SpeakerKind.PERSON)
    description = models.CharField(max_length=500, blank=True, help_text="Role or description, e.g. Kremlin spokesman")
    wikidata_qid = models.CharField(max_length=20, blank=True, help_text="e.g. Q7747")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SpeakerQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="speaker_name_not_empty"),
            models.CheckConstraint(
                condition=Q(wikidata_qid="") | Q(wikidata_qid__regex=r"^Q[1-9][0-9]*$"), name="speaker_qid_format"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class SpeakerRedirect(models.Model):
    """A record merged into another: its old id keeps answering, with a redirect to the survivor."""

    old_id = models.BigIntegerField(primary_key=True)
    speaker = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="redirects")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.old_id} -> {self.speaker_id}"


class SpeakerAlias(models.Model):
    speaker = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=300)
    # See newsclaims.claims.naming.identity_key: one key, one speaker.
    normalized = models.CharField(max_length=300, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "speaker aliases"

    def __str__(self) -> str:
        return self.name


class Claim(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="claims")
    speaker = models.ForeignKey(Speaker, null=True, blank=True, on_delete=models.SET_NULL, related_name="claims")

    # Offsets are Python str offsets into article.text, end-exclusive.
    speaker_text = models.CharField(max_length=1000, blank=True)
    speaker_start = models.PositiveIntegerField(null=True, blank=True)
    speaker_end = models.PositiveIntegerField(null=True, blank=True)
    cue_text = models.CharField(max_length=200, blank=True)
    cue_start = models.PositiveIntegerField(null=True, blank=True)
    cue_end = models.PositiveIntegerField(null=True, blank=True)
    content_text = models.TextField()
    content_start = models.PositiveIntegerField()
    content_end = models.PositiveIntegerField()

    kind = models.CharField(max_length=10, choices=ClaimKind.choices, db_index=True)
    via = models.JSONField(default=list, blank=True, help_text="Outlets the statement was relayed through")
    speaker_name = models.CharField(max_length=300, blank=True, help_text="Speaker as resolved by the engine")
    # Who said it as full-text search sees it: the speaker's name and aliases, or the engine's guess while the
    # claim has no speaker. Kept by the services (claims.search); the search document is generated from it.
    search_speaker = models.TextField(blank=True, default="", editable=False)
    speaker_kind = models.CharField(max_length=20, blank=True, help_text="Kind of speaker, as the engine saw it")
    speaker_link = models.CharField(max_length=10, choices=SpeakerLink.choices, default=SpeakerLink.NONE, db_index=True)
    speaker_role = models.CharField(max_length=300, blank=True)
    cue_meaning = models.CharField(max_length=12, blank=True)
    confidence = models.FloatField(default=0.5, db_index=True)
    engine_version = models.CharField(max_length=40, blank=True)
    # A reviewed claim the current engine no longer finds is kept, flagged, never deleted.
    engine_missing = models.BooleanField(default=False)
    # Who found the statement. An editor-made claim is editorial work: re-extraction never removes it.
    origin = models.CharField(max_length=10, choices=ClaimOrigin.choices, default=ClaimOrigin.ENGINE)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="added_claims"
    )
    # The engine's speaker and spans as first found, kept when an editor corrects them (empty until then),
    # so a page can say what changed ("speaker: A -> B") next to the editor's version in the fields above.
    engine_original = models.JSONField(default=dict, blank=True)

    attribution_status = models.CharField(
        max_length=20, choices=AttributionStatus.choices, default=AttributionStatus.UNREVIEWED, db_index=True
    )
    rating = models.CharField(max_length=20, choices=Rating.choices, default=Rating.NOT_RATED, db_index=True)
    rating_explanation = models.TextField(blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="reviewed_claims"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    # Assigned on its own; takes precedence over the article's assignee.
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="assigned_claims"
    )
    # The second check (DeskSettings.second_check): it covers the review of reviewed_at, so a later review
    # (approved_at < reviewed_at) waits for a new approval.
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="approved_claims"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    # Optimistic concurrency: every change bumps it; a write naming an older one is refused.
    version = models.PositiveIntegerField(default=1)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["article_id", "content_start", "id"]
        indexes = [
            models.Index(fields=["attribution_status", "confidence"], name="claim_queue_idx"),
            models.Index(fields=["speaker", "-updated_at"], name="claim_speaker_idx"),
            # A rare cue meaning (the planner knows it is rare) was a sequential scan of every claim: 200-350 ms.
            models.Index(fields=["cue_meaning"], name="claim_cue_meaning_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(content_start__lt=F("content_end")), name="claim_content_span_valid"),
            models.CheckConstraint(
                condition=(Q(speaker_start__isnull=True) & Q(speaker_end__isnull=True))
                | Q(speaker_start__lt=F("speaker_end")),
                name="claim_speaker_span_valid",
            ),
            models.CheckConstraint(
                condition=(Q(cue_start__isnull=True) & Q(cue_end__isnull=True)) | Q(cue_start__lt=F("cue_end")),
                name="claim_cue_span_valid",
            ),
            models.CheckConstraint(condition=Q(confidence__gte=0) & Q(confidence__lte=1), name="claim_confidence_0_1"),
            models.CheckConstraint(condition=Q(version__gte=1), name="claim_version_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.speaker_name or self.speaker_text or '?'}: {self.content_text[:60]}"

    def span_errors(self, text: str | None = None) -> list[str]:
        """Offsets that do not point at their stored text: the invariant services enforce."""
        text = self.article.text if text is None else text
        errors = []
        for name in ("content", "speaker", "cue"):
            start, end = getattr(self, f"{name}_start"), getattr(self, f"{name}_end")
            stored = getattr(self, f"{name}_text")
            if start is None and end is None:
                if name == "content" or stored:
                    errors.append(f"{name}: text without offsets")
                continue
            if start is None or end is None or not (0 <= start < end <= len(text)):
                errors.append(f"{name}: offsets {start}-{end} outside the article")
            elif text[start:end] != stored:
                errors.append(f"{name}: article text at {start}-{end} is not the stored text")
        return errors


class Note(models.Model):
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [models.CheckConstraint(condition=~Q(body=""), name="note_body_not_empty")]

    def __str__(self) -> str:
        return self.body[:60]


class Evidence(models.Model):
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="evidence")
    url = models.URLField(max_length=2000)
    kind = models.CharField(max_length=24, choices=EvidenceKind.choices, default=EvidenceKind.OTHER)
    note = models.TextField(blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "id"]
        verbose_name_plural = "evidence"

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.url}"


class DeskSettings(models.Model):
    """How the desk works, changed at run time by an admin (claims.desk.desk_settings_update); one row, id 1."""

    # A claim reviewed by one editor is published only once a different editor approved that review.
    second_check = models.BooleanField(default=False)
    # When the second check was last switched on: claims reviewed before then stay published as they were.
    second_check_since = models.DateTimeField(null=True, blank=True, editable=False)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "desk settings"
        constraints = [
            models.CheckConstraint(condition=Q(id=1), name="desksettings_single_row"),
            models.CheckConstraint(
                condition=Q(second_check=True, second_check_since__isnull=False)
                | Q(second_check=False, second_check_since__isnull=True),
                name="desksettings_second_check_since",
            ),
        ]

    def __str__(self) -> str:
        return "Desk settings"


class ClaimEvent(models.Model):
    """Append-only history of a claim. The application inserts rows and never changes them."""

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    action = models.CharField(max_length=40, default="change")
    field = models.CharField(max_length=60, blank=True)
    old_value = models.JSONField(null=True, blank=True)
    new_value = models.JSONField(null=True, blank=True)
    version = models.PositiveIntegerField(null=True, blank=True, help_text="Claim version after this change")
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = ClaimEventQuerySet.as_manager()

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.action} {self.field} (claim {self.claim_id})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise HistoryIsAppendOnly("claim history rows cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise HistoryIsAppendOnly("claim history rows cannot be deleted")


class HistoryIsAppendOnly(Exception):
    pass


class ChangeEvent(models.Model):
    """The public change feed (``/api/v1/events/``): one row per change of a claim, article or speaker.

    Unlike ClaimEvent (a claim's field-by-field history for editors) it covers every resource, including deleted
    ones, and says only what changed and where to fetch it: a client mirrors the data by reading the feed in id
    order and fetching each resource named (a retired or merged one is gone). Written by ``claims.events``.
    """

    class Type(models.TextChoices):
        CREATED = "created", "Created"
        UPDATED = "updated", "Updated"
        REVIEWED = "reviewed", "Reviewed"
        MERGED = "merged", "Merged into another"
        RETIRED = "retired", "Retired (deleted)"

    class Resource(models.TextChoices):
        CLAIM = "claim", "Claim"
        ARTICLE = "article", "Article"
        SPEAKER = "speaker", "Speaker"

    type = models.CharField(max_length=12, choices=Type.choices)
    resource = models.CharField(max_length=12, choices=Resource.choices)
    resource_id = models.BigIntegerField()
    at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    payload = models.JSONField(default=dict, blank=True)
    # PostgreSQL: the writing transaction's id. Ids are drawn before commit, so a transaction still open may
    # commit an event with a smaller id than one already visible; the feed shows an event only once every
    # transaction that started before its own has ended (see claims.events.settled). Null on SQLite,
    # where writes are serial.
    txid = models.BigIntegerField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["resource", "resource_id"], name="changeevent_resource_idx")]

    def __str__(self) -> str:
        return f"{self.resource} {self.resource_id} {self.type}"
