"""A model or table rebuilt by a later migration keeps its surviving fields where they were first collected.

On SQLite an Alembic revision remakes a table under a temporary name (by hand, or as batch mode's SQL written out)
and renames it back; a Django migration may delete a model and create it again. The surviving fields moved to the
rebuild, so each became a new finding wherever a baseline knew it.
"""

from __future__ import annotations

import textwrap

import pytest

Row = tuple[str, str, str, int]


@pytest.fixture
def located(scan_project):
    def run(files: dict[str, str]) -> set[Row]:
        return {(f.container, f.name, f.location.path, f.location.line) for r in scan_project(files) for f in r.fields}

    return run


def _revision(revision: str, down: str, body: str) -> str:
    return (f"import sqlalchemy as sa\nfrom alembic import op\n\nrevision = {revision!r}\n"
            f"down_revision = {repr(down) if down else None}\n\n\ndef upgrade():\n" + textwrap.indent(body, "    ") + "\n")


A1 = "alembic/versions/a1_init.py"
INIT = ('op.create_table(\n    "customers",\n    sa.Column("id", sa.Integer, primary_key=True),\n'
        '    sa.Column("email", sa.String(200)),\n    sa.Column("phone", sa.String(50)),\n'
        '    sa.Column("fax", sa.String(50)),\n)')  # email on line 12, phone 13, fax 14

SQL_REBUILD = '''op.execute("""CREATE TABLE _alembic_tmp_customers (
    id INTEGER NOT NULL PRIMARY KEY,
    email VARCHAR(200) NOT NULL,
    phone VARCHAR(50),
    last_ip VARCHAR(45)
)""")
op.execute("INSERT INTO _alembic_tmp_customers (id, email, phone) SELECT id, email, phone FROM customers")
op.execute("DROP TABLE customers")
op.execute("ALTER TABLE _alembic_tmp_customers RENAME TO customers")'''

OPS_REBUILD = '''op.create_table("_tmp_customers", sa.Column("id", sa.Integer), sa.Column("email", sa.String(200)),
                sa.Column("phone", sa.String(50)), sa.Column("last_ip", sa.String(45)))
op.drop_table("customers")
op.rename_table("_tmp_customers", "customers")'''


@pytest.mark.parametrize(("body", "new_line"), [
    pytest.param(SQL_REBUILD, 13, id="sql-under-a-temporary-name"),
    pytest.param(OPS_REBUILD, 10, id="alembic-ops"),
])
def test_an_alembic_rebuild_keeps_surviving_columns_at_their_first_revision(located, body: str, new_line: int) -> None:
    b2 = "alembic/versions/b2_rebuild.py"
    got = located({A1: _revision("a1", "", INIT), b2: _revision("b2", "a1", body)})
    assert {g for g in got if g[1] != "id"} == {
        ("customers", "email", A1, 12), ("customers", "phone", A1, 13),  # survived: where a1 collected them
        ("customers", "last_ip", b2, new_line),  # new in the rebuild: there
    }  # fax, left out of the rebuild, is gone


def test_sql_creating_a_table_it_keeps_is_collected_at_its_statement(located) -> None:
    b2 = "alembic/versions/b2_audit.py"
    got = located({A1: _revision("a1", "", INIT),
                   b2: _revision("b2", "a1", 'op.execute("CREATE TABLE audit (\\n  actor_email text\\n)")')})
    assert ("audit", "actor_email", b2, 10) in got


def test_a_table_dropped_then_created_in_a_later_revision_is_new(located) -> None:
    c3 = "alembic/versions/c3_again.py"
    got = located({A1: _revision("a1", "", INIT),
                   "alembic/versions/b2_drop.py": _revision("b2", "a1", 'op.drop_table("customers")'),
                   c3: _revision("c3", "b2", 'op.create_table("customers", sa.Column("email", sa.String(200)))')})
    assert got == {("customers", "email", c3, 9)}


DJANGO_0001 = """\
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(
            name="Subscriber",
            fields=[
                ("id", models.AutoField(primary_key=True)),
                ("email", models.EmailField(max_length=254)),
            ],
        ),
    ]
"""

DJANGO_0002 = """\
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("news", "0001_initial")]
    operations = [
        migrations.DeleteModel(name="Subscriber"),
        migrations.CreateModel(
            name="Subscriber",
            fields=[
                ("id", models.AutoField(primary_key=True)),
                ("email", models.EmailField(max_length=254, unique=True)),
                ("phone", models.CharField(max_length=20)),
            ],
        ),
    ]
"""


def test_a_django_model_deleted_and_created_again_in_one_migration_keeps_its_fields(located) -> None:
    # the model is gone from models.py (only its migrations say what it stores)
    got = located({"news/migrations/0001_initial.py": DJANGO_0001, "news/migrations/0002_recreate.py": DJANGO_0002})
    assert {g for g in got if g[1] != "id"} == {
        ("Subscriber", "email", "news/migrations/0001_initial.py", 12),
        ("Subscriber", "phone", "news/migrations/0002_recreate.py", 13)}
