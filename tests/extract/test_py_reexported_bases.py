"""A base class a project module imports from another project module that imports it in turn (a re-export) is
what that module imports (audit12 #01: lago-python-client's `base_model.py` shim, `try: from pydantic.v1 import
BaseModel except ImportError: from pydantic import BaseModel`, made every input model's fields vanish)."""

from __future__ import annotations

import pytest

SHIM = """
    try:
        from pydantic.v1 import BaseModel
    except ImportError:
        from pydantic import BaseModel
    """
MODEL = """
    {import_line}


    class Customer(BaseModel):
        email: str
        phone: str
        firstname: str
    """


def _fields(results: list, path: str) -> set[str]:
    return {f.name for r in results if r.path.endswith(path) for f in r.fields}


@pytest.mark.parametrize("base_module", [SHIM, "from pydantic import BaseModel\n"])
@pytest.mark.parametrize("import_line", ["from pkg.base_model import BaseModel", "from .base_model import BaseModel"])
def test_a_reexported_framework_base_makes_a_model(scan_project, base_module: str, import_line: str) -> None:
    results = scan_project({
        "pkg/__init__.py": "",
        "pkg/base_model.py": base_module,
        "pkg/customer.py": MODEL.format(import_line=import_line),
    })
    assert _fields(results, "customer.py") == {"email", "phone", "firstname"}


def test_a_reexport_through_a_package_init_chain(scan_project) -> None:
    results = scan_project({
        "pkg/__init__.py": "from .compat import BaseModel\n",
        "pkg/compat.py": "from pydantic import BaseModel\n",
        "pkg/customer.py": MODEL.format(import_line="from pkg import BaseModel"),
    })
    assert _fields(results, "customer.py") == {"email", "phone", "firstname"}


def test_a_reexported_plain_class_is_still_no_model(scan_project) -> None:
    results = scan_project({
        "pkg/__init__.py": "",
        "pkg/base.py": "from collections import UserDict as Base\n",
        "pkg/customer.py": MODEL.replace("BaseModel", "Base").format(import_line="from pkg.base import Base"),
    })
    assert _fields(results, "customer.py") == set()
