"""A Django migration's auto primary key is no field, as the model's implicit `id` is not (auditci F19: a migration
committed alone, checked in file mode, reported `Customer.id` as a new user.unique_id the whole project never has)."""

from __future__ import annotations

import pytest

MIGRATION = """from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    operations = [
        migrations.CreateModel(
            name="Customer",
            fields=[
                {key},
                ("email", models.EmailField()),
            ],
        ),
        migrations.AlterField(
            model_name="customer",
            name="id",
            field=models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID"),
        ),
    ]
"""


@pytest.mark.parametrize("key", [
    '("id", models.BigAutoField(primary_key=True, serialize=False))',
    '("id", models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID"))',
    '("id", models.SmallAutoField(primary_key=True, serialize=False))',
])
def test_a_migrations_auto_primary_key_is_no_field(scan_project, key: str) -> None:
    files = {"app/__init__.py": "", "app/migrations/__init__.py": "",
             "app/migrations/0001_initial.py": MIGRATION.format(key=key)}
    assert {(f.container, f.name) for r in scan_project(files) for f in r.fields} == {("Customer", "email")}


def test_a_migrations_other_primary_key_is_a_field(scan_project) -> None:
    key = '("customer_id", models.BigAutoField(primary_key=True, serialize=False))'
    files = {"app/__init__.py": "", "app/migrations/__init__.py": "",
             "app/migrations/0001_initial.py": MIGRATION.format(key=key).split("        migrations.AlterField")[0] + "    ]\n"}
    assert ("Customer", "customer_id") in {(f.container, f.name) for r in scan_project(files) for f in r.fields}
