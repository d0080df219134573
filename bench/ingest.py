"""Ingestion benchmark: the engine alone vs the engine plus storage, on PostgreSQL, in one run.

    .venv/bin/python bench/ingest.py [--articles 500] [--batch-size 32]

Uses its own database: ``BENCH_DATABASE_URL`` if set (must be PostgreSQL), else it creates ``newsclaims_bench``
on the local server (127.0.0.1:5432, user postgres) and drops it at the end. It never touches the dev SQLite file.

Corpus: the texts of ../shared/corpus/dev_gold.jsonl when present, plus the seed articles, and synthetic variants
of them (paragraphs reordered, an edition line added) up to --articles, each with its own content hash.
Target: storage adds at most 25% to the engine alone; queries per article stay flat as the corpus grows.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"
BENCH_DB = "newsclaims_bench"


def base_texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    gold = ROOT.parent / "shared" / "corpus" / "dev_gold.jsonl"
    if gold.exists():
        texts += [json.loads(line)["text"] for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    return list(dict.fromkeys(texts))


def corpus(n: int) -> list[str]:
    bases = base_texts()
    out = []
    for i in range(n):
        paragraphs = [p for p in bases[i % len(bases)].split("\n") if p.strip()]
        if i >= len(bases):
            random.Random(i).shuffle(paragraphs)
        out.append("\n".join(paragraphs) + f"\n(Edition {i}.)")
    return out


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
        conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DB}")
        conn.execute(f"CREATE DATABASE {BENCH_DB}")
    os.environ["DATABASE_URL"] = ADMIN_URL.rsplit("/", 1)[0] + f"/{BENCH_DB}"
    return True


def drop_database() -> None:
    import psycopg
    from django.db import connections

    connections.close_all()
    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DB}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args()

    created = setup_database()
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"
    os.environ["DATABASE_CONN_MAX_AGE"] = "600"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from newsclaims.attribution import extract_many, load_pipeline
    from newsclaims.claims.linking import SpeakerLinker
    from newsclaims.claims.models import Article, Claim, Speaker
    from newsclaims.ingestion import bulk
    from newsclaims.ingestion.bulk import article_ingest_many
    from newsclaims.ingestion.sources import Item

    try:
        call_command("migrate", verbosity=0)
        texts = corpus(args.articles)
        load_pipeline()
        list(extract_many(texts[:8], batch_size=args.batch_size))  # warm caches, not measured

        queries = 0

        def count(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
            nonlocal queries
            queries += 1
            return execute(sql, params, many, context)

        def engine_alone(batch: list[str]) -> float:
            start = time.perf_counter()
            for _ in extract_many(batch, batch_size=args.batch_size):
                pass
            return time.perf_counter() - start

        # Inside the pipeline, time the engine's batch calls too: what is left is storage, measured under the
        # same load as the engine it is compared with.
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
                summary = article_ingest_many(items, batch_size=args.batch_size, linker=linker)
                took = time.perf_counter() - start
            return took, queries, summary.created

        # The machine's load drifts, so the two measurements alternate batch by batch, in alternating order.
        size = args.batch_size
        engine = full = 0.0
        stored = 0
        rows = []
        for k in range(-(-len(texts) // size)):
            batch = texts[k * size : (k + 1) * size]
            if k % 2:
                took, q, made = ingest(k * size, batch)
                alone = engine_alone(batch)
            else:
                alone = engine_alone(batch)
                took, q, made = ingest(k * size, batch)
            engine, full, stored = engine + alone, full + took, stored + made
            rows.append((len(batch), alone, took, q))

        n = len(texts)
        size_chars = sum(map(len, texts)) / n
        overhead = full / engine - 1
        print(f"corpus: {n} articles, {size_chars:.0f} characters each on average, engine batch {args.batch_size}")
        print(f"stored: {stored} articles, {Claim.objects.count()} claims, {Speaker.objects.count()} speakers")
        print("batch  articles  engine alone  engine+storage  overhead  queries/article  (corpus grows batch by batch)")
        for k, (m, alone, took, q) in enumerate(rows, 1):
            print(f"{k:5}  {m:8}  {alone:10.2f} s  {took:12.2f} s  {took / alone - 1:+8.1%}  {q / m:15.2f}")
        print(f"engine alone:        {engine:7.2f} s  ({n / engine:6.1f} articles/s)")
        print(f"engine + storage:    {full:7.2f} s  ({n / full:6.1f} articles/s)")
        print(f"storage overhead:    {overhead:+.1%}  (target at most +25%)  {'OK' if overhead <= 0.25 else 'OVER'}")
        storage = full - inside
        print(
            f"same run, split:     engine {inside:.2f} s + storage and the rest {storage:.2f} s"
            f" = {storage / inside:+.1%} over the engine"
        )
        fifth = max(1, len(rows) // 5)
        early = sum(r[3] for r in rows[:fifth]) / sum(r[0] for r in rows[:fifth])
        late = sum(r[3] for r in rows[-fifth:]) / sum(r[0] for r in rows[-fifth:])
        trend = "flat or falling" if late <= early * 1.1 + 0.5 else "GROWING"
        print(f"queries per article: first fifth {early:.2f}, last fifth {late:.2f} ({trend})")
        assert Article.objects.count() == stored == n
    finally:
        if created:
            drop_database()


if __name__ == "__main__":
    main()
