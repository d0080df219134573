"""Fit the engine's confidence model on the dev corpus and report it on held-out folds.

    .venv/bin/python bench/confidence.py [--gold ../shared/corpus/dev_gold.jsonl] [--folds 5] [--write]

The label of a statement is the one ``../shared/eval/score.py`` uses for its calibration figures: right end to end
(its content overlap-matches a gold attribution one-to-one and its speaker is right).  The model has two factors:
the content is right (an L2-penalised logistic regression fitted by Newton's method, plus gradient-boosted depth-3
trees, numpy only, the two combined by Platt scaling), and, among statements whose content is right, the speaker is
right (a penalised logistic regression, Platt-scaled).  The logit of their product is Platt-scaled once more against
being right end to end.  Everything reported is cross-validated by article (every statement of an article in the
same fold): for each outer fold, the penalties are chosen and the calibrations fitted on held-out scores of an inner
cross-validation, also by article, on the other folds only, and the fold is then scored once.  ``--write`` refits on
all articles and stores feature names, numbers and trees over those names (no text) in
``newsclaims/attribution/data/confidence.json``.  Folds, fits and trees are deterministic: the same corpus and
engine give the same file.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import random
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newsclaims.attribution import load_pipeline  # noqa: E402
from newsclaims.attribution.chunking import sanitize  # noqa: E402
from newsclaims.attribution.components import Attributor  # noqa: E402
from newsclaims.attribution.confidence import Model, Tree  # noqa: E402

DEFAULT_GOLD = ROOT.parent / "shared" / "corpus" / "dev_gold.jsonl"
OUT = ROOT / "newsclaims" / "attribution" / "data" / "confidence.json"
PENALTIES = (3.0, 10.0, 30.0, 100.0)
# A one-hot feature seen fewer times than this in the training articles gets no weight of its own: a cue lemma
# met twice says nothing reliable about the engine's accuracy.
MIN_COUNT = 5
BINS = 10


def load_score(gold: Path) -> ModuleType:
    path = gold.parent.parent / "eval" / "score.py"
    spec = importlib.util.spec_from_file_location("nc_score", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


Row = tuple[int, dict[str, float], bool, bool]


def statement_rows(gold: Path) -> list[Row]:
    """(article number, features, right end to end, content right) for every statement the engine makes on the
    corpus; the content is right when it overlap-matches a gold attribution, whatever the speaker."""
    score = load_score(gold)
    docs = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    attributor = load_pipeline().get_pipe("newsclaims_attribution")
    assert isinstance(attributor, Attributor)
    attributor.keep_features = True
    nlp = load_pipeline()
    rows: list[Row] = []
    try:
        for n, (d, doc) in enumerate(zip(docs, nlp.pipe(sanitize(d["text"]) for d in docs), strict=True)):
            text = d["text"]
            records: list[dict[str, Any]] = doc._.nc_statements or []
            mask = score._mask(len(text), score.quote_regions(text))
            preds = [
                score.PredItem(d["id"], i, _pred(text, r), text, mask, lambda _w: None) for i, r in enumerate(records)
            ]
            golds = [score.GoldItem(d["id"], i, a, text) for i, a in enumerate(d["attributions"])]
            dropped = {pi for gi, pi in score.match_overlap(golds, preds) if golds[gi].optional}
            keep = [pi for pi in range(len(preds)) if pi not in dropped]
            golds = [g for g in golds if not g.optional]
            kept = [preds[pi] for pi in keep]
            pairs = score.match_overlap(golds, kept)
            matched = {keep[pi] for _gi, pi in pairs}
            right = {keep[pi] for gi, pi in pairs if score.speaker_correct(golds[gi], kept[pi])}
            rows += [(n, records[pi]["features"], pi in right, pi in matched) for pi in keep]
    finally:
        attributor.keep_features = False
    return rows


def _pred(text: str, r: dict[str, Any]) -> dict[str, Any]:
    cs, ce = r["content"]
    sp = r["speaker"]
    return {
        "content": text[cs:ce],
        "content_start": cs,
        "content_end": ce,
        "speaker": text[sp[0] : sp[1]] if sp else None,
        "speaker_start": sp[0] if sp else None,
        "speaker_end": sp[1] if sp else None,
        "kind": r["kind"],
    }


# -- the model ------------------------------------------------------------------------------------------------------
def vocabulary(rows: list[dict[str, float]]) -> list[str]:
    seen = Counter(k for x in rows for k, v in x.items() if v)
    return sorted(k for k, c in seen.items() if c >= MIN_COUNT or k == "bias")


def matrix(rows: list[dict[str, float]], names: list[str]) -> np.ndarray:
    index = {n: j for j, n in enumerate(names)}
    m = np.zeros((len(rows), len(names)))
    for i, x in enumerate(rows):
        for k, v in x.items():
            j = index.get(k)
            if j is not None:
                m[i, j] = v
    return m


def fit_lr(x: np.ndarray, y: np.ndarray, penalty: float, free: int | None = None) -> np.ndarray:
    """L2-penalised logistic regression by Newton's method; column ``free`` (the bias) is not penalised."""
    w = np.zeros(x.shape[1])
    reg = np.full(x.shape[1], penalty)
    if free is not None:
        reg[free] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        grad = x.T @ (p - y) + reg * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + np.diag(reg) + 1e-9 * np.eye(x.shape[1])
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.max(np.abs(step)) < 1e-8:
            break
    return w


