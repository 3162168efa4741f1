"""`datamap report`: the data map as a privacy officer reads it.

`model.build_report` groups a run's inventory, data map and findings into a `Report`; each format module
(`html`, `markdown`, `csv`, `json`) is a pure `(Report, stream) -> None` that only lays it out. This module
stays light (no model import) so that the CLI can list the formats without slowing `datamap --help`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from scanner.report.model import Report

ReportWriter = Callable[["Report", TextIO], None]

REPORT_FORMATS = ("html", "markdown", "csv", "json")


def report_writer(name: str) -> ReportWriter:
    if name == "html":
        from scanner.report.html import write
    elif name == "markdown":
        from scanner.report.markdown import write
    elif name == "csv":
        from scanner.report.csv import write
    elif name == "json":
        from scanner.report.json import write
    else:
        raise KeyError(name)
    return write
