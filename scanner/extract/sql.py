"""SQL extractor: DDL statement by statement, so one bad statement loses nothing else.

The file is split on the dialect tokenizer's semicolons (scanner/extract/sql_split.py)
and each statement is parsed alone from its own tokens: errors stay per
statement, and memory stays a fraction of a whole-file `sqlglot.parse`. Noise
(session settings, data, grants, indexes, routines) is recognised from its
first words and never parsed. What is read becomes schema `Op`s, replayed here
for this file and again across a migration folder in sql_project.py.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from typing import NamedTuple

from sqlglot import exp
from sqlglot.dialects.dialect import Dialect
from sqlglot.errors import ParseError as SqlParseError
from sqlglot.errors import TokenError
from sqlglot.parser import Parser
from sqlglot.tokenizer_core import Token

from scanner.extract import sql_dbt
from scanner.extract.sql_dialects import DialectChoice, choose, normalize
from scanner.extract.sql_lineage import query_columns, table_name
from scanner.extract.sql_migrations import down_sections
from scanner.extract.sql_schema import Column, Op, Schema
from scanner.extract.sql_split import Statement, Unreadable, split_statements
from scanner.inventory import FileResult, Location, ParseError, RawField

DEFERRED_KEY = "sql"


class SqlFacts(NamedTuple):
    """What a SQL file leaves in `FileResult.deferred[DEFERRED_KEY]` for the project pass."""

    dialect: DialectChoice
    ops: tuple[Op, ...]
    dbt_model: str  # model name when the file is a dbt model, else ""
    queries: int = 0  # the file holds only queries (SELECT ...): how many; it is skipped, and said so
    # a SQLMesh SEED model that declares no columns: its CSV (relative to the file) and the line naming it; the
    # project pass reads the CSV's header (sql_project), as SQLMesh takes the columns from it
    seed: tuple[str, int] = ("", 0)


class _SilenceCommandFallback(logging.Filter):
    # sqlglot warns when it falls back to exp.Command; we report those ourselves, once
    def filter(self, record: logging.LogRecord) -> bool:
        return "unsupported syntax" not in record.getMessage()


logging.getLogger("sqlglot").addFilter(_SilenceCommandFallback())

# First words of statements that never change the schema: skipped unparsed.
_NOISE_FIRST = frozenset(
    "SET USE LOCK UNLOCK BEGIN COMMIT END START ROLLBACK SAVEPOINT RELEASE PRAGMA GRANT REVOKE ANALYZE ANALYSE "
    "VACUUM CHECKPOINT PRINT DECLARE CALL DO SHOW DESCRIBE DESC EXPLAIN TRUNCATE INSERT REPLACE UPDATE DELETE "
    "MERGE UPSERT COPY CLUSTER REINDEX REFRESH SECURITY LOAD FLUSH OPTIMIZE RESET DISCARD LISTEN NOTIFY ATTACH "
    "DETACH IF VALUES RAISERROR DBCC BACKUP RESTORE WAITFOR SELECT WITH GO SPOOL PROMPT WHENEVER EXIT QUIT "
    "DEALLOCATE PREPARE FETCH CLOSE OPEN MOVE IMPORT EXPORT PUT GET LIST REMOVE UNDROP USING REPAIR CHECK CHECKSUM".split()
)
_SCHEMA_OBJECTS = frozenset({"TABLE", "VIEW"})
_OTHER_OBJECTS = frozenset(
    "INDEX SEQUENCE FUNCTION PROCEDURE PROC TRIGGER EXTENSION SCHEMA TYPE DOMAIN ROLE USER DATABASE SYNONYM "
    "TABLESPACE PUBLICATION SUBSCRIPTION POLICY RULE AGGREGATE OPERATOR CAST COLLATION EVENT SERVER STATISTICS "
    "LOGIN STAGE PIPE STREAM TASK WAREHOUSE FORMAT PACKAGE CONVERSION LANGUAGE TRANSFORM ACCESS MODEL".split()
)
# ALTER TABLE actions that touch columns; the rest (constraints, owners, defaults) are skipped unparsed
_COLUMN_ACTION = re.compile(
    r"\b(ADD\s+(?!CONSTRAINT|PRIMARY|UNIQUE|FOREIGN|CHECK|INDEX|KEY|FULLTEXT|SPATIAL|PARTITION|EXCLUDE|GENERATED|PERIOD)"
    r"|DROP\s+(?!CONSTRAINT|PRIMARY|INDEX|KEY|FOREIGN|PARTITION|DEFAULT|NOT|IDENTITY|EXPRESSION|CHECK|UNIQUE)"
    r"|RENAME\b|CHANGE\b|MODIFY\b|\bTYPE\b|SET\s+UNUSED\b"  # Oracle's SET UNUSED: a drop
    # T-SQL retypes with no TYPE word: ALTER COLUMN [Email] nvarchar(400)
    r"|ALTER\s+COLUMN\s+[\w\"`\[\]]+\s+(?!SET\b|DROP\b|ADD\b|RESET\b|OPTIONS\b|RESTART\b)[\w\[])",
    re.IGNORECASE,
)
_COLUMN_DDL = re.compile(r"\b(ADD\s+COLUMN|DROP\s+COLUMN|RENAME\s+COLUMN|CHANGE|MODIFY)\b", re.IGNORECASE)
_RENAME_TABLES = re.compile(r"([\w.`\"\[\]]+)\s+TO\s+([\w.`\"\[\]]+)", re.IGNORECASE)
_QUOTES = re.compile(r"[`\"\[\]]")
_TYPE_NAME = r"((?:[\w\"\[\]`]+\.)*[\w\"\[\]`]+)"
# sqlglot's messages can embed a token's repr: `got <Token token_type: TokenType.L_BRACE, text: {, line: 1, ...>`
_TOKEN_REPR = re.compile(r"<Token token_type: [\w.]+, text: (.*?), line: \d+[^>]*>")


def _head(tokens: list[Token], n: int) -> list[str]:
    return [t.text.upper() for t in tokens[:n]]


def _wanted(st: Statement, dbt: bool) -> bool:
    """Decide from the first words whether a statement can change the schema."""
    head = _head(st.tokens, 16)
    first = head[0]
    if first in ("SELECT", "WITH", "(") and dbt:
        return True
    if first in _NOISE_FIRST:
        return False
    if first == "CREATE":
        for word in head[1:]:
            if word in _SCHEMA_OBJECTS:
                return True
            if word in _OTHER_OBJECTS:
                return False
        return False
    if first == "ALTER":
        return len(head) > 1 and head[1] == "TABLE" and bool(_COLUMN_ACTION.search(st.text))
    if first == "DROP":
        return len(head) > 1 and head[1] in _SCHEMA_OBJECTS
    if first == "COMMENT":
        return len(head) > 2 and head[2] == "COLUMN"
    if first in ("EXEC", "EXECUTE"):
        return any(word in head for word in ("SP_RENAME", "SP_ADDEXTENDEDPROPERTY", "SP_UPDATEEXTENDEDPROPERTY"))
    return True  # unknown: parse it, so a typo is reported rather than ignored


_TYPE_CACHE: dict[tuple[str, object, bool, object], str] = {}


def _type_text(kind: exp.Expression | None, dialect: str) -> str:
    """The column type as the dialect writes it; cached, since generating SQL is the slow part."""
    if not isinstance(kind, exp.DataType) or kind.this == exp.DataType.Type.USERDEFINED:
        return kind.sql(dialect=dialect) if isinstance(kind, exp.Expression) else ""
    params = kind.expressions
    simple = all(isinstance(p, exp.DataTypeParam) and isinstance(p.this, exp.Literal) for p in params)
    if not simple or kind.args.get("values") or kind.args.get("nested"):
        return kind.sql(dialect=dialect)
    nullable = kind.args.get("nullable")  # ClickHouse: `UInt32` is not `Nullable(UInt32)`
    key = (dialect, kind.this, bool(params), nullable)
    base = _TYPE_CACHE.get(key)
    if base is None:
        # with a placeholder length: MySQL writes a bare VARCHAR as TEXT, VARCHAR(n) as VARCHAR(n)
        probe = [exp.DataTypeParam(this=exp.Literal.number(1))] if params else []
        text = exp.DataType(this=kind.this, expressions=probe, nullable=nullable).sql(dialect=dialect)
        base = _TYPE_CACHE[key] = text[: text.index("(")] if probe and "(" in text else text
    return f"{base}({', '.join(p.this.name for p in params)})" if params else base


def _comment(col: exp.ColumnDef) -> str:
    texts = [" ".join(c.split()) for c in col.comments or ()]
    for constraint in col.constraints:
        kind = constraint.kind
        if isinstance(kind, exp.CommentColumnConstraint):
            texts.append(kind.name)
        elif isinstance(kind, exp.Properties):  # BigQuery OPTIONS(description='...')
            texts.extend(p.args["value"].name for p in kind.expressions
                         if isinstance(p, exp.Property) and p.name.lower() == "description" and p.args.get("value"))
    return "; ".join(t for t in texts if t)


def _line(node: exp.Expression, base: int, default: int) -> int:
    ident = node.this if not isinstance(node, exp.Identifier) else node
    line = ident.meta.get("line") if isinstance(ident, exp.Identifier) else None
    return base + line if isinstance(line, int) else default


def _column(col: exp.ColumnDef, base: int, default: int, dialect: str) -> Column:
    return Column(col.name, _type_text(col.args.get("kind"), dialect), _line(col, base, default), _comment(col))


def _table(node: exp.Expression | None) -> str:
    if isinstance(node, exp.Schema):
        node = node.this
    return table_name(node) if isinstance(node, exp.Table) else ""


def _inline_index(node: exp.Expression) -> bool:
    """SQL Server's `INDEX ix_email NONCLUSTERED (email)` inside a CREATE TABLE, which sqlglot reads as a column
    named INDEX of a user-defined type `ix_email`: no column."""
    kind = node.args.get("kind")
    return (isinstance(node, exp.ColumnDef) and isinstance(node.this, exp.Identifier) and not node.this.quoted
            and node.name.upper() == "INDEX" and isinstance(kind, exp.DataType)
            and kind.this == exp.DataType.Type.USERDEFINED)


def _create(stmt: exp.Create, base: int, line: int, dialect: str) -> Iterator[Op]:
    kind = (stmt.kind or "").upper()
    table = _table(stmt.this)
    action = "create_if_absent" if stmt.args.get("exists") else "create"
    query = stmt.expression
    if kind == "VIEW" or isinstance(query, exp.Query):
        columns = query_columns(query, base, line) if isinstance(query, exp.Query) else []
        if isinstance(stmt.this, exp.Schema):  # CREATE VIEW v (a, b) AS ...: names by position
            names = [e.name for e in stmt.this.expressions]
            columns = [Column(names[i] if i < len(names) else c.name, c.type_sql, c.line, c.comment, c.refs)
                       for i, c in enumerate(columns)]
        yield Op(action, table, line, tuple(columns), kind="sql_view" if kind == "VIEW" else "sql_table")
    elif isinstance(stmt.this, exp.Schema):
        defs = stmt.this.expressions
        like = next((_table(e.this) for e in defs if isinstance(e, exp.LikeProperty)), "")
        # SQLite needs no type: `CREATE TABLE contacts (id, email, phone)` gives bare identifiers
        cols = tuple(_column(c, base, line, dialect) if isinstance(c, exp.ColumnDef) else Column(c.name, "", _line(c, base, line))
                     for c in defs if isinstance(c, (exp.ColumnDef, exp.Identifier)) and not _inline_index(c))
        yield Op(action, table, line, cols, value=like)
    elif like_source := _like(stmt):  # CREATE TABLE b LIKE a / CLONE a: no parentheses
        yield Op(action, table, line, value=like_source)
    # CREATE TABLE t PARTITION OF p: the parent already holds the columns


# A type the schema defines: PostgreSQL's (and the standard's) `CREATE DOMAIN email_address AS citext CHECK (...)`,
# T-SQL's alias type `CREATE TYPE dbo.Email FROM nvarchar(256)`, a composite `CREATE TYPE postal_address AS
# (street text, city text, postcode text)` or Oracle's `AS OBJECT (...)`. A column of that type is read through it
# (sql_schema.Schema.types); enums, ranges and table types are no column's structure and are left alone.
_DOMAIN = re.compile(rf"\s*CREATE\s+(?:OR\s+REPLACE\s+)?(?:DOMAIN\s+(?:IF\s+NOT\s+EXISTS\s+)?{_TYPE_NAME}\s+(?:AS\s+)?"
                     rf"|TYPE\s+{_TYPE_NAME}\s+FROM\s+)"
                     r"(.+?)(?=\s+(?:CHECK|NOT|NULL|DEFAULT|CONSTRAINT|COLLATE)\b|\s*;?\s*$)",
                     re.IGNORECASE | re.DOTALL)
_COMPOSITE = re.compile(rf"\s*CREATE\s+(?:OR\s+REPLACE\s+)?TYPE\s+{_TYPE_NAME}\s+(?:AS|IS)\s+(?:OBJECT\s*)?(\(.*\))"
                        r"(?:\s*(?:NOT\s+)?(?:FINAL|INSTANTIABLE))*\s*;?\s*$", re.IGNORECASE | re.DOTALL)
_ATTRIBUTE = re.compile(r"(\"[^\"]+\"|\[[^\]]+\]|`[^`]+`|\w+)\s+(.+)", re.DOTALL)


def _user_type(text: str, line: int) -> Op | None:
    """`CREATE DOMAIN` / `CREATE TYPE` of a column type -> a define_type op; None for any other statement."""
    if (m := _DOMAIN.match(text)) is not None:
        name = m.group(1) or m.group(2)
        return Op("define_type", _QUOTES.sub("", name), line, value=" ".join(m.group(3).split()))
    if (m := _COMPOSITE.match(text)) is not None and (items := _paren_list(m.group(2))):
        attrs = [a for a in (_ATTRIBUTE.match(item) for item in items) if a is not None]
        columns = tuple(Column(_QUOTES.sub("", a.group(1)), " ".join(a.group(2).split()), line) for a in attrs)
        return Op("define_type", _QUOTES.sub("", m.group(1)), line, columns)
    return None


# A defined type's history: `ALTER TYPE postal_address ADD ATTRIBUTE postcode text, RENAME ATTRIBUTE a TO b`,
# `ALTER TYPE t RENAME TO u`, `ALTER DOMAIN d RENAME TO e` (PostgreSQL): the columns of that type follow it
_ALTER_TYPE = re.compile(rf"\s*ALTER\s+(TYPE|DOMAIN)\s+{_TYPE_NAME}\s+(.+?)\s*;?\s*$", re.IGNORECASE | re.DOTALL)
_TYPE_ACTIONS = (
    (re.compile(r"ADD\s+ATTRIBUTE\s+(\"[^\"]+\"|\w+)\s+(.+?)(?:\s+(?:COLLATE\s+\S+|CASCADE|RESTRICT))*", re.I | re.S),
     "type_add_attribute"),
    (re.compile(r"DROP\s+ATTRIBUTE\s+(?:IF\s+EXISTS\s+)?(\"[^\"]+\"|\w+)(?:\s+(?:CASCADE|RESTRICT))?()", re.I | re.S),
     "type_drop_attribute"),
    (re.compile(r"RENAME\s+ATTRIBUTE\s+(\"[^\"]+\"|\w+)\s+TO\s+(\"[^\"]+\"|\w+)(?:\s+(?:CASCADE|RESTRICT))?", re.I | re.S),
     "type_rename_attribute"),
    (re.compile(r"ALTER\s+ATTRIBUTE\s+(\"[^\"]+\"|\w+)\s+(?:SET\s+DATA\s+)?TYPE\s+(.+?)(?:\s+(?:COLLATE\s+\S+|CASCADE|RESTRICT))*",
                re.I | re.S), "type_retype_attribute"),
)
_TYPE_RENAME = re.compile(r"RENAME\s+TO\s+(\"[^\"]+\"|\w+)", re.IGNORECASE)


def _altered_type(text: str, line: int) -> list[Op]:
    """The ops of an ALTER TYPE / ALTER DOMAIN that changes a type's name or a composite's attributes; [] for any
    other (an enum's ADD VALUE, an owner, a constraint: nothing a column's reading depends on)."""
    m = _ALTER_TYPE.match(text)
    if m is None:
        return []
    name, rest = _QUOTES.sub("", m.group(2)), m.group(3)
    if (renamed := _TYPE_RENAME.fullmatch(rest)) is not None:
        return [Op("rename_type", name, line, value=_QUOTES.sub("", renamed.group(1)))]
    if m.group(1).upper() != "TYPE" or (items := _paren_list(f"({rest})")) is None:
        return []
    ops: list[Op] = []
    for item in items:
        for pattern, action in _TYPE_ACTIONS:
            if (a := pattern.fullmatch(item.strip())) is not None:
                attr, other = _QUOTES.sub("", a.group(1)), " ".join(a.group(2).split())
                if action == "type_add_attribute":
                    ops.append(Op(action, name, line, (Column(attr, other, line),)))
                else:
                    ops.append(Op(action, name, line, column=attr, value=_QUOTES.sub("", other)))
                break
    return ops


_VIRTUAL = re.compile(r"\s*CREATE\s+VIRTUAL\s+TABLE\s+(IF\s+NOT\s+EXISTS\s+)?([\w.`\"\[\]]+)\s+USING\s+\w+\s*\((.*)\)\s*$",
                      re.IGNORECASE | re.DOTALL)


def _virtual(text: str, line: int) -> Op | None:
    """SQLite `CREATE VIRTUAL TABLE t USING fts5(sender, body UNINDEXED, tokenize='porter')`: untyped columns.

    sqlglot rejects it (or reads an opaque command); the module's arguments that are not `key=value`
    options are the table's columns (fts3/4/5, rtree).
    """
    m = _VIRTUAL.match(text)
    if m is None:
        return None
    args, offset, depth, start = m.group(3), m.start(3), 0, 0
    columns: list[Column] = []
    for i, ch in enumerate(args + ","):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "," and depth == 0:
            arg = args[start:i]
            words = arg.split()
            if words and "=" not in arg:
                at = line + text.count("\n", 0, offset + start + len(arg) - len(arg.lstrip()))
                columns.append(Column(_QUOTES.sub("", words[0]), "", at))
            start = i + 1
    action = "create_if_absent" if m.group(1) else "create"
    return Op(action, _QUOTES.sub("", m.group(2)), line, tuple(columns))


def _like(stmt: exp.Create) -> str:
    """MySQL `CREATE TABLE b LIKE a`, Snowflake/BigQuery `CREATE TABLE b CLONE a`: b has a's columns."""
    clone = stmt.args.get("clone")
    if isinstance(clone, exp.Clone):
        return _table(clone.this)
    properties = stmt.args.get("properties")
    found = next((p for p in properties.expressions if isinstance(p, exp.LikeProperty)), None) if properties else None
    return _table(found.this) if found is not None else ""


