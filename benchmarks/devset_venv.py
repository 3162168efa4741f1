"""A temp venv holding the real projects a dev set is labelled on (installed, never vendored)."""

from __future__ import annotations

import subprocess
import venv
from pathlib import Path


def site_packages(env: Path, packages: list[str]) -> Path:
    """Create `env` if needed, install what is missing (no deps: only their source is read)."""
    python = env / "bin" / "python"
    if not python.exists():
        venv.create(env, with_pip=True)
    missing = [p for p in packages if subprocess.run([str(python), "-m", "pip", "show", "-q", p.split("==")[0]],
                                                     capture_output=True).returncode]
    if missing:
        subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", *missing], check=True)
    out = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                         capture_output=True, text=True, check=True)
    return Path(out.stdout.strip())
