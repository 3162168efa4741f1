"""`sa.Table(...)` in an Alembic revision describes a table the chain has, not a new one (audit18 #01).

uffd's revisions describe each table to hand it to `op.batch_alter_table(name, copy_from=table)` (Alembic's SQLite
batch mode), in upgrade() and downgrade(): each description was reported as the table's fields again, up to eight
copies of a mapped User's columns.
"""

from __future__ import annotations

_DESCRIBED = '''\
from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    meta = sa.MetaData()
    user = sa.Table("user", meta, sa.Column("id", sa.Integer()), sa.Column("mail", sa.String(length=128)))
    with op.batch_alter_table("user", copy_from=user) as batch_op:
        batch_op.alter_column("mail", server_default=None)


def downgrade():
    meta = sa.MetaData()
    user = sa.Table("user", meta, sa.Column("id", sa.Integer()), sa.Column("mail", sa.String(length=128)))
'''


def _fields(scan_project, files: dict[str, str]) -> set[tuple[str, str, str]]:
    return {(f.location.path, f.container, f.name) for r in scan_project(files) for f in r.fields if f.name != "id"}


def test_a_revisions_table_description_is_no_new_table(scan_project) -> None:
    created = ('from alembic import op\nimport sqlalchemy as sa\n\nrevision = "a1"\ndown_revision = None\n\n\n'
               'def upgrade():\n    op.create_table("user", sa.Column("id", sa.Integer()), sa.Column("mail", sa.String()))\n')
    files = {"app/migrations/versions/a1_init.py": created, "app/migrations/versions/b2_mail.py": _DESCRIBED}
    # the table comes from its op.create_table, replayed with the chain: once, where it was created
    assert _fields(scan_project, files) == {("app/migrations/versions/a1_init.py", "user", "mail")}


def test_the_same_description_outside_a_revision_is_a_table(scan_project) -> None:
    # a module of the application declaring its tables with SQLAlchemy Core; and a `versions/` folder that is no
    # Alembic environment (no alembic import)
    plain = _DESCRIBED.replace("from alembic import op\n", "")
    assert _fields(scan_project, {"app/tables.py": _DESCRIBED, "app/versions/v2.py": plain}) == {
        ("app/tables.py", "user", "mail"), ("app/versions/v2.py", "user", "mail")}
