"""Cross-file SQL: migration folders replayed in version order, derived tables classified by lineage.

Each SQL file left its schema ops in `deferred["sql"]` (scanner/extract/sql.py).
Here every history's files (a folder, with its versioned subfolders such as
`delta/17/` or Prisma's `<timestamp>_name/`) are replayed in migration order
(sql_migrations.py), so a column added in V1 and dropped in V7 is gone, and
one added in V3 is reported at V3's line. A snapshot (synapse's full_schemas/72/,
a Flyway B5__ baseline) starts its history: the steps it already holds report
nothing; sqitch's deploy/ scripts replay in sqitch.plan's order. CREATE TABLE AS SELECT columns and dbt models'
columns whose own name says nothing take the category of the column they are computed from. Views are replayed
too, for the tables built from them, but collect nothing (sql.collects). Folders with a single file and no
derived columns keep the per-file result as is.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path, PurePosixPath

from scanner.classify import Classifier, classify_fields
from scanner.config import Config
from scanner.extract import sql_dbt
from scanner.extract.sql import DEFERRED_KEY, TEMPLATE_ONLY, SqlFacts, collects, read_sql
from scanner.discover import sql_dialect_of
from scanner.extract.sql_dialects import DialectChoice, dialect_folder, majority, normalize, unmarked
from scanner.extract.sql_migrations import (
    history, is_undo, order_key, plan_order, snapshot_folder, superseded, versioned)
from scanner.extract.sql_schema import Column, ColumnState, Op, Schema, TableState, table_key
from scanner.inventory import SQL_DIALECT_KEY, Field, FileResult, Location
from scanner.ruleset import RuleSet


def _namespace(path: str, facts: SqlFacts) -> str:
    if facts.dbt_model:
        return "dbt:" + sql_dbt.models_root(path)
    return history(path)


def classify_column(col: ColumnState, classifier: Classifier, neighbours: Sequence[str] = (),
                    seen: frozenset[int] = frozenset()) -> Field | None:
    """By the column's own name and type beside its table's other columns, as a single file's columns are
    classified (classify_fields: a type the schema defines is read too); failing that, by what it is derived from."""
    found = classify_fields([col.raw()], classifier, {(col.location.path, col.table): list(neighbours)})
    if found:
        return found[0]
    for source in col.sources:
        if id(source) in seen:
            continue
        inherited = classify_column(source, classifier, seen=seen | {id(col)})
        if inherited is not None:
            return Field(col.name, col.table, col.kind, inherited.category, inherited.confidence, inherited.rule,
                         f"derived from {source.table}.{source.name}: {inherited.reason}",
                         col.location, col.evidence, col.type_sql)
    return None


class _Registry:
    """Final tables of every replayed folder, for views that select across folders (dbt sources)."""

    def __init__(self) -> None:
        self.by_key: dict[str, TableState] = {}
        self.by_bare: dict[str, list[TableState]] = {}

    def add(self, tables: Iterable[TableState]) -> None:
        for table in tables:
            key = table.name.lower()
            self.by_key.setdefault(key, table)
            self.by_bare.setdefault(key.rsplit(".", 1)[-1], []).append(table)

    def find(self, name: str) -> TableState | None:
        key = table_key(name)
        if key in self.by_key:
            return self.by_key[key]
        candidates = self.by_bare.get(key.rsplit(".", 1)[-1], [])
        return candidates[0] if len(candidates) == 1 else None


def _add_dbt_docs(schema: Schema, config: Config, namespace: str, model_paths: dict[str, str]) -> None:
    docs = sql_dbt.read_docs(config.root, namespace[len("dbt:"):])
    for model, columns in docs.items():
        table = schema.tables.get(model)
        if table is None or model not in model_paths:
            continue
        for key, doc in columns.items():
            col = table.columns.get(key)
            if col is None:  # documented but hidden behind `select *` or a macro
                col = ColumnState(doc.name, table.name, "", Location(doc.path, doc.line), table.kind)
                table.columns[key] = col
            if doc.description:
                col.notes.append(doc.description)
                col.label = col.label or doc.description


def replay_sql(results: list[FileResult], rules: RuleSet, config: Config) -> list[FileResult]:
    groups: dict[str, list[tuple[FileResult, SqlFacts]]] = {}
    for result in results:
        facts = result.deferred.pop(DEFERRED_KEY, None)
        if not isinstance(facts, SqlFacts):
            continue
        result.deferred[SQL_DIALECT_KEY] = facts.dialect
        if is_undo(result.path):
            result.fields = []  # reverses history; never part of the final schema
            continue
        if facts.seed[0]:
            facts = _with_seed_columns(facts, result.path, config)
        groups.setdefault(_namespace(result.path, facts), []).append((result, facts))
    for root in _join_snapshots(groups):
        _python_steps_after_snapshot(root, groups[root], results)
    renderings = _dialect_renderings(groups)
    for namespace, members in groups.items():
        if not namespace.startswith("dbt:") and len(members) > 1:
            members = _after_snapshot(_one_of_each_dump(_one_of_each_pair(members)))
            groups[namespace] = _folder_dialect(namespace, members, config)
    registry = _Registry()
    types = _types_by_namespace(groups)
    # plain folders first, so dbt models can resolve the tables their sources name
    for namespace in sorted(groups, key=lambda n: (n.startswith("dbt:"), n)):
        members = _in_plan_order(sorted(groups[namespace], key=lambda m: order_key(m[0].path)), namespace, config)
        if namespace.startswith("dbt:"):
            members = _by_dependencies(members)
        borrowed = _borrowed_types(types, namespace)
        if len(members) == 1 and not members[0][1].dbt_model and not _derives(members[0][1]):
            schema = Schema(borrowed_types=borrowed)
            for op in members[0][1].ops:  # cheap: the per-file fields stand, this only feeds the registry
                schema.apply(op, members[0][0].path)
            if not schema.borrowed:
                registry.add(schema.tables.values())
                continue
        schema = Schema(fallback=registry.find, borrowed_types=borrowed)
        for result, facts in members:
            for op in facts.ops:
                schema.apply(op, result.path)
        model_paths = {f.dbt_model.lower(): r.path for r, f in members if f.dbt_model}
        if namespace.startswith("dbt:"):
            _add_dbt_docs(schema, config, namespace, model_paths)
        by_path = {result.path: result for result, _ in members}
        facts_of = {result.path: facts for result, facts in members}
        for result in by_path.values():
            result.fields = []
        for table in schema.tables.values():
            neighbours = [col.name for col in table.columns.values()]
            for col in table.columns.values():
                owner = by_path.get(col.location.path) or by_path.get(model_paths.get(table.name.lower(), ""))
                if owner is None or not collects(table.kind, facts_of[owner.path]):
                    continue
                field = classify_column(col, rules.classifier, neighbours)
                if field is not None:
                    owner.fields.append(field)
        registry.add(schema.tables.values())
    for chosen, others in renderings:
        _merge_renderings(chosen, others)
    _steps_of_dumps(groups)
    return results


Members = list[tuple[FileResult, SqlFacts]]
_SEED_HEAD_BYTES = 64 * 1024  # a CSV's header line is short: what is past it is rows, never read


def _with_seed_columns(facts: SqlFacts, path: str, config: Config) -> SqlFacts:
    """A SQLMesh SEED model that declares no columns has its CSV's: the header row names them (SQLMesh reads the
    types from the values; they are left unknown here). Read statically, only inside the scanned tree."""
    seed, line = facts.seed
    root = Path(config.root).resolve()
    csv_path = (root / PurePosixPath(path).parent / seed).resolve()
    if not csv_path.is_relative_to(root) or not csv_path.is_file():
        return facts
    try:
        with csv_path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
            header = next(csv.reader(io.StringIO(handle.read(_SEED_HEAD_BYTES))), [])
    except (OSError, csv.Error):
        return facts
    names = list({n.lower(): n for n in (h.strip() for h in header) if n}.values())  # (a repeated name once)
    if not names or any(op.table == facts.dbt_model and op.columns for op in facts.ops):
        return facts
    columns = tuple(Column(name, "", line) for name in names)  # at the line naming the CSV (no comment: no label)
    return facts._replace(ops=(*facts.ops, Op("create", facts.dbt_model, line, columns)))
Types = dict[str, tuple[str, str]]


def _types_by_namespace(groups: dict[str, Members]) -> dict[str, Types]:
    """The column types (domains, composites) each folder defines, as its replay writes them."""
    out: dict[str, Types] = {}
    for namespace, members in groups.items():
        if any(op.action == "define_type" for _, facts in members for op in facts.ops):
            schema = Schema()
            for result, facts in members:
                for op in facts.ops:
                    if op.action == "define_type":
                        schema.apply(op, result.path)
            out[namespace] = schema.types
    return out


def _borrowed_types(types: dict[str, Types], namespace: str) -> Types:
    """Types the project's other folders define, for a migration folder whose columns use a type it does not define
    (`db/types/` beside `db/migrations/`): a name two folders define differently is left unread, as it is ambiguous."""
    out: Types = {}
    ambiguous: set[str] = set()
    for other, defined in types.items():
        if other == namespace:
            continue
        for key, shape in defined.items():
            if key in out and out[key] != shape:
                ambiguous.add(key)
            out.setdefault(key, shape)
    return {k: v for k, v in out.items() if k not in ambiguous}


def _join_snapshots(groups: dict[str, Members]) -> list[str]:
    """synapse's `main/delta/<N>/` are the steps after `main/full_schemas/72/`: one history, rooted at `main`.

    A folder beside a snapshot folder joins its history when all its files are versioned steps;
    other folders (`main/queries/`) and unrelated histories (`schema/a/`, `schema/b/`) stay apart.
    """
    roots = [n for n, members in groups.items() if any(snapshot_folder(r.path) for r, _ in members)]
    for root in roots:
        for namespace in list(groups):
            parent = namespace.rsplit("/", 1)[0] if "/" in namespace else ""
            if (namespace not in (root, "") and not namespace.startswith("dbt:") and parent == root
                    and all(versioned(r.path) for r, _ in groups[namespace])):
                groups[root].extend(groups.pop(namespace))
    return roots


def _dialect_renderings(groups: dict[str, Members]) -> list[tuple[list[FileResult], list[list[FileResult]]]]:
    """supysonic's `migration/mysql/`, `migration/postgres/` and `migration/sqlite/` are one history written
    once per dialect, as `x.sql.postgres` beside `x.sql.sqlite` is one migration: (the one to report, the others).

    Sibling histories whose paths differ only in a folder named for a dialect are such renderings. The
    PostgreSQL one is reported (as for pairs and dumps), else the one with the most files; a column only
    another rendering has stays reported there (`_merge_renderings`).
    """
    families: dict[tuple[str, ...], list[str]] = {}
    for namespace in groups:
        if namespace.startswith("dbt:"):
            continue
        parts = namespace.split("/")
        at = next((i for i in range(len(parts) - 1, -1, -1) if dialect_folder(parts[i])), None)
        if at is not None:
            families.setdefault((*parts[:at], "*", *parts[at + 1:]), []).append(namespace)
    out: list[tuple[list[FileResult], list[list[FileResult]]]] = []
    for pattern, siblings in families.items():
        if len(siblings) < 2:
            continue
        at = pattern.index("*")

        def rank(namespace: str) -> tuple[bool, int, str]:
            return dialect_folder(namespace.split("/")[at]) != "postgres", -len(groups[namespace]), namespace
        siblings.sort(key=rank)
        out.append(([r for r, _ in groups[siblings[0]]], [[r for r, _ in groups[s]] for s in siblings[1:]]))
    return out


def _merge_renderings(chosen: list[FileResult], others: list[list[FileResult]]) -> None:
    """A column the chosen rendering reports is reported there only: the other dialects' copies go."""
    known = {(table_key(f.container), f.name.lower()) for result in chosen for f in result.fields}
    for rendering in others:
        for result in rendering:
            result.fields = [f for f in result.fields if (table_key(f.container), f.name.lower()) not in known]


