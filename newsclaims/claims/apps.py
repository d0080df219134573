from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "newsclaims.claims"
    verbose_name = "Claims"
