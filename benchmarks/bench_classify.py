"""Classify one million field names on one core and report the time (target: under 10 s).

    python benchmarks/bench_classify.py [N]

Names are built from the labelled evaluation set's fields and containers with
random prefixes, suffixes and casing, so most of them are distinct strings: the
figure measures tokenising and matching, not a cache of repeated names. The rows of
the blind split and of the split being labelled are left out: nobody reads those.
To compare two revisions, run this one file with each revision's `scanner` on the
path (`PYTHONPATH=<worktree> python benchmarks/bench_classify.py`), so that both
classify the same names.
"""

from __future__ import annotations

import csv
import os
import random
import sys
import time
from pathlib import Path

from scanner.ruleset import load_ruleset

_HIDDEN = frozenset({"holdout21", "holdout22"})  # evaluate.BLIND and evaluate.NEXT_BLIND
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


def main(argv: list[str]) -> int:
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
