"""`report --format csv`: one row per inventory item, for a spreadsheet (columns: README, "Reports for privacy
officers").

RFC 4180 through the csv module (CRLF line ends, quoting as needed). A cell from the scanned code that a
spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) is prefixed
with `'`, as OWASP advises against CSV injection: the text still reads the same, and no cell computes.
"""

from __future__ import annotations

import csv
from typing import TextIO

from scanner.report.model import Report
from scanner.report.text import declared_word, flow_word, receives_text

COLUMNS = (
    "kind",  # field | third_party | flow | finding | skipped
    "file", "line",
    "category", "category_name", "sensitive",  # field, flow
    "sensitivity",  # field, flow: what kind, citing the GDPR article for special and criminal-offence data
    "container", "field", "field_kind", "type",  # field
    "service", "service_name", "recipient_category", "data_use", "country",  # third_party, flow
    "signal",  # third_party: how the code uses it (import, call, domain, setting, package, ...)
    "path",  # flow: the names from the datum to the call, `a -> b`
    "declared",  # field: its category; third_party: a recipient covers it; flow: allowed to receive it
    "may_receive",  # third_party: what the data map lets it receive
    "confidence", "rule", "reason",  # field (confidence also for third_party)
    "code", "severity", "message", "hint",  # finding (message also for skipped: why)
    "evidence",
)
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA) else text


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def write(report: Report, stream: TextIO) -> None:
    out = csv.writer(stream, lineterminator="\r\n")
    out.writerow(COLUMNS)

    def row(**cells: object) -> None:
        unknown = set(cells) - set(COLUMNS)
        assert not unknown, unknown
        out.writerow([_cell(cells.get(c, "")) for c in COLUMNS])

    # the report's order (by category, by service) rather than by file: a sheet is read by subject
    for c in report.categories:
        for f in c.fields:
            row(kind="field", file=f.place.file, line=f.place.line, category=c.category.key,
                category_name=c.category.name, sensitive=_yes(c.sensitive), sensitivity=c.sensitivity, container=f.container, field=f.name,
                field_kind=f.kind, type=f.type, declared=declared_word(c.declared), confidence=f.confidence,
                rule=f.rule, reason=f.reason, evidence=f.evidence)
    for t in report.third_parties:
        common = dict(service=t.service.key, service_name=t.service.name, recipient_category=t.recipient_category.key,
                      data_use=t.data_use.key, country=t.country)
        for u in t.uses:
            row(kind="third_party", file=u.place.file, line=u.place.line, signal=u.signal,
                declared=declared_word(t.declared), may_receive=receives_text(t.may_receive, t.declared),
                confidence=u.confidence, evidence=u.evidence, **common)
        for fl in t.flows:
            row(kind="flow", file=fl.place.file, line=fl.place.line, category=fl.category.key,
                category_name=fl.category.name, sensitive=_yes(fl.sensitive), sensitivity=fl.sensitivity, path=" -> ".join(fl.path),
                declared=flow_word(fl.allowed), evidence=fl.evidence, **common)
    for fi in report.findings:
        row(kind="finding", file=fi.place.file, line=fi.place.line, code=fi.code, severity=fi.severity,
            message=fi.message, hint=fi.hint)
    for n in report.skipped:
        row(kind="skipped", file=n.file, message=n.message)
