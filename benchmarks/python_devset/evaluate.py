"""Precision and recall of the Python extractor on real packages, against hand labels.

    python benchmarks/python_devset/evaluate.py            # installs into /tmp/datamap-devset if needed
    python benchmarks/python_devset/evaluate.py --labels heldout.yaml -v
    python benchmarks/python_devset/evaluate.py --venv /tmp/dev --dump oscar/apps/address/abstract_models.py

A plain run reports eleven label files: labels.yaml ("dev", which the tool has
been tuned on), heldout.yaml ("heldout", fresh packages labelled blind, see
HELDOUT.md, since used for fixes), heldout2.yaml ("heldout2", a second blind
split, see HELDOUT2.md, since used for fixes too), heldout3.yaml ("heldout3",
a third blind split, see HELDOUT3.md, since used for fixes too),
heldout4.yaml ("heldout4", a fourth blind split, see HELDOUT4.md, since used
for fixes too), heldout5.yaml ("heldout5", a fifth blind split, see
HELDOUT5.md) and heldout6.yaml ("heldout6", a sixth blind split, see
HELDOUT6.md, since measured and used for fixes), heldout7.yaml ("heldout7", a
seventh blind split, see HELDOUT7.md, since measured), heldout8.yaml
("heldout8", an eighth blind split, see HELDOUT8.md, since measured) and
heldout9.yaml ("heldout9", a ninth blind split, see HELDOUT9.md, since measured
and used for fixes) and heldout10.yaml ("heldout10", a tenth blind split, see
HELDOUT10.md, since measured); --labels FILE reports only that one. The newest blind
split, when there is one, is listed in BLIND_SETS: it is NOT in the plain run,
so that nobody measures it by accident, and is measured only with
`--labels NAME`, once, with the result recorded in its HELDOUT*.md. heldout11.yaml to
heldout20.yaml ("heldout11" to "heldout20") have since been measured (HELDOUT11.md to
HELDOUT20.md) and are in the plain run; the blind split is heldout21.yaml ("heldout21") now,
see HELDOUT21.md.
The packages are installed (without dependencies: only their source is read)
into a throwaway venv and never copied into this repository; only the labels
are. A labelled file is labelled completely: every field the tool reports there
and the labels do not list counts against precision. A field or a flow the tool
files under a refinement of the labelled category (user.name.first for
user.name) counts as found; the "(exact category)" lines count only the same
category. Flows at a page tag (`<script src=...>`: the visitor's IP address, device and page, which
a browser request carries by its nature, scanner/tag_flows.py) are left out of the comparison: the labels
trace data the code passes, and no label set lists them.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable, Sequence
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import Any
from unittest.mock import patch

import yaml

from scanner.classify import classify_fields
from scanner.config import Config
from scanner.discover import Source
from scanner.inventory import Field, Inventory, RawField
from scanner.ruleset import load_ruleset
from scanner.scan import scan
from scanner.tag_flows import PATH as TAG_PATH

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # benchmarks/: the shared venv helper

from devset_venv import site_packages


# (path, container, name) -> (kind, type) of every field the extractors found, personal or not, filled by run_scan:
# `-v` tells a field the tool never found (an extraction miss) from one it found and classified as nothing
EXTRACTED: dict[tuple[str, str, str], tuple[str, str]] = {}


def _recording(classify: Callable[..., list[Field]]) -> Callable[..., list[Field]]:
    def recorded(raw: Iterable[RawField], *args: Any, **kwargs: Any) -> list[Field]:
        raw = list(raw)
        for r in raw:
            EXTRACTED.setdefault((r.location.path, r.container, r.name), (r.kind, r.type_hint))
        return classify(raw, *args, **kwargs)
    return recorded


def run_scan(site: Path, roots: list[str]) -> Inventory:
    sources = []
    for root in roots:
        for path in sorted((site / root).rglob("*.py")):
            rel = path.relative_to(site).as_posix()
            if "/tests/" not in f"/{rel}" and "/test_" not in rel:
                sources.append(Source(rel, path, "python"))
    EXTRACTED.clear()
    # the file pass and the cross-file pass each classify what they extracted (jobs=1: in this process)
    with patch("scanner.scan.classify_fields", _recording(classify_fields)), \
            patch("scanner.extract.python_project.classify_fields", _recording(classify_fields)):
        return scan(sources, load_ruleset(), Config(root=site, jobs=1), [])


def _nothing(key: tuple[str, str, str]) -> str:
    """What `tool nothing` means for a labelled field: never extracted, or extracted and classified as nothing."""
    if key in EXTRACTED:
        kind, type_hint = EXTRACTED[key]
        return f"nothing (extracted as {kind} {type_hint or '-'}, classified not personal)"
    return "nothing (NOT EXTRACTED)"


def related(a: str, b: str) -> bool:
    """Same category, or one refines the other (user.name vs user.name.first)."""
    return a == b or a.startswith(b + ".") or b.startswith(a + ".")


Score = tuple[float, float, int, int, int]  # precision, recall, correct, reported, labelled


def score(correct: AbstractSet[object], found: AbstractSet[object], expected: AbstractSet[object]) -> Score:
    tp = len(correct)
    precision = tp / len(found) if found else 1.0
    recall = tp / len(expected) if expected else 1.0
    return precision, recall, tp, len(found), len(expected)


def evaluate(labels: dict[str, Any], inv: Inventory, verbose: bool) -> dict[str, Score]:
    files = {f["file"] for f in labels["fields"]}
    truth = {(f["file"], f["container"], f["field"]): f["category"] for f in labels["fields"]}
    personal = {k: v for k, v in truth.items() if v != "none"}
    got: dict[tuple[str, str, str], str] = {}
    for f in inv.fields:
        if f.location.path in files:
            got.setdefault((f.location.path, f.container, f.name), f.category)
    correct = {k for k, c in got.items() if k in personal and related(c, personal[k])}
    exact = {k for k, c in got.items() if k in personal and c == personal[k]}
    reported = set(got)
    results = {"fields": score(correct, reported, set(personal)),
               "fields (exact category)": score(exact, reported, set(personal))}
    if verbose:
        for k in sorted(set(got) - correct):
            print(f"  FP field {k[0]} {k[1]}.{k[2]}: tool {got[k]}, label {truth.get(k, 'unlabelled')}")
        for k in sorted(set(personal) - correct):
            print(f"  FN field {k[0]} {k[1]}.{k[2]}: label {personal[k]}, tool {got.get(k) or _nothing(k)}")
    service_files = {s["file"] for s in labels["services"]}
    expected_services = {(s["file"], s["service"]) for s in labels["services"]}
    found_services = {(s.location.path, s.service) for s in inv.services if s.location.path in service_files}
    results["third parties"] = score(found_services & expected_services, found_services, expected_services)
    flow_files = {f["file"] for f in labels["flows"]}
    expected_flows = {(f["file"], f["service"], f["category"]) for f in labels["flows"] if f["category"] != "none"}
    # a page tag's flows (scanner.tag_flows: what a browser request carries by its nature) are no label set's
    # convention, which traces data the code passes: left out, not counted against precision
    found_flows = {(f.location.path, f.service, f.category) for f in inv.flows
                   if f.location.path in flow_files and f.path != (TAG_PATH,)}
    # as for fields, a flow of a refined category matches the label's coarser one (user.name.first for user.name)
    hits = {f for f in found_flows if any(e[:2] == f[:2] and related(f[2], e[2]) for e in expected_flows)}
    met = {e for e in expected_flows if any(e[:2] == f[:2] and related(f[2], e[2]) for f in found_flows)}
    precision = len(hits) / len(found_flows) if found_flows else 1.0
    recall = len(met) / len(expected_flows) if expected_flows else 1.0
    results["flows"] = (precision, recall, len(hits), len(found_flows), len(expected_flows))
    results["flows (exact category)"] = score(found_flows & expected_flows, found_flows, expected_flows)
    if verbose:
        both = found_services & expected_services
        for name, found, expected, right, seen in (("service", found_services, expected_services, both, both),
                                                   ("flow", found_flows, expected_flows, hits, met)):
            for fp in sorted(found - right):
                print(f"  FP {name} {fp}")
            for fn in sorted(expected - seen):
                print(f"  FN {name} {fn}")
    return results


def dump(inv: Inventory, path: str) -> None:
    for f in inv.fields:
        if f.location.path == path:
            print(f"field {f.location.line:5} {f.container}.{f.name} {f.kind} {f.category}")
    for s in inv.services:
        if s.location.path == path:
            print(f"service {s.location.line:5} {s.service} {s.signal}")
    for flow in inv.flows:
        if flow.location.path == path:
            print(f"flow {flow.location.line:5} {flow.service} {flow.category} {' -> '.join(flow.path)}")


LABEL_SETS = {"dev": HERE / "labels.yaml", "heldout": HERE / "heldout.yaml", "heldout2": HERE / "heldout2.yaml",
              "heldout3": HERE / "heldout3.yaml", "heldout4": HERE / "heldout4.yaml",
              "heldout5": HERE / "heldout5.yaml", "heldout6": HERE / "heldout6.yaml",
              "heldout7": HERE / "heldout7.yaml", "heldout8": HERE / "heldout8.yaml",
              "heldout9": HERE / "heldout9.yaml", "heldout10": HERE / "heldout10.yaml",
              "heldout11": HERE / "heldout11.yaml", "heldout12": HERE / "heldout12.yaml",
              "heldout13": HERE / "heldout13.yaml", "heldout14": HERE / "heldout14.yaml",
              "heldout15": HERE / "heldout15.yaml", "heldout16": HERE / "heldout16.yaml",
              "heldout17": HERE / "heldout17.yaml", "heldout18": HERE / "heldout18.yaml",
              "heldout19": HERE / "heldout19.yaml", "heldout20": HERE / "heldout20.yaml"}
# Blind splits: known by name to --labels, never part of the plain run (see the docstring).
BLIND_SETS: dict[str, Path] = {"heldout21": HERE / "heldout21.yaml"}
KNOWN_SETS = {**LABEL_SETS, **BLIND_SETS}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--venv", type=Path, default=Path("/tmp/datamap-devset"))
    parser.add_argument("--labels", type=Path, help="only this label file, a path or a name (default: labels.yaml, heldout.yaml, heldout2.yaml, heldout3.yaml, heldout4.yaml, heldout5.yaml, heldout6.yaml, heldout7.yaml, heldout8.yaml, heldout9.yaml, heldout10.yaml, heldout11.yaml, heldout12.yaml, heldout13.yaml, heldout14.yaml, heldout15.yaml, heldout16.yaml, heldout17.yaml, heldout18.yaml, heldout19.yaml and heldout20.yaml; a blind split in BLIND_SETS is measured only with --labels NAME)")
    parser.add_argument("--dump", action="append", default=[], help="print what the tool reports for this file")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every false positive and negative")
    args = parser.parse_args(argv)
    sets = LABEL_SETS
    if args.labels:  # a path, a file in this directory, or a name (dev, heldout..., heldout7)
        path = args.labels if args.labels.exists() else HERE / args.labels
        if not path.exists() and str(args.labels) in KNOWN_SETS:
            path = KNOWN_SETS[str(args.labels)]
        sets = {next((n for n, known in KNOWN_SETS.items() if known == path.resolve()), path.stem): path}
    for name, path in sets.items():
        labels = yaml.safe_load(path.read_text())
        inv = run_scan(site_packages(args.venv, labels["packages"]), labels["roots"])
        for dumped in args.dump:
            dump(inv, dumped)
        if args.dump:
            continue
        print(f"{name} ({path.name}): scanned {inv.files} files, {inv.lines} lines in {inv.seconds:.1f}s")
        for kind, (p, r, tp, found, expected) in evaluate(labels, inv, args.verbose).items():
            print(f"{kind:24} precision {p:.3f}  recall {r:.3f}  (correct {tp}, reported {found}, labelled {expected})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
