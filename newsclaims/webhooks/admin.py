"""Subscriptions (admins only), deliveries with their attempt log, and a replay action. Writes go through services."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from newsclaims.webhooks import services
from newsclaims.webhooks.models import WebhookAttempt, WebhookDelivery, WebhookSubscription

if TYPE_CHECKING:
    SubscriptionAdminBase = admin.ModelAdmin[WebhookSubscription]
    DeliveryAdminBase = admin.ModelAdmin[WebhookDelivery]
    AttemptInlineBase = admin.TabularInline[WebhookAttempt, WebhookDelivery]
    SubscriptionFormBase = forms.ModelForm[WebhookSubscription]
else:  # generic only in the type stubs
    SubscriptionAdminBase = DeliveryAdminBase = admin.ModelAdmin
    AttemptInlineBase = admin.TabularInline
    SubscriptionFormBase = forms.ModelForm


class SubscriptionForm(SubscriptionFormBase):
    url = forms.URLField(max_length=2000, assume_scheme="https")
    secret = forms.CharField(
        required=False,
        help_text="Signs every delivery; give it to the receiver's owner. Empty when adding: one is generated. "
        "Change it to rotate.",
    )

    class Meta:
        model = WebhookSubscription
        fields = ["url", "event_types", "secret", "active", "description"]

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        try:
            services.subscription_check(data.get("url") or "", data.get("event_types") or [])
        except ValidationError as exc:
            raise forms.ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages) from None
        return data


@admin.register(WebhookSubscription)
class WebhookSubscriptionAdmin(SubscriptionAdminBase):
    form = SubscriptionForm
    list_display = ["url", "description", "active", "event_types", "created_at"]
    list_filter = ["active"]

    def save_model(self, request: HttpRequest, obj: WebhookSubscription, form: Any, change: bool) -> None:
        fields = {f: form.cleaned_data.get(f) for f in ("url", "event_types", "active", "description")}
        fields["event_types"] = fields["event_types"] or []
        fields["description"] = fields["description"] or ""
        secret = form.cleaned_data.get("secret") or ""
        if change:
            stored = WebhookSubscription.objects.get(pk=obj.pk)
            services.subscription_update(subscription=stored, **fields, **({"secret": secret} if secret else {}))
        else:
            created = services.subscription_create(secret=secret, created_by=request.user, **fields)
            obj.pk, obj._state.adding, obj.secret = created.pk, False, created.secret

    def delete_model(self, request: HttpRequest, obj: WebhookSubscription) -> None:
        services.subscription_delete(subscription=obj)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for subscription in queryset:
            services.subscription_delete(subscription=subscription)


class AttemptInline(AttemptInlineBase):
    model = WebhookAttempt
    extra = 0
    can_delete = False
    readonly_fields = ["number", "status_code", "error", "duration_ms", "at"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(DeliveryAdminBase):
    list_display = ["id", "subscription", "event", "status", "attempts", "created_at", "finished_at"]
    list_filter = ["status", "subscription"]
    list_select_related = ["subscription", "event"]
    readonly_fields = ["subscription", "event", "status", "attempts", "replay_of", "created_at", "finished_at"]
    inlines = [AttemptInline]
    actions = ["replay"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # deliveries come from events

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description="Send the selected deliveries again")
    def replay(self, request: HttpRequest, queryset: Any) -> None:
        replays = [services.delivery_replay(delivery=d) for d in queryset]
        messages.success(request, f"Queued {len(replays)} delivery(ies) again.")
