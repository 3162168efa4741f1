"""Migration order: which SQL files form one schema history, and in which order they run.

A folder is one history (a dbt project's models/ tree is one too). A folder
whose own name is a version (`delta/17/`, Prisma `migrations/20240101_init/`,
Diesel `migrations/2020-01-01-000000_create_users/`) is one step of its
parent's history: its files replay there, ordered by the folder's version
first. Inside a history, versioned files run by version, compared as numbers
(`V1_10` after `V1_9`, `20240101120000_x` after `20231231_y`), after any
unversioned baseline such as `schema.sql`; a number later in the name is a
version among files of the same prefix (`update10.sql` after `update2.sql`);
Flyway repeatables (`R__`) run last, then schemachange's always-run `A__`
and Flyway's `afterMigrate` callbacks; sqitch's
`deploy/` scripts run in the order of its `sqitch.plan` (`plan_order`). Undo and down migrations (`U3__`,
`*.down.sql`, Diesel `down.sql`, sqitch `revert/`) reverse history and are
left out, as are the `-- migrate:down` sections of dbmate, goose and
sql-migrate files (`down_sections`).

A snapshot is the whole schema as of one version, which a new database starts
from: synapse's `full_schemas/72/`, a Flyway baseline `B5__init.sql`. It
begins its history: the files of versions up to its own (the steps it
summarises) and older snapshots are superseded, and the versioned sibling
folders of a snapshot folder (`main/delta/73/` beside `main/full_schemas/72/`)
are its later steps, one history rooted at their common parent.
"""

from __future__ import annotations

import re

_UNDO = re.compile(r"^U\d|[._-]down\.sql|^down\.sql|[._-]undo\.sql|[._-]rollback\.sql|^(down|undo|rollback)\.",
                   re.IGNORECASE)
_UNDO_FOLDERS = frozenset({"revert", "down", "rollback", "undo"})
_VERSIONED = re.compile(r"^V?(\d+(?:[._]\d+)*)(?=__|[._-]|$)", re.IGNORECASE)
_NUMBERED = re.compile(r"^(\D*?)(\d+(?:[._]\d+)*)")  # update10.sql, upgrade-1.2.sql, schema_v2.sql
_REPEATABLE = re.compile(r"^R__", re.IGNORECASE)
# run on every deploy, after the repeatables: schemachange's A__ scripts, Flyway's afterMigrate callbacks
_ALWAYS = re.compile(r"^A__|^afterMigrate|^afterEachMigrate", re.IGNORECASE)
# folder names that are a migration's version: 17, 20240101120000_init, 2020-01-01-000000_create_users, V3
_VERSION_FOLDER = re.compile(r"^V?(\d+(?:[._-]\d+)*)(?:[_-].*)?$", re.IGNORECASE)

# folders whose versioned subfolders each hold a whole schema: synapse's full_schemas/<N>/
_SNAPSHOT_FOLDERS = frozenset({"full_schema", "full_schemas", "snapshot", "snapshots", "baseline", "baselines"})
_BASELINE_FILE = re.compile(r"^B(\d+(?:[._]\d+)*)__", re.IGNORECASE)  # Flyway baseline migration

OrderKey = tuple[tuple[tuple[int, ...], ...], int, str, tuple[int, ...], str]


def is_undo(path: str) -> bool:
    parts = path.split("/")
    return bool(_UNDO.search(parts[-1])) or any(p.lower() in _UNDO_FOLDERS for p in parts[:-1])


def _split(path: str) -> tuple[list[str], list[tuple[int, ...]]]:
    """The history's folder parts and the versions of the versioned folders below it."""
    parts = path.split("/")[:-1]
    versions: list[tuple[int, ...]] = []
    while parts and (m := _VERSION_FOLDER.match(parts[-1])):
        versions.insert(0, tuple(int(p) for p in re.split(r"[._-]", m.group(1))))
        parts.pop()
    return parts, versions


def history(path: str) -> str:
    """The folder whose files form the file's schema history (a snapshot folder's parent)."""
    parts, versions = _split(path)
    if versions and parts and parts[-1].lower() in _SNAPSHOT_FOLDERS:
        parts = parts[:-1]
    return "/".join(parts)


def snapshot_folder(path: str) -> bool:
    """Whether the file is part of a versioned snapshot folder (`full_schemas/72/full.sql`)."""
    parts, versions = _split(path)
    return bool(versions) and bool(parts) and parts[-1].lower() in _SNAPSHOT_FOLDERS


