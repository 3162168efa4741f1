"""Migration folders replayed in version order; views and dbt models by lineage."""

from __future__ import annotations

from pathlib import Path

import pytest

from scanner.extract.sql_migrations import down_sections, history, is_undo, order_key
from scanner.ruleset import RuleSet
from tests.extract.sql_helpers import located, scan_fixture, scan_tree, write_tree

EMAIL, PHONE, IP = "user.contact.email", "user.contact.phone_number", "user.device.ip_address"


@pytest.mark.parametrize(("names", "expected"), [
    pytest.param(["V10__c.sql", "V2__b.sql", "V1__a.sql"], ["V1__a.sql", "V2__b.sql", "V10__c.sql"], id="flyway-numeric"),
    pytest.param(["V1_10__x.sql", "V1_9__x.sql", "V1.2__x.sql"], ["V1.2__x.sql", "V1_9__x.sql", "V1_10__x.sql"], id="flyway-dotted"),
    pytest.param(["R__views.sql", "V1__a.sql", "schema.sql"], ["schema.sql", "V1__a.sql", "R__views.sql"], id="baseline-first-repeatable-last"),
    pytest.param(["010_x.sql", "002_y.sql", "1_z.up.sql"], ["1_z.up.sql", "002_y.sql", "010_x.sql"], id="numbered"),
    pytest.param(["20240101120000_b.sql", "20231231090000_a.sql"], ["20231231090000_a.sql", "20240101120000_b.sql"], id="timestamps"),
    # cowrie's docs/sql: update2.sql .. update16.sql after the baseline
    pytest.param(["update10.sql", "update2.sql", "mysql.sql", "update9.sql"],
                 ["mysql.sql", "update2.sql", "update9.sql", "update10.sql"], id="number-after-a-prefix"),
    pytest.param(["upgrade-1.10.sql", "upgrade-1.9.sql"], ["upgrade-1.9.sql", "upgrade-1.10.sql"], id="dotted-after-a-prefix"),
    # synapse's delta/<N>/ folders: the folder's version first, then the file's
    pytest.param(["delta/22/01b.sql", "delta/9/30a.sql", "delta/22/00a.sql", "delta/100/01x.sql"],
                 ["delta/9/30a.sql", "delta/22/00a.sql", "delta/22/01b.sql", "delta/100/01x.sql"], id="versioned-folders"),
    # a Flyway baseline is a version like V5, not a file named after the prefix "b"
    pytest.param(["V6__c.sql", "B5__base.sql", "V1__a.sql"], ["V1__a.sql", "B5__base.sql", "V6__c.sql"], id="flyway-baseline"),
    # schemachange runs its always-scripts (A__) after the repeatables, never first as a baseline
    pytest.param(["A__grants.sql", "R__views.sql", "V1.1.1__init.sql"], ["V1.1.1__init.sql", "R__views.sql", "A__grants.sql"],
                 id="schemachange-always-last"),
    pytest.param(["afterMigrate.sql", "V2__b.sql", "beforeMigrate.sql", "R__v.sql"],
                 ["beforeMigrate.sql", "V2__b.sql", "R__v.sql", "afterMigrate.sql"], id="flyway-callbacks"),
])
def test_order_key(names: list[str], expected: list[str]) -> None:
    assert sorted(names, key=order_key) == expected


@pytest.mark.parametrize(("path", "undo"), [
    pytest.param("db/U3__undo.sql", True, id="flyway-undo"),
    pytest.param("db/1_init.down.sql", True, id="golang-migrate-down"),
    pytest.param("db/1_init.up.sql", False, id="golang-migrate-up"),
    pytest.param("db/V3__update_users.sql", False, id="flyway-versioned"),
    pytest.param("db/downloads.sql", False, id="word-starting-down"),
    pytest.param("migrations/2020-01-01-000000_create_users/down.sql", True, id="diesel-down"),
    pytest.param("migrations/2020-01-01-000000_create_users/up.sql", False, id="diesel-up"),
    pytest.param("sqitch/revert/users.sql", True, id="sqitch-revert"),
    pytest.param("sqitch/deploy/users.sql", False, id="sqitch-deploy"),
])
def test_is_undo(path: str, undo: bool) -> None:
    assert is_undo(path) is undo


