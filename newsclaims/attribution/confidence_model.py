"""The confidence model: two factors (a linear score plus boosted trees for the content, a linear score for the
speaker), their product calibrated by Platt scaling.  ``confidence`` describes a statement by its features; this
module only scores them, a Doc's statements at once.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import TypeAlias

import numpy
from numpy.typing import NDArray

Features = dict[str, float]

# A regression tree: a leaf's value, or (feature, threshold, the subtree for values <= threshold, the other one).
Tree: TypeAlias = "float | tuple[str, float, Tree, Tree]"


@dataclass(frozen=True, slots=True)
class Model:
    """Two factors: the content is right (a linear score plus boosted trees), and, given that, the speaker is right
    (a linear score).  Their product is the probability of being right end to end, which Platt scaling then
    calibrates.  A model with no speaker weights is a single factor: linear plus trees, then Platt."""

    weights: dict[str, float]
    platt: tuple[float, float]  # calibrated p = sigmoid(a * score + b)
    # Boosted trees added to the linear score: they catch the interactions a linear model misses (a pronoun
    # far from its antecedent in a long indirect content) without a hand-written feature for each.
    trees: tuple[Tree, ...] = ()
    # The speaker factor, fitted on the statements whose content is right: the few statements with a wrong speaker
    # look nothing like the many with a wrong content, and one linear score for both ranks neither well.
    speaker_weights: dict[str, float] = field(default_factory=dict)
    _forest: _Forest = field(init=False, repr=False, compare=False)
    _table: dict[str, tuple[float, float, int]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Compiled once per model: the trees as arrays and one table of both factors' weights.
        object.__setattr__(self, "_forest", _Forest.of(self.trees))
        names = self.weights.keys() | self.speaker_weights.keys() | self._forest.columns.keys()
        table = {
            n: (self.weights.get(n, 0.0), self.speaker_weights.get(n, 0.0), self._forest.columns.get(n, -1))
            for n in names
        }
        object.__setattr__(self, "_table", table)

    def content_score(self, x: Features) -> float:
        """The first factor's logit; features the model never saw weigh nothing."""
        return self._factors([x])[0][0]

    def score(self, x: Features) -> float:
        """The uncalibrated logit: the first factor's, or with two factors the logit of their product."""
        return self.scores([x])[0]

    def predict(self, x: Features) -> float:
        return self.predict_many([x])[0]

    def predict_many(self, xs: Sequence[Features]) -> list[float]:
        """``predict`` of each of a Doc's statements, the trees read for all of them at once."""
        a, b = self.platt
        return [_sigmoid(a * s + b) for s in self.scores(xs)]

    def scores(self, xs: Sequence[Features]) -> list[float]:
        if not self.speaker_weights:
            return [content for content, _speaker in self._factors(xs)]
        out = []
        for content, speaker in self._factors(xs):
            # The logit of the product of the two probabilities, so that Platt scaling meets the scale it was
            # made for.
            log_p = min(_log_sigmoid(content) + _log_sigmoid(speaker), -1e-12)
            out.append(log_p - math.log(-math.expm1(log_p)))
        return out

    def _factors(self, xs: Sequence[Features]) -> list[tuple[float, float]]:
        """Each statement's two logits: content (linear plus trees) and speaker (linear).  The sums run in the
        order of the statement's features and then of the trees, as a plain loop over them would add them, so
        the scores do not move in the last digit with the batch."""
        table, width = self._table, len(self._forest.columns)
        linear: list[tuple[float, float]] = []
        rows: list[list[float]] = []
        for x in xs:
            content = speaker = 0.0
            row = [0.0] * width  # a feature left out counts as 0
            for name, value in x.items():
                entry = table.get(name)
                if entry is not None:
                    content += value * entry[0]
                    speaker += value * entry[1]
                    if entry[2] >= 0:
                        row[entry[2]] = value
            linear.append((content, speaker))
            rows.append(row)
        if not self.trees or not xs:
            return linear
        totals = self._forest.add_leaves([c for c, _s in linear], numpy.array(rows, dtype=numpy.float64))
        return [(total, s) for total, (_c, s) in zip(totals, linear, strict=True)]

    def to_json(self) -> dict[str, object]:
        names = sorted(self.weights)
        out: dict[str, object] = {
            "_doc": "Confidence model fitted by bench/confidence.py: feature names and numbers only.",
            "features": names,
            "weights": [round(self.weights[n], 6) for n in names],
            "platt": [round(self.platt[0], 6), round(self.platt[1], 6)],
            "trees": [_tree_json(t) for t in self.trees],
        }
        if self.speaker_weights:
            speaker = sorted(self.speaker_weights)
            out["speaker_features"] = speaker
            out["speaker_weights"] = [round(self.speaker_weights[n], 6) for n in speaker]
        return out

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> Model:
        names, weights, platt = data["features"], data["weights"], data["platt"]
        trees = data.get("trees", [])
        speaker, speaker_weights = data.get("speaker_features", []), data.get("speaker_weights", [])
        if not (
            isinstance(names, list)
            and isinstance(weights, list)
            and isinstance(platt, list)
            and isinstance(trees, list)
            and isinstance(speaker, list)
            and isinstance(speaker_weights, list)
        ):
            raise ValueError("confidence model: features, weights, platt, trees and speaker weights must be lists")
        if len(names) != len(weights) or len(speaker) != len(speaker_weights) or len(platt) != 2:
            raise ValueError("confidence model: one weight per feature and two Platt parameters expected")
        return cls(
            {str(n): float(w) for n, w in zip(names, weights, strict=True)},
            (float(platt[0]), float(platt[1])),
            tuple(_tree_of(t) for t in trees),
            {str(n): float(w) for n, w in zip(speaker, speaker_weights, strict=True)},
        )


