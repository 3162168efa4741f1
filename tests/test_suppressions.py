from __future__ import annotations

import pytest

from scanner.findings import find_suppressions, invalid_codes


@pytest.mark.parametrize(
    ("line", "codes"),
    [
        pytest.param("email = models.EmailField()  # datamap: ignore[DM101]", {"DM101"}, id="one-code"),
        pytest.param("x = 1  # datamap: ignore[DM101, dm201]", {"DM101", "DM201"}, id="two-codes-any-case"),
        pytest.param("x = 1  #datamap:ignore[DM101]", {"DM101"}, id="no-spaces"),
        pytest.param("x = 1  # datamap: ignore", set(), id="bare-means-all"),
        pytest.param("email text, -- datamap: ignore[DM102]", {"DM102"}, id="sql-comment"),
        pytest.param("x = 1  # noqa  # datamap: ignore[DM301]", {"DM301"}, id="after-other-comment"),
        pytest.param("x = 1  # datamap: ignore[undisclosed-collection]", {"DM101"}, id="rule-name"),
    ],
)
def test_accepted_spellings(line: str, codes: set[str]) -> None:
    (found,) = find_suppressions(line, "f.sql" if "--" in line else "f.py")
    assert found.codes == frozenset(codes)
    assert found.location.line == 1


@pytest.mark.parametrize(
    "line",
    [
        pytest.param("x = 1  # datamap: ignore[DM101", id="unclosed"),
        pytest.param("x = 1  # datamap: ignored", id="glued-word"),
        pytest.param("x = 1  # datamap ignore[DM101]", id="missing-colon"),
        pytest.param("x = 'datamap: ignore'", id="no-comment-marker"),
        pytest.param("x = 1  # datamap: ignore-all", id="unknown-directive"),
    ],
)
def test_rejected_spellings(line: str) -> None:
    assert find_suppressions(line, "f.py") == []


def test_lines_are_counted_from_one() -> None:
    text = "a = 1\nb = 2  # datamap: ignore[DM101]\n"
    assert [s.location.line for s in find_suppressions(text, "f.py")] == [2]


@pytest.mark.parametrize(
    ("line", "invalid"),
    [
        pytest.param("x = 1  # datamap: ignore[E501]", ["E501"], id="not-a-datamap-code"),
        pytest.param("x = 1  # datamap: ignore[DM101, DM1O1]", ["DM1O1"], id="typo-beside-a-good-code"),
        pytest.param("x = 1  # datamap: ignore[DM1]", ["DM1"], id="prefix"),
        pytest.param("x = 1  # datamap: ignore[]", ["[]"], id="empty-list"),
    ],
)
def test_unknown_codes_are_kept_to_be_reported(line: str, invalid: list[str]) -> None:
    """A typo must not vanish: it is read, silences nothing, and DM902 reports it (ruff's RUF100 does the same)."""
    (found,) = find_suppressions(line, "f.py")
    assert invalid_codes(found) == invalid


@pytest.mark.parametrize("separator", ["\f", "\v", "\x1c", "\x85", "\u2028"])
def test_lines_are_counted_as_locations_count_them(separator: str) -> None:
    """Only \\n ends a line: a form feed or U+2028 inside line 2 must not move the suppression on line 3."""
    text = f"a = 1\nb = 'x{separator}y'\nemail = 1  # datamap: ignore[DM101]\nphone = 2\n"
    assert [s.location.line for s in find_suppressions(text, "f.py")] == [3]


@pytest.mark.parametrize(
    ("text", "path"),
    [
        pytest.param('    date_of_birth = models.DateField(help_text="format: YYYY-MM-DD # datamap: ignore")\n',
                     "models.py", id="python-string"),
        pytest.param("x = '''\n# datamap: ignore\n'''\n", "m.py", id="python-triple-quoted-string"),
        pytest.param("    passport_number text DEFAULT '-- datamap: ignore'\n", "schema.sql", id="sql-string"),
        pytest.param("    passport_number text DEFAULT 'it''s -- datamap: ignore'\n", "schema.sql", id="sql-doubled-quote"),
        pytest.param("CREATE FUNCTION f() AS $body$ SELECT '-- datamap: ignore' $body$;\n", "f.sql",
                     id="sql-dollar-quoted"),
        pytest.param('    "passport -- datamap: ignore" text\n', "schema.sql", id="sql-quoted-identifier"),
        pytest.param("  - category: email\n    note: 'see # datamap: ignore[DM501]'\n", "datamap.yaml", id="yaml-string"),
        pytest.param('  - category: email\n    note: "see # datamap: ignore"\n', "datamap.yaml", id="yaml-double-quoted"),
    ],
)
def test_a_directive_in_a_string_is_data(text: str, path: str) -> None:
    """Audit-ci F06: only a real comment suppresses (ruff's `# noqa` and bandit's `# nosec` come from comments)."""
    assert find_suppressions(text, path) == []


