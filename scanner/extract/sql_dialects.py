"""SQL dialect names and a content-based guess when config and flags say nothing.

The guess is cheap (a few regexes over the head of the file) and always comes
with the marker that decided it, so the user can see why a file was read as
MySQL and pin it with `[tool.datamap] dialects` when the guess is wrong.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# spellings users write in config -> sqlglot's name
ALIASES = {
    "postgresql": "postgres", "pg": "postgres", "psql": "postgres", "mariadb": "mysql",
    "mssql": "tsql", "sqlserver": "tsql", "sql_server": "tsql", "sqlite3": "sqlite",
    "bq": "bigquery", "plsql": "oracle",
}


class DialectChoice(NamedTuple):
    name: str
    guessed: bool
    reason: str  # the marker that decided a guess, or where the choice came from

    def label(self) -> str:
        return f"{self.name}, guessed from {self.reason}" if self.guessed else self.name


def normalize(name: str) -> str:
    name = name.strip().lower()
    return ALIASES.get(name, name)


_F = re.IGNORECASE | re.MULTILINE
# (dialect, marker description, pattern); markers are scored, the best total wins.
# Order breaks ties: more specific dialects first.
_MARKERS: tuple[tuple[str, str, re.Pattern[str]], ...] = (
    ("bigquery", "INT64/STRING/STRUCT< types", re.compile(r"\b(INT64|FLOAT64|BIGNUMERIC|STRUCT\s*<|ARRAY\s*<)|\s(STRING|BYTES)\b(?!\s*\()", _F)),
    ("bigquery", "OPTIONS(description=...)", re.compile(r"OPTIONS\s*\(\s*description\s*=", _F)),
    ("snowflake", "VARIANT/TIMESTAMP_NTZ types", re.compile(r"\b(VARIANT|TIMESTAMP_(NTZ|LTZ|TZ)|NUMBER\(38,\s*0\))\b", _F)),
    ("snowflake", "TRANSIENT tables / CLUSTER BY", re.compile(r"\bCREATE\s+(OR\s+REPLACE\s+)?TRANSIENT\b|\)\s*CLUSTER\s+BY\b", _F)),
    ("oracle", "VARCHAR2/NUMBER/CLOB types", re.compile(r"\b(N?VARCHAR2|NUMBER\s*\(\d+(,\s*\d+)?\)|N?CLOB|SYSDATE)\b", _F)),
    ("oracle", "sqlplus '/' terminators", re.compile(r"^\s*/\s*$|\bTABLESPACE\s+\w+", _F)),
    ("tsql", "GO batches", re.compile(r"^\s*GO\s*$", _F)),
    ("tsql", "[dbo] / NVARCHAR / IDENTITY(1,1)", re.compile(r"\[dbo\]|\bNVARCHAR\s*\(\s*MAX|\bIDENTITY\s*\(\s*\d+\s*,\s*\d+\s*\)|\[\w+\]\s*\(?\s*\[?(n?varchar|int|datetime2?|bit)\b", _F)),
    ("mysql", "ENGINE= / AUTO_INCREMENT", re.compile(r"\bENGINE\s*=|\bAUTO_INCREMENT\b|\bUNSIGNED\b|\bLOCK TABLES\b", _F)),
    ("mysql", "backquoted identifiers / /*!NNNNN */", re.compile(r"/\*!\d{5}|`\w+`\s+(int|varchar|bigint|tinyint|datetime|text)\b", _F)),
    ("sqlite", "AUTOINCREMENT / WITHOUT ROWID", re.compile(r"\bAUTOINCREMENT\b|\bWITHOUT\s+ROWID\b|\bsqlite_\w+|\bPRAGMA\b", _F)),
    ("postgres", "pg_dump / psql markers", re.compile(r"\bpg_catalog\.|^\\connect\b|\bFROM\s+stdin;|\bOWNER\s+TO\b|::\w+", _F)),
    ("postgres", "serial/jsonb/timestamptz/inet types", re.compile(r"\b(BIG)?SERIAL\b|\bJSONB\b|\bTIMESTAMPTZ\b|\bBYTEA\b|\bINET\b|\bCITEXT\b", _F)),
)
_HEAD = 64_000  # dumps announce themselves early; never regex a whole 100 MB file


def guess_dialect(text: str) -> DialectChoice:
    head = text[:_HEAD]
    scores: dict[str, tuple[int, str]] = {}
    for dialect, marker, pattern in _MARKERS:
        hits = len(pattern.findall(head))
        if hits:
            total, first = scores.get(dialect, (0, ""))
            scores[dialect] = (total + hits, first or marker)
    if not scores:
        return DialectChoice("postgres", True, "no dialect markers (default)")
    best = max(scores, key=lambda d: scores[d][0])  # max keeps the first of equals
    return DialectChoice(best, True, scores[best][1])


def choose(configured: str, text: str) -> DialectChoice:
    if configured:
        return DialectChoice(normalize(configured), False, "configured")
    return guess_dialect(text)
