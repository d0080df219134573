"""Fetching: a slow server cannot hold a worker past the total deadline; every private-address spelling is refused."""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from newsclaims.ingestion.errors import IngestionError
from newsclaims.ingestion.fetch import address_allowed, fetch_url

HEADERS = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: 100000\r\n\r\n"
DRIP_FOR = 8.0  # seconds the server keeps dripping at most, so a broken client cannot hang the test run


def _drip(server: socket.socket, payload: bytes, stop: threading.Event) -> None:
    server.settimeout(DRIP_FOR)
    try:
        conn, _ = server.accept()
    except OSError:
        return
    with conn:
        try:
            conn.recv(4096)
        except OSError:
            return
        ends = time.monotonic() + DRIP_FOR
        for i in range(len(payload)):
            if stop.is_set() or time.monotonic() > ends:
                return
            try:
                conn.sendall(payload[i : i + 1])
            except OSError:  # the client gave up: what we want
                return
            time.sleep(0.02)  # about 50 bytes a second, each read of the client succeeds


@pytest.fixture
def drip_server(settings: Any) -> Iterator[Callable[[bytes], str]]:
    settings.NEWSCLAIMS_FETCH_ALLOW_PRIVATE = True  # the test server is on loopback
    started: list[tuple[threading.Thread, socket.socket]] = []
    stop = threading.Event()

    def serve(payload: bytes) -> str:
        server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        thread = threading.Thread(target=_drip, args=(server, payload, stop), daemon=True)
        thread.start()
        started.append((thread, server))
        return f"http://127.0.0.1:{server.getsockname()[1]}/article"

    yield serve
    stop.set()
    for thread, server in started:
        thread.join(timeout=DRIP_FOR + 1)
        server.close()


@pytest.mark.parametrize(
    "payload",
    [HEADERS + b"<html><body><p>" + b"word " * 2000, HEADERS * 50],
    ids=["slow-body", "slow-headers"],
)
def test_a_slow_drip_server_is_cut_off_at_the_total_deadline(drip_server, payload):
    url = drip_server(payload)
    began = time.monotonic()
    with pytest.raises(IngestionError, match="did not answer within 1 seconds"):
        fetch_url(url, timeout=1)
    assert time.monotonic() - began < 2.5


@pytest.mark.parametrize(
    "address",
    [
        "64:ff9b::7f00:1",  # NAT64 of 127.0.0.1
        "64:ff9b::a00:1",  # NAT64 of 10.0.0.1
        "2002:7f00:1::1",  # 6to4 of 127.0.0.1
        "2002:a9fe:a9fe::1",  # 6to4 of 169.254.169.254 (cloud metadata)
        "fec0:0:0:1::10",
        "64:ff9b:1::a00:1",  # local-use NAT64
        "::127.0.0.1",  # IPv4-compatible, deprecated
        "::10.1.2.3",
        "::ffff:169.254.169.254",  # IPv4-mapped
        "fec0::1",  # site-local, deprecated
        "192.0.0.8",  # IETF protocol assignments
        "192.0.0.170",
        "2001::1",  # Teredo
    ],
)
def test_every_private_address_spelling_is_refused(address):
    assert not address_allowed(ipaddress.ip_address(address))


@pytest.mark.parametrize(
    "address",
    [
        "93.184.216.34",
        "2606:2800:220:1:248:1893:25c8:1946",
        "64:ff9b::808:808",  # NAT64 of a public address: how IPv6-only networks reach IPv4 sites
        "2002:808:808::1",  # 6to4 of a public address
    ],
)
def test_public_addresses_stay_allowed(address):
    assert address_allowed(ipaddress.ip_address(address))


@pytest.mark.parametrize("host", ["[64:ff9b::7f00:1]", "[2002:7f00:1::1]", "[::127.0.0.1]", "[fec0::1]", "192.0.0.8"])
def test_fetch_refuses_a_wrapped_private_address_before_connecting(host, settings):
    settings.NEWSCLAIMS_FETCH_ALLOW_PRIVATE = False
    with pytest.raises(IngestionError, match="private, loopback or link-local network; refused"):
        fetch_url(f"http://{host}/article", timeout=1)


def test_ingestion_tasks_run_under_soft_and_hard_time_limits(settings):
    from config.celery import app

    assert 0 < settings.CELERY_TASK_SOFT_TIME_LIMIT < settings.CELERY_TASK_TIME_LIMIT
    assert app.conf.task_soft_time_limit == settings.CELERY_TASK_SOFT_TIME_LIMIT
    assert app.conf.task_time_limit == settings.CELERY_TASK_TIME_LIMIT


def test_a_soft_time_limit_becomes_a_clear_job_error(settings):
    from celery.exceptions import SoftTimeLimitExceeded

    from newsclaims.ingestion.timelimits import time_limit_error

    settings.CELERY_TASK_SOFT_TIME_LIMIT = 90
    message = time_limit_error(SoftTimeLimitExceeded())
    assert message is not None and "Stopped after 90 seconds" in message
    assert time_limit_error(ValueError("other")) is None