@pytest.mark.parametrize(("path", "root"), [
    pytest.param("synapse/storage/schema/main/delta/17/user_threepids.sql", "synapse/storage/schema/main/delta", id="synapse"),
    pytest.param("prisma/migrations/20240101120000_init/migration.sql", "prisma/migrations", id="prisma"),
    pytest.param("migrations/2020-01-01-000000_create_users/up.sql", "migrations", id="diesel"),
    pytest.param("db/migrations/V3__x.sql", "db/migrations", id="flat"),
    pytest.param("sql/reports/users.sql", "sql/reports", id="named-folder"),
    pytest.param("17/x.sql", "", id="versioned-top-folder"),
    # a snapshot folder's versions are steps of its parent's history, as the deltas beside it are
    pytest.param("schema/main/full_schemas/72/full.sql.postgres", "schema/main", id="snapshot-folder"),
    pytest.param("full_schemas/72/full.sql", "", id="snapshot-top-folder"),
    pytest.param("reports/full_schemas/a.sql", "reports/full_schemas", id="snapshot-word-without-version"),
])
def test_history_root(path: str, root: str) -> None:
    assert history(path) == root


def test_flyway_folder_is_the_schema_after_the_last_migration(tmp_path: Path, rules: RuleSet) -> None:
    inventory = scan_fixture(tmp_path, rules, "flyway")
    assert {r for r in located(inventory) if r[1] != "id"} == {
        ("customers", "email", EMAIL, "flyway/V1__init.sql", 4),
        ("customers", "display_name", "user.name", "flyway/V1__init.sql", 6),  # renamed in V3, introduced in V1
        ("customers", "phone", PHONE, "flyway/V2__add_phone.sql", 2),
        ("customers", "signup_ip", IP, "flyway/V3__rename_name.sql", 2),
        ("customers", "date_of_birth", "user.demographic.date_of_birth", "flyway/V10__drop_fax.sql", 3),
        # R__customer_views.sql's view collects nothing: it reads customers
    }
    assert inventory.errors == []


def test_migration_evidence_keeps_comments_and_renames(tmp_path: Path, rules: RuleSet) -> None:
    fields = {(f.container, f.name): f for f in scan_fixture(tmp_path, rules, "flyway").fields}
    assert fields["customers", "phone"].evidence == "phone VARCHAR(32)  -- customer's mobile number"
    assert fields["customers", "display_name"].evidence == (
        "display_name VARCHAR(200)  -- renamed from full_name at flyway/V3__rename_name.sql:1")


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
        "CREATE TABLE snapshot AS SELECT x1 AS col_c FROM renamed;\n"
    )
    fields = [f for f in scan_tree(tmp_path, rules).fields if f.category == EMAIL]
    # views collect nothing; a table copied from one is traced through it to the column it reads
    assert {(f.container, f.name, f.location.line) for f in fields} == {
        ("members", "email", 1), ("export", "col_a", 2), ("snapshot", "col_c", 5)}
    assert next(f for f in fields if f.name == "col_c").reason.startswith("derived from renamed.x1: derived from members.email")


def test_folder_per_migration_is_one_history(tmp_path: Path, rules: RuleSet) -> None:
    # Diesel / Prisma / synapse keep each migration in its own versioned folder; a rename and a drop
    # in a later folder apply to the table an earlier one created, and down.sql never runs
    write_tree(tmp_path, {
        "migrations/2020-01-01-000000_create_users/up.sql": "CREATE TABLE users (\n  uid int,\n  mail text,\n  phone text\n);\n",
        "migrations/2020-01-01-000000_create_users/down.sql": "DROP TABLE users;\n",
        "migrations/2020-02-01-000000_rename_mail/up.sql": "ALTER TABLE users RENAME COLUMN mail TO email_address;\n",
        "migrations/2020-02-01-000000_rename_mail/down.sql": "ALTER TABLE users RENAME COLUMN email_address TO mail;\n",
        "migrations/2020-10-01-000000_drop_phone/up.sql": "ALTER TABLE users DROP COLUMN phone;\n",
        "migrations/2020-10-01-000000_drop_phone/down.sql": "ALTER TABLE users ADD COLUMN phone text;\n",
    })
    inventory = scan_tree(tmp_path, rules)
    assert {(f.container, f.name, f.location.path, f.location.line) for f in inventory.fields if f.name != "uid"} == {
        ("users", "email_address", "migrations/2020-01-01-000000_create_users/up.sql", 3)}
    assert inventory.errors == []


