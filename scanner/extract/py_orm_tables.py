"""Tables the peewee and Tortoise models map without naming them (audit12 #04).

A peewee model's table is `Meta.table_name` (read into the record by py_models), else its class name: lower case
(`legacy_table_names`, the default) or snake case (`legacy_table_names = False`: `ClientPrefs` -> `client_prefs`);
Tortoise's is `Meta.table`, else the lower-case class name. A schema dump or SQL string on such a table repeats the
model, as one on a SQLAlchemy class's table does (project._leave_mapped_to_classes)."""

from __future__ import annotations

from scanner.extract.py_common import ClassRecord
from scanner.extract.py_inherit import Hierarchy
from scanner.extract.python_project import _CAMEL

_NAMED_BY_CLASS = ("peewee", "tortoise")


def orm_tables(records: list[ClassRecord]) -> list[str]:
    hierarchy = Hierarchy(records)
    out: set[str] = set()
    for r in records:
        if r.abstract or r.table or hierarchy.kind(r) not in _NAMED_BY_CLASS:
            continue
        out |= {r.name.lower(), _CAMEL.sub("_", r.name).lower()}  # both spellings are its own, as in declared_tables
    return sorted(out)
