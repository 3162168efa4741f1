"""Classify one million field names on one core and report the time (target: under 10 s).

    python benchmarks/bench_classify.py [N]

Names are built from the labelled evaluation set's fields and containers with
random prefixes, suffixes and casing, so most of them are distinct strings: the
figure measures tokenising and matching, not a cache of repeated names. The rows of
the blind split and of the split being labelled are left out: nobody reads those.
To compare revisions, give their worktrees: `python benchmarks/bench_classify.py N
--compare <base worktree> <head worktree>` loads each one's `scanner` into this process
and classifies the same names in alternating chunks, so that a busy machine slows
them alike (run with DATAMAP_NO_CACHE=1 so that each builds its own rules). `--profile` profiles the
classification alone (cProfile in CPU time, the scanner's functions by their own time): a profile of the whole script counts the
names' making and the rules' building too, about a quarter of it at 200,000 names.
"""

from __future__ import annotations

import csv
import importlib
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

_HIDDEN = frozenset({"holdout23", "holdout24"})  # evaluate.BLIND and evaluate.NEXT_BLIND
_EVAL = Path(__file__).resolve().parent / "classification" / "eval.csv"
_PREFIXES = ["", "", "", "billing_", "shipping_", "customer_", "user_", "primary_", "old_", "tmp_", "x_", "legacy_"]
_SUFFIXES = ["", "", "", "_2", "_id", "_at", "_verified", "_hash", "_count", "_raw", "_v2", "_backup"]


def names(n: int, seed: int = 7) -> list[tuple[str, str, str]]:
    with _EVAL.open(encoding="utf-8") as fh:
        rows = [(r["field"], r["container"], r["type"]) for r in csv.DictReader(fh) if r["split"] not in _HIDDEN]
    rng = random.Random(seed)
    out = []
    for i in range(n):
        field, container, type_hint = rows[rng.randrange(len(rows))]
        name = f"{rng.choice(_PREFIXES)}{field}{rng.choice(_SUFFIXES)}"
        if i % 3 == 0:  # camelCase a third of them
            head, *rest = name.split("_")
            name = head + "".join(p[:1].upper() + p[1:] for p in rest)
        elif i % 7 == 0:
            name = name.upper()
        out.append((name + ("" if i % 5 else str(i % 97)), container, type_hint))
    return out


def _classifier_of(worktree: str) -> Any:
    """The bundled classifier of the `scanner` package in `worktree`, imported afresh."""
    for module in [m for m in sys.modules if m == "scanner" or m.startswith("scanner.")]:
        del sys.modules[module]
    sys.path.insert(0, worktree)
    try:
        ruleset = importlib.import_module("scanner.ruleset")
        return ruleset.load_ruleset().classifier
    finally:
        sys.path.remove(worktree)


def compare(n: int, worktrees: list[str], chunk: int = 10_000) -> int:
    classifiers = [_classifier_of(w) for w in worktrees]
    batch = names(n)
    cpu = [0.0] * len(classifiers)
    for start in range(0, n, chunk):
        part = batch[start : start + chunk]
        for i, classifier in enumerate(classifiers):
            classify, began = classifier.classify, time.process_time()
            for name, container, type_hint in part:
                classify(name, container, type_hint)
            cpu[i] += time.process_time() - began
    for worktree, seconds in zip(worktrees, cpu):
        print(f"{worktree}: {n:,} fields, {seconds:.2f} s CPU, {n / seconds:,.0f} fields/CPU-s "
              f"({cpu[0] / seconds:.2f}x the first)")
    return 0


def profile(n: int, top: int = 25) -> int:
    import cProfile
    import pstats

    from scanner.ruleset import load_ruleset

    classifier = load_ruleset().classifier
    batch = names(n)
    profiler = cProfile.Profile(time.process_time)  # (CPU time: on a busy machine wall time charges others' work)
    profiler.enable()
    for name, container, type_hint in batch:
        classifier.classify(name, container, type_hint)
    profiler.disable()
    pstats.Stats(profiler).sort_stats("tottime").print_stats(top)
    return 0


def main(argv: list[str]) -> int:
    if any(a in ("-h", "--help") for a in argv) or (argv and not argv[0].isdigit() and argv[0] not in ("--profile", "--compare")):
        print(__doc__)
        return 0 if any(a in ("-h", "--help") for a in argv) else 2
    if "--profile" in argv:
        return profile(int(argv[0]) if argv[0] != "--profile" else 100_000)
    if "--compare" in argv:
        at = argv.index("--compare")
        return compare(int(argv[0]) if at else 1_000_000, argv[at + 1 :])
    from scanner.ruleset import load_ruleset

    n = int(argv[0]) if argv else 1_000_000
    classifier = load_ruleset().classifier
    batch = names(n)
    distinct = len({b[0] for b in batch})
    start, cpu = time.perf_counter(), time.process_time()
    found = sum(1 for name, container, type_hint in batch if classifier.classify(name, container, type_hint))
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    # Other work on a shared machine stretches the wall time; the CPU time is this process's own.
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{n:,} fields ({distinct:,} distinct names): {elapsed:.2f} s wall, {cpu:.2f} s CPU, "
          f"{n / cpu:,.0f} fields/CPU-s, {found:,} personal (load average {load:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
