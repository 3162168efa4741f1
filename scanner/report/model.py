"""The report model: inventory + data map + findings, grouped and named as the privacy policy names them.

Every judgement a format shows (declared or not, what a recipient may receive, stale declarations, the
verdict) is made here, by the same rules the checks apply, and every key is paired with its display name
from the taxonomy or the catalogue. The value holds no timings or dates and a fixed order, so two reports of
the same code are byte-identical. Formats only lay it out.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from scanner import __version__
from scanner.datamap import Collected, DataMap, Recipient
from scanner.findings import SEVERITY_RANK, Finding
from scanner.classify import at_least
from scanner.inventory import Field, Flow, ServiceUse
from scanner.result import Result
from scanner.ruleset import RuleSet
from scanner.taxonomy import covers

SCHEMA_VERSION = 1  # of the report's JSON (`--format json`)

# finding families, by code prefix, as a privacy officer asks about them
FAMILIES: tuple[tuple[str, str], ...] = (
    ("DM1", "Collection the data map does not declare"),
    ("DM2", "Sharing the data map does not declare (third parties, data flows, transfers)"),
    ("DM3", "Purposes the data map prohibits"),
    ("DM5", "Stale declarations (declared, not found in the code)"),
    ("DM9", "Scanner problems (files not read, invalid suppressions)"),
)


@dataclass(frozen=True)
class Named:
    """A taxonomy or catalogue key with the name the policy uses for it."""

    key: str
    name: str


@dataclass(frozen=True)
class Place:
    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class FieldItem:
    qualified: str  # Container.field, or the field alone
    container: str
    name: str
    kind: str  # django_model, sql_table, request_input, ...
    type: str
    place: Place
    confidence: str
    rule: str  # the classification rule that matched
    reason: str  # why it matched
    evidence: str  # the declaring source text (untrusted)
    below_floor: bool  # weaker than min-confidence: listed, but raises no finding


@dataclass(frozen=True)
class Declaration:
    """The data map's `collects:` entry that covers a category."""

    category: Named
    purposes: tuple[Named, ...]
    line: int


@dataclass(frozen=True)
class DataCategory:
    category: Named
    sensitive: bool  # any sensitive data (DM102): the special and criminal-offence categories and high-risk data
    special_category: bool  # a special category of GDPR art. 9 (health, biometric, beliefs, ...)
    criminal_offence: bool  # data on criminal convictions and offences (GDPR art. 10)
    sensitivity: str  # in words, citing an article only where it applies; "" when not sensitive
    declared: bool | None  # None: no data map was compared
    declared_as: Declaration | None
    fields: tuple[FieldItem, ...]  # empty when the category is only seen in data sent to a third party
    sent_to: tuple[Named, ...]  # services this category reaches (flows)


@dataclass(frozen=True)
class FlowItem:
    category: Named
    sensitive: bool
    special_category: bool
    criminal_offence: bool
    sensitivity: str
    place: Place
    path: tuple[str, ...]  # names from the datum to the call
    evidence: str
    allowed: bool | None  # the data map lets this recipient receive this category; None: no data map


@dataclass(frozen=True)
class UseItem:
    signal: str  # import, call, domain, setting, package, ...
    place: Place
    evidence: str
    confidence: str


@dataclass(frozen=True)
class ThirdParty:
    service: Named
    recipient_category: Named
    data_use: Named
    country: str  # ISO code, "" when unknown (unresolved recipients)
    declared: bool | None  # a recipient entry covers it; None: no data map
    declared_by: tuple[str, ...]  # those entries: `service stripe (line 30)`
    may_receive: tuple[Named, ...] | None  # what the governing entries allow; None: anything, or no data map
    prohibited: str  # the prohibited use its purpose falls under (DM301), "" when none
    outside_regions: bool  # based outside the data map's allowed_regions (DM203)
    uses: tuple[UseItem, ...]
    flows: tuple[FlowItem, ...]


@dataclass(frozen=True)
class CollectEntry:
    category: Named
    sensitive: bool
    special_category: bool
    criminal_offence: bool
    sensitivity: str
    purposes: tuple[Named, ...]
    line: int
    collected: bool  # False: stale (DM501)


