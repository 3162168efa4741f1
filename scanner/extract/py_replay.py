"""Replay migration operations in order; the fields that survive are what the schema collects.

Django migrations are ordered by their `dependencies` graph within their app
(topologically, ties by file name), Alembic revisions by their `down_revision` chain. A removed field disappears;
a renamed field keeps its history in the evidence; a field that survives its model's rebuild within one migration
(dropped and created again, or a copy renamed into its place) keeps its first location.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable

from scanner.extract.py_migrations import MigrationFile, Op
from scanner.inventory import RawField


def _alembic_order(files: list[MigrationFile]) -> list[MigrationFile]:
    """Parents before children along `down_revision` (a merge has several), ties by file name.

    Iterative: a long-lived project's chain has thousands of revisions, deeper than Python's recursion limit."""
    by_revision = {f.revision: f for f in files if f.revision}
    done: set[str] = set()
    out: list[MigrationFile] = []
    for root in sorted(files, key=lambda f: f.path):
        stack: list[tuple[MigrationFile, int]] = [(root, 0)]
        on_stack = {root.path}
        while stack:
            f, i = stack[-1]
            if f.path in done:
                stack.pop()
                on_stack.discard(f.path)
                continue
            parents = [p for p in f.down_revision if p in by_revision]
            if i < len(parents):
                stack[-1] = (f, i + 1)
                parent = by_revision[parents[i]]
                if parent.path not in done and parent.path not in on_stack:  # (a cycle is cut where it closes)
                    stack.append((parent, 0))
                    on_stack.add(parent.path)
                continue
            stack.pop()
            on_stack.discard(f.path)
            done.add(f.path)
            out.append(f)
    return out


def _django_order(files: list[MigrationFile]) -> list[MigrationFile]:
    """Topological order of one app's migrations over the dependencies that stay in the app.

    A dependency names (app label, migration name); the label is not always the
    folder's name, so a dependency counts as internal when it names a migration
    of this folder under the label most such dependencies use (the folder's
    name wins a tie). Cross-app dependencies do not order fields within an app.
    """
    by_name = {f.path.rsplit("/", 1)[-1].removesuffix(".py"): f for f in files}
    labels: dict[str, int] = {}
    for f in files:
        for app, name in f.dependencies:
            if name in by_name:
                labels[app] = labels.get(app, 0) + 1
    folder = files[0].group.rsplit("/", 1)[-1] if files else ""
    label = max(labels, key=lambda a: (labels[a], a == folder)) if labels else folder
    after: dict[str, set[str]] = {name: set() for name in by_name}
    for name, f in by_name.items():
        after[name] = {dep for app, dep in f.dependencies if app == label and dep in by_name and dep != name}
    ready = sorted(name for name, deps in after.items() if not deps)
    done: list[str] = []
    placed: set[str] = set()
    while ready:
        name = heapq.heappop(ready)
        done.append(name)
        placed.add(name)
        for other, deps in after.items():
            if other not in placed and other not in ready and name in deps and deps <= placed:
                heapq.heappush(ready, other)
    done += sorted(set(by_name) - placed)  # a cycle: file-name order for what is left
    return [by_name[name] for name in done]


def ordered(files: Iterable[MigrationFile]) -> list[MigrationFile]:
    groups: dict[tuple[str, str], list[MigrationFile]] = defaultdict(list)
    for f in files:
        groups[(f.framework, f.group)].append(f)
    out: list[MigrationFile] = []
    for (framework, _), members in sorted(groups.items()):
        out.extend(_alembic_order(members) if framework == "alembic" else _django_order(members))
    return out


def replay(files: Iterable[MigrationFile], declared: Iterable[tuple[str, str, str]] = ()) -> list[RawField]:
    """Fields alive after every operation, each at the operation that gave it its current name.

    `declared` lists the models the code itself declares, as (kind, path, name) for Django models and
    (kind, path, table) for SQLAlchemy's mapped classes. Their migrations are their history: the model
    is reported, once, where a developer reads and suppresses it; only models and tables that no
    scanned class declares (a removed model, a table without ORM) come from the migrations.
    """
    # (framework, group, model lower) -> field lower -> RawField
    models: dict[tuple[str, str, str], dict[str, RawField]] = {}
    names: dict[tuple[str, str, str], str] = {}  # display name of each model
    tables: dict[tuple[str, str, str], str] = {}  # a Django model's `db_table`, lower-cased
    for f in ordered(files):
        gone: dict[tuple[str, str, str], dict[str, RawField]] = {}  # models this file dropped or created over
        rebuilt: dict[tuple[str, str, str], dict[str, RawField]] = {}
        for op in f.ops:
            key = (f.framework, f.group, op.container.lower())
            if op.op == "create" and op.table:
                tables[key] = op.table.lower()
            elif op.table:  # read from RunSQL: the table's model
                key = _model_of_table(op.table.lower(), f.framework, f.group, models, tables) or key
            if op.op in ("delete_model", "create") and models.get(key):
                gone[key] = models[key]
            _apply(op, key, models, names)
            # created, or renamed, into the place of a model this file dropped: the model rebuilt (a SQLite
            # table remade under a temporary name and renamed back, a DeleteModel and CreateModel of one name)
            placed = key if op.op == "create" else (f.framework, f.group, op.new_name.lower()) if op.op == "rename_model" else None
            if placed is not None and placed in gone:
                rebuilt[placed] = gone.pop(placed)
        for key, before in rebuilt.items():
            _keep_history(models.get(key, {}), before)
    in_code = _Declared(declared)
    return [raw for key, fields in models.items() if not in_code(*key) for raw in fields.values()]


def _keep_history(fields: dict[str, RawField], before: dict[str, RawField]) -> None:
    """A field that survives its model's rebuild is the one collected before: it keeps that location (a baseline
    knows it there), as an altered field does; the rebuild goes in its evidence. New fields stay at the rebuild."""
    for name, raw in fields.items():
        old = before.get(name)
        if old is not None:
            fields[name] = RawField(raw.name, raw.container, raw.kind, old.location,
                                    f"{old.evidence}  (table rebuilt at {raw.location}: {raw.evidence})",
                                    raw.type_hint or old.type_hint, raw.label or old.label)


def _model_of_table(table: str, framework: str, group: str, models: dict[tuple[str, str, str], dict[str, RawField]],
                    tables: dict[tuple[str, str, str], str]) -> tuple[str, str, str] | None:
    """The model of this app whose table SQL names: its `db_table`, else Django's default `<app label>_<model>`
    (`shop_customer`), else a model named as the table; the longest name that fits wins."""
    mine = [key for key in models if key[:2] == (framework, group)]
    declared = [key for key in mine if tables.get(key) == table]
    if declared:
        return declared[0]
    named = [key for key in mine if key not in tables and (table == key[2] or table.endswith("_" + key[2]))]
    return max(named, key=lambda key: len(key[2])) if named else None


class _Declared:
    """Is a migrated model one the code declares: a Django model of the same app, or a mapped table?"""

    def __init__(self, declared: Iterable[tuple[str, str, str]]) -> None:
        self.django: dict[str, list[str]] = defaultdict(list)  # model lower -> paths declaring it
        self.tables: set[str] = set()
        for kind, path, name in declared:
            if kind == "django_model":
                self.django[name.lower()].append(path)
            elif kind == "sqlalchemy":
                self.tables.add(name.lower())

    def __call__(self, framework: str, group: str, model: str) -> bool:
        if framework == "alembic":
            return model in self.tables  # an Alembic environment serves the whole project's tables
        app = group + "/" if group else ""
        return any(path.startswith(app) for path in self.django.get(model, ()))


def _apply(op: Op, key: tuple[str, str, str], models: dict[tuple[str, str, str], dict[str, RawField]],
           names: dict[tuple[str, str, str], str]) -> None:
    assert op.location is not None
    if op.op == "create":
        models[key] = {}
        names[key] = op.container
        return
    if op.op == "delete_model":
        models.pop(key, None)
        return
    if op.op == "rename_model":
        fields = models.pop(key, {})
        new_key = (key[0], key[1], op.new_name.lower())
        names[new_key] = op.new_name
        models[new_key] = {n: RawField(r.name, op.new_name, r.kind, r.location, r.evidence, r.type_hint, r.label) for n, r in fields.items()}
        return
    fields = models.setdefault(key, {})
    container = names.setdefault(key, op.container)
    name = op.name.lower()
    if op.op == "add":
        fields[name] = RawField(op.name, container, "migration", op.location, op.evidence, op.type_hint, op.label)
    elif op.op == "alter" and name in fields:
        old = fields[name]
        fields[name] = RawField(old.name, container, "migration", old.location, f"{old.evidence}  (altered at {op.location}: {op.evidence})", op.type_hint or old.type_hint, op.label or old.label)
    elif op.op == "alter":
        fields[name] = RawField(op.name, container, "migration", op.location, op.evidence, op.type_hint, op.label)
    elif op.op == "remove":
        # SQL names a link's column (`user_id`), the model its field (`user`)
        fields.pop(name if name in fields or not name.endswith("_id") else name[:-3], None)
    elif op.op == "rename" and name in fields:
        old = fields.pop(name)
        history = f"renamed from {old.name} (declared at {old.location}: {old.evidence})"
        fields[op.new_name.lower()] = RawField(op.new_name, container, "migration", op.location, f"{op.evidence}  ({history})", old.type_hint, old.label)
