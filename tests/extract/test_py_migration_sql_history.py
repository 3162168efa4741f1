"""SQL a migration runs is part of its history, replayed with the framework's own operations.

A table or column created by a migration's SQL (`migrations.RunSQL("CREATE TABLE ...")`, Alembic
`op.execute("ALTER TABLE ... ADD ...")`) was collected by the embedded-SQL reader on its own, so a later migration
that dropped it (by SQL or by an op) left it in the inventory (/tmp/sql17/t1).
"""

from __future__ import annotations

import pytest

Row = tuple[str, str, str, str]  # container, name, kind, file


@pytest.fixture
def rows(scan_project):
    def run(files: dict[str, str]) -> set[Row]:
        return {(f.container, f.name, f.kind, f.location.path) for r in scan_project(files) for f in r.fields
                if f.name != "id"}

    return run


def _django(name: str, deps: str, operations: str) -> tuple[str, str]:
    return (f"shop/migrations/{name}.py",
            "from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n"
            f"    dependencies = [{deps}]\n    operations = [\n        {operations},\n    ]\n")


def _revision(revision: str, down: str | None, body: str) -> tuple[str, str]:
    return (f"alembic/versions/{revision}.py",
            f"import sqlalchemy as sa\nfrom alembic import op\n\nrevision = {revision!r}\ndown_revision = {down!r}\n\n\n"
            f"def upgrade():\n    {body}\n")


D1 = _django("0001_initial", "", 'migrations.RunSQL("CREATE TABLE shop_patient (id serial primary key, email text, '
                                 'phone text)")')
A1 = _revision("a1", None, 'op.execute("CREATE TABLE audit (id int, ip_address text, passport text)")')


@pytest.mark.parametrize("drop", [
    pytest.param('migrations.RunSQL("ALTER TABLE shop_patient DROP COLUMN phone")', id="by-sql"),
    pytest.param('migrations.RunSQL(["ALTER TABLE shop_patient DROP COLUMN phone", "UPDATE shop_patient SET email = 1"])',
                 id="by-a-list-of-sql"),
])
def test_a_column_a_django_migrations_sql_created_is_gone_once_dropped(rows, drop: str) -> None:
    d2 = _django("0002_drop", '("shop", "0001_initial")', drop)
    assert rows(dict([D1, d2])) == {("shop_patient", "email", "migration", D1[0])}


@pytest.mark.parametrize("drop", [
    pytest.param('op.execute("ALTER TABLE audit DROP COLUMN passport")', id="by-sql"),
    pytest.param('op.drop_column("audit", "passport")', id="by-an-op"),
])
def test_a_column_an_alembic_revisions_sql_created_is_gone_once_dropped(rows, drop: str) -> None:
    assert rows(dict([A1, _revision("b2", "a1", drop)])) == {("audit", "ip_address", "migration", A1[0])}


def test_a_column_sql_adds_to_a_table_an_op_created_is_gone_once_dropped(rows) -> None:
    a1 = _revision("a1", None, 'op.create_table("customer", sa.Column("id", sa.Integer), sa.Column("email", sa.String))')
    b2 = _revision("b2", "a1", 'op.execute("ALTER TABLE customer ADD COLUMN passport_number text")')
    assert rows(dict([a1, b2])) == {("customer", "email", "migration", a1[0]),
                                    ("customer", "passport_number", "migration", b2[0])}
    c3 = _revision("c3", "b2", 'op.drop_column("customer", "passport_number")')
    assert rows(dict([a1, b2, c3])) == {("customer", "email", "migration", a1[0])}


def test_a_table_sql_created_and_dropped_by_an_op_is_gone(rows) -> None:
    assert rows(dict([A1, _revision("b2", "a1", 'op.drop_table("audit")')])) == set()


def test_what_no_later_migration_drops_is_reported_once(rows) -> None:
    d2 = _django("0002_dob", '("shop", "0001_initial")',
                 'migrations.RunSQL("ALTER TABLE shop_patient ADD COLUMN date_of_birth date")')
    assert rows(dict([D1, d2, A1])) == {
        ("shop_patient", "email", "migration", D1[0]), ("shop_patient", "phone", "migration", D1[0]),
        ("shop_patient", "date_of_birth", "migration", d2[0]),
        ("audit", "ip_address", "migration", A1[0]), ("audit", "passport", "migration", A1[0])}


def test_a_table_a_model_maps_is_reported_at_the_model_not_at_its_sql(rows) -> None:
    model = ("shop/models.py", "from django.db import models\n\n\nclass Patient(models.Model):\n"
                               "    email = models.EmailField()\n\n    class Meta:\n        managed = False\n"
                               "        db_table = 'shop_patient'\n")
    assert rows(dict([D1, model])) == {("Patient", "email", "django_model", "shop/models.py")}


def test_a_query_of_a_column_a_migrations_sql_creates_is_no_second_row(rows) -> None:
    view = ("shop/views.py", "def rows(cur):\n    cur.execute('SELECT phone, fax FROM shop_patient')\n")
    assert rows(dict([D1, view])) == {
        ("shop_patient", "email", "migration", D1[0]), ("shop_patient", "phone", "migration", D1[0]),
        ("shop_patient", "fax", "sql_query", "shop/views.py")}  # a column no migration creates stays the query's


def test_a_downgrades_ddl_is_no_history(rows) -> None:
    a2 = ("alembic/versions/a2.py", A1[1].replace("    op.execute", "    op.drop_table('x')\n\n\ndef downgrade():\n"
                                                   "    op.execute"))
    assert rows(dict([a2])) == set()
