"""Representations: the API's documented schema (every field described), and the write forms."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.validators import URLValidator
from django.db.models import BigIntegerField
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from newsclaims.api import links
from newsclaims.api.links import site_root
from newsclaims.claims.models import (
    Article,
    AttributionStatus,
    ClaimEvent,
    ClaimKind,
    Evidence,
    EvidenceKind,
    Note,
    Rating,
    Speaker,
    SpeakerAlias,
    SpeakerKind,
)
from newsclaims.claims.selectors import CLAIM_ROW
from newsclaims.ingestion.models import IngestionJob


class Utf16OffsetsSerializer(serializers.Serializer[dict[str, Any]]):
    start = serializers.IntegerField(help_text="Start in UTF-16 code units (JavaScript's String indexes).")
    end = serializers.IntegerField(help_text="End (exclusive) in UTF-16 code units.")


class SpanSerializer(serializers.Serializer[dict[str, Any]]):
    """A span of the article text. ``start``/``end`` count Unicode code points (Python's str indexes), end-exclusive;
    ``utf16`` gives the same span in UTF-16 code units; ``text``, ``prefix`` and ``suffix`` form a W3C
    TextQuoteSelector (exact, and 32 characters either side) for finding the span in another copy of the text."""

    text = serializers.CharField(help_text="The span's text: article.text[start:end].")
    start = serializers.IntegerField(help_text="Start offset in Unicode code points.")
    end = serializers.IntegerField(help_text="End offset (exclusive) in Unicode code points.")
    prefix = serializers.CharField(help_text="Up to 32 characters of the article before the span.")
    suffix = serializers.CharField(help_text="Up to 32 characters of the article after the span.")
    utf16 = Utf16OffsetsSerializer(help_text="The same span as UTF-16 code units (for JavaScript clients).")


class LinksMixin(serializers.Serializer[Any]):
    """``url`` (this resource in the API) and ``html_url`` (its page in the review app)."""

    url = serializers.SerializerMethodField(help_text="This resource's API address.")
    html_url = serializers.SerializerMethodField(help_text="This resource's page in the review app.")
    link_kind = ""

    def _root(self) -> str:
        return site_root(self.context.get("request"))

    def get_url(self, obj: Any) -> str:
        return links.api_url(self._root(), self.link_kind, obj.pk)

    def get_html_url(self, obj: Any) -> str:
        return links.html_url(self._root(), self.link_kind, obj.pk)


class ArticleRefSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(help_text="Article id.")
    title = serializers.CharField(help_text="Headline.")
    url = serializers.URLField(allow_null=True, help_text="Deprecated: the article's source address (source_url).")
    outlet = serializers.CharField(help_text="Publication name.")
    published_at = serializers.DateTimeField(allow_null=True, help_text="Publication time, when known.")
    api_url = serializers.URLField(help_text="The article's API address.")
    html_url = serializers.URLField(help_text="The article's page in the review app.")


class SpeakerRefSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(help_text="Speaker id.")
    name = serializers.CharField(help_text="The speaker record's current name (editors' corrections included).")
    kind = serializers.ChoiceField(SpeakerKind.choices, help_text="Person, organisation, group, anonymous source...")
    url = serializers.URLField(help_text="The speaker's API address.")
    html_url = serializers.URLField(help_text="The speaker's page in the review app.")


def _span(help_text: str) -> SpanSerializer:
    return SpanSerializer(read_only=True, allow_null=True, help_text=help_text)


class ClaimSerializer(serializers.Serializer[Any]):
    """The claim row's documented schema. Rows are rendered by ``selectors.claim_row`` and ``api.rows``, not by
    this class: list pages render 50-200 of them and DRF's generic field walk was half of a page's time.
    tests/api/test_claims_list.py checks that its fields are the rendered row's keys."""

    id = serializers.IntegerField(help_text="Claim id (stable).")
    article = ArticleRefSerializer(help_text="The article the statement appears in.")
    speaker = SpeakerRefSerializer(
        allow_null=True, help_text="The speaker record the claim is attributed to now (editors' corrections included)."
    )
    engine_speaker_name = serializers.CharField(help_text="The engine's guess at the speaker's name, never edited.")
    speaker_name = serializers.CharField(help_text="Deprecated: use engine_speaker_name (or speaker.name).")
    speaker_role = serializers.CharField(help_text="The speaker's role as the article gives it.")
    speaker_mention = _span("Where the article names the speaker; null when it does not.")
    cue = _span("The reporting verb or phrase (said, told, according to); null when there is none.")
    cue_meaning = serializers.CharField(help_text="What the cue conveys (e.g. assert, deny); empty when unknown.")
    content = _span("The statement itself.")
    kind = serializers.ChoiceField(ClaimKind.choices, help_text="Direct quote, reported speech or mixed.")
    via = serializers.ListField(child=serializers.CharField(), help_text="Outlets the statement was relayed through.")
    confidence = serializers.FloatField(help_text="The engine's confidence in the attribution, 0 to 1.")
    engine_version = serializers.CharField(help_text="The engine version that found the claim.")
    engine_missing = serializers.BooleanField(help_text="The current engine no longer finds this claim.")
    attribution_status = serializers.ChoiceField(AttributionStatus.choices, help_text="Editors' attribution review.")
    rating = serializers.ChoiceField(Rating.choices, help_text="The fact-check verdict.")
    rating_explanation = serializers.CharField(help_text="Why the verdict; empty when none.")
    reviewed_by = serializers.CharField(allow_null=True, help_text="Username of the last reviewer.")
    reviewed_at = serializers.DateTimeField(allow_null=True, help_text="When it was last reviewed.")
    assignee = serializers.CharField(
        allow_null=True, help_text="Username of the editor it is assigned to, directly or with its article."
    )
    approved_by = serializers.CharField(
        allow_null=True, help_text="Username of the editor whose second check approved a review; null when none."
    )
    approved_at = serializers.DateTimeField(
        allow_null=True,
        help_text="When the second check approved a review: it covers the review only if not before reviewed_at.",
    )
    note_count = serializers.IntegerField(help_text="Notes on the claim.")
    evidence_count = serializers.IntegerField(help_text="Evidence links on the claim.")
    created_at = serializers.DateTimeField(help_text="When the claim was stored.")
    updated_at = serializers.DateTimeField(help_text="Last change of any field.")
    version = serializers.IntegerField(help_text="Bumped by every change.")
    url = serializers.URLField(help_text="This claim's API address.")
    html_url = serializers.URLField(help_text="This claim's page in the review app.")

    class Meta:
        fields = [*CLAIM_ROW, "url", "html_url"]


def _username(user: Any) -> str | None:
    return user.get_username() if user is not None else None


class NoteSerializer(serializers.ModelSerializer[Note]):
    url = serializers.SerializerMethodField(help_text="This note's API address.")
    html_url = serializers.SerializerMethodField(help_text="The notes section of its claim's page.")
    created_by = serializers.SerializerMethodField(help_text="Username of the note's author.")
    author = serializers.SerializerMethodField(help_text="Deprecated: use created_by.")

    class Meta:
        model = Note
        fields = ["id", "url", "html_url", "claim", "body", "created_by", "created_at", "author"]
        extra_kwargs = {
            "id": {"help_text": "Note id."},
            "claim": {"help_text": "Id of the claim the note is on."},
            "body": {"help_text": "The note's text."},
            "created_at": {"help_text": "When the note was written."},
        }

    def get_url(self, note: Note) -> str:
        return links.note_url(site_root(self.context.get("request")), note.claim_id, note.pk)

    def get_html_url(self, note: Note) -> str:
        return links.html_url(site_root(self.context.get("request")), "claim", note.claim_id) + "#notes"

    def get_created_by(self, note: Note) -> str | None:
        return _username(note.author)

    def get_author(self, note: Note) -> str | None:
        return _username(note.author)


class EvidenceSerializer(serializers.ModelSerializer[Evidence]):
    api_url = serializers.SerializerMethodField(help_text="This evidence's API address.")
    html_url = serializers.SerializerMethodField(help_text="The evidence on its claim's page.")
    source_url = serializers.URLField(source="url", read_only=True, help_text="The evidence's address.")
    added_by = serializers.SerializerMethodField(help_text="Username of who added it.")

    class Meta:
        model = Evidence
        fields = ["id", "api_url", "html_url", "claim", "source_url", "kind", "note", "added_by", "added_at", "url"]
        extra_kwargs = {
            "id": {"help_text": "Evidence id."},
            "claim": {"help_text": "Id of the claim it supports or refutes."},
            "url": {"help_text": "Deprecated: use source_url."},
            "kind": {"help_text": "What sort of evidence."},
            "note": {"help_text": "What it shows."},
            "added_at": {"help_text": "When it was added."},
        }

    def get_api_url(self, evidence: Evidence) -> str:
        return links.evidence_url(site_root(self.context.get("request")), evidence.claim_id, evidence.pk)

    def get_html_url(self, evidence: Evidence) -> str:
        root = site_root(self.context.get("request"))
        return links.html_url(root, "claim", evidence.claim_id) + "#evidence"

    def get_added_by(self, evidence: Evidence) -> str | None:
        return _username(evidence.added_by)


class ClaimEventSerializer(serializers.ModelSerializer[ClaimEvent]):
    changed_by = serializers.SerializerMethodField(help_text="Username of who made the change; null for the engine.")
    changed_at = serializers.DateTimeField(source="at", read_only=True, help_text="When the change was made.")
    old_value = serializers.JSONField(allow_null=True, help_text="The field's value before.")
    new_value = serializers.JSONField(allow_null=True, help_text="The field's value after.")
    actor = serializers.SerializerMethodField(help_text="Deprecated: use changed_by.")
    at = serializers.DateTimeField(read_only=True, help_text="Deprecated: use changed_at.")

    class Meta:
        model = ClaimEvent
        fields = [
            "id",
            "action",
            "field",
            "old_value",
            "new_value",
            "version",
            "changed_by",
            "changed_at",
            "actor",
            "at",
        ]
        extra_kwargs = {
            "id": {"help_text": "History entry id."},
            "action": {"help_text": "What happened (change, review, merge...)."},
            "field": {"help_text": "The field changed; empty for whole-claim actions."},
            "version": {"help_text": "The claim's version after this change."},
        }

    def get_changed_by(self, event: ClaimEvent) -> str | None:
        return _username(event.actor)

    def get_actor(self, event: ClaimEvent) -> str | None:
        return _username(event.actor)


class ClaimDetailSerializer(ClaimSerializer):
    """The detail's documented schema: the row, then its notes, evidence and history (see views.claims)."""

    notes = NoteSerializer(many=True, read_only=True, help_text="Notes, oldest first.")
    evidence = EvidenceSerializer(many=True, read_only=True, help_text="Evidence, oldest first.")
    history = ClaimEventSerializer(many=True, read_only=True, help_text="Every change, oldest first.")

    class Meta(ClaimSerializer.Meta):
        fields = [*ClaimSerializer.Meta.fields, "notes", "evidence", "history"]


# --- writes -----------------------------------------------------------------------------

WEB_URL = URLValidator(schemes=["http", "https"], message="Enter an http or https address.")


class StrictSerializer(serializers.Serializer[Any]):
    """Refuses fields it does not know, so a typo is an error instead of a silently ignored edit."""

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, dict):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                raise serializers.ValidationError({name: ["Unknown field."] for name in unknown})
        return super().to_internal_value(data)


