"""Cross-file Python facts: inherited fields, migration replay, URLs from other modules.

Each file's extractor leaves what it could not settle alone in `deferred`
(class records, migration operations, HTTP calls whose URL names another
module's constant); this pass settles them with every file in view.
"""

from __future__ import annotations

import ast
import re
from dataclasses import replace
from typing import Generic, TypeVar

from scanner.catalogue import Catalogue
from scanner.classify import at_least, classify_fields
from scanner.classify_tokens import tokenize
from scanner.config import Config
from scanner.extract.py_common import ClassRecord, Taint
from scanner.extract.py_flows import (ATTR, CALLS_KEY, FIELDS, FILLED_KEY, FUNCTION, FUNCTION_RETURNS_KEY, LOCAL_CALLS_KEY,
                                      MARKER, MESSAGE_CLASSES, METHOD_CALLS_KEY, METHODS_KEY, RETURN, RETURNS_KEY,
                                      SUMMARIES_KEY, ImportedCall, ReturnFlow, Summary, argument_taints, grown, hands_on,
                                      landed, sendable, settle, unfill)
from scanner.extract.py_clients import HTTP_CLIENTS
from scanner.extract.py_flow_fields import add_call_flows, follow_model_fields
from scanner.extract.py_inherit import Hierarchy
from scanner.extract.py_frameworks import installed_app_tables
from scanner.extract.py_log_channels import settle_logs
from scanner.extract.py_migrations import DEFERRED_KEY as MIGRATIONS
from scanner.extract.py_models import AUTH_USER_MODEL_KEY, COLUMNS_KEY, INSTALLED_APPS_KEY
from scanner.extract.py_requests import FORM_READS_KEY
from scanner.extract.py_replay import replay
from scanner.extract.py_scopes import DEFAULT_STORAGE_KEY, REEXPORTS_KEY
from scanner.extract.py_inherited_clients import settle_inherited_clients
from scanner.extract.py_services import (ALIASES_KEY, HTTP_VERBS, CONSTANTS_KEY, HTTP_KEY, MAIL_HOST_KEY, NAMED_KEY,
                                         VIA_KEY, NamedCall, PendingCall, ViaCall, smtp_to_provider)
from scanner.extract.py_sharing import BUILT_URL_KEY, METHOD_BUILDER, URL_BUILDERS_KEY, BuiltUrlCall
from scanner.extract.urls import url_service
from scanner.inventory import Field, FileResult, Flow, Location, RawField, ServiceUse
from scanner.ruleset import RuleSet

_V = TypeVar("_V")


# Flask-SQLAlchemy's camel_to_snake_case: a capital after a lower-case letter or a digit, or one that starts a word
# after an acronym (`APIKey` -> `api_key`, `ClientDetail` -> `client_detail`)
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<!^)(?=[A-Z][a-z])")


def declared_tables(records: list[ClassRecord], hierarchy: Hierarchy) -> list[tuple[str, str, str]]:
    """(kind, path, table) of the concrete models the code declares, for the migration replay to leave to them.

    A class without a literal table name takes one from its class name: Flask-SQLAlchemy's default and the
    common base-class `@declared_attr __tablename__` give `clientdetail` (`cls.__name__.lower()`) or
    `client_detail` (snake case) for `ClientDetail`; both are its own, so both are matched."""
    out: list[tuple[str, str, str]] = []
    for r in records:
        if r.abstract:
            continue
        kind = hierarchy.kind(r)
        out.append((kind, r.path, r.table or r.name))
        if not r.table and kind == "sqlalchemy":
            out.append((kind, r.path, _CAMEL.sub("_", r.name)))
    return out


def mapped_tables(records: list[ClassRecord]) -> list[str]:
    """Tables the code maps to classes: each literal `__tablename__`, and the table a concrete SQLAlchemy class
    without one takes from its name (`declared_tables`), so that a schema dump or SQL string on `client_detail`
    is left to `class ClientDetail(db.Model)` as it is to a class that names its table."""
    tables = {c.table for c in records if c.table and c.table != "?"}
    # `__table_args__ = {"schema": "crm"}`: the dump names the table `crm.customers`
    tables |= {f"{c.schema}.{c.table}" for c in records if c.schema and c.table and c.table != "?"}
    hierarchy = Hierarchy(records)
    tables |= {table for kind, _, table in declared_tables(records, hierarchy) if kind == "sqlalchemy" and table != "?"}
    # peewee's and Tortoise's unnamed models take their class name: lower case (peewee's `legacy_table_names`
    # default, Tortoise) or snake case (`legacy_table_names = False`: `ClientPrefs` -> `client_prefs`; audit12 #04)
    tables |= {table for r in records if not (r.abstract or r.table) and hierarchy.kind(r) in ("peewee", "tortoise")
               for table in (r.name.lower(), _CAMEL.sub("_", r.name).lower())}
    return sorted(tables)


def _installed_tables(installed: list[tuple[str, Location]], records: list[ClassRecord]
                      ) -> tuple[list[RawField], list[Field]]:
    """The tables of installed Django apps that hold personal data (`rest_framework.authtoken`'s Token), once each,
    at the first settings line that names the app: the columns to classify, and those whose category the app's
    documentation gives (rules/django_apps.yaml). An app whose models module is scanned (the project's own
    `registration/models.py`, or allauth's source scanned with the project) reports its tables itself."""
    raws: list[RawField] = []
    pinned: list[Field] = []
    seen: set[str] = set()
    modules = {r.qualified.rsplit(".", 1)[0] for r in records}
    scanned = {m for module in modules for m in (module, module.rsplit(".", 1)[0])}  # models/ packages too
    tables = installed_app_tables()
    for app, at in installed:
        if app in seen:
            continue
        seen.add(app)
        models = f"{app}.models"
        if any(m == models or m.endswith("." + models) for m in scanned):
            continue
        for model, columns in tables[app].items():
            for column in columns:
                evidence = f"{column.name} = models.{column.type_hint}()  (table of the installed app {app!r})"
                if column.category:
                    pinned.append(Field(column.name, model, "django_model", column.category, "high", "installed_app",
                                        f"the installed app {app!r} documents what its {model}.{column.name} holds",
                                        at, evidence, column.type_hint))
                else:
                    raws.append(RawField(column.name, model, "django_model", at, evidence, column.type_hint))
    return raws, pinned


