import pytest

from newsclaims.claims import services
from newsclaims.claims.models import Article, Claim, ClaimEvent, SpeakerAlias
from tests.factories import make_claim

pytestmark = pytest.mark.django_db


def _claim_form(claim, **changes):
    data = {
        "article": claim.article_id,
        "speaker": claim.speaker_id or "",
        "kind": claim.kind,
        "via": "[]",
        "speaker_name": claim.speaker_name,
        "speaker_role": claim.speaker_role,
        "cue_meaning": claim.cue_meaning,
        "confidence": claim.confidence,
        "attribution_status": claim.attribution_status,
        "rating": claim.rating,
        "rating_explanation": "",
        "loaded_version": claim.version,
        **{
            f"{p}-{k}": v
            for p in ("notes", "evidence", "events")
            for k, v in (("TOTAL_FORMS", 0), ("INITIAL_FORMS", 0))
        },
    }
    data.update(changes)
    return data


def test_an_admin_save_over_a_newer_review_is_refused(client, admin_user, editor, article, speaker):
    claim = make_claim(article, speaker=speaker)
    loaded = _claim_form(claim, rating="false")
    services.claim_review(claim=claim, actor=editor, expected_version=1, rating="true")
    client.force_login(admin_user)
    response = client.post(f"/admin/claims/claim/{claim.pk}/change/", loaded, follow=True)
    assert "someone changed this claim meanwhile" in response.content.decode()
    stored = Claim.objects.get(pk=claim.pk)
    assert (stored.rating, stored.version) == ("true", 2)


def test_an_admin_save_at_the_current_version_goes_into_history(client, admin_user, article, speaker):
    claim = make_claim(article, speaker=speaker)
    client.force_login(admin_user)
    response = client.post(f"/admin/claims/claim/{claim.pk}/change/", _claim_form(claim, rating="mixed"))
    assert response.status_code == 302
    stored = Claim.objects.get(pk=claim.pk)
    assert (stored.rating, stored.version) == ("mixed", 2)
    assert stored.events.get().actor == admin_user


def test_a_stored_articles_text_cannot_be_edited_in_the_admin(client, admin_user, article):
    client.force_login(admin_user)
    page = client.get(f"/admin/claims/article/{article.pk}/change/").content.decode()
    assert 'name="text"' not in page and 'name="url"' not in page


def test_renaming_an_alias_in_the_admin_replaces_it(client, admin_user):
    speaker = services.speaker_create(name="Vladimir Putin", aliases=("V. Putin",))
    alias = SpeakerAlias.objects.get(normalized="v putin")
    client.force_login(admin_user)
    others = list(speaker.aliases.exclude(pk=alias.pk))
    data = {
        "name": speaker.name,
        "kind": speaker.kind,
        "description": "",
        "wikidata_qid": "",
        "aliases-TOTAL_FORMS": 2,
        "aliases-INITIAL_FORMS": 2,
        "aliases-0-id": others[0].pk,
        "aliases-0-speaker": speaker.pk,
        "aliases-0-name": others[0].name,
        "aliases-1-id": alias.pk,
        "aliases-1-speaker": speaker.pk,
        "aliases-1-name": "Vladimir Vladimirovich Putin",
    }
    response = client.post(f"/admin/claims/speaker/{speaker.pk}/change/", data)
    assert response.status_code == 302
    assert sorted(speaker.aliases.values_list("normalized", flat=True)) == [
        "vladimir putin",
        "vladimir vladimirovich putin",
    ]


def test_an_admin_edit_of_the_engine_fields_is_one_version_step_with_a_history_row_per_field(
    client, admin_user, article, speaker
):
    claim = make_claim(article, speaker=speaker, confidence=0.8, kind="indirect")
    client.force_login(admin_user)
    form = _claim_form(claim, kind="direct", confidence=0.3, speaker_role="Mayor")
    response = client.post(f"/admin/claims/claim/{claim.pk}/change/", form)
    assert response.status_code == 302
    stored = Claim.objects.get(pk=claim.pk)
    assert (stored.kind, stored.confidence, stored.speaker_role, stored.version) == ("direct", 0.3, "Mayor", 2)
    rows = {e.field: (e.old_value, e.new_value, e.actor, e.version) for e in ClaimEvent.objects.filter(claim=claim)}
    assert rows == {
        "kind": ("indirect", "direct", admin_user, 2),
        "confidence": (0.8, 0.3, admin_user, 2),
        "speaker_role": ("", "Mayor", admin_user, 2),
    }


