"""Collect (source, container, field, type, label) from the model modules of public projects.

Reproduces the unlabelled half of eval.csv, plus the human label each field
declares, which the product uses as classification evidence:

    python harvest.py DIR...            # CSV rows for every Django / SQLAlchemy / pydantic model
                                        # field (and SQL column) under each unpacked package
    python harvest.py --fill [--sources sources.csv] [--eval eval.csv]
                                        # download every package of sources.csv at its recorded version
                                        # (`pip download --no-deps`), harvest it, and write each row's
                                        # `label` column in eval.csv, joined on (source, container, field)

The `label` column is the field's human label with the semantics of
`scanner.extract.py_common.label_of`, which this script calls on the same call
expression: `verbose_name`, form `label`, pydantic `title` or SQLAlchemy
`comment` (first string found, `_()`/gettext unwrapped), else the first
positional string where the framework makes it the label (Django model fields,
WTForms). Relation fields (ForeignKey...) take keywords only: their first
positional argument is the target. For SQL files it is the column comment, as
`scanner.extract.sql` reads it. `--fill` never touches the `category` column
(the hand label) or `split`, and never adds or drops rows. This script never
labels categories.
"""

from __future__ import annotations

import argparse
import ast
import csv
import os
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import libcst as cst

from scanner.extract.py_common import label_of
from scanner.extract.py_frameworks import RELATIONS, field_module_kind

HERE = Path(__file__).resolve().parent
_REL = {"ForeignKey", "OneToOneField", "ManyToManyField", "ParentalKey", "ParentalManyToManyField"}
_SQLA_COLUMNS = {"Column", "mapped_column", "column_property", "deferred"}  # as scanner/extract/py_models.py
_ANY_NAME_KINDS = {"marshmallow", "dataclass", "pydantic"}
_NOT_STORED = {"relationship", "association_proxy"}  # SQLAlchemy attributes that are no column


def _callee(node: ast.expr) -> str:
    if isinstance(node, ast.Call):
        node = node.func
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    return ""


def _target(call: ast.Call) -> str:
    arg = call.args[0] if call.args else next((k.value for k in call.keywords if k.arg in ("to", "model")), None)
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        return arg.value.rsplit(".", 1)[-1]
    if isinstance(arg, (ast.Name, ast.Attribute)):
        return ast.unparse(arg).rsplit(".", 1)[-1]
    return ""


def _imports(tree: ast.Module) -> dict[str, str]:
    """Local name -> qualified name, from every import in the module."""
    names: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                if a.asname:
                    names[a.asname] = a.name
                else:
                    head = a.name.split(".")[0]
                    names[head] = head
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for a in node.names:
                names[a.asname or a.name] = f"{node.module}.{a.name}"
    return names


def _qualified(func: ast.expr, imports: dict[str, str]) -> str:
    try:
        text = ast.unparse(func)
    except Exception:  # noqa: BLE001
        return ""
    head, _, rest = text.partition(".")
    if head not in imports or not all(p.isidentifier() for p in text.split(".")):
        return ""
    return f"{imports[head]}.{rest}" if rest else imports[head]


def _label(source: str, call: ast.Call, imports: dict[str, str]) -> str:
    """The label `scanner.extract.py_models` keeps for this field constructor ('' for none)."""
    func = _callee(call)
    segment = ast.get_source_segment(source, call)
    if not segment:
        return ""
    try:
        node = cst.parse_expression(segment)
    except Exception:  # noqa: BLE001 - a segment libcst cannot read on its own
        try:
            node = cst.parse_expression(f"({segment})").expression  # type: ignore[attr-defined]
        except Exception:  # noqa: BLE001
            return ""
    if not isinstance(node, cst.Call):
        return ""
    if func in RELATIONS or func in _REL:
        return label_of(node, positional_label=False)
    q = _qualified(call.func, imports)
    kind = field_module_kind(q) if q else None
    return label_of(node, positional_label=kind in ("django_model", "wtforms") and func not in _SQLA_COLUMNS)


