"""DM901: files or statements that could not be parsed, so were not scanned.

The fix hint follows the cause: "set the SQL dialect" is no help for a Latin-1 Python file or a
broken pyproject.toml.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from scanner.checks import CheckContext, register
from scanner.discover import kind_of
from scanner.findings import RULES, Finding
from scanner.inventory import ParseError

# Python 2 shapes at the line libcst stopped on: the print statement, `except E, e:`, backquotes, `<>`, `exec code`
_PY2 = re.compile(r"^\s*(print\s+[^\s(=.,)]|exec\s+[\"'\w])|except\s+[\w.]+\s*,\s*\w+\s*:|`|<>")


def _line(ctx: CheckContext, error: ParseError) -> str:
    try:
        lines = (ctx.config.root / error.location.path).read_text(encoding="utf-8", errors="replace").split("\n")
    except OSError:
        return ""
    n = error.location.line
    return lines[n - 1] if 0 < n <= len(lines) else ""


def hint_for(error: ParseError, kind: str | None, line: str = "") -> str:
    """The fix that fits why the file or statement was not read."""
    message, path = error.message, error.location.path
    if "please report it" in message:
        return "exclude the file in [tool.datamap] `exclude` for now, and report it with the file if you can"
    if message.startswith("cannot read file"):
        return "check that the file exists and is readable, or exclude it in [tool.datamap]"
    if message.startswith("not valid "):
        if "read as" in message:  # read by a guess: scanned, only non-ASCII text may be off
            return "save the file as UTF-8 so that non-ASCII names and comments read as written"
        if kind == "python":
            return ("save the file as UTF-8, or declare its encoding on its first line (`# -*- coding: latin-1 -*-`) "
                    "as Python requires; if it is not text, exclude it in [tool.datamap]")
        return "save the file as UTF-8; if it is not text, exclude it in [tool.datamap]"
    if message.startswith("record declared by a call not read"):  # parsed fine: a schema layer read in part
        return ("declare these fields in the data map by hand (the call mixes column types with other values), and "
                "report the schema layer if it is a common one")
    if path.rsplit("/", 1)[-1].endswith(".toml"):
        return "fix the TOML syntax at this line; until then the file's dependencies are not read"
    if kind == "python":
        if _PY2.search(line):
            return "this looks like Python 2, which Datamap does not read: port it to Python 3, or exclude the file"
        return "Datamap reads Python 3: fix the syntax at this line, or exclude the file if it is generated or Python 2"
    if kind == "sql":
        return ("fix the statement, or set the SQL dialect (`--dialect`, or `dialect`/`dialects` in [tool.datamap]); "
                "a file that is not SQL can be excluded")
    if kind == "manifest":
        return "fix the line (one requirement per line, as pip reads it), or exclude the file in [tool.datamap]"
    if kind == "template":
        return "fix the markup at this line, or exclude the file in [tool.datamap] if it is not the project's own"
    return RULES["DM901"].fix


@register
def parse_errors(ctx: CheckContext) -> Iterator[Finding]:
    for error in ctx.inventory.errors:
        kind = kind_of(error.location.path)
        guessed = error.message.startswith("not valid ") and "read as" in error.message
        yield Finding(
            code="DM901",
            # a file read by a guessed encoding was scanned: saying "not scanned" would be false
            message=f"read by a guess: {error.message}" if guessed else f"not scanned: {error.message}",
            hint=hint_for(error, kind, _line(ctx, error) if kind == "python" else ""),
            location=error.location,
            subject=f"error:{error.message}",
        )
