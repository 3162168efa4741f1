"""dbt models: Jinja stripped to plain SQL, and schema.yml column descriptions.

A model file is one SELECT whose name is the file's stem. `ref('x')` becomes
`x` and `source('s', 't')` becomes `s.t`, so lineage reaches the tables they
name; other Jinja is erased (tags) or replaced by NULL (expressions), with
every newline kept so lines stay true.

A SQLMesh model is the same in another syntax: a `MODEL (name s.t, kind ..., dialect d);` block, then its
query, whose name is the block's `name` (audits and metrics have `AUDIT (...)`/`METRIC (...)` blocks and
define no table); `sqlmesh_header` reads the block and blanks it for the SQL parser.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

import yaml

from scanner.discover import template_of

_COMMENT = re.compile(r"\{#.*?#\}", re.DOTALL)
_TAG = re.compile(r"\{%-?.*?-?%\}", re.DOTALL)
_EXPR = re.compile(r"\{\{-?(.*?)-?\}\}", re.DOTALL)
_REF = re.compile(r"""^\s*ref\(\s*(?:['"][^'"]+['"]\s*,\s*)?['"]([^'"]+)['"]\s*(?:,[^)]*)?\)\s*$""")
_SOURCE = re.compile(r"""^\s*source\(\s*['"]([^'"]+)['"]\s*,\s*['"]([^'"]+)['"]\s*\)\s*$""")
# possessive (`*+`): a banner (`-- ------...`) before no word backtracked exponentially (40 dashes: hours)
_FIRST_WORD = re.compile(r"(?:\s+|--[^\n]*|/\*.*?\*/)*+(\w+)", re.DOTALL)


# a file that defines Jinja macros (dbt's macros/, an adapter's materializations) is a library, never a model
_DEFINES = re.compile(r"\{%-?\s*(macro|materialization|test)\s", re.IGNORECASE)


def is_model(path: str, text: str) -> bool:
    """Under a `models/` folder (not a `macros/` one) and either templated or a bare query (what dbt models are).

    dbt-sqlserver ships `macros/materializations/models/table/table.sql`: macros about models, not models."""
    head = ("/" + path).rpartition("/models/")[0]
    if not head and not path.startswith("models/") or "/macros/" in head + "/":
        return False
    if "{{" in text or "{%" in text:
        return not _DEFINES.search(text)
    first = _FIRST_WORD.match(text)
    return first is not None and first.group(1).upper() in ("SELECT", "WITH")


class SqlMeshHeader(NamedTuple):
    kind: str  # MODEL, AUDIT or METRIC
    name: str  # the model's table (`sushi.customers`); "" for audits and metrics
    dialect: str  # the block's `dialect`, else ""
    text: str  # the file with its blocks and macro statements (`@DEF(x, 1);`) blanked, newlines kept
    names: tuple[str, ...] = ()  # a blueprint's tables (`name @name, blueprints ((name := s.a), ...)`), else (name,)
    enabled: bool = True  # `enabled false`: SQLMesh builds no table
    columns: tuple[str, int] = ("", 0)  # the declared `columns (id INT, email TEXT)` list and its line (SEED models)
    descriptions: tuple[tuple[str, str, int], ...] = ()  # `column_descriptions (email = 'text')`: column, text, line
    seed: tuple[str, int] = ("", 0)  # `kind SEED (path '../seeds/x.csv')`: the CSV (relative to the model) and its line


# possessive: backtracking into the blanks and comments before the keyword is exponential (`-- ---- ----`)
_SQLMESH_BLOCK = re.compile(r"(?:\s+|--[^\n]*|/\*.*?\*/)*+(MODEL|AUDIT|METRIC)\s*\(", re.IGNORECASE | re.DOTALL)
# a model's own audits, after its query: `AUDIT (name x); SELECT ... FROM @this_model ...;` checks, defines nothing
_INLINE_AUDIT = re.compile(r"^[ \t]*AUDIT\s*\([^;]*;[^;]*(?:;|$)", re.IGNORECASE | re.MULTILINE)
_MACRO_STATEMENT = re.compile(r"^[ \t]*@\w+\s*\([^;]*\)[ \t]*(?:;|\Z)", re.MULTILINE)
_MACRO_CALL = re.compile(r"@(\w+\s*\()")  # `@ADD_ONE(1) AS two` reads as the function call it expands to


def _close(text: str, start: int) -> int:
    """Index just past the parenthesis that closes the one before `start`, outside quotes; -1 if none."""
    depth, i, n = 1, start, len(text)
    while i < n:
        c = text[i]
        if c in "'\"`":
            end = text.find(c, i + 1)
            if end < 0:
                return -1
            i = end
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return -1


def _properties(body: str) -> dict[str, str]:
    """`name sushi.customers, kind FULL, dialect duckdb`: top-level `key value` pairs, keys lower-cased."""
    props: dict[str, str] = {}
    for entry in _entries(body):
        key, _, value = entry.partition(" ")
        props.setdefault(key.lower(), value.strip())
    return props


def _entries(body: str) -> list[str]:
    """`a 1, b (2, 3)` -> ["a 1", "b (2, 3)"]: the top-level comma-separated items."""
    items, depth, start = [], 0, 0
    for i, c in enumerate(body + ","):
        depth += (c == "(") - (c == ")")
        if c == "," and depth == 0:
            items.append(body[start:i].strip())
            start = i + 1
    return items


def sqlmesh_header(text: str) -> SqlMeshHeader | None:
    """The leading `MODEL (...)` / `AUDIT (...)` / `METRIC (...)` blocks of a SQLMesh file; None for other SQL.

    A block's own `(` must follow its keyword, and its body must name the object (`name ...`), so a table
    called `model` (`CREATE TABLE model (...)` starts with CREATE) or a plain query never reads as one."""
    pos, kind, props, pieces = 0, "", dict[str, str](), []
    while (m := _SQLMESH_BLOCK.match(text, pos)) is not None:
        end = _close(text, m.end())
        block = _properties(text[m.end() : end - 1]) if end > 0 else {}
        if "name" not in block or kind and m.group(1).upper() != kind:
            break
        kind, props = m.group(1).upper(), props or block
        semi = re.match(r"\s*;", text[end:])
        end += semi.end() if semi else 0
        pieces += [text[pos : m.start(1)], _keep_lines(text[m.start(1) : end], "")]
        pos = end
    if not kind:
        return None
    name = props.get("name", "").strip("'\"`") if kind == "MODEL" else ""
    dialect = props.get("dialect", "").strip("'\"")
    rest = "".join(pieces) + _INLINE_AUDIT.sub(lambda m: _keep_lines(m.group(0), ""), text[pos:])
    rest = _MACRO_CALL.sub(r"\1", _MACRO_STATEMENT.sub(lambda m: _keep_lines(m.group(0), ""), rest))
    if kind != "MODEL":
        return SqlMeshHeader(kind, name, dialect, rest)
    enabled = props.get("enabled", "true").strip("'\"").lower() not in ("false", "0", "no")
    columns = props.get("columns", "")
    line = text.count("\n", 0, max(text.find(columns), 0)) + 1 if columns else 0
    descriptions = tuple((m.group(1).strip('"`'), m.group(2)[1:-1], text.count("\n", 0, text.find(m.group(0))) + 1)
                         for m in _DESCRIPTION.finditer(props.get("column_descriptions", "")))
    seed = _SEED_PATH.search(props.get("kind", ""))
    seed_at = (seed.group(2), text.count("\n", 0, max(text.find(seed.group(2)), 0)) + 1) if seed else ("", 0)
    return SqlMeshHeader(kind, name, dialect, rest, _blueprint_names(name, props.get("blueprints", "")) or (name,),
                         enabled, (columns, line), descriptions, seed_at)


_SEED_PATH = re.compile(r"\ASEED\s*\(.*?\bpath\s+(['\"])(.+?)\1", re.IGNORECASE | re.DOTALL)


# `column_descriptions (customer_id = 'customer key', "email" = 'mail')`
_DESCRIPTION = re.compile(r"""("[^"]+"|`[^`]+`|\w+)\s*=\s*('(?:[^']|'')*'|"[^"]*")""")
_BLUEPRINT_VALUE = re.compile(r"""(\w+)\s*:=\s*('[^']*'|"[^"]*"|[\w.]+)""")
_TEMPLATE_VAR = re.compile(r"@\{?(\w+)\}?")


