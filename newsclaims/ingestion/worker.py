"""A worker step that publishes waiting ingestion jobs each time the worker's consumer connects to the broker.

That is at start and after every reconnection (Redis restarted, network back). ``worker_ready`` would only cover
the start: workers that merely reconnect after an outage would leave the jobs delayed meanwhile waiting.
"""

from __future__ import annotations

import logging
from typing import Any

from celery import bootsteps

log = logging.getLogger(__name__)


class RequeueWaitingJobs(bootsteps.StartStopStep):  # type: ignore[misc]  # Celery ships no types
    """Delayed jobs (the broker was down at submission) and, after NEWSCLAIMS_REQUEUE_STALE_AFTER seconds, queued
    jobs whose message a broker restart may have lost. Runs in the worker's main process, before it consumes."""

    requires = {"celery.worker.consumer.connection:Connection"}

    def start(self, parent: Any) -> None:
        from django.conf import settings
        from django.db import connections

        from newsclaims.ingestion.jobs import ingestion_jobs_requeue

        try:
            result = ingestion_jobs_requeue(stale_after=settings.NEWSCLAIMS_REQUEUE_STALE_AFTER or None)
            if result.published or result.waiting:
                log.info("requeued %d waiting ingestion job(s); %d still waiting", result.published, result.waiting)
        except Exception:
            # The worker must start even with the database away; the jobs wait for the next connection.
            log.exception("could not requeue waiting ingestion jobs")
        finally:
            connections.close_all()  # the pool's children have their own connections; this process needs none
