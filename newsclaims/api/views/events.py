"""The change feed: every change to claims, articles and speakers, oldest first, cursor-paged."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, serializers
from rest_framework.request import Request

from newsclaims.api.views.base import ApiView
from newsclaims.claims.events import resource_path, settled
from newsclaims.claims.filters import EventFilter
from newsclaims.claims.models import ChangeEvent

FEED_HELP = """Every change to a claim, article or speaker, in the order it was recorded (`id` ascending).

Types: `created`, `updated`, `reviewed` (an editor's review of a claim), `merged` (a speaker folded into
`payload.target`; its claims get `updated` events), `retired` (deleted: a claim re-extraction no longer finds,
a deleted speaker or article). To mirror the data, read the feed from where you stopped (follow `next`, or start
again with `after_id=<last id seen>`) and fetch each resource named by `url`; a `retired` or `merged` one is gone.
Counts (`claim_count`, `claims_by_rating`) and an article's embedded claims are derived from claims: a mirror
computes them from its claims."""


class ChangeEventSerializer(serializers.ModelSerializer[ChangeEvent]):
    actor: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True, help_text="Who made the change (null: the engine)."
    )
    url = serializers.SerializerMethodField(help_text="Where the resource is (was) read.")
    payload = serializers.JSONField(help_text="What changed: e.g. `fields`, `version`, merge `source`/`target`.")

    class Meta:
        model = ChangeEvent
        fields = ["id", "type", "resource", "resource_id", "url", "at", "actor", "payload"]
        read_only_fields = fields

    def get_url(self, event: ChangeEvent) -> str:
        path = resource_path(event.resource, event.resource_id)
        request: Request | None = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path


@extend_schema_view(get=extend_schema(summary="The change feed", description=FEED_HELP, tags=["events"]))
class EventListView(ApiView[ChangeEvent], generics.ListAPIView[ChangeEvent]):
    serializer_class = ChangeEventSerializer
    filterset_class = EventFilter
    ordering_map = {"id": "id"}
    default_ordering = "id"

    def get_queryset(self) -> QuerySet[ChangeEvent]:
        return settled(ChangeEvent.objects.select_related("actor"))
