"""`datamap baseline` and `check --baseline`: CI fails only on findings a change adds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scanner.cli import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, main
from tests.test_cli import PROJECT, found, make, run_json


def _baseline(tmp_path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> Path:
    out = tmp_path / "known.json"
    assert main(["baseline", str(tmp_path), "-o", str(out), *extra]) == EXIT_CLEAN
    capsys.readouterr()
    return out


def test_a_baseline_hides_known_findings_and_reports_new_ones(tmp_path: Path, capsys) -> None:
    make(tmp_path, PROJECT)
    _, before = run_json(capsys, "check", str(tmp_path))
    out = _baseline(tmp_path, capsys)
    assert len(json.loads(out.read_text())["findings"]) == len(before["findings"]) > 0

    code, report = run_json(capsys, "check", str(tmp_path), "--baseline", str(out))
    assert (code, report["findings"], report["baseline"]["known"]) == (EXIT_CLEAN, [], len(before["findings"]))

    # a new undisclosed flow fails the run; the known ones stay hidden though every line below moved
    billing = tmp_path / "shop" / "billing.py"
    billing.write_text("import stripe\n\n\ndef register(customer):\n    stripe.Customer.create(email=customer.email, "
                       "phone=customer.phone, address=customer.home_address)\n", encoding="utf-8")
    models = tmp_path / "shop" / "models.py"
    models.write_text("# a comment that moves every line\n\n" + models.read_text(encoding="utf-8"), encoding="utf-8")
    code, report = run_json(capsys, "check", str(tmp_path), "--baseline", str(out))
    assert code == EXIT_FINDINGS
    assert [(f["code"], f["file"]) for f in report["findings"]] == [("DM202", "shop/billing.py")]
    assert "user.contact.address" in report["findings"][0]["message"]


def test_fixed_findings_are_counted_as_gone(tmp_path: Path, capsys) -> None:
    make(tmp_path, PROJECT)
    out = _baseline(tmp_path, capsys)
    (tmp_path / "shop" / "ads.py").unlink()  # the advertising SDK is removed: DM201 and DM301 go
    code, report = run_json(capsys, "check", str(tmp_path), "--baseline", str(out))
    assert (code, report["findings"], report["baseline"]["gone"]) == (EXIT_CLEAN, [], 2)
    main(["check", str(tmp_path), "--baseline", str(out)])
    assert "2 baseline entries no longer found" in capsys.readouterr().out


def test_a_renamed_file_keeps_its_findings_known(tmp_path: Path, capsys) -> None:
    """`git mv` with no change to the code is no new finding, though fingerprints hold the file's path."""
    make(tmp_path, PROJECT)
    out = _baseline(tmp_path, capsys)
    (tmp_path / "shop" / "ads.py").rename(tmp_path / "shop" / "advertising.py")
    code, report = run_json(capsys, "check", str(tmp_path), "--baseline", str(out))
    assert (code, report["findings"], report["baseline"]["gone"]) == (EXIT_CLEAN, [], 0)


def test_a_second_copy_of_a_known_finding_is_new_while_the_first_stays(tmp_path: Path, capsys) -> None:
    make(tmp_path, PROJECT)
    out = _baseline(tmp_path, capsys)
    ads = tmp_path / "shop" / "ads.py"
    (tmp_path / "shop" / "more_ads.py").write_text(ads.read_text(encoding="utf-8"), encoding="utf-8")
    code, report = run_json(capsys, "check", str(tmp_path), "--baseline", str(out))
    assert code == EXIT_FINDINGS
    assert {(f["code"], f["file"]) for f in report["findings"]} == {("DM201", "shop/more_ads.py"),
                                                                     ("DM301", "shop/more_ads.py")}



SCHEMAS = {
    "app/v1/schemas.py": "from pydantic import BaseModel\n\n\nclass User(BaseModel):\n    email: str\n"
                         "    last_name: str\n",
    "datamap.yaml": "version: 1\ncollects:\n  - category: email\n    purposes: [essential.service]\nrecipients: []\n"
                    "prohibited_uses: []\n",
    "pyproject.toml": '[tool.datamap]\nbaseline = ".datamap-baseline.json"\n',
}


