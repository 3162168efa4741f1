"""DM301 prohibited-purpose: how sure the finding is follows the evidence of the use (audit16 #10)."""

from __future__ import annotations

from pathlib import Path

from scanner.checks import CheckContext, run_checks
from scanner.config import Config
from scanner.datamap import DataMap, Prohibited, Recipient
from scanner.findings import Finding
from scanner.inventory import Inventory, Location, ServiceUse
from scanner.ruleset import RuleSet


def dm301(rules: RuleSet, uses: list[tuple[str, str, str, int]]) -> list[Finding]:
    inventory = Inventory(root=".")
    inventory.services = [ServiceUse(service, signal, evidence, Location(path, 1), "medium")
                          for service, signal, evidence, _ in uses for path in [f"app/f{_}.py"]]
    inventory.sort()
    everyone = (Recipient(None, "other", None, (), 1),)  # every recipient disclosed: only DM301 is left
    datamap = DataMap("datamap.yaml", "", (), everyone, (Prohibited("marketing", 5),), ())
    ctx = CheckContext(inventory, datamap, rules, Config(root=Path(".")), whole_project=True)
    return [f for f in run_checks(ctx)[0] if f.code == "DM301"]


def test_a_setting_alone_warns_and_says_so(rules: RuleSet) -> None:
    """`FACEBOOK_APP_ID` printed into an Open Graph meta tag names Facebook, not what it is used for: the
    catalogue's presumed purpose (marketing) is a warning, not an error."""
    found = dm301(rules, [("facebook_graph", "setting", "FACEBOOK_APP_ID", 1)])
    assert [(f.location.path, f.severity) for f in found] == [("app/f1.py", "warning")]
    assert "only a setting (FACEBOOK_APP_ID) names" in found[0].message
    assert found[0].subject == "service:facebook_graph -> marketing"  # the same fingerprint as the error had


def test_a_call_import_or_url_keeps_the_error(rules: RuleSet) -> None:
    for signal in ("import", "call", "domain", "script", "setting_value", "package"):
        found = dm301(rules, [("facebook_graph", signal, "facebook", 1)])
        assert [f.severity for f in found] == ["error"], signal
        assert "only a setting" not in found[0].message
    # a settings read beside a call elsewhere in the project: the service is shown, every site stays an error
    found = dm301(rules, [("facebook_graph", "setting", "FACEBOOK_APP_ID", 1), ("facebook_graph", "call", "x", 2)])
    assert [(f.location.path, f.severity) for f in found] == [("app/f1.py", "error"), ("app/f2.py", "error")]