def _steps_of_dumps(groups: dict[str, Members]) -> None:
    """supysonic's `schema/postgres.sql` is the whole schema of today; `schema/migration/postgres/*.sql` are the
    steps that led to it. A column a step adds that a dump of a parent folder already creates is reported at
    the dump only, as a snapshot's steps are (one column, one place)."""
    dumps: dict[str, set[tuple[str, str]]] = {}
    for namespace, members in groups.items():
        for result, _ in members:
            if not namespace.startswith("dbt:") and not versioned(result.path):
                dumps.setdefault(namespace, set()).update(
                    (table_key(f.container), f.name.lower()) for f in result.fields if f.kind == "sql_table")
    for namespace, members in groups.items():
        if namespace.startswith("dbt:"):
            continue
        above = set().union(*(cols for folder, cols in dumps.items()
                              if folder != namespace and (folder == "" or namespace.startswith(folder + "/"))))
        if not above:
            continue
        for result, _ in members:
            if versioned(result.path):
                result.fields = [f for f in result.fields
                                 if f.kind != "sql_table" or (table_key(f.container), f.name.lower()) not in above]


def _python_steps_after_snapshot(root: str, members: Members, results: list[FileResult]) -> None:
    """synapse's `delta/20/pushers.py` creates and copies with embedded SQL a table `full_schemas/72/` holds.

    Its SQL is history the snapshot summarises: those fields go, the file's other facts stay.
    """
    steps = [r for r in results if r.path.endswith(".py") and versioned(r.path)
             and (history(r.path) == root or history(r.path).rsplit("/", 1)[0] == root)]
    gone = superseded([r.path for r, _ in members] + [r.path for r in steps])
    for result in steps:
        if result.path in gone:
            result.fields = [f for f in result.fields if f.kind not in ("sql_table", "sql_view", "sql_query")]