def test_versioned_folders_stay_apart_from_named_ones(tmp_path: Path, rules: RuleSet) -> None:
    # a drop in `reports/` is another history: it does not touch `schema/`'s table
    write_tree(tmp_path, {
        "schema/1/init.sql": "CREATE TABLE people (email text, phone text);\n",
        "schema/2/drop.sql": "ALTER TABLE people DROP COLUMN phone;\n",
        "reports/cleanup.sql": "ALTER TABLE people DROP COLUMN email;\n",
    })
    names = {(f.name, f.location.path) for f in scan_tree(tmp_path, rules).fields}
    assert names == {("email", "schema/1/init.sql")}


def test_numbered_updates_replay_by_number(tmp_path: Path, rules: RuleSet) -> None:
    # cowrie: update10.sql ran before update2.sql when sorted by name, so a dropped column survived
    write_tree(tmp_path, {
        "sql/schema.sql": "CREATE TABLE sessions (id int, ip varchar(45));\n",
        "sql/update2.sql": "ALTER TABLE sessions ADD COLUMN phone varchar(20);\n",
        "sql/update10.sql": "ALTER TABLE sessions DROP COLUMN phone;\n",
    })
    names = {(f.name, f.location.path) for f in scan_tree(tmp_path, rules).fields}
    assert names == {("ip", "sql/schema.sql")}


SYNAPSE_LIKE = {
    # the snapshot new databases start from, written twice (one per engine)
    "schema/main/full_schemas/72/full.sql.postgres": "CREATE TABLE users (\n  name text,\n  email text\n);\n",
    "schema/main/full_schemas/72/full.sql.sqlite": "CREATE TABLE users (\n  name text,\n  email text\n);\n",
    # the steps it summarises, kept for upgrading old databases: their tables are the snapshot's
    "schema/main/delta/12/v12.sql": "CREATE TABLE users (name text, email text, fax text);\n",
    "schema/main/delta/72/drop_fax.sql": "ALTER TABLE users DROP COLUMN fax;\n",
    "schema/main/delta/30/as_users.py": (
        "def run_create(cur):\n    cur.execute(\"CREATE TABLE pushers (user_name text, pushkey text)\")\n"),
    # the steps after it
    "schema/main/delta/73/01_phone.sql": "ALTER TABLE users ADD COLUMN phone text;\n",
    "schema/main/delta/80/rename.sql": "ALTER TABLE users RENAME COLUMN email TO email_address;\n",
}


def test_snapshot_and_later_deltas_are_one_history(tmp_path: Path, rules: RuleSet) -> None:
    # synapse: full_schemas/72/ then delta/73/ and up; delta/72/ and below are already in the snapshot
    write_tree(tmp_path, SYNAPSE_LIKE)
    inventory = scan_tree(tmp_path, rules)
    assert {(f.container, f.name, f.location.path, f.location.line) for f in inventory.fields} == {
        ("users", "name", "schema/main/full_schemas/72/full.sql.postgres", 2),
        ("users", "email_address", "schema/main/full_schemas/72/full.sql.postgres", 3),
        ("users", "phone", "schema/main/delta/73/01_phone.sql", 1),
    }
    assert inventory.errors == []


def test_without_a_snapshot_versioned_folders_still_replay_from_the_first(tmp_path: Path, rules: RuleSet) -> None:
    files = {k: v for k, v in SYNAPSE_LIKE.items() if "full_schemas" not in k}
    write_tree(tmp_path, files)
    got = {(f.container, f.name, f.location.path) for f in scan_tree(tmp_path, rules).fields}
    assert ("users", "email_address", "schema/main/delta/12/v12.sql") in got
    assert ("pushers", "user_name", "schema/main/delta/30/as_users.py") in got
    assert ("users", "fax") not in {(c, n) for c, n, _ in got}


def test_unrelated_histories_beside_a_snapshot_stay_apart(tmp_path: Path, rules: RuleSet) -> None:
    # two databases' schemas (synapse's main/ and state/), and an unversioned folder beside a snapshot
    write_tree(tmp_path, {
        "schema/main/full_schemas/72/full.sql": "CREATE TABLE users (email text);\n",
        "schema/state/full_schemas/72/full.sql": "CREATE TABLE users (email text);\n",
        "schema/state/delta/73/x.sql": "ALTER TABLE users DROP COLUMN email;\n",
        "schema/main/queries/cleanup.sql": "ALTER TABLE users DROP COLUMN email;\n",
        "schema/a/1/init.sql": "CREATE TABLE people (phone text);\n",
        "schema/b/1/init.sql": "CREATE TABLE people (phone text);\n",
    })
    got = {(f.name, f.location.path) for f in scan_tree(tmp_path, rules).fields}
    assert got == {("email", "schema/main/full_schemas/72/full.sql"), ("phone", "schema/a/1/init.sql"),
                   ("phone", "schema/b/1/init.sql")}


