"""Browser tests: headless Chromium (Playwright) against pytest-django's live server."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from the test
# body are still plain synchronous calls.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
SEED = ROOT / "seeds" / "seed-000.txt"


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from tests.requires import need_chromium

    executable = need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=executable,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            headless=True,
        )
        yield browser
        browser.close()


@pytest.fixture
def signed_in(browser, live_server) -> Iterator[Callable[..., object]]:
    """A new browser context logged in through the login form as ``user``."""
    contexts = []
    csp_violations: list[str] = []

    def open_as(user, password: str = "pw-for-tests"):
        context = browser.new_context(base_url=live_server.url, viewport={"width": 1440, "height": 960})
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        # The pages run under script-src/style-src 'self': anything inline would be blocked and logged.
        page.on(
            "console",
            lambda m, page=page: (
                csp_violations.append(f"{page.url}: {m.text}") if "Content Security Policy" in m.text else None
            ),
        )
        page.goto("/accounts/login/")
        page.get_by_label("Username").fill(user.username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url(f"{live_server.url}/")
        return page

    yield open_as
    for context in contexts:
        context.close()
    assert csp_violations == []


@pytest.fixture
def seed_article(transactional_db):
    """seeds/seed-000.txt stored through the ingestion service (engine included)."""
    from newsclaims.ingestion.pipeline import article_ingest

    text = SEED.read_text(encoding="utf-8")
    return article_ingest(text=text, title=text.splitlines()[0][:80], outlet="Seed Wire").article


def shot(page, name: str, *, full_page: bool = True) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    # caret="initial": hiding the caret injects a style element, which the CSP rightly blocks.
    page.screenshot(path=str(path), full_page=full_page, caret="initial")
    return path