def _after_snapshot(members: Members) -> Members:
    """A new database starts from the latest snapshot: the steps it contains never replay on top of it."""
    gone = superseded([r.path for r, _ in members])
    for result, _ in members:
        if result.path in gone:
            result.fields = []  # its tables are the snapshot's, as of the snapshot's version
    return [m for m in members if m[0].path not in gone]


def _in_plan_order(members: Members, namespace: str, config: Config) -> Members:
    """sqitch runs `deploy/*.sql` in its plan's order, not by name: `users` before `add_phone`.
    Changes the plan does not name keep their place after the ones it does."""
    if len(members) < 2 or namespace.rsplit("/", 1)[-1] != "deploy":
        return members
    try:
        plan = plan_order((config.root / namespace / ".." / "sqitch.plan").read_text(encoding="utf-8", errors="replace"))
    except OSError:
        return members
    prefix = f"{namespace}/"

    def place(member: tuple[FileResult, SqlFacts]) -> int:
        change = member[0].path[len(prefix):].rsplit(".", 1)[0]
        return plan.get(change, len(plan))
    return sorted(members, key=place)  # stable: unplanned ones keep their version order


def _one_of_each_dump(members: Members) -> Members:
    """Two unversioned files of one folder that create the same tables are one schema dumped twice
    (`postgresql_schema.sql` beside `sqlite_schema.sql`), not two steps: replay one, PostgreSQL's or the first.

    Replayed as steps, the second CREATE would stand alone and lose what the first file knew.
    """
    creates: dict[int, set[str]] = {}
    for member in members:
        if versioned(member[0].path):
            continue
        ops = member[1].ops
        dropped = {table_key(op.table) for op in ops if op.action == "drop_table"}
        made = {table_key(op.table) for op in ops if op.action in ("create", "create_if_absent")
                and op.kind == "sql_table"} - dropped  # a rebuild (DROP then CREATE) is a step
        if made:
            creates[id(member)] = made
    kept: list[tuple[FileResult, SqlFacts]] = []
    gone: set[int] = set()
    for member in members:
        if id(member) not in creates:
            continue
        made = creates[id(member)]
        twin = next((k for k in kept if len(made & creates[id(k)]) * 2 >= min(len(made), len(creates[id(k)]))), None)
        if twin is None:
            kept.append(member)
        elif normalize(member[1].dialect.name) == "postgres" and normalize(twin[1].dialect.name) != "postgres":
            kept[kept.index(twin)] = member
            gone.add(id(twin))
        else:
            gone.add(id(member))
    for member in members:
        if id(member) in gone:
            member[0].fields = []  # the same tables as the dump kept, in another dialect
    return [m for m in members if id(m) not in gone]


