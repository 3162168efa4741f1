"""dbt models: Jinja stripped to plain SQL, and schema.yml column descriptions.

A model file is one SELECT whose name is the file's stem. `ref('x')` becomes
`x` and `source('s', 't')` becomes `s.t`, so lineage reaches the tables they
name; other Jinja is erased (tags) or replaced by NULL (expressions), with
every newline kept so lines stay true.
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
_FIRST_WORD = re.compile(r"(?:\s+|--[^\n]*|/\*.*?\*/)*(\w+)", re.DOTALL)


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
