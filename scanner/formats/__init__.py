"""Output formats: pure functions `(result, stream) -> None`, one module each."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from scanner.result import Result

Formatter = Callable[["Result", TextIO], None]


def formatter(name: str) -> Formatter:
    # imported on demand: the console format pulls in rich, which JSON runs never need
    if name == "console":
        from scanner.formats.console import write
    elif name == "json":
        from scanner.formats.json import write
    elif name == "sarif":
        from scanner.formats.sarif import write
    elif name == "github":
        from scanner.formats.github import write
    else:
        raise KeyError(name)
    return write


FORMATS = ("console", "json", "sarif", "github")