def versioned(path: str) -> bool:
    """Whether the file is a step with a version: in a versioned folder, or named by one."""
    key = order_key(path)
    return bool(key[0]) or key[1] == 1


def superseded(paths: list[str]) -> set[str]:
    """Of one history's files, those the latest snapshot already contains: earlier versions and snapshots."""
    snapshots = [(order_key(p)[0], p) for p in paths if snapshot_folder(p)]
    if snapshots:  # compared by folder version: full_schemas/72 holds delta/72/ and below
        latest = max(s[0] for s in snapshots)
        return {p for p in paths if order_key(p)[0] and order_key(p)[0] <= latest
                and not (snapshot_folder(p) and order_key(p)[0] == latest)}
    baselines = [(_file_version(p), p) for p in paths if _BASELINE_FILE.match(p.rsplit("/", 1)[-1])]
    if not baselines:
        return set()
    version, chosen = max(baselines)  # compared by file version: B5__ holds V1__ .. V5__
    return {p for p in paths if p != chosen and order_key(p)[1] == 1 and not order_key(p)[2]
            and _file_version(p) <= version}


def _file_version(path: str) -> tuple[int, ...]:
    m = _VERSIONED.match(path.rsplit("/", 1)[-1]) or _BASELINE_FILE.match(path.rsplit("/", 1)[-1])
    return tuple(int(p) for p in re.split(r"[._]", m.group(1))) if m else ()


def order_key(path: str) -> OrderKey:
    """Sort key within one history: (folder versions, baseline 0 / versioned 1 / repeatable 2 / always 3, prefix,
    version, name)."""
    folders = tuple(_split(path)[1])
    name = path.rsplit("/", 1)[-1]
    if _REPEATABLE.match(name) or _ALWAYS.match(name):
        return (folders, 3 if _ALWAYS.match(name) else 2, "", (), name)
    m = _VERSIONED.match(name) or _BASELINE_FILE.match(name)
    if m:
        return (folders, 1, "", tuple(int(p) for p in re.split(r"[._]", m.group(1))), name)
    m = _NUMBERED.match(name)
    if m:
        return (folders, 1, m.group(1).lower(), tuple(int(p) for p in re.split(r"[._]", m.group(2))), name)
    return (folders, 0, "", (), name)


# dbmate `-- migrate:down`, sql-migrate `-- +migrate Down`, goose `-- +goose Down`: the rest undoes the file
_DOWN_MARK = re.compile(r"^[ \t]*--[ \t]*(?:migrate:down|\+migrate[ \t]+down|\+goose[ \t]+down)\b.*$",
                        re.IGNORECASE | re.MULTILINE)
_UP_MARK = re.compile(r"^[ \t]*--[ \t]*(?:migrate:up|\+migrate[ \t]+up|\+goose[ \t]+up)\b", re.IGNORECASE | re.MULTILINE)


# drizzle-kit's `--> statement-breakpoint` between statements: SQL comments only where `--` needs no space after it,
# so MySQL's grammar (chosen for the backquoted names of a Drizzle SQLite or MySQL migration) read an operator
_BREAKPOINT = re.compile(r"-->[ \t]*statement-breakpoint\b")


def down_sections(text: str) -> str:
    """`text` with every down section and Drizzle breakpoint blanked (lines kept, so line numbers stay right)."""
    if "--" not in text:
        return text
    if "statement-breakpoint" in text:
        text = _BREAKPOINT.sub(lambda m: " " * len(m.group()), text)
    if not _DOWN_MARK.search(text):
        return text
    out: list[str] = []
    pos = 0
    for down in _DOWN_MARK.finditer(text):
        if down.start() < pos:
            continue
        up = _UP_MARK.search(text, down.end())
        end = up.start() if up else len(text)
        out.append(text[pos : down.start()])
        out.append(re.sub(r"[^\n]", " ", text[down.start() : end]))
        pos = end
    out.append(text[pos:])
    return "".join(out)


def plan_order(plan: str) -> dict[str, int]:
    """sqitch.plan: change name -> its place. Lines are `name [deps] date planner <email> # note`; `%` pragmas,
    `@tag` lines and comments are no changes; a reworked change keeps its first place."""
    out: dict[str, int] = {}
    for line in plan.splitlines():
        line = line.strip()
        if not line or line[0] in "%@#":
            continue
        out.setdefault(line.split()[0], len(out))
    return out