@pytest.mark.parametrize(
    ("text", "path", "line"),
    [
        pytest.param('x = "# not here"  # datamap: ignore[DM101]\n', "m.py", 1, id="python-comment-after-a-string"),
        pytest.param("a = 1\nb = '''\n'''  # datamap: ignore\n", "m.py", 3, id="python-after-triple-quoted"),
        pytest.param("print 'py2' # datamap: ignore\n", "old.py", 1, id="python-that-does-not-tokenize"),
        pytest.param("  a text DEFAULT 'x--y', -- datamap: ignore[DM102]\n", "s.sql", 1, id="sql-after-a-string"),
        pytest.param("a text,\nb text /* datamap: ignore\n (legacy) */\n", "s.sql", 2, id="sql-block-comment-lines"),
        pytest.param("b text /* datamap: ignore[DM101] */,\n", "s.sql", 1, id="sql-block-comment"),
        pytest.param("INSERT INTO t VALUES ('it\\'s');\nb text, -- datamap: ignore\n", "dump.sql", 2,
                     id="mysql-backslash-escape"),
        pytest.param("b text, # datamap: ignore\n", "s.mysql", 1, id="mysql-hash-comment"),
        pytest.param("b text, -- datamap: ignore\n", "schema.sql.j2", 1, id="sql-template"),
        pytest.param("  - category: health  # datamap: ignore[DM501]\n", "datamap.yaml", 1, id="yaml-comment"),
        pytest.param("  - note: don't  # datamap: ignore[DM501]\n", "datamap.yaml", 1, id="yaml-apostrophe-in-text"),
        pytest.param("stripe==5.0  # datamap: ignore[DM201]\n", "requirements.txt", 1, id="requirements"),
        pytest.param("<script src=x></script> <!-- datamap: ignore[DM201] -->\n", "t/base.html", 1, id="html"),
        pytest.param("<script src=x></script> <!-- datamap: ignore-->\n", "t/base.html", 1, id="html-glued-end"),
        pytest.param("{% load x %} {# datamap: ignore[DM201] #}\n", "t/base.html", 1, id="django-comment"),
    ],
)
def test_real_comments_suppress(text: str, path: str, line: int) -> None:
    (found,) = find_suppressions(text, path)
    assert found.location.line == line


@pytest.mark.parametrize(
    ("text", "line"),
    [
        pytest.param('import mixpanel from "mixpanel-browser";\nmixpanel.init("tok"); // datamap: ignore[DM201]\n', 2,
                     id="line-comment"),
        pytest.param('mixpanel.init("tok"); /* datamap: ignore[DM201] */\n', 1, id="block-comment"),
        pytest.param("const a = 1; const b = a / 2;  // datamap: ignore\n", 1, id="after-a-division"),
        pytest.param("const r = /\\/\\/ x'/; fetch(u); // datamap: ignore\n", 1, id="after-a-regex"),
    ],
)
def test_script_comments_suppress(text: str, line: int) -> None:
    """Audit-ci F13: `*.js` raises DM201/DM202, and its comments are `//` and `/* */`, as eslint and semgrep read."""
    (found,) = find_suppressions(text, "static/app.js")
    assert found.location.line == line


@pytest.mark.parametrize(
    "text",
    [
        pytest.param('const u = "https://x.io // datamap: ignore";\n', id="double-quoted"),
        pytest.param("const u = '/* datamap: ignore */';\n", id="single-quoted"),
        pytest.param("const u = `\n// datamap: ignore\n`;\n", id="template-literal"),
    ],
)
def test_a_directive_in_a_script_string_is_data(text: str) -> None:
    assert find_suppressions(text, "static/app.js") == []


MODELS = """from django.db import models


class Customer(models.Model):
    quantity = models.IntegerField()  # datamap: ignore[DM101]
    gender = models.CharField(max_length=20)  # datamap: ignore[DM101,]
    email = models.EmailField()  # datamap: ignore[DM101, DM201]
    phone = models.CharField(max_length=20)  # datamap: ignore
    sku = models.CharField(max_length=20)  # datamap: ignore
    notes = models.TextField()  # datamap: ignore[DM101, DM903]
"""
MAP = "version: 1\ncollects:\n  - category: user.unique_id\n    purposes: [essential.service]\nrecipients: []\n"


