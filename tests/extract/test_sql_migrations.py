"""Migration folders replayed in version order; views and dbt models by lineage."""

from __future__ import annotations

from pathlib import Path

import pytest

from scanner.extract.sql_migrations import is_undo, order_key
from scanner.ruleset import RuleSet
from tests.extract.sql_helpers import located, scan_fixture, scan_tree

EMAIL, PHONE, IP = "user.contact.email", "user.contact.phone_number", "user.device.ip_address"


@pytest.mark.parametrize(("names", "expected"), [
    pytest.param(["V10__c.sql", "V2__b.sql", "V1__a.sql"], ["V1__a.sql", "V2__b.sql", "V10__c.sql"], id="flyway-numeric"),
    pytest.param(["V1_10__x.sql", "V1_9__x.sql", "V1.2__x.sql"], ["V1.2__x.sql", "V1_9__x.sql", "V1_10__x.sql"], id="flyway-dotted"),
    pytest.param(["R__views.sql", "V1__a.sql", "schema.sql"], ["schema.sql", "V1__a.sql", "R__views.sql"], id="baseline-first-repeatable-last"),
    pytest.param(["010_x.sql", "002_y.sql", "1_z.up.sql"], ["1_z.up.sql", "002_y.sql", "010_x.sql"], id="numbered"),
    pytest.param(["20240101120000_b.sql", "20231231090000_a.sql"], ["20231231090000_a.sql", "20240101120000_b.sql"], id="timestamps"),
])
def test_order_key(names: list[str], expected: list[str]) -> None:
    assert sorted(names, key=order_key) == expected


@pytest.mark.parametrize(("path", "undo"), [
    pytest.param("db/U3__undo.sql", True, id="flyway-undo"),
    pytest.param("db/1_init.down.sql", True, id="golang-migrate-down"),
    pytest.param("db/1_init.up.sql", False, id="golang-migrate-up"),
    pytest.param("db/V3__update_users.sql", False, id="flyway-versioned"),
    pytest.param("db/downloads.sql", False, id="word-starting-down"),
])
def test_is_undo(path: str, undo: bool) -> None:
    assert is_undo(path) is undo


def test_flyway_folder_is_the_schema_after_the_last_migration(tmp_path: Path, rules: RuleSet) -> None:
    inventory = scan_fixture(tmp_path, rules, "flyway")
    assert {r for r in located(inventory) if r[1] != "id"} == {
        ("customers", "email", EMAIL, "flyway/V1__init.sql", 4),
        ("customers", "display_name", "user.name", "flyway/V1__init.sql", 6),  # renamed in V3, introduced in V1
        ("customers", "phone", PHONE, "flyway/V2__add_phone.sql", 2),
        ("customers", "signup_ip", IP, "flyway/V3__rename_name.sql", 2),
        ("customers", "date_of_birth", "user.demographic.date_of_birth", "flyway/V10__drop_fax.sql", 3),
        # view columns named for what they are, categorised by their source
        ("customer_directory", "primary_channel", EMAIL, "flyway/R__customer_views.sql", 3),
        ("customer_directory", "reach_at", PHONE, "flyway/R__customer_views.sql", 4),
    }
    assert inventory.errors == []


def test_migration_evidence_keeps_comments_and_renames(tmp_path: Path, rules: RuleSet) -> None:
    fields = {(f.container, f.name): f for f in scan_fixture(tmp_path, rules, "flyway").fields}
    assert fields["customers", "phone"].evidence == "phone VARCHAR(32)  -- customer's mobile number"
    assert fields["customers", "display_name"].evidence == (
        "display_name VARCHAR(200)  -- renamed from full_name at flyway/V3__rename_name.sql:1")
    assert fields["customer_directory", "primary_channel"].reason.startswith("derived from customers.email: ")


def test_dropped_column_is_gone_and_undo_is_ignored(tmp_path: Path, rules: RuleSet) -> None:
    inventory = scan_fixture(tmp_path, rules, "flyway")
    names = {(f.container, f.name) for f in inventory.fields}
    assert ("customers", "fax") not in names
    assert not [f for f in inventory.fields if f.location.path.endswith("U10__undo_drop_fax.sql")]


def test_flyway_order_beats_path_order(tmp_path: Path, rules: RuleSet) -> None:
    # path order would run V10 (drop) before V2 (add): the column would wrongly survive
    (tmp_path / "db").mkdir()
    (tmp_path / "db" / "V10__drop.sql").write_text("ALTER TABLE people DROP COLUMN email;\n")
    (tmp_path / "db" / "V2__add.sql").write_text("ALTER TABLE people ADD COLUMN email text;\n")
    (tmp_path / "db" / "V1__init.sql").write_text("CREATE TABLE people (id int, phone text);\n")
    assert {(f.name, f.location.path) for f in scan_tree(tmp_path, rules).fields} - {("id", "db/V1__init.sql")} == {
        ("phone", "db/V1__init.sql")}


def test_dbt_models_follow_refs_and_schema_yml(tmp_path: Path, rules: RuleSet) -> None:
    inventory = scan_fixture(tmp_path, rules, "dbt")
    assert {r for r in located(inventory) if "id" not in r[1] and "key" not in r[1]} == {
        ("raw.app_users", "email", EMAIL, "dbt/warehouse/raw.sql", 4),
        ("raw.app_users", "mobile", PHONE, "dbt/warehouse/raw.sql", 5),
        ("raw.app_users", "signup_ip", IP, "dbt/warehouse/raw.sql", 6),
        ("stg_users", "contact_email", EMAIL, "dbt/models/staging/stg_users.sql", 10),
        ("stg_users", "reach_at", PHONE, "dbt/models/staging/stg_users.sql", 11),  # source('raw', 'app_users').mobile
        ("stg_users", "origin", IP, "dbt/models/staging/stg_users.sql", 12),  # inet carried through the CTEs
        ("dim_customers", "hotline", PHONE, "dbt/models/marts/dim_customers.sql", 10),  # ref('stg_users').reach_at
        ("dim_customers", "mail", EMAIL, "dbt/models/marts/dim_customers.sql", 15),
    }
    fields = {(f.container, f.name): f for f in inventory.fields}
    assert fields["dim_customers", "hotline"].evidence == (
        "hotline TEXT  <- stg_users.reach_at  -- The customer's mobile phone number.")
    assert inventory.errors == []


def test_view_columns_that_only_decide_or_count_inherit_nothing(tmp_path: Path, rules: RuleSet) -> None:
    names = {(f.container, f.name) for f in scan_fixture(tmp_path, rules, "flyway").fields}
    assert ("customer_directory", "is_reachable") not in names  # CASE WHEN email IS NULL
    assert ("customer_directory", "phone_count") not in names  # count(phone)


def test_ctas_and_select_star_views(tmp_path: Path, rules: RuleSet) -> None:
    (tmp_path / "schema.sql").write_text(
        "CREATE TABLE members (member_id int, email text, nick text);\n"
        "CREATE TABLE export AS SELECT m.email AS col_a, upper(nick) AS col_b FROM members m;\n"
        "CREATE VIEW everything AS SELECT * FROM members;\n"
        "CREATE VIEW renamed (x1, x2) AS SELECT email, nick FROM members;\n"
    )
    got = {(f.container, f.name, f.category, f.location.line) for f in scan_tree(tmp_path, rules).fields
           if f.category == EMAIL}
    assert got == {("members", "email", EMAIL, 1), ("export", "col_a", EMAIL, 2),
                   ("everything", "email", EMAIL, 3), ("renamed", "x1", EMAIL, 4)}