def fields(path: Path) -> Iterator[tuple[str, str, str, str]]:
    try:
        source = path.read_text(encoding="utf-8", errors="replace")
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return
    imports = _imports(tree)
    for cls in [n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)]:
        if cls.name in ("Meta", "Config") or cls.name.startswith("_"):
            continue
        for stmt in cls.body:
            if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
                name, value = stmt.targets[0].id, stmt.value
                if not isinstance(value, ast.Call):
                    continue
                # a chained call on the field (creme's `CharField(...).set_tags(optional=True)`) declares it
                while isinstance(value.func, ast.Attribute) and isinstance(value.func.value, ast.Call):
                    value = value.func.value
                kind = _callee(value)
                column = kind in ("Column", "mapped_column")
                if column:  # any SQLAlchemy column, whatever its type (UnicodeText, Float, Enum, JSON...)
                    kind = next((_callee(a) for a in value.args if not isinstance(a, ast.Constant)), "") or kind
                if not (column or kind.endswith("Field") or kind in _REL
                        or kind in ("String", "Integer", "Text", "Boolean", "DateTime")):
                    continue
                if kind in _REL:
                    kind = f"{kind}({_target(value)})"
                yield cls.name, name, kind, _label(source, value, imports)
            elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
                name = stmt.target.id
                if name.startswith(("_", "resource_type")):
                    continue
                if isinstance(stmt.value, ast.Call) and _callee(stmt.value) in _NOT_STORED:
                    continue  # `workouts: Mapped[List[Workout]] = relationship(...)` stores nothing
                ann = ast.unparse(stmt.annotation)
                ann = ann.replace("typing.", "").replace("fhirtypes.", "")
                label = _label(source, stmt.value, imports) if isinstance(stmt.value, ast.Call) else ""
                yield cls.name, name, ann[:60], label


def bases(root: Path) -> dict[str, list[str]]:
    """Class name -> the names of its bases, over every module of a package (for inherited fields)."""
    out: dict[str, list[str]] = {}
    for path in sorted(root.rglob("*.py")):
        try:
            tree = ast.parse(path.read_text(encoding="utf-8", errors="replace"))
        except (SyntaxError, ValueError):
            continue
        for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
            names = out.setdefault(cls.name, [])
            for b in cls.bases:
                name = _callee(b) if isinstance(b, (ast.Name, ast.Attribute)) else ""
                if name and name != cls.name and name not in names:
                    names.append(name)
    return out


def _inherited(labels: dict[tuple[str, str, str], str], parents: dict[str, list[str]],
               source: str, container: str, name: str) -> str | None:
    """The label of `name` as declared on the nearest base class of `container` that declares it."""
    queue, seen = list(parents.get(container, ())), {container}
    while queue:
        base = queue.pop(0)
        if base in seen:
            continue
        seen.add(base)
        if (source, base, name) in labels:
            return labels[(source, base, name)]
        queue.extend(parents.get(base, ()))
    return None


def sql_fields(path: Path) -> Iterator[tuple[str, str, str, str]]:
    """(table, column, type, comment) of the tables a SQL file creates, as the scanner reads them."""
    from scanner.extract.sql import extract_sql

    _, raw = extract_sql(path.read_text(encoding="utf-8", errors="replace"), str(path))
    for r in raw:
        yield r.container, r.name, r.type_hint, r.label


def harvest(root: Path, source: str | None = None, sql: bool = False,
            everywhere: bool = False) -> Iterator[list[str]]:
    """Rows (source, container, field, type, label) of one unpacked package, first declaration wins.

    Only model modules (`models` in the path, `resources.py`) unless `everywhere`. SQL files are
    read only with `sql` (no Python package of eval.csv ships its schema as SQL)."""
    source = source or root.name
    seen = set()
    paths = sorted(root.rglob("*"))
    if everywhere:  # shallowest first: fhir/resources/patient.py (R5) before fhir/resources/R4B/patient.py
        paths.sort(key=lambda p: len(p.parts))
    for path in paths:
        if path.suffix not in (".py", ".sql") or not path.is_file():
            continue
        rel = f"{root.name}/{path.relative_to(root)}"
        if "migrations" in rel or "/tests" in rel or "test_" in path.name:
            continue
        if path.suffix == ".sql":
            if not sql:
                continue
            found = sql_fields(path)
        elif not everywhere and "models" not in rel and path.name not in ("resources.py",):
            continue
        else:
            found = fields(path)
        for container, name, kind, label in found:
            key = (source, container, name)
            if key not in seen:
                seen.add(key)
                yield [source, container, name, kind, label]


# -- re-harvesting the packages of eval.csv -------------------------------------------------

def _unpack(archive: Path, into: Path) -> Path:
    into.mkdir(parents=True, exist_ok=True)
    if archive.suffix in (".whl", ".zip"):
        with zipfile.ZipFile(archive) as z:
            z.extractall(into)
    else:
        with tarfile.open(archive) as t:
            t.extractall(into, filter="data")
    return into


