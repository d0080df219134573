"""Speaker linking across articles, on invented names: one person is one record, two people are never one."""

from __future__ import annotations

import itertools

import pytest

from newsclaims.attribution import Span, Statement
from newsclaims.claims.linking import Mention, SpeakerLinker
from newsclaims.claims.models import Claim, Speaker, SpeakerLink
from newsclaims.claims.services import NewArticle
from newsclaims.ingestion.pipeline import article_ingest, store

pytestmark = pytest.mark.django_db
_ARTICLES = itertools.count()


def _store(*mentions: tuple[str | None, str], linker: SpeakerLinker | None = None) -> list[Claim]:
    """One stored article with one engine statement per (name, kind) mention, in order."""
    sentences = [f"Statement number {i} was made today." for i in range(len(mentions))]
    text = " ".join(sentences) + f" (article {next(_ARTICLES)})"
    statements, start = [], 0
    for sentence, (name, kind) in zip(sentences, mentions, strict=True):
        span = Span(sentence, start, start + len(sentence))
        statements.append(Statement(content=span, kind="indirect", speaker_name=name, speaker_kind=kind))
        start += len(sentence) + 1
    article = store(NewArticle(text=text), statements, linker=linker).article
    return list(article.claims.order_by("content_start"))


def test_spellings_of_one_person_across_articles_are_one_record():
    forms = [
        "Odalys Ferreira-Nkemelu",
        "Sen. Odalys Ferreira-Nkemelu",
        "Odalys T. Ferreira-Nkemelu",
        "ODALYS FERREIRA-NKEMELU",
    ]
    speakers = {_store((form, "person"))[0].speaker for form in forms}
    assert len(speakers) == 1 and None not in speakers


def test_a_suffix_makes_another_person():
    senior = _store(("Brannock Hale", "person"))[0].speaker
    junior = _store(("Brannock Hale Jr.", "person"))[0].speaker
    assert senior != junior


def test_a_one_word_mention_links_to_the_only_record_with_that_surname():
    record = _store(("Teodora Vasquez-Lind", "person"))[0].speaker
    claim = _store(("Vasquez-Lind", "person"))[0]
    assert (claim.speaker, claim.speaker_link) == (record, SpeakerLink.LINKED)


def test_a_one_word_mention_never_becomes_a_record_of_its_own():
    claim = _store(("Quillfeather", "person"))[0]
    assert (claim.speaker, claim.speaker_link) == (None, SpeakerLink.WAITING)
    assert not Speaker.objects.filter(name="Quillfeather").exists()


def test_a_waiting_mention_is_linked_when_its_person_appears():
    waiting = _store(("Quillfeather", "person"))[0]
    record = _store(("Ambrose Quillfeather", "person"))[0].speaker
    waiting.refresh_from_db()
    assert (waiting.speaker, waiting.speaker_link) == (record, SpeakerLink.LINKED)
    assert waiting.version == 2


def test_two_people_with_one_surname_leave_a_bare_surname_ambiguous():
    first = _store(("Mireille Okonkwo", "person"))[0].speaker
    second = _store(("Dayo Okonkwo", "person"))[0].speaker
    assert first != second
    claim = _store(("Okonkwo", "person"))[0]
    assert (claim.speaker, claim.speaker_link) == (None, SpeakerLink.AMBIGUOUS)


def test_the_article_that_names_one_of_two_namesakes_decides_its_bare_surname():
    _store(("Mireille Okonkwo", "person"))
    dayo = _store(("Dayo Okonkwo", "person"))[0].speaker
    full, bare = _store(("Dayo Okonkwo", "person"), ("Okonkwo", "person"))
    assert full.speaker == bare.speaker == dayo


def test_a_waiting_mention_becomes_ambiguous_when_two_namesakes_exist():
    waiting = _store(("Okonkwo", "person"))[0]
    _store(("Mireille Okonkwo", "person"), ("Dayo Okonkwo", "person"))
    waiting.refresh_from_db()
    assert (waiting.speaker, waiting.speaker_link) == (None, SpeakerLink.AMBIGUOUS)


def test_organisations_and_people_are_never_one_record():
    org = _store(("The Halvorsen Foundation", "organisation"))[0].speaker
    person = _store(("Ingrid Halvorsen", "person"))[0].speaker
    assert org.kind == "organisation" and person.kind == "person" and org != person
    assert _store(("Halvorsen", "person"))[0].speaker == person


def test_groups_anonymous_and_unknown_speakers_get_no_record():
    claims = _store(("Local residents", "group"), ("a senior official", "anonymous"), (None, "unknown"))
    assert [(c.speaker, c.speaker_link) for c in claims] == [(None, SpeakerLink.NONE)] * 3
    assert Speaker.objects.count() == 0


def test_the_engine_kind_is_kept_on_the_claim():
    claim = _store(("The Halvorsen Foundation", "organisation"))[0]
    assert claim.speaker_kind == "organisation"


