"""Phones and small screens (issue 14) in Chromium: at 375 px no page scrolls sideways, nothing logs an error,
queue rows are cards with their actions in reach, the claim panel opens as a sheet in view.

Every sentence and name here is invented.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable

import pytest
from playwright.sync_api import ConsoleMessage, Page

from newsclaims.claims import services
from tests.e2e.conftest import ROOT, log_in, shot
from tests.factories import ArticleFactory, UserFactory, make_claim

pytestmark = [pytest.mark.services, pytest.mark.slow]

TEXT = (
    "The river authority met on Thursday. "
    "Marta Lindqvist-Okonkwo said the embankment repairs would finish before the autumn storms. "
    "Deputy harbour commissioner Bartholomew Featherstonehaugh told reporters the levy would not rise. "
    "The full plan is at https://example.org/river-authority/embankment-repairs/2026/plan-and-costings-final.pdf "
    "and nobody has challenged it yet, a spokesperson added."
)
DOCS = ROOT / "static" / "docs"
# Tests never rewrite tracked files: the README's copies in static/docs/ are refreshed only on request.
REFRESH_DOCS = os.environ.get("NEWSCLAIMS_REFRESH_DOCS_SCREENSHOTS") == "1"
NO_SIDEWAYS_SCROLL = "document.scrollingElement.scrollWidth <= window.innerWidth"


@pytest.fixture
def phone(new_page, live_server) -> tuple[Callable[..., Page], list[str]]:
    """A signed-in page at 375 px with touch, and every console error and uncaught exception it logs
    (a blocked inline style, a failed request such as a missing favicon, a script error)."""
    errors: list[str] = []

    def on_console(page: Page, message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(f"{page.url}: {message.text}")

    def open_as(user, width: int = 375) -> Page:
        page = new_page(width=width, height=740, has_touch=True)
        page.on("console", lambda m, page=page: on_console(page, m))
        page.on("pageerror", lambda e, page=page: errors.append(f"{page.url}: {e}"))
        log_in(page, live_server.url, user)
        return page

    return open_as, errors


@pytest.fixture
def river(transactional_db):
    article = ArticleFactory(
        text=TEXT, title="Embankment repairs to finish before the autumn storms, river authority says",
        outlet="The Riverside Gazette and Evening Chronicle",
    )  # fmt: skip
    marta = services.speaker_create(name="Marta Lindqvist-Okonkwo", description="river authority chair")
    bart = services.speaker_create(name="Bartholomew Featherstonehaugh", description="deputy harbour commissioner")
    first = make_claim(article, content="the embankment repairs would finish before the autumn storms",
                       speaker_text="Marta Lindqvist-Okonkwo", speaker=marta, speaker_name=marta.name,
                       confidence=0.3)  # fmt: skip
    second = make_claim(article, content="the levy would not rise", speaker_text="Bartholomew Featherstonehaugh",
                        speaker=bart, speaker_name=bart.name, confidence=0.4)  # fmt: skip
    return {"article": article, "first": first, "second": second, "marta": marta}


def docs_shot(page: Page, name: str) -> None:
    path = shot(page, name, full_page=False)
    if REFRESH_DOCS:
        shutil.copy(path, DOCS / f"{name}.png")


def no_sideways_scroll(page: Page) -> bool:
    return bool(page.evaluate(NO_SIDEWAYS_SCROLL))


def wider_than_the_screen(page: Page) -> list[str]:
    """The elements sticking out to the right (for the failure message)."""
    return page.evaluate(
        """() => [...document.querySelectorAll("body *")]
            .filter(el => el.getBoundingClientRect().right > window.innerWidth + 0.5)
            .slice(0, 8)
            .map(el => el.tagName + "." + el.className + " " + Math.round(el.getBoundingClientRect().right))"""
    )


def test_every_page_fits_375_px_without_sideways_scroll_or_console_errors(phone, river):
    open_as, errors = phone
    editor = UserFactory(editor=True)
    first = river["first"]
    services.claim_review(claim=first, actor=editor, expected_version=1, attribution_status="confirmed", rating="false")
    page = open_as(editor)
    overflowing, small = {}, {}
    for url in [
        "/",
        "/review/",
        "/review/?status=any",
        "/articles/",
        "/articles/new/",
        f"/articles/{river['article'].pk}/",
        f"/articles/{river['article'].pk}/?claim={first.pk}",
        f"/claims/{first.pk}/",
        f"/speakers/{river['marta'].pk}/",
        "/search/?q=embankment",
    ]:
        page.goto(url)
        page.wait_for_load_state("networkidle")
        if not no_sideways_scroll(page):
            overflowing[url] = wider_than_the_screen(page)
        if targets := small_targets(page, "body"):
            small[url] = targets
    assert not overflowing, "\n".join(f"{url}: {els}" for url, els in overflowing.items())
    assert not small, "\n".join(f"{url}: {els}" for url, els in small.items())
    assert errors == []


def small_targets(page: Page, scope: str) -> list[str]:
    """Visible buttons, links styled as buttons, fields and checkboxes (or their labels) in ``scope`` less than
    44 px tall or wide."""
    return page.evaluate(
        """(scope) => [...document.querySelectorAll(scope)].flatMap(root => [...root.querySelectorAll(
              "button, .button, select, input:not([type=hidden]), header.site a")])
            .filter(el => el.offsetParent !== null)
            .map(el => el.matches("[type=checkbox], [type=radio]") ? el.closest("label") || el : el)
            .filter(el => { const r = el.getBoundingClientRect(); return r.height < 44 || r.width < 44; })
            .map(el => { const r = el.getBoundingClientRect(), what = (el.textContent || el.name || "").trim();
                 return `${el.tagName} ${what.slice(0, 30)} ${r.width}x${r.height}`; })""",
        scope,
    )


def test_queue_rows_are_cards_with_their_actions_in_view_and_44_px_targets(phone, river):
    open_as, errors = phone
    page = open_as(UserFactory(editor=True))
    page.goto("/review/")
    row = page.locator(f"#row-{river['first'].pk}")
    confirm = row.get_by_role("button", name="Confirm")
    box, card = confirm.bounding_box(), row.bounding_box()
    assert box and card and card["width"] <= 375 and box["x"] + box["width"] <= 375
    assert small_targets(page, "header.site, #queue-results .queue, .filters") == []
    assert page.locator("input[data-select-all]").is_visible()
    shot(page, "queue-375-cards")
    # a quick action swaps the card in place (htmx) without a console error
    confirm.click()
    page.locator(f"#row-{river['first'].pk} .status-confirmed").wait_for()
    assert no_sideways_scroll(page)
    assert errors == []


def test_a_tapped_statement_opens_its_claim_as_a_sheet_in_view(phone, river):
    open_as, errors = phone
    page = open_as(UserFactory(editor=True))
    page.goto(f"/articles/{river['article'].pk}/")
    second = river["second"]
    page.locator(f'#article-text a.hl[data-claim="{second.pk}"]').first.tap()
    page.locator(f'#panel .claim-panel[data-claim="{second.pk}"]').wait_for()
    # the sheet comes up to the top of the screen, its title in view
    page.wait_for_function("() => Math.abs(document.getElementById('panel').getBoundingClientRect().top) < 16")
    title = page.locator(f"#claim-title-{second.pk}").bounding_box()
    assert title and title["y"] >= 0 and title["y"] + title["height"] <= 740
    assert no_sideways_scroll(page)
    assert small_targets(page, "#panel .review") == []
    shot(page, "claim-sheet-375", full_page=False)
    assert errors == []


def test_readme_screenshots_of_the_queue_at_1280_and_375_px(phone, river):
    open_as, errors = phone
    for width, name in [(1280, "queue-1280"), (375, "queue-375")]:
        page = open_as(UserFactory(editor=True), width=width)
        page.goto("/review/")
        page.locator(f"#row-{river['first'].pk}").wait_for()
        assert no_sideways_scroll(page)
        docs_shot(page, name)
    assert errors == []


def test_filters_fold_on_a_phone_saying_how_many_are_set_and_show_on_a_wide_screen(phone, river):
    open_as, errors = phone
    page = open_as(UserFactory(editor=True))
    page.goto("/review/?min_confidence=0.2&max_confidence=0.5")
    fold = page.locator("details[data-fold-small]")
    assert fold.evaluate("d => d.open") is False
    assert page.locator("details[data-fold-small] > summary").inner_text() == "Filters · 2 active"
    # the first claim card is on the first screen
    card = page.locator(f"#row-{river['first'].pk}").bounding_box()
    assert card and card["y"] < 740
    page.locator("details[data-fold-small] > summary").tap()
    assert page.locator("#id_rating").is_visible()
    wide = open_as(UserFactory(editor=True), width=1280)
    wide.goto("/review/")
    assert wide.locator("#id_rating").is_visible()
    assert not wide.locator("details[data-fold-small] > summary").is_visible()
    assert errors == []
