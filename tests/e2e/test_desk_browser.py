"""Work shared by a desk (issue 14) in Chromium: assigning work, My queue, and the second check.

Every sentence and name here is invented.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from newsclaims.claims.models import Claim
from tests.e2e.conftest import htmx_settled, shot
from tests.factories import ArticleFactory, UserFactory, make_claim

pytestmark = [pytest.mark.services, pytest.mark.slow]

TEXT = (
    "The orchard cooperative met on Friday. "
    "Mira Volk said the apple harvest would double this year. "
    "Oskar Lind told growers the new press would open in August. "
    "Prices will fall, a trader added."
)
OTHER = "Lake wardens counted the swans. Ida Brandt said the lake had never been so clean."


@pytest.fixture
def orchard(transactional_db):
    article = ArticleFactory(text=TEXT, title="Orchard harvest", outlet="Valley Courier")
    harvest = make_claim(article, content="the apple harvest would double this year", speaker_text="Mira Volk")
    press = make_claim(article, content="the new press would open in August", speaker_text="Oskar Lind")
    lake = ArticleFactory(text=OTHER, title="Clean lake", outlet="Valley Courier")
    swans = make_claim(lake, content="the lake had never been so clean", speaker_text="Ida Brandt")
    make_claim(lake, content="Lake wardens counted the swans", speaker_text="Lake wardens")  # nobody's
    return {"article": article, "harvest": harvest, "press": press, "lake": lake, "swans": swans}


def test_assigning_an_article_and_a_claim_fills_the_editors_queue(signed_in, orchard):
    lead = UserFactory(editor=True, username="desk_lead")
    reporter = UserFactory(editor=True, username="ana_checker")
    page = signed_in(lead)

    page.goto(f"/articles/{orchard['article'].pk}/")
    page.evaluate("window.__noReload = 'still here'")
    page.get_by_label("Assign the article to").select_option(label="ana_checker")
    page.get_by_role("button", name="Assign the article").click()
    expect(page.locator("[data-article-assignee]")).to_contain_text("ana_checker")
    assert page.evaluate("window.__noReload") == "still here"  # htmx, not a reload

    swans = orchard["swans"]
    page.goto(f"/claims/{swans.pk}/")
    page.get_by_label("Assign this claim to").select_option(label="ana_checker")
    page.get_by_role("button", name="Assign", exact=True).click()
    expect(page.locator(f"#desk-{swans.pk} [data-assignee]")).to_contain_text("ana_checker")
    # the history beside it shows who assigned it to whom, without a reload
    expect(page.locator(f"#history-{swans.pk} tr", has_text="Assignment: editor")).to_contain_text("desk_lead")
    expect(page.locator(f"#history-{swans.pk}")).to_contain_text("ana_checker")

    mine = signed_in(reporter)
    nav = mine.get_by_role("navigation", name="Main")
    nav.get_by_role("link", name="My queue").click()
    mine.wait_for_url("**/review/?assignee=me")
    expect(mine.get_by_role("heading", level=1)).to_have_text("My queue")
    expect(nav.get_by_role("link", name="My queue")).to_have_attribute("aria-current", "page")
    expect(nav.get_by_role("link", name="Review queue")).not_to_have_attribute("aria-current", "page")
    rows = mine.locator("tr[id^=row-]")
    expect(rows).to_have_count(3)
    listed = {int(r.get_attribute("id").removeprefix("row-")) for r in rows.all()}
    assert listed == {orchard["harvest"].pk, orchard["press"].pk, swans.pk}
    expect(mine.get_by_label("Assigned to")).to_have_value("me")
    # the queue's other filters keep the assignment: the form carries it along
    mine.get_by_role("button", name="Filter").click()
    htmx_settled(mine)
    expect(mine.locator("tr[id^=row-]")).to_have_count(3)
    assert "assignee=me" in mine.url

    # the dashboard shows, per editor, what is assigned and what is done
    Claim.objects.filter(pk=swans.pk).update(attribution_status="confirmed")
    mine.goto("/")
    row = mine.locator('tr[data-editor="ana_checker"]')
    expect(row.locator("td").nth(0)).to_have_text("3")
    expect(row.locator("td").nth(1)).to_have_text("1")
    expect(row.locator("td").nth(2)).to_have_text("2")
    shot(mine, "desk-dashboard")


def test_second_check_needs_a_different_editor_and_the_history_shows_both(signed_in, orchard):
    chief = UserFactory(is_staff=True, username="chief_editor")
    first = UserFactory(editor=True, username="editor_a")
    second = UserFactory(editor=True, username="editor_b")
    claim = orchard["harvest"]

    admin = signed_in(chief)
    admin.get_by_role("navigation", name="Main").get_by_role("link", name="Desk", exact=True).click()
    admin.get_by_role("checkbox", name="Second check").check()
    admin.get_by_role("button", name="Save").click()
    expect(admin.locator("[data-second-check-setting]")).to_have_attribute("data-second-check-setting", "on")

    a = signed_in(first)
    a.goto(f"/claims/{claim.pk}/")
    expect(a.locator(f"#desk-{claim.pk} [data-second-check]")).to_have_attribute("data-second-check", "not_ready")
    a.get_by_label("Confirmed").check()
    a.get_by_label("Verdict").select_option("mostly_true")
    a.get_by_role("button", name="Save review").click()
    # the desk section reloads itself after the save: A's own review waits, and A gets no approve button
    waiting = a.locator(f'#desk-{claim.pk} [data-second-check="waiting"]')
    expect(waiting).to_contain_text("Reviewed by editor_a")
    expect(a.locator(f"#desk-{claim.pk}")).to_contain_text("another editor approves it")
    expect(a.get_by_role("button", name="Approve and publish")).to_have_count(0)
    claim.refresh_from_db()
    assert claim.attribution_status == "confirmed" and claim.approved_by is None

    b = signed_in(second)
    b.goto("/desk/")
    waiting_list = b.locator("[data-waiting]")
    expect(waiting_list.locator(f'tr[data-claim="{claim.pk}"]')).to_contain_text("editor_a")
    waiting_list.get_by_role("link", name="the apple harvest would double this year").click()
    b.wait_for_url(f"**/claims/{claim.pk}/")
    b.get_by_role("button", name="Approve and publish").click()
    expect(b.locator(f'#desk-{claim.pk} [data-second-check="approved"]')).to_contain_text("approved by editor_b")
    history = b.locator(f"#history-{claim.pk}")
    expect(history.locator("tr", has_text="Second check: approved")).to_contain_text("editor_b")
    expect(history.locator("tr", has_text="Review: attribution")).to_contain_text("editor_a")
    claim.refresh_from_db()
    assert claim.approved_by == second
    shot(b, "desk-second-check")

    # published now: the public fact-check page answers
    response = b.request.get(f"/fact-checks/{claim.pk}/")
    assert response.status == 200

    # A's claim page says it is done and still offers A nothing to approve
    a.reload()
    expect(a.locator(f'#desk-{claim.pk} [data-second-check="approved"]')).to_be_visible()
    expect(a.get_by_role("button", name="Approve and publish")).to_have_count(0)
