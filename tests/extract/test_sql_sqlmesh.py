"""SQLMesh models: a `MODEL (name s.t, ...);` block, then the query that builds the table `s.t`.

Before, every model file was a DM901 at its block ("Expecting ) near 'sushi'") and its columns were lost
(sqlmesh's examples/: 43 errors); audits and metrics, which define no table, were errors too.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scanner.ruleset import RuleSet
from tests.extract.sql_helpers import scan_tree, write_tree

MODEL = """MODEL (
  name crm.customers,
  kind INCREMENTAL_BY_TIME_RANGE (time_column signup_date),
  owner jen,
  cron '@daily',
  grain customer_id,
  column_descriptions (customer_id = 'customer key')
);

@DEF(min_age, 18);

SELECT
  c.customer_id::INT AS customer_id,
  c.email,
  @SAFE_LOWER(c.phone) AS phone,
  c.signup_date
FROM raw.customers AS c
WHERE c.signup_date BETWEEN @start_ds AND @end_ds;

AUDIT (
  name assert_positive_id,
);
SELECT * FROM @this_model WHERE customer_id < 0;
"""


def test_a_sqlmesh_model_is_its_named_table(tmp_path: Path, rules: RuleSet) -> None:
    write_tree(tmp_path, {"models/customers.sql": MODEL})
    inventory = scan_tree(tmp_path, rules)
    assert inventory.errors == []
    got = {(f.container, f.name, f.location.line) for f in inventory.fields}
    assert {("crm.customers", "email", 14), ("crm.customers", "phone", 15)} <= got
    assert {f.container for f in inventory.fields} == {"crm.customers"}


def test_a_sqlmesh_block_gives_its_dialect_and_audits_define_nothing(tmp_path: Path, rules: RuleSet) -> None:
    write_tree(tmp_path, {
        "models/visits.sql": "MODEL (\n  name web.visits,\n  dialect bigquery\n);\n"
                             "SELECT `user_email` AS email, ip_address FROM `raw.visits`\n",
        "audits/emails.sql": "AUDIT (\n  name no_empty_email\n);\nSELECT * FROM @this_model WHERE email = ''\n",
        "metrics/m.sql": "METRIC (\n  name visits,\n  expression COUNT(web.visits.email)\n);\n",
    })
    inventory = scan_tree(tmp_path, rules)
    assert inventory.errors == []
    assert {(f.container, f.name) for f in inventory.fields} >= {("web.visits", "email"), ("web.visits", "ip_address")}
    assert inventory.sql_dialects["models/visits.sql"].startswith("bigquery")
    assert {f.location.path for f in inventory.fields} == {"models/visits.sql"}


def test_a_table_named_model_is_no_sqlmesh_block(tmp_path: Path, rules: RuleSet) -> None:
    # `model (` starts no block when the statement is a CREATE, nor when the parentheses name nothing
    write_tree(tmp_path, {
        "db/schema.sql": "CREATE TABLE model (id int, email text);\n",
        "db/other.sql": "-- a comment\nCREATE TABLE audit (id int, phone text);\n",
    })
    inventory = scan_tree(tmp_path, rules)
    assert inventory.errors == []
    assert {(f.container, f.name) for f in inventory.fields} >= {("model", "email"), ("audit", "phone")}


def test_a_comment_banner_before_no_word_is_read_in_linear_time() -> None:
    # `(?:\s+|--[^\n]*|...)*` split a `-- -----` banner every possible way before failing: 30 dashes took seconds,
    # a 40-dash banner hours (dbt's first-word test on a models/ file opening with `(`, the SQLMesh block test)
    import time

    from scanner.extract.sql_dbt import is_model, sqlmesh_header

    text = "-- " + "-" * 30 + "\n(SELECT email FROM users)\n"
    start = time.perf_counter()
    assert not is_model("models/x.sql", text) and sqlmesh_header(text) is None
    assert time.perf_counter() - start < 0.5


INCREMENTAL = """SELECT oi.customer_id, c.email, SUM(oi.price) AS revenue
FROM {{ ref('order_items') }} AS oi JOIN {{ ref('customers') }} AS c ON c.id = oi.customer_id
{% if is_incremental() %}
  WHERE oi.ds > (SELECT MAX(ds) FROM {{ this }})
{% endif %}
{% if sqlmesh_incremental is defined %}
  WHERE oi.ds BETWEEN '{{ start_ds }}' AND '{{ end_ds }}'
{% endif %}
GROUP BY oi.customer_id, c.email
"""


def test_a_dbt_model_with_alternative_filters_is_read_without_them(tmp_path: Path, rules: RuleSet) -> None:
    # every branch kept made two WHEREs (sqlmesh's examples/sushi_dbt: 3 DM901, their models lost)
    write_tree(tmp_path, {"models/revenue.sql": INCREMENTAL})
    inventory = scan_tree(tmp_path, rules)
    assert inventory.errors == []
    assert {("revenue", "email", 1)} <= {(f.container, f.name, f.location.line) for f in inventory.fields}


def test_a_dbt_model_that_parses_keeps_its_conditional_columns(tmp_path: Path, rules: RuleSet) -> None:
    write_tree(tmp_path, {"models/contacts.sql": "SELECT id,\n{% if var('with_phone') %}\n  phone,\n{% endif %}\n"
                                                 "  email\nFROM {{ ref('users') }}\n"})
    inventory = scan_tree(tmp_path, rules)
    assert inventory.errors == []
    assert {("contacts", "phone"), ("contacts", "email")} <= {(f.container, f.name) for f in inventory.fields}


def _sqlmesh(text: str) -> dict[tuple[str, str], tuple[int, str]]:
    from scanner.extract.sql import extract_sql

    result, fields = extract_sql(text, "models/m.sql")
    assert result.errors == []
    return {(f.container, f.name): (f.location.line, f.label) for f in fields}


def test_what_a_sqlmesh_model_block_says_beyond_its_query() -> None:
    # sqlmesh 0.236.4's examples (seen): a SEED model has no query, its declared columns are the table
    # (ibis/models/seed_model.sql, was no column); column_descriptions are labels (sushi/models/customers.sql);
    # a blueprint is a table per entry (sushi/models/blueprint.sql, was one table named '@name');
    # `enabled false` builds nothing (sushi/models/disabled.sql, was a table)
    seed = ("MODEL (\n  name crm.contacts,\n  kind SEED (path '../seeds/contacts.csv'),\n"
            "  columns (\n    id INTEGER,\n    c2 TEXT\n  ),\n  column_descriptions (c2 = 'contact''s e-mail')\n);\n")
    assert _sqlmesh(seed) == {("crm.contacts", "id"): (5, ""), ("crm.contacts", "c2"): (6, "contact's e-mail")}
    blueprint = ("MODEL (\n  name @name,\n  kind FULL,\n  blueprints (\n    (name := s.active, st := 'a'),\n"
                 "    (name := s.idle, st := 'i')\n  )\n);\nSELECT email FROM s.customers WHERE status = @st\n")
    assert _sqlmesh(blueprint) == {("s.active", "email"): (9, ""), ("s.idle", "email"): (9, "")}
    assert _sqlmesh("MODEL (\n  name s.off,\n  enabled False,\n);\nSELECT email FROM s.customers\n") == {}


def test_a_sqlmesh_query_keeps_its_own_columns() -> None:
    # declared columns beside a query type it, they add no table; `enabled true` and a name with no blueprint stay
    text = ("MODEL (\n  name s.m,\n  enabled true,\n  columns (email TEXT, extra INT)\n);\n"
            "SELECT email FROM s.customers\n")
    assert _sqlmesh(text) == {("s.m", "email"): (6, "")}
    assert _sqlmesh("MODEL (\n  name @name\n);\nSELECT email FROM s.customers\n") == {("@name", "email"): (4, "")}


def _seed_project(tmp_path: Path, model: str, csv_text: str, csv_at: str = "seeds/contacts.csv") -> None:
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "contacts.sql").write_text(model)
    (tmp_path / "models" / "active.sql").write_text("MODEL (name crm.active, kind FULL);\nSELECT email FROM crm.contacts\n")
    (tmp_path / csv_at).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / csv_at).write_text(csv_text)


_SEED = "MODEL (\n  name crm.contacts,\n  kind SEED (\n    path '../seeds/contacts.csv'\n  ),\n  grain id\n);\n"


def test_a_seed_model_without_columns_has_its_csv_header(tmp_path: Path, rules: RuleSet) -> None:
    # SQLMesh takes a SEED's columns from its CSV when the model declares none: the header row, read statically
    _seed_project(tmp_path, _SEED, "id,first_name,email,signup_ts\n1,Ann,a@x.org,2024-01-01\n")
    inventory = scan_tree(tmp_path, rules)
    got = {(f.container, f.name): (f.location.path, f.location.line, f.category) for f in inventory.fields}
    assert got[("crm.contacts", "email")] == ("models/contacts.sql", 4, "user.contact.email")
    assert got[("crm.contacts", "first_name")][2] == "user.name.first"
    assert got[("crm.active", "email")][0] == "models/active.sql"


@pytest.mark.parametrize(("model", "csv_at"), [
    # declared columns are the table (the CSV is not read); a CSV outside the scanned tree or missing is not read
    pytest.param(_SEED.replace("  grain id\n", "  columns (id INT, c2 TEXT)\n"), "seeds/contacts.csv", id="declared"),
    pytest.param(_SEED, "elsewhere/contacts.csv", id="missing"),
    pytest.param(_SEED.replace("../seeds/contacts.csv", "../../outside.csv"), "seeds/contacts.csv", id="outside"),
])
def test_a_seed_csv_is_read_only_when_it_is_the_table(tmp_path: Path, rules: RuleSet, model: str, csv_at: str) -> None:
    _seed_project(tmp_path, model, "id,email\n1,a@x.org\n", csv_at)
    (tmp_path.parent / "outside.csv").write_text("id,email\n")
    inventory = scan_tree(tmp_path, rules)
    assert ("crm.contacts", "email") not in {(f.container, f.name) for f in inventory.fields}
