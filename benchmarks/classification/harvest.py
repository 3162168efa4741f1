"""Collect (source, container, field, type) from the model modules of installed projects.

Reproduces the unlabelled half of eval.csv: unpack wheels of public projects
(`pip download --no-deps`), then `python harvest.py DIR...` prints CSV rows
for every Django / SQLAlchemy / pydantic model field it finds. Labels are added
by hand afterwards; this script never labels.
"""

from __future__ import annotations

import ast
import csv
import sys
from pathlib import Path

_REL = {"ForeignKey", "OneToOneField", "ManyToManyField", "ParentalKey", "ParentalManyToManyField"}


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


def fields(path: Path):
    try:
        tree = ast.parse(path.read_text(encoding="utf-8", errors="replace"))
    except SyntaxError:
        return
    for cls in [n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)]:
        if cls.name in ("Meta", "Config") or cls.name.startswith("_"):
            continue
        for stmt in cls.body:
            if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
                name, value = stmt.targets[0].id, stmt.value
                if not isinstance(value, ast.Call):
                    continue
                kind = _callee(value)
                if kind in ("Column", "mapped_column"):
                    kind = next((_callee(a) for a in value.args if not isinstance(a, ast.Constant)), "Column")
                if not (kind.endswith("Field") or kind in _REL or kind in ("String", "Integer", "Text", "Boolean", "DateTime")):
                    continue
                if kind in _REL:
                    kind = f"{kind}({_target(value)})"
                yield cls.name, name, kind
            elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
                name = stmt.target.id
                if name.startswith("_") or name.startswith("resource_type"):
                    continue
                ann = ast.unparse(stmt.annotation)
                ann = ann.replace("typing.", "").replace("fhirtypes.", "")
                yield cls.name, name, ann[:60]


def main(argv: list[str]) -> int:
    out = csv.writer(sys.stdout)
    seen = set()
    for root in map(Path, argv):
        for path in sorted(root.rglob("*.py")):
            rel = str(path)
            if "migrations" in rel or "/tests" in rel or "test_" in path.name:
                continue
            if "models" not in rel and path.name not in ("resources.py",):
                continue
            for container, name, kind in fields(path):
                key = (root.name, container, name)
                if key not in seen:
                    seen.add(key)
                    out.writerow([root.name, container, name, kind])
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