@dataclass(frozen=True)
class RecipientEntry:
    label: str  # `Stripe` or `Email delivery services`
    kind: str  # service | category
    key: str
    receives: tuple[Named, ...] | None  # None: the map does not limit it
    purposes: tuple[Named, ...]
    line: int
    used_by: tuple[Named, ...]  # empty: stale (DM502)


@dataclass(frozen=True)
class DataMapView:
    path: str
    organization: str
    policy: str  # as the data map gives it: a file beside it, or a URL
    collects: tuple[CollectEntry, ...]
    recipients: tuple[RecipientEntry, ...]
    prohibited_uses: tuple[Named, ...]
    allowed_regions: tuple[str, ...]


@dataclass(frozen=True)
class FindingItem:
    code: str
    name: str
    severity: str
    family: str  # DM1, DM2, ...
    message: str
    hint: str
    place: Place


@dataclass(frozen=True)
class Family:
    prefix: str
    title: str
    count: int


@dataclass(frozen=True)
class Note:
    """A file Datamap could not read, or read in a way worth knowing."""

    file: str
    line: int  # 0 when the note is about the whole file
    message: str


@dataclass(frozen=True)
class Summary:
    title: str
    scanned: str  # the scanned path as given
    datamap: str | None
    files: int
    lines: int
    fields: int
    categories: int
    sensitive_categories: int
    special_categories: int  # of which GDPR art. 9 special categories
    criminal_offence_categories: int  # of which GDPR art. 10 criminal-offence data
    undeclared_categories: int
    third_parties: int
    undeclared_third_parties: int
    flows: int
    disallowed_flows: int
    findings: int
    suppressed: int
    errors: int
    skipped: int
    fail_on: str
    # findings at or above fail_on, DM9xx scanner problems included: the ones that make `datamap check` fail
    mismatches: int
    # of those, the scanner's own problems (DM9xx: a file not parsed, a suppression naming no rule), which a
    # privacy officer must not read as the policy's gaps
    scanner_problems: int
    matches: bool | None  # no such finding; None: no data map was compared
    families: tuple[Family, ...]


@dataclass(frozen=True)
class Report:
    version: int
    tool: str
    summary: Summary
    categories: tuple[DataCategory, ...]
    third_parties: tuple[ThirdParty, ...]
    datamap: DataMapView | None
    findings: tuple[FindingItem, ...]
    errors: tuple[Note, ...]  # files or statements not parsed (also DM901 findings)
    skipped: tuple[Note, ...]  # files not read (bundled scripts, template-only SQL)
    sql_dialects: tuple[Note, ...]  # how each SQL file was read


def build_report(result: Result, datamap: DataMap | None, fail_on: str, min_confidence: str) -> Report:
    return _Builder(result, datamap, fail_on, min_confidence).report()


