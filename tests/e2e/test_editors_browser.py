"""Editors complete the record (issue 13) in Chromium: keyboard and mouse, at 1440 px and at 375 px.

Every sentence and name here is invented.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from newsclaims.claims import services
from newsclaims.claims.models import Claim, Speaker
from tests.e2e.conftest import ROOT, htmx_settled, shot
from tests.factories import ArticleFactory, UserFactory, make_claim

pytestmark = [pytest.mark.services, pytest.mark.slow]

TEXT = (
    "Harbour officials met on Tuesday. "
    "Jill Stone said the ferry would run every hour from June. "
    "Carl Ortiz told reporters the fares would stay the same. "
    "The council expects a decision next week, a spokesperson added."
)
DOCS = ROOT / "static" / "docs"
# Tests never rewrite tracked files: the README's copies in static/docs/ are refreshed only on request.
REFRESH_DOCS = os.environ.get("NEWSCLAIMS_REFRESH_DOCS_SCREENSHOTS") == "1"


def docs_shot(page: Page, name: str, *, full_page: bool = False, element: str = "") -> None:
    """A screenshot for the README, taken into test-artifacts/ (and copied to static/docs/ when
    NEWSCLAIMS_REFRESH_DOCS_SCREENSHOTS=1)."""
    if element:
        # A tall viewport, so the panel's context and its span editor show together.
        size = page.viewport_size
        page.set_viewport_size({"width": 1440, "height": 1800})
        page.locator(element).evaluate("el => el.scrollIntoView({ block: 'start' })")
        path = shot(page, name, full_page=False)
        if size:
            page.set_viewport_size(size)
    else:
        path = shot(page, name, full_page=full_page)
    if REFRESH_DOCS:
        shutil.copy(path, DOCS / f"{name}.png")


@pytest.fixture
def harbour(transactional_db):
    article = ArticleFactory(text=TEXT, title="Ferry timetable", outlet="Harbour Post")
    stone = services.speaker_create(name="Jill Stone", description="ferry company chair")
    ortiz = services.speaker_create(name="Carl Ortiz", description="transport minister")
    clarke = services.speaker_create(name="Hilda Clarke", description="harbour master")
    services.speaker_create(name="Tom Clarke", kind="person", description="council member")
    first = make_claim(article, content="the ferry would run every hour from June", speaker_text="Jill Stone",
                       speaker=stone, speaker_name="Jill Stone", confidence=0.2)  # fmt: skip
    second = make_claim(article, content="the fares would stay the same", speaker_text="Carl Ortiz",
                        speaker=ortiz, speaker_name="Carl Ortiz", confidence=0.3)  # fmt: skip
    return {"article": article, "first": first, "second": second, "clarke": clarke, "ortiz": ortiz, "stone": stone}


@pytest.fixture
def narrow(signed_in) -> Callable[..., Page]:
    """Like ``signed_in`` (the same CSP watch) but at a phone's width (375 px), with touch."""
    return functools.partial(signed_in, width=375, height=740, has_touch=True)


def mark_page(page: Page) -> None:
    """A marker that a reload would wipe: asserting it later proves a change came without a reload."""
    page.evaluate("window.__noReload = 'still here'")


def not_reloaded(page: Page) -> bool:
    return page.evaluate("window.__noReload") == "still here"


def highlighted(page: Page, claim_id: int, role: str = "content") -> str:
    return "".join(page.locator(f'#article-text a.hl-{role}[data-claim="{claim_id}"]').all_text_contents())


def drag_select(page: Page, root: str, start: int, end: int) -> None:
    """Select the characters start..end of ``root``'s text with a real mouse drag."""
    box = page.evaluate(
        """([sel, start, end]) => {
            const root = document.querySelector(sel);
            root.scrollIntoView({ block: "center" });
            const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
            const points = [];
            let count = 0, node;
            while ((node = walker.nextNode())) {
              for (const [i, want] of [[0, start], [1, end]]) {
                if (points[i] === undefined && want >= count && want <= count + node.data.length) {
                  const r = document.createRange();
                  const at = want - count;
                  r.setStart(node, at === node.data.length ? at - 1 : at);
                  r.setEnd(node, at === node.data.length ? at : at + 1);
                  const rect = r.getClientRects()[0];
                  const x = at === node.data.length ? rect.right - 1 : rect.left + 1;
                  points[i] = { x: x, y: rect.top + rect.height / 2 };
                }
              }
              count += node.data.length;
            }
            return points;
        }""",
        [root, start, end],
    )
    page.mouse.move(box[0]["x"], box[0]["y"])
    page.mouse.down()
    page.mouse.move((box[0]["x"] + box[1]["x"]) / 2, box[1]["y"], steps=4)
    page.mouse.move(box[1]["x"], box[1]["y"], steps=4)
    page.mouse.up()