def test_a_linker_rolled_back_with_its_transaction_forgets_its_records():
    linker = SpeakerLinker()
    with pytest.raises(RuntimeError), linker.remembering():
        linker.link_article([Mention("Pavla Strnadova", "person")])
        raise RuntimeError("storage failed")
    assert linker.link_article([Mention("Pavla Strnadova", "person")])[0].speaker is not None


def test_ingested_articles_about_the_same_people_under_different_name_forms():
    texts = [
        "Governor Lucinda Brandvold said the ferry service would resume in spring.",
        "\u201cWe are not finished,\u201d Brandvold said on Tuesday.",
        "Lucinda R. Brandvold said the budget was balanced, and Ruben Castellano said the harbour was full.",
    ]
    speakers = [[c.speaker for c in article_ingest(text=t).article.claims.order_by("content_start")] for t in texts]
    lucinda = speakers[0][0]
    assert lucinda is not None and lucinda.name == "Lucinda Brandvold"
    assert speakers[1][0] == lucinda
    assert lucinda in speakers[2]
    ruben = [s for s in speakers[2] if s is not None and s != lucinda]
    assert ruben and ruben[0].name == "Ruben Castellano"


def test_a_middle_name_spelled_out_links_to_the_only_record_with_that_given_name_and_surname():
    short = _store(("Ama Boateng", "person"))[0].speaker
    assert _store(("Ama Serwaa Boateng", "person"))[0].speaker == short
    assert _store(("Kofi Boateng", "person"))[0].speaker != short


def test_descriptions_quantifiers_and_clauses_never_become_records():
    claims = _store(
        ("the retired harbour master", "person"),
        ("each", "person"),
        ("Ferry Chief Warns Council Over Fares Again Today", "person"),
        ("a review of the accounts", "organisation"),
    )
    assert [c.speaker for c in claims] == [None] * 4
    assert Speaker.objects.count() == 0


def test_a_bare_surname_never_links_to_an_organisation_named_the_same_in_the_article():
    org, bare = _store(("Halloran", "organisation"), ("Halloran", "person"))
    assert org.speaker is not None and org.speaker.kind == "organisation"
    assert bare.speaker is None


def _store_said(*mentions: tuple[str, str]) -> list[Claim]:
    """One stored article; each (name, words) mention is a statement whose speaker is written as ``words``."""
    text, statements = "", []
    for name, words in mentions:
        start = len(text)
        text += f"{words} said the ferry would run. "
        statements.append(
            Statement(
                content=Span("the ferry would run", start + len(words) + 6, start + len(words) + 25),
                kind="indirect",
                speaker=Span(words, start, start + len(words)),
                speaker_name=name,
                speaker_kind="person",
            )
        )
    text += f"(article {next(_ARTICLES)})"
    article = store(NewArticle(text=text), statements).article
    return list(article.claims.order_by("content_start"))


def test_mr_and_a_surname_never_link_to_the_only_namesake_whose_given_name_is_a_womans():
    _store(("Margaret Quillfeather", "person"))
    claim = _store_said(("Quillfeather", "Mr. Quillfeather"))[0]
    assert (claim.speaker, claim.speaker_link) == (None, SpeakerLink.WAITING)
    thomas = _store(("Thomas Quillfeather", "person"))[0].speaker
    claim.refresh_from_db()
    assert (claim.speaker, claim.speaker_link) == (thomas, SpeakerLink.LINKED)


def test_he_in_an_article_says_who_its_other_bare_mentions_of_the_surname_are():
    _store(("Margaret Quillfeather", "person"))
    thomas = _store(("Thomas Quillfeather", "person"))[0].speaker
    claims = _store_said(("Quillfeather", "he"), ("Quillfeather", "the minister"), ("Quillfeather", "Quillfeather"))
    assert [(c.speaker, c.speaker_link) for c in claims] == [(thomas, SpeakerLink.LINKED)] * 3


def test_a_waiting_bare_surname_takes_the_gender_its_article_gave_it_when_namesakes_appear():
    claims = _store_said(("Quillfeather", "Mr. Quillfeather"), ("Quillfeather", "the minister"))
    _store(("Margaret Quillfeather", "person"))
    thomas = _store(("Thomas Quillfeather", "person"))[0].speaker
    for claim in claims:
        claim.refresh_from_db()
    assert [(c.speaker, c.speaker_link) for c in claims] == [(thomas, SpeakerLink.LINKED)] * 2


def test_a_bare_surname_with_no_gender_stays_ambiguous_between_a_woman_and_a_man():
    _store(("Margaret Quillfeather", "person"), ("Thomas Quillfeather", "person"))
    claim = _store_said(("Quillfeather", "the minister"))[0]
    assert (claim.speaker, claim.speaker_link) == (None, SpeakerLink.AMBIGUOUS)
