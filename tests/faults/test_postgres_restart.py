"""PostgreSQL restarted under a running app: 503 with a message while it is away, 200 again without a restart.

The app runs under gunicorn (2 workers, persistent database connections as in production) on the pytest-django
test database; a client thread requests an API list and an article page non-stop while the test restarts the
cluster (pg_ctlcluster, fast mode: every open connection is cut) and then stops it for a few seconds.
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import signal
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, connections
from django.test import Client

from newsclaims.api.tokens import api_token_issue
from newsclaims.claims.models import Note
from newsclaims.middleware import UNAVAILABLE
from tests.factories import ArticleFactory, UserFactory, make_claim
from tests.faults.conftest import free_port
from tests.requires import need, need_postgres

pytestmark = [pytest.mark.services, pytest.mark.slow]
GUNICORN = Path(settings.BASE_DIR) / ".venv" / "bin" / "gunicorn"


@dataclass(frozen=True)
class Cluster:
    version: str
    name: str
    port: int

    def ctl(self, action: str) -> None:
        subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", self.version, self.name, action],
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip

    def ready(self) -> bool:
        probe = ["pg_isready", "-q", "-h", "127.0.0.1", "-p", str(self.port)]
        return subprocess.run(probe, check=False, timeout=30).returncode == 0

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while not self.ready():
            if time.monotonic() > deadline:
                raise AssertionError(f"PostgreSQL {self.version}/{self.name} is not accepting connections")
            time.sleep(0.2)


@pytest.fixture
def cluster(transactional_db) -> Iterator[Cluster]:
    """The local cluster serving the test database; started again at teardown whatever happened."""
    need_postgres("restarts the PostgreSQL server")
    db = connection.settings_dict
    need(db["HOST"] in ("", "127.0.0.1", "localhost", "::1"), "restarts a local PostgreSQL server only")
    need(shutil.which("pg_ctlcluster") is not None, "needs pg_ctlcluster (Debian postgresql-common)")
    need(os.geteuid() == 0, "pg_ctlcluster needs root here")
    port = int(db["PORT"] or 5432)
    listing = subprocess.run(["pg_lsclusters", "-h"], check=True, capture_output=True, text=True).stdout
    found = [line.split()[:3] for line in listing.splitlines() if line.split()[2:3] == [str(port)]]
    need(bool(found), f"no pg_ctlcluster cluster listens on port {port}")
    version, name, _ = found[0]
    server = Cluster(version, name, port)
    yield server
    if not server.ready():
        server.ctl("start")
    server.wait_ready()
    connections.close_all()  # this process's connection died with the server; the flush after the test reconnects


@dataclass(frozen=True)
class AppServer:
    port: int
    log: Path


@pytest.fixture
def app_server(cluster, tmp_path) -> Iterator[AppServer]:
    """gunicorn serving the app on the test database; stopped at teardown (its log printed for failures)."""
    db = connection.settings_dict
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{cluster.port}/{db['NAME']}",
        "DATABASE_CONN_MAX_AGE": "60",
        "NEWSCLAIMS_THROTTLE_USER": "1000000/minute",
        "LOG_LEVEL": "WARNING",
    }
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    log = tmp_path / "gunicorn.log"
    output = (tmp_path / "app.log").open("wb")  # what the app logs (Django's console handler)
    proc = subprocess.Popen(
        [str(GUNICORN), "config.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2", "--timeout", "60",
         "--log-level", "info", "--error-logfile", str(log)],
        cwd=settings.BASE_DIR, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while get(port, "/api/v1/health/").status != 200:
            assert proc.poll() is None and time.monotonic() < deadline, log.read_text(errors="replace")[-3000:]
            time.sleep(0.2)
        yield AppServer(port, log)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)
        output.close()
        print(f"--- gunicorn log\n{log.read_text(errors='replace')[-3000:]}")
        print(f"--- app log\n{(tmp_path / 'app.log').read_text(errors='replace')[-6000:]}")


@dataclass(frozen=True)
class Answer:
    at: float
    path: str
    status: int  # 0: no HTTP answer at all (connection refused, reset, timeout)
    content_type: str = ""
    body: str = ""


def get(port: int, path: str, headers: dict[str, str] | None = None, body: str | None = None) -> Answer:
    """GET, or POST when there is a body (JSON)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        if body is None:
            conn.request("GET", path, headers=headers or {})
        else:
            conn.request(
                "POST", path, body=body.encode(), headers={**(headers or {}), "Content-Type": "application/json"}
            )
        response = conn.getresponse()
        body = response.read().decode("utf-8", errors="replace")
        return Answer(time.monotonic(), path, response.status, response.getheader("Content-Type", ""), body)
    except (OSError, http.client.HTTPException) as exc:
        return Answer(time.monotonic(), path, 0, body=f"{type(exc).__name__}: {exc}")
    finally:
        conn.close()