def test_flyway_baseline_supersedes_the_versions_it_contains(tmp_path: Path, rules: RuleSet) -> None:
    write_tree(tmp_path, {
        "db/V1__init.sql": "CREATE TABLE people (email text, fax text);\n",
        "db/V3__drop_fax.sql": "ALTER TABLE people DROP COLUMN fax;\n",
        "db/B2__old_baseline.sql": "CREATE TABLE people (email text, fax text);\n",
        "db/B3__baseline.sql": "CREATE TABLE people (\n  email text\n);\n",
        "db/V4__phone.sql": "ALTER TABLE people ADD COLUMN phone text;\n",
        "db/R__views.sql": "CREATE VIEW contacts AS SELECT email FROM people;\n",
    })
    got = {(f.container, f.name, f.location.path) for f in scan_tree(tmp_path, rules).fields}
    assert got == {("people", "email", "db/B3__baseline.sql"), ("people", "phone", "db/V4__phone.sql")}


def test_sqitch_deploys_replay_in_plan_order(tmp_path: Path, rules: RuleSet) -> None:
    # by name `add_phone` would run before `users`, and the CREATE would erase the column it added
    plan = ("%syntax-version=1.0.0\n%project=app\n\nusers 2024-01-01T00:00:00Z Ann <ann@example.org> # users\n"
            "add_phone [users] 2024-02-01T00:00:00Z Ann <ann@example.org> # phone\n@v1.0 2024-02-02T00:00:00Z Ann <a@b.c>\n")
    write_tree(tmp_path, {
        "db/sqitch.plan": plan,
        "db/deploy/users.sql": "BEGIN;\nCREATE TABLE users (email text);\nCOMMIT;\n",
        "db/deploy/add_phone.sql": "BEGIN;\nALTER TABLE users ADD COLUMN phone text;\nCOMMIT;\n",
        "db/revert/add_phone.sql": "ALTER TABLE users DROP COLUMN phone;\n",
    })
    got = {(f.name, f.location.path) for f in scan_tree(tmp_path, rules).fields}
    assert got == {("email", "db/deploy/users.sql"), ("phone", "db/deploy/add_phone.sql")}


def test_a_deploy_folder_without_a_plan_keeps_name_order(tmp_path: Path, rules: RuleSet) -> None:
    write_tree(tmp_path, {
        "db/deploy/1_users.sql": "CREATE TABLE users (email text);\n",
        "db/deploy/2_drop.sql": "ALTER TABLE users DROP COLUMN email;\n",
    })
    assert scan_tree(tmp_path, rules).fields == []


def test_down_sections_are_blanked_with_lines_kept() -> None:
    text = ("-- migrate:up\nCREATE TABLE a (email text);\n\n-- migrate:down\nDROP TABLE a;\n"
            "-- migrate:up\nALTER TABLE a ADD phone text;\n")
    out = down_sections(text)
    assert out.count("\n") == text.count("\n") and len(out) == len(text)
    assert "DROP" not in out and "ADD phone" in out and "CREATE TABLE a" in out
    assert down_sections("-- a comment about migrate:down\nDROP TABLE a;\n").startswith("-- a comment")


@pytest.mark.parametrize("marks", [
    pytest.param(("-- migrate:up", "-- migrate:down"), id="dbmate"),
    pytest.param(("-- +goose Up", "-- +goose Down"), id="goose"),
    pytest.param(("-- +migrate Up", "-- +migrate Down"), id="sql-migrate"),
])
def test_down_section_does_not_undo_the_up_one(tmp_path: Path, rules: RuleSet, marks: tuple[str, str]) -> None:
    up, down = marks
    write_tree(tmp_path, {"db/migrations/20151127184807_create_users.sql": (
        f"{up}\nCREATE TABLE users (\n  id int,\n  email text\n);\n\n{down}\nDROP TABLE users;\n")})
    inventory = scan_tree(tmp_path, rules)
    assert {(f.name, f.location.line) for f in inventory.fields if f.name != "id"} == {("email", 4)}
    assert inventory.errors == []


