"""Load benchmark: API readers, API and web reviewers, and a bulk ingestion on the workers, all at once.

    .venv/bin/python bench/load.py [--articles 500] [--seconds 300] [--baseline-seconds 20]
                                   [--api-clients 20] [--editors 5] [--gunicorn-workers 3]

It starts what it needs and stops all of it at the end, also on Ctrl-C or a failure: a PostgreSQL database
(``newsclaims_bench_load`` on the DATABASE_URL server, dropped at the end), gunicorn, two Celery worker processes
on the local Redis (db 13 as broker, db 12 as cache, both emptied before and after).

1. Setup: 30 articles ingested in-process give the claims to read and review; users, tokens.
2. Baseline: the clients for --baseline-seconds with no ingestion running.
3. Load: the same clients while ``manage.py ingest --async`` queues --articles new articles for the workers; the
   clients stop when the last job has finished (or after --seconds).
Clients (closed loop, short think time): API readers list / filter / search / detail, and one time in ten PATCH a
review with If-Match; editors sign in, open a claim page (hidden version + CSRF token) and post the review form.
Reviews go to a hot set of 40 claims, so some are refused as stale (412 / 409): that is expected, not an error.

Pass criteria printed at the end: no 5xx (nor a dropped connection); no 4xx other than a stale review (so a run
where every request is refused, 401/403/404, fails); every client thread still running when the phase ends (a
client that died on an exception is reported with it); at least one accepted review per editor; no lost review
(every accepted review is in the claim's history, field by field, and each claim's version is 1 + its accepted
reviews); no duplicate article; no half-ingested article (every job done, each article holds the claims its job
stored, the engine's count for a
sample). Corpus: seeds/seed-000.txt (and ../shared/corpus/dev_gold.jsonl texts when present) with paragraphs
shuffled, numbers and datelines changed; nothing is written outside a temporary folder.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv" / "bin"
BENCH_DB = "newsclaims_bench_load"
REDIS = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379")
BROKER, CACHE = f"{REDIS}/13", f"{REDIS}/12"
PASSWORD = "bench-editor-password-1"  # a throwaway user in a throwaway database
RATINGS = ["true", "mostly_true", "mixed", "misleading", "false", "unverifiable"]
CITIES = ["MOSCOW", "SEOUL", "VLADIVOSTOK", "TOKYO", "BEIJING", "GENEVA", "LONDON", "PARIS", "BERLIN", "KYIV"]
DESK_ARTICLES = 30  # ingested at setup: the claims the clients read and review
SEARCH_WORDS = ["satellite", "missile", "sanctions", "space", "cooperation", "artillery", "Kremlin", "visit"]


# --- corpus -------------------------------------------------------------------------------


def base_texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    gold = ROOT.parent / "shared" / "corpus" / "dev_gold.jsonl"
    if gold.exists():
        texts += [json.loads(line)["text"] for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    return list(dict.fromkeys(texts))


def corpus(n: int, label: str, seed: int) -> list[str]:
    """``n`` distinct articles: paragraphs shuffled, numbers and the dateline changed, an edition line."""
    bases, rng, out = base_texts(), random.Random(seed), []
    for i in range(n):
        paragraphs = [p for p in bases[i % len(bases)].split("\n") if p.strip()]
        rng.shuffle(paragraphs)
        text = "\n".join(paragraphs)
        text = re.sub(r"\b\d{2,}\b", lambda m: str(int(m.group()) + rng.randint(1, 99)), text)
        text = re.sub(r"^[A-Z]{4,}:", f"{rng.choice(CITIES)}:", text)
        out.append(f"{label} {i}.\n{text}")
    assert len(set(out)) == n
    return out


# --- processes, database, redis -------------------------------------------------------------


class Processes:
    """Everything started, each in its own process group so that its children stop with it."""

    def __init__(self, logdir: Path) -> None:
        self.logdir, self.procs = logdir, []  # type: ignore[var-annotated]

    def start(self, name: str, cmd: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
        log = (self.logdir / f"{name}.log").open("wb")
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        self.procs.append((name, proc))
        return proc

    def check_alive(self) -> None:
        for name, proc in self.procs:
            if proc.poll() is not None:
                tail = (self.logdir / f"{name}.log").read_text(errors="replace")[-2000:]
                raise RuntimeError(f"{name} exited with {proc.returncode}:\n{tail}")

    def stop_all(self) -> None:
        for _, proc in self.procs:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
        deadline = time.monotonic() + 15
        for _, proc in self.procs:
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)


def database_urls() -> tuple[str, str]:
    parts = urlsplit(os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"))
    if not parts.scheme.startswith("postgres"):
        sys.exit("bench/load.py needs PostgreSQL: set DATABASE_URL=postgres://…")
    return urlunsplit(parts._replace(path="/postgres")), urlunsplit(parts._replace(path=f"/{BENCH_DB}"))


def admin_sql(admin_url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(sql)  # type: ignore[arg-type]


def flush_redis() -> None:
    import redis

    for url in (BROKER, CACHE):
        redis.Redis.from_url(url, socket_timeout=5).flushdb()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# --- HTTP clients --------------------------------------------------------------------------


@dataclass(frozen=True)
class Reply:
    status: int  # 0: no HTTP answer (refused, reset, timed out)
    body: str
    headers: dict[str, str]


@dataclass
class Run:
    """What the clients saw: (phase, kind, status, milliseconds) per request, and the reviews accepted."""

    port: int
    phase: str = "baseline"
    samples: list[tuple[str, str, int, float]] = field(default_factory=list)
    accepted: list[tuple[int, str, str]] = field(default_factory=list)  # (claim id, username, explanation)
    client_problems: list[str] = field(default_factory=list)  # clients that died or hung
    stop: threading.Event = field(default_factory=threading.Event)

    def call(self, kind: str, method: str, path: str, headers: dict[str, str], body: str | None = None) -> Reply:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        started = time.perf_counter()
        try:
            conn.request(method, path, body=body.encode() if body is not None else None, headers=headers)
            response = conn.getresponse()
            reply = Reply(response.status, response.read().decode("utf-8", "replace"), dict(response.getheaders()))
        except (OSError, http.client.HTTPException) as exc:
            reply = Reply(0, f"{type(exc).__name__}: {exc}", {})
        finally:
            conn.close()
        self.samples.append((self.phase, kind, reply.status, (time.perf_counter() - started) * 1000))
        return reply


def api_client(run: Run, token: str, username: str, data: dict, think: float, seed: int) -> None:
    rng, headers = random.Random(seed), {"Authorization": f"Token {token}"}
    base = "/api/v1/claims/"
    n = 0
    while not run.stop.is_set():
        n += 1
        pick = rng.random()
        if pick < 0.05:
            run.call("health (baseline)", "GET", "/api/v1/health/", {})
        elif pick < 0.25:
            run.call(
                "api list", "GET", rng.choice([base, f"{base}?ordering=-confidence", "/api/v1/articles/"]), headers
            )
        elif pick < 0.45:
            query = rng.choice(
                [
                    {"speaker": rng.choice(data["speakers"])},
                    {"attribution_status": "unreviewed", "kind": "direct"},
                    {"min_confidence": "0.5"},
                    {"rating": rng.choice(RATINGS)},
                ]
            )
            run.call("api filter", "GET", f"{base}?{urlencode(query)}", headers)
        elif pick < 0.60:
            run.call("api search", "GET", f"{base}?{urlencode({'q': rng.choice(SEARCH_WORDS)})}", headers)
        elif pick < 0.90:
            run.call("api detail", "GET", f"{base}{rng.choice(data['claims'])}/", headers)
        else:
            pk = rng.choice(data["hot"])
            got = run.call("api detail", "GET", f"{base}{pk}/", headers)
            if got.status == 200:
                rating = rng.choice([r for r in RATINGS if r != json.loads(got.body)["rating"]])
                explanation = f"{username} {run.phase} review {n}"
                body = json.dumps({"rating": rating, "rating_explanation": explanation})
                patch = {**headers, "If-Match": got.headers.get("ETag", ""), "Content-Type": "application/json"}
                if run.call("api review PATCH", "PATCH", f"{base}{pk}/", patch, body).status == 200:
                    run.accepted.append((pk, username, explanation))
        time.sleep(think * rng.uniform(0.5, 1.5))


def _cookie(reply: Reply, jar: dict[str, str]) -> None:
    for key, value in reply.headers.items():
        if key.lower() == "set-cookie":
            name, _, rest = value.partition("=")
            jar[name.strip()] = rest.split(";", 1)[0]


def _field(html: str, pattern: str) -> str:
    found = re.search(pattern, html)
    if found is None:
        raise ValueError(f"not in the page: {pattern}")
    return found.group(1)


def editor(run: Run, username: str, data: dict, think: float, seed: int) -> None:
    rng, jar = random.Random(seed), {}  # type: ignore[var-annotated]

    def headers() -> dict[str, str]:
        return {"Cookie": "; ".join(f"{k}={v}" for k, v in jar.items())}

    page = run.call("web login", "GET", "/accounts/login/", {})
    _cookie(page, jar)
    form = {"username": username, "password": PASSWORD}
    form["csrfmiddlewaretoken"] = _field(page.body, r'name="csrfmiddlewaretoken" value="([^"]+)"')
    form_headers = {**headers(), "Content-Type": "application/x-www-form-urlencoded"}
    signed_in = run.call("web login", "POST", "/accounts/login/", form_headers, urlencode(form))
    _cookie(signed_in, jar)
    if signed_in.status != 302:
        raise RuntimeError(f"{username} could not sign in: {signed_in.status}")
    n = 0
    while not run.stop.is_set():
        n += 1
        pk = rng.choice(data["hot"])
        page = run.call("web claim page", "GET", f"/claims/{pk}/", headers())
        _cookie(page, jar)
        if page.status == 200:
            current = _field(page.body.split('name="rating"', 1)[-1], r'<option value="(\w+)" selected>')
            explanation = f"{username} {run.phase} review {n}"
            form = {
                "csrfmiddlewaretoken": _field(page.body, r'name="csrfmiddlewaretoken" value="([^"]+)"'),
                "version": _field(page.body, r'name="version" value="(\d+)"'),
                "rating": rng.choice([r for r in RATINGS if r != current]),
                "rating_explanation": explanation,
            }
            post_headers = {**headers(), "Content-Type": "application/x-www-form-urlencoded"}
            saved = run.call("web review POST", "POST", f"/claims/{pk}/review/", post_headers, urlencode(form))
            _cookie(saved, jar)
            if saved.status == 302:
                run.accepted.append((pk, username, explanation))
        time.sleep(think * rng.uniform(0.5, 1.5))


def run_clients(
    run: Run, phase: str, users: dict, data: dict, until: threading.Event, args: argparse.Namespace
) -> None:
    run.phase, run.stop = phase, threading.Event()

    def guarded(name: str, target: Any, *target_args: Any) -> threading.Thread:
        def body() -> None:
            try:
                target(*target_args)
            except Exception as exc:  # a dead client must fail the run, not shrink the load unseen
                run.client_problems.append(f"{phase}: {name} died: {type(exc).__name__}: {exc}")

        return threading.Thread(target=body, name=name, daemon=True)

    threads = [
        guarded(name, api_client, run, token, name, data, args.think, i) for i, (name, token) in enumerate(users["api"])
    ] + [guarded(name, editor, run, name, data, args.think * 4, 100 + i) for i, name in enumerate(users["editors"])]
    for thread in threads:
        thread.start()
    until.wait()
    ended_early = [thread.name for thread in threads if not thread.is_alive()]
    run.stop.set()
    for thread in threads:
        thread.join(timeout=90)
    for name in ended_early:
        if not any(p.startswith(f"{phase}: {name} ") for p in run.client_problems):
            run.client_problems.append(f"{phase}: {name} stopped before the phase ended")
    run.client_problems += [f"{phase}: {t.name} did not stop within 90 s" for t in threads if t.is_alive()]


# --- setup and checks ----------------------------------------------------------------------


def setup_data(n_api: int, n_editors: int) -> tuple[dict, dict]:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from newsclaims.api.tokens import api_token_issue
    from newsclaims.claims.models import Claim, Speaker
    from newsclaims.claims.roles import EDITORS_GROUP
    from newsclaims.ingestion.bulk import article_ingest_many
    from newsclaims.ingestion.sources import Item

    texts = corpus(DESK_ARTICLES, "Desk copy", seed=1)
    article_ingest_many([Item(f"desk-{i}", lambda t=t: {"text": t}) for i, t in enumerate(texts)])
    group = Group.objects.get_or_create(name=EDITORS_GROUP)[0]
    users: dict[str, list] = {"api": [], "editors": []}
    for i in range(n_api):
        user = get_user_model().objects.create_user(f"api-{i}", password=None)
        user.groups.add(group)
        users["api"].append((user.username, api_token_issue(user=user)))
    for i in range(n_editors):
        user = get_user_model().objects.create_user(f"editor-{i}", password=PASSWORD)
        user.groups.add(group)
        users["editors"].append(user.username)
    claims = list(Claim.objects.order_by("pk").values_list("pk", flat=True))
    data = {
        "claims": claims,
        "hot": random.Random(3).sample(claims, min(40, len(claims))),
        "speakers": list(Speaker.objects.values_list("pk", flat=True)[:50]) or [0],
    }
    return users, data


def engine_rate(texts: list[str]) -> float:
    """Articles per second of the engine alone in this process, on the same kind of texts."""
    from newsclaims.attribution import extract_many

    list(extract_many(texts[:4]))
    started = time.perf_counter()
    list(extract_many(texts))
    return len(texts) / (time.perf_counter() - started)


def wait_for_jobs(total: int, deadline: float, procs: Processes) -> dict[str, int]:
    from django.db.models import Count

    from newsclaims.ingestion.models import IngestionJob

    while True:
        counts = dict(IngestionJob.objects.values_list("status").annotate(n=Count("id")))
        if counts.get("done", 0) + counts.get("failed", 0) >= total or time.monotonic() > deadline:
            return counts
        procs.check_alive()
        time.sleep(0.5)


def check_reviews(run: Run, data: dict) -> list[str]:
    from newsclaims.claims.models import Claim, ClaimEvent

    problems = []
    per_actor: Counter[str] = Counter(user for _, user, _ in run.accepted)
    per_claim: Counter[int] = Counter(pk for pk, _, _ in run.accepted)
    for fieldname in ("rating", "rating_explanation"):
        events = Counter(
            ClaimEvent.objects.filter(field=fieldname, action="review").values_list("actor__username", flat=True)
        )
        if events != per_actor:
            problems.append(f"{fieldname}: history rows per actor {dict(events)} != accepted {dict(per_actor)}")
    stored = set(
        ClaimEvent.objects.filter(field="rating_explanation").values_list("claim_id", "actor__username", "new_value")
    )
    missing = [a for a in run.accepted if a not in stored]
    if missing:
        problems.append(f"{len(missing)} accepted review(s) not in the history, e.g. {missing[:3]}")
    for pk, version in Claim.objects.filter(pk__in=data["hot"]).values_list("pk", "version"):
        if version != 1 + per_claim[pk]:
            problems.append(f"claim {pk}: version {version}, accepted reviews {per_claim[pk]}")
    return problems


STALE = (409, 412)  # a review refused because the claim changed since it was loaded: expected under contention


def unexpected_client_errors(run: Run) -> list[str]:
    """Every 4xx is a failure except a stale review: a run whose requests are all 401/403/404 must not pass."""
    seen = Counter((kind, status) for _, kind, status, _ in run.samples if 400 <= status < 500)
    return [
        f"{n} x {status} on {kind}"
        for (kind, status), n in sorted(seen.items())
        if not ("review" in kind and status in STALE)
    ]


def editors_without_a_review(run: Run, users: dict) -> list[str]:
    accepted = Counter(user for _, user, _ in run.accepted)
    return [f"{name}: no review accepted" for name in users["editors"] if accepted[name] == 0]


def check_duplicates(texts: list[str], desk: int) -> list[str]:
    from newsclaims.claims.models import Article
    from newsclaims.claims.services import content_hash

    hashes = Counter(Article.objects.values_list("content_hash", flat=True))
    missing = sum(1 for t in texts if hashes[content_hash(t)] != 1)
    if Article.objects.count() != desk + len(texts) or missing:
        return [f"{Article.objects.count()} articles for {desk} + {len(texts)} distinct texts; {missing} not once"]
    return []


def check_articles(texts: list[str], sample: int) -> list[str]:
    from newsclaims.attribution import extract
    from newsclaims.claims.models import Article, Claim
    from newsclaims.claims.services import content_hash
    from newsclaims.ingestion.models import IngestionJob

    problems = []
    jobs = IngestionJob.objects.exclude(status="done")
    if jobs.exists():
        problems.append(f"{jobs.count()} job(s) not done: {list(jobs.values_list('status', 'error')[:3])}")
    stored = Counter(Claim.objects.values_list("article_id", flat=True))
    for job in IngestionJob.objects.filter(status="done"):
        if job.article_id is None or stored[job.article_id] != job.claims_created or job.articles_done != 1:
            problems.append(f"job {job.pk}: article {job.article_id}, {stored[job.article_id]} claims stored")
    bad_spans = sum(1 for claim in Claim.objects.select_related("article") if claim.span_errors())
    if bad_spans:
        problems.append(f"{bad_spans} claim(s) with invalid spans")
    by_hash = dict(Article.objects.values_list("content_hash", "pk"))
    for text in random.Random(5).sample(texts, min(sample, len(texts))):
        if (found := len(extract(text))) != stored[by_hash.get(content_hash(text))]:
            problems.append(f"article {by_hash.get(content_hash(text))}: engine finds {found}")
    return problems


# --- report --------------------------------------------------------------------------------


def load_average() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def print_latencies(run: Run, durations: dict[str, float]) -> None:
    grouped: dict[tuple[str, str], list[tuple[int, float]]] = defaultdict(list)
    for phase, kind, status, ms in run.samples:
        grouped[(kind, phase)].append((status, ms))
    print(
        f"\n{'request':<20}{'phase':<11}{'n':>6}{'req/s':>7}{'p50':>7}{'p95':>7}{'p99':>7}{'5xx':>5}{'stale':>6}  p95 x"
    )
    for kind in sorted({k for k, _ in grouped}):
        base_p95 = pct([ms for _, ms in grouped.get((kind, "baseline"), [])], 0.95)
        for phase in ("baseline", "ingestion"):
            rows = grouped.get((kind, phase), [])
            if not rows:
                continue
            ms = [m for _, m in rows]
            bad = sum(1 for s, _ in rows if s >= 500 or s == 0)
            stale = sum(1 for s, _ in rows if s in (409, 412))
            ratio = pct(ms, 0.95) / base_p95 if phase == "ingestion" and base_p95 else 1.0
            print(
                f"{kind:<20}{phase:<11}{len(rows):>6}{len(rows) / durations[phase]:>7.1f}{pct(ms, 0.5):>7.0f}"
                f"{pct(ms, 0.95):>7.0f}{pct(ms, 0.99):>7.0f}{bad:>5}{stale:>6}  {ratio:.1f}"
            )
    print("(latencies in ms; 'stale': 409/412, a review refused because the claim changed since it was loaded)")


# --- main ----------------------------------------------------------------------------------


def interrupted(*_: object) -> None:
    raise KeyboardInterrupt  # SIGTERM stops the run like Ctrl-C: through the cleanup in main()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--seconds", type=int, default=300, help="cap on the load phase")
    parser.add_argument("--baseline-seconds", type=int, default=20)
    parser.add_argument("--api-clients", type=int, default=20)
    parser.add_argument("--editors", type=int, default=5)
    parser.add_argument("--gunicorn-workers", type=int, default=3)
    parser.add_argument("--think", type=float, default=0.05, help="API client pause between requests (editors x4)")
    parser.add_argument("--verify-sample", type=int, default=60, help="articles re-run through the engine to check")
    args = parser.parse_args()

    admin_url, bench_url = database_urls()
    env = {
        **os.environ,
        "DATABASE_URL": bench_url,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_SECRET_KEY": "bench-only-secret-key-not-used-anywhere-else-0123456789",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECURE_COOKIES": "0",
        "DJANGO_MANIFEST_STATIC": "0",
        "CELERY_BROKER_URL": BROKER,
        "CACHE_URL": CACHE,
        "NEWSCLAIMS_THROTTLE_USER": "100000000/minute",
        "LOG_LEVEL": "WARNING",
    }
    os.environ.update(env)
    signal.signal(signal.SIGTERM, interrupted)
    workdir = Path(tempfile.mkdtemp(prefix="bench-load-"))
    procs = Processes(workdir)
    try:
        admin_sql(admin_url, f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
        admin_sql(admin_url, f"CREATE DATABASE {BENCH_DB}")
        flush_redis()
        subprocess.run(
            [str(VENV / "python"), "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
        )
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from django.db import connections

        texts = corpus(args.articles, "Edition", seed=2)
        users, data = setup_data(args.api_clients, args.editors)
        rate_alone = engine_rate(texts[:40])
        connections.close_all()
        print(f"setup: {len(data['claims'])} claims to read, {len(data['hot'])} hot claims for reviews; "
              f"engine alone {rate_alone:.1f} articles/s in one process")  # fmt: skip

        port = free_port()
        procs.start("gunicorn", [str(VENV / "gunicorn"), "config.wsgi", "-b", f"127.0.0.1:{port}",
                                 "-w", str(args.gunicorn_workers), "--log-level", "warning"], env)  # fmt: skip
        for n in range(2):
            worker = [
                "worker",
                "-c",
                "1",
                "-n",
                f"bench{n}@%h",
                "--without-gossip",
                "--without-mingle",
                "-l",
                "WARNING",
            ]
            procs.start(f"celery{n}", [str(VENV / "celery"), "-A", "config", *worker], env)
        run = Run(port)
        deadline = time.monotonic() + 60
        while run.call("startup", "GET", "/api/v1/health/", {}).status != 200:
            procs.check_alive()
            if time.monotonic() > deadline:
                raise RuntimeError("gunicorn did not answer within 60 s")
            time.sleep(0.3)
        run.samples.clear()

        print(f"load average before: {load_average()} ({os.cpu_count()} cores, shared with other processes)")
        print(f"baseline: {args.api_clients} API clients + {args.editors} editors, {args.baseline_seconds} s, "
              "no ingestion")  # fmt: skip
        timer = threading.Event()
        alarm = threading.Timer(args.baseline_seconds, timer.set)
        alarm.daemon = True
        alarm.start()
        started = time.monotonic()
        run_clients(run, "baseline", users, data, timer, args)
        durations = {"baseline": time.monotonic() - started}

        batch = workdir / "articles.jsonl"
        batch.write_text("".join(json.dumps({"text": t, "title": t.split("\n", 1)[0]}) + "\n" for t in texts))
        finished = threading.Event()
        outcome: dict[str, object] = {}

        def ingest() -> None:
            try:
                t0 = time.monotonic()
                cmd = [str(VENV / "python"), "manage.py", "ingest", str(batch), "--async", "--no-progress"]
                subprocess.run(cmd, cwd=ROOT, env=env, check=True, capture_output=True, timeout=args.seconds)
                outcome["submitted_in"] = time.monotonic() - t0
                outcome["counts"] = wait_for_jobs(args.articles, t0 + args.seconds, procs)
                outcome["took"] = time.monotonic() - t0
            except Exception as exc:
                outcome["error"] = exc
            finally:
                finished.set()

        print(f"load: the same clients while {args.articles} articles are ingested by 2 Celery workers")
        started = time.monotonic()
        feeder = threading.Thread(target=ingest, daemon=True)
        feeder.start()
        run_clients(run, "ingestion", users, data, finished, args)
        durations["ingestion"] = time.monotonic() - started
        feeder.join()
        if "error" in outcome:
            raise RuntimeError(f"ingestion failed: {outcome['error']}")
        connections.close_all()

        print(f"load average after: {load_average()}")
        print_latencies(run, durations)
        took = float(outcome["took"])  # type: ignore[arg-type]
        rate = args.articles / took
        print(f"\ningestion: {args.articles} articles queued in {outcome['submitted_in']:.1f} s, all finished in "
              f"{took:.1f} s -> {rate:.1f} articles/s with 2 workers under load (engine alone, one process, no "
              f"load: {rate_alone:.1f}/s; ratio {rate / rate_alone:.2f}); jobs {outcome['counts']}")  # fmt: skip

        answered = [s for _, _, s, _ in run.samples]
        verdicts = {
            "zero 5xx / dropped connections": [
                f"{n} x {s}" for s, n in Counter(answered).items() if s >= 500 or s == 0
            ],
            "no unexpected 4xx": unexpected_client_errors(run),
            "every client alive to the end": run.client_problems,
            "at least one accepted review per editor": editors_without_a_review(run, users),
            "no lost review": check_reviews(run, data),
            "no duplicate article": check_duplicates(texts, DESK_ARTICLES),
            "no half-ingested article": check_articles(texts, args.verify_sample),
        }
        print(f"\n{len(run.samples)} requests, {len(run.accepted)} reviews accepted "
              f"({sum(1 for _, k, s, _ in run.samples if s in (409, 412))} refused as stale)")  # fmt: skip
        for name, problems in verdicts.items():
            print(f"{'PASS' if not problems else 'FAIL'}  {name}" + "".join(f"\n      {p}" for p in problems[:10]))
        return 0 if not any(verdicts.values()) else 1
    except KeyboardInterrupt:
        print("interrupted: stopping everything", file=sys.stderr)
        return 130
    finally:
        procs.stop_all()
        (workdir / "articles.jsonl").unlink(missing_ok=True)  # corpus texts are not kept anywhere
        with contextlib.suppress(Exception):
            from django.db import connections

            connections.close_all()
        with contextlib.suppress(Exception):
            flush_redis()
        admin_sql(admin_url, f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
        print(f"(logs: {workdir})")


if __name__ == "__main__":
    sys.exit(main())
