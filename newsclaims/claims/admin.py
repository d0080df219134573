from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponseRedirect

from newsclaims.claims import services
from newsclaims.claims.models import (
    Article,
    Claim,
    ClaimEvent,
    Evidence,
    Note,
    Speaker,
    SpeakerAlias,
)

# Links typed without a scheme are https ones: the form default Django 6 adopts.
HTTPS_URLS: dict[type[models.Field[Any, Any]], dict[str, Any]] = {models.URLField: {"assume_scheme": "https"}}

# The admin classes are generic only in the type stubs; at run time they cannot be subscripted.
if TYPE_CHECKING:
    SpeakerAdminBase = admin.ModelAdmin[Speaker]
    ArticleAdminBase = admin.ModelAdmin[Article]
    ClaimAdminBase = admin.ModelAdmin[Claim]
    ClaimEventAdminBase = admin.ModelAdmin[ClaimEvent]
    NoteAdminBase = admin.ModelAdmin[Note]
    EvidenceAdminBase = admin.ModelAdmin[Evidence]
    AliasInlineBase = admin.TabularInline[SpeakerAlias, Speaker]
    NoteInlineBase = admin.TabularInline[Note, Claim]
    EvidenceInlineBase = admin.TabularInline[Evidence, Claim]
    ClaimEventInlineBase = admin.TabularInline[ClaimEvent, Claim]
    ClaimFormBase = forms.ModelForm[Claim]
else:
    SpeakerAdminBase = ArticleAdminBase = ClaimAdminBase = admin.ModelAdmin
    ClaimEventAdminBase = NoteAdminBase = EvidenceAdminBase = admin.ModelAdmin
    AliasInlineBase = NoteInlineBase = EvidenceInlineBase = ClaimEventInlineBase = admin.TabularInline
    ClaimFormBase = forms.ModelForm


class SpeakerAliasInline(AliasInlineBase):
    model = SpeakerAlias
    extra = 0
    readonly_fields = ["normalized"]


