"""Score the field classifier against the labelled evaluation set.

    python benchmarks/classification/evaluate.py [--split tune|heldout|holdout2|holdout3|holdout4|all] [--errors N]

eval.csv holds (source, container, field, type, label, split): fields from the
models of public projects (harvest.py) and from well-known public schemas,
labelled by hand as a privacy officer would (a category key, or `none` for
data that is not personal). `heldout` rows come from sources that were never
looked at while tuning the rules (round 1). `holdout2` rows come from 29 PyPI
packages added in round 2 (booking, donations, payroll, attendance, ledger,
PayPal IPN, OAuth, 2FA, helpdesk, messaging, request logging), labelled before
the classifier was run on them and never tuned on. `holdout3` rows come from 30
more packages added in round 3 (home care, CRM, HR, shops, conferences, forums,
2FA and token tables), with the same discipline (HOLDOUT3.md). `holdout4` rows come from 26
packages added in round 4 (a medical information system, wearable health data, schools and courses,
social and friendship apps, real estate and rentals, delivery, bill payments, legal acceptance,
job boards), labelled by LABELING.md before the classifier was run on them (HOLDOUT4.md).

Precision and recall are about "is it personal data at all"; category accuracy
is the share of fields found personal by both the label and the tool where the
category is exactly the labelled one.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter, defaultdict
from pathlib import Path

from scanner.ruleset import load_ruleset

HERE = Path(__file__).resolve().parent


def load(split: str) -> list[dict[str, str]]:
    with (HERE / "eval.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return [r for r in rows if split == "all" or r["split"] == split]


def predict(rows: list[dict[str, str]]) -> list[str]:
    classifier = load_ruleset().classifier
    siblings: dict[tuple[str, str], list[str]] = defaultdict(list)
    for r in rows:
        siblings[(r["source"], r["container"])].append(r["field"])
    out = []
    for r in rows:
        c = classifier.classify(r["field"], r["container"], r["type"],
                                neighbours=siblings[(r["source"], r["container"])])
        out.append(c.category if c else "none")
    return out


def report(rows: list[dict[str, str]], preds: list[str], title: str, errors: int) -> dict[str, float]:
    tp = sum(1 for r, p in zip(rows, preds) if r["label"] != "none" and p != "none")
    fp = sum(1 for r, p in zip(rows, preds) if r["label"] == "none" and p != "none")
    fn = sum(1 for r, p in zip(rows, preds) if r["label"] != "none" and p == "none")
    exact = sum(1 for r, p in zip(rows, preds) if r["label"] != "none" and p == r["label"])
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    accuracy = exact / tp if tp else 1.0
    print(f"== {title}: {len(rows)} fields, {tp + fn} personal")
    print(f"precision {precision:.3f}  recall {recall:.3f}  category accuracy {accuracy:.3f}  "
          f"(tp {tp}, fp {fp}, fn {fn}, exact {exact})")
    per: dict[str, Counter[str]] = defaultdict(Counter)
    for r, p in zip(rows, preds):
        if r["label"] != "none":
            per[r["label"]]["n"] += 1
            per[r["label"]]["found"] += p != "none"
            per[r["label"]]["exact"] += p == r["label"]
        if p != "none":
            per[p]["predicted"] += 1
            per[p]["correct"] += p == r["label"]
    print(f"\n{'category':<52} {'n':>4} {'recall':>7} {'exact':>6} {'pred':>5} {'prec':>6}")
    for cat in sorted(per, key=lambda c: -per[c]["n"]):
        s = per[cat]
        rec = f"{s['found'] / s['n']:.2f}" if s["n"] else "-"
        ex = f"{s['exact'] / s['n']:.2f}" if s["n"] else "-"
        pr = f"{s['correct'] / s['predicted']:.2f}" if s["predicted"] else "-"
        print(f"{cat:<52} {s['n']:>4} {rec:>7} {ex:>6} {s['predicted']:>5} {pr:>6}")
    confusions = Counter((r["label"], p) for r, p in zip(rows, preds) if r["label"] != p)
    print("\nworst confusions (label -> predicted):")
    for (label, p), n in confusions.most_common(12):
        print(f"  {n:>3}  {label} -> {p}")
    if errors:
        print("\nerrors:")
        for r, p in zip(rows, preds):
            if r["label"] != p:
                print(f"  {r['source']:<22} {r['container']}.{r['field']}:{r['type']}  label {r['label']}  got {p}")
                errors -= 1
                if not errors:
                    break
    print()
    return {"precision": precision, "recall": recall, "accuracy": accuracy}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("tune", "heldout", "holdout2", "holdout3", "holdout4", "all", "both"), default="both")
    parser.add_argument("--errors", type=int, default=0, help="list up to N misclassified fields")
    args = parser.parse_args(argv)
    splits = ("tune", "heldout", "holdout2", "holdout3", "holdout4") if args.split == "both" else (args.split,)
    for split in splits:
        rows = load(split)
        report(rows, predict(rows), split, args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
