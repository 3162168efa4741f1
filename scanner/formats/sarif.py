"""`--format sarif`: SARIF 2.1.0 as GitHub code scanning reads it.

GitHub needs more than the schema asks: rule help text, a stable
`partialFingerprints` entry, URIs relative to the repository root (not to the
scanned folder) and a `security-severity`-free but explicit `level` on every result.
"""

from __future__ import annotations

import json
from typing import Any, TextIO
from urllib.parse import quote

from scanner import __version__
from scanner.findings import RULES
from scanner.result import Result

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
HELP_URI = "https://github.com/datamap-dev/datamap#rule-codes"


def _uri(path: str) -> str:
    """A relative URI reference: a space or `#` in a file name must not end the path."""
    return quote(path, safe="/")


def _rules() -> list[dict[str, Any]]:
    out = []
    for rule in RULES.values():
        out.append(
            {
                "id": rule.code,
                "name": rule.name,
                "shortDescription": {"text": rule.summary},
                "fullDescription": {"text": f"{rule.summary}. {rule.why}"},
                "help": {
                    "text": f"{rule.why}\nFix: {rule.fix}",
                    "markdown": f"**{rule.code} {rule.name}**\n\n{rule.why}\n\n**Fix:** {rule.fix}",
                },
                "helpUri": f"{HELP_URI}",
                "defaultConfiguration": {"level": _LEVEL[rule.severity]},
                "properties": {"tags": ["privacy", rule.name], "precision": "high"},
            }
        )
    return out


def as_dict(result: Result) -> dict[str, Any]:
    index = {code: i for i, code in enumerate(RULES)}
    results = []
    for f, fingerprint in zip(result.findings, result.fingerprints(), strict=True):
        results.append(
            {
                "ruleId": f.code,
                "ruleIndex": index[f.code],
                "level": _LEVEL[f.severity],
                "message": {"text": f"{f.message}. Fix: {f.hint}"},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": _uri(result.repo_path(f.location.path)), "uriBaseId": "%SRCROOT%"},
                            "region": {"startLine": max(f.location.line, 1), "startColumn": f.location.col + 1},
                        }
                    }
                ],
                "partialFingerprints": {"datamapFingerprint/v1": fingerprint},
                "properties": {"confidence": f.confidence, "subject": f.subject},
            }
        )
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "datamap",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": HELP_URI.split("#")[0],
                        "rules": _rules(),
                    }
                },
                "automationDetails": {"id": f"datamap/{result.command}/"},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def write(result: Result, stream: TextIO) -> None:
    json.dump(as_dict(result), stream, indent=2)
    stream.write("\n")
