"""The fitted confidence: shipped as numbers, read through the component config, and it ranks."""

from __future__ import annotations

import json
import math
from importlib import resources

import pytest

from newsclaims.attribution import load_pipeline
from newsclaims.attribution.base import Context, Found
from newsclaims.attribution.confidence import Features, Model, Tree, features, load_model
from newsclaims.attribution.quotes import find_quotes, quoted_mask

from .conftest import find, run


def test_shipped_model_holds_feature_names_and_numbers_only() -> None:
    raw = resources.files("newsclaims.attribution").joinpath("data", "confidence.json").read_text(encoding="utf-8")
    data = json.loads(raw)
    assert len(data["features"]) == len(data["weights"]) > 20
    assert all(isinstance(w, float | int) for w in data["weights"]) and len(data["platt"]) == 2
    # Feature names are a name, '=' and a rule, meaning, lemma or kind: short tokens, never corpus sentences.
    assert all(len(name) <= 40 and " " not in name for name in data["features"])


def test_a_model_round_trips_through_json() -> None:
    model = load_model()
    assert Model.from_json(model.to_json()) == Model.from_json(json.loads(json.dumps(model.to_json())))


def test_unknown_features_weigh_nothing() -> None:
    model = Model({"bias": 0.0, "rule=quote": 2.0}, (1.0, 0.0))
    assert model.predict({"bias": 1.0, "never-seen": 5.0}) == 0.5
    assert model.predict({"bias": 1.0, "rule=quote": 1.0}) > 0.85


def test_a_named_quotation_is_trusted_more_than_an_unattributed_passive() -> None:
    quoted = find(run('"The bridge will reopen in May," Mayor Ilse Brandt said on Monday.'), "bridge")
    passive = find(run("The talks are expected to resume in the spring, after the holidays."), "resume")
    assert 0.0 < passive.confidence < quoted.confidence <= 1.0


def test_trees_add_their_leaf_to_the_linear_score_and_round_trip() -> None:
    tree = ("quote_coverage", 0.5, -1.0, ("speaker_resolved", 0.5, 0.25, 2.0))
    model = Model({"bias": 0.5}, (1.0, 0.0), (tree,))
    assert model.score({"bias": 1.0}) == -0.5  # a feature left out counts as 0
    assert model.score({"bias": 1.0, "quote_coverage": 1.0}) == 0.75
    assert model.score({"bias": 1.0, "quote_coverage": 1.0, "speaker_resolved": 1.0}) == 2.5
    assert Model.from_json(json.loads(json.dumps(model.to_json()))) == model


def test_a_model_without_trees_still_loads() -> None:
    model = Model.from_json({"features": ["bias"], "weights": [0.0], "platt": [1.0, 0.0]})
    assert model.trees == () and model.predict({"bias": 1.0}) == 0.5


def test_malformed_trees_are_refused() -> None:
    with pytest.raises(ValueError):
        Model.from_json({"features": [], "weights": [], "platt": [1.0, 0.0], "trees": [["x", 0.5, 1.0]]})


def test_shipped_trees_split_on_known_features_only() -> None:
    model = load_model()
    names = set(model.weights)

    def split_names(tree: Tree) -> set[str]:
        if isinstance(tree, float):
            return set()
        return {tree[0]} | split_names(tree[2]) | split_names(tree[3])

    assert all(split_names(t) <= names for t in model.trees)


def _features(text: str, content: str, speaker: str | None = None, cue: str | None = None) -> Features:
    """The confidence features of a hand-made statement (content, speaker and cue given as their first
    occurrence in ``text``), so each feature is checked apart from what the rules find."""
    doc = load_pipeline()(text)
    ctx = Context.of(doc)
    start = text.index(content)
    sp = None
    if speaker is not None:
        span = doc.char_span(text.index(speaker), text.index(speaker) + len(speaker))
        assert span is not None
        sp = (span.start, span.end)
    cue_i = None if cue is None else next(t.i for t in doc if t.text == cue)
    f = Found(start, start + len(content), "verb", cue_i=cue_i, speaker=sp)
    if cue_i is not None:
        f.cue = (doc[cue_i].idx, doc[cue_i].idx + len(cue or ""))
    mask = quoted_mask(text, find_quotes(text))
    name = "Ilse Brandt" if speaker is not None else None
    record = {"kind": "indirect", "speaker_name": name, "speaker_kind": "person"}
    return features(ctx, f, record, mask, [f])


def test_resolution_path_tells_a_name_as_written_from_a_pronoun_and_a_surname() -> None:
    written = _features("Ilse Brandt said the bridge would reopen in May.", "the bridge", "Ilse Brandt", "said")
    assert written["resolution=as_written"] == 1.0 and "antecedent_chars" not in written
    text = "Ilse Brandt opened the new tram depot on Monday. She said the bridge would reopen in May."
    pronoun = _features(text, "the bridge would", "She", "said")
    assert pronoun["resolution=pronoun"] == 1.0 and pronoun["antecedent_chars"] > 0
    text = "Ilse Brandt opened the new tram depot on Monday. Brandt said the bridge would reopen in May."
    assert _features(text, "the bridge would", "Brandt said"[:6], "said")["resolution=expanded"] == 1.0


