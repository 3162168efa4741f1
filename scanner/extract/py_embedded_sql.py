"""SQL inside Python strings: `cursor.execute("INSERT INTO users (email, phone) ...")`.

Only strings passed to the calls that run SQL are read, so an unrelated string
that happens to start with SELECT is never parsed. The string may be written in
the call, or held in a name the call is given: a variable of the same function
or a module constant (`query = "INSERT ..."; self.execute_query(query, params)`).
Besides the drivers' own calls (`_RUNS_SQL`), a project's wrapper whose name says
it runs SQL (`execute_query`, `run_sql`, `fetch_query`) counts, but only for text
shaped like a statement that names a table (`_STATEMENT`): a plain string given
to a function called `query` is a search, not SQL. sqlglot is imported on the
first such call: most Python files have none.
"""

from __future__ import annotations

import re

import libcst as cst

from scanner.extract.py_common import Batchable, Context, dotted, last

# DB-API cursors, SQLAlchemy, pandas, Django raw queries, asyncpg/aiosqlite, encode/databases
_RUNS_SQL = {"execute", "executemany", "executescript", "exec_driver_sql", "text", "read_sql", "read_sql_query",
             "raw", "fetch", "fetchrow", "fetchval", "fetchall_sql", "mogrify", "fetch_one", "fetch_all", "fetch_val"}
# a project's own wrapper of one of those: `execute_query`, `run_sql`, `raw_query`, `executeSql`
_WRAPPER_WORDS = ("sql", "query", "execute")
# the keyword a call may take its statement by (`execute_sql(query=query)`, DB-API's `operation`)
_SQL_KEYWORDS = ("query", "sql", "statement", "stmt", "operation")
# a statement that names a table, as a wrapper's text must be: not `query("update profile")`
_STATEMENT = re.compile(
    r"\A\s*(?:--[^\n]*\n\s*)*(?:"
    r"INSERT\s+(?:OR\s+\w+\s+)?INTO\s|REPLACE\s+INTO\s|UPSERT\s+INTO\s|MERGE\s+INTO\s|DELETE\s+FROM\s"
    r"|UPDATE\s+\S+\s+SET\s|SELECT\s.+?\sFROM\s|CREATE\s+(?:\w+\s+){0,3}TABLE\s|WITH\s+\S+\s+AS\s*\()",
    re.IGNORECASE | re.DOTALL)

_Literal = cst.SimpleString | cst.ConcatenatedString


def _literal(node: cst.BaseExpression) -> str | None:
    if isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
        value = node.evaluated_value
        return value if isinstance(value, str) else None
    return None


def _held(value: cst.BaseExpression) -> _Literal | None:
    """The string literal an assignment gives its name, None for anything else (which hides an earlier one)."""
    return value if isinstance(value, (cst.SimpleString, cst.ConcatenatedString)) else None


def _statement(call: cst.Call) -> cst.BaseExpression | None:
    """The argument that holds a call's statement: the first positional one, or `query=`/`sql=`..."""
    first = call.args[0] if call.args else None
    if first is not None and first.keyword is None and not first.star:
        return first.value
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value in _SQL_KEYWORDS:
            return arg.value
    return None


class EmbeddedSqlVisitor(Batchable):
    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.module: dict[str, _Literal] = {}  # module constants holding a string literal
        self.functions: list[dict[str, _Literal | None]] = []  # per enclosing function: name -> its latest string
        self.read: set[int] = set()  # string nodes already read: a constant run twice gives its fields once

    def visit_Module(self, node: cst.Module) -> None:
        # read ahead: a function may run a constant the module assigns below it
        for statement in node.body:
            for small in statement.body if isinstance(statement, cst.SimpleStatementLine) else ():
                if isinstance(small, cst.Assign) and len(small.targets) == 1 and isinstance(small.targets[0].target, cst.Name):
                    held = _held(small.value)
                    name = small.targets[0].target.value
                    if held is not None:
                        self.module[name] = held
                    else:
                        self.module.pop(name, None)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        params = node.params
        every = (*params.posonly_params, *params.params, *params.kwonly_params,
                 *(p for p in (params.star_arg, params.star_kwarg) if isinstance(p, cst.Param)))
        self.functions.append({p.name.value: None for p in every})  # a parameter hides a module constant

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self.functions.pop()

    def visit_Assign(self, node: cst.Assign) -> None:
        if not self.functions:
            return
        if len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Name):
            self.functions[-1][node.targets[0].target.value] = _held(node.value)
            return
        for target in node.targets:  # `sql, params = build(user)`: whatever `sql` held before is gone
            self._forget(target.target)

    def visit_For(self, node: cst.For) -> None:
        if self.functions:
            self._forget(node.target)  # `for sql in statements:`

    def _forget(self, target: cst.BaseExpression) -> None:
        if isinstance(target, cst.Name):
            self.functions[-1][target.value] = None
        elif isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self._forget(element.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if self.functions and node.value is not None and isinstance(node.target, cst.Name):
            self.functions[-1][node.target.value] = _held(node.value)

    def _resolve(self, node: cst.BaseExpression) -> cst.BaseExpression | None:
        """A name to the string literal it holds: the innermost function's latest assignment, else the module's."""
        if not isinstance(node, cst.Name):
            return node
        for names in reversed(self.functions):
            if node.value in names:
                return names[node.value]
        return self.module.get(node.value)

    def visit_Call(self, node: cst.Call) -> None:
        if not node.args:
            return
        func = last(dotted(node.func) or "")
        driver = func in _RUNS_SQL
        if not driver and not any(word in func.lower() for word in _WRAPPER_WORDS):
            return
        argument = _statement(node)
        value = self._resolve(argument) if argument is not None else None
        text = _literal(value) if value is not None else None
        if value is None or not text or len(text) > 200_000 or id(value) in self.read:
            return
        if not driver and not _STATEMENT.match(text):
            return
        self.read.add(id(value))
        from scanner.extract.sql import fields_from_embedded_sql

        line = self.ctx.loc(value).line
        self.ctx.raw.extend(fields_from_embedded_sql(text, self.ctx.path, line))
