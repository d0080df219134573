"""API load benchmark: a million claims in PostgreSQL, the app under gunicorn, locust from a second process.

    .venv/bin/python bench/api.py [--claims 1000000] [--seconds 12] [--users 1,4] [--workers 3]
                                  [--db newsclaims_bench_api] [--reuse] [--keep]

Fills the database --db on the server of DATABASE_URL (default the local one) with bench/data.py (invented
speakers and statements written by generate_series: about four minutes for a million claims, with the
migrations' search index), and prints p50/p95/p99 latency and requests per second for list, filtered list,
search (one to three words, a quoted phrase, a speaker's name) and detail, each with its p95 as a ratio of the
no-database health endpoint measured in the same run. --reuse keeps a database that already holds --claims
claims (it is migrated first) instead of filling it again; --keep leaves it afterwards. Throttling is off
(NEWSCLAIMS_THROTTLE_USER very high). Run as a locustfile (locust -f bench/api.py) it is the load generator.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv" / "bin"
BENCH_DB = "newsclaims_bench_api"
TARGET_P95_MS = 50.0
TARGET_SEARCH_P95_MS = 100.0

if __name__ != "__main__" and os.environ.get("BENCH_API_PATHS"):
    # Imported by locust: one user class that cycles through this endpoint's URLs.
    from locust import FastHttpUser, task

    _PATHS = os.environ["BENCH_API_PATHS"].split("\n")
    _HEADERS = {"Authorization": f"Token {os.environ['BENCH_API_TOKEN']}"}

    class ApiUser(FastHttpUser):
        @task
        def get(self) -> None:
            path = random.choice(_PATHS)
            with self.client.get(path, headers=_HEADERS, name="endpoint", catch_response=True) as response:
                if response.status_code != 200:
                    response.failure(f"{response.status_code} for {path}")


def database_urls(name: str) -> tuple[str, str]:
    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    parts = urlsplit(base)
    if not parts.scheme.startswith("postgres"):
        sys.exit("bench/api.py needs PostgreSQL: set DATABASE_URL=postgres://…")
    admin = urlunsplit(parts._replace(path="/postgres"))
    return admin, urlunsplit(parts._replace(path=f"/{name}"))


def admin_sql(admin_url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(sql)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


OUTLETS = [f"Bench Outlet {i}" for i in range(20)]
SEARCHES = ["water", "budget", "bridge budget", "tunnel flood warning", "harbour ferry", '"budget would rise"',
            '"next year"', "canal -water", "glacier", "school closure"]  # fmt: skip


def load(n_claims: int, url: str, reuse: bool) -> dict[str, object]:
    """Fill the database (bench/data.py) unless reusing one already full; return what the load uses."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from bench.data import fill
    from newsclaims.api.tokens import api_token_issue
    from newsclaims.claims.models import Claim, Speaker

    count = Claim.objects.count()
    if not (reuse and count >= n_claims):
        if count:
            sys.exit(f"the bench database holds {count:,} claims, not {n_claims:,}: drop it or run without --reuse")
        fill(url, claims=n_claims)
    else:
        # A reused database may have been migrated or written to since it was filled (other benches, a bulk
        # UPDATE): stale statistics misjudge the outlet filter by 10x and pick a plan 6x slower, measuring the
        # statistics rather than the code.
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    rng = random.Random(7)
    user, _ = get_user_model().objects.get_or_create(username="bench-reader")
    user.groups.add(Group.objects.get_or_create(name="editors")[0])
    top = Claim.objects.order_by("-id").values_list("pk", flat=True)[0]
    speakers = list(Speaker.objects.order_by("pk").values_list("pk", "name")[:200])
    return {
        "token": api_token_issue(user=user),
        "claim_ids": [rng.randint(1, top) for _ in range(500)],
        "speaker_ids": [pk for pk, _ in rng.sample(speakers, 50)],
        "speaker_names": [name for _, name in rng.sample(speakers, 20)],
        "count": Claim.objects.count(),
    }


def search_plan() -> str:
    from django.db import connection

    from newsclaims.claims.models import Claim
    from newsclaims.claims.search import claim_search, claim_search_rows
    from newsclaims.claims.selectors import claim_rows

    matches = claim_search(Claim.objects.all(), "harbour ferry")
    ranked = claim_search_rows(claim_rows(), matches, query="harbour ferry", ranked=True)
    sql, params = ranked.order_by("-search_rank", "-id")[:51].query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def endpoints(data: dict) -> dict[str, list[str]]:
    base = "/api/v1/claims/"
    filters = [f"{base}?speaker={pk}" for pk in data["speaker_ids"][:20]]
    filters += [f"{base}?outlet=Bench%20Outlet%20{i}&kind=direct" for i in range(10)]  # bench/data.py's outlets
    filters += [f"{base}?attribution_status=confirmed&min_confidence=0.{i}" for i in range(1, 10)]
    filters += [
        f"{base}?rating=false&published_after=2021-0{i}-01T00:00:00Z" for i in range(1, 10)
    ]  # in the data's range
    return {
        "baseline /health/": ["/api/v1/health/"],
        "list": [base, f"{base}?ordering=confidence", f"{base}?page_size=50&ordering=-confidence"],
        "filtered list": filters,
        "search q=": [f"{base}?{urlencode({'q': q})}" for q in SEARCHES + data["speaker_names"][:10]],
        "detail": [f"{base}{pk}/" for pk in data["claim_ids"]],
    }


