"""Every false positive, false negative and wrong category of a split, grouped by cause.

    python benchmarks/classification/errors.py [--split heldout,holdout2,...] [--list]

The cause is read from the classifier's own explanation (`Classifier.explain`), so the
table says where to work, not how good the tool is. The blind split (`diffpreds.BLIND`) is
neither analysed nor used as a label precedent:

- label inconsistency: another row of eval.csv with the same field name on a container
  with the same head word carries the label the tool gave (the labels disagree, not the tool);
- missing vocabulary: a personal field for which no rule proposed anything;
- context veto too strict: a rule proposed the labelled datum and the context vetoed it;
- wrong head noun: a non-personal field on a container the tool read as a person's or a
  record about one (a business table, a device, a referral source), or a link to a table
  whose head word names a person but which is a business (`EnterpriseCustomer`);
- vocabulary too broad: a non-personal field a rule claimed on a container that is not a person's;
- wrong category: both say personal, the categories differ.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from diffpreds import BLIND  # noqa: E402
from evaluate import load, neighbours_of  # noqa: E402

from scanner.classify_tokens import singular, tokenize  # noqa: E402
from scanner.ruleset import load_ruleset  # noqa: E402

CAUSES = ("label inconsistency", "missing vocabulary", "context veto too strict", "wrong head noun",
          "vocabulary too broad", "wrong category")


def _head(container: str) -> str:
    tokens = tokenize(container)
    return singular(tokens[-1]) if tokens else ""


def analyse(split: str) -> list[tuple[str, dict[str, str], str, str]]:
    every = [r for r in load("all") if r["split"] != BLIND]  # the blind split's labels are nobody's precedent
    labels: dict[tuple[str, str], set[str]] = defaultdict(set)
    for r in every:
        labels[(r["field"].lower(), _head(r["container"]))].add(r["category"])
    rows = [r for r in load(split) if r["split"] != BLIND]  # `--split all` pools the seen splits only
    classifier = load_ruleset().classifier
    out = []
    for r, neighbours in zip(rows, neighbours_of(rows)):
        c = classifier.classify(r["field"], r["container"], r["type"], neighbours)
        got = c.category if c else "none"
        label = r["category"]
        if got == label:
            continue
        trace = classifier.explain(r["field"], r["container"], r["type"], neighbours)
        kind = next((t.split("-> ", 1)[1] for t in trace if t.startswith("container:")), "")
        if got in labels[(r["field"].lower(), _head(r["container"]))]:
            cause = "label inconsistency"
        elif label != "none" and got != "none":
            cause = "wrong category"
        elif label != "none":
            cause = "context veto too strict" if any("vetoed" in t for t in trace) else "missing vocabulary"
        elif kind.startswith(("person", "record")) or "a person" in (c.reason if c else ""):
            cause = "wrong head noun"
        else:
            cause = "vocabulary too broad"
        out.append((cause, r, got, kind))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="heldout,holdout2,holdout3")
    parser.add_argument("--list", action="store_true", help="list every error under its cause")
    args = parser.parse_args(argv)
    splits = args.split.split(",")
    if BLIND in splits:
        parser.error(f"{BLIND} is blind: it is measured once, by `evaluate.py --split {BLIND}`, not listed here")
    table: dict[str, Counter[str]] = {}
    for split in splits:
        found = analyse(split)
        table[split] = Counter(cause for cause, _, _, _ in found)
        if args.list:
            print(f"== {split}")
            for cause in CAUSES:
                for c, r, got, kind in found:
                    if c == cause:
                        print(f"  {cause:<24} {r['source']:<22} {r['container']}.{r['field']}:{r['type']}  "
                              f"expected {r['category']}  got {got}  [{kind}]")
    print(f"| cause | {' | '.join(splits)} |")
    print(f"|---|{'---:|' * len(splits)}")
    for cause in CAUSES:
        print(f"| {cause} | {' | '.join(str(table[s][cause]) for s in splits)} |")
    print(f"| total | {' | '.join(str(sum(table[s].values())) for s in splits)} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
