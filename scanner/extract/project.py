"""Project-wide passes over per-file results, after every file is extracted.

Some facts need more than one file: a Django model inheriting fields from an
abstract model in another module, SQL migrations replayed in version order.
Each language owns its pass; this module only sequences them.
"""

from __future__ import annotations

from scanner.config import Config
from scanner.discover import kind_of
from scanner.inventory import FileResult
from scanner.ruleset import RuleSet


def finalize(results: list[FileResult], rules: RuleSet, config: Config) -> list[FileResult]:
    """Results in discovery (path) order in, results out; raw facts in `deferred` are consumed."""
    # tables the Python code maps to classes, read before the Python pass consumes its class records
    mapped = [c.table for r in results for c in r.deferred.get("py_classes", ()) if c.table and c.table != "?"]
    # each pass imports its parser stack only when files of its language were scanned
    if any(r.path.endswith(".py") for r in results):
        from scanner.extract.python_project import link_python

        results = link_python(results, rules, config)
    if any(kind_of(r.path) == "sql" for r in results):  # `.sql`, `.pgsql`, `full.sql.postgres` ...
        from scanner.extract.sql_project import replay_sql

        results = replay_sql(results, rules, config, mapped)
    return results
