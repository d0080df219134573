"""Fault injection helpers: real unreachable brokers, our own Redis servers, worker processes.

The worker helpers come from tests/ingestion/test_worker.py (``workers``, ``kill``, ``wait_for``). Here ``broker``
is a redis-server of the test's own rather than db 15 of the shared one: another test run on the same machine
(which empties db 15 and runs its own workers on it) cannot take or drop this test's messages.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from config.celery import app
from newsclaims.ingestion import jobs
from tests.ingestion.test_worker import _reset_producer, kill, wait_for, workers  # noqa: F401
from tests.requires import need, need_postgres

SEED = Path(__file__).resolve().parents[2] / "seeds" / "seed-000.txt"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def seed_variants(count: int) -> list[str]:
    """Distinct articles with the seed's statements: paragraphs rotated, an edition line added."""
    paragraphs = [p for p in SEED.read_text(encoding="utf-8").split("\n") if p.strip()]
    texts = []
    for n in range(count):
        k = n % len(paragraphs)
        texts.append("\n".join([f"Edition {n} of the morning report.", *paragraphs[k:], *paragraphs[:k]]))
    return texts


def point_broker_at(url: str) -> None:
    """This process publishes to ``url`` from now on (no in-process tasks), with no memory of earlier failures."""
    _reset_producer()
    app.conf.broker_url, app.conf.task_always_eager = url, False
    jobs._broker_down_until.clear()


@pytest.fixture
def broker_down(transactional_db) -> Iterator[str]:
    """A broker URL on a local port where nothing listens: connections are refused, as with Redis stopped.

    transactional_db: the submit hands the job over on commit, which with the ``db`` fixture would never come.
    """
    url = f"redis://127.0.0.1:{free_port()}/0"
    saved = (app.conf.broker_url, app.conf.task_always_eager)
    point_broker_at(url)
    yield url
    app.conf.broker_url, app.conf.task_always_eager = saved
    _reset_producer()
    jobs._broker_down_until.clear()


@pytest.fixture
def silent_broker(broker_down) -> Iterator[list[socket.socket]]:
    """A broker that accepts connections and never answers (a hung Redis, a black-holed network path).

    Yields the list of connections it has accepted, so a test can see whether a submission tried it."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    url = f"redis://127.0.0.1:{listener.getsockname()[1]}/0"
    point_broker_at(url)
    yield accepted
    stop.set()
    thread.join(timeout=5)
    for sock in accepted:
        sock.close()
    listener.close()


class RedisServer:
    """Our own redis-server on a given port, so a test can bring "the broker" back (or down) at will."""

    def __init__(self, port: int, workdir: Path) -> None:
        self.port, self.workdir = port, workdir
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.proc = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.workdir)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return
            except OSError:
                time.sleep(0.05)
        raise AssertionError(f"redis-server did not start on port {self.port}")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)


def need_redis_server() -> None:
    need(shutil.which("redis-server") is not None, "needs the redis-server program (apt-get install redis-server)")


@pytest.fixture
def own_redis(broker_down, tmp_path) -> Iterator[RedisServer]:
    """A redis-server for the port ``broker_down`` points at, not started yet."""
    need_redis_server()
    server = RedisServer(int(broker_down.rsplit(":", 1)[1].split("/")[0]), tmp_path)
    yield server
    server.stop()


@pytest.fixture
def broker(transactional_db, tmp_path) -> Iterator[str]:
    """For ``workers``: a running redis-server of this test's own, which this process publishes to."""
    need_postgres("the worker process needs the shared PostgreSQL test database")
    need_redis_server()
    server = RedisServer(free_port(), tmp_path)
    server.start()
    url = f"redis://127.0.0.1:{server.port}/0"
    saved = (app.conf.broker_url, app.conf.task_always_eager)
    point_broker_at(url)
    yield url
    app.conf.broker_url, app.conf.task_always_eager = saved
    _reset_producer()
    server.stop()