def open_in_panel(page: Page, claim: Claim) -> None:
    page.locator(f'#panel .claim-panel[data-claim="{claim.pk}"]').wait_for()
    htmx_settled(page)


# --- 4 + 7 + 2: the w, type, Enter, j, c sequence ------------------------------------------------------


def review_w_type_enter_j_c(page: Page, harbour: dict) -> None:
    first, second = harbour["first"], harbour["second"]
    page.goto(f"/articles/{harbour['article'].pk}/")
    mark_page(page)
    page.keyboard.press("j")
    open_in_panel(page, first)
    page.keyboard.press("w")
    speaker = page.locator(f"#speaker-name-{first.pk}")
    expect(speaker).to_be_focused()
    page.keyboard.type("Hilda Clarke")
    # the typeahead tells the two Clarkes apart by kind and description
    options = page.locator(f"#speaker-options-{first.pk} [role=option]")
    expect(options.first).to_contain_text("harbour master")
    page.keyboard.press("Enter")
    page.locator(f"#state-{first.pk} .state-corrected").wait_for()
    # focus is back on the claim, not in the field: j and c act on the page, not typed into it
    expect(page.locator(f"#claim-item-{first.pk}")).to_be_focused()
    page.keyboard.press("j")
    open_in_panel(page, second)
    page.keyboard.press("c")
    page.locator(f"#state-{second.pk} .state-confirmed").wait_for()
    assert not_reloaded(page)


def test_w_type_enter_j_c_leaves_the_intended_speakers(signed_in, harbour):
    first, second = harbour["first"], harbour["second"]
    page = signed_in(UserFactory(editor=True))
    speakers = Speaker.objects.count()
    review_w_type_enter_j_c(page, harbour)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.speaker == harbour["clarke"] and first.attribution_status == "wrong_speaker"
    assert second.speaker == harbour["ortiz"] and second.attribution_status == "confirmed"
    assert Speaker.objects.count() == speakers  # nothing like "Hilda Clarkejc" was created
    # the corrected claim says what changed, in the panel, the list and the counts, without a reload
    page.goto(f"/articles/{harbour['article'].pk}/?claim={first.pk}")
    assert "speaker: Jill Stone → Hilda Clarke" in page.locator(f"#changes-{first.pk}").inner_text()
    assert "Corrected" in page.locator(f"#item-state-{first.pk}").inner_text()
    assert "1 corrected" in page.locator("#article-counts").inner_text()
    assert "Hilda Clarke" in page.locator("#legend").inner_text()
    docs_shot(page, "editors-corrected")


def test_mouse_review_new_speaker_needs_an_explicit_choice_and_updates_the_page(signed_in, harbour):
    first = harbour["first"]
    page = signed_in(UserFactory(editor=True))
    page.goto(f"/articles/{harbour['article'].pk}/")
    mark_page(page)
    page.locator(f"#claim-item-{first.pk} a[data-panel-link]").click()
    open_in_panel(page, first)
    page.get_by_label("Wrong speaker").check()
    page.locator(f"#speaker-name-{first.pk}").fill("Nadia Brook")
    page.get_by_role("button", name="Save review").click()
    expect(page.locator(f"#review-{first.pk} .error").first).to_contain_text("Create a new speaker")
    assert page.locator(f"#speaker-name-{first.pk}").input_value() == "Nadia Brook"  # kept
    assert not Speaker.objects.filter(name="Nadia Brook").exists()
    page.locator(f"#speaker-name-{first.pk}").fill("Nadia Broo")
    page.locator(f"#speaker-name-{first.pk}").press_sequentially("k")
    page.locator("#speaker-option-new").click()  # the explicit "create" choice, by mouse
    page.get_by_label("New speaker’s description").first.fill("ferry passenger group")
    page.get_by_role("button", name="Save review").click()
    page.locator(f"#claim-item-{first.pk}", has_text="Nadia Brook").wait_for()
    assert "Nadia Brook" in page.locator("#legend").inner_text()
    assert "Nadia Brook" in page.locator(f"#claim-title-{first.pk}").inner_text()
    assert not_reloaded(page)
    assert Speaker.objects.get(name="Nadia Brook").description == "ferry passenger group"


