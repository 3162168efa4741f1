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


def _categories(tmp_path: Path, rules: RuleSet, files: dict[str, str]) -> dict[str, tuple[str, str]]:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    inventory = scan_tree(tmp_path, rules, "postgres")
    return {f"{f.container}.{f.name}": (f.category, f.type_hint) for f in inventory.fields if f.name != "id"}


_TYPES = "CREATE DOMAIN email_address AS citext;\nCREATE TYPE postal_address AS (street text, city text, postcode text);\n"
_ACCOUNT = "CREATE TABLE account (id serial primary key, contact email_address, home postal_address);\n"
_READ = {"account.contact": ("user.contact.email", "email_address citext"),
         "account.home": ("user.contact.address", "postal_address(street text, city text, postcode text)")}


@pytest.mark.parametrize("files", [
    # a migration folder's replay classifies a column by its defined type, as a single file's columns are
    pytest.param({"db/V1__types.sql": _TYPES, "db/V2__account.sql": _ACCOUNT}, id="same-folder"),
    # a type another folder of the project defines (db/types/ beside db/migrations/) types the column
    pytest.param({"db/types/types.sql": _TYPES, "db/migrations/V1__account.sql": _ACCOUNT}, id="other-folder"),
    pytest.param({"db/types/types.sql": _TYPES, "db/migrations/V1__account.sql": _ACCOUNT,
                  "db/migrations/V2__note.sql": "ALTER TABLE account ADD COLUMN note text;\n"}, id="other-folder-replay"),
])
def test_a_defined_type_is_read_across_files(tmp_path: Path, rules: RuleSet, files: dict[str, str]) -> None:
    got = _categories(tmp_path, rules, files)
    assert {k: v for k, v in got.items() if k in _READ} == _READ


def test_a_type_two_folders_define_differently_is_not_borrowed(tmp_path: Path, rules: RuleSet) -> None:
    # which one the migrations meant is unknown: the column stays typed by the name it was written with; a folder's
    # own definition wins over another folder's
    got = _categories(tmp_path, rules, {
        "a/types.sql": "CREATE DOMAIN contact_t AS citext;\n", "b/types.sql": "CREATE DOMAIN contact_t AS bigint;\n",
        "c/V1__t.sql": "CREATE TABLE t (email contact_t);\n",
        "d/V1__own.sql": "CREATE DOMAIN contact_t AS inet;\n", "d/V2__u.sql": "CREATE TABLE u (email contact_t);\n"})
    assert {k: v[1] for k, v in got.items()} == {"t.email": "contact_t", "u.email": "contact_t inet"}


@pytest.mark.parametrize(("history", "expected"), [
    # a type's history: its columns read as the type now is
    pytest.param("ALTER TYPE postal_address ADD ATTRIBUTE postcode text, RENAME ATTRIBUTE street TO street_line;\n"
                 "ALTER TYPE postal_address ALTER ATTRIBUTE city SET DATA TYPE varchar(80) CASCADE;\n",
                 {"t.home": "postal_address(street_line text, city varchar(80), postcode text)",
                  "t.handle": "contact_t text"}, id="attributes"),
    pytest.param("ALTER TYPE postal_address DROP ATTRIBUTE IF EXISTS city;\nALTER DOMAIN contact_t RENAME TO email_address;\n",
                 {"t.home": "postal_address(street text)", "t.handle": "email_address text"}, id="drop-and-rename"),
    # an enum's new value, an owner, a constraint and another type's change leave the columns as they were
    pytest.param("ALTER TYPE mood ADD VALUE 'happy';\nALTER TYPE postal_address OWNER TO app;\n"
                 "ALTER DOMAIN contact_t ADD CONSTRAINT c CHECK (VALUE <> '');\nALTER TYPE other_t ADD ATTRIBUTE x text;\n",
                 {"t.home": "postal_address(street text, city text)", "t.handle": "contact_t text"}, id="unchanged"),
])
def test_a_defined_type_s_history_is_replayed(history: str, expected: dict[str, str]) -> None:
    source = ("CREATE TYPE postal_address AS (street text, city text);\nCREATE DOMAIN contact_t AS text;\n"
              "CREATE TYPE mood AS ENUM ('sad');\nCREATE TABLE t (home postal_address, handle contact_t);\n" + history)
    assert _types(source, "postgres") == expected