def _by_stored_column(by_path: dict[str, FileResult], stored: list[tuple[RawField, str]], records: list[ClassRecord],
                      hierarchy: Hierarchy, rules: RuleSet) -> None:
    """A field the database stores under another name (`email_field = EmailField(db_column="email")`,
    `Column("phone_number", String)`) holds what that column's name says: when the column's name classifies it
    with more confidence than the attribute's, that answer is the field's, under the attribute's name."""
    by_record = {(r.path, r.name): r for r in records}
    for raw, column in stored:
        owner = by_path.get(raw.location.path)
        record = by_record.get((raw.location.path, raw.container))
        kind = raw.kind or (hierarchy.kind(record) if record is not None else "")
        if owner is None or not kind:
            continue  # (a class that turned out no record)
        current = next((f for f in owner.fields if f.location == raw.location and f.name == raw.name
                        and f.container == raw.container), None)
        names = [f.name for f in (*record.fields, *record.pending)] if record is not None else []
        neighbours = {(raw.location.path, raw.container): [column if n == raw.name else n for n in names]}
        found = classify_fields([replace(raw, name=column, kind=kind)], rules.classifier, neighbours)
        if not found or (current is not None and at_least(current.confidence, found[0].confidence)):
            continue
        field = replace(found[0], name=raw.name, reason=f"{found[0].reason}, from its column {column!r}")
        owner.fields = [f for f in owner.fields if f is not current] + [field]


def _in_model_context(raw: list[RawField], edited: dict[tuple[str, str], tuple[str, dict[str, RawField]]]
                      ) -> list[RawField]:
    """Form and serializer fields that mirror a field of the model they edit, read in that model's context, with its
    type and label where the form's own declaration gives none (`Meta.fields = ["email"]`)."""
    out = []
    for r in raw:
        model, fields = edited.get((r.location.path, r.container), ("", {}))
        mirrored = fields.get(r.name)
        if mirrored is not None:
            r = replace(r, context=model, type_hint=r.type_hint or mirrored.type_hint, label=r.label or mirrored.label)
        out.append(r)
    return out


def _fold_form_reads(results: list[FileResult], reads: list[tuple[str, int, str, str, str]],
                     hierarchy: Hierarchy) -> None:
    """A handler's `form.cleaned_data["list_owner"]` of a form that declares `list_owner` is that form field's
    datum, reported where the form declares it (as an EmailField, with its label): the handler's read is no second
    row, in another category by its key alone (audit15 #08). A key the form does not declare, or whose form field is
    not reported as personal, stays a read: the datum is not lost."""
    by_path = {r.path: r for r in results}
    folded = set()
    for path, line, container, name, form in reads:
        record = hierarchy.declaring(form, name)
        owner = by_path.get(record.path) if record is not None else None
        if record is not None and owner is not None and any(
                f.container == record.name and f.name == name for f in owner.fields):
            folded.add((path, line, container, name))
    if folded:
        for result in results:
            result.fields = [f for f in result.fields
                             if (f.location.path, f.location.line, f.container, f.name) not in folded]


