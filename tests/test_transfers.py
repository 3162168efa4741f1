"""DM203 cross-border-transfer: services outside the data map's allowed regions."""

from __future__ import annotations

from pathlib import Path

import pytest

from scanner.checks import CheckContext, run_checks
from scanner.checks.transfers import region_covers
from scanner.config import Config
from scanner.datamap import DataMap, Recipient
from scanner.findings import RULES, Finding
from scanner.inventory import Inventory, Location, ServiceUse
from scanner.ruleset import RuleSet


def findings(rules: RuleSet, regions: tuple[str, ...], services: list[tuple[str, str, int]], signal: str = "import"):
    inventory = Inventory(root=".")
    inventory.services = [ServiceUse(s, signal if not path.endswith(".txt") else "package", f"import {s}",
                                     Location(path, line), "medium") for s, path, line in services]
    inventory.sort()
    everyone = (Recipient(None, "other", None, (), 1),)  # every category disclosed: only DM203 is left
    datamap = DataMap("datamap.yaml", "", (), everyone, (), regions)
    ctx = CheckContext(inventory, datamap, rules, Config(root=Path(".")), whole_project=True)
    return [f for f in run_checks(ctx)[0] if f.code == "DM203"]


def dm203(rules: RuleSet, uses: list[ServiceUse]) -> list[Finding]:
    """DM203 under `allowed_regions: [EU]` for these uses, every category disclosed."""
    inventory = Inventory(root=".")
    inventory.services = uses
    inventory.sort()
    everyone = (Recipient(None, "other", None, (), 1),)
    ctx = CheckContext(inventory, DataMap("datamap.yaml", "", (), everyone, (), ("EU",)), rules,
                       Config(root=Path(".")), whole_project=True)
    return [f for f in run_checks(ctx)[0] if f.code == "DM203"]


def check(rules: RuleSet, regions: tuple[str, ...], services: list[tuple[str, str, int]]) -> set[tuple[str, str, int, str]]:
    return {(f.code, f.location.path, f.location.line, f.subject) for f in findings(rules, regions, services)}


def test_us_service_outside_eu_only_map(rules: RuleSet) -> None:
    found = findings(rules, ("EU",), [("stripe", "pay.py", 3), ("stripe", "pay.py", 9), ("stripe", "billing.py", 1),
                                      ("hotjar", "base.html", 4), ("mollie", "pay.py", 5)])
    # Hotjar (MT) and Mollie (NL) are in the EU; Stripe (US) is reported once (audit9 #17: one edit of the map
    # answers it), at its first use, naming how many other files use it
    assert [(f.location.path, f.location.line, f.subject) for f in found] == [("billing.py", 1, "service:stripe -> US")]
    assert found[0].message.endswith("; also used in 1 other file")


def test_a_transfer_sits_in_code_not_in_the_dependency_manifest(rules: RuleSet) -> None:
    found = check(rules, ("EU",), [("stripe", "requirements.txt", 4), ("stripe", "shop/pay.py", 2)])
    assert found == {("DM203", "shop/pay.py", 2, "service:stripe -> US")}
    # a service only the manifest names keeps the manifest line: it is still installed to be used
    assert check(rules, ("EU",), [("stripe", "requirements.txt", 4)]) == {("DM203", "requirements.txt", 4,
                                                                              "service:stripe -> US")}


def test_a_transfer_sits_at_the_tag_not_at_a_settings_read(rules: RuleSet) -> None:
    """Audit16 #10: GA's DM203 sat at a context processor's settings read, which comes first by path, not at the
    gtag `<script>` that makes the transfer."""
    [found] = dm203(rules, [
        ServiceUse("google_analytics", "setting", "GOOGLE_ANALYTICS_ID", Location("app/context.py", 11), "medium"),
        ServiceUse("google_analytics", "script", "<script src=gtag>", Location("templates/base.html", 7), "medium")])
    assert (found.location.path, found.location.line) == ("templates/base.html", 7)
    assert found.message.endswith("; also used in 1 other file")


def test_a_transfer_sits_at_the_url_below_a_settings_read_in_the_same_file(rules: RuleSet) -> None:
    """Audit18 #15: the key read on line 3 was the file's first use and hid the API URL on line 4; a weaker use
    of another file does not win either, and of equals the first stays."""
    uses = [ServiceUse("stripe", "setting", "STRIPE_KEY = os.getenv(...)", Location("app/base.py", 3), "high"),
            ServiceUse("stripe", "domain", '"https://api.stripe.com"', Location("app/base.py", 4), "high"),
            ServiceUse("stripe", "setting", "STRIPE_KEY", Location("app/a.py", 1), "high"),
            ServiceUse("stripe", "domain", '"https://api.stripe.com/v1"', Location("app/z.py", 9), "high")]
    [found] = dm203(rules, uses)
    assert (found.location.path, found.location.line) == ("app/base.py", 4)
    assert found.message.endswith("; also used in 2 other files")


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


def test_the_message_names_the_country_a_privacy_officer_reads(rules: RuleSet) -> None:
    """A bare `NZ` or `IL` sends the reader to a code table: the message names the country, the code beside it."""
    found = findings(rules, ("EU",), [("raygun", "a.py", 3), ("stripe", "b.py", 1)])
    messages = {f.subject: f.message for f in found}
    assert "Raygun is based in New Zealand (NZ), outside" in messages["service:raygun -> NZ"]
    assert "is based in the United States (US), outside" in messages["service:stripe -> US"]
    # the hint keeps the code: it is what `allowed_regions:` takes
    assert "add US to `allowed_regions:`" in next(f.hint for f in found if f.subject.endswith("US"))


def test_every_region_code_has_a_name() -> None:
    from scanner.countries import NAMES, country_name
    from scanner.datamap import COUNTRIES

    assert COUNTRIES == set(NAMES) - {"EU"} and len(COUNTRIES) == 250
    assert country_name("gb") == "United Kingdom (GB)" and country_name("GB", sentence=True) == "the United Kingdom (GB)"
    assert country_name("DE", sentence=True) == "Germany (DE)"
    assert country_name("ZZ") == "ZZ"  # a code a user's catalogue invents is shown as written
