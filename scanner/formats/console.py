"""The terminal: findings grouped by file, then a summary. rich lives only here."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import TextIO

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from scanner.findings import SEVERITIES
from scanner.result import Result

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _console(stream: TextIO) -> Console:
    # rich honours NO_COLOR and drops styling when the stream is not a terminal; CI logs
    # and pipes get a fixed, readable width instead of rich's 80-column fallback
    console = Console(file=stream, highlight=False, soft_wrap=True)
    if not console.is_terminal:
        console = Console(file=stream, highlight=False, soft_wrap=True, width=120)
    return console


def _inventory(result: Result, console: Console) -> None:
    inv, tax = result.inventory, result.rules.taxonomy
    by_category: dict[str, list[str]] = defaultdict(list)
    for f in inv.fields:
        by_category[f.category].append(escape(f"{f.qualified} ({f.location})"))
    table = Table(title="Personal data collected", title_justify="left")
    for col in ("Category", "Sensitive", "Fields", "Where (first)"):
        table.add_column(col)
    for category in sorted(by_category):
        places = by_category[category]
        table.add_row(f"{tax.categories.name(category)}\n[dim]{category}[/]", "yes" if tax.is_sensitive(category) else "",
                      str(len(places)), "\n".join(places[:3]) + (f"\n… {len(places) - 3} more" if len(places) > 3 else ""))
    console.print(table)
    services = result.rules.catalogue.services
    uses: dict[str, list[str]] = defaultdict(list)
    for s in inv.services:
        uses[s.service].append(str(s.location))
    table = Table(title="Third parties", title_justify="left")
    for col in ("Service", "Recipient category", "Purpose", "Where (first)"):
        table.add_column(col)
    for sid in sorted(uses):
        svc = services[sid]
        table.add_row(svc.name, result.rules.taxonomy.recipients.name(svc.recipient_category), svc.data_use,
                      "\n".join(uses[sid][:2]) + (f"\n… {len(uses[sid]) - 2} more" if len(uses[sid]) > 2 else ""))
    console.print(table)
    if inv.flows:
        table = Table(title="Personal data sent to third parties", title_justify="left")
        for col in ("Data", "To", "Via", "Where"):
            table.add_column(col)
        for flow in inv.flows:
            table.add_row(tax.categories.name(flow.category), services[flow.service].name, escape(" -> ".join(flow.path)),
                          str(flow.location))
        console.print(table)


def write(result: Result, stream: TextIO) -> None:
    console = _console(stream)
    inv = result.inventory
    if result.command == "scan":
        _inventory(result, console)
    by_file: dict[str, list] = defaultdict(list)  # type: ignore[type-arg]
    for f in result.findings:
        by_file[f.location.path].append(f)
    for path, findings in by_file.items():
        console.print(f"\n[bold underline]{escape(path)}[/]")
        for f in findings:
            console.print(
                f"  {escape(str(f.location))}: [{_STYLE[f.severity]}]{f.code}[/] [dim]{f.name}[/] {escape(f.message)}"
            )
            console.print(f"      [dim]fix:[/] {escape(f.hint)}")
    counts = Counter(f.severity for f in result.findings)
    codes = Counter((f.code, f.name) for f in result.findings)
    if result.findings:
        table = Table(title="Summary", title_justify="left")
        table.add_column("Code")
        table.add_column("Name")
        table.add_column("Count", justify="right")
        for (code, name), n in sorted(codes.items()):
            table.add_row(code, name, str(n))
        console.print()
        console.print(table)
    dialects = Counter(inv.sql_dialects.values())
    for label, n in sorted(dialects.items()):
        console.print(f"[dim]SQL read as {escape(label)} in {n} file{'s' if n > 1 else ''}[/]")
    if inv.skipped:
        first, why = min(inv.skipped.items())
        more = f" and {len(inv.skipped) - 1} more" if len(inv.skipped) > 1 else ""
        console.print(f"[dim]Skipped {len(inv.skipped)} bundled or minified script{'s' if len(inv.skipped) > 1 else ''}"
                      f" ({escape(first)}: {escape(why)}{more}; `--format json` lists them)[/]")
    parts = [f"{counts[s]} {s}" for s in reversed(SEVERITIES) if counts[s]]
    tail = f", {result.suppressed} suppressed" if result.suppressed else ""
    errors = f", {len(inv.errors)} parse error(s)" if inv.errors else ""
    against = f" against {escape(result.datamap)}" if result.datamap else ""
    console.print(
        f"\nScanned {inv.files} files ({inv.lines} lines) in {inv.seconds:.2f}s{against}: "
        f"{len(inv.fields)} personal-data fields, {len({s.service for s in inv.services})} third parties, "
        f"{len(inv.flows)} flows; findings: {', '.join(parts) or 'none'}{tail}{errors}."
    )
