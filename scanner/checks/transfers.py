"""DM203: a third party outside the regions the data map allows personal data to go to.

Region semantics: a country code (ISO 3166-1 alpha-2) covers itself; `EU` covers
the EU and EEA member states and the catalogue's `EU` (an EU-wide provider).
A service whose catalogue entry has no country (the unresolved recipients, a few
multi-region vendors) cannot be judged and raises nothing.
"""

from __future__ import annotations

from collections.abc import Iterator

from scanner.checks import CheckContext, register, sites
from scanner.countries import country_name
from scanner.findings import Finding
from scanner.inventory import ServiceUse

# EU member states and the EEA (Iceland, Liechtenstein, Norway); Greece as both GR and EL.
EU = frozenset(
    "AT BE BG HR CY CZ DK EE FI FR DE GR EL HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE IS LI NO EU".split()
)


def region_covers(region: str, country: str) -> bool:
    region, country = region.upper(), country.upper()
    return region == country or (region == "EU" and country in EU)


# a setting's name says an integration may be configured; a call, a URL or a page tag is the transfer itself
_CONFIG_ONLY = frozenset({"setting", "setting_value", "package"})
_RANK = {"high": 0, "medium": 1, "low": 2}


def _weakness(use: ServiceUse) -> tuple[bool, int]:
    """Where a service's one DM203 sits: at its strongest use (audit16 #10: at the gtag `<script>` that makes the
    transfer, not at a settings read that happens to come first), else at its first."""
    return use.signal in _CONFIG_ONLY, _RANK[use.confidence]


@register
def cross_border_transfer(ctx: CheckContext) -> Iterator[Finding]:
    if ctx.datamap is None or not ctx.datamap.allowed_regions:
        return
    allowed = ctx.datamap.allowed_regions
    # one finding per service (audit9 #17): where a service is based is a fact of the service, and one edit of
    # the data map answers it wherever the code uses it; the finding sits at its first use in code
    every: dict[str, list[ServiceUse]] = {}
    for any_use in ctx.inventory.services:  # sorted by path and line
        if any_use.signal != "package":
            every.setdefault(any_use.service, []).append(any_use)
    for service_id, uses in sites(ctx.inventory).items():
        service = ctx.rules.catalogue.services[service_id]
        if not service.country or any(region_covers(r, service.country) for r in allowed):
            continue
        # the strongest of all its uses, not only of each file's first (audit18 #15: a key read on line 3 hid the
        # API URL on line 4); `min` keeps the first of equals
        use, others = min(every.get(service_id) or uses, key=_weakness), len(uses) - 1
        also = f"; also used in {others} other file{'s' if others > 1 else ''}" if others else ""
        yield Finding(
            code="DM203",
            message=f"{service.name} is based in {country_name(service.country, sentence=True)}, outside the regions "
            f"{ctx.datamap.shown} allows (allowed_regions: {', '.join(allowed)}); used here ({use.signal}: {use.evidence}){also}",
            hint=f"add {service.country} to `allowed_regions:` once the transfer has a legal basis "
            "(adequacy decision, SCCs), or use a provider hosted in an allowed region",
            location=use.location,
            subject=f"service:{service.id} -> {service.country}",
            confidence=use.confidence,
        )
