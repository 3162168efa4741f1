"""Statement splitting, noise, errors, dialect choice and embedded SQL."""

from __future__ import annotations

from pathlib import Path

import pytest

from scanner.extract.sql import extract_sql, fields_from_embedded_sql
from scanner.extract.sql_dialects import guess_dialect
from scanner.inventory import SQL_DIALECT_KEY
from scanner.extract.sql_split import Statement, split_statements
from scanner.ruleset import RuleSet
from tests.extract.sql_helpers import FIXTURES, scan_tree, write_tree


@pytest.mark.parametrize(("fixture", "dialect", "marker"), [
    pytest.param("pg_dump.sql", "postgres", "pg_dump / psql markers", id="postgres"),
    pytest.param("mysqldump.sql", "mysql", "ENGINE= / AUTO_INCREMENT", id="mysql"),
    pytest.param("sqlite.sql", "sqlite", "AUTOINCREMENT / WITHOUT ROWID", id="sqlite"),
    pytest.param("tsql.sql", "tsql", "GO batches", id="tsql"),
    pytest.param("bigquery.sql", "bigquery", "INT64/STRUCT< types", id="bigquery"),
    pytest.param("snowflake.sql", "snowflake", "VARIANT/TIMESTAMP_NTZ types", id="snowflake"),
    pytest.param("oracle.sql", "oracle", "VARCHAR2/NUMBER/CLOB types", id="oracle"),
])
def test_guess_dialect(fixture: str, dialect: str, marker: str) -> None:
    choice = guess_dialect((FIXTURES / fixture).read_text())
    assert (choice.name, choice.guessed, choice.reason) == (dialect, True, marker)


def test_guess_without_markers_says_so() -> None:
    assert guess_dialect("CREATE TABLE t (a int);").label() == "postgres, guessed from no dialect markers (default)"


@pytest.mark.parametrize(("text", "dialect", "reason"), [
    # cowrie update5.sql: "-- ... 32 character string" made a MySQL file BigQuery
    pytest.param("-- the hash is a 32 character string\nALTER TABLE auth CHANGE pw pw VARCHAR(64);\n",
                 "postgres", "no dialect markers (default)", id="string-in-a-comment"),
    pytest.param("/* A random string generated each time\n   a worker takes out a lock. */\nCREATE TABLE l (name TEXT);\n",
                 "postgres", "no dialect markers (default)", id="string-in-a-block-comment"),
    pytest.param("INSERT INTO notes VALUES ('kept as a STRING; ENGINE=InnoDB');\n",
                 "postgres", "no dialect markers (default)", id="markers-in-a-string-literal"),
    pytest.param("CREATE TABLE t (label string, body bytes);\n", "postgres", "no dialect markers (default)",
                 id="lower-case-words-are-not-bigquery-types"),
    pytest.param("CREATE TABLE t (\n  label STRING,\n  body BYTES\n);\n", "bigquery", "STRING/BYTES column types",
                 id="upper-case-column-types-are"),
    pytest.param("/*!40101 SET NAMES utf8 */;\nCREATE TABLE t (a int);\n", "mysql", "backquoted identifiers / /*!NNNNN */",
                 id="mysql-executable-comment-still-counts"),
    pytest.param("CREATE TABLE t (a int)\nGO -- next batch\n", "tsql", "GO batches", id="go-with-a-comment"),
    # clickhouse-migrations' tests: `ENGINE = MergeTree` made a ClickHouse schema MySQL, `Int64` BigQuery
    pytest.param("CREATE TABLE events (\n  `uid` String,\n  level Nullable(Int64),\n  at DateTime64(3)\n)\n"
                 "ENGINE = MergeTree() ORDER BY at;\n", "clickhouse", "MergeTree/Log engines", id="clickhouse-engine"),
    pytest.param("CREATE TABLE e (id UInt32, email LowCardinality(String)) ENGINE Memory;\n", "clickhouse",
                 "UInt32/Nullable(...)/LowCardinality(...) types", id="clickhouse-types"),
    pytest.param("CREATE TABLE t (id int, name varchar(9)) ENGINE=MEMORY;\n", "mysql", "ENGINE= / AUTO_INCREMENT",
                 id="mysql-memory-engine-stays-mysql"),
    pytest.param("CREATE TABLE t (id INT64, n int64);\n", "bigquery", "INT64/STRUCT< types", id="bigquery-int64-stays"),
])
def test_guess_reads_code_not_prose(text: str, dialect: str, reason: str) -> None:
    choice = guess_dialect(text)
    assert (choice.name, choice.reason) == (dialect, reason)


