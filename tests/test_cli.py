"""The command line end to end on small real-shaped projects: exit codes, findings, errors."""

from __future__ import annotations

import json
import re
import textwrap
import sys
from pathlib import Path

import pytest

from scanner.cli import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, main

PROJECT = {
    "shop/models.py": """\
        from django.db import models


        class Customer(models.Model):
            email = models.EmailField()
            phone = models.CharField(max_length=20)
            email_verified = models.BooleanField(default=False)
            date_of_birth = models.DateField(null=True)


        class Product(models.Model):
            name = models.CharField(max_length=100)
        """,
    "shop/billing.py": """\
        import stripe


        def register(customer):
            return stripe.Customer.create(email=customer.email, phone=customer.phone)
        """,
    "shop/mail.py": """\
        from postmarker.core import PostmarkClient


        def client(token):
            return PostmarkClient(server_token=token)
        """,
    "shop/ads.py": """\
        from facebook_business.api import FacebookAdsApi
        """,
    "schema.sql": """\
        CREATE TABLE customers (
            id integer PRIMARY KEY,
            email text NOT NULL,
            passport_number text
        );
        """,
    "datamap.yaml": """\
        version: 1
        collects:
          - category: email
          - category: phone
          - category: gender
          - category: user.unique_id
        recipients:
          - service: stripe
            receives: [email]
          - service: twilio
        prohibited_uses: [advertising]
        """,
}

EXPECTED = {
    ("DM101", "shop/models.py", 8),  # date_of_birth
    ("DM102", "schema.sql", 4),  # passport_number: sensitive
    ("DM201", "shop/mail.py", 1),  # postmark: no recipient
    ("DM201", "shop/ads.py", 1),  # meta: no recipient either
    ("DM202", "shop/billing.py", 5),  # phone to stripe, which receives email only
    ("DM301", "shop/ads.py", 1),  # advertising SDK under "no advertising"
    ("DM501", "datamap.yaml", 5),  # gender declared, never collected
    ("DM502", "datamap.yaml", 10),  # twilio declared, never used
}


def make(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict]:
    code = main([*argv, "--format", "json"])
    return code, json.loads(capsys.readouterr().out)


def found(report: dict) -> set[tuple[str, str, int]]:
    return {(f["code"], f["file"], f["line"]) for f in report["findings"]}


def test_check_reports_every_family_with_file_and_line(tmp_path: Path, capsys) -> None:
    make(tmp_path, PROJECT)
    code, report = run_json(capsys, "check", str(tmp_path))
    assert code == EXIT_FINDINGS
    assert found(report) == EXPECTED


def test_json_contract(tmp_path: Path, capsys) -> None:
    make(tmp_path, PROJECT)
    _, report = run_json(capsys, "scan", str(tmp_path))
    assert {"fields", "third_parties", "flows", "findings", "errors", "stats"} <= report.keys()
    email = next(f for f in report["fields"] if f["name"] == "email" and f["file"] == "shop/models.py")
    assert {k: email[k] for k in ("category", "container", "kind", "line", "confidence")} == {
        "category": "user.contact.email", "container": "Customer", "kind": "django_model", "line": 5,
        "confidence": "high",
    }
    stripe = next(t for t in report["third_parties"] if t["service"] == "stripe")
    assert (stripe["recipient_category"], stripe["file"]) == ("payment", "shop/billing.py")
    assert {(f["category"], f["service"], f["file"], f["line"]) for f in report["flows"]} == {
        ("user.contact.email", "stripe", "shop/billing.py", 5),
        ("user.contact.phone_number", "stripe", "shop/billing.py", 5),
    }
    assert report["stats"]["files"] == 5 and report["stats"]["lines"] > 20
    assert list(report["sql_dialects"]) == ["schema.sql"] and report["sql_dialects"]["schema.sql"]
    names = {(f["container"], f["name"]) for f in report["fields"]}
    assert ("Customer", "email_verified") not in names and ("Product", "name") not in names


def test_the_configured_dialect_reads_sql_in_python_strings(tmp_path: Path, capsys) -> None:
    # T-SQL's TOP is no column list in PostgreSQL, the default for a string with no dialect marker
    make(tmp_path, {"app/db.py": 'def fax(c):\n    c.execute("SELECT TOP 10 fax, mobile_phone FROM members")\n'})
    _, report = run_json(capsys, "scan", str(tmp_path), "--dialect", "tsql")
    assert {("members", "mobile_phone")} <= {(f["container"], f["name"]) for f in report["fields"]}


def test_dialect_choice_is_reported(tmp_path: Path, capsys) -> None:
    make(tmp_path, {"dump.sql": "CREATE TABLE `users` (`email` varchar(255)) ENGINE=InnoDB;\n"})
    _, report = run_json(capsys, "scan", str(tmp_path))
    assert report["sql_dialects"]["dump.sql"].startswith("mysql, guessed from")
    _, report = run_json(capsys, "scan", str(tmp_path), "--dialect", "mysql")
    assert report["sql_dialects"]["dump.sql"].startswith("mysql") and "guessed" not in report["sql_dialects"]["dump.sql"]
    main(["scan", str(tmp_path)])
    assert "SQL read as mysql, guessed from" in capsys.readouterr().out


def test_bundled_scripts_are_skipped_and_reported(tmp_path: Path, capsys, monkeypatch) -> None:
    tracker = "gtag('config', 'G-ABC123');\n"
    make(tmp_path, {
        "static/app.js": tracker,  # the project's own script: read
        "static/vendor.min.js": tracker,
        "static/app.4d1b9ce7c152.js": tracker,  # collectstatic's hashed copy
        "static/huge.js": tracker + "var x = 1;\n" * 30_000,  # a library pasted in: 330 KB
        "static/packed.js": tracker + "var a=1;" * 400 + "\n",  # one 3,200-character line
    })
    _, report = run_json(capsys, "scan", str(tmp_path))
    assert {t["file"] for t in report["third_parties"]} == {"static/app.js"}
    assert {s["file"]: s["reason"].split(" (")[0] for s in report["skipped"]} == {
        "static/vendor.min.js": "minified script", "static/app.4d1b9ce7c152.js": "build output",
        "static/huge.js": "bundled library", "static/packed.js": "minified script",
    }
    assert report["stats"]["skipped"] == 4 and report["stats"]["files"] == 1
    monkeypatch.chdir(tmp_path)  # the console names files from the cwd
    main(["scan", "."])
    assert "Skipped 4 files not read (static/app.4d1b9ce7c152.js: build output" in capsys.readouterr().out


def test_clean_project_exits_zero(tmp_path: Path, capsys) -> None:
    make(tmp_path, {k: v for k, v in PROJECT.items() if k in ("shop/models.py", "datamap.yaml")})
    (tmp_path / "datamap.yaml").write_text(
        "version: 1\ncollects: [{category: email}, {category: phone}, {category: date_of_birth}]\n"
    )
    code, report = run_json(capsys, "check", str(tmp_path))
    assert (code, report["findings"]) == (EXIT_CLEAN, [])


def test_info_findings_do_not_fail_unless_asked(tmp_path: Path, capsys) -> None:
    make(tmp_path, {"m.py": "class A:\n    pass\n", "datamap.yaml": "version: 1\ncollects: [{category: email}]\n"})
    code, report = run_json(capsys, "check", str(tmp_path))
    assert (code, found(report)) == (EXIT_CLEAN, {("DM501", "datamap.yaml", 2)})
    code, _ = run_json(capsys, "check", str(tmp_path), "--fail-on", "info")
    assert code == EXIT_FINDINGS


