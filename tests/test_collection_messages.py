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