def _blueprint_names(name: str, blueprints: str) -> tuple[str, ...]:
    """The tables of a blueprinted model: `name @name` (or `sushi.@{customer}_orders`) once per blueprint's values."""
    if "@" not in name or not blueprints.startswith("("):
        return ()
    names = []
    for entry in _entries(blueprints.strip()[1:-1]):  # each `(name := s.a, status := 'x')`
        values = {m.group(1).lower(): m.group(2).strip("'\"") for m in _BLUEPRINT_VALUE.finditer(entry)}
        filled = _TEMPLATE_VAR.sub(lambda m: values.get(m.group(1).lower(), m.group(0)), name)
        if "@" not in filled:
            names.append(filled)
    return tuple(names)


def model_name(path: str) -> str:
    return path.rsplit("/", 1)[-1].rsplit(".", 1)[0]


def models_root(path: str) -> str:
    """`analytics/models/marts/dim.sql` -> `analytics/models`: one namespace per dbt project."""
    head, sep, _ = ("/" + path).rpartition("/models/")
    return (head + sep.rstrip("/"))[1:] if sep else path.rsplit("/", 1)[0]


def _keep_lines(original: str, replacement: str) -> str:
    return replacement + "\n" * original.count("\n")


def _expression(m: re.Match[str], model: str) -> str:
    body = m.group(1)
    if ref := _REF.match(body):
        out = ref.group(1)
    elif source := _SOURCE.match(body):
        out = f"{source.group(1)}.{source.group(2)}"
    elif re.match(r"\s*(dbt_utils\.)?star\(", body):
        out = "*"
    elif body.strip() == "this":
        out = model
    elif re.match(r"\s*config\(", body):
        out = ""
    else:
        out = "NULL"
    return _keep_lines(m.group(0), out)