def test_the_hook_reports_a_new_copy_of_a_known_finding_in_another_file(tmp_path: Path, capsys, monkeypatch) -> None:
    """audit15 #12: v1's baselined `User.last_name` must not absorb the same class's in a new v2 module, whether
    the run reads v1 (whole project) or not (pre-commit on the changed file)."""
    make(tmp_path, SCHEMAS)
    assert main(["baseline", str(tmp_path)]) == EXIT_CLEAN
    (tmp_path / "app" / "v2").mkdir()
    (tmp_path / "app" / "v2" / "schemas.py").write_text(SCHEMAS["app/v1/schemas.py"], encoding="utf-8")
    capsys.readouterr()
    monkeypatch.chdir(tmp_path)
    for args in (["app/v2/schemas.py"], ["."]):
        code, report = run_json(capsys, "check", *args)
        assert code == EXIT_FINDINGS, args
        assert [(f["code"], f["file"], f["subject"]) for f in report["findings"]] == [
            ("DM101", "app/v2/schemas.py", "User.last_name -> user.name.last")], args
        assert report["baseline"]["gone"] == 0, args  # v1's entry: still there (read or not)


def test_the_hook_keeps_a_renamed_file_s_findings_known(tmp_path: Path, capsys, monkeypatch) -> None:
    """`git mv app/v1 app/api` and the hook on the moved file: the entry of the file that is gone is its."""
    make(tmp_path, SCHEMAS)
    assert main(["baseline", str(tmp_path)]) == EXIT_CLEAN
    (tmp_path / "app" / "v1").rename(tmp_path / "app" / "api")
    capsys.readouterr()
    monkeypatch.chdir(tmp_path)
    for args in (["app/api/schemas.py"], ["."]):
        code, report = run_json(capsys, "check", *args)
        assert (code, report["findings"], report["baseline"]["known"], report["baseline"]["gone"]) == (
            EXIT_CLEAN, [], 1, 0), args


def test_the_hook_does_not_count_entries_of_a_file_it_did_not_read_as_gone(tmp_path: Path, capsys,
                                                                             monkeypatch) -> None:
    """A renamed file the hook was not given: its entries may be in a file the run did not read either."""
    make(tmp_path, {**SCHEMAS, "app/other.py": "def f():\n    return 1\n"})
    assert main(["baseline", str(tmp_path)]) == EXIT_CLEAN
    (tmp_path / "app" / "v1").rename(tmp_path / "app" / "api")
    capsys.readouterr()
    monkeypatch.chdir(tmp_path)
    code, report = run_json(capsys, "check", "app/other.py")
    assert (code, report["findings"], report["baseline"]["gone"]) == (EXIT_CLEAN, [], 0)


def test_an_entry_absorbs_one_finding_of_its_file_whose_line_changed(tmp_path: Path, capsys) -> None:
    """A second copy of a datum sent to a service in one file gives both copies line-text fingerprints: the
    baseline's entry of that file takes one of them, the other is new (one entry, one finding)."""
    make(tmp_path, PROJECT)
    out = _baseline(tmp_path, capsys)
    billing = tmp_path / "shop" / "billing.py"
    billing.write_text(billing.read_text(encoding="utf-8") + "\n\ndef again(customer):\n"
                       "    return stripe.Customer.modify('cus', phone=customer.phone)\n", encoding="utf-8")
    code, report = run_json(capsys, "check", str(tmp_path), "--baseline", str(out))
    assert code == EXIT_FINDINGS
    assert [(f["code"], f["file"], f["subject"]) for f in report["findings"]] == [
        ("DM202", "shop/billing.py", "user.contact.phone_number -> service:stripe")]


