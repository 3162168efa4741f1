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
    # sensitive, but no art. 9 data (audit12 #11): the article is cited only for the special categories
    assert "  # National ID number (sensitive: confirm why it is needed and how it is protected):" in draft
    assert "  # Password (sensitive: confirm why" in draft and "art. 9" not in draft
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


def test_only_special_categories_cite_gdpr_art_9(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Audit12 #11: art. 9 lists racial or ethnic origin, political opinions, beliefs, trade-union membership,
    genetic, biometric, health and sex life data; art. 10 criminal convictions. Passwords, card numbers,
    national IDs and location are sensitive (DM102) but cited under neither."""
    from scanner.ruleset import load_ruleset

    tax = load_ruleset().taxonomy
    special = ["user.health_and_medical.genetic", "user.biometric.fingerprint", "user.demographic.religious_belief",
               "user.authorization.biometric", tax.categories.resolve("trade_union_membership")]
    sensitive_only = ["user.authorization.password", "user.authorization.credentials", "user.financial.credit_card",
                      "user.government_id.national_identification_number", "user.location.precise", "user.childrens"]
    assert all(tax.is_special(c) and tax.is_sensitive(c) for c in special)
    assert not any(tax.is_special(c) or tax.is_criminal(c) for c in sensitive_only)
    assert all(tax.is_sensitive(c) for c in sensitive_only)
    assert tax.sensitivity("user.criminal_history") == "criminal offence data, GDPR art. 10"
    assert tax.sensitivity("user.contact.email") == ""
    special_keys = [k for k in tax.categories.terms if tax.is_special(k)]
    assert all(tax.is_sensitive(k) for k in special_keys)  # art. 9 data is always DM102's
    (tmp_path / "models.py").write_text(
        "from django.db import models\n\n\nclass Patient(models.Model):\n"
        "    diagnosis = models.TextField()\n    password = models.CharField(max_length=128)\n")
    assert main(["init", str(tmp_path), "-o", "-"]) == 0
    draft = capsys.readouterr().out
    assert "(special category, GDPR art. 9: confirm the legal basis and an art. 9(2) condition)" in draft
    assert "  # Password (sensitive: confirm why it is needed and how it is protected)" in draft


def test_a_draft_names_the_files_it_could_not_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Audit12 #12: a file not parsed holds what the draft cannot declare, and check fails on its DM901: the draft
    says so up front, so that the first check's failure is no surprise. Its counts are in proper English."""
    make(tmp_path, {"old.py": "print 'py2'\n",
                    "models.py": "from django.db import models\n\n\nclass C(models.Model):\n    email = models.EmailField()\n"})
    assert main(["init", str(tmp_path), "-o", "-"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].endswith(": 2 files, 1 personal-data field, 0 third parties.")
    assert ("# Not parsed (DM901): old.py:1. What it holds is not in this draft, and `datamap check` fails on it until "
            "it is fixed or excluded.") in lines
    yaml.safe_load("\n".join(lines))  # still a data map


def test_the_root_category_is_never_drafted_nor_accepted(tmp_path: Path) -> None:
    """Audit15 #01: a field read only as `user` (personal data of no finer category) was drafted as
    `- category: user`, which covers every category: the next passport number or religion column raised nothing.
    The draft names such fields for the officer instead, and the data map refuses the root under `collects:`."""
    from scanner.draft import draft_datamap
    from scanner.inventory import Field, Inventory, Location
    from scanner.ruleset import load_ruleset

    rules = load_ruleset()
    inventory = Inventory(root=".")
    inventory.files = 1
    inventory.fields = [
        Field("user", "SearchFilter", "pydantic", "user", "medium", "r", "why", Location("app/search.py", 9), "user"),
        Field("email", "Member", "pydantic", "user.contact.email", "high", "r", "why", Location("app/m.py", 3), "e"),
    ]
    draft = draft_datamap(inventory, rules, "medium", ".")
    entries = [c["category"] for c in yaml.safe_load(draft)["collects"]]
    assert entries == ["user.contact.email"]
    assert "Personal data of no finer category (user), not declared" in draft
    assert "SearchFilter.user (app/search.py:9)" in draft

    make(tmp_path, {"m.py": "x = 1\n", "datamap.yaml": "version: 1\ncollects:\n  - category: email\n"
                                                       "  - category: User data\n"})
    code = main(["check", str(tmp_path)])
    assert code == 2  # a usage error, not findings


def test_a_root_field_hint_asks_for_its_category_not_the_root(tmp_path: Path) -> None:
    from scanner.checks import CheckContext
    from scanner.checks.collection import _hint
    from scanner.config import Config
    from scanner.datamap import DataMap
    from scanner.inventory import Inventory
    from scanner.ruleset import load_ruleset

    ctx = CheckContext(Inventory(root="."), DataMap("datamap.yaml", "", (), (), (), ()), load_ruleset(),
                       Config(root=tmp_path), whole_project=True)
    hint = _hint(ctx, "user", "DM101", "datamap.yaml")
    assert "- category: user`" not in hint and "declare the category it holds" in hint
    assert "declare `- category: user.contact.email`" in _hint(ctx, "user.contact.email", "DM101", "datamap.yaml")
