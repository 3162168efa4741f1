"""`--format github`: workflow commands that GitHub Actions turns into annotations."""

from __future__ import annotations

from typing import TextIO

from scanner.result import Result

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def write(result: Result, stream: TextIO) -> None:
    # the data map named as the annotations' files are, from the repository root (README, "Output")
    dm = result.repo_path(result.datamap) if result.datamap else None
    for f in result.findings:
        title = _escape(f"{f.code} {f.name}", prop=True)
        stream.write(
            f"::{_LEVEL[f.severity]} file={_escape(result.repo_path(f.location.path), True)},line={f.location.line},"
            f"title={title}::{_escape(result.stable(f.message + ' (fix: ' + f.hint + ')', dm))}\n"
        )
