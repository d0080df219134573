"""Throughput of the attribution engine against a bare spaCy parse of the same texts.

    .venv/bin/python bench/engine.py [--corpus PATH] [--repeat N]

The corpus is ../shared/corpus/dev_gold.jsonl when present (or --corpus: JSONL with "text"), else the seed article
plus synthetic news-like text.  Both runs use the same pipeline object with the same components disabled; the bare
run only switches off the engine's own three components, and parses exactly what the engine parses (the same sanitised
pieces, in the same batch size), so the difference is the engine's own work.  Target (issue 12): the engine costs at
most 10% more than the parse.
Each measurement is the best of --repeat rounds, runs alternating (and swapping which goes first) to share any
warm-up or noise.
"""

from __future__ import annotations

import argparse
import inspect
import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newsclaims.attribution import extract_many, load_pipeline  # noqa: E402
from newsclaims.attribution.chunking import DEFAULT_LIMIT, chunks, sanitize  # noqa: E402
from newsclaims.attribution.engine import DISABLED  # noqa: E402

TARGET = 1.10
ENGINE_COMPONENTS = ["newsclaims_sentences", "newsclaims_quotes", "newsclaims_attribution"]


def corpus(path: Path | None) -> list[str]:
    default = ROOT.parent / "shared" / "corpus" / "dev_gold.jsonl"
    path = path or (default if default.exists() else None)
    if path is not None:
        with path.open(encoding="utf-8") as f:
            return [json.loads(line)["text"] for line in f if line.strip()]
    seed = (ROOT / "seeds" / "seed-000.txt").read_text(encoding="utf-8")
    synthetic = [
        f'"The works on line {k} will finish in spring," the transport minister said on Tuesday. '
        f"Critics say the budget for line {k} has doubled, according to a report by the audit office.\n"
        for k in range(200)
    ]
    return [seed, "".join(synthetic[:100]), "".join(synthetic[100:])]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    texts = corpus(args.corpus)
    chars = sum(len(t) for t in texts)
    nlp = load_pipeline()
    list(extract_many(texts[:1]))  # warm-up: model weights, lexicon, first-call allocations

    # The bare parse gets the engine's own input: its sanitised pieces, in its batch size.
    limit = min(DEFAULT_LIMIT, nlp.max_length - 1)
    pieces = [piece for t in texts for _offset, piece in chunks(sanitize(t), limit)]
    batch_size = inspect.signature(extract_many).parameters["batch_size"].default

    best = {"bare": float("inf"), "engine": float("inf")}
    cpu = {"bare": float("inf"), "engine": float("inf")}  # process CPU time: other jobs on the machine barely move it
    peaks = {"bare": 0.0, "engine": 0.0}
    n_statements = 0

    def bare() -> None:
        with nlp.select_pipes(disable=ENGINE_COMPONENTS):
            t0, c0 = time.perf_counter(), time.process_time()
            for _doc in nlp.pipe(pieces, batch_size=batch_size):
                pass
            best["bare"] = min(best["bare"], time.perf_counter() - t0)
            cpu["bare"] = min(cpu["bare"], time.process_time() - c0)
        peaks["bare"] = max(peaks["bare"], peak_mb())

    def engine() -> None:
        nonlocal n_statements
        t0, c0 = time.perf_counter(), time.process_time()
        n_statements = sum(len(s) for s in extract_many(texts))
        best["engine"] = min(best["engine"], time.perf_counter() - t0)
        cpu["engine"] = min(cpu["engine"], time.process_time() - c0)
        peaks["engine"] = max(peaks["engine"], peak_mb())

    for k in range(max(1, args.repeat)):
        for run in (bare, engine) if k % 2 == 0 else (engine, bare):
            run()

    print(f"corpus: {len(texts)} docs, {chars} chars; pipeline: {nlp.pipe_names} (excluded: {list(DISABLED)})")
    for name in ("bare", "engine"):
        secs = best[name]
        print(
            f"{name:>6}: {chars / secs:12,.0f} chars/s {len(texts) / secs:9.1f} docs/s "
            f"({secs:.3f} s, peak RSS so far {peaks[name]:.0f} MB)"
        )
    ratio = best["engine"] / best["bare"]
    print(f"statements: {n_statements}")
    print(
        f"CPU time: bare {cpu['bare']:.3f} s, engine {cpu['engine']:.3f} s, ratio {cpu['engine'] / cpu['bare']:.3f} "
        "(steadier than the wall clock when other jobs share the machine)"
    )
    print(f"engine/bare time ratio: {ratio:.3f} (target <= {TARGET}): {'MET' if ratio <= TARGET else 'NOT MET'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