def test_a_file_without_markers_takes_its_folders_dialect(tmp_path: Path, rules: RuleSet) -> None:
    # cowrie update11.sql (MODIFY) beside MySQL siblings was read as PostgreSQL: two DM901, rename lost
    write_tree(tmp_path, {
        "sql/001_schema.sql": "CREATE TABLE `sensors` (\n  `id` int(11) NOT NULL auto_increment,\n  `ip` varchar(15)\n) ENGINE=InnoDB;\n",
        "sql/002_more.sql": "CREATE TABLE `hosts` (`id` int(11) NOT NULL auto_increment) ENGINE=InnoDB;\n",
        "sql/003_update.sql": "ALTER TABLE sensors MODIFY ip VARCHAR(255) NOT NULL;\nALTER TABLE sensors CHANGE ip client_ip VARCHAR(255);\n",
        "other/schema.sql": "CREATE TABLE people (email text);\n",
    })
    inventory = scan_tree(tmp_path, rules)
    assert inventory.errors == []
    assert {(f.container, f.name, f.type_hint) for f in inventory.fields if f.name != "id"} == {
        ("sensors", "client_ip", "VARCHAR(255)"), ("people", "email", "TEXT")}
    assert inventory.sql_dialects["sql/003_update.sql"] == "mysql, guessed from the other files of sql/ (2 of 2 with markers)"
    assert inventory.sql_dialects["other/schema.sql"] == "postgres, guessed from no dialect markers (default)"


@pytest.mark.parametrize("siblings", [
    pytest.param({"db/a.sql": "CREATE TABLE a (x int) ENGINE=InnoDB;\n", "db/b.sql": "CREATE TABLE b (y jsonb);\n"},
                 id="a-tie-decides-nothing"),
    pytest.param({"db/a.sql": "CREATE TABLE a (x int);\n"}, id="no-sibling-has-markers"),
])
def test_no_folder_majority_keeps_the_default(tmp_path: Path, rules: RuleSet, siblings: dict[str, str]) -> None:
    write_tree(tmp_path, {**siblings, "db/c.sql": "CREATE TABLE c (email text);\n"})
    inventory = scan_tree(tmp_path, rules)
    assert inventory.sql_dialects["db/c.sql"] == "postgres, guessed from no dialect markers (default)"


def test_a_files_own_markers_beat_its_folders(tmp_path: Path, rules: RuleSet) -> None:
    write_tree(tmp_path, {f"db/{i}_m.sql": f"CREATE TABLE t{i} (x int) ENGINE=InnoDB;\n" for i in range(3)})
    write_tree(tmp_path, {"db/9_pg.sql": "CREATE TABLE p (email text, meta jsonb);\n"})
    assert scan_tree(tmp_path, rules).sql_dialects["db/9_pg.sql"] == "postgres, guessed from serial/jsonb/timestamptz/inet types"


def _statements(text: str, dialect: str, chunk: int = 256_000) -> list[tuple[int, str]]:
    return [(s.line, s.text) for s in split_statements(text, dialect, chunk) if isinstance(s, Statement)]


@pytest.mark.parametrize(("text", "dialect", "expected"), [
    pytest.param("SELECT ';';\nSELECT 2;", "postgres", [(1, "SELECT ';'"), (2, "SELECT 2")], id="semicolon-in-string"),
    pytest.param("CREATE FUNCTION f() AS $$ a; b; $$;\nSELECT 1;", "postgres",
                 [(1, "CREATE FUNCTION f() AS $$ a; b; $$"), (2, "SELECT 1")], id="dollar-quoted-body"),
    pytest.param("COPY t (a) FROM stdin;\n1;2\n\\.\nSELECT 1;", "postgres", [(4, "SELECT 1")], id="copy-data"),
    pytest.param("\\connect db\nSELECT 1;", "postgres", [(2, "SELECT 1")], id="psql-meta"),
    pytest.param("CREATE TABLE a (x int)\nGO\nCREATE TABLE b (y int)\nGO\n", "tsql",
                 [(1, "CREATE TABLE a (x int)"), (3, "CREATE TABLE b (y int)")], id="go-batches"),
    pytest.param("CREATE PROCEDURE p AS\nBEGIN\n SELECT 1;\n SELECT 2;\nEND\nGO\nSELECT 3\nGO", "tsql",
                 [(7, "SELECT 3")], id="tsql-procedure-batch"),
    pytest.param("DELIMITER ;;\nCREATE TRIGGER t BEGIN SET a = 1; END;;\nDELIMITER ;\nSELECT 1;", "mysql",
                 [(4, "SELECT 1")], id="mysql-delimiter"),
    pytest.param("BEGIN\n  x := 1;\nEND;\n/\nSELECT 1 FROM dual;", "oracle", [(5, "SELECT 1 FROM dual")], id="plsql-block"),
    pytest.param("SELECT 'a;\nb';\nSELECT 2;\n" * 3, "postgres",
                 [(1, "SELECT 'a;\nb'"), (3, "SELECT 2"), (4, "SELECT 'a;\nb'"), (6, "SELECT 2"),
                  (7, "SELECT 'a;\nb'"), (9, "SELECT 2")], id="chunk-boundary-inside-string"),
])
def test_split_statements(text: str, dialect: str, expected: list[tuple[int, str]]) -> None:
    assert _statements(text, dialect, chunk=4) == expected


