from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "newsclaims.webhooks"
    verbose_name = "Webhooks"

    def ready(self) -> None:
        # Each committed change-feed event becomes a delivery for every subscription that wants it.
        from newsclaims.claims.events import events_recorded
        from newsclaims.webhooks.services import on_events_recorded

        events_recorded.connect(on_events_recorded, dispatch_uid="newsclaims.webhooks")
