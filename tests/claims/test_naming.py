"""Identity keys on invented names: which spellings are one person, which are two."""

import pytest

from newsclaims.claims.naming import (
    gender_fits,
    identity_key,
    is_organisation_name,
    is_person_name,
    mention_gender,
    organisation_key,
    person_key,
)


@pytest.mark.parametrize(
    "variant",
    [
        "Marisol Q. Dunleavy",
        "Marisol Dunleavy",
        "MARISOL  DUNLEAVY",
        "Sen. Marisol Dunleavy",
        "Governor Marisol Dunleavy",
        "Marisol Dunleavy's",
        "Marisól Dunleavy",
    ],
)
def test_titles_initials_middle_names_possessives_case_and_accents_do_not_make_a_new_person(variant):
    assert person_key(variant).full == "marisol dunleavy"


def test_a_generational_suffix_makes_another_person():
    father, son = person_key("Rowan Achterberg"), person_key("Rowan Achterberg Jr.")
    assert father.full != son.full
    assert son.full == person_key("rowan achterberg jr").full


def test_a_one_word_name_has_no_given_name_and_is_its_own_surname():
    key = person_key("Dunleavy")
    assert key.is_single_word and key.surname == person_key("Marisol Dunleavy").surname


def test_surname_particles_and_hyphens_stay_with_the_surname():
    assert person_key("Lotte van der Berg").surname == "van der berg"
    assert person_key("Ines Okafor-Lindqvist").surname == "okafor lindqvist"
    assert person_key("Ines Okafor Lindqvist").surname == "lindqvist"


def test_hyphenated_and_spaced_spellings_are_one_key():
    assert person_key("Park Min-jun").full == person_key("Park Min Jun").full == "park min jun"


def test_a_middle_name_spelled_out_is_kept_but_initials_of_an_initialled_name_are_too():
    assert person_key("Marisol Quintana Dunleavy").full == "marisol quintana dunleavy"
    assert person_key("J. K. Okoro").full == "j k okoro"


def test_a_bare_title_or_punctuation_is_no_name():
    assert person_key("...") is None
    assert identity_key("—", kind="person") == ""


def test_organisations_drop_a_leading_article_only():
    assert organisation_key("The Harbour Authority") == organisation_key("harbour authority")
    assert organisation_key("The Harbour Authority") != organisation_key("Harbour Authority Union")


def test_the_identity_key_depends_on_the_kind():
    assert identity_key("Dr. Marisol Dunleavy", kind="person") == "marisol dunleavy"
    assert identity_key("The Dunleavy Group", kind="organisation") == "dunleavy group"


@pytest.mark.parametrize("name", ["Marisol Dunleavy", "Lotte van der Berg", "J. K. Okoro", "Rowan Achterberg Jr."])
def test_names_of_people_are_names(name):
    assert is_person_name(name)


@pytest.mark.parametrize(
    "phrase",
    [
        "the retired harbour master",
        "The veteran lawmaker",
        "each",
        "Many",
        "his",
        "Dunleavy said the bridge, which was closed",
        "Senator Warns Rival on Budget Deal Over Ferry Fares",
        "12:15 p.m.",
    ],
)
def test_descriptions_quantifiers_clauses_and_headlines_are_not_names_of_people(phrase):
    assert not is_person_name(phrase)


@pytest.mark.parametrize("phrase", ["a review of records", "Critics, who", "some of the families"])
def test_lowercase_phrases_and_clauses_are_not_names_of_bodies(phrase):
    assert not is_organisation_name(phrase)


def test_names_of_bodies_are_names():
    assert is_organisation_name("The Harbour Authority") and is_organisation_name("3M")


def test_a_surname_with_its_particle_and_no_given_name_is_a_one_word_mention():
    bare = person_key("Van der Merwe")
    assert bare.is_single_word and bare.surname == person_key("Pieter van der Merwe").surname


def test_a_capitalised_al_before_a_surname_is_a_given_name_but_a_lowercase_al_is_a_particle():
    assert person_key("Al Brindell").given == person_key("Mr. Al Brindell").given == "al"
    assert not person_key("Al Brindell").is_single_word
    assert person_key("al Rashidi").is_single_word


def test_a_number_in_a_name_is_not_an_initial():
    assert person_key("Unit 7 Harbour Crew").full != person_key("Unit 8 Harbour Crew").full


@pytest.mark.parametrize(
    ("said_by", "gender"),
    [("he", "male"), ("His", "male"), ("Mr. Quillfeather", "male"), ("she", "female"), ("Ms Quillfeather", "female")],
)
def test_a_pronoun_or_honorific_says_the_mentions_gender(said_by, gender):
    assert mention_gender(said_by) == gender


@pytest.mark.parametrize("said_by", ["Quillfeather", "President Quillfeather", "the minister", "who", ""])
def test_a_name_title_or_description_says_no_gender(said_by):
    assert mention_gender(said_by) is None


def test_a_record_fits_a_gender_unless_its_given_name_is_listed_under_the_other():
    assert not gender_fits("Margaret Quillfeather", "male")
    assert gender_fits("Thomas Quillfeather", "male")
    assert gender_fits("Odalys Quillfeather", "male")  # a given name the list does not know
    assert gender_fits("Margaret Quillfeather", None)