def is_template(path: str, text: str) -> bool:
    """Templated SQL that is no dbt model (an app's `templates/*.sql`, Nominatim's schema scripts, `*.sql.j2`)."""
    named = bool(template_of(path)[1])  # a `{# ... #}` alone would not parse as SQL either
    return (named or "{{" in text or "{%" in text) and not is_model(path, text)


_QUALIFIER = re.compile(r"\{\{-?.*?-?\}\}\.", re.DOTALL)


def strip_template(text: str) -> str:
    """Jinja erased for a best-effort reading: tags and comments removed, `{{ schema }}.` qualifiers dropped
    (`{{ schema }}.customers` is the table `customers`), other expressions PLACEHOLDER; newlines kept."""
    text = _QUALIFIER.sub(lambda m: _keep_lines(m.group(0), ""), _erase_tags(text))
    return _EXPR.sub(lambda m: _keep_lines(m.group(0), PLACEHOLDER), text)


PLACEHOLDER = "__jinja__"  # what a template expression reads as: a name no real table or column has


def _erase_tags(text: str) -> str:
    """Jinja comments and `{% %}` tags removed, their newlines kept."""
    text = _COMMENT.sub(lambda m: _keep_lines(m.group(0), ""), text)
    return _TAG.sub(lambda m: _keep_lines(m.group(0), ""), text)


def strip_jinja(text: str, model: str) -> str:
    return _EXPR.sub(lambda m: _expression(m, model), _erase_tags(text))


# an innermost `{% if %}...{% endif %}` block (no if inside it), with its body
_IF_BLOCK = re.compile(r"\{%-?\s*if\b(?:(?!\{%-?\s*if\b).)*?\{%-?\s*endif\s*-?%\}", re.DOTALL)


def drop_conditionals(text: str) -> str:
    """The model without its `{% if %}` blocks, newlines kept: erasing only the tags keeps every branch, and
    two alternative filters (`{% if is_incremental() %} WHERE ... {% endif %}{% if x %} WHERE ... {% endif %}`)
    read as one query with two WHEREs. For a model that does not parse with every branch kept."""
    while (new := _IF_BLOCK.sub(lambda m: _keep_lines(m.group(0), ""), text)) != text:
        text = new
    return text


class ColumnDoc(NamedTuple):
    name: str
    description: str
    path: str  # the yml file, relative to the scan root
    line: int


def read_docs(root: Path, folder: str) -> dict[str, dict[str, ColumnDoc]]:
    """`models:` entries of every .yml under folder: model -> column (lower) -> doc."""
    docs: dict[str, dict[str, ColumnDoc]] = {}
    base = root / folder
    if not base.is_dir():
        return docs
    for file in sorted([*base.rglob("*.yml"), *base.rglob("*.yaml")]):
        rel = file.relative_to(root).as_posix()
        try:
            node = yaml.compose(file.read_text(encoding="utf-8"))
        except (yaml.YAMLError, OSError, UnicodeDecodeError):
            continue  # not ours to validate: dbt itself reports a broken schema.yml
        for model in _seq(_get(node, "models")):
            name = _scalar(_get(model, "name"))
            for column in _seq(_get(model, "columns")):
                col = _scalar(_get(column, "name"))
                if name and col:
                    description = _scalar(_get(column, "description"))
                    key_node = _get(column, "name")
                    line = key_node.start_mark.line + 1 if key_node is not None else 1
                    docs.setdefault(name.lower(), {})[col.lower()] = ColumnDoc(col, description, rel, line)
    return docs


def _get(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key and isinstance(v, yaml.Node):
                return v
    return None


def _seq(node: yaml.Node | None) -> list[yaml.Node]:
    return list(node.value) if isinstance(node, yaml.SequenceNode) else []


def _scalar(node: yaml.Node | None) -> str:
    return str(node.value).strip() if isinstance(node, yaml.ScalarNode) else ""
