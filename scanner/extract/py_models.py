"""Declared records: Django models/forms/serializers, SQLAlchemy, pydantic, dataclasses, attrs, TypedDict, marshmallow.

A field is reported with its framework's own meaning: the field class is the
type evidence (`EmailField`, `GenericIPAddressField`). Classes whose kind only
a base in another file can tell keep their fields `pending`; inheritance and
those bases are resolved by the cross-file pass (python_project.py).
"""

from __future__ import annotations

import libcst as cst

from scanner.classify_tokens import tokenize
from scanner.extract.py_common import Batchable, ClassRecord, Context, args_of, code, dotted, label_of, last, string
from scanner.extract.py_frameworks import (DATACLASS_DECORATORS, DJANGO_LINKS, RELATIONS, base_kind, installed_app,
                                           column_type, field_module_kind, foreign_key_link, relation_target)
from scanner.extract.py_schema_calls import Declared, declaration, settle
from scanner.inventory import ParseError, RawField

# `deferred(Column(...))` and `column_property(Column(...))` are read through the Column they wrap
# (`_wrapped`); `column_property(first + " " + last)` is an expression computed on load, not a column.
_SQLA_COLUMNS = {"Column", "mapped_column"}
SCHEMA_CALL_KIND = "schema_call"  # a record declared by one call (Roundup's `Class(db, "user", ...)`)
# MongoEngine's ReferenceField stores the referenced document's id, as Django's ForeignKey stores a key
_DOCUMENT_LINKS = {"ReferenceField"}
_ANY_NAME_KINDS = {"marshmallow", "dataclass", "pydantic",  # fields.Str(), attr.ib(), Field(...)
                   "tryton", "odoo", "pony", "piccolo", "ormar"}  # fields.Char(), Required(str), Varchar(), String()
# Tryton's and Odoo's fields: a link to another model's row (`Many2One('party.party', 'Patient')`), the rows of
# another model (not a column here), and wrappers of the field they compute or store per company
_ERP_LINKS = {"Many2One", "Many2one", "One2One", "Reference"}
_ERP_ROWS = {"One2Many", "One2many", "Many2Many", "Many2many", "Set"}  # (pony's `Set("Order")` too)
_ERP_WRAPPERS = {"Function", "MultiValue", "Property", "TimeDelta"}
_PONY_TYPES = {"str", "int", "float", "bool", "bytes", "Decimal", "date", "datetime", "time", "timedelta", "UUID",
               "Json", "LongStr", "LongUnicode", "buffer", "unicode"}
_WRAPPERS = {"Optional", "Mapped", "Annotated", "Union", "Required", "NotRequired", "ReadOnly", "Final",
             "MappedColumn", "WriteOnlyMapped", "DynamicMapped"}
_SKIP_ANNOTATIONS = {"ClassVar"}
_WRAP_DEPTH = 2  # `field(encrypt(CharField()))`: wrappers of wrappers, but no deeper search
# options only a Django model field takes: `context = context_field_class(_("Context"), blank=True, null=True)`
# is a field whatever the factory is called (post_office's field class comes from its settings)
_DJANGO_FIELD_OPTIONS = {"blank", "null", "verbose_name", "db_column", "db_index", "max_length", "help_text"}
_NOT_FIELDS = ("Manager", "Panel", "Tracker", "Records")  # taggit's TaggableManager(blank=True), wagtail panels
_DECLARED_ATTR = "declared_attr"  # sqlalchemy.orm.declared_attr, also `.directive` and `.cascading`
INSTALLED_APPS_KEY = "py_installed_apps"  # (app, where a settings list names it), for the cross-file pass
COLUMNS_KEY = "py_stored_columns"  # (raw field, the column it is stored in under another name): python_project
AUTH_USER_MODEL_KEY = "py_auth_user_model"  # settings name a user model of their own: Django's User is not used
# Django's table names, for the project pass (py_inherit.django_tables): (model qualified, Meta.db_table), and
# (AppConfig qualified, "name" or "label", value)
DB_TABLES_KEY = "py_db_tables"
APP_CONFIGS_KEY = "py_app_configs"
_APP_CONFIG = ("django.apps.AppConfig", "AppConfig")