def _alter(stmt: exp.Alter, base: int, line: int, dialect: str) -> Iterator[Op | str]:
    table = _table(stmt.this)
    for action in stmt.args.get("actions") or ():
        if isinstance(action, exp.Schema):  # Oracle: ADD (a type, b type)
            cols = tuple(_column(c, base, line, dialect) for c in action.expressions if isinstance(c, exp.ColumnDef))
            yield Op("add", table, line, cols)
        elif isinstance(action, exp.ColumnDef):
            yield Op("add", table, line, (_column(action, base, line, dialect),))
        elif isinstance(action, exp.Drop) and (action.kind or "COLUMN").upper() == "COLUMN":
            for column in action.args.get("tables") or ([action.this] if action.this else []):
                yield Op("drop_column", table, line, column=column.name)
        elif isinstance(action, exp.RenameColumn):
            yield Op("rename_column", table, line, column=action.this.name, value=action.args["to"].name)
        elif isinstance(action, exp.AlterRename):
            to = next((o for o in stmt.args.get("options") or () if isinstance(o, exp.ToTableProperty)), None)
            if to is not None:  # PostgreSQL ALTER TABLE t RENAME a TO b: COLUMN is optional
                yield Op("rename_column", table, line, column=action.this.name, value=to.this.name)
            else:
                yield Op("rename_table", table, line, value=_table(action.this))
        elif isinstance(action, exp.ModifyColumn):  # MySQL CHANGE old new type / MODIFY col type
            col = action.this
            old = action.args.get("rename_from")
            if isinstance(col, exp.ColumnDef) and not isinstance(col.this, exp.Identifier):
                # CHANGE `ip` VARCHAR(61) (cowrie): one name, so sqlglot took the type for the new name
                if isinstance(old, exp.Expression) and isinstance(col.this, (exp.Anonymous, exp.DataType, exp.Column)):
                    kind = col.this.sql(dialect=dialect) if not isinstance(col.this, exp.Column) else col.this.name
                    yield Op("retype", table, line, column=old.name, value=kind)
                else:
                    yield "sqlglot could not tell the column's name in this CHANGE/MODIFY; it was not applied"
                continue
            if isinstance(old, exp.Expression) and old.name.lower() != col.name.lower():
                yield Op("rename_column", table, line, column=old.name, value=col.name)
            if isinstance(col, exp.ColumnDef):
                yield Op("retype", table, line, column=col.name, value=_type_text(col.args.get("kind"), dialect))
                if comment := _comment(col):
                    yield Op("comment", table, line, column=col.name, value=comment)
        elif isinstance(action, exp.AlterColumn) and action.args.get("dtype") is not None:
            yield Op("retype", table, line, column=action.name, value=_type_text(action.args["dtype"], dialect))
        elif isinstance(action, exp.AlterColumn) and isinstance(action.args.get("comment"), exp.Literal):
            # Snowflake ALTER COLUMN c COMMENT '...': the column's comment, as COMMENT ON COLUMN is
            yield Op("comment", table, line, column=action.name, value=action.args["comment"].name)
        elif isinstance(action, exp.Command):  # an action sqlglot did not understand inside a readable ALTER
            words = action.expression.name if isinstance(action.expression, exp.Expression) else str(action.expression or "")
            if action.name.upper() == "DROP" and (names := _paren_list(words)) is not None:
                for name in names:  # Oracle: DROP (a, b)
                    yield Op("drop_column", table, line, column=_QUOTES.sub("", name.split()[0]))
            elif _COLUMN_DDL.search(f"{action.name} {words}"):
                yield f"unparsed DDL: sqlglot could not read {action.name.upper()} {words[:40]!r} in this ALTER TABLE; not applied"