def test_an_article_added_in_the_admin_is_stored_by_the_service_and_a_duplicate_is_refused(client, admin_user):
    client.force_login(admin_user)
    text = "The harbour master said the pier would open on Friday."
    data = {"title": "Pier", "text": text, "url": "", "outlet": "", "author": "", "language": "en"}
    assert client.post("/admin/claims/article/add/", data).status_code == 302
    stored = Article.objects.get()
    assert stored.content_hash == services.content_hash(text) and stored.title == "Pier"
    again = client.post("/admin/claims/article/add/", {**data, "text": f"  {text}\n", "title": "Copy"})
    assert again.status_code == 200 and f"already stored (article {stored.pk})" in again.content.decode()
    assert Article.objects.count() == 1


def test_notes_and_evidence_added_changed_and_removed_in_the_admin_are_in_the_history(client, admin_user, claim):
    client.force_login(admin_user)
    add = {"claim": claim.pk, "body": "Asked the mayor's office."}
    assert client.post("/admin/claims/note/add/", add).status_code == 302
    note = claim.notes.get()
    assert note.author == admin_user
    change = {"claim": claim.pk, "body": "Asked the mayor's office twice."}
    assert client.post(f"/admin/claims/note/{note.pk}/change/", change).status_code == 302
    evidence = services.claim_add_evidence(claim=claim, added_by=admin_user, url="https://example.org/minutes")
    assert client.post(f"/admin/claims/evidence/{evidence.pk}/delete/", {"post": "yes"}).status_code == 302
    assert client.post(f"/admin/claims/note/{note.pk}/delete/", {"post": "yes"}).status_code == 302

    assert not claim.notes.exists() and not claim.evidence.exists()
    rows = [(e.action, e.actor) for e in ClaimEvent.objects.filter(claim=claim).order_by("id")]
    assert rows == [
        ("note", admin_user),
        ("note_change", admin_user),
        ("evidence", admin_user),
        ("evidence_remove", admin_user),
        ("note_remove", admin_user),
    ]
    change_row = ClaimEvent.objects.get(claim=claim, action="note_change")
    assert (change_row.old_value["body"], change_row.new_value["body"]) == (add["body"], change["body"])


def test_a_note_added_inline_on_the_claim_page_goes_into_the_history(client, admin_user, article, speaker):
    claim = make_claim(article, speaker=speaker)
    client.force_login(admin_user)
    form = _claim_form(
        claim, **{"notes-TOTAL_FORMS": 1, "notes-0-body": "Checked the recording.", "notes-0-claim": claim.pk}
    )
    assert client.post(f"/admin/claims/claim/{claim.pk}/change/", form).status_code == 302
    assert claim.notes.get().body == "Checked the recording."
    assert [(e.action, e.actor) for e in claim.events.all()] == [("note", admin_user)]
    assert Claim.objects.get(pk=claim.pk).version == 1  # a note is no edit of the claim itself


def test_deleting_a_speaker_in_the_admin_leaves_a_history_row_on_each_of_its_claims(client, admin_user, article):
    speaker = services.speaker_create(name="Jane Doe")
    claim = make_claim(article, speaker=speaker)
    client.force_login(admin_user)
    assert client.post(f"/admin/claims/speaker/{speaker.pk}/delete/", {"post": "yes"}).status_code == 302
    stored = Claim.objects.get(pk=claim.pk)
    assert stored.speaker is None and stored.version == 2
    event = stored.events.get()
    assert (event.action, event.old_value, event.new_value, event.actor) == (
        "speaker_delete",
        {"id": speaker.pk, "name": "Jane Doe"},
        None,
        admin_user,
    )