def test_select_ignore_and_exit_zero(tmp_path: Path, capsys) -> None:
    make(tmp_path, PROJECT)
    _, report = run_json(capsys, "check", str(tmp_path), "--select", "DM2")
    assert {f[0] for f in found(report)} == {"DM201", "DM202"}
    _, report = run_json(capsys, "check", str(tmp_path), "--ignore", "DM2", "--ignore", "DM5")
    assert {f[0] for f in found(report)} == {"DM101", "DM102", "DM301"}
    code, _ = run_json(capsys, "check", str(tmp_path), "--exit-zero")
    assert code == EXIT_CLEAN


def test_select_and_ignore_take_lists_and_rule_names(tmp_path: Path, capsys) -> None:
    make(tmp_path, PROJECT)
    _, report = run_json(capsys, "check", str(tmp_path), "--ignore", "DM2,DM5", "--ignore", "prohibited-purpose")
    assert {f[0] for f in found(report)} == {"DM101", "DM102"}
    _, report = run_json(capsys, "check", str(tmp_path), "--select", "undisclosed-data-flow")
    assert {f[0] for f in found(report)} == {"DM202"}


def test_stale_declarations_name_the_code_that_could_not_be_parsed(tmp_path: Path, capsys) -> None:
    """Audit-ci F04: DM501 said "remove it" while the file that collects it failed to parse, and the DM901 behind it
    is filtered out by the datamap-project hook's --select DM5."""
    make(tmp_path, {"models.py": "from django.db import models\n\n\nclass C(models.Model):\n"
                                 "    email = models.EmailField()\n    print 'py2'\n",
                    "datamap.yaml": "version: 1\ncollects:\n  - category: email\n    purposes: [essential.service]\n"})
    _, report = run_json(capsys, "check", str(tmp_path), "--select", "DM5", "--fail-on", "info")
    (dm501,) = [f for f in report["findings"] if f["code"] == "DM501"]
    assert dm501["hint"].startswith("code that could not be parsed may back it (models.py:") and "DM901" in dm501["hint"]
    (tmp_path / "models.py").write_text("x = 1\n")
    _, report = run_json(capsys, "check", str(tmp_path), "--select", "DM5", "--fail-on", "info")
    assert [f["hint"] for f in report["findings"]] == [
        "remove it from `collects:` if no longer collected (code outside the scan may still collect it)"]


def test_files_from_several_projects_each_take_their_own_config(tmp_path: Path, monkeypatch, capsys) -> None:
    """Audit-ci F17: a commit touching backend/ and scripts/ looked up config at their common folder and exited 2."""
    model = "from django.db import models\n\n\nclass C(models.Model):\n    date_of_birth = models.DateField()\n"
    empty = "version: 1\ncollects: []\nrecipients: []\nprohibited_uses: []\n"
    make(tmp_path, {"backend/app/models.py": model, "backend/pyproject.toml": "[tool.datamap]\n",
                    "backend/datamap.yaml": empty, "shop/models.py": model, "shop/pyproject.toml": "[tool.datamap]\n",
                    "shop/datamap.yaml": empty, "scripts/deploy.py": "import os\n"})
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    assert main(["check", "backend/app/models.py", "scripts/deploy.py", "--format", "github"]) == EXIT_FINDINGS
    out, err = capsys.readouterr()
    assert "file=backend/app/models.py,line=5" in out and "1 file(s) under no pyproject.toml" in err
    assert main(["check", "backend/app/models.py", "shop/models.py", "scripts/deploy.py", "--format", "github"]) == 1
    out, _ = capsys.readouterr()
    assert "file=backend/app/models.py,line=5" in out and "file=shop/models.py,line=5" in out
    assert "backend/datamap.yaml does not declare" in out and "shop/datamap.yaml does not declare" in out
    assert main(["check", "backend/app/models.py", "shop/models.py", "--format", "sarif"]) == EXIT_ERROR
    assert "several projects (backend/pyproject.toml, shop/pyproject.toml)" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["console", "github", "json", "sarif"])
def test_a_stdout_that_cannot_encode_a_name_escapes_it(tmp_path: Path, monkeypatch, fmt: str) -> None:
    """Audit-ci F18: an ASCII stdout crashed console and github output (exit 2) on a non-ASCII field name."""
    import io

    make(tmp_path, {"a.py": "from django.db import models\n\n\nclass Kunde(models.Model):\n"
                            "    geburtsdatum_\u00e4 = models.DateField()\n    date_of_birth = models.DateField()\n",
                     "datamap.yaml": "version: 1\n"})
    raw = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(raw, encoding="ascii"))
    assert main(["check", str(tmp_path), "--format", fmt, "--exit-zero"]) == EXIT_CLEAN
    sys.stdout.flush()
    assert b"date_of_birth" in raw.getvalue() or fmt == "sarif" and raw.getvalue()


def test_huge_python_files_are_skipped_and_reported(tmp_path: Path, capsys) -> None:
    # audit-ci F05: a 1-14 MB generated module cost minutes and gigabytes in libcst
    rows = "".join(f"    {{'id': {i}, 'email': 'u{i}@example.com'}},\n" for i in range(200))
    make(tmp_path, {
        "app/models.py": "from django.db import models\n\nclass Customer(models.Model):\n    email = models.EmailField()\n",
        "app/fixtures_data.py": f"ROWS = [\n{rows}]\n",  # ~8 KB
        "app/messages_pb2.py": "# Generated by the protocol buffer compiler.  DO NOT EDIT!\nx = 1\n",
        "dump.sql": "CREATE TABLE t (id int, email text);\n" + "INSERT INTO t VALUES (1, 'a@b.c');\n" * 200,  # read
        "pyproject.toml": "[tool.datamap]\nmax-file-bytes = 4000\n",
    })
    _, report = run_json(capsys, "scan", str(tmp_path))
    assert {s["file"]: s["reason"].split(", ", 1)[-1] for s in report["skipped"]} == {
        "app/fixtures_data.py": "over max-file-bytes (4,000): generated?",
        "app/messages_pb2.py": "protocol buffer generated code"}
    assert report["stats"]["skipped"] == 2 and report["stats"]["files"] == 3  # models.py, dump.sql, pyproject.toml
    (tmp_path / "pyproject.toml").write_text("[tool.datamap]\nmax-file-bytes = 0\n")  # no limit
    _, report = run_json(capsys, "scan", str(tmp_path))
    assert [s["file"] for s in report["skipped"]] == ["app/messages_pb2.py"]
    (tmp_path / "pyproject.toml").write_text("[tool.datamap]\nmax-file-bytes = -1\n")
    assert main(["scan", str(tmp_path)]) == EXIT_ERROR


@pytest.mark.parametrize(
    ("argv", "pyproject", "message"),
    [
        pytest.param(["--select", "DM2O1"], "", "--select: unknown rule code 'DM2O1'; did you mean 'DM201'?", id="letter-o"),
        pytest.param(["--ignore", "DM1,DM7"], "", "--ignore: unknown rule code 'DM7'", id="in-a-list"),
        pytest.param(["--select", "undisclosed-colection"], "", "did you mean 'undisclosed-collection'?", id="name-typo"),
        pytest.param([], '[tool.datamap]\nignore = ["DM51"]\n', "[tool.datamap] ignore: unknown rule code 'DM51'",
                     id="pyproject"),
    ],
)
def test_unknown_codes_to_select_or_ignore_are_usage_errors(tmp_path: Path, capsys, argv: list[str], pyproject: str,
                                                            message: str) -> None:
    make(tmp_path, {"m.py": "x = 1\n", "datamap.yaml": "version: 1\n"})
    if pyproject:
        (tmp_path / "pyproject.toml").write_text(pyproject)
    assert main(["check", str(tmp_path), *argv]) == EXIT_ERROR
    assert message in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "pyproject", "message"),
    [
        pytest.param(["--dialect", "postgress"], "", "--dialect: unknown SQL dialect 'postgress'; did you mean 'postgres'?",
                     id="flag"),
        pytest.param([], '[tool.datamap]\ndialect = "postgress"\n',
                     "[tool.datamap] dialect: unknown SQL dialect 'postgress'; did you mean 'postgres'?", id="dialect"),
        pytest.param([], '[tool.datamap]\ndialects = { "*.sql" = "mysq" }\n',
                     "[tool.datamap] dialects '*.sql': unknown SQL dialect 'mysq'; did you mean 'mysql'?", id="dialects"),
    ],
)
def test_unknown_sql_dialects_are_usage_errors(tmp_path: Path, capsys, argv: list[str], pyproject: str,
                                               message: str) -> None:
    # audit-ci F02: a typo skipped every SQL file as a parse error, and the gate could pass
    make(tmp_path, {"schema.sql": "CREATE TABLE c (id int, passport_number text);\n", "datamap.yaml": "version: 1\n"})
    if pyproject:
        (tmp_path / "pyproject.toml").write_text(pyproject)
    assert main(["check", str(tmp_path), *argv]) == EXIT_ERROR
    assert message in capsys.readouterr().err