@pytest.mark.parametrize(("source", "dialect"), [
    pytest.param("SET search_path = public;\nSELECT pg_catalog.set_config('x', '', false);\nGRANT ALL ON t TO u;\n"
                 "CREATE INDEX i ON t (a);\nALTER TABLE ONLY t OWNER TO app;\nCREATE EXTENSION hstore;\n"
                 "ALTER TABLE ONLY t ADD CONSTRAINT pk PRIMARY KEY (id);\nINSERT INTO t VALUES (1);\n", "postgres",
                 id="postgres"),
    pytest.param("/*!40101 SET NAMES utf8 */;\nLOCK TABLES `t` WRITE;\nUNLOCK TABLES;\nUSE shop;\n", "mysql", id="mysql"),
    # table maintenance a MySQL migration runs (supysonic's 20180221.sql: 14 REPAIR TABLE, audit12 #02)
    pytest.param("REPAIR TABLE user;\nCHECK TABLE track EXTENDED;\nCHECKSUM TABLE album;\n", "mysql", id="mysql-maintenance"),
    pytest.param("USE [x]\nGO\nSET ANSI_NULLS ON\nGO\nPRINT 'hi'\nGO\n", "tsql", id="tsql"),
    pytest.param("PRAGMA foreign_keys=OFF;\nBEGIN TRANSACTION;\nCOMMIT;\n", "sqlite", id="sqlite"),
])
def test_noise_is_silent(source: str, dialect: str) -> None:
    result, fields = extract_sql(source, "noise.sql", dialect)
    assert (result.errors, fields) == ([], [])


@pytest.mark.parametrize(("source", "line", "message"), [
    pytest.param("CREATE TABLE a (x int);\n\nCREATE TABLE b (\n  y int,\n  z text CHECK (\n);\nCREATE TABLE c (email text);",
                 6, "SQL (postgres): Required keyword: 'this' missing for", id="parse-error-line"),
    pytest.param("CREATE TABLE a (x int);\nSELECT 'unterminated;\n", 2,
                 "SQL (postgres): cannot tokenize (unterminated string or comment?)", id="token-error"),
])
def test_errors_are_per_statement(source: str, line: int, message: str) -> None:
    result, fields = extract_sql(source, "e.sql", "postgres")
    assert [(e.location.line, e.message[: len(message)]) for e in result.errors] == [(line, message)]
    assert {f.container for f in fields} >= {"a"}


def test_trailing_table_options_sqlglot_rejects_are_cut_off() -> None:
    # sqlglot falls back to exp.Command on MySQL PARTITIONS n; the columns before it are still read
    result, fields = extract_sql("CREATE TABLE t (email text) PARTITION BY HASH(id) PARTITIONS 4;\n", "p.sql", "mysql")
    assert (result.errors, [f.name for f in fields]) == ([], ["email"])


@pytest.mark.parametrize(("source", "dialect"), [
    pytest.param("CREATE TABLE t OF person_type;", "postgres", id="typed-table"),
    pytest.param("CREATE FOREIGN TABLE t (email text) SERVER s;", "postgres", id="foreign-table"),
])
def test_command_fallback_create_table_is_unparsed_ddl(source: str, dialect: str) -> None:
    # sqlglot reads some CREATE TABLE forms as an opaque exp.Command: the columns are lost, so say so
    result, fields = extract_sql(source + "\nCREATE TABLE ok (email text);\n", "c.sql", dialect)
    assert [(e.location.line, e.message) for e in result.errors] == [(1, f"SQL ({dialect}): unparsed DDL: sqlglot read "
            "this CREATE TABLE as an opaque command, so its columns were not collected")]
    assert [(f.container, f.name) for f in fields] == [("ok", "email")]