def _one_of_each_pair(members: list[tuple[FileResult, SqlFacts]]) -> list[tuple[FileResult, SqlFacts]]:
    """synapse's `x.sql.postgres` and `x.sql.sqlite` are one migration written twice: replay one, PostgreSQL's."""
    chosen: dict[str, tuple[FileResult, SqlFacts]] = {}
    for member in members:
        dialect, part = sql_dialect_of(member[0].path)
        if not part.startswith(".sql."):
            continue
        stem = member[0].path[: -len(part)]
        other = chosen.get(stem)
        if other is None or (normalize(dialect) == "postgres" and sql_dialect_of(other[0].path)[0] != "postgres"):
            chosen[stem] = member
    keep = {id(m) for m in chosen.values()}
    out: list[tuple[FileResult, SqlFacts]] = []
    for member in members:
        if sql_dialect_of(member[0].path)[1].startswith(".sql.") and id(member) not in keep:
            member[0].fields = []  # the same tables as its pair's, in another dialect
            continue
        out.append(member)
    return out


def _folder_dialect(namespace: str, members: list[tuple[FileResult, SqlFacts]],
                    config: Config) -> list[tuple[FileResult, SqlFacts]]:
    """A file with no dialect markers of its own is read in the dialect of most of its history's files.

    cowrie's `update11.sql` (`ALTER TABLE sensors MODIFY ...`) says nothing, was read as PostgreSQL and
    failed, while its siblings are MySQL. Such files are read again, in the worker-less project pass.
    """
    decided = majority([facts.dialect for _, facts in members])
    if decided is None:
        return members
    name, votes, total = decided
    out: list[tuple[FileResult, SqlFacts]] = []
    for result, facts in members:
        if unmarked(facts.dialect) and facts.dialect.name != name:
            where = f"{namespace}/" if namespace else "the root folder"
            choice = DialectChoice(name, True, f"the other files of {where} ({votes} of {total} with markers)")
            reread = _reread(config, result, choice)
            if reread is not None:
                facts = reread
                result.deferred[SQL_DIALECT_KEY] = choice
        out.append((result, facts))
    return out