TWILIO_TWICE = {
    # a use as strong as sms.py's (DM203 sits at the strongest use, then the first: audit16 #10)
    "app/a_health.py": "from twilio.rest import Client\n\n\ndef check():\n    return Client().api.accounts.list()\n",
    "app/sms.py": "from twilio.rest import Client\n\n\ndef send(to, body):\n"
                  "    Client().messages.create(to=to, body=body, from_='+1555')\n",
    "app/models.py": "from django.db import models\n\n\nclass Customer(models.Model):\n"
                     "    date_of_birth = models.DateField()\n",
    "datamap.yaml": "version: 1\ncollects:\n  - category: phone\n    purposes: [essential.service]\nrecipients:\n"
                    "  - service: twilio\n    receives: [phone, user.content.private]\nprohibited_uses: []\n"
                    "allowed_regions: [EU]\n",
    "pyproject.toml": '[tool.datamap]\nbaseline = ".datamap-baseline.json"\n',
}


def test_the_hook_on_some_files_knows_a_once_per_service_finding(tmp_path: Path, capsys, monkeypatch) -> None:
    """DM203 sits at the first file using Twilio among those read: a.py in the baseline, sms.py in the hook."""
    make(tmp_path, TWILIO_TWICE)
    assert main(["baseline", str(tmp_path)]) == EXIT_CLEAN
    entries = json.loads((tmp_path / ".datamap-baseline.json").read_text())["findings"]
    assert {(e["code"], e["file"]) for e in entries} >= {("DM203", "app/a_health.py"), ("DM101", "app/models.py")}
    capsys.readouterr()
    monkeypatch.chdir(tmp_path)
    code, report = run_json(capsys, "check", "app/sms.py")
    # nothing new, and the entries of files the hook did not read are not "no longer found"
    assert (code, report["findings"], report["baseline"]["known"], report["baseline"]["gone"]) == (EXIT_CLEAN, [], 1, 0)
    (tmp_path / "app" / "models.py").write_text("from django.db import models\n", encoding="utf-8")
    _, report = run_json(capsys, "check", "app/sms.py", "app/models.py")
    assert report["baseline"]["gone"] == 1  # the DM101 of a file read: fixed


def test_the_hook_in_a_monorepo_matches_the_baseline_of_its_folder(tmp_path: Path, capsys, monkeypatch) -> None:
    """`datamap baseline backend` writes paths relative to backend/; pre-commit runs from the repository root."""
    make(tmp_path / "backend", {k: v for k, v in TWILIO_TWICE.items() if k != "app/a_health.py"})
    assert main(["baseline", str(tmp_path / "backend")]) == EXIT_CLEAN
    capsys.readouterr()
    monkeypatch.chdir(tmp_path)
    code, report = run_json(capsys, "check", "backend/app/models.py", "backend/app/sms.py")
    assert (code, report["findings"], report["baseline"]["gone"]) == (EXIT_CLEAN, [], 0)
    assert report["baseline"]["known"] >= 2
    (tmp_path / "backend" / "app" / "models.py").write_text(
        "from django.db import models\n\n\nclass Customer(models.Model):\n    date_of_birth = models.DateField()\n"
        "    passport_number = models.CharField(max_length=20)\n", encoding="utf-8")
    code, report = run_json(capsys, "check", "backend/app/models.py")
    assert code == EXIT_FINDINGS
    assert [(f["code"], f["file"]) for f in report["findings"]] == [("DM102", "backend/app/models.py")]
    assert "passport" in report["findings"][0]["message"]


def test_a_json_report_of_the_base_branch_is_a_baseline(tmp_path: Path, capsys) -> None:
    """CI's other workflow: check the base branch's checkout with --format json, then the change against it."""
    base, head = make(tmp_path / "base", PROJECT), make(tmp_path / "head", PROJECT)
    report_path = tmp_path / "base.json"
    main(["check", str(base), "--format", "json", "-o", str(report_path)])
    (head / "shop" / "mail.py").unlink()
    (head / "shop" / "chat.py").write_text("import slack_sdk\n", encoding="utf-8")
    code, report = run_json(capsys, "check", str(head), "--baseline", str(report_path))
    assert code == EXIT_FINDINGS
    assert {(f[0], f[1]) for f in found(report)} == {("DM201", "shop/chat.py")}


