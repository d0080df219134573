"""Adding a statement, undo/revert and the speaker typeahead as plain form posts (no JavaScript)."""

from __future__ import annotations

import json
import re

import pytest

from newsclaims.claims import services
from newsclaims.claims.models import Claim, Speaker
from tests.factories import ArticleFactory, make_claim

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def add_url(article) -> str:
    return f"/articles/{article.pk}/claims/new/"


def test_a_plain_form_adds_a_statement_and_opens_it_on_the_article_page(as_user, editor, speaker):
    article = ArticleFactory()
    start = article.text.index("Critics say")
    end = article.text.index(".", start)
    response = as_user(editor).post(
        add_url(article), {"content_start": start, "content_end": end, "speaker_name": speaker.name, "kind": "direct"}
    )
    claim = Claim.objects.get(origin="editor")
    assert response.status_code == 302 and response["Location"] == f"/articles/{article.pk}/?claim={claim.pk}"
    assert (claim.content_text, claim.speaker, claim.added_by) == (
        "Critics say the repairs cost too much",
        speaker,
        editor,
    )


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"content_start": 5, "content_end": 100_000}, "runs past the end"),
        ({"content_start": 9, "content_end": 3}, "must end after it starts"),
        ({"content_start": 5}, "both the start and the end"),
        ({}, "Mark the statement"),
        ({"content_start": 0, "content_end": 5, "speaker_name": "Nobody We Know"}, "Create a new speaker"),
        ({"content_start": 0, "content_end": 5}, "Say who makes the statement"),
    ],
)
def test_bad_additions_are_refused_with_a_message_and_keep_the_input(as_user, editor, speaker, body, message):
    article = ArticleFactory()
    body = {"speaker_name": speaker.name, "kind": "indirect", **body}
    if body.get("speaker_name") == speaker.name and "Say who" in message:
        body.pop("speaker_name")
    response = as_user(editor).post(add_url(article), body)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    if "speaker_name" in body:
        assert f'value="{body["speaker_name"]}"' in page
    assert Claim.objects.count() == 0 and not Speaker.objects.filter(name="Nobody We Know").exists()


def test_blank_content_is_refused(as_user, editor, speaker):
    article = ArticleFactory(text="One sentence.   Another sentence said Ann.")
    response = as_user(editor).post(
        add_url(article), {"content_start": 13, "content_end": 16, "speaker_name": speaker.name, "kind": "direct"}
    )
    assert response.status_code == 400 and "empty" in response.content.decode()


def test_readers_cannot_add(as_user, viewer):
    article = ArticleFactory()
    assert as_user(viewer).post(add_url(article), {"content_start": 0, "content_end": 5}).status_code == 403
    assert Claim.objects.count() == 0


def test_revert_as_a_plain_form_restores_the_earlier_version(as_user, editor, claim):
    services.claim_review(claim=claim, actor=editor, expected_version=1, rating="false", attribution_status="confirmed")
    response = as_user(editor).post("/claims/revert/", {"revert": f"{claim.pk}:1:2", "next": f"/claims/{claim.pk}/"})
    assert response.status_code == 302
    claim.refresh_from_db()
    assert (claim.version, claim.rating, claim.attribution_status) == (3, "not_rated", "unreviewed")
    assert set(claim.events.filter(action="revert").values_list("field", flat=True)) == {"rating", "attribution_status"}


def test_a_stale_revert_changes_nothing_and_says_so(as_user, editor, claim):
    services.claim_review(claim=claim, actor=editor, expected_version=1, rating="false")
    services.claim_review(claim=claim, actor=editor, expected_version=2, rating="true")
    response = as_user(editor).post("/claims/revert/", {"revert": f"{claim.pk}:1:2"}, **HTMX)
    assert response.status_code == 409
    assert "changed meanwhile" in response.content.decode()
    claim.refresh_from_db()
    assert (claim.version, claim.rating) == (3, "true")


def test_garbled_undo_requests_change_nothing(as_user, editor, claim):
    for value in ("", "x:y:z", f"{claim.pk}:3:2", f"{claim.pk}:0:1", "1:1:99999999999999999999"):
        as_user(editor).post("/claims/revert/", {"revert": value})
    claim.refresh_from_db()
    assert claim.version == 1


def test_review_save_offers_an_undo_and_a_focus_target(as_user, editor, claim):
    response = as_user(editor).post(f"/claims/{claim.pk}/review/", {"version": 1, "rating": "false"}, **HTMX)
    events = json.loads(response["HX-Trigger-After-Settle"])
    assert events["claimSaved"] == {"id": claim.pk}
    assert events["undoOffer"]["revert"] == [f"{claim.pk}:1:2"]