def download(requirement: str, work: Path) -> Path | None:
    """`pip download --no-deps` one pinned requirement (a wheel when there is one) and unpack it."""
    dest = work / "dl" / requirement.replace("=", "_")
    dest.mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--ignore-requires-python",
           "-q", "-d", str(dest), requirement]
    # the machine's pip constraints pin installed versions; a recorded version may differ
    done = subprocess.run(cmd, check=False, capture_output=True, text=True, env={**os.environ, "PIP_CONSTRAINT": ""})
    archives = sorted(dest.iterdir())
    if done.returncode or not archives:
        print(f"  {requirement}: download failed: {done.stderr.strip().splitlines()[-1:]}", file=sys.stderr)
        return None
    wheel = next((a for a in archives if a.suffix == ".whl"), archives[0])
    return _unpack(wheel, work / "src" / dest.name)


def fill(sources_csv: Path, eval_csv: Path, work: Path) -> int:
    with sources_csv.open(encoding="utf-8") as fh:
        sources = [r for r in csv.DictReader(fh) if r["requirement"].strip()]
    labels: dict[tuple[str, str, str], str] = {}
    parents: dict[str, dict[str, list[str]]] = {}
    unpacked: dict[str, Path | None] = {}
    for s in sources:
        req = s["requirement"].strip()
        if req not in unpacked:
            unpacked[req] = download(req, work)
        root = unpacked[req]
        if root is None:
            continue
        sub = root / s["subdir"] if s.get("subdir") else root
        n = 0
        for source, container, name, _kind, label in harvest(sub, s["source"], sql=True):
            labels[(source, container, name)] = label
            n += 1
        # then every other module: a base class outside models.py (`base_session.py`), or a package
        # whose models live elsewhere (fhir.resources); the model modules' declarations win
        for source, container, name, _kind, label in harvest(sub, s["source"], sql=True, everywhere=True):
            labels.setdefault((source, container, name), label)
        parents[s["source"]] = bases(sub)
        print(f"  {s['source']:<32} {req:<40} {n:>5} fields harvested", file=sys.stderr)
    with eval_csv.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        header = list(reader.fieldnames or [])
        rows = list(reader)
    if "label" not in header:
        header.append("label")
    harvested = {s["source"] for s in sources if unpacked.get(s["requirement"].strip()) is not None}
    missing: Counter[str] = Counter()
    inherited: Counter[str] = Counter()
    for r in rows:
        key = (r["source"], r["container"], r["field"])
        found = labels.get(key)
        if found is None and r["source"] in harvested:
            found = _inherited(labels, parents[r["source"]], *key)
            if found is None:
                missing[r["source"]] += 1
            else:
                inherited[r["source"]] += 1
        r["label"] = found or ""
    with eval_csv.open("w", encoding="utf-8", newline="") as fh:
        out = csv.DictWriter(fh, header)  # CRLF, as eval.csv has always been written
        out.writeheader()
        out.writerows(rows)
    for source, n in sorted(inherited.items()):
        print(f"  {source}: {n} eval rows found on a base class of their container", file=sys.stderr)
    for source, n in sorted(missing.items()):
        print(f"  {source}: {n} eval rows not found in the harvest", file=sys.stderr)
    per = Counter(r["split"] for r in rows if r["label"])
    total = Counter(r["split"] for r in rows)
    for split in total:
        print(f"{split:<10} {per[split]:>5} of {total[split]:>5} rows labelled", file=sys.stderr)
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dirs", nargs="*", type=Path)
    parser.add_argument("--fill", action="store_true", help="re-harvest sources.csv and fill eval.csv's label column")
    parser.add_argument("--sources", type=Path, default=HERE / "sources.csv")
    parser.add_argument("--eval", type=Path, default=HERE / "eval.csv")
    parser.add_argument("--sql", action="store_true", help="also read the tables of .sql files")
    parser.add_argument("--work", type=Path, help="download folder (default: a temporary one)")
    args = parser.parse_args(argv)
    if args.fill:
        if args.work:
            return fill(args.sources, args.eval, args.work)
        with tempfile.TemporaryDirectory() as tmp:
            return fill(args.sources, args.eval, Path(tmp))
    out = csv.writer(sys.stdout, lineterminator="\n")
    for root in args.dirs:
        for row in harvest(root, sql=args.sql):
            out.writerow(row)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