def link_python(results: list[FileResult], rules: RuleSet, config: Config) -> list[FileResult]:
    by_path = {r.path: r for r in results}
    records: list[ClassRecord] = []
    migrations = []
    installed: list[tuple[str, Location]] = []  # (Django app, where a settings list names it)
    own_user = False  # settings name a user model (AUTH_USER_MODEL): django.contrib.auth's User holds nobody
    columns: list[tuple[RawField, str]] = []  # fields stored in a column of another name (db_column="email")
    constants: dict[str, dict[str, str]] = {}
    pending: list[tuple[FileResult, PendingCall]] = []
    summaries: dict[str, tuple[list[str], list[Summary]]] = {}
    calls: list[tuple[FileResult, ImportedCall]] = []
    aliases: dict[str, str] = {}  # app.api.stripe_api -> stripe: names modules bind to an SDK
    via: list[tuple[FileResult, ViaCall]] = []
    methods = _Methods()
    returned: list[tuple[FileResult, ReturnFlow]] = []
    method_calls: list[tuple[FileResult, ImportedCall]] = []
    named: list[tuple[FileResult, NamedCall]] = []
    local: list[tuple[FileResult, ImportedCall]] = []
    url_builders: dict[str, dict[str, str]] = {}  # module.function -> {dict key or "": service its URL names}
    built_urls: list[tuple[FileResult, BuiltUrlCall]] = []
    reexports: dict[str, str] = {}  # pkg.base_model.BaseModel -> pydantic.BaseModel: what modules' imports bind
    form_reads: list[tuple[str, int, str, str, str]] = []  # form.cleaned_data["x"] reads (py_requests)
    for result in results:
        for module, builders in result.deferred.pop(URL_BUILDERS_KEY, ()):
            url_builders.update({f"{module}.{name}": urls for name, urls in builders.items()})
        built_urls.extend((result, call) for call in result.deferred.pop(BUILT_URL_KEY, ()))
        local.extend((result, call) for call in result.deferred.pop(LOCAL_CALLS_KEY, ()))
        named.extend((result, call) for call in result.deferred.pop(NAMED_KEY, ()))
        for defined, returns, sends, stored, sinks in result.deferred.pop(METHODS_KEY, ()):
            methods.add(defined, returns, sends, stored)
            methods.placed(result, defined, sinks)
        for built in result.deferred.pop(FUNCTION_RETURNS_KEY, ()):
            methods.built.update(built)
        returned.extend((result, flow) for flow in result.deferred.pop(RETURNS_KEY, ()))
        method_calls.extend((result, call) for call in result.deferred.pop(METHOD_CALLS_KEY, ()))
        if ALIASES_KEY in result.deferred:
            module, bound = result.deferred.pop(ALIASES_KEY)
            aliases.update({f"{module}.{name}": q for name, q in bound.items()})
        via.extend((result, call) for call in result.deferred.pop(VIA_KEY, ()))
        for module, exported in result.deferred.pop(SUMMARIES_KEY, ()):
            summaries.update({f"{module}.{name}": entry for name, entry in exported.items()})
        calls.extend((result, call) for call in result.deferred.pop(CALLS_KEY, ()))
        records.extend(result.deferred.pop("py_classes", ()))
        reexports.update({f"{module}.{name}": q for module, name, q in result.deferred.pop(REEXPORTS_KEY, ())})
        installed.extend(result.deferred.pop(INSTALLED_APPS_KEY, ()))
        own_user = bool(result.deferred.pop(AUTH_USER_MODEL_KEY, ())) or own_user  # replaces Django's User
        columns.extend(result.deferred.pop(COLUMNS_KEY, ()))
        migrations.extend(result.deferred.pop(MIGRATIONS, ()))
        if CONSTANTS_KEY in result.deferred:
            module, values = result.deferred.pop(CONSTANTS_KEY)
            constants[module] = values
        pending.extend((result, call) for call in result.deferred.pop(HTTP_KEY, ()))
        form_reads.extend(result.deferred.pop(FORM_READS_KEY, ()))
    hierarchy = Hierarchy(records, reexports)
    nested = hierarchy.drop_nested()
    hierarchy.keep_nested(lambda fields: bool(classify_fields(fields, rules.classifier)))
    if nested:
        for result in results:
            result.fields = [f for f in result.fields
                             if (f.location.path, f.location.line, f.container, f.name) not in nested]
    declared = declared_tables(records, hierarchy)
    if own_user:
        installed = [(app, at) for app, at in installed if app != "django.contrib.auth"]
    app_raws, app_fields = _installed_tables(installed, records)
    new: list[RawField] = hierarchy.fields() + replay(migrations, declared) + app_raws
    for field in app_fields:
        if (owner := by_path.get(field.location.path)) is not None:
            owner.fields.append(field)
    for record, service, base in hierarchy.services():
        owner = by_path.get(record.path)
        if owner is not None and not any(u.service == service for u in owner.services) \
                and _inherited_use(hierarchy, record, service, by_path):
            at = Location(record.path, record.line)
            owner.services.append(ServiceUse(service, "subclass", f"class {record.name}({base})", at, "medium"))
    # a model's own fields and those it inherits are each other's neighbours: a push `Device`'s `device_id`
    # beside the `user` its abstract base declares is that user's device
    also: dict[tuple[str, str], list[str]] = {}
    for raw in new:
        if raw.origin:
            also.setdefault((raw.location.path, raw.container), []).append(raw.name)
    # a ModelForm's or ModelSerializer's field that mirrors a field of its Meta.model holds that row's datum: it is
    # read in the model's context, beside the model's fields (a tracker's `api_password` on its admin form is the
    # business's login there, as on the model, not a person's password)
    edited: dict[tuple[str, str], tuple[str, dict[str, RawField]]] = {}
    for record in records:
        model = hierarchy.edited_model(record)
        if model is not None:
            edited[(record.path, record.name)] = model
            also.setdefault((record.path, record.name), []).extend(model[1])
    redo = [r for record in records for r in record.fields if (record.path, record.name) in also]
    for key in {(r.location.path, r.container) for r in redo}:
        also[key] = also[key] + [r.name for r in redo if (r.location.path, r.container) == key]
    if redo:
        stale = {(r.location.path, r.location.line, r.container, r.name) for r in redo}
        for result in results:
            result.fields = [f for f in result.fields
                             if (f.location.path, f.location.line, f.container, f.name) not in stale]
    if edited:
        new, redo = _in_model_context(new, edited), _in_model_context(redo, edited)
    origins = {(r.location.path, r.location.line, r.container, r.name): r.origin for r in new if r.origin}
    for field in classify_fields(new + redo, rules.classifier, also):
        origin = origins.get((field.location.path, field.location.line, field.container, field.name))
        if origin:  # (the classifier keeps what it needs of a raw field; where the copy comes from is ours)
            field = replace(field, origin=origin)
        owner = by_path.get(field.location.path)
        if owner is not None:
            owner.fields.append(field)
    if columns:
        _by_stored_column(by_path, columns, records, hierarchy, rules)
    for result, call in pending:
        _resolve_http(result, call, constants, rules)
    senders = _Senders(summaries, methods, hierarchy, rules.catalogue)
    senders.climb(calls, method_calls, local)
    for result, imported in calls:
        found = senders.function(imported.callee) or senders.inherited(imported)
        if found is not None:
            _sent_through(result, settle(imported, *found, rules.catalogue))
        if imported.args:  # (a constructor: also what its SDK base class makes of its arguments)
            _construct(result, imported, hierarchy, rules)
    methods.settle(returned, method_calls, rules.catalogue, hierarchy, results)
    # `self.client.create_cart(...)` in a subclass, the client its base binds in another module
    settle_inherited_clients(method_calls, aliases, hierarchy, rules.catalogue, methods.returned_by)
    if built_urls:  # (after the methods: the arguments may carry what a builder function returns)
        by_builder = _Qualified(url_builders)
        for result, built in built_urls:
            _to_built_url(result, built, by_builder, rules.catalogue, methods)
    if aliases:  # (after the methods: an argument may carry what a method or builder function returns)
        by_alias = _Qualified(aliases)
        for result, through in via:
            _through_alias(result, through, by_alias, rules, methods)
    for result in results:  # a message filled in one place and now known to be sent in another
        if FILLED_KEY in result.deferred:
            result.flows = unfill(result.flows, result.deferred.pop(FILLED_KEY))[0]
    for result, here in local:  # a call in the module to a function that turned out to send (climb)
        found = senders.local(here)
        if found is not None:
            methods.send_through(result, here, found, rules.catalogue)
    if named:
        _settle_named(results, named, rules)
    settle_logs(results, rules.catalogue)  # logging calls to the vendors the project ships its records to
    _mail_provider(results, rules.catalogue)
    if form_reads:  # (every field classified: a read folds only into a form field reported as personal)
        _fold_form_reads(results, form_reads, hierarchy)
    # (last: every flow is known, and every field classified with its neighbours and what it inherits)
    follow_model_fields(results, records, new, {r.qualified: hierarchy.kind(r) for r in records}, rules.catalogue)
    _stored_files(results, rules.catalogue)
    for result in results:
        _hosts_reached(result)
    return results


