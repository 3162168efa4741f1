"""DM301: a service used for a purpose the data map prohibits."""

from __future__ import annotations

from collections.abc import Iterator

from scanner.catalogue import Service
from scanner.checks import CheckContext, register, sites
from scanner.findings import Finding

# recipient categories whose catalogue use a data map cannot restate: an ad network serves advertising
FIXED_USE = frozenset({"advertising", "ad_attribution"})


@register
def prohibited_purpose(ctx: CheckContext) -> Iterator[Finding]:
    if ctx.datamap is None or not ctx.datamap.prohibited:
        return
    # services no call, import, URL, tag or package names: only a setting read does
    evidenced = {u.service for u in ctx.inventory.services if u.signal != "setting"}
    for use in (u for uses in sites(ctx.inventory).values() for u in uses):
        service = ctx.rules.catalogue.services[use.service]
        stated = _stated(ctx, service)
        purposes = set(stated) if stated else {service.data_use}
        for recipient in ctx.datamap.recipients_for(service, ctx.rules.taxonomy):
            purposes.update(recipient.purposes)
        for purpose in sorted(purposes):
            banned = ctx.datamap.prohibits(purpose)
            if banned is None:
                continue
            uses = ctx.rules.taxonomy.uses
            may_state = "" if stated or service.recipient_category in FIXED_USE else (
                f", or, if {service.name} serves another purpose here, state it on its entry "
                f"(`- service: {service.id}` with `purposes: [...]`)")
            weak = use.service not in evidenced
            only = (f"; only a setting ({use.evidence}) names {service.name} in the scanned code, so the purpose is "
                    "presumed, not shown") if weak else ""
            # only a setting's name: it says an integration may be configured, not what it is used for, so this
            # warns instead of failing on a guess; the use itself still needs a recipient (DM201 stays an error)
            yield Finding(
                code="DM301",
                message=f"{service.name} serves {uses.name(purpose)} ({purpose}), which {ctx.datamap.shown} "
                f"prohibits (prohibited_uses: {banned.use}, line {banned.line}){only}",
                hint=("if the setting configures no integration that serves this purpose, state what the service "
                      f"does here on its entry (`- service: {service.id}` with `purposes: [...]`); otherwise "
                      if weak and may_state else "")
                + "remove this integration, or revise the policy and `prohibited_uses:` with your privacy officer"
                + ("" if weak else may_state),
                location=use.location,
                subject=f"service:{service.id} -> {banned.use}",
                confidence=use.confidence,
                level="warning" if weak else None,
            )
            break  # one finding per site: the first prohibited purpose names the conflict


def _stated(ctx: CheckContext, service: Service) -> tuple[str, ...]:
    """The purposes the data map states for this very service, which replace the catalogue's presumed one
    (audit9 #18: X's API sends the owner a notification, not marketing). An advertising or attribution
    network's use is what it is, whatever the map says of it."""
    if ctx.datamap is None or service.recipient_category in FIXED_USE:
        return ()
    return tuple(p for r in ctx.datamap.recipients if r.service == service.id for p in r.purposes)
