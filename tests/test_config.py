"""`[tool.datamap]`: errors name the pyproject's line; per-file ignores (audit-ci F11)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scanner.cli import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, main
from tests.test_cli import make

EMPTY_MAP = "version: 1\ncollects: []\nrecipients: []\nprohibited_uses: []\n"
MODEL = "from django.db import models\n\n\nclass Customer(models.Model):\n    date_of_birth = models.DateField()\n"


@pytest.mark.parametrize(
    ("pyproject", "message"),
    [
        pytest.param('[project]\nname = "x"\n\n[tool.ruff]\nline-length = 100\n\n[tool.datamap]\n'
                     'exclude = ["migrations/*"]\nselct = ["DM1"]\n',
                     "pyproject.toml:9: unknown key 'selct' in [tool.datamap]; did you mean 'select'?", id="unknown"),
        pytest.param('[project]\nname = "x"\n\n[tool.datamap]\nexclude = "migrations/*"\n',
                     "pyproject.toml:5: [tool.datamap] exclude must be a list of strings", id="type"),
        pytest.param('[tool.datamap]\nfail-on = "error"\n\nignore = [\n  "DM51",\n]\n',
                     "pyproject.toml:4: [tool.datamap] ignore: unknown rule code 'DM51'", id="code"),
        pytest.param('[tool]\ndatamap.jobs = -1\n', "pyproject.toml:2: [tool.datamap] jobs must be 0", id="dotted"),
        pytest.param('[tool.datamap]\n\n[tool.datamap.dialects]\n"*.sql" = "mysq"\n',
                     "pyproject.toml:3: [tool.datamap] dialects '*.sql': unknown SQL dialect 'mysq'", id="sub-table"),
    ],
)
def test_configuration_errors_name_the_line(tmp_path: Path, capsys, pyproject: str, message: str,
                                             monkeypatch) -> None:
    """As data-map and TOML syntax errors do (`datamap.yaml:9: ...`), ruff's "at line 9"."""
    make(tmp_path, {"m.py": "x = 1\n", "datamap.yaml": EMPTY_MAP, "pyproject.toml": pyproject})
    monkeypatch.chdir(tmp_path)
    assert main(["check", "."]) == EXIT_ERROR
    assert message in capsys.readouterr().err


def test_key_line_skips_multi_line_values_and_other_tables() -> None:
    from scanner.config import key_line

    text = ('[project]\nselect = 1\n\n[tool.datamap]\nexclude = [\n  "select = 2",\n]\n'
            'doc = """\nselect = 3\n"""\n"select" = ["DM1"]  # here\n')
    assert key_line(text, "select") == 11
    assert key_line(text, "exclude") == 5
    assert key_line(text, "missing") is None


def test_per_file_ignores_turn_codes_off_in_matching_files_only(tmp_path: Path, capsys, monkeypatch) -> None:
    """ruff's form: the files stay in the inventory (exclude would drop them), only those codes go unreported."""
    make(tmp_path, {
        "legacy/old.py": MODEL, "app/models.py": MODEL.replace("Customer", "Lead"), "datamap.yaml": EMPTY_MAP,
        "pyproject.toml": '[tool.datamap]\nper-file-ignores = { "legacy/*" = ["DM101"], "*.sql" = ["DM1"] }\n',
        "db/schema.sql": "CREATE TABLE people (id serial, date_of_birth date);\n",
    })
    monkeypatch.chdir(tmp_path)
    assert main(["check", ".", "--format", "json"]) == EXIT_FINDINGS
    report = json.loads(capsys.readouterr().out)
    assert {(f["code"], f["file"]) for f in report["findings"]} == {("DM101", "app/models.py")}
    assert {f["file"] for f in report["fields"]} >= {"legacy/old.py", "db/schema.sql"}  # still in the inventory
    # the hook's file mode matches the same globs, relative to the pyproject's folder
    assert main(["check", "legacy/old.py"]) == EXIT_CLEAN
    capsys.readouterr()
    # a baseline records what check reports: not the ignored findings
    assert main(["baseline", ".", "-o", "b.json"]) == EXIT_CLEAN
    assert [e["file"] for e in json.loads(Path("b.json").read_text())["findings"]] == ["app/models.py"]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        pytest.param('{ "legacy/*" = ["DM1O1"] }', "pyproject.toml:2: [tool.datamap] per-file-ignores 'legacy/*': "
                                                 "unknown rule code 'DM1O1'; did you mean 'DM101'?", id="code"),
        pytest.param('{ "legacy/*" = "DM101" }', "pyproject.toml:2: [tool.datamap] per-file-ignores maps path globs "
                                                "to lists of rule codes", id="shape"),
    ],
)
def test_bad_per_file_ignores_are_usage_errors(tmp_path: Path, capsys, monkeypatch, value: str, message: str) -> None:
    make(tmp_path, {"m.py": "x = 1\n", "datamap.yaml": EMPTY_MAP,
                    "pyproject.toml": f"[tool.datamap]\nper-file-ignores = {value}\n"})
    monkeypatch.chdir(tmp_path)
    assert main(["check", "."]) == EXIT_ERROR
    assert message in capsys.readouterr().err
