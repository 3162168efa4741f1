"""Alembic revisions as links of one chain (audit 8, C6): revisions with no op, revisions named like tests, and
schema changes a revision runs as SQL."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from scanner.config import Config
from scanner.discover import discover
from scanner.extract.py_migrations import MigrationFile, Op
from scanner.extract.py_replay import ordered, replay
from scanner.extract.python import extract_python
from scanner.inventory import Location

Row = tuple[str, str]


@pytest.fixture
def fields(scan_project):
    """Scan the files as one project; (container, name) of every field reported."""

    def run(files: dict[str, str]) -> set[Row]:
        return {(f.container, f.name) for r in scan_project(files) for f in r.fields}

    return run


def _revision(revision: str, down: str, body: str, header: str = "") -> str:
    down_text = repr(down) if not down.startswith("(") else down
    return (f"import sqlalchemy as sa\nfrom alembic import op\n{header}\nrevision = {revision!r}\n"
            f"down_revision = {down_text if down else None}\n\n\ndef upgrade():\n" + textwrap.indent(body, "    ") + "\n")


CREATE = 'op.create_table("fidesopsuser", sa.Column("id", sa.String()), sa.Column("email", sa.String()))'
ADD = 'op.add_column("fidesopsuser", sa.Column("last_login_at", sa.DateTime()))'
RENAME = 'op.rename_table("fidesopsuser", "fidesuser")'


def test_a_revision_without_ops_keeps_its_children_in_order(fields) -> None:
    # the rename's file sorts before the add's: only the merge revision puts it after
    found = fields({
        "migrations/versions/1a_create.py": _revision("1a", "", CREATE),
        "migrations/versions/c9_login.py": _revision("c9", "1a", ADD),
        "migrations/versions/55_merge.py": _revision("55", "c9", "pass"),
        "migrations/versions/c7_rename.py": _revision("c7", "55", RENAME),
    })
    assert ("fidesuser", "last_login_at") in found
    assert ("fidesopsuser", "last_login_at") not in found


def test_a_merge_revision_with_annotated_header_joins_two_heads(fields) -> None:
    merge = ('from typing import Sequence, Union\n\nrevision: str = "m1"\n'
             'down_revision: Union[str, Sequence[str], None] = ("b2", "c9")\n\n\ndef upgrade() -> None:\n    pass\n')
    found = fields({
        "migrations/versions/1a_create.py": _revision("1a", "", CREATE),
        "migrations/versions/b2_other.py": _revision("b2", "1a", 'op.create_table("note", sa.Column("id", sa.String()))'),
        "migrations/versions/c9_login.py": _revision("c9", "1a", ADD),
        "migrations/versions/0m_merge.py": merge,
        "migrations/versions/07_rename.py": _revision("07", "m1", RENAME),
    })
    assert ("fidesuser", "last_login_at") in found and ("fidesuser", "email") in found
    assert not any(container == "fidesopsuser" for container, _ in found)


def test_a_module_without_a_revision_is_no_link(rules) -> None:
    # a versions/ helper module with no `revision` makes no MigrationFile
    result, _ = extract_python("down_revision = None\n\ndef upgrade():\n    pass\n", "migrations/versions/util.py",
                               rules.classifier, rules.catalogue)
    assert "py_migration" not in result.deferred
    result, _ = extract_python('revision = "a1"\ndown_revision = None\n\ndef upgrade():\n    pass\n',
                               "migrations/versions/a1.py", rules.classifier, rules.catalogue)
    assert [f.revision for f in result.deferred["py_migration"]] == ["a1"]


def test_a_long_chain_is_ordered_without_recursion() -> None:
    at = Location("v.py", 1)
    files = [MigrationFile("alembic", "migrations", f"migrations/versions/{n:05d}.py", f"r{n}",
                           (f"r{n + 1}",) if n < 2999 else (), ops=[Op("create", f"t{n}", location=at)])
             for n in range(3000)]  # each file's parent sorts after it: the deepest possible walk
    assert [f.revision for f in ordered(files)][:2] == ["r2999", "r2998"]
    assert len(replay(files)) == 0


def test_a_revision_named_like_a_test_is_discovered(tmp_path: Path) -> None:
    versions = tmp_path / "migrations" / "versions"
    versions.mkdir(parents=True)
    (versions / "b2_test.py").write_text('revision = "b2"\ndown_revision = "a1"\n')
    (versions / "helper_test.py").write_text("def test_upgrade():\n    pass\n")  # no revision: a test
    (tmp_path / "tests" / "migrations" / "versions").mkdir(parents=True)
    (tmp_path / "tests" / "migrations" / "versions" / "c3_test.py").write_text('revision = "c3"\n')
    (tmp_path / "app_test.py").write_text('revision = "x"\n')  # not in a versions/ folder
    found = {s.rel for s in discover(tmp_path, Config(root=tmp_path).excluded_globs())}
    assert found == {"migrations/versions/b2_test.py"}
    assert {s.rel for s in discover(tmp_path, Config(root=tmp_path).excluded_globs() + ("migrations",))} == set()


COOKIES = 'op.create_table("cookies", sa.Column("id", sa.String()), sa.Column("tracking_email", sa.String()))'


@pytest.mark.parametrize("statement", [
    'op.execute("DROP TABLE cookies")',
    'op.get_bind().execute(sa.text("DROP TABLE IF EXISTS public.cookies"))',
    'bind = op.get_bind()\nbind.execute(sa.text("""\n    DROP TABLE cookies;\n"""))',
])
def test_a_table_dropped_in_sql_is_gone(fields, statement: str) -> None:
    found = fields({
        "migrations/versions/a1_create.py": _revision("a1", "", f"{CREATE}\n{COOKIES}"),
        "migrations/versions/b2_drop.py": _revision("b2", "a1", statement),
    })
    assert ("fidesopsuser", "email") in found
    assert not any(container == "cookies" for container, _ in found)


def test_columns_and_tables_renamed_or_dropped_in_sql(fields) -> None:
    statements = ('op.execute("ALTER TABLE fidesopsuser RENAME COLUMN email TO contact_email")\n'
                  'op.execute(sa.text("ALTER TABLE cookies DROP COLUMN tracking_email"))\n'
                  'op.execute("ALTER TABLE fidesopsuser RENAME TO fidesuser")')
    found = fields({
        "migrations/versions/a1_create.py": _revision("a1", "", f"{CREATE}\n{COOKIES}"),
        "migrations/versions/b2_sql.py": _revision("b2", "a1", statements),
    })
    assert ("fidesuser", "contact_email") in found
    assert ("fidesopsuser", "email") not in found and ("cookies", "tracking_email") not in found


def test_sql_that_changes_no_schema_or_runs_on_downgrade_changes_nothing(fields) -> None:
    upgrade = 'op.execute("UPDATE cookies SET tracking_email = NULL")\nop.execute("DROP TABLE fidesopsuser")'
    drop_on_downgrade = _revision("b2", "a1", upgrade) + '\n\ndef downgrade():\n    op.execute("DROP TABLE cookies")\n'
    found = fields({
        "migrations/versions/a1_create.py": _revision("a1", "", f"{CREATE}\n{COOKIES}"),
        "migrations/versions/b2_sql.py": drop_on_downgrade,
    })
    assert {container for container, _ in found} == {"cookies"}


@pytest.mark.parametrize("table", ["AUDIT_TABLE_NAME", "PREFIX + 'audit'"])
def test_a_table_named_by_a_module_constant_is_the_classs(fields, table: str) -> None:
    """privacyidea (heldout4): `__tablename__ = AUDIT_TABLE_NAME`; its Alembic history and SQL on it are the class's,
    not a second `pidea_audit` container."""
    model = (f"from flask_sqlalchemy import SQLAlchemy\n\ndb = SQLAlchemy()\nPREFIX = 'pidea_'\n"
             f"AUDIT_TABLE_NAME = 'pidea_audit'\n\n\nclass Audit(db.Model):\n    __tablename__ = {table}\n"
             "    id = db.Column(db.Integer, primary_key=True)\n    user = db.Column(db.Unicode(20))\n"
             "    client_ip = db.Column(db.Unicode(50))\n")
    create = ('op.create_table("pidea_audit", sa.Column("id", sa.Integer()), sa.Column("user", sa.String()), '
              'sa.Column("client_ip", sa.String()))')
    found = fields({"app/models.py": model, "migrations/versions/1a_audit.py": _revision("1a", "", create),
                    "app/report.py": "def rows(cur):\n    cur.execute('SELECT user, client_ip FROM pidea_audit')\n"})
    assert {c for c, _ in found} == {"Audit"}


DJANGO_MODEL = ("from django.db import models\n\n\nclass Address(models.Model):\n    street = models.CharField(max_length=90)\n"
                "    postcode = models.CharField(max_length=9)\n{meta}")


@pytest.mark.parametrize(("apps", "meta", "table"), [
    # harriers-django-geocoding (heldout14): `label = "geocoding"` names the table, not the package
    ('from django.apps import AppConfig\n\n\nclass GeocodingConfig(AppConfig):\n    name = "geo_pkg"\n'
     '    label = "geocoding"\n', "", "geocoding_address"),
    ("", "", "geo_pkg_address"),  # Django's default: the app package's name
    ("", '\n    class Meta:\n        db_table = "legacy_addresses"\n', "legacy_addresses"),
])
def test_sql_on_a_django_models_table_is_the_models(fields, apps: str, meta: str, table: str) -> None:
    """A migration's RunSQL that creates the table by hand (to partition it), and the raw SQL that queries it,
    are the model's history and reads, not a second container."""
    create = f'CREATE TABLE {table} (id bigserial, street varchar(90), postcode varchar(9)) PARTITION BY LIST (street);'
    files = {
        "geo_pkg/__init__.py": "", "geo_pkg/models.py": DJANGO_MODEL.format(meta=meta),
        "geo_pkg/migrations/__init__.py": "",
        "geo_pkg/migrations/0001_initial.py": (
            "from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    operations = [\n"
            f"        migrations.RunSQL({create!r}, 'DROP TABLE {table};'),\n    ]\n"),
        "geo_pkg/search.py": f"def find(cur):\n    cur.execute('SELECT street, postcode FROM {table} WHERE id = 1')\n",
    }
    if apps:
        files["geo_pkg/apps.py"] = apps
    assert {c for c, _ in fields(files)} == {"Address"}
