"""DM203: a third party outside the regions the data map allows personal data to go to.

Region semantics: a country code (ISO 3166-1 alpha-2) covers itself; `EU` covers
the EU and EEA member states and the catalogue's `EU` (an EU-wide provider).
A service whose catalogue entry has no country (the unresolved recipients, a few
multi-region vendors) cannot be judged and raises nothing.
"""

from __future__ import annotations

from collections.abc import Iterator

from scanner.checks import CheckContext, register
from scanner.findings import Finding

# EU member states and the EEA (Iceland, Liechtenstein, Norway); Greece as both GR and EL.
EU = frozenset(
    "AT BE BG HR CY CZ DK EE FI FR DE GR EL HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE IS LI NO EU".split()
)


def region_covers(region: str, country: str) -> bool:
    region, country = region.upper(), country.upper()
    return region == country or (region == "EU" and country in EU)


@register
def cross_border_transfer(ctx: CheckContext) -> Iterator[Finding]:
    if ctx.datamap is None or not ctx.datamap.allowed_regions:
        return
    allowed = ctx.datamap.allowed_regions
    reported: set[tuple[str, str]] = set()
    for use in ctx.inventory.services:  # sorted: the first use in each file carries the finding
        service = ctx.rules.catalogue.services[use.service]
        if not service.country or any(region_covers(r, service.country) for r in allowed):
            continue
        if (use.service, use.location.path) in reported:
            continue
        reported.add((use.service, use.location.path))
        yield Finding(
            code="DM203",
            message=f"{service.name} is based in {service.country}, outside the regions {ctx.datamap.path} "
            f"allows (allowed_regions: {', '.join(allowed)}); used here ({use.signal}: {use.evidence})",
            hint=f"add {service.country} to `allowed_regions:` once the transfer has a legal basis "
            "(adequacy decision, SCCs), or use a provider hosted in an allowed region",
            location=use.location,
            subject=f"service:{service.id} -> {service.country}",
            confidence=use.confidence,
        )
