"""DDL forms sqlglot misreads or drops, read right or reported (never a silent wrong schema)."""

from __future__ import annotations

import pytest

from scanner.extract.sql import extract_sql


def _read(source: str, dialect: str) -> tuple[set[tuple[str, str, str, int]], list[tuple[int, str]]]:
    result, fields = extract_sql(source, "m.sql", dialect)
    return ({(f.container, f.name, f.type_hint, f.location.line) for f in fields},
            [(e.location.line, e.message) for e in result.errors])


@pytest.mark.parametrize(("source", "dialect", "expected"), [
    # cowrie update16.sql: CHANGE with one name renamed `ip` to '' and the IP column vanished
    pytest.param("CREATE TABLE `sessions` (\n  `id` char(32),\n  `ip` varchar(15)\n) ENGINE=InnoDB;\n"
                 "ALTER TABLE `sessions` CHANGE `ip` VARCHAR( 61 ) NOT NULL DEFAULT '';\n", "mysql",
                 {("sessions", "id", "CHAR(32)", 2), ("sessions", "ip", "VARCHAR(61)", 3)}, id="mysql-change-one-name"),
    pytest.param("CREATE TABLE `s` (`ip` varchar(15)) ENGINE=InnoDB;\nALTER TABLE `s` CHANGE `ip` `client_ip` varchar(45);\n",
                 "mysql", {("s", "client_ip", "VARCHAR(45)", 1)}, id="mysql-change-two-names"),
    # PostgreSQL: COLUMN is optional in RENAME; it used to rename the table to "mail"
    pytest.param("CREATE TABLE users (\n  id int,\n  mail text\n);\nALTER TABLE users RENAME mail TO email;\n", "postgres",
                 {("users", "id", "INT", 2), ("users", "email", "TEXT", 3)}, id="pg-rename-without-column"),
    pytest.param("CREATE TABLE users (mail text);\nALTER TABLE users RENAME TO members;\n", "postgres",
                 {("members", "mail", "TEXT", 1)}, id="pg-rename-table-stays-a-table-rename"),
    pytest.param("CREATE TABLE `users` (`email` varchar(255)) ENGINE=InnoDB;\n"
                 "CREATE TABLE `users_archive` LIKE `users`;\nDROP TABLE `users`;\n", "mysql",
                 {("users_archive", "email", "VARCHAR(255)", 2)}, id="mysql-create-like"),
    pytest.param("CREATE TABLE users (id int) ENGINE=InnoDB;\nALTER TABLE users ADD (email varchar(50),\n  phone varchar(20));\n",
                 "mysql", {("users", "id", "INT", 1), ("users", "email", "VARCHAR(50)", 2), ("users", "phone", "VARCHAR(20)", 3)},
                 id="mysql-add-list"),
    pytest.param("CREATE TABLE t (id int) ENGINE=InnoDB;\nALTER TABLE t ADD COLUMN (email varchar(50), note varchar(9));\n",
                 "mysql", {("t", "id", "INT", 1), ("t", "email", "VARCHAR(50)", 2), ("t", "note", "VARCHAR(9)", 2)},
                 id="mysql-add-column-list"),
])
def test_ddl_read_right(source: str, dialect: str, expected: set[tuple[str, str, str, int]]) -> None:
    assert _read(source, dialect) == (expected, [])


def test_rename_onto_an_existing_column_is_not_applied() -> None:
    # cowrie update15.sql: CHANGE `dst_ip` `session` onto the table's own `session` column
    result, fields = extract_sql("CREATE TABLE `f` (\n  `session` char(32),\n  `dst_ip` varchar(15)\n) ENGINE=InnoDB;\n"
                                 "ALTER TABLE `f` CHANGE `dst_ip` `session` VARCHAR(255);\n", "m.sql", "mysql")
    by_name = {f.name: f for f in fields}
    assert set(by_name) == {"session", "dst_ip"}
    assert by_name["dst_ip"].evidence.endswith("rename to session at m.sql:5 not applied: the table has that column")


def test_an_add_list_that_does_not_parse_is_still_an_error() -> None:
    fields, errors = _read("CREATE TABLE t (id int) ENGINE=InnoDB;\nALTER TABLE t ADD (email varchar(50);\n", "mysql")
    assert [line for line, _ in errors] == [2]
    assert fields == {("t", "id", "INT", 1)}


@pytest.mark.parametrize(("source", "reason"), [
    pytest.param('ALTER TABLE t RENAME COLUMN ip TO "";\n', "an empty new name", id="rename-to-empty"),
    pytest.param('ALTER TABLE t DROP COLUMN "";\n', "no column name", id="drop-unnamed"),
    pytest.param('ALTER TABLE "" ADD COLUMN email text;\n', "no table name", id="alter-unnamed-table"),
])
def test_empty_names_are_errors_not_silent_changes(source: str, reason: str) -> None:
    fields, errors = _read("CREATE TABLE t (ip text);\n" + source, "postgres")
    assert fields == {("t", "ip", "TEXT", 1)}
    assert errors == [(2, f"SQL (postgres): sqlglot read this statement with {reason}; it was not applied")]


def test_an_unnamed_column_is_reported_and_the_others_kept() -> None:
    fields, errors = _read('CREATE TABLE t (\n  "" text,\n  email text\n);\n', "postgres")
    assert fields == {("t", "email", "TEXT", 3)}
    assert errors == [(1, "SQL (postgres): sqlglot read a column of this statement without a name; that column was not collected")]
