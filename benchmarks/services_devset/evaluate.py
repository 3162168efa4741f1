"""Service recall and precision on real packages, against hand labels (issue 6).

    python benchmarks/services_devset/evaluate.py                 # installs into /tmp/datamap-services-devset
    python benchmarks/services_devset/evaluate.py --dump anymail/backends/mailgun.py

The packages are installed (no dependencies: only their files are read) into a
throwaway venv and never copied into this repository; only labels.yaml is.
The unit is (file, service): a labelled file is labelled completely, so every
service the scan reports there and the labels do not list counts against
precision, and every labelled service it misses counts against recall.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import yaml

from scanner.config import Config
from scanner.discover import Source, kind_of
from scanner.inventory import Inventory
from scanner.ruleset import load_ruleset
from scanner.scan import scan

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # benchmarks/: the shared venv helper

from devset_venv import site_packages  # noqa: E402


def run_scan(site: Path, files: list[str]) -> Inventory:
    """All labelled files in one scan, so cross-file passes see them together."""
    sources = []
    for rel in files:
        kind = kind_of(rel) or ("template" if rel.endswith((".html", ".js")) else "python")
        sources.append(Source(rel, site / rel, kind))
    return scan(sources, load_ruleset(), Config(root=site, jobs=1), [])


def score(found: set[tuple[str, str]], expected: set[tuple[str, str]]) -> tuple[float, float]:
    hits = len(found & expected)
    return (hits / len(found) if found else 1.0), (hits / len(expected) if expected else 1.0)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--venv", type=Path, default=Path("/tmp/datamap-services-devset"))
    parser.add_argument("--dump", nargs="*", help="print what the scan finds in these files (for labelling)")
    args = parser.parse_args(argv)
    labels = yaml.safe_load((HERE / "labels.yaml").read_text(encoding="utf-8"))
    site = site_packages(args.venv, labels["packages"])
    if args.dump:
        inventory = run_scan(site, args.dump)
        for use in inventory.services:
            print(f"{use.location}\t{use.service}\t{use.signal}\t{use.confidence}\t{use.evidence[:90]}")
        return 0
    files: dict[str, list[str]] = labels["files"]
    missing = [f for f in files if not (site / f).is_file()]
    if missing:
        print("labelled files not installed:", *missing, sep="\n  ", file=sys.stderr)
        return 2
    inventory = run_scan(site, list(files))
    found = {(u.location.path, u.service) for u in inventory.services}
    expected = {(f, s) for f, services in files.items() for s in services or ()}
    precision, recall = score(found, expected)
    for path, service in sorted(found - expected):
        print(f"false positive  {path}: {service}")
    for path, service in sorted(expected - found):
        print(f"missed          {path}: {service}")
    by_signal: dict[str, set[tuple[str, str]]] = {}
    for u in inventory.services:
        by_signal.setdefault(u.signal, set()).add((u.location.path, u.service))
    print(f"files {len(files)}  labelled (file, service) pairs {len(expected)}  found {len(found)}")
    for signal, pairs in sorted(by_signal.items()):
        print(f"  via {signal:<13} {len(pairs):4d} pairs, {len(pairs & expected):4d} correct")
    print(f"service precision {precision:.3f}  recall {recall:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
