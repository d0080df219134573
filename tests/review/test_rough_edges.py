"""Issue 14's rough edges: dashboard order and links, CSP-clean pages, the favicon, quote marks, search marks,
history in words, speaker colours that stay put.

Every sentence and name here is invented.
"""

from __future__ import annotations

import random
import re
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.utils import timezone

from newsclaims.claims.models import Article
from newsclaims.claims.services import claim_review
from newsclaims.review.highlight import FALLBACK_SLOT, PALETTE_SIZE, assign_slots, speaker_slots
from newsclaims.review.templatetags.review import history_text, mark_terms, quoted
from tests.factories import ArticleFactory, make_claim

ROOT = Path(__file__).resolve().parents[2]


# --- dashboard ---------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_dashboard_lists_the_newest_articles_first(as_user, viewer):
    now = timezone.now()
    for days, title in [(3, "Oldest story"), (1, "Newest story"), (2, "Middle story")]:
        article = ArticleFactory(title=title)
        make_claim(article)  # the claim counts group the query, which drops Meta.ordering
        Article.objects.filter(pk=article.pk).update(created_at=now - timedelta(days=days))
    body = as_user(viewer).get("/").content.decode()
    assert body.index("Newest story") < body.index("Middle story") < body.index("Oldest story")


@pytest.mark.django_db
def test_dashboard_rating_counts_link_to_the_queue_filtered_by_that_rating(as_user, editor):
    rated = make_claim(ArticleFactory())
    other = make_claim(ArticleFactory())
    claim_review(claim=rated, actor=editor, expected_version=1, attribution_status="confirmed", rating="false")
    client = as_user(editor)
    body = client.get("/").content.decode()
    link = re.search(r'<a href="(/review/\?[^"]*rating=false[^"]*)"><span class="rating rating-false">', body)
    assert link, "the False rating count is not a link"
    ids = [c["id"] for c in client.get(link.group(1).replace("&amp;", "&")).context["claims"]]
    assert ids == [rated.pk] and other.pk not in ids


# --- CSP: no inline styles, htmx's indicator styles off ----------------------------------------------------


def test_no_template_has_a_style_attribute_or_element():
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "templates").rglob("*.html")
        if re.search(r"\sstyle\s*=|<style", path.read_text(encoding="utf-8"), re.IGNORECASE)
    ]
    assert offenders == []


@pytest.mark.django_db
def test_pages_turn_off_htmx_indicator_styles_and_style_their_own_indicator(as_user, viewer):
    body = as_user(viewer).get("/").content.decode()
    assert '"includeIndicatorStyles":false' in body
    css = (ROOT / "static" / "newsclaims.css").read_text(encoding="utf-8")
    assert ".htmx-request .htmx-indicator" in css


# --- favicon -----------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_favicon_ico_leads_to_a_served_icon_and_pages_link_it(client, as_user, viewer):
    response = client.get("/favicon.ico")
    assert response.status_code == 302 and response["Location"].endswith(".svg")
    # the test client does not serve static files: ask the finders, as the static server does
    found = finders.find(response["Location"].removeprefix(settings.STATIC_URL))
    assert found and "<svg" in Path(found).read_text(encoding="utf-8")
    body = as_user(viewer).get("/").content.decode()
    assert re.search(r'<link rel="icon" href="[^"]*favicon[^"]*\.svg"', body)


# --- quote marks -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("the ferry runs hourly", "“the ferry runs hourly”"),
        ('"partial,"', '"partial,"'),
        ("“The ferry runs hourly.”", "“The ferry runs hourly.”"),
        ('partial,"', 'partial,"'),
        ("«Nous verrons»", "«Nous verrons»"),
        ("'ferry'", "'ferry'"),
    ],
)
def test_quoted_wraps_a_statement_only_when_it_has_no_quote_marks_of_its_own(text, shown):
    assert quoted(text) == shown


def test_quoted_shortens_and_still_wraps_once():
    assert quoted("word " * 50, 20) == "“word word word word…”"
    assert quoted('"' + "word " * 50, 20).count('"') == 1


