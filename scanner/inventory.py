"""The inventory: what personal data the code holds and where it goes.

Small frozen value types. They cross process boundaries (the scan runs in a
pool), so they hold only plain data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Confidence = Literal["high", "medium", "low"]
CONFIDENCE_RANK: dict[str, int] = {"low": 0, "medium": 1, "high": 2}
SQL_DIALECT_KEY = "sql_dialect"  # FileResult.deferred: the dialect choice the SQL project pass leaves


@dataclass(frozen=True, order=True)
class Location:
    path: str  # relative to the scanned root, POSIX separators
    line: int
    col: int = 0

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class RawField:
    """A named datum as an extractor saw it, before classification."""

    name: str
    container: str  # model, table, schema or handler name ("" when none)
    kind: str  # django_model, sqlalchemy, dataclass, pydantic, sql_table, request_input, ...
    location: Location
    evidence: str  # the source text that declares it
    type_hint: str = ""  # field class or SQL type, e.g. EmailField, inet, bool
    label: str = ""  # what the code calls it for humans: Django verbose_name, a SQL column comment
    # what the classifier reads as the container when it is not the one shown: a handler's name less the words
    # that name its page (`support_view` reads input for no business called "support")
    context: str | None = None
    # the class that declares the field, when it is not `container`: a subclass's copy of an inherited field
    # (`UserRead.email` from `UserBase`), so the base's finding can stand for the copies
    origin: str = ""


@dataclass(frozen=True)
class Classification:
    category: str  # fides data category key
    rule: str  # id of the rule that matched
    confidence: Confidence
    reason: str  # human explanation: tokens matched, context, type


@dataclass(frozen=True)
class Field:
    name: str
    container: str
    kind: str
    category: str
    confidence: Confidence
    rule: str
    reason: str
    location: Location
    evidence: str
    type_hint: str = ""
    origin: str = ""  # as RawField.origin: the declaring class of an inherited copy, else ""

    @property
    def qualified(self) -> str:
        return f"{self.container}.{self.name}" if self.container else self.name


@dataclass(frozen=True)
class ServiceUse:
    """One place where the code uses a known third party."""

    service: str  # catalogue id
    signal: str  # import, call, domain, setting, setting_value
    evidence: str
    location: Location
    confidence: Confidence


@dataclass(frozen=True)
class Flow:
    """Personal data reaching a third party at a call site."""

    category: str
    service: str
    location: Location
    path: tuple[str, ...]  # names from the datum to the call, e.g. ("account.email", "props", "mp.track")
    evidence: str


@dataclass(frozen=True)
class ParseError:
    location: Location
    message: str


@dataclass(frozen=True)
class Suppression:
    location: Location
    codes: frozenset[str]  # empty: every code


@dataclass
class FileResult:
    """Everything one file contributed; what a worker process returns."""

    path: str
    lines: int = 0
    fields: list[Field] = field(default_factory=list)
    services: list[ServiceUse] = field(default_factory=list)
    flows: list[Flow] = field(default_factory=list)
    errors: list[ParseError] = field(default_factory=list)
    suppressions: list[Suppression] = field(default_factory=list)
    skipped: str = ""  # why the file was not read (a bundled script), "" when it was
    # extractor-specific facts that a project-wide pass consumes (scanner/extract/project.py),
    # e.g. SQL migration operations replayed in version order; must be picklable
    deferred: dict[str, Any] = field(default_factory=dict)


@dataclass
class Inventory:
    root: str
    fields: list[Field] = field(default_factory=list)
    services: list[ServiceUse] = field(default_factory=list)
    flows: list[Flow] = field(default_factory=list)
    errors: list[ParseError] = field(default_factory=list)
    suppressions: list[Suppression] = field(default_factory=list)
    sql_dialects: dict[str, str] = field(default_factory=dict)  # SQL file -> dialect read with, and why
    skipped: dict[str, str] = field(default_factory=dict)  # file -> why it was not read (bundled scripts)
    files: int = 0
    lines: int = 0
    seconds: float = 0.0

    def add(self, result: FileResult) -> None:
        if result.skipped:
            self.skipped[result.path] = result.skipped
            return
        self.files += 1
        self.lines += result.lines
        self.fields.extend(result.fields)
        self.services.extend(result.services)
        self.flows.extend(result.flows)
        self.errors.extend(result.errors)
        self.suppressions.extend(result.suppressions)
        choice = result.deferred.get(SQL_DIALECT_KEY)
        if choice is not None:
            self.sql_dialects[result.path] = choice.label()

    def sort(self) -> None:
        """Deterministic order whatever the order files finished in."""
        self.fields.sort(key=lambda f: (f.location, f.container, f.name, f.category))
        self.services.sort(key=lambda s: (s.location, s.service, s.signal))
        self.flows.sort(key=lambda f: (f.location, f.service, f.category, f.path))
        self.errors.sort(key=lambda e: (e.location, e.message))
        self.suppressions.sort(key=lambda s: s.location)

    def categories(self) -> set[str]:
        return {f.category for f in self.fields} | {f.category for f in self.flows}

    def service_ids(self) -> set[str]:
        return {s.service for s in self.services}
