"""The hook, proven with pre-commit itself: `pre-commit try-repo` against a temp git repo.

try-repo installs this repository the way users get it (a non-editable `pip install`
into pre-commit's own environment), so this also proves the wheel carries `rules/`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("pre-commit") is None, reason="pre-commit is a dev dependency"),
]

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


def try_repo(repo: Path, home: Path, hook: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    return subprocess.run(
        ["pre-commit", "try-repo", str(REPO), hook, "--all-files", "--verbose"],
        cwd=repo, env=env, capture_output=True, text=True, timeout=900,
    )


def test_hook_fails_on_a_violation(tmp_path: Path, pre_commit_home: Path) -> None:
    done = try_repo(project(tmp_path, VIOLATION), pre_commit_home, "datamap")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "app/billing.py:5: DM202 undisclosed-data-flow" in done.stdout


def test_hook_passes_a_clean_change(tmp_path: Path, pre_commit_home: Path) -> None:
    done = try_repo(project(tmp_path, CLEAN), pre_commit_home, "datamap")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Passed" in done.stdout


def test_project_hook_reports_stale_declarations(tmp_path: Path, pre_commit_home: Path) -> None:
    repo = project(tmp_path, CLEAN)
    (repo / "datamap.yaml").write_text(DATAMAP + "  - service: twilio\n")
    git(repo, "commit", "-qam", "declare twilio")
    done = try_repo(repo, pre_commit_home, "datamap-project")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "datamap.yaml:7: DM502 stale-recipient" in done.stdout
