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

A class attribute is read where a method runs it (`self.QUERY`, `cls.QUERY`,
`Queries.GET_USER`). The literal parts of an f-string, a `"...".format(...)` or a
`"..." % args` are read, each placeholder standing for no name: `{schema}.users`
is `users`, a column named by a placeholder is dropped, and a table named by one
leaves its columns without a table; unless the file says the name it holds (a
constant `TABLE = "users"`, a builder of the file given one: `_table("users")`); `dedent(q)`, `q.strip()` and `q.format(...)`
hand on the text they are given, and a list of statements (Django's
`RunSQL([...])`) is read statement by statement. A column the strings of one file
name more than once is one field, at its first line (a table's definition wins
over a query), and a table the file creates and then renames (a rebuild under a
temporary name) is reported under its final name (`_settled`).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

import libcst as cst

from scanner.extract.py_common import Batchable, Context, dotted, last
from scanner.inventory import RawField

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
    r"|UPDATE\s+\S+\s+SET\s|SELECT\s.+?\sFROM\s|CREATE\s+(?:\w+\s+){0,3}TABLE\s|WITH\s+\S+\s+AS\s*\("
    r"|ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?\S+\s+ADD\s)",  # an ALTER adding to a named table
    re.IGNORECASE | re.DOTALL)

_NOTHING_BOUND: Mapping[str, str] = {}
_Literal = cst.BaseExpression  # a node `_marked` reads: a string, an f-string, a string formatted with .format or %
_HOLE = "__placeholder__"  # what a formatted value reads as: a name no real table or column has
_HOLE_MARK = "\x00"
_IDENT = r"(\"[^\"]+\"|`[^`]+`|\[[^\]]+\]|[\w.]+)"
_RENAME_TABLE = re.compile(rf"\s*ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?{_IDENT}\s+RENAME\s+TO\s+{_IDENT}\s*;?\s*\Z",
                           re.IGNORECASE)


def _unquoted(name: str) -> str:
    return re.sub(r"[\"`\[\]]", "", name)


_FORMAT_FIELD = re.compile(r"\{\{|\}\}|\{[^{}]*\}")
_PERCENT_FIELD = re.compile(r"%%|%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[sdifr]")


def _holes(text: str) -> str:
    """Each formatted value a `_HOLE`: `{schema}.users` is `users`."""
    if _HOLE_MARK not in text:
        return text
    return re.sub(_HOLE_MARK + r"\.", "", text).replace(_HOLE_MARK, _HOLE)


def _format_fields(template: str) -> str:
    """`str.format` fields marked as holes, `{{`/`}}` as the braces they stand for."""
    return _FORMAT_FIELD.sub(lambda m: m.group(0)[0] if m.group(0) in ("{{", "}}") else _HOLE_MARK, template)


# calls that hand back the text they are given, line for line: `execute(dedent(query))`, `query.strip()`
_SAME_TEXT = frozenset({"dedent", "cleandoc"})
_SAME_TEXT_METHODS = frozenset({"strip", "lstrip", "rstrip"})


def _unwrapped(node: cst.BaseExpression) -> cst.BaseExpression:
    while isinstance(node, cst.Call):
        if last(dotted(node.func) or "") in _SAME_TEXT and len(node.args) == 1 and not node.args[0].star:
            node = node.args[0].value
        elif isinstance(node.func, cst.Attribute) and node.func.attr.value in _SAME_TEXT_METHODS and not node.args:
            node = node.func.value
        else:
            break
    return node


# a backslash at a line's end continues the string without a newline: kept as one, so lines stay true
_CONTINUATION = re.compile(r"(?<!\\)((?:\\\\)*)\\\n")


def _evaluated(literal: str) -> str | None:
    """A string literal's value (`literal` with its prefix and quotes), with one newline per source line break."""
    if "\\\n" in literal and "r" not in literal[: literal.index(literal[-1])].lower():
        literal = _CONTINUATION.sub(lambda m: m.group(1) + "\\n", literal)  # an escaped newline: legal in any quotes
    try:
        value = ast.literal_eval(literal)
    except (SyntaxError, ValueError):
        return None
    return value if isinstance(value, str) else None


# what an f-string's formatted value names, when the file says (a constant's name, a table-name helper's call)
_Namer = Callable[[cst.BaseExpression], "str | None"]


