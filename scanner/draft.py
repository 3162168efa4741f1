"""`datamap init`: a first data map drafted from the inventory, for a privacy officer to review.

Every category found is declared with a default purpose and a comment naming where it was found; every
service used is a recipient that `receives:` what the flows show; `prohibited_uses:` is left empty for the
policy to fill in. So `datamap check` passes on the code it was drafted from (unless a file could not be
parsed: the draft names those, as check fails on them), and from then on reports what changes. Names from the scanned code reach the file only inside comments, flattened to one line, so a field
name cannot add YAML of its own.
"""

from __future__ import annotations

import re
from collections import defaultdict

from scanner.checks import sites
from scanner.classify import at_least
from scanner.inventory import Field, Flow, Inventory
from scanner.ruleset import RuleSet
from scanner.taxonomy import covers

# the purpose a draft gives a category, by its key or an ancestor (the longest wins); else providing the service
DEFAULT_PURPOSES = {
    "user.authorization": "essential.service.authentication",
    "user.device.ip_address": "essential.service.security",
    "user.behavior": "analytics.reporting",
    "user.financial": "essential.service.payment_processing",
    "user.payment": "essential.service.payment_processing",
}
FALLBACK_PURPOSE = "essential.service"
_PLACES = 3  # places named in a comment; the rest are counted
# what YAML (PyYAML included) reads as a line break, and other control characters: never inside a comment
_BREAKS = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]+")


def default_purpose(category: str) -> str:
    best = max((k for k in DEFAULT_PURPOSES if covers(k, category)), key=len, default="")
    return DEFAULT_PURPOSES[best] if best else FALLBACK_PURPOSE


def _flat(text: str) -> str:
    return _BREAKS.sub(" ", text).strip()


def _places(places: list[str]) -> str:
    shown = ", ".join(places[:_PLACES])
    return shown + (f" and {len(places) - _PLACES} more" if len(places) > _PLACES else "")


def _n(count: int, one: str, many: str = "") -> str:
    return f"{count:,} {one if count == 1 else many or one + 's'}"


def _comment(text: str, indent: str = "  ") -> str:
    return f"{indent}# {_flat(text)}"


