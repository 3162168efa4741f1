"""Class hierarchies across files: a model's kind and the fields its bases give it.

Bases pass their fields on (`class Customer(TimestampedMixin, AbstractAddress)`),
concrete ones too (Django multi-table inheritance, SQLAlchemy mapped parents: a
child's row has its parent's columns); a Django proxy takes nothing. Framework
bases such as `AbstractUser` bring their documented fields.
"""

from __future__ import annotations

from collections.abc import Callable

from scanner.catalogue import Catalogue
from scanner.extract.py_common import ClassRecord
from scanner.extract.py_flows import MESSAGE_CLASSES
from scanner.extract.py_frameworks import INHERITED, INHERITED_KINDS, base_kind
from scanner.extract.py_models import ANNOTATION_KINDS, META_FIELD_KINDS
from scanner.inventory import Location, RawField


_NESTING_KINDS = {"pydantic", "dataclass", "typeddict"}


def django_tables(records: list[ClassRecord], db_tables: list[tuple[str, str]],
                  app_configs: list[tuple[str, str, str]]) -> list[str]:
    """The tables of the concrete Django models the code declares: `Meta.db_table`, else Django's
    `<app label>_<model>`, where the label is the app's `AppConfig.label`, else the app package's last name
    (harriers-django-geocoding's `label = "geocoding"`: `geocoding_address`). SQL that creates or queries them
    (a migration's `RunSQL`, `cursor.execute`) is the model's, as SQL on a SQLAlchemy class's table is."""
    explicit = dict(db_tables)
    configs: dict[str, dict[str, str]] = {}
    for qualified, key, value in app_configs:
        configs.setdefault(qualified, {})[key] = value
    labels = {c["name"]: c["label"] for c in configs.values() if "name" in c and "label" in c}
    hierarchy = Hierarchy(records)
    out = []
    for r in records:
        if r.abstract or r.proxy or hierarchy.kind(r) != "django_model":
            continue
        table = explicit.get(r.qualified)
        if not table:
            parts = r.qualified.split(".")[:-1]  # `shop.models` and `shop.models.orders` are app `shop`
            cut = max((i for i, part in enumerate(parts) if part == "models"), default=len(parts) - 1)
            app = ".".join(parts[:cut])
            if not app:
                continue
            label = labels.get(app) or next((v for k, v in labels.items() if k.endswith("." + app) or app.endswith("." + k)), "")
            table = f"{label or app.rpartition('.')[2]}_{r.name.lower()}"
        out.append(table)
    return out


