"""Records declared by one call, the schema layer of Roundup's hyperdb and its like.

    user = Class(db, "user", username=String(), address=String(), password=Password())
    msg = FileClass(db, "msg", author=Link("user"), recipients=Multilink("user"), date=Date())

The call names the record with one positional string (an identifier), its other positional arguments are plain
names (`db`), and each keyword argument is a field: a call of a column type (`TYPES`) whose positional arguments
are literals (`Link("user")`; its options may be anything: `Date(default=now())`).
An ordinary call with a name and keywords (`Widget("main", layout=VBox())`, `Column("email", type_=String())`)
does not have that shape, so it gives no rows. A module's declarations through one callee are read when one of
them declares two typed fields or more, so `Class(db, "keyword", name=String())` beside the others is read and a
lone `Option("x", default=Integer())` is not. A call whose keywords mix two column types or more with other
values is the same layer read in part: it is reported as a note, not read, so the layer is not left out silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import libcst as cst

from scanner.extract.py_common import args_of, dotted, last, string

# Column types of declarative schema layers (hyperdb's String, Password, Date, Interval, Number, Integer, Boolean,
# Link, Multilink; the common SQL and document types): a type's name, never an ordinary class's
TYPES = frozenset({
    "String", "Text", "Unicode", "UnicodeText", "Char", "Varchar", "Password", "Email", "Url", "URL",
    "Date", "DateTime", "Datetime", "Time", "Timestamp", "Interval", "Number", "Integer", "Int", "BigInteger",
    "SmallInteger", "Float", "Decimal", "Numeric", "Boolean", "Bool", "JSON", "Json", "Binary", "Blob", "UUID",
    "Link", "Multilink",
})
LINKS = frozenset({"Link", "Multilink"})  # `Link("user")`: a key of the named record's row, as a ForeignKey is
# callees read elsewhere (py_models: sqlalchemy's Table and Column) or that build one column, not a record
_NOT_RECORDS = frozenset({"Table", "TypedDict", "Column", "mapped_column", "Field", "field", "namedtuple",
                          "NamedTuple", "Enum", "type", "dict"}) | TYPES
_MIGRATION_OPS = ("op.", "batch_op.")  # Alembic's operations (py_migrations reads them): a table altered
_IDENTIFIER = re.compile(r"[A-Za-z_]\w*\Z")
_LITERALS = (cst.SimpleString, cst.ConcatenatedString, cst.Integer, cst.Float, cst.Name)


@dataclass(frozen=True)
class Declared:
    """One call that may declare a record: its fields (name, type hint, node) are the typed keywords."""

    callee: str
    container: str
    call: cst.Call
    fields: tuple[tuple[str, str, cst.Arg], ...]
    complete: bool  # every keyword argument is a typed field


def _type_of(value: cst.BaseExpression) -> str:
    """`String()` -> "String", `Link("user")` -> "ForeignKey(user)"; "" for anything but a column type's call."""
    if not isinstance(value, cst.Call):
        return ""
    name = last(dotted(value.func) or "")
    if name not in TYPES or any(a.star or (a.keyword is None and not isinstance(a.value, _LITERALS))
                                for a in value.args):
        return ""
    positional, _ = args_of(value)
    target = string(positional[0]) if positional else None
    return f"ForeignKey({target})" if name in LINKS and target and _IDENTIFIER.match(target) else name


def declaration(call: cst.Call) -> Declared | None:
    """The record `call` may declare, or None when it has not the shape at all."""
    func = dotted(call.func) or ""
    callee = last(func)
    if not callee or callee in _NOT_RECORDS or func.startswith(_MIGRATION_OPS) or any(a.star for a in call.args):
        return None
    positional, keywords = args_of(call)
    names = [text for value in positional if (text := string(value)) is not None]
    if len(names) != 1 or not _IDENTIFIER.match(names[0]) or len(positional) > 3 or not keywords:
        return None
    if any(string(value) is None and dotted(value) is None for value in positional):
        return None  # `type("Name", (Base,), {...})`: a value, not the database a record is declared in
    if any(k.endswith("_") or k.startswith("existing_") for k in keywords):
        return None  # `cast("x", type_=String())`, `alter_column(t, c, existing_type=Text(), type_=String())`
    fields = tuple((a.keyword.value, hint, a) for a in call.args
                   if a.keyword is not None and (hint := _type_of(a.value)))
    if not fields:
        return None
    return Declared(callee, names[0], call, fields, len(fields) == len(keywords))


def settle(found: list[Declared]) -> tuple[list[Declared], list[Declared]]:
    """(declarations to read, declarations to note as not read) among a module's candidates."""
    layers = {d.callee for d in found if d.complete and len(d.fields) >= 2}
    read = [d for d in found if d.complete and d.callee in layers]
    noted = [d for d in found if not d.complete and len(d.fields) >= 2]
    return read, noted
