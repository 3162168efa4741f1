"""`--format json`: the stable machine contract (see README, "JSON output")."""

from __future__ import annotations

import json
from typing import Any, TextIO

from scanner import __version__
from scanner.result import Result
from scanner.taxonomy import Taxonomy

SCHEMA_VERSION = 1


def _sensitivity(taxonomy: Taxonomy, category: str) -> dict[str, bool]:
    """Whether a category is sensitive, and whether a special category of GDPR art. 9 or criminal-offence data
    of art. 10 (which need an art. 9(2) condition or an art. 10 authority besides a legal basis)."""
    return {"sensitive": taxonomy.is_sensitive(category), "special_category": taxonomy.is_special(category),
            "criminal_offence": taxonomy.is_criminal(category)}


def as_dict(result: Result) -> dict[str, Any]:
    inv, rules = result.inventory, result.rules
    services = rules.catalogue.services
    return {
        "version": SCHEMA_VERSION,
        "tool": {"name": "datamap", "version": __version__},
        "command": result.command,
        "datamap": result.datamap,
        "fields": [
            {
                "category": f.category, "category_name": rules.taxonomy.categories.name(f.category),
                **_sensitivity(rules.taxonomy, f.category), "name": f.name, "container": f.container,
                "kind": f.kind, "type": f.type_hint, "file": f.location.path, "line": f.location.line,
                "confidence": f.confidence, "rule": f.rule, "reason": f.reason, "evidence": f.evidence,
            }
            for f in inv.fields
        ],
        "third_parties": [
            {
                "service": s.service, "name": services[s.service].name,
                "recipient_category": services[s.service].recipient_category,
                "data_use": services[s.service].data_use, "country": services[s.service].country or None,
                "signal": s.signal, "file": s.location.path, "line": s.location.line,
                "evidence": s.evidence, "confidence": s.confidence,
            }
            for s in inv.services
        ],
        "flows": [
            {
                "category": f.category, **_sensitivity(rules.taxonomy, f.category), "service": f.service,
                "file": f.location.path, "line": f.location.line, "path": list(f.path), "evidence": f.evidence,
            }
            for f in inv.flows
        ],
        "findings": [
            {
                "code": f.code, "name": f.name, "severity": f.severity, "message": result.stable(f.message),
                "hint": result.stable(f.hint),
                "file": f.location.path, "line": f.location.line, "confidence": f.confidence,
                "subject": f.subject, "fingerprint": fp,
            }
            for f, fp in zip(result.findings, result.fingerprints(), strict=True)
        ],
        # the findings the baseline hid are not listed: only their count, and the entries no longer found
        **({"baseline": {"file": result.baseline, "known": result.known, "gone": result.gone}} if result.baseline else {}),
        "sql_dialects": dict(sorted(inv.sql_dialects.items())),
        "errors": [{"file": e.location.path, "line": e.location.line, "message": e.message} for e in inv.errors],
        "skipped": [{"file": path, "reason": why} for path, why in sorted(inv.skipped.items())],
        "stats": {
            # no timing (audit-ci F12): the same code gives the same bytes, so a committed or cached report, or one
            # kept as a baseline, diffs only when the findings do; the console summary says how long it took
            "files": inv.files, "lines": inv.lines,
            "fields": len(inv.fields), "third_parties": len({s.service for s in inv.services}),
            "flows": len(inv.flows), "findings": len(result.findings), "suppressed": result.suppressed,
            "errors": len(inv.errors), "skipped": len(inv.skipped),
        },
    }


def write(result: Result, stream: TextIO) -> None:
    json.dump(as_dict(result), stream, indent=2, sort_keys=False)
    stream.write("\n")
