from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.http import HttpRequest, HttpResponseRedirect
from django.utils import timezone

from newsclaims.claims import services
from newsclaims.claims.models import (
    Article,
    Claim,
    ClaimEvent,
    Evidence,
    IngestionJob,
    Note,
    Speaker,
    SpeakerAlias,
)

# Links typed without a scheme are https ones: the form default Django 6 adopts.
HTTPS_URLS = {models.URLField: {"assume_scheme": "https"}}


class SpeakerAliasInline(admin.TabularInline):
    model = SpeakerAlias
    extra = 0
    readonly_fields = ["normalized"]


@admin.register(Speaker)
class SpeakerAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "description", "wikidata_qid", "created_at"]
    list_filter = ["kind"]
    search_fields = ["name", "aliases__name", "wikidata_qid"]
    inlines = [SpeakerAliasInline]
    actions = ["merge_into_first"]

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        # Aliases get their normalised key from the service, never typed by hand.
        for alias in formset.save(commit=False):
            try:
                added = services.speaker_alias_add(speaker=form.instance, name=alias.name)
            except ValidationError as exc:
                messages.error(request, "; ".join(exc.messages))
                continue
            if alias.pk is not None and added is not None:
                SpeakerAlias.objects.filter(pk=alias.pk).delete()  # a renamed alias: the new form replaces it
        for obj in formset.deleted_objects:
            obj.delete()

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
class ArticleAdmin(admin.ModelAdmin):
    formfield_overrides = HTTPS_URLS
    list_display = ["title", "outlet", "published_at", "engine_version", "created_at"]
    list_filter = ["outlet", "language"]
    search_fields = ["title", "url", "outlet", "author"]
    readonly_fields = ["content_hash", "created_at", "updated_at", "engine_version"]
    date_hierarchy = "created_at"

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # Claim offsets point into the stored text and the hash identifies it: neither may change afterwards.
        return [*self.readonly_fields, "text", "url"] if obj is not None else self.readonly_fields


class NoteInline(admin.TabularInline):
    model = Note
    extra = 0
    readonly_fields = ["author", "created_at"]


class EvidenceInline(admin.TabularInline):
    formfield_overrides = HTTPS_URLS
    model = Evidence
    extra = 0
    readonly_fields = ["added_by", "added_at"]


class ClaimEventInline(admin.TabularInline):
    model = ClaimEvent
    extra = 0
    can_delete = False
    readonly_fields = ["at", "actor", "action", "field", "old_value", "new_value", "version"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ClaimAdminForm(forms.ModelForm):
    # The version the admin loaded, so a save over someone else's newer review is refused, not silently lost.
    loaded_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["loaded_version"].initial = self.instance.version if self.instance.pk else 1


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    form = ClaimAdminForm
    list_display = ["__str__", "article", "speaker", "kind", "attribution_status", "rating", "confidence"]
    list_filter = ["kind", "attribution_status", "rating", "engine_missing"]
    search_fields = ["content_text", "speaker_text", "speaker_name", "speaker__name"]
    raw_id_fields = ["article", "speaker", "reviewed_by"]
    readonly_fields = [
        "speaker_text", "speaker_start", "speaker_end", "cue_text", "cue_start", "cue_end",
        "content_text", "content_start", "content_end", "version", "reviewed_by", "reviewed_at",
        "engine_version", "created_at", "updated_at", "origin", "added_by", "engine_original",
    ]  # fmt: skip
    inlines = [NoteInline, EvidenceInline, ClaimEventInline]

    def save_model(self, request: HttpRequest, obj: Claim, form: Any, change: bool) -> None:
        if not change:
            super().save_model(request, obj, form, change)
            return
        # Review fields go through the service so the change lands in the claim's history.
        original = Claim.objects.get(pk=obj.pk)
        services.claim_review(
            claim=original,
            actor=request.user,
            expected_version=form.cleaned_data["loaded_version"],
            attribution_status=obj.attribution_status,
            rating=obj.rating,
            rating_explanation=obj.rating_explanation,
            speaker=obj.speaker if obj.speaker_id != original.speaker_id else None,
        )
        other = {f: getattr(obj, f) for f in ("kind", "via", "speaker_name", "speaker_role", "confidence")}
        if any(getattr(original, f) != value for f, value in other.items()):
            Claim.objects.filter(pk=obj.pk).update(**other, version=F("version") + 1, updated_at=timezone.now())

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
class ClaimEventAdmin(admin.ModelAdmin):
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
class NoteAdmin(admin.ModelAdmin):
    list_display = ["claim", "author", "created_at"]
    raw_id_fields = ["claim"]


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    formfield_overrides = HTTPS_URLS
    list_display = ["claim", "kind", "url", "added_by", "added_at"]
    list_filter = ["kind"]
    raw_id_fields = ["claim"]


@admin.register(IngestionJob)
class IngestionJobAdmin(admin.ModelAdmin):
    list_display = ["pk", "status", "source", "articles_done", "articles_failed", "claims_created", "created_at"]
    list_filter = ["status"]
    readonly_fields = ["created_at", "started_at", "finished_at"]
