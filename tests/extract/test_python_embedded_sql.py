"""SQL in Python strings passed to the calls that run it contributes fields at the Python file's lines."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            'def save(cur, u):\n    cur.execute("INSERT INTO users (email, phone) VALUES (%s, %s)", (u.email, u.phone))\n',
            {("users", "email", "user.contact.email", 2), ("users", "phone", "user.contact.phone_number", 2)},
            id="insert-one-line"),
        pytest.param(
            'SCHEMA = None\n\ndef setup(conn):\n    conn.executescript("""\n'
            '        CREATE TABLE patients (\n            id integer primary key,\n'
            '            date_of_birth date\n        );\n    """)\n',
            {("patients", "date_of_birth", "user.demographic.date_of_birth", 7)},
            id="create-table-multiline"),
        pytest.param(
            'from sqlalchemy import text\n\nq = text("SELECT email FROM customers WHERE id = :id")\n',
            {("customers", "email", "user.contact.email", 3)},
            id="sqlalchemy-text"),
    ],
)
def test_embedded_sql_fields(scan_snippet, source: str, expected: set) -> None:
    result = scan_snippet(source)
    got = {(f.container, f.name, f.category, f.location.line) for f in result.fields if f.kind.startswith("sql")}
    assert {g for g in got if g[1] != "id"} == expected  # a person table's id is an identifier: classification policy


@pytest.mark.parametrize(
    "source",
    [
        pytest.param('LABEL = "SELECT email FROM customers"\n', id="string-not-run"),
        pytest.param('def f(log):\n    log.info("INSERT INTO users (email) VALUES (1)")\n', id="logged-not-run"),
        pytest.param('def f(cur, sql):\n    cur.execute(sql)\n', id="not-a-literal"),
        pytest.param('def f(cur):\n    cur.execute("this is not sql at all")\n', id="not-sql"),
    ],
)
def test_strings_not_run_as_sql_are_ignored(scan_snippet, source: str) -> None:
    result = scan_snippet(source)
    assert [f for f in result.fields if f.kind.startswith("sql")] == []
    assert result.errors == []