def test_sqlite_table_options_are_recovered() -> None:
    result, fields = extract_sql("CREATE TABLE t (id INTEGER PRIMARY KEY, email TEXT) WITHOUT ROWID, STRICT;\n", "s.sql", "sqlite")
    assert (result.errors, [(f.name, f.location.line) for f in fields]) == ([], [("id", 1), ("email", 1)])


def test_per_file_dialect_override_and_guess_reported(tmp_path: Path, rules: RuleSet) -> None:
    (tmp_path / "legacy").mkdir()
    # backquotes say MySQL, but the config pins this folder to sqlite
    (tmp_path / "legacy" / "a.sql").write_text("CREATE TABLE `people` (`email` text) WITHOUT ROWID;\n")
    (tmp_path / "b.sql").write_text("CREATE TABLE people (email text) ENGINE=InnoDB;\n")
    from scanner.discover import discover
    from scanner.config import Config
    from scanner.scan import scan_file

    config = Config(root=tmp_path, dialects=(("legacy/*", "sqlite"),))
    results = {s.rel: scan_file(s, rules, config.dialect_for(s.rel)) for s in discover(tmp_path, ())}
    assert {rel: r.deferred["sql"].dialect.label() for rel, r in results.items()} == {
        "legacy/a.sql": "sqlite", "b.sql": "mysql, guessed from ENGINE= / AUTO_INCREMENT"}
    assert all(r.errors == [] for r in results.values())
    inventory = scan_tree(tmp_path, rules, dialects=(("legacy/*", "sqlite"),))
    assert {(f.location.path, f.name) for f in inventory.fields} == {("legacy/a.sql", "email"), ("b.sql", "email")}


def test_dialect_choice_survives_the_project_pass(tmp_path: Path, rules: RuleSet) -> None:
    from scanner.config import Config
    from scanner.discover import discover
    from scanner.extract.project import finalize
    from scanner.scan import scan_file

    (tmp_path / "a.sql").write_text("CREATE TABLE t (a int) ENGINE=InnoDB;\n")
    results = finalize([scan_file(s, rules) for s in discover(tmp_path, ())], rules, Config(root=tmp_path))
    assert results[0].deferred[SQL_DIALECT_KEY].label() == "mysql, guessed from ENGINE= / AUTO_INCREMENT"


def test_unknown_dialect_is_an_error() -> None:
    result, fields = extract_sql("CREATE TABLE t (a int);", "x.sql", "klingon")
    assert ([e.message for e in result.errors], fields) == (["SQL: unknown dialect 'klingon'; file skipped"], [])


