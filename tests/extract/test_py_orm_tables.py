"""A schema dump of a table a peewee or Tortoise model maps repeats the model (audit12 #04, supysonic): the table is
reported at the class only, as a SQLAlchemy class's and a Django model's are."""

from __future__ import annotations

from pathlib import Path

import pytest

from scanner.config import Config
from scanner.discover import Source, kind_of
from scanner.extract.project import finalize
from scanner.ruleset import RuleSet
from scanner.scan import scan_file

PEEWEE = """from peewee import CharField, Model


class BaseModel(Model):
    class Meta:
        legacy_table_names = False


class {name}(BaseModel):
    mail = CharField(null=True)
    password = CharField(40)
{meta}"""

TORTOISE = """from tortoise import fields
from tortoise.models import Model


class Account(Model):
    mail = fields.CharField(max_length=200)
    password = fields.CharField(max_length=40)

    class Meta:
        table = "accounts"
"""


@pytest.fixture
def containers(tmp_path: Path, rules: RuleSet):
    """Scan Python and SQL files as one project; the containers of the fields reported."""

    def run(files: dict[str, str]) -> set[str]:
        results = []
        for name, text in files.items():
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / name).write_text(text, encoding="utf-8")
            results.append(scan_file(Source(name, tmp_path / name, kind_of(name) or ""), rules))
        return {f.container for r in finalize(results, rules, Config(root=tmp_path)) for f in r.fields}

    return run


def _schema(table: str) -> str:
    return f'CREATE TABLE "{table}" (id int PRIMARY KEY, mail varchar(256), password char(40));\n'


@pytest.mark.parametrize(("name", "meta", "table"), [
    ("User", "", "user"),  # peewee's default: the lower-case class name
    ("ClientPrefs", "", "client_prefs"),  # legacy_table_names = False: snake case
    ("ClientPrefs", "", "clientprefs"),
    ("Person", '\n    class Meta:\n        table_name = "people"\n', "people"),
])
def test_a_schema_of_a_peewee_models_table_is_the_models(containers, name: str, meta: str, table: str) -> None:
    found = containers({"app/db.py": PEEWEE.format(name=name, meta=meta), "app/schema/postgres.sql": _schema(table)})
    assert found == {name}


def test_a_schema_of_a_tortoise_models_table_is_the_models(containers) -> None:
    found = containers({"app/models.py": TORTOISE, "schema.sql": _schema("accounts")})
    assert found == {"Account"}


def test_a_table_no_model_maps_is_still_reported(containers) -> None:
    found = containers({"app/db.py": PEEWEE.format(name="User", meta=""), "schema.sql": _schema("members")})
    assert found == {"User", "members"}
