"""Project wiring: settings, URLs, WSGI/ASGI and the Celery app. The newsclaims package imports none of it."""

# Loaded with the settings so that every @shared_task binds to this app, in web processes and workers alike.
from config.celery import app as celery_app

__all__ = ["celery_app"]
