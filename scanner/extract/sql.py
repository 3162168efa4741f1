"""SQL extractor: DDL statement by statement, so one bad statement loses nothing else.

The file is split on the dialect tokenizer's semicolons and each statement is
parsed alone: errors stay per statement, and memory stays a fraction of a
whole-file `sqlglot.parse` (which keeps every token and tree alive at once).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from sqlglot import exp, parse_one
from sqlglot.dialects.dialect import Dialect
from sqlglot.errors import ParseError as SqlParseError
from sqlglot.errors import TokenError
from sqlglot.tokens import TokenType

from scanner.inventory import FileResult, Location, ParseError, RawField

# Client-side and session noise in dumps: not schema, not errors.
_NOISE = re.compile(
    r"^\s*(SET|USE|LOCK\s+TABLES|UNLOCK\s+TABLES|BEGIN|COMMIT|START\s+TRANSACTION|ROLLBACK|GO|DELIMITER|"
    r"SELECT\s+pg_catalog\.|\\|PRAGMA|GRANT|REVOKE|ANALYZE|VACUUM|CHECKPOINT|EXEC\s+sp_)",
    re.IGNORECASE,
)
_COPY_DATA = re.compile(r"^COPY\s.+\sFROM\s+stdin;\s*$", re.IGNORECASE)


@dataclass
class Statement:
    text: str
    line: int  # 1-based line where the statement starts


def guess_dialect(text: str) -> str:
    """A cheap look at the content; the caller reports the guess."""
    head = text[:20000]
    if re.search(r"ENGINE\s*=|AUTO_INCREMENT|`\w+`|/\*!\d{5}", head, re.IGNORECASE):
        return "mysql"
    if re.search(r"^\s*GO\s*$|\[dbo\]|NVARCHAR\(MAX\)|IDENTITY\(\d+,\s*\d+\)", head, re.IGNORECASE | re.MULTILINE):
        return "tsql"
    if re.search(r"AUTOINCREMENT|WITHOUT ROWID|sqlite_", head, re.IGNORECASE):
        return "sqlite"
    return "postgres"


def _blank_noise_lines(text: str) -> str:
    """Blank out pg_dump COPY data and psql meta-commands, keeping line numbers."""
    out, in_copy = [], False
    for line in text.split("\n"):
        if in_copy:
            in_copy = line.strip() != "\\."
            out.append("")
            continue
        if _COPY_DATA.match(line):
            in_copy = True
            out.append("")
        elif line.lstrip().startswith("\\") or re.match(r"^\s*(GO|DELIMITER\b.*)\s*$", line, re.IGNORECASE):
            out.append("")
        else:
            out.append(line)
    return "\n".join(out)


def split_statements(text: str, dialect: str) -> Iterator[Statement]:
    text = _blank_noise_lines(text)
    try:
        tokens = Dialect.get_or_raise(dialect).tokenize(text)
    except TokenError:
        tokens = None
    if tokens is None:  # fall back to semicolons at line ends
        start, line = 0, 1
        for match in re.finditer(r";[ \t]*(?:\n|$)", text):
            chunk = text[start : match.start()]
            yield Statement(chunk, line + _leading_newlines(chunk))
            line += text[start : match.end()].count("\n")
            start = match.end()
        if text[start:].strip():
            yield Statement(text[start:], line + _leading_newlines(text[start:]))
        return
    begin = 0
    for token in tokens:
        if token.token_type == TokenType.SEMICOLON:
            chunk = text[begin : token.start]
            if chunk.strip():
                yield Statement(chunk, text.count("\n", 0, begin) + 1 + _leading_newlines(chunk))
            begin = token.end + 1
    if text[begin:].strip():
        chunk = text[begin:]
        yield Statement(chunk, text.count("\n", 0, begin) + 1 + _leading_newlines(chunk))


def _leading_newlines(chunk: str) -> int:
    stripped = re.match(r"\s*(?:--[^\n]*\n\s*|/\*.*?\*/\s*)*", chunk, re.DOTALL)
    return chunk[: stripped.end()].count("\n") if stripped else 0


def _line_of(node: exp.Expression, base: int) -> int:
    line = node.meta.get("line") if isinstance(node, exp.Identifier) else None
    if line is None and isinstance(node.this, exp.Identifier):
        line = node.this.meta.get("line")
    return base + (line - 1 if isinstance(line, int) else 0)


def _table_name(table: exp.Expression | None) -> str:
    if isinstance(table, exp.Schema):
        table = table.this
    return table.name if isinstance(table, exp.Table) else ""


def _column_comment(col: exp.ColumnDef) -> str:
    for constraint in col.constraints:
        if isinstance(constraint.kind, exp.CommentColumnConstraint):
            return constraint.kind.name
    return ""


class _Schema:
    """Tables and columns as the statements leave them, in file order."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.tables: dict[str, dict[str, RawField]] = {}

    def add(self, table: str, col: exp.ColumnDef, base: int, text: str) -> None:
        type_sql = col.args["kind"].sql() if col.args.get("kind") else ""
        evidence = " ".join(f"{col.name} {type_sql}".split())
        comment = _column_comment(col)
        if comment:
            evidence += f"  -- {comment}"
        line = _line_of(col, base)
        self.tables.setdefault(table, {})[col.name.lower()] = RawField(
            col.name, table, "sql_table", Location(self.path, line), evidence, type_sql
        )

    def drop(self, table: str, column: str) -> None:
        self.tables.get(table, {}).pop(column.lower(), None)

    def rename(self, table: str, old: str, new: str) -> None:
        cols = self.tables.get(table, {})
        field = cols.pop(old.lower(), None)
        if field is not None:
            cols[new.lower()] = RawField(new, table, field.kind, field.location, field.evidence, field.type_hint)

    def comment(self, table: str, column: str, text: str) -> None:
        cols = self.tables.get(table, {})
        field = cols.get(column.lower())
        if field is not None:
            cols[column.lower()] = RawField(field.name, table, field.kind, field.location,
                                            f"{field.evidence}  -- {text}", field.type_hint)