def _no_name(node: cst.BaseExpression) -> str | None:
    return None


def _marked(node: cst.BaseExpression, bound: Mapping[str, str] = _NOTHING_BOUND,
            named: _Namer = _no_name) -> str | None:
    """The text, each formatted value a hole unless it names a parameter `bound` gives a literal name, or
    `named` reads the name it stands for."""
    if isinstance(node, cst.SimpleString):
        return _evaluated(node.value)
    if isinstance(node, cst.ConcatenatedString):
        left, right = _marked(node.left, bound, named), _marked(node.right, bound, named)
        return left + right if left is not None and right is not None else None
    if isinstance(node, cst.FormattedString):
        return _fstring(node, bound, named)
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "format":
        template = _marked(node.func.value)  # "SELECT {} FROM users".format(cols)
        return _format_fields(template) if template is not None else None
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Modulo):
        template = _marked(node.left)  # "SELECT email FROM %s WHERE id = %%s" % table
        return _PERCENT_FIELD.sub(lambda m: "%" if m.group(0) == "%%" else _HOLE_MARK, template) if template else None
    return None


def _fstring(node: cst.FormattedString, bound: Mapping[str, str] = _NOTHING_BOUND,
             named: _Namer = _no_name) -> str | None:
    quote = node.start.lstrip("fFrRbBuU")
    prefix = "r" if "r" in node.start.lower() else ""
    out: list[str] = []
    for part in node.parts:
        if isinstance(part, cst.FormattedStringText):
            text = _evaluated(prefix + quote + part.value + quote)
            if text is None:
                return None
            out.append(text.replace("{{", "{").replace("}}", "}"))
        elif (isinstance(part, cst.FormattedStringExpression) and isinstance(part.expression, cst.Name)
              and part.expression.value in bound and not part.format_spec):
            out.append(bound[part.expression.value])  # `{table_name}` of a builder called with "comments"
        elif isinstance(part, cst.FormattedStringExpression) and not part.format_spec and part.conversion is None:
            name = named(part.expression)  # `{Handler.TABLE_NAME}`, `{self._table("messages")}`
            out.append(_HOLE_MARK if name is None else name)
        else:
            out.append(_HOLE_MARK)
    return "".join(out)


def _held(value: cst.BaseExpression) -> _Literal | None:
    """The string an assignment gives its name, None for anything else (which hides an earlier one).
    Only its shape is checked: most assigned strings are never run, so they are never evaluated."""
    return value if _stringish(value) else None


def _stringish(node: cst.BaseExpression) -> bool:
    if isinstance(node, (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString)):
        return True
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "format":
        return _stringish(node.func.value)
    return isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Modulo) and _stringish(node.left)


