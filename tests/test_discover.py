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


# Excludes are matched below the directory the user names, as ruff does: never against the folders above it.
MODEL = "from django.db import models\n\n\nclass Customer(models.Model):\n    email = models.EmailField()\n"


def _tree(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)


@pytest.mark.parametrize("parent", ["build", "node_modules", "venv/lib/python3.11/site-packages", "dist"])
def test_a_root_under_an_excluded_or_ignored_folder_is_scanned(tmp_path: Path, parent: str) -> None:
    """A package in a virtualenv, a checkout under some `build/`: inside a git work tree whose .gitignore names
    that folder, and outside one."""
    _tree(tmp_path, {f"{parent}/proj/app/models.py": MODEL, f"{parent}/proj/tests/test_x.py": "",
                     f"{parent}/proj/build/gen.py": "", ".gitignore": f"{parent.split('/')[0]}/\n"})
    root = tmp_path / parent / "proj"
    assert [s.rel for s in discover(root, ("tests",))] == ["app/models.py"]  # excludes still apply below it
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    assert [s.rel for s in discover(root, ("tests",))] == ["app/models.py"]


def test_a_file_named_explicitly_is_scanned_unless_force_excluded(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from scanner.discover import find_sources

    _tree(tmp_path, {"venv/lib/site-packages/foo/models.py": MODEL, "app/tests/test_models.py": "",
                     "app/models.py": MODEL, "scripts/load.py": ""})
    monkeypatch.chdir(tmp_path)
    files = [Path("venv/lib/site-packages/foo/models.py"), Path("app/tests/test_models.py"), Path("app/models.py"),
             Path("scripts/load.py")]
    assert len(find_sources(Path("."), ("tests", "scripts/*"), files).sources) == 4
    # pre-commit's list: the excludes apply to it, matched from the root (the repository, where pre-commit runs)
    forced = find_sources(Path("."), ("tests", "scripts/*"), files, force_exclude=True)
    assert [s.rel for s in forced.sources] == ["app/models.py"]
    assert forced.excluded == {"venv": 1, "tests": 1, "scripts/*": 1}


def test_folders_among_several_paths_are_walked_with_excludes_below_them(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from scanner.discover import find_sources

    _tree(tmp_path, {"venv/lib/site-packages/foo/models.py": MODEL, "venv/lib/site-packages/foo/tests/t.py": "",
                     "venv/lib/site-packages/foo/.venv/x.py": "", "app/models.py": MODEL, "app/notes.txt": ""})
    monkeypatch.chdir(tmp_path)
    got = find_sources(Path("."), ("tests",), [], (Path("venv/lib/site-packages/foo"), Path("app")))
    assert [s.rel for s in got.sources] == ["app/models.py", "venv/lib/site-packages/foo/models.py"]


def test_an_empty_run_says_which_paths_and_why(tmp_path: Path) -> None:
    from scanner.config import Config
    from scanner.discover import find_sources

    _tree(tmp_path, {"tests/test_a.py": "", "tests/test_b.py": "", "README.md": "", "scripts/x.py": ""})
    config = Config(root=tmp_path, exclude=("scripts/*",))
    why = find_sources(tmp_path, config.excluded_globs()).why_empty(config.exclude)
    assert why == (f"no files to scan under {tmp_path.as_posix()}: of 4 files, 1 of no kind Datamap reads (Python, "
                   "SQL, templates and scripts, dependency manifests); 2 excluded by 'tests' (test code; "
                   "--include-tests scans it); 1 excluded by 'scripts/*' (your exclude)")
    (tmp_path / "empty").mkdir()
    assert find_sources(tmp_path / "empty", ()).why_empty() == (
        f"no files under {(tmp_path / 'empty').as_posix()} (after .gitignore)")


def test_a_generated_operator_chain_is_skipped_without_slowing_long_lines() -> None:
    """Audit12 #23: libcst's native parse of `x = a+a+...` (20,000 terms) ran past the 120 s deadline."""
    import time

    from scanner.discover import skip_by_size

    chain = ("x = " + " + ".join(["a.b"] * 20_000) + "\n").encode()
    assert skip_by_size("gen.py", "python", chain).startswith("an expression of over 500 operators")
    assert skip_by_size("gen.sql", "sql", chain) == ""  # sqlglot is no recursive-descent CST parser
    started = time.perf_counter()
    for body in ("'" + "b" * 200_000 + "'", "[" + ", ".join(["a.b"] * 20_000) + "]", "'" + "a-b " * 20_000 + "'"):
        assert skip_by_size("data.py", "python", f"x = {body}\n".encode()) == ""
    assert time.perf_counter() - started < 2  # linear: a quadratic regex took minutes on the 200 KB literal


@pytest.mark.parametrize("rel", ["templates/page.mak", "templates/base.mako", "templates/page.html"])
def test_mako_templates_are_read_as_templates(rel: str) -> None:
    # audit16 #16: Pyramid apps (bodhi) render their pages with Mako
    from scanner.discover import kind_of

    assert kind_of(rel) == "template"