# Kinds whose `class Meta: fields = [...]` lists collected input (DRF ModelSerializer, ModelForm, marshmallow).
META_FIELD_KINDS = {"drf_serializer", "django_form", "marshmallow"}
# Kinds whose bare annotations declare fields (elsewhere `id: int` is only a type hint).
ANNOTATION_KINDS = {"pydantic", "dataclass", "typeddict", "sqlalchemy"}


def annotation_type(node: cst.BaseExpression) -> str:
    """`Mapped[Optional[EmailStr]]` -> EmailStr; `str | None` -> str."""
    if isinstance(node, cst.Subscript):
        head = last(dotted(node.value) or "")
        element = node.slice[0].slice if node.slice else None
        if head in _WRAPPERS and isinstance(element, cst.Index):
            return annotation_type(element.value)
        return head
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.BitOr):
        left = annotation_type(node.left)
        return left if left != "None" else annotation_type(node.right)
    if isinstance(node, cst.SimpleString):
        return last((string(node) or "").split("[")[0])
    return last(dotted(node) or "")


def _db_column(call: cst.Call) -> str:
    """The column a field is stored in when the code names it: Django's `db_column`, peewee's `column_name`."""
    _, keywords = args_of(call)
    return next((text for k in ("db_column", "column_name") if (text := string(keywords.get(k)))), "")


def _wrapped(call: cst.Call) -> cst.Call | None:
    """The call a non-field call wraps, which may be a field constructor: its `field=` or
    `base_field=` keyword, else its first positional argument (`deferred(Column(...))`,
    udata's `field(StringField(...), readonly=True)`, django-cryptography's
    `encrypt(models.CharField(...))`). A wrapper of a function or a name (`property(get_name)`,
    `cached_property(f)`) wraps no call, so it is no field."""
    positional, keywords = args_of(call)
    inner = keywords.get("field") or keywords.get("base_field") or (positional[0] if positional else None)
    return inner if isinstance(inner, cst.Call) else None


# the last word of a class named for what its objects do, not for what they hold: `email: EmailValidator` and
# `client: ClientSession` on a dataclass hold a validator and an HTTP session, no e-mail address and no client's id
_ROLE_WORDS = frozenset({"validator", "client", "session", "service", "manager", "handler", "backend", "factory",
                         "engine", "connection", "pool", "logger", "executor", "registry", "repository", "adapter",
                         "sender", "dispatcher", "gateway", "controller", "cursor", "lock", "semaphore"})


# names in an annotation that say how many or whether, not what: `Optional[List[WebPage]]` holds WebPages
_TYPE_SHAPES = {"Optional", "List", "Dict", "Union", "Sequence", "Set", "Tuple", "FrozenSet", "Iterable", "Mapping",
                "list", "dict", "set", "tuple", "frozenset", "None", "str", "int", "float", "bool", "bytes", "Any",
                "Annotated"}


def _annotated_names(node: cst.BaseExpression) -> list[str]:
    """The type names an annotation is made of (`Dict[str, OnlineContext]` -> Dict, str, OnlineContext); "?"
    for a part that is no name (a literal, a call), so that such an annotation names no record alone."""
    if isinstance(node, (cst.Name, cst.Attribute)):
        return [last(dotted(node) or "?")]
    if isinstance(node, cst.SimpleString):
        text = (string(node) or "").strip()
        return [text] if text.isidentifier() else ["?"]
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.BitOr):
        return _annotated_names(node.left) + _annotated_names(node.right)
    if isinstance(node, cst.Subscript):
        head = last(dotted(node.value) or "?")
        elements = [e.slice.value for e in node.slice if isinstance(e.slice, cst.Index)]
        if head == "Annotated":
            elements = elements[:1]  # `Annotated[Foo, Field(...)]` is a Foo
        return [head] + [n for e in elements for n in _annotated_names(e)]
    return ["?"]