class SpanEditSerializer(StrictSerializer):
    start = serializers.IntegerField(min_value=0, max_value=2**31 - 1)
    end = serializers.IntegerField(min_value=1, max_value=2**31 - 1)

    def validate(self, attrs: dict[str, int]) -> dict[str, int]:
        if attrs["start"] >= attrs["end"]:
            raise serializers.ValidationError("start must be less than end.")
        return attrs


class ClaimReviewSerializer(StrictSerializer):
    attribution_status = serializers.ChoiceField(AttributionStatus.choices, required=False)
    rating = serializers.ChoiceField(Rating.choices, required=False)
    rating_explanation = serializers.CharField(required=False, allow_blank=True, max_length=20_000)
    speaker = serializers.PrimaryKeyRelatedField(
        queryset=Speaker.objects.all(), required=False, help_text="Corrected speaker id."
    )
    content = SpanEditSerializer(required=False, help_text="Corrected statement span.")
    speaker_mention = SpanEditSerializer(required=False, allow_null=True, help_text="Corrected mention; null clears.")
    cue = SpanEditSerializer(required=False, allow_null=True, help_text="Corrected cue span; null clears it.")


class ClaimCreateSerializer(StrictSerializer):
    """A statement the engine missed. Offsets are checked against the article's text by the service."""

    article = serializers.PrimaryKeyRelatedField(queryset=Article.objects.only("pk"))
    content = SpanEditSerializer(help_text="The statement's span.")
    speaker = serializers.PrimaryKeyRelatedField(
        queryset=Speaker.objects.all(), required=False, allow_null=True, help_text="Speaker id."
    )
    speaker_mention = SpanEditSerializer(required=False, allow_null=True, help_text="Who says it, in the text.")
    cue = SpanEditSerializer(required=False, allow_null=True, help_text="The cue span (e.g. 'said').")
    kind = serializers.ChoiceField(ClaimKind.choices, default=ClaimKind.INDIRECT)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs.get("speaker") is None and attrs.get("speaker_mention") is None:
            raise serializers.ValidationError({"speaker": ["Give the speaker's id or the span of the mention."]})
        return attrs


