"""A view collects nothing: it reads tables whose columns are reported already.

Its columns stay in the replay, so a table copied from a view (CREATE TABLE AS SELECT) is still traced
to what it copies, but they are no inventory fields of their own, and a file of views is scanned, not skipped.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scanner.ruleset import RuleSet
from tests.extract.sql_helpers import scan_tree, write_tree

TABLE = "CREATE TABLE users (id int, email text, phone text, last_ip inet);\n"


@pytest.mark.parametrize("view", [
    pytest.param("CREATE VIEW contact_list AS SELECT email, phone AS mobile FROM users;", id="view"),
    pytest.param("CREATE OR REPLACE VIEW contact_list (a, b) AS SELECT email, phone FROM users;", id="named-columns"),
    pytest.param("CREATE MATERIALIZED VIEW contact_list AS SELECT email AS login FROM users WITH NO DATA;", id="materialized"),
    pytest.param("CREATE VIEW contact_list AS SELECT * FROM users;", id="star"),
    pytest.param("CREATE ALGORITHM=UNDEFINED SQL SECURITY DEFINER VIEW `contact_list` AS SELECT `email` FROM `users`;",
                 id="mysql"),
])
def test_a_view_adds_no_field(tmp_path: Path, rules: RuleSet, view: str) -> None:
    write_tree(tmp_path, {"db/schema.sql": TABLE, "db/views.sql": view + "\n"})
    inventory = scan_tree(tmp_path, rules)
    assert {f.container for f in inventory.fields} == {"users"}
    assert inventory.errors == [] and not inventory.skipped
    assert inventory.files == 2  # the views' file is scanned: it only collects nothing


def test_a_view_in_the_tables_own_file_adds_no_field(tmp_path: Path, rules: RuleSet) -> None:
    write_tree(tmp_path, {"schema.sql": TABLE + "CREATE VIEW v AS SELECT email AS primary_channel FROM users;\n"})
    assert {(f.container, f.name) for f in scan_tree(tmp_path, rules).fields} >= {("users", "email")}
    assert "v" not in {f.container for f in scan_tree(tmp_path, rules).fields}


def test_views_in_python_migrations_add_no_field(tmp_path: Path, rules: RuleSet) -> None:
    write_tree(tmp_path, {
        "shop/migrations/0002_contacts_view.py": (
            "from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n"
            "    dependencies = [('shop', '0001_initial')]\n"
            "    operations = [migrations.RunSQL('CREATE VIEW shop_contacts AS SELECT email, phone FROM shop_customer')]\n"),
        "alembic/versions/a1_views.py": (
            "from alembic import op\n\nrevision = 'a1'\ndown_revision = None\n\n\ndef upgrade():\n"
            "    op.execute('CREATE VIEW customer_emails AS SELECT email FROM customers')\n"
            "    op.execute('CREATE MATERIALIZED VIEW customer_phones AS SELECT phone FROM customers')\n"),
    })
    assert scan_tree(tmp_path, rules).fields == []
