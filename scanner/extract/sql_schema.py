"""Schema operations and their replay: the tables as the last statement leaves them.

An extractor turns statements into `Op` values (plain, picklable: they travel
from worker processes in `FileResult.deferred`); `Schema.apply` replays them,
within one file or across a migration folder in version order. A column keeps
the location of the statement that introduced it, whatever renames follow, and
so does a column that survives its table's rebuild: SQLite (Prisma, Drizzle,
Alembic's batch mode written out) changes a column by `CREATE TABLE new_x (...)`,
a copy, `DROP TABLE x`, `ALTER TABLE new_x RENAME TO x` (or `ALTER TABLE x RENAME
TO x_old`, `CREATE TABLE x`, a copy, `DROP TABLE x_old`), all in one migration,
and a table created over one of its name is rebuilt too. The column still holds what it held: moved to the
rebuild, it would be a new finding wherever a baseline knows the old one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field

from scanner.inventory import Location, RawField

# schemas a table lives in when none is written: `public.users` and `users` are one table
DEFAULT_SCHEMAS = frozenset({"public", "dbo", "main"})

# a type written by its name alone, perhaps qualified or an array: email_address, public."Email", postal_address[]
_USER_TYPE = re.compile(r'(?:[\w"\[\]`]+\.)*[\w"\[\]`]+')
_ARRAY = re.compile(r"(?:\s*\[\d*\])+\s*$")
_QUOTED = re.compile(r'["`\[\]]')
# a column's type as `typed` writes a defined one: its name, an array's brackets, then what the type is
_TYPED_AS = re.compile(r"(\w+)((?:\[\d*\])*)(\(.*\)| .*)", re.DOTALL)
_TYPE_HISTORY = frozenset({"rename_type", "type_add_attribute", "type_drop_attribute", "type_rename_attribute",
                           "type_retype_attribute"})

# where a derived column's value comes from: (candidate table names, column name or "*")
Ref = tuple[tuple[str, ...], str]


@dataclass(frozen=True)
class Column:
    name: str
    type_sql: str = ""
    line: int = 0
    comment: str = ""
    refs: tuple[Ref, ...] = ()  # set on view / CTAS columns


@dataclass(frozen=True)
class Op:
    """One schema change. `action` is one of the ACTIONS below."""

    action: str
    table: str  # as written, possibly qualified: public.users, [dbo].[Customers] -> dbo.Customers
    line: int
    columns: tuple[Column, ...] = ()
    column: str = ""
    value: str = ""  # new name, comment text, new type or LIKE source, by action
    kind: str = "sql_table"  # sql_table or sql_view


ACTIONS = ("create", "create_if_absent", "add", "drop_column", "rename_column", "retype",
           "comment", "rename_table", "drop_table", "define_type",  # define_type: `table` is the type's name
           # a defined type's history (`table` is the type's name, `column` an attribute): ALTER TYPE / DOMAIN
           "rename_type", "type_add_attribute", "type_drop_attribute", "type_rename_attribute", "type_retype_attribute")


def display_name(table: str) -> str:
    """`proj.public.users` -> `users`; `billing.invoices` stays qualified."""
    parts = table.split(".")
    if len(parts) > 2:
        parts = parts[-2:]
    if len(parts) == 2 and parts[0].lower() in DEFAULT_SCHEMAS:
        parts = parts[1:]
    return ".".join(parts)


def table_key(table: str) -> str:
    return display_name(table).lower()


@dataclass
class ColumnState:
    name: str
    table: str
    type_sql: str
    location: Location
    kind: str
    notes: list[str] = field(default_factory=list)
    sources: list[ColumnState] = field(default_factory=list)  # derived columns: resolved refs
    label: str = ""  # the column's comment or documented description: classification evidence

    @property
    def evidence(self) -> str:
        text = f"{self.name} {self.type_sql}".strip()
        if self.sources:
            text += "  <- " + ", ".join(f"{s.table}.{s.name}" for s in self.sources)
        return "".join([text, *(f"  -- {n}" for n in self.notes)])

    def raw(self) -> RawField:
        return RawField(self.name, self.table, self.kind, self.location, self.evidence, self.type_sql, self.label)


@dataclass
class TableState:
    name: str
    kind: str
    columns: dict[str, ColumnState] = field(default_factory=dict)


Resolver = Callable[[str], "TableState | None"]


class Schema:
    """Tables after the ops applied so far; `fallback` finds tables other namespaces define."""

    def __init__(self, fallback: Resolver | None = None, borrowed_types: Mapping[str, tuple[str, str]] | None = None) -> None:
        self.tables: dict[str, TableState] = {}
        self.fallback = fallback
        # types another folder of the project defines (a `types/` or `schema/` folder beside the migrations), by
        # bare lower name as `types`; one this replay defines itself wins. `borrowed` says whether a column used one
        self.borrowed_types: Mapping[str, tuple[str, str]] = borrowed_types or {}
        self.borrowed = False
        self._bare: dict[str, list[str]] = {}
        # tables a file dropped, by key: a table of that name the same file then creates or renames into place
        # is their rebuild (`_rebuilt`)
        self._dropped: dict[str, tuple[str, TableState]] = {}
        # tables a file renamed out of the way (`ALTER TABLE x RENAME TO x_old`), by id: (file, old key); when the
        # file then drops them, a table it created under the old name meanwhile is their rebuild
        self._moved: dict[int, tuple[str, str]] = {}
        self._created: dict[str, str] = {}  # key -> the file that last created the table under that name
        # types the schema defines (CREATE DOMAIN / CREATE TYPE), by bare lower name: (name, what it is). A column of
        # one is typed through it: `contact email_address` is `email_address citext`, `home postal_address` is
        # `postal_address(street text, city text, postcode text)`, the evidence the type's name alone hid
        self.types: dict[str, tuple[str, str]] = {}
        self._attributes: dict[str, list[Column]] = {}  # a composite's attributes as declared, for its ALTER TYPE

    def find(self, table: str) -> TableState | None:
        key = table_key(table)
        found = self.tables.get(key)
        if found is None:
            # `users` written where the table was created as `auth.users`, or the reverse
            bare = key.rsplit(".", 1)[-1]
            keys = [k for k in self._bare.get(bare, ()) if k in self.tables]
            if len(keys) == 1:
                found = self.tables[keys[0]]
        if found is None and self.fallback is not None:
            found = self.fallback(table)
        return found

    def _put(self, table: TableState) -> None:
        key = table.name.lower()
        self.tables[key] = table
        self._bare.setdefault(key.rsplit(".", 1)[-1], []).append(key)

    def _local(self, table: str) -> TableState | None:
        found = self.find(table)
        return found if found is not None and self.tables.get(found.name.lower()) is found else None

    def apply(self, op: Op, path: str) -> None:
        if op.action == "define_type":
            bare = op.table.rsplit(".", 1)[-1]
            shape = (f"({', '.join(f'{c.name} {self.typed(c.type_sql)}' for c in op.columns)})" if op.columns
                     else f" {self.typed(op.value)}")
            self.types[bare.lower()] = (bare, shape)
            self._attributes[bare.lower()] = list(op.columns)
            return
        if op.action in _TYPE_HISTORY:
            self._alter_type(op)
            return
        name = display_name(op.table)
        if op.action in ("create", "create_if_absent"):
            old = self._local(op.table)
            if old is not None and "." in name and "." in old.name and old.name.lower() != name.lower():
                old = None  # crm.customers beside billing.customers: another table, not a re-creation
            if op.action == "create_if_absent" and old is not None:
                return
            if old is not None:
                del self.tables[old.name.lower()]
            table = TableState(name, op.kind)
            before = old if old is not None and old.kind == op.kind else self._dropped_here(name, path, op.kind)
            if op.value:  # CREATE TABLE t (LIKE other)
                source = self.find(op.value)
                for col in source.columns.values() if source else ():
                    table.columns[col.name.lower()] = ColumnState(
                        col.name, name, col.type_sql, Location(path, op.line), op.kind, [f"like {source.name}"] if source else [])
            self._put(table)
            self._created[name.lower()] = path
            self._add(table, op.columns, path)
            if before is not None:
                _rebuilt(table, before, f"{path}:{op.line}")
            return
        if op.action == "drop_table":
            old = self._local(op.table)
            if old is not None:
                del self.tables[old.name.lower()]
                self._dropped[old.name.lower()] = (path, old)
                moved = self._moved.pop(id(old), None)
                if moved is not None and moved[0] == path and self._created.get(moved[1]) == path:
                    remade = self.tables.get(moved[1])  # x renamed to x_old, x created, x_old dropped
                    if remade is not None and remade.kind == old.kind:
                        _rebuilt(remade, old, f"{path}:{op.line}")
            return
        found = self._local(op.table)
        if found is None:
            if op.action != "add":
                return
            found = TableState(name, op.kind)  # ALTER of a table this replay never saw created
            self._put(found)
        table = found
        if op.action == "add":
            self._add(table, op.columns, path)
        elif op.action == "drop_column":
            table.columns.pop(op.column.lower(), None)
        elif op.action == "rename_column":
            if op.value.lower() != op.column.lower() and op.value.lower() in table.columns:
                # the database rejects a rename onto an existing column (cowrie update15.sql): both stay
                existing = table.columns.get(op.column.lower())
                if existing is not None:
                    existing.notes.append(f"rename to {op.value} at {path}:{op.line} not applied: the table has that column")
                return
            renamed = table.columns.pop(op.column.lower(), None)
            if renamed is not None:
                col = renamed
                col.notes.append(f"renamed from {col.name} at {path}:{op.line}")
                col.name = op.value
                table.columns[op.value.lower()] = col
        elif op.action in ("retype", "comment"):
            target = table.columns.get(op.column.lower())
            if target is not None and op.action == "retype":
                target.type_sql = self.typed(op.value)
            elif target is not None:
                target.notes.append(op.value)
                target.label = op.value
        elif op.action == "rename_table":
            del self.tables[table.name.lower()]
            self._moved[id(table)] = (path, table.name.lower())
            new = op.value
            if "." not in new and "." in table.name:  # ALTER TABLE app.t RENAME TO u: u stays in app
                new = f"{table.name.rsplit('.', 1)[0]}.{new}"
            table.name = display_name(new)
            for col in table.columns.values():
                col.table = table.name
            self._put(table)
            before = self._dropped_here(table.name, path, table.kind)
            if before is not None:
                _rebuilt(table, before, f"{path}:{op.line}")

    def _alter_type(self, op: Op) -> None:
        """A type renamed or a composite's attribute added, dropped, renamed or retyped: the type and the columns
        of that type now read as the new one does (`home postal_address(street text, city text, postcode text)`)."""
        key = op.table.rsplit(".", 1)[-1].lower()
        old = self.types.get(key)
        if old is None:
            return
        name, shape = old
        attrs = self._attributes.get(key, [])
        if op.action == "rename_type":
            del self.types[key]
            name, key = op.value.rsplit(".", 1)[-1], op.value.rsplit(".", 1)[-1].lower()
            self._attributes[key] = self._attributes.pop(op.table.rsplit(".", 1)[-1].lower(), [])
        elif not attrs and op.action != "type_add_attribute":
            return  # a domain has no attributes
        elif op.action == "type_add_attribute":
            attrs = [*attrs, *op.columns]
        elif op.action == "type_drop_attribute":
            attrs = [a for a in attrs if a.name.lower() != op.column.lower()]
        elif op.action == "type_rename_attribute":
            attrs = [Column(op.value, a.type_sql, a.line) if a.name.lower() == op.column.lower() else a for a in attrs]
        elif op.action == "type_retype_attribute":
            attrs = [Column(a.name, op.value, a.line) if a.name.lower() == op.column.lower() else a for a in attrs]
        if op.action != "rename_type":
            if shape.startswith(" "):
                return  # ADD ATTRIBUTE on a domain: not PostgreSQL
            self._attributes[key] = attrs
            shape = f"({', '.join(f'{c.name} {self.typed(c.type_sql)}' for c in attrs)})"
        self.types[key] = (name, shape)
        for col in self.columns():
            array = _TYPED_AS.fullmatch(col.type_sql)
            if array and array.group(1).lower() == old[0].lower() and array.group(3) == old[1]:
                col.type_sql = f"{name}{array.group(2)}{shape}"

    def _dropped_here(self, name: str, path: str, kind: str) -> TableState | None:
        """The table of this name `path` itself dropped (a rebuild is one migration), once."""
        dropped = self._dropped.get(name.lower())
        if dropped is None or dropped[0] != path or dropped[1].kind != kind:
            return None
        del self._dropped[name.lower()]
        return dropped[1]

    def _add(self, table: TableState, columns: tuple[Column, ...], path: str) -> None:
        for column in columns:
            if column.refs and column.name == "*":
                for source in self._resolve_star(column.refs):
                    table.columns[source.name.lower()] = ColumnState(
                        source.name, table.name, source.type_sql, Location(path, column.line), table.kind, [], [source])
                continue
            sources = self._resolve(column.refs) if column.refs else []
            type_sql = self.typed(column.type_sql) or (sources[0].type_sql if len(sources) == 1 else "")
            table.columns[column.name.lower()] = ColumnState(
                column.name, table.name, type_sql, Location(path, column.line), table.kind,
                [column.comment] if column.comment else [], sources, column.comment)

    def typed(self, type_sql: str) -> str:
        """A type the schema defined, written with what it is (`email_address citext`); any other as it is."""
        if not self.types and not self.borrowed_types:
            return type_sql
        array = _ARRAY.search(type_sql)
        name = type_sql[: array.start()] if array else type_sql
        if not _USER_TYPE.fullmatch(name):
            return type_sql
        key = _QUOTED.sub("", name).rsplit(".", 1)[-1].lower()
        found = self.types.get(key)
        if found is None and (found := self.borrowed_types.get(key)) is not None:
            self.borrowed = True
        return f"{found[0]}{array.group(0) if array else ''}{found[1]}" if found else type_sql

    def _resolve(self, refs: tuple[Ref, ...]) -> list[ColumnState]:
        out: list[ColumnState] = []
        for tables, column in refs:
            for name in tables:
                table = self.find(name)
                col = table.columns.get(column.lower()) if table else None
                if col is not None:
                    if col not in out:
                        out.append(col)
                    break
        return out

    def _resolve_star(self, refs: tuple[Ref, ...]) -> Iterator[ColumnState]:
        for tables, _ in refs:
            for name in tables:
                table = self.find(name)
                if table is not None:
                    yield from list(table.columns.values())

    def columns(self) -> Iterator[ColumnState]:
        for table in self.tables.values():
            yield from table.columns.values()


def _rebuilt(table: TableState, before: TableState, where: str) -> None:
    """Columns of a rebuilt table that the old one had keep where they were first collected, and what their
    statements said of them; a column the rebuild adds stays where the rebuild is."""
    for key, col in table.columns.items():
        old = before.columns.get(key)
        if old is None:
            continue
        col.location = old.location
        col.label = col.label or old.label
        col.notes = [*old.notes, *(n for n in col.notes if n not in old.notes), f"table rebuilt at {where}"]
