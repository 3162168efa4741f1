"""Migration order: which SQL files form one schema history, and in which order they run.

A folder is one history (a dbt project's models/ tree is one too). Inside it,
versioned files run by version, compared as numbers (`V1_10` after `V1_9`,
`20240101120000_x` after `20231231_y`), after any unversioned baseline such as
`schema.sql`; Flyway repeatables (`R__`) run last. Undo and down migrations
(`U3__`, `*.down.sql`) reverse history and are left out.
"""

from __future__ import annotations

import re

_UNDO = re.compile(r"^U\d|[._-]down\.sql$|^down\.sql$|[._-]undo\.sql$|[._-]rollback\.sql$", re.IGNORECASE)
_VERSIONED = re.compile(r"^V?(\d+(?:[._]\d+)*)(?=__|[._-]|$)", re.IGNORECASE)
_REPEATABLE = re.compile(r"^R__", re.IGNORECASE)


def is_undo(path: str) -> bool:
    return bool(_UNDO.search(path.rsplit("/", 1)[-1]))


def order_key(path: str) -> tuple[int, tuple[int, ...], str]:
    """Sort key within one folder: (baseline 0 / versioned 1 / repeatable 2, version, name)."""
    name = path.rsplit("/", 1)[-1]
    if _REPEATABLE.match(name):
        return (2, (), name)
    m = _VERSIONED.match(name)
    if m:
        return (1, tuple(int(p) for p in re.split(r"[._]", m.group(1))), name)
    return (0, (), name)