def _apply(stmt: exp.Expression, schema: _Schema, base: int, text: str) -> str | None:
    """Apply one statement; return an error message for DDL we could not read."""
    if isinstance(stmt, exp.Create) and (stmt.kind or "").upper() == "TABLE":
        table = _table_name(stmt.this)
        if isinstance(stmt.this, exp.Schema):
            schema.tables.setdefault(table, {})
            for col in stmt.this.expressions:
                if isinstance(col, exp.ColumnDef):
                    schema.add(table, col, base, text)
    elif isinstance(stmt, exp.Alter):
        table = _table_name(stmt.this)
        for action in stmt.args.get("actions") or ():
            if isinstance(action, exp.ColumnDef):
                schema.add(table, action, base, text)
            elif isinstance(action, exp.Drop) and (action.kind or "").upper() == "COLUMN":
                for column in action.args.get("tables") or ([action.this] if action.this else []):
                    schema.drop(table, column.name)
            elif isinstance(action, exp.RenameColumn):
                schema.rename(table, action.this.name, action.args["to"].name)
    elif isinstance(stmt, exp.Comment) and (stmt.args.get("kind") or "").upper() == "COLUMN":
        column = stmt.this
        if isinstance(column, exp.Column):
            schema.comment(column.table, column.name, stmt.expression.name)
    elif isinstance(stmt, exp.Command) and re.match(r"\s*(CREATE|ALTER)\s+TABLE", text, re.IGNORECASE):
        return "DDL the SQL parser does not support (columns not read)"
    return None


def extract_sql(source: str, path: str, dialect: str = "") -> tuple[FileResult, list[RawField]]:
    dialect = dialect or guess_dialect(source)
    result = FileResult(path, lines=source.count("\n") + 1)
    schema = _Schema(path)
    for statement in split_statements(source, dialect):
        text = statement.text
        if _NOISE.match(text) or not re.search(r"\w", re.sub(r"--[^\n]*|/\*.*?\*/", "", text, flags=re.DOTALL)):
            continue
        try:
            stmt = parse_one(text, read=dialect)
        except (SqlParseError, TokenError) as exc:
            errors = getattr(exc, "errors", None) or [{}]
            first = errors[0] if errors else {}
            offset = (first.get("line") or 1) - 1 - _leading_newlines(text)
            reason = first.get("description") or str(exc).splitlines()[0]
            result.errors.append(ParseError(Location(path, statement.line + max(offset, 0)), f"SQL ({dialect}): {reason}"))
            continue
        if stmt is None:
            continue
        base = statement.line - _leading_newlines(text)
        problem = _apply(stmt, schema, base, text)
        if problem:
            result.errors.append(ParseError(Location(path, statement.line), f"SQL ({dialect}): {problem}"))
    fields = [field for columns in schema.tables.values() for field in columns.values()]
    return result, fields