def _execute(stmt: exp.Execute, line: int) -> Iterator[Op]:
    procedure = stmt.this.name.lower() if isinstance(stmt.this, exp.Expression) else ""
    if procedure == "sp_rename":
        yield from _sp_rename(stmt, line)
    elif procedure in ("sp_addextendedproperty", "sp_updateextendedproperty"):
        yield from _description(stmt, line)


_PROPERTY_ARGS = ("name", "value", "level0type", "level0name", "level1type", "level1name", "level2type", "level2name")


def _description(stmt: exp.Execute, line: int) -> Iterator[Op]:
    """SQL Server's column comment: sp_addextendedproperty 'MS_Description', 'Mobile number', ..., 'COLUMN', 'Phone'
    (named `@level2name=N'Phone'` or by position), as SSMS scripts document columns."""
    args: dict[str, str] = {}
    for i, arg in enumerate(stmt.expressions):
        if isinstance(arg, exp.EQ) and isinstance(arg.this, exp.Parameter):
            args[arg.this.name.lower()] = arg.expression.name
        elif i < len(_PROPERTY_ARGS):
            args[_PROPERTY_ARGS[i]] = arg.name
    if (args.get("name", "").lower() == "ms_description" and args.get("level1type", "").upper() in ("TABLE", "VIEW")
            and args.get("level2type", "").upper() == "COLUMN" and args.get("level2name") and args.get("value")):
        schema = args.get("level0name", "") if args.get("level0type", "").upper() == "SCHEMA" else ""
        table = f"{schema}.{args['level1name']}" if schema else args.get("level1name", "")
        if table:
            yield Op("comment", table, line, column=args["level2name"], value=args["value"])


