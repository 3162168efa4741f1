"""`report --format json`: the report model as JSON, for tools that build on the officer's view (README,
"Reports for privacy officers"). `check --format json` stays the flat machine contract of the inventory."""

from __future__ import annotations

import dataclasses
import json
from typing import TextIO

from scanner.report.model import Report


def write(report: Report, stream: TextIO) -> None:
    json.dump(dataclasses.asdict(report), stream, indent=2)
    stream.write("\n")