def fit_calibration(s: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    """Platt scaling of one or more scores: p = sigmoid(s @ a + b)."""
    # Platt's smoothed targets keep the fit finite when a fold is almost all right or all wrong.
    pos, neg = float(y.sum()), float(len(y) - y.sum())
    t = np.where(y > 0, (pos + 1) / (pos + 2), 1 / (neg + 2))
    x = np.column_stack([s, np.ones(len(s))])
    w = np.zeros(x.shape[1])
    w[:-1] = 1.0 / s.shape[1]
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        grad = x.T @ (p - t)
        hess = (x * (p * (1 - p))[:, None]).T @ x + 1e-9 * np.eye(x.shape[1])
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.max(np.abs(step)) < 1e-10:
            break
    return w[:-1], float(w[-1])


# A small, heavily shrunk boosted ensemble: depth-3 trees, each leaf holding at least MIN_LEAF statements.
ROUNDS, DEPTH, SHRINK, LEAF_L2, MIN_LEAF = 150, 3, 0.05, 5.0, 30
Node = float | tuple[int, float, "Node", "Node"]


def fit_trees(x: np.ndarray, y: np.ndarray) -> tuple[float, list[Node]]:
    """Gradient-boosted regression trees on the logistic loss (Newton leaves): the base logit and the trees."""
    base = float(np.log(y.mean() / (1 - y.mean())))
    f = np.full(len(y), base)
    order = np.argsort(x, axis=0, kind="stable").T  # each feature's rows, smallest value first
    trees: list[Node] = []
    for _ in range(ROUNDS):
        p = 1 / (1 + np.exp(-f))
        tree = _grow(x, order, p - y, p * (1 - p), np.ones(len(y), dtype=bool), DEPTH)
        trees.append(tree)
        f += _apply(tree, x)
    return base, trees


def _grow(x: np.ndarray, order: np.ndarray, g: np.ndarray, h: np.ndarray, member: np.ndarray, depth: int) -> Node:
    gs, hs = float(g[member].sum()), float(h[member].sum())
    leaf = -SHRINK * gs / (hs + LEAF_L2)
    m = int(member.sum())
    if depth == 0 or m < 2 * MIN_LEAF:
        return leaf
    rows = order[member[order]].reshape(order.shape[0], m)  # per feature, this node's rows in value order
    xs = np.take_along_axis(x.T, rows, axis=1)
    gl, hl = np.cumsum(g[rows], axis=1), np.cumsum(h[rows], axis=1)
    gain = gl**2 / (hl + LEAF_L2) + (gs - gl) ** 2 / (hs - hl + LEAF_L2)
    valid = np.zeros_like(gain, dtype=bool)
    valid[:, MIN_LEAF - 1 : m - MIN_LEAF] = True
    valid[:, :-1] &= xs[:, :-1] < xs[:, 1:]  # split only between different values
    valid[:, -1] = False
    gain = np.where(valid, gain, -np.inf)
    j, k = np.unravel_index(int(np.argmax(gain)), gain.shape)
    if not np.isfinite(gain[j, k]) or gain[j, k] <= gs**2 / (hs + LEAF_L2):
        return leaf
    threshold = float((xs[j, k] + xs[j, k + 1]) / 2)
    low = member & (x[:, j] <= threshold)
    high = member & (x[:, j] > threshold)
    return (int(j), threshold, _grow(x, order, g, h, low, depth - 1), _grow(x, order, g, h, high, depth - 1))


def _apply(tree: Node, x: np.ndarray) -> np.ndarray:
    if isinstance(tree, float):
        return np.full(len(x), tree)
    j, threshold, low, high = tree
    out = np.empty(len(x))
    at = x[:, j] <= threshold
    out[at] = _apply(low, x[at])
    out[~at] = _apply(high, x[~at])
    return out


def tree_score(base: float, trees: list[Node], x: np.ndarray) -> np.ndarray:
    return base + sum((_apply(t, x) for t in trees), np.zeros(len(x)))


def _named(tree: Node, names: list[str], scale: float) -> Tree:
    if isinstance(tree, float):
        return float(tree * scale)
    j, threshold, low, high = tree
    return (names[j], threshold, _named(low, names, scale), _named(high, names, scale))


def folds_of(articles: list[int], k: int, seed: int) -> list[set[int]]:
    ids = sorted(set(articles))
    random.Random(seed).shuffle(ids)
    return [set(ids[i::k]) for i in range(k)]


def log_sigmoid(z: np.ndarray) -> np.ndarray:
    return -np.logaddexp(0.0, -z)


def product_logit(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The logit of sigmoid(a) * sigmoid(b), as ``Model.score`` computes it."""
    log_p = np.minimum(log_sigmoid(a) + log_sigmoid(b), -1e-12)
    return np.asarray(log_p - np.log(-np.expm1(log_p)))


def log_loss(z: np.ndarray, y: np.ndarray) -> float:
    """Mean log loss of the logits ``z``."""
    return float(np.mean(y * np.logaddexp(0.0, -z) + (1 - y) * np.logaddexp(0.0, z)))


def out_of_fold_logits(
    rows: list[dict[str, float]],
    y: np.ndarray,
    content: np.ndarray,
    arts: list[int],
    k: int,
    penalties: tuple[float, ...],
    seed: int,
) -> tuple[dict[float, np.ndarray], np.ndarray, dict[float, np.ndarray]]:
    """Held-out scores by article folds of these rows: the content factor's linear scores (one array per penalty)
    and tree scores, and the speaker factor's linear scores (one array per penalty; fitted on the training
    statements whose content is right, scored on every held-out statement)."""
    linear = {penalty: np.zeros(len(rows)) for penalty in penalties}
    speaker = {penalty: np.zeros(len(rows)) for penalty in penalties}
    tree = np.zeros(len(rows))
    for fold in folds_of(arts, k, seed):
        tr = [i for i, a in enumerate(arts) if a not in fold]
        te = [i for i, a in enumerate(arts) if a in fold]
        names = vocabulary([rows[i] for i in tr])
        bias = names.index("bias")
        x_tr, x_te = matrix([rows[i] for i in tr], names), matrix([rows[i] for i in te], names)
        found = content[tr] > 0
        for penalty in penalties:
            linear[penalty][te] = x_te @ fit_lr(x_tr, content[tr], penalty, bias)
            speaker[penalty][te] = x_te @ fit_lr(x_tr[found], y[tr][found], penalty, bias)
        base, trees = fit_trees(x_tr, content[tr])
        tree[te] = tree_score(base, trees, x_te)
    return linear, tree, speaker


def fit(
    rows: list[dict[str, float]], y: np.ndarray, content: np.ndarray, arts: list[int], k: int, seed: int
) -> tuple[Model, tuple[float, float]]:
    """Choose each factor's penalty and calibration, and the final Platt scaling, by cross-validation on these rows;
    then fit both factors on all of them.  The content factor is right content (linear and tree scores, combined by
    Platt scaling); the speaker factor is a right speaker among the statements whose content is right (linear,
    Platt-scaled on those statements).  Their log-probabilities add up, and a last Platt scaling calibrates the sum
    against being right end to end."""
    linear, tree, speaker = out_of_fold_logits(rows, y, content, arts, k, PENALTIES, seed)
    found = content > 0
    c_best: tuple[float, float, np.ndarray, float] | None = None
    for penalty in PENALTIES:
        s = np.column_stack([linear[penalty], tree])
        a, b = fit_calibration(s, content)
        loss = log_loss(s @ a + b, content)
        if c_best is None or loss < c_best[0]:
            c_best = (loss, penalty, a, b)
    s_best: tuple[float, float, np.ndarray, float] | None = None
    for penalty in PENALTIES:
        s = speaker[penalty][found, None]
        a, b = fit_calibration(s, y[found])
        loss = log_loss(s @ a + b, y[found])
        if s_best is None or loss < s_best[0]:
            s_best = (loss, penalty, a, b)
    assert c_best is not None and s_best is not None
    _, c_penalty, c_a, c_b = c_best
    _, s_penalty, s_a, s_b = s_best
    z = product_logit(np.column_stack([linear[c_penalty], tree]) @ c_a + c_b, speaker[s_penalty] * s_a[0] + s_b)
    platt_a, platt_b = fit_calibration(z[:, None], y)

    names = vocabulary(rows)
    bias = names.index("bias")
    x = matrix(rows, names)
    all_found = content > 0
    w = fit_lr(x, content, c_penalty, bias) * c_a[0]
    base, trees = fit_trees(x, content)
    w[bias] += c_b + float(c_a[1]) * base
    ws = fit_lr(x[all_found], y[all_found], s_penalty, bias) * s_a[0]
    ws[bias] += s_b
    # Each factor's calibration is folded into its stored numbers (linear weights times its Platt slope, tree leaves
    # times theirs, offsets and the trees' base logit into the bias), so the model scores with two sums.
    model = Model(
        dict(zip(names, (float(v) for v in w), strict=True)),
        (float(platt_a[0]), platt_b),
        tuple(_named(t, names, float(c_a[1])) for t in trees),
        dict(zip(names, (float(v) for v in ws), strict=True)),
    )
    return model, (c_penalty, s_penalty)


# -- figures --------------------------------------------------------------------------------------------------------
def auroc(p: list[float], y: list[bool]) -> float:
    pos = [c for c, r in zip(p, y, strict=True) if r]
    neg = [c for c, r in zip(p, y, strict=True) if not r]
    wins = sum((c > d) + 0.5 * (c == d) for c in pos for d in neg)
    return wins / (len(pos) * len(neg))


def reliability(p: list[float], y: list[bool]) -> tuple[float, list[tuple[float, float, int, float, float]]]:
    table = []
    for b in range(BINS):
        lo, hi = b / BINS, (b + 1) / BINS
        inb = [(c, r) for c, r in zip(p, y, strict=True) if lo <= c < hi or (b == BINS - 1 and c == 1.0)]
        if inb:
            table.append((lo, hi, len(inb), sum(c for c, _ in inb) / len(inb), sum(r for _, r in inb) / len(inb)))
    ece = sum(n * abs(c - r) for _, _, n, c, r in table) / len(p)
    return ece, table


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--write", action="store_true", help=f"refit on everything and write {OUT.relative_to(ROOT)}")
    args = ap.parse_args()
    if not args.gold.exists():
        print(f"{args.gold} not found: the dev corpus lives outside the repository", file=sys.stderr)
        return 2

    data = statement_rows(args.gold)
    arts = [a for a, _, _, _ in data]
    rows = [x for _, x, _, _ in data]
    y = np.array([float(r) for _, _, r, _ in data])
    content = np.array([float(c) for _, _, _, c in data])
    print(
        f"statements: {len(rows)}, right end to end: {int(y.sum())} ({y.mean():.3f}), content right: "
        f"{int(content.sum())}, articles: {len(set(arts))}"
    )

    held: list[float] = [0.0] * len(rows)
    fold_auroc: list[float] = []
    for k, fold in enumerate(folds_of(arts, args.folds, args.seed)):
        tr = [i for i, a in enumerate(arts) if a not in fold]
        te = [i for i, a in enumerate(arts) if a in fold]
        model, penalty = fit(
            [rows[i] for i in tr], y[tr], content[tr], [arts[i] for i in tr], args.folds - 1, args.seed + k + 1
        )
        for i in te:
            held[i] = model.predict(rows[i])
        fy = [bool(y[i]) for i in te]
        fold_auroc.append(auroc([held[i] for i in te], fy))
        print(
            f"fold {k}: {len(te):4d} statements, penalties {penalty[0]:g}/{penalty[1]:g}, "
            f"AUROC {auroc([held[i] for i in te], fy):.3f}"
        )
    labels = [bool(v) for v in y]
    ece, table = reliability(held, labels)
    print(
        f"held-out (cross-validated by article): AUROC {auroc(held, labels):.3f} (mean of folds "
        f"{sum(fold_auroc) / len(fold_auroc):.3f})  ECE {ece:.3f}"
    )
    print("reliability (held-out):  bin        n   mean conf  right")
    for lo, hi, n, c, r in table:
        print(f"                         [{lo:.1f}-{hi:.1f}) {n:5d}   {c:.3f}      {r:.3f}")

    if args.write:
        model, penalty = fit(rows, y, content, arts, args.folds, args.seed)
        OUT.write_text(json.dumps(model.to_json(), indent=1) + "\n", encoding="utf-8")
        top = sorted(model.weights.items(), key=lambda kv: -abs(kv[1]))[:12]
        print(
            f"wrote {OUT.relative_to(ROOT)}: {len(model.weights)} weights per factor, penalties {penalty}, "
            f"platt {model.platt}"
        )
        print("largest weights: " + ", ".join(f"{k} {v:+.2f}" for k, v in top))
    if math.isnan(ece):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
