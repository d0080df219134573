"""EXPLAIN ANALYZE of the review queue's page and the API's filtered claim lists, read-only, on a filled bench database.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsclaims_bench_scale DJANGO_SETTINGS_MODULE=config.settings \
        DJANGO_SECRET_KEY=… .venv/bin/python bench/lists.py [--queue water,glacier] [--api "rating=false&…"]

Builds each page in-process as the views do (the queue's ``_queue_context``; the API through its client, as an
unsaved user: nothing is written), captures the SQL that reads claims and prints each statement's execution time
(EXPLAIN ANALYZE, median of ``--runs``) and, with ``--plans``, the plans. Every statement runs under a 20 s timeout.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUEUE = ["water", "glacier", "bridge budget", "tunnel flood warning", '"next year"']
_EXECUTION = re.compile(r"Execution Time: ([\d.]+) ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queue", default=",".join(QUEUE), help="comma-separated queue searches")
    parser.add_argument("--queue-params", action="append", default=[], help="a queue query string (repeat)")
    parser.add_argument("--api", action="append", default=[], help="an API list query string (repeat)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--plans", action="store_true")
    parser.add_argument("--cap", type=int, help="the queue's count cap (default: newsclaims.review.paging's)")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.http import QueryDict
    from django.test import RequestFactory
    from django.test.utils import CaptureQueriesContext
    from rest_framework.test import APIClient

    from newsclaims.claims.models import Speaker
    from newsclaims.review.views.queue import _queue_context

    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = '20s'")
        cursor.execute("SET default_transaction_read_only = on")
    if args.cap:
        from newsclaims.review import paging

        paging.COUNT_CAP = args.cap
    user = get_user_model()(username="bench-lists", is_superuser=True, is_staff=True)
    speaker = Speaker.objects.order_by("pk").values_list("name", flat=True)[3]

    def explain(title: str, captured: list[dict[str, str]]) -> None:
        for query in captured:
            sql = query["sql"]
            if "claims_claim" not in sql or not sql.lstrip().upper().startswith("SELECT"):
                continue
            times, plan = [], ""
            for _ in range(args.runs):
                with connection.cursor() as cursor:
                    cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
                    plan = "\n".join(row[0] for row in cursor.fetchall())
                match = _EXECUTION.search(plan)
                times.append(float(match.group(1)) if match else float("nan"))
            print(f"{title}: {statistics.median(times):9.1f} ms  {sql[:110]}")
            if args.plans:
                print(plan)

    searches = [QueryDict(mutable=True) for _ in [*(s for s in args.queue.split(",") if s), speaker]]
    for params, q in zip(searches, [*(s for s in args.queue.split(",") if s), speaker], strict=True):
        params["q"] = q
    for params in [*searches, *(QueryDict(p) for p in args.queue_params)]:
        request = RequestFactory().get("/review/", params)
        request.user = user
        with CaptureQueriesContext(connection) as captured:
            context = _queue_context(params, request)
            shown = len(context["claims"])  # type: ignore[arg-type]
        explain(f"queue {params.urlencode()} ({shown} shown)", captured.captured_queries)
    client = APIClient(SERVER_NAME="127.0.0.1")
    client.force_authenticate(user)
    for params in args.api:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(f"/api/v1/claims/?{params}")
            assert response.status_code == 200, response.content[:300]
        explain(f"api {params} ({len(response.json()['results'])} rows)", captured.captured_queries)
    return 0


if __name__ == "__main__":
    sys.exit(main())
