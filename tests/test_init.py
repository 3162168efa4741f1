"""`datamap init`: a first data map drafted from the inventory, which `datamap check` then accepts."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from scanner.cli import main
from tests.conftest import EXAMPLE
from tests.test_report import INJECTION, make


def check(root: Path, tmp_path: Path) -> tuple[int, dict]:
    out = tmp_path / "check.json"
    code = main(["check", str(root), "--format", "json", "-o", str(out)])
    return code, json.loads(out.read_text(encoding="utf-8"))


@pytest.fixture
def example(tmp_path: Path) -> Path:
    root = tmp_path / "faaturacloud"
    shutil.copytree(EXAMPLE, root)
    for name in ("datamap.yaml", "datamap.clean.yaml"):
        (root / name).unlink()
    return root


def test_init_then_check_passes(example: Path, tmp_path: Path) -> None:
    assert main(["init", str(example)]) == 0
    draft = (example / "datamap.yaml").read_text(encoding="utf-8")
    code, report = check(example, tmp_path)
    assert report["findings"] == [] and code == 0  # no DM101/DM201, nor DM202, DM301 or stale entries
    scanned = yaml.safe_load(draft)
    assert set(scanned) == {"version", "collects", "recipients", "prohibited_uses"} and scanned["prohibited_uses"] == []
    collects = {c["category"]: c["purposes"] for c in scanned["collects"]}
    assert collects["user.contact.email"] == ["essential.service"]
    assert collects["user.device.ip_address"] == ["essential.service.security"]  # a default purpose per category
    assert "user.account.username" in collects  # only ever sent (to Sentry): still collected
    recipients = {r["service"]: r["receives"] for r in scanned["recipients"]}
    assert set(recipients) == {"stripe", "mixpanel", "postmark", "sentry", "facebook_marketing"}
    assert recipients["mixpanel"] == ["user.contact.email", "user.name"]  # what the flows show, no more
    # where each was found, for the officer who reviews it
    assert "  # Date of birth: Client.date_of_birth (faaturacloud/models.py:102), ClientIn.date_of_birth" in draft
    assert "  # National ID number (sensitive: confirm the legal basis, GDPR art. 9):" in draft
    assert "# allowed_regions: [US]" in draft


def test_init_never_overwrites_without_force(example: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = example / "datamap.yaml"
    target.write_text("version: 1\n# the officer's own work\n", encoding="utf-8")
    assert main(["init", str(example)]) == 2
    err = capsys.readouterr().err
    assert "exists" in err and "--force" in err
    assert target.read_text(encoding="utf-8") == "version: 1\n# the officer's own work\n"
    assert main(["init", str(example), "--force"]) == 0
    assert "collects:" in target.read_text(encoding="utf-8")


def test_init_to_stdout_or_another_file(example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init", str(example), "-o", "-"]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("# Data map drafted by `datamap init`") and not (example / "datamap.yaml").exists()
    other = tmp_path / "policy" / "map.yaml"
    other.parent.mkdir()
    assert main(["init", str(example), "-o", str(other)]) == 0
    assert other.read_text(encoding="utf-8") == printed  # deterministic
    assert main(["init", str(example / "faaturacloud" / "models.py")]) == 2  # a whole project only


def test_names_from_the_code_cannot_write_yaml(tmp_path: Path) -> None:
    files = {k: v for k, v in INJECTION.items() if k != "datamap.yaml"}
    # line breaks YAML (PyYAML: also U+2028) would read as the start of a new line, after a name in a comment
    files["more.sql"] = ('CREATE TABLE people (\n    "email\nprohibited_uses: [sale]" text,\n'
                         '    "phone\u2028collects: []" text,\n    "nick\rname" text\n);\n')
    root = make(tmp_path / "proj", files)
    assert main(["init", str(root)]) == 0
    draft = (root / "datamap.yaml").read_text(encoding="utf-8")
    scanned = yaml.safe_load(draft)
    assert scanned["version"] == 1 and scanned["prohibited_uses"] == []
    # each name flattened into its comment
    assert "  # Email address: people.email prohibited_uses: [sale] (more.sql:" in draft
    assert "  # Phone number: people.phone collects: [] (more.sql:" in draft and "people.nick name (more.sql:" in draft
    assert all(line.startswith(("#", " ", "version:", "collects:", "recipients:", "prohibited_uses:"))
               for line in draft.splitlines() if line)
    code, report = check(root, tmp_path)
    assert code == 0 and report["findings"] == []