def test_pyproject_names_the_baseline(tmp_path: Path, capsys) -> None:
    make(tmp_path, {**PROJECT, "pyproject.toml": '[tool.datamap]\nbaseline = "privacy/known.json"\n'})
    (tmp_path / "privacy").mkdir()
    assert main(["baseline", str(tmp_path)]) == EXIT_CLEAN  # written where the config says
    assert (tmp_path / "privacy" / "known.json").is_file()
    code, report = run_json(capsys, "check", str(tmp_path))
    assert (code, report["findings"], report["baseline"]["file"]) == (EXIT_CLEAN, [], "privacy/known.json")


def test_check_without_a_baseline_reports_everything(tmp_path: Path, capsys) -> None:
    make(tmp_path, PROJECT)
    _baseline(tmp_path, capsys)  # written, but not asked for
    code, report = run_json(capsys, "check", str(tmp_path))
    assert code == EXIT_FINDINGS and report["findings"] and "baseline" not in report


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "not a baseline (invalid JSON"),
        ('{"version": 1}', "not a baseline (no `findings` list)"),
        ('{"version": 9, "findings": []}', "baseline version 9; this Datamap reads version 1"),
        ('{"findings": [{"code": "DM101"}]}', "findings[0] has no fingerprint"),
    ],
)
def test_a_malformed_baseline_is_a_usage_error(tmp_path: Path, capsys, text: str, message: str) -> None:
    make(tmp_path, PROJECT)
    (tmp_path / "known.json").write_text(text, encoding="utf-8")
    assert main(["check", str(tmp_path), "--baseline", str(tmp_path / "known.json")]) == EXIT_ERROR
    assert message in capsys.readouterr().err


def test_a_missing_baseline_says_how_to_write_one(tmp_path: Path, capsys) -> None:
    make(tmp_path, PROJECT)
    assert main(["check", str(tmp_path), "--baseline", str(tmp_path / "nope.json")]) == EXIT_ERROR
    assert "write one with `datamap baseline`" in capsys.readouterr().err


def test_a_baseline_of_some_files_is_refused(tmp_path: Path, capsys) -> None:
    make(tmp_path, PROJECT)
    assert main(["baseline", str(tmp_path / "shop" / "billing.py"), str(tmp_path / "schema.sql")]) == EXIT_ERROR
    assert "give one directory" in capsys.readouterr().err


def _git(cwd: Path, *argv: str) -> None:
    import subprocess

    subprocess.run(["git", "-c", "user.email=a@b.c", "-c", "user.name=a", *argv], cwd=cwd, check=True,
                   capture_output=True)


