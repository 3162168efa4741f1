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
    # ClickHouse and Snowflake: sqlglot reads an ALTER with several actions only when all are ADD COLUMN
    pytest.param("CREATE TABLE a (id UInt32, v String) ENGINE = MergeTree ORDER BY id;\n"
                 "ALTER TABLE a ADD COLUMN email String,\n  DROP COLUMN v,\n  MODIFY TTL at + INTERVAL 1 YEAR;\n",
                 "clickhouse", {("a", "id", "UInt32", 1), ("a", "email", "String", 2)}, id="clickhouse-alter-actions"),
    pytest.param("ALTER TABLE a ON CLUSTER c ADD COLUMN email String, MODIFY COLUMN email Nullable(String);\n",
                 "clickhouse", {("a", "email", "Nullable(String)", 1)}, id="clickhouse-on-cluster"),
    pytest.param("CREATE TABLE a (id int, v text);\nALTER TABLE a ADD COLUMN email text, RENAME COLUMN v TO phone;\n",
                 "snowflake", {("a", "id", "INT", 1), ("a", "email", "VARCHAR", 2), ("a", "phone", "VARCHAR", 1)},
                 id="snowflake-alter-actions"),
    # Oracle: MODIFY and DROP with a column list, which sqlglot reads as commands (a dropped ssn survived, silently)
    pytest.param("CREATE TABLE c (\n  full_name VARCHAR2(20),\n  ssn VARCHAR2(9),\n  created DATE\n);\n"
                 "ALTER TABLE c MODIFY (full_name VARCHAR2(400 CHAR), created TIMESTAMP);\nALTER TABLE c DROP (ssn, created);\n",
                 "oracle", {("c", "full_name", "VARCHAR2(400 CHAR)", 2)}, id="oracle-modify-and-drop-lists"),
    pytest.param("CREATE TABLE c (ssn VARCHAR2(9));\nALTER TABLE c MODIFY ssn NUMBER(9) NOT NULL;\nALTER TABLE c MODIFY (ssn NOT NULL);\n",
                 "oracle", {("c", "ssn", "NUMBER(9)", 1)}, id="oracle-modify-one-column"),
    # PL/SQL runs DDL as dynamic SQL; a deploy script's anonymous block creates real tables
    pytest.param("BEGIN\n  EXECUTE IMMEDIATE 'CREATE TABLE audit_trail (\n    user_email VARCHAR2(255) DEFAULT ''n/a'')';\n"
                 "EXCEPTION WHEN OTHERS THEN NULL;\nEND;\n/\nCREATE TABLE t (phone VARCHAR2(20));\n",
                 "oracle", {("audit_trail", "user_email", "VARCHAR2(255)", 3), ("t", "phone", "VARCHAR2(20)", 7)},
                 id="oracle-execute-immediate"),
    # T-SQL retypes without a TYPE word
    pytest.param("CREATE TABLE a (Email nvarchar(10))\nGO\nALTER TABLE [a] ALTER COLUMN [Email] [nvarchar](400) NULL\nGO\n",
                 "tsql", {("a", "Email", "NVARCHAR(400)", 1)}, id="tsql-alter-column-type"),
    # Snowflake: a clone has its source's columns, as MySQL's LIKE does
    pytest.param("CREATE TABLE RAW.USERS (EMAIL VARCHAR);\nCREATE TABLE RAW.USERS_BACKUP CLONE RAW.USERS;\n", "snowflake",
                 {("RAW.USERS", "EMAIL", "VARCHAR", 1), ("RAW.USERS_BACKUP", "EMAIL", "VARCHAR", 2)}, id="snowflake-clone"),
    # column properties (masking policies, tags) change no column: no "unparsed DDL" alarm
    pytest.param("CREATE TABLE U (EMAIL VARCHAR);\nALTER TABLE U MODIFY COLUMN EMAIL SET MASKING POLICY PII.M;\n"
                 "ALTER TABLE U ALTER COLUMN EMAIL UNSET TAG t;\n", "snowflake", {("U", "EMAIL", "VARCHAR", 1)},
                 id="snowflake-column-properties"),
    # SQLite takes a column with no type in ADD COLUMN too; sqlglot reads it as a command
    pytest.param("CREATE TABLE users (email TEXT);\nALTER TABLE users ADD COLUMN phone;\nALTER TABLE \"users\" ADD \"home address\";\n",
                 "sqlite", {("users", "email", "TEXT", 1), ("users", "phone", "", 2), ("users", "home address", "", 3)},
                 id="sqlite-add-untyped"),
    # clickhouse-migrations' tests: `sample` is a ClickHouse keyword, and sqlglot would take no table by that name
    pytest.param("CREATE TABLE pytest.sample(\n  id UInt32,\n  email String\n) ENGINE MergeTree ORDER BY tuple();\n",
                 "clickhouse", {("pytest.sample", "id", "UInt32", 2), ("pytest.sample", "email", "String", 3)},
                 id="clickhouse-keyword-table-name"),
])
def test_ddl_read_right(source: str, dialect: str, expected: set[tuple[str, str, str, int]]) -> None:
    assert _read(source, dialect) == (expected, [])