def _sp_rename(stmt: exp.Execute, line: int) -> Iterator[Op]:
    args = [a.name for a in stmt.expressions]
    if len(args) >= 2:
        target, new = args[0], args[1]
        if len(args) > 2 and args[2].upper() == "COLUMN":
            table, _, column = target.rpartition(".")
            yield Op("rename_column", _QUOTES.sub("", table), line, column=_QUOTES.sub("", column), value=new)
        elif len(args) == 2:
            yield Op("rename_table", _QUOTES.sub("", target), line, value=new)


def _command(stmt: exp.Command, text: str, line: int) -> Iterator[Op | str]:
    """sqlglot's opaque fallback: rescue what we can, report the rest as unparsed DDL."""
    verb = stmt.name.upper()
    rest = stmt.expression.name if isinstance(stmt.expression, exp.Expression) else str(stmt.expression or "")
    if verb == "RENAME" and rest.upper().startswith("TABLE"):
        for old, new in _RENAME_TABLES.findall(rest[5:]):
            yield Op("rename_table", _QUOTES.sub("", old), line, value=_QUOTES.sub("", new))
    elif verb == "CREATE" and re.search(r"\bTABLE\b", rest[:200], re.IGNORECASE):
        yield "unparsed DDL: sqlglot read this CREATE TABLE as an opaque command, so its columns were not collected"
    elif verb == "ALTER" and (m := _ADD_UNTYPED.match(rest)):  # SQLite: ADD COLUMN phone, with no type
        yield Op("add", _QUOTES.sub("", m.group(1)), line, (Column(_QUOTES.sub("", m.group(2)), "", line),))
    elif verb == "ALTER" and (m := _MODIFY.match(rest)) and (pieces := _modified(m.group(2))):
        for piece in pieces:  # Oracle MODIFY (a VARCHAR2(400), b NUMBER), which sqlglot reads as a command
            if (col := _MODIFIED.match(piece)) and col.group(2).upper() not in _NOT_TYPES:
                yield Op("retype", _QUOTES.sub("", m.group(1)), line, column=_QUOTES.sub("", col.group(1)), value=col.group(2))
    elif verb == "ALTER" and (m := _SET_UNUSED.match(rest)):
        # Oracle: "unused columns are treated as if they were dropped" (no query reaches them; DROP UNUSED COLUMNS
        # later frees their space)
        for name in (_paren_list(m.group(2)) if m.group(2) else None) or [m.group(3) or ""]:
            if name.strip():
                yield Op("drop_column", _QUOTES.sub("", m.group(1)), line, column=_QUOTES.sub("", name.split()[0]))
    elif verb == "ALTER" and _COLUMN_DDL.search(_COLUMN_PROPERTY.sub(" ", rest)):
        yield "unparsed DDL: sqlglot read this ALTER TABLE as an opaque command, so its column changes were not applied"


_NAME = r"(\"[^\"]+\"|`[^`]+`|\[[^\]]+\]|[\w.]+)"
_ADD_UNTYPED = re.compile(rf"\s*TABLE\s+{_NAME}\s+ADD\s+(?:COLUMN\s+)?(?!CONSTRAINT\b|PRIMARY\b|UNIQUE\b|CHECK\b|FOREIGN\b){_NAME}\s*$",
                          re.IGNORECASE)
_MODIFY = re.compile(r"\s*TABLE\s+(?:IF\s+EXISTS\s+)?([\w.\"`\[\]]+)\s+MODIFY\s+(?!COLUMN\b)(.+?)\s*$", re.IGNORECASE | re.DOTALL)
_MODIFIED = re.compile(r"\s*([\w\"`\[\]]+)\s+(\w+(?:\s*\([^)]*\))?)")
_SET_UNUSED = re.compile(r"\s*TABLE\s+([\w.\"\[\]]+)\s+SET\s+UNUSED\s+(?:(\([^()]*\))|COLUMN\s+([\w\"]+))",
                         re.IGNORECASE)
_NOT_TYPES = frozenset({"NOT", "NULL", "DEFAULT", "CONSTRAINT", "ENABLE", "DISABLE", "VISIBLE", "INVISIBLE",
                        "PRIMARY", "UNIQUE", "CHECK", "REFERENCES", "ENCRYPT", "DECRYPT", "COLLATE", "GENERATED"})
# Snowflake column properties, no change of a column's name, type or existence: SET MASKING POLICY, SET TAG ...
_COLUMN_PROPERTY = re.compile(
    r"\b(?:MODIFY|ALTER)\s+(?:COLUMN\s+)?[\w.\"`\[\]]+\s+(?:SET|UNSET)\s+"
    r"(?:MASKING\s+POLICY|PROJECTION\s+POLICY|TAG|COMMENT|NOT\s+NULL|DEFAULT)\b", re.IGNORECASE)


def _modified(text: str) -> list[str]:
    """Oracle MODIFY's columns: `(a t, b t)` or one `a t`; none when more actions follow (`a t, DROP (b)`)."""
    listed = _paren_list(text)
    if listed is not None:
        return listed
    return [text] if _paren_list(f"({text})") == [text.strip()] else []


def _paren_list(text: str) -> list[str] | None:
    """`(a, b(1, 2))` -> ["a", "b(1, 2)"]; None unless the text is one parenthesised list."""
    text = text.strip()
    if not (text.startswith("(") and text.endswith(")")):
        return None
    items, depth, start = [], 0, 1
    for i, ch in enumerate(text[1:-1], 1):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth < 0:
                return None  # `(a) x (b)`: not one list
        elif ch == "," and depth == 0:
            items.append(text[start:i].strip())
            start = i + 1
    items.append(text[start:-1].strip())
    return [item for item in items if item]


_ACTION_WORDS = frozenset({"ADD", "DROP", "RENAME", "MODIFY", "ALTER", "CHANGE", "COMMENT", "CLEAR", "UPDATE",
                           "DELETE", "MATERIALIZE", "REMOVE", "SET", "RESET", "FREEZE", "ATTACH", "DETACH", "REPLACE",
                           "MOVE", "FETCH", "UNFREEZE", "APPLY"})


def _alter_actions(st: Statement) -> list[tuple[str, int]] | None:
    """`ALTER TABLE t a1, a2` as `ALTER TABLE t a1` and `ALTER TABLE t a2`, each with its line; None when the
    statement is no ALTER TABLE with several actions. Commas inside parentheses or a type stay."""
    tokens = st.tokens
    if len(tokens) < 4 or tokens[0].text.upper() != "ALTER" or tokens[1].text.upper() != "TABLE":
        return None
    depth, cuts = 0, []
    for i, token in enumerate(tokens):
        if token.text == "(":
            depth += 1
        elif token.text == ")":
            depth -= 1
        elif token.text == "," and depth == 0 and i + 1 < len(tokens) and tokens[i + 1].text.upper() in _ACTION_WORDS:
            cuts.append(i)
    if not cuts:
        return None
    first = next((i for i in range(2, cuts[0]) if tokens[i].text.upper() in _ACTION_WORDS and i > 2), None)
    if first is None:
        return None
    head = st.sql[tokens[0].start : tokens[first].start]  # ALTER TABLE t [ON CLUSTER c]
    bounds = [first, *(c + 1 for c in cuts)]
    ends = [*(c - 1 for c in cuts), len(tokens) - 1]
    return [(head + st.sql[tokens[b].start : tokens[e].end + 1], st.base + tokens[b].line) for b, e in zip(bounds, ends)]


