"""The name a speaker resolves to is the fullest name the article gives, and never a phrase that only looks like one:
a surname the tagger misreads, a surname with a particle or a suffix, a headline's word next to a name, a team, a
company or a country written short."""

from __future__ import annotations

from .conftest import find, run


def test_surname_read_as_a_common_noun_at_a_paragraph_start_is_the_person_named_in_full() -> None:
    text = (
        "Helen Bright is doubling down on her attacks on the regulator.\n\n"
        "Bright posted a series of messages early Friday saying that the agency was a disaster."
    )
    s = find(run(text), "agency was a disaster")
    assert (s.speaker_name, s.speaker_kind) == ("Helen Bright", "person")


def test_surname_of_a_name_with_a_generational_suffix_resolves_to_the_full_name() -> None:
    text = (
        "Vice President Harold T. Brennan Jr. visited the plant on Monday.\n\n"
        '"Tell that to the workers who are paying taxes," Mr. Brennan said.'
    )
    s = find(run(text), "paying taxes")
    assert s.speaker_name == "Harold T. Brennan Jr."


def test_surname_with_a_particle_resolves_to_the_full_name() -> None:
    text = (
        "Marten Van Hollis, who runs the forestry venture, bought the land last year.\n\n"
        "An acre of young trees can absorb many tons of carbon, Mr. Van Hollis said."
    )
    s = find(run(text), "tons of carbon")
    assert s.speaker_name == "Marten Van Hollis"


def test_two_word_surname_resolves_to_the_full_name() -> None:
    text = (
        "Ramiro Ortega Luna, the trade minister, toured the border crossing.\n\n"
        "The new rules would hurt farmers on both sides, Mr. Ortega Luna said."
    )
    s = find(run(text), "hurt farmers")
    assert s.speaker_name == "Ramiro Ortega Luna"
