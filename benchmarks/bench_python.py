"""Python extractor speed against a plain `libcst.parse_module` of the same files, in the same run.

    python benchmarks/bench_python.py [PATH ...]     # default: the dev-set venv's packages

Prints lines/s for both and the ratio (extract time / parse time): the
extractor's own cost on top of the parse it cannot avoid.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import libcst as cst

from scanner.extract.python import extract_python
from scanner.ruleset import load_ruleset

DEFAULT = [Path("/tmp/datamap-devset/lib/python3.11/site-packages") / p for p in ("oscar", "allauth", "anymail", "payments")]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs")
    args = parser.parse_args(argv)
    files = [f for p in args.paths for f in (sorted(p.rglob("*.py")) if p.is_dir() else [p])]
    texts = []
    for f in files:
        try:
            texts.append((f.as_posix(), f.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError):
            continue
    lines = sum(t.count("\n") + 1 for _, t in texts)
    rules = load_ruleset()
    parse_best = extract_best = float("inf")
    for _ in range(args.repeat):
        started = time.perf_counter()
        for _, text in texts:
            try:
                cst.parse_module(text)
            except (cst.ParserSyntaxError, RecursionError):
                pass
        parse_best = min(parse_best, time.perf_counter() - started)
        started = time.perf_counter()
        for path, text in texts:
            extract_python(text, path, rules.classifier, rules.catalogue)
        extract_best = min(extract_best, time.perf_counter() - started)
    print(f"{len(texts)} files, {lines} lines")
    print(f"libcst.parse_module  {parse_best:7.2f}s  {lines / parse_best:9,.0f} lines/s")
    print(f"extract_python       {extract_best:7.2f}s  {lines / extract_best:9,.0f} lines/s")
    print(f"ratio extract/parse  {extract_best / parse_best:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