class NoteCreateSerializer(StrictSerializer):
    body = serializers.CharField(max_length=20_000)


class EvidenceCreateSerializer(StrictSerializer):
    url = serializers.URLField(max_length=2000, validators=[WEB_URL])
    kind = serializers.ChoiceField(EvidenceKind.choices, default=EvidenceKind.OTHER)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=20_000)


# --- articles, jobs, speakers -------------------------------------------------------------


class ArticleSerializer(serializers.ModelSerializer[Article]):
    api_url = serializers.SerializerMethodField(help_text="This article's API address.")
    html_url = serializers.SerializerMethodField(help_text="This article's page in the review app.")
    source_url = serializers.URLField(
        source="url", read_only=True, allow_null=True, help_text="Where it was published."
    )
    claim_count = serializers.IntegerField(read_only=True, help_text="Claims found in it.")
    assignee = serializers.CharField(
        source="assignee.username",
        read_only=True,
        allow_null=True,
        default=None,
        help_text="Username of the editor the article is assigned to (its claims without an editor of their own).",
    )

    class Meta:
        model = Article
        fields = [
            *("id", "api_url", "html_url", "title", "source_url", "outlet", "published_at", "engine_version"),
            *("created_at", "updated_at", "claim_count", "assignee", "url"),
        ]
        extra_kwargs = {
            "id": {"help_text": "Article id."},
            "title": {"help_text": "Headline."},
            "url": {"help_text": "Deprecated: use source_url (url will be the API address in v2)."},
            "outlet": {"help_text": "Publication name."},
            "published_at": {"help_text": "Publication time, when known."},
            "engine_version": {"help_text": "Engine version that last extracted its claims."},
            "created_at": {"help_text": "When it was stored."},
            "updated_at": {"help_text": "Last change of its metadata or claims extraction."},
        }

    def get_api_url(self, article: Article) -> str:
        return links.api_url(site_root(self.context.get("request")), "article", article.pk)

    def get_html_url(self, article: Article) -> str:
        return links.html_url(site_root(self.context.get("request")), "article", article.pk)


