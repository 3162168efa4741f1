"""Name resolution by hand: imports, aliases, scopes, module constants.

`ScopeEnter` runs first in the batch and `ScopeExit` last, so every other
visitor sees the scope of the node it is looking at, on the way in and out.
"""

from __future__ import annotations

import libcst as cst

from scanner.extract.py_clients import HTTP_CLIENTS, HTTP_SESSIONS, SESSIONS, literal_service, made_client, redirected
from scanner.extract.py_common import Batchable, ClassRecord, Context, Scope, dotted, string

# (module, name, qualified): what a module's top-level imports bind, so a name another module imports from it
# resolves through it (a re-export: `pkg/base_model.py` doing `from pydantic import BaseModel`, a v1/v2 shim)
REEXPORTS_KEY = "py_reexports"
# (backend class path, where): the default file storage the settings name (`DEFAULT_FILE_STORAGE = "..."`,
# `STORAGES = {"default": {"BACKEND": "..."}}`), at a module's or a settings class's top: where models' files go
DEFAULT_STORAGE_KEY = "py_default_storage"


class ScopeEnter(Batchable):
    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.methods: dict[str, list[cst.FunctionDef]] = {}  # a class of this module -> its methods and inherited ones
        self._module_clients: dict[str, tuple[str, str | None]] = {}  # a top-level name -> the client it holds

    # -- imports -----------------------------------------------------------------
    def visit_Import(self, node: cst.Import) -> None:
        self._import(node, signal=True)

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        self._import(node, signal=True)

    def _import(self, node: cst.Import | cst.ImportFrom, signal: bool) -> None:
        names = self.ctx.scopes[-1].names
        if isinstance(node, cst.Import):
            for alias in node.names:
                name = dotted(alias.name) or ""
                if alias.asname and isinstance(alias.asname.name, cst.Name):
                    names[alias.asname.name.value] = name
                    self._reexport(alias.asname.name.value, name, signal)
                else:
                    head = name.split(".")[0]
                    names[head] = head
                if signal:
                    self._import_signal(name, node)
            return
        module = dotted(node.module) or ""
        if node.relative:  # the project's own modules: resolved against this file's package
            package = self.ctx.module.split(".")
            if not self.ctx.path.endswith("__init__.py"):
                package = package[:-1]
            up = len(node.relative) - 1
            package = package[: len(package) - up] if up else package
            module = ".".join([*package, module] if module else package)
        elif isinstance(node.names, cst.ImportStar) and signal:
            self._import_signal(module, node)
        if isinstance(node.names, cst.ImportStar):
            if module and not self.ctx.sdk(module) and len(self.ctx.scopes) == 1:
                self.ctx.star_modules.append(module)
            return
        for alias in node.names:
            name = dotted(alias.name) or ""
            local = alias.asname.name.value if alias.asname and isinstance(alias.asname.name, cst.Name) else name
            names[local] = f"{module}.{name}" if module else name
            self._reexport(local, names[local], signal)
            if signal and not node.relative:
                self._import_signal(f"{module}.{name}", node)

    def _reexport(self, local: str, qualified: str, signal: bool) -> None:
        if signal and len(self.ctx.scopes) == 1 and local != qualified:  # (once: the read-ahead passes no signal)
            self.ctx.defer(REEXPORTS_KEY, (self.ctx.module, local, qualified))

    def _import_signal(self, qualified: str, node: cst.CSTNode) -> None:
        service = self.ctx.sdk(qualified)
        if service:
            self.ctx.use(service, "import", node, "medium")

    # -- scopes --------------------------------------------------------------------
    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.ctx.scopes.append(Scope("function", node.name.value))
        # `def transcribe(audio, client: OpenAI)`: a parameter annotated with an SDK's class is that client
        params = node.params
        for param in (*params.posonly_params, *params.params, *params.kwonly_params):
            if param.annotation is None:
                continue
            annotation = param.annotation.annotation
            if isinstance(annotation, cst.Subscript):  # Optional[OpenAI]
                annotation = annotation.value if dotted(annotation.value) not in ("Optional", "typing.Optional") else (
                    annotation.slice[0].slice.value if isinstance(annotation.slice[0].slice, cst.Index) else annotation)
            elif isinstance(annotation, cst.BinaryOperation):  # OpenAI | None
                annotation = annotation.left
            q = self.ctx.qualify(annotation) if isinstance(annotation, (cst.Name, cst.Attribute)) else None
            if q and "." in q and (self.ctx.sdk(q) or self._own_class(q)):
                # (or a class of the package itself: `client: MidtransClient` names whose methods run)
                self.ctx.bind(param.name.value, q)

    def _own_class(self, q: str) -> bool:
        """A class of the package being scanned (`django_midtrans.client.MidtransClient` in django_midtrans)."""
        return q.partition(".")[0] == self.ctx.module.partition(".")[0] and q.rpartition(".")[2][:1].isupper()

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        ctx = self.ctx
        qualified = f"{ctx.module}.{node.name.value}" if ctx.module else node.name.value
        # Base[UUID_ID] and Generic[ID]: the class subscripted is the base
        written = [b.value.value if isinstance(b.value, cst.Subscript) else b.value for b in node.bases]
        # six's `with_metaclass(Meta, Base1, Base2)`: the bases are its arguments after the metaclass
        written = [base for b in written for base in (
            [a.value for a in b.args[1:]] if isinstance(b, cst.Call) and (dotted(b.func) or "").endswith("with_metaclass")
            else [b])]
        bases = [ctx.qualify(b) or dotted(b) or "" for b in written]
        record = ClassRecord(node.name.value, qualified, "", bases, 0, ctx.path)  # line set if the record is kept
        ctx.scopes[-1].names.setdefault(node.name.value, qualified)
        ctx.scopes.append(Scope("class", node.name.value, record=record))
        ctx.classes.append(record)
        for base, expr in zip(bases, written):
            # class Client(stripe.StripeClient): a subclass of an SDK class uses the SDK
            service = ctx.sdk(base) if base and "." in base else None
            if service:
                ctx.use(service, "subclass", expr, "high")
        sdk_base = next((b for b in bases if b and "." in b and ctx.sdk(b)), None)
        if sdk_base is not None:
            self._inherited_sdk(node, sdk_base)
        # `self._smtp = smtplib.SMTP(host)` in a `_connect` written below the method that sends:
        # the client an attribute holds is known to every method, whatever their order
        methods = [m for m in node.body.body if isinstance(m, cst.FunctionDef)] \
            if isinstance(node.body, cst.IndentedBlock) else []
        # a base's lazy property (`rpc`: `self._rpc = self._rpc_connection(); return self._rpc`) returns the
        # client this class's own `_rpc_connection` makes: inherited methods are read in this class too
        own = {m.name.value for m in methods}
        inherited = [m for b in written for m in self.methods.get(dotted(b) or "", ()) if m.name.value not in own]
        methods = [*methods, *inherited]
        self.methods[node.name.value] = methods
        self._held(methods)
        # `@property def client(self): return razorpay.Client(auth=...)`, `def _client(self): return self._c`:
        # `self.client.order.create(...)` and `self._client().send(...)` call the SDK's client
        for method in methods:
            self._factory(method, f"self.{method.name.value}")
        self._held(methods)  # self.connection = self.create_session().client("ses"): a factory's client
        for method in inherited:  # ... and the property returning what that made
            self._factory(method, f"self.{method.name.value}")
        # `def __enter__(self): return smtplib.SMTP(...)`: `with SMTPConnection(conf) as con:` binds the client
        for method in methods:
            if method.name.value in _ENTER:
                made = self._client_returned(method)
                if made is not None:
                    ctx.scopes[-2].names.setdefault(f"{node.name.value}.{method.name.value}", made[0])

    def _inherited_sdk(self, node: cst.ClassDef, sdk_base: str) -> None:
        """`class TwilioOutput(twilio.rest.Client)`: `self.messages.create(...)` is the SDK's own attribute, read
        through the subclass; what the class defines or sets itself stays its own."""
        own = {m.name.value for m in node.body.body if isinstance(m, cst.FunctionDef)} \
            if isinstance(node.body, cst.IndentedBlock) else set()
        selfs = _SelfAttributes()
        node.visit(selfs)
        own |= selfs.written
        scope = self.ctx.scopes[-1]
        for attr in sorted(selfs.read - own):
            scope.names.setdefault(f"self.{attr}", f"{sdk_base}.{attr}")

    def _held(self, methods: list[cst.FunctionDef]) -> None:
        """`self.x = Client(...)` or `self.x = session.client("ses")` in any method: every method, above or
        below, sees that client."""
        scope = self.ctx.scopes[-1]
        for method in methods:
            for target, body in self_lambdas(method.body):
                # self._client_factory = lambda: genai.Client(key).aio: `self._client_factory()` makes the client
                q = self.ctx.qualify(body)
                if isinstance(body, (cst.Call, cst.Attribute)) and q and "." in q and self.ctx.sdk(q):
                    scope.names.setdefault(target, q)
                    self.ctx.factories.add(target)
            for target, value in self_assignments(method.body):
                q = self.ctx.qualify(value.func)
                if q and "." in q and self.ctx.sdk(q):
                    scope.names.setdefault(target, q)
                elif (handed := self._handed_client(value)) is not None:
                    scope.names.setdefault(target, handed)
                service = literal_service(self.ctx, value)
                if service:
                    scope.services.setdefault(target, service)

    def _handed_client(self, value: cst.Call) -> str | None:
        """`self.client = kwargs.pop("workos_client", None)` (django-workos's forms): a client handed in under a
        key named for an SDK this module imports (`import workos`) is that SDK's."""
        func = value.func
        if not (isinstance(func, cst.Attribute) and func.attr.value in ("pop", "get") and value.args):
            return None
        parts = (string(value.args[0].value) or "").lower().split("_")
        if "client" not in parts:
            return None
        for word in parts:
            q = self.ctx.qualify(cst.Name(word)) if word != "client" and word.isidentifier() else None
            if q and self.ctx.sdk(q):
                return q
        return None

    def _factory(self, function: cst.FunctionDef, key: str) -> None:
        """A function or method returning a client: calls to it (`get_client()`, `self._ses()`) hold one."""
        made = self._client_returned(function)
        if made is not None:
            q, service = made
            scope = self.ctx.scopes[-1]
            scope.names.setdefault(key, q)
            self.ctx.factories.add(key)
            if service:
                scope.services.setdefault(key, service)

    def visit_Module(self, node: cst.Module) -> None:
        # `def get_client(): return stripe.StripeClient(key)`: `get_client().customers.create(...)` is the SDK's,
        # wherever the call stands in the file (the module's imports are read ahead for it)
        for statement in node.body:
            if isinstance(statement, cst.SimpleStatementLine):
                for small in statement.body:
                    if isinstance(small, (cst.Import, cst.ImportFrom)):
                        self._import(small, signal=False)
        self._module_clients = self._top_clients(node)
        for statement in node.body:  # what a call to a function defined further down returns is settled at the end
            if isinstance(statement, cst.FunctionDef):
                self.ctx.defined.add(statement.name.value)
                self._factory(statement, statement.name.value)
                self._globals_bound(statement)
            elif isinstance(statement, cst.ClassDef) and isinstance(statement.body, cst.IndentedBlock):
                for method in statement.body.body:
                    if isinstance(method, cst.FunctionDef):
                        self._globals_bound(method)
                for base in statement.bases:
                    parent = (dotted(base.value) or "").rpartition(".")[2]
                    if parent:
                        self.ctx.subclasses.setdefault(parent, []).append(statement.name.value)
                self.ctx.defined.update(f"{statement.name.value}.{m.name.value}" for m in statement.body.body
                                        if isinstance(m, cst.FunctionDef))

    def _top_clients(self, node: cst.Module) -> dict[str, tuple[str, str | None]]:
        """`_posthog = Posthog(key)` at the module's top: the clients its names hold, read ahead so that a getter
        written above or below (`def get_posthog(): return _posthog`) is a factory of that client (audit17 #12).
        A client aimed at this machine (`OpenAI(base_url="http://localhost:11434/v1")`) is no service's."""
        found: dict[str, tuple[str, str | None]] = {}
        for statement in node.body:
            for small in statement.body if isinstance(statement, cst.SimpleStatementLine) else ():
                target = small.targets[0].target if isinstance(small, cst.Assign) and len(small.targets) == 1 \
                    else small.target if isinstance(small, cst.AnnAssign) else None
                value = small.value if isinstance(small, (cst.Assign, cst.AnnAssign)) else None
                if isinstance(target, cst.Name) and isinstance(value, cst.Call) and redirected(self.ctx, value) != "" \
                        and (made := made_client(self.ctx, value)) is not None:
                    found[target.value] = made
        return found

    def _globals_bound(self, function: cst.FunctionDef) -> None:
        """`global http_client; http_client = requests` (flask-hcaptcha's __init__, with a lazy `import requests`
        there) or `global mp; mp = Mixpanel(token)`: the module's name holds that HTTP client or SDK client in
        every function, above or below. The first function binding it decides (a later one picking aiohttp under
        a switch does not undo it)."""
        smalls = _small_statements(function.body)
        declared = {item.name.value for small in smalls if isinstance(small, cst.Global) for item in small.names}
        if not declared:
            return
        imports = [small for small in smalls if isinstance(small, (cst.Import, cst.ImportFrom))]
        module = self.ctx.scopes[0]
        self.ctx.scopes.append(Scope("function", function.name.value))
        try:
            for statement in imports:
                self._import(statement, signal=False)
            for small in smalls:
                if not isinstance(small, cst.Assign) or len(small.targets) != 1:
                    continue
                name = dotted(small.targets[0].target)
                value = small.value.func if isinstance(small.value, cst.Call) else small.value
                q = self.ctx.qualify(value) if name in declared and isinstance(value, (cst.Name, cst.Attribute)) \
                    else None
                if name and q and (q in HTTP_CLIENTS or "." in q and self.ctx.sdk(q)):
                    module.names.setdefault(name, q)
        finally:
            self.ctx.scopes.pop()

    def _client_returned(self, function: cst.FunctionDef) -> tuple[str, str | None] | None:
        """The client a function returns (py_clients.made_client): a constructor, or a name or attribute
        bound to one. The function's own imports count (`def get_client(): from recurly import Recurly;
        return Recurly(...)`, an import kept lazy)."""
        imports = [small for small in _small_statements(function.body) if isinstance(small, (cst.Import, cst.ImportFrom))]
        if not imports:
            return self._client_made(function)
        self.ctx.scopes.append(Scope("function", function.name.value))
        try:
            for small in imports:
                self._import(small, signal=False)
            return self._client_made(function)
        finally:
            self.ctx.scopes.pop()

    def _client_made(self, function: cst.FunctionDef) -> tuple[str, str | None] | None:
        local = {dotted(t) or "": v for t, v in _assignments(function.body)}
        for value in _returned(function.body):
            if isinstance(value, cst.Name) and isinstance(local.get(value.value), cst.Call):
                value = local[value.value]  # client = Client(key); return client
            if isinstance(value, (cst.IfExp, cst.BooleanOperation)):
                value = self._alternative(value)
            if isinstance(value, (cst.IfExp, cst.BooleanOperation)):
                # `return smtplib.SMTP_SSL if self.ssl else smtplib.SMTP`: the SDK class both branches name
                value = self._sdk_class(value) or value
            if isinstance(value, cst.Call):
                made = made_client(self.ctx, value)
            elif isinstance(value, cst.Name) and value.value not in local and value.value in self._module_clients:
                made = self._module_clients[value.value]  # return _posthog: the module's client
            else:  # return self._client: an attribute or a name bound to an SDK's class or client
                q = self.ctx.qualify(value)
                made = (q, None) if q and "." in q and (self.ctx.sdk(q) or q in SESSIONS) else None
            if made is not None:
                return made
        return self._client_annotated(function)

    def _sdk_class(self, value: cst.IfExp | cst.BooleanOperation) -> cst.BaseExpression | None:
        """Of a conditional's branches naming classes, the first when every one names a class of one SDK."""
        branches = _branches(value)
        services = {self.ctx.sdk(self.ctx.qualify(b) or "") if isinstance(b, (cst.Name, cst.Attribute)) else None
                    for b in branches}
        return branches[0] if len(services) == 1 and None not in services else None

    def _client_annotated(self, function: cst.FunctionDef) -> tuple[str, str | None] | None:
        """`async def get_session() -> aiohttp.ClientSession`: the HTTP client its return annotation names
        (the body may hand back a module global that no assignment here shows)."""
        if function.returns is None:
            return None
        annotation = function.returns.annotation
        if isinstance(annotation, cst.Subscript) and dotted(annotation.value) in ("Optional", "typing.Optional") \
                and isinstance(annotation.slice[0].slice, cst.Index):
            annotation = annotation.slice[0].slice.value
        q = self.ctx.qualify(annotation) if isinstance(annotation, (cst.Name, cst.Attribute)) else None
        # an HTTP client's session or pool class, not a module function's answer (`requests.Response`)
        if q and q.startswith(HTTP_CLIENTS) and q.rpartition(".")[2] in HTTP_SESSIONS:
            return q, None
        # `def get_posthog() -> Posthog`: an SDK's class, as its constructor would make (audit17 #12)
        if q and "." in q and not q.startswith(HTTP_CLIENTS) and q.rpartition(".")[2][:1].isupper() and self.ctx.sdk(q):
            return q, None
        return None

    # -- bindings --------------------------------------------------------------------
    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            self._bind(target.target, node.value)
        if len(node.targets) == 1 and self.ctx.scopes[-1].kind in ("module", "class"):
            self._default_storage(node.targets[0].target, node.value)
        if len(self.ctx.scopes) == 1 and len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Name):
            text = self.ctx.constant(node.value) or _url_default(node.value)
            if text is not None:
                self.ctx.constants[node.targets[0].target.value] = text

    def _default_storage(self, target: cst.BaseExpression, value: cst.BaseExpression) -> None:
        name = target.value if isinstance(target, cst.Name) else ""
        if name == "STORAGES" and isinstance(value, cst.Dict):
            default = next((e.value for e in value.elements if isinstance(e, cst.DictElement)
                            and string(e.key) == "default"), None)
            value = next((e.value for e in default.elements if isinstance(e, cst.DictElement)
                          and string(e.key) == "BACKEND"), value) if isinstance(default, cst.Dict) else value
        elif name != "DEFAULT_FILE_STORAGE":
            return
        backend = string(value)
        if backend:
            self.ctx.defer(DEFAULT_STORAGE_KEY, (backend, self.ctx.locate(value)))

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is not None:
            self._bind(node.target, node.value)
            text = self.ctx.constant(node.value) or _url_default(node.value)
            if text is not None and len(self.ctx.scopes) == 1 and isinstance(node.target, cst.Name):
                self.ctx.constants[node.target.value] = text

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        self._bind(node.target, node.value)

    def visit_WithItem(self, node: cst.WithItem) -> None:
        if node.asname is None:
            return
        item = node.item.expression if isinstance(node.item, cst.Await) else node.item
        cls = dotted(item.func) if isinstance(item, cst.Call) else None
        # `with SMTPConnection(conf) as con:` where the class's `__enter__` returns an SDK's client
        entered = next((q for method in _ENTER if cls and (q := self.ctx.lookup("names", f"{cls}.{method}"))), None)
        name = dotted(node.asname.name)
        if entered and name:
            self.ctx.bind(name, entered)
            return
        self._bind(node.asname.name, node.item)

    def _bind(self, target: cst.BaseExpression, value: cst.BaseExpression) -> None:
        name = dotted(target)
        if name is None:
            return
        q: str | None = None
        if isinstance(value, (cst.IfExp, cst.BooleanOperation)):
            # smtp = smtplib.SMTP_SSL(host) if ssl else smtplib.SMTP(host); client = client or Mixpanel(token)
            chosen = self._alternative(value)
            if not isinstance(chosen, cst.Call) or not self.ctx.sdk(self.ctx.qualify(chosen.func) or ""):
                # self.client = client or get_client(), `client: MidtransClient`: the class the parameter names
                chosen = next((b for b in _branches(value) if isinstance(b, cst.Name)
                               and self._own_class(self.ctx.qualify(b) or "")), chosen)
            value = chosen
        if isinstance(value, (cst.IfExp, cst.BooleanOperation)):
            # smtp = smtplib.SMTP_SSL if ssl else smtplib.SMTP: the SDK class both branches name, as returned
            value = self._sdk_class(value) or value
        if isinstance(value, cst.Await):
            value = value.expression
        if isinstance(value, cst.Call) and redirected(self.ctx, value) == "":
            q = None  # OpenAI(base_url="http://localhost:11434/v1"): a local model, no SDK's service
        elif isinstance(value, cst.Call):
            q = self.ctx.qualify(value.func)
        elif isinstance(value, (cst.Name, cst.Attribute)):
            q = self.ctx.qualify(value)
        if q and ("." in q or self.ctx.sdk(q)):
            self.ctx.bind(name, q)  # mp = Mixpanel(token): mp.track is mixpanel.Mixpanel.track
            if isinstance(value, cst.Call) and self.ctx.scopes[-1].kind == "class" and "." not in name:
                self.ctx.bind(f"self.{name}", q)  # class attribute `http = httpx.AsyncClient(...)`: `self.http.post`
        elif name in self.ctx.scopes[-1].names and len(self.ctx.scopes) > 1:
            del self.ctx.scopes[-1].names[name]  # rebound to something we cannot resolve

    def _alternative(self, value: cst.IfExp | cst.BooleanOperation) -> cst.BaseExpression:
        """Of a conditional's branches, the one an SDK's constructor makes (else the first call)."""
        branches = _branches(value)
        calls = [c for b in branches if isinstance(c := b.expression if isinstance(b, cst.Await) else b, cst.Call)]
        for call in calls:
            if self.ctx.sdk(self.ctx.qualify(call.func) or ""):
                return call
        return calls[0] if calls else value