@pytest.mark.parametrize(("sql", "line", "expected"), [
    pytest.param("INSERT INTO users (email, phone) VALUES (%s, %s)", 10,
                 [("users", "email", "sql_query", 10), ("users", "phone", "sql_query", 10)], id="insert-pyformat"),
    pytest.param("UPDATE accounts SET mobile = :m WHERE id = :id", 3,
                 [("accounts", "mobile", "sql_query", 3), ("accounts", "id", "sql_query", 3)], id="update-named"),
    pytest.param("\n  SELECT u.email, o.total\n  FROM users u JOIN orders o ON o.user_id = u.id\n", 20,
                 [("users", "email", "sql_query", 21), ("orders", "total", "sql_query", 21),
                  ("orders", "user_id", "sql_query", 22), ("users", "id", "sql_query", 22)], id="select-multiline"),
    pytest.param("CREATE TABLE t (\n  email TEXT,\n  ip INET\n)", 5,
                 [("t", "email", "sql_table", 6), ("t", "ip", "sql_table", 7)], id="create-in-fixture"),
    pytest.param("hello world; not sql", 1, [], id="not-sql"),
    pytest.param("SELECT FROM WHERE (((", 1, [], id="looks-like-sql-but-is-not"),
    # mautrix-telegram: `excluded` is the row the INSERT proposed, not a table of its own
    pytest.param("INSERT INTO entities (id, phone) VALUES ($1, $2)\n"
                 "ON CONFLICT (id) DO UPDATE SET phone=excluded.phone", 1,
                 [("entities", "id", "sql_query", 1), ("entities", "phone", "sql_query", 1)], id="upsert-excluded"),
    # an unqualified column belongs to the one table its own SELECT reads, or to the table the statement writes
    pytest.param("INSERT INTO new_reaction (sender)\nSELECT sender FROM reaction", 1,
                 [("new_reaction", "sender", "sql_query", 1), ("reaction", "sender", "sql_query", 2)], id="insert-select"),
    pytest.param("UPDATE users SET phone = (SELECT phone FROM contacts WHERE contacts.uid = users.id)", 1,
                 [("users", "phone", "sql_query", 1), ("contacts", "phone", "sql_query", 1),
                  ("contacts", "uid", "sql_query", 1), ("users", "id", "sql_query", 1)], id="update-from-subquery"),
    # still no table when the SELECT reads two, or when `excluded` is a real table's alias
    pytest.param("SELECT u.email, phone FROM users u JOIN orders o ON o.uid = u.id", 1,
                 [("users", "email", "sql_query", 1), ("", "phone", "sql_query", 1), ("orders", "uid", "sql_query", 1),
                  ("users", "id", "sql_query", 1)], id="two-tables-unqualified"),
    pytest.param("SELECT excluded.email FROM banned AS excluded", 1, [("banned", "email", "sql_query", 1)],
                 id="excluded-as-an-alias"),
    # a WITH query's name is no table (open-webui's `authors`): its columns stay without one
    pytest.param("WITH authors AS (SELECT chat_id FROM messages)\nSELECT DISTINCT chat_id, author_id FROM authors", 1,
                 [("", "chat_id", "sql_query", 2), ("", "author_id", "sql_query", 2), ("messages", "chat_id", "sql_query", 1)],
                 id="cte-is-no-table"),
    pytest.param("WITH a AS (SELECT 1)\nSELECT email FROM a", 1, [("", "email", "sql_query", 2)], id="cte-alone"),
    # a migration's RunSQL / op.execute adds a column as CREATE TABLE would (audit17 #01)
    pytest.param("ALTER TABLE customer ADD COLUMN passport_number text", 8,
                 [("customer", "passport_number", "sql_table", 8)], id="alter-add"),
    pytest.param("ALTER TABLE public.patient\n  ADD COLUMN date_of_birth date,\n  ADD COLUMN phone text", 3,
                 [("public.patient", "date_of_birth", "sql_table", 4), ("public.patient", "phone", "sql_table", 5)], id="alter-add-two"),
    # what an ALTER takes away or renames is the migration replay's; an index or a sequence has no column
    pytest.param("ALTER TABLE customer DROP COLUMN passport_number", 1, [], id="alter-drop"),
    pytest.param("ALTER TABLE customer RENAME COLUMN email TO contact", 1, [], id="alter-rename"),
    pytest.param("ALTER TABLE customer ADD CONSTRAINT u UNIQUE (email)", 1, [], id="alter-constraint"),
    pytest.param("ALTER INDEX ix_email RENAME TO ix_contact", 1, [], id="alter-index"),
])
def test_fields_from_embedded_sql(sql: str, line: int, expected: list[tuple[str, str, str, int]]) -> None:
    got = fields_from_embedded_sql(sql, "app/db.py", line)
    assert [(f.container, f.name, f.kind, f.location.line) for f in got] == expected
    assert all(f.location.path == "app/db.py" for f in got)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_sql_with_a_byte_order_mark_is_read(tmp_path: Path, rules: RuleSet, encoding: str) -> None:
    # SSMS "Generate Scripts" writes UTF-16 LE with a BOM by default
    text = "CREATE TABLE [dbo].[Customer] (\r\n  [Email] nvarchar(60)  -- Prénom\r\n)\r\nGO\r\n"
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    (tmp_path / "ssms.sql").write_bytes(data)
    inventory = scan_tree(tmp_path, rules)
    assert ([(f.container, f.name, f.location.line) for f in inventory.fields], inventory.errors) == (
        [("Customer", "Email", 2)], [])


def test_latin1_sql_is_read_with_a_note(tmp_path: Path, rules: RuleSet) -> None:
    # an old mysqldump: one accented comment used to cost the whole schema
    (tmp_path / "dump.sql").write_bytes("CREATE TABLE clients (\n  id int,\n  email varchar(100) COMMENT 'adresse électronique'\n)"
                                         " ENGINE=InnoDB;\n".encode("latin-1"))
    inventory = scan_tree(tmp_path, rules)
    assert [(f.name, f.location.line) for f in inventory.fields if f.name == "email"] == [("email", 3)]
    assert [(e.location.path, e.location.line, e.message) for e in inventory.errors] == [
        ("dump.sql", 3, "not valid UTF-8; read as Windows-1252, so non-ASCII names and comments may be wrong")]


def test_non_utf8_python_is_still_skipped_and_reported(tmp_path: Path, rules: RuleSet) -> None:
    (tmp_path / "legacy.py").write_bytes("x = 1\nname = 'Jos\xe9'\n".encode("latin-1"))
    inventory = scan_tree(tmp_path, rules)
    assert [(e.location.line, e.message) for e in inventory.errors] == [(2, "not valid UTF-8; file skipped")]