def _reread(config: Config, result: FileResult, choice: DialectChoice) -> SqlFacts | None:
    from scanner.scan import decode_source  # the same decoding as the first reading

    try:
        text = decode_source((config.root / result.path).read_bytes(), "sql")[0]
    except (OSError, UnicodeDecodeError):
        return None  # the first reading stands
    try:
        facts, errors = read_sql(text, result.path, choice=choice)
    except Exception:  # noqa: BLE001 - as in scan.scan_file: a bug on one file must not lose the scan
        return None  # the first reading, with its own errors, stands
    errors = [e for e in errors if e.message != TEMPLATE_ONLY]  # (the file stays skipped, as first read)
    result.errors = [e for e in result.errors if not e.message.startswith(("SQL", "templated SQL"))] + errors
    return facts


def _by_dependencies(members: list[tuple[FileResult, SqlFacts]]) -> list[tuple[FileResult, SqlFacts]]:
    """dbt runs a model after the models it `ref`s: replay them in that order."""
    by_model = {facts.dbt_model.lower(): (result, facts) for result, facts in members if facts.dbt_model}
    done: dict[str, None] = {}
    out: list[tuple[FileResult, SqlFacts]] = []

    def visit(member: tuple[FileResult, SqlFacts]) -> None:
        key = member[0].path
        if key in done:
            return
        done[key] = None  # mark first: a ref cycle ends here instead of recursing forever
        for op in member[1].ops:
            for col in op.columns:
                for tables, _ in col.refs:
                    for table in tables:
                        dep = by_model.get(table_key(table))
                        if dep is not None:
                            visit(dep)
        out.append(member)

    for member in members:
        visit(member)
    return out


def _derives(facts: SqlFacts) -> bool:
    return any(col.refs for op in facts.ops for col in op.columns)
