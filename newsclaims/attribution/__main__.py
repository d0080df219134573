"""Command line: ``python -m newsclaims.attribution FILE`` or ``--jsonl IN.jsonl > OUT.jsonl``."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from typing import TextIO

from . import DEFAULT_PIPELINE, ENGINE_VERSION, extract, extract_many


def _records(stream: TextIO, ids: list[object], errors: list[str]) -> Iterator[str]:
    for n, line in enumerate(stream, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if not isinstance(record, dict) or not isinstance(record.get("text"), str) or "id" not in record:
                raise ValueError('expected an object with "id" and a string "text"')
        except ValueError as exc:  # json.JSONDecodeError is a ValueError
            msg = f"line {n}: skipped: {exc}"
            print(msg, file=sys.stderr)
            errors.append(msg)
            continue
        ids.append(record["id"])
        yield record["text"]


def run_jsonl(stream: TextIO, out: TextIO, *, pipeline: str = DEFAULT_PIPELINE) -> int:
    ids: list[object] = []
    errors: list[str] = []
    for k, statements in enumerate(extract_many(_records(stream, ids, errors), pipeline=pipeline)):
        line = {"id": ids[k], "statements": [s.to_json() for s in statements]}
        out.write(json.dumps(line, ensure_ascii=False) + "\n")
    return 1 if errors else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m newsclaims.attribution", description=__doc__)
    ap.add_argument("file", nargs="?", help="a text file; its statements are printed as a JSON list")
    ap.add_argument("--jsonl", metavar="IN", help='JSONL with "id" and "text" per line ("-" for stdin)')
    ap.add_argument("--pipeline", default=DEFAULT_PIPELINE, help="installed spaCy pipeline package to load")
    ap.add_argument("--version", action="version", version=ENGINE_VERSION)
    args = ap.parse_args(argv)
    if args.jsonl:
        if args.jsonl == "-":
            return run_jsonl(sys.stdin, sys.stdout, pipeline=args.pipeline)
        with open(args.jsonl, encoding="utf-8") as f:
            return run_jsonl(f, sys.stdout, pipeline=args.pipeline)
    if not args.file:
        ap.error("give FILE or --jsonl IN")
    with open(args.file, encoding="utf-8") as f:
        text = f.read()
    json.dump([s.to_json() for s in extract(text, pipeline=args.pipeline)], sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
