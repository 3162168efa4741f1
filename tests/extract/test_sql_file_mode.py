"""A schema dump checked alone (the pre-commit hook passes only the changed files) leaves the tables the project's
ORM classes map to those classes, as the whole-project run does (auditci F19: db/schema.sql committed alone
reported Customer's baselined columns as two new DM101)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scanner.config import Config
from scanner.discover import discover
from scanner.ruleset import RuleSet
from scanner.scan import scan
from tests.extract.sql_helpers import write_tree

DUMP = "CREATE TABLE customers (\n    id serial PRIMARY KEY,\n    email text,\n    date_of_birth date\n);\n"


def _fields(root: Path, rules: RuleSet, *files: str) -> set[tuple[str, str, str]]:
    sources = discover(root, (), [root / f for f in files] if files else None)
    inventory = scan(sources, rules, Config(root=root, jobs=1), [])
    return {(f.container, f.name, f.location.path) for f in inventory.fields}


@pytest.mark.parametrize("model", [
    pytest.param("""from sqlalchemy import Column, Date, Integer, String
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class Customer(Base):
    __tablename__ = "customers"
    id = Column(Integer, primary_key=True)
    email = Column(String)
    date_of_birth = Column(Date)
""", id="sqlalchemy-tablename"),
    pytest.param("""from django.db import models


class Customer(models.Model):
    email = models.EmailField()
    date_of_birth = models.DateField()

    class Meta:
        db_table = "customers"
""", id="django-db-table"),
    pytest.param("""from peewee import DateField, Model, TextField


class Customers(Model):
    email = TextField()
    date_of_birth = DateField()
""", id="peewee-class-name"),
])
def test_a_dump_checked_alone_leaves_mapped_tables_to_their_classes(tmp_path: Path, rules: RuleSet,
                                                                    model: str) -> None:
    write_tree(tmp_path, {"app/models.py": model, "db/schema.sql": DUMP})
    whole = _fields(tmp_path, rules)
    assert not {f for f in whole if f[2] == "db/schema.sql"}
    assert _fields(tmp_path, rules, "db/schema.sql") == set()  # no more than the whole run reports there


def test_a_table_no_class_maps_is_still_reported_alone(tmp_path: Path, rules: RuleSet) -> None:
    write_tree(tmp_path, {
        "app/models.py": 'TABLE = "customers"\n\nclass Report:\n    table = "orders"\n',  # no ORM class
        "db/schema.sql": DUMP,
    })
    assert {("customers", "email", "db/schema.sql")} <= _fields(tmp_path, rules, "db/schema.sql")
