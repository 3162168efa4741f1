"""DM203 cross-border-transfer: services outside the data map's allowed regions."""

from __future__ import annotations

from pathlib import Path

import pytest

from scanner.checks import CheckContext, run_checks
from scanner.checks.transfers import region_covers
from scanner.config import Config
from scanner.datamap import DataMap, Recipient
from scanner.findings import RULES
from scanner.inventory import Inventory, Location, ServiceUse
from scanner.ruleset import RuleSet


def check(rules: RuleSet, regions: tuple[str, ...], services: list[tuple[str, str, int]]) -> set[tuple[str, str, int, str]]:
    inventory = Inventory(root=".")
    inventory.services = [ServiceUse(s, "import", f"import {s}", Location(path, line), "medium") for s, path, line in services]
    inventory.sort()
    everyone = (Recipient(None, "other", None, (), 1),)  # every category disclosed: only DM203 is left
    datamap = DataMap("datamap.yaml", "", (), everyone, (), regions)
    ctx = CheckContext(inventory, datamap, rules, Config(root=Path(".")), whole_project=True)
    findings, _ = run_checks(ctx)
    return {(f.code, f.location.path, f.location.line, f.subject) for f in findings if f.code == "DM203"}


def test_us_service_outside_eu_only_map(rules: RuleSet) -> None:
    found = check(rules, ("EU",), [("stripe", "pay.py", 3), ("stripe", "pay.py", 9), ("stripe", "billing.py", 1),
                                   ("hotjar", "base.html", 4), ("mollie", "pay.py", 5)])
    # Hotjar (MT) and Mollie (NL) are in the EU; Stripe (US) is reported once per file, at its first use
    assert found == {("DM203", "pay.py", 3, "service:stripe -> US"), ("DM203", "billing.py", 1, "service:stripe -> US")}


def test_allowed_country_code_and_unknown_country(rules: RuleSet) -> None:
    assert rules.catalogue.services["unresolved_webhook"].country == ""
    found = check(rules, ("EU", "US"), [("stripe", "a.py", 1), ("unresolved_webhook", "a.py", 2), ("raygun", "a.py", 3)])
    assert found == {("DM203", "a.py", 3, "service:raygun -> NZ")}


def test_no_allowed_regions_means_no_check(rules: RuleSet) -> None:
    assert check(rules, (), [("raygun", "a.py", 3)]) == set()


@pytest.mark.parametrize(("region", "country", "covered"), [
    ("EU", "DE", True), ("EU", "NO", True), ("EU", "EU", True), ("eu", "fr", True),
    ("EU", "GB", False), ("EU", "CH", False), ("EU", "US", False),
    ("US", "US", True), ("GB", "GB", True), ("DE", "FR", False), ("DE", "EU", False),
])
def test_region_covers(region: str, country: str, covered: bool) -> None:
    assert region_covers(region, country) is covered


def test_rule_is_registered_as_a_warning() -> None:
    assert RULES["DM203"].name == "cross-border-transfer" and RULES["DM203"].severity == "warning"