def draft_datamap(inventory: Inventory, rules: RuleSet, min_confidence: str, scanned: str) -> str:
    """The draft's YAML text: deterministic, loadable by `datamap check`."""
    tax, services = rules.taxonomy, rules.catalogue.services
    fields: dict[str, list[Field]] = defaultdict(list)
    weak: dict[str, list[Field]] = defaultdict(list)
    for f in inventory.fields:
        (fields if at_least(f.confidence, min_confidence) else weak)[f.category].append(f)
    flows: dict[str, list[Flow]] = defaultdict(list)  # by category
    received: dict[str, set[str]] = defaultdict(set)  # by service
    for flow in inventory.flows:
        flows[flow.category].append(flow)
        received[flow.service].add(flow.category)
    uses = sites(inventory)  # where `check` reports each service: code before manifests, one place per file

    n_services = len(set(uses) | set(received))
    out = [
        f"# Data map drafted by `datamap init` from {_flat(scanned)}: {_n(inventory.files, 'file')}, "
        f"{_n(len(inventory.fields), 'personal-data field')}, {_n(n_services, 'third party', 'third parties')}.",
        "# A draft, not a policy: check each purpose and each recipient's `receives:` against your privacy policy",
        "# (README, 'The data map'), fill in prohibited_uses, then run `datamap check`. `datamap rules categories`",
        "# and `datamap rules uses` list every category and purpose with its name.",
    ]
    if inventory.errors:
        # audit12 #12: what a file not parsed holds is missing here, and check fails on it (DM901) until it is
        # fixed or excluded: said up front, so that the first check's failure is no surprise
        unread = [str(e.location) for e in inventory.errors]
        it, they = ("it", "it is") if len(unread) == 1 else ("them", "they are")
        out.append(_comment(f"Not parsed (DM901): {_places(unread)}. What {'it holds' if it == 'it' else 'they hold'} "
                            f"is not in this draft, and `datamap check` fails on {it} until {they} fixed or excluded.",
                            indent=""))
    out += [
        "version: 1",
        "# organization: Your Company Ltd.",
        "# policy: PRIVACY.md",
        "",
        "collects:",
    ]
    # the taxonomy's root (`user`) covers every category: declared, it would switch DM101/DM102 off for good
    # (audit15 #01), so what was read only as "personal data" is named for the officer to classify instead
    roots = sorted(k for k in set(fields) | set(flows) | set(weak) if "." not in k)
    for key in sorted(set(fields) | set(flows)):
        if key in roots:
            continue
        where = [f"{f.qualified} ({f.location})" for f in fields.get(key, ())]
        # the article only where it applies (audit12 #11): a password is high-risk, but no art. 9 data
        kind = tax.sensitivity(key)
        advice = ("confirm the legal basis and an art. 9(2) condition" if tax.is_special(key) else
                  "confirm the legal basis and what authorises it" if tax.is_criminal(key) else
                  "confirm why it is needed and how it is protected")
        sensitive = f" ({kind}: {advice})" if kind else ""
        if where:
            out.append(_comment(f"{tax.categories.name(key)}{sensitive}: {_places(where)}"))
        else:
            sent = sorted({f"{services[f.service].name} ({f.location})" for f in flows[key]})
            out.append(_comment(f"{tax.categories.name(key)}{sensitive}: held by no field; sent to {_places(sent)}"))
        out += [f"  - category: {key}", f"    purposes: [{default_purpose(key)}]"]
    if not (set(fields) | set(flows)) - set(roots):
        out[-1] = "collects: []  # no personal data was found in the scanned code"
    for key in roots:
        held = [f"{f.qualified} ({f.location})" for f in [*fields.get(key, ()), *weak.get(key, ())]]
        held += sorted({f"sent to {services[f.service].name} ({f.location})" for f in flows.get(key, ())})
        out.append(_comment(f"Personal data of no finer category ({key}), not declared: a `- category: {key}` entry "
                            f"would cover every category. Declare what each holds (`datamap rules categories`), or "
                            f"give it a project rule: {_places(held)}"))
    low = sorted(k for k in weak if k not in fields and k not in flows and k not in roots)
    if low:
        out.append("  # Seen at low confidence only, so no finding is raised for them; declare those that are personal data:")
        out += [_comment(f"{tax.categories.name(k)} ({k}): {_places([f'{f.qualified} ({f.location})' for f in weak[k]])}")
                for k in low]

    out += ["", "recipients:"]
    for sid in sorted(set(uses) | set(received), key=lambda s: (services[s].name.casefold(), s)):
        s = services[sid]
        about = ", ".join(x for x in (tax.recipients.name(s.recipient_category), s.country) if x)
        places = [str(u.location) for u in uses.get(sid, [])]
        out.append(_comment(f"{s.name} ({about}; {tax.uses.name(s.data_use)}): {_places(places) or 'reached by flows only'}"))
        out.append(f"  - service: {sid}")
        got = sorted(received.get(sid, ()))
        if got:
            out.append(f"    receives: [{', '.join(got)}]")
        else:
            out.append("    receives: []   # no personal data was traced to it: list what it receives")
    if not uses and not received:
        out[-1] = "recipients: []  # no third-party service was found in the scanned code"

    countries = sorted({services[s].country for s in set(uses) | set(received) if services[s].country})
    out += [
        "",
        "# The uses your policy rules out, e.g. [advertising, sale, profiling]: `datamap check` then flags a service",
        "# that serves one (DM301).",
        "prohibited_uses: []",
    ]
    if countries:
        out.append(f"# allowed_regions: [{', '.join(countries)}]   # the countries of the services above; uncomment to "
                   "flag transfers elsewhere (DM203)")
    return "\n".join(out) + "\n"
