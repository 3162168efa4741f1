"""Project-wide passes over per-file results, after every file is extracted.

Some facts need more than one file: a Django model inheriting fields from an
abstract model in another module, SQL migrations replayed in version order.
Each language owns its pass; this module only sequences them.
"""

from __future__ import annotations

from collections.abc import Collection

from scanner.config import Config
from scanner.discover import kind_of
from scanner.extract.sql_schema import table_key
from scanner.inventory import FileResult
from scanner.ruleset import RuleSet


def finalize(results: list[FileResult], rules: RuleSet, config: Config) -> list[FileResult]:
    """Results in discovery (path) order in, results out; raw facts in `deferred` are consumed."""
    mapped: list[str] = []
    # each pass imports its parser stack only when files of its language were scanned
    if any(r.path.endswith(".py") for r in results):
        from scanner.extract.py_inherit import django_tables
        from scanner.extract.py_models import APP_CONFIGS_KEY, DB_TABLES_KEY
        from scanner.extract.python_project import link_python, mapped_tables

        # tables the Python code maps to classes, read before the Python pass consumes its class records
        classes = [c for r in results for c in r.deferred.get("py_classes", ())]
        mapped = mapped_tables(classes) + django_tables(
            classes, [t for r in results for t in r.deferred.pop(DB_TABLES_KEY, ())],
            [a for r in results for a in r.deferred.pop(APP_CONFIGS_KEY, ())])
        results = link_python(results, rules, config)
    if any(kind_of(r.path) == "sql" for r in results):  # `.sql`, `.pgsql`, `full.sql.postgres` ...
        from scanner.extract.sql_project import replay_sql

        results = replay_sql(results, rules, config)
    if mapped:
        _leave_mapped_to_classes(results, mapped)
    return results


_REPEATS = ("sql_table", "sql_query")  # a view is a table of its own


def _leave_mapped_to_classes(results: list[FileResult], mapped: Collection[str]) -> None:
    """A table the code maps (`__tablename__ = "users"`, a Django model's) is reported at its class, as its history is
    (py_replay): a schema dump generated from the models (`make schema-ddl`) or kept beside them, and the SQL
    strings that define or query it (`op.execute("UPDATE client ...")`, `cur.execute("SELECT ...")`), repeat it."""
    tables = {table_key(t) for t in mapped}
    if not tables:
        return
    for result in results:
        if result.fields:
            result.fields = [f for f in result.fields if f.kind not in _REPEATS or table_key(f.container) not in tables]
