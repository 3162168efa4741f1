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
from scanner.findings import RULES, Finding
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


def _result(f: Finding, fingerprint: str, result: Result, index: dict[str, int]) -> dict[str, Any]:
    dm = result.datamap
    return {
        "ruleId": f.code,
        "ruleIndex": index[f.code],
        "level": _LEVEL[f.severity],
        # the data map named as the artifact URIs are, from the repository root: the same from any directory
        "message": {"text": result.stable(f"{f.message}. Fix: {f.hint}", dm and result.repo_path(dm))},
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


def _results(result: Result) -> list[dict[str, Any]]:
    """Every finding the run raised, none dropped (SARIF 2.1.0 §3.27.23, §3.27.24): an inline-suppressed one
    with `suppressions: [{kind: inSource}]`, which code scanning shows as a dismissed alert; with a baseline,
    the ones it knows as `baselineState: unchanged`, suppressed `external`ly (accepted in the baseline file:
    shown as dismissed, not open, alerts), and the rest as `new`, so that a pull request analysed with
    `--baseline` holds the same alerts as its base branch's full analysis, rather than lacking the known ones
    as if the change had fixed them. Fingerprints are those a run without the baseline gives."""
    index = {code: i for i, code in enumerate(RULES)}
    known = {id(f) for f in result.known_findings}
    raised = sorted((*result.findings, *result.known_findings), key=Finding.sort_key)
    every = sorted((*raised, *result.suppressed_findings), key=Finding.sort_key)
    # a suppressed finding takes the fingerprint it has among all (told apart from a reported one of the same
    # code and subject by its line); the reported ones keep theirs whatever is suppressed
    prints = dict(zip(map(id, raised), result.fingerprints(raised), strict=True))
    suppressed = {id(f) for f in result.suppressed_findings}
    prints.update((id(f), fp) for f, fp in zip(every, result.fingerprints(every), strict=True) if id(f) in suppressed)
    out = []
    for f in every:
        entry = _result(f, prints[id(f)], result, index)
        if id(f) in suppressed:
            # the baseline holds no suppressed finding: a suppressed result is not compared with it
            entry["suppressions"] = [{"kind": "inSource"}]
        elif result.baseline is not None:
            entry["baselineState"] = "unchanged" if id(f) in known else "new"
            if id(f) in known:
                # code scanning ignores baselineState: without a suppression every accepted finding would open
                # an alert on the first upload (audit15 #13); `external`, as the baseline file holds it
                entry["suppressions"] = [{"kind": "external", "justification": f"in baseline {result.baseline}"}]
        out.append(entry)
    return out


def as_dict(result: Result) -> dict[str, Any]:
    results = _results(result)
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