_FILE_FIELDS = frozenset({"FileField", "ImageField"})


def _stored_files(results: list[FileResult], catalogue: Catalogue) -> None:
    """Files a Django model stores go to the default storage the settings name (audit17 #05: froide's S3 held
    every profile photo and attachment, and the draft said it received nothing): each personal FileField's or
    ImageField's datum flows to that backend's provider, at the field. Every provider some settings name counts
    (a deployment's configuration class picks one); a backend the catalogue does not know (the file system) sends
    nowhere. A field with its own `storage=` is left to that storage (not read)."""
    named = {service for r in results for backend, _ in r.deferred.pop(DEFAULT_STORAGE_KEY, ())
             if (service := catalogue.by_setting_value(backend)) is not None}
    for result in results if named else ():
        for f in result.fields:
            if f.kind == "django_model" and f.type_hint in _FILE_FIELDS and f.category != "none" \
                    and "storage=" not in f.evidence:
                _add_new(result, [Flow(f.category, service, f.location, (f"{f.container}.{f.name}", "default storage"),
                                       f.evidence) for service in sorted(named)])


def _hosts_reached(result: FileResult) -> None:
    """A host the catalogue does not know that personal data reaches is used where it is sent (audit17 #13): the
    file pass names it only when what the call carries is known there, and `client.request(url=f"{BASE}/{path}",
    headers=prepare_headers(request))` learns what the helper returns only here."""
    used = {u.location.line for u in result.services if u.service == "unlisted_host"}
    for flow in result.flows:
        if flow.service == "unlisted_host" and flow.location.line not in used:
            used.add(flow.location.line)
            result.services.append(ServiceUse("unlisted_host", "domain", flow.evidence, flow.location, "medium"))


_FRAMEWORK_MAIL = ("django.core.mail", "flask_mail", "flask_mailman")
_SETTING_SIGNALS = ("setting", "setting_value")


def _inherited_use(hierarchy: Hierarchy, record: ClassRecord, service: str, by_path: dict[str, FileResult]) -> bool:
    """A subclass uses what its bases' code calls or posts to, not what a base only reads a setting of (audit17 #03:
    an OpenAI-compatible base reading OPENROUTER_API_KEY on one branch made every provider's subclass OpenRouter's).
    The bases holding `service` are looked up by lineage; one whose file uses it by more than a setting decides."""
    todo, seen = [hierarchy.resolve(b) for b in record.bases], {record.qualified}
    while todo and len(seen) < 32:
        parent = todo.pop(0)
        if parent is None or parent.qualified in seen:
            continue
        seen.add(parent.qualified)
        home = by_path.get(parent.path)
        if service in parent.services and home is not None and any(
                u.service == service and u.signal not in _SETTING_SIGNALS for u in home.services):
            return True
        todo.extend(hierarchy.resolve(b) for b in parent.bases)
    return False


def _mail_provider(results: list[FileResult], catalogue: Catalogue) -> None:
    """`EMAIL_HOST = "smtp.sendgrid.net"` (py_services' MAIL_HOST_KEY): the mail the framework's API sends over SMTP
    goes to that provider, not to a server from configuration (audit16 #19), unless the settings name two providers
    or another mail backend (anymail's and the like are their own services)."""
    named = {provider for r in results for _, _, provider in r.deferred.pop(MAIL_HOST_KEY, ())}
    if len(named) != 1:
        return
    provider = named.pop()
    if any(u.signal == "setting_value" and u.service not in (provider, "smtp_server") and (known := catalogue.services.get(
            u.service)) is not None and known.recipient_category == "email_delivery" for r in results for u in r.services):
        return
    for result in results:
        smtp_to_provider(result, {f.location.line: provider for f in result.flows if f.service == "smtp_server"
                                  and f.path and f.path[-1].startswith(_FRAMEWORK_MAIL)})
        kept: dict[ServiceUse, None] = {}
        for use in result.services:
            if use.service == "smtp_server" and use.signal in ("import", "setting_value") \
                    and any(m in use.evidence for m in _FRAMEWORK_MAIL):
                continue  # the framework's mail module and its SMTP backend: the provider's, used where mail is sent
            kept.setdefault(use, None)
        result.services = list(kept)


