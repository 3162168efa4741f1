"""Types a schema defines (CREATE DOMAIN / CREATE TYPE) are a column's type evidence (audit16 #12)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scanner.extract.sql import extract_sql
from scanner.ruleset import RuleSet
from tests.extract.sql_helpers import scan_tree


def _types(source: str, dialect: str) -> dict[str, str]:
    result, fields = extract_sql(source, "schema.sql", dialect)
    assert not result.errors
    return {f"{f.container}.{f.name}": f.type_hint for f in fields}


@pytest.mark.parametrize(("source", "dialect", "expected"), [
    # a domain gives its name and its base type; a composite its attributes; through arrays, schemas, chains, retypes
    pytest.param("CREATE DOMAIN public.email_address AS citext CHECK (VALUE ~ '@');\n"
                 "CREATE DOMAIN emails AS email_address;\n"
                 "CREATE TYPE postal_address AS (street text, city text, postcode text);\n"
                 "CREATE TABLE customers (contact email_address NOT NULL, others public.email_address[], more emails,\n"
                 "  home postal_address, note text);\n"
                 "ALTER TABLE customers ALTER COLUMN note TYPE email_address;\n", "postgres",
                 {"customers.contact": "email_address citext", "customers.others": "email_address[] citext",
                  "customers.more": "emails email_address citext", "customers.note": "email_address citext",
                  "customers.home": "postal_address(street text, city text, postcode text)"}, id="postgres"),
    pytest.param("CREATE TYPE [dbo].[Email] FROM nvarchar(256) NOT NULL;\nCREATE TABLE [dbo].[Users] ([Login] [dbo].[Email]);\n",
                 "tsql", {"Users.Login": "Email nvarchar(256)"}, id="tsql-alias-type"),
    pytest.param("CREATE OR REPLACE TYPE address_t AS OBJECT (street VARCHAR2(100), city VARCHAR2(50));\n/\n"
                 "CREATE TABLE people (addr address_t);\n", "oracle",
                 {"people.addr": "address_t(street VARCHAR2(100), city VARCHAR2(50))"}, id="oracle-object-type"),
])
def test_a_defined_type_is_read_through(source: str, dialect: str, expected: dict[str, str]) -> None:
    assert _types(source, dialect) == expected


def test_other_types_stay_as_written() -> None:
    # an enum, a range, a table type and a type the file never defines say nothing more than their names
    source = ("CREATE TYPE mood AS ENUM ('sad', 'ok');\nCREATE TYPE span AS RANGE (subtype = float8);\n"
              "CREATE DOMAIN email_address AS citext;\n"
              "CREATE TABLE t (m mood, s span, x other_type, e email_address_v2, v varchar(20));\n")
    assert _types(source, "postgres") == {"t.m": "mood", "t.s": "span", "t.x": "other_type",
                                          "t.e": "email_address_v2", "t.v": "VARCHAR(20)"}


def test_a_domain_of_an_earlier_migration_types_a_later_one(tmp_path: Path, rules: RuleSet) -> None:
    folder = tmp_path / "migrations"
    folder.mkdir()
    (folder / "0001_types.sql").write_text("CREATE DOMAIN email_address AS citext;\n")
    (folder / "0002_users.sql").write_text("CREATE TABLE users (id bigint, email email_address);\n")
    inventory = scan_tree(tmp_path, rules, "postgres")
    assert {f.name: f.type_hint for f in inventory.fields if f.container == "users"}.get("email") == "email_address citext"