def test_without_down_marker_a_drop_still_applies(tmp_path: Path, rules: RuleSet) -> None:
    write_tree(tmp_path, {"db/20151127184807_create_users.sql": (
        "-- migrate:up\nCREATE TABLE users (id int, email text);\nDROP TABLE users;\n")})
    assert [f for f in scan_tree(tmp_path, rules).fields] == []


def test_a_replayed_table_is_classified_beside_its_columns_as_one_file_is(tmp_path: Path, rules: RuleSet) -> None:
    # an employment contract's start is the employee's only beside `employee_id`; a member's `title` is a job title
    # beside `department`. Columns added by a later step are classified with the table's other columns, as a
    # single file's are, not alone.
    create = ("CREATE TABLE contract (id int primary key, employee_id int, position text, start_date date);\n"
              "CREATE TABLE member (id int primary key, department text, is_employed boolean, title text);\n")
    write_tree(tmp_path / "one", {"db/schema.sql": create})
    write_tree(tmp_path / "two", {
        "db/V1__init.sql": create,
        "db/V2__notes.sql": "ALTER TABLE member ADD COLUMN nickname text;\n",
    })
    one = {(f.container, f.name, f.category) for f in scan_tree(tmp_path / "one", rules).fields}
    two = {(f.container, f.name, f.category) for f in scan_tree(tmp_path / "two", rules).fields}
    assert {(c, n) for c, n, _ in one} >= {("contract", "start_date"), ("member", "title")}
    assert {r for r in two if r[1] != "nickname"} == one


def test_two_dumps_of_one_schema_are_alternatives_not_steps(tmp_path: Path, rules: RuleSet) -> None:
    # phoenix ships `postgresql_schema.sql` and `sqlite_schema.sql`: read as steps, the second CREATE stood alone and
    # an OAuth client application's name and IP became a person's; each file alone says nothing personal
    table = ("CREATE TABLE oauth2_clients (\n  id {pk},\n  client_id varchar NOT NULL,\n  name varchar,\n"
             "  logo_uri varchar,\n  redirect_uris {json},\n  registration_client_ip varchar\n);\n"
             "CREATE TABLE users (\n  id {pk},\n  email varchar NOT NULL\n);\n")
    write_tree(tmp_path, {
        "db/ddl/postgresql_schema.sql": table.format(pk="serial PRIMARY KEY", json="jsonb"),
        "db/ddl/sqlite_schema.sql": table.format(pk="INTEGER PRIMARY KEY", json="JSON"),
    })
    got = {(f.container, f.name, f.location.path) for f in scan_tree(tmp_path, rules).fields if f.name != "id"}
    assert got == {("users", "email", "db/ddl/postgresql_schema.sql")}


def test_unversioned_files_of_other_tables_and_rebuilds_are_still_steps(tmp_path: Path, rules: RuleSet) -> None:
    write_tree(tmp_path, {
        "db/a_tables.sql": "CREATE TABLE users (email text);\nCREATE TABLE orders (total int);\n",
        "db/b_more.sql": "CREATE TABLE contacts (phone text);\n",
        "db/c_rebuild.sql": "DROP TABLE users;\nCREATE TABLE users (email text, fax text);\n",
    })
    got = {(f.container, f.name) for f in scan_tree(tmp_path, rules).fields}
    assert got == {("users", "email"), ("users", "fax"), ("contacts", "phone")}


def test_a_table_the_code_maps_is_reported_at_its_class_not_again_from_a_schema_file(
        tmp_path: Path, rules: RuleSet) -> None:
    write_tree(tmp_path, {
        "app/models.py": ("from sqlalchemy import Column, Integer, String\nfrom sqlalchemy.orm import declarative_base\n\n"
                          "Base = declarative_base()\n\n\nclass User(Base):\n    __tablename__ = \"users\"\n"
                          "    id = Column(Integer, primary_key=True)\n    email = Column(String)\n"),
        # generated by `make schema-ddl` from the models; `newsletter` is a table no class maps
        "app/ddl/schema.sql": ("CREATE TABLE public.users (id serial PRIMARY KEY, email varchar);\n"
                               "CREATE TABLE newsletter (id serial PRIMARY KEY, subscriber_email varchar);\n"),
    })
    got = {(f.container, f.name, f.location.path) for f in scan_tree(tmp_path, rules).fields if f.name != "id"}
    assert got == {("User", "email", "app/models.py"), ("newsletter", "subscriber_email", "app/ddl/schema.sql")}


