"""`report --format html`: one self-contained page for a privacy officer.

Inline CSS only: no script, no external asset or font, so it opens offline, prints, and can be attached to an
audit. Field names, evidence and messages come from the scanned code and are untrusted: every text goes
through `_e` (html.escape, quotes included), and a Content-Security-Policy forbids scripts and remote loads as a
second wall should an escape ever be missed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from typing import TextIO

from scanner.countries import country_name
from scanner.report.model import CollectEntry, DataCategory, FlowItem, Named, Note, Report, ThirdParty
from scanner.report.text import declared_word, flow_word, receives_text, sensitivity_word, undeclared_note, verdict

_CSS = """
:root { --ink: #1d232a; --muted: #5b6670; --line: #d5dbe0; --bad: #a61b1b; --bad-bg: #fdecec; --ok: #1d6b35;
  --ok-bg: #e6f4ea; --warn: #7a5200; --warn-bg: #fff4d6; --sens: #5b2a86; --sens-bg: #f1e8fa; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: var(--ink);
  margin: 0 auto; max-width: 78rem; padding: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; border-bottom: 2px solid var(--line); padding-bottom: .25rem; margin-top: 2.5rem; }
h3 { font-size: 1.05rem; margin: 1.75rem 0 .5rem; }
p.lede, .muted { color: var(--muted); }
nav ol { display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; list-style: none; padding: 0; margin: 1rem 0; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .9rem; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #f4f6f8; }
td.num { text-align: right; white-space: nowrap; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .85em;
  overflow-wrap: anywhere; }
code.place { overflow-wrap: break-word; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: .5rem 0 1rem; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
.badge { display: inline-block; border-radius: .25rem; padding: 0 .4rem; font-size: .8rem; font-weight: 600;
  white-space: nowrap; border: 1px solid currentColor; }
.bad { color: var(--bad); background: var(--bad-bg); }
.ok { color: var(--ok); background: var(--ok-bg); }
.warn { color: var(--warn); background: var(--warn-bg); }
.sens { color: var(--sens); background: var(--sens-bg); }
.special { color: #fff; background: var(--sens); border-color: var(--sens); }
.callout { border: 2px solid var(--sens); background: var(--sens-bg); padding: .5rem .75rem; margin: 1rem 0; }
.none { color: var(--muted); }
.verdict { border-left: .35rem solid currentColor; padding: .5rem .75rem; margin: 1rem 0; font-weight: 600; }
footer { margin-top: 3rem; color: var(--muted); font-size: .85rem; border-top: 1px solid var(--line); }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav { display: none; }
  h2 { break-after: avoid; } h3 { break-after: avoid; }
  tr, .verdict { break-inside: avoid; }
  .badge, .verdict, .callout, th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
}
"""

# forbids every script and remote load: the page needs nothing but its own inline style
_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

_STATE_CLASS = {True: "ok", False: "bad", None: "none"}


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _badge(text: str, css: str) -> str:
    return f'<span class="badge {css}">{_e(text)}</span>'


def _declared(state: bool | None) -> str:
    return _badge(declared_word(state), _STATE_CLASS[state])


def _flow(state: bool | None) -> str:
    return _badge(flow_word(state), _STATE_CLASS[state])


def _sensitive(c: DataCategory | FlowItem | CollectEntry) -> str:
    """A special category (GDPR art. 9) or criminal-offence data (art. 10) in a filled badge, as it needs more
    than a legal basis; other sensitive data (a password, a card number) in an outlined one."""
    if not c.sensitive:
        return ""
    return _badge(sensitivity_word(c.sensitivity), "special" if c.special_category or c.criminal_offence else "sens")


def _code(text: str) -> str:
    return f"<code>{_e(text)}</code>"


def _place(place: object) -> str:
    """A `file:line` that may break after a slash, not inside a name."""
    return '<code class="place">' + _e(place).replace("/", "/<wbr>") + "</code>"


def _named(n: Named) -> str:
    return f'{_e(n.name)} <code class="none">{_e(n.key)}</code>' if n.name != n.key else _code(n.key)


def _table(head: Sequence[str], rows: Iterable[Sequence[str]], numeric: Sequence[int] = ()) -> str:
    """`rows` hold HTML already escaped by the caller; `head` is plain text."""
    out = ["<table>", "<thead><tr>" + "".join(f"<th>{_e(h)}</th>" for h in head) + "</tr></thead>", "<tbody>"]
    for row in rows:
        cells = "".join(f'<td class="num">{c}</td>' if i in numeric else f"<td>{c}</td>" for i, c in enumerate(row))
        out.append(f"<tr>{cells}</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def _facts(pairs: Iterable[tuple[str, str]]) -> str:
    """`pairs`: plain-text label, HTML value."""
    return '<dl class="facts">' + "".join(f"<dt>{_e(k)}</dt><dd>{v}</dd>" for k, v in pairs) + "</dl>"


def _anchor(prefix: str, key: str) -> str:
    # keys are taxonomy and catalogue ids ([a-z0-9_.]); escaped anyway, since ids come from rule files
    return _e(f"{prefix}-{key}")


def _summary(report: Report) -> str:
    s = report.summary
    kind = {True: "ok", False: "bad", None: "warn"}[s.matches]
    out = ['<section id="summary">', "<h2>Summary</h2>", f'<p class="verdict {kind}">{_e(verdict(s))}</p>']
    out.extend(_special_callout(report))
    out.append(_facts([
        ("Scanned", _code(s.scanned)),
        ("Data map", _code(s.datamap) if s.datamap else '<span class="none">none: no data map was compared</span>'),
        ("Files read", f"{s.files:,} ({s.lines:,} lines)"),
        ("Files skipped", f"{s.skipped:,}"),
        ("Files or statements not parsed", f"{s.errors:,}"),
    ]))
    counts = [
        ("Personal-data fields", s.fields, None),
        ("Categories of personal data", s.categories, s.undeclared_categories),
        ("of which sensitive", s.sensitive_categories, None),
        ("of which special categories (GDPR art. 9)", s.special_categories, None),
        ("of which criminal offence data (GDPR art. 10)", s.criminal_offence_categories, None),
        ("Third parties", s.third_parties, s.undeclared_third_parties),
        ("Flows of personal data to third parties", s.flows, s.disallowed_flows),
        ("Findings", s.findings, None),
        ("Suppressed findings", s.suppressed, None),
    ]
    with_map = s.datamap is not None
    out.append(_table(
        ("What", "Count", "Not covered by the data map"),
        ((_e(what), f"{n:,}", (f"{bad:,}" if with_map else "n/a") if bad is not None else "") for what, n, bad in counts),
        numeric=(1, 2),
    ))
    if with_map:
        out.append("<h3>Findings by family</h3>")
        out.append(_table(("Family", "Codes", "Findings"),
                          ((_e(f.title), _code(f.prefix + "xx"), f"{f.count:,}") for f in s.families), numeric=(2,)))
    out.append("</section>")
    return "\n".join(out)


def _special_callout(report: Report) -> list[str]:
    """The art. 9 and art. 10 categories found, named at the top: each needs a condition or an authority besides
    a legal basis, and is what a privacy officer looks for first."""
    special = [c for c in report.categories if c.special_category or c.criminal_offence]
    if not special:
        return []
    items = "".join(f'<li><a href="#{_anchor("cat", c.category.key)}">{_e(c.category.name)}</a> '
                    f"{_sensitive(c)} {_declared(c.declared)}</li>" for c in special)
    return ['<div class="callout" id="special-categories"><strong>Special categories of personal data (GDPR art. 9) '
            "or criminal-offence data (art. 10) found.</strong> Processing them needs an art. 9(2) condition "
            f"(criminal-offence data, an authority under art. 10) besides a legal basis:<ul>{items}</ul></div>"]


def _category_row(c: DataCategory) -> list[str]:
    purposes = ", ".join(_e(p.name) for p in c.declared_as.purposes) if c.declared_as else ""
    return [
        f'<a href="#{_anchor("cat", c.category.key)}">{_e(c.category.name)}</a><br>{_code(c.category.key)}',
        _sensitive(c),
        _declared(c.declared) + (f'<br><span class="muted">as {_e(c.declared_as.category.name)}, line '
                                 f'{c.declared_as.line}</span>' if c.declared_as else "")
        + (f'<br><span class="muted">{_e(note)}</span>' if (note := undeclared_note(c)) else ""),
        purposes,
        f"{len(c.fields):,}",
        ", ".join(_e(n.name) for n in c.sent_to),
    ]


def _categories(report: Report) -> str:
    out = ['<section id="personal-data">', "<h2>Personal data collected</h2>"]
    if not report.categories:
        out.append('<p class="none">No personal data was found in the scanned code.</p></section>')
        return "\n".join(out)
    out.append('<p class="lede">Grouped by data category. A category is declared when an entry under '
               "<code>collects:</code> in the data map covers it.</p>")
    out.append(_table(("Category", "Sensitive", "Data map", "Declared purposes", "Fields", "Sent to"),
                      (_category_row(c) for c in report.categories), numeric=(4,)))
    for c in report.categories:
        out.append(f'<h3 id="{_anchor("cat", c.category.key)}">{_named(c.category)} {_sensitive(c)} '
                   f"{_declared(c.declared)}</h3>")
        if not c.fields:
            out.append('<p class="muted">No field holds it: it is seen only in data sent to '
                       f"{_e(', '.join(n.name for n in c.sent_to))} (see Third parties).</p>")
            continue
        out.append(_table(
            ("Field", "Kind", "Where", "Confidence", "Why (rule)", "Evidence"),
            ([_code(f.qualified), _e(f.kind) + (f"<br>{_code(f.type)}" if f.type else ""), _place(f.place),
              _e(f.confidence) + (' <span class="muted">(below min-confidence: no finding)</span>'
                                  if f.below_floor else ""),
              f"{_e(f.reason)}<br>{_code(f.rule)}", _code(f.evidence)]
             for f in c.fields),
        ))
    out.append("</section>")
    return "\n".join(out)


def _third_party(t: ThirdParty) -> str:
    out = [f'<h3 id="{_anchor("svc", t.service.key)}">{_e(t.service.name)} {_declared(t.declared)}'
           + (f" {_badge('prohibited purpose', 'bad')}" if t.prohibited else "")
           + (f" {_badge('outside allowed regions', 'warn')}" if t.outside_regions else "") + "</h3>"]
    facts = [
        ("Service", _code(t.service.key)),
        ("Recipient category", _named(t.recipient_category)),
        ("Data use", _named(t.data_use)),
        ("Country", _e(country_name(t.country)) if t.country else '<span class="none">unknown</span>'),
    ]
    if t.declared is not None:
        facts.append(("Declared by", "<br>".join(_e(d) for d in t.declared_by) or _badge("no recipient entry", "bad")))
        facts.append(("May receive", _e(receives_text(t.may_receive, t.declared))))
    if t.prohibited:
        facts.append(("Prohibited use", _code(t.prohibited)))
    out.append(_facts(facts))
    if t.flows:
        out.append("<p><strong>Personal data reaching it</strong></p>")
        out.append(_table(("Data", "Data map", "Where", "Path"), (
            [_named(f.category) + (f" {_sensitive(f)}" if f.sensitive else ""), _flow(f.allowed),
             _place(f.place), _code(" -> ".join(f.path))]
            for f in t.flows)))
    else:
        out.append('<p class="muted">No personal data was traced to it (it may still receive data the code passes '
                   "in ways Datamap cannot follow).</p>")
    out.append(f"<p><strong>Where the code uses it</strong> ({len(t.uses):,})</p>")
    out.append(_table(("Signal", "Where", "Evidence", "Confidence"),
                      ([_e(u.signal), _place(u.place), _code(u.evidence), _e(u.confidence)] for u in t.uses)))
    return "\n".join(out)


def _third_parties(report: Report) -> str:
    out = ['<section id="third-parties">', "<h2>Third parties</h2>"]
    if not report.third_parties:
        out.append('<p class="none">No third-party service was found in the scanned code.</p></section>')
        return "\n".join(out)
    out.append(_table(("Service", "Recipient category", "Country", "Data use", "Data map", "Personal data sent"), (
        [f'<a href="#{_anchor("svc", t.service.key)}">{_e(t.service.name)}</a>', _e(t.recipient_category.name),
         _e(country_name(t.country) if t.country else "unknown"), _e(t.data_use.name), _declared(t.declared),
         ", ".join(_e(n) for n in sorted({f.category.name for f in t.flows}))]
        for t in report.third_parties)))
    out.extend(_third_party(t) for t in report.third_parties)
    out.append("</section>")
    return "\n".join(out)


def _datamap(report: Report) -> str:
    out = ['<section id="data-map">', "<h2>The data map</h2>"]
    dm = report.datamap
    if dm is None:
        out.append('<p class="none">No data map was compared: this report lists what the code holds, not what the '
                   "policy says. Write <code>datamap.yaml</code> (see the README) or pass <code>--datamap</code>."
                   "</p></section>")
        return "\n".join(out)
    out.append(_facts([("File", _code(dm.path))] + ([("Organization", _e(dm.organization))] if dm.organization else [])
                      + ([("Privacy policy", _code(dm.policy))] if dm.policy else [])
                      + [("Prohibited uses", ", ".join(_named(p) for p in dm.prohibited_uses) or "none"),
                         ("Allowed regions", _e(", ".join(dm.allowed_regions)) or "any")]))
    out.append("<h3>Categories declared as collected</h3>")
    out.append(_table(("Category", "Sensitive", "Purposes", "Line", "In the code"), (
        [_named(c.category), _sensitive(c), ", ".join(_named(p) for p in c.purposes), str(c.line),
         _badge("collected", "ok") if c.collected else _badge("stale: not found", "warn")]
        for c in dm.collects), numeric=(3,)))
    out.append("<h3>Recipients declared</h3>")
    out.append(_table(("Recipient", "May receive", "Purposes", "Line", "In the code"), (
        [f"{_e(r.label)} <span class=\"muted\">({_e(r.kind)} <code>{_e(r.key)}</code>)</span>",
         "anything" if r.receives is None else ", ".join(_named(c) for c in r.receives) or "nothing",
         ", ".join(_named(p) for p in r.purposes), str(r.line),
         ("used by " + ", ".join(_e(n.name) for n in r.used_by)) if r.used_by else _badge("stale: not used", "warn")]
        for r in dm.recipients), numeric=(3,)))
    out.append("</section>")
    return "\n".join(out)


_SEVERITY_CLASS = {"error": "bad", "warning": "warn", "info": "none"}


def _findings(report: Report) -> str:
    out = ['<section id="findings">', "<h2>Findings</h2>"]
    if not report.findings:
        out.append('<p class="none">No findings.</p></section>')
        return "\n".join(out)
    for family in report.summary.families:
        findings = [f for f in report.findings if f.family == family.prefix]
        if not findings:
            continue
        out.append(f"<h3>{_e(family.title)} ({len(findings):,})</h3>")
        out.append(_table(("Code", "Severity", "Where", "Finding", "Fix"), (
            [f"{_code(f.code)}<br><span class=\"muted\">{_e(f.name)}</span>",
             _badge(f.severity, _SEVERITY_CLASS[f.severity]), _place(f.place), _e(f.message), _e(f.hint)]
            for f in findings)))
    out.append("</section>")
    return "\n".join(out)


def _notes(title: str, notes: Sequence[Note], empty: str) -> str:
    if not notes:
        return f"<h3>{_e(title)}</h3>\n<p class=\"none\">{_e(empty)}</p>"
    return f"<h3>{_e(title)}</h3>\n" + _table(("File", "Detail"), (
        [_place(f"{n.file}:{n.line}" if n.line else n.file), _e(n.message)] for n in notes))


def _scan_notes(report: Report) -> str:
    return "\n".join([
        '<section id="scan-notes">', "<h2>Scan notes</h2>",
        '<p class="lede">What Datamap could not read is missing from this report: nothing is left out silently.</p>',
        _notes("Not parsed", report.errors, "Every file was parsed."),
        _notes("Skipped", report.skipped, "No file was skipped."),
        _notes("SQL dialects", report.sql_dialects, "No SQL file was read."),
        "</section>",
    ])


def write(report: Report, stream: TextIO) -> None:
    title = f"Data map report: {report.summary.title}"
    stream.write("\n".join([
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_e(_CSP)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        f"<header><h1>{_e(title)}</h1>",
        '<p class="lede">What personal data the code collects, which third parties receive it, and how that compares '
        "with the data map (the privacy policy in machine form). Found by static analysis of the code.</p></header>",
        '<nav><ol><li><a href="#summary">Summary</a></li><li><a href="#personal-data">Personal data</a></li>'
        '<li><a href="#third-parties">Third parties</a></li><li><a href="#data-map">Data map</a></li>'
        '<li><a href="#findings">Findings</a></li><li><a href="#scan-notes">Scan notes</a></li></ol></nav>',
        "<main>",
        _summary(report),
        _categories(report),
        _third_parties(report),
        _datamap(report),
        _findings(report),
        _scan_notes(report),
        "</main>",
        f"<footer><p>{_e(report.tool)} &middot; report format {report.version}</p></footer>",
        "</body>",
        "</html>",
    ]))
    stream.write("\n")