class ArticleDetailSerializer(ArticleSerializer):
    claims = ClaimSerializer(many=True, read_only=True, help_text="Its claims in reading order, as claim rows.")

    class Meta(ArticleSerializer.Meta):
        fields = [*ArticleSerializer.Meta.fields, "author", "language", "text", "claims"]
        extra_kwargs = {
            **ArticleSerializer.Meta.extra_kwargs,
            "author": {"help_text": "Byline."},
            "language": {"help_text": "Language code."},
            "text": {"help_text": "The exact text every span's offsets refer to."},
        }


class ArticleSubmitSerializer(StrictSerializer):
    text = serializers.CharField(required=False, trim_whitespace=False, help_text="The article as plain text.")
    html = serializers.CharField(required=False, trim_whitespace=False, help_text="The article as an HTML page.")
    url = serializers.URLField(
        required=False, max_length=2000, validators=[WEB_URL], help_text="An http(s) address to fetch the article from."
    )
    title = serializers.CharField(required=False, allow_blank=True, default="", max_length=500, help_text="Headline.")
    outlet = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=200, help_text="Publication name."
    )
    author = serializers.CharField(required=False, allow_blank=True, default="", max_length=500, help_text="Byline.")
    published_at = serializers.DateTimeField(
        required=False, allow_null=True, default=None, help_text="Publication time (ISO 8601)."
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        """The checked payload from the submission validator every input surface shares."""
        from newsclaims.ingestion.errors import IngestionError
        from newsclaims.ingestion.submission import validate_submission

        if not any(key in attrs for key in ("text", "html", "url")):
            raise serializers.ValidationError("Send the article as text, html or url.")
        payload = {key: value for key, value in attrs.items() if value not in (None, "")}
        if payload.get("published_at") is not None:
            payload["published_at"] = payload["published_at"].isoformat()
        try:
            return validate_submission(payload)
        except IngestionError as exc:
            raise serializers.ValidationError(str(exc)) from None


class JobSerializer(LinksMixin, serializers.ModelSerializer[IngestionJob]):
    link_kind = "job"
    article: serializers.PrimaryKeyRelatedField[Article] = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True, help_text="The article it stored or found already stored; null until then."
    )
    article_url = serializers.SerializerMethodField(help_text="The article's API address; null until known.")
    created_by = serializers.SerializerMethodField(help_text="Username of who submitted it.")

    class Meta:
        model = IngestionJob
        fields = [
            *("id", "url", "html_url", "status", "source", "article", "article_url", "articles_total"),
            *("articles_done", "articles_existing", "articles_failed", "claims_created", "error"),
            *("created_by", "created_at", "started_at", "finished_at"),
        ]
        extra_kwargs = {
            "id": {"help_text": "Job id."},
            "status": {"help_text": "queued, running, done or failed."},
            "source": {"help_text": "What was submitted: a URL, 'text' or 'html'."},
            "articles_total": {"help_text": "Articles in the submission."},
            "articles_done": {"help_text": "Articles stored by it."},
            "articles_existing": {"help_text": "Articles that were already stored."},
            "articles_failed": {"help_text": "Articles that could not be stored."},
            "claims_created": {"help_text": "Claims found."},
            "error": {"help_text": "Why it failed, or why it waits; empty otherwise."},
            "created_at": {"help_text": "When it was submitted."},
            "started_at": {"help_text": "When a worker started it."},
            "finished_at": {"help_text": "When it finished."},
        }

    def get_article_url(self, job: IngestionJob) -> str | None:
        if job.article_id is None:
            return None
        return links.api_url(site_root(self.context.get("request")), "article", job.article_id)

    def get_created_by(self, job: IngestionJob) -> str | None:
        return _username(job.created_by)


