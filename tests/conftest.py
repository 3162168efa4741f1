"""Shared fixtures: the bundled rule set (loaded once), a snippet scanner and a small-project scanner."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from scanner.config import Config
from scanner.discover import Source, kind_of
from scanner.extract.project import finalize
from scanner.inventory import FileResult
from scanner.ruleset import RuleSet, load_ruleset
from scanner.scan import scan_file

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "faaturacloud"


@pytest.fixture(scope="session")
def rules() -> RuleSet:
    return load_ruleset()


@pytest.fixture
def scan_snippet(tmp_path: Path, rules: RuleSet):
    """Scan one dedented source snippet as a file of the given name."""

    def run(source: str, name: str = "snippet.py", dialect: str = "") -> FileResult:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(source), encoding="utf-8")
        return scan_file(Source(name, path, kind_of(name) or "python"), rules, dialect)

    return run


def scan_each(root: Path, rules: RuleSet, files: dict[str, str]) -> list[FileResult]:
    """Write dedented Python sources under `root`, by path, and give each file's own pass (no cross-file pass)."""
    results = []
    for name, source in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(source), encoding="utf-8")
        results.append(scan_file(Source(name, path, "python"), rules))
    return results


def scan_files(root: Path, rules: RuleSet, files: dict[str, str]) -> list[FileResult]:
    """`scan_each`, then the cross-file pass: the sources scanned as one project."""
    return finalize(scan_each(root, rules, files), rules, Config(root=root))


@pytest.fixture
def scan_project(tmp_path: Path, rules: RuleSet):
    """`scan_files` in the test's own folder."""
    return lambda files: scan_files(tmp_path, rules, files)
