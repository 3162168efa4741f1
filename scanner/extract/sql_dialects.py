"""SQL dialect names and a content-based guess when config and flags say nothing.

The guess is cheap (a few regexes over the head of the file) and always comes
with the marker that decided it, so the user can see why a file was read as
MySQL and pin it with `[tool.datamap] dialects` when the guess is wrong.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from scanner.discover import sql_dialect_of

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


# sqlglot's dialect names (sqlglot.dialects.Dialects, as config._DIALECTS) and the usual other spellings of the
# common ones: a folder so named holds that dialect's rendering of the schema (supysonic's migration/mysql/)
_FOLDER_NAMES = frozenset({
    "athena", "bigquery", "clickhouse", "databricks", "doris", "drill", "druid", "duckdb", "hive", "materialize",
    "mysql", "oracle", "postgres", "presto", "redshift", "risingwave", "snowflake", "spark", "spark2",
    "sqlite", "starrocks", "teradata", "trino", "tsql", *ALIASES, "pgsql", "postgre"})


def dialect_folder(name: str) -> str:
    """The dialect a folder's name is ("" when it names none): `postgresql/` -> postgres."""
    name = name.strip().lower()
    if name not in _FOLDER_NAMES:
        return ""
    return "postgres" if name in ("pgsql", "postgre") else normalize(name)


_F = re.IGNORECASE | re.MULTILINE
# (dialect, marker description, pattern); markers are scored, the best total wins.
# Order breaks ties: more specific dialects first.
_MARKERS: tuple[tuple[str, str, re.Pattern[str]], ...] = (
    # before BigQuery and MySQL: ClickHouse's `Int64` is BigQuery's INT64 in other case, and `ENGINE = MergeTree`
    # is also MySQL's ENGINE=; its CamelCase types and MergeTree/Log engines are its own
    ("clickhouse", "MergeTree/Log engines", re.compile(r"\bENGINE\s*=?\s*\w*(MergeTree|Log)\b|\bON\s+CLUSTER\b", _F)),
    ("clickhouse", "UInt32/Nullable(...)/LowCardinality(...) types", re.compile(
        r"\b(UInt(8|16|32|64|128|256)|Int(8|16|32|64|128|256)|Float(32|64)|DateTime64|Date32|FixedString"
        r"|(Nullable|LowCardinality)\s*\()", re.MULTILINE)),
    ("bigquery", "INT64/STRUCT< types", re.compile(r"\b(INT64|FLOAT64|BIGNUMERIC|STRUCT\s*<|ARRAY\s*<)", _F)),
    # upper case and after a column name: "a random string" in prose is no type
    ("bigquery", "STRING/BYTES column types", re.compile(r"\w[\s`]+(STRING|BYTES)\b(?!\s*\()", re.MULTILINE)),
    ("bigquery", "OPTIONS(description=...)", re.compile(r"OPTIONS\s*\(\s*description\s*=", _F)),
    ("snowflake", "VARIANT/TIMESTAMP_NTZ types", re.compile(r"\b(VARIANT|TIMESTAMP_(NTZ|LTZ|TZ)|NUMBER\(38,\s*0\))\b", _F)),
    ("snowflake", "TRANSIENT tables / CLUSTER BY", re.compile(r"\bCREATE\s+(OR\s+REPLACE\s+)?TRANSIENT\b|\)\s*CLUSTER\s+BY\b", _F)),
    ("oracle", "VARCHAR2/NUMBER/CLOB types", re.compile(r"\b(N?VARCHAR2|NUMBER\s*\(\d+(,\s*\d+)?\)|N?CLOB|SYSDATE)\b", _F)),
    ("oracle", "sqlplus '/' terminators", re.compile(r"^\s*/\s*$|\bTABLESPACE\s+\w+", _F)),
    ("oracle", "SQL*Plus REM/PROMPT/SET ECHO lines", re.compile(
        r"^\s*(REM|REMARK|PROMPT)\b(?![^\n]*,\s*$)|^\s*SET\s+(ECHO|FEEDBACK|DEFINE|VERIFY|SERVEROUTPUT|TERMOUT)\b", _F)),
    ("tsql", "GO batches", re.compile(r"^\s*GO\s*$", _F)),
    ("tsql", "[dbo] / NVARCHAR / IDENTITY(1,1)", re.compile(r"\[dbo\]|\bNVARCHAR\s*\(\s*MAX|\bIDENTITY\s*\(\s*\d+\s*,\s*\d+\s*\)|\[\w+\]\s*\(?\s*\[?(n?varchar|int|datetime2?|bit)\b", _F)),
    ("mysql", "ENGINE= / AUTO_INCREMENT", re.compile(r"\bENGINE\s*=|\bAUTO_INCREMENT\b|\bUNSIGNED\b|\bLOCK TABLES\b", _F)),
    ("mysql", "backquoted identifiers / /*!NNNNN */", re.compile(r"/\*!\d{5}|`\w+`\s+(int|varchar|bigint|tinyint|datetime|text)\b", _F)),
    ("sqlite", "AUTOINCREMENT / WITHOUT ROWID", re.compile(r"\bAUTOINCREMENT\b|\bWITHOUT\s+ROWID\b|\bsqlite_\w+|\bPRAGMA\b", _F)),
    ("postgres", "pg_dump / psql markers", re.compile(r"\bpg_catalog\.|^\\connect\b|\bFROM\s+stdin;|\bOWNER\s+TO\b|::\w+", _F)),
    ("postgres", "serial/jsonb/timestamptz/inet types", re.compile(r"\b(BIG)?SERIAL\b|\bJSONB\b|\bTIMESTAMPTZ\b|\bBYTEA\b|\bINET\b|\bCITEXT\b", _F)),
)
NO_MARKERS = "no dialect markers (default)"
_HEAD = 64_000  # dumps announce themselves early; never regex a whole 100 MB file