@admin.register(Speaker)
class SpeakerAdmin(SpeakerAdminBase):
    list_display = ["name", "kind", "description", "wikidata_qid", "created_at"]
    list_filter = ["kind"]
    search_fields = ["name", "aliases__name", "wikidata_qid"]
    inlines = [SpeakerAliasInline]
    actions = ["merge_into_first"]

    def save_model(self, request: HttpRequest, obj: Speaker, form: Any, change: bool) -> None:
        fields = {f: getattr(obj, f) for f in ("name", "kind", "description")}
        if change:
            services.speaker_update(speaker=obj, wikidata_qid=obj.wikidata_qid, **fields)
        else:
            created = services.speaker_create(wikidata_qid=obj.wikidata_qid, **fields)
            obj.pk, obj._state.adding = created.pk, False

    def delete_model(self, request: HttpRequest, obj: Speaker) -> None:
        services.speaker_delete(speaker=obj, actor=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for speaker in queryset:
            services.speaker_delete(speaker=speaker, actor=request.user)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        # Aliases get their normalised key from the service, never typed by hand.
        for alias in formset.save(commit=False):
            try:
                added = services.speaker_alias_add(speaker=form.instance, name=alias.name)
            except ValidationError as exc:
                messages.error(request, "; ".join(exc.messages))
                continue
            if alias.pk is not None and added is not None:
                self._alias_remove(request, alias)  # a renamed alias: the new form replaces it
        for obj in formset.deleted_objects:
            self._alias_remove(request, obj)

    def _alias_remove(self, request: HttpRequest, alias: SpeakerAlias) -> None:
        try:
            services.speaker_alias_remove(alias=alias, actor=request.user)
        except ValidationError as exc:
            messages.error(request, "; ".join(exc.messages))

    @admin.action(description="Merge selected speakers into the oldest one")
    def merge_into_first(self, request: HttpRequest, queryset: Any) -> None:
        speakers = list(queryset.order_by("created_at", "pk"))
        if len(speakers) < 2:
            messages.warning(request, "Select at least two speakers to merge.")
            return
        target = speakers[0]
        for source in speakers[1:]:
            services.speaker_merge(source=source, target=target, actor=request.user)
        messages.success(request, f"Merged {len(speakers) - 1} speaker(s) into {target.name}.")


@admin.register(Article)
class ArticleAdmin(ArticleAdminBase):
    formfield_overrides = HTTPS_URLS
    list_display = ["title", "outlet", "published_at", "engine_version", "created_at"]
    list_filter = ["outlet", "language"]
    search_fields = ["title", "url", "outlet", "author"]
    # Assigned on the article's page (claims.desk.article_assign), with a feed event.
    readonly_fields = ["content_hash", "created_at", "updated_at", "engine_version", "assignee"]
    date_hierarchy = "created_at"

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # Claim offsets point into the stored text and the hash identifies it: neither may change afterwards.
        return [*self.readonly_fields, "text", "url"] if obj is not None else self.readonly_fields

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        form = super().get_form(request, obj, change, **kwargs)

        class NoDuplicateForm(form):  # type: ignore[misc,valid-type]
            def clean(self) -> dict[str, Any]:
                data: dict[str, Any] = super().clean()
                if self.instance.pk is None and (data.get("text") or "").strip():
                    found = services.article_find_duplicate(text=data["text"], url=data.get("url"))
                    if found is not None:
                        raise ValidationError(f"This article is already stored (article {found.pk}).")
                return data

        return NoDuplicateForm

    def delete_model(self, request: HttpRequest, obj: Article) -> None:
        services.article_delete(article=obj)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for article in queryset:
            services.article_delete(article=article)

    def save_model(self, request: HttpRequest, obj: Article, form: Any, change: bool) -> None:
        meta = {f: getattr(obj, f) for f in ("title", "outlet", "author", "published_at", "language")}
        if change:
            services.article_update(article=obj, **meta)
            return
        new = services.NewArticle(text=obj.text, url=obj.url or None, **meta)
        stored = services.article_create_with_claims(article=new).article
        obj.pk, obj._state.adding = stored.pk, False


class NoteInline(NoteInlineBase):
    model = Note
    extra = 0
    readonly_fields = ["author", "created_at"]


class EvidenceInline(EvidenceInlineBase):
    formfield_overrides = HTTPS_URLS
    model = Evidence
    extra = 0
    readonly_fields = ["added_by", "added_at"]


class ClaimEventInline(ClaimEventInlineBase):
    model = ClaimEvent
    extra = 0
    can_delete = False
    readonly_fields = ["at", "actor", "action", "field", "old_value", "new_value", "version"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


def _save_note(request: HttpRequest, note: Note) -> None:
    if note.pk is None:
        added = services.claim_add_note(claim=note.claim, author=request.user, body=note.body)
        note.pk, note._state.adding = added.pk, False
    else:
        services.claim_note_change(note=note, actor=request.user, body=note.body)


def _save_evidence(request: HttpRequest, evidence: Evidence) -> None:
    fields = {"url": evidence.url, "kind": evidence.kind, "note": evidence.note}
    if evidence.pk is None:
        added = services.claim_add_evidence(claim=evidence.claim, added_by=request.user, **fields)
        evidence.pk, evidence._state.adding = added.pk, False
    else:
        services.claim_evidence_change(evidence=evidence, actor=request.user, **fields)


def _remove(request: HttpRequest, obj: Note | Evidence) -> None:
    if isinstance(obj, Note):
        services.claim_note_remove(note=obj, actor=request.user)
    else:
        services.claim_evidence_remove(evidence=obj, actor=request.user)


def _save(request: HttpRequest, obj: Note | Evidence) -> bool:
    """Notes and evidence go through the services, so each change lands in the claim's history."""
    try:
        _save_note(request, obj) if isinstance(obj, Note) else _save_evidence(request, obj)
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
        return False
    return True


class AnnotationAdminMixin:
    """Admin pages of a claim's notes or evidence: every write through the claims services."""

    def save_model(self, request: HttpRequest, obj: Note | Evidence, form: Any, change: bool) -> None:
        _save(request, obj)

    def delete_model(self, request: HttpRequest, obj: Note | Evidence) -> None:
        _remove(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for obj in queryset:
            _remove(request, obj)


class ClaimAdminForm(ClaimFormBase):
    # The version the admin loaded, so a save over someone else's newer review is refused, not silently lost.
    loaded_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["loaded_version"].initial = self.instance.version if self.instance.pk else 1


@admin.register(Claim)
class ClaimAdmin(ClaimAdminBase):
    form = ClaimAdminForm
    list_display = ["__str__", "article", "speaker", "kind", "attribution_status", "rating", "confidence"]
    list_filter = ["kind", "attribution_status", "rating", "engine_missing"]
    search_fields = ["content_text", "speaker_text", "speaker_name", "speaker__name"]
    raw_id_fields = ["article", "speaker", "reviewed_by"]
    readonly_fields = [
        "speaker_text", "speaker_start", "speaker_end", "cue_text", "cue_start", "cue_end",
        "content_text", "content_start", "content_end", "version", "reviewed_by", "reviewed_at",
        "engine_version", "created_at", "updated_at", "speaker_kind", "speaker_link",
        "origin", "added_by", "engine_original",
        "assignee", "approved_by", "approved_at",  # the desk's, with history: claims.desk
    ]  # fmt: skip
    inlines = [NoteInline, EvidenceInline, ClaimEventInline]

    def save_model(self, request: HttpRequest, obj: Claim, form: Any, change: bool) -> None:
        if not change:
            services.claims_create_bulk(article=obj.article, claims=[obj])
            return
        # Every field goes through the review service: one version step, one history row per changed field.
        original = Claim.objects.get(pk=obj.pk)
        services.claim_review(
            claim=original,
            actor=request.user,
            expected_version=form.cleaned_data["loaded_version"],
            attribution_status=obj.attribution_status,
            rating=obj.rating,
            rating_explanation=obj.rating_explanation,
            speaker=obj.speaker if obj.speaker_id != original.speaker_id else None,
            details=services.ClaimDetails(
                kind=obj.kind,
                via=obj.via,
                speaker_name=obj.speaker_name,
                speaker_role=obj.speaker_role,
                confidence=obj.confidence,
            ),
        )

    def delete_model(self, request: HttpRequest, obj: Claim) -> None:
        services.claim_delete(claim=obj)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for claim in queryset:
            services.claim_delete(claim=claim)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        changed = formset.save(commit=False)  # writes nothing: the services below do
        if formset.model is ClaimEvent:
            return  # history is shown, never written, here
        for obj in changed:
            _save(request, obj)
        for obj in formset.deleted_objects:
            _remove(request, obj)

    def changeform_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().changeform_view(request, *args, **kwargs)
        except services.ClaimConflict as exc:
            messages.error(
                request,
                f"Not saved: someone changed this claim meanwhile (now version {exc.current.version}). "
                "Reload it and apply your change again.",
            )
            return HttpResponseRedirect(request.path)


@admin.register(ClaimEvent)
class ClaimEventAdmin(ClaimEventAdminBase):
    list_display = ["at", "claim", "actor", "action", "field", "version"]
    list_filter = ["action", "field"]
    readonly_fields = [f.name for f in ClaimEvent._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Note)
class NoteAdmin(AnnotationAdminMixin, NoteAdminBase):
    list_display = ["claim", "author", "created_at"]
    raw_id_fields = ["claim"]
    readonly_fields = ["author", "created_at"]  # the service records who wrote it


@admin.register(Evidence)
class EvidenceAdmin(AnnotationAdminMixin, EvidenceAdminBase):
    formfield_overrides = HTTPS_URLS
    list_display = ["claim", "kind", "url", "added_by", "added_at"]
    list_filter = ["kind"]
    raw_id_fields = ["claim"]
    readonly_fields = ["added_by", "added_at"]  # the service records who added it