def wait_until_up(url: str, server: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and server.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not answer {url} (exit code {server.poll()})")


def run_locust(host: str, paths: list[str], token: str, seconds: int, users: int, workdir: str) -> dict[str, float]:
    prefix = os.path.join(workdir, f"run{random.randrange(10**6)}")
    env = {**os.environ, "BENCH_API_PATHS": "\n".join(paths), "BENCH_API_TOKEN": token}
    subprocess.run(
        [
            *(str(VENV / "locust"), "-f", __file__, "--headless", "-u", str(users), "-r", str(users)),
            *("-t", f"{seconds}s", "--host", host, "--csv", prefix, "--only-summary", "--loglevel", "WARNING"),
        ],
        env=env,
        check=False,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=seconds + 60,
    )
    with open(f"{prefix}_stats.csv") as fh:
        row = next((r for r in csv.DictReader(fh) if r["Name"] == "endpoint"), None)
    if row is None:  # not one request finished within the time
        nan = float("nan")
        return {"p50": nan, "p95": nan, "p99": nan, "rps": 0.0, "requests": 0, "failures": 0}
    return {
        "p50": float(row["50%"]),
        "p95": float(row["95%"]),
        "p99": float(row["99%"]),
        "rps": float(row["Requests/s"]),
        "requests": int(row["Request Count"]),
        "failures": int(row["Failure Count"]),
    }


def load_average() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def measure(host: str, data: dict, seconds: int, users: int) -> bool:
    """One table: every endpoint at ``users`` closed-loop clients; True when the target is met."""
    header = f"{'endpoint':<20}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}{'req/s':>9}{'errors':>8}  p95 vs baseline"
    print(f"\n{users} concurrent locust user(s), no think time\n{header}\n{'-' * len(header)}")
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as workdir:
        for name, paths in endpoints(data).items():
            r = run_locust(host, paths, str(data["token"]), seconds, users, workdir)
            results[name] = r
            base = results["baseline /health/"]
            ratio = r["p95"] / base["p95"] if base["p95"] else float("nan")
            print(
                f"{name:<20}{r['p50']:>8.0f}{r['p95']:>8.0f}{r['p99']:>8.0f}{r['rps']:>9.1f}"
                f"{r['failures']:>8}  x{ratio:.1f}"
            )
    filtered, search = results["filtered list"], results["search q="]
    errors = sum(int(r["failures"]) for r in results.values())
    ok = filtered["p95"] < TARGET_P95_MS and search["p95"] < TARGET_SEARCH_P95_MS and errors == 0
    print(
        f"targets: filtered list p95 < {TARGET_P95_MS:.0f} ms, search p95 < {TARGET_SEARCH_P95_MS:.0f} ms at "
        f"{data['count']:,} claims, no errors -> {'MET' if ok else 'NOT MET'} (filtered p95 {filtered['p95']:.0f} ms, "
        f"search p95 {search['p95']:.0f} ms, {errors} errors, {users} users)"
    )
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--seconds", type=int, default=12, help="load time per endpoint")
    parser.add_argument("--users", default="1,4", help="concurrency levels: locust users, closed loop, no think time")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes")
    parser.add_argument("--db", default=BENCH_DB, help="bench database name (dropped at the end unless --keep)")
    parser.add_argument("--reuse", action="store_true", help="reuse the database if it already holds --claims")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards (to EXPLAIN queries)")
    args = parser.parse_args()

    admin_url, bench_url = database_urls(args.db)
    if not args.reuse:
        admin_sql(admin_url, f"DROP DATABASE IF EXISTS {args.db} WITH (FORCE)")
    try:
        admin_sql(admin_url, f"CREATE DATABASE {args.db}")
    except Exception as exc:  # it exists: --reuse
        if not args.reuse:
            raise
        del exc
    env = {
        **os.environ,
        "DATABASE_URL": bench_url,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_SECRET_KEY": "bench-only-secret-key-not-used-anywhere-else-0123456789",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECURE_COOKIES": "0",
        "NEWSCLAIMS_THROTTLE_USER": "100000000/minute",
        "LOG_LEVEL": "WARNING",
    }
    os.environ.update(env)
    server = None
    try:
        t0 = time.monotonic()
        subprocess.run(
            [str(VENV / "python"), "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
        )
        import django

        sys.path.insert(0, str(ROOT))
        django.setup()
        data = load(args.claims, bench_url, args.reuse)
        from django.db import connections

        plan = search_plan()
        connections.close_all()
        print(f"loaded {data['count']:,} claims in {time.monotonic() - t0:.0f} s (with migrations)")
        print(f"search uses the GIN index: {'claim_search_document_idx' in plan}")

        port = free_port()
        host = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [
                str(VENV / "gunicorn"),
                "config.wsgi",
                "-b",
                f"127.0.0.1:{port}",
                "-w",
                str(args.workers),
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        wait_until_up(f"{host}/api/v1/health/", server)
        levels = [int(u) for u in args.users.split(",")]
        print(
            f"gunicorn {args.workers} workers; {args.seconds} s per endpoint and concurrency level; "
            f"load avg {load_average()}"
        )
        verdicts = [measure(host, data, args.seconds, users) for users in levels]
        print(f"load avg after: {load_average()} (other processes on this machine share its {os.cpu_count()} cores)")
        return 0 if all(verdicts) else 1
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        from django.db import connections

        connections.close_all()
        if args.keep or args.reuse:
            print(f"kept {bench_url}")
        else:
            admin_sql(admin_url, f"DROP DATABASE IF EXISTS {args.db} WITH (FORCE)")


if __name__ == "__main__":
    sys.exit(main())