class Traffic:
    """One client thread asking for the API list and an article page, and adding a note, until stopped."""

    def __init__(self, port: int, requests: list[tuple[str, dict[str, str]]], note_path: str, token: str) -> None:
        self.port, self.requests = port, requests
        self.note_path, self.note_headers = note_path, {"Authorization": f"Token {token}"}
        self.answers: list[Answer] = []
        self.notes: dict[str, int] = {}  # body -> status of its POST
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self) -> None:
        while not self.stop.is_set():
            for path, headers in self.requests:
                self.answers.append(get(self.port, path, headers))
            body = f"note {len(self.notes)}"
            answer = get(self.port, self.note_path, self.note_headers, json.dumps({"body": body}))
            self.notes[body] = answer.status
            self.answers.append(answer)
            time.sleep(0.02)

    def between(self, start: float, end: float) -> list[Answer]:
        return [a for a in self.answers if start <= a.at <= end]


def assert_200_or_clean_503(answer: Answer) -> None:
    assert answer.status in (200, 201, 503), f"{answer.path}: {answer.status} {answer.body[:500]}"
    assert "Traceback" not in answer.body
    if answer.status == 503:
        if answer.path.startswith("/api/"):
            assert answer.content_type == "application/json"
            assert UNAVAILABLE in answer.body and '"status": 503' in answer.body.replace('":503', '": 503')
        else:
            assert answer.content_type.startswith("text/html") and UNAVAILABLE in answer.body


def test_app_answers_503_while_postgres_restarts_and_recovers_without_a_restart(cluster, app_server):
    server = app_server
    reader, editor = UserFactory(), UserFactory(editor=True)
    article = ArticleFactory()
    claim = make_claim(article)
    token = api_token_issue(user=reader)
    browser = Client()
    browser.force_login(reader)
    session = browser.cookies[settings.SESSION_COOKIE_NAME].value
    traffic = Traffic(
        server.port,
        [
            ("/api/v1/claims/", {"Authorization": f"Token {token}"}),
            (f"/articles/{article.pk}/", {"Cookie": f"{settings.SESSION_COOKIE_NAME}={session}"}),
        ],
        f"/api/v1/claims/{claim.pk}/notes/",
        api_token_issue(user=editor),
    )
    traffic.thread.start()
    try:
        time.sleep(1)
        cluster.ctl("restart")  # fast shutdown: the workers' persistent connections are cut
        restarted = time.monotonic()
        time.sleep(1.5)
        cluster.ctl("stop")  # and a few seconds with no server at all
        stopped = time.monotonic()
        time.sleep(3)
        cluster.ctl("start")
        started = time.monotonic()
        cluster.wait_ready()
        time.sleep(3)
    finally:
        traffic.stop.set()
        traffic.thread.join(timeout=60)

    answers = traffic.answers
    assert len(answers) > 50
    for answer in answers:
        assert_200_or_clean_503(answer)
    while_down = traffic.between(stopped + 0.2, started - 0.2)
    paths = {p for p, _ in traffic.requests} | {traffic.note_path}
    assert {a.path for a in while_down if a.status == 503} == paths
    after = traffic.between(started + 2, float("inf"))
    assert after and all(a.status in (200, 201) for a in after), [(a.path, a.status) for a in after if a.status >= 300]
    assert {a.path for a in traffic.between(restarted, stopped) if a.status in (200, 201)} == paths  # restart alone
    # This process's own connection died with the server: drop it, and the next query reconnects.
    connection.close()
    cluster.wait_ready()
    # A note answered 201 is stored; one answered 503 is not.
    stored = set(Note.objects.values_list("body", flat=True))
    assert stored == {body for body, status in traffic.notes.items() if status == 201}
    assert any(claim.content_text in a.body for a in after if a.path.startswith("/api/"))
    log = server.log.read_text(errors="replace")
    assert log.count("Booting worker") == 2, "a gunicorn worker died and was replaced"
    codes = Counter(("note" if a.path.endswith("/notes/") else a.path.split("/")[1], a.status) for a in answers)
    print(f"answers by (area, status): {dict(codes)}")
