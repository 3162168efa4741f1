"""DM301: a service used for a purpose the data map prohibits."""

from __future__ import annotations

from collections.abc import Iterator

from scanner.checks import CheckContext, register
from scanner.findings import Finding


@register
def prohibited_purpose(ctx: CheckContext) -> Iterator[Finding]:
    if ctx.datamap is None or not ctx.datamap.prohibited:
        return
    reported: set[tuple[str, str]] = set()
    for use in ctx.inventory.services:
        service = ctx.rules.catalogue.services[use.service]
        purposes = {service.data_use}
        for recipient in ctx.datamap.recipients_for(service, ctx.rules.taxonomy):
            purposes.update(recipient.purposes)
        for purpose in sorted(purposes):
            banned = ctx.datamap.prohibits(purpose)
            if banned is None or (use.service, use.location.path) in reported:
                continue
            reported.add((use.service, use.location.path))
            uses = ctx.rules.taxonomy.uses
            yield Finding(
                code="DM301",
                message=f"{service.name} serves {uses.name(purpose)} ({purpose}), which {ctx.datamap.path} "
                f"prohibits (prohibited_uses: {banned.use}, line {banned.line})",
                hint="remove this integration, or revise the policy and `prohibited_uses:` with your privacy officer",
                location=use.location,
                subject=f"service:{service.id} -> {banned.use}",
                confidence=use.confidence,
            )