@pytest.mark.parametrize(("name", "kind", "dialect"), [
    pytest.param("schema/full_schemas/72/full.sql.postgres", "sql", "postgres, guessed from the file name (.sql.postgres)", id="synapse-postgres"),
    pytest.param("schema/full_schemas/72/full.sql.sqlite", "sql", "sqlite, guessed from the file name (.sql.sqlite)", id="synapse-sqlite"),
    pytest.param("db/schema.pgsql", "sql", "postgres, guessed from the file name (.pgsql)", id="pgsql"),
    pytest.param("db/schema.mysql", "sql", "mysql, guessed from the file name (.mysql)", id="mysql"),
    pytest.param("db/Patients.tsql", "sql", "tsql, guessed from the file name (.tsql)", id="tsql"),
    pytest.param("db/schema.ddl", "sql", "postgres, guessed from no dialect markers (default)", id="ddl-says-no-dialect"),
])
def test_other_sql_file_names_are_scanned_with_their_dialect(tmp_path: Path, rules: RuleSet, name: str, kind: str,
                                                            dialect: str) -> None:
    from scanner.discover import discover

    write_tree(tmp_path, {name: "CREATE TABLE profiles (\n  user_id text,\n  displayname text\n);\n"})
    assert [(s.rel, s.kind) for s in discover(tmp_path, ())] == [(name, kind)]
    inventory = scan_tree(tmp_path, rules)
    assert inventory.sql_dialects == {name: dialect}
    assert {(f.name, f.location.line) for f in inventory.fields} == {("user_id", 2), ("displayname", 3)}


@pytest.mark.parametrize("name", ["notes.postgres", "schema.sql.bak", "query.sqlx", "sql.txt"])
def test_names_that_only_look_like_sql_are_not_scanned(tmp_path: Path, name: str) -> None:
    from scanner.discover import discover

    write_tree(tmp_path, {name: "CREATE TABLE t (email text);\n"})
    assert discover(tmp_path, ()) == []


def test_a_postgres_and_sqlite_pair_is_one_migration(tmp_path: Path, rules: RuleSet) -> None:
    # synapse delta/NN/x.sql.postgres beside x.sql.sqlite: the same table, reported once (from PostgreSQL's)
    write_tree(tmp_path, {
        "delta/30/users.sql": "CREATE TABLE users (name text);\n",
        "delta/31/threepids.sql.sqlite": "CREATE TABLE threepids (\n  user_id text,\n  email text\n);\n",
        "delta/31/threepids.sql.postgres": "CREATE TABLE threepids (user_id text, email text);\n",
    })
    inventory = scan_tree(tmp_path, rules)
    assert {(f.container, f.name, f.location.path) for f in inventory.fields} == {
        ("users", "name", "delta/30/users.sql"),
        ("threepids", "user_id", "delta/31/threepids.sql.postgres"), ("threepids", "email", "delta/31/threepids.sql.postgres")}


def test_tokenize_error_quotes_the_culprit_line_not_the_leading_comment() -> None:
    # synapse delta/87/02_per_connection_state.sql: the message quoted '-- Table to track connections.'
    source = ("CREATE TABLE ok (email text);\n-- Table to track connections.\n--\n-- Once used we delete the others.\n"
              "CREATE TABLE connections(\n    connection_key $%AUTO_INCREMENT_PRIMARY_KEY%$,\n    user_id TEXT\n);\n")
    result, fields = extract_sql(source, "c.sql", "postgres")
    assert [(e.location.line, e.message) for e in result.errors] == [
        (6, "SQL (postgres): cannot tokenize (unterminated string or comment?) near "
            "'connection_key $%AUTO_INCREMENT_PRIMARY_KEY%$,'")]
    assert [f.name for f in fields] == ["email"]


def test_parse_errors_never_show_a_token_repr() -> None:
    # (a Python format placeholder, not Jinja: templated SQL is read without its tags, see below)
    result, _ = extract_sql("CREATE TABLE {schema}.customers (email text);\n", "t.sql", "postgres")
    [error] = result.errors
    assert "<Token" not in error.message and "got '{'" in error.message


