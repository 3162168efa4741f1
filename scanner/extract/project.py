"""Project-wide passes over per-file results, after every file is extracted.

Some facts need more than one file: a Django model inheriting fields from an
abstract model in another module, SQL migrations replayed in version order.
Each language owns its pass; this module only sequences them.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from scanner.config import Config
from scanner.discover import kind_of
from scanner.extract.sql_schema import table_key
from scanner.inventory import Field, FileResult
from scanner.ruleset import RuleSet


def finalize(results: list[FileResult], rules: RuleSet, config: Config) -> list[FileResult]:
    """Results in discovery (path) order in, results out; raw facts in `deferred` are consumed."""
    mapped: list[str] = []
    # each pass imports its parser stack only when files of its language were scanned
    if any(r.path.endswith(".py") for r in results):
        from scanner.extract.python_project import link_python

        mapped = _orm_tables(results)  # read before the Python pass consumes the class records
        results = link_python(results, rules, config)
    if any(kind_of(r.path) == "sql" for r in results):  # `.sql`, `.pgsql`, `full.sql.postgres` ...
        from scanner.extract.sql_project import replay_sql

        results = replay_sql(results, rules, config)
        mapped += _unscanned_orm_tables(results, mapped, rules, config)
    if any(r.path.endswith(".py") for r in results):
        _leave_queried_to_ddl(results)
    if mapped:
        _leave_mapped_to_classes(results, mapped)
    return results


def _orm_tables(results: list[FileResult]) -> list[str]:
    """The tables the Python code of `results` maps to classes (SQLAlchemy, peewee, Tortoise, Django)."""
    from scanner.extract.py_inherit import django_tables
    from scanner.extract.py_models import APP_CONFIGS_KEY, DB_TABLES_KEY
    from scanner.extract.python_project import mapped_tables

    classes = [c for r in results for c in r.deferred.get("py_classes", ())]
    return mapped_tables(classes) + django_tables(
        classes, [t for r in results for t in r.deferred.pop(DB_TABLES_KEY, ())],
        [a for r in results for a in r.deferred.pop(APP_CONFIGS_KEY, ())])


_CLASS = re.compile(r"^[ \t]*class[ \t]+(\w+)", re.MULTILINE)
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def _unscanned_orm_tables(results: list[FileResult], mapped: Collection[str], rules: RuleSet,
                          config: Config) -> list[str]:
    """Tables that classes of Python files not among `results` map, of those the SQL here reports.

    The pre-commit hook passes only the changed files: a schema dump regenerated and committed alone would report
    again, as new, every column its SQLAlchemy or Django model already carries (auditci F19), where the
    whole-project run reports them at the class. So the project's other Python files that name such a table (as
    a class's table, `__tablename__ = "customers"`, or by a class so named) are read for their classes, for this
    only.
    In a whole-project run every such file is among `results` already, and nothing is read twice.
    """
    tables = {table_key(f.container).rsplit(".", 1)[-1] for r in results for f in r.fields if f.kind in _SCHEMA}
    tables -= {table_key(t).rsplit(".", 1)[-1] for t in mapped}
    if not tables:
        return []
    from scanner.discover import find_sources
    from scanner.scan import scan_file

    scanned = {r.path for r in results}
    # `__tablename__ = "customers"`, Django's `db_table`, peewee's `table_name`, Tortoise's `table`
    literal = re.compile(r"\b(?:__tablename__|db_table|table_name|table)\s*(?::[^=\n]*)?=\s*[\"'](?:"
                         + "|".join(re.escape(t) for t in sorted(tables)) + ")[\"']", re.IGNORECASE)
    context: list[FileResult] = []
    for source in find_sources(config.root, config.excluded_globs()).sources:
        if source.kind != "python" or source.rel in scanned:
            continue
        try:
            text = source.path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if config.max_file_bytes and len(text) > config.max_file_bytes:
            continue
        names = {n for m in _CLASS.finditer(text) for n in (m.group(1).lower(), _CAMEL.sub("_", m.group(1)).lower())}
        # a class named for the table: SQLAlchemy's and peewee's default names, Django's `<app>_<model>`
        if literal.search(text) or names & tables or any(t.endswith("_" + n) for t in tables for n in names):
            context.append(scan_file(source, rules, config.dialect_for(source.rel)))
    return _orm_tables(context) if context else []


_REPEATS = ("sql_table", "sql_query")  # a view is a table of its own
# and a migration's column: SQL a migration runs (`RunSQL("CREATE TABLE shop_patient ...")`) is replayed with its
# history (py_migrations), so its columns are migration fields named by their table
_DDL = ("sql_table", "migration")
_SCHEMA = (*_REPEATS, "migration")


def _leave_queried_to_ddl(results: list[FileResult]) -> None:
    """A table the project's own SQL files create (`schema.sql`: `CREATE TABLE members (email ...)`) is reported
    there: the Python queries that read or write its columns (`INSERT INTO members (email, phone_number)` through
    `sa.text`, a cursor) name the same datum again (audit16 #03). A column no SQL file of the scan creates stays
    the query's field.

    A table a Python file's own DDL creates (a migration's `conn.execute("CREATE TABLE client (...)")`) is
    reported there likewise: the other Python files' queries of its columns are not reported again (sql helper's
    request, maubot's upgrade tables), and so is one a migration creates, by its SQL or its framework's ops."""
    created = {(table_key(f.container), f.name.lower()) for r in results if kind_of(r.path) == "sql"
               for f in r.fields if f.kind == "sql_table"}
    in_python: dict[tuple[str, str], set[str]] = {}  # (table, column) -> the .py files whose DDL creates it
    for r in results:
        if r.path.endswith(".py"):
            for f in r.fields:
                if f.kind in _DDL:
                    in_python.setdefault((table_key(f.container), f.name.lower()), set()).add(r.path)
    if not created and not in_python:
        return
    for result in results:
        if result.fields and result.path.endswith(".py"):
            result.fields = [f for f in result.fields if not _repeated(f, result.path, created, in_python)]


def _repeated(f: Field, path: str, created: set[tuple[str, str]],
              in_python: dict[tuple[str, str], set[str]]) -> bool:
    if f.kind not in _REPEATS:
        return False
    key = (table_key(f.container), f.name.lower())
    return key in created or (f.kind == "sql_query" and bool(in_python.get(key, set()) - {path}))


def _leave_mapped_to_classes(results: list[FileResult], mapped: Collection[str]) -> None:
    """A table the code maps (`__tablename__ = "users"`, a Django model's) is reported at its class, as its history is
    (py_replay): a schema dump generated from the models (`make schema-ddl`) or kept beside them, and the SQL
    strings that define or query it (`op.execute("UPDATE client ...")`, `cur.execute("SELECT ...")`), repeat it, as
    a migration's SQL does (`RunSQL("CREATE TABLE shop_patient ...")` for a model whose `db_table` it is)."""
    tables = {table_key(t) for t in mapped}
    if not tables:
        return
    for result in results:
        if result.fields:
            result.fields = [f for f in result.fields if f.kind not in _SCHEMA or table_key(f.container) not in tables]
