"""Schema migrations as operations: Django `migrations.*` and Alembic `op.*`.

A migration file alone says little (a field added in 0001 may be removed in
0007), so each file records its operations in `deferred`; the cross-file pass
replays them in order (py_replay.py) and reports the fields that survive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import libcst as cst

from scanner.extract.py_common import Batchable, Context, args_of, code, dotted, label_of, last, string
from scanner.extract.py_frameworks import DJANGO_LINKS, RELATIONS, column_type, foreign_key_link, relation_target
from scanner.inventory import Location

DEFERRED_KEY = "py_migration"
# Django's auto primary keys: a migration writes the model's implicit `id` (DEFAULT_AUTO_FIELD) as one of these, which
# the model itself never declares, so it is no field (auditci F19: a migration checked alone reported Customer.id)
_AUTO_KEYS = {"AutoField", "BigAutoField", "SmallAutoField"}
_EXECUTES = {"execute", "exec_driver_sql"}  # op.execute, connection.execute, bind.exec_driver_sql
# what a migration's SQL may change in the schema; anything else is left unparsed (sqlglot is not cheap)
_SCHEMA_SQL = re.compile(r"\b(?:DROP\s+TABLE|ALTER\s+TABLE|CREATE\s+TABLE)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Op:
    op: str  # create, add, alter, remove, rename, delete_model, rename_model
    container: str
    name: str = ""
    new_name: str = ""
    type_hint: str = ""
    location: Location | None = None
    evidence: str = ""
    label: str = ""  # the field's verbose_name, as the model declared it
    # Django: on `create`, the model's `db_table` option; on an op read from `RunSQL`, the table it names (the
    # container is that table until the replay finds its model: `shop_customer` is app shop's Customer)
    table: str = ""


@dataclass
class MigrationFile:
    framework: str  # django or alembic
    group: str  # Django app folder, or the Alembic environment folder
    path: str
    revision: str = ""
    down_revision: tuple[str, ...] = ()
    dependencies: tuple[tuple[str, str], ...] = ()  # Django: (app label, migration name)
    ops: list[Op] = field(default_factory=list)


def _group(path: str, marker: str) -> str:
    parts = path.split("/")
    if marker in parts:
        return "/".join(parts[: len(parts) - 1 - parts[::-1].index(marker)])
    return "/".join(parts[:-1])


class MigrationVisitor(Batchable):
    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.file: MigrationFile | None = None
        self.batch: dict[str, str] = {}  # batch_op -> table (op.batch_alter_table)
        self.header: set[str] = set()  # which of `revision`, `down_revision` the module assigns

    def _file(self, framework: str) -> MigrationFile:
        if self.file is None:
            marker = "migrations" if framework == "django" else "versions"
            self.file = MigrationFile(framework, _group(self.ctx.path, marker), self.ctx.path)
            self.ctx.defer(DEFERRED_KEY, self.file)
        return self.file

    def _op(self, framework: str, op: str, container: str | None, node: cst.CSTNode, name: str | None = "",
            new_name: str | None = "", type_hint: str = "", label: str = "", table: str = "") -> None:
        if container and name is not None and new_name is not None:
            self._file(framework).ops.append(
                Op(op, container, name, new_name, type_hint, self.ctx.loc(node), code(node), label, table))

    def visit_WithItem(self, node: cst.WithItem) -> None:
        item = node.item
        if isinstance(item, cst.Call) and node.asname is not None and isinstance(node.asname.name, cst.Name):
            if (self.ctx.qualify(item.func) or "") == "alembic.op.batch_alter_table":
                table = string(args_of(item)[0][0]) if args_of(item)[0] else None
                if table:
                    self.batch[node.asname.name.value] = table

    def leave_Module(self, original_node: cst.Module) -> None:
        # a revision with no schema op (a merge of heads, a data-only revision) is still a link of the chain:
        # without it its children lose their place and are replayed by file name (a rename before an add)
        if self.file is None and self.header >= {"revision", "down_revision"} and self.ctx.constants.get("revision"):
            self._file("alembic")
        if self.file is not None and self.file.framework == "alembic":
            self.file.revision = self.ctx.constants.get("revision", "")
            down = self.ctx.constants.get("down_revision")
            self.file.down_revision = (down,) if down else self.file.down_revision

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        # `down_revision: Union[str, Sequence[str], None] = ("a1", "b2")`, as newer Alembic templates write it
        if node.value is not None:
            self._header(node.target, node.value)

    def _header(self, target: cst.BaseExpression, value: cst.BaseExpression) -> None:
        """Module-level `revision` / `down_revision` of an Alembic revision file."""
        name = dotted(target)
        if len(self.ctx.scopes) != 1 or not self.ctx.is_migration or name not in ("revision", "down_revision"):
            return
        self.header.add(name)
        if name == "down_revision" and isinstance(value, (cst.Tuple, cst.List)):  # ("a1", "b2") merges two heads
            self._file("alembic").down_revision = tuple(s for e in value.elements if (s := string(e.value)))

    def visit_Assign(self, node: cst.Assign) -> None:
        # class Migration: dependencies = [("shop", "0002_order"), ...] orders Django migrations
        if (self.ctx.is_migration and self.ctx.class_body is not None and len(node.targets) == 1
                and dotted(node.targets[0].target) == "dependencies" and isinstance(node.value, (cst.List, cst.Tuple))):
            pairs = []
            for element in node.value.elements:
                pair = element.value
                if isinstance(pair, (cst.Tuple, cst.List)) and len(pair.elements) == 2:
                    app, name = string(pair.elements[0].value), string(pair.elements[1].value)
                    if app and name:
                        pairs.append((app, name))
            if pairs:
                self._file("django").dependencies = tuple(pairs)
            return
        if len(node.targets) == 1:
            self._header(node.targets[0].target, node.value)

    def visit_Call(self, node: cst.Call) -> None:
        if not self.ctx.is_migration:
            return
        q = self.ctx.qualify(node.func) or ""
        method = node.func.attr.value if isinstance(node.func, cst.Attribute) else ""
        if method in _EXECUTES and self.ctx.function().startswith("upgrade") and (
                "revision" in self.header or q.startswith("alembic.op.")):
            positional, _ = args_of(node)
            self._sql("alembic", positional[0] if positional else None, node)
        elif q.startswith("django.db.migrations."):
            self._django(last(q), node)
        elif q.startswith(("alembic.op.", "alembic.op.batch_alter_table.")) and self.ctx.function().startswith("upgrade"):
            base = dotted(node.func.value) if isinstance(node.func, cst.Attribute) else None
            self._alembic(last(q), node, self.batch.get(base or ""))

    def _django(self, op: str, node: cst.Call) -> None:
        positional, kw = args_of(node)

        def get(i: int, key: str) -> cst.BaseExpression | None:
            return kw.get(key) or (positional[i] if len(positional) > i else None)

        def text(i: int, key: str) -> str | None:
            return string(get(i, key))

        if op == "CreateModel":
            model, fields = text(0, "name"), get(1, "fields")
            self._op("django", "create", model, node, table=_db_table(get(2, "options")))
            if model and isinstance(fields, (cst.List, cst.Tuple)):
                for element in fields.elements:
                    pair = element.value
                    if isinstance(pair, cst.Tuple) and len(pair.elements) == 2:
                        self._field_op("add", model, string(pair.elements[0].value), pair.elements[1].value, pair)
        elif op in ("AddField", "AlterField"):
            self._field_op("add" if op == "AddField" else "alter", text(0, "model_name"), text(1, "name"), get(2, "field"), node)
        elif op == "RemoveField":
            self._op("django", "remove", text(0, "model_name"), node, text(1, "name"))
        elif op == "RenameField":
            self._op("django", "rename", text(0, "model_name"), node, text(1, "old_name"), text(2, "new_name"))
        elif op == "DeleteModel":
            self._op("django", "delete_model", text(0, "name"), node)
        elif op == "RenameModel":
            self._op("django", "rename_model", text(0, "old_name"), node, "", text(1, "new_name"))
        elif op == "RunSQL":  # its `reverse_sql` undoes it and is not read
            self._sql("django", get(0, "sql"), node)

    def _field_op(self, op: str, model: str | None, name: str | None, value: cst.BaseExpression | None, node: cst.CSTNode) -> None:
        func = last(dotted(value.func) or "") if isinstance(value, cst.Call) else ""
        if func in RELATIONS:
            if isinstance(value, cst.Call) and func in DJANGO_LINKS:  # stored links, as on the model
                self._op("django", op, model, node, name, "", f"{func}({relation_target(value)})", label_of(value, False))
            elif op == "alter":
                self._op("django", "remove", model, node, name)  # the column became a virtual relation
            return
        if func in _AUTO_KEYS and (name or "").lower() == "id" and isinstance(value, cst.Call) \
                and dotted(args_of(value)[1].get("primary_key")) == "True":
            return
        label = label_of(value, positional_label=True) if isinstance(value, cst.Call) else ""
        self._op("django", op, model, node, name, "", func, label)

    def _alembic(self, op: str, node: cst.Call, batch_table: str | None) -> None:
        positional, kw = args_of(node)
        if batch_table is not None:
            positional = [cst.SimpleString(repr(batch_table)), *positional]
        table = string(positional[0]) if positional else string(kw.get("table_name"))
        if op == "create_table":
            self._op("alembic", "create", table, node)
            for value in positional[1:]:
                self._column("add", table, value)
        elif op == "add_column":
            column = positional[1] if len(positional) > 1 else kw.get("column")
            if column is not None:
                self._column("add", table, column)
        elif op == "drop_column":
            self._op("alembic", "remove", table, node, string(positional[1]) if len(positional) > 1 else None)
        elif op == "alter_column":
            old = string(positional[1]) if len(positional) > 1 else None
            new = string(kw.get("new_column_name"))
            if new:
                self._op("alembic", "rename", table, node, old, new)
        elif op == "drop_table":
            self._op("alembic", "delete_model", table, node)
        elif op == "rename_table":
            self._op("alembic", "rename_model", table, node, "", string(positional[1]) if len(positional) > 1 else None)

    def _sql(self, framework: str, value: cst.BaseExpression | None, node: cst.Call) -> None:
        """Schema changes a migration runs as SQL (`op.execute("CREATE TABLE audit (...)")`,
        `op.get_bind().execute(sa.text(...))`, Django's `RunSQL(["ALTER TABLE shop_patient ADD ...", ...])`) are
        ops of its history as the framework's own are, so a later migration's SQL or op drops what SQL created (a
        RunSQL table's `phone`, dropped by the next migration's RunSQL, was still reported). The embedded-SQL reader
        leaves the columns read here to the replay (py_embedded_sql)."""
        texts = [(t, n) for n in _statements(value) if (t := self._sql_text(n)) and _SCHEMA_SQL.search(t)]
        if not texts:
            return
        from scanner.extract.sql import backquoted_dialect, read_sql  # sqlglot only for migrations with such SQL
        from scanner.extract.sql_schema import display_name

        # a Django op names a table, not a model: the replay finds the model (`table=`)
        django = framework == "django"
        for text, statement in texts:
            # (a statement that does not parse changes nothing)
            facts, _errors = read_sql(text, self.ctx.path, backquoted_dialect(text, self.ctx.dialect))
            base = self.ctx.loc(statement).line - 1  # the string's lines count from its first
            for sql_op in facts.ops:
                table = display_name(sql_op.table)
                mark = table if django else ""
                if sql_op.kind != "sql_table":
                    continue  # (a view is the embedded-SQL reader's)
                if sql_op.action in ("create", "create_if_absent", "add"):
                    if sql_op.action == "create":  # (IF NOT EXISTS keeps a table there is: its columns only add)
                        self._op(framework, "create", table, node, table=mark)
                    for column in sql_op.columns:
                        at = Location(self.ctx.path, base + column.line)
                        self._file(framework).ops.append(Op("add", table, column.name, "", column.type_sql, at,
                                                            f"{column.name} {column.type_sql}".strip(),
                                                            column.comment, mark))
                elif sql_op.action == "drop_table":
                    self._op(framework, "delete_model", table, node, table=mark)
                elif sql_op.action == "rename_table" and not django:  # (a Django model keeps its name)
                    self._op(framework, "rename_model", table, node, "", display_name(sql_op.value))
                elif sql_op.action == "drop_column":
                    self._op(framework, "remove", table, node, sql_op.column, table=mark)
                elif sql_op.action == "rename_column":
                    self._op(framework, "rename", table, node, sql_op.column, sql_op.value, table=mark)

    def _sql_text(self, node: cst.BaseExpression) -> str | None:
        """A literal statement, a module constant holding one, or either wrapped in `sa.text(...)`."""
        if isinstance(node, cst.Call) and last(dotted(node.func) or "") == "text" and node.args:
            return self._sql_text(node.args[0].value)
        if isinstance(node, cst.Name):
            return self.ctx.constants.get(node.value)
        return string(node)

    def _column(self, op: str, table: str | None, value: cst.BaseExpression) -> None:
        if not isinstance(value, cst.Call) or last(dotted(value.func) or "") != "Column":
            return
        positional, _ = args_of(value)
        name = string(positional[0]) if positional else None
        type_hint = link = ""
        for arg in positional[1:]:
            inner = arg.func if isinstance(arg, cst.Call) else arg
            candidate = last(dotted(inner) or "")
            if candidate == "ForeignKey":  # sa.ForeignKey("users.id"): a constraint on the column, not its type
                link = foreign_key_link(arg) if isinstance(arg, cst.Call) else ""
                continue
            type_hint = type_hint or candidate
        self._op("alembic", op, table, value, name, "", column_type(type_hint, link))  # as the models' columns


def _statements(value: cst.BaseExpression | None) -> list[cst.BaseExpression]:
    """The statements a migration runs: one, or Django's list of them, each maybe an `(sql, params)` pair."""
    if isinstance(value, (cst.List, cst.Tuple)):
        out = []
        for element in value.elements:
            item = element.value
            if isinstance(item, (cst.Tuple, cst.List)) and item.elements:
                item = item.elements[0].value
            out.append(item)
        return out
    return [value] if value is not None else []


def _db_table(options: cst.BaseExpression | None) -> str:
    """`options={"db_table": "legacy_customers"}` of a Django CreateModel."""
    if isinstance(options, cst.Dict):
        for element in options.elements:
            if isinstance(element, cst.DictElement) and string(element.key) == "db_table":
                return string(element.value) or ""
    return ""
