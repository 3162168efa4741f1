"""Declarative validation of YAML with line numbers and "did you mean" hints.

Every YAML file Datamap reads (the data map, rule files, the catalogue) goes
through here, so a user's typo is reported as `file:line: message` instead of
a traceback. We validate PyYAML's node tree rather than loaded values because
only nodes still know their lines.
"""

from __future__ import annotations

import codecs
import difflib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

# libyaml's C loader when present: rule data is read on every run, pre-commit included
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
LINE_KEY = "_line"  # every validated mapping records the line it starts on


@dataclass(frozen=True)
class SchemaError:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class YamlInvalid(Exception):
    def __init__(self, errors: list[SchemaError], title: str = "invalid YAML") -> None:
        # the schema's pass and the semantic pass (categories, regexes) each find their own: the reader fixes a
        # file top to bottom, so its errors read in line order, files in the order they were read
        first = {path: i for i, path in reversed(list(enumerate(e.path for e in errors)))}
        errors = sorted(errors, key=lambda e: (first[e.path], e.line))
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors
        self.title = title  # the headline: "invalid YAML" only when the YAML itself does not parse


def suggest(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


# A resolver turns a scalar into its canonical value or raises ValueError with
# the message to show (it already includes any suggestion).
Resolver = Callable[[str], Any]


class Schema:
    def check(self, node: yaml.Node, where: str, ctx: _Ctx) -> Any:
        raise NotImplementedError


@dataclass
class _Ctx:
    path: str
    errors: list[SchemaError] = field(default_factory=list)

    def error(self, node: yaml.Node, where: str, message: str) -> None:
        self.errors.append(
            SchemaError(self.path, node.start_mark.line + 1, f"{where or 'top level'}: {message}")
        )


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return f"{node.value!r}"


@dataclass
class Str(Schema):
    resolve: Resolver | None = None
    located: bool = False  # return (value, line): for list items that findings point at

    def check(self, node: yaml.Node, where: str, ctx: _Ctx) -> Any:
        if not isinstance(node, yaml.ScalarNode) or node.tag == "tag:yaml.org,2002:null":
            ctx.error(node, where, f"expected a string, got {_kind(node)}")
            return None
        value: Any = str(node.value)
        if self.resolve is not None:
            try:
                value = self.resolve(value)
            except ValueError as exc:
                ctx.error(node, where, str(exc))
                return None
        return (value, node.start_mark.line + 1) if self.located else value


@dataclass
class Int(Schema):
    def check(self, node: yaml.Node, where: str, ctx: _Ctx) -> Any:
        if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:int":
            return int(node.value)
        ctx.error(node, where, f"expected an integer, got {_kind(node)}")
        return None


@dataclass
class Bool(Schema):
    def check(self, node: yaml.Node, where: str, ctx: _Ctx) -> Any:
        if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:bool":
            return node.value.lower() in ("true", "yes", "on")
        ctx.error(node, where, f"expected true or false, got {_kind(node)}")
        return None


@dataclass
class List(Schema):
    item: Schema
    scalar_ok: bool = False  # accept `x` as shorthand for `[x]`

    def check(self, node: yaml.Node, where: str, ctx: _Ctx) -> Any:
        if self.scalar_ok and isinstance(node, yaml.ScalarNode):
            value = self.item.check(node, where, ctx)
            return [] if value is None else [value]
        if not isinstance(node, yaml.SequenceNode):
            ctx.error(node, where, f"expected a list, got {_kind(node)}")
            return []
        out = []
        for i, child in enumerate(node.value):
            value = self.item.check(child, f"{where}[{i}]", ctx)
            if value is not None:
                out.append(value)
        return out


@dataclass
class Key:
    schema: Schema
    required: bool = False


@dataclass
class Map(Schema):
    keys: dict[str, Key]
    # at least one of these keys must be present (e.g. a recipient names a service or a category)
    one_of: tuple[str, ...] = ()

    def check(self, node: yaml.Node, where: str, ctx: _Ctx) -> Any:
        if not isinstance(node, yaml.MappingNode):
            ctx.error(node, where, f"expected a mapping, got {_kind(node)}{self._shorthand(node, where)}")
            return None
        out: dict[str, Any] = {LINE_KEY: node.start_mark.line + 1}
        for key_node, value_node in node.value:
            name = str(key_node.value)
            if name not in self.keys:
                ctx.error(key_node, where, f"unknown key {name!r}{suggest(name, self.keys)}")
                continue
            if name in out:
                ctx.error(key_node, where, f"duplicate key {name!r}")
                continue
            out[name] = self.keys[name].schema.check(value_node, f"{where}.{name}" if where else name, ctx)
        for name, key in self.keys.items():
            if key.required and name not in out:
                ctx.error(node, where, f"missing required key {name!r}")
        given = [k for k in self.one_of if k in out]
        if self.one_of and not given:
            ctx.error(node, where, f"needs one of {' or '.join(map(repr, self.one_of))}")
        elif len(given) > 1:
            # say what to do: a recipient is one service or one recipient category, and meaning both is two entries
            ctx.error(node, where, f"has both {' and '.join(map(repr, given))}, but an entry takes only one of them; "
                                   "split it into one entry each")
        return out


    def _shorthand(self, node: yaml.Node, where: str) -> str:
        """`- email` under `collects:` means `- category: email`: say so, when the entry's one naming key is clear."""
        if not isinstance(node, yaml.ScalarNode) or not node.value:
            return ""
        naming = self.one_of or tuple(k for k, key in self.keys.items() if key.required)
        if not naming or (not self.one_of and len(naming) > 1):
            return ""
        dash = "- " if where.endswith("]") else ""  # a list's entry
        return "; write " + " or ".join(f"`{dash}{k}: {node.value}`" for k in naming)


def parse(text: str, path: str) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        lines = text.split("\n")
        # the line itself, as a linter shows it: "did not find expected key" alone leaves the reader searching
        quoted = lines[line - 1].strip() if 0 < line <= len(lines) else ""
        shown = f" in `{quoted[:120]}`" if quoted else ""
        raw = lines[line - 1] if 0 < line <= len(lines) else ""
        raise YamlInvalid([SchemaError(path, line, f"invalid YAML: {exc.problem or exc}{shown}{_advice(raw, exc)}")]) from None
    except yaml.YAMLError as exc:
        raise YamlInvalid([SchemaError(path, 1, f"invalid YAML: {exc}")]) from None


def _advice(line: str, exc: yaml.MarkedYAMLError) -> str:
    """What to do about the parser's words, for the two slips a hand-written file makes most."""
    if "\t" in line[: len(line) - len(line.lstrip())]:
        return ": YAML indents with spaces, not tabs"
    if "did not find expected" in str(exc.problem):
        return ": check its indentation against the lines above"
    return ""


def read_text(file: Path) -> str:
    """UTF-8, with or without a BOM, or UTF-16 with one: what Windows Notepad saves as "Unicode"."""
    data = file.read_bytes()
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    return data.decode("utf-8-sig")


def load(file: Path, schema: Schema, display: str | None = None, what: str = "YAML") -> Any:
    """Load and validate; raise YamlInvalid listing every problem found.

    `what` names the file's kind in the headline of errors other than YAML syntax ("invalid data map").
    """
    value, errors = load_partial(file, schema, display, what)
    if errors:
        raise YamlInvalid(errors, f"invalid {what}")
    return value


def load_partial(file: Path, schema: Schema, display: str | None = None, what: str = "YAML") -> tuple[Any, list[SchemaError]]:
    """Load and validate, returning what is valid (an unknown key or a value that failed is left out, as None
    for a scalar) with the schema's problems, so that a caller can check what the schema cannot (duplicates,
    cross references) in the same run and report every problem at once, not in rounds as each is fixed.

    Raises YamlInvalid only when there is nothing to check: the file cannot be read, is not YAML, or is empty.
    """
    display = display or str(file)
    try:
        text = read_text(file)
    except OSError as exc:
        raise YamlInvalid([SchemaError(display, 1, f"cannot read: {exc.strerror or exc}")], f"invalid {what}") from None
    except UnicodeDecodeError as exc:
        line = exc.object[: exc.start].count(b"\n") + 1
        raise YamlInvalid([SchemaError(display, line, "not valid UTF-8: save the file as UTF-8")], f"invalid {what}") from None
    node = parse(text, display)
    if node is None:
        raise YamlInvalid([SchemaError(display, 1, "file is empty")], f"invalid {what}")
    ctx = _Ctx(display)
    return schema.check(node, "", ctx), ctx.errors
