"""Locate the bundled `rules/` folder in every kind of install.

In a wheel, hatchling force-includes the repo's top-level `rules/` as
`scanner/_rules`. An editable install (or a plain checkout on sys.path) has no
such folder: the package imports from the source tree, with `rules/` beside
it. `importlib.resources` alone covers only the first case.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def rules_dir() -> Path:
    for candidate in (_PACKAGE / "_rules", _PACKAGE.parent / "rules"):
        if (candidate / "taxonomy.yaml").is_file():
            return candidate
    raise FileNotFoundError(
        f"Datamap's rule data is missing (looked in {_PACKAGE / '_rules'} and "
        f"{_PACKAGE.parent / 'rules'}); reinstall the package"
    )