def test_alter_actions_that_say_nothing_of_columns_stay_silent_and_bad_ones_are_reported() -> None:
    # ClickHouse mutations name no column change; an action that does and fails to parse is one error
    fields, errors = _read("ALTER TABLE a DELETE WHERE id = 1, UPDATE v = 'x' WHERE 1;\n", "clickhouse")
    assert (fields, errors) == (set(), [])
    fields, errors = _read("ALTER TABLE a ADD COLUMN email String, DROP COLUMN (;\n", "clickhouse")
    assert fields == set() and [line for line, _ in errors] == [1]


@pytest.mark.parametrize(("source", "dialect", "line"), [
    # what these forms cannot say stays an error with its line, never a silent change
    pytest.param("ALTER TABLE c MODIFY a VARCHAR2(2), DROP (b);\n", "oracle", 1, id="oracle-modify-then-more"),
    pytest.param("BEGIN\n  EXECUTE IMMEDIATE 'CREATE TABLE t (' || 'email VARCHAR2(9))';\nEND;\n/\n", "oracle", 2,
                 id="oracle-execute-immediate-concatenated"),
    pytest.param("ALTER TABLE U MODIFY COLUMN EMAIL SET MASKING POLICY p, DROP COLUMN PHONE;\n", "snowflake", 1,
                 id="snowflake-property-and-a-drop"),
    pytest.param("CREATE TABLE (id UInt32) ENGINE Memory;\n", "clickhouse", 1, id="no-table-name-at-all"),
    pytest.param("CREATE TABLE a (id UInt32) ENGINE Memory;\n\nCREATE TABLE db.sample (\n  id UInt32,\n  email String DEFAULT\n"
                 ") ENGINE Memory;\n", "clickhouse", 6,
                 id="keyword-name-and-a-real-error"),
])
def test_forms_read_only_in_part_are_reported(source: str, dialect: str, line: int) -> None:
    _, errors = _read(source, dialect)
    assert [at for at, _ in errors] == [line]


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


@pytest.mark.parametrize(("source", "dialect", "expected"), [
    # a T-SQL script without `;` or GO is one statement to the splitter: the second table was dropped
    pytest.param("CREATE TABLE dbo.Customers (\n  Email nvarchar(60) NOT NULL\n)\nCREATE TABLE dbo.Employees (\n"
                 "  BirthDate datetime NULL,\n  HomePhone nvarchar(24) NULL\n)\n", "tsql",
                 {("Customers", "Email", 2), ("Employees", "BirthDate", 5), ("Employees", "HomePhone", 6)},
                 id="tsql-without-separators"),
    pytest.param("CREATE TABLE a (email text) ON [PRIMARY]\nALTER TABLE a ADD phone text\n", "tsql",
                 {("a", "email", 1), ("a", "phone", 2)}, id="options-then-a-statement"),
    pytest.param("CREATE TABLE t (id INTEGER PRIMARY KEY, email TEXT) WITHOUT ROWID, STRICT;\n", "sqlite",
                 {("t", "id", 1), ("t", "email", 1)}, id="options-alone-are-cut"),
])
def test_statements_after_a_column_list_are_read(source: str, dialect: str, expected: set[tuple[str, str, int]]) -> None:
    result, fields = extract_sql(source, "m.sql", dialect)
    assert ({(f.container, f.name, f.location.line) for f in fields}, result.errors) == (expected, [])


