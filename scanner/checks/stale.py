"""DM501/DM502: declarations the code no longer backs (info level)."""

from __future__ import annotations

from collections.abc import Iterator

from scanner.checks import CheckContext, register, sites
from scanner.findings import Finding
from scanner.inventory import Field, Location
from scanner.taxonomy import covers, normalise


@register
def stale_declarations(ctx: CheckContext) -> Iterator[Finding]:
    if ctx.datamap is None or not ctx.whole_project:
        return
    dm = ctx.datamap
    seen = ctx.inventory.categories()
    unread = _unread(ctx)
    for c in dm.collects:
        # seen when something collected falls under the declaration, or is its broader parent
        if any(covers(c.category, s) or covers(s, c.category) for s in seen):
            continue
        name = ctx.rules.taxonomy.categories.name(c.category)
        hint = "remove it from `collects:` if no longer collected (code outside the scan may still collect it)"
        namesake = _namesake(ctx, c.category)
        if namesake is not None:
            # "remove it" would delete a true statement: the data is collected, under another category
            hint = (f"`{namesake.qualified}` ({namesake.location}) is named for it but classified {namesake.category}: "
                    f"declare `- category: {namesake.category}` (or correct the classification with a project rule); "
                    "remove this line only if nothing else collects it")
        if unread:
            # the unread file may be what collects it: "remove it" would delete a true statement (audit-ci F04),
            # and the DM901 behind it is filtered out by the datamap-project hook's --select DM5
            hint = f"{unread}; fix that first, then remove it from `collects:` if still reported"
        yield Finding(
            code="DM501",
            message=f"{name} ({c.category}) is declared as collected, but no scanned code collects it",
            hint=hint,
            location=Location(dm.path, c.line),
            subject=f"collects:{c.category}",
        )
    # seen when it covers a used service (or one personal data flows to), by the same rule that makes DM201 quiet
    catalogue = ctx.rules.catalogue.services
    used = {id(r) for sid in sites(ctx.inventory)
            for r in dm.recipients_for(catalogue[sid], ctx.rules.taxonomy)}
    for r in dm.recipients:
        if id(r) in used:
            continue
        yield Finding(
            code="DM502",
            message=f"{_recipient_name(ctx, r.service, r.category)} ({r.label}) is declared as a recipient, but no "
            "scanned code uses it",
            hint=f"{unread}; fix that first, then remove it from `recipients:` if still reported" if unread
            else "remove it from `recipients:` if the integration is gone (code outside the scan may still use it)",
            location=Location(dm.path, r.line),
            subject=f"recipient:{r.service or r.category}",
        )


def _recipient_name(ctx: CheckContext, service: str | None, category: str | None) -> str:
    """The name the policy uses for a recipient entry: `Twilio`, `Email delivery services`."""
    if service:
        return ctx.rules.catalogue.services[service].name
    return ctx.rules.taxonomy.recipients.name(category or "")


def _namesake(ctx: CheckContext, category: str) -> Field | None:
    """The first collected field named as the category is (its key's last part or an alias: `heart_rate`)."""
    term = ctx.rules.taxonomy.categories.terms.get(category)
    if term is None:
        return None
    names = {normalise(a) for a in term.aliases} | {normalise(category.rsplit(".", 1)[-1])}
    return next((f for f in ctx.inventory.fields if normalise(f.name) in names and not covers(category, f.category)),
                None)


def _unread(ctx: CheckContext) -> str:
    """Which code could not be parsed (DM901), said in a stale finding's hint; "" when everything was read."""
    errors = ctx.inventory.errors
    if not errors:
        return ""
    first = errors[0].location
    more = f" and {len(errors) - 1} more" if len(errors) > 1 else ""
    return f"code that could not be parsed may back it ({first}{more}, DM901)"
