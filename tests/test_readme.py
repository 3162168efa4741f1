"""The README's examples work as written: a new user copies them."""

from __future__ import annotations

import json
import re
from pathlib import Path

from scanner.cli import main
from scanner.datamap import load_datamap
from scanner.ruleset import RuleSet
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def yaml_block(first_line: str) -> str:
    for block in re.findall(r"```yaml\n(.*?)```", README, re.DOTALL):
        if block.startswith(first_line):
            return block
    raise AssertionError(f"no yaml block starting with {first_line!r}")


def test_data_map_example_is_valid(tmp_path: Path, rules: RuleSet) -> None:
    path = tmp_path / "datamap.yaml"
    path.write_text(yaml_block("version: 1"), encoding="utf-8")
    (tmp_path / "PRIVACY.md").write_text("# Privacy policy\n", encoding="utf-8")  # the file its `policy:` names
    dm = load_datamap(path, rules.taxonomy, rules.catalogue, "datamap.yaml")
    assert dm.prohibited and dm.recipients and dm.collects and dm.allowed_regions


def test_custom_rule_example_works(tmp_path: Path, capsys, monkeypatch) -> None:
    rules_dir = tmp_path / ".datamap" / "rules"
    rules_dir.mkdir(parents=True)
    (rules_dir / "internal.yaml").write_text(yaml_block("# .datamap/rules/internal.yaml"), encoding="utf-8")
    (tmp_path / "crm.sql").write_text("CREATE TABLE crm (cust_tel_no text, ctn2 text, cust_tel_no_verified boolean);\n")
    assert main(["scan", str(tmp_path), "--format", "json"]) == 0
    fields = {(f["name"], f["category"]) for f in json.loads(capsys.readouterr().out)["fields"]}
    assert fields == {("cust_tel_no", "user.contact.phone_number"), ("ctn2", "user.contact.phone_number")}


def test_pyproject_example_is_accepted(tmp_path: Path) -> None:
    from scanner.config import load_config

    block = re.search(r"```toml\n(\[tool\.datamap\].*?)```", README, re.DOTALL)
    assert block is not None
    (tmp_path / "pyproject.toml").write_text(block.group(1), encoding="utf-8")
    config = load_config(tmp_path)
    assert config.fail_on == "warning" and config.dialects
