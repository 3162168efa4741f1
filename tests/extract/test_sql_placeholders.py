"""A deploy tool's variable naming a schema (Flyway `${schema}.users`, sqlcmd `$(Schema).Users`) is no part of the table."""

from __future__ import annotations

import pytest

from scanner.extract.sql import extract_sql


def _read(text: str, dialect: str) -> tuple[set[tuple[str, str, int]], list[str]]:
    result, raw = extract_sql(text, "V1__init.sql", dialect)
    return {(f.container, f.name, f.location.line) for f in raw}, [e.message for e in result.errors]


@pytest.mark.parametrize(("dialect", "text", "table"), [
    pytest.param("postgres", "CREATE TABLE ${schema}.users (id int,\n  email text);\n", "users", id="flyway"),
    pytest.param("postgres", "CREATE TABLE ${flyway:defaultSchema}.\"users\" (id int,\n  email text);\n", "users",
                 id="flyway-builtin-quoted"),
    pytest.param("tsql", "CREATE TABLE $(Schema).Users (Id int,\n  Email nvarchar(50));\nGO\n", "Users", id="sqlcmd"),
    pytest.param("snowflake", "CREATE TABLE &{db}.users (id int,\n  email varchar);\n", "users", id="snowsql"),
])
def test_a_schema_variable_is_no_part_of_the_table(dialect: str, text: str, table: str) -> None:
    columns, errors = _read(text, dialect)
    assert errors == []
    assert (table, "email" if table == "users" else "Email", 2) in columns


def test_a_variable_history_replays_on_the_table() -> None:
    columns, errors = _read("CREATE TABLE ${schema}.users (id int, fax text);\n"
                            "ALTER TABLE ${schema}.users DROP COLUMN fax;\nALTER TABLE ${schema}.users ADD COLUMN email text;\n",
                            "postgres")
    assert errors == [] and {name for _, name, _ in columns} == {"id", "email"}


@pytest.mark.parametrize("text", [
    # a variable that is part of a name (not a schema before a dot) is left as it is
    pytest.param("CREATE TABLE ${prefix}_users (id int, email text);\n", id="name-prefix"),
    pytest.param("CREATE TABLE $(Prefix)Users (Id int, Email nvarchar(50));\n", id="sqlcmd-name-prefix"),
])
def test_other_variables_are_left(text: str) -> None:
    from scanner.extract.sql_split import blank_noise

    assert blank_noise(text, "postgres").split("(")[0] == text.split("(")[0]