class Hierarchy:
    def __init__(self, records: list[ClassRecord], reexports: dict[str, str] | None = None) -> None:
        self.records = records
        self.by_qualified = {r.qualified: r for r in records}
        self.reexports = reexports or {}
        if reexports:  # a base imported from a project module that imports it in turn names what that module imports
            for r in records:
                r.bases = [_reexported(b, reexports, self.by_qualified) for b in r.bases]
        self.by_name: dict[str, list[ClassRecord]] = {}
        for r in records:
            self.by_name.setdefault(r.name, []).append(r)
        self._kinds: dict[str, str] = {}
        self._own: dict[str, list[RawField]] = {}

    def resolve(self, base: str) -> ClassRecord | None:
        if base in self.by_qualified:
            return self.by_qualified[base]
        candidates = self.by_name.get(base.rsplit(".", 1)[-1], [])
        # `oscar.apps.address.abstract_models.X` when the scan root is inside site-packages/oscar
        matching = [c for c in candidates if c.qualified.endswith("." + base) or base.endswith("." + c.qualified)]
        if len(matching) == 1:
            return matching[0]
        return candidates[0] if len(candidates) == 1 and "." not in base else None

    def kind(self, record: ClassRecord, seen: frozenset[str] = frozenset()) -> str:
        if record.kind:
            return record.kind
        if record.qualified in self._kinds:
            return self._kinds[record.qualified]
        found = ""
        for base in record.bases:
            framework = base_kind(base)
            parent = self.resolve(base) if framework is None else None
            if framework:
                found = framework
            elif parent is not None and parent.qualified not in seen:
                found = self.kind(parent, seen | {record.qualified})
            if found:
                break
        self._kinds[record.qualified] = found
        return found

    def own(self, record: ClassRecord) -> list[RawField]:
        """Fields the class declares, pending ones settled now its kind is known."""
        if record.qualified not in self._own:
            kind = self.kind(record)
            fields = list(record.fields)
            if kind:
                fields += [_with(r, record.name, kind) for r in record.pending]
                if kind in ANNOTATION_KINDS:
                    fields += [_with(r, record.name, kind) for r in record.annotated]
            self._own[record.qualified] = fields
        return self._own[record.qualified]

    def inherited(self, record: ClassRecord, seen: frozenset[str] = frozenset()) -> list[tuple[RawField, str]]:
        """(field, from whom) for every field a base passes on, nearest base first.

        A concrete base passes them on too: a Django multi-table child (`MangoPayLegalUser(MangoPayUser)`) or a
        SQLAlchemy joined- or single-table subclass has its parent's columns on every row (`legal_user.birthday`),
        its forms and serializers take them in, and what they are depends on the child (a legal user's birthday is
        their legal representative's). The copies carry their origin, so DM101 still reports the parent's field
        once. A Django proxy is its parent's own rows under another name: it carries nothing."""
        out: list[tuple[RawField, str]] = []
        if record.proxy:
            return out
        for base in record.bases:
            kind = INHERITED_KINDS.get(base, "django_model")
            for name, type_hint in INHERITED.get(base, ()):
                declared = f"models.{type_hint}()" if kind == "django_model" else f"Column({type_hint})"
                out.append((RawField(name, base.rsplit(".", 1)[-1], kind, Location(record.qualified, 0),
                                     f"{name} = {declared}", type_hint), base.rsplit(".", 1)[-1]))
            parent = self.resolve(base)
            if parent is None or parent.qualified in seen:
                continue
            out += [(f, parent.name) for f in self.own(parent)]
            out += self.inherited(parent, seen | {record.qualified})
        return out

    def drop_nested(self) -> set[tuple[str, int, str, str]]:
        """Attributes typed by another record of the project (`owner: Mapped[Optional[User]]` on ckan's ApiToken,
        `author: UserRead` on a schema) are a relationship or a nested record: what they hold is reported where that
        record is declared. They leave their class, so no subclass inherits them; the keys (path, line, container,
        name) of those the file pass already reported are returned for removal."""
        gone: set[tuple[str, int, str, str]] = set()
        for record in self.records:
            if self.kind(record) not in ANNOTATION_KINDS:
                continue
            kind = self.kind(record)
            # `client: ClientSession`: an object that does something, unless that class is a record of the project
            held = [r for r, target in record.objects if not self._a_record(target)]
            if held:
                record.fields = [r for r in record.fields if r not in held]
                record.pending = [r for r in record.pending if r not in held]
                record.annotated = [r for r in record.annotated if r not in held]
                gone |= {(r.location.path, r.location.line, r.container, r.name) for r in held}
            nested = [r for r in (*record.fields, *record.pending, *record.annotated) if self._typed_by_a_record(r, kind)]
            if nested:
                record.fields = [r for r in record.fields if r not in nested]
                record.pending = [r for r in record.pending if r not in nested]
                record.annotated = [r for r in record.annotated if r not in nested]
                gone |= {(r.location.path, r.location.line, r.container, r.name) for r in nested}
                record.nested += [(r, r.type_hint) for r in nested]
        return gone

    def keep_nested(self, personal: Callable[[list[RawField]], bool]) -> None:
        """An attribute typed by a record that declares no personal datum of its own holds what its own name says:
        `birth: Event` (a date and a place) on a person's schema is their birth, which no field of `Event` reports.
        Only schemas (pydantic, dataclasses, TypedDict) carry nested data; an ORM's relationship stores nothing.
        `personal` says whether some of the given fields are personal data; kept attributes settle as pending ones."""
        kept: list[tuple[ClassRecord, RawField]] = []
        for record in self.records:
            if not record.nested or self.kind(record) not in _NESTING_KINDS:
                continue
            for raw, target_name in record.nested:
                target = self.resolve(target_name)
                if target is not None and not personal(self.own(target) + [f for f, _ in self.inherited(target)]):
                    kept.append((record, raw))
        for record, raw in kept:
            record.pending.append(raw)
        self._own.clear()  # (settled again with what was kept)

    def _a_record(self, qualified: str) -> bool:
        target = self.resolve(qualified)
        if target is None and "." in qualified:
            target = self.resolve(qualified.rsplit(".", 1)[-1])  # (imported through a package's __init__)
        return target is not None and bool(self.kind(target))

    def _typed_by_a_record(self, raw: RawField, kind: str) -> bool:
        if not raw.type_hint.isidentifier() or raw.type_hint[0].islower():
            return False
        target = self.resolve(raw.type_hint)
        if target is None and kind == "sqlalchemy":
            # several classes of that name (ckan's `User`, imported through its package): if all are records, the
            # attribute is a relationship whichever it names, and a relationship stores nothing. (A schema's nested
            # record carries data: which record it is decides, see keep_nested, so an unknown one stays a field.)
            namesakes = self.by_name.get(raw.type_hint, [])
            return bool(namesakes) and all(self.kind(r) for r in namesakes)
        return target is not None and bool(self.kind(target))

    def fields(self) -> list[RawField]:
        """Fields to add: settled pending ones, and inherited copies on each subclass."""
        out: list[RawField] = []
        for record in self.records:
            kind = self.kind(record)
            if not kind:
                continue
            own = self.own(record)
            out += own[len(record.fields):]  # those not reported by the file pass
            declared = {f.name for f in own}
            at = Location(record.path, record.line)
            for raw, origin in self.inherited(record):
                if raw.name in declared:
                    continue  # overridden, or already inherited by a nearer base
                declared.add(raw.name)
                where = f" at {raw.location}" if raw.location.line else ""
                out.append(RawField(raw.name, record.name, kind, at, f"{raw.evidence}  (inherited from {origin}{where})",
                                    raw.type_hint, raw.label, origin=origin))
            if record.meta_all is not None and kind in META_FIELD_KINDS:
                out += self._meta_all(record, kind, declared)
        return out

    def declaring(self, qualified: str, name: str) -> ClassRecord | None:
        """The project's class `qualified` (a form) if it declares field `name`: its own, inherited, or its
        model's through `Meta.fields = "__all__"` (a listed `Meta.fields` name is one of its own); else None."""
        record = self.resolve(_reexported(qualified, self.reexports, self.by_qualified)) or self._in_package(qualified)
        if record is None or not self.kind(record):
            return None
        if any(f.name == name for f in self.own(record)) or any(f.name == name for f, _ in self.inherited(record)):
            return record
        model = self.resolve(record.meta_model) if record.meta_all is not None and record.meta_model else None
        if model is not None and name not in record.meta_exclude and (
                any(f.name == name for f in self.own(model)) or any(f.name == name for f, _ in self.inherited(model))):
            return record
        return None

    def _in_package(self, qualified: str) -> ClassRecord | None:
        """`postorius.forms.ListNew` imported from a package whose `__init__` star-imports its modules: the one
        class of that name in a module of the package (`postorius.forms.list_forms.ListNew`), else None."""
        package, _, name = qualified.rpartition(".")
        inside = [r for r in self.by_name.get(name, []) if package and r.qualified.startswith(package + ".")]
        return inside[0] if len(inside) == 1 else None

    def edited_model(self, record: ClassRecord) -> tuple[str, dict[str, RawField]] | None:
        """(model name, its fields by name, own and inherited) of the row a ModelForm or ModelSerializer edits
        (`Meta.model`), when the project declares that model; else None."""
        if not record.meta_model or self.kind(record) not in META_FIELD_KINDS:
            return None
        model = self.resolve(record.meta_model)
        if model is None or model is record or not self.kind(model):
            return None
        fields: dict[str, RawField] = {}
        for raw in [*self.own(model), *(f for f, _ in self.inherited(model))]:
            fields.setdefault(raw.name, raw)
        return model.name, fields

    def _meta_all(self, record: ClassRecord, kind: str, declared: set[str]) -> list[RawField]:
        """A ModelSerializer or ModelForm with `fields = "__all__"` takes in every field of its model."""
        model = self.resolve(record.meta_model) if record.meta_model else None
        if model is None or record.meta_all is None:
            return []
        out = []
        every = [(f, model.name) for f in self.own(model)] + self.inherited(model)
        for raw, origin in every:
            if raw.name in declared or raw.name in record.meta_exclude:
                continue
            declared.add(raw.name)
            out.append(RawField(raw.name, record.name, kind, record.meta_all,
                                f'Meta.model = {model.name}: {raw.evidence}  (from {origin})', raw.type_hint, raw.label))
        return out


    def services(self) -> list[tuple[ClassRecord, str, str]]:
        """(subclass, service, base it comes from) for services a base in another file uses.

        `class EmailBackend(BrevoEmailBackend)` sends what the Brevo backend sends:
        the subclass's file uses Brevo. Bases in the same file are that file's already.
        """
        out: list[tuple[ClassRecord, str, str]] = []
        for record in self.records:
            seen: set[str] = set()
            for base in record.bases:
                parent = self.resolve(base)
                if parent is None or parent.path == record.path:
                    continue
                for service in self._used(parent, frozenset({record.qualified})):
                    if service not in seen:
                        seen.add(service)
                        out.append((record, service, parent.name))
        return out

    def sdk_base(self, qualified: str, catalogue: Catalogue) -> tuple[str, str] | None:
        """(SDK class, its service) a project class derives from, through the project's own classes:
        `CustomEmail(EmailMultiAlternatives)` -> (django.core.mail.EmailMultiAlternatives, smtp_server)."""
        record, seen = self.resolve(qualified), set()
        while record is not None and record.qualified not in seen:
            seen.add(record.qualified)
            for base in record.bases:
                if self.resolve(base) is not None or base.partition(".")[0] == record.qualified.partition(".")[0]:
                    continue  # the project's own class, even in a package named like an SDK (sentry_sdk)
                service = catalogue.by_import(base) or MESSAGE_CLASSES.get(base)
                if service is not None:
                    return base, service
            record = next((p for p in map(self.resolve, record.bases) if p is not None), None)
        return None

    def _used(self, record: ClassRecord, seen: frozenset[str]) -> list[str]:
        found = list(record.services)
        for base in record.bases:
            parent = self.resolve(base)
            if parent is not None and parent.qualified not in seen:
                found += [s for s in self._used(parent, seen | {record.qualified}) if s not in found]
        return found


def _reexported(base: str, reexports: dict[str, str], classes: dict[str, ClassRecord]) -> str:
    """`pkg.base_model.BaseModel` -> `pydantic.BaseModel` when pkg/base_model.py does `from pydantic import
    BaseModel` (followed through chains of modules; a class the project defines is itself)."""
    seen = {base}
    while base not in classes and base in reexports and reexports[base] not in seen:
        base = reexports[base]
        seen.add(base)
    return base


def _with(raw: RawField, container: str, kind: str) -> RawField:
    return RawField(raw.name, container, kind, raw.location, raw.evidence, raw.type_hint, raw.label)

