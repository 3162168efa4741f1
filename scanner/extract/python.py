"""Python extractor: one libcst traversal yields fields, third-party uses and flows.

Everything happens in a single visitor pass (the brief measured
QualifiedNameProvider at 7.7x a parse), so imports and aliases are tracked by
hand: `import sentry_sdk as s`, `from stripe import Charge as C` and
`mp = Mixpanel(token)` all resolve to dotted names the catalogue knows.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from scanner.catalogue import Catalogue
from scanner.classify import Classifier
from scanner.extract.urls import host_of
from scanner.inventory import FileResult, Flow, Location, ParseError, RawField, ServiceUse

# Base classes (qualified, or their last segment for bases we cannot resolve)
# and what kind of record their annotated or assigned attributes are.
_MODEL_BASES = {
    "django.db.models.Model": "django_model",
    "django.contrib.auth.models.AbstractUser": "django_model",
    "django.contrib.auth.models.AbstractBaseUser": "django_model",
    "django.forms.Form": "django_form",
    "django.forms.ModelForm": "django_form",
    "rest_framework.serializers.Serializer": "drf_serializer",
    "rest_framework.serializers.ModelSerializer": "drf_serializer",
    "pydantic.BaseModel": "pydantic",
    "sqlmodel.SQLModel": "sqlalchemy",
    "typing.TypedDict": "typeddict",
    "typing_extensions.TypedDict": "typeddict",
    "marshmallow.Schema": "marshmallow",
    "sqlalchemy.orm.DeclarativeBase": "sqlalchemy",
}
# Fields Django's auth base classes bring to every subclass.
_INHERITED = {
    "django.contrib.auth.models.AbstractUser": [
        ("username", "CharField"), ("first_name", "CharField"), ("last_name", "CharField"),
        ("email", "EmailField"), ("password", "CharField"), ("last_login", "DateTimeField"),
    ],
    "django.contrib.auth.models.AbstractBaseUser": [("password", "CharField"), ("last_login", "DateTimeField")],
}
_DATACLASS_DECORATORS = {"dataclasses.dataclass", "attr.s", "attr.attrs", "attr.define", "attrs.define",
                         "attr.frozen", "attrs.frozen", "pydantic.dataclasses.dataclass"}
_SQLA_COLUMNS = {"sqlalchemy.Column", "sqlalchemy.orm.mapped_column", "sqlalchemy.schema.Column"}
_HTTP_CLIENTS = ("requests", "httpx", "aiohttp", "urllib.request", "urllib3")
_HTTP_VERBS = {"get", "post", "put", "patch", "delete", "request", "head", "urlopen", "Request", "stream", "fetch"}
# request attributes that hold user input, framework-agnostic (Flask, Django, DRF, Starlette)
_REQUEST_SOURCES = {"form", "args", "json", "values", "files", "cookies", "headers", "POST", "GET", "data",
                    "META", "query_params", "COOKIES", "FILES", "get_json"}
_REQUEST_SCALARS = {"remote_addr": "remote_addr", "user_agent": "user_agent", "access_route": "remote_addr"}


@dataclass
class _Scope:
    names: dict[str, str] = field(default_factory=dict)  # local name -> qualified name
    taint: dict[str, list[tuple[str, tuple[str, ...]]]] = field(default_factory=dict)  # var -> (category, path)
    function: str = ""


def _dotted(node: cst.BaseExpression) -> str | None:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        base = _dotted(node.value)
        return f"{base}.{node.attr.value}" if base else None
    return None


def _string(node: cst.BaseExpression | None) -> str | None:
    if isinstance(node, cst.SimpleString):
        value = node.evaluated_value
        return value if isinstance(value, str) else None
    if isinstance(node, cst.ConcatenatedString):
        value = node.evaluated_value
        return value if isinstance(value, str) else None
    return None


def _code(node: cst.CSTNode) -> str:
    text = cst.Module(body=[]).code_for_node(node)
    return " ".join(text.split())[:160]


class _Visitor(cst.CSTVisitor):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, path: str, classifier: Classifier, catalogue: Catalogue) -> None:
        super().__init__()
        self.path = path
        self.classifier = classifier
        self.catalogue = catalogue
        self.result = FileResult(path)
        self.raw_fields: list[RawField] = []
        self.scopes = [_Scope()]
        self.constants: dict[str, str] = {}  # module-level string constants, for URLs
        self.classes: list[tuple[str, str]] = []  # stack of (class name, record kind or "")
        self.class_fields: dict[str, list[RawField]] = {}
        self.class_kinds: dict[str, str] = {}

    # -- helpers -------------------------------------------------------------
    def loc(self, node: cst.CSTNode) -> Location:
        pos = self.get_metadata(PositionProvider, node).start
        return Location(self.path, pos.line, pos.column)

    def qualify(self, node: cst.BaseExpression) -> str | None:
        """Resolve a name or attribute chain through imports and assignments."""
        dotted = _dotted(node)
        if dotted is None:
            if isinstance(node, cst.Call):  # Client().send -> the class's qualified name
                return self.qualify(node.func)
            if isinstance(node, cst.Attribute) and isinstance(node.value, cst.Call):
                base = self.qualify(node.value.func)
                return f"{base}.{node.attr.value}" if base else None
            return None
        head, _, rest = dotted.partition(".")
        for scope in reversed(self.scopes):
            if dotted in scope.names:  # self.client = Client()
                return scope.names[dotted]
            if head in scope.names:
                return f"{scope.names[head]}.{rest}" if rest else scope.names[head]
        return None

    def use(self, service: str, signal: str, node: cst.CSTNode, confidence: str = "high") -> None:
        self.result.services.append(ServiceUse(service, signal, _code(node), self.loc(node), confidence))  # type: ignore[arg-type]

    # -- imports -------------------------------------------------------------
    def visit_Import(self, node: cst.Import) -> None:
        for alias in node.names:
            name = _dotted(alias.name) or ""
            if alias.asname and isinstance(alias.asname.name, cst.Name):
                self.scopes[-1].names[alias.asname.name.value] = name
            else:
                head = name.split(".")[0]
                self.scopes[-1].names[head] = head
            self._import_signal(name, node)

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        if node.relative or node.module is None:
            return  # the project's own modules
        module = _dotted(node.module) or ""
        if isinstance(node.names, cst.ImportStar):
            self._import_signal(module, node)
            return
        for alias in node.names:
            name = _dotted(alias.name) or ""
            local = alias.asname.name.value if alias.asname and isinstance(alias.asname.name, cst.Name) else name
            self.scopes[-1].names[local] = f"{module}.{name}"
            self._import_signal(f"{module}.{name}", node)

    def _import_signal(self, qualified: str, node: cst.CSTNode) -> bool:
        service = self.catalogue.by_import(qualified)
        if service:
            self.use(service, "import", node, "medium")
        return service is not None

    # -- scopes --------------------------------------------------------------
    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.scopes.append(_Scope(function=node.name.value))

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self.scopes.pop()

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        kind = self._record_kind(node)
        self.classes.append((node.name.value, kind))
        self.class_kinds[node.name.value] = kind
        self.class_fields.setdefault(node.name.value, [])
        for base in node.bases:
            q = self.qualify(base.value) or _dotted(base.value) or ""
            for name, type_hint in _INHERITED.get(q, ()):
                self._field(name, type_hint, base, f"inherited from {q.rsplit('.', 1)[-1]}")
            # mixins and abstract bases defined in this file pass their fields on
            local = _dotted(base.value) or ""
            for inherited in self.class_fields.get(local, ()):
                self.raw_fields.append(RawField(inherited.name, node.name.value, inherited.kind, inherited.location,
                                                f"{inherited.evidence}  (inherited from {local})", inherited.type_hint))

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self.classes.pop()

    def _record_kind(self, node: cst.ClassDef) -> str:
        for deco in node.decorators:
            target = deco.decorator.func if isinstance(deco.decorator, cst.Call) else deco.decorator
            if (self.qualify(target) or "") in _DATACLASS_DECORATORS:
                return "dataclass"
        for base in node.bases:
            q = self.qualify(base.value) or ""
            for prefix, kind in _MODEL_BASES.items():
                if q == prefix or q.startswith(prefix + "."):
                    return kind
            local = _dotted(base.value) or ""
            if self.class_kinds.get(local):
                return self.class_kinds[local]
            if local.endswith("models.Model") or local in ("Model", "db.Model"):
                return "django_model" if "models" in local else "sqlalchemy"
            if local in ("Base", "DeclarativeBase") or q.endswith(".Base"):
                return "sqlalchemy"
        return ""

    # -- fields in class bodies ----------------------------------------------
    def _field(self, name: str, type_hint: str, node: cst.CSTNode, evidence: str = "") -> None:
        cls, kind = self.classes[-1]
        raw = RawField(name, cls, kind, self.loc(node), evidence or _code(node), type_hint)
        self.raw_fields.append(raw)
        self.class_fields[cls].append(raw)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if not self.classes or not isinstance(node.target, cst.Name) or len(self.scopes) != 1:
            return
        cls, kind = self.classes[-1]
        name = node.target.value
        if name.startswith("_"):
            return
        annotation = node.annotation.annotation
        type_hint = _code(annotation)
        if isinstance(annotation, cst.Subscript) and (_dotted(annotation.value) or "").endswith("Mapped"):
            kind = kind or "sqlalchemy"
            inner = annotation.slice[0].slice if annotation.slice else None
            type_hint = _code(inner.value) if isinstance(inner, cst.Index) else type_hint
        if isinstance(node.value, cst.Call):
            call_type = self._column_type(node.value)
            if call_type is not None:
                kind = kind or "sqlalchemy"
                type_hint = call_type or type_hint
        if not kind:
            return
        if self.classes[-1][1] != kind:
            self.classes[-1] = (cls, kind)
            self.class_kinds[cls] = kind
        self._field(name, type_hint, node)

    def visit_Assign(self, node: cst.Assign) -> None:
        if len(node.targets) != 1:
            return
        target = node.targets[0].target
        if len(self.scopes) == 1 and not self.classes:
            self._module_assign(target, node.value, node)
        elif len(self.scopes) > 1:
            self._local_assign(target, node.value)
        if self.classes and len(self.scopes) == 1 and isinstance(target, cst.Name) and isinstance(node.value, cst.Call):
            self._class_assign(target.value, node.value, node)

    def _column_type(self, call: cst.Call) -> str | None:
        """Type name of a Column/mapped_column call ("" when untyped); None if not a column."""
        q = self.qualify(call.func) or _dotted(call.func) or ""
        if q not in _SQLA_COLUMNS and not q.endswith((".Column", ".mapped_column")) and q not in ("Column", "mapped_column"):
            return None
        for arg in call.args:
            if arg.keyword is None:
                if _string(arg.value) is not None:
                    continue  # Column("legacy_name", String)
                inner = arg.value.func if isinstance(arg.value, cst.Call) else arg.value
                return (_dotted(inner) or "").rsplit(".", 1)[-1]
        return ""

    def _class_assign(self, name: str, call: cst.Call, node: cst.CSTNode) -> None:
        cls, kind = self.classes[-1]
        if name.startswith("_") or name in ("objects", "Meta"):
            return
        column_type = self._column_type(call)
        func = (_dotted(call.func) or "").rsplit(".", 1)[-1]
        if column_type is not None:
            kind, type_hint = kind or "sqlalchemy", column_type
        elif func.endswith("Field") or func in ("Email", "String", "Str", "Integer", "Date", "DateTime", "Boolean", "IP", "Url"):
            if not kind:
                return
            type_hint = func
        else:
            return
        if func in ("ForeignKey", "relationship", "ManyToManyField", "OneToOneField", "ForeignKeyField"):
            return
        if kind != self.classes[-1][1]:
            self.classes[-1] = (cls, kind)
            self.class_kinds[cls] = kind
        self._field(name, type_hint, node)

    def _module_assign(self, target: cst.BaseAssignTargetExpression, value: cst.BaseExpression, node: cst.CSTNode) -> None:
        if isinstance(target, cst.Name):
            text = _string(value)
            if text is not None:
                self.constants[target.value] = text
            service = self.catalogue.by_setting(target.value) if target.value.isupper() else None
            if service:
                self.use(service, "setting", node, "medium")
        self._local_assign(target, value)

    def _local_assign(self, target: cst.BaseAssignTargetExpression, value: cst.BaseExpression) -> None:
        name = _dotted(target)
        if name is None:
            return
        scope = self.scopes[-1]
        if isinstance(value, cst.Call):
            q = self.qualify(value.func)
            if q and "." in q or (q and self.catalogue.by_import(q)):
                scope.names[name] = q  # mp = Mixpanel(token): mp.track is mixpanel.Mixpanel.track
        if len(self.scopes) > 1:
            sources = list(self._sources(value, 0))
            if sources:
                scope.taint[name] = [(cat, path + (name,)) for cat, path in sources]
        text = _string(value)
        if text is not None and isinstance(target, cst.Name):
            self.constants.setdefault(target.value, text)

    # -- string literals: settings names and backends --------------------------
    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        value = node.evaluated_value
        if not isinstance(value, str) or len(value) > 200:
            return
        if value.isupper() and "_" in value:
            service = self.catalogue.by_setting(value)
            if service:
                self.use(service, "setting", node, "medium")
        elif "." in value and " " not in value:
            service = self.catalogue.by_setting_value(value)
            if service:
                self.use(service, "setting_value", node, "high")

    # -- calls: SDKs, HTTP, request input ------------------------------------
    def visit_Call(self, node: cst.Call) -> None:
        q = self.qualify(node.func)
        if q is None:
            self._request_call(node)
            return
        service = self.catalogue.by_import(q)
        signal = "call"
        if service is None and q in self.catalogue.call_functions and node.args:
            literal = _string(node.args[0].value)
            service = self.catalogue.by_call(q, literal) if literal else None
        if service is None and q.startswith(_HTTP_CLIENTS) and q.rsplit(".", 1)[-1] in _HTTP_VERBS:
            url = self._url_arg(node, q)
            host = host_of(url) if url else None
            service = self.catalogue.by_host(host) if host else None
            signal = "domain"
        if service is None:
            return
        self.use(service, signal, node)
        self._flows(node, service, q)

    def _url_arg(self, node: cst.Call, q: str) -> str | None:
        positional = [a.value for a in node.args if a.keyword is None]
        keyword = {a.keyword.value: a.value for a in node.args if a.keyword is not None}
        index = 1 if q.endswith(".request") else 0
        expr = keyword.get("url") or (positional[index] if len(positional) > index else None)
        return self._resolve_str(expr) if expr is not None else None

    def _resolve_str(self, expr: cst.BaseExpression) -> str | None:
        text = _string(expr)
        if text is not None:
            return text
        if isinstance(expr, cst.Name):
            return self.constants.get(expr.value)
        if isinstance(expr, cst.FormattedString):  # f"{BASE}/track": resolve what we can
            out = []
            for part in expr.parts:
                if isinstance(part, cst.FormattedStringText):
                    out.append(part.value)
                elif isinstance(part.expression, cst.Name) and part.expression.value in self.constants:
                    out.append(self.constants[part.expression.value])
                else:
                    out.append("{}")
            return "".join(out)
        if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Add):
            left = self._resolve_str(expr.left)
            return left + (self._resolve_str(expr.right) or "") if left else None
        return None

    # -- request input ---------------------------------------------------------
    def _request_call(self, node: cst.Call) -> None:
        func = node.func
        if isinstance(func, cst.Attribute) and func.attr.value in ("get", "getlist", "__getitem__"):
            self._request_key(func.value, node.args[0].value if node.args else None, node)

    def visit_Subscript(self, node: cst.Subscript) -> None:
        if len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index):
            self._request_key(node.value, node.slice[0].slice.value, node)

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if node.attr.value in _REQUEST_SCALARS and self._is_request(node.value):
            self._request_field(_REQUEST_SCALARS[node.attr.value], node)

    def _is_request(self, node: cst.BaseExpression) -> bool:
        dotted = _dotted(node) or ""
        return dotted in ("request", "self.request", "req") or (self.qualify(node) or "") in ("flask.request",)

    def _request_key(self, container: cst.BaseExpression, key: cst.BaseExpression | None, node: cst.CSTNode) -> None:
        source = container
        if isinstance(source, cst.Call):  # request.get_json()["email"]
            source = source.func
        if not isinstance(source, cst.Attribute) or source.attr.value not in _REQUEST_SOURCES:
            return
        if not self._is_request(source.value):
            return
        name = _string(key) if key is not None else None
        if name:
            self._request_field(name, node)

    def _request_field(self, name: str, node: cst.CSTNode) -> None:
        function = next((s.function for s in reversed(self.scopes) if s.function), "")
        self.raw_fields.append(RawField(name, function, "request_input", self.loc(node), _code(node)))

    # -- flows -----------------------------------------------------------------
    def _sources(self, expr: cst.CSTNode, depth: int) -> Iterator[tuple[str, tuple[str, ...]]]:
        """Personal data an expression carries, each with the path of names it came by."""
        if depth > 6:
            return
        if isinstance(expr, cst.Name):
            for scope in reversed(self.scopes):
                if expr.value in scope.taint:
                    yield from scope.taint[expr.value]
                    return
            yield from self._classified(expr.value, "", expr.value)
        elif isinstance(expr, cst.Attribute):
            dotted = _dotted(expr)
            if dotted and dotted in self.scopes[-1].taint:
                yield from self.scopes[-1].taint[dotted]
                return
            owner = _dotted(expr.value) or ""
            yield from self._classified(expr.attr.value, owner.rsplit(".", 1)[-1], dotted or expr.attr.value)
        elif isinstance(expr, cst.Subscript):
            key = _string(expr.slice[0].slice.value) if isinstance(expr.slice[0].slice, cst.Index) else None
            if key:
                yield from self._classified(key, "", _code(expr))
        elif isinstance(expr, cst.Dict):
            for element in expr.elements:
                if isinstance(element, cst.DictElement):
                    found = list(self._sources(element.value, depth + 1))
                    key = _string(element.key)
                    if not found and key and not isinstance(element.value, (cst.SimpleString, cst.Integer)):
                        found = list(self._classified(key, "", f"{key!r}: {_code(element.value)}"))
                    yield from found
        elif isinstance(expr, cst.Call):
            for arg in expr.args:
                yield from self._sources(arg.value, depth + 1)
            if isinstance(expr.func, cst.Attribute):  # email.lower(), email.encode()
                yield from self._sources(expr.func.value, depth + 1)
        elif isinstance(expr, cst.FormattedString):
            for part in expr.parts:
                if isinstance(part, cst.FormattedStringExpression):
                    yield from self._sources(part.expression, depth + 1)
        elif isinstance(expr, (cst.List, cst.Tuple, cst.Set)):
            for el in expr.elements:
                yield from self._sources(el.value, depth + 1)
        elif isinstance(expr, cst.BinaryOperation):
            yield from self._sources(expr.left, depth + 1)
            yield from self._sources(expr.right, depth + 1)

    def _classified(self, name: str, container: str, text: str) -> Iterator[tuple[str, tuple[str, ...]]]:
        result = self.classifier.classify(name, container)
        if result is not None and result.confidence != "low":
            yield result.category, (text,)

    def _flows(self, node: cst.Call, service: str, q: str) -> None:
        if len(self.scopes) == 1:
            return  # module-level SDK set-up carries no user's data
        seen: set[tuple[str, tuple[str, ...]]] = set()
        for arg in node.args:
            found = list(self._sources(arg.value, 0))
            if not found and arg.keyword is not None and not isinstance(arg.value, (cst.SimpleString, cst.Integer, cst.Name)):
                found = list(self._classified(arg.keyword.value, "", f"{arg.keyword.value}="))
            for category, path in found:
                key = (category, path)
                if key in seen:
                    continue
                seen.add(key)
                self.result.flows.append(Flow(category, service, self.loc(node), path + (q,), _code(node)))


def extract_python(source: str, path: str, classifier: Classifier, catalogue: Catalogue) -> tuple[FileResult, list[RawField]]:
    try:
        module = cst.parse_module(source)
    except cst.ParserSyntaxError as exc:
        result = FileResult(path, lines=source.count("\n") + 1)
        result.errors.append(ParseError(Location(path, exc.raw_line, exc.raw_column), f"Python syntax error: {exc.message}"))
        return result, []
    except RecursionError:
        result = FileResult(path, lines=source.count("\n") + 1)
        result.errors.append(ParseError(Location(path, 1), "too deeply nested for the Python parser (RecursionError)"))
        return result, []
    visitor = _Visitor(path, classifier, catalogue)
    try:
        MetadataWrapper(module, unsafe_skip_copy=True).visit(visitor)
    except RecursionError:
        visitor.result.errors.append(ParseError(Location(path, 1), "too deeply nested to analyse (RecursionError)"))
    visitor.result.lines = source.count("\n") + 1
    return visitor.result, visitor.raw_fields
