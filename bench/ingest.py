"""Ingestion benchmark on PostgreSQL: the engine alone, the engine plus storage, and 1 vs 2 Celery workers.

    .venv/bin/python bench/ingest.py [--articles 320] [--batch-size 32] [--celery-articles 60] [--no-celery]

Corpus: bench/corpus.py, distinct invented articles in which every speaker is new (no surname is used twice), so
every article pays for creating its speakers: nothing is cached from an earlier article.

1. In one process, batch by batch (alternating the order, as the machine's load drifts): the engine alone over a
   batch, then ``article_ingest_many`` over the same texts (engine + storage), counting the queries.
   Target: engine + storage <= 1.25 x the engine alone.
2. Real Celery: ``celery -A config worker -c 1`` processes on Redis (db 10, emptied before and after), first one
   worker then two, each fed --celery-articles new articles as ingestion jobs (``ingestion_job_submit``, as the
   API does) while the workers are paused, after a warm-up job per worker (the engine loads in each worker
   process); throughput is jobs finished per second once they consume again, by the jobs' own timestamps.
   Target: 2 workers >= 1.7 x one.

Uses its own database ``newsclaims_bench_ingest`` on the local server (created and dropped at the end), or
``BENCH_DATABASE_URL``. The machine is shared: the load average is printed with the figures.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv" / "bin"
sys.path.insert(0, str(ROOT))
ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"
BENCH_DB = "newsclaims_bench_ingest"
BROKER = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379") + "/10"
SECRET = "bench-only-secret-key-not-used-anywhere-else-0123456789"


def setup_database() -> bool:
    """Point Django at the bench database; True when we created it (and must drop it)."""
    url = os.environ.get("BENCH_DATABASE_URL", "")
    if url:
        if not url.startswith(("postgres://", "postgresql://")):
            sys.exit("BENCH_DATABASE_URL must be a PostgreSQL URL.")
        os.environ["DATABASE_URL"] = url
        return False
    import psycopg

    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {BENCH_DB}")
    os.environ["DATABASE_URL"] = ADMIN_URL.rsplit("/", 1)[0] + f"/{BENCH_DB}"
    return True


def drop_database() -> None:
    import psycopg
    from django.db import connections

    connections.close_all()
    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")


def load_average() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def in_process(texts: list[str], batch_size: int) -> None:
    from django.db import connection

    from newsclaims.attribution import extract_many, load_pipeline
    from newsclaims.claims.linking import SpeakerLinker
    from newsclaims.claims.models import Claim, Speaker
    from newsclaims.ingestion import bulk
    from newsclaims.ingestion.bulk import article_ingest_many
    from newsclaims.ingestion.sources import Item

    load_pipeline()
    list(extract_many(texts[:8], batch_size=batch_size))  # warm caches, not measured
    queries = 0

    def count(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    def engine_alone(batch: list[str]) -> float:
        start = time.perf_counter()
        for _ in extract_many(batch, batch_size=batch_size):
            pass
        return time.perf_counter() - start

    # Inside the pipeline, time the engine's batch calls too: what is left is storage, measured under the same
    # load as the engine it is compared with.
    inside = 0.0
    real_find_statements_many = bulk.find_statements_many

    def timed_find_statements_many(batch: list[str], **kwargs):  # type: ignore[no-untyped-def]
        nonlocal inside
        start = time.perf_counter()
        result = list(real_find_statements_many(batch, **kwargs))
        inside += time.perf_counter() - start
        return iter(result)

    bulk.find_statements_many = timed_find_statements_many  # type: ignore[assignment]
    linker = SpeakerLinker()  # one bulk run's speaker cache, as `manage.py ingest` has

    def ingest(offset: int, batch: list[str]) -> tuple[float, int, int]:
        nonlocal queries
        items = [Item(f"bench-{offset + i}", lambda t=t: {"text": t}) for i, t in enumerate(batch)]
        queries = 0
        with connection.execute_wrapper(count):
            start = time.perf_counter()
            summary = article_ingest_many(items, batch_size=batch_size, linker=linker)
            took = time.perf_counter() - start
        return took, queries, summary.created

    engine = full = 0.0
    stored = total_queries = 0
    rows = []
    speakers_before = Speaker.objects.count()
    for k in range(-(-len(texts) // batch_size)):
        batch = texts[k * batch_size : (k + 1) * batch_size]
        if k % 2:
            took, q, made = ingest(k * batch_size, batch)
            alone = engine_alone(batch)
        else:
            alone = engine_alone(batch)
            took, q, made = ingest(k * batch_size, batch)
        engine, full, stored, total_queries = engine + alone, full + took, stored + made, total_queries + q
        rows.append((len(batch), alone, took, q))
    bulk.find_statements_many = real_find_statements_many

    n = len(texts)
    new_speakers = Speaker.objects.count() - speakers_before
    ratio = full / engine
    print(f"corpus: {n} distinct articles, {sum(map(len, texts)) / n:.0f} characters each, engine batch {batch_size}")
    print(f"stored: {stored} articles, {Claim.objects.count()} claims, {new_speakers} speakers (all new)")
    print("batch  articles  engine alone  engine+storage  ratio  queries/article")
    for k, (m, alone, took, q) in enumerate(rows, 1):
        print(f"{k:5}  {m:8}  {alone:10.2f} s  {took:12.2f} s  {took / alone:5.2f}  {q / m:15.1f}")
    print(f"engine alone:        {engine:7.2f} s  ({n / engine:6.1f} articles/s)")
    print(f"engine + storage:    {full:7.2f} s  ({n / full:6.1f} articles/s)")
    print(f"engine+storage / engine alone: {ratio:.2f} (target <= 1.25)  {'MET' if ratio <= 1.25 else 'NOT MET'}")
    storage = full - inside
    print(
        f"same run, split:     engine {inside:.2f} s + storage and the rest {storage:.2f} s ({storage / inside:+.1%})"
    )
    fifth = max(1, len(rows) // 5)
    early = sum(r[3] for r in rows[:fifth]) / sum(r[0] for r in rows[:fifth])
    late = sum(r[3] for r in rows[-fifth:]) / sum(r[0] for r in rows[-fifth:])
    print(
        f"queries per article (only new speakers): {total_queries / n:.1f}; "
        f"{total_queries / max(1, new_speakers):.1f} per new speaker; first fifth {early:.1f}, last fifth {late:.1f}"
    )


def _worker_env() -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_SECRET_KEY": SECRET,
        "DJANGO_DEBUG": "0",
        "CELERY_BROKER_URL": BROKER,
        "LOG_LEVEL": "WARNING",
    }


def _wait_done(job_ids: list[int], procs: list[subprocess.Popen[bytes]], timeout: float) -> None:
    from newsclaims.ingestion.models import IngestionJob

    deadline = time.monotonic() + timeout
    while IngestionJob.objects.filter(pk__in=job_ids, status__in=["queued", "running"]).exists():
        if any(p.poll() is not None for p in procs):
            raise RuntimeError("a Celery worker exited")
        if time.monotonic() > deadline:
            raise RuntimeError(f"jobs not finished after {timeout:.0f} s")
        time.sleep(0.1)


def celery_rate(workers: int, texts: list[str], warm: list[str]) -> tuple[float, float, float]:
    """Jobs per second with ``workers`` worker processes (one task at a time each) draining a backlog.

    The workers load the engine and run a warm-up job each; then they stop consuming (Celery's
    ``cancel_consumer``), the jobs are submitted as the API submits them, and the workers start consuming again
    together. So the submitting process, which shares the two cores, is idle while the workers run: with one
    worker it would run on the idle core, with two it would take time from them. Returns the submission rate,
    the rate from consuming again to the last job seen done (0.1 s polling), and the workers' throughput by the
    jobs' own timestamps, from the first job started to the last one finished.
    """
    from django.db.models import Max, Min

    from config.celery import app
    from newsclaims.ingestion.jobs import ingestion_job_submit
    from newsclaims.ingestion.models import IngestionJob

    procs = [
        subprocess.Popen(
            [
                *(str(VENV / "celery"), "-A", "config", "worker", "-c", "1", "-n", f"ingestbench{k}@%h"),
                *("--without-gossip", "--without-mingle", "-l", "WARNING"),
            ],
            cwd=ROOT,
            env=_worker_env(),
        )
        for k in range(workers)
    ]
    try:
        warm_ids = [ingestion_job_submit(payload={"text": t}, source="bench warm-up").job.pk for t in warm]
        _wait_done(warm_ids, procs, 180)
        queue = app.conf.task_default_queue
        paused = app.control.cancel_consumer(queue, reply=True, timeout=10, limit=workers)
        if len(paused) != workers:
            raise RuntimeError(f"{len(paused)} of {workers} workers confirmed they stopped consuming")
        start = time.perf_counter()
        ids = [ingestion_job_submit(payload={"text": t}, source="bench").job.pk for t in texts]
        submitted = time.perf_counter() - start
        start = time.perf_counter()
        app.control.add_consumer(queue, reply=True, timeout=10, limit=workers)
        _wait_done(ids, procs, 900)
        took = time.perf_counter() - start
        failed = IngestionJob.objects.filter(pk__in=ids).exclude(status="done").count()
        if failed:
            raise RuntimeError(f"{failed} bench jobs failed")
        span = IngestionJob.objects.filter(pk__in=ids).aggregate(first=Min("started_at"), last=Max("finished_at"))
        working = (span["last"] - span["first"]).total_seconds()
        times = IngestionJob.objects.filter(pk__in=ids).values_list("started_at", "finished_at")
        edges = sorted([(a, 1) for a, _ in times] + [(b, -1) for _, b in times], key=lambda e: (e[0], e[1]))
        running = [0]
        for _, step in edges:
            running.append(running[-1] + step)
        busy = [0.0] * (workers + 1)
        for (t0, _), (t1, _), level in zip(edges, edges[1:], running[1:], strict=False):
            busy[level] += (t1 - t0).total_seconds()
        mean = sum((b - a).total_seconds() for a, b in times) / len(times)
        shares = ", ".join(f"{k} running {t / working:.0%}" for k, t in enumerate(busy))
        print(f"  {workers} worker(s): a job takes {mean * 1000:.0f} ms on average; of the time: {shares}")
        if max(running) != workers:
            raise RuntimeError(f"{workers} workers, but at most {max(running)} jobs ran at once")
        return len(texts) / submitted, len(texts) / took, len(texts) / working
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.wait(timeout=60)


def with_celery(texts: list[str]) -> None:
    import redis

    client = redis.Redis.from_url(BROKER)
    client.flushdb()
    try:
        half = len(texts) // 2
        # Warm-up texts are separate, so every measured article is new (and its speakers with it).
        one = celery_rate(1, texts[2:half], texts[:2])
        two = celery_rate(2, texts[half + 2 :], texts[half : half + 2])
    finally:
        client.flushdb()
    print(f"Celery, {half - 2} distinct articles per run, submitted as the API submits them (one article each),")
    print("as a backlog the workers start on together (the submitting process is idle while they work):")
    print("                 submissions       consuming -> seen done    first started -> last finished (workers)")
    for label, rate in (("1 worker: ", one), ("2 workers:", two)):
        print(f"  {label}     {rate[0]:6.1f} jobs/s     {rate[1]:6.2f} articles/s          {rate[2]:6.2f} articles/s")
    print(f"  2 / 1:                          {two[1] / one[1]:6.2f}                      {two[2] / one[2]:6.2f}")
    ratio = two[2] / one[2]
    print(f"  2 workers / 1 worker: {ratio:.2f} (target >= 1.7 on 2 cores)  {'MET' if ratio >= 1.7 else 'NOT MET'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=320)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--celery-articles", type=int, default=60, help="articles per Celery run (two runs)")
    parser.add_argument("--no-celery", action="store_true")
    args = parser.parse_args()

    created = setup_database()
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ.setdefault("DJANGO_SECRET_KEY", SECRET)
    os.environ["DJANGO_DEBUG"] = "0"
    os.environ["DATABASE_CONN_MAX_AGE"] = "600"
    os.environ["CELERY_BROKER_URL"] = BROKER  # submissions publish to the bench's own Redis database
    import django

    django.setup()
    from django.core.management import call_command

    from bench.corpus import articles

    try:
        call_command("migrate", verbosity=0)
        texts = articles(args.articles + 2 * (args.celery_articles + 2))
        print(f"load average before: {load_average()} ({os.cpu_count()} cores, shared with other processes)")
        in_process(texts[: args.articles], args.batch_size)
        if not args.no_celery:
            with_celery(texts[args.articles :])
        print(f"load average after: {load_average()}")
    finally:
        if created:
            drop_database()


if __name__ == "__main__":
    main()
