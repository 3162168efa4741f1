"""Per-dialect migration folders are one history written once per dialect (audit12 #05, supysonic)."""

from __future__ import annotations

from pathlib import Path

from scanner.ruleset import RuleSet
from tests.extract.sql_helpers import scan_tree, write_tree


def _places(root: Path, rules: RuleSet, name: str) -> list[str]:
    return sorted(f"{f.container}.{f.name}@{f.location.path}" for f in scan_tree(root, rules).fields if f.name == name)


def test_sibling_dialect_folders_report_a_column_once_at_the_postgres_one(tmp_path: Path, rules: RuleSet) -> None:
    write_tree(tmp_path, {
        "schema/migration/mysql/20200607.sql": "ALTER TABLE users ADD COLUMN phone VARCHAR(32);\n",
        "schema/migration/postgres/20200607.sql": "ALTER TABLE users ADD COLUMN phone VARCHAR(32);\n",
        "schema/migration/sqlite/20200607.sql": "ALTER TABLE users ADD COLUMN phone TEXT;\n",
    })
    assert _places(tmp_path, rules, "phone") == ["users.phone@schema/migration/postgres/20200607.sql"]


def test_the_dialect_folder_may_sit_above_the_migrations_and_be_spelled_otherwise(
        tmp_path: Path, rules: RuleSet) -> None:
    write_tree(tmp_path, {
        "db/mariadb/migrations/001_users.sql": "CREATE TABLE users (id INT, email VARCHAR(90));\n",
        "db/mariadb/migrations/002_phone.sql": "ALTER TABLE users ADD COLUMN phone VARCHAR(32);\n",
        "db/sqlite3/migrations/001_users.sql": "CREATE TABLE users (id INTEGER, email TEXT);\n",
        "db/sqlite3/migrations/002_phone.sql": "ALTER TABLE users ADD COLUMN phone TEXT;\n",
    })
    # no PostgreSQL rendering: the first of the equals by name
    assert _places(tmp_path, rules, "email") == ["users.email@db/mariadb/migrations/001_users.sql"]
    assert _places(tmp_path, rules, "phone") == ["users.phone@db/mariadb/migrations/002_phone.sql"]


def test_a_column_only_one_dialect_adds_stays_reported(tmp_path: Path, rules: RuleSet) -> None:
    write_tree(tmp_path, {
        "migration/postgres/001.sql": "ALTER TABLE users ADD COLUMN phone VARCHAR(32);\n",
        "migration/mysql/001.sql": "ALTER TABLE users ADD COLUMN phone VARCHAR(32);\n",
        "migration/mysql/002.sql": "ALTER TABLE users ADD COLUMN last_login_ip VARCHAR(45);\n",
    })
    assert _places(tmp_path, rules, "phone") == ["users.phone@migration/postgres/001.sql"]
    assert _places(tmp_path, rules, "last_login_ip") == ["users.last_login_ip@migration/mysql/002.sql"]


def test_folders_not_named_for_dialects_stay_separate_histories(tmp_path: Path, rules: RuleSet) -> None:
    write_tree(tmp_path, {
        "services/billing/001.sql": "CREATE TABLE customers (id INT, phone VARCHAR(32));\n",
        "services/shipping/001.sql": "CREATE TABLE customers (id INT, phone VARCHAR(32));\n",
    })
    assert _places(tmp_path, rules, "phone") == ["customers.phone@services/billing/001.sql",
                                                 "customers.phone@services/shipping/001.sql"]


def test_a_step_adding_what_the_full_schema_above_holds_is_reported_at_the_schema(
        tmp_path: Path, rules: RuleSet) -> None:
    write_tree(tmp_path, {
        "schema/postgres.sql": "CREATE TABLE radio_station (id SERIAL, homepage_url VARCHAR(256), phone TEXT);\n",
        "schema/migration/postgres/20200607.sql": "ALTER TABLE radio_station ADD COLUMN homepage_url VARCHAR(256);\n"
                                                  "ALTER TABLE radio_station ADD COLUMN phone TEXT;\n",
        "schema/migration/postgres/20210101.sql": "ALTER TABLE users ADD COLUMN email VARCHAR(256);\n",
    })
    assert _places(tmp_path, rules, "phone") == ["radio_station.phone@schema/postgres.sql"]
    # a column the schema does not hold (another table here) stays at its step
    assert _places(tmp_path, rules, "email") == ["users.email@schema/migration/postgres/20210101.sql"]


def test_a_file_in_a_folder_named_for_its_dialect_is_read_in_it_even_alone(tmp_path: Path, rules: RuleSet) -> None:
    # a MySQL-only statement with no marker the guess knows: alone (the pre-commit hook) it has no siblings to vote
    write_tree(tmp_path, {"migration/mysql/20200607.sql": "ALTER TABLE users MODIFY phone VARCHAR(32) NOT NULL;\n"
                                                          "ALTER TABLE users ADD COLUMN email VARCHAR(90);\n"})
    inventory = scan_tree(tmp_path, rules)
    assert inventory.sql_dialects == {"migration/mysql/20200607.sql": "mysql, guessed from the name mysql/"}
    assert not inventory.errors


def test_a_file_named_for_its_dialect_is_read_in_it(tmp_path: Path, rules: RuleSet) -> None:
    write_tree(tmp_path, {"schema/sqlite.sql": "CREATE TABLE users (id INTEGER PRIMARY KEY, mail TEXT);\n",
                          "reports/drill_down.sql": "CREATE TABLE drill_down (id INTEGER, mail TEXT);\n"})
    dialects = scan_tree(tmp_path, rules).sql_dialects
    assert dialects["schema/sqlite.sql"] == "sqlite, guessed from the name sqlite.sql"
    # `drill` is a dialect's name, but not a word that names one inside a file's name
    assert dialects["reports/drill_down.sql"] == "postgres, guessed from no dialect markers (default)"
