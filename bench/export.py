"""Export benchmark: the CSV and ClaimReview exports of a filled bench database, under gunicorn, with server memory.

    .venv/bin/python bench/export.py --db newsclaims_bench_scale

The database is --db on the server of DATABASE_URL (default the local one), filled by bench/api.py (--keep or
--reuse) or bench/data.py. Starts one gunicorn worker (so its process is the one to watch), downloads
/api/v1/claims/export.csv and /api/v1/claims/export.jsonld in full and reports rows per second and the worker's
resident memory (VmRSS from /proc) sampled every 0.2 s: at the first row, its peak, and the growth between them.
Targets: >= 20,000 rows/s for each; growth within 50 MB.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv" / "bin"
sys.path.insert(0, str(ROOT))
SECRET = "bench-only-secret-key-not-used-anywhere-else-0123456789"


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def worker_pid(master: int) -> int:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        if children:
            return int(children[0])
        time.sleep(0.2)
    raise RuntimeError("gunicorn started no worker")


def download(url: str, token: str, pid: int, separator: bytes) -> dict[str, float]:
    samples: list[float] = []
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            samples.append(rss_mb(pid))
            time.sleep(0.2)

    before = rss_mb(pid)
    request = urllib.request.Request(url, headers={"Authorization": f"Token {token}"})
    start = time.perf_counter()
    rows, first_rss, size = 0, 0.0, 0
    sampler = threading.Thread(target=sample, daemon=True)
    with urllib.request.urlopen(request, timeout=600) as response:
        first = response.read(64 * 1024)
        first_rss = rss_mb(pid)
        sampler.start()
        chunk, carry = first, b""
        while chunk:
            # The separator may straddle two reads: the previous read's tail is searched again.
            rows += (carry + chunk).count(separator)
            carry = chunk[-(len(separator) - 1) :] if len(separator) > 1 else b""
            size += len(chunk)
            chunk = response.read(1024 * 1024)
    took = time.perf_counter() - start
    stop.set()
    sampler.join()
    peak = max([first_rss, *samples])
    return {"rows": rows, "seconds": took, "mb": size / 1e6, "before": before, "first": first_rss, "peak": peak}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="newsclaims_bench_scale")
    args = parser.parse_args()
    # The server is DATABASE_URL's (the local one by default), as for bench/api.py; the database is --db.
    server = urlsplit(os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"))
    if not server.scheme.startswith("postgres"):
        sys.exit("bench/export.py needs PostgreSQL: set DATABASE_URL=postgres://…")
    url = urlunsplit(server._replace(path=f"/{args.db}"))
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_SECRET_KEY": SECRET,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECURE_COOKIES": "0",
        "NEWSCLAIMS_THROTTLE_USER": "100000000/minute",
        "LOG_LEVEL": "WARNING",
    }
    os.environ.update(env)
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connections

    from bench.api import free_port, wait_until_up
    from newsclaims.api.tokens import api_token_issue
    from newsclaims.claims.models import Claim

    user, _ = get_user_model().objects.get_or_create(username="bench-export")
    token = api_token_issue(user=user)
    total = Claim.objects.count()
    connections.close_all()
    port = free_port()
    server = subprocess.Popen(
        [str(VENV / "gunicorn"), "config.wsgi", "-b", f"127.0.0.1:{port}", "-w", "1", "--timeout", "900"],
        cwd=ROOT,
        env=env,
    )
    try:
        pid = worker_pid(server.pid)
        base = f"http://127.0.0.1:{port}/api/v1"
        wait_until_up(f"{base}/health/", server)
        print(f"{total:,} claims in {args.db}; one gunicorn worker (pid {pid}); load avg {os.getloadavg()[0]:.1f}")
        results = {
            "CSV": download(f"{base}/claims/export.csv", token, pid, b"\n"),
            "ClaimReview": download(f"{base}/claims/export.jsonld", token, pid, b'"@type":"ClaimReview"'),
        }
        ok = True
        rates = {name: r["rows"] / r["seconds"] for name, r in results.items()}
        for name, r in results.items():
            rate = rates[name]
            growth = r["peak"] - r["first"]
            print(
                f"{name:<12} {r['rows']:>9,.0f} rows  {r['mb']:7.0f} MB  {r['seconds']:6.1f} s  {rate:9,.0f} rows/s  "
                f"worker RSS {r['before']:.0f} MB before, {r['first']:.0f} MB at the first row, peak {r['peak']:.0f} MB"
                f" (growth {growth:+.0f} MB)"
            )
            ok = ok and growth <= 50
        ok = ok and all(rate >= 20_000 for rate in rates.values())
        print(f"ClaimReview / CSV rows per second: {rates['ClaimReview'] / rates['CSV']:.2f}")
        print(f"targets: CSV and ClaimReview >= 20,000 rows/s, RSS growth <= 50 MB -> {'MET' if ok else 'NOT MET'}")
        print(f"load avg after: {os.getloadavg()[0]:.1f}")
        return 0 if ok else 1
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
