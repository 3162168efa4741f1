"""The terminal: findings grouped by file, then a summary. rich lives only here."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import TextIO

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from scanner.findings import SEVERITIES
from scanner.result import Result

_NARROWEST = 10  # columns a wrapping cell keeps
_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


class _Console(Console):
    def on_broken_pipe(self) -> None:
        # rich exits 1 when the reader goes away (`datamap scan | head`), and 1 means findings:
        # hand the pipe error to the CLI, which ends the run quietly
        raise BrokenPipeError


def _console(stream: TextIO) -> Console:
    # rich honours NO_COLOR and drops styling when the stream is not a terminal; CI logs
    # and pipes get a fixed, readable width instead of rich's 80-column fallback
    # no emoji codes: `models.py:100: DM101` must not print as `models.py💯 DM101`
    console: Console = _Console(file=stream, highlight=False, soft_wrap=True, emoji=False)
    if not console.is_terminal:
        console = _Console(file=stream, highlight=False, soft_wrap=True, emoji=False, width=120)
    return console


def _print_table(console: Console, title: str, columns: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    """A table whose last column lists places: those stay whole, the other columns wrap to make room.

    A cut place (`faaturacloud/integrations/a…`) is no place to go to.
    """
    table = Table(title=title, title_justify="left")
    for col in columns[:-1]:
        table.add_column(col, overflow="fold")
    widest = max((len(line) for row in rows for line in row[-1].splitlines()), default=0)
    # ...but not to the point of squeezing the others out on a narrow terminal: then places wrap too
    room = console.width - (_NARROWEST + 3) * (len(columns) - 1) - 4
    table.add_column(columns[-1], overflow="fold", min_width=max(min(widest, room), _NARROWEST))
    for row in rows:
        table.add_row(*row)
    console.print(table)


def _first(places: list[str], n: int) -> str:
    return "\n".join(places[:n]) + (f"\n… {len(places) - n} more" if len(places) > n else "")


def _inventory(result: Result, console: Console) -> None:
    inv, tax = result.inventory, result.rules.taxonomy
    by_category: dict[str, list[str]] = defaultdict(list)
    for f in inv.fields:
        by_category[f.category].append(escape(f"{f.qualified} ({result.at(f.location)})"))
    _print_table(console, "Personal data collected", ("Category", "Sensitive", "Fields", "Where (first)"), [
        (f"{tax.categories.name(category)}\n[dim]{category}[/]", "yes" if tax.is_sensitive(category) else "",
         str(len(places)), _first(places, 3))
        for category, places in sorted(by_category.items())])
    services = result.rules.catalogue.services
    uses: dict[str, list[str]] = defaultdict(list)
    # code first: where a service is used says more than the manifest line that installs it (audit9 #17)
    for s in sorted(inv.services, key=lambda s: s.signal == "package"):
        uses[s.service].append(escape(result.at(s.location)))
    _print_table(console, "Third parties", ("Service", "Recipient category", "Purpose", "Where (first)"), [
        # the purpose in words, as every other column (audit12 #21: it showed the raw key, third_party_sharing)
        (services[sid].name, tax.recipients.name(services[sid].recipient_category),
         tax.uses.name(services[sid].data_use), _first(places, 2))
        for sid, places in sorted(uses.items())])
    if inv.flows:
        _print_table(console, "Personal data sent to third parties", ("Data", "To", "Via", "Where"), [
            (tax.categories.name(flow.category), services[flow.service].name, escape(" -> ".join(flow.path)),
             escape(result.at(flow.location)))
            for flow in inv.flows])


def write(result: Result, stream: TextIO) -> None:
    console = _console(stream)
    inv = result.inventory
    if result.command == "scan":
        _inventory(result, console)
    by_file: dict[str, list] = defaultdict(list)  # type: ignore[type-arg]
    for f in result.findings:
        by_file[f.location.path].append(f)
    for path, findings in by_file.items():
        console.print(f"\n[bold underline]{escape(result.shown(path))}[/]")
        for f in findings:
            console.print(
                f"  {escape(result.at(f.location))}: [{_STYLE[f.severity]}]{f.code}[/] [dim]{f.name}[/] {escape(f.message)}"
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
        # bundled scripts, template-only or query-only SQL: each is counted and named, never dropped silently
        console.print(f"[dim]Skipped {_n(len(inv.skipped), 'file')} not read"
                      f" ({escape(result.shown(first))}: {escape(why)}{more}; `--format json` lists them)[/]")
    parts = [f"{counts[s]} {s}" for s in reversed(SEVERITIES) if counts[s]]
    tail = f", {result.suppressed} suppressed" if result.suppressed else ""
    if result.baseline:
        tail += f", {result.known} known in {escape(result.shown(result.baseline))}"
        if result.gone:
            tail += f" ({_n(result.gone, 'baseline entry', 'baseline entries')} no longer found: `datamap baseline` refreshes it)"
    # the parse errors are DM901 findings already: said apart, not added to the count a second time
    errors = f"; {_n(len(inv.errors), 'file or statement', 'files or statements')} not parsed (DM901)" if inv.errors else ""
    against = f" against {escape(result.shown(result.datamap))}" if result.datamap else ""
    console.print(
        f"\nScanned {_n(inv.files, 'file')} ({_n(inv.lines, 'line')}) in {inv.seconds:.2f}s{against}: "
        f"{_n(len(inv.fields), 'personal-data field')}, {_n(len({s.service for s in inv.services}), 'third party', 'third parties')}, "
        f"{_n(len(inv.flows), 'flow')}; findings: {', '.join(parts) or 'none'}{tail}{errors}."
    )


def _n(count: int, one: str, many: str = "") -> str:
    """`1 file`, `2 files`."""
    return f"{count} {one if count == 1 else many or one + 's'}"
