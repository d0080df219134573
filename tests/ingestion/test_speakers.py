"""Speakers are matched across articles through their aliases; an ambiguous short name makes a new speaker."""

from __future__ import annotations

import pytest

from newsclaims.attribution import Span, Statement
from newsclaims.claims.models import Speaker
from newsclaims.claims.services import NewArticle
from newsclaims.ingestion.pipeline import article_ingest, store

pytestmark = pytest.mark.django_db


def _store(text: str, name: str, kind: str = "person", role: str | None = None) -> Speaker | None:
    """Store ``text`` with one engine statement (its whole text) attributed to ``name``."""
    statement = Statement(
        content=Span(text, 0, len(text)), kind="indirect", speaker_name=name, speaker_kind=kind, speaker_role=role
    )
    result = store(NewArticle(text=text), [statement])
    return result.article.claims.get().speaker


def test_full_name_in_one_article_and_surname_in_another_are_one_speaker():
    first = article_ingest(text="President Vladimir Putin said Moscow would help North Korea build satellites.")
    second = article_ingest(text="\u201cWe will talk about all issues,\u201d Putin said on Wednesday.")
    putin = first.article.claims.get().speaker
    assert putin.name == "Vladimir Putin" and putin.kind == "person" and putin.description == "President"
    assert second.article.claims.get().speaker == putin
    assert Speaker.objects.count() == 1
    assert list(putin.aliases.values_list("normalized", flat=True)) == ["vladimir putin"]


def test_titled_and_plain_forms_share_one_alias():
    a = _store("The bridge will reopen.", "President Vladimir Putin")
    b = _store("The talks went well.", "vladimir  PUTIN")
    assert a == b


def test_first_word_of_a_name_matches_when_only_one_speaker_has_it():
    kim = _store("The visit was historic.", "Kim Jong-un")
    assert _store("The talks went well.", "Kim") == kim


def test_two_speakers_sharing_a_surname_are_not_merged():
    jong_un = _store("The visit was historic.", "Kim Jong-un")
    yo_jong = _store("The drills were a provocation.", "Kim Yo-jong")
    assert jong_un != yo_jong
    ambiguous = _store("The talks went well.", "Kim")
    assert ambiguous not in (jong_un, yo_jong) and ambiguous.name == "Kim"
    assert Speaker.objects.count() == 3


def test_kind_and_role_come_from_the_engine_and_groups_are_not_speakers():
    kremlin = _store("Sanctions had failed.", "the Kremlin", kind="organisation", role="Russian government")
    assert (kremlin.kind, kremlin.description) == ("organisation", "Russian government")
    assert _store("The repairs cost too much.", "Critics", kind="group") is None
    assert _store("Talks are planned.", "a senior official", kind="anonymous") is None


def test_a_bulk_run_stops_matching_a_surname_once_a_second_speaker_has_it():
    from newsclaims.ingestion.speakers import SpeakerResolver

    resolver = SpeakerResolver()
    jong_un = resolver.resolve(name="Kim Jong-un", kind="person")
    assert resolver.resolve(name="Kim", kind="person") == jong_un
    yo_jong = resolver.resolve(name="Kim Yo-jong", kind="person")
    later = resolver.resolve(name="Kim", kind="person")
    assert later not in (jong_un, yo_jong) and later.name == "Kim"
