"""Real-shaped dumps, one per dialect: exact (table, column, category, line), traps included.

Traps: `products.name` is not personal, `email_verified boolean` is not an email,
noise (SET, COPY data, LOCK TABLES, /*!40101 */, GO, routines) is neither a
field nor an error.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scanner.ruleset import RuleSet
from tests.extract.sql_helpers import rows, scan_fixture

EMAIL, PHONE, IP = "user.contact.email", "user.contact.phone_number", "user.device.ip_address"
DOB, UID, PHOTO = "user.demographic.date_of_birth", "user.unique_id", "user.content.self_image"

DUMPS = [
    pytest.param("pg_dump.sql", {
        ("customers", "email", EMAIL, 40), ("customers", "full_name", "user.name", 42),
        ("customers", "date_of_birth", DOB, 43), ("customers", "seen_from", IP, 44),  # inet: the type decides
        ("customers", "avatar", PHOTO, 45), ("customers", "home_address", "user.contact.address", 46),  # jsonb
        ("devices", "customer_id", UID, 77), ("devices", "wifi_mac", "user.device.device_id", 78),  # macaddr
        # customer_contacts (85) and the materialized recent_ips (90, recovered) are views: they collect nothing
        ("contacts", "phone", PHONE, 119),  # after the bad statement at 115
    }, id="postgres-pg_dump"),
    pytest.param("mysqldump.sql", {
        ("users", "email", EMAIL, 21), ("users", "mobile", PHONE, 23),
        ("users", "birthday", DOB, 24), ("users", "signature", "user.content.private", 25),
        ("sessions", "user_id", UID, 54), ("sessions", "ip_address", IP, 55),
        # user_contacts (74, /*!50001 VIEW */) is a view: it collects nothing
    }, id="mysql-mysqldump"),
    pytest.param("sqlite.sql", {
        ("users", "email", EMAIL, 3), ("users", "phone", PHONE, 5),
        ("profiles", "user_id", UID, 9), ("profiles", "photo", PHOTO, 10), ("profiles", "birth_date", DOB, 11),
    }, id="sqlite-schema"),
    pytest.param("tsql.sql", {
        ("Customers", "Email", EMAIL, 10),
        ("Customers", "MobilePhone", PHONE, 12),  # sp_rename keeps where the column was introduced
        ("Customers", "LastLoginIp", IP, 13), ("Customers", "DateOfBirth", DOB, 33),
    }, id="tsql-ssms-go"),
    pytest.param("bigquery.sql", {
        ("crm.contacts", "contact_id", UID, 3), ("crm.contacts", "email", EMAIL, 4),
        ("crm.contacts", "signup_ip", IP, 7),
    }, id="bigquery"),
    pytest.param("snowflake.sql", {
        ("raw.customers", "customer_id", UID, 2), ("raw.customers", "email", EMAIL, 3),
        ("raw.customers", "phone", PHONE, 4),
    }, id="snowflake"),
    pytest.param("oracle.sql", {
        ("hr.employees", "employee_id", UID, 2), ("hr.employees", "first_name", "user.name.first", 3),
        ("hr.employees", "last_name", "user.name.last", 4), ("hr.employees", "email", EMAIL, 5),
        ("hr.employees", "national_id", "user.government_id.national_identification_number", 6),
        ("hr.employees", "photo", PHOTO, 7), ("hr.employees", "phone_number", PHONE, 25),
    }, id="oracle-plsql"),
]


@pytest.mark.parametrize(("fixture", "expected"), DUMPS)
def test_dump_fields(tmp_path: Path, rules: RuleSet, fixture: str, expected: set[tuple[str, str, str, int]]) -> None:
    assert rows(scan_fixture(tmp_path, rules, fixture)) == expected


@pytest.mark.parametrize(("fixture", "errors"), [
    pytest.param("pg_dump.sql", {115}, id="postgres-one-bad-statement"),
    pytest.param("mysqldump.sql", set(), id="mysql"),
    pytest.param("sqlite.sql", set(), id="sqlite"),
    pytest.param("tsql.sql", set(), id="tsql"),
    pytest.param("bigquery.sql", set(), id="bigquery"),
    pytest.param("snowflake.sql", set(), id="snowflake"),
    pytest.param("oracle.sql", set(), id="oracle"),
])
def test_dump_errors_are_only_real_ones(tmp_path: Path, rules: RuleSet, fixture: str, errors: set[int]) -> None:
    inventory = scan_fixture(tmp_path, rules, fixture)
    assert {e.location.line for e in inventory.errors} == errors


def test_bad_statement_loses_nothing_after_it(tmp_path: Path, rules: RuleSet) -> None:
    inventory = scan_fixture(tmp_path, rules, "pg_dump.sql")
    (error,) = inventory.errors
    assert error.location == error.location.__class__("pg_dump.sql", 115)
    assert error.message.startswith("SQL (postgres, guessed from pg_dump / psql markers): Required keyword")
    assert ("contacts", "phone") in {(f.container, f.name) for f in inventory.fields}


@pytest.mark.parametrize(("fixture", "container", "name"), [
    pytest.param("pg_dump.sql", "products", "name", id="products-name"),
    pytest.param("pg_dump.sql", "customers", "email_verified", id="email_verified-boolean"),
    pytest.param("mysqldump.sql", "products", "name", id="mysql-products-name"),
    pytest.param("mysqldump.sql", "users", "email_verified", id="mysql-email_verified-tinyint"),
    pytest.param("sqlite.sql", "users", "email_verified", id="sqlite-email_verified"),
    pytest.param("tsql.sql", "Customers", "EmailConfirmed", id="tsql-EmailConfirmed-bit"),
    pytest.param("bigquery.sql", "crm.contacts", "email_verified", id="bigquery-email_verified-bool"),
    pytest.param("oracle.sql", "hr.departments", "name", id="oracle-departments-name"),
])
def test_traps_are_not_personal(tmp_path: Path, rules: RuleSet, fixture: str, container: str, name: str) -> None:
    fields = {(f.container, f.name) for f in scan_fixture(tmp_path, rules, fixture).fields}
    assert (container, name) not in fields


@pytest.mark.parametrize(("fixture", "container", "name", "evidence"), [
    pytest.param("mysqldump.sql", "users", "mobile", "mobile VARCHAR(32)  -- customer's mobile number", id="mysql-inline"),
    pytest.param("pg_dump.sql", "customers", "seen_from", "seen_from INET  -- IP of the customer's last request",
                 id="comment-on-column"),
    pytest.param("oracle.sql", "hr.employees", "national_id", "national_id VARCHAR2(20)  -- social security number",
                 id="oracle-comment-on"),
    pytest.param("bigquery.sql", "crm.contacts", "email", "email STRING  -- primary email", id="bigquery-options"),
    pytest.param("snowflake.sql", "raw.customers", "email", "email VARCHAR(16777216)  -- login email", id="snowflake"),
])
def test_comments_are_evidence(tmp_path: Path, rules: RuleSet, fixture: str, container: str, name: str, evidence: str) -> None:
    fields = {(f.container, f.name): f.evidence for f in scan_fixture(tmp_path, rules, fixture).fields}
    assert fields[(container, name)] == evidence
