"""The editors' day in a real browser: highlights, keyboard review, notes, conflicts, adding articles."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from newsclaims.claims.models import Claim
from newsclaims.ingestion.models import IngestionJob
from tests.e2e.conftest import shot
from tests.factories import ArticleFactory, UserFactory, make_claim

pytestmark = [pytest.mark.services, pytest.mark.slow]


def test_seed_article_shows_putins_quotes_highlighted(signed_in, seed_article):
    putin = [c for c in seed_article.claims.all() if "Putin" in (c.speaker_name or c.speaker_text)]
    assert putin, "the engine found no statements by Putin in the seed article"
    page = signed_in(UserFactory(editor=True))
    page.goto(f"/articles/{seed_article.pk}/")
    for claim in putin:
        first = page.locator(f'#article-text a.hl[data-claim="{claim.pk}"]').first
        assert first.is_visible()
        assert first.get_attribute("href") == f"/claims/{claim.pk}/"
    quote = "We will talk about all issues, without haste"
    highlighted = page.locator("#article-text a.hl-content", has_text=quote)
    assert highlighted.count() >= 1
    assert page.locator(".legend-speakers").inner_text().count("Putin") >= 1
    # the rendered text is exactly the article text: offsets line up with the stored ones
    assert page.locator("#article-text").text_content() == seed_article.text
    # clicking a highlight opens its claim in the panel beside the article
    page.locator(f'#article-text a.hl[data-claim="{putin[0].pk}"]').first.click()
    page.locator(f'#panel .claim-panel[data-claim="{putin[0].pk}"]').wait_for()
    # test-artifacts/article-page.png; the README's copy in static/docs/ is refreshed by hand from it
    shot(page, "article-page", full_page=False)


def test_review_a_claim_with_keyboard_shortcuts_only(signed_in, transactional_db):
    article = ArticleFactory(outlet="Keyboard Times")
    first = make_claim(article, confidence=0.1)
    second = make_claim(article, content="We are on schedule", speaker_text="she", confidence=0.3, kind="direct")
    page = signed_in(UserFactory(editor=True))
    page.goto("/review/")
    shot(page, "queue")
    page.keyboard.press("j")
    assert page.locator(f"#row-{first.pk}").get_attribute("class").find("is-current") >= 0
    page.keyboard.press("c")
    page.locator(f"#row-{first.pk} .status-confirmed").wait_for()
    page.keyboard.press("2")
    page.locator(f"#row-{first.pk} .rating-mostly_true").wait_for()
    page.keyboard.press("j")
    page.keyboard.press("n")
    page.locator(f"#row-{second.pk} .status-not_a_claim").wait_for()
    page.keyboard.press("?")
    assert page.locator("#shortcuts").is_visible()
    page.keyboard.press("Escape")
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.attribution_status, first.rating, first.version) == ("confirmed", "mostly_true", 3)
    assert second.attribution_status == "not_a_claim"
    assert page.url.endswith("/review/")  # no page load happened

    # the article page: j opens the next statement in the panel, 5 rates it false, e goes to the note
    page.goto(f"/articles/{article.pk}/")
    page.keyboard.press("j")
    page.locator(f'#panel .claim-panel[data-claim="{first.pk}"]').wait_for()
    page.keyboard.press("5")
    page.locator(f"#state-{first.pk} .rating-false").wait_for()
    page.keyboard.press("e")
    expect(page.locator(f"#note-{first.pk}")).to_be_focused()
    page.keyboard.type("Rated false: the figure is wrong.")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the focused "Add note" button
    page.locator(".notes-list", has_text="Rated false: the figure is wrong.").wait_for()
    first.refresh_from_db()
    assert first.rating == "false"
    assert list(first.notes.values_list("body", flat=True)) == ["Rated false: the figure is wrong."]


def test_note_and_evidence_are_there_after_reload(signed_in, transactional_db):
    claim = make_claim(ArticleFactory())
    page = signed_in(UserFactory(editor=True))
    page.goto(f"/claims/{claim.pk}/")
    page.get_by_label("Add a note").fill("Checked with the city <press> office.")
    page.get_by_role("button", name="Add note").click()
    page.locator(".notes-list", has_text="Checked with the city <press> office.").wait_for()
    page.get_by_label("Link").fill("https://example.org/council-minutes")
    page.get_by_label("Kind").select_option("document")
    page.get_by_label("What it shows").fill("Minutes of the council meeting")
    page.get_by_role("button", name="Add evidence").click()
    page.locator(".evidence-list", has_text="council-minutes").wait_for()
    page.reload()
    assert "Checked with the city <press> office." in page.locator(".notes-list").inner_text()
    evidence = page.locator(".evidence-list").inner_text()
    assert "Document" in evidence and "Minutes of the council meeting" in evidence
    history = page.locator(f"#history-{claim.pk}").inner_text()
    assert "Note" in history and "Evidence" in history


def test_second_editor_is_refused_and_keeps_their_input(signed_in, transactional_db):
    claim = make_claim(ArticleFactory())
    first = signed_in(UserFactory(editor=True, username="first-editor"))
    second = signed_in(UserFactory(editor=True, username="second-editor"))
    for page in (first, second):
        page.goto(f"/claims/{claim.pk}/")
    first.get_by_label("Verdict").select_option("true")
    first.get_by_role("button", name="Save review").click()
    first.locator(".msg-success", has_text="Saved.").wait_for()

    second.get_by_label("Not a claim").check()
    second.get_by_label("Explanation").fill("The mayor was quoting a consultant.")
    second.get_by_role("button", name="Save review").click()
    second.locator(".conflict").wait_for()
    conflict = second.locator(".conflict").inner_text()
    assert "Not saved" in conflict and "first-editor" in conflict and "True" in conflict
    assert second.get_by_label("Explanation").input_value() == "The mayor was quoting a consultant."
    assert second.get_by_label("Not a claim").is_checked()
    shot(second, "conflict")
    claim.refresh_from_db()
    assert (claim.rating, claim.attribution_status, claim.rating_explanation) == ("true", "unreviewed", "")

    second.get_by_role("button", name="Save review").click()  # deliberate second save, having seen theirs
    second.locator(".msg-success", has_text="Saved.").wait_for()
    claim.refresh_from_db()
    assert claim.attribution_status == "not_a_claim" and claim.rating == "true"


def test_add_an_article_by_pasting_text_and_watch_it_finish(signed_in, transactional_db):
    page = signed_in(UserFactory(editor=True))
    page.goto("/articles/new/")
    page.get_by_label("Paste the article text").fill(
        "LONDON: “The economy will grow next year,” the finance minister said on Monday.\n"
        "Opposition leader Ann Smith said the forecast was too optimistic."
    )
    page.get_by_label("Title").fill("Growth forecast")
    page.get_by_role("button", name="Add and find the claims").click()
    page.wait_for_url(re.compile(r"/jobs/\d+/$"))
    page.locator("[data-job-article]").click()
    page.wait_for_url(re.compile(r"/articles/\d+/$"))
    assert page.locator("h1").inner_text() == "Growth forecast"
    assert page.locator("#article-text a.hl").count() >= 1


def test_job_page_polls_until_the_job_is_done(signed_in, transactional_db):
    article = ArticleFactory(title="Arrived later")
    job = IngestionJob.objects.create(source="text", payload={"text": article.text})
    page = signed_in(UserFactory(editor=True))
    page.goto(f"/jobs/{job.pk}/")
    assert "Waiting for a worker" in page.locator("#job-status").inner_text()
    IngestionJob.objects.filter(pk=job.pk).update(status="running")
    page.locator("#job-status", has_text="Finding the statements").wait_for(timeout=5000)
    IngestionJob.objects.filter(pk=job.pk).update(status="done", article=article, claims_created=3)
    page.locator("[data-job-article]").wait_for(timeout=5000)
    assert "3 new statements found" in page.locator("#job-status").inner_text()


def test_article_with_script_renders_as_text(signed_in, transactional_db):
    text = 'The page said <script>window.pwned = 1; alert("x")</script> and <img src=x onerror="window.pwned=2">.'
    article = ArticleFactory(text=text)
    make_claim(article, content='<script>window.pwned = 1; alert("x")</script>', speaker_text="The page")
    page = signed_in(UserFactory(editor=True))
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"/articles/{article.pk}/")
    assert page.locator("#article-text").text_content() == text
    assert page.locator("#article-text a.hl-content").first.inner_text().startswith("<script>window.pwned = 1;")
    shot(page, "script-article", full_page=False)
    assert page.evaluate("window.pwned") is None
    assert dialogs == []
    assert page.locator("#article-text script, #article-text img").count() == 0
    assert Claim.objects.count() == 1