def test_typeahead_shows_kind_and_description_and_offers_create_only_for_new_names(as_user, editor):
    services.speaker_create(name="Hilda Clarke", description="harbour master")
    services.speaker_create(name="Tom Clarke", kind="organisation", description="council member")
    page = as_user(editor).get("/speakers/suggest/", {"speaker_name": "clarke"}).content.decode()
    assert "harbour master" in page and "council member" in page and "Organisation" in page
    assert "Create a new speaker “clarke”" in page
    exact = as_user(editor).get("/speakers/suggest/", {"q": "Tom Clarke"}).content.decode()
    assert "Create a new speaker" not in exact


def test_article_page_save_re_renders_text_list_legend_and_counts_out_of_band(as_user, editor, article, speaker):
    claim = make_claim(article, speaker=speaker)
    start = article.text.index("the bridge would reopen")
    response = as_user(editor).post(
        f"/claims/{claim.pk}/review/",
        {"version": 1, "content_start": start, "content_end": start + len("the bridge would reopen")},
        HTTP_HX_REQUEST="true",
        HTTP_HX_CURRENT_URL=f"http://testserver/articles/{article.pk}/",
    )
    page = response.content.decode()
    for part in (
        "article-text",
        "claim-items",
        "legend",
        "article-counts",
        f"claim-head-{claim.pk}",
        f"history-{claim.pk}",
    ):
        assert f'id="{part}"' in page
    assert page.count('hx-swap-oob="true"') >= 6
    assert ">the bridge would reopen</a>" in page and "span corrected" in page


def test_a_speaker_merge_can_be_undone_from_the_survivors_page(as_user, admin_user, article):
    kept = services.speaker_create(name="Kept Person", description="")
    gone = services.speaker_create(name="Merged Person", description="ferry captain", aliases=("Captain Merged",))
    moved = make_claim(article, speaker=gone)
    changed = make_claim(article, content="We are on schedule", speaker=gone)
    client = as_user(admin_user)
    response = client.post(f"/speakers/{gone.pk}/merge/", {"target": str(kept.pk), "confirm": "yes"}, follow=True)
    page = response.content.decode()
    assert "Merged Person was merged into Kept Person." in page and "Undo" in page
    token = re.search(r'name="token" value="([^"]+)"', page).group(1)
    services.claim_review(claim=changed, actor=None, expected_version=2, rating="false")  # someone works on one

    response = client.post("/speakers/merge/undo/", {"token": token})
    back = Speaker.objects.get(name="Merged Person")
    assert response.status_code == 302 and response["Location"] == f"/speakers/{back.pk}/"
    assert back.description == "ferry captain"
    assert set(back.aliases.values_list("name", flat=True)) == {"Merged Person", "Captain Merged"}
    kept.refresh_from_db()
    moved.refresh_from_db()
    changed.refresh_from_db()
    assert kept.description == "" and moved.speaker == back and moved.version == 3
    assert changed.speaker == kept  # changed since the merge: left alone
    assert moved.events.filter(action="revert", field="speaker").exists()
    # the offer is shown once, and a forged token changes nothing
    assert "Undo" not in client.get(f"/speakers/{kept.pk}/").content.decode().split("<h1>")[0]
    client.post("/speakers/merge/undo/", {"token": token[:-2] + "xx"})
    assert Speaker.objects.filter(name="Merged Person").count() == 1


def test_review_states_tell_flagged_from_corrected_and_keep_the_engines_version(editor, article, speaker):
    from newsclaims.review.state import review_state

    claim = make_claim(article, speaker=speaker, speaker_name=speaker.name)
    assert review_state(claim).key == "unreviewed"
    flagged = services.claim_review(claim=claim, actor=editor, expected_version=1, attribution_status="wrong_speaker")
    assert (review_state(flagged).key, review_state(flagged).label) == ("flagged", "Wrong speaker: flagged, not fixed")
    assert flagged.engine_original == {}
    right = services.speaker_create(name="Right Person")
    fixed = services.claim_review(claim=flagged, actor=editor, expected_version=2, speaker=right)
    state = review_state(fixed)
    assert state.key == "corrected" and state.reviewed
    assert state.changes == (f"speaker: {speaker.name} → Right Person",)
    assert fixed.engine_original["speaker"] == {"id": speaker.pk, "name": speaker.name}
    start = article.text.index("the bridge would reopen")
    spanned = services.claim_review(
        claim=fixed, actor=editor, expected_version=3, content=services.SpanEdit(start, start + 23)
    )
    assert review_state(spanned).changes == (f"speaker: {speaker.name} → Right Person", "span corrected")
    # the engine's version stays as first found, whatever the editor changes next
    assert spanned.engine_original["content_end"] == claim.content_end
    not_a_claim = services.claim_review(
        claim=spanned, actor=editor, expected_version=4, attribution_status="not_a_claim"
    )
    assert review_state(not_a_claim).key == "not_a_claim"