def _settle_named(results: list[FileResult], named: list[tuple[FileResult, NamedCall]], rules: RuleSet) -> None:
    """Calls through objects named for a service (NamedCall), for the services the project shows otherwise."""
    shown = {u.service for r in results for u in r.services}
    for result, call in named:
        if call.service not in shown:
            continue
        result.services.append(ServiceUse(call.service, "call", call.evidence, call.location, "medium"))
        found = argument_taints(rules.catalogue, list(call.args), call.q, call.service)
        add_call_flows(result, found, call.service, call.q, call.location, call.evidence, rules.catalogue, fields=False)


class _Methods:
    """The project's methods: which classes define each name, what each returns, what each sends. A call on an
    object is settled against the one class defining that name, or, when several do, the one the receiver's
    known row picks (`instance = IntercomEvent.objects.get(...)`: `IntercomEvent` or a base of it, or for
    `get_user_model()`'s row the one class named for users)."""

    def __init__(self) -> None:
        self.hierarchy: Hierarchy | None = None  # known once every file's classes are in
        self.fields: dict[str, list[Taint]] = {}  # a class -> its personal fields, known once all are classified
        self.definitions: dict[str, list[str]] = {}  # method -> the classes defining it
        self.returns: dict[str, list[Taint]] = {}  # `Class.method` -> what it returns
        self.sends: dict[str, tuple[list[str], list[Summary]]] = {}
        # class -> (its constructor's parameters, attribute -> the parameters stored in it)
        self.stored: dict[str, tuple[list[str], dict[str, list[str]]]] = {}
        self.built: dict[str, list[Taint]] = {}  # `module.build_x` -> what that builder function returns
        self._built: _Qualified[list[Taint]] | None = None  # the same, found by name too, once all are in
        self.homes: dict[str, FileResult] = {}  # `Class.method` -> the file that defines it
        self.sinks: dict[str, Location] = {}  # `Class.method` -> where it makes the call its summary names

    def add(self, defined: list[str], returns: dict[str, list[Taint]],
            sends: dict[str, tuple[list[str], list[Summary]]],
            stored: dict[str, tuple[list[str], dict[str, list[str]]]]) -> None:
        self.stored.update(stored)
        for key in defined:
            owner, _, method = key.rpartition(".")
            self.definitions.setdefault(method, []).append(owner)
        for key, found in returns.items():
            self.returns.setdefault(key, []).extend(found)
        self.sends.update(sends)

    def placed(self, result: FileResult, defined: list[str], sinks: dict[str, Location]) -> None:
        self.homes.update(dict.fromkeys(defined, result))
        self.sinks.update(sinks)

    def pick(self, method: str, receiver: str = "", near: str = "") -> str | None:
        """The `Class.method` a call means, or None when the project does not say which. `near`, the caller's
        file: of several classes defining the name, the one package of the caller's top folder defining it
        (clerk-django's `self._client.post(...)` is its ClerkClient's, whatever other packages scanned beside it
        define `post`)."""
        classes = self.definitions.get(method, [])
        if len(classes) == 1:
            return f"{classes[0]}.{method}"
        unique = [c for c in classes if classes.count(c) == 1]
        if receiver:
            lineage = self._lineage(receiver)
            for chosen in ([c for c in unique if c in lineage],
                           [c for c in unique if "user" in tokenize(c)] if receiver == "User" else []):
                if len(chosen) == 1:
                    return f"{chosen[0]}.{method}"
            return None
        top = near.partition("/")[0] if "/" in near else ""
        home = [c for c in unique if top and (found := self.homes.get(f"{c}.{method}")) is not None
                and found.path.partition("/")[0] == top]
        return f"{home[0]}.{method}" if len(home) == 1 else None

    def _lineage(self, name: str) -> list[str]:
        """A class's name and its bases' names, nearest first, as far as the project defines them."""
        out: list[str] = []
        todo = [name]
        while todo and len(out) < 32:
            current = todo.pop(0)
            if current in out:
                continue
            out.append(current)
            record = self.hierarchy.resolve(current) if self.hierarchy else None
            if record is not None:
                todo.extend(b.rsplit(".", 1)[-1] for b in record.bases)
        return out

    def returned_by(self, found: list[Taint]) -> list[Taint]:
        """Return markers replaced by what the method they name returns; markers the project cannot settle dropped."""
        out: list[Taint] = []
        for category, path in found:
            if not category.startswith(RETURN):
                out.append((category, path))
                continue
            if category.startswith(RETURN + FIELDS):  # UserSerializer(user).data: its fields' data
                owner = category[len(RETURN + FIELDS):]
                out.extend((c, (*p, *path[1:])) for c, p in self.fields.get(owner, ()))
                continue
            if category.startswith(RETURN + FUNCTION):  # build_request_tags(request): what that function returns
                if self._built is None:
                    self._built = _Qualified(self.built)
                function = category[len(RETURN + FUNCTION):]
                out.extend((c, (*p, f"{function.rpartition('.')[2]}()", *path[1:]))
                           for c, p in self._built.get(function) or ())
                continue
            method, _, receiver = category[len(RETURN):].partition("@")
            if key := self.pick(method, receiver):
                out.extend((c, (*p, f"{method}()", *path[1:])) for c, p in self.returns.get(key, ()))
        return out

    def settle(self, returned: list[tuple[FileResult, ReturnFlow]], calls: list[tuple[FileResult, ImportedCall]],
               catalogue: Catalogue, hierarchy: Hierarchy, results: list[FileResult]) -> None:
        self.hierarchy = hierarchy
        for result in results:
            for f in result.fields:
                self.fields.setdefault(f.container, []).append((f.category, (f"{f.container}.{f.name}",)))
        # a schema's nested record (`user: UserEventSchema` on ResponseEventSchema) is dumped with it (audit15 #07)
        for _ in range(2):  # (a record nested in a nested one)
            for record in hierarchy.records:
                for raw, target in record.nested:
                    for name in set(re.findall(r"[A-Z]\w*", target)) - {record.name}:
                        held = self.fields.setdefault(record.name, [])
                        held.extend(t for t in self.fields.get(name, ()) if t not in held)
        for result, flow in returned:  # data = instance.get_intercom_data(); intercom.users.create(**data)
            found = self.returned_by([(RETURN + flow.method, flow.path)])
            add_call_flows(result, found, flow.service, flow.q, flow.location, flow.evidence, catalogue, fields=False)
        for result, call in calls:  # self.amplitude.send_events([event]): what send_events sends
            if _dispatched(call):
                continue
            key = self.pick(call.callee, near=call.location.path)
            if key is not None and key in self.sends:
                self.send_through(result, call, self.sends[key], catalogue)

    def send_through(self, result: FileResult, call: ImportedCall, found: tuple[list[str], list[Summary]],
                     catalogue: Catalogue) -> None:
        """The flows a call makes through a summary, its arguments' return markers resolved first, each datum,
        service and line once (the file pass may have reported it already)."""
        home = self._home(call)
        if home is not None:  # what the sender's own module built is reported there, where it is sent
            built = replace(call, positional=[self.returned_by(self._built_in(p, home[0])) for p in call.positional],
                            keyword={k: self.returned_by(self._built_in(v, home[0])) for k, v in call.keyword.items()},
                            location=home[1])
            _add_new(home[0], settle(built, *found, catalogue))
            call = replace(call, positional=[self._built_in(p, home[0], False) for p in call.positional],
                           keyword={k: self._built_in(v, home[0], False) for k, v in call.keyword.items()})
        given = replace(call, positional=[self.returned_by(p) for p in call.positional],
                        keyword={k: self.returned_by(v) for k, v in call.keyword.items()})
        seen = {(f.category, f.service, f.location.line) for f in result.flows}
        _sent_through(result, [f for f in settle(given, *found, catalogue)
                               if (f.category, f.service, f.location.line) not in seen])

    def _home(self, call: ImportedCall) -> tuple[FileResult, Location] | None:
        """The file that defines the method a call of another file settles against, and where that method sends."""
        key = self.pick(call.callee, near=call.location.path) if "." not in call.callee else call.callee
        home = self.homes.get(key or "")
        if key is None or home is None or home.path == call.location.path or key not in self.sinks:
            return None
        return home, self.sinks[key]

    def _built_in(self, found: list[Taint], home: FileResult, inside: bool = True) -> list[Taint]:
        """The return markers (`amplitude.build_event_data(request)`) of methods `home` defines (`inside`), or the
        rest: django-amplitude's middleware hands its event builder's result to its sender, and what the builder
        read from the request is that module's to report."""
        out = []
        for taint in found:
            category = taint[0]
            key = None
            if category.startswith(RETURN) and not category.startswith((RETURN + FIELDS, RETURN + FUNCTION)):
                method, _, receiver = category[len(RETURN):].partition("@")
                key = self.pick(method, receiver)
            if (key is not None and self.homes.get(key) is home) == inside:
                out.append(taint)
        return out


