"""The data map (`datamap.yaml` v1): the privacy policy in machine form.

Validated strictly against the taxonomy and the catalogue: every unknown key,
category, purpose or service is reported with file, line and the nearest
valid name, all at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from scanner.catalogue import Catalogue, Service
from scanner.countries import NAMES
from scanner.findings import find_suppressions
from scanner.inventory import Suppression
from scanner.taxonomy import Taxonomy, covers
from scanner.yamlschema import (
    Int,
    Key,
    List,
    Map,
    SchemaError,
    Str,
    YamlInvalid,
    load_partial,
    read_text,
    suggest,
)

VERSION = 1
# recipient categories that disclose what no other category says: the least specific entry for a service
CATCH_ALL = frozenset({"webhooks_unresolved", "other"})


@dataclass(frozen=True)
class Collected:
    category: str
    purposes: tuple[str, ...]
    line: int


@dataclass(frozen=True)
class Recipient:
    service: str | None  # catalogue id
    category: str | None  # recipient category key
    receives: tuple[str, ...] | None  # None: the map does not say
    purposes: tuple[str, ...]
    line: int

    @property
    def label(self) -> str:
        return f"service {self.service}" if self.service else f"recipient category {self.category}"


@dataclass(frozen=True)
class Prohibited:
    use: str
    line: int


@dataclass(frozen=True)
class DataMap:
    path: str  # as shown in findings (relative to the scan root when inside it)
    organization: str
    collects: tuple[Collected, ...]
    recipients: tuple[Recipient, ...]
    prohibited: tuple[Prohibited, ...]
    allowed_regions: tuple[str, ...]
    suppressions: tuple[Suppression, ...] = ()  # `# datamap: ignore[DM501]` on a declaration's line
    policy: str = ""  # the human-readable policy: a file beside the map, or a URL
    # how finding messages name the map: relative to where the command runs (set by the CLI), as the console
    # names files; `path` stays root-relative, as it locates DM5xx findings and their fingerprints
    name: str = ""

    @property
    def shown(self) -> str:
        return self.name or self.path

    def declares_category(self, category: str) -> bool:
        return any(covers(c.category, category) for c in self.collects)

    def recipients_for(self, service: Service, taxonomy: Taxonomy) -> list[Recipient]:
        """Recipients that cover a service: by name, or by a recipient category that discloses it (or a broader one)."""
        return [
            r for r in self.recipients
            if r.service == service.id
            or (r.category and any(taxonomy.recipient_covers(r.category, c) for c in service.disclosed_by))
        ]

    def governing(self, service: Service, taxonomy: Taxonomy) -> list[Recipient]:
        """The entries whose `receives:` bind a service: the most specific that cover it, as a policy reads. A
        service named on its own entry is promised only that entry's data, whatever a recipient category that also
        covers it allows ("we share your email with Stripe" stays a promise beside "we use payment providers");
        without one, the narrowest covering categories decide (`email_delivery` over `communications`)."""
        covering = self.recipients_for(service, taxonomy)
        named = [r for r in covering if r.service == service.id]
        if named:
            return named
        narrowest = [r for r in covering
                     if not any(o is not r and o.category != r.category and o.category
                                and taxonomy.recipient_covers(r.category or "", o.category) for o in covering)]
        # a catch-all says least (audit10 #9): mail through a configured SMTP server is what the policy says of
        # "email delivery services", not of "configured webhooks", though both entries disclose it
        meant = [r for r in narrowest if r.category not in CATCH_ALL]
        return meant or narrowest

    def prohibits(self, use: str) -> Prohibited | None:
        return next((p for p in self.prohibited if covers(p.use, use)), None)


# ISO 3166-1 alpha-2 (and Kosovo's XK): what `allowed_regions:` takes besides the region words below
COUNTRIES = frozenset(NAMES) - {"EU"}
# words a privacy policy uses for a region -> the code checks/transfers.py judges by: its `EU` already
# covers the EU and the EEA states (Iceland, Liechtenstein, Norway), so `EEA` is that same region;
# `UK` is the United Kingdom's usual name for ISO's GB; `EL` is the EU's own code for Greece
REGION_ALIASES = {"EU": "EU", "EEA": "EU", "UK": "GB", "EL": "GR"}


def _region(word: str) -> str:
    code = word.strip().upper()
    if code in REGION_ALIASES:
        return REGION_ALIASES[code]
    if code in COUNTRIES:
        return code
    hint = suggest(code, [*REGION_ALIASES, *sorted(COUNTRIES)]) or "; use `EU` (EU and EEA) or a country code (ISO 3166-1 alpha-2: US, GB, CH)"
    raise ValueError(f"unknown region {word!r}{hint}")


def _listed(resolve: Callable[[str], str], listing: str) -> Callable[[str], str]:
    """A resolver whose error, when it has no close match to offer, says where the accepted names are listed."""
    def check(word: str) -> str:
        try:
            return resolve(word)
        except ValueError as exc:
            if "did you mean" in str(exc):
                raise
            raise ValueError(f"{exc}; `datamap rules {listing}` lists every accepted name") from None
    return check


def _policy(folder: Path) -> Callable[[str], str]:
    """`policy:` points at the human-readable policy: a URL, or a file beside the data map that must exist, since
    a privacy officer follows it (audit ux7 #15: a missing file was accepted)."""
    def check(word: str) -> str:
        if "://" in word or (folder / word).is_file():
            return word
        raise ValueError(f"{word!r} is no file (paths are relative to the data map's folder, {folder}); "
                         "give the policy's path or its URL")
    return check


def _schema(taxonomy: Taxonomy, catalogue: Catalogue, folder: Path) -> Map:
    def service(word: str) -> str:
        sid = catalogue.resolve_name(word)
        if sid is None:
            raise ValueError(f"unknown service {word!r}{suggest(word.lower(), catalogue.services)}")
        return sid

    resolve_category = _listed(taxonomy.categories.resolve, "categories")
    category = Str(resolve_category)

    def collected(word: str) -> str:
        key = resolve_category(word)
        if "." not in key:  # audit15 #01: the root covers every category, so DM101/DM102 could never fire again
            raise ValueError(f"{word!r} covers every category of personal data, so no collection could ever be "
                             "undisclosed; declare the categories the privacy policy names (user.contact.email, "
                             "user.name, ...: `datamap rules categories` lists them)")
        return key

    use = Str(_listed(taxonomy.uses.resolve, "uses"))
    return Map(
        {
            "version": Key(Int(), required=True),
            "organization": Key(Str()),
            "policy": Key(Str(_policy(folder))),
            "collects": Key(
                List(Map({"category": Key(Str(collected), required=True), "purposes": Key(List(use, scalar_ok=True)),
                          "note": Key(Str())})),
            ),
            "recipients": Key(
                List(
                    Map(
                        {
                            "service": Key(Str(_listed(service, "services"))),
                            "category": Key(Str(_listed(taxonomy.recipients.resolve, "recipients"))),
                            "receives": Key(List(category, scalar_ok=True)),
                            "purposes": Key(List(use, scalar_ok=True)),
                            "note": Key(Str()),
                        },
                        one_of=("service", "category"),
                    )
                )
            ),
            "prohibited_uses": Key(List(Str(_listed(taxonomy.uses.resolve, "uses"), located=True), scalar_ok=True)),
            "allowed_regions": Key(List(Str(_region), scalar_ok=True)),
        }
    )


def load_datamap(path: Path, taxonomy: Taxonomy, catalogue: Catalogue, display: str) -> DataMap:
    # the schema's problems and the contradictions among what is valid, in one run: a typo must not hide a
    # duplicate entry until it is fixed (audit12 #19's rounds)
    raw, errors = load_partial(path, _schema(taxonomy, catalogue, path.parent), display, what="data map")
    if raw is None:  # not a mapping at the top: nothing more to check
        raise YamlInvalid(errors, "invalid data map")
    if raw.get("version") is not None and raw["version"] != VERSION:
        errors.append(SchemaError(display, raw["_line"], f"version: this Datamap reads version {VERSION}, got {raw['version']!r}"))
    # entries whose name failed are left out (their error is reported); each keeps its index for the messages
    collects = [(i, c) for i, c in enumerate(raw.get("collects") or ()) if c and c.get("category")]
    recipients = [(i, r) for i, r in enumerate(raw.get("recipients") or ()) if r and (r.get("service") or r.get("category"))]
    datamap = DataMap(
        path=display,
        organization=raw.get("organization") or "",
        policy=raw.get("policy") or "",
        collects=tuple(Collected(c["category"], tuple(c.get("purposes") or ()), c["_line"]) for _, c in collects),
        recipients=tuple(
            Recipient(
                service=r.get("service"),
                category=r.get("category"),
                receives=tuple(r["receives"]) if "receives" in r else None,
                purposes=tuple(r.get("purposes") or ()),
                line=r["_line"],
            )
            for _, r in recipients
        ),
        prohibited=tuple(Prohibited(use, line) for use, line in raw.get("prohibited_uses") or ()),
        allowed_regions=tuple(dict.fromkeys(raw.get("allowed_regions") or ())),  # `EU, EEA` is one region
        # `load_partial` has read the file already, so this read cannot fail in a new way
        suppressions=tuple(find_suppressions(read_text(path), display)),
    )
    errors += _contradictions(datamap, [i for i, _ in collects], [i for i, _ in recipients])
    if errors:
        raise YamlInvalid(errors, "invalid data map")
    return datamap


def _contradictions(dm: DataMap, collect_index: list[int], recipient_index: list[int]) -> list[SchemaError]:
    """Entries each valid alone that together say two things (audit ux7 #15): the same recipient twice, whose
    `receives:` would silently be the union, the same category collected twice (by its key and an alias, say:
    which purposes apply is then the reader's guess), and a purpose declared for collection that the map
    prohibits."""
    errors: list[SchemaError] = []
    collected: dict[str, Collected] = {}
    for i, c in zip(collect_index, dm.collects):
        if c.category in collected:
            errors.append(SchemaError(dm.path, c.line, f"collects[{i}]: category {c.category} is declared twice "
                                                       f"(first at line {collected[c.category].line}); merge the two "
                                                       "entries"))
        else:
            collected[c.category] = c
    first: dict[tuple[str, str], Recipient] = {}
    for i, r in zip(recipient_index, dm.recipients):
        key = ("service", r.service) if r.service else ("category", r.category or "")
        if key in first:
            errors.append(SchemaError(dm.path, r.line, f"recipients[{i}]: {r.label} is declared twice (first at line "
                                                       f"{first[key].line}); merge the two entries"))
        else:
            first[key] = r
    for i, c in zip(collect_index, dm.collects):
        for purpose in c.purposes:
            if (banned := dm.prohibits(purpose)) is not None:
                errors.append(SchemaError(dm.path, c.line, f"collects[{i}].purposes: {purpose!r} is prohibited by "
                                                           f"prohibited_uses: {banned.use} (line {banned.line})"))
    return sorted(errors, key=lambda e: e.line)
