"""What a run produced: the one value every formatter reads."""

from __future__ import annotations

from dataclasses import dataclass

from scanner.findings import Finding
from scanner.inventory import Inventory
from scanner.ruleset import RuleSet


@dataclass(frozen=True)
class Result:
    command: str  # scan or check
    inventory: Inventory
    findings: list[Finding]
    suppressed: int
    rules: RuleSet  # for display names of categories and services
    datamap: str | None  # the data map checked against, as shown to the user