_SIGNAL_SENDS = frozenset({"send", "send_robust", "asend", "asend_robust"})


def _dispatched(call: ImportedCall) -> bool:
    """`customer_was_created.send(sender=response, customer_id=...)`: a Django signal's dispatch to its receivers,
    not the project's one class defining `send` (heldout9: flask-postmark's Postmark.send, once its `-> PostmarkClient`
    getter bound, took every signal of the other packages scanned beside it)."""
    return call.callee.rpartition(".")[2] in _SIGNAL_SENDS and "sender" in call.keyword


class _Senders:
    """Which functions and methods of the project send which of their parameters to a service (summaries), grown
    across modules: a function handing its own parameter to another module's sender is a sender too, and so are
    its callers, in its module or others (`views.checkout` -> `utils.process_payment` -> `helpers.post`)."""

    _ROUNDS = 6  # callers up; real call chains settle in a few

    def __init__(self, summaries: dict[str, tuple[list[str], list[Summary]]], methods: _Methods, hierarchy: Hierarchy,
                 catalogue: Catalogue) -> None:
        self.summaries = summaries  # `module.func` -> (parameters, summary)
        self.methods = methods  # `Class.method` -> (parameters, summary) in methods.sends
        self.functions = _Qualified(summaries)
        self.hierarchy = hierarchy
        self.catalogue = catalogue

    def inherited(self, call: ImportedCall) -> tuple[list[str], list[Summary]] | None:
        """A method the project's class inherits from an SDK's (`self.smtp.send_message(msg)` with
        `class Email(smtplib.SMTP)` defining only `__init__`): the SDK's method, which sends what it is given."""
        owner, _, method = call.callee.rpartition(".")
        if not owner or method.startswith("_") or owner.rpartition(".")[2] in self.methods.definitions.get(method, ()):
            return None  # (a method the project's class defines itself runs the project's code)
        if (sdk := self.hierarchy.sdk_base(owner, self.catalogue)) is None:
            return None
        base, service = sdk
        params = [f"#{i}" for i in range(len(call.positional))] + list(call.keyword)
        return params, [(p, service, f"{base}.{method}", ()) for p in params]

    def function(self, q: str) -> tuple[list[str], list[Summary]] | None:
        """The summary of a module's function, or of a method named through its class
        (`helper.get_response(data)` with `helper = AIMPaymentHelper(...)` from helpers.py)."""
        found = self.functions.get(q)
        if found is None and q.count(".") >= 2:
            found = self.methods.sends.get(".".join(q.rsplit(".", 2)[1:]))
        name = q.rpartition(".")[2]
        if found is None and name[:1].isupper():  # TaskEmail(subject, user.email): what its constructor's state sends
            found = self.methods.sends.get(f"{name}.__init__")
        return found

    def local(self, call: ImportedCall) -> tuple[list[str], list[Summary]] | None:
        """The summary of a function or method of the caller's own module."""
        if "." in call.callee:
            return self.methods.sends.get(call.callee)
        return self.summaries.get(f"{call.caller[0]}.{call.callee}")

    def climb(self, calls: list[tuple[FileResult, ImportedCall]], method_calls: list[tuple[FileResult, ImportedCall]],
              local: list[tuple[FileResult, ImportedCall]]) -> None:
        pending = [(call, kind) for kind, found in (("function", calls), ("method", method_calls), ("local", local))
                   for _, call in found if call.caller[1] and hands_on(call.positional, call.keyword, (MARKER, ATTR))]
        for _ in range(self._ROUNDS):
            grew = False
            for call, kind in pending:
                known = self._summary(call, kind)
                for entry in grown(call, *known) if known else ():
                    grew |= self._add_state(call, entry) if entry[0].startswith(ATTR) else self._add(call, entry)
            if not grew:
                return

    def _summary(self, call: ImportedCall, kind: str) -> tuple[list[str], list[Summary]] | None:
        if kind == "local":
            return self.local(call)
        if kind == "function":
            return self.function(call.callee) or self.inherited(call)
        if _dispatched(call):
            return None
        key = self.methods.pick(call.callee, near=call.location.path)
        return self.methods.sends.get(key) if key else None

    def _add(self, call: ImportedCall, entry: Summary) -> bool:
        module, key = call.caller
        if "." in key:
            table = self.methods.sends
        else:
            table, key = self.summaries, f"{module}.{key}"
        if key not in table and table is self.summaries:
            self.functions.index(key)  # a new sender, to be found by name
        _params, summary = table.setdefault(key, (list(call.caller_params), []))
        if entry in summary:
            return False
        summary.append(entry)
        return True

    def _add_state(self, call: ImportedCall, entry: Summary) -> bool:
        """An attribute the caller's object got from its constructor reaches a sender: the constructor's
        parameters stored in it join the constructor's summary (`TaskEmail(user.email)` then sends it)."""
        owner = call.caller[1].partition(".")[0] if "." in call.caller[1] else ""
        params, attributes = self.methods.stored.get(owner, ([], {}))
        grew = False
        for param in attributes.get(entry[0][len(ATTR):], ()):
            grew |= self._add(replace(call, caller=(call.caller[0], f"{owner}.__init__"), caller_params=tuple(params)),
                              (param, *entry[1:]))
        return grew