def _check(tmp_path, capsys, *argv: str, files: dict[str, str] | None = None) -> dict:
    import json

    from scanner.cli import main

    for name, text in (files or {"models.py": MODELS, "datamap.yaml": MAP}).items():
        (tmp_path / name).write_text(text)
    main(["check", *argv, "--format", "json"])
    return json.loads(capsys.readouterr().out)


def test_a_trailing_comma_names_nothing_more(tmp_path, capsys) -> None:
    """Audit-ci F07: `ignore[DM101,]` was DM902 "it silences nothing" while it silenced DM101. A stray comma is
    no typo of a code: the entry it leaves is dropped, so the suppression silences DM101 and is not reported."""
    (found,) = find_suppressions("x = 1  # datamap: ignore[DM101,]", "f.py")
    assert found.codes == {"DM101"} and invalid_codes(found) == []
    (empty,) = find_suppressions("x = 1  # datamap: ignore[ , ]", "f.py")
    assert invalid_codes(empty) == ["[ , ]"]  # names nothing at all: DM902, and silences nothing
    report = _check(tmp_path, capsys, str(tmp_path))
    assert not [f for f in report["findings"] if f["line"] == 6]


def test_unused_suppressions_are_reported(tmp_path, capsys) -> None:
    """Audit-ci F07: as ruff's RUF100, a suppression (or a code in one) that silences nothing is DM903, at info
    severity (it fails no run unless `--fail-on info`), since it would hide the next finding on its line."""
    report = _check(tmp_path, capsys, str(tmp_path))
    unused = {f["line"]: f for f in report["findings"] if f["code"] == "DM903"}
    assert set(unused) == {5, 7, 9}  # quantity; email's DM201; sku's bare ignore. notes names DM903 itself
    assert "names DM101" in unused[5]["message"] and "names DM201" in unused[7]["message"]
    assert unused[5]["severity"] == "info"


def test_unused_suppressions_are_judged_only_on_the_whole_project(tmp_path, capsys) -> None:
    """In file mode a finding may need a file not given (a flow through another module); and a code the run
    does not select still has its finding, so its suppression is used."""
    report = _check(tmp_path, capsys, str(tmp_path / "models.py"), "--datamap", str(tmp_path / "datamap.yaml"))
    assert not [f for f in report["findings"] if f["code"] == "DM903"]
    report = _check(tmp_path, capsys, str(tmp_path), "--select", "DM2,DM9")
    assert {f["line"] for f in report["findings"] if f["code"] == "DM903"} == {5, 7, 9}  # not 6, 8, 10: DM101s


def test_unused_suppressions_can_be_ignored(tmp_path, capsys) -> None:
    report = _check(tmp_path, capsys, str(tmp_path), "--ignore", "unused-suppression")
    assert not [f for f in report["findings"] if f["code"] == "DM903"]


def test_suppression_findings_say_what_to_write(tmp_path, capsys) -> None:
    """Each DM902 and DM903 says what to change on its line: the code meant by a typo, the whole codes a prefix
    stands for, which codes of a list to drop."""
    typos = ("x = 1  # datamap: ignore[DM1O1]\ny = 2  # datamap: ignore[DM5]\n"
             "z = 3  # datamap: ignore[undisclosed-colection]\nw = 4  # datamap: ignore[foo]\n")
    report = _check(tmp_path, capsys, str(tmp_path), "--fail-on", "info",
                    files={"models.py": MODELS, "datamap.yaml": MAP, "typos.py": typos})
    by = {(f["file"], f["line"], f["code"]): f for f in report["findings"]}
    typo = by[("typos.py", 1, "DM902")]
    assert typo["message"] == ("`datamap: ignore[...]` names 'DM1O1', which is no rule code (did you mean "
                              "'DM101'?): it silences nothing")
    assert typo["hint"] == "write 'DM101' for 'DM1O1'"
    assert by[("typos.py", 2, "DM902")]["hint"].startswith("name the whole codes this line needs silenced (DM501, "
                                                            "DM502); prefixes are for `--ignore`")
    assert by[("typos.py", 3, "DM902")]["hint"] == "write 'undisclosed-collection' for 'undisclosed-colection'"
    assert "`datamap rules codes` lists them" in by[("typos.py", 4, "DM902")]["hint"]
    assert by[("models.py", 7, "DM903")]["hint"] == "remove DM201 from the suppression, keeping DM101"
    assert by[("models.py", 5, "DM903")]["hint"] == "remove the suppression"
