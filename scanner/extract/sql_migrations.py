"""Migration order: which SQL files form one schema history, and in which order they run.

A folder is one history (a dbt project's models/ tree is one too). A folder
whose own name is a version (`delta/17/`, Prisma `migrations/20240101_init/`,
Diesel `migrations/2020-01-01-000000_create_users/`) is one step of its
parent's history: its files replay there, ordered by the folder's version
first. Inside a history, versioned files run by version, compared as numbers
(`V1_10` after `V1_9`, `20240101120000_x` after `20231231_y`), after any
unversioned baseline such as `schema.sql`; a number later in the name is a
version among files of the same prefix (`update10.sql` after `update2.sql`);
Flyway repeatables (`R__`) run last. Undo and down migrations (`U3__`,
`*.down.sql`, Diesel `down.sql`, sqitch `revert/`) reverse history and are
left out, as are the `-- migrate:down` sections of dbmate, goose and
sql-migrate files (`down_sections`).
"""

from __future__ import annotations

import re

_UNDO = re.compile(r"^U\d|[._-]down\.sql|^down\.sql|[._-]undo\.sql|[._-]rollback\.sql|^(down|undo|rollback)\.",
                   re.IGNORECASE)
_UNDO_FOLDERS = frozenset({"revert", "down", "rollback", "undo"})
_VERSIONED = re.compile(r"^V?(\d+(?:[._]\d+)*)(?=__|[._-]|$)", re.IGNORECASE)
_NUMBERED = re.compile(r"^(\D*?)(\d+(?:[._]\d+)*)")  # update10.sql, upgrade-1.2.sql, schema_v2.sql
_REPEATABLE = re.compile(r"^R__", re.IGNORECASE)
# folder names that are a migration's version: 17, 20240101120000_init, 2020-01-01-000000_create_users, V3
_VERSION_FOLDER = re.compile(r"^V?(\d+(?:[._-]\d+)*)(?:[_-].*)?$", re.IGNORECASE)

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
    """The folder whose files form the file's schema history."""
    return "/".join(_split(path)[0])


def order_key(path: str) -> OrderKey:
    """Sort key within one history: (folder versions, baseline 0 / versioned 1 / repeatable 2, prefix, version, name)."""
    folders = tuple(_split(path)[1])
    name = path.rsplit("/", 1)[-1]
    if _REPEATABLE.match(name):
        return (folders, 2, "", (), name)
    m = _VERSIONED.match(name)
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


def down_sections(text: str) -> str:
    """`text` with every down section blanked (lines kept, so line numbers stay right)."""
    if "--" not in text or not _DOWN_MARK.search(text):
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