# comments and string literals say nothing about the dialect ("-- a 32 character string" is not BigQuery);
# MySQL's executable /*!40101 ... */ comments do, and stay
_PROSE = re.compile(r"--[^\n]*|/\*(?!!).*?\*/|'(?:[^'\\\n]|''|\\.)*'", re.DOTALL)


def _code(text: str) -> str:
    """`text` without comments and string literals; newlines kept, so `^GO$`-style markers still match."""
    return _PROSE.sub(lambda m: "\n" * m.group(0).count("\n") or " ", text)


def guess_dialect(text: str) -> DialectChoice:
    head = _code(text[:_HEAD])
    scores: dict[str, tuple[int, str]] = {}
    for dialect, marker, pattern in _MARKERS:
        hits = len(pattern.findall(head))
        if hits:
            total, first = scores.get(dialect, (0, ""))
            scores[dialect] = (total + hits, first or marker)
    if not scores:
        return DialectChoice("postgres", True, NO_MARKERS)
    best = max(scores, key=lambda d: scores[d][0])  # max keeps the first of equals
    return DialectChoice(best, True, scores[best][1])


def unmarked(choice: DialectChoice) -> bool:
    """Guessed with nothing to go on: the file's migration folder knows better (sql_project)."""
    return choice.guessed and choice.reason == NO_MARKERS


def majority(choices: list[DialectChoice]) -> tuple[str, int, int] | None:
    """The dialect most of the files that say one share: (name, files, files that say one), if one leads."""
    counts: dict[str, int] = {}
    for choice in choices:
        if not unmarked(choice):
            counts[choice.name] = counts.get(choice.name, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0], ranked[0][1], sum(counts.values())


# the common dialects, as a word of a file's name (`sqlite_schema.sql`); a whole name or folder may be any of sqlglot's
_NAME_WORDS = frozenset({"postgres", "postgresql", "pgsql", "mysql", "mariadb", "sqlite", "sqlite3", "mssql", "tsql",
                         "oracle", "snowflake", "bigquery", "duckdb", "clickhouse", "redshift"})


def named_dialect(path: str) -> tuple[str, str]:
    """The dialect a SQL file's stem or nearest folder names, and that name: supysonic's `schema/sqlite.sql`,
    `migration/mysql/20200607.sql`, which a file checked alone cannot learn from its folder's other files."""
    *folders, name = path.split("/")
    stem = name.split(".", 1)[0].lower()
    if dialect_folder(stem):
        return dialect_folder(stem), name
    words = {dialect_folder(w) for w in re.split(r"[_\-\s]+", stem) if w in _NAME_WORDS}
    if len(words) == 1:
        return words.pop(), name
    for folder in reversed(folders):
        if dialect_folder(folder):
            return dialect_folder(folder), folder + "/"
    return "", ""


def choose(configured: str, text: str, path: str = "") -> DialectChoice:
    """The configured dialect, else the one the file's name states (`.pgsql`, `full.sql.sqlite`), else the one its
    stem or folder names (`sqlite.sql`, `mysql/`), else a guess."""
    if configured:
        return DialectChoice(normalize(configured), False, "configured")
    named, part = sql_dialect_of(path)
    if named:
        return DialectChoice(normalize(named), True, f"the file name ({part})")
    named, part = named_dialect(path)
    if named:
        return DialectChoice(named, True, f"the name {part}")
    return guess_dialect(text)