def test_the_base_branch_recipe_works_in_the_pull_request_that_adopts_datamap(tmp_path: Path, capsys,
                                                                               monkeypatch) -> None:
    """README's recipe in a real git repository, base branch checked out with `git worktree`: in the pull request
    that adds datamap.yaml the base has none, so its findings are recorded against the head's (audit-ci F15: it
    exited 2 and stopped the CI job); what the change adds is still new."""
    head = tmp_path / "head"
    model = ("from django.db import models\n\n\nclass Customer(models.Model):\n"
             "    date_of_birth = models.DateField()\n")
    make(head, {"app/models.py": model})
    _git(head, "init", "-q", "-b", "main")
    _git(head, "add", "-A")
    _git(head, "commit", "-qm", "base")
    _git(head, "checkout", "-qb", "adopt")
    make(head, {"datamap.yaml": "version: 1\ncollects: []\nrecipients: []\nprohibited_uses: []\n",
                "app/more.py": model.replace("Customer", "Lead").replace("date_of_birth", "passport_number")})
    _git(head, "add", "-A")
    _git(head, "commit", "-qm", "adopt datamap")
    _git(head, "worktree", "add", "-q", str(tmp_path / "base"), "main")
    monkeypatch.chdir(head)

    assert main(["baseline", "../base", "-o", "base.json"]) == EXIT_CLEAN
    assert "../base has no data map" in capsys.readouterr().err
    assert json.loads(Path("base.json").read_text())["datamap"] == "datamap.yaml"
    code, report = run_json(capsys, "check", ".", "--baseline", "base.json")
    assert (code, {f[1] for f in found(report)}, report["baseline"]["known"]) == (EXIT_FINDINGS, {"app/more.py"}, 1)

    # a folder of this checkout without a data map is still an error, not the current directory's map
    make(head, {"sub/a.py": model})
    assert main(["baseline", "sub", "-o", "sub.json"]) == EXIT_ERROR
    assert "no data map at" in capsys.readouterr().err
    # once the base has a data map, the base's own is used: a policy the change narrows is caught (the base
    # declares the date of birth, the head no longer does)
    _git(tmp_path / "base", "checkout", "-q", "--detach", "adopt")
    (tmp_path / "base" / "datamap.yaml").write_text(
        "version: 1\ncollects:\n  - category: user.demographic.date_of_birth\n    purposes: [essential.service]\n"
        "recipients: []\nprohibited_uses: []\n")
    assert main(["baseline", "../base", "-o", "base.json"]) == EXIT_CLEAN
    assert "no data map" not in capsys.readouterr().err
    code, report = run_json(capsys, "check", ".", "--baseline", "base.json")
    assert {f[1] for f in found(report)} == {"app/models.py", "sub/a.py"}  # sub/ is new in the head


def test_baseline_says_how_to_have_check_and_the_hooks_read_it(tmp_path: Path, capsys, monkeypatch) -> None:
    """audit14 #17: the default file was written, then never read by `datamap check` or the hooks (which pass no
    --baseline), and the message named only the flag. check still reads no file it is not told of."""
    make(tmp_path / "proj", PROJECT)
    monkeypatch.chdir(tmp_path)
    assert main(["baseline", "proj"]) == EXIT_CLEAN
    err = capsys.readouterr().err
    assert 'add `baseline = ".datamap-baseline.json"` to [tool.datamap] in proj/pyproject.toml' in err
    (tmp_path / "proj" / "pyproject.toml").write_text('[tool.datamap]\nbaseline = ".datamap-baseline.json"\n')
    assert main(["baseline", "proj"]) == EXIT_CLEAN
    assert "`datamap check` and the pre-commit hooks read it" in capsys.readouterr().err
    assert main(["check", "proj"]) == EXIT_CLEAN


def test_a_baseline_written_elsewhere_gets_no_advice_to_configure_it(tmp_path: Path, capsys, monkeypatch) -> None:
    """audit15 #18: README's base-branch gate writes a throw-away `-o base.json`; advising to name it in the base
    checkout's pyproject.toml (replacing its configured baseline) was wrong."""
    make(tmp_path / "base", {**PROJECT, "pyproject.toml": '[tool.datamap]\nbaseline = ".datamap-baseline.json"\n'})
    (tmp_path / "head").mkdir()
    monkeypatch.chdir(tmp_path / "head")
    assert main(["baseline", "../base", "-o", "base.json"]) == EXIT_CLEAN
    err = capsys.readouterr().err
    assert "`datamap check --baseline base.json` reports only new ones" in err and "pyproject" not in err


def test_a_missing_baseline_fails_before_the_scan(tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    """A hook or CI run does not spend a whole scan to report a missing input (audit18 #18)."""
    import scanner.scan

    def no_scan(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("scanned before the baseline was read")

    make(tmp_path, PROJECT)
    monkeypatch.setattr(scanner.scan, "scan", no_scan)
    assert main(["check", str(tmp_path), "--baseline", str(tmp_path / "nope.json")]) == EXIT_ERROR
    assert "write one with `datamap baseline`" in capsys.readouterr().err
