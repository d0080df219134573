"""Identity keys on invented names: which spellings are one person, which are two."""

import pytest

from newsclaims.claims.naming import identity_key, organisation_key, person_key


@pytest.mark.parametrize(
    "variant",
    [
        "Marisol Q. Dunleavy",
        "Marisol Dunleavy",
        "MARISOL  DUNLEAVY",
        "Sen. Marisol Dunleavy",
        "Governor Marisol Dunleavy",
        "Marisol Dunleavy's",
        "Marisol Quintana Dunleavy",
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
    assert person_key("Ines Okafor-Lindqvist").surname == "okafor-lindqvist"


def test_a_bare_title_or_punctuation_is_no_name():
    assert person_key("...") is None
    assert identity_key("—", kind="person") == ""


def test_organisations_drop_a_leading_article_only():
    assert organisation_key("The Harbour Authority") == organisation_key("harbour authority")
    assert organisation_key("The Harbour Authority") != organisation_key("Harbour Authority Union")


def test_the_identity_key_depends_on_the_kind():
    assert identity_key("Dr. Marisol Dunleavy", kind="person") == "marisol dunleavy"
    assert identity_key("The Dunleavy Group", kind="organisation") == "dunleavy group"
