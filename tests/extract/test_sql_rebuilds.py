"""A table rebuilt by a later migration keeps its columns where they were first collected.

SQLite cannot alter a column in place, so Prisma, Drizzle and hand-written migrations rebuild the table:
`CREATE TABLE new_x (...)`, copy, `DROP TABLE x`, `ALTER TABLE new_x RENAME TO x`. The columns that survive
are the ones the earlier migration collected; moved to the rebuild, each became a new finding for a baseline.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scanner.cli import EXIT_CLEAN, EXIT_FINDINGS, main
from scanner.ruleset import RuleSet
from tests.extract.sql_helpers import scan_tree, write_tree

INIT = "prisma/migrations/20240101000000_init/migration.sql"
REBUILD = "prisma/migrations/20240301000000_birth_date/migration.sql"

PRISMA_INIT = """-- CreateTable
CREATE TABLE "User" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "email" TEXT NOT NULL,
    "phone" TEXT,
    "passport_number" TEXT
);
"""

# as `prisma migrate dev` writes it for SQLite when a column turns NOT NULL and another is added
PRISMA_REBUILD = """-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_User" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "email" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "passport_number" TEXT,
    "birth_date" DATETIME
);
INSERT INTO "new_User" ("email", "id", "passport_number", "phone") SELECT "email", "id", "passport_number", "phone" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
"""


def _where(root: Path, rules: RuleSet) -> set[tuple[str, str, str, int]]:
    return {(f.container, f.name, f.location.path, f.location.line) for f in scan_tree(root, rules).fields}


def test_prisma_rebuild_keeps_surviving_columns_at_their_first_migration(tmp_path: Path, rules: RuleSet) -> None:
    write_tree(tmp_path, {INIT: PRISMA_INIT, REBUILD: PRISMA_REBUILD})
    got = _where(tmp_path, rules)
    assert {g for g in got if g[1] != "id"} == {
        ("User", "email", INIT, 4), ("User", "phone", INIT, 5), ("User", "passport_number", INIT, 6),
        ("User", "birth_date", REBUILD, 9)}  # the rebuild's own new column is collected there


def test_a_rebuilt_column_says_where_its_table_was_rebuilt(tmp_path: Path, rules: RuleSet) -> None:
    write_tree(tmp_path, {INIT: PRISMA_INIT, REBUILD: PRISMA_REBUILD})
    email = next(f for f in scan_tree(tmp_path, rules).fields if f.name == "email")
    assert f"table rebuilt at {REBUILD}:13" in email.evidence


def test_drizzle_rebuild_under_a_dunder_name(tmp_path: Path, rules: RuleSet) -> None:
    write_tree(tmp_path, {
        "drizzle/0000_init.sql": "CREATE TABLE `users` (\n\t`id` integer PRIMARY KEY NOT NULL,\n\t`email` text NOT NULL\n);\n",
        "drizzle/0001_phone.sql": (
            "PRAGMA foreign_keys=OFF;--> statement-breakpoint\n"
            "CREATE TABLE `__new_users` (\n\t`id` integer PRIMARY KEY NOT NULL,\n\t`email` text NOT NULL,\n"
            "\t`phone` text\n);\n--> statement-breakpoint\n"
            "INSERT INTO `__new_users`(\"id\", \"email\") SELECT \"id\", \"email\" FROM `users`;--> statement-breakpoint\n"
            "DROP TABLE `users`;--> statement-breakpoint\n"
            "ALTER TABLE `__new_users` RENAME TO `users`;--> statement-breakpoint\n"
            "PRAGMA foreign_keys=ON;\n"),
    })
    got = {g for g in _where(tmp_path, rules) if g[1] != "id"}
    assert got == {("users", "email", "drizzle/0000_init.sql", 3), ("users", "phone", "drizzle/0001_phone.sql", 5)}


def test_a_rebuild_in_one_file_keeps_the_first_definition(tmp_path: Path, rules: RuleSet) -> None:
    write_tree(tmp_path, {"schema.sql": (
        "CREATE TABLE contacts (\n  email text\n);\n"
        "CREATE TABLE contacts_tmp (\n  email text NOT NULL,\n  mobile_phone text\n);\n"
        "DROP TABLE contacts;\n"
        "ALTER TABLE contacts_tmp RENAME TO contacts;\n")})
    assert _where(tmp_path, rules) == {("contacts", "email", "schema.sql", 2), ("contacts", "mobile_phone", "schema.sql", 6)}


def test_a_rebuild_copied_with_create_table_as_select(tmp_path: Path, rules: RuleSet) -> None:
    write_tree(tmp_path, {
        "migrations/V1__users.sql": "CREATE TABLE users (\n  email text,\n  fax text\n);\n",
        "migrations/V2__rebuild.sql": ("CREATE TABLE users_new AS SELECT email FROM users;\n"
                                       "DROP TABLE users;\nALTER TABLE users_new RENAME TO users;\n"),
    })
    assert _where(tmp_path, rules) == {("users", "email", "migrations/V1__users.sql", 2)}


def test_a_rebuild_that_renames_the_old_table_out_of_the_way(tmp_path: Path, rules: RuleSet) -> None:
    # the other SQLite recipe: ALTER TABLE x RENAME TO x_old; CREATE TABLE x; copy; DROP TABLE x_old
    write_tree(tmp_path, {
        "migrations/V1__users.sql": "CREATE TABLE users (\n  email text,\n  fax text\n);\n",
        "migrations/V2__rebuild.sql": ("ALTER TABLE users RENAME TO _users_old;\n"
                                       "CREATE TABLE users (\n  email text NOT NULL,\n  phone text\n);\n"
                                       "INSERT INTO users (email) SELECT email FROM _users_old;\nDROP TABLE _users_old;\n"),
    })
    assert _where(tmp_path, rules) == {("users", "email", "migrations/V1__users.sql", 2),
                                       ("users", "phone", "migrations/V2__rebuild.sql", 4)}


def test_a_table_renamed_away_and_kept_leaves_the_new_one_new(tmp_path: Path, rules: RuleSet) -> None:
    write_tree(tmp_path, {
        "migrations/V1__users.sql": "CREATE TABLE users (\n  email text\n);\n",
        "migrations/V2__archive.sql": "ALTER TABLE users RENAME TO legacy_users;\nCREATE TABLE users (\n  email text\n);\n",
    })
    assert _where(tmp_path, rules) == {("legacy_users", "email", "migrations/V1__users.sql", 2),
                                       ("users", "email", "migrations/V2__archive.sql", 3)}


def test_a_table_dropped_then_created_again_later_is_collected_anew(tmp_path: Path, rules: RuleSet) -> None:
    # the data was gone for a release: not a rebuild, a new collection
    write_tree(tmp_path, {
        "migrations/V1__users.sql": "CREATE TABLE users (email text);\n",
        "migrations/V2__drop.sql": "DROP TABLE users;\n",
        "migrations/V3__again.sql": "CREATE TABLE users (\n  email text\n);\n",
    })
    assert _where(tmp_path, rules) == {("users", "email", "migrations/V3__again.sql", 2)}


def test_drop_and_create_of_the_same_name_in_one_migration_is_a_rebuild(tmp_path: Path, rules: RuleSet) -> None:
    write_tree(tmp_path, {
        "migrations/V1__users.sql": "CREATE TABLE users (email text);\n",
        "migrations/V2__rebuild.sql": "DROP TABLE IF EXISTS users;\nCREATE TABLE users (\n  email text NOT NULL,\n  phone text\n);\n",
    })
    assert _where(tmp_path, rules) == {("users", "email", "migrations/V1__users.sql", 1),
                                       ("users", "phone", "migrations/V2__rebuild.sql", 4)}


def test_a_column_the_rebuild_leaves_out_is_gone(tmp_path: Path, rules: RuleSet) -> None:
    write_tree(tmp_path, {
        INIT: PRISMA_INIT,
        REBUILD: PRISMA_REBUILD.replace('    "passport_number" TEXT,\n', "").replace(', "passport_number"', ""),
    })
    assert "passport_number" not in {g[1] for g in _where(tmp_path, rules)}


DATAMAP = "version: 1\ncollects:\n  - category: user.unique_id\n"


def _check(root: Path, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict]:
    code = main(["check", str(root), *argv, "--format", "json"])
    return code, json.loads(capsys.readouterr().out)


def test_a_baseline_still_knows_the_columns_a_rebuild_keeps(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_tree(tmp_path, {INIT: PRISMA_INIT, "datamap.yaml": DATAMAP})
    known = tmp_path / "known.json"
    assert main(["baseline", str(tmp_path), "-o", str(known)]) == EXIT_CLEAN
    capsys.readouterr()
    before = {e["fingerprint"] for e in json.loads(known.read_text())["findings"]}
    assert len(before) == 3  # email, phone, passport_number undeclared

    write_tree(tmp_path, {REBUILD: PRISMA_REBUILD})
    code, report = _check(tmp_path, capsys, "--baseline", str(known))
    assert code == EXIT_FINDINGS
    assert [(f["file"], f["line"]) for f in report["findings"]] == [(REBUILD, 9)]  # birth_date only
    assert report["baseline"]["gone"] == 0


def test_drizzle_breakpoints_are_no_operators(tmp_path: Path, rules: RuleSet) -> None:
    # `-->` is no comment in MySQL, whose grammar backquoted names choose: every statement after one failed
    write_tree(tmp_path, {"drizzle/0000_init.sql": (
        "CREATE TABLE `accounts` (\n\t`id` int AUTO_INCREMENT NOT NULL,\n\t`email` varchar(255) NOT NULL\n);\n"
        "--> statement-breakpoint\nALTER TABLE `accounts` ADD `phone` varchar(32);")})
    inventory = scan_tree(tmp_path, rules)
    assert inventory.errors == []
    assert {f.name for f in inventory.fields} >= {"email", "phone"}
