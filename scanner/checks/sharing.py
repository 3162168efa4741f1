"""DM201/DM202: third parties and personal-data flows the data map does not cover."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from scanner.checks import CheckContext, register, sites
from scanner.findings import Finding
from scanner.taxonomy import covers
from scanner.tag_flows import PATH as TAG_PATH


@register
def undisclosed_third_party(ctx: CheckContext) -> Iterator[Finding]:
    if ctx.datamap is None:
        return
    # one finding per file that uses the service: each is a place the code shares data from, and a pull
    # request adding one more is news even when the service is known to be undisclosed (a baseline)
    for use in (u for uses in sites(ctx.inventory).values() for u in uses):
        service = ctx.rules.catalogue.services[use.service]
        if ctx.datamap.recipients_for(service, ctx.rules.taxonomy):
            continue
        category = ctx.rules.taxonomy.recipients.name(service.recipient_category)
        yield Finding(
            code="DM201",
            message=f"{service.name} ({category}) is used here ({use.signal}: {shown_evidence(use.signal, use.evidence)}) "
            f"but {ctx.datamap.shown} declares no such recipient",
            hint=f"add `- service: {service.id}` or " + " or ".join(f"`- category: {c}`" for c in service.disclosed_by)
            + " under `recipients:` (with `receives:` the categories it may get), or remove the integration",
            location=use.location,
            subject=f"service:{service.id}",
            confidence=use.confidence,
        )


@register
def undisclosed_flow(ctx: CheckContext) -> Iterator[Finding]:
    if ctx.datamap is None:
        return
    taxonomy = ctx.rules.taxonomy
    for flow in ctx.inventory.flows:
        service = ctx.rules.catalogue.services[flow.service]
        recipients = ctx.datamap.governing(service, ctx.rules.taxonomy)
        if not recipients:
            continue  # DM201 already says the recipient is undisclosed
        if any(r.receives is None or any(covers(c, flow.category) for c in r.receives) for r in recipients):
            continue
        allowed = sorted({c for r in recipients for c in r.receives or ()})
        declared = f"only: {', '.join(allowed)}" if allowed else "nothing (`receives: []`)"
        entries = " or ".join(f"{r.label} (line {r.line})" for r in recipients)
        yield Finding(
            code="DM202",
            message=f"{taxonomy.categories.name(flow.category)} ({flow.category}) is sent to {service.name} "
            f"via {' -> '.join(flow.path)}, but {ctx.datamap.shown} lets it receive {declared}",
            hint=_flow_hint(service.disclosed_by, flow.category, service.name, entries, flow.path == (TAG_PATH,)),
            location=flow.location,
            subject=f"{flow.category} -> service:{service.id}",
        )


_URL_HOST: Final = re.compile(r"\b(?:https?|wss?)://([\w.-]+\.[a-z]{2,})", re.IGNORECASE)
_SHOWN_CHARS: Final = 80


def shown_evidence(signal: str, evidence: str) -> str:
    """A use's evidence as a message's one line: a URL's host for a `domain` signal (the call, payload and all,
    belongs to the location and its snippet, not the sentence), else the code on one line, cut short (audit17 #14)."""
    if signal == "domain" and (hosts := list(dict.fromkeys(_URL_HOST.findall(evidence)))):
        return ", ".join(hosts)
    flat = " ".join(evidence.split())
    return flat if len(flat) <= _SHOWN_CHARS else flat[: _SHOWN_CHARS - 3].rstrip() + "..."


# what a channel delivers to: a message cannot reach a person without it, so "send an identifier instead" is no fix
_ADDRESS: Final = {
    "email_delivery": "user.contact.email",
    "marketing_automation": "user.contact.email",
    "sms_voice": "user.contact.phone_number",
    "push_notifications": "user.device.device_id",
}


def _flow_hint(kinds: tuple[str, ...], category: str, service: str, entries: str, tag: bool = False) -> str:
    """The fix a DM202 calls for: an analytics or error-tracking tool can take a pseudonymous id instead, but a
    channel needs the address it delivers to, and what else reaches it is what the message says; what a page tag
    sends (`tag`, scanner.tag_flows) no code passes, so only the tag itself can go."""
    if tag:
        return (f"the page tag sends it with every page view: add {category} to `receives:` of {entries}, "
                "or serve the resource from your own host")
    address = [_ADDRESS[k] for k in kinds if k in _ADDRESS]
    if any(covers(a, category) for a in address):
        return (f"{service} needs it to deliver the message: add {category} to `receives:` of {entries}, "
                "as the privacy policy must say it gets it")
    if address:
        return f"leave it out of the message, or add {category} to `receives:` of {entries}"
    return f"send a non-personal identifier instead, or add {category} to `receives:` of {entries}"
