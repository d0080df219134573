"""The fitted confidence: shipped as numbers, read through the component config, and it ranks."""

from __future__ import annotations

import json
from importlib import resources

from newsclaims.attribution.confidence import Model, load_model

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