class _Qualified(Generic[_V]):
    """A table keyed by qualified names that also answers for the same module named from another scan
    root (`app.utils.send_email` for `backend.app.utils.send_email`), when only one key matches."""

    def __init__(self, table: dict[str, _V]) -> None:
        self.table = table
        self.by_name: dict[str, list[str]] = {}
        for key in table:
            self.index(key)

    def index(self, key: str) -> None:
        """Find `key` by its last name too (the table itself is the caller's to fill)."""
        self.by_name.setdefault(key.rsplit(".", 1)[-1], []).append(key)

    def get(self, name: str) -> _V | None:
        if name in self.table:
            return self.table[name]
        candidates = self.by_name.get(name.rsplit(".", 1)[-1], [])
        matching = [k for k in candidates if k.endswith("." + name) or name.endswith("." + k)]
        return self.table[matching[0]] if len(matching) == 1 else None


def _through_alias(result: FileResult, call: ViaCall, aliases: _Qualified[str], rules: RuleSet, methods: _Methods) -> None:
    """`stripe.Customer.create(email=...)` with `stripe` imported from a module that says `stripe_api = stripe`:
    a call to `stripe.Customer.create`. The module may be named from another root (`app.api`, `backend.app.api`)."""
    bound = call.bound
    target = aliases.get(bound)
    rest = call.callee[len(bound) + 1:].split(".")
    if target is None and len(rest) >= 2:  # session.session.send_message(m): the client an attribute holds
        bound = f"{bound}.{rest[0]}"
        target = aliases.get(bound)
    if target is None:
        return
    q = target + call.callee[len(bound):]
    catalogue = rules.catalogue
    if target.startswith(HTTP_CLIENTS):  # session = await get_session(): an HTTP client, sent where the URL says
        service = _http_service(call, q, catalogue)
        if service is not None:
            if not any(u.service == service and u.location.line == call.location.line for u in result.services):
                result.services.append(ServiceUse(service, "domain", call.evidence, call.location, "high"))
            found = methods.returned_by(argument_taints(catalogue, list(call.args), q, service))
            add_call_flows(result, found, service, q, call.location, call.evidence, catalogue, fields=False)
        return
    service = catalogue.by_import(q)
    if service is None or q.partition(".")[0] == bound.partition(".")[0]:
        return  # (a package whose own name is an SDK's, sentry_sdk, aliasing its own modules is no use of it)
    result.services.append(ServiceUse(service, "call", call.evidence, call.location, "high"))
    found = methods.returned_by(argument_taints(catalogue, list(call.args), q, service))
    add_call_flows(result, found, service, q, call.location, call.evidence, catalogue, fields=False)


