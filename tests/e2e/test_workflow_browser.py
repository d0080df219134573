"""A newsroom's day in a real browser: exporting exactly the filtered queue, and pasting an article with its link."""

from __future__ import annotations

import csv
import io
import re

import pytest

from newsclaims.claims.services import claim_review
from tests.factories import ArticleFactory, UserFactory, make_claim

pytestmark = [pytest.mark.services, pytest.mark.slow]


def test_export_button_downloads_exactly_the_filtered_claims(signed_in, transactional_db):
    editor = UserFactory(editor=True)
    first, second, third = ArticleFactory(), ArticleFactory(), ArticleFactory()
    false_ones = [make_claim(first), make_claim(second, content="We are on schedule", speaker_text="she")]
    true_one = make_claim(third)
    make_claim(first, content="the repairs cost too much", speaker_text="Critics")  # unrated, unreviewed
    for claim, rating in [*((c, "false") for c in false_ones), (true_one, "true")]:
        claim_review(claim=claim, actor=editor, expected_version=1, attribution_status="confirmed", rating=rating)

    page = signed_in(editor)
    page.goto("/review/")
    page.locator("#id_status").select_option("any")
    page.locator("#id_rating").select_option("false")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url(re.compile(r"/review/\?.*rating=false"))
    page.locator("#queue-results .summary", has_text="2 claims").wait_for()

    with page.expect_download() as csv_download:
        page.locator("#queue-results [data-export=csv]").click()
    with open(csv_download.value.path(), encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(io.StringIO(handle.read())))
    assert sorted(int(r["id"]) for r in rows) == sorted(c.pk for c in false_ones)
    assert {r["rating"] for r in rows} == {"false"}

    with page.expect_download() as jsonld_download:
        page.locator("#queue-results [data-export=jsonld]").click()
    with open(jsonld_download.value.path(), encoding="utf-8") as handle:
        document = handle.read()
    assert document.count('"@type":"ClaimReview"') == 2

    # The address is the filter: opened again (a bookmark), the page lists and exports the same.
    page.goto(page.url)
    assert page.locator("#id_rating").input_value() == "false"
    assert "rating=false" in (page.locator("#queue-results [data-export=csv]").get_attribute("href") or "")


def test_paste_an_article_with_its_link_and_metadata(signed_in, transactional_db):
    page = signed_in(UserFactory(editor=True))
    page.goto("/articles/new/")
    page.get_by_label("Paste the article text").fill(
        "Harbour ferry to run every hour\n"
        "“The ferry will run every hour from June,” councillor Mira Okafor said on Monday.\n"
        "Residents said the timetable was still too thin for shift workers."
    )
    page.get_by_label("or give its address").fill("https://harbour.example/news/ferry-hourly")
    page.get_by_label("Title").fill("Hourly ferry approved")
    page.get_by_label("Outlet").fill("Harbour Times")
    page.get_by_label("Author").fill("Lena Park")
    page.get_by_label("Published").fill("2024-06-03T08:30")
    # Without a broker the job runs in the server process, which may load the engine first: give it time.
    page.get_by_role("button", name="Add and find the claims").click(no_wait_after=True)
    page.wait_for_url(re.compile(r"/jobs/\d+/$"), timeout=90_000)
    status = page.locator("#job-status")
    status.locator("[data-job-article]").wait_for()
    assert len(re.findall(r"\bDone\b", status.inner_text())) == 1
    status.locator("[data-job-article]").click()
    page.wait_for_url(re.compile(r"/articles/\d+/$"))
    assert page.locator("h1").inner_text() == "Hourly ferry approved"
    meta = page.locator(".article-head .meta")
    assert "Harbour Times" in meta.inner_text() and "Lena Park" in meta.inner_text()
    assert re.search(r"\d+ of \d+ statements? reviewed", meta.inner_text())
    source = meta.locator("[data-source-link]")
    assert source.get_attribute("href") == "https://harbour.example/news/ferry-hourly"
    assert source.get_attribute("target") == "_blank"