def _unheld(fields: list[RawField]) -> list[RawField]:
    """A column a placeholder names is no column; a table a placeholder names is an unknown table."""
    out: list[RawField] = []
    for f in fields:
        if _HOLE in f.name.lower():
            continue
        if _HOLE in f.container.lower():
            f = replace(f, container="", evidence=f.evidence.replace(f"{f.container}.", "", 1))
        out.append(f)
    return out


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
        self.classes: dict[str, dict[str, _Literal]] = {}  # class name -> its attributes holding a string
        self.builders: dict[str, _Builder] = {}  # module functions that only return a string (a statement template)
        self.methods: dict[str, dict[str, _Builder]] = {}  # class name -> such methods
        self.enclosing: list[str] = []  # names of the classes being visited, innermost last
        # string nodes already read, with the names a builder's call filled in: a constant run twice gives its
        # fields once, a builder called for two tables gives both
        self.read: set[tuple[int, tuple[tuple[str, str], ...]]] = set()
        self.found: list[RawField] = []  # in source order; settled into ctx.raw when the module ends
        self.renamed: dict[str, str] = {}  # ALTER TABLE a RENAME TO b run in this file: a -> b (lower case)
        self.migration = False  # an Alembic revision or a Django migration

    def visit_Module(self, node: cst.Module) -> None:
        self.migration = self.ctx.is_migration and _imports_migrations(node)
        # read ahead: a function may run a constant the module (or a class) assigns below it
        self.module = _strings(node.body)
        self.builders = _builders(node.body)
        for statement in node.body:
            if isinstance(statement, cst.ClassDef):
                self.classes[statement.name.value] = _strings(statement.body.body)
                self.methods[statement.name.value] = _builders(statement.body.body)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.enclosing.append(node.name.value)
        if node.name.value not in self.classes:  # a nested class (the module's were read ahead)
            self.classes[node.name.value] = _strings(node.body.body)

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self.enclosing.pop()

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

    def _class_named(self, owner: cst.Name) -> str:
        """The class `self.`, `cls.` or `Class.` refers to: the enclosing one for self and cls."""
        return self.enclosing[-1] if owner.value in ("self", "cls") and self.enclosing else owner.value

    def _resolve(self, node: cst.BaseExpression) -> cst.BaseExpression | None:
        """A name to the string literal it holds: the innermost function's latest assignment, else the module's;
        `self.X`, `cls.X` and `Class.X` to the class attribute."""
        if isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name):
            return self.classes.get(self._class_named(node.value), {}).get(node.attr.value)
        if not isinstance(node, cst.Name):
            return node
        for names in reversed(self.functions):
            if node.value in names:
                return names[node.value]
        return self.module.get(node.value)

    def visit_Call(self, node: cst.Call) -> None:
        if not node.args:
            return
        # `conn.cursor().execute(...)`: a method of a call's result is named by its attribute (no dotted name)
        func = node.func.attr.value if isinstance(node.func, cst.Attribute) else last(dotted(node.func) or "")
        driver = func in _RUNS_SQL
        if not driver and not any(word in func.lower() for word in _WRAPPER_WORDS):
            return
        argument = _statement(node)
        if isinstance(argument, (cst.List, cst.Tuple)):  # Django's RunSQL(["CREATE ...", "INSERT ..."])
            for element in argument.elements:
                if not isinstance(element, cst.StarredElement):
                    self._read(element.value, driver)
        elif argument is not None:
            self._read(argument, driver)

    def _read(self, argument: cst.BaseExpression, driver: bool) -> None:
        found = self._source(argument)
        if found is None:
            return
        text, value, bound = found
        key = (id(value), tuple(sorted(bound.items())))
        if not text or len(text) > 200_000 or key in self.read:
            return
        if not driver and not _STATEMENT.match(text):
            return
        if self.migration and self.ctx.function().startswith("downgrade"):
            return  # an Alembic revision's undoing: what it creates again is no table the schema has
        self.read.add(key)
        from scanner.extract.sql import fields_from_embedded_sql

        if rename := _RENAME_TABLE.match(text):
            self.renamed[_unquoted(rename.group(1)).lower()] = _unquoted(rename.group(2))
            return
        line = self.ctx.loc(value).line
        fields = _unheld(fields_from_embedded_sql(text, self.ctx.path, line, self.ctx.dialect))
        if self.migration:  # a data migration's UPDATE or INSERT moves stored data: no collection, unlike its DDL
            fields = [f for f in fields if f.kind != "sql_query"]
        self.found.extend(fields)

    def _source(self, node: cst.BaseExpression) -> tuple[str, cst.BaseExpression, Mapping[str, str]] | None:
        """The statement's text, the string node it comes from and the names a builder's call filled in, through
        `dedent(...)`, `.strip()` and `query.format(...)` of a held string (schemachange:
        `execute_snowflake_query(dedent(query))`) and a call of a builder (isso: `execute(create_table_query("comments"))`)."""
        node = _unwrapped(node)
        if isinstance(node, cst.Call):
            built = self._built(node)
            if built is not None:
                template, bound, params = built
                text = _marked(template, bound, lambda e: self._named(e, params, 1))
                return (_holes(text), template, bound) if text is not None else None
        formatted = False
        if (isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "format"
                and isinstance(node.func.value, (cst.Name, cst.Attribute))):
            node, formatted = node.func.value, True
        value = self._resolve(node)
        text = _marked(value, named=lambda e: self._named(e)) if value is not None else None
        if value is None or text is None:
            return None
        return _holes(_format_fields(text) if formatted else text), value, _NOTHING_BOUND

    def _built(self, call: cst.Call) -> tuple[_Literal, Mapping[str, str], list[str]] | None:
        """A call of a function or method of this file that only returns a string: its template, with each
        parameter the call gives a plain name (a table's, or a constant holding one) bound to it, and the
        builder's parameters; any other value stays a hole."""
        func = call.func
        if isinstance(func, cst.Name):
            builder = self.builders.get(func.value)
        elif isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name):
            builder = self.methods.get(self._class_named(func.value), {}).get(func.attr.value)
        else:
            return None
        if builder is None:
            return None
        params, template = builder
        bound: dict[str, str] = {}
        for index, arg in enumerate(call.args):
            if arg.star:
                break
            name = arg.keyword.value if arg.keyword is not None else (params[index] if index < len(params) else None)
            value = self._plain(arg.value)
            if name is not None and value is not None:
                bound[name] = value
        return template, bound, params

    def _plain(self, node: cst.BaseExpression, scoped: bool = True) -> str | None:
        """The plain name (`users`, `app.users`) a literal gives, or a name or class attribute holding one;
        `scoped` reads the enclosing function's names too (else only the module's and the classes')."""
        if isinstance(node, cst.Name) and not scoped:
            value: cst.BaseExpression | None = self.module.get(node.value)
        elif isinstance(node, (cst.Name, cst.Attribute)):
            value = self._resolve(node)
        else:
            value = node
        text = _evaluated(value.value) if isinstance(value, cst.SimpleString) else None
        return text if text is not None and _PLAIN_NAME.fullmatch(text) else None

    def _named(self, node: cst.BaseExpression, params: Sequence[str] = (), depth: int = 0) -> str | None:
        """The name an f-string's formatted value stands for, when this file says (audit18 #09): a constant
        holding a plain name (`{Handler.TABLE_NAME}`, `{TABLE}`), a call of a builder of this file
        (`{self._get_table_name("messages")}`, which returns f"{self.schema}.{base_name}"), or of a function
        named for tables given a plain name (`{table_name("users")}`). In a builder's template (`depth` > 0) its
        own parameters are bound or holes, and no name is read from the caller's function."""
        if isinstance(node, cst.Name) and node.value in params:
            return None
        if isinstance(node, (cst.Name, cst.Attribute)):
            return self._plain(node, scoped=depth == 0)
        if not isinstance(node, cst.Call) or depth > 3:
            return None
        built = self._built(node)
        if built is not None:
            template, bound, inner = built
            text = _marked(template, bound, lambda e: self._named(e, inner, depth + 1))
            return text if text is not None and _BUILT_NAME.fullmatch(text) else None
        func = node.func.attr.value if isinstance(node.func, cst.Attribute) else last(dotted(node.func) or "")
        if "table" in func.lower() and len(node.args) == 1 and not node.args[0].star and node.args[0].keyword is None:
            return self._plain(node.args[0].value, scoped=depth == 0)
        return None

    def leave_Module(self, original_node: cst.Module) -> None:
        found = _settled(self.found, self.renamed)
        if self.migration:
            # what a migration's SQL creates is an op of its history (py_migrations), replayed with the other
            # migrations': a later drop removes it, and a table rebuilt under a temporary name keeps its surviving
            # columns at the revision that first created them
            history = _migration_columns(self.ctx)
            found = [f for f in found if not (f.kind == "sql_table" and (
                (f.container.lower(), f.name.lower()) in history or (
                    "  -- renamed from " in f.evidence and _imports_alembic(original_node))))]
        self.ctx.raw.extend(found)


