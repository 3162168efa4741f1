"""Oracle scripts: SQL*Plus's own commands (`rem`, `Prompt`, `SET ECHO OFF`, `@script`) are no SQL; SET UNUSED drops."""

from __future__ import annotations

import pytest

from scanner.extract.sql import extract_sql
from scanner.extract.sql_dialects import guess_dialect

# oracle-samples/db-sample-schemas human_resources/hr_create.sql, shortened: every CREATE TABLE follows
# `rem` and `Prompt` lines with no `;` between them
_HR = """rem
rem NAME
rem   hr_create.sql - Creates schema objects for HR (Human Resources) schema
rem
SET FEEDBACK 1
SET ECHO OFF

rem Create the EMPLOYEES table
Prompt ******  Creating EMPLOYEES table ....

CREATE TABLE employees
    ( employee_id    NUMBER(6)
    , first_name     VARCHAR2(20)
    , email          VARCHAR2(25)
	CONSTRAINT     emp_email_nn  NOT NULL
    ) ;

REMARK the next script; it takes a -
       continued line
@@hr_popul
PROMPT done
CREATE TABLE job_history (employee_id NUMBER(6), start_date DATE);
"""


def _columns(text: str, dialect: str = "") -> set[tuple[str, str, int]]:
    result, raw = extract_sql(text, "hr_create.sql", dialect)
    assert result.errors == []
    return {(f.container, f.name, f.location.line) for f in raw}


def test_sqlplus_commands_are_not_sql() -> None:
    assert _columns(_HR) == {("employees", "employee_id", 12), ("employees", "first_name", 13),
                             ("employees", "email", 14), ("job_history", "employee_id", 22),
                             ("job_history", "start_date", 22)}


def test_sqlplus_lines_say_oracle() -> None:
    choice = guess_dialect("rem install\nPrompt creating\nCREATE TABLE t (email varchar(20));\n")
    assert choice.name == "oracle"


@pytest.mark.parametrize("text", [
    # inside a statement a line starting with a command's word is SQL: a column named rem, prompt or desc
    pytest.param("CREATE TABLE notes\n  ( note_id NUMBER(6)\n  , rem VARCHAR2(20)\n  , prompt VARCHAR2(20)\n"
                 "  , desc_text VARCHAR2(20)\n  ) ;\n", id="column-words"),
    pytest.param("CREATE TABLE notes (note_id NUMBER(6),\nset_name VARCHAR2(20),\nrem VARCHAR2(20));\n",
                 id="column-on-its-own-line"),
])
def test_command_words_inside_a_statement_are_columns(text: str) -> None:
    names = {name for _, name, _ in _columns(text, "oracle")}
    assert {"rem", "note_id"} <= names


def test_sql_set_statements_are_not_blanked() -> None:
    from scanner.extract.sql_split import blank_noise

    text = "SET TRANSACTION READ ONLY;\nSET ECHO OFF\nSET ROLE admin;\n"
    assert blank_noise(text, "oracle").split("\n") == ["SET TRANSACTION READ ONLY;", " " * 12, "SET ROLE admin;", ""]


_CUSTOMERS = "CREATE TABLE customers (id NUMBER(10), passport_no VARCHAR2(20), fax VARCHAR2(30), email VARCHAR2(99));\n"


@pytest.mark.parametrize("alter", [
    pytest.param("ALTER TABLE customers SET UNUSED COLUMN passport_no;\nALTER TABLE customers SET UNUSED (fax) "
                 "CASCADE CONSTRAINTS;\n", id="column-and-list"),
    pytest.param('ALTER TABLE customers SET UNUSED ("PASSPORT_NO", fax) ONLINE;\n'.replace('"PASSPORT_NO"', "passport_no"),
                 id="list-online"),
])
def test_set_unused_columns_are_dropped(alter: str) -> None:
    # Oracle: "unused columns are treated as if they were dropped"
    assert {name for _, name, _ in _columns(_CUSTOMERS + alter, "oracle")} == {"id", "email"}


@pytest.mark.parametrize("alter", [
    pytest.param("ALTER TABLE customers SET (fillfactor = 70);\n", id="postgres-storage"),
    pytest.param("ALTER TABLE customers SET UNLOGGED;\n", id="unlogged"),
])
def test_other_set_actions_drop_nothing(alter: str) -> None:
    assert {name for _, name, _ in _columns(_CUSTOMERS + alter, "postgres")} == {"id", "passport_no", "fax", "email"}
