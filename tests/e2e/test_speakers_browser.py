"""Issue 14 in Chromium: merging speakers through the alias typeahead, and editors editing aliases.

Every name here is invented.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from newsclaims.claims import services
from newsclaims.claims.models import Claim, Speaker
from tests.e2e.conftest import htmx_settled, shot
from tests.factories import ArticleFactory, UserFactory, make_claim

pytestmark = [pytest.mark.services, pytest.mark.slow]


@pytest.fixture
def lagoon(transactional_db):
    source = services.speaker_create(name="Ravi Castellanos", description="engine guess", aliases=("R. Castellanos",))
    target = services.speaker_create(
        name="Ravindra Castellanos-Ruiz", description="water minister", aliases=("The Water Minister",)
    )
    # A namesake the typeahead must tell apart, and that a merge must never touch.
    services.speaker_create(name="Ines Castellanos", description="lagoon fisher")
    claims = [make_claim(ArticleFactory(title=f"Lagoon levels {n}"), speaker=source) for n in range(2)]
    return {"source": source, "target": target, "claims": claims}


def pick_merge_target(page: Page, typed: str, target: Speaker, *, keyboard: bool) -> None:
    field = page.get_by_role("combobox", name="Merge into")
    field.press_sequentially(typed)
    option = page.locator(f'#merge-options [data-speaker-id="{target.pk}"]')
    expect(option).to_be_visible()
    expect(page.locator("#merge-options [data-create]")).to_have_count(0)  # a merge never creates
    typed_in, listed = field.bounding_box(), page.locator("#merge-options").bounding_box()
    assert typed_in and listed and listed["y"] >= typed_in["y"] + typed_in["height"] - 1  # under the field, not on it
    if keyboard:
        # ↓ until the target is the active option, then Enter picks it (not the form submit).
        for _ in range(page.locator("#merge-options [role=option]").count()):
            field.press("ArrowDown")
            if "is-active" in (option.get_attribute("class") or ""):
                break
        field.press("Enter")
    else:
        option.click()
    expect(field).to_have_value(target.name)
    expect(page.locator("#id_target_id")).to_have_value(str(target.pk))
    expect(page.locator("#merge-options")).to_be_hidden()


def test_merge_by_typing_an_alias_moving_aliases_and_description(signed_in, lagoon):
    source, target = lagoon["source"], lagoon["target"]
    admin = UserFactory(is_staff=True, is_superuser=True)
    page = signed_in(admin)
    page.goto(f"/speakers/{source.pk}/")
    pick_merge_target(page, "water minis", target, keyboard=False)
    page.get_by_role("button", name="Show what moves…").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Merge “{source.name}” into “{target.name}”?")
    keep_aliases = page.get_by_label(re.compile("as Ravindra Castellanos-Ruiz's aliases"))
    expect(keep_aliases).to_be_checked()
    page.get_by_label(re.compile("Use “engine guess” as")).check()
    shot(page, "speaker-merge-confirm")
    page.get_by_role("button", name=f"Merge {source.name} into {target.name}").click()
    page.wait_for_url(re.compile(rf"/speakers/{target.pk}/$"))
    expect(page.get_by_role("status").first).to_contain_text("Ravi Castellanos was merged into Ravindra")
    aliases = page.locator("#speaker-aliases")
    for name in ("R. Castellanos", "Ravi Castellanos", "The Water Minister"):
        expect(aliases.locator(f'[data-alias="{name}"]')).to_be_visible()
    expect(page.locator(".speaker-head")).to_contain_text("engine guess")
    assert set(Claim.objects.filter(speaker=target).values_list("pk", flat=True)) == {c.pk for c in lagoon["claims"]}
    # The merged-away page answers with the survivor.
    page.goto(f"/speakers/{source.pk}/")
    assert page.url.endswith(f"/speakers/{target.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(target.name)


def test_merge_by_keyboard_without_aliases_or_description(signed_in, lagoon):
    source, target = lagoon["source"], lagoon["target"]
    admin = UserFactory(is_staff=True, is_superuser=True)
    page = signed_in(admin)
    page.goto(f"/speakers/{source.pk}/")
    pick_merge_target(page, "Castellanos-R", target, keyboard=True)
    page.get_by_role("combobox", name="Merge into").press("Enter")  # now the form's submit
    page.get_by_label(re.compile("as Ravindra Castellanos-Ruiz's aliases")).uncheck()
    expect(page.get_by_label(re.compile("Use “engine guess” as"))).not_to_be_checked()
    page.get_by_role("button", name=f"Merge {source.name} into {target.name}").click()
    page.wait_for_url(re.compile(rf"/speakers/{target.pk}/$"))
    expect(page.get_by_role("status").first).to_contain_text("Its names were not kept.")
    expect(page.locator("#speaker-aliases [data-alias]")).to_have_count(2)  # its own two, nothing of Ravi's
    expect(page.locator(".speaker-head")).to_contain_text("water minister")
    assert services.speaker_find(name="R. Castellanos") is None
    assert Claim.objects.filter(speaker=target).count() == 2
    assert Speaker.objects.filter(name="Ines Castellanos").exists()
    page.goto(f"/speakers/{source.pk}/")
    assert page.url.endswith(f"/speakers/{target.pk}/")


def test_an_editor_adds_and_removes_aliases_in_place(signed_in, lagoon):
    source, target = lagoon["source"], lagoon["target"]
    page = signed_in(UserFactory(editor=True))
    page.goto(f"/speakers/{source.pk}/")
    page.evaluate("window.__noReload = 'still here'")
    card = page.locator("#speaker-aliases")
    # Their own name has no remove button; the other alias has.
    expect(card.get_by_role("button", name="Remove alias Ravi Castellanos")).to_have_count(0)
    page.get_by_label("Add an alias").fill("Ravi C. Castellanos-Mora")
    page.get_by_role("button", name="Add alias").click()
    expect(card.locator('[data-alias="Ravi C. Castellanos-Mora"]')).to_be_visible()
    expect(card.get_by_role("status")).to_have_text("“Ravi C. Castellanos-Mora” added.")
    expect(page.get_by_label("Add an alias")).to_be_focused()
    htmx_settled(page)
    card.get_by_role("button", name="Remove alias R. Castellanos").click()
    expect(card.locator('[data-alias="R. Castellanos"]')).to_have_count(0)
    expect(card.get_by_role("status")).to_have_text("“R. Castellanos” removed.")
    htmx_settled(page)
    # Another speaker's alias: a clear error naming them, and who can merge.
    page.get_by_label("Add an alias").fill("the water minister")
    page.get_by_role("button", name="Add alias").click()
    refusal = "“the water minister” is already an alias of Ravindra Castellanos-Ruiz."
    expect(card.get_by_role("alert")).to_have_text(refusal)
    expect(card.get_by_role("link", name=target.name)).to_have_attribute("href", f"/speakers/{target.pk}/")
    expect(card).to_contain_text("an admin can do that")
    expect(page.get_by_label("Add an alias")).to_have_value("the water minister")  # input kept
    assert page.evaluate("window.__noReload") == "still here"
    assert services.speaker_find(name="Ravi C. Castellanos-Mora") == source
    assert services.speaker_find(name="R. Castellanos") is None
    assert services.speaker_find(name="The Water Minister") == target


def test_an_admin_adding_a_taken_alias_is_offered_the_merge(signed_in, lagoon):
    source, target = lagoon["source"], lagoon["target"]
    page = signed_in(UserFactory(is_staff=True, is_superuser=True))
    page.goto(f"/speakers/{source.pk}/")
    page.get_by_label("Add an alias").fill("The Water Minister")
    page.get_by_role("button", name="Add alias").click()
    offer = page.get_by_role("button", name=f"Merge {source.name} into {target.name}…")
    expect(offer).to_be_visible()
    shot(page, "speaker-alias-taken")
    offer.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Merge “{source.name}” into “{target.name}”?")
    assert Speaker.objects.filter(pk=source.pk).exists()  # nothing merged before the confirmation


def test_claims_filter_by_rating_in_the_address(signed_in, lagoon):
    source = lagoon["source"]
    editor = UserFactory(editor=True)
    first = lagoon["claims"][0]
    services.claim_review(claim=first, actor=editor, expected_version=first.version, rating="false")
    page = signed_in(editor)
    page.goto(f"/speakers/{source.pk}/")
    expect(page.locator("#speaker-claims tbody tr")).to_have_count(2)
    page.get_by_label("Rating", exact=True).select_option("false")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator("#speaker-claims tbody tr")).to_have_count(1)
    expect(page).to_have_url(re.compile(r"rating=false"))
    page.reload()
    expect(page.locator("#speaker-claims tbody tr")).to_have_count(1)
    expect(page.get_by_label("Rating", exact=True)).to_have_value("false")


def test_split_picks_its_target_from_the_typeahead(signed_in, lagoon):
    source, target = lagoon["source"], lagoon["target"]
    moving = lagoon["claims"][0]
    page = signed_in(UserFactory(editor=True))
    page.goto(f"/speakers/{source.pk}/")
    page.locator(f"#move-{moving.pk}").check()
    field = page.get_by_role("combobox", name="Move them to")
    field.press_sequentially("water min")
    page.locator(f'#split-options [data-speaker-id="{target.pk}"]').click()
    expect(page.locator("#id_split_target_id")).to_have_value(str(target.pk))
    expect(page.get_by_label("Create a new speaker with this name")).not_to_be_checked()
    page.get_by_role("button", name="Move ticked claims").click()
    expect(page.get_by_role("status").first).to_contain_text(f"1 claim moved from {source.name} to {target.name}")
    assert Claim.objects.get(pk=moving.pk).speaker_id == target.pk
