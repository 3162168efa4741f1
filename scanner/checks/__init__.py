"""The checker: inventory vs data map -> findings.

Each finding family lives in its own module and registers its check function
here; `run_checks` applies selection, confidence floor and inline
suppressions, and returns findings in a deterministic order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from scanner.config import Config
from scanner.datamap import DataMap
from scanner.findings import Finding
from scanner.inventory import Inventory, ServiceUse
from scanner.ruleset import RuleSet


@dataclass(frozen=True)
class CheckContext:
    inventory: Inventory
    datamap: DataMap | None  # None: `scan` without a data map (only scanner problems are reported)
    rules: RuleSet
    config: Config
    whole_project: bool  # False for an explicit file list: "declared but never seen" cannot be judged


def sites(inventory: Inventory) -> dict[str, list[ServiceUse]]:
    """Each service's first use in each file, files whose code uses it before dependency manifests (and, for a
    service that flows reach but no use names, its first flow in each file).

    A manifest line (`stripe` in requirements.txt) is where a service is installed, not where data goes: when
    code uses the service, findings about it belong there, and the manifest adds none of its own. A service
    only a manifest names (used through a framework setting, say) keeps the manifest line.
    """
    by_service: dict[str, dict[str, ServiceUse]] = {}
    for use in inventory.services:  # sorted by path and line: the first use in each file comes first
        by_service.setdefault(use.service, {}).setdefault(use.location.path, use)
    out: dict[str, list[ServiceUse]] = {}
    for service, per_file in by_service.items():
        code = [u for u in per_file.values() if u.signal != "package"]
        out[service] = code or list(per_file.values())
    # a service that personal data reaches is used, though no use was recorded for it (an unknown host settled by a
    # flow alone, audit17 #13): its first flow in each file stands for the use, so that DM201 asks for it to be
    # declared and DM502 does not call its declaration stale (`init` drafts it from the flows)
    for flow in inventory.flows:  # sorted by path and line
        if flow.service not in by_service:
            per_flow = out.setdefault(flow.service, [])
            if not any(u.location.path == flow.location.path for u in per_flow):
                per_flow.append(ServiceUse(flow.service, "flow", " -> ".join(flow.path), flow.location, "medium"))
    return out


Check = Callable[[CheckContext], Iterable[Finding]]
CHECKS: list[Check] = []


def register(check: Check) -> Check:
    CHECKS.append(check)
    return check


def run_checks(ctx: CheckContext, silenced: list[Finding] | None = None) -> tuple[list[Finding], int]:
    """Findings to report, and how many inline suppressions silenced; `silenced`, when given, receives those
    (selected) findings, which SARIF keeps, marked as suppressed in source."""
    from scanner.checks import (  # noqa: F401  (registration)
        collection,
        parse_errors,
        purposes,
        sharing,
        stale,
        suppressions,
        transfers,
    )

    # the data map's comments too: DM5xx and anything else located in it are silenced on its lines
    own = ctx.datamap.suppressions if ctx.datamap is not None else ()
    suppressor = suppressions.Suppressor((*ctx.inventory.suppressions, *own))
    found: dict[tuple[str, str, int, str], Finding] = {}
    suppressed = 0

    def add(findings: Iterable[Finding]) -> None:
        nonlocal suppressed
        for finding in findings:
            is_silenced = suppressor.silences(finding)  # before selection: `--select DM2` leaves DM1 suppressions used
            if not ctx.config.selected(finding.code):
                continue
            if is_silenced:
                suppressed += 1
                if silenced is not None:
                    silenced.append(finding)
                continue
            found.setdefault((finding.code, finding.location.path, finding.location.line, finding.subject), finding)

    for check in CHECKS:
        add(check(ctx))
    add(suppressor.unused(ctx))  # last: whether a suppression was used is known once every check has run
    return sorted(found.values(), key=Finding.sort_key), suppressed