def _branches(value: cst.BaseExpression) -> list[cst.BaseExpression]:
    """The values a conditional expression or an `a or b` may take."""
    if isinstance(value, cst.IfExp):
        return [value.body, value.orelse]
    return [value.left, value.right] if isinstance(value, cst.BooleanOperation) else [value]


_BLOCKS = (cst.If, cst.Try, cst.TryStar, cst.With, cst.For, cst.While)


def _suites(statement: cst.CSTNode) -> list[cst.BaseSuite]:
    """The blocks a compound statement holds: its body, elif/else, except and finally."""
    suites = [statement.body] if isinstance(statement, (*_BLOCKS, cst.Else, cst.ExceptHandler,
                                                        cst.ExceptStarHandler, cst.Finally)) else []
    for tail in ("orelse", "handlers", "finalbody"):
        extra = getattr(statement, tail, None)
        for part in extra if isinstance(extra, (tuple, list)) else (extra,) if extra is not None else ():
            suites += _suites(part)  # an elif is an If: its own blocks too
    return suites


def _small_statements(block: cst.BaseSuite, depth: int = 0) -> list[cst.BaseSmallStatement]:
    """A function's simple statements, through if/try/with/loop blocks (not nested functions)."""
    found: list[cst.BaseSmallStatement] = []
    if not isinstance(block, cst.IndentedBlock) or depth > 4:
        return found
    for statement in block.body:
        if isinstance(statement, cst.SimpleStatementLine):
            found.extend(statement.body)
        elif isinstance(statement, _BLOCKS):
            for suite in _suites(statement):
                found += _small_statements(suite, depth + 1)
    return found


