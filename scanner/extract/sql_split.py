"""Split a SQL file into statements with the dialect's own tokenizer, in bounded chunks.

Semicolons are found by sqlglot's tokenizer (so `;` inside strings, comments
and `$$` bodies never split), but a 100 MB dump is never tokenized at once:
chunks of about `CHUNK` characters end at a `;` + newline, and a chunk whose
end falls inside a string fails to tokenize and is simply doubled. Each
statement keeps its tokens, so the parser never tokenizes twice.

Before that, `blank_noise` erases client-side noise (psql meta-commands, COPY
data, MySQL DELIMITER routines, T-SQL GO batches of procedures, PL/SQL blocks)
with spaces, keeping every line and column where it was.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from sqlglot.dialects.dialect import Dialect
from sqlglot.errors import TokenError
from sqlglot.tokenizer_core import Token, TokenType

CHUNK = 256_000

_COPY = re.compile(r"COPY\s.+\sFROM\s+stdin\s*;\s*$", re.IGNORECASE)
_DELIMITER = re.compile(r"\s*DELIMITER\s+(\S+)\s*$", re.IGNORECASE)
_GO = re.compile(r"\s*GO(\s+\d+)?\s*$", re.IGNORECASE)
# bodies whose inner semicolons would otherwise become garbage statements
_ROUTINE = re.compile(
    r"\s*(CREATE\s+(OR\s+(REPLACE|ALTER)\s+)?(EDITIONABLE\s+|NONEDITIONABLE\s+)?|ALTER\s+)"
    r"(PROC|PROCEDURE|FUNCTION|TRIGGER|PACKAGE|TYPE\s+BODY)\b|\s*(BEGIN|DECLARE)\b(?!\s+TRANSACTION|\s+TRAN\b)",
    re.IGNORECASE,
)
_TABLE_DDL = re.compile(r"\b(CREATE|ALTER)\s+TABLE\b", re.IGNORECASE)
# SQL*Plus's own commands (Oracle's install scripts: `rem`, `Prompt`, `SET ECHO OFF`, `@hr_cre`, `SPOOL`): one line
# each (more with a trailing ` -`), no `;` needed, read only where a new command may start. SET is SQL too in
# `SET TRANSACTION`/`SET ROLE`/`SET CONSTRAINTS`.
_SQLPLUS = re.compile(
    r"\s*(?:@|(?:REM|REMARK|PRO|PROMPT|SPO|SPOOL|START|DEF|DEFINE|UNDEF|UNDEFINE|WHENEVER|CONN|CONNECT|DISC|"
    r"DISCONNECT|COL|COLUMN|TTITLE|BTITLE|PAUSE|ACC|ACCEPT|SHO|SHOW|DESC|DESCRIBE|CL|CLEAR|BRE|BREAK|COMP|"
    r"COMPUTE|HO|HOST|EXIT|QUIT|VAR|VARIABLE|PRINT|EXEC|TIMING|STORE|PASSWORD|"
    r"SET(?!\s+(?:TRANSACTION|ROLE|CONSTRAINTS?)\b))(?:\s|$))",
    re.IGNORECASE)
_SQLCMD = re.compile(r"\s*(?::[A-Za-z]+\b|!!)")
_MYSQL_OPENER = re.compile(r"/\*!\d{0,6}")
_LEADING_COMMENTS = re.compile(r"(?:\s+|--[^\n]*|/\*.*?\*/)*", re.DOTALL)


@dataclass
class Statement:
    sql: str  # the chunk the tokens index into
    tokens: list[Token]
    base: int  # lines before the chunk: absolute line = base + token.line

    @property
    def line(self) -> int:
        return self.base + self.tokens[0].line

    @property
    def text(self) -> str:
        return self.sql[self.tokens[0].start : self.tokens[-1].end + 1]


def _unwrap_mysql_versioned(text: str) -> str:
    """`/*!40101 SET x */` and `/*!50001 VIEW v AS ... */` are executed by MySQL: keep their content."""
    if "/*!" not in text:
        return text

    def unwrap(m: re.Match[str]) -> str:
        body = m.group(0)
        opener = _MYSQL_OPENER.match(body)
        width = opener.end() if opener else 3
        return " " * width + body[width:-2] + "  "

    return re.sub(r"/\*!\d{0,6}.*?\*/", unwrap, text, flags=re.DOTALL)


# A deploy tool's variable standing for a schema: Flyway/Liquibase `${schema}.users`, sqlcmd `$(Schema).Users`,
# SnowSQL `&{db}.users`. The qualifier is blanked (`users` is the table, as `{schema}.users` is in Python's SQL);
# left in, it lost the table (a DM901) or, in T-SQL, made `$` a table with a column `Schema`.
_QUALIFIER_VARIABLE = re.compile(r"(?:\$\{[\w:.-]+\}|\$\([\w.-]+\)|&\{[\w.-]+\})\.(?=[\"`\[]?[A-Za-z_])")


def _blank_qualifier_variables(text: str) -> str:
    if "${" not in text and "$(" not in text and "&{" not in text:
        return text
    return _QUALIFIER_VARIABLE.sub(lambda m: " " * len(m.group(0)), text)


def blank_noise(text: str, dialect: str) -> str:
    if dialect == "mysql":
        text = _unwrap_mysql_versioned(text)
    text = _blank_qualifier_variables(text)
    lines = text.split("\n")
    blank = [False] * len(lines)
    i, batch_start = 0, 0
    between = True  # no statement has started since the last one ended: a client command may start here
    while i < len(lines):
        line = lines[i]
        stripped = line.lstrip()
        if dialect == "oracle" and between and _SQLPLUS.match(line):
            blank[i] = True
            while lines[i].rstrip().endswith(" -") and i + 1 < len(lines):  # continued on the next line
                i += 1
                blank[i] = True
        elif stripped.startswith("\\"):  # psql meta-command: \connect, \restrict, \.
            blank[i] = True
        elif stripped[:4].upper() == "COPY" and _COPY.match(stripped):
            blank[i] = True
            while i + 1 < len(lines) and lines[i + 1].strip() != "\\.":
                i += 1
                blank[i] = True
        elif stripped[:9].upper() == "DELIMITER" and (m := _DELIMITER.match(line)) and m.group(1) != ";":
            # MySQL routines and triggers: not schema, and their bodies are full of ';'
            blank[i] = True
            while i + 1 < len(lines) and not re.match(r"\s*DELIMITER\s+;\s*$", lines[i + 1], re.IGNORECASE):
                i += 1
                blank[i] = True
            if i + 1 < len(lines):
                i += 1
                blank[i] = True
        elif dialect == "tsql" and stripped[:1] in (":", "!") and _SQLCMD.match(line):
            blank[i] = True  # sqlcmd's own commands: :setvar, :r file, :on error exit, !!shell
        elif dialect == "tsql" and stripped[:2].upper() == "GO" and _GO.match(line):
            if _is_routine("\n".join(lines[batch_start:i])):
                for j in range(batch_start, i):
                    blank[j] = True
            lines[i] = ";" + " " * (len(line) - 1) if line else ";"
            batch_start = i + 1
        elif dialect == "oracle" and (stripped.rstrip() == "/" or (unit := _ROUTINE.match(line))):
            if stripped.rstrip() != "/":  # a PL/SQL unit runs to the next '/' line
                start = i
                while i < len(lines) and lines[i].strip() != "/":
                    blank[i] = True
                    i += 1
                if unit is not None and unit.group(6) and "IMMEDIATE" in (block := "\n".join(lines[start:i])).upper():
                    lines[start:i] = _immediate_ddl(block).split("\n")  # an anonymous block run at deploy time
                    blank[start:i] = [False] * (i - start)
            if i < len(lines):
                blank[i] = True
        if dialect == "oracle" and i < len(lines):  # only SQL*Plus needs it: no cost on other dialects' dumps
            between = _between(lines[i], between) if not blank[i] else True
        i += 1
    if dialect == "tsql" and batch_start < len(lines):
        if _is_routine("\n".join(lines[batch_start:])):
            for j in range(batch_start, len(lines)):
                blank[j] = True
    if not any(blank):
        return "\n".join(lines)
    return "\n".join(" " * len(line) if b else line for line, b in zip(lines, blank))


def _between(line: str, before: bool) -> bool:
    """Whether a new statement may start after `line`: it ended one (`;`, Oracle's `/`); a blank or comment line
    changes nothing; any other line is inside a statement."""
    code = line.split("--", 1)[0].strip()
    if not code or code.startswith(("/*", "*")) or code.endswith("*/"):
        return before
    return code.endswith(";") or code == "/"


# PL/SQL runs DDL only as dynamic SQL: BEGIN EXECUTE IMMEDIATE 'CREATE TABLE audit (...)'; EXCEPTION ... END;
_IMMEDIATE = re.compile(r"EXECUTE\s+IMMEDIATE\s+'((?:[^']|'')*)'", re.IGNORECASE)
_DDL_TEXT = re.compile(r"\s*(CREATE\s+(GLOBAL\s+TEMPORARY\s+)?TABLE|ALTER\s+TABLE|COMMENT\s+ON\s+COLUMN)\b", re.IGNORECASE)


def _immediate_ddl(block: str) -> str:
    """`block` blanked but for the table DDL its EXECUTE IMMEDIATE strings hold, each ended by `;` where its
    closing quote was (`''` read as `'`); lengths and newlines kept, so lines and columns stay where they were."""
    out = [ch if ch == "\n" else " " for ch in block]
    for m in _IMMEDIATE.finditer(block):
        if not _DDL_TEXT.match(m.group(1)):
            continue
        ddl = m.group(1).replace("''", "' ")
        out[m.start(1) : m.end(1)] = list(ddl)
        out[m.end(1)] = ";"
    return "".join(out)


def _is_routine(batch: str) -> bool:
    """A T-SQL batch to blank: a routine, or a BEGIN/DECLARE block that creates or alters no table."""
    m = _ROUTINE.match(_strip_comments(batch))
    return m is not None and not (m.group(6) and _TABLE_DDL.search(batch))


def _strip_comments(text: str) -> str:
    m = _LEADING_COMMENTS.match(text)
    return text[m.end() :] if m else text


def _tokenize(dialect: Dialect, sql: str) -> list[Token] | None:
    try:
        return dialect.tokenize(sql)
    except TokenError:
        return None


def _by_semicolons(tokens: list[Token], sql: str, base: int) -> Iterator[Statement]:
    start = 0
    for i, token in enumerate(tokens):
        if token.token_type == TokenType.SEMICOLON:
            if i > start:
                yield Statement(sql, tokens[start:i], base)
            start = i + 1
    if start < len(tokens):
        yield Statement(sql, tokens[start:], base)


class Unreadable(Exception):
    """A statement the tokenizer rejects; carries the line of its first character."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line = line


def split_statements(text: str, dialect: str, chunk: int = CHUNK) -> Iterator[Statement | Unreadable]:
    """Statements in file order; a statement the tokenizer cannot read comes back as `Unreadable`."""
    d = Dialect.get_or_raise(dialect)
    text = blank_noise(text, dialect)
    pos, base = 0, 0
    while pos < len(text):
        size = chunk
        while True:
            end = text.find(";\n", pos + size)
            end = len(text) if end < 0 else end + 1
            piece = text[pos:end]
            tokens = _tokenize(d, piece)
            if tokens is not None or end >= len(text):
                break
            size *= 2
        if tokens is None:  # a bad string or comment somewhere: fall back to line-end semicolons
            yield from _fallback(d, text[pos:], base)
            return
        yield from _by_semicolons(tokens, piece, base)
        base += piece.count("\n")
        pos = end


def _culprit(d: Dialect, piece: str) -> tuple[int, str]:
    """The line (1-based, in `piece`) where tokenizing first fails, and its text: not the leading comment."""
    lead = _LEADING_COMMENTS.match(piece)
    start = lead.end() if lead else 0
    lines = piece[start:].split("\n")
    skipped = piece.count("\n", 0, start)
    for k in range(1, min(len(lines), 200) + 1):  # the first prefix of lines that fails ends on the culprit
        if _tokenize(d, "\n".join(lines[:k])) is None:
            return skipped + k, lines[k - 1].strip()[:60]
    return skipped + 1, lines[0].strip()[:60]


def _fallback(d: Dialect, text: str, base: int) -> Iterator[Statement | Unreadable]:
    start = 0
    for match in re.finditer(r";[ \t]*(?:\n|$)|\Z", text):
        piece = text[start : match.end()]
        if piece.strip():
            tokens = _tokenize(d, piece)
            if tokens is None:
                line, near = _culprit(d, piece)
                yield Unreadable(base + line, f"cannot tokenize (unterminated string or comment?) near {near!r}")
            else:
                yield from _by_semicolons(tokens, piece, base)
        base += piece.count("\n")
        start = match.end()
        if start >= len(text):
            break
