"""Which files get scanned: .gitignore (with and without git), excludes, explicit lists."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from scanner.discover import discover

TREE = {
    "app/models.py": "", "app/schema.sql": "", "app/readme.txt": "", "app/static/site.js": "",
    "app/static/vendor.min.js": "", "requirements.txt": "", "build/gen.py": "", "generated/out.py": "",
    "tests/fixture.py": "", ".venv/lib/x.py": "", "node_modules/p/x.js": "", "app/keep.log.py": "",
    "notes/drop.py": "", "notes/keep.py": "", "docs/_build/html/_static/player.js": "",
}
GITIGNORE = "generated/\n*.log.py\nnotes/*\n!notes/keep.py\n"


def make(root: Path) -> Path:
    for name, text in TREE.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    (root / ".gitignore").write_text(GITIGNORE)
    return root


EXPECTED = {
    ("app/models.py", "python"), ("app/schema.sql", "sql"), ("app/static/site.js", "template"),
    ("app/static/vendor.min.js", "template"),  # listed; the scan skips it and reports why
    ("requirements.txt", "manifest"), ("tests/fixture.py", "python"), ("notes/keep.py", "python"),
}


def listed(root: Path, exclude: tuple[str, ...] = ()) -> set[tuple[str, str]]:
    return {(s.rel, s.kind) for s in discover(root, exclude)}


def test_walk_without_git_honours_gitignore(tmp_path: Path) -> None:
    assert listed(make(tmp_path)) == EXPECTED


def test_git_work_tree_uses_git(tmp_path: Path) -> None:
    make(tmp_path)
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    # a tracked file stays listed even if ignored later, as git sees it
    assert listed(tmp_path) == EXPECTED


def test_exclude_globs(tmp_path: Path) -> None:
    make(tmp_path)
    assert listed(tmp_path, ("tests/*", "*.sql")) == EXPECTED - {("tests/fixture.py", "python"), ("app/schema.sql", "sql")}
    assert listed(tmp_path, ("app",)) == {e for e in EXPECTED if not e[0].startswith("app/")}


def test_explicit_files_keep_only_known_kinds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make(tmp_path)
    monkeypatch.chdir(tmp_path)
    got = discover(Path("."), (), [Path("app/models.py"), Path("app/readme.txt"), Path("app/schema.sql")])
    assert [(s.rel, s.kind) for s in got] == [("app/models.py", "python"), ("app/schema.sql", "sql")]


def test_test_code_is_skipped_unless_wanted(tmp_path: Path) -> None:
    from scanner.config import Config

    for name in ("app/models.py", "app/tests.py", "app/tests/test_models.py", "app/test_views.py",
                 "app/views_test.py", "conftest.py", "test/fixtures.py", "app/testimonials.py", "app/contest.py",
                 "app/testutils/mail.py", "app/test_utils/__init__.py", "app/utils/testing.py"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("")
    default = {s.rel for s in discover(tmp_path, Config(root=tmp_path).excluded_globs())}
    assert default == {"app/models.py", "app/testimonials.py", "app/contest.py", "app/utils/testing.py"}
    wanted = {s.rel for s in discover(tmp_path, Config(root=tmp_path, include_tests=True).excluded_globs())}
    assert len(wanted) == 12


def test_a_package_scanned_from_its_own_folder_names_its_modules_from_it(tmp_path: Path) -> None:
    for rel in ("forum/__init__.py", "forum/email.py", "forum/views/__init__.py", "forum/views/auth.py",
                "site/manage.py", "site/polls/__init__.py", "site/polls/models.py"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x = 1\n")
    inner = {s.rel: s.module for s in discover(tmp_path / "forum", ())}
    assert inner == {"__init__.py": "forum", "email.py": "forum.email", "views/__init__.py": "forum.views",
                     "views/auth.py": "forum.views.auth"}
    # a folder that is no package: its files are named by their path from it, as the extractor does
    assert {s.module for s in discover(tmp_path / "site", ())} == {""}


@pytest.mark.parametrize(("rel", "kind"), [
    ("sql/schema.sql.j2", "sql"), ("sql/schema.sql.jinja", "sql"), ("sql/schema.sql.jinja2", "sql"),
    ("sql/full.sql.postgres.j2", "sql"), ("sql/report.pgsql.jinja", "sql"),
    ("templates/page.html.j2", "template"), ("templates/page.jinja2", "template"), ("templates/x.j2", "template"),
])
def test_templates_of_sql_files_are_sql(rel: str, kind: str) -> None:
    from scanner.discover import kind_of, sql_dialect_of

    assert kind_of(rel) == kind
    if rel.endswith(".postgres.j2"):
        assert sql_dialect_of(rel) == ("postgres", ".sql.postgres.j2")