def test_a_failing_second_reading_keeps_the_first(tmp_path: Path, rules: RuleSet, monkeypatch: pytest.MonkeyPatch) -> None:
    import scanner.extract.sql_project as sql_project

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("sqlglot bug")

    write_tree(tmp_path, {"sql/001.sql": "CREATE TABLE a (x int) ENGINE=InnoDB;\n", "sql/002.sql": "CREATE TABLE b (email text);\n"})
    monkeypatch.setattr(sql_project, "read_sql", boom)
    inventory = scan_tree(tmp_path, rules)
    assert inventory.sql_dialects["sql/002.sql"] == "postgres, guessed from no dialect markers (default)"
    assert [(f.container, f.name) for f in inventory.fields if f.name == "email"] == [("b", "email")]


def test_a_jinja_templated_schema_is_read_without_its_tags() -> None:
    # Nominatim-style schema scripts: the tables are real, the schema and options come from the template
    source = (
        "CREATE TABLE {{ schema }}.customers (\n"
        "  email text,\n"
        "  phone text\n"
        ") {{ db.tablespace }};\n"
        "{% if with_audit %}\n"
        "CREATE TABLE audit_log (\n"
        "  ip_address inet\n"
        ");\n"
        "{% endif %}\n")
    result, fields = extract_sql(source, "sql/tables.sql", "postgres")
    assert {(f.container, f.name, f.location.line) for f in fields} == {
        ("customers", "email", 2), ("customers", "phone", 3), ("audit_log", "ip_address", 7)}
    assert not result.errors and not result.skipped


def test_a_template_of_fragments_is_skipped_and_said_so() -> None:
    # pgAdmin's templates/*.sql: statements built from `{% if %}` pieces, which are no schema
    source = ("CREATE TABLE {{ conn|qtIdent(data.schema, data.name) }} (\n"
              "{% for c in data.columns %}    {{ c.name }} {{ c.type }},\n{% endfor %}\n);\n")
    result, fields = extract_sql(source, "templates/table/sql/update.sql", "postgres")
    assert not fields and not result.errors
    assert result.skipped.startswith("templated SQL (Jinja)")


def test_a_template_with_a_schema_and_fragments_reports_one_note_for_the_fragments() -> None:
    source = ("CREATE TABLE users (email text);\n"
              "CREATE TABLE t2 (id int CHECK ({{ expr }} > ));\n"
              "CREATE TABLE t3 (id int CHECK ({{ expr }} > ));\n")
    result, fields = extract_sql(source, "sql/setup.sql", "postgres")
    assert [(f.container, f.name) for f in fields] == [("users", "email")]
    assert len(result.errors) == 1 and result.errors[0].message.startswith("templated SQL (Jinja): 2 statement(s)")
    assert not result.skipped


@pytest.mark.parametrize("name", ["sql/create_tables.sql.j2", "sql/create_tables.sql.jinja", "sql/create_tables.sql.jinja2"])
def test_a_sql_template_file_is_read_as_templated_sql(tmp_path: Path, rules: RuleSet, name: str) -> None:
    # Airflow / Ansible-style `*.sql.j2`: the SQL under a template suffix, read like any templated SQL
    write_tree(tmp_path, {name: (
        "{# the app's customers #}\n"
        "CREATE TABLE {{ params.schema }}.customers (\n"
        "  email text,\n"
        "  {% if with_phone %}phone text,{% endif %}\n"
        "  id int\n"
        ");\n")})
    inventory = scan_tree(tmp_path, rules)
    assert {(f.container, f.name, f.location.path, f.location.line) for f in inventory.fields if f.name != "id"} == {
        ("customers", "email", name, 3), ("customers", "phone", name, 4)}
    assert inventory.errors == [] and not inventory.skipped


def test_a_template_suffix_alone_is_no_sql(tmp_path: Path, rules: RuleSet) -> None:
    # a page template stays a page template, and a `.sql.j2` of fragments is skipped, and said so
    write_tree(tmp_path, {
        "templates/signup.html.j2": "<form><input name='email'></form>\n",
        "templates/update.sql.j2": "UPDATE {{ table }} SET {% for c in cols %}{{ c }} = %s{% endfor %};\n",
    })
    inventory = scan_tree(tmp_path, rules)
    assert inventory.fields == [] and inventory.errors == []
    assert {path: why[:21] for path, why in inventory.skipped.items()} == {"templates/update.sql.j2": "templated SQL (Jinja)"}


