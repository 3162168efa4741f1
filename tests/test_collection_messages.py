"""DM101/DM102 messages: a GDPR article is named only where it applies."""

from __future__ import annotations

from pathlib import Path

from scanner.checks import CheckContext, run_checks
from scanner.config import Config
from scanner.datamap import DataMap
from scanner.inventory import Field, Inventory, Location
from scanner.ruleset import RuleSet


def messages(rules: RuleSet, *fields: tuple[str, str]) -> dict[str, tuple[str, str]]:
    inventory = Inventory(root=".")
    inventory.fields = [Field(name, "Patient", "django_model", category, "high", "test", "", Location("m.py", n + 1), "")
                        for n, (name, category) in enumerate(fields)]
    ctx = CheckContext(inventory, DataMap("datamap.yaml", "", (), (), (), ()), rules, Config(root=Path(".")),
                       whole_project=True)
    return {f.subject.split(" ")[0].split(".")[1]: (f.code, f.message) for f in run_checks(ctx)[0]}


def test_only_special_categories_cite_article_9(rules: RuleSet) -> None:
    found = messages(rules, ("diagnosis", "user.health_and_medical"), ("password", "user.authorization.password"),
                     ("email", "user.contact.email"))
    assert found["diagnosis"][0] == found["password"][0] == "DM102"
    assert "a special category (GDPR art. 9)" in found["diagnosis"][1]
    assert "a sensitive category" in found["password"][1] and "art. 9" not in found["password"][1]
    assert found["email"][0] == "DM101" and "category," not in found["email"][1]


def test_the_fix_asks_for_a_purpose_what_sensitive_data_takes_and_offers_a_way_out(rules: RuleSet) -> None:
    """The hint says to declare the category with its purposes (a bare entry leaves the report's purposes empty),
    what the officer confirms first for sensitive data, and how a field that holds no such data is marked, so a
    false positive is not left to be 'fixed' by a false declaration."""
    inventory = Inventory(root=".")
    inventory.fields = [Field(name, "Patient", "django_model", category, "high", "test", "", Location("m.py", n + 1), "")
                        for n, (name, category) in enumerate((("diagnosis", "user.health_and_medical"),
                                                              ("password", "user.authorization.password"),
                                                              ("email", "user.contact.email")))]
    ctx = CheckContext(inventory, DataMap("datamap.yaml", "", (), (), (), ()), rules, Config(root=Path(".")),
                       whole_project=True)
    hints = {f.subject.split(" ")[0].split(".")[1]: f.hint for f in run_checks(ctx)[0]}
    assert hints["email"] == ("declare `- category: user.contact.email` with its `purposes:` under `collects:` in "
                              "datamap.yaml, or stop collecting it; a field that holds no such data takes a project "
                              "rule (`category: none`) or a `datamap: ignore[DM101]` comment")
    assert ", once an art. 9(2) condition is confirmed, or stop collecting it" in hints["diagnosis"]
    assert ", once why it is needed and how it is protected is confirmed," in hints["password"]
    assert hints["password"].endswith("`datamap: ignore[DM102]` comment")


def test_messages_name_the_map_as_the_cli_shows_it_and_locations_stay_root_relative(rules: RuleSet) -> None:
    """The CLI names the map relative to where it runs (`policy/datamap.yaml`, not the root-relative
    `../policy/datamap.yaml`); DM5xx locations, which fingerprints hash, keep the root-relative path."""
    from scanner.datamap import Collected

    inventory = Inventory(root=".")
    inventory.fields = [Field("email", "Patient", "django_model", "user.contact.email", "high", "test", "",
                              Location("m.py", 1), "")]
    dm = DataMap("../policy/datamap.yaml", "", (Collected("user.name", (), 3),), (), (), (),
                 name="policy/datamap.yaml")
    ctx = CheckContext(inventory, dm, rules, Config(root=Path(".")), whole_project=True)
    by = {f.code: f for f in run_checks(ctx)[0]}
    assert by["DM101"].message.endswith("which policy/datamap.yaml does not declare")
    assert "in policy/datamap.yaml, or stop collecting it" in by["DM101"].hint
    assert by["DM501"].location == Location("../policy/datamap.yaml", 3)
