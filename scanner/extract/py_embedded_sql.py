"""SQL inside Python strings: `cursor.execute("INSERT INTO users (email, phone) ...")`.

Only string literals passed to the calls that run SQL are read, so an unrelated
string that happens to start with SELECT is never parsed. sqlglot is imported
on the first such call: most Python files have none.
"""

from __future__ import annotations

import libcst as cst

from scanner.extract.py_common import Batchable, dotted, last

# DB-API cursors, SQLAlchemy, pandas, Django raw queries, asyncpg/aiosqlite
_RUNS_SQL = {"execute", "executemany", "executescript", "exec_driver_sql", "text", "read_sql", "read_sql_query",
             "raw", "fetch", "fetchrow", "fetchval", "fetchall_sql", "mogrify"}


def _literal(node: cst.BaseExpression) -> str | None:
    if isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
        value = node.evaluated_value
        return value if isinstance(value, str) else None
    return None


class EmbeddedSqlVisitor(Batchable):
    def visit_Call(self, node: cst.Call) -> None:
        if not node.args or node.args[0].keyword is not None:
            return
        if last(dotted(node.func) or "") not in _RUNS_SQL:
            return
        text = _literal(node.args[0].value)
        if not text or len(text) > 200_000:
            return
        from scanner.extract.sql import fields_from_embedded_sql

        line = self.ctx.loc(node.args[0].value).line
        self.ctx.raw.extend(fields_from_embedded_sql(text, self.ctx.path, line))