def _relation_annotation(node: cst.BaseExpression) -> bool:
    """`Mapped["User"]`, `Mapped[list["Address"]]`: relationships, not columns."""
    if isinstance(node, cst.Subscript) and last(dotted(node.value) or "") == "Mapped":
        element = node.slice[0].slice if node.slice else None
        inner = element.value if isinstance(element, cst.Index) else None
        if isinstance(inner, cst.SimpleString):
            return True
        if isinstance(inner, cst.Subscript) and last(dotted(inner.value) or "") in ("list", "List", "set", "Set"):
            return True
    return False


class ModelVisitor(Batchable):
    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.by_name: dict[str, ClassRecord] = {}
        self.seen: dict[str, int] = {}  # classes of each name left so far, for class_line
        self.meta_fields: dict[int, list[tuple[str, cst.CSTNode]]] = {}  # id(record) -> Meta.fields names
        # `TextURLField = partial(models.TextField, validators=[...])`: a module's own name for a field class
        self.partials: dict[str, cst.BaseExpression] = {}
        self.declared: list[Declared] = []  # `Class(db, "user", address=String())`: py_schema_calls

    # -- classes ---------------------------------------------------------------------
    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        record = self.ctx.class_body
        if record is None:
            return
        record.kind = self._kind(node, record)
        self.by_name[record.name] = record

    def _kind(self, node: cst.ClassDef, record: ClassRecord) -> str:
        for deco in node.decorators:
            target = deco.decorator.func if isinstance(deco.decorator, cst.Call) else deco.decorator
            if (self.ctx.qualify(target) or "") in DATACLASS_DECORATORS:
                return "dataclass"
        module = self.ctx.module
        # SQLModel: `class User(UserBase, table=True)` is a table; without table=True it is a pydantic schema
        table = any(k.keyword is not None and k.keyword.value == "table" and isinstance(k.value, cst.Name)
                    and k.value.value == "True" for k in node.keywords)
        for keyword in node.keywords:  # Tryton's `class Party(metaclass=PoolMeta)`: an extension of a model
            if keyword.keyword is not None and keyword.keyword.value == "metaclass" and \
                    (kind := base_kind(self.ctx.qualify(keyword.value) or "")) is not None:
                return kind
        for base in record.bases:
            kind = base_kind(base)
            if kind is not None:
                return ("sqlalchemy" if table else "pydantic") if base.startswith("sqlmodel.") else kind
            # a class of this module, as ScopeEnter qualified it (`app.models.Base`) or left it (`Base`)
            name = base[len(module) + 1 :] if module and base.startswith(module + ".") else base
            local = self.by_name.get(name)
            if local is not None and local.kind:
                return "sqlalchemy" if table else local.kind
        return ""

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        record = self.ctx.class_body
        if record is None:
            return
        listed = self.meta_fields.pop(id(record), [])
        if listed and record.kind in META_FIELD_KINDS | {""}:
            # ModelSerializer/ModelForm `Meta.fields`: the model fields the endpoint or form takes in
            declared = {f.name for f in (*record.fields, *record.pending)}
            kind = record.kind
            for name, node in listed:
                if name not in declared:
                    declared.add(name)
                    raw = RawField(name, record.name, kind, self.ctx.loc(node), code(node), "")
                    if kind:
                        record.fields.append(raw)
                        self.ctx.raw.append(raw)
                    else:
                        record.pending.append(raw)  # kept if a base in another file makes it a serializer or form
        self.seen[record.name] = self.seen.get(record.name, 0) + 1
        if record.fields or record.pending or record.annotated or record.services or any(b and not b.startswith(("builtins", "object")) for b in record.bases):
            nth = self.seen.get(record.name, 0)
            record.line = self.ctx.class_line(record.name, nth)
            self.ctx.defer("py_classes", record)

    # -- class-body fields -------------------------------------------------------------
    def visit_Assign(self, node: cst.Assign) -> None:
        record = self.ctx.class_body
        if len(node.targets) != 1 or not isinstance(node.targets[0].target, cst.Name):
            return
        if record is None:
            value = node.value
            if len(self.ctx.scopes) == 1 and isinstance(value, cst.Call) and value.args and value.args[0].keyword is None \
                    and (self.ctx.qualify(value.func) or "") == "functools.partial":
                self.partials[node.targets[0].target.value] = value.args[0].value
            self._installed_apps(node.targets[0].target.value, value)
            if len(self.ctx.scopes) == 1 and node.targets[0].target.value == "AUTH_USER_MODEL" \
                    and string(value) != "auth.User":
                self.ctx.defer(AUTH_USER_MODEL_KEY, True)
            return
        name = node.targets[0].target.value
        if record.name == "Meta" and name in ("abstract", "proxy") and isinstance(node.value, cst.Name) \
                and node.value.value == "True":
            outer = self.ctx.scopes[-2].record if len(self.ctx.scopes) > 1 else None
            if outer is not None:
                setattr(outer, name, True)
            return
        if record.name == "Meta" and name == "db_table":  # the Django model's table, for SQL on it (project pass)
            outer = self.ctx.scopes[-2].record if len(self.ctx.scopes) > 1 else None
            table = self.ctx.constant(node.value)
            if outer is not None and table:
                self.ctx.defer(DB_TABLES_KEY, (outer.qualified, table))
            return
        if record.name == "Meta" and name in ("table_name", "table"):  # peewee's, Tortoise's: the model's table
            outer = self.ctx.scopes[-2].record if len(self.ctx.scopes) > 1 else None
            if outer is not None and not outer.table and (table := self.ctx.constant(node.value)):
                outer.table = table
            return
        if name in ("name", "label") and any(b in _APP_CONFIG for b in record.bases) and (text := string(node.value)):
            self.ctx.defer(APP_CONFIGS_KEY, (record.qualified, name, text))  # `label` names the app's tables
            return
        if record.name == "Meta" and name in ("fields", "exclude", "model"):
            outer = self.ctx.scopes[-2].record if len(self.ctx.scopes) > 1 else None
            if outer is None:
                return
            listed = node.value.elements if isinstance(node.value, (cst.List, cst.Tuple)) else None
            if name == "model":
                outer.meta_model = self.ctx.qualify(node.value) or dotted(node.value) or ""
            elif name == "fields" and listed is not None:
                self.meta_fields[id(outer)] = [(text, e.value) for e in listed if (text := string(e.value))]
            elif name == "fields" and string(node.value) == "__all__":
                outer.meta_all = self.ctx.loc(node)  # every field of Meta.model, settled across files
            elif name == "exclude" and listed is not None:
                outer.meta_all = self.ctx.loc(node)
                outer.meta_exclude = tuple(text for e in listed if (text := string(e.value)))
            return
        if name == "__table_args__":  # a dict, or a tuple of constraints ending with one
            options = node.value.elements[-1].value if isinstance(node.value, cst.Tuple) and node.value.elements \
                else node.value
            if isinstance(options, cst.Dict):
                record.schema = next((string(e.value) or "" for e in options.elements
                                      if isinstance(e, cst.DictElement) and string(e.key) == "schema"), "")
        elif name == "__tablename__":  # a literal, or a module constant (`__tablename__ = AUDIT_TABLE_NAME`)
            record.table = self.ctx.constant(node.value) or "?"
            record.kind = record.kind or "sqlalchemy"
        elif isinstance(node.value, cst.Call):
            self._call_field(record, name, node.value, node)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        if self.ctx.class_body is None and isinstance(node.target, cst.Name):  # INSTALLED_APPS += ["knox"]
            self._installed_apps(node.target.value, node.value)

    def _installed_apps(self, name: str, value: cst.BaseExpression) -> None:
        """A module-level list of Django apps (`INSTALLED_APPS`, `THIRD_PARTY_APPS`) naming an app whose own tables
        hold personal data (rules/django_apps.yaml): the cross-file pass reports them once, at the first such line."""
        if len(self.ctx.scopes) != 1 or not name.endswith("APPS") or not isinstance(value, (cst.List, cst.Tuple)):
            return
        for element in value.elements:
            entry = string(element.value)
            app = installed_app(entry) if entry else None
            if app is not None:
                self.ctx.defer(INSTALLED_APPS_KEY, (app, self.ctx.loc(element.value)))

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        record = self.ctx.class_body
        if record is None or not isinstance(node.target, cst.Name):
            return
        annotation = node.annotation.annotation
        head = last(dotted(annotation.value if isinstance(annotation, cst.Subscript) else annotation) or "")
        if head in _SKIP_ANNOTATIONS:
            return
        # `Mapped["WKBElement"] = mapped_column(Geometry(...))`: the value decides, a forward reference or a
        # list in the annotation makes a relationship only when no column is assigned
        relation = _relation_annotation(annotation)
        if head != "Mapped" and self._nested_record(annotation):
            names = [n for n in _annotated_names(annotation) if n not in _WRAPPERS and n != "None"]
            if len(names) == 1:  # one record, no collection of them: kept if that record says nothing itself
                raw = RawField(node.target.value, record.name, record.kind, self.ctx.loc(node), code(node), names[0])
                record.nested.append((raw, f"{self.ctx.module}.{names[0]}" if self.ctx.module else names[0]))
            return
        if isinstance(node.value, cst.Call):
            if self._call_field(record, node.target.value, node.value, node, annotation_type(annotation)):
                return
            if relation or last(dotted(node.value.func) or "") in RELATIONS:
                return
        elif relation:
            return
        before = len(record.fields) + len(record.pending) + len(record.annotated)
        if head == "Mapped":
            self._add(record, node.target.value, record.kind or "sqlalchemy", annotation_type(annotation), node)
            return
        if record.kind in ANNOTATION_KINDS:
            self._add(record, node.target.value, record.kind, annotation_type(annotation), node)
        elif not record.kind and not node.target.value.startswith("_"):
            raw = RawField(node.target.value, record.name, "", self.ctx.loc(node), code(node), annotation_type(annotation))
            record.annotated.append(raw)
        held = self._object_class(annotation) if len(record.fields) + len(record.pending) + len(record.annotated) > before \
            else ""
        if held:  # the attribute just added: kept by the cross-file pass only if that class is a record
            raw = next(r for r in (*record.fields, *record.pending, *record.annotated)[::-1] if r.name == node.target.value)
            record.objects.append((raw, held))

    def _object_class(self, annotation: cst.BaseExpression) -> str:
        """The qualified name of the one class an annotation names, when that class is named for what it does rather
        than what it holds (`EmailValidator`, `mcp.ClientSession`; a one-word `Client` or `Session` only from another
        package: the project's own may be a customer's record). An SDK's data object (`stripe.Customer`) holds data."""
        names = [n for n in _annotated_names(annotation) if n not in _WRAPPERS and n != "None"]
        node = annotation
        while isinstance(node, cst.Subscript) and last(dotted(node.value) or "") in _WRAPPERS and node.slice \
                and isinstance(node.slice[0].slice, cst.Index):
            node = node.slice[0].slice.value
        if len(names) != 1 or not isinstance(node, (cst.Name, cst.Attribute, cst.SimpleString)) \
                or not names[0][:1].isupper():
            return ""
        qualified = (self.ctx.qualify(node) if not isinstance(node, cst.SimpleString) else None) or names[0]
        top = qualified.partition(".")[0]
        foreign = "." in qualified and top != self.ctx.module.partition(".")[0]
        words = tokenize(names[0])
        if words and words[-1] in _ROLE_WORDS and (len(words) > 1 or foreign):
            return qualified
        return ""

    def _nested_record(self, annotation: cst.BaseExpression) -> bool:
        """`data: List[StripeCustomer]`, `context: Dict[str, OnlineContext]` on a schema: a record of this module
        nested in another. Its fields are reported where it is declared; the attribute adds no datum."""
        names = [n for n in _annotated_names(annotation) if n not in _TYPE_SHAPES]
        records = [self.by_name.get(n) for n in names]
        return bool(names) and all(r is not None and (r.kind or r.fields) for r in records)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        # `@declared_attr def created_by_fk(cls): return Column(ForeignKey(...))`: a column made by a method
        scopes = self.ctx.scopes
        record = scopes[-2].record if len(scopes) > 1 and scopes[-2].kind == "class" else None
        if record is None or not any(_DECLARED_ATTR in (dotted(d.decorator) or "") for d in node.decorators):
            return
        body = node.body.body if isinstance(node.body, cst.IndentedBlock) else ()
        for statement in body:
            small = statement.body if isinstance(statement, cst.SimpleStatementLine) else ()
            for line in small:
                if isinstance(line, cst.Return) and node.name.value == "__tablename__":
                    # `@declared_attr def __tablename__(cls): return "client"` maps the class as the assignment does;
                    # a name computed from the class (`cls.__name__.lower()`) is each subclass's own: the cross-file
                    # pass matches such classes by their name (python_project.declared_tables)
                    table = self.ctx.constant(line.value) if line.value is not None else None
                    if table:
                        record.table = table
                        record.kind = record.kind or "sqlalchemy"
                    return
                if isinstance(line, cst.Return) and isinstance(line.value, cst.Call):
                    self._call_field(record, node.name.value, line.value, node)
                    return

    def _call_field(self, record: ClassRecord, name: str, call: cst.Call, node: cst.CSTNode, hint: str = "",
                    depth: int = 0) -> bool:
        """Report `name = SomeField(...)`; False when the call is no field constructor.

        A call that is none but wraps one (`field(StringField(...), readonly=True)`,
        `encrypt(models.CharField(...))`) is that field: see `_wrapped`.
        """
        partial = self.partials.get(dotted(call.func) or "")
        if partial is not None and depth < _WRAP_DEPTH:  # `TextURLField()` is the `models.TextField()` it stands for
            return self._call_field(record, name, call.with_changes(func=partial), node, hint, depth + 1)
        if self._known_field(record, name, call, node, hint):
            return True
        inner = _wrapped(call) if depth < _WRAP_DEPTH else None
        return inner is not None and self._call_field(record, name, inner, node, hint, depth + 1)

    def _known_field(self, record: ClassRecord, name: str, call: cst.Call, node: cst.CSTNode, hint: str) -> bool:
        q = self.ctx.qualify(call.func) or ""
        func = last(q or dotted(call.func) or "")
        module_kind = field_module_kind(q) if q else None
        if module_kind in ("tryton", "odoo", "pony") and (found := self._erp_field(record, name, call, node, func,
                                                                              module_kind)) is not None:
            return found
        if func == "SchemaNode" and (q.startswith("colander.") or record.kind == "colander"):
            return self._colander_node(record, name, call, node)
        if func in RELATIONS:
            if func in DJANGO_LINKS and ("django_model" in (module_kind, record.kind) or module_kind in ("piccolo", "ormar")):
                # a Django relation is a column (`customer_id`) or a join table: a link to a person
                # is that person's identifier, a link to a lookup (Country) the person's attribute
                self._add(record, name, "django_model", f"{func}({relation_target(call)})", node, label_of(call, False))
            elif func in _DOCUMENT_LINKS and record.kind in ("document", "") and module_kind in ("document", None):
                # pending on a class whose base is in another file: kept only if that makes it a record
                self._add(record, name, record.kind or module_kind or "", f"{func}({relation_target(call)})", node,
                          label_of(call, False))
            return True
        if module_kind == "sqlalchemy" or func in _SQLA_COLUMNS:
            if func not in _SQLA_COLUMNS:
                return False
            positional, _ = args_of(call)
            self._add(record, name, record.kind or "sqlalchemy", self._column_type(call, hint), node,
                      label_of(call, positional_label=False), string(positional[0]) or "" if positional else "")
            return True
        positional_label = module_kind in ("django_model", "wtforms")
        column = _db_column(call)
        if module_kind is not None and (func.endswith("Field") or module_kind in _ANY_NAME_KINDS):
            type_hint = func if func.endswith("Field") or module_kind == "marshmallow" else hint
            if func == "Field" and hint:
                type_hint = hint  # pydantic's, SQLModel's `x: EmailStr = Field(...)`: a default's holder, typed by x's annotation
            elif module_kind == "dataclass" and not hint and (declared := args_of(call)[1].get("type")) is not None:
                type_hint = annotation_type(declared)  # attrs' `msisdn = attr.ib(type=str)`: typed as an annotation is
            self._add(record, name, record.kind or module_kind, type_hint or func, node, label_of(call, positional_label),
                      column)
            return True
        if func.endswith("Field") and not func.endswith("Panel"):
            self._add(record, name, record.kind, hint if func == "Field" and hint else func, node, label_of(call, False),
                      column)
            return True
        if record.kind == "django_model" and func and not func.endswith(_NOT_FIELDS) and any(
                k.keyword is not None and k.keyword.value in _DJANGO_FIELD_OPTIONS for k in call.args):
            # its type unknown: the name decides
            self._add(record, name, "django_model", "", node, label_of(call, True), column)
            return True
        return False

    def _colander_node(self, record: ClassRecord, name: str, call: cst.Call, node: cst.CSTNode) -> bool:
        """`colander.SchemaNode(colander.String(), validator=colander.Email(), title="E-mail")`: the node's type is its
        first argument's, an e-mail where its validator checks one; its `title` is its label. On a class whose base
        is in another file (kinto's `resource.ResourceSchema`) it is reported as colander's, as a marshmallow field is."""
        positional, keywords = args_of(call)
        kind = positional[0].func if positional and isinstance(positional[0], cst.Call) else \
            positional[0] if positional else None
        validator = keywords.get("validator")
        checks = last(dotted(validator.func if isinstance(validator, cst.Call) else validator) or "")
        type_hint = "Email" if checks == "Email" else last(dotted(kind) or "") if kind is not None else ""
        self._add(record, name, record.kind or "colander", type_hint, node, string(keywords.get("title")) or "")
        return True

    def _erp_field(self, record: ClassRecord, name: str, call: cst.Call, node: cst.CSTNode, func: str,
                   kind: str) -> bool | None:
        """Tryton's, Odoo's and Pony's fields, whose label is their first string (`fields.Char('First name')`,
        Odoo's `string=`) and whose links name the model they point at; None: read as any field."""
        positional, keywords = args_of(call)
        texts = [t for t in (string(p) for p in positional) if t is not None]
        if func in _ERP_WRAPPERS:
            return False  # `fields.Function(fields.Char('Age'), 'get_age')`: the wrapped field (see `_wrapped`)
        if func in _ERP_ROWS:
            return True
        target = ""
        if func in _ERP_LINKS:  # Many2One('party.party', 'Patient'), Many2one(comodel_name='res.partner')
            target = string(keywords.get("comodel_name") or keywords.get("model_name")) or (texts.pop(0) if texts else "")
        elif kind == "pony" and positional:  # Required(str), Optional(date), Required("User"), Optional(Customer)
            first = positional[0]
            written = string(first) or dotted(first) or ""
            if written.rsplit(".", 1)[-1] not in _PONY_TYPES:
                target, texts = written, []
            else:
                texts = []
        label = string(keywords.get("string")) or (texts[0] if texts else "") or label_of(call, False)
        type_hint = f"ForeignKey({target})" if target else func
        self._add(record, name, record.kind or kind, type_hint, node, label)
        return True

    def _column_type(self, call: cst.Call, hint: str = "") -> str:
        """The column's declared type (else the annotation's); a key column that references another table
        reads as a Django ForeignKey does (`Column(Integer, ForeignKey("address.id"))` -> `ForeignKey(address)`), so
        the table it links decides, whatever the column's name (`created_for`)."""
        positional, _ = args_of(call)
        declared = link = ""
        for value in positional:
            if string(value) is not None:
                continue  # Column("legacy_name", String)
            inner = value.func if isinstance(value, cst.Call) else value
            name = last(dotted(inner) or "")
            if name == "ForeignKey" and isinstance(value, cst.Call):
                link = foreign_key_link(value, self.ctx.constants)
            elif name not in ("ForeignKey", "Sequence", "Identity", "Computed"):
                declared = declared or name
        return column_type(declared or hint, link)

    def _add(self, record: ClassRecord, name: str, kind: str, type_hint: str, node: cst.CSTNode, label: str = "",
             column: str = "") -> None:
        # `_password = Column("password", ...)` is stored like any column; only pydantic's
        # underscore attributes are private state, not fields
        if name.startswith("__") or name in ("objects", "Meta", "model_config") or (
                name.startswith("_") and (kind or record.kind) == "pydantic"):
            return
        raw = RawField(name, record.name, kind, self.ctx.loc(node), code(node), type_hint, label)
        if column and column != name:  # the database holds it as `column`: the cross-file pass reads that name too
            self.ctx.defer(COLUMNS_KEY, (raw, column))
        if kind:
            if not record.kind:
                record.kind = kind
            record.fields.append(raw)
            self.ctx.raw.append(raw)
        else:
            record.pending.append(raw)

    # -- tables and dicts declared by a call ---------------------------------------------
    def visit_Call(self, node: cst.Call) -> None:
        func = last(dotted(node.func) or "")
        if func not in ("Table", "TypedDict"):
            if node.args and (declared := declaration(node)) is not None:
                self.declared.append(declared)  # settled at the module's end, with the module's other ones
            return
        positional, keywords = args_of(node)
        container = string(positional[0]) if positional else None
        if container is None:
            return
        q = self.ctx.qualify(node.func) or ""
        # sqlalchemy.Table, and Flask-SQLAlchemy's `db.Table` (db = SQLAlchemy()), its documented association tables
        if func == "Table" and q.startswith(("sqlalchemy", "flask_sqlalchemy.SQLAlchemy.Table")):
            if self._alembic_revision():
                return
            for value in positional[1:]:
                if isinstance(value, cst.Call) and last(dotted(value.func) or "") == "Column":
                    column = string(value.args[0].value) if value.args else None
                    if column:
                        self._emit(column, container, "sqlalchemy", self._column_type(value), value)
        elif func == "TypedDict" and q.endswith("TypedDict") and len(positional) > 1 and isinstance(positional[1], cst.Dict):
            for element in positional[1].elements:
                key = string(element.key) if isinstance(element, cst.DictElement) else None
                if key and isinstance(element, cst.DictElement):
                    self._emit(key, container, "typeddict", annotation_type(element.value), element)

    def _alembic_revision(self) -> bool:
        """An Alembic revision describes with `sa.Table(...)` a table its chain already has (batch mode's
        `copy_from=`, a handle for `op.bulk_insert` or an UPDATE), in upgrade() and downgrade() alike: no new table
        (audit18 #01, uffd: 256 of 365 fields were such copies of mapped tables). What a revision creates is its
        `op.create_table`, replayed with the chain (py_migrations)."""
        return self.ctx.is_migration and any(q == "alembic" or q.startswith("alembic.")
                                             for q in self.ctx.scopes[0].names.values())

    def leave_Module(self, original_node: cst.Module) -> None:
        if not self.declared:
            return
        read, noted = settle(self.declared)
        for record in read:
            for name, type_hint, node in record.fields:
                self._emit(name, record.container, SCHEMA_CALL_KIND, type_hint, node)
        if noted:
            first = noted[0]
            more = f" and {len(noted) - 1} more like it" if len(noted) > 1 else ""
            self.ctx.result.errors.append(ParseError(self.ctx.loc(first.call), (
                f"record declared by a call not read: {first.callee}(..., {first.container!r}, ...){more} mixes "
                f"column types ({', '.join(n for n, _, _ in first.fields[:3])}) with other arguments, so its "
                "fields are missing")))

    def _emit(self, name: str, container: str, kind: str, type_hint: str, node: cst.CSTNode) -> None:
        self.ctx.raw.append(RawField(name, container, kind, self.ctx.loc(node), code(node), type_hint))
