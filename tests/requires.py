"""Finding the real services a test needs: skip with the reason, or fail when CI requires them.

CI sets NEWSCLAIMS_REQUIRE_SERVICES=1 so that a missing service is a failure there, never a
silent skip; on a laptop without PostgreSQL, Redis or Chromium those tests skip and say why.
"""

from __future__ import annotations

import os
import shutil
import socket
from urllib.parse import urlparse

import pytest
from django.db import connection

REQUIRED = os.environ.get("NEWSCLAIMS_REQUIRE_SERVICES", "") not in ("", "0", "false")
REDIS_URL = os.environ.get("NEWSCLAIMS_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
CHROMIUM = os.environ.get("NEWSCLAIMS_CHROMIUM", "/usr/bin/chromium")


def need(condition: bool, reason: str) -> None:
    if condition:
        return
    if REQUIRED:
        pytest.fail(f"required service missing (NEWSCLAIMS_REQUIRE_SERVICES=1): {reason}")
    pytest.skip(reason)


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def need_postgres(why: str = "needs PostgreSQL") -> None:
    need(is_postgres(), f"{why}; set DATABASE_URL=postgres://… to run it")


def _port_open(url: str, default_port: int) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or default_port), timeout=1):
            return True
    except OSError:
        return False


def need_redis() -> str:
    need(_port_open(REDIS_URL, 6379), f"needs Redis at {REDIS_URL} (set NEWSCLAIMS_TEST_REDIS_URL)")
    return REDIS_URL


def need_chromium() -> str:
    try:
        import playwright  # noqa: F401
    except ImportError:
        need(False, "needs the playwright package (make install-dev)")
    need(
        shutil.which(CHROMIUM) is not None or os.path.exists(CHROMIUM),
        f"needs Chromium at {CHROMIUM} (apt-get install chromium)",
    )
    return CHROMIUM