def test_a_pronoun_counts_the_people_named_before_it() -> None:
    lone = "Ilse Brandt opened the depot. She said the trams would run by May."
    crowded = "Ilse Brandt met Tomas Varga and Ada Quist at the depot. She said the trams would run by May."
    assert (
        _features(lone, "the trams", "She", "said")["persons_nearby"]
        < _features(crowded, "the trams", "She", "said")["persons_nearby"]
    )


def test_quotation_left_over_in_the_paragraph_is_counted() -> None:
    text = 'Ilse Brandt said the bridge was safe, and then: "We checked every bolt twice."'
    x = _features(text, "the bridge was safe", "Ilse Brandt", "said")
    assert x["quoted_after"] > 0 and x["quoted_before"] == 0.0


def test_a_content_cut_short_of_its_clause_reaches_outside() -> None:
    text = "Ilse Brandt said the old bridge over the river would reopen in May after repairs."
    whole = _features(text, "the old bridge over the river would reopen in May after repairs", "Ilse Brandt", "said")
    cut = _features(text, "the old bridge over the river would reopen", "Ilse Brandt", "said")
    assert whole["subtree_outside"] == 0.0 < cut["subtree_outside"]


def test_lengths_get_hinges_only_past_their_knots() -> None:
    short = _features("Ilse Brandt said no.", "no", "Ilse Brandt", "said")
    long = _features(
        "Ilse Brandt said the old bridge over the river would reopen in May after two years of repairs to its "
        "piers, its deck and the rails that carry the trams across it.",
        "the old bridge",
        "Ilse Brandt",
        "said",
    )
    assert "content_tokens>1" not in short
    assert short["content_tokens"] < long["words_after_content"] and "words_after_content>2" in long


def test_two_factors_multiply_before_platt_scaling() -> None:
    # Content factor logit 0 (p = 0.5), speaker factor logit ln 3 (p = 0.75): right end to end 0.375 before Platt.
    model = Model({"bias": 0.0}, (1.0, 0.0), (), {"bias": math.log(3.0)})
    assert model.score({"bias": 1.0}) == pytest.approx(math.log(0.375 / 0.625))
    assert model.predict({"bias": 1.0}) == pytest.approx(0.375)
    # Platt scaling then acts on that logit.
    assert Model({"bias": 0.0}, (2.0, 0.5), (), {"bias": math.log(3.0)}).predict({"bias": 1.0}) == pytest.approx(
        1 / (1 + math.exp(-(2 * math.log(0.6) + 0.5)))
    )
    two = Model({"bias": 0.25}, (1.5, -0.5), (), {"bias": 2.0, "speaker_resolved": 0.5})
    assert Model.from_json(json.loads(json.dumps(two.to_json()))) == two


def test_a_model_without_a_speaker_factor_scores_its_single_logit() -> None:
    model = Model.from_json({"features": ["bias"], "weights": [0.7], "platt": [1.0, 0.0]})
    assert model.speaker_weights == {} and model.score({"bias": 1.0}) == pytest.approx(0.7)


def test_speaker_weights_without_their_names_are_refused() -> None:
    with pytest.raises(ValueError):
        Model.from_json(
            {"features": [], "weights": [], "platt": [1.0, 0.0], "speaker_features": ["bias"], "speaker_weights": []}
        )


def test_the_shipped_model_has_a_speaker_factor() -> None:
    assert load_model().speaker_weights


def test_a_content_ending_before_an_aside_records_what_follows() -> None:
    text = "Ilse Brandt said the bridge would reopen in May, a date the council had set."
    x = _features(text, "the bridge would reopen in May", "Ilse Brandt", "said")
    # The aside hangs on a word of the content: a reader may well count it in.
    assert x["next_after_separator"] == 1.0 and x["next_dep=appos"] == 1.0 and x["next_attached_inside"] == 1.0
    assert x["content_dep=ccomp"] == 1.0 and x["cue_tag=VBD"] == 1.0
    whole = _features(
        "Ilse Brandt said the bridge would reopen in May.", "the bridge would reopen in May", "Ilse Brandt"
    )
    assert whole["next_none"] == 1.0 and "next_after_separator" not in whole


def test_an_aside_inside_the_content_is_a_tail_modifier() -> None:
    text = "Ilse Brandt said the bridge would reopen in May, a date the council had set."
    assert (
        _features(text, "the bridge would reopen in May, a date the council had set", "Ilse Brandt")["tail_modifier"]
        == 1.0
    )
    assert _features(text, "the bridge would reopen in May", "Ilse Brandt")["tail_modifier"] == 0.0


def test_a_speaker_named_often_counts_its_mentions_and_statements() -> None:
    text = "Brandt said the bridge would reopen. Brandt said the trams would follow. Brandt opened the depot."
    doc = load_pipeline()(text)
    ctx = Context.of(doc)
    mask = quoted_mask(text, find_quotes(text))
    said = [t.i for t in doc if t.text == "said"]
    found = [
        Found(doc[i + 1].idx, doc[i + 3].idx, "verb", cue_i=i, cue=(doc[i].idx, doc[i].idx + 4), speaker=(i - 1, i))
        for i in said
    ]
    record = {"kind": "indirect", "speaker_name": "Ilse Brandt", "speaker_kind": "person"}
    x = features(ctx, found[0], record, mask, found)
    assert x["name_mentions"] == pytest.approx(math.log1p(3))  # lengths and counts enter as log(1 + n)
    assert x["same_speaker_statements"] == pytest.approx(math.log1p(1))
    alone = features(ctx, found[0], record, mask, found[:1])
    assert alone["same_speaker_statements"] == 0.0
