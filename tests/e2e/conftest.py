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


def log_in(page, home: str, user, password: str = "pw-for-tests") -> None:
    """Through the login form, as a person would; returns once the home page (``home``) is reached."""
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{home}/")


@pytest.fixture
def new_page(browser, live_server) -> Iterator[Callable[..., object]]:
    """A page in a new browser context on the live server (closed after the test), at the given viewport."""
    contexts = []

    def open_page(*, width: int = 1440, height: int = 960, has_touch: bool = False):
        viewport = {"width": width, "height": height}
        context = browser.new_context(base_url=live_server.url, viewport=viewport, has_touch=has_touch)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def signed_in(new_page, live_server) -> Iterator[Callable[..., object]]:
    """A new browser context logged in through the login form as ``user`` (viewport as in ``new_page``)."""
    csp_violations: list[str] = []

    def open_as(user, password: str = "pw-for-tests", **viewport):
        page = new_page(**viewport)
        # The pages run under script-src/style-src 'self': anything inline would be blocked and logged.
        page.on(
            "console",
            lambda m, page=page: (
                csp_violations.append(f"{page.url}: {m.text}") if "Content Security Policy" in m.text else None
            ),
        )
        log_in(page, live_server.url, user, password)
        return page

    yield open_as
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


def htmx_settled(page) -> None:
    """Waits until no htmx request, swap or settle is under way on ``page``."""
    page.wait_for_function("() => !document.querySelector('.htmx-request, .htmx-settling, .htmx-swapping')")
