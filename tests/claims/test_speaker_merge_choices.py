"""Issue 14 through the services: a merge keeps or forgets the merged speaker's names (and takes that back on undo),
and editors' alias edits respect one key, one speaker."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from newsclaims.claims import services
from newsclaims.claims.models import ChangeEvent, Claim, SpeakerAlias, SpeakerLink
from newsclaims.claims.selectors import speaker_current_id
from tests.factories import make_claim

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair():
    source = services.speaker_create(name="Odile Marchetti", description="engine guess", aliases=("O. Marchetti",))
    target = services.speaker_create(name="Odile Marchetti-Brun", description="Port authority chair")
    claim = make_claim(speaker=source)
    return source, target, claim


def test_a_merge_moves_the_aliases_unless_told_otherwise(pair, editor):
    source, target, _ = pair
    services.speaker_merge(source=source, target=target, actor=editor)
    assert services.speaker_find(name="O. Marchetti") == target
    assert services.speaker_find(name="Odile Marchetti") == target


def test_a_merge_without_aliases_forgets_the_names_but_moves_claims_and_redirects(pair, editor):
    source, target, claim = pair
    services.speaker_merge(source=source, target=target, actor=editor, keep_aliases=False)
    claim.refresh_from_db()
    assert claim.speaker == target
    # Nothing links these claims to the target's names any more: they stay the editor's choice.
    assert claim.speaker_link == SpeakerLink.EDITOR
    assert services.speaker_find(name="O. Marchetti") is None
    assert services.speaker_find(name="Odile Marchetti") is None
    assert set(target.aliases.values_list("name", flat=True)) == {"Odile Marchetti-Brun"}
    assert speaker_current_id(pk=source.pk) == target.pk


def test_a_merge_keeps_the_survivors_description_and_aliases_options_are_independent(pair):
    source, target, _ = pair
    services.speaker_merge(source=source, target=target, keep_description=True, keep_aliases=False)
    target.refresh_from_db()
    assert target.description == "engine guess"
    assert services.speaker_find(name="O. Marchetti") is None


def test_undoing_a_merge_without_aliases_gives_the_names_back(pair, editor):
    source, target, claim = pair
    _, record = services.speaker_merge_undoable(source=source, target=target, actor=editor, keep_aliases=False)
    back, left = services.speaker_merge_undo(record=services.MergeRecord.from_dict(record.as_dict()), actor=editor)
    claim.refresh_from_db()
    assert (back.pk, left, claim.speaker_id) == (source.pk, [], source.pk)
    assert services.speaker_find(name="O. Marchetti") == back
    assert services.speaker_find(name="Odile Marchetti") == back


def test_an_undo_leaves_a_forgotten_name_that_another_speaker_took_since(pair, editor):
    source, target, _ = pair
    _, record = services.speaker_merge_undoable(source=source, target=target, actor=editor, keep_aliases=False)
    newcomer = services.speaker_create(name="O. Marchetti")
    back, _ = services.speaker_merge_undo(record=record, actor=editor)
    assert services.speaker_find(name="O. Marchetti") == newcomer
    assert services.speaker_find(name="Odile Marchetti") == back


def test_an_undo_token_signed_before_aliases_could_be_dropped_still_reads():
    data = {"source": {}, "target_id": 1, "target_before": {}, "aliases": [], "claims": [], "redirects": []}
    assert services.MergeRecord.from_dict(data).dropped_aliases == []


def test_an_alias_of_another_speaker_is_refused_naming_its_owner(pair):
    source, target, _ = pair
    with pytest.raises(services.AliasTaken) as refused:
        services.speaker_alias_add(speaker=target, name="o marchetti")
    assert refused.value.owner == source
    assert "already an alias of Odile Marchetti" in refused.value.messages[0]
    assert isinstance(refused.value, ValidationError)  # callers that catch ValidationError keep working


def test_adding_and_removing_an_alias_reindexes_claims_and_records_a_feed_event(pair, editor):
    source, _, claim = pair
    added = services.speaker_alias_add(speaker=source, name="Dile Marchetti", actor=editor)
    assert added is not None
    assert "Dile Marchetti" in Claim.objects.get(pk=claim.pk).search_speaker
    services.speaker_alias_remove(alias=added, actor=editor)
    assert "Dile Marchetti" not in Claim.objects.get(pk=claim.pk).search_speaker
    events = ChangeEvent.objects.filter(resource="speaker", resource_id=source.pk, type="updated")
    assert events.count() == 2


def test_the_speakers_own_name_cannot_be_removed(pair):
    source, _, _ = pair
    own = SpeakerAlias.objects.get(speaker=source, name="Odile Marchetti")
    with pytest.raises(ValidationError, match="own name"):
        services.speaker_alias_remove(alias=own)
    assert SpeakerAlias.objects.filter(pk=own.pk).exists()


def test_an_alias_stored_by_someone_else_meanwhile_is_refused_not_a_crash(pair, monkeypatch):
    source, target, _ = pair
    real = services.SpeakerAlias.objects.filter

    def checked_too_early(*args, **kwargs):
        # The existence check sees nothing, as it would just before another transaction's insert commits.
        return real(pk__in=[]) if "normalized" in kwargs else real(*args, **kwargs)

    monkeypatch.setattr(services.SpeakerAlias.objects, "filter", checked_too_early)
    with pytest.raises(services.AliasTaken) as refused:
        services.speaker_alias_add(speaker=target, name="O. Marchetti")
    assert refused.value.owner == source