def _tree_json(tree: Tree) -> object:
    if isinstance(tree, float):
        return round(tree, 6)
    name, threshold, low, high = tree
    return [name, round(threshold, 6), _tree_json(low), _tree_json(high)]


def _tree_of(raw: object) -> Tree:
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return float(raw)
    if isinstance(raw, list) and len(raw) == 4 and isinstance(raw[0], str) and isinstance(raw[1], int | float):
        return (raw[0], float(raw[1]), _tree_of(raw[2]), _tree_of(raw[3]))
    raise ValueError("confidence model: a tree is a number or [feature, threshold, low, high]")


@dataclass(frozen=True, slots=True)
class _Forest:
    """The trees as flat node arrays, so that one Doc's statements go down all of them in a few array steps instead
    of a Python loop per node.  A leaf points to itself, so every statement takes ``depth`` steps."""

    columns: dict[str, int]  # split feature -> its column in the statement matrix
    feature: NDArray[numpy.intp]  # per node: the column it splits on (a leaf: 0)
    threshold: NDArray[numpy.float64]
    low: NDArray[numpy.intp]  # per node: the next node for values <= threshold (a leaf: itself)
    high: NDArray[numpy.intp]
    value: NDArray[numpy.float64]  # per node: the leaf's value (a split: 0)
    roots: NDArray[numpy.intp]
    depth: int

    @classmethod
    def of(cls, trees: Sequence[Tree]) -> _Forest:
        columns: dict[str, int] = {}
        feature: list[int] = []
        threshold: list[float] = []
        low: list[int] = []
        high: list[int] = []
        value: list[float] = []

        def add(tree: Tree) -> tuple[int, int]:
            """The node's index and the depth below it."""
            k = len(feature)
            feature.append(0)
            threshold.append(0.0)
            low.append(k)
            high.append(k)
            value.append(0.0)
            if isinstance(tree, float):
                value[k] = tree
                return k, 0
            name, limit, left, right = tree
            feature[k] = columns.setdefault(name, len(columns))
            threshold[k] = limit
            (low[k], d_low), (high[k], d_high) = add(left), add(right)
            return k, 1 + max(d_low, d_high)

        added = [add(t) for t in trees]
        return cls(
            columns,
            numpy.array(feature, dtype=numpy.intp),
            numpy.array(threshold, dtype=numpy.float64),
            numpy.array(low, dtype=numpy.intp),
            numpy.array(high, dtype=numpy.intp),
            numpy.array(value, dtype=numpy.float64),
            numpy.array([k for k, _d in added], dtype=numpy.intp),
            max((d for _k, d in added), default=0),
        )

    def add_leaves(self, base: list[float], x: NDArray[numpy.float64]) -> list[float]:
        """``base[i]`` plus the leaf of each tree for row ``i`` of ``x``, added tree after tree."""
        rows = numpy.arange(len(x))[:, None]
        node = numpy.broadcast_to(self.roots, (len(x), len(self.roots)))
        for _ in range(self.depth):
            node = numpy.where(x[rows, self.feature[node]] <= self.threshold[node], self.low[node], self.high[node])
        # Accumulating along the row adds one term at a time, left to right: the order of the scalar loop.
        terms = numpy.concatenate([numpy.array(base, dtype=numpy.float64)[:, None], self.value[node]], axis=1)
        out: list[float] = numpy.add.accumulate(terms, axis=1)[:, -1].tolist()
        return out


def _log_sigmoid(z: float) -> float:
    return -math.log1p(math.exp(-z)) if z >= 0 else z - math.log1p(math.exp(z))


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


@cache
def load_model(name: str = "confidence.json") -> Model:
    raw = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    return Model.from_json(json.loads(raw))
