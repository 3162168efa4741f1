"""Which eval rows a rule change moves: save every row's answer, change the rules, diff.

    python benchmarks/classification/diffpreds.py save before.json   # answers of every row (with labels)
    python benchmarks/classification/diffpreds.py diff before.json   # rows whose answer changed since

A changed row is `better` when the new answer equals the hand category and the old did not,
`worse` when the old one did and the new one does not, `other` when both are wrong. The
newest blind split (evaluate.BLIND: holdout25; holdout24 is measured) is left out unless `--blind` is given: its rows are neither classified,
saved nor listed, so that changes are judged on the splits already seen and the saved answers hold none
of the blind rows' predictions.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from evaluate import BLIND, load, predict  # noqa: E402


def _key(r: dict[str, str]) -> str:
    return "|".join((r["split"], r["source"], r["container"], r["field"]))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("save", "diff"))
    parser.add_argument("path", type=Path)
    parser.add_argument("--blind", action="store_true", help=f"also classify, save and list {BLIND}'s rows")
    args = parser.parse_args(argv)
    rows = load("all+blind" if args.blind else "all")
    now = {_key(r): p for r, p in zip(rows, predict(rows))}
    if args.action == "save":
        args.path.write_text(json.dumps(now), encoding="utf-8")
        return 0
    before: dict[str, str] = json.loads(args.path.read_text(encoding="utf-8"))
    counts: Counter[str] = Counter()
    for r in rows:
        k = _key(r)
        old, new, want = before.get(k, "none"), now[k], r["category"]
        if old == new or (r["split"] == BLIND and not args.blind):
            continue
        verdict = "better" if new == want else "worse" if old == want else "other"
        counts[verdict] += 1
        counts[f"{verdict} {r['split']}"] += 1
        print(f"{verdict:<6} {r['split']:<9} {r['source']:<24} {r['container']}.{r['field']}:{r['type']}  "
              f"label {want}  {old} -> {new}")
    print(f"better {counts['better']}  worse {counts['worse']}  other {counts['other']}  "
          + "  ".join(f"{k}={v}" for k, v in sorted(counts.items()) if " " in k))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
