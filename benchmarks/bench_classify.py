"""Classify one million field names on one core and report the time (target: under 10 s).

    python benchmarks/bench_classify.py [N]

Names are built from the labelled evaluation set's fields and containers with
random prefixes, suffixes and casing, so most of them are distinct strings: the
figure measures tokenising and matching, not a cache of repeated names. The rows of
the blind split and of the split being labelled are left out: nobody reads those.
To compare revisions, give their worktrees: `python benchmarks/bench_classify.py N
--compare <base worktree> <head worktree>` classifies the same names with each one's
`scanner`, each run in a fresh process (PYTHONPATH=<worktree>, DATAMAP_NO_CACHE=1), the
worktrees taking turns for three rounds, each round starting with the next one, so that a
busy machine slows them alike; it prints each run's CPU time and each worktree's median.
(Both classifiers in one process do not compare: the first one built ran 6-10 % faster
than a second copy of the same code, at load 18.) `--profile` profiles the
classification alone (cProfile in CPU time, the scanner's functions by their own time): a profile of the whole script counts the
names' making and the rules' building too, about a quarter of it at 200,000 names.
"""

from __future__ import annotations

import csv
import os
import random
import sys
import time
from pathlib import Path

_HIDDEN = frozenset({"holdout25", "holdout26"})  # evaluate.BLIND and evaluate.NEXT_BLIND
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


def compare(n: int, worktrees: list[str], rounds: int = 3) -> int:
    import statistics
    import subprocess

    cpu: list[list[float]] = [[] for _ in worktrees]
    for r in range(rounds):
        turn = r % len(worktrees)
        for i in [*range(turn, len(worktrees)), *range(turn)]:
            env = {**os.environ, "PYTHONPATH": worktrees[i], "DATAMAP_NO_CACHE": "1"}
            out = subprocess.run([sys.executable, __file__, str(n), "--cpu"], env=env, check=True,
                                 capture_output=True, text=True).stdout
            where, taken = out.split()[-2:]
            if Path(where) != Path(worktrees[i]).resolve():  # (an installed `scanner` would shadow the worktree's)
                raise SystemExit(f"{worktrees[i]}: the run imported the scanner of {where}")
            cpu[i].append(float(taken))
            print(f"round {r + 1}: {worktrees[i]}: {cpu[i][-1]:.2f} s CPU", flush=True)
    first = statistics.median(cpu[0])
    for worktree, runs in zip(worktrees, cpu):
        seconds = statistics.median(runs)
        print(f"{worktree}: {n:,} fields, median {seconds:.2f} s CPU ({', '.join(f'{s:.2f}' for s in runs)}), "
              f"{n / seconds:,.0f} fields/CPU-s ({first / seconds:.2f}x the first)")
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
    if "--cpu" in argv:  # (one run of `--compare`: the CPU time of the classify loop alone)
        from scanner.ruleset import load_ruleset

        classifier, batch = load_ruleset().classifier, names(int(argv[0]))
        began = time.process_time()
        for name, container, type_hint in batch:
            classifier.classify(name, container, type_hint)
        import scanner

        print(Path(scanner.__file__ or "").resolve().parent.parent, f"{time.process_time() - began:.3f}")
        return 0
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
