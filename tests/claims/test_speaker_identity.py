"""Merge, split and relink through the services: editors' decisions teach the speaker layer and stay."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from newsclaims.claims import services
from newsclaims.claims.linking import speakers_relink
from newsclaims.claims.models import Claim, ClaimEvent, Speaker, SpeakerLink, SpeakerRedirect
from newsclaims.claims.selectors import speaker_current_id
from tests.factories import ArticleFactory, SpeakerFactory, make_claim

pytestmark = pytest.mark.django_db


def test_a_merge_keeps_the_merged_name_as_an_alias_and_redirects_its_id(editor):
    source = services.speaker_create(name="Tamsin Oduya", description="engine guess")
    target = services.speaker_create(name="Tamsin Oduya-Reyes", description="Harbour commissioner")
    claim = make_claim(speaker=source)
    services.speaker_merge(source=source, target=target, actor=editor)
    target.refresh_from_db()
    claim.refresh_from_db()
    assert claim.speaker == target
    assert services.speaker_find(name="Tamsin Oduya") == target
    assert target.description == "Harbour commissioner"
    assert speaker_current_id(pk=source.pk) == target.pk


def test_a_merge_takes_the_description_only_when_the_editor_chooses():
    source = services.speaker_create(name="Ilse Varga", description="Mayor of Port Ellery")
    target = services.speaker_create(name="Ilse K. Vargaova", description="")
    services.speaker_merge(source=source, target=target, keep_description=True)
    target.refresh_from_db()
    assert target.description == "Mayor of Port Ellery"


def test_redirects_follow_a_chain_of_merges():
    a, b, c = (SpeakerFactory() for _ in range(3))
    services.speaker_merge(source=a, target=b)
    services.speaker_merge(source=b, target=c)
    assert speaker_current_id(pk=a.pk) == speaker_current_id(pk=b.pk) == c.pk
    assert SpeakerRedirect.objects.filter(speaker=c).count() == 2


def test_a_split_moves_chosen_claims_to_a_new_record_with_history(editor):
    merged = services.speaker_create(name="Hollis Brandt")
    article = ArticleFactory()
    stays = make_claim(article, speaker=merged)
    moves = make_claim(article, content="We are on schedule", speaker=merged)
    other = services.speaker_split(source=merged, claim_ids=[moves.pk], actor=editor, new_name="Hollis Brandt Jr.")
    stays.refresh_from_db()
    moves.refresh_from_db()
    assert (stays.speaker, moves.speaker) == (merged, other)
    assert moves.speaker_link == SpeakerLink.EDITOR and moves.version == 2
    event = ClaimEvent.objects.get(claim=moves)
    assert (event.action, event.actor, event.new_value["name"]) == ("speaker_split", editor, "Hollis Brandt Jr.")


def test_a_split_refuses_claims_of_another_speaker_and_an_existing_name():
    one, two = SpeakerFactory(), SpeakerFactory()
    foreign = make_claim(speaker=two)
    with pytest.raises(ValidationError, match="Only claims of this speaker"):
        services.speaker_split(source=one, claim_ids=[foreign.pk], target=two)
    own = make_claim(speaker=one)
    with pytest.raises(ValidationError, match="already a speaker"):
        services.speaker_split(source=one, claim_ids=[own.pk], new_name=two.name)
    assert Claim.objects.get(pk=own.pk).speaker == one


def test_an_editor_correction_is_never_relinked(editor):
    wrong = services.speaker_create(name="Colm Aherne")
    right = services.speaker_create(name="Niamh Aherne")
    claim = make_claim(speaker=wrong, speaker_name="Colm Aherne", speaker_kind="person")
    services.claim_review(claim=claim, actor=editor, expected_version=1, speaker=right)
    speakers_relink()
    claim.refresh_from_db()
    assert (claim.speaker, claim.speaker_link) == (right, SpeakerLink.EDITOR)


def test_relink_folds_records_that_are_one_person_and_drops_one_word_records():
    # As an older database leaves them: two records for one person (the migration to identity keys keeps the key
    # with the older record) and a one-word record.
    full = services.speaker_create(name="Rosalind Achebe")
    initialled = Speaker.objects.create(name="Rosalind T. Achebe", kind="person")
    one_word = services.speaker_create(name="Achebe")
    article = ArticleFactory()
    a = make_claim(article, speaker=full, speaker_name="Rosalind Achebe", speaker_kind="person")
    b = make_claim(article, content="We are on schedule", speaker=initialled, speaker_name="Rosalind T. Achebe")
    c = make_claim(ArticleFactory(), speaker=one_word, speaker_name="Achebe", speaker_kind="person")
    result = speakers_relink()
    for claim in (a, b, c):
        claim.refresh_from_db()
    assert a.speaker == b.speaker == c.speaker == full
    assert c.speaker_link == SpeakerLink.LINKED
    assert result.merged == 1 and result.removed == 1
    assert not Speaker.objects.filter(pk__in=[initialled.pk, one_word.pk]).exists()
    assert speaker_current_id(pk=initialled.pk) == full.pk


def test_the_relink_command_reports_what_it_did(capsys):
    speaker = services.speaker_create(name="Odile Marchand")
    make_claim(speaker=speaker, speaker_name="Odile Marchand", speaker_kind="person")
    call_command("relink_speakers")
    assert "articles 1, claims relinked 0, records merged 0" in capsys.readouterr().out
