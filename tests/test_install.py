"""Real installs into temp venvs: the rules must ship in the wheel and be found by an editable install.

These build and install the package, so they are slow (tens of seconds) and need PyPI for
the build backend; dependencies come from the outer environment (--system-site-packages).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, REPO

pytestmark = pytest.mark.slow
PROBE = "import scanner, scanner.rulesdata as r; print(scanner.__file__); print(r.rules_dir())"


def make_venv(path: Path) -> Path:
    venv.EnvBuilder(with_pip=True, system_site_packages=True).create(path)
    return path / "bin" / "python"


def copy_repo(dest: Path) -> Path:
    """The repo's tracked files only, as a fresh clone would have them."""
    files = subprocess.run(["git", "-C", str(REPO), "ls-files", "-z"], capture_output=True, check=True).stdout
    for rel in filter(None, files.decode().split("\0")):
        src = REPO / rel
        if src.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    return dest


def run(python: Path, *args: str, cwd: Path) -> str:
    done = subprocess.run([str(python), *args], cwd=cwd, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@pytest.mark.parametrize("editable", [pytest.param(False, id="wheel"), pytest.param(True, id="editable")])
def test_installed_package_finds_its_rules(tmp_path: Path, editable: bool) -> None:
    source = copy_repo(tmp_path / "src")
    python = make_venv(tmp_path / "venv")
    target = ["-e", str(source)] if editable else [str(source)]
    run(python, "-m", "pip", "install", "-q", "--no-deps", *target, cwd=tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    module, rules = run(python, "-c", PROBE, cwd=elsewhere).split()
    if editable:
        assert (Path(module).parent, Path(rules)) == (source / "scanner", source / "rules")
    else:
        site = tmp_path / "venv" / "lib"
        assert Path(module).is_relative_to(site) and Path(rules) == Path(module).parent / "_rules"
        assert (Path(rules) / "taxonomy.yaml").is_file() and any((Path(rules) / "services").glob("*.yaml"))
    out = run(python, "-m", "scanner", "rules", "services", cwd=elsewhere)
    assert "stripe" in out
    datamap = tmp_path / "venv" / "bin" / "datamap"
    done = subprocess.run([str(datamap), "scan", str(EXAMPLE), "--format", "json"], capture_output=True, text=True)
    assert done.returncode == 0 and '"fields"' in done.stdout, done.stderr


def test_python_dash_m_matches_console_script(tmp_path: Path) -> None:
    out = subprocess.run([sys.executable, "-m", "scanner", "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.startswith("datamap ")