def _migration_columns(ctx: Context) -> set[tuple[str, str]]:
    """(table, column) of the columns this migration file's SQL adds, as its ops (py_migrations) hold them."""
    from scanner.extract.py_migrations import DEFERRED_KEY, MigrationFile

    return {(op.container.lower(), op.name.lower()) for f in ctx.result.deferred.get(DEFERRED_KEY, ())
            if isinstance(f, MigrationFile) for op in f.ops if op.op == "add"}


def _imports_migrations(module: cst.Module) -> bool:
    """`from alembic import op`, `import alembic`, `from django.db import migrations` at the top of the file."""
    for statement in module.body:
        for small in statement.body if isinstance(statement, cst.SimpleStatementLine) else ():
            if isinstance(small, cst.ImportFrom) and small.module is not None:
                name = dotted(small.module) or ""
                if name == "alembic" or name.startswith("alembic.") or (
                        name == "django.db" and not isinstance(small.names, cst.ImportStar)
                        and any(isinstance(a.name, cst.Name) and a.name.value == "migrations" for a in small.names)):
                    return True
            elif isinstance(small, cst.Import) and any((dotted(a.name) or "").split(".")[0] == "alembic"
                                                       for a in small.names):
                return True
    return False


def _imports_alembic(module: cst.Module) -> bool:
    for statement in module.body:
        for small in statement.body if isinstance(statement, cst.SimpleStatementLine) else ():
            if isinstance(small, cst.ImportFrom) and small.module is not None:
                if (dotted(small.module) or "").split(".")[0] == "alembic":
                    return True
            elif isinstance(small, cst.Import) and any((dotted(a.name) or "").split(".")[0] == "alembic"
                                                       for a in small.names):
                return True
    return False