@pytest.mark.parametrize("name", ["PostgreSQL", "mssql", "duckdb", "exasol"])
def test_known_dialects_and_aliases_are_accepted(tmp_path: Path, capsys, name: str) -> None:
    make(tmp_path, {"schema.sql": "CREATE TABLE c (id int, note text);\n"})
    assert main(["scan", str(tmp_path), "--dialect", name]) == EXIT_CLEAN


def test_inline_suppressions_in_python_and_sql(tmp_path: Path, capsys) -> None:
    files = dict(PROJECT)
    files["shop/models.py"] = files["shop/models.py"].replace(
        "DateField(null=True)", "DateField(null=True)  # datamap: ignore[DM101]")
    files["schema.sql"] = files["schema.sql"].replace("passport_number text", "passport_number text -- datamap: ignore")
    files["shop/mail.py"] = files["shop/mail.py"].replace("PostmarkClient\n", "PostmarkClient  # datamap: ignore[DM301]\n", 1)
    make(tmp_path, files)
    _, report = run_json(capsys, "check", str(tmp_path))
    # the DM301 suppression on mail.py names a code its line does not have: it silences nothing (DM903)
    assert found(report) == EXPECTED - {("DM101", "shop/models.py", 8), ("DM102", "schema.sql", 4)} | {
        ("DM903", "shop/mail.py", 1)}
    assert report["stats"]["suppressed"] == 2


def test_inline_suppressions_in_the_data_map(tmp_path: Path, capsys) -> None:
    """The README: in datamap.yaml, a `#` comment on the declaration's line silences its finding."""
    files = dict(PROJECT)
    files["datamap.yaml"] = (files["datamap.yaml"]
                             .replace("- category: gender", "- category: gender   # datamap: ignore[DM501]")
                             .replace("- service: twilio", "- service: twilio   # datamap: ignore"))
    make(tmp_path, files)
    _, report = run_json(capsys, "check", str(tmp_path), "--fail-on", "info")
    assert found(report) == EXPECTED - {("DM501", "datamap.yaml", 5), ("DM502", "datamap.yaml", 10)}
    assert report["stats"]["suppressed"] == 2


def test_a_suppression_naming_no_code_is_reported(tmp_path: Path, capsys) -> None:
    files = dict(PROJECT)
    files["shop/models.py"] = files["shop/models.py"].replace(
        "DateField(null=True)", "DateField(null=True)  # datamap: ignore[DM1O1]")
    files["datamap.yaml"] = files["datamap.yaml"].replace("- category: gender", "- category: gender  # datamap: ignore[DM5]")
    make(tmp_path, files)
    _, report = run_json(capsys, "check", str(tmp_path))
    invalid = {(f["file"], f["line"]): f["message"] for f in report["findings"] if f["code"] == "DM902"}
    assert set(invalid) == {("shop/models.py", 8), ("datamap.yaml", 5)}
    assert "did you mean 'DM101'" in invalid["shop/models.py", 8]
    assert ("DM101", "shop/models.py", 8) in found(report)  # the typo silenced nothing


def test_pyproject_config(tmp_path: Path, capsys) -> None:
    make(tmp_path, PROJECT)
    (tmp_path / "policy").mkdir()
    (tmp_path / "datamap.yaml").rename(tmp_path / "policy" / "map.yaml")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.datamap]\ndatamap = "policy/map.yaml"\nexclude = ["shop/ads.py"]\nignore = ["DM5"]\n')
    _, report = run_json(capsys, "check", str(tmp_path))
    assert found(report) == {f for f in EXPECTED if f[1] != "shop/ads.py" and not f[0].startswith("DM5")}


@pytest.mark.parametrize("file_mode", [False, True], ids=["directory", "files"])
def test_a_broken_pyproject_is_an_error_with_its_line(tmp_path: Path, capsys, monkeypatch, file_mode: bool) -> None:
    """Audit ux7 #9: invalid TOML used to drop [tool.datamap] silently (its ignore and fail-on with it)."""
    make(tmp_path, {"m.py": "import sentry_sdk\n", "datamap.yaml": "version: 1\n",
                    "pyproject.toml": '[tool.datamap]\nfail-on = "error"\nignore = ["DM201"\n'})
    monkeypatch.chdir(tmp_path)
    assert main(["check", "m.py"] if file_mode else ["check", "."]) == EXIT_ERROR
    assert "datamap: error: pyproject.toml:3: invalid TOML: Unclosed array" in capsys.readouterr().err


def test_config_is_found_from_a_subfolder_and_from_the_files_given(tmp_path: Path, capsys, monkeypatch) -> None:
    """Audit ux7 #11: `Path(".").parents` is empty, so `check .` in a subfolder never saw the project's config;
    in file mode the config of the files' own project (a monorepo's backend/) was not read."""
    make(tmp_path, {"app/a.py": "import sentry_sdk\n", "policy/map.yaml": "version: 1\n",
                    "pyproject.toml": '[tool.datamap]\ndatamap = "policy/map.yaml"\n',
                    "backend/app/b.py": "import sentry_sdk\n", "backend/datamap.yaml": "version: 1\n",
                    "backend/pyproject.toml": '[tool.datamap]\nignore = ["DM201"]\n'})
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path / "app")
    code, report = run_json(capsys, "check", ".")
    assert (code, report["datamap"], found(report)) == (EXIT_FINDINGS, "../policy/map.yaml", {("DM201", "a.py", 1)})
    monkeypatch.chdir(tmp_path)
    code, report = run_json(capsys, "check", "backend/app/b.py")
    assert (code, report["datamap"], report["findings"]) == (EXIT_CLEAN, "backend/datamap.yaml", [])