def test_sql_strings_on_a_mapped_table_are_left_to_its_class(tmp_path: Path, rules: RuleSet) -> None:
    write_tree(tmp_path, {
        "app/models.py": ("from sqlalchemy import Column, Integer, String\nfrom sqlalchemy.orm import declarative_base\n\n"
                          "Base = declarative_base()\n\n\nclass Member(Base):\n    __tablename__ = \"members\"\n"
                          "    id = Column(Integer, primary_key=True)\n    phone = Column(String)\n"),
        "app/repo.py": ("def find(cur, email):\n    cur.execute(\"SELECT phone FROM members WHERE email = %s\", (email,))\n"
                        "    cur.execute(\"SELECT fax FROM partners_contacts WHERE email = %s\", (email,))\n"),
    })
    got = {(f.container, f.name, f.location.path) for f in scan_tree(tmp_path, rules).fields if f.name != "id"}
    assert got == {("Member", "phone", "app/models.py"), ("partners_contacts", "fax", "app/repo.py"),
                   ("partners_contacts", "email", "app/repo.py")}


def test_a_table_named_by_its_class_is_reported_at_the_class_not_again_from_a_schema_file(
        tmp_path: Path, rules: RuleSet) -> None:
    # Flask-SQLAlchemy names `ClientDetail`'s table `client_detail` (a base's `cls.__name__.lower()` gives
    # `clientdetail`): the dump kept beside the models repeats that class, as a literal `__tablename__`'s would
    write_tree(tmp_path, {
        "app/models.py": ("from flask_sqlalchemy import SQLAlchemy\n\ndb = SQLAlchemy()\n\n\n"
                          "class ClientDetail(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n"
                          "    email = db.Column(db.String)\n\n\n"
                          "class Account(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n"
                          "    phone = db.Column(db.String)\n"),
        "app/schemas.py": ("from pydantic import BaseModel\n\n\nclass Subscriber(BaseModel):\n    email: str\n"),
        "app/ddl/schema.sql": ("CREATE TABLE client_detail (id serial PRIMARY KEY, email varchar);\n"
                               "CREATE TABLE account (id serial PRIMARY KEY, phone varchar);\n"
                               # a pydantic schema maps no table: its namesake is the dump's own
                               "CREATE TABLE subscriber (id serial PRIMARY KEY, email varchar);\n"),
    })
    got = {(f.container, f.name, f.location.path) for f in scan_tree(tmp_path, rules).fields if f.name != "id"}
    assert got == {("ClientDetail", "email", "app/models.py"), ("Account", "phone", "app/models.py"),
                   ("Subscriber", "email", "app/schemas.py"), ("subscriber", "email", "app/ddl/schema.sql")}


def test_acronym_named_and_schema_qualified_tables_are_left_to_their_classes(tmp_path: Path, rules: RuleSet) -> None:
    # Flask-SQLAlchemy names `APIKey`'s table `api_key`; `__table_args__ = {"schema": "crm"}` puts `customers` in
    # schema crm, which the dump names; another schema's table of the same name is another table
    write_tree(tmp_path, {
        "app/models.py": ("from flask_sqlalchemy import SQLAlchemy\n\ndb = SQLAlchemy()\n\n\n"
                          "class APIKey(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n"
                          "    owner_email = db.Column(db.String)\n\n\n"
                          "class Customer(db.Model):\n    __tablename__ = 'customers'\n"
                          "    __table_args__ = (db.Index('ix_email', 'email'), {'schema': 'crm'})\n"
                          "    id = db.Column(db.Integer, primary_key=True)\n    email = db.Column(db.String)\n"),
        "app/ddl/schema.sql": ("CREATE TABLE api_key (id serial PRIMARY KEY, owner_email varchar);\n"
                               "CREATE TABLE crm.customers (id serial PRIMARY KEY, email varchar);\n"
                               "CREATE TABLE audit.customers (id serial PRIMARY KEY, phone varchar);\n"),
    })
    got = {(f.container, f.name, f.location.path) for f in scan_tree(tmp_path, rules).fields if f.name != "id"}
    assert got == {("APIKey", "owner_email", "app/models.py"), ("Customer", "email", "app/models.py"),
                   ("audit.customers", "phone", "app/ddl/schema.sql")}