def _recover(text: str) -> tuple[str, int] | None:
    """A second chance for DDL sqlglot gives up on: trailing table options, materialized views.

    Returns the text to parse again and where a following statement starts (-1: none). T-SQL
    written without `;` or GO (`CREATE TABLE a (...)` then `CREATE TABLE b (...)`) is one
    statement to the splitter; what follows the column list is read, not dropped.
    """
    m = re.match(r"(\s*CREATE\s+(?:OR\s+REPLACE\s+)?)MATERIALIZED\s+(VIEW\b.*?)(\s+WITH\s+(NO\s+)?DATA\s*)?$",
                 text, re.IGNORECASE | re.DOTALL)
    if m:
        return m.group(1) + " " * len("MATERIALIZED ") + m.group(2), -1
    if not re.match(r"\s*CREATE\b[^(]*\bTABLE\b", text, re.IGNORECASE):
        return None
    depth, start = 0, text.find("(")
    if start < 0:
        return None
    for i in range(start, len(text)):  # cut after the column list: WITHOUT ROWID, STRICT, TABLESPACE ...
        ch = text[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                tail = text[i + 1 :]
                if not tail.strip():
                    return None
                after = _NEXT_STATEMENT.search(tail)
                return text[: i + 1], (i + 1 + after.start(1) if after else -1)
    return None


# where a statement starts in the text after a column list: what a missing `;` ran together
_NEXT_STATEMENT = re.compile(
    r"(?:\A|\n)\s*((?:CREATE|ALTER|DROP|INSERT|UPDATE|DELETE|MERGE|GRANT|REVOKE|EXEC|EXECUTE|IF|BEGIN|DECLARE|SET|USE"
    r"|PRINT|TRUNCATE|COMMENT\s+ON)\b)", re.IGNORECASE)
_SEARCH_PATH = re.compile(r"\s*(?:SET\s+(?:SESSION\s+|LOCAL\s+)?search_path\s*(?:TO|=)\s*(.*?)\s*$"
                          r"|SELECT\s+pg_catalog\.set_config\s*\(\s*'search_path'\s*,\s*'([^']*)')",
                          re.IGNORECASE | re.DOTALL)
_DEFAULT_PATH = frozenset({"public", "$user", "pg_catalog", "default", ""})
# statements that wrap DDL: PostgreSQL DO $$ ... $$, T-SQL IF <cond> CREATE ..., IF ... BEGIN ... END
_WRAPPERS = frozenset({"DO", "IF", "BEGIN", "DECLARE"})
_EMBEDDED_DDL = re.compile(r"\b(?:CREATE\s+(?:OR\s+REPLACE\s+)?TABLE|ALTER\s+TABLE)\b", re.IGNORECASE)
_EMBEDDED_END = re.compile(r"'(?:[^']|'')*'|\"[^\"]*\"|\[[^\]]*\]|[()]|;|\$\w*\$|\bEND\b|^\s*GO\b",
                           re.IGNORECASE | re.MULTILINE)


def _embedded_end(text: str, start: int) -> int:
    """Where a statement embedded at `start` ends: `;`, END, GO or a `$$` outside its parentheses."""
    depth = 0
    for m in _EMBEDDED_END.finditer(text, start):
        token = m.group(0)
        if token == "(":
            depth += 1
        elif token == ")":
            depth = max(depth - 1, 0)
        elif depth == 0 and token[0] not in "'\"[":
            return m.start()
    return len(text)


def _keyword_name(st: Statement, error: dict[str, object], dialect: str) -> str | None:
    """The statement with the word sqlglot wanted as a table name quoted, when a keyword stood there
    (ClickHouse's `CREATE TABLE db.sample (...)`: SAMPLE is a keyword); None otherwise."""
    if not str(error.get("description") or "").startswith("Expected table name"):
        return None
    word, line, col = error.get("highlight"), error.get("line"), error.get("col")
    token = next((t for t in st.tokens if t.text == word and t.line == line and t.col == col), None)
    if token is None or not token.text.isidentifier():
        return None
    start = st.tokens[0].start
    name = exp.to_identifier(token.text, quoted=True).sql(dialect=dialect)
    return st.sql[start : token.start] + name + st.sql[token.end + 1 : st.tokens[-1].end + 1]


def _unnamed(op: Op) -> str:
    """What an op misses to be applied safely ("" when nothing): an empty name is a misreading, never a change."""
    if not op.table:
        return "no table name"
    if op.action in ("drop_column", "rename_column", "retype", "comment") and not op.column:
        return "no column name"
    if op.action in ("rename_column", "rename_table") and not op.value:
        return "an empty new name"
    return ""


# MySQL ALTER TABLE t ADD [COLUMN] (a ..., b ...): sqlglot reads it only as Oracle does
_ADD_LIST = re.compile(r"\bADD\s+(?:COLUMN\s+)?\(", re.IGNORECASE)


def _add_list(text: str) -> str | None:
    """`ADD (a int, b text)` as `ADD  a int, ADD b text `: the same lines, a form sqlglot reads."""
    m = _ADD_LIST.search(text)
    if m is None or not re.match(r"\s*ALTER\s+TABLE\b", text, re.IGNORECASE):
        return None
    out, depth, start = [text[: m.end() - 1], " "], 0, m.end()
    for i in range(start, len(text)):
        ch = text[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            if depth == 0:
                return "".join(out) + " " + text[i + 1 :]
            depth -= 1
        elif ch == "," and depth == 0:
            out.append(", ADD")
            continue
        out.append(ch)
    return None


# Column options sqlglot stops at, which say nothing of what a column holds; without them the table is read.
# SQL Server: `[rowguid] uniqueidentifier ROWGUIDCOL` (AdventureWorks' Person table), SPARSE, FILESTREAM,
# MASKED WITH (...), ENCRYPTED WITH (...). Oracle: VIRTUAL, ENCRYPT [USING '...'] [NO SALT], (IN)VISIBLE,
# DEFAULT ON NULL, a constraint's ENABLE/DISABLE/USING INDEX, 23ai ANNOTATIONS (...) and DOMAIN d. MySQL:
# COLUMN_FORMAT, STORAGE DISK, SRID n, ENGINE_ATTRIBUTE. PostgreSQL: COMPRESSION m, STORAGE EXTERNAL. Redshift:
# a column's DISTKEY/SORTKEY. SQLite: a constraint's ON CONFLICT REPLACE. SQL Server: an inline index's
# INCLUDE (...). Only after a
# type or a clause (a word, `]` or `)` before them), never a column named `sparse`; read only after the
# statement failed as written.
_COLUMN_OPTION = re.compile(
    r"(?<=[\w\])'])(\s+)(ROWGUIDCOL|SPARSE|FILESTREAM|(?:MASKED|ENCRYPTED)\s+WITH\s*\((?:[^()']|'[^']*')*\)"
    r"|VIRTUAL|ENCRYPT(?:\s+USING\s+'[^']*')?(?:\s+IDENTIFIED\s+BY\s+\w+)?(?:\s+'[^']*')?(?:\s+(?:NO\s+)?SALT)?"
    r"|INVISIBLE|VISIBLE|ENABLE|DISABLE|(?:NO)?VALIDATE|USING\s+INDEX(?:\s+TABLESPACE\s+\w+)?"
    r"|ANNOTATIONS\s*\((?:[^()']|'[^']*')*\)|DOMAIN\s+[\w.]+"
    r"|COLUMN_FORMAT\s+\w+|STORAGE\s+(?:DISK|MEMORY|PLAIN|EXTERNAL|EXTENDED|MAIN|DEFAULT)|SRID\s+\d+"
    r"|(?:SECONDARY_)?ENGINE_ATTRIBUTE\s*=?\s*'[^']*'|COMPRESSION\s+\w+|(?:DISTKEY|SORTKEY)(?!\s*\()"
    r"|ON\s+CONFLICT\s+(?:ROLLBACK|ABORT|FAIL|IGNORE|REPLACE)|INCLUDE\s*\([^()]*\))(?=[\s,)])",
    re.IGNORECASE)
_DEFAULT_ON_NULL = re.compile(r"(?<=\bDEFAULT)(\s+ON\s+NULL)(?=\s+(?!AS\b))", re.IGNORECASE)  # not ON NULL AS IDENTITY


# MySQL's spatial types, which sqlglot's MySQL reader stops at (`location POINT NOT NULL SRID 4326`): read as the
# GEOMETRY(POINT) it does read, on the same line
_SPATIAL = re.compile(r"(?<=[\w`\]\"])(\s+)(POINT|LINESTRING|POLYGON|MULTIPOINT|MULTILINESTRING|MULTIPOLYGON"
                      r"|GEOMETRYCOLLECTION)\b(?!\s*\()", re.IGNORECASE)


def _without_column_options(text: str) -> str | None:
    """`text` with the column options sqlglot cannot read blanked (lines kept); None when it has none."""
    bare = _SPATIAL.sub(lambda m: f"{m.group(1)}GEOMETRY({m.group(2)})", text)
    bare = _DEFAULT_ON_NULL.sub(lambda m: re.sub(r"[^\n]", " ", m.group(1)), bare)
    bare = _COLUMN_OPTION.sub(lambda m: m.group(1) + re.sub(r"[^\n]", " ", m.group(2)), bare)
    return bare if bare != text else None


_TWO_COMMAS = re.compile(r",\s*,")


def _empty_item(st: Statement) -> int:
    """The line of a `,` that follows another (`a int,, x`), which sqlglot reads as one; 0 if none."""
    previous = ""
    for token in st.tokens:
        if token.text == "," and previous == ",":
            return st.base + token.line
        previous = token.text
    return 0


class _Reader:
    """Statements of one file -> schema ops and per-statement errors."""

    def __init__(self, path: str, choice: DialectChoice, dbt_model: str) -> None:
        self.path = path
        self.choice = choice
        self.dialect = choice.name
        self.dbt_model = dbt_model
        self.parser: Parser = Dialect.get_or_raise(self.dialect).parser()
        self.ops: list[Op] = []
        self.errors: list[ParseError] = []
        self.schema = ""  # from SET search_path: where unqualified tables live
        self.first_words: Counter[str] = Counter()  # of every readable statement

    def error(self, line: int, reason: str) -> None:
        self.errors.append(ParseError(Location(self.path, line), f"SQL ({self.choice.label()}): {reason}"))

    def read(self, text: str) -> None:
        for st in split_statements(text, self.dialect):
            if isinstance(st, Unreadable):
                self.error(st.line, str(st))
                continue
            self.first_words[st.tokens[0].text.upper()] += 1
            if st.tokens[0].text.upper() == "CREATE" and (op := _user_type(st.text, st.line)) is not None:
                self.add(op)
            elif (st.tokens[0].text.upper() == "ALTER" and len(st.tokens) > 1
                  and st.tokens[1].text.upper() in ("TYPE", "DOMAIN") and (ops := _altered_type(st.text, st.line))):
                for op in ops:
                    self.add(op)
            elif _wanted(st, bool(self.dbt_model)):
                self.statement(st)
            elif st.tokens[0].text.upper() in _WRAPPERS and _EMBEDDED_DDL.search(st.text):
                self.embedded(st)
            elif len(st.tokens) > 1 and st.tokens[1].text.lower() in ("search_path", "pg_catalog"):
                self.search_path(st.text)

    def search_path(self, text: str) -> None:
        """`SET search_path TO application, public`: later unqualified tables are application's (temboard)."""
        m = _SEARCH_PATH.match(text)
        if m is None:
            return
        value = m.group(1) if m.group(1) is not None else m.group(2)
        names = [n.strip().strip('"').strip("'") for n in value.split(",")]
        self.schema = next((n for n in names if n and n.lower() not in _DEFAULT_PATH), "")

    def add(self, op: Op) -> None:
        if self.schema and op.table and "." not in op.table:
            op = replace(op, table=f"{self.schema}.{op.table}")
        self.ops.append(op)

    def read_at(self, text: str, line: int) -> None:
        """Statements of a piece of the file that starts on `line`."""
        self.read("\n" * (line - 1) + text)

    def statement(self, st: Statement) -> None:
        if len(st.tokens) > 1 and st.tokens[1].text.upper() == "VIRTUAL" and (op := _virtual(st.text, st.line)):
            self.add(op)
            return
        if _TWO_COMMAS.search(st.text) and (line := _empty_item(st)):  # sqlglot skips it; the database rejects the statement
            self.error(line, "two commas with nothing between them: the database rejects this statement; "
                             "its columns were read as written")
        try:
            stmt = self.parser.parse(st.tokens, st.sql)[0]
        except (SqlParseError, TokenError) as exc:
            if self._recovered(st.text, st.line):
                return
            bare = _without_column_options(st.text)
            if bare is not None and (self._reparse(bare, st.line) or self._recovered(bare, st.line)):
                return
            added = _add_list(st.text)
            if added is not None and self._reparse(added, st.line):
                return
            first = (getattr(exc, "errors", None) or [{}])[0]
            base = st.base  # lines of `first` count from the chunk's start
            quoted = _keyword_name(st, first, self.dialect)
            if quoted is not None:
                try:
                    if self._reparse(quoted, st.line, strict=True):
                        return
                except (SqlParseError, TokenError) as second:  # the keyword was not all: report what is
                    first, base = (getattr(second, "errors", None) or [{}])[0], st.line - 1
            line = base + first["line"] if isinstance(first.get("line"), int) else st.line
            reason = _TOKEN_REPR.sub(r"'\1'", first.get("description") or str(exc).splitlines()[0])
            near = first.get("highlight")
            self.error(line, f"{reason} near {near!r}" if near else reason)
            return
        if isinstance(stmt, exp.Command) and (self._recovered(st.text, st.line) or self._actions(st)):
            return
        self.apply(stmt, st.text, st.base, st.line)

    def _actions(self, st: Statement) -> bool:
        """`ALTER TABLE t ADD COLUMN a ..., DROP COLUMN b` that sqlglot reads whole only in some dialects
        (ClickHouse, Snowflake): each action is read as an ALTER of its own. An action that says nothing
        about columns (ClickHouse's `MODIFY TTL`, `DELETE WHERE`) is left out; one that does and fails fails all."""
        pieces = _alter_actions(st)
        if pieces is None:
            return False
        read: list[tuple[str, int]] = []
        for piece, line in pieces:
            if _COLUMN_DDL.search(piece):
                read.append((piece, line))
        if not read or not all(self._parses(piece) for piece, _ in read):
            return False
        for piece, line in read:
            self._reparse(piece, line)
        return True

    def _parses(self, text: str) -> bool:
        try:
            stmt = self.parser.parse(Dialect.get_or_raise(self.dialect).tokenize(text), text)[0]
        except (SqlParseError, TokenError):
            return False
        return stmt is not None and not isinstance(stmt, exp.Command)

    def _recovered(self, text: str, line: int) -> bool:
        """Parse the part `_recover` keeps, then read the statements that followed it without a `;`."""
        parts = _recover(text)
        if parts is None or not self._reparse(parts[0], line):
            return False
        if parts[1] >= 0:
            self.read_at(text[parts[1] :], line + text.count("\n", 0, parts[1]))
        return True

    def embedded(self, st: Statement) -> None:
        """CREATE/ALTER TABLE inside DO $$ ... $$ or T-SQL IF ... [BEGIN ... END]: read each, or say it was not."""
        text, pos, wrapper = st.text, 0, st.tokens[0].text.upper()
        for m in _EMBEDDED_DDL.finditer(text):
            if m.start() < pos:
                continue
            pos = _embedded_end(text, m.start())
            piece, line = text[m.start() : pos], st.line + text.count("\n", 0, m.start())
            if not (self._reparse(piece, line) or self._recovered(piece, line)):
                self.error(line, f"DDL inside a {wrapper} block could not be read, so its columns were not collected")

    def _reparse(self, text: str, line: int, strict: bool = False) -> bool:
        """Parse `text` (starting on `line`) and apply it; False when it does not parse (`strict`: raise)."""
        try:
            stmt = self.parser.parse(Dialect.get_or_raise(self.dialect).tokenize(text), text)[0]
        except (SqlParseError, TokenError):
            if strict:
                raise
            return False
        if stmt is None or isinstance(stmt, exp.Command):
            return False
        self.apply(stmt, text, line - 1, line)
        return True

    def apply(self, stmt: exp.Expr | None, text: str, base: int, line: int) -> None:
        ops: Iterator[Op | str]
        if isinstance(stmt, exp.Create) and (stmt.kind or "").upper() in _SCHEMA_OBJECTS:
            ops = _create(stmt, base, line, self.dialect)
        elif isinstance(stmt, exp.Alter) and (stmt.kind or "TABLE").upper() == "TABLE":
            ops = _alter(stmt, base, line, self.dialect)
        elif isinstance(stmt, exp.Comment) and (stmt.args.get("kind") or "").upper() == "COLUMN":
            column = stmt.this
            owner = ".".join(p.name for p in column.parts[:-1]) if isinstance(column, exp.Column) else ""
            ops = iter([Op("comment", owner, line, column=column.name, value=stmt.expression.name)] if owner else [])
        elif isinstance(stmt, exp.Drop) and (stmt.kind or "").upper() in _SCHEMA_OBJECTS:
            ops = iter([Op("drop_table", _table(t), line) for t in stmt.args.get("tables") or [stmt.this] if t])
        elif isinstance(stmt, exp.Execute):
            ops = _execute(stmt, line)
        elif isinstance(stmt, exp.Command):
            ops = _command(stmt, text, line)
        elif isinstance(stmt, exp.Query) and self.dbt_model:
            ops = iter([Op("create", self.dbt_model, line, tuple(query_columns(stmt, base, line)), kind="sql_view")])
        else:
            return
        for op in ops:
            if isinstance(op, str):
                self.error(line, op)
            elif reason := _unnamed(op):
                self.error(line, f"sqlglot read this statement with {reason}; it was not applied")
            elif any(not c.name for c in op.columns):
                self.error(line, "sqlglot read a column of this statement without a name; that column was not collected")
                self.add(replace(op, columns=tuple(c for c in op.columns if c.name)))
            else:
                self.add(op)


# A data dump's INSERTs are never read (_NOISE_FIRST), but tokenizing them cost ~17 s per 10 MB (audit ux7 #16).
# In a file this large, a one-line INSERT is blanked before the split; line numbers stay, and COPY data is
# blanked already (sql_split.blank_noise). Smaller files are left alone: there, tokenizing costs nothing.
BULK_BYTES = 1 << 20
_INSERT_LINE = re.compile(r"\s*(?:INSERT|REPLACE)\s+(?:(?:IGNORE|LOW_PRIORITY|DELAYED|HIGH_PRIORITY)\s+)?INTO\b",
                          re.IGNORECASE)


def _one_statement(line: str, dialect: str) -> bool:
    """A line that is a whole statement: ends with `;` outside any string or quoted name."""
    body = line.rstrip()
    if not body.endswith(";"):
        return False
    if dialect in ("mysql", "mariadb"):  # backslash escapes (\' inside a string)
        body = re.sub(r"\\.", "", body)
    body = body.replace("''", "").replace('""', "")
    return body.count("'") % 2 == 0 and body.count('"') % 2 == 0


def blank_bulk_inserts(text: str, dialect: str) -> str:
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line[:40].lstrip()[:7].upper() in ("INSERT ", "REPLACE", "INSERT\t") and _INSERT_LINE.match(line) \
                and _one_statement(line, dialect):
            lines[i] = ""
    return "\n".join(lines)


def read_sql(source: str, path: str, dialect: str = "", choice: DialectChoice | None = None) -> tuple[SqlFacts, list[ParseError]]:
    """Parse one SQL file into schema ops (no replay); `choice` overrides the dialect choice."""
    sqlmesh = sql_dbt.sqlmesh_header(source)
    if sqlmesh is not None:  # the block's dialect, unless the user configured one; its name is the query's table
        source = sqlmesh.text
        if sqlmesh.dialect and not dialect and choice is None:
            choice = DialectChoice(normalize(sqlmesh.dialect), True, "its SQLMesh MODEL block")
    choice = choice or choose(dialect, source, path)
    dbt_model = sqlmesh.name if sqlmesh else sql_dbt.model_name(path) if sql_dbt.is_model(path, source) else ""
    template = not dbt_model and sql_dbt.is_template(path, source)
    text = sql_dbt.strip_jinja(source, dbt_model) if dbt_model else down_sections(source)
    text = sql_dbt.strip_template(text) if template else text
    try:
        Dialect.get_or_raise(choice.name)
    except ValueError:
        error = ParseError(Location(path, 1), f"SQL: unknown dialect {choice.name!r}; file skipped")
        return SqlFacts(choice, (), dbt_model), [error]
    if sqlmesh is not None and not sqlmesh.enabled:  # `enabled false`: SQLMesh builds no table of it
        return SqlFacts(choice, (), dbt_model), []
    if len(text) > BULK_BYTES:
        text = blank_bulk_inserts(text, choice.name)
    reader = _Reader(path, choice, dbt_model)
    reader.read(text)
    if dbt_model and reader.errors and "{%" in source:  # alternative branches kept side by side: try without them
        again = _Reader(path, choice, dbt_model)
        again.read(sql_dbt.strip_jinja(sql_dbt.drop_conditionals(source), dbt_model))
        if len(again.errors) < len(reader.errors) and again.ops:
            reader = again
    if sqlmesh is not None and sqlmesh.kind == "MODEL":
        _sqlmesh_model(reader, sqlmesh)
        dbt_model = sqlmesh.names[0] if sqlmesh.names else dbt_model
    errors, ops = reader.errors, reader.ops
    if template:
        # a template's fragments (`CREATE TABLE {{ name }} ({% for c in columns %}...`) name no real table: what
        # they read as is dropped, what did not parse is one note for the file rather than an error per fragment,
        # and a template left with no table is skipped, and said so
        ops = [replace(op, columns=tuple(c for c in op.columns if sql_dbt.PLACEHOLDER not in c.name.lower()))
               for op in ops if sql_dbt.PLACEHOLDER not in f"{op.table} {op.column}".lower()]
        if errors:
            first = errors[0]
            errors = [ParseError(first.location, f"templated SQL (Jinja): {len(errors)} statement(s) did not parse once "
                                                 f"the template tags were removed; the first: {first.message}")]
        if not any(op.columns or op.column for op in ops):
            errors = [ParseError(Location(path, 1), TEMPLATE_ONLY)]
    words = reader.first_words
    queries = sum(words.values()) if words and set(words) <= _QUERY_FIRST and not (ops or errors or dbt_model) else 0
    seed = sqlmesh.seed if sqlmesh is not None and not sqlmesh.columns[0] else ("", 0)
    return SqlFacts(choice, tuple(ops), dbt_model, queries, seed), errors


def _sqlmesh_model(reader: _Reader, header: sql_dbt.SqlMeshHeader) -> None:
    """What a MODEL block says beyond its query: a model with none (a SEED's CSV, an EXTERNAL table) is the table
    its `columns (...)` declare; `column_descriptions` are its columns' comments; a blueprint is a table per entry."""
    columns, line = header.columns
    if columns and not any(op.table == header.name and op.action == "create" for op in reader.ops):
        reader.read_at(f"CREATE TABLE {header.name} {columns}", line)
    for column, text, at in header.descriptions:
        reader.add(Op("comment", header.name, at, column=column, value=text.replace("''", "'")))
    if header.names and header.names != (header.name,):
        reader.ops = [replace(op, table=name) if op.table == header.name else op
                      for op in reader.ops for name in (header.names if op.table == header.name else (op.table,))]


# First words of queries: a `.sql` file of nothing else (a report, an analyst's saved queries) defines no column,
# and is skipped, and said so, as template-only SQL is (Python's SQL strings are read where a call runs them)
_QUERY_FIRST = frozenset({"SELECT", "WITH", "(", "EXPLAIN", "SHOW", "DESCRIBE", "DESC", "VALUES", "TABLE"})


def queries_only(n: int) -> str:
    return (f"queries only ({n} statement{'s' if n != 1 else ''}, no CREATE or ALTER TABLE): "
            "it defines no column to collect")


# A template whose statements are all fragments: skipped and said so, as bundled scripts are (scan.skip_by_*)
TEMPLATE_ONLY = "templated SQL (Jinja) with no statement that parses once its tags are removed: a template, not a schema"


def extract_sql(source: str, path: str, dialect: str = "") -> tuple[FileResult, list[RawField]]:
    """This file's schema on its own; sql_project.replay_sql redoes it across migration folders."""
    facts, errors = read_sql(source, path, dialect)
    result = FileResult(path, lines=source.count("\n") + 1)
    if [e.message for e in errors] == [TEMPLATE_ONLY]:
        result.skipped, errors = TEMPLATE_ONLY, []
    elif facts.queries:
        result.skipped = queries_only(facts.queries)
    result.errors.extend(errors)
    result.deferred[DEFERRED_KEY] = facts
    schema = Schema()
    for op in facts.ops:
        schema.apply(op, path)
    return result, [column.raw() for column in schema.columns() if collects(column.kind, facts)]


def collects(kind: str, facts: SqlFacts) -> bool:
    """A view (plain or materialized) stores nothing a person gave: it reads tables that are reported already, so
    its columns are no fields (they stay in the replay, for what selects from them). A dbt model is the warehouse's
    own table, built from its sources, and is reported."""
    return kind != "sql_view" or bool(facts.dbt_model)


def backquoted_dialect(sql_text: str, dialect: str = "") -> str:
    """MySQL for a statement that quotes names with backticks (`` `users` ``), which PostgreSQL, the default, cannot
    read: without it a MySQL project's SQL strings were dropped silently. A dialect already chosen stays."""
    return "mysql" if not dialect and "`" in sql_text else dialect


_DRIVER_PARAMETER = re.compile(r"%(?:\([^)\n]*\))?s")  # pymysql's and psycopg's `%s`, `%(name)s`


def _parsed(sql_text: str, dialect: str, configured: bool = False) -> list[exp.Expr | None] | None:
    """The statements in `dialect`; unless it is `configured`, backquoted names (never PostgreSQL's, which reads such a
    CREATE as an opaque command) are tried as MySQL first, whose grammar reads a driver's `%s` parameter as a modulo:
    there each one is a NULL, a value no column is named by. None when nothing reads them."""
    attempts = [(dialect, sql_text)]
    if backquoted_dialect(sql_text) and dialect != "mysql" and not configured:
        attempts.insert(0, ("mysql", _DRIVER_PARAMETER.sub("NULL", sql_text)))
    for name, text in attempts:
        try:
            return Dialect.get_or_raise(name).parse(text)
        except (SqlParseError, TokenError, ValueError):
            continue
    return None


def fields_from_embedded_sql(sql_text: str, path: str, line: int, dialect: str = "") -> list[RawField]:
    """Fields named by SQL in a Python string (for the Python extractor).

    `line` is the line the string's content starts on; a column on the string's
    third line is reported at line + 2. CREATE TABLE gives `sql_table` fields,
    the columns an INSERT, UPDATE or SELECT names give `sql_query` fields. A
    string that does not parse as SQL gives nothing (it was probably not SQL).
    `dialect` is the configured one (`--dialect`), else PostgreSQL's, or MySQL's for backquoted names.
    """
    if not re.match(r"\s*(INSERT|UPDATE|SELECT|CREATE|WITH|REPLACE|UPSERT|MERGE|DELETE|ALTER)\b", sql_text, re.IGNORECASE):
        return []
    configured = bool(dialect)
    dialect = normalize(dialect) if dialect else "postgres"
    trees = _parsed(sql_text, dialect, configured)
    if trees is None:
        return []
    base = line - 1
    out: list[RawField] = []
    for tree in trees:
        if isinstance(tree, exp.Create) and isinstance(tree.this, exp.Schema):
            table = _table(tree.this)
            for col in tree.this.expressions:
                if isinstance(col, exp.ColumnDef):
                    out.append(_table_field(_column(col, base, line, dialect), table, path))
        elif isinstance(tree, exp.Alter) and (tree.kind or "TABLE").upper() == "TABLE":
            # a migration's `ALTER TABLE t ADD COLUMN c type` (RunSQL, op.execute) collects c as CREATE does (audit17
            # #01); a drop or rename is the migration replay's (py_migrations), which has the history
            for op in _alter(tree, base, line, dialect):
                if isinstance(op, Op) and op.action == "add":
                    out.extend(_table_field(c, op.table, path) for c in op.columns)
        elif isinstance(tree, (exp.Insert, exp.Update, exp.Select, exp.Delete, exp.Merge)):
            out.extend(_query_fields(tree, path, base, line))
    return out


def _table_field(c: Column, table: str, path: str) -> RawField:
    evidence = f"{c.name} {c.type_sql}".strip() + (f"  -- {c.comment}" if c.comment else "")
    return RawField(c.name, table, "sql_table", Location(path, c.line), evidence, c.type_sql)


def _scope_table(col: exp.Column, own: str, ctes: frozenset[str]) -> str:
    """An unqualified column's table when the SELECT it is in reads one table (`INSERT INTO b (x) SELECT x FROM a`);
    outside any SELECT, the table the statement writes (`UPDATE users SET phone = (SELECT ...)`). A WITH query's
    name is no table: a column read from it has none."""
    select = col.find_ancestor(exp.Select)
    if select is None:
        return own
    tables = {table_name(t) for t in select.find_all(exp.Table) if t.find_ancestor(exp.Select) is select}
    return tables.pop() if len(tables) == 1 and not tables & ctes else ""


# The database server's own catalogs (its roles, connections, settings and the schema itself): a query on them
# (`pg_catalog.pg_stat_activity.client_addr`, `pg_authid.rolname`, `information_schema.columns`) collects nothing
# the application stores about people (audit14 #11, pgAdmin's security report). PostgreSQL reserves `pg_`, SQLite
# `sqlite_` for them.
_SYSTEM_SCHEMAS = frozenset({"pg_catalog", "information_schema", "performance_schema", "mysql", "sys"})


def _system_catalog(owner: str) -> bool:
    *schema, name = owner.lower().split(".")
    return bool(schema and schema[-1] in _SYSTEM_SCHEMAS) or name.startswith(("pg_", "sqlite_"))


def _query_fields(tree: exp.Expression, path: str, base: int, line: int) -> list[RawField]:
    ctes = frozenset(cte.alias_or_name for cte in tree.find_all(exp.CTE))
    aliases: dict[str, str] = {}
    for table in tree.find_all(exp.Table):
        aliases[table.alias_or_name.lower()] = "" if table.name in ctes and not table.db else table_name(table)
    only = next(iter(aliases.values())) if len(aliases) == 1 else ""
    seen: dict[tuple[str, str], RawField] = {}
    target = tree.this if isinstance(tree, exp.Insert) else None
    names: list[tuple[exp.Expression, str]] = []
    if isinstance(target, exp.Schema):
        names = [(ident, _table(target)) for ident in target.expressions]
    written = target.this if isinstance(target, exp.Schema) else tree.this if isinstance(tree, (exp.Update, exp.Delete)) else target
    insert_table = table_name(written) if isinstance(written, exp.Table) else ""
    for col in tree.find_all(exp.Column):
        if isinstance(col.this, exp.Star):
            continue
        if col.table.lower() == "excluded" and isinstance(tree, exp.Insert) and insert_table and "excluded" not in aliases:
            owner = insert_table  # ON CONFLICT ... DO UPDATE SET x = excluded.x: the row the INSERT proposed
        elif col.table:
            owner = aliases.get(col.table.lower(), col.table)
        else:
            owner = only or _scope_table(col, insert_table, ctes)
        names.append((col, owner))
    for node, owner in names:
        name = node.name
        key = (owner.lower(), name.lower())
        if name and key not in seen and not _system_catalog(owner):
            where = Location(path, _line(node, base, line))
            seen[key] = RawField(name, owner, "sql_query", where, f"{owner}.{name}" if owner else name)
    return list(seen.values())
