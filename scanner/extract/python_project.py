"""Cross-file Python facts (issue 3 builds this out)."""

from __future__ import annotations

from scanner.config import Config
from scanner.inventory import FileResult
from scanner.ruleset import RuleSet


def link_python(results: list[FileResult], rules: RuleSet, config: Config) -> list[FileResult]:
    return results
