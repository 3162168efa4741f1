"""The hook, proven with pre-commit itself: `pre-commit try-repo` against a temp git repo.

try-repo installs this repository the way users get it (a non-editable `pip install`
into pre-commit's own environment), so this also proves the wheel carries `rules/`.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from scanner import discover
from scanner.discover import kind_of
from tests.conftest import REPO

slow = pytest.mark.slow
needs_pre_commit = pytest.mark.skipif(shutil.which("pre-commit") is None, reason="pre-commit is a dev dependency")
HOOKS = {h["id"]: h for h in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}


def _discover_names() -> list[str]:
    """Names built from discovery's own tables, so a kind it learns fails here until the hook learns it."""
    names = [f"app/x{suffix}" for suffix in (*discover.KINDS, *discover.SQL_SUFFIXES, ".sql")]
    names += [f"app/x{suffix.upper()}" for suffix in discover.SQL_SUFFIXES]
    dialects = discover._SQL_DIALECT_NAME.pattern.split("(", 1)[1].split(")", 1)[0].split("|")
    names += [f"db/full.sql.{d}" for d in dialects] + ["db/schema.sql.j2", "db/q.pgsql.jinja"]
    for manifest in discover.MANIFESTS:
        concrete = manifest.replace("*", "-dev")
        names += [concrete, f"backend/{concrete}"]
    return names


NOT_SCANNED = ["README.md", "notes.txt", "logo.png", "Makefile", "Pipfile.bak", "requirements.in", "app/style.css",
               "Dockerfile", "pyproject.toml.orig", "x.sql.bak"]


@pytest.mark.parametrize("hook", ["datamap", "datamap-project"])
def test_hooks_run_on_exactly_what_discovery_reads(hook: str) -> None:
    """Audit ux7 #6: `types_or: [python, sql, yaml]` skipped templates, scripts and manifests the scanner reads."""
    spec = HOOKS[hook]
    assert "types_or" not in spec and "types" not in spec  # identify's tags know no requirements*.txt or .ddl
    files = re.compile(spec["files"])
    for name in _discover_names():
        assert kind_of(name) is not None, name  # the names really are scanned
        assert files.search(name), f"{hook} skips {name}, which discovery reads"
    for name in NOT_SCANNED:
        assert kind_of(name) is None, name
        assert not files.search(name), f"{hook} runs on {name}, which discovery does not read"
    assert files.search("docs/privacy/datamap.yaml") and files.search("datamap.yml")  # the data map itself

def test_the_project_hook_runs_on_deletion_only_commits() -> None:
    """Audit-ci F01: pre-commit matches `files:` against added and modified files, so a commit that only deletes
    the code collecting a category skipped the hook that reports the declaration gone stale."""
    assert HOOKS["datamap-project"]["always_run"] is True and HOOKS["datamap-project"]["pass_filenames"] is False
    assert not HOOKS["datamap"].get("always_run")  # the changed-files hook has nothing to check then


def test_the_changed_files_hook_applies_the_excludes() -> None:
    """pre-commit names every changed file; a file named explicitly is scanned unless --force-exclude (as ruff's
    hook does), so without it a commit touching test code or a vendored folder would be checked."""
    assert "--force-exclude" in HOOKS["datamap"]["entry"].split()


DATAMAP = "version: 1\ncollects:\n  - category: email\nrecipients:\n  - service: stripe\n    receives: [email]\n"
CLEAN = "import stripe\n\n\ndef register(user):\n    return stripe.Customer.create(email=user.email)\n"
VIOLATION = "import stripe\n\n\ndef register(user):\n    return stripe.Customer.create(email=user.email, phone=user.phone)\n"


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")  # shared: the hook env is built once


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


def project(tmp_path: Path, billing: str) -> Path:
    repo = tmp_path / "project"
    (repo / "app").mkdir(parents=True)
    (repo / "datamap.yaml").write_text(DATAMAP)
    (repo / "app" / "billing.py").write_text(billing)
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "init")
    return repo


def try_repo(repo: Path, home: Path, hook: str, *files: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    which = ["--files", *files] if files else ["--all-files"]
    return subprocess.run(
        ["pre-commit", "try-repo", str(REPO), hook, *which, "--verbose"],
        cwd=repo, env=env, capture_output=True, text=True, timeout=900,
    )


@slow
@needs_pre_commit
def test_hook_fails_on_a_violation(tmp_path: Path, pre_commit_home: Path) -> None:
    done = try_repo(project(tmp_path, VIOLATION), pre_commit_home, "datamap")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "app/billing.py:5: DM202 undisclosed-data-flow" in done.stdout


@slow
@needs_pre_commit
def test_hook_passes_a_clean_change(tmp_path: Path, pre_commit_home: Path) -> None:
    done = try_repo(project(tmp_path, CLEAN), pre_commit_home, "datamap")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Passed" in done.stdout


@slow
@needs_pre_commit
def test_project_hook_reports_stale_declarations(tmp_path: Path, pre_commit_home: Path) -> None:
    repo = project(tmp_path, CLEAN)
    (repo / "datamap.yaml").write_text(DATAMAP + "  - service: twilio\n")
    git(repo, "commit", "-qam", "declare twilio")
    done = try_repo(repo, pre_commit_home, "datamap-project")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "datamap.yaml:7: DM502 stale-recipient" in done.stdout


@slow
@needs_pre_commit
def test_hook_checks_a_new_template_and_dependency(tmp_path: Path, pre_commit_home: Path) -> None:
    repo = project(tmp_path, CLEAN)
    (repo / "templates").mkdir()
    (repo / "templates" / "ga.html").write_text(
        '<script async src="https://www.googletagmanager.com/gtag/js?id=G-XXXX"></script>\n')
    (repo / "requirements.txt").write_text("sentry-sdk==1.0\n")
    git(repo, "add", ".")
    done = try_repo(repo, pre_commit_home, "datamap", "templates/ga.html", "requirements.txt")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "requirements.txt:1: DM201" in done.stdout and "templates/ga.html:1: DM201" in done.stdout


@slow
@needs_pre_commit
def test_hook_leaves_out_changed_test_code(tmp_path: Path, pre_commit_home: Path) -> None:
    repo = project(tmp_path, CLEAN)
    (repo / "tests").mkdir()
    (repo / "tests" / "test_billing.py").write_text(VIOLATION)
    git(repo, "add", ".")
    done = try_repo(repo, pre_commit_home, "datamap", "tests/test_billing.py", "app/billing.py")
    assert done.returncode == 0, done.stdout + done.stderr
