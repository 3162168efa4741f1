"""The data map (`datamap.yaml` v1): the privacy policy in machine form.

Validated strictly against the taxonomy and the catalogue: every unknown key,
category, purpose or service is reported with file, line and the nearest
valid name, all at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scanner.catalogue import Catalogue, Service
from scanner.findings import find_suppressions
from scanner.inventory import Suppression
from scanner.taxonomy import Taxonomy, covers
from scanner.yamlschema import Int, Key, List, Map, SchemaError, Str, YamlInvalid, load, suggest

VERSION = 1


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

    def declares_category(self, category: str) -> bool:
        return any(covers(c.category, category) for c in self.collects)

    def recipients_for(self, service: Service, taxonomy: Taxonomy) -> list[Recipient]:
        """Recipients that cover a service: by name, or by a recipient category that discloses it (or a broader one)."""
        return [
            r for r in self.recipients
            if r.service == service.id
            or (r.category and any(taxonomy.recipient_covers(r.category, c) for c in service.disclosed_by))
        ]

    def prohibits(self, use: str) -> Prohibited | None:
        return next((p for p in self.prohibited if covers(p.use, use)), None)


def _schema(taxonomy: Taxonomy, catalogue: Catalogue) -> Map:
    def service(word: str) -> str:
        sid = catalogue.resolve_name(word)
        if sid is None:
            raise ValueError(f"unknown service {word!r}{suggest(word.lower(), catalogue.services)}")
        return sid

    def region(word: str) -> str:
        if not word.strip():
            raise ValueError("empty region")
        return word.strip().upper()

    category = Str(taxonomy.categories.resolve)
    use = Str(taxonomy.uses.resolve)
    return Map(
        {
            "version": Key(Int(), required=True),
            "organization": Key(Str()),
            "policy": Key(Str()),
            "collects": Key(
                List(Map({"category": Key(category, required=True), "purposes": Key(List(use, scalar_ok=True)),
                          "note": Key(Str())})),
            ),
            "recipients": Key(
                List(
                    Map(
                        {
                            "service": Key(Str(service)),
                            "category": Key(Str(taxonomy.recipients.resolve)),
                            "receives": Key(List(category, scalar_ok=True)),
                            "purposes": Key(List(use, scalar_ok=True)),
                            "note": Key(Str()),
                        },
                        one_of=("service", "category"),
                    )
                )
            ),
            "prohibited_uses": Key(List(Str(taxonomy.uses.resolve, located=True), scalar_ok=True)),
            "allowed_regions": Key(List(Str(region), scalar_ok=True)),
        }
    )


def load_datamap(path: Path, taxonomy: Taxonomy, catalogue: Catalogue, display: str) -> DataMap:
    raw = load(path, _schema(taxonomy, catalogue), display)
    if raw.get("version") != VERSION:
        raise YamlInvalid([SchemaError(display, raw["_line"], f"version: this Datamap reads version {VERSION}, got {raw.get('version')!r}")])
    return DataMap(
        path=display,
        organization=raw.get("organization") or "",
        collects=tuple(
            Collected(c["category"], tuple(c.get("purposes") or ()), c["_line"]) for c in raw.get("collects") or () if c
        ),
        recipients=tuple(
            Recipient(
                service=r.get("service"),
                category=r.get("category"),
                receives=tuple(r["receives"]) if "receives" in r else None,
                purposes=tuple(r.get("purposes") or ()),
                line=r["_line"],
            )
            for r in raw.get("recipients") or ()
            if r
        ),
        prohibited=tuple(Prohibited(use, line) for use, line in raw.get("prohibited_uses") or ()),
        allowed_regions=tuple(raw.get("allowed_regions") or ()),
        # `load` has read the file as UTF-8 already, so this read cannot fail in a new way
        suppressions=tuple(find_suppressions(path.read_text(encoding="utf-8"), display)),
    )
