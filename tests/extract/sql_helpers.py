"""Scan SQL fixtures through the whole pipeline (extract, project pass, classify)."""

from __future__ import annotations

import shutil
from pathlib import Path

from scanner.config import Config
from scanner.discover import discover
from scanner.inventory import Inventory
from scanner.ruleset import RuleSet
from scanner.scan import scan

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "sql"


def scan_tree(root: Path, rules: RuleSet, dialect: str = "", dialects: tuple[tuple[str, str], ...] = ()) -> Inventory:
    config = Config(root=root, dialect=dialect, dialects=dialects, jobs=1)
    return scan(discover(root, ()), rules, config, [])


def scan_fixture(tmp_path: Path, rules: RuleSet, *names: str, dialect: str = "") -> Inventory:
    """Copy fixture files or folders into a fresh tree (no git) and scan it."""
    for name in names:
        source = FIXTURES / name
        target = tmp_path / name
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, target)
    return scan_tree(tmp_path, rules, dialect)


# Left out of exact rows: whether a person table's surrogate key, a session payload, a
# JSON attribute bag or an account's creation time is personal is classification policy
# (owned elsewhere, still moving), not something SQL reading decides. Everything else is
# asserted exactly.
POLICY = frozenset({"id", "payload", "attributes", "created_at"})


def rows(inventory: Inventory) -> set[tuple[str, str, str, int]]:
    return {(f.container, f.name, f.category, f.location.line) for f in inventory.fields if f.name.lower() not in POLICY}


def located(inventory: Inventory) -> set[tuple[str, str, str, str, int]]:
    return {(f.container, f.name, f.category, f.location.path, f.location.line) for f in inventory.fields}


def write_tree(root: Path, files: dict[str, str]) -> None:
    """Files of a small project, by path relative to `root`."""
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
