"""`mypy --strict` on scanner/ (configured in pyproject.toml): the type hints are checked, not decoration."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from tests.conftest import REPO


@pytest.mark.skipif(shutil.which("mypy") is None, reason="mypy is a dev dependency")
def test_scanner_is_mypy_strict_clean() -> None:
    done = subprocess.run([sys.executable, "-m", "mypy"], cwd=REPO, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