def _assignments(block: cst.BaseSuite) -> list[tuple[cst.BaseAssignTargetExpression, cst.Call]]:
    """`target = Call(...)` statements of a function."""
    return [(t.target, small.value) for small in _small_statements(block)
            if isinstance(small, cst.Assign) and isinstance(small.value, cst.Call) for t in small.targets]


_ENTER = ("__enter__", "__aenter__")


def self_lambdas(block: cst.BaseSuite) -> list[tuple[str, cst.BaseExpression]]:
    """`self.x = lambda: <body>` statements of a method, with the lambda's body."""
    return [(name, small.value.body) for small in _small_statements(block)
            if isinstance(small, cst.Assign) and isinstance(small.value, cst.Lambda)
            for t in small.targets if (name := dotted(t.target) or "").startswith("self.") and name.count(".") == 1]


def self_assignments(block: cst.BaseSuite) -> list[tuple[str, cst.Call]]:
    """`self.x = Call(...)` statements of a method."""
    return [(name, value) for target, value in _assignments(block)
            if (name := dotted(target) or "").startswith("self.") and name.count(".") == 1]


def _returned(block: cst.BaseSuite) -> list[cst.BaseExpression]:
    return [small.value for small in _small_statements(block) if isinstance(small, cst.Return) and small.value]


