"""Representations. Spans are ``{text, start, end}`` (Python str offsets into the article, end-exclusive)."""

from __future__ import annotations

from typing import Any

from django.core.validators import URLValidator
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from newsclaims.claims.models import (
    Article,
    AttributionStatus,
    Claim,
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
from newsclaims.claims.selectors import CLAIM_ROW, span
from newsclaims.ingestion.models import IngestionJob


class SpanSerializer(serializers.Serializer[dict[str, Any]]):
    text = serializers.CharField()
    start = serializers.IntegerField()
    end = serializers.IntegerField()


@extend_schema_field(SpanSerializer(allow_null=True))
class SpanField(serializers.Field[Any, Any, dict[str, Any] | None, Claim]):
    """Reads the ``<prefix>_text/_start/_end`` attributes as one span (``selectors.span``)."""

    def __init__(self, prefix: str, **kwargs: Any) -> None:
        self.prefix = prefix
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, claim: Claim) -> dict[str, Any] | None:
        p = self.prefix
        return span(getattr(claim, f"{p}_text"), getattr(claim, f"{p}_start"), getattr(claim, f"{p}_end"))


class ArticleRefSerializer(serializers.ModelSerializer[Article]):
    class Meta:
        model = Article
        fields = ["id", "title", "url", "outlet", "published_at"]


class SpeakerRefSerializer(serializers.ModelSerializer[Speaker]):
    class Meta:
        model = Speaker
        fields = ["id", "name", "kind"]


class ClaimSerializer(serializers.ModelSerializer[Claim]):
    """The claim row's documented schema. Rows are rendered by ``selectors.claim_row``, not by this class:
    list pages render 50-200 of them and DRF's generic field walk was half of a page's time.
    tests/api/test_claims_list.py checks that this class, run generically, renders a row the same bytes."""

    article = ArticleRefSerializer(read_only=True)
    speaker = SpeakerRefSerializer(read_only=True, allow_null=True)
    speaker_mention = SpanField("speaker")
    cue = SpanField("cue")
    content = SpanField("content")
    via = serializers.ListField(child=serializers.CharField(), read_only=True)
    reviewed_by = serializers.CharField(source="reviewed_by_name", read_only=True, allow_null=True)
    note_count = serializers.IntegerField(read_only=True)
    evidence_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Claim
        fields = list(CLAIM_ROW)
        read_only_fields = fields


def _username(user: Any) -> str | None:
    return user.get_username() if user is not None else None


class NoteSerializer(serializers.ModelSerializer[Note]):
    author = serializers.SerializerMethodField()

    class Meta:
        model = Note
        fields = ["id", "author", "body", "created_at"]

    def get_author(self, note: Note) -> str | None:
        return _username(note.author)


class EvidenceSerializer(serializers.ModelSerializer[Evidence]):
    added_by = serializers.SerializerMethodField()

    class Meta:
        model = Evidence
        fields = ["id", "url", "kind", "note", "added_by", "added_at"]

    def get_added_by(self, evidence: Evidence) -> str | None:
        return _username(evidence.added_by)


class ClaimEventSerializer(serializers.ModelSerializer[ClaimEvent]):
    actor = serializers.SerializerMethodField()
    old_value = serializers.JSONField(allow_null=True)
    new_value = serializers.JSONField(allow_null=True)

    class Meta:
        model = ClaimEvent
        fields = ["id", "action", "field", "old_value", "new_value", "version", "actor", "at"]

    def get_actor(self, event: ClaimEvent) -> str | None:
        return _username(event.actor)


class ClaimDetailSerializer(ClaimSerializer):
    """The detail's documented schema: the row, then its notes, evidence and history (see views.claims)."""

    notes = NoteSerializer(many=True, read_only=True)
    evidence = EvidenceSerializer(many=True, read_only=True)
    history = ClaimEventSerializer(source="events", many=True, read_only=True)

    class Meta(ClaimSerializer.Meta):
        fields = [*ClaimSerializer.Meta.fields, "notes", "evidence", "history"]
        read_only_fields = fields


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
    claim_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Article
        fields = ["id", "title", "url", "outlet", "published_at", "engine_version", "created_at", "claim_count"]


class ArticleClaimSerializer(serializers.ModelSerializer[Claim]):
    speaker = SpeakerRefSerializer(read_only=True, allow_null=True)
    speaker_mention = SpanField("speaker")
    cue = SpanField("cue")
    content = SpanField("content")

    class Meta:
        model = Claim
        fields = [
            "id",
            "speaker",
            "speaker_name",
            "speaker_mention",
            "cue",
            "content",
            "kind",
            "confidence",
            "attribution_status",
            "rating",
            "version",
        ]


class ArticleDetailSerializer(ArticleSerializer):
    claims = ArticleClaimSerializer(many=True, read_only=True)

    class Meta(ArticleSerializer.Meta):
        fields = [*ArticleSerializer.Meta.fields, "author", "language", "text", "claims"]


class ArticleSubmitSerializer(StrictSerializer):
    text = serializers.CharField(required=False, trim_whitespace=False)
    html = serializers.CharField(required=False, trim_whitespace=False)
    url = serializers.URLField(required=False, max_length=2000, validators=[WEB_URL])
    title = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)
    outlet = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    author = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)
    published_at = serializers.DateTimeField(required=False, allow_null=True, default=None)

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


class JobSerializer(serializers.ModelSerializer[IngestionJob]):
    article: serializers.PrimaryKeyRelatedField[Article] = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True
    )

    class Meta:
        model = IngestionJob
        fields = [
            "id",
            "status",
            "source",
            "article",
            "articles_total",
            "articles_done",
            "articles_existing",
            "articles_failed",
            "claims_created",
            "error",
            "created_at",
            "started_at",
            "finished_at",
        ]


class SpeakerSerializer(serializers.ModelSerializer[Speaker]):
    claim_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Speaker
        fields = ["id", "name", "kind", "description", "wikidata_qid", "claim_count"]


class SpeakerDetailSerializer(SpeakerSerializer):
    aliases: serializers.SlugRelatedField[SpeakerAlias] = serializers.SlugRelatedField(
        slug_field="name", many=True, read_only=True
    )
    claims_by_rating = serializers.SerializerMethodField()

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


class SpeakerSplitSerializer(StrictSerializer):
    claims = serializers.ListField(
        child=serializers.IntegerField(min_value=1), min_length=1, max_length=1000, help_text="Claims to move."
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