def test_a_missing_data_map_says_where_it_looked(tmp_path: Path, capsys, monkeypatch) -> None:
    make(tmp_path, {"a.py": "x = 1\n"})
    monkeypatch.chdir(tmp_path)
    assert main(["check", "."]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert f"no data map at {tmp_path.resolve() / 'datamap.yaml'}" in err and "no pyproject.toml with [tool.datamap]" in err
    assert "`datamap init` drafts one" in err  # the command that writes a first data map, for this folder
    make(tmp_path, {"my app/a.py": "x = 1\n"})
    assert main(["check", "my app"]) == EXIT_ERROR
    assert "`datamap init 'my app'` drafts one" in capsys.readouterr().err
    assert main(["check", ".", "--datamap", "nope.yaml"]) == EXIT_ERROR
    assert "(from --datamap)" in capsys.readouterr().err


def test_test_code_is_scanned_only_when_asked(tmp_path: Path, capsys) -> None:
    make(tmp_path, {**PROJECT, "shop/tests/test_billing.py": PROJECT["shop/billing.py"]})
    _, report = run_json(capsys, "scan", str(tmp_path))
    assert not any(f["file"].startswith("shop/tests/") for f in report["third_parties"])
    _, report = run_json(capsys, "scan", "--include-tests", str(tmp_path))
    assert any(f["file"].startswith("shop/tests/") for f in report["third_parties"])
    (tmp_path / "pyproject.toml").write_text("[tool.datamap]\ninclude-tests = true\n")
    _, report = run_json(capsys, "scan", str(tmp_path))
    assert any(f["file"].startswith("shop/tests/") for f in report["third_parties"])


def test_explicit_files_skip_whole_project_checks(tmp_path: Path, capsys, monkeypatch) -> None:
    make(tmp_path, PROJECT)
    monkeypatch.chdir(tmp_path)
    _, report = run_json(capsys, "check", "shop/billing.py", "schema.sql")
    assert found(report) == {("DM202", "shop/billing.py", 5), ("DM102", "schema.sql", 4)}


def test_a_project_under_an_ignored_build_folder_is_scanned(tmp_path: Path, capsys, monkeypatch) -> None:
    """`datamap check build/shop` in a repository that ignores build/: excludes and .gitignore apply below the
    folder named, not to the folders above it (they scanned 0 files and passed, silently)."""
    import subprocess

    make(tmp_path / "build" / "shop", PROJECT)
    (tmp_path / ".gitignore").write_text("build/\n")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    monkeypatch.chdir(tmp_path)
    code, report = run_json(capsys, "check", "build/shop")
    assert code == EXIT_FINDINGS and found(report) == EXPECTED


def test_files_named_explicitly_are_scanned_unless_force_excluded(tmp_path: Path, capsys, monkeypatch) -> None:
    make(tmp_path, {**PROJECT, "shop/tests/test_billing.py": PROJECT["shop/billing.py"]})
    monkeypatch.chdir(tmp_path)
    _, report = run_json(capsys, "check", "shop/billing.py", "shop/tests/test_billing.py")
    assert {f[1] for f in found(report)} == {"shop/billing.py", "shop/tests/test_billing.py"}
    # as the pre-commit hook runs it: test code stays out, as in a whole-project run
    _, report = run_json(capsys, "check", "--force-exclude", "shop/billing.py", "shop/tests/test_billing.py")
    assert {f[1] for f in found(report)} == {"shop/billing.py"}
    (tmp_path / "pyproject.toml").write_text('[tool.datamap]\nforce-exclude = true\nexclude = ["shop/billing.py"]\n')
    code = main(["check", "shop/billing.py", "shop/tests/test_billing.py"])
    assert code == EXIT_CLEAN
    assert capsys.readouterr().err == (
        "datamap: warning: no files to scan under shop/billing.py, shop/tests/test_billing.py: of 2 files, "
        "1 excluded by 'shop/billing.py' (your exclude); 1 excluded by 'tests' (test code; --include-tests scans it)\n")


def test_a_run_that_finds_nothing_to_scan_says_so(tmp_path: Path, capsys) -> None:
    make(tmp_path, {"datamap.yaml": PROJECT["datamap.yaml"], "tests/test_shop.py": PROJECT["shop/billing.py"]})
    assert main(["check", str(tmp_path)]) == EXIT_ERROR  # not a pass, nor every declaration called stale
    assert capsys.readouterr().err == (
        f"datamap: error: no files to scan under {tmp_path.as_posix()}: of 2 files, 1 of no kind Datamap reads "
        "(Python, SQL, templates and scripts, dependency manifests); 1 excluded by 'tests' (test code; "
        "--include-tests scans it)\n")
    assert main(["scan", "--include-tests", str(tmp_path)]) == EXIT_CLEAN


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        pytest.param({"datamap.yaml": "version: 1\ncollects:\n  - category: emial\n"},
                     "datamap: error: invalid data map\n"
                     "  datamap.yaml:3: collects[0].category: unknown data category 'emial'; did you mean 'email'?",
                     id="bad-datamap"),
        pytest.param({"datamap.yaml": "version: 2\n"}, "datamap: error: invalid data map\n", id="datamap-version"),
        pytest.param({"datamap.yaml": "version: 1\ncollects: [\n"}, "datamap: error: invalid YAML\n", id="yaml-syntax"),
        pytest.param({"m.py": "x = 1\n"}, "no data map at", id="missing-datamap"),
        pytest.param({"datamap.yaml": "version: 1\n", "pyproject.toml": "[tool.datamap]\nexlcude = []\n"},
                     "unknown key 'exlcude' in [tool.datamap]; did you mean 'exclude'?", id="bad-config-key"),
        pytest.param({"datamap.yaml": "version: 1\n", "pyproject.toml": "[tool.datamap]\nfail-on = 'fatal'\n"},
                     "fail-on must be one of info, warning, error", id="bad-config-value"),
    ],
)
def test_user_errors_exit_2_with_a_message_not_a_traceback(tmp_path: Path, capsys, setup: dict[str, str], message: str) -> None:
    make(tmp_path, setup)
    assert main(["check", str(tmp_path)]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_unparsable_files_are_reported_and_the_rest_is_scanned(tmp_path: Path, capsys) -> None:
    make(tmp_path, {
        "legacy.py": "print 'hello'\n",
        "broken.sql": "CREATE TABLE ok_table (email text);\nCREATE TABLE (;\nCREATE TABLE later (phone text);\n",
        "good.py": "from dataclasses import dataclass\n\n@dataclass\nclass Signup:\n    email: str\n",
    })
    _, report = run_json(capsys, "scan", str(tmp_path))
    assert {(e["file"], e["line"]) for e in report["errors"]} == {("legacy.py", 1), ("broken.sql", 2)}
    assert all(e["message"] for e in report["errors"])
    assert {(f["file"], f["name"]) for f in report["fields"]} == {
        ("broken.sql", "email"), ("broken.sql", "phone"), ("good.py", "email")}
    assert {(f["code"], f["file"], f["line"]) for f in report["findings"]} == {
        ("DM901", "legacy.py", 1), ("DM901", "broken.sql", 2)}


def test_missing_path_is_a_usage_error(tmp_path: Path, capsys) -> None:
    assert main(["scan", str(tmp_path / "nope")]) == EXIT_ERROR
    assert "no such file or directory" in capsys.readouterr().err


def test_rules_lists_codes_categories_and_services(capsys) -> None:
    assert main(["rules"]) == EXIT_CLEAN
    out = capsys.readouterr().out
    assert "DM202  undisclosed-data-flow" in out and "user.contact.email" in out
    assert main(["rules", "services"]) == EXIT_CLEAN
    assert "stripe" in capsys.readouterr().out


@pytest.mark.parametrize(("what", "expected"), [("uses", "advertising"), ("recipients", "crash reporting tools")])
def test_rules_lists_print_aliases(capsys, what: str, expected: str) -> None:
    """Audit ux7 #13: the README says these list every accepted alias, and data-map errors suggest them."""
    assert main(["rules", what]) == EXIT_CLEAN
    listed = [line for line in capsys.readouterr().out.splitlines() if "aliases:" in line]
    assert listed and any(expected in line.split("aliases:", 1)[1] for line in listed)


def test_console_output_groups_by_file_and_summarises(tmp_path: Path, capsys) -> None:
    make(tmp_path, PROJECT)
    assert main(["check", str(tmp_path)]) == EXIT_FINDINGS
    out = capsys.readouterr().out
    assert "shop/models.py:8: DM101 undisclosed-collection" in out
    assert "fix: declare `- category: user.demographic.date_of_birth`" in out
    assert "Summary" in out and "\x1b[" not in out  # plain text when not a terminal


def test_console_summary_counts_in_words(tmp_path: Path, capsys) -> None:
    """Audit ux7 #19: `Scanned 1 files`, `1 flows`, and parse errors counted twice in one sentence."""
    make(tmp_path, {"a.py": "import stripe\n\n\ndef f(user):\n    stripe.Customer.create(email=user.email)\n",
                    "b.py": "def f(:\n", "datamap.yaml": "version: 1\n"})
    main(["check", str(tmp_path), "--select", "DM9"])
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last.startswith("Scanned 2 files (")
    assert "1 third party, 1 flow; findings: 1 warning; 1 file or statement not parsed (DM901)." in last


def test_bad_jobs_values_read_well(tmp_path: Path, capsys) -> None:
    make(tmp_path, {"a.py": "x = 1\n", "pyproject.toml": '[tool.datamap]\njobs = "2"\n'})
    assert main(["scan", str(tmp_path)]) == EXIT_ERROR
    assert "jobs must be an integer, got '2'" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exited:
        main(["scan", str(tmp_path), "--jobs", "-3"])
    assert exited.value.code == EXIT_ERROR
    assert "invalid non-negative integer value: '-3'" in capsys.readouterr().err


def test_console_prints_line_100_as_a_number(tmp_path: Path, capsys) -> None:
    # rich reads `:100:` and `:1234:` as emoji codes: `models.py💯 DM101` is no place to go to
    padding = "\n" * 97
    make(tmp_path, {"shop/models.py": "from django.db import models\n" + padding
                    + "class Customer(models.Model):\n    email = models.EmailField()\n",
                    "datamap.yaml": "version: 1\ncollects:\n  - category: user.name\n"})
    assert main(["check", str(tmp_path)]) == EXIT_FINDINGS
    out = capsys.readouterr().out
    assert "shop/models.py:99: DM101" not in out and "shop/models.py:100: DM101" in out
    assert "\N{HUNDRED POINTS SYMBOL}" not in out


def test_console_inventory_never_cuts_a_place(tmp_path: Path, capsys, monkeypatch) -> None:
    # a long path beside Meta's long service name: the console inventory used to print `shop/integrations/adv…`
    deep = "shop/integrations/advertising_partners/conversions_api_client.py"
    make(tmp_path, {deep: "from facebook_business.api import FacebookAdsApi\n",
                    "shop/models.py": PROJECT["shop/models.py"]})
    monkeypatch.chdir(tmp_path)  # the console names files from the cwd
    assert main(["scan", "."]) == EXIT_CLEAN
    out = capsys.readouterr().out
    assert f"{deep}:1 " in out  # whole, on one line of the table
    assert "Customer.date_of_birth (shop/models.py:8)" in out
    assert "Advertising partners" in out  # the other columns wrap to make room, none is squeezed out


def test_console_inventory_shows_code_before_the_manifest(tmp_path: Path, capsys, monkeypatch) -> None:
    """Audit9 #17: the third parties' first place was `pyproject.toml:NNN` although code used the service."""
    make(tmp_path, {"web/pay.py": "import stripe\n", "pyproject.toml": '[project]\nname = "x"\ndependencies = ["stripe"]\n'})
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.chdir(tmp_path)  # the console names files from the cwd
    assert main(["scan", "."]) == EXIT_CLEAN
    out = capsys.readouterr().out
    assert out.index("web/pay.py:1") < out.index("pyproject.toml:3")  # though web/ sorts after it


def test_undecodable_and_crashing_files_are_reported_not_lost(tmp_path: Path, capsys, monkeypatch) -> None:
    import scanner.scan

    make(tmp_path, {"ok.py": "from dataclasses import dataclass\n\n@dataclass\nclass A:\n    email: str\n",
                    "boom.sql": "CREATE TABLE t (phone text);\n"})
    (tmp_path / "latin1.py").write_bytes(b"# caf\xe9\nemail = 1\n")
    real = scanner.scan._extract

    def flaky(source, text, rules, dialect, own=frozenset()):
        if source.rel == "boom.sql":
            raise RuntimeError("extractor bug")
        return real(source, text, rules, dialect, own)

    monkeypatch.setattr(scanner.scan, "_extract", flaky)
    _, report = run_json(capsys, "scan", str(tmp_path))
    errors = {(e["file"], e["line"]): e["message"] for e in report["errors"]}
    assert set(errors) == {("latin1.py", 1), ("boom.sql", 1)}
    assert "not valid UTF-8" in errors[("latin1.py", 1)] and "RuntimeError: extractor bug" in errors[("boom.sql", 1)]
    assert [(f["file"], f["name"]) for f in report["fields"]] == [("ok.py", "email")]


def test_an_internal_error_is_one_short_line_naming_where(tmp_path: Path, capsys, monkeypatch) -> None:
    """A KeyError keyed by a libcst node printed the node's whole repr, 5 KB in one DM901 line (audit17 #10):
    the message keeps the type, the first line of the text cut to 200 characters, and where Datamap raised it."""
    import scanner.scan

    make(tmp_path, {"a.py": "email = 1\n", "b.py": "phone = 2\n"})
    real = scanner.scan._extract

    def broken(source, text, rules, dialect, own=frozenset()):
        if source.rel == "a.py":
            raise KeyError("SimpleStatementLine(" + "x" * 5000 + ")\nbody=[...]")
        return real(source, None, rules, dialect, own)  # fails inside Datamap's own code

    monkeypatch.setattr(scanner.scan, "_extract", broken)
    _, report = run_json(capsys, "scan", str(tmp_path))
    errors = {e["file"]: e["message"] for e in report["errors"]}
    assert errors["a.py"].startswith("internal error while scanning (KeyError: 'SimpleStatementLine(xxx")
    assert len(errors["a.py"]) < 300 and "body=" not in errors["a.py"] and "…" in errors["a.py"]
    assert re.search(r"\(\w+Error: .* at \w+\.py:\d+\); please report it$", errors["b.py"]), errors["b.py"]


def test_a_coding_cookie_is_honoured_and_hints_fit_the_cause(tmp_path: Path, capsys) -> None:
    """Audit ux7 #17: a Latin-1 file with a PEP 263 cookie is valid Python 3 and was rejected, and every DM901
    said "set the SQL dialect", a Python syntax error and a broken pyproject.toml too."""
    make(tmp_path, {"py2.py": "def f():\n    print 'hi'\n", "py3.py": "def f(:\n    pass\n",
                    "q.sql": "CREATE TABLE (;\n", "datamap.yaml": "version: 1\ncollects: [{category: name}]\n"})
    (tmp_path / "latin.py").write_bytes(
        b"# -*- coding: latin-1 -*-\nfrom dataclasses import dataclass\n\n\n@dataclass\nclass Client:\n"
        b"    first_name: str  # pr\xe9nom\n")
    (tmp_path / "raw.py").write_bytes(b"x = '\xe9'\n")
    _, report = run_json(capsys, "check", str(tmp_path))
    assert ("latin.py", "first_name") in {(f["file"], f["name"]) for f in report["fields"]}
    hints = {f["file"]: f["hint"] for f in report["findings"] if f["code"] == "DM901"}
    assert set(hints) == {"py2.py", "py3.py", "q.sql", "raw.py"}
    assert "looks like Python 2" in hints["py2.py"]
    assert "Python 3: fix the syntax" in hints["py3.py"]
    assert "coding: latin-1" in hints["raw.py"]
    assert "SQL dialect" in hints["q.sql"] and not any("dialect" in hints[f] for f in ("py2.py", "py3.py", "raw.py"))


def test_a_record_call_not_read_is_not_called_a_syntax_error(tmp_path: Path, capsys) -> None:
    """A schema layer read in part (7969899, audit15 #10) is a DM901 note; its hint was "fix the syntax"."""
    make(tmp_path, {"schema.py": 'user = Class(db, "user", username=String(), address=String())\n'
                                 'issue = IssueClass(db, "issue", assignedto=Link("user"), nosy=mynosy, title=String())\n',
                    "datamap.yaml": "version: 1\n"})
    _, report = run_json(capsys, "check", str(tmp_path))
    [hint] = [f["hint"] for f in report["findings"] if f["code"] == "DM901"]
    assert hint.startswith("declare these fields in the data map by hand") and "syntax" not in hint


def test_unwritable_output_is_a_usage_error(tmp_path: Path, capsys) -> None:
    make(tmp_path, {"m.py": "x = 1\n"})
    assert main(["scan", str(tmp_path), "-o", str(tmp_path / "missing" / "out.json")]) == EXIT_ERROR
    assert "cannot write" in capsys.readouterr().err


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("fmt", ["sarif", "console"])
def test_a_full_disk_is_an_error_not_a_traceback(tmp_path: Path, capsys, fmt: str) -> None:
    """Audit ux7 #18: /dev/full opens fine and fails on write: that was a traceback and exit 1 ("findings")."""
    make(tmp_path, {"m.py": "import sentry_sdk\n", "datamap.yaml": "version: 1\n"})
    assert main(["check", str(tmp_path), "--format", fmt, "-o", "/dev/full"]) == EXIT_ERROR
    assert capsys.readouterr().err == "datamap: error: cannot write /dev/full: No space left on device\n"


def test_an_internal_error_never_exits_1(tmp_path: Path, capsys, monkeypatch) -> None:
    import scanner.formats.json as json_format

    def crash(*_: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(json_format, "write", crash)
    make(tmp_path, {"m.py": "x = 1\n"})
    assert main(["scan", str(tmp_path), "--format", "json"]) == EXIT_ERROR
    assert "datamap: internal error: RuntimeError: boom (please report it)" in capsys.readouterr().err


def test_parallel_scan_matches_serial(capsys) -> None:
    from tests.conftest import EXAMPLE

    reports = []
    for jobs in ("1", "2"):
        _, report = run_json(capsys, "check", str(EXAMPLE), "--jobs", jobs)
        reports.append(report)
    assert reports[0] == reports[1]
    assert reports[0]["findings"] and reports[0]["flows"]


def test_a_file_whose_analysis_runs_away_is_reported_and_the_scan_goes_on(tmp_path: Path, capsys,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import libcst  # noqa: F401 - imported lazily by the first Python file, CPU time that is no runaway's

    import scanner.scan

    real_extract = scanner.scan._extract

    def extract(source, text, rules, dialect, own=frozenset()):  # type: ignore[no-untyped-def]
        if source.rel == "slow.py":
            while True:  # a pathological case burning CPU: stopped by the deadline, not by the test
                sum(range(1000))
        return real_extract(source, text, rules, dialect, own)

    monkeypatch.setattr(scanner.scan, "_extract", extract)
    monkeypatch.setattr(scanner.scan, "FILE_SECONDS", 1.0)
    make(tmp_path, {"slow.py": "x = 1\n", "models.py": "from django.db import models\n\n"
                    "class Customer(models.Model):\n    email = models.EmailField()\n"})
    _, report = run_json(capsys, "scan", str(tmp_path), "--jobs", "1")
    assert [(e["file"], e["message"].split(" and ")[0]) for e in report["errors"]] == [
        ("slow.py", "analysis used over 1 s of CPU time")]
    assert {(f["container"], f["name"]) for f in report["fields"]} == {("Customer", "email")}


def test_the_file_deadline_counts_cpu_time_not_a_loaded_machines_wall_time(tmp_path: Path, capsys,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    # audit17 #10: on a busy CI runner a file's analysis waits for the CPU far longer than it uses it; a wall-clock
    # limit skipped large modules there, so the same code gave a different inventory on another run
    import time

    import scanner.scan

    real_extract = scanner.scan._extract

    def extract(source, text, rules, dialect, own=frozenset()):  # type: ignore[no-untyped-def]
        time.sleep(0.5)  # waiting, as a process does while others hold the cores: no CPU used
        return real_extract(source, text, rules, dialect, own)

    monkeypatch.setattr(scanner.scan, "_extract", extract)
    monkeypatch.setattr(scanner.scan, "FILE_SECONDS", 0.2)
    make(tmp_path, {"models.py": "from django.db import models\n\n"
                    "class Customer(models.Model):\n    email = models.EmailField()\n"})
    _, report = run_json(capsys, "scan", str(tmp_path), "--jobs", "1")
    assert report["errors"] == []
    assert {(f["container"], f["name"]) for f in report["fields"]} == {("Customer", "email")}


def test_email_delivery_discloses_mail_through_the_sites_smtp_server(tmp_path: Path, capsys) -> None:
    # "we use email delivery services" is what a policy says of a Django site that mails through its
    # EMAIL_HOST; it used to give DM201 for smtp_server and DM502 "remove it" for the true declaration
    mail = """\
        from django.core.mail import send_mail


        def notify(user):
            send_mail("Hi", "Welcome", None, [user.email])
        """
    declared = """\
        version: 1
        collects:
          - category: email
        recipients:
          - category: {category}
            receives: [email]
        """
    make(tmp_path, {"notify.py": mail, "datamap.yaml": declared.format(category="email delivery services")})
    assert main(["check", str(tmp_path), "--format", "json"]) == EXIT_CLEAN
    make(tmp_path, {"datamap.yaml": declared.format(category="webhooks_unresolved")})  # as before
    assert main(["check", str(tmp_path), "--format", "json"]) == EXIT_CLEAN
    make(tmp_path, {"datamap.yaml": declared.format(category="analytics")})  # but no other category
    capsys.readouterr()
    code, report = run_json(capsys, "check", str(tmp_path))
    assert code == EXIT_FINDINGS
    hint = next(f["hint"] for f in report["findings"] if f["code"] == "DM201")
    assert "`- category: webhooks_unresolved` or `- category: email_delivery`" in hint


def test_a_stale_declaration_named_like_a_collected_field_says_where_it_went(tmp_path: Path, capsys) -> None:
    # the officer wrote the alias `heart_rate`; the column is classified health data, so "remove it" would
    # delete a true statement
    make(tmp_path, {
        "app/models.py": """\
            from django.db import models


            class Athlete(models.Model):
                heart_rate = models.IntegerField()
                comments = models.TextField()
            """,
        "datamap.yaml": """\
            version: 1
            collects:
              - category: heart_rate
              - category: comments
              - category: phone
            """,
    })
    code, report = run_json(capsys, "check", str(tmp_path))
    stale = {f["line"]: f["hint"] for f in report["findings"] if f["code"] == "DM501"}
    assert set(stale) == {3, 5}  # `comments` covers content, public or private
    assert stale[3].startswith("`Athlete.heart_rate` (app/models.py:5) is named for it but classified")
    assert stale[5].startswith("remove it from `collects:`")  # nothing is named `phone`


def test_a_subclass_copy_of_an_undeclared_field_is_covered_by_the_bases_finding(tmp_path: Path, capsys) -> None:
    # `UserRead(UserBase): pass` repeated every DM101 of UserBase at its class line (audit6: 12 findings for 3 columns)
    make(tmp_path, {
        "app/schemas.py": """\
            from pydantic import BaseModel


            class UserBase(BaseModel):
                email: str


            class UserRead(UserBase):
                phone: str


            class UserAdmin(UserRead):
                pass
            """,
        "datamap.yaml": "version: 1\ncollects:\n  - category: name\n",
    })
    code, report = run_json(capsys, "check", str(tmp_path))
    assert code == EXIT_FINDINGS
    assert {(f["code"], f["line"]) for f in report["findings"] if f["code"] == "DM101"} == {("DM101", 5), ("DM101", 9)}
    assert len([f for f in report["fields"] if f["name"] == "email"]) == 3  # the inventory still lists every class


def test_a_large_data_dump_is_read_for_its_schema_only(tmp_path: Path, capsys) -> None:
    """Audit ux7 #16: a 50 MB dump took 83 s tokenizing INSERTs that are never read. Their lines are blanked
    first in a file over BULK_BYTES; the schema around them, and its line numbers, are unchanged."""
    from scanner.extract.sql import BULK_BYTES, blank_bulk_inserts

    rows = ",".join(f"({i},'user{i}@example.com','it''s; a \"note\"')" for i in range(100))
    insert = f"INSERT INTO users VALUES {rows};"
    kept = ["INSERT INTO users VALUES (1, 'open", "string');", "insert into t values ('a;'"]
    text = "\n".join(["CREATE TABLE users (id int, email text, note text);", insert, *kept,
                      "CREATE TABLE orders (id int, phone text);"])
    assert blank_bulk_inserts(text, "postgres").split("\n") == [text.split("\n")[0], "", *kept, text.split("\n")[-1]]
    open_in_mysql = "INSERT INTO t VALUES ('a\\');\n"  # MySQL's \' escapes the quote: the string runs on
    assert blank_bulk_inserts(open_in_mysql, "mysql") == open_in_mysql
    assert blank_bulk_inserts(open_in_mysql, "postgres") == "\n"  # PostgreSQL's does not: one whole statement

    lines = ["CREATE TABLE users (id int, email text, note text);", *[insert] * (BULK_BYTES // len(insert) + 1),
             "CREATE TABLE orders (id int, phone text);"]
    make(tmp_path, {"dump.sql": "\n".join(lines) + "\n"})
    _, report = run_json(capsys, "scan", str(tmp_path))
    assert {(f["name"], f["line"]) for f in report["fields"]} >= {("email", 1), ("phone", len(lines))}
    assert report["errors"] == []


def test_the_lines_stat_counts_lines_as_locations_do(tmp_path: Path, capsys) -> None:
    """Audit ux7 #8: a form feed or U+2028 inside a line is no line break, and a final newline starts no line."""
    make(tmp_path, {"a.py": "x = 1\ny = 'a\fb\u2028c'\n", "b.sql": "CREATE TABLE t (a int);\n"})
    _, report = run_json(capsys, "scan", str(tmp_path))
    assert (report["stats"]["files"], report["stats"]["lines"]) == (2, 3)


def _recipients(tmp_path: Path, recipients: str) -> Path:
    """PROJECT with its data map's recipients replaced (stripe receives email and phone in the code)."""
    files = dict(PROJECT)
    files["datamap.yaml"] = PROJECT["datamap.yaml"].split("        recipients:")[0] + recipients
    return make(tmp_path, files)


@pytest.mark.parametrize(
    ("recipients", "dm202"),
    [
        # audit ux7 #15: a service's own entry is the policy's specific promise; a broad category beside it that
        # lets payment providers receive anything does not cancel it
        ("    recipients:\n      - service: stripe\n        receives: [email]\n      - category: payment\n", True),
        ("    recipients:\n      - category: payment\n      - service: stripe\n        receives: [email]\n", True),
        # the reverse: Stripe's own entry allows all it gets, a narrower category entry does not bind Stripe
        ("    recipients:\n      - service: stripe\n        receives: [email, phone]\n"
         "      - category: payment\n        receives: [email]\n", False),
        # only categories: Stripe is bound by the category entry that covers it
        ("    recipients:\n      - category: payment\n        receives: [email]\n", True),
        ("    recipients:\n      - category: payment\n", False),
    ],
)
def test_the_most_specific_recipient_entry_decides_what_a_service_may_receive(
    tmp_path: Path, capsys, recipients: str, dm202: bool
) -> None:
    _recipients(tmp_path, textwrap.indent(textwrap.dedent(recipients), "        "))
    _, report = run_json(capsys, "check", str(tmp_path), "--select", "DM202")
    assert (("DM202", "shop/billing.py", 5) in found(report)) is dm202


def test_a_narrower_recipient_category_decides_over_a_broader_one(tmp_path: Path, capsys) -> None:
    """Mixpanel is product analytics, a kind of analytics: the narrower entry's `receives:` is its promise."""
    files = {
        "app.py": "from mixpanel import Mixpanel\n\n\ndef track(user):\n    Mixpanel('t').track(user.email, 'login')\n",
        "datamap.yaml": "version: 1\ncollects: [{category: email}]\nrecipients:\n"
                        "  - category: analytics\n  - category: product_analytics\n    receives: [usage_data]\n",
    }
    make(tmp_path, files)
    _, report = run_json(capsys, "check", str(tmp_path), "--select", "DM202")
    assert [(f["code"], f["file"]) for f in report["findings"]] == [("DM202", "app.py")]
    assert report["findings"][0]["message"].endswith("lets it receive only: user.behavior")


@pytest.mark.parametrize(
    ("entry", "prohibited"),
    [
        # audit9 #18: the owner is sent a direct message on X; the map states that use, which replaces the
        # catalogue's presumed marketing
        ("  - service: x_twitter\n    purposes: [essential.service.notifications]\n", False),
        ("  - service: x_twitter\n", True),
        # a category entry's purposes describe the category: they add to the presumption, never replace it
        ("  - category: social_media\n    purposes: [essential.service.notifications]\n", True),
    ],
)
def test_a_services_own_entry_states_its_purpose(tmp_path: Path, capsys, entry: str, prohibited: bool) -> None:
    make(tmp_path, {"notify.py": "import tweepy\n\n\ndef dm(api):\n    api.send_direct_message('owner', 'done')\n",
                    "datamap.yaml": f"version: 1\nrecipients:\n{entry}prohibited_uses: [marketing]\n"})
    _, report = run_json(capsys, "check", str(tmp_path), "--select", "DM301")
    assert bool(report["findings"]) is prohibited
    if prohibited and "purposes" not in entry:
        assert "state it on its entry (`- service: x_twitter` with `purposes: [...]`)" in report["findings"][0]["hint"]


def test_an_advertising_networks_use_cannot_be_restated(tmp_path: Path, capsys) -> None:
    files = dict(PROJECT)
    files["datamap.yaml"] = PROJECT["datamap.yaml"].replace(  # PROJECT's texts are dedented when written
        "          - service: twilio\n", "          - service: twilio\n          - service: facebook_marketing\n"
        "            purposes: [analytics.reporting]\n")
    make(tmp_path, files)
    _, report = run_json(capsys, "check", str(tmp_path), "--select", "DM301")
    assert found(report) == {("DM301", "shop/ads.py", 1)}
    assert "state it on its entry" not in report["findings"][0]["hint"]


def test_a_dependency_manifest_adds_no_finding_where_code_uses_the_service(tmp_path: Path, capsys) -> None:
    make(tmp_path, {**PROJECT, "requirements.txt": "postmarker==1.0\nfacebook-business==19.0\nmixpanel==4.0\n"})
    _, report = run_json(capsys, "check", str(tmp_path), "--select", "DM201,DM301")
    got = found(report)
    assert ("DM201", "shop/mail.py", 1) in got and ("DM301", "shop/ads.py", 1) in got
    # postmarker and facebook-business are used in code: their findings are there; mixpanel only installed
    assert {f for f in got if f[1] == "requirements.txt"} == {("DM201", "requirements.txt", 3)}


def test_a_catch_all_recipient_category_yields_to_the_one_that_describes_the_service(tmp_path: Path, capsys) -> None:
    """Audit10 #9: mail through a configured SMTP server is disclosed by `email_delivery` and by the catch-all
    `webhooks_unresolved`; the policy's words for mail decide what it may receive, not the union of both."""
    make(tmp_path, {
        "m.py": "import smtplib\nfrom email.message import EmailMessage\n\n\ndef notify(user):\n"
                "    msg = EmailMessage()\n    msg['To'] = user.email\n    msg.set_content('IP ' + user.last_login_ip)\n"
                "    with smtplib.SMTP('localhost') as s:\n        s.send_message(msg)\n",
        "datamap.yaml": "version: 1\ncollects: [{category: email}, {category: ip_address}]\nrecipients:\n"
                        "  - category: email_delivery\n    receives: [email, user.content.private]\n"
                        "  - category: webhooks_unresolved\n    receives: [ip_address]\n",
    })
    _, report = run_json(capsys, "check", str(tmp_path), "--select", "DM202")
    assert [f["subject"] for f in report["findings"]] == ["user.device.ip_address -> service:smtp_server"]
    assert report["findings"][0]["message"].endswith("lets it receive only: user.contact.email, user.content.private")
    assert "recipient category email_delivery (line 4)" in report["findings"][0]["hint"]


def test_the_python_extractor_does_not_import_libcst_matchers() -> None:
    """Importing libcst.matchers costs ~0.28 s, paid by every pre-commit run; the extractors walk trees by hand."""
    import subprocess
    import sys

    code = "import sys, scanner.extract.python, scanner.extract.project; print('libcst.matchers' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_a_commit_with_nothing_to_scan_returns_before_the_rule_set(tmp_path: Path) -> None:
    """The pre-commit hook on a commit of a workflow YAML (no file Datamap reads) loads neither the rule set nor a
    parser: it costs about Python's start-up (perf request 1), and still warns and exits 0."""
    import subprocess

    make(tmp_path, {**PROJECT, ".github/workflows/ci.yml": "name: ci\non: [push]\n"})
    code = ("import sys; from scanner.cli import main; rc = main(['check', '.github/workflows/ci.yml']); "
            "print(rc, [m for m in ('scanner.ruleset', 'scanner.classify', 'libcst', 'sqlglot') if m in sys.modules])")
    import os

    import scanner

    env = {**os.environ, "PYTHONPATH": str(Path(scanner.__file__).parent.parent)}  # this checkout's scanner
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True,
                          env=env)
    assert done.stdout.split("\n")[-2] == "0 []", done.stdout + done.stderr
    assert "no files to scan" in done.stderr


def test_a_project_rule_file_among_the_files_checks_the_whole_project(tmp_path: Path, capsys, monkeypatch) -> None:
    """A changed rule file reclassifies every field, as a changed data map does: the whole project is checked
    (it checked nothing), and a broken rule file is still a usage error."""
    rule = ("rules:\n  - id: acme.customer_phone\n    category: {category}\n    names: [cust tel no]\n"
            "    confidence: high\n")
    model = ("from django.db import models\n\n\nclass Customer(models.Model):\n"
             "    cust_tel_no = models.CharField(max_length=20)\n")
    make(tmp_path, {"app/models.py": model, "datamap.yaml": "version: 1\ncollects: []\nrecipients: []\n",
                    ".datamap/rules/acme.yaml": rule.format(category="user.contact.phone_number")})
    monkeypatch.chdir(tmp_path)
    code, report = run_json(capsys, "check", ".datamap/rules/acme.yaml")
    assert code == EXIT_FINDINGS and ("DM101", "app/models.py", 5) in found(report)
    (tmp_path / ".datamap/rules/acme.yaml").write_text(rule.format(category="user.contact.fone"))
    assert main(["check", ".datamap/rules/acme.yaml"]) == EXIT_ERROR


def test_rules_categories_marks_special_and_criminal_data_apart(capsys) -> None:
    """A password is sensitive, health a special category of GDPR art. 9, criminal history art. 10 data: each
    needs something else, so `datamap rules categories` marks them apart, as the report does."""
    assert main(["rules", "categories"]) == EXIT_CLEAN
    marks = {line.split()[1]: line.split()[0] for line in capsys.readouterr().out.splitlines()
             if line.startswith("  ") and len(line.split()) > 1 and line.split()[0] in ("*", "9", "10")}
    assert marks["user.authorization.password"] == "*"
    assert marks["user.health_and_medical"] == "9"
    assert marks["user.criminal_history"] == "10"


def test_scan_console_names_each_third_partys_purpose_in_words(tmp_path: Path, capsys) -> None:
    """audit12 #21: the Purpose column showed the raw key (essential.service.payment_processing)."""
    make(tmp_path, PROJECT)
    assert main(["scan", str(tmp_path)]) == EXIT_CLEAN
    out = capsys.readouterr().out
    assert "Payment processing" in out and "essential.service.payment_processing" not in out


def test_console_paths_are_relative_to_the_current_directory(tmp_path: Path, capsys, monkeypatch) -> None:
    """audit14 #15: `datamap check proj --datamap policy/datamap.yaml` printed `shop/billing.py:5` and
    `../policy/datamap.yaml`, which open from nowhere; as ruff, the console names files from the current directory
    (JSON keeps root-relative paths, its stable contract)."""
    make(tmp_path / "proj", {k: v for k, v in PROJECT.items() if k != "datamap.yaml"})
    make(tmp_path / "policy", {"datamap.yaml": PROJECT["datamap.yaml"]})
    monkeypatch.chdir(tmp_path)
    assert main(["check", "proj", "--datamap", "policy/datamap.yaml"]) == EXIT_FINDINGS
    out = capsys.readouterr().out
    assert "  proj/shop/billing.py:5: DM202" in out and "against policy/datamap.yaml:" in out
    _, report = run_json(capsys, "check", "proj", "--datamap", "policy/datamap.yaml")
    assert ("DM202", "shop/billing.py", 5) in found(report)
    # messages name the map as the github line's `file=` does, not `../policy/datamap.yaml`
    main(["check", "proj", "--datamap", "policy/datamap.yaml", "--format", "github"])
    out = capsys.readouterr().out
    assert "which policy/datamap.yaml does not declare" in out and "../policy" not in out


@pytest.mark.parametrize(("command", "name", "starts"), [
    ("check", "out.sarif", '{\n  "$schema"'),
    ("check", "out.json", "{"),
    ("scan", "out.txt", ""),  # a suffix no format owns keeps the default, console text
    ("report", "r.json", "{"),
    ("report", "r.md", "# "),
    ("report", "r.csv", "kind,"),
    ("report", "r.HTML", "<!DOCTYPE html>"),
    ("report", "r.sarif", "<!DOCTYPE html>"),  # sarif is no report format: the report's default
])
def test_output_suffix_picks_the_format_when_none_is_given(tmp_path: Path, command: str, name: str,
                                                           starts: str) -> None:
    """`datamap report -o report.json` wrote HTML into report.json: the suffix now says what was asked for."""
    make(tmp_path, PROJECT)
    out = tmp_path / name
    main([command, str(tmp_path), "-o", str(out)])
    text = out.read_text(encoding="utf-8")
    assert text.startswith(starts)
    if starts in ("{", '{\n  "$schema"'):
        json.loads(text)
    if name == "out.txt":
        assert not text.lstrip().startswith(("{", "<"))


def test_an_explicit_format_wins_over_the_suffix(tmp_path: Path) -> None:
    make(tmp_path, PROJECT)
    out = tmp_path / "r.json"
    assert main(["report", str(tmp_path), "--format", "markdown", "-o", str(out)]) == EXIT_CLEAN
    assert out.read_text(encoding="utf-8").startswith("# ")