class ScopeExit(Batchable):

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self.ctx.scopes.pop()

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        scope = self.ctx.scopes.pop()
        if len(self.ctx.scopes) == 1:  # Connection.session = aiosmtplib.SMTP(...): for callers in other modules
            self.ctx.held.update({f"{scope.name}.{name[5:]}": q for name, q in scope.names.items()
                                  if name.startswith("self.") and name.count(".") == 1 and self.ctx.sdk(q)})


class _SelfAttributes(cst.CSTVisitor):
    """The `self.x` a class reads and the ones it assigns. A plain visitor, not `libcst.matchers.findall`:
    importing libcst.matchers costs ~0.28 s, which every pre-commit run would pay."""

    def __init__(self) -> None:
        self.read: set[str] = set()
        self.written: set[str] = set()

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if isinstance(node.value, cst.Name) and node.value.value == "self":
            self.read.add(node.attr.value)

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        target = node.target
        if isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name) and target.value.value == "self":
            self.written.add(target.attr.value)


_SETTING_READS = frozenset({"getattr", "os.environ.get", "os.getenv", "environ.get", "getenv", "env", "env.str",
                            "env.url", "config"})


def _url_default(value: cst.BaseExpression) -> str | None:
    """`VERIFY_URL = getattr(settings, "TURNSTILE_VERIFY_URL", "https://challenges.cloudflare.com/...")`: the URL
    the module uses unless configured otherwise, as py_sharing reads such a default inside a function. Only URL
    defaults (holding `//`), so that no other module constant changes."""
    if not isinstance(value, cst.Call) or (func := dotted(value.func)) not in _SETTING_READS:
        return None
    given = [a.value for a in value.args if a.keyword is None and not a.star]
    keyword = next((a.value for a in value.args if a.keyword is not None and a.keyword.value == "default"), None)
    unset = keyword or (given[2] if func == "getattr" and len(given) > 2 else
                        given[1] if func != "getattr" and len(given) > 1 else None)
    if not isinstance(unset, (cst.SimpleString, cst.ConcatenatedString)):
        return None
    text = unset.evaluated_value
    return text if isinstance(text, str) and "//" in text else None