def _http_service(call: ViaCall, q: str, catalogue: Catalogue) -> str | None:
    """The catalogued service an HTTP client's call (`session.post(URL, json=...)`) names by its literal URL."""
    verb = q.rpartition(".")[2]
    if verb not in HTTP_VERBS:
        return None
    index = 1 if verb == "request" else 0
    url = next((a for a in call.args if a.index == index or a.keyword == "url"), None)
    if url is None or not url.fixed:
        return None
    try:
        text = ast.literal_eval(url.text)
    except (ValueError, SyntaxError):
        return None
    return url_service(text, catalogue) if isinstance(text, str) else None


def _to_built_url(result: FileResult, call: BuiltUrlCall, builders: _Qualified[dict[str, str]], catalogue: Catalogue,
                  methods: _Methods) -> None:
    """`requests.get(params["utm_url"], headers=...)` with `params = build_ga_params(request)` from another module,
    whose returned `utm_url` is built on Google Analytics' collector: a call to that service, sending what its
    arguments carry (the builder's returns put in). It replaces the configured recipient the file pass named."""
    service = (_method_builder(builders, call.builder[len(METHOD_BUILDER):]) if call.builder.startswith(METHOD_BUILDER)
               else builders.get(call.builder) or {}).get(call.key)
    if service is None:
        return
    if call.replaces:
        line = call.location.line
        result.flows = [f for f in result.flows if not (f.service == call.replaces and f.location.line == line)]
        result.services = [u for u in result.services if not (u.service == call.replaces and u.location.line == line)]
    result.services.append(ServiceUse(service, "domain", call.evidence, call.location, "medium"))
    found = methods.returned_by(argument_taints(catalogue, list(call.args), call.q, service))
    # (a field read on a row, `obj.amount` with `obj: Refund`, is the inventory's to settle: heldout19's alipay refund)
    add_call_flows(result, found, service, call.q, call.location, call.evidence, catalogue)


def _method_builder(builders: _Qualified[dict[str, str]], method: str) -> dict[str, str]:
    """What the URL returned by the one project class's method of this name names (`client.create_refund_url(...)`
    with `AlipayCertClient.create_refund_url` returning `self.gateway + query`); {} when no class, or several, do."""
    keys = [k for k in builders.by_name.get(method, []) if k.rsplit(".", 2)[-2][:1].isupper()]
    return builders.table[keys[0]] if len(keys) == 1 else {}


def _construct(result: FileResult, call: ImportedCall, hierarchy: Hierarchy, rules: RuleSet) -> None:
    """`CustomEmail(to=to, body=text)` with `class CustomEmail(EmailMultiAlternatives)` in the project:
    a call to the SDK class, whose arguments mean what the SDK's do."""
    sdk = hierarchy.sdk_base(call.callee, rules.catalogue)
    if sdk is None:
        return
    base, service = sdk
    found = argument_taints(rules.catalogue, list(call.args), base, service)
    built = base in MESSAGE_CLASSES  # a message is the service's only once it carries a person's data
    if (sendable(found) or not built) and not any(u.service == service and u.location.line == call.location.line
                                        for u in result.services):
        result.services.append(ServiceUse(service, "call", call.evidence, call.location, "medium" if built else "high"))
    add_call_flows(result, found, service, call.callee.rsplit(".", 1)[-1], call.location, call.evidence, rules.catalogue,
                   fields=False)


def _add_new(result: FileResult, flows: list[Flow]) -> None:
    """Flows the file does not report yet (each datum, service and line once)."""
    seen = {(f.category, f.service, f.location.line) for f in result.flows}
    result.flows.extend(f for f in flows if (f.category, f.service, f.location.line) not in seen)


def _sent_through(result: FileResult, flows: list[Flow]) -> None:
    """Flows a call makes through the project's own sender (`post("applicants", data)` in onfido/api.py): the
    call is where this module uses the service, as a privacy officer reads it, whoever makes the request."""
    result.flows.extend(flows)
    used = {(u.service, u.location.line) for u in result.services}
    for flow in flows:
        if (flow.service, flow.location.line) not in used:
            used.add((flow.service, flow.location.line))
            result.services.append(ServiceUse(flow.service, "call", flow.evidence, flow.location, "medium"))


def _lookup(ref: str, constants: dict[str, dict[str, str]]) -> str | None:
    module, _, name = ref.rpartition(".")
    if module.endswith("settings") or module in ("settings", "conf.settings"):
        # django.conf.settings.X / settings.X: any settings or config module of the project
        for mod, values in constants.items():
            if name in values and ("settings" in mod or "config" in mod):
                return values[name]
        return None
    for mod, values in constants.items():
        if name in values and (mod == module or mod.endswith("." + module) or module.endswith("." + mod)):
            return values[name]
    return None


def _resolve_http(result: FileResult, call: PendingCall, constants: dict[str, dict[str, str]], rules: RuleSet) -> None:
    text = []
    for kind, value in call.parts:
        if kind == "text":
            text.append(value)
        elif kind == "ref":
            text.append(_lookup(value, constants) or "{}")
        else:
            text.append("{}")
    service = url_service("".join(text), rules.catalogue)  # host and path: github.com/login/oauth is the sign-in
    if service is None:
        return
    result.services.append(ServiceUse(service, "domain", call.evidence, call.location, "high"))
    for category, path in call.flows:
        if category := landed(rules.catalogue, category, service, call.q) or "":
            result.flows.append(Flow(category, service, call.location, path + (call.q,), call.evidence))
