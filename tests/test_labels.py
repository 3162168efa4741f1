"""Labels the code gives a datum (Django verbose_name, form labels, SQL comments) are classification evidence."""

from __future__ import annotations

import pytest

DJANGO = """\
from django.db import models
from django.utils.translation import gettext_lazy as _


class UserAddress(models.Model):
    line1 = models.CharField(_("First line of address"), max_length=255)
    line4 = models.CharField(_("City"), max_length=255)
    field_7 = models.CharField(verbose_name="Mobile number", max_length=32)
    is_x = models.BooleanField(_("Email address verified"), default=False)
    email = models.EmailField(_("Contact"))
    notes = models.TextField(_("Used only internally when searching for addresses across the whole shop"))
    note = models.TextField(_("General note about the related person's address"))
"""


def fields(result) -> set[tuple[str, str, str]]:
    return {(f.container, f.name, f.category) for f in result.fields}


@pytest.mark.parametrize(
    ("expected", "present"),
    [
        pytest.param(("UserAddress", "line4", "user.contact.address.city"), True, id="label-decides-weak-name"),
        pytest.param(("UserAddress", "field_7", "user.contact.phone_number"), True, id="verbose-name-keyword"),
        pytest.param(("UserAddress", "email", "user.contact.email"), True, id="strong-name-and-type-win"),
        pytest.param(("UserAddress", "is_x", "user.contact.email"), False, id="boolean-with-datum-label"),
        pytest.param(("UserAddress", "notes", "user.contact.address"), False, id="prose-label-ignored"),
        pytest.param(("UserAddress", "note", "user.contact.address"), False, id="real-word-name-keeps-its-meaning"),
    ],
)
def test_django_verbose_name(scan_snippet, expected: tuple[str, str, str], present: bool) -> None:
    assert (expected in fields(scan_snippet(DJANGO, "models.py"))) is present


def test_label_is_named_in_the_reason(scan_snippet) -> None:
    (line4,) = [f for f in scan_snippet(DJANGO, "models.py").fields if f.name == "line4"]
    assert "from its label 'City'" in line4.reason and line4.confidence in ("medium", "low")


def test_wtforms_positional_label(scan_snippet) -> None:
    source = "from wtforms import Form, StringField\n\n\nclass Signup(Form):\n    f1 = StringField('Telephone')\n"
    source += "    kind = StringField('Mobile phone')\n"  # a real word keeps its own meaning
    assert ("Signup", "f1", "user.contact.phone_number") in fields(scan_snippet(source, "forms.py"))


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        pytest.param("CREATE TABLE clients (id int, c7 text);\nCOMMENT ON COLUMN clients.c7 IS 'client''s mobile number';\n",
                     {("clients", "c7", "user.contact.phone_number")}, id="comment-on-column"),
        pytest.param("CREATE TABLE clients (c7 varchar(20) COMMENT 'date of birth') ENGINE=InnoDB;\n",
                     {("clients", "c7", "user.demographic.date_of_birth")}, id="mysql-inline-comment"),
        pytest.param("CREATE TABLE products (c7 text);\nCOMMENT ON COLUMN products.c7 IS 'name';\n",
                     set(), id="label-keeps-context-vetoes"),
    ],
)
def test_sql_comments(scan_snippet, sql: str, expected: set) -> None:
    got = {f for f in fields(scan_snippet(sql, "schema.sql")) if f[1] != "id"}
    assert got == expected


def test_label_does_not_undo_a_veto_the_name_earned(scan_snippet) -> None:
    source = ("from django.db import models\n\n\nclass UserAddress(models.Model):\n"
              "    num_orders_as_billing_address = models.PositiveIntegerField(\"Number of orders as billing address\")\n")
    assert fields(scan_snippet(source, "models.py")) == set()


def test_a_vaguer_label_keeps_the_more_specific_name(scan_snippet) -> None:
    source = ("from django.db import models\n\n\nclass UserAddress(models.Model):\n"
              "    street = models.CharField(\"Address\", max_length=255)\n")
    assert fields(scan_snippet(source, "models.py")) == {("UserAddress", "street", "user.contact.address.street")}


def test_django_migration_fields_keep_their_verbose_name(tmp_path, capsys) -> None:
    import json

    from scanner.cli import main

    migration = tmp_path / "shop" / "migrations" / "0001_initial.py"
    migration.parent.mkdir(parents=True)
    migration.write_text(
        "from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n"
        "    operations = [\n"
        "        migrations.CreateModel(name='UserAddress', fields=[\n"
        "            ('line4', models.CharField(max_length=255, verbose_name='City')),\n"
        "        ]),\n"
        "    ]\n"
    )
    main(["scan", str(tmp_path), "--format", "json"])
    got = {(f["container"], f["name"], f["category"]) for f in json.loads(capsys.readouterr().out)["fields"]}
    assert got == {("UserAddress", "line4", "user.contact.address.city")}
