"""DM901: files or statements that could not be parsed, so were not scanned."""

from __future__ import annotations

from collections.abc import Iterator

from scanner.checks import CheckContext, register
from scanner.findings import RULES, Finding


@register
def parse_errors(ctx: CheckContext) -> Iterator[Finding]:
    for error in ctx.inventory.errors:
        yield Finding(
            code="DM901",
            message=f"not scanned: {error.message}",
            hint=RULES["DM901"].fix,
            location=error.location,
            subject=f"error:{error.message}",
        )
