"""EXPLAIN (ANALYZE, BUFFERS) of what the search endpoints really run, on a filled bench database.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsclaims_bench_scale .venv/bin/python bench/explain.py \
        [--out bench/plans/after.txt]

Requests the API's claim list with ``q=`` (and the /search/ page's selector) in-process, captures the SQL each
request sends, and runs EXPLAIN (ANALYZE, BUFFERS) on every statement that reads claims, so the plans are those
of the code as it is, not of a query written by hand. Each query runs once to warm the cache first.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUERIES = ["water", "bridge budget", "tunnel flood warning", '"budget would rise"', '"next year"', "canal -water"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path)
    parser.add_argument("--speaker", default="", help="a speaker name to search as well (default: one from the db)")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-secret-key-not-used-anywhere-else-0123456789")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from rest_framework.test import APIClient

    from newsclaims.claims.models import Speaker
    from newsclaims.claims.selectors import site_search

    # Unsaved: explaining a database must not write to it.
    user = get_user_model()(username="bench-explain", is_superuser=True, is_active=True)
    client = APIClient(SERVER_NAME="127.0.0.1")
    client.force_authenticate(user)
    speaker = args.speaker or Speaker.objects.order_by("pk").values_list("name", flat=True)[3]
    out: list[str] = []
    cases = [(f"API /api/v1/claims/?q={q}", q, "api") for q in [*QUERIES, speaker]]
    cases += [(f"/search/ site_search(q={q})", q, "site") for q in (QUERIES[0], speaker)]
    for title, q, where in cases:
        for _attempt in range(2):
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                if where == "api":
                    response = client.get("/api/v1/claims/", {"q": q})
                    assert response.status_code == 200, response.content[:300]
                    hits = len(response.json()["results"])
                else:
                    hits = len(site_search(q=q)["claims"])
                took = (time.perf_counter() - start) * 1000
        out.append(f"=== {title}: {hits} results, {took:.0f} ms in-process (second run)")
        for query in captured.captured_queries:
            sql = query["sql"]
            if "claims_claim" not in sql or not sql.lstrip().upper().startswith("SELECT"):
                continue
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
                out.append("\n".join(row[0] for row in cursor.fetchall()))
    text = "\n\n".join(out) + "\n"
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