def test_esc_cancels_an_edit_shortcuts_never_fire_in_fields_and_one_tab_stop_for_the_text(signed_in, harbour):
    first = harbour["first"]
    page = signed_in(UserFactory(editor=True))
    page.goto(f"/articles/{harbour['article'].pk}/")
    highlights = page.locator("#article-text a.hl")
    assert highlights.count() >= 2
    assert highlights.count() == page.locator('#article-text a.hl[tabindex="-1"]').count()
    # the skip links: the second one jumps to the review panel
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(page.locator("a.skip", has_text="review panel")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#panel")).to_be_focused()
    page.keyboard.press("j")
    open_in_panel(page, first)
    page.keyboard.press("w")
    field = page.locator(f"#speaker-name-{first.pk}")
    expect(field).to_be_focused()
    page.keyboard.type("cjn")  # shortcut letters typed in a field are text, nothing fires
    assert field.input_value() == "cjn"
    page.keyboard.press("Escape")  # closes the suggestions
    page.keyboard.press("Escape")  # cancels the edit and leaves the field
    expect(field).not_to_be_focused()
    assert field.input_value() == "Jill Stone"
    expect(page.locator(f"#claim-item-{first.pk}")).to_be_focused()
    first.refresh_from_db()
    assert first.version == 1 and first.attribution_status == "unreviewed"


def test_next_unreviewed_after_a_save_when_the_editor_opts_in(signed_in, harbour):
    first, second = harbour["first"], harbour["second"]
    page = signed_in(UserFactory(editor=True))
    page.goto(f"/articles/{harbour['article'].pk}/")
    page.get_by_label("After a save, go to the next unreviewed statement").check()
    page.keyboard.press("Escape")  # leave the checkbox: shortcuts never fire inside a field
    page.keyboard.press("j")
    open_in_panel(page, first)
    page.keyboard.press("c")
    open_in_panel(page, second)
    expect(page.locator(f"#claim-item-{second.pk}")).to_be_focused()


# --- 5 + 3: the span editor -----------------------------------------------------------------------


def test_span_fix_by_keys_and_typed_offsets_updates_the_highlight_without_reload(signed_in, harbour):
    first = harbour["first"]
    page = signed_in(UserFactory(editor=True))
    page.goto(f"/articles/{harbour['article'].pk}/?claim={first.pk}")
    mark_page(page)
    assert highlighted(page, first.pk) == "the ferry would run every hour from June"
    # keyboard: the end one word earlier, twice ("...every hour")
    end_back = page.get_by_role("button", name="statement end one word earlier")
    end_back.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    preview = page.locator(f"#review-{first.pk} [data-span-preview]")
    expect(preview).to_contain_text("“the ferry would run every hour”")
    # typed offsets preview live: start at "ferry"
    start = TEXT.index("ferry would")
    page.locator(f"#content-start-{first.pk}").fill(str(start))
    expect(preview).to_contain_text("“ferry would run every hour”")
    docs_shot(page, "editors-span-editor", element=f"#claim-head-{first.pk} .context")
    page.get_by_role("button", name="Save review").click()
    page.locator(f"#changes-{first.pk}", has_text="span corrected").wait_for()
    assert highlighted(page, first.pk) == "ferry would run every hour"
    assert not_reloaded(page)
    first.refresh_from_db()
    assert first.content_text == "ferry would run every hour" and first.attribution_status == "wrong_span"


def test_span_fix_by_mouse_drag_snaps_to_words(signed_in, harbour):
    second = harbour["second"]
    page = signed_in(UserFactory(editor=True))
    page.goto(f"/articles/{harbour['article'].pk}/?claim={second.pk}")
    mark_page(page)
    context = f"#claim-head-{second.pk} [data-span-source]"
    offset = int(page.locator(context).get_attribute("data-offset"))
    # a sloppy drag from inside "fares" to inside "same" selects whole words
    start = TEXT.index("fares would") + 2 - offset
    end = TEXT.index("same.") + 2 - offset
    drag_select(page, context, start, end)
    preview = page.locator(f"#review-{second.pk} [data-span-preview]")
    expect(preview).to_contain_text("“fares would stay the same”")
    # the mention too: choose it, then drag over the name
    page.locator(f"#review-{second.pk} [data-span-role][value=speaker]").check()
    drag_select(page, context, TEXT.index("Ortiz") - offset, TEXT.index("Ortiz") + 3 - offset)
    ortiz = TEXT.index("Ortiz")
    expect(preview).to_contain_text(f"Speaker mention {ortiz}–{ortiz + 5}: “Ortiz”")
    page.get_by_role("button", name="Save review").click()
    page.locator(f"#changes-{second.pk}", has_text="span corrected").wait_for()
    assert highlighted(page, second.pk) == "fares would stay the same"
    assert highlighted(page, second.pk, "speaker") == "Ortiz"
    assert not_reloaded(page)


# --- 1: adding a missed statement --------------------------------------------------------------------


def test_add_a_missed_statement_from_a_mouse_selection(signed_in, harbour):
    article = harbour["article"]
    page = signed_in(UserFactory(editor=True))
    page.goto(f"/articles/{article.pk}/")
    mark_page(page)
    page.get_by_role("link", name="Add a missed statement").click()
    page.locator("#claim-add").wait_for()
    statement = "The council expects a decision next week"
    drag_select(page, "#article-text", TEXT.index(statement) + 1, TEXT.index(statement) + len(statement) - 1)
    expect(page.locator("#content-start-new")).to_have_value(str(TEXT.index(statement)))
    drag_select(page, "#article-text", TEXT.index("spokesperson"), TEXT.index("spokesperson") + 12)
    drag_select(page, "#article-text", TEXT.index("added") + 1, TEXT.index("added") + 4)
    expect(page.locator("[data-add-form] [data-span-preview]")).to_contain_text("Cue")
    docs_shot(page, "editors-add-statement")
    page.get_by_role("button", name="Add the statement").click()
    added = page.locator("#panel .claim-panel")
    added.wait_for()
    claim = Claim.objects.get(origin="editor")
    assert (claim.content_text, claim.speaker_text, claim.cue_text) == (statement, "spokesperson", "added")
    assert claim.events.get().action == "add"
    assert highlighted(page, claim.pk) == statement
    assert "Added by an editor" in page.locator(f"#item-state-{claim.pk}").inner_text()
    assert "1 added by editors" in page.locator("#article-counts").inner_text()
    assert not_reloaded(page)


def test_add_a_missed_statement_by_keyboard_with_the_caret_and_the_typeahead(signed_in, harbour):
    article = harbour["article"]
    page = signed_in(UserFactory(editor=True))
    page.goto(f"/articles/{article.pk}/")
    page.keyboard.press("a")
    expect(page.locator("#claim-add-title")).to_be_focused()
    text = page.locator("#article-text")
    text.focus()
    page.keyboard.press("Home")
    page.keyboard.press("Shift+ArrowDown")  # the first sentence
    page.keyboard.press("ArrowDown")  # caret to the next sentence
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")  # "The council expects..."
    for _ in range(7):
        page.keyboard.press("Shift+ArrowRight")  # "The council expects a decision next week,"
    page.keyboard.press("Enter")
    statement = "The council expects a decision next week,"
    expect(page.locator("[data-add-form] [data-span-preview]")).to_contain_text(statement)
    speaker = page.locator("#speaker-name-new")
    speaker.focus()
    page.keyboard.type("Clarke")
    page.locator("#speaker-options-new [role=option]").nth(1).wait_for()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")  # picks the highlighted option
    assert speaker.input_value() == "Hilda Clarke"
    page.keyboard.press("Enter")  # saves
    page.locator("#panel .claim-panel").wait_for()
    claim = Claim.objects.get(origin="editor")
    assert claim.content_text == statement and claim.speaker == harbour["clarke"]
    assert claim.speaker_start is None


def test_adding_a_statement_stored_meanwhile_keeps_the_input_and_names_the_stored_one(signed_in, harbour):
    article = harbour["article"]
    page = signed_in(UserFactory(editor=True))
    page.goto(f"/articles/{article.pk}/claims/new/")
    start = TEXT.index("The council")
    page.get_by_label("from").first.fill(str(start))
    page.get_by_label("to", exact=True).first.fill(str(start + 11))
    page.locator("#speaker-name-new").fill("Carl Ortiz")
    services.claim_add(
        article=article, actor=None, content=services.SpanEdit(start, start + 11), speaker=harbour["ortiz"]
    )
    page.get_by_role("button", name="Add the statement").click()
    expect(page.locator(".claim-add .error")).to_contain_text("already stored")
    assert page.get_by_label("from").first.input_value() == str(start)
    assert page.locator("#speaker-name-new").input_value() == "Carl Ortiz"
    assert Claim.objects.filter(origin="editor").count() == 1


# --- 6: undo and revert ---------------------------------------------------------------------------


def test_undo_of_a_bulk_action(signed_in, harbour):
    first, second = harbour["first"], harbour["second"]
    page = signed_in(UserFactory(editor=True))
    page.goto("/review/")
    page.get_by_label(f"Select claim {first.pk}").check()
    page.get_by_label(f"Select claim {second.pk}").check()
    page.get_by_label("With the selected claims:").select_option("not_a_claim")
    page.get_by_role("button", name="Apply").click()
    undo = page.locator("#undo")
    expect(undo).to_be_visible()
    expect(undo).to_contain_text("2 claims updated")
    docs_shot(page, "editors-undo")
    assert set(Claim.objects.values_list("attribution_status", flat=True)) == {"not_a_claim"}
    page.get_by_role("button", name="Undo").click()
    page.locator("#queue-results", has_text="Undone: 2 claims restored").wait_for()
    expect(undo).to_be_hidden()
    for claim in (first, second):
        claim.refresh_from_db()
        assert claim.attribution_status == "unreviewed" and claim.version == 3
        assert claim.events.filter(action="revert").exists()


def test_undo_of_a_single_action_by_keyboard(signed_in, harbour):
    first = harbour["first"]
    page = signed_in(UserFactory(editor=True))
    page.goto("/review/")
    page.keyboard.press("j")
    page.keyboard.press("c")
    page.locator(f"#row-{first.pk} .status-confirmed").wait_for()
    expect(page.locator("#undo")).to_be_visible()
    page.keyboard.press("u")
    page.locator(f"#row-{first.pk} .status-unreviewed").wait_for()
    first.refresh_from_db()
    assert first.attribution_status == "unreviewed" and first.version == 3


def test_revert_from_history_is_a_new_version_and_refused_when_stale(signed_in, harbour):
    first = harbour["first"]
    editor = UserFactory(editor=True)
    services.claim_review(claim=first, actor=editor, expected_version=1, rating="false")
    services.claim_review(claim=first, actor=editor, expected_version=2, speaker=harbour["clarke"],
                          attribution_status="wrong_speaker")  # fmt: skip
    page = signed_in(editor)
    page.goto(f"/articles/{harbour['article'].pk}/?claim={first.pk}")
    mark_page(page)
    page.get_by_role("button", name="Revert to version 1").click()
    page.locator(f"#review-{first.pk} .msg-success", has_text="Undone").wait_for()
    first.refresh_from_db()
    assert (first.version, first.rating, first.speaker, first.attribution_status) == (
        4,
        "not_rated",
        harbour["stone"],
        "unreviewed",
    )
    assert page.locator(f"#claim-item-{first.pk}", has_text="Jill Stone").count() == 1
    assert not_reloaded(page)
    # a revert offered at version 4 is refused once someone else saved version 5
    services.claim_review(claim=first, actor=None, expected_version=4, rating="true")
    page.get_by_role("button", name="Revert to version 2").click()
    expect(page.locator(f"#review-{first.pk} .error")).to_contain_text("changed meanwhile")
    first.refresh_from_db()
    assert first.version == 5 and first.rating == "true"


def test_review_conflict_keeps_the_typed_speaker_and_span(signed_in, harbour):
    first = harbour["first"]
    page = signed_in(UserFactory(editor=True))
    page.goto(f"/claims/{first.pk}/")
    page.locator(f"#speaker-name-{first.pk}").fill("Carl Ortiz")
    start = TEXT.index("ferry would")
    page.locator(f"#content-start-{first.pk}").fill(str(start))
    services.claim_review(claim=first, actor=None, expected_version=1, rating="mixed")
    page.get_by_role("button", name="Save review").click()
    page.locator(".conflict").wait_for()
    assert page.locator(f"#speaker-name-{first.pk}").input_value() == "Carl Ortiz"
    assert page.locator(f"#content-start-{first.pk}").input_value() == str(start)
    page.get_by_role("button", name="Save review").click()
    page.locator(".msg-success", has_text="Saved.").wait_for()
    first.refresh_from_db()
    assert first.speaker == harbour["ortiz"] and first.content_start == start and first.rating == "mixed"


# --- the same review on a phone ----------------------------------------------------------------------


def test_a_375_px_viewport_can_do_the_same_review(narrow, harbour):
    page = narrow(UserFactory(editor=True))
    review_w_type_enter_j_c(page, harbour)
    assert page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")
    first, second = harbour["first"], harbour["second"]
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.speaker == harbour["clarke"] and second.attribution_status == "confirmed"
    page.locator(f"#claim-head-{second.pk}").scroll_into_view_if_needed()
    docs_shot(page, "editors-375")
    assert re.search(r"\b2 of \d+ statements reviewed", page.locator("#article-counts").inner_text())


def test_undo_of_a_speaker_merge(signed_in, harbour):
    admin = UserFactory(is_staff=True, is_superuser=True)
    stone, clarke, first = harbour["stone"], harbour["clarke"], harbour["first"]
    page = signed_in(admin)
    page.goto(f"/speakers/{stone.pk}/")
    page.get_by_role("combobox", name="Merge into").fill("Hilda Clarke")
    page.get_by_role("combobox", name="Merge into").press("Enter")
    page.get_by_role("button", name="Merge Jill Stone into Hilda Clarke").click()
    page.wait_for_url(re.compile(rf"/speakers/{clarke.pk}/$"))
    undo = page.get_by_role("button", name="Undo")
    expect(undo).to_be_visible()
    first.refresh_from_db()
    assert first.speaker == clarke
    undo.focus()
    page.keyboard.press("Enter")
    page.locator("h1", has_text="Jill Stone").wait_for()
    first.refresh_from_db()
    assert first.speaker.name == "Jill Stone" and first.speaker.description == "ferry company chair"


def test_span_end_handle_drags_and_snaps_to_a_word(signed_in, harbour):
    first = harbour["first"]
    page = signed_in(UserFactory(editor=True))
    page.goto(f"/articles/{harbour['article'].pk}/?claim={first.pk}")
    end = page.locator(".span-handle-end")
    expect(end).to_be_visible()
    # The text sits in the side column's own scroller: the handles follow its scroll one animation frame
    # later, so both points are read after two frames, in the same call, or the press can miss the handle.
    box, target = page.evaluate(
        """async (sel) => {
            document.querySelector(sel).scrollIntoView({ block: "center" });
            await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
            const h = document.querySelector(".span-handle-end").getBoundingClientRect();
            const node = [...document.querySelector(sel).querySelectorAll("span")].map(s => s.firstChild)
              .find(t => t && t.data.includes("every hour"));
            const r = document.createRange();
            // drop it inside "hour": it snaps to the end of that word
            const i = node.data.indexOf("hour") + 2;
            r.setStart(node, i); r.setEnd(node, i + 1);
            const rect = r.getClientRects()[0];
            return [
                { x: h.left, y: h.top, width: h.width, height: h.height },
                { x: rect.left + 1, y: rect.top + rect.height / 2 },
            ];
        }""",
        f"#claim-head-{first.pk} [data-span-source]",
    )
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(target["x"], target["y"], steps=8)
    page.mouse.up()
    expect(page.locator(f"#review-{first.pk} [data-span-preview]")).to_contain_text("“the ferry would run every hour”")
    page.get_by_role("button", name="Save review").click()
    page.locator(f"#changes-{first.pk}", has_text="span corrected").wait_for()
    first.refresh_from_db()
    assert first.content_text == "the ferry would run every hour"