class _Builder:
    def __init__(self, result: Result, datamap: DataMap | None, fail_on: str, min_confidence: str) -> None:
        self.result = result
        self.rules: RuleSet = result.rules
        self.dm = datamap
        self.fail_on = fail_on
        self.min_confidence = min_confidence

    # -- names ------------------------------------------------------------------------------------------
    def category(self, key: str) -> Named:
        return Named(key, self.rules.taxonomy.categories.name(key))

    def use(self, key: str) -> Named:
        return Named(key, self.rules.taxonomy.uses.name(key))

    def service(self, sid: str) -> Named:
        return Named(sid, self.rules.catalogue.services[sid].name)

    def sensitivity(self, key: str) -> tuple[bool, bool, bool, str]:
        """The `sensitive`, `special_category`, `criminal_offence` and `sensitivity` of a category."""
        tax = self.rules.taxonomy
        return tax.is_sensitive(key), tax.is_special(key), tax.is_criminal(key), tax.sensitivity(key)

    # -- judgements, by the checks' rules (checks/collection.py, sharing.py, purposes.py, stale.py) -----
    def declaration(self, key: str) -> Declaration | None:
        if self.dm is None:
            return None
        covering = [c for c in self.dm.collects if covers(c.category, key)]
        if not covering:
            return None
        best: Collected = max(covering, key=lambda c: (len(c.category), -c.line))  # the most specific entry
        return Declaration(self.category(best.category), tuple(self.use(p) for p in best.purposes), best.line)

    def governing(self, sid: str) -> list[Recipient]:
        assert self.dm is not None
        return self.dm.governing(self.rules.catalogue.services[sid], self.rules.taxonomy)

    def flow_allowed(self, flow: Flow) -> bool | None:
        if self.dm is None:
            return None
        recipients = self.governing(flow.service)
        return any(r.receives is None or any(covers(c, flow.category) for c in r.receives) for r in recipients)

    def flow_item(self, flow: Flow) -> FlowItem:
        return FlowItem(self.category(flow.category), *self.sensitivity(flow.category),
                        Place(flow.location.path, flow.location.line), flow.path, flow.evidence,
                        self.flow_allowed(flow))

    def field_item(self, f: Field) -> FieldItem:
        return FieldItem(f.qualified, f.container, f.name, f.kind, f.type_hint, Place(f.location.path, f.location.line),
                         f.confidence, f.rule, f.reason, f.evidence,
                         not at_least(f.confidence, self.min_confidence))

    # -- sections ---------------------------------------------------------------------------------------
    def categories(self) -> tuple[DataCategory, ...]:
        inv = self.result.inventory
        fields: dict[str, list[Field]] = defaultdict(list)
        for f in inv.fields:
            fields[f.category].append(f)
        sent: dict[str, set[str]] = defaultdict(set)
        for flow in inv.flows:
            sent[flow.category].add(flow.service)
        out = []
        for key in sorted(inv.categories()):
            declared_as = self.declaration(key)
            out.append(DataCategory(
                self.category(key),
                *self.sensitivity(key),
                declared=None if self.dm is None else declared_as is not None,
                declared_as=declared_as,
                fields=tuple(self.field_item(f) for f in fields.get(key, ())),
                sent_to=tuple(sorted((self.service(s) for s in sent.get(key, ())), key=_by_name)),
            ))
        return tuple(out)

    def third_parties(self) -> tuple[ThirdParty, ...]:
        inv = self.result.inventory
        uses: dict[str, list[ServiceUse]] = defaultdict(list)
        for u in inv.services:
            uses[u.service].append(u)
        flows: dict[str, list[Flow]] = defaultdict(list)
        for flow in inv.flows:
            flows[flow.service].append(flow)
        out = []
        for sid in sorted(set(uses) | set(flows)):
            service = self.rules.catalogue.services[sid]
            declared: bool | None = None
            declared_by: tuple[str, ...] = ()
            may_receive: tuple[Named, ...] | None = None
            prohibited = ""
            outside = False
            if self.dm is not None:
                covering = self.dm.recipients_for(service, self.rules.taxonomy)
                declared = bool(covering)
                declared_by = tuple(f"{self.recipient_label(r)} (line {r.line})" for r in covering)
                governing = self.governing(sid)
                if not governing:
                    may_receive = ()
                elif all(r.receives is not None for r in governing):
                    may_receive = tuple(self.category(c) for c in sorted({c for r in governing for c in r.receives or ()}))
                # purposes and regions are judged by their checks alone (they weigh the map's stated purposes,
                # fixed uses...): read from the findings, by their stable subjects `service:<id> -> <what>`
                prohibited = self.subject_tail("DM301", sid)
                outside = bool(self.subject_tail("DM203", sid))
            out.append(ThirdParty(
                service=self.service(sid),
                recipient_category=Named(service.recipient_category,
                                         self.rules.taxonomy.recipients.name(service.recipient_category)),
                data_use=self.use(service.data_use),
                country=service.country,
                declared=declared,
                declared_by=declared_by,
                may_receive=may_receive,
                prohibited=prohibited,
                outside_regions=outside,
                uses=tuple(UseItem(u.signal, Place(u.location.path, u.location.line), u.evidence, u.confidence)
                           for u in uses.get(sid, ())),
                flows=tuple(self.flow_item(f) for f in flows.get(sid, ())),
            ))
        return tuple(sorted(out, key=lambda t: _by_name(t.service)))

    def subject_tail(self, code: str, sid: str) -> str:
        """What the first `code` finding about a service names after its subject's arrow, "" when none."""
        head = f"service:{sid} -> "
        return next((f.subject[len(head):] for f in self.result.findings
                     if f.code == code and f.subject.startswith(head)), "")

    def recipient_label(self, r: Recipient) -> str:
        if r.service:
            return f"service {self.rules.catalogue.services[r.service].name}"
        return f"recipient category {self.rules.taxonomy.recipients.name(r.category or '')}"

    def datamap_view(self) -> DataMapView | None:
        dm = self.dm
        if dm is None:
            return None
        inv = self.result.inventory
        seen = inv.categories()
        catalogue = self.rules.catalogue.services
        used_by: dict[int, set[str]] = defaultdict(set)
        for sid in inv.service_ids():
            for r in dm.recipients_for(catalogue[sid], self.rules.taxonomy):
                used_by[id(r)].add(sid)
        return DataMapView(
            path=dm.shown,  # as the console names it: from where the command ran (audit15 #16)
            organization=dm.organization,
            policy=dm.policy,
            collects=tuple(
                CollectEntry(self.category(c.category), *self.sensitivity(c.category),
                             tuple(self.use(p) for p in c.purposes), c.line,
                             any(covers(c.category, s) or covers(s, c.category) for s in seen))
                for c in dm.collects),
            recipients=tuple(
                RecipientEntry(
                    label=catalogue[r.service].name if r.service else self.rules.taxonomy.recipients.name(r.category or ""),
                    kind="service" if r.service else "category",
                    key=r.service or r.category or "",
                    receives=None if r.receives is None else tuple(self.category(c) for c in r.receives),
                    purposes=tuple(self.use(p) for p in r.purposes),
                    line=r.line,
                    used_by=tuple(sorted((self.service(s) for s in used_by.get(id(r), ())), key=_by_name)),
                )
                for r in dm.recipients),
            prohibited_uses=tuple(self.use(p.use) for p in dm.prohibited),
            allowed_regions=dm.allowed_regions,
        )

    def findings(self) -> tuple[FindingItem, ...]:
        return tuple(FindingItem(f.code, f.name, f.severity, _family(f), f.message, f.hint,
                                 Place(f.location.path, f.location.line)) for f in self.result.findings)

    def report(self) -> Report:
        inv = self.result.inventory
        categories = self.categories()
        third_parties = self.third_parties()
        findings = self.findings()
        per_family = Counter(f.family for f in findings)
        # every finding at fail_on counts, DM9xx scanner notes too: the verdict must be check's (audit12 #12)
        failing = [f for f in findings if SEVERITY_RANK[f.severity] >= SEVERITY_RANK[self.fail_on]]
        mismatches = len(failing)
        root = self.result.root
        title = (self.dm.organization if self.dm and self.dm.organization else "") or root.resolve().name
        summary = Summary(
            title=title,
            scanned=root.as_posix(),
            datamap=self.dm.shown if self.dm else None,
            files=inv.files,
            lines=inv.lines,
            fields=len(inv.fields),
            categories=len(categories),
            sensitive_categories=sum(c.sensitive for c in categories),
            special_categories=sum(c.special_category for c in categories),
            criminal_offence_categories=sum(c.criminal_offence for c in categories),
            undeclared_categories=sum(c.declared is False for c in categories),
            third_parties=len(third_parties),
            undeclared_third_parties=sum(t.declared is False for t in third_parties),
            flows=len(inv.flows),
            disallowed_flows=sum(f.allowed is False for t in third_parties for f in t.flows),
            findings=len(findings),
            suppressed=self.result.suppressed,
            errors=len(inv.errors),
            skipped=len(inv.skipped),
            fail_on=self.fail_on,
            mismatches=mismatches,
            scanner_problems=sum(f.family == "DM9" for f in failing),
            matches=None if self.dm is None else mismatches == 0,
            families=tuple(Family(prefix, title, per_family[prefix]) for prefix, title in FAMILIES),
        )
        return Report(
            version=SCHEMA_VERSION,
            tool=f"datamap {__version__}",
            summary=summary,
            categories=categories,
            third_parties=third_parties,
            datamap=self.datamap_view(),
            findings=findings,
            errors=tuple(Note(e.location.path, e.location.line, e.message) for e in inv.errors),
            skipped=tuple(Note(path, 0, why) for path, why in sorted(inv.skipped.items())),
            sql_dialects=tuple(Note(path, 0, label) for path, label in sorted(inv.sql_dialects.items())),
        )


def _by_name(named: Named) -> tuple[str, str]:
    return (named.name.casefold(), named.key)


def _family(finding: Finding) -> str:
    """DM101 -> DM1; a code of no listed band counts as a scanner problem rather than vanishing."""
    prefix = finding.code[:3]
    return prefix if prefix in dict(FAMILIES) else "DM9"