@pytest.mark.parametrize(("source", "dialect", "expected"), [
    # the idempotent-migration idiom of Supabase and hand-written Flyway scripts
    pytest.param("DO $$\nBEGIN\n  IF NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE column_name = 'phone') THEN\n"
                 "    ALTER TABLE users ADD COLUMN phone text;\n  END IF;\nEND\n$$;\n", "postgres",
                 {("users", "phone", 4)}, id="pg-do-block"),
    pytest.param("DO $body$ BEGIN\n  CREATE TABLE IF NOT EXISTS contacts (email text, note text);\nEND $body$;\n", "postgres",
                 {("contacts", "email", 2)}, id="pg-do-create"),
    # SSMS's idempotent deploy shapes
    pytest.param("IF NOT EXISTS (SELECT * FROM sys.tables WHERE name = 'Patients')\nCREATE TABLE dbo.Patients (\n"
                 "  PatientName nvarchar(100),\n  DateOfBirth date\n);\nGO\n", "tsql",
                 {("Patients", "PatientName", 3), ("Patients", "DateOfBirth", 4)}, id="tsql-if-create"),
    pytest.param("IF OBJECT_ID('dbo.Contacts') IS NULL\nBEGIN\n  CREATE TABLE dbo.Contacts (\n    Email nvarchar(100)\n  )\nEND\nGO\n",
                 "tsql", {("Contacts", "Email", 4)}, id="tsql-if-begin-end"),
    pytest.param("BEGIN\n  CREATE TABLE dbo.Leads (Email nvarchar(100))\nEND\nGO\n", "tsql",
                 {("Leads", "Email", 2)}, id="tsql-begin-batch-with-ddl"),
])
def test_ddl_inside_conditional_blocks_is_read(source: str, dialect: str, expected: set[tuple[str, str, int]]) -> None:
    result, fields = extract_sql(source, "m.sql", dialect)
    assert {(f.container, f.name, f.location.line) for f in fields if f.name in {n for _, n, _ in expected}} == expected
    assert result.errors == []


@pytest.mark.parametrize(("source", "dialect"), [
    pytest.param("DO $$ BEGIN IF x THEN UPDATE users SET email = NULL; END IF; END $$;\n", "postgres", id="pg-do-without-ddl"),
    pytest.param("IF OBJECT_ID('dbo.Users') IS NOT NULL DROP TABLE dbo.Users\nGO\n", "tsql", id="tsql-if-drop"),
    pytest.param("BEGIN\n  DECLARE @x int\n  SET @x = 1\nEND\nGO\n", "tsql", id="tsql-begin-batch-without-ddl"),
])
def test_wrappers_without_table_ddl_stay_silent_noise(source: str, dialect: str) -> None:
    result, fields = extract_sql(source, "m.sql", dialect)
    assert (result.errors, fields) == ([], [])


def test_ddl_in_a_block_that_cannot_be_read_is_reported() -> None:
    # dynamic DDL built from strings: said, not silently dropped
    source = "DO $$\nBEGIN\n  EXECUTE 'CREATE TABLE ' || quote_ident(name) || ' (email text)';\nEND $$;\n"
    result, fields = extract_sql(source, "m.sql", "postgres")
    assert fields == []
    assert [(e.location.line, e.message) for e in result.errors] == [
        (3, "SQL (postgres): DDL inside a DO block could not be read, so its columns were not collected")]


