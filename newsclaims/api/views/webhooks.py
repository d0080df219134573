"""Webhook subscriptions and their deliveries (admins): create, change, delete, read the log, replay."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import generics, serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from newsclaims.api.permissions import IsAdmin
from newsclaims.api.serializers import StrictSerializer
from newsclaims.api.views.base import ApiView, object_or_404
from newsclaims.webhooks import services
from newsclaims.webhooks.models import WebhookAttempt, WebhookDelivery, WebhookSubscription

TAGS = ["webhooks"]
SIGNING_HELP = (
    "Each delivery is a POST of the event as JSON (the feed's shape, `type` as `<resource>.<type>`), signed: "
    '`Newsclaims-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<body>" keyed with the secret>`. '
    "A non-2xx answer or no answer is retried with exponential backoff."
)


class SubscriptionSerializer(serializers.ModelSerializer[WebhookSubscription]):
    event_types = serializers.ListField(
        child=serializers.CharField(), help_text='e.g. ["claim.reviewed", "speaker.*"]; empty: every event.'
    )
    secret_hint = serializers.SerializerMethodField(help_text="The secret's first characters, to tell them apart.")

    class Meta:
        model = WebhookSubscription
        fields = ["id", "url", "event_types", "active", "description", "secret_hint", "created_at", "updated_at"]
        read_only_fields = fields

    def get_secret_hint(self, subscription: WebhookSubscription) -> str:
        return subscription.secret[:10] + "…"


class SubscriptionCreatedSerializer(SubscriptionSerializer):
    secret = serializers.CharField(help_text="Shown once, here: the key that signs every delivery.")

    class Meta(SubscriptionSerializer.Meta):
        fields = [*SubscriptionSerializer.Meta.fields, "secret"]
        read_only_fields = fields


class SubscriptionWriteSerializer(StrictSerializer):
    url = serializers.URLField(max_length=2000, required=False)
    event_types = serializers.ListField(child=serializers.CharField(max_length=40), required=False, max_length=50)
    secret = serializers.CharField(max_length=100, required=False, help_text="Empty or absent: one is generated.")
    active = serializers.BooleanField(required=False)
    description = serializers.CharField(max_length=200, required=False, allow_blank=True)


class AttemptSerializer(serializers.ModelSerializer[WebhookAttempt]):
    class Meta:
        model = WebhookAttempt
        fields = ["number", "status_code", "error", "duration_ms", "at"]
        read_only_fields = fields


class DeliverySerializer(serializers.ModelSerializer[WebhookDelivery]):
    log = AttemptSerializer(many=True, read_only=True)

    class Meta:
        model = WebhookDelivery
        fields = ["id", "subscription", "event", "status", "attempts", "replay_of", "created_at", "finished_at", "log"]
        read_only_fields = fields


def _service(call: Any, **kwargs: Any) -> Any:
    try:
        return call(**kwargs)
    except DjangoValidationError as exc:
        raise ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages) from None


@extend_schema_view(
    get=extend_schema(summary="Webhook subscriptions (admins)", tags=TAGS),
    post=extend_schema(
        summary="Subscribe a URL to events (admins)",
        description=SIGNING_HELP,
        request=SubscriptionWriteSerializer,
        responses={201: SubscriptionCreatedSerializer},
        tags=TAGS,
    ),
)
class SubscriptionListView(ApiView[WebhookSubscription], generics.ListAPIView[WebhookSubscription]):
    serializer_class = SubscriptionSerializer
    permission_classes = [IsAdmin]
    ordering_map = {"id": "id"}
    default_ordering = "id"

    def get_queryset(self) -> QuerySet[WebhookSubscription]:
        return WebhookSubscription.objects.all()

    def post(self, request: Request) -> Response:
        form = SubscriptionWriteSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        if "url" not in data:
            raise ValidationError({"url": ["This field is required."]})
        created = _service(services.subscription_create, created_by=request.user, **data)
        return Response(SubscriptionCreatedSerializer(created).data, status=status.HTTP_201_CREATED)


class SubscriptionDetailView(ApiView[WebhookSubscription]):
    serializer_class = SubscriptionSerializer
    permission_classes = [IsAdmin]

    @extend_schema(summary="A webhook subscription (admins)", tags=TAGS)
    def get(self, request: Request, pk: int) -> Response:
        return Response(SubscriptionSerializer(object_or_404(WebhookSubscription.objects.all(), pk, "Webhook")).data)

    @extend_schema(summary="Change a webhook subscription (admins)", request=SubscriptionWriteSerializer, tags=TAGS)
    def patch(self, request: Request, pk: int) -> Response:
        subscription = object_or_404(WebhookSubscription.objects.all(), pk, "Webhook")
        form = SubscriptionWriteSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        changed = _service(services.subscription_update, subscription=subscription, **form.validated_data)
        return Response(SubscriptionSerializer(changed).data)

    @extend_schema(summary="Delete a webhook subscription and its log (admins)", responses={204: None}, tags=TAGS)
    def delete(self, request: Request, pk: int) -> Response:
        subscription = object_or_404(WebhookSubscription.objects.all(), pk, "Webhook")
        services.subscription_delete(subscription=subscription)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(get=extend_schema(summary="A subscription's deliveries with their attempt log", tags=TAGS))
class DeliveryListView(ApiView[WebhookDelivery], generics.ListAPIView[WebhookDelivery]):
    serializer_class = DeliverySerializer
    permission_classes = [IsAdmin]
    ordering_map = {"id": "id"}
    default_ordering = "-id"

    queryset = WebhookDelivery.objects.none()  # the schema's model; requests use get_queryset

    def get_queryset(self) -> QuerySet[WebhookDelivery]:
        pk = self.kwargs["pk"]
        object_or_404(WebhookSubscription.objects.all(), pk, "Webhook")
        return WebhookDelivery.objects.filter(subscription_id=pk).prefetch_related("log")


class DeliveryReplayView(ApiView[WebhookDelivery]):
    serializer_class = DeliverySerializer
    permission_classes = [IsAdmin]

    @extend_schema(
        summary="Send a delivery's event again (admins)",
        request=None,
        responses={202: OpenApiResponse(DeliverySerializer, description="The new delivery, queued.")},
        tags=TAGS,
    )
    def post(self, request: Request, pk: int) -> Response:
        delivery = object_or_404(WebhookDelivery.objects.all(), pk, "Delivery")
        replay = services.delivery_replay(delivery=delivery)
        return Response(DeliverySerializer(replay).data, status=status.HTTP_202_ACCEPTED)
