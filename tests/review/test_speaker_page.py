"""Issue 14 in the review pages: the merge typeahead and its choices, the speaker page's filters, editors' aliases.

Every name and sentence here is invented.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsclaims.claims import desk, services
from newsclaims.claims.models import Article, Claim, Speaker, SpeakerAlias
from tests.factories import ArticleFactory, make_claim

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def pair():
    source = services.speaker_create(name="Bertil Okonkwo", description="engine guess", aliases=("B. Okonkwo",))
    target = services.speaker_create(
        name="Bertil A. Okonkwo-Lind", description="Harbour board chair", aliases=("The Harbour Chair",)
    )
    claims = [make_claim(ArticleFactory(), speaker=source) for _ in range(2)]
    return source, target, claims


def _claims_shown(body: str) -> int:
    return body.count('name="claims"')


# --- the merge typeahead ----------------------------------------------------------------------------


def test_suggestions_find_a_speaker_by_any_alias(as_user, admin_user, pair):
    _, target, _ = pair
    body = as_user(admin_user).get("/speakers/suggest/", {"target": "harbour chair"}).content.decode()
    assert f'data-speaker-id="{target.pk}"' in body and "Bertil A. Okonkwo-Lind" in body


def test_merge_suggestions_leave_out_the_speaker_itself_and_offer_no_create(as_user, admin_user, pair):
    source, _, _ = pair
    params = {"target": "okonkwo", "exclude": str(source.pk), "create": "0"}
    body = as_user(admin_user).get("/speakers/suggest/", params).content.decode()
    assert f'data-speaker-id="{source.pk}"' not in body
    nobody = as_user(admin_user).get("/speakers/suggest/", {**params, "target": "Nobody"}).content.decode()
    assert "data-create" not in nobody
    huge = as_user(admin_user).get("/speakers/suggest/", {**params, "exclude": "9" * 30})
    assert huge.status_code == 200 and f'data-speaker-id="{source.pk}"' in huge.content.decode()


def test_the_merge_field_is_a_typeahead_excluding_this_speaker(as_user, admin_user, pair):
    source, _, _ = pair
    body = as_user(admin_user).get(f"/speakers/{source.pk}/").content.decode()
    assert 'hx-get="/speakers/suggest/"' in body and f'"exclude": "{source.pk}"' in body
    assert 'name="target_id"' in body


def test_a_picked_suggestion_is_merged_by_id_and_the_confirmation_offers_both_choices(as_user, admin_user, pair):
    source, target, _ = pair
    picked = {"target": "Bertil A. Okonkwo-Lind", "target_id": str(target.pk)}
    body = as_user(admin_user).post(f"/speakers/{source.pk}/merge/", picked).content.decode()
    assert "Merge “Bertil Okonkwo” into “Bertil A. Okonkwo-Lind”?" in body
    assert 'name="keep_aliases" value="1" checked' in body
    assert 'name="keep_description"' in body
    assert Speaker.objects.filter(pk=source.pk).exists()


def test_a_merge_with_aliases_and_description_moves_both(as_user, admin_user, pair):
    source, target, claims = pair
    chosen = {"target": target.pk, "confirm": "yes", "keep_aliases": "1", "keep_description": "1"}
    response = as_user(admin_user).post(f"/speakers/{source.pk}/merge/", chosen)
    assert response.status_code == 302 and response["Location"] == f"/speakers/{target.pk}/"
    target.refresh_from_db()
    assert target.description == "engine guess"
    assert {"B. Okonkwo", "Bertil Okonkwo"} <= set(target.aliases.values_list("name", flat=True))
    assert set(target.claims.values_list("pk", flat=True)) == {c.pk for c in claims}


def test_a_merge_without_aliases_or_description_moves_only_the_claims(as_user, admin_user, pair):
    source, target, claims = pair
    response = as_user(admin_user).post(f"/speakers/{source.pk}/merge/", {"target": target.pk, "confirm": "yes"})
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.description == "Harbour board chair"
    assert set(target.aliases.values_list("name", flat=True)) == {"Bertil A. Okonkwo-Lind", "The Harbour Chair"}
    assert set(target.claims.values_list("pk", flat=True)) == {c.pk for c in claims}
    page = as_user(admin_user).get(response["Location"]).content.decode()
    assert "was merged into Bertil A. Okonkwo-Lind. Its names were not kept." in page


def test_the_merged_away_page_redirects_permanently_to_the_survivor_keeping_its_filters(as_user, viewer, pair):
    source, target, _ = pair
    services.speaker_merge(source=source, target=target)
    response = as_user(viewer).get(f"/speakers/{source.pk}/", {"rating": "false"})
    assert response.status_code == 301 and response["Location"] == f"/speakers/{target.pk}/?rating=false"


def test_a_picked_speaker_merged_away_meanwhile_resolves_to_its_survivor(as_user, admin_user, pair):
    source, target, _ = pair
    third = services.speaker_create(name="Bertil Lind")
    services.speaker_merge(source=target, target=third)
    body = as_user(admin_user).post(f"/speakers/{source.pk}/merge/", {"target": "x", "target_id": target.pk})
    assert "into “Bertil Lind”?" in body.content.decode()


# --- filters ----------------------------------------------------------------------------------------


@pytest.fixture
def rated(editor):
    speaker = services.speaker_create(name="Marisol Quaye")
    spring = ArticleFactory(title="Ferry fares in spring", published_at=dt.datetime(2026, 4, 2, 9, tzinfo=dt.UTC))
    autumn = ArticleFactory(title="Ferry fares in autumn", published_at=dt.datetime(2026, 10, 5, 9, tzinfo=dt.UTC))
    a = make_claim(spring, speaker=speaker)
    b = make_claim(autumn, speaker=speaker)
    c = make_claim(autumn, content="We are on schedule", speaker=speaker)
    services.claim_review(claim=b, actor=editor, expected_version=b.version, rating="false")
    return speaker, spring, autumn, (a, b, c)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, 3),
        ({"rating": "false"}, 1),
        ({"rating": "not_rated"}, 2),
        ({"article": "spring"}, 1),
        ({"date_from": "2026-10-01"}, 2),
        ({"date_to": "2026-04-02"}, 1),
        ({"date_from": "2026-05-01", "date_to": "2026-09-30"}, 0),
        ({"rating": "false", "article": "spring"}, 0),
    ],
)
def test_claims_filter_by_rating_article_and_date_range(as_user, viewer, rated, params, expected):
    speaker, spring, autumn, _ = rated
    if "article" in params:
        params = {**params, "article": str({"spring": spring, "autumn": autumn}[params["article"]].pk)}
    response = as_user(viewer).get(f"/speakers/{speaker.pk}/", params)
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count('<td><a href="/claims/') == expected


def test_claims_filter_by_outlet_review_state_cue_meaning_and_assignee(as_user, editor, rated):
    speaker, spring, _, (a, _, c) = rated
    Article.objects.filter(pk=spring.pk).update(outlet="Harbour Herald")
    Claim.objects.filter(pk=c.pk).update(cue_meaning="hedged")
    services.claim_review(claim=c, actor=editor, expected_version=c.version, attribution_status="confirmed")
    desk.claim_assign(claim=a, assignee=editor, actor=editor)
    client = as_user(editor)

    def listed(**params: str) -> int:
        body = client.get(f"/speakers/{speaker.pk}/", params).content.decode()
        return body.count('<td><a href="/claims/')

    assert listed(outlet="harbour herald") == 1
    assert listed(state="unreviewed") == 2
    assert listed(state="confirmed") == 1
    assert listed(cue_meaning="hedged") == 1
    assert listed(assignee="me") == 1
    assert listed(assignee=str(editor.pk), state="unreviewed") == 1


def test_the_filter_form_shows_the_choices_from_the_address(as_user, viewer, rated):
    speaker, spring, _, _ = rated
    body = as_user(viewer).get(f"/speakers/{speaker.pk}/", {"article": spring.pk, "date_from": "2026-01-01"}).content
    page = body.decode()
    assert f'<option value="{spring.pk}" selected>Ferry fares in spring' in page
    assert 'value="2026-01-01"' in page


def test_a_filter_not_understood_is_shown_and_ignored(as_user, viewer, rated):
    speaker, _, _, _ = rated
    body = as_user(viewer).get(f"/speakers/{speaker.pk}/", {"date_from": "soon", "rating": "false"}).content.decode()
    assert "Some filters were not understood" in body
    assert body.count('<td><a href="/claims/') == 1


def test_an_htmx_filter_request_gets_only_the_claims_list(as_user, viewer, rated):
    speaker, _, _, _ = rated
    body = as_user(viewer).get(f"/speakers/{speaker.pk}/", {"rating": "false"}, **HX).content.decode()
    assert 'id="speaker-claims"' in body
    assert "<h1>" not in body and "1 claim match the filters" in body


def test_the_article_list_is_capped_but_always_holds_the_chosen_article(as_user, viewer, rated, monkeypatch):
    from newsclaims.review.views import speakers as views

    monkeypatch.setattr(views, "ARTICLE_CHOICES", 1)
    speaker, spring, autumn, _ = rated
    page = as_user(viewer).get(f"/speakers/{speaker.pk}/").content.decode()
    shown = page.split('id="id_article"')[1].split("</select>")[0]
    assert shown.count("<option") == 2 and f'<option value="{autumn.pk}"' in shown  # "Any article" and the newest
    chosen = as_user(viewer).get(f"/speakers/{speaker.pk}/", {"article": spring.pk}).content.decode()
    shown = chosen.split('id="id_article"')[1].split("</select>")[0]
    assert shown.count("<option") == 3 and f'<option value="{spring.pk}" selected>' in shown


def test_rating_counts_link_to_the_filtered_list(as_user, viewer, rated):
    speaker, _, _, _ = rated
    assert 'href="?rating=false"' in as_user(viewer).get(f"/speakers/{speaker.pk}/").content.decode()


def test_pages_keep_the_filters(as_user, viewer, monkeypatch):
    from newsclaims.review.views import speakers as views

    monkeypatch.setattr(views, "PAGE_SIZE", 1)
    speaker = services.speaker_create(name="Pavla Dunmore")
    for _ in range(3):
        make_claim(ArticleFactory(), speaker=speaker)
    body = as_user(viewer).get(f"/speakers/{speaker.pk}/", {"rating": "not_rated"}).content.decode()
    assert 'href="?rating=not_rated&amp;page=2"' in body


# --- aliases ----------------------------------------------------------------------------------------


def test_an_editor_adds_an_alias(as_user, editor, pair):
    source, _, _ = pair
    response = as_user(editor).post(f"/speakers/{source.pk}/aliases/", {"name": "Bertie Okonkwo"})
    assert response.status_code == 302 and response["Location"] == f"/speakers/{source.pk}/"
    assert services.speaker_find(name="Bertie Okonkwo") == source
    assert "“Bertie Okonkwo” added." in as_user(editor).get(response["Location"]).content.decode()


def test_an_alias_added_with_htmx_answers_with_the_card(as_user, editor, pair):
    source, _, _ = pair
    response = as_user(editor).post(f"/speakers/{source.pk}/aliases/", {"name": "Bertie Okonkwo"}, **HX)
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith("<section") and 'data-alias="Bertie Okonkwo"' in body
    assert "“Bertie Okonkwo” added." in body


def test_an_alias_of_another_speaker_is_a_form_error_offering_a_merge_to_admins(as_user, admin_user, pair):
    source, target, _ = pair
    response = as_user(admin_user).post(f"/speakers/{source.pk}/aliases/", {"name": "the harbour chair"}, **HX)
    body = response.content.decode()
    assert response.status_code == 400
    assert "“the harbour chair” is already an alias of Bertil A. Okonkwo-Lind." in body
    assert f'href="/speakers/{target.pk}/"' in body
    assert f'action="/speakers/{source.pk}/merge/"' in body and f'action="/speakers/{target.pk}/merge/"' in body
    assert "Merge Bertil Okonkwo into Bertil A. Okonkwo-Lind…" in body
    assert services.speaker_find(name="The Harbour Chair") == target


def test_an_editor_who_cannot_merge_is_told_an_admin_can(as_user, editor, pair):
    source, _, _ = pair
    response = as_user(editor).post(f"/speakers/{source.pk}/aliases/", {"name": "The Harbour Chair"})
    body = response.content.decode()
    assert response.status_code == 400
    card = body.split('id="speaker-aliases"')[1].split("</section>")[0]
    assert "an admin can do that" in card and "/merge/" not in card


def test_a_name_already_theirs_is_a_form_error(as_user, editor, pair):
    source, _, _ = pair
    response = as_user(editor).post(f"/speakers/{source.pk}/aliases/", {"name": "b okonkwo"}, **HX)
    assert response.status_code == 400 and "already one of Bertil Okonkwo&#x27;s names" in response.content.decode()


def test_an_editor_removes_an_alias_but_not_the_speakers_own_name(as_user, editor, pair):
    source, _, _ = pair
    alias = SpeakerAlias.objects.get(speaker=source, name="B. Okonkwo")
    own = SpeakerAlias.objects.get(speaker=source, name="Bertil Okonkwo")
    page = as_user(editor).get(f"/speakers/{source.pk}/").content.decode()
    assert f"/aliases/{alias.pk}/remove/" in page and f"/aliases/{own.pk}/remove/" not in page
    response = as_user(editor).post(f"/speakers/{source.pk}/aliases/{alias.pk}/remove/", **HX)
    assert response.status_code == 200 and "“B. Okonkwo” removed." in response.content.decode()
    assert not SpeakerAlias.objects.filter(pk=alias.pk).exists()
    refused = as_user(editor).post(f"/speakers/{source.pk}/aliases/{own.pk}/remove/", **HX)
    assert refused.status_code == 400 and "own name" in refused.content.decode()
    assert SpeakerAlias.objects.filter(pk=own.pk).exists()


def test_an_alias_is_removed_only_through_its_own_speaker(as_user, editor, pair):
    source, target, _ = pair
    theirs = SpeakerAlias.objects.get(speaker=target, name="The Harbour Chair")
    assert as_user(editor).post(f"/speakers/{source.pk}/aliases/{theirs.pk}/remove/").status_code == 404
    assert SpeakerAlias.objects.filter(pk=theirs.pk).exists()


def test_viewers_see_aliases_but_cannot_edit_them(as_user, viewer, pair):
    source, _, _ = pair
    page = as_user(viewer).get(f"/speakers/{source.pk}/").content.decode()
    assert "B. Okonkwo" in page and "Add an alias" not in page
    assert as_user(viewer).post(f"/speakers/{source.pk}/aliases/", {"name": "Bertie"}).status_code == 403


def test_a_split_moves_claims_to_the_speaker_picked_in_its_typeahead(as_user, editor, pair):
    source, target, claims = pair
    picked = {"claims": [claims[0].pk], "target": "Bertil A. Okonkwo-Lind", "target_id": target.pk}
    response = as_user(editor).post(f"/speakers/{source.pk}/split/", picked)
    assert response.status_code == 302
    assert list(target.claims.values_list("pk", flat=True)) == [claims[0].pk]
    page = as_user(editor).get(f"/speakers/{source.pk}/").content.decode()
    assert 'aria-controls="split-options"' in page and "data-create-speaker" in page


def test_the_filtered_claims_fragment_skips_the_filter_forms_choices(as_user, viewer, pair):
    source, _, _ = pair
    with CaptureQueriesContext(connection) as full:
        page = as_user(viewer).get(f"/speakers/{source.pk}/").content.decode()
    with CaptureQueriesContext(connection) as fragment:
        body = as_user(viewer).get(f"/speakers/{source.pk}/?rating=false", **HX).content.decode()
    # The page fills the article and outlet choices; the fragment the filter form swaps in has no form to fill.
    assert 'id="id_article"' in page and 'id="id_article"' not in body

    def choice_reads(queries: CaptureQueriesContext) -> int:
        return sum('SELECT DISTINCT "claims_article"."outlet"' in q["sql"] for q in queries.captured_queries)

    assert choice_reads(full) == 1 and choice_reads(fragment) == 0
    assert len(fragment.captured_queries) < len(full.captured_queries)