@pytest.mark.django_db
def test_queue_and_search_show_a_quoted_statement_in_one_pair_of_marks(as_user, viewer):
    article = ArticleFactory(text='The minister said it was "only partial," and left.')
    claim = make_claim(article, content='"only partial,"', speaker_text="The minister")
    client = as_user(viewer)
    for url in ["/review/", "/search/?q=partial"]:
        body = client.get(url).content.decode()
        assert f"/claims/{claim.pk}/" in body, url
        assert "“&quot;" not in body and "&quot;”" not in body, url


# --- search marks ------------------------------------------------------------------------------------------


def test_mark_terms_marks_whole_words_starting_with_a_term_and_escapes_the_rest():
    out = mark_terms('The <b>bridge</b> reopened & "Reopening" soon', "reopen bridge")
    assert out == (
        "The &lt;b&gt;<mark>bridge</mark>&lt;/b&gt; <mark>reopened</mark> &amp; &quot;<mark>Reopening</mark>&quot; soon"
    )


def test_mark_terms_ignores_operators_excluded_words_and_markup_in_the_query():
    assert mark_terms("ferry or bus", "ferry OR -bus") == "<mark>ferry</mark> or bus"
    assert mark_terms("a <mark> here", "<mark>") == "a <mark>&lt;mark&gt;</mark> here"
    assert mark_terms("nothing to mark", "") == "nothing to mark"


@pytest.mark.django_db
def test_search_page_marks_the_matched_words_in_claims_speakers_and_articles(as_user, viewer):
    article = ArticleFactory(title="Ferry <i>timetable</i> changes", text="Jo Ferryman said the ferry would run.")
    make_claim(article, content="the ferry would run", speaker_text="Jo Ferryman")
    body = as_user(viewer).get("/search/?q=ferry").content.decode()
    assert "<mark>ferry</mark> would run" in body
    assert "<mark>Ferry</mark> &lt;i&gt;timetable&lt;/i&gt; changes" in body
    assert "<i>" not in body


# --- history in words --------------------------------------------------------------------------------------


def test_history_values_are_labels_not_stored_values():
    assert history_text("rating", "false") == "False"
    assert history_text("rating", "not_rated") == "Not rated"
    assert history_text("attribution_status", "wrong_speaker") == "Wrong speaker"
    assert history_text("kind", "indirect") != "indirect"
    assert history_text("engine_missing", False) == "no"
    assert history_text("speaker", {"id": 3, "name": "Jill Stone"}) == "Jill Stone"
    assert history_text("speaker", None) == "—"
    assert history_text("rating_explanation", "kept_as typed") == "kept_as typed"


@pytest.mark.django_db
def test_claim_history_shows_labels(as_user, editor):
    claim = make_claim(ArticleFactory())
    claim_review(claim=claim, actor=editor, expected_version=1, attribution_status="wrong_speaker", rating="false")
    body = as_user(editor).get(f"/claims/{claim.pk}/").content.decode()
    history = body[body.index('id="history-') :]
    assert "Review: attribution" in history and "Review: verdict" in history
    assert '<td data-label="To">Wrong speaker</td>' in history
    assert '<td data-label="From">Not rated</td><td data-label="To">False</td>' in history
    assert ">false<" not in history and "not_rated" not in history


# --- speaker colours ---------------------------------------------------------------------------------------


def claim(pk, start, speaker_id=None, name=""):
    return SimpleNamespace(pk=pk, content_start=start, speaker_id=speaker_id, speaker_name=name, speaker_text="")


def test_up_to_twenty_speakers_get_twenty_distinct_colours():
    claims = [claim(i, i * 10, speaker_id=1000 + i * 7) for i in range(PALETTE_SIZE)]
    slots = speaker_slots(claims)
    assert len(set(slots.values())) == PALETTE_SIZE and FALLBACK_SLOT not in slots.values()


def test_speakers_beyond_twenty_share_the_fallback_and_the_first_twenty_stay_distinct():
    slots = speaker_slots([claim(i, i, speaker_id=i + 1) for i in range(PALETTE_SIZE + 3)])
    coloured = [s for s in slots.values() if s != FALLBACK_SLOT]
    assert len(coloured) == len(set(coloured)) == PALETTE_SIZE
    assert list(slots.values()).count(FALLBACK_SLOT) == 3


