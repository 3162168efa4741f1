"""What a run produced: the one value every formatter reads."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from scanner.findings import Finding, fingerprints
from scanner.inventory import Inventory, Location
from scanner.ruleset import RuleSet


@dataclass(frozen=True)
class Result:
    command: str  # scan or check
    inventory: Inventory
    findings: list[Finding]
    suppressed: int
    rules: RuleSet  # for display names of categories and services
    datamap: str | None  # the data map checked against, as shown to the user
    root: Path = Path(".")  # the scan root: every path above is relative to it (`../policy/map.yaml` too)
    repository: Path | None = None  # the repository root, which GitHub's paths are relative to; None: root
    baseline: str | None = None  # the baseline whose findings are not reported (`check --baseline`)
    known: int = 0  # findings the baseline hid
    gone: int = 0  # baseline entries that no longer occur: fixed, or moved to another file
    # what `suppressed` and `known` count, for formats that keep them marked rather than dropped (SARIF)
    suppressed_findings: tuple[Finding, ...] = ()
    known_findings: tuple[Finding, ...] = ()
    # how finding messages name the data map: from where the command runs, as the console names files
    datamap_shown: str | None = None

    def file(self, path: str) -> Path:
        """The file a finding's path names."""
        return Path(os.path.normpath(self.root.resolve() / path))

    def fingerprints(self, findings: Sequence[Finding] | None = None) -> list[str]:
        """Distinct fingerprints of `findings` (default: the reported ones), in order (findings.fingerprints)."""
        lines: dict[str, list[str]] = {}

        def line_text(finding: Finding) -> str:
            path = finding.location.path
            if path not in lines:
                try:
                    lines[path] = self.file(path).read_text(encoding="utf-8", errors="replace").split("\n")
                except OSError:
                    lines[path] = []
            n = finding.location.line
            return lines[path][n - 1] if 0 < n <= len(lines[path]) else ""

        return fingerprints(self.findings if findings is None else findings, line_text)

    def shown(self, path: str) -> str:
        """A path as the console shows it: relative to the current directory (else absolute), as ruff prints them, so
        that a terminal or an editor opens `datamap check proj`'s `proj/app/models.py:5` (audit14 #15). JSON,
        SARIF and baselines keep their own, stable, conventions."""
        cwd = Path.cwd().resolve()
        if self.root.resolve() == cwd:
            return path
        return from_cwd(self.file(path))

    def at(self, location: Location) -> str:
        """`file:line` as the console shows it."""
        return f"{self.shown(location.path)}:{location.line}"

    def stable(self, text: str, datamap: str | None = None) -> str:
        """A finding's message or hint for a machine format: the data map named as `datamap` (default: relative
        to the scan root, as the JSON's paths and its `datamap` are) instead of from the current directory, so
        that the same run from two directories writes the same bytes (audit15 #16)."""
        name, stable = self.datamap_shown, datamap or self.datamap
        if not name or not stable or name == stable:
            return text
        return re.sub(rf"(?<![\w./-]){re.escape(name)}(?![\w/-])", lambda _: stable, text)

    def repo_path(self, path: str) -> str:
        """A finding's path relative to the repository root, as GitHub annotations and code scanning need
        it: `datamap check backend/` must still say `backend/app.py`, and the data map the same way."""
        if self.repository is None:
            return path
        return Path(os.path.relpath(self.file(path), self.repository.resolve())).as_posix()


def repository_root(root: Path, pyproject_dir: Path | None) -> Path:
    """The git work tree holding the scan root; else the folder of the pyproject that configures it;
    else the cwd when the scan root is inside it; else the scan root itself."""
    start = root.resolve()
    for directory in (start, *start.parents):
        if (directory / ".git").exists():  # a folder, or a file in a worktree or submodule
            return directory
    if pyproject_dir is not None:
        return pyproject_dir.resolve()
    cwd = Path.cwd().resolve()
    return cwd if start == cwd or cwd in start.parents else start


def from_cwd(file: Path) -> str:
    """An absolute path relative to the current directory, or whole outside it, as ruff prints paths: `../../x` is
    no easier to open. The console's files (Result.shown) and the data map's name in messages (cli) alike."""
    cwd = Path.cwd().resolve()
    return file.relative_to(cwd).as_posix() if file.is_relative_to(cwd) else file.as_posix()