class SpeakerSerializer(LinksMixin, serializers.ModelSerializer[Speaker]):
    link_kind = "speaker"
    claim_count = serializers.IntegerField(read_only=True, help_text="Claims attributed to it.")

    class Meta:
        model = Speaker
        fields = [
            *("id", "url", "html_url", "name", "kind", "description", "wikidata_qid", "claim_count"),
            *("created_at", "updated_at"),
        ]
        extra_kwargs = {
            "id": {"help_text": "Speaker id."},
            "name": {"help_text": "The record's name."},
            "kind": {"help_text": "Person, organisation, group, anonymous source..."},
            "description": {"help_text": "Role or description."},
            "wikidata_qid": {"help_text": "Wikidata item (e.g. Q42); empty when unknown."},
            "created_at": {"help_text": "When the record was created."},
            "updated_at": {"help_text": "Last change of the record."},
        }


class SpeakerDetailSerializer(SpeakerSerializer):
    aliases: serializers.SlugRelatedField[SpeakerAlias] = serializers.SlugRelatedField(
        slug_field="name", many=True, read_only=True, help_text="Other names the speaker is found by."
    )
    claims_by_rating = serializers.SerializerMethodField(help_text="Number of its claims per verdict.")

    class Meta(SpeakerSerializer.Meta):
        fields = [*SpeakerSerializer.Meta.fields, "aliases", "claims_by_rating"]

    @extend_schema_field({"type": "object", "additionalProperties": {"type": "integer"}})
    def get_claims_by_rating(self, speaker: Speaker) -> dict[str, int]:
        counts: dict[str, int] = self.context["rating_counts"]
        return counts


class SpeakerMergeSerializer(StrictSerializer):
    into = serializers.PrimaryKeyRelatedField(
        queryset=Speaker.objects.all(), help_text="The speaker that stays; this one's claims and aliases move to it."
    )
    keep_description = serializers.BooleanField(
        default=False, help_text="Give the survivor this speaker's description (it keeps its own otherwise)."
    )
    keep_aliases = serializers.BooleanField(
        default=True,
        help_text="Keep this speaker's names as the survivor's aliases; false forgets them (they name someone else).",
    )


class SpeakerSplitSerializer(StrictSerializer):
    claims = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=BigIntegerField.MAX_BIGINT),
        min_length=1,
        max_length=1000,
        help_text="Claims to move.",
    )
    into = serializers.PrimaryKeyRelatedField(
        queryset=Speaker.objects.all(), required=False, help_text="An existing speaker to move them to."
    )
    name = serializers.CharField(
        required=False, max_length=300, help_text="Or the name of a new speaker to create for them."
    )
    kind = serializers.ChoiceField(choices=SpeakerKind.choices, default=SpeakerKind.PERSON)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if ("into" in attrs) == bool(attrs.get("name", "").strip()):
            raise serializers.ValidationError("Give either `into` or `name`.")
        return attrs


def _assignee_field(help_text: str) -> serializers.PrimaryKeyRelatedField[Any]:
    # Any user id is accepted here; the desk services refuse one who is not an active editor, with the reason.
    return serializers.PrimaryKeyRelatedField(
        queryset=get_user_model()._default_manager.all(), allow_null=True, help_text=help_text
    )


class ClaimAssignSerializer(StrictSerializer):
    assignee = _assignee_field("User id of the editor to give the claim to; null leaves it to its article's editor.")


class ArticleAssignSerializer(StrictSerializer):
    assignee = _assignee_field("User id of the editor to give the article to; null takes it back.")