def _settled(found: list[RawField], renamed: dict[str, str]) -> list[RawField]:
    """One field per (table, column), at its first line, a table's definition winning over a query; a table
    this file creates and then renames (a rebuild: CREATE new_x, copy, DROP x, ALTER TABLE new_x RENAME TO x)
    is reported under its final name."""
    created = {f.container.lower() for f in found if f.kind == "sql_table"}
    out: dict[tuple[str, str], RawField] = {}
    for f in found:
        name, hops = f.container, 0
        while name.lower() in created and name.lower() in renamed and hops < 8:  # a chain ends; a cycle is cut
            name, hops = renamed[name.lower()], hops + 1
        if hops:
            f = replace(f, container=name, evidence=f"{f.evidence}  -- renamed from {f.container}")
        key = (f.container.lower(), f.name.lower())
        earlier = out.get(key)
        if earlier is None or (f.kind == "sql_table" and earlier.kind != "sql_table"):
            out[key] = f  # the definition says more than a query
    return list(out.values())


_Builder = tuple[list[str], _Literal]  # a builder's parameters (less self/cls) and the string it returns
_PLAIN_NAME = re.compile(r"[A-Za-z_][\w.]*")
_BUILT_NAME = re.compile(rf"[\w.{_HOLE_MARK}]*\w[\w.{_HOLE_MARK}]*")  # a builder's name, placeholders and all


def _builders(body: Sequence[cst.BaseStatement | cst.BaseSmallStatement]) -> dict[str, _Builder]:
    """The functions of a block whose body is one `return` of a string (after a docstring): statement templates."""
    out: dict[str, _Builder] = {}
    for statement in body:
        if not isinstance(statement, cst.FunctionDef) or not isinstance(statement.body, cst.IndentedBlock):
            continue
        lines = list(statement.body.body)
        if lines and _docstring(lines[0]):
            lines = lines[1:]
        if len(lines) != 1 or not isinstance(lines[0], cst.SimpleStatementLine) or len(lines[0].body) != 1:
            continue
        returned = lines[0].body[0]
        if not isinstance(returned, cst.Return) or returned.value is None or _held(returned.value) is None:
            continue
        params = [p.name.value for p in (*statement.params.posonly_params, *statement.params.params)]
        if params and params[0] in ("self", "cls"):
            params = params[1:]  # bound by the call's receiver
        out[statement.name.value] = (params, returned.value)
    return out


def _docstring(line: cst.BaseStatement) -> bool:
    return (isinstance(line, cst.SimpleStatementLine) and len(line.body) == 1 and isinstance(line.body[0], cst.Expr)
            and isinstance(line.body[0].value, (cst.SimpleString, cst.ConcatenatedString)))


def _strings(body: Sequence[cst.BaseStatement | cst.BaseSmallStatement]) -> dict[str, _Literal]:
    """The names a block of statements (a module's, a class's) assigns a string, by the last assignment."""
    out: dict[str, _Literal] = {}
    for statement in body:
        for small in statement.body if isinstance(statement, cst.SimpleStatementLine) else ():
            if isinstance(small, cst.Assign) and len(small.targets) == 1:
                target, value = small.targets[0].target, small.value
            elif isinstance(small, cst.AnnAssign) and small.value is not None:
                target, value = small.target, small.value
            else:
                continue
            if isinstance(target, cst.Name):
                held = _held(value)
                if held is not None:
                    out[target.value] = held
                else:
                    out.pop(target.value, None)
    return out