def test_macros_about_models_are_no_dbt_models(tmp_path: Path, rules: RuleSet) -> None:
    # dbt-sqlserver's macros/materializations/models/table/table.sql: 15 DM901 when read as models
    write_tree(tmp_path, {
        "dbt/include/sqlserver/macros/materializations/models/table/table.sql": (
            "{% materialization table, adapter='sqlserver' %}\n"
            "  {% call statement('main') %}\n    SELECT * INTO {{ tmp }} FROM ({{ sql }}) AS t WHERE NULL = NULL\n"
            "  {% endcall %}\n{% endmaterialization %}\n"),
        "analytics/models/helpers.sql": "{% macro cents(col) %}({{ col }} / 100){% endmacro %}\n",
        "analytics/models/customers.sql": "select email, phone from {{ source('crm', 'people') }}\n",
    })
    inventory = scan_tree(tmp_path, rules)
    assert inventory.errors == []
    assert set(inventory.skipped) == {"dbt/include/sqlserver/macros/materializations/models/table/table.sql",
                                      "analytics/models/helpers.sql"}
    assert {(f.container, f.name) for f in inventory.fields} == {("customers", "email"), ("customers", "phone")}


def test_sql_server_column_descriptions_are_labels(tmp_path: Path, rules: RuleSet) -> None:
    # SSMS scripts document columns with MS_Description extended properties, named or by position
    write_tree(tmp_path, {"db/clients.sql": (
        "CREATE TABLE [dbo].[Clients](\n\t[C7] [nvarchar](25) NULL,\n\t[Field12] [nvarchar](254) NULL,\n\t[C9] [int] NULL\n)\nGO\n"
        "EXEC sp_addextendedproperty @name=N'MS_Description', @value=N'Mobile number', @level0type=N'SCHEMA',"
        "@level0name=N'dbo', @level1type=N'TABLE',@level1name=N'Clients', @level2type=N'COLUMN',@level2name=N'C7'\nGO\n"
        "EXEC sys.sp_addextendedproperty N'MS_Description', N'E-mail address', N'SCHEMA', N'dbo', N'TABLE', N'Clients',"
        " N'COLUMN', N'Field12'\nGO\n"
        # a table's own description, and another property, describe no column
        "EXEC sp_addextendedproperty @name=N'MS_Description', @value=N'Phone numbers', @level0type=N'SCHEMA',"
        "@level0name=N'dbo', @level1type=N'TABLE',@level1name=N'Clients'\nGO\n"
        "EXEC sp_addextendedproperty @name=N'Owner', @value=N'Phone number', @level0type=N'SCHEMA',@level0name=N'dbo',"
        " @level1type=N'TABLE',@level1name=N'Clients', @level2type=N'COLUMN',@level2name=N'C9'\nGO\n")})
    inventory = scan_tree(tmp_path, rules)
    assert inventory.errors == []
    assert {(f.container, f.name, f.category, f.location.line) for f in inventory.fields} == {
        ("Clients", "C7", "user.contact.phone_number", 2), ("Clients", "Field12", "user.contact.email", 3)}


def test_a_file_of_queries_only_is_a_counted_named_skip(tmp_path: Path, rules: RuleSet) -> None:
    """A `.sql` of saved queries (reports, an analyst's folder) defines no column: skipped, and said so, as a
    template of fragments is; a file with one CREATE TABLE among its queries is read; so is a dbt model."""
    write_tree(tmp_path, {
        "reports/active_customers.sql": "-- monthly\nSELECT email, phone FROM customers WHERE active;\n"
                                        "WITH x AS (SELECT 1) SELECT * FROM x;\n",
        "db/schema.sql": "CREATE TABLE customers (email text, phone text);\nSELECT email FROM customers;\n",
        "db/seed.sql": "INSERT INTO customers VALUES ('a@b.c', '1');\n",
    })
    inventory = scan_tree(tmp_path, rules)
    assert inventory.skipped == {"reports/active_customers.sql": "queries only (2 statements, no CREATE or ALTER TABLE): "
                                                                  "it defines no column to collect"}
    assert {(f.container, f.name) for f in inventory.fields} == {("customers", "email"), ("customers", "phone")}


def test_queries_on_the_servers_own_catalogs_collect_nothing(scan_snippet) -> None:
    # audit14 #11: pgAdmin's security report reads pg_hba_file_rules.user_name and pg_stat_activity.client_addr
    result = scan_snippet(
        '''
        def security_info(conn):
            conn.execute("SELECT user_name, address FROM pg_catalog.pg_hba_file_rules")
            conn.execute("SELECT usename, client_addr FROM pg_catalog.pg_stat_activity")
            conn.execute("SELECT rolname, rolpassword FROM pg_authid")
            conn.execute("SELECT column_name, table_name FROM information_schema.columns")
            conn.execute("SELECT user, host FROM mysql.user")
            conn.execute("SELECT email FROM customers")
        '''
    )
    assert {(f.container, f.name) for f in result.fields} == {("customers", "email")}
