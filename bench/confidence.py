"""Fit the engine's confidence model on the dev corpus and report it on held-out folds.

    .venv/bin/python bench/confidence.py [--gold ../shared/corpus/dev_gold.jsonl] [--folds 5] [--write]

The label of a statement is the one ``../shared/eval/score.py`` uses for its calibration figures: right end to end
(its content overlap-matches a gold attribution one-to-one and its speaker is right).  The model is a logistic
regression with an L2 penalty (fitted by Newton's method, numpy only) followed by Platt scaling.  Everything
reported is cross-validated by article: for each outer fold, the penalty is chosen and the Platt parameters fitted
by an inner cross-validation on the other folds only, and the fold is then scored once.  ``--write`` refits on all
articles and stores feature names and numbers (no text) in ``newsclaims/attribution/data/confidence.json``.
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
from newsclaims.attribution.confidence import Model  # noqa: E402

DEFAULT_GOLD = ROOT.parent / "shared" / "corpus" / "dev_gold.jsonl"
OUT = ROOT / "newsclaims" / "attribution" / "data" / "confidence.json"
PENALTIES = (0.3, 1.0, 3.0, 10.0)
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


def statement_rows(gold: Path) -> list[tuple[int, dict[str, float], bool]]:
    """(article number, features, right end to end) for every statement the engine makes on the corpus."""
    score = load_score(gold)
    docs = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    attributor = load_pipeline().get_pipe("newsclaims_attribution")
    assert isinstance(attributor, Attributor)
    attributor.keep_features = True
    nlp = load_pipeline()
    rows: list[tuple[int, dict[str, float], bool]] = []
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
            right = {
                keep[pi] for gi, pi in score.match_overlap(golds, kept) if score.speaker_correct(golds[gi], kept[pi])
            }
            rows += [(n, records[pi]["features"], pi in right) for pi in keep]
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


def fit_platt(s: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    # Platt's smoothed targets keep the fit finite when a fold is almost all right or all wrong.
    pos, neg = float(y.sum()), float(len(y) - y.sum())
    t = np.where(y > 0, (pos + 1) / (pos + 2), 1 / (neg + 2))
    x = np.column_stack([s, np.ones_like(s)])
    w = np.array([1.0, 0.0])
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        grad = x.T @ (p - t)
        hess = (x * (p * (1 - p))[:, None]).T @ x + 1e-9 * np.eye(2)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.max(np.abs(step)) < 1e-10:
            break
    return float(w[0]), float(w[1])


def folds_of(articles: list[int], k: int, seed: int) -> list[set[int]]:
    ids = sorted(set(articles))
    random.Random(seed).shuffle(ids)
    return [set(ids[i::k]) for i in range(k)]


def out_of_fold_logits(
    rows: list[dict[str, float]], y: np.ndarray, arts: list[int], k: int, penalty: float, seed: int
) -> np.ndarray:
    s = np.zeros(len(rows))
    for fold in folds_of(arts, k, seed):
        tr = [i for i, a in enumerate(arts) if a not in fold]
        te = [i for i, a in enumerate(arts) if a in fold]
        names = vocabulary([rows[i] for i in tr])
        w = fit_lr(matrix([rows[i] for i in tr], names), y[tr], penalty, names.index("bias"))
        s[te] = matrix([rows[i] for i in te], names) @ w
    return s


def fit(rows: list[dict[str, float]], y: np.ndarray, arts: list[int], k: int, seed: int) -> tuple[Model, float]:
    """Choose the penalty and the Platt parameters by cross-validation on these rows, then fit on all of them."""
    best: tuple[float, float, np.ndarray] | None = None
    for penalty in PENALTIES:
        s = out_of_fold_logits(rows, y, arts, k, penalty, seed)
        a, b = fit_platt(s, y)
        p = np.clip(1 / (1 + np.exp(-(a * s + b))), 1e-6, 1 - 1e-6)
        loss = float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
        if best is None or loss < best[0]:
            best = (loss, penalty, s)
    assert best is not None
    _, penalty, s = best
    platt = fit_platt(s, y)
    names = vocabulary(rows)
    w = fit_lr(matrix(rows, names), y, penalty, names.index("bias"))
    return Model(dict(zip(names, (float(v) for v in w), strict=True)), platt), penalty


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
    arts = [a for a, _, _ in data]
    rows = [x for _, x, _ in data]
    y = np.array([float(r) for _, _, r in data])
    print(f"statements: {len(rows)}, right end to end: {int(y.sum())} ({y.mean():.3f}), articles: {len(set(arts))}")

    held: list[float] = [0.0] * len(rows)
    for k, fold in enumerate(folds_of(arts, args.folds, args.seed)):
        tr = [i for i, a in enumerate(arts) if a not in fold]
        te = [i for i, a in enumerate(arts) if a in fold]
        model, penalty = fit([rows[i] for i in tr], y[tr], [arts[i] for i in tr], args.folds - 1, args.seed + k + 1)
        for i in te:
            held[i] = model.predict(rows[i])
        fy = [bool(y[i]) for i in te]
        print(
            f"fold {k}: {len(te):4d} statements, penalty {penalty:4.1f}, AUROC {auroc([held[i] for i in te], fy):.3f}"
        )
    labels = [bool(v) for v in y]
    ece, table = reliability(held, labels)
    print(f"held-out (cross-validated by article): AUROC {auroc(held, labels):.3f}  ECE {ece:.3f}")
    print("reliability (held-out):  bin        n   mean conf  right")
    for lo, hi, n, c, r in table:
        print(f"                         [{lo:.1f}-{hi:.1f}) {n:5d}   {c:.3f}      {r:.3f}")

    if args.write:
        model, penalty = fit(rows, y, arts, args.folds, args.seed)
        OUT.write_text(json.dumps(model.to_json(), indent=1) + "\n", encoding="utf-8")
        top = sorted(model.weights.items(), key=lambda kv: -abs(kv[1]))[:12]
        print(f"wrote {OUT.relative_to(ROOT)}: {len(model.weights)} weights, penalty {penalty}, platt {model.platt}")
        print("largest weights: " + ", ".join(f"{k} {v:+.2f}" for k, v in top))
    if math.isnan(ece):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