def test_colours_depend_on_who_speaks_not_on_the_order_they_appear_in():
    claims = [claim(i, i * 10, speaker_id=i + 40) for i in range(8)] + [claim(99, 5, name="Kim Vale")]
    before = speaker_slots(claims)
    shuffled = [claim(c.pk, random.Random(c.pk).randint(0, 500), c.speaker_id, c.speaker_name) for c in claims]
    assert speaker_slots(shuffled) == before
    # the legend still lists speakers in the order they appear
    first = min(shuffled, key=lambda c: c.content_start)
    assert next(iter(speaker_slots(shuffled))) == (f"id:{first.speaker_id}" if first.speaker_id else "name:kim vale")


def test_a_speaker_keeps_its_colour_in_another_article_unless_another_speaker_holds_it():
    alone = assign_slots(["id:17"])
    with_others = assign_slots(["id:17", "id:4", "name:kim vale"])
    # same input, same answer in every process (crc32, not the salted hash())
    assert alone == assign_slots(["id:17"]) == {"id:17": alone["id:17"]}
    assert len(set(with_others.values())) == 3


def test_the_stylesheet_has_a_colour_for_every_slot_and_the_fallback():
    css = (ROOT / "static" / "newsclaims.css").read_text(encoding="utf-8")
    for slot in range(PALETTE_SIZE + 1):
        assert re.search(rf"\.spk-{slot} \{{ --spk-bg: [^;]+; --spk-strong: [^;]+; --spk-fg: #[0-9a-f]{{6}}; \}}", css)


@pytest.mark.django_db
def test_the_claim_page_uses_the_article_pages_colour(as_user, viewer):
    article = ArticleFactory(text="Ann Lee said taxes would fall. Bo Park said rents would rise.")
    first = make_claim(article, content="taxes would fall", speaker_text="Ann Lee", speaker_name="Ann Lee")
    second = make_claim(article, content="rents would rise", speaker_text="Bo Park", speaker_name="Bo Park")
    client = as_user(viewer)
    page = client.get(f"/articles/{article.pk}/").content.decode()
    for c in (first, second):
        on_article = re.search(rf'class="hl (spk-\d+) hl-content" href="/claims/{c.pk}/"', page)
        on_claim = re.search(r'<span class="hl (spk-\d+) hl-content"', client.get(f"/claims/{c.pk}/").content.decode())
        assert on_article and on_claim and on_article.group(1) == on_claim.group(1)


@pytest.mark.django_db
def test_a_refused_save_lists_the_changes_since_in_words(as_user, editor):
    from tests.factories import UserFactory

    claim = make_claim(ArticleFactory())
    other = UserFactory(editor=True, username="second-editor")
    claim_review(claim=claim, actor=other, expected_version=1, attribution_status="not_a_claim", rating="false")
    response = as_user(editor).post(
        f"/claims/{claim.pk}/review/", {"version": 1, "attribution_status": "confirmed"}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert response.status_code == 409
    assert "second-editor: attribution Unreviewed → Not a claim" in body
    assert "second-editor: verdict Not rated → False" in body


@pytest.mark.django_db
def test_an_article_with_more_speakers_than_colours_names_the_grey_ones_in_the_legend(as_user, viewer):
    names = [f"Person{chr(65 + i)} Sample" for i in range(PALETTE_SIZE + 1)]
    article = ArticleFactory(text=" ".join(f"{n} said point {i} stood." for i, n in enumerate(names)))
    for i, name in enumerate(names):
        make_claim(article, content=f"point {i} stood", speaker_text=name, speaker_name=name)
    body = as_user(viewer).get(f"/articles/{article.pk}/").content.decode()
    assert body.count(f"grey: beyond the {PALETTE_SIZE} colours") == 1
    assert 'class="swatch spk-20"' in body and "hl spk-20 " in body
    assert len(set(re.findall(r'class="swatch (spk-\d+)"', body))) == PALETTE_SIZE + 1
