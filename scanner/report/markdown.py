"""`report --format markdown`: the HTML report's content as GitHub-flavoured Markdown tables, for a wiki page or
a pull-request comment.

A comment takes at most 65,536 characters, and a large project's report is longer. With a `max_length`
(`--max-length`) the report is shortened to fit, never cut off blindly: the detail tables go, least informative
first (where the code uses each third party; the fields of declared categories; every field; the flows the data
map allows; then each category's and third party's own section, while the overview tables keep every category
and service), then, if still too long, the tail; a notice at the top says what was left out and how to get the
whole report.

Values from the scanned code are untrusted. Code-like values (fields, places, evidence, paths) go in code
spans, inside which nothing is markup, and a pipe is `\\|` (GFM splits cells before it parses code spans);
other text has Markdown's punctuation backslash-escaped and `<`, `>`, `&` written as entities, so that no value
becomes a link, emphasis, raw HTML or a new cell. A newline in a cell is `<br>`, which keeps the row whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TextIO

from scanner.countries import country_name
from scanner.report.model import DataCategory, Note, Report, ThirdParty
from scanner.report.text import (
    declared_word,
    flow_word,
    named,
    receives_text,
    sensitivity_word,
    undeclared_note,
    verdict,
)

@dataclass(frozen=True)
class Detail:
    """Which detail tables a report holds: all of them, unless `--max-length` leaves some out."""

    uses: bool = True  # each third party's "Where the code uses it"
    declared_fields: bool = True  # the fields of the categories the data map declares
    fields: bool = True  # every category's fields
    allowed_flows: bool = True  # the flows the data map allows
    sections: bool = True  # each category's and each third party's own section


FULL = Detail()
_LEFT_OUT = "left out to fit `--max-length`"

_PUNCT = re.compile(r"([\\`*_\[\]~|#])")
_NEWLINE = re.compile(r"\r\n|\r|\n")
_TICKS = re.compile(r"`+")


def text(value: object) -> str:
    """Plain text, safe in a cell or a line."""
    out = _PUNCT.sub(r"\\\1", str(value)).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _NEWLINE.sub("<br>", out)


def code(value: str) -> str:
    """A code span: a fence longer than any run of backticks in the value, a pipe escaped for the table."""
    if not value:
        return ""
    if "\\|" in value:
        return text(value)  # `\|` in a code span reads as an escaped backslash and a cell break: say it as text
    value = _NEWLINE.sub(" ", value).replace("|", "\\|")
    fence = "`" * (max((len(m) for m in _TICKS.findall(value)), default=0) + 1)
    pad = " " if value[0] in "` " or value[-1] in "` " else ""
    return f"{fence}{pad}{value}{pad}{fence}"


def _table(head: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    """`rows` hold cells escaped already; `head` is plain text."""
    out = ["| " + " | ".join(text(h) for h in head) + " |", "|" + "---|" * len(head)]
    out.extend("| " + " | ".join(row) + " |" for row in rows)
    out.append("")
    return out


def _summary(report: Report) -> list[str]:
    s = report.summary
    out = ["## Summary", "", f"> {text(verdict(s))}", ""]
    special = [c for c in report.categories if c.special_category or c.criminal_offence]
    if special:  # what a privacy officer looks for first: each needs more than a legal basis
        out += ["**Special categories of personal data (GDPR art. 9) or criminal-offence data (art. 10) found.** "
                "Processing them needs an art. 9(2) condition (criminal-offence data, an authority under art. 10) "
                "besides a legal basis:", ""]
        out += [f"- **{text(c.category.name)}** ({code(c.category.key)}): "
                f"{text(sensitivity_word(c.sensitivity))}, {text(declared_word(c.declared))}" for c in special]
        out.append("")
    with_map = s.datamap is not None

    def bad(n: int) -> str:
        return f"{n:,}" if with_map else "n/a"

    out += _table(("What", "Count", "Not covered by the data map"), [
        ("Scanned", code(s.scanned), ""),
        ("Data map", code(s.datamap) if s.datamap else "none: no data map was compared", ""),
        ("Files read", f"{s.files:,} ({s.lines:,} lines)", ""),
        ("Files skipped", f"{s.skipped:,}", ""),
        ("Files or statements not parsed", f"{s.errors:,}", ""),
        ("Personal-data fields", f"{s.fields:,}", ""),
        ("Categories of personal data", f"{s.categories:,}", bad(s.undeclared_categories)),
        ("of which sensitive", f"{s.sensitive_categories:,}", ""),
        ("of which special categories (GDPR art. 9)", f"{s.special_categories:,}", ""),
        ("of which criminal offence data (GDPR art. 10)", f"{s.criminal_offence_categories:,}", ""),
        ("Third parties", f"{s.third_parties:,}", bad(s.undeclared_third_parties)),
        ("Flows of personal data to third parties", f"{s.flows:,}", bad(s.disallowed_flows)),
        ("Findings", f"{s.findings:,}", ""),
        ("Suppressed findings", f"{s.suppressed:,}", ""),
    ])
    if with_map:
        out += ["### Findings by family", ""]
        out += _table(("Family", "Codes", "Findings"),
                      ((text(f.title), code(f.prefix + "xx"), f"{f.count:,}") for f in s.families))
    return out


def _category(c: DataCategory, detail: Detail = FULL) -> list[str]:
    flags = ", ".join(w for w in (sensitivity_word(c.sensitivity), declared_word(c.declared)) if w)
    out = [f"### {text(c.category.name)} ({code(c.category.key)}): {flags}", ""]
    if c.declared_as:
        purposes = ", ".join(named(p) for p in c.declared_as.purposes) or "none given"
        out += [text(f"Declared as {named(c.declared_as.category)} (line {c.declared_as.line}), "
                     f"for: {purposes}."), ""]
    if not c.fields:
        return out + [text(f"No field holds it: it is seen only in data sent to "
                           f"{', '.join(n.name for n in c.sent_to)}."), ""]
    if not detail.fields or (c.declared and not detail.declared_fields):
        return out + [text(f"Fields ({len(c.fields):,}): ") + _LEFT_OUT + ".", ""]
    return out + _table(("Field", "Kind", "Where", "Confidence", "Why (rule)", "Evidence"), (
        (code(f.qualified), text(f.kind) + (f" {code(f.type)}" if f.type else ""), code(str(f.place)),
         text(f.confidence + (" (below min-confidence: no finding)" if f.below_floor else "")),
         f"{text(f.reason)} {code(f.rule)}", code(f.evidence))
        for f in c.fields))


def _categories(report: Report, detail: Detail = FULL) -> list[str]:
    out = ["## Personal data collected", ""]
    if not report.categories:
        return out + ["No personal data was found in the scanned code.", ""]
    out += _table(("Category", "Sensitive", "Data map", "Declared purposes", "Fields", "Sent to"), (
        (f"{text(c.category.name)} {code(c.category.key)}", text(sensitivity_word(c.sensitivity)),
         text(declared_word(c.declared) + (f" ({note})" if (note := undeclared_note(c)) else "")),
         text(", ".join(p.name for p in c.declared_as.purposes)) if c.declared_as else "",
         f"{len(c.fields):,}", text(", ".join(n.name for n in c.sent_to)))
        for c in report.categories))
    for c in report.categories if detail.sections else ():
        out += _category(c, detail)
    return out


def _third_party(t: ThirdParty, detail: Detail = FULL) -> list[str]:
    flags = [declared_word(t.declared)] + (["prohibited purpose"] if t.prohibited else []) \
        + (["outside allowed regions"] if t.outside_regions else [])
    out = [f"### {text(t.service.name)}: {text(', '.join(flags))}", ""]
    facts = [("Service", code(t.service.key)), ("Recipient category", text(named(t.recipient_category))),
             ("Data use", text(named(t.data_use))), ("Country", text(country_name(t.country) if t.country else "unknown"))]
    if t.declared is not None:
        facts += [("Declared by", text("; ".join(t.declared_by) or "no recipient entry")),
                  ("May receive", text(receives_text(t.may_receive, t.declared)))]
    if t.prohibited:
        facts.append(("Prohibited use", code(t.prohibited)))
    out += [f"- {label}: {value}" for label, value in facts] + [""]
    flows = t.flows if detail.allowed_flows else [f for f in t.flows if f.allowed is not True]
    if t.flows:
        out += ["Personal data reaching it:", ""]
        if flows:
            out += _table(("Data", "Sensitive", "Data map", "Where", "Path"), (
                (text(named(f.category)), text(sensitivity_word(f.sensitivity)), text(flow_word(f.allowed)),
                 code(str(f.place)), code(" -> ".join(f.path)))
                for f in flows))
        if len(flows) < len(t.flows):
            out += [text(f"Flows the data map allows ({len(t.flows) - len(flows):,}): ") + _LEFT_OUT + ".", ""]
    else:
        out += ["No personal data was traced to it.", ""]
    if not detail.uses:
        return out + [text(f"Where the code uses it ({len(t.uses):,}): ") + _LEFT_OUT + ".", ""]
    out += [f"Where the code uses it ({len(t.uses):,}):", ""]
    return out + _table(("Signal", "Where", "Evidence", "Confidence"), (
        (text(u.signal), code(str(u.place)), code(u.evidence), text(u.confidence)) for u in t.uses))


def _third_parties(report: Report, detail: Detail = FULL) -> list[str]:
    out = ["## Third parties", ""]
    if not report.third_parties:
        return out + ["No third-party service was found in the scanned code.", ""]
    out += _table(("Service", "Recipient category", "Country", "Data use", "Data map", "Personal data sent"), (
        (text(t.service.name), text(t.recipient_category.name), text(country_name(t.country) if t.country else "unknown"), text(t.data_use.name),
         text(declared_word(t.declared)), text(", ".join(sorted({f.category.name for f in t.flows}))))
        for t in report.third_parties))
    for t in report.third_parties if detail.sections else ():
        out += _third_party(t, detail)
    return out


def _datamap(report: Report) -> list[str]:
    out = ["## The data map", ""]
    dm = report.datamap
    if dm is None:
        return out + ["No data map was compared: this report lists what the code holds, not what the policy says. "
                      "Write `datamap.yaml` (see the README) or pass `--datamap`.", ""]
    out += [f"- File: {code(dm.path)}"] + ([f"- Organization: {text(dm.organization)}"] if dm.organization else [])
    out += [f"- Privacy policy: {code(dm.policy)}"] if dm.policy else []
    out += [f"- Prohibited uses: {text(', '.join(named(p) for p in dm.prohibited_uses) or 'none')}",
            f"- Allowed regions: {text(', '.join(dm.allowed_regions) or 'any')}", ""]
    out += ["### Categories declared as collected", ""]
    out += _table(("Category", "Sensitive", "Purposes", "Line", "In the code"), (
        (text(named(c.category)), text(sensitivity_word(c.sensitivity)), text(", ".join(named(p) for p in c.purposes)),
         str(c.line), "collected" if c.collected else "stale: not found")
        for c in dm.collects))
    out += ["### Recipients declared", ""]
    return out + _table(("Recipient", "May receive", "Purposes", "Line", "In the code"), (
        (f"{text(r.label)} ({text(r.kind)} {code(r.key)})",
         "anything" if r.receives is None else text(", ".join(named(c) for c in r.receives) or "nothing"),
         text(", ".join(named(p) for p in r.purposes)), str(r.line),
         text("used by " + ", ".join(n.name for n in r.used_by)) if r.used_by else "stale: not used")
        for r in dm.recipients))


def _notes(title: str, notes: Sequence[Note], empty: str) -> list[str]:
    if not notes:
        return [f"### {title}", "", empty, ""]
    return [f"### {title}", ""] + _table(("File", "Detail"), (
        (code(f"{n.file}:{n.line}" if n.line else n.file), text(n.message)) for n in notes))


def _body(report: Report, detail: Detail = FULL) -> list[str]:
    """Everything below the title, with the detail tables `detail` keeps."""
    out = _summary(report) + _categories(report, detail) + _third_parties(report, detail) + _datamap(report)
    out += ["## Findings", ""]
    if not report.findings:
        out += ["No findings.", ""]
    for family in report.summary.families:
        findings = [f for f in report.findings if f.family == family.prefix]
        if findings:
            out += [f"### {text(family.title)} ({len(findings):,})", ""]
            out += _table(("Code", "Severity", "Where", "Finding", "Fix"), (
                (f"{code(f.code)} {text(f.name)}", text(f.severity), code(str(f.place)), text(f.message), text(f.hint))
                for f in findings))
    out += ["## Scan notes", "", "What Datamap could not read is missing from this report: nothing is left out silently.",
            ""]
    out += _notes("Not parsed", report.errors, "Every file was parsed.")
    out += _notes("Skipped", report.skipped, "No file was skipped.")
    out += _notes("SQL dialects", report.sql_dialects, "No SQL file was read.")
    return out + ["---", "", text(f"{report.tool}, report format {report.version}")]


MIN_LENGTH = 2000  # room for the title, the notice and the summary's verdict


def _size(lines: Sequence[str]) -> int:
    return sum(len(line) + 1 for line in lines)


def _rows(lines: Sequence[str]) -> int:
    """Table rows among `lines`, not counting header and separator rows."""
    return sum(1 for i, line in enumerate(lines) if line.startswith("| ")
               and not (i + 1 < len(lines) and lines[i + 1].startswith("|---")))


def _steps(report: Report) -> list[tuple[Detail, str]]:
    """Ever shorter reports, least informative detail first (audit18 #19: dropping every detail table at once
    lost the flows, the report's point, when leaving out the uses alone would have fit), each with what it left
    out."""
    uses = sum(len(t.uses) for t in report.third_parties)
    declared = sum(len(c.fields) for c in report.categories if c.declared)
    fields = sum(len(c.fields) for c in report.categories)
    allowed = sum(1 for t in report.third_parties for f in t.flows if f.allowed is True)
    flows = sum(len(t.flows) for t in report.third_parties)
    where = f"each third party's uses in the code ({uses:,} table rows)"
    steps = [(Detail(uses=False), where)]
    if declared:
        steps.append((Detail(uses=False, declared_fields=False),
                      f"{where}, and the fields of the categories the data map declares ({declared:,})"))
    if fields > declared:
        steps.append((Detail(uses=False, declared_fields=False, fields=False),
                      f"{where}, and each category's fields ({fields:,})"))
    if allowed:
        steps.append((Detail(uses=False, declared_fields=False, fields=False, allowed_flows=False),
                      f"{where}, each category's fields ({fields:,}), and the flows the data map allows ({allowed:,})"))
    steps.append((replace(FULL, sections=False),
                  f"each category's fields and each third party's flows and uses ({fields + flows + uses:,} table "
                  "rows; the overview tables list every category and third party)"))
    return steps


def _shortened(report: Report, title: list[str], max_length: int) -> list[str]:
    """The report within max_length characters, with a notice at the top of what was left out."""
    whole = ("`datamap report` without `--max-length` writes it whole; `--format html` writes it as one page to "
             "attach as a build artifact or link from here.")

    def notice(left_out: str, tail: str = "") -> list[str]:
        return [f"> **Shortened to fit {max_length:,} characters** (`--max-length`). Left out: {text(left_out)}"
                f"{text(tail)}. {whole}", ""]

    for detail, left_out in _steps(report):
        body = _body(report, detail)
        if _size(title + notice(left_out) + body) <= max_length:
            return title + notice(left_out) + body
    # still too long (thousands of findings): keep the head, cut at a line, and say from where
    for reserve in (200, 400, 800, 1600):
        budget = max_length - _size(title + notice(left_out)) - reserve
        kept: list[str] = []
        for line in body:
            if _size(kept) + len(line) + 1 > budget:
                break
            kept.append(line)
        cut = body[len(kept):]
        section = next((line[3:] for line in reversed(kept) if line.startswith("## ")), "Summary")
        tail = (f"; and, past the first {len(kept):,} lines, the rest from within the section {section} on "
                f"({_rows(cut):,} more table rows)")
        shortened = title + notice(left_out, tail) + kept + ["", "*Shortened here: see the notice at the top.*"]
        if _size(shortened) <= max_length:
            return shortened
    return title + notice(left_out, "; and the whole body")[:1]


def write(report: Report, stream: TextIO, max_length: int | None = None) -> None:
    title = [f"# Data map report: {text(report.summary.title)}", ""]
    out = title + _body(report)
    if max_length is not None and _size(out) > max_length:
        out = _shortened(report, title, max_length)
    stream.write("\n".join(out) + "\n")