@pytest.mark.parametrize(("source", "dialect", "expected"), [
    pytest.param("CREATE TABLE contacts (id INTEGER PRIMARY KEY, email, phone NOT NULL);\n", "sqlite",
                 {("contacts", "id", "INTEGER", 1), ("contacts", "email", "", 1), ("contacts", "phone", "", 1)}, id="sqlite-untyped"),
    # synapse full.sql.sqlite: event_search and user_directory_search are fts4 tables
    pytest.param("CREATE VIRTUAL TABLE message_search USING fts4 (\n  sender,\n  body,\n  tokenize=porter\n);\n", "sqlite",
                 {("message_search", "sender", "", 2), ("message_search", "body", "", 3)}, id="fts4"),
    pytest.param("CREATE VIRTUAL TABLE IF NOT EXISTS notes_fts USING fts5(author_email, body UNINDEXED, content='notes');\n",
                 "postgres", {("notes_fts", "author_email", "", 1), ("notes_fts", "body", "", 1)}, id="fts5-under-another-dialect"),
])
def test_sqlite_untyped_and_virtual_tables(source: str, dialect: str, expected: set[tuple[str, str, str, int]]) -> None:
    fields, errors = _read(source, dialect)
    assert errors == []
    assert {f for f in fields if f[1] in {e[1] for e in expected}} == expected


def test_virtual_table_options_are_not_columns() -> None:
    fields, errors = _read("CREATE VIRTUAL TABLE t USING fts5(tokenize='unicode61', prefix='2 3');\n"
                           "CREATE VIRTUAL TABLE r USING rtree(id, minX, maxX);\n", "sqlite")
    assert errors == []
    assert not {f for f in fields if f[0] == "t"}


def test_search_path_qualifies_later_tables() -> None:
    # temboard: application.instances was replaced by monitoring.instances, both written `instances`
    result, fields = extract_sql(
        "SET search_path TO billing, public;\nCREATE TABLE customers (email text);\n"
        "ALTER TABLE customers ADD COLUMN phone text;\n"
        "SET search_path = \"$user\", crm;\nCREATE TABLE customers (fax text);\n"
        "SELECT pg_catalog.set_config('search_path', '', false);\nCREATE TABLE members (email text);\n", "s.sql", "postgres")
    assert result.errors == []
    assert {(f.container, f.name, f.location.line) for f in fields} == {
        ("billing.customers", "email", 2), ("billing.customers", "phone", 3), ("crm.customers", "fax", 5),
        ("members", "email", 7)}


def test_search_path_public_or_qualified_names_change_nothing() -> None:
    _, fields = extract_sql("SET search_path TO public;\nCREATE TABLE customers (email text);\n"
                            "SET search_path TO app;\nCREATE TABLE sales.leads (email text);\n"
                            "ALTER TABLE sales.leads RENAME TO prospects;\n", "s.sql", "postgres")
    assert {(f.container, f.name) for f in fields} == {("customers", "email"), ("sales.prospects", "email")}


@pytest.mark.parametrize("action", ["ALTER COLUMN C7 COMMENT 'mobile number'", "MODIFY COLUMN C7 COMMENT 'mobile number'"])
def test_snowflake_column_comment_in_alter_is_a_label(action: str) -> None:
    result, fields = extract_sql(f"CREATE TABLE U (C7 VARCHAR, C8 VARCHAR);\nALTER TABLE U {action};\n", "m.sql", "snowflake")
    assert {(f.name, f.label) for f in fields} == {("C7", "mobile number"), ("C8", "")}
    assert result.errors == []


@pytest.mark.parametrize(("source", "errors"), [
    # sqlglot reads `a int,, x` as `a int, x`; the database rejects it: said where, columns kept as written
    pytest.param("CREATE TABLE t (\n  a int,,\n  email text\n);\n", [2], id="two-commas"),
    pytest.param("CREATE TABLE t (\n  a int,\n  ,email text\n);\n", [3], id="two-commas-across-lines"),
    # negatives: commas inside a string or a comment, and a plain list
    pytest.param("CREATE TABLE t (\n  a varchar(9) DEFAULT ',,', -- x,, y\n  email text\n);\n", [], id="commas-in-strings"),
])
def test_an_empty_column_item_is_reported(source: str, errors: list[int]) -> None:
    fields, found = _read(source, "postgres")
    assert {(name, line) for _, name, _, line in fields} == {("a", 2), ("email", 3)}
    assert [line for line, _ in found] == errors
    assert all("two commas" in message for _, message in found)
