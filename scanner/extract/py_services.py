"""Third parties: SDK calls by qualified name, HTTP calls by resolved URL, settings.

A URL that names another module's constant or a project setting
(`requests.post(settings.MIXPANEL_URL, ...)`) cannot be resolved from one
file; the call and the data reaching it are deferred to the cross-file pass.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import libcst as cst

from scanner.extract.py_clients import HTTP_CLIENTS, HTTP_SESSIONS, bytes_text, literal_service, redirected
from scanner.catalogue import ORDINARY
from scanner.extract.py_common import GETTEXT, Batchable, Context, Scope, Taint, arg, code, dotted, last, string
from scanner.extract.py_flows import (ArgFacts, arg_facts, call_flows, real, receiver, record_flows, sdk_started,
                                      sendable)
from scanner.extract.py_sharing import CONTEXT_WORDS, named_by
from scanner.extract.urls import configured_path, external_host, host_of, path_service, split_url, url_service
from scanner.inventory import FileResult, Location, ServiceUse

HTTP_KEY = "py_http"
CONSTANTS_KEY = "py_constants"
ALIASES_KEY = "py_sdk_aliases"  # (module, {name: SDK qualified name}): `stripe_api = stripe`, `mail = Mail()`
VIA_KEY = "py_calls_via_project"  # calls through a name another module of the project binds
NAMED_KEY = "py_calls_named"  # NamedCall: calls through an object named for a service
# (module, setting, provider): a mail server setting whose literal host a catalogued provider's is (`EMAIL_HOST =
# "smtp.sendgrid.net"`): the project's mail through the framework's SMTP backend goes to that provider (audit16 #19)
MAIL_HOST_KEY = "py_mail_host"
_MAIL_HOST_SETTINGS = frozenset({"EMAIL_HOST", "MAIL_SERVER", "MAIL_HOST", "SMTP_HOST", "SMTP_SERVER"})
HTTP_VERBS = {"get", "post", "put", "patch", "delete", "request", "head", "urlopen", "Request", "stream",
               "fetch", "options", "urlretrieve"}

# The synthetic recipient for a generic OAuth2/OIDC client (rules/services/auth.yaml)
CONFIGURED_IDP = "configured_identity_provider"
# Where an OAuth client signs in, by the name it is set under: `token_endpoint`, `authorize_url`, `jwks_uri`
_ENDPOINT = re.compile(r"(?:token|authori[sz]e|authori[sz]ation|auth|userinfo|jwks|revoke|revocation|introspection)"
                       r"_?(?:url|uri|endpoint)$", re.IGNORECASE)

# SMTP clients and where their host goes: a literal provider host makes the provider the message's recipient
_SMTP_CLIENTS = {"smtplib.SMTP": (0, "host"), "smtplib.SMTP_SSL": (0, "host"), "smtplib.LMTP": (0, "host"),
                 "aiosmtplib.SMTP": (0, "hostname"), "aiosmtplib.send": (99, "hostname")}
SMTP_SERVER = "smtp_server"
# a (host, port) address: a host name with a dot, no scheme, no path
_BARE_HOST = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}", re.IGNORECASE)
# Microsoft identity platform's client-credentials scope (`https://graph.microsoft.com/.default`): the app's own
# token for that API, and the user sign-in flows that make the identity provider a recipient of its own
_APP_SCOPE = re.compile(r"https://([a-z0-9.-]+)/\.default\b", re.IGNORECASE)
_USER_SIGN_IN = ("acquire_token_by_authorization_code", "initiate_auth_code_flow", "acquire_token_by_auth_code_flow",
                 "get_authorization_request_url", "acquire_token_interactive", "acquire_token_by_device_flow",
                 "acquire_token_by_username_password", "PublicClientApplication")

# The endpoints an OpenID Connect discovery document (or OAuth server metadata, RFC 8414) lists, by their keys:
# `requests.post(oid_config["token_endpoint"], data=...)` is a sign-in with the configured provider (audit16 #04)
_DISCOVERY_KEYS = frozenset({"token_endpoint", "userinfo_endpoint", "authorization_endpoint", "jwks_uri",
                             "introspection_endpoint", "revocation_endpoint", "end_session_endpoint",
                             "device_authorization_endpoint"})

# An SDK class that stands for the provider's answer or an error, not for something sent to it
_ANSWER = re.compile(r"^[A-Z]\w*(Ticket|Receipt|Response|Result|Error|Exception)$")


# Methods that read an object the provider answered with (a dict-like resource), not calls to the provider
_READS = frozenset({"get", "items", "keys", "values", "to_dict", "to_dict_recursive", "copy", "json", "pop",
                    "setdefault", "serialize", "to_json"})


def smtp_to_provider(result: FileResult, lines: dict[int, str]) -> None:
    """The `smtp_server` uses and flows at these lines are the provider's each line names: mail over SMTP to a server
    a catalogued provider runs (a literal host here, `_smtp_providers`; the settings' EMAIL_HOST, python_project)."""
    result.services = [replace(u, service=lines[u.location.line]) if u.service == SMTP_SERVER
                       and u.location.line in lines else u for u in result.services]
    result.flows = [replace(f, service=lines[f.location.line]) if f.service == SMTP_SERVER
                    and f.location.line in lines else f for f in result.flows]


# A help centre's pages for people to read, on a support vendor's domain (Zendesk Guide's `/hc/<locale>/articles/<id>`,
# Freshdesk's portal `/support/solutions/articles/<id>` and agent view `/solution/articles/<id>`, Zoho Desk's
# `/portal/<locale>/kb/articles/`): a link shown to a user, no request to the vendor's API (audit18 #07)
_HELP_PAGE = re.compile(r"/(?:hc(?:/[a-z]{2}(?:-[a-z0-9]{2,4})?)?(?:/(?:articles|sections|categories|community)\b|/?$)"
                        r"|support/solutions\b|solution/articles\b|portal/[a-z-]+/kb\b)", re.IGNORECASE)


def _reads_an_answer(ctx: Context, func: cst.BaseExpression) -> bool:
    """`account.get("email")` on `account = stripe.Account.retrieve(uid)`: a name bound to what an SDK
    function or method returned (a lower-case action, not a client class or a factory) is read locally."""
    if not (isinstance(func, cst.Attribute) and func.attr.value in _READS and isinstance(func.value, cst.Name)):
        return False
    bound = ctx.lookup("names", func.value.value)
    if not bound or func.value.value in ctx.factories:
        return False
    action = bound.rpartition(".")[2]
    return bound.count(".") >= 2 and action[:1].islower() and action not in ("client", "resource", "session")


def _discovered(expr: cst.BaseExpression) -> bool:
    """`config["token_endpoint"]`, `metadata.get("userinfo_endpoint")`: an endpoint read from a discovery document."""
    if isinstance(expr, cst.Subscript) and len(expr.slice) == 1 and isinstance(expr.slice[0].slice, cst.Index):
        return string(expr.slice[0].slice.value) in _DISCOVERY_KEYS
    if isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute) and expr.func.attr.value == "get" \
            and expr.args:
        return string(expr.args[0].value) in _DISCOVERY_KEYS
    return False


def _setting_read(value: cst.BaseExpression) -> str | None:
    """`getattr(settings, "X", default)` or `settings.X`: the setting's name."""
    if isinstance(value, cst.Call) and dotted(value.func) == "getattr" and len(value.args) >= 2 \
            and last(dotted(value.args[0].value) or "") == "settings":
        return string(value.args[1].value)
    if isinstance(value, cst.Attribute) and last(dotted(value.value) or "") == "settings":
        return value.attr.value
    return None


# reads of the environment or of a settings object that take a default: `os.getenv("X", "d")`, `env("X", default="d")`
_ENV_READS = frozenset({"os.environ.get", "os.getenv", "environ.get", "getenv", "env", "env.str", "config"})


def _unset_default(value: cst.BaseExpression) -> cst.BaseExpression | None:
    """What a setting read from the environment holds when the deployment sets nothing: the code's own default,
    which names the service as a literal would (`os.environ.get("EMAIL_HOST", "smtp.mailgun.org")`)."""
    if not isinstance(value, cst.Call) or dotted(value.func) not in _ENV_READS:
        return None
    keyword = next((a.value for a in value.args if a.keyword is not None and a.keyword.value == "default"), None)
    given = [a.value for a in value.args if a.keyword is None and not a.star]
    return keyword if keyword is not None else given[1] if len(given) > 1 else None


def _settings_class(scope: Scope) -> bool:
    """A pydantic-settings class, or a class named as configuration (`Settings`, `ProdConfig`)."""
    record = scope.record
    bases = record.bases if record is not None else []
    return scope.name.endswith(("Settings", "Config")) or any(b.endswith("BaseSettings") for b in bases)


@dataclass(frozen=True)
class ViaCall:
    """A call through a name imported from a project module (`stripe.Customer.create` with `stripe`
    imported from `app.api`), settled once every module's SDK aliases are known."""

    bound: str  # what the import names: app.api.stripe_api
    callee: str  # the call, qualified as far as this file knows: app.api.stripe_api.Customer.create
    args: tuple[ArgFacts, ...]
    location: Location
    evidence: str


@dataclass(frozen=True)
class NamedCall:
    """A call through an object named for a catalogued service (`self.paystack.customers.create(email=...)`):
    the project's own client for it, whose HTTP call sits in another module. Settled as that service's
    call when the project shows the service some other way too (a setting, a domain, an import)."""

    service: str
    q: str
    args: tuple[ArgFacts, ...]
    location: Location
    evidence: str


# What a project calls its own client for a service: `paystack`, `self._paystack`, `mailchimp_client`
_CLIENT_SUFFIX = re.compile(r"_?(?:client|api|sdk|service|gateway|wrapper|connection|conn|session|backend)$")
# ORM managers and queries: a chain through one is the project's own table, whatever the model is named for
_ORM_MANAGERS = frozenset({"objects", "query", "get_model"})
# A queryset's reads: called on an object named for a service, the project's own rows about it
_QUERYSET_READS = frozenset({"first", "last", "exists", "filter", "exclude", "order_by", "values_list",
                             "select_related", "prefetch_related", "annotate", "latest", "earliest"})
# What a project calls its own records and screens about a service: never the service's client object
_PROJECT_THINGS = frozenset({"settings", "setting", "config", "configuration", "log", "logs", "model", "form",
                             "admin", "serializer", "view", "page", "template", "record", "event", "events"})


# Builtin types a parameter may be annotated with: what it holds is data, not a client
_PLAIN_TYPES = frozenset({"dict", "list", "set", "tuple", "str", "bytes", "int", "float", "bool", "any", "sequence",
                          "mapping", "iterable", "typeddict"})
# Methods of the builtin containers: called on a bare name, they change or read the project's own data
_CONTAINER_METHODS = frozenset({"append", "extend", "insert", "items", "keys", "values", "pop", "popitem",
                                "setdefault", "copy", "remove", "clear", "sort", "reverse", "discard"})
_LITERALS = (cst.Dict, cst.List, cst.Set, cst.Tuple, cst.DictComp, cst.ListComp, cst.SetComp, cst.GeneratorExp,
             cst.SimpleString, cst.FormattedString, cst.ConcatenatedString, cst.Integer, cst.Float)


def _plain(value: cst.BaseExpression) -> bool:
    """A value built here as data: a literal, a comprehension, or a builtin container's constructor."""
    if isinstance(value, _LITERALS):
        return True
    return isinstance(value, cst.Call) and isinstance(value.func, cst.Name) and value.func.value in (
        "dict", "list", "set", "tuple", "str", "defaultdict", "OrderedDict")


@dataclass(frozen=True)
class PendingCall:
    """An HTTP call whose URL refers to names defined in other files."""

    parts: tuple[tuple[str, str], ...]  # ("text", "/track") or ("ref", "django.conf.settings.MIXPANEL_URL")
    q: str
    location: Location
    evidence: str
    flows: tuple[Taint, ...]


_MODULE_PATH = re.compile(r"[a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)*")  # `langchain_openai`, `google.genai`
# Wrappers that return the function they are given, to be called with its own arguments.
_SYNC_WRAPPERS = frozenset({"sync_to_async", "async_to_sync", "database_sync_to_async", "run_sync", "asyncify",
                            "syncify"})


def _prose(value: cst.BaseExpression) -> bool:
    """A sentence, written out or through gettext (`_("We recommend ...")`)."""
    if isinstance(value, cst.Call) and len(value.args) == 1 and last(dotted(value.func) or "") in GETTEXT:
        value = value.args[0].value
    text = string(value) if isinstance(value, cst.SimpleString) else None
    return text is not None and len(text.split()) >= 3


def _returned(body: cst.BaseSuite, out: list[cst.BaseExpression], depth: int = 0) -> None:
    """The values a function's own statements return, through `if`/`try`/`with` blocks (not nested defs)."""
    if depth > 3 or not isinstance(body, cst.IndentedBlock):
        if isinstance(body, cst.SimpleStatementSuite):
            out.extend(s.value for s in body.body if isinstance(s, cst.Return) and s.value is not None)
        return
    for statement in body.body:
        if isinstance(statement, cst.SimpleStatementLine):
            out.extend(s.value for s in statement.body if isinstance(s, cst.Return) and s.value is not None)
        elif isinstance(statement, (cst.If, cst.Try, cst.With)):
            _returned(statement.body, out, depth + 1)
            orelse = getattr(statement, "orelse", None)
            if isinstance(orelse, (cst.If, cst.Else)):
                _returned(orelse.body if isinstance(orelse, cst.Else) else cst.IndentedBlock(body=[orelse]), out,
                          depth + 1)


def _module_returns(module: cst.Module) -> dict[str, list[cst.BaseExpression]]:
    """What each module-level function returns, read from its statements before the walk reaches it: an HTTP
    call's URL may come from a function defined further down (`get_plausible_event_api_endpoint()`)."""
    out: dict[str, list[cst.BaseExpression]] = {}
    for statement in module.body:
        if isinstance(statement, cst.FunctionDef):
            found: list[cst.BaseExpression] = []
            _returned(statement.body, found)
            if found:
                out[statement.name.value] = found
    return out


class ServiceVisitor(Batchable):
    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.docstring: cst.CSTNode | None = None
        self.captions: set[int] = set()  # ids of dict keys that a message explains: a lookup, not a setting
        # ids of strings that name a dict's key or a subscript (`extra={"logging.googleapis.com/trace": ...}`,
        # structured logging's special fields): a field's name, never an API host written without its scheme
        self.keys: set[int] = set()
        self.returns: dict[str, list[cst.BaseExpression]] | None = None  # module functions' returns, read lazily
        self.module: cst.Module | None = None
        self.loads_modules = False
        self.redirected: set[str] = set()  # SDKs whose clients this file points at another provider or a local server
        self.tabled: set[int] = set()  # ids of URLs of another host inside a table of one host's endpoints: no use
        # URLs written as class attributes that name a service: (class scope, host, bare host?, service, line)
        # (and those a method sets as an OAuth endpoint: the last item)
        self.class_urls: list[tuple[Scope, str, bool, str, int, bool]] = []
        self.class_hosts: list[tuple[Scope, cst.SimpleString]] = []  # and those of a public host none names
        # ids of URLs set as an OAuth endpoint in a method (`self.token_endpoint = "https://..."`), and the lines where
        # a subclass of a generic OAuth client calls what it inherits (see _client_subclass): no second client
        self.endpoints: set[int] = set()
        self.own_calls: set[int] = set()
        self.configured: list[ServiceUse] = []  # uses at a configured host named by path or context (see leave_Module)
        self.setting_vars: dict[str, str] = {}  # module names bound to a setting: api_url = getattr(settings, "X")
        self.idp_lines: set[int] = set()  # HTTP calls to a configured provider's discovered endpoints
        self.issuers: set[str] = set()  # providers a generic OAuth client's calls here name by URL (fetch_token(URL))
        self.smtp_lines: dict[int, str] = {}  # lines of SMTP calls to a catalogued provider's host: that provider
        self.addressed: set[int] = set()  # ids of (host, port) tuples another visitor reads (SysLogHandler's)
        # per scope, names that hold where calls through them go: an SMTP connection to a provider's host, an
        # endpoint of a discovery document (configured_identity_provider); the scope kept, so its id stays its own
        self.held: dict[int, tuple[Scope, dict[str, str]]] = {}

    def visit_Module(self, node: cst.Module) -> None:
        self.module = node
        # a module that imports by name (`importlib.import_module(PROVIDERS[name]["module"])`): an SDK's module
        # named in its strings ("langchain_anthropic") is imported when chosen
        self.loads_modules = "import_module(" in self.ctx.source

    # -- services bound to variables: ses = boto3.client("ses") (py_clients.literal_service) -------------
    def _setting(self, target: cst.BaseExpression, node: cst.CSTNode) -> None:
        """`STRIPE_SECRET_KEY = env(...)` in a settings module, or `sentry_dsn: str` on a settings class."""
        if not isinstance(target, cst.Name):
            return
        scopes = self.ctx.scopes
        in_settings = len(scopes) == 2 and scopes[1].kind == "class" and (
            _settings_class(scopes[1]) or self._configurations())
        if (len(scopes) == 1 and target.value.isupper()) or in_settings:
            setting = self.ctx.catalogue.by_setting(target.value)
            if setting:
                self.ctx.use(setting, "setting", node, "medium")
            value = getattr(node, "value", None)
            if value is not None and (unset := _unset_default(value)) is not None:
                value = unset  # `EMAIL_HOST = os.environ.get("EMAIL_HOST", "smtp.mailgun.org")` (audit18 #03)
            host = self.ctx.constant(value) if target.value.upper() in _MAIL_HOST_SETTINGS and value is not None else None
            provider = self.ctx.catalogue.by_host(host) if host and _BARE_HOST.fullmatch(host) else None
            if provider is not None and self.ctx.catalogue.services[provider].recipient_category != "webhooks_unresolved":
                self.ctx.defer(MAIL_HOST_KEY, (self.ctx.module, target.value.upper(), provider))

    def _configurations(self) -> bool:
        """A django-configurations module (`from configurations import Configuration, values`): its classes and
        their mixins (`class AmazonS3(object)`) hold the settings as class attributes."""
        return any(q.partition(".")[0] == "configurations" for q in self.ctx.scopes[0].names.values())

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        """`from djoptimizely.settings import OPTIMIZELY_DATAFILE_URL`: a catalogued setting read from the module of
        the project that loads it is that setting read here (an SDK's own constants are its import's)."""
        if isinstance(node.names, cst.ImportStar) or (node.module is not None and self.ctx.sdk(dotted(node.module) or "")):
            return
        for alias in node.names:
            name = dotted(alias.name) or ""
            if name.isupper() and "_" in name and (service := self.ctx.catalogue.by_setting(name)):
                self.ctx.use(service, "setting", alias.name, "medium")

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        self._setting(node.target, node)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        # `def convert(openai_payload: dict)`: a parameter typed as a builtin container holds data
        params = node.params
        scope = self.ctx.scopes[-1]
        for param in (*params.posonly_params, *params.params, *params.kwonly_params):
            annotation = param.annotation.annotation if param.annotation is not None else None
            if isinstance(annotation, cst.Subscript):  # list[dict], Dict[str, Any]
                annotation = annotation.value
            if last(dotted(annotation) or "").lower() in _PLAIN_TYPES if annotation is not None else False:
                scope.plain.add(param.name.value)

    def visit_Assign(self, node: cst.Assign) -> None:
        if len(node.targets) == 1:
            self._setting(node.targets[0].target, node)
            target = node.targets[0].target
            if len(self.ctx.scopes) == 1 and isinstance(target, cst.Name) and (read := _setting_read(node.value)):
                self.setting_vars[target.value] = read
        if isinstance(node.value, cst.SimpleString) and any(
                _ENDPOINT.search(last(dotted(t.target) or "")) for t in node.targets):
            self.endpoints.add(id(node.value))
        service = literal_service(self.ctx, node.value)
        if service is None and isinstance(node.value, cst.Call) and self.ctx.sdk(
                self.ctx.qualify(node.value.func) or "") == CONFIGURED_IDP:
            service = self._issuer(node.value)  # client = oauth.register(access_token_url="https://github.com/...")
        for assign_target in node.targets:
            name = dotted(assign_target.target)
            if name is None:
                continue
            scope = self.ctx.scopes[-1]
            if "." not in name and len(self.ctx.scopes) > 1:  # openai_messages = []: data, whatever its name
                if _plain(node.value):
                    scope.plain.add(name)
                else:
                    scope.plain.discard(name)
            if name.startswith("self."):
                scope = next((s for s in reversed(self.ctx.scopes) if s.kind == "class"), scope)
            if service:
                scope.services[name] = service
            elif not (name.startswith("self.") and scope.kind == "class"):  # `self.connection = None` in close()
                scope.services.pop(name, None)
            if (provider := self._smtp_provider(node.value)) is not None:
                self._held(scope)[name] = provider
            elif _discovered(node.value):
                self._held(scope)[name] = CONFIGURED_IDP
            elif not (name.startswith("self.") and scope.kind == "class"):
                self._held(scope).pop(name, None)

    def visit_WithItem(self, node: cst.WithItem) -> None:
        # async with httpx.AsyncClient(base_url=...) as client: client.post(...) reaches that service
        if node.asname is not None and isinstance(node.asname.name, cst.Name):
            service = literal_service(self.ctx, node.item)
            if service:
                self.ctx.scopes[-1].services[node.asname.name.value] = service
            elif (provider := self._smtp_provider(node.item)) is not None:
                self._held(self.ctx.scopes[-1])[node.asname.name.value] = provider

    def _held(self, scope: Scope) -> dict[str, str]:
        return self.held.setdefault(id(scope), (scope, {}))[1]

    def _smtp_provider(self, node: cst.BaseExpression) -> str | None:
        """`smtplib.SMTP("smtp.sendgrid.net", 587)`: an SMTP connection to a catalogued provider's host (a literal
        or a module constant) delivers through that provider (audit16 #19), no server from configuration."""
        if not isinstance(node, cst.Call):
            return None
        where = _SMTP_CLIENTS.get(self.ctx.qualify(node.func) or "")
        host = arg(node, *where) if where is not None else None
        text = self.ctx.constant(host) if host is not None else None
        service = self.ctx.catalogue.by_host(text) if text and _BARE_HOST.fullmatch(text) else None
        known = self.ctx.catalogue.services.get(service) if service else None
        return service if known is not None and known.recipient_category != "webhooks_unresolved" else None

    def _bound_service(self, func: cst.BaseExpression) -> str | None:
        if not isinstance(func, cst.Attribute):
            return None
        root = func.value
        while isinstance(root, cst.Attribute):
            root = root.value
        if isinstance(root, cst.Call):  # boto3.client("cognito-idp").sign_up(...), Client(sid, tok).messages.create(...)
            chained = literal_service(self.ctx, root) or self.ctx.sdk(self.ctx.qualify(root.func) or "")
            if chained and chained != CONFIGURED_IDP:  # client.get(...).json(): the client's own provider below
                return chained
        base = func.value.func if isinstance(func.value, cst.Call) else func.value  # self._ses().send_email
        while dotted(base) is None and isinstance(base, (cst.Attribute, cst.Call)):
            # service.users().messages().send(...): the client the chain of calls starts from
            base = base.func if isinstance(base, cst.Call) else base.value
        name = dotted(base)
        while name:  # client.chat.completions.create(...): the client `client` names
            found = self.ctx.lookup("services", name)
            if found:
                return str(found)
            name = name.rpartition(".")[0] if "." in name.removeprefix("self.") else ""
        return None

    # -- calls ---------------------------------------------------------------------------------
    # (an SDK's answer built locally, `PushTicket(message=...)`, `StripeError(...)`, sends nothing: see _ANSWER)
    def visit_Call(self, node: cst.Call) -> None:
        ctx = self.ctx
        if last(dotted(node.func) or "") == "SysLogHandler" and isinstance(address := arg(node, 0, "address"),
                                                                           cst.Tuple):
            self.addressed.add(id(address))  # the handler is read where logs go (py_log_channels), with its use
        started = sdk_started(ctx, node) if ctx.in_function else None
        if started is not None:  # Thread(target=send_mail, args=(...)): the thread calls the SDK with them
            target = ctx.qualify(started.func) or ""
            runs = ctx.sdk(target) or ""
            ctx.use(runs, "call", node)
            record_flows(ctx, node, runs, target, call_flows(ctx, started, target, runs))
            return
        func = node.func
        if isinstance(func, cst.Call) and last(dotted(func.func) or "") in _SYNC_WRAPPERS and func.args:
            func = func.args[0].value  # sync_to_async(client.audio.translations.create)(file=...): that call
        q = ctx.qualify(func)
        pointed = redirected(ctx, node)
        if pointed is not None:
            self.redirected.add(ctx.sdk(q or "") or "")
        if pointed == "":  # OpenAI(base_url="http://localhost:11434/v1") is a model on the business's own machine
            return
        service = self._bound_service(func)
        signal = "call"
        if service is None and q is not None:
            service = literal_service(ctx, node) or ctx.sdk(q)  # the literal is the more specific: OpenAI(base_url=...)
            if service == CONFIGURED_IDP:
                service = self._issuer(node) or service
                if service != CONFIGURED_IDP:
                    self.issuers.add(service)
                if service == CONFIGURED_IDP and self._client_subclass():
                    self.own_calls.add(ctx.loc(node).line)
            if service is None and q.startswith(HTTP_CLIENTS) and last(q) in HTTP_VERBS:
                service = self._http(node, q)
                signal = "domain"
        if service is None:
            if q is not None and ctx.in_function and isinstance(node.func, cst.Attribute):
                self._via_project(node, q)
                if self._project(q):  # `StravaApi(athlete).get_gear(...)`, `jira = create_connection(); jira.x()`
                    self._named(node, q)
            if ctx.in_function and q is None:  # an object nothing here types: named for a service?
                self._named(node)
            if q is not None and ctx.in_function and isinstance(node.func, cst.Name) and self._project(q) \
                    and (named := named_by(node.func.value)) is not None:
                # `slack_message(...)` imported from the project's own module (django-slack's log handler): the
                # project's sender for the service its name says, a distinctive word (py_sharing.CONTEXT_WORDS)
                self.ctx.defer(NAMED_KEY, NamedCall(named, q, (), ctx.locate(node), code(node)))  # (the use only)
            return
        q = q or code(func)
        if _reads_an_answer(ctx, func):
            return  # account = stripe.Account.retrieve(uid); account.get("email"): the answer is read, not sent
        if service == SMTP_SERVER and (provider := self._smtp_sent_by(node)) is not None:
            self.smtp_lines[ctx.loc(node).line] = provider  # its use and flows are the provider's (leave_Module)
        ctx.use(service, signal, node)
        if dotted(node.func) in ctx.factories:
            return  # get_client(user.id) returns an SDK client: its arguments are the factory's, not the SDK's
        if ctx.in_function and not _ANSWER.search(last(q)):  # module-level SDK set-up carries no user's data
            found = call_flows(ctx, node, q, service)
            # `stripe_account.legal_entity.dob = dob; stripe_account.save()`: an SDK object sends what it holds
            held = ctx.lookup("taint", name) if (name := receiver(func)) not in (None, "self", "cls") else None
            sent = ctx.scopes[-1].sent
            # what it holds and was already reported where the object was built is not sent a second time
            found += [t for t in real(list(held or ())) if t not in found
                      and (service, t[0], t[1][0] if t[1] else "") not in sent]
            # `username = getattr(settings, "BULKSMS_AUTH_USERNAME", "")` at module level: the business's account
            # (not a function's own name for something: a parameter or a local `username`)
            found = [t for t in found if not (t[1] and t[1][0] in self.setting_vars
                                              and not any(t[1][0] in sc.taint for sc in ctx.scopes[1:]))]
            record_flows(ctx, node, service, q, found)

    def _smtp_sent_by(self, node: cst.Call) -> str | None:
        """The provider an SMTP call goes through: the connection made here, the one a chain starts from
        (`smtplib.SMTP(host).sendmail(...)`) or the one a name holds (`with smtplib.SMTP(host) as s: s.login(...)`)."""
        provider = self._smtp_provider(node)
        root = node.func
        while provider is None and isinstance(root, cst.Attribute):
            root = root.value
            provider = self._smtp_provider(root)
            if isinstance(root, cst.Call):
                root = root.func
        name = dotted(node.func.value) if provider is None and isinstance(node.func, cst.Attribute) else None
        if name is not None:
            # (`self.conn = smtplib.SMTP(h)` in another method is held on the class's scope, as services are)
            provider = next((found for scope in reversed(self.ctx.scopes) if (found := self._held(scope).get(name))),
                            None)
        return provider

    def _client_subclass(self) -> bool:
        """Inside a class deriving from a generic OAuth client (`class KeapSession(OAuth2Session)`), whose calls of
        what it inherits (`OAuth2Session.__init__(self, ...)`, `self.refresh_token(...)`, `self.session.get(...)`)
        are its own."""
        record = next((s.record for s in self.ctx.scopes if s.kind == "class"), None)
        return record is not None and any(self.ctx.sdk(base) == CONFIGURED_IDP for base in record.bases)

    def _issuer(self, node: cst.Call) -> str | None:
        """`oauth.register(server_metadata_url="https://accounts.google.com/...")`: a generic OAuth client given a
        catalogued provider's URL is that provider, not one from configuration."""
        for a in node.args:
            text = self.ctx.constant(a.value)
            found = url_service(text, self.ctx.catalogue) if text and "//" in text else None
            if found:
                return found
        return None

    def _project(self, q: str) -> bool:
        """A name this project's own modules define (`kit.api.StravaApi`, from `kit.sync`)."""
        return "." in q and q.partition(".")[0] in self.ctx.module.split(".")

    def _named(self, node: cst.Call, q: str = "") -> None:
        """`self.paystack.customers.create(...)`, `PaystackClient().transfers.initiate(...)`: deferred, see NamedCall.

        A call through the project's own class or factory (`q`, qualified into the project) is named by the class
        (`StravaApi(athlete).get_gear(...)`, StravaApi from the project's api module: the project's Strava client)
        or by the object's own name (`jira = create_connection(); jira.create_bug_report(...)`), each as a whole word:
        a project class named by a brand's leading word (`StripeCustomer`) is as often the project's record."""
        if not isinstance(node.func, cst.Attribute):
            return
        names, part = [], node.func.value
        while True:
            if isinstance(part, cst.Call):
                part = part.func
            if isinstance(part, cst.Attribute):
                names.append(part.attr.value)
                part = part.value
            else:
                names.append(part.value if isinstance(part, cst.Name) else "")
                break
        if len(names) == 1 and (names[0] in self.ctx.scopes[-1].plain or node.func.attr.value in _CONTAINER_METHODS):
            return  # `openai_payload.get("model")` on a dict, `openai_tool_calls.append(...)`: the project's data
        if any(name in _ORM_MANAGERS for name in names) or node.func.attr.value in _QUERYSET_READS:
            return  # `MailchimpApiSettings.objects.filter(...)`, `self.hellosign_requests().first()`: its own rows
        brands = self.ctx.catalogue.brands
        if q:  # `amplitude.flush(...)` inside django-amplitude's own `amplitude` package: a module, no object
            names = [name for name in names if name not in q.split(".")]
        classes = [s for s in q.split(".")[:-1] if s[:1].isupper()] if q else []  # kit.api.StravaApi.get_gear
        for name in (*names, *classes):
            word = _CLIENT_SUFFIX.sub("", re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).lower().strip("_"))
            if word.rpartition("_")[2] in _PROJECT_THINGS:
                continue  # `StripeSettings.load()`, `mailchimp_log.save()`: the project's record about the service
            # `paystack`, `mailchimp_client`, a distinctive product name no catalogue id spells (`jira`), and a
            # provider's object named by its leading word (`stripe_customer`), not so a project class (see above)
            whole = word.replace("_", "")
            service = brands.get(whole) or (CONTEXT_WORDS.get(whole) if whole not in ORDINARY else None) or (
                brands.get(word.partition("_")[0]) if not q else None)
            if service and service == self.ctx.own_service:
                return  # `sentry_event` inside sentry_sdk is the SDK's own object, not a call to Sentry
            if service:
                # (through the project's own client, what is sent is its methods' to say: the use only)
                args = () if q else tuple(arg_facts(self.ctx, node))
                self.ctx.defer(NAMED_KEY, NamedCall(service, code(node.func), args, self.ctx.locate(node), code(node)))
                return

    def _via_project(self, node: cst.Call, q: str) -> None:
        """`stripe.Customer.create(...)` with `from app.api import stripe_api as stripe`: if that module binds
        the name to an SDK (`stripe_api = stripe`, `mail = Mail()`), the cross-file pass settles the call."""
        root = receiver(node.func)
        if root is None or root in ("self", "cls"):
            return
        bound = self.ctx.qualify(cst.Name(root))
        # a local or builtin name, or one from a library: nothing this project's modules bind (`src.shop.email`
        # importing `shop.extensions` is the project's own, as is `pinax.stripe.x` importing `pinax.stripe.y`)
        if bound is None or "." not in bound or bound.partition(".")[0] not in self.ctx.module.split("."):
            return
        self.ctx.defer(VIA_KEY, ViaCall(bound, q, tuple(arg_facts(self.ctx, node)), self.ctx.locate(node), code(node)))

    def _http(self, node: cst.Call, q: str) -> str | None:
        index = 1 if last(q) == "request" else 0
        expr = arg(node, index, "url")
        if isinstance(expr, cst.Call) and last(dotted(expr.func) or "") == "Request":  # urlopen(Request(url))
            expr = arg(expr, 0, "url")
        if expr is None:
            return None
        name = dotted(expr)
        if _discovered(expr) or name is not None and any(
                self._held(scope).get(name) == CONFIGURED_IDP for scope in self.ctx.scopes):
            self.idp_lines.add(self.ctx.loc(node).line)
            return CONFIGURED_IDP
        vendor = self._vendor_setting(expr)
        if vendor is not None:
            return vendor
        parts = self._parts(expr)
        if parts is None:
            return None
        if all(kind == "text" for kind, _ in parts):
            return url_service("".join(text for _, text in parts), self.ctx.catalogue)
        self._configured_host(node, "".join(text if kind == "text" else "{}" for kind, text in parts))
        if any(kind == "ref" for kind, _ in parts) and parts[0][0] != "unknown":
            flows = tuple(sendable(call_flows(self.ctx, node))) if self.ctx.in_function else ()
            pending = PendingCall(tuple(parts), q, self.ctx.loc(node), code(node), flows)
            self.ctx.defer(HTTP_KEY, pending)
        return None

    def _vendor_setting(self, expr: cst.BaseExpression) -> str | None:
        """A URL a vendor's setting holds, read through the module's name for it, whole or by key
        (`api_url = getattr(settings, "BULKSMS_API_URL", "")`, then `requests.post(api_url.get("single"), ...)`,
        heldout18): the vendor the setting is named for, when its value is not in this file to read."""
        if isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute) and expr.func.attr.value == "get":
            expr = expr.func.value
        elif isinstance(expr, cst.Subscript):
            expr = expr.value
        else:  # (the name alone is the setting's URL, which py_sharing names by the setting)
            return None
        setting = self.setting_vars.get(expr.value) if isinstance(expr, cst.Name) else None
        service = self.ctx.catalogue.by_setting(setting) if setting else None
        known = self.ctx.catalogue.services.get(service) if service else None
        return service if known is not None and known.recipient_category != "webhooks_unresolved" else None

    def _configured_host(self, node: cst.Call, url: str) -> None:
        """An HTTP call to a host from configuration (`f"{self.endpoint}/openai/deployments/{model}/chat/completions"`,
        `f"https://{domain}/.well-known/jwks.json"`) whose path is a vendor's documented API (Catalogue.by_path), or
        which a class or function named for one vendor makes (fastapi-auth0's `class Auth0` fetching its tenant's
        keys), uses that vendor, data or none. The data, if any, is read where the call's destination is
        (py_sharing), which names it the same way."""
        path = configured_path(url)
        if path is None:
            return
        service, signal = path_service(url, self.ctx.catalogue), "path"
        if service in (None, CONFIGURED_IDP) and self.ctx.in_function:  # (a vendor named beats a generic issuer)
            names = [self.ctx.function(), *(s.name for s in self.ctx.scopes if s.kind == "class")]
            named = next((found for name in names if (found := named_by(name))), None)
            service, signal = (named, "call") if named else (service, signal)
        if service is not None:
            self.ctx.use(service, signal, node, "medium")
            self.configured.append(self.ctx.result.services[-1])

    def _parts(self, expr: cst.BaseExpression, depth: int = 0) -> list[tuple[str, str]] | None:
        """A URL as text and references; ("unknown", "") for what no file can tell."""
        text = string(expr)
        if text is None and isinstance(expr, cst.SimpleString) and "b" in expr.prefix.lower():
            text = bytes_text(expr)  # Twisted's Agent takes the URL as bytes: b"https://..."
        if text is not None:
            return [("text", text)]
        if isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute) and expr.func.attr.value == "encode" \
                and depth < 4:
            return self._parts(expr.func.value, depth + 1)  # uri.encode("utf8"): the URL as bytes
        if isinstance(expr, cst.Call) and depth < 4:
            return self._returned_url(expr, depth + 1)
        if isinstance(expr, (cst.Name, cst.Attribute)):
            name = dotted(expr) or ""
            if isinstance(expr, cst.Name) and name in self.ctx.constants:
                return [("text", self.ctx.constants[name])]
            q = self.ctx.qualify(expr)
            if q and "." in q:
                return [("ref", q)]
            if name.startswith("settings."):
                return [("ref", name)]
            return [("unknown", "")]
        if isinstance(expr, cst.FormattedString):  # f"{BASE}/track": resolve what we can
            out: list[tuple[str, str]] = []
            for part in expr.parts:
                if isinstance(part, cst.FormattedStringText):
                    out.append(("text", part.value))
                elif isinstance(part, cst.FormattedStringExpression):
                    out.extend(self._parts(part.expression, depth) or [("unknown", "")])
            return out
        if isinstance(expr, cst.ConcatenatedString) or (isinstance(expr, cst.BinaryOperation)
                                                        and isinstance(expr.operator, cst.Add)):
            # f"{BASE}" "/track" is read as f"{BASE}" + "/track"
            left, right = self._parts(expr.left, depth), self._parts(expr.right, depth)
            return (left or [("unknown", "")]) + (right or [("unknown", "")])
        return None

    def _returned_url(self, call: cst.Call, depth: int) -> list[tuple[str, str]] | None:
        """A URL a call gives: `getattr(settings, "PLAUSIBLE_BASE_URL", "https://plausible.io")` is the setting's
        default, and a function of this module (`get_event_endpoint()`) what it returns, by the first of its
        returns that reads as a URL."""
        func = dotted(call.func) or ""
        if func == "getattr" and len(call.args) == 3 and last(dotted(call.args[0].value) or "") == "settings":
            default = self._parts(call.args[2].value, depth)
            if default and default[0][0] == "text":
                return default
            name = string(call.args[1].value)
            return [("ref", f"settings.{name}")] if name else None
        if not isinstance(call.func, cst.Name) or self.ctx.qualify(call.func) is not None or self.module is None:
            return None
        if self.returns is None:
            self.returns = _module_returns(self.module)
        for value in self.returns.get(func, ()):
            parts = self._parts(value, depth)
            if parts and parts[0][0] != "unknown":
                return parts
        return None

    # -- configuration: settings names, backends, API hosts in literals ------------------------------
    def visit_Expr(self, node: cst.Expr) -> None:
        if isinstance(node.value, cst.SimpleString):
            self.docstring = node.value

    def visit_Attribute(self, node: cst.Attribute) -> None:
        # settings.STRIPE_SECRET_KEY, app.config.SENTRY_DSN
        attr = node.attr.value
        if attr.isupper() and "_" in attr and last(dotted(node.value) or "") in ("settings", "config", "conf"):
            service = self.ctx.catalogue.by_setting(attr)
            if service:
                self.ctx.use(service, "setting", node, "medium")

    def visit_Dict(self, node: cst.Dict) -> None:
        # {"smtp.gmail.com": _("We recommend not using Google Mail ...")}.get(host): a warning about a
        # host the user may type is no use of it
        for element in node.elements:
            if isinstance(element, cst.DictElement) and isinstance(element.key, cst.SimpleString):
                self.keys.add(id(element.key))
                if _prose(element.value):
                    self.captions.add(id(element.key))
        self._table(node)

    def _table(self, node: cst.Dict) -> None:
        """A table of one host's endpoints ({"library_sync": "https://storeapi.kobo.com/...", ...}, handed to a
        device as data) is that host's: another vendor's URL among them (Kobo's support chat on zopim.com) is
        something the table points the device to, not a use by this code (audit14 #13). A call or a request of
        that URL elsewhere is still read as one.
        The table's host is the registrable domain (its last two labels) of more than half its URL values, at least
        three; a table of many vendors' URLs has none and leaves every URL as it was."""
        urls: list[tuple[cst.SimpleString, str]] = []
        for element in node.elements:
            if isinstance(element, cst.DictElement) and isinstance(element.value, cst.SimpleString):
                text = string(element.value) or ""
                if text.startswith(("https://", "http://")):
                    # (urls.host_of drops a user and a port, `https://key@host:443/`; a dotless or placeholder
                    # host, `http://localhost/`, is no one's domain: an entry of the table that names no host)
                    host = host_of(text)
                    urls.append((element.value, ".".join(host.split(".")[-2:]) if host else ""))
        if len(urls) < 3:
            return
        domains = [d for _, d in urls]
        top = max(set(domains) - {""}, key=domains.count, default="")
        if not top or domains.count(top) * 2 <= len(urls):
            return
        self.tabled.update(id(value) for value, domain in urls if domain != top)

    def visit_Tuple(self, node: cst.Tuple) -> None:
        """`("logs3.papertrailapp.com", 12345)`: a (host, port) address (a syslog handler's, a socket's) names
        the host as a URL does."""
        if len(node.elements) != 2 or id(node) in self.addressed:
            return
        host, port = string(node.elements[0].value), node.elements[1].value
        if host is None or not _BARE_HOST.fullmatch(host) or isinstance(
                port, (cst.SimpleString, cst.FormattedString, cst.ConcatenatedString, cst.Tuple, cst.List)):
            return
        service = self.ctx.catalogue.by_host(host)
        if service is not None:
            self.ctx.use(service, "domain", node, "medium")

    def visit_SubscriptElement(self, node: cst.SubscriptElement) -> None:
        # entry["logging.googleapis.com/trace"] = ...: a field's name, as a dict key is
        if isinstance(node.slice, cst.Index) and isinstance(node.slice.value, cst.SimpleString):
            self.keys.add(id(node.slice.value))

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        if node is self.docstring or id(node) in self.captions:
            return
        value = string(node)
        if value is None or len(value) > 200:
            return
        catalogue = self.ctx.catalogue
        if self.loads_modules and _MODULE_PATH.fullmatch(value) and ("_" in value or "." in value) \
                and (service := self.ctx.sdk(value)):  # (a bare "openai" is as often a provider's name)
            self.ctx.use(service, "import", node, "medium")
            return
        if value.isupper() and "_" in value:
            service = catalogue.by_setting(value)
            if service:
                self.ctx.use(service, "setting", node, "medium")
        elif value.startswith(("https://", "http://", "wss://")):
            service = url_service(value, catalogue)  # host and path: github.com/login/oauth is GitHub's sign-in
            if service and (split := split_url(value)) is not None and _HELP_PAGE.match(split[1]):
                return  # a help-centre article linked for a reader (an HTTP call to it is read where it is made)
            if service and id(node) not in self.tabled:
                self.ctx.use(service, "domain", node, "medium")
                owner = self.ctx.scopes[-1] if self.ctx.scopes[-1].kind == "class" else next(
                    (s for s in self.ctx.scopes if s.kind == "class"), None) if id(node) in self.endpoints else None
                if owner is not None and (split := split_url(value)) is not None:
                    self.class_urls.append((owner, split[0], not split[1].strip("/"), service,
                                            self.ctx.loc(node).line, id(node) in self.endpoints))
            elif not service and self.ctx.scopes[-1].kind == "class" and external_host(value):
                self.class_hosts.append((self.ctx.scopes[-1], node))
        elif "." in value and " " not in value:
            service = catalogue.by_setting_value(value)
            if service and service == self.ctx.own_service and value.startswith(self.ctx.module.partition(".")[0]):
                return  # sentry_sdk naming its own integrations ("sentry_sdk.integrations.argv.ArgvIntegration")
            if service:
                self.ctx.use(service, "setting_value", node, "high")
            elif "/" in value and id(node) not in self.keys:  # "api.backblaze.com/b2api/v1/": an API host without its scheme
                host, _, path = value.partition("/")
                service = catalogue.by_url(host, path, suffixes=False)  # exact API hosts only: a bare suffix is too loose here
                if service:
                    self.ctx.use(service, "domain", node, "medium")

    def _one_product(self) -> None:
        """A file that uses one product of a shared host by its paths (WhatsApp's Cloud API, `/{phone-id}/messages`
        on graph.facebook.com) uses that product on the host's other paths too (`/{waba-id}/flows`,
        `/{phone-id}/media`, the bare base URL), which the catalogue can only give to the host's own service
        (facebook_graph): the code is that product's client. Not when the file names two products of the host, nor
        when the product is a sign-in (an app signs in with Facebook, then calls the Graph API: both are used), nor
        when the host's service has another host the file names (graph-video.facebook.com), another signal (an
        import of its SDK, its settings) or one of its own paths on the host the file writes out (Messenger's
        `/me/messages`)."""
        catalogue, result = self.ctx.catalogue, self.ctx.result
        named = {u.service for u in result.services}
        otherwise = {u.service for u in result.services if u.signal != "domain"}
        for host, products in catalogue.host_products.items():
            generic = catalogue.domains[host]
            used = products & named
            if generic not in named or generic in otherwise or len(used) != 1 or host not in self.ctx.source:
                continue
            product = next(iter(used))
            if catalogue.services[product].recipient_category == "auth_identity" or any(
                    other in self.ctx.source for other in catalogue.hosts_of(generic) if other != host) or any(
                    "/" + tail in self.ctx.source for tail in catalogue.own_paths(host)):
                continue
            result.services = [replace(u, service=product) if u.service == generic and u.signal == "domain" else u
                               for u in result.services]
            result.flows = [replace(f, service=product) if f.service == generic else f for f in result.flows]

    def _written_issuer(self) -> None:
        """An OAuth2/OIDC backend class that writes its provider's URLs out names that provider (audit15 #04: a
        python-social-auth `OpenIdConnectAuth` subclass with `AUTHORIZATION_URL = "https://huggingface.co/oauth/
        authorize"`): the generic backend's import and base are no provider from configuration then, and the class's
        bare issuer URL on that host (`OIDC_ENDPOINT = "https://huggingface.co"`) is the sign-in, not the host's API.
        A generic client registered in the file too (`oauth.register(...)`, a call) stays configured. A backend
        class that writes out a public host the catalogue does not know is that host's, `unlisted_host`: the host is
        in the code, not in configuration. A subclass of a generic OAuth client that sets a catalogued API's URL as
        its OAuth endpoint in a method (keap-flask's `KeapSession(OAuth2Session)`: `self.token_endpoint =
        "https://api.infusionsoft.com/token"`, then `OAuth2Session.__init__(self, ..., token_endpoint=...)`) is that
        API's client, whatever the API's category."""
        catalogue, result = self.ctx.catalogue, self.ctx.result
        signins = {(id(scope), host): service for scope, host, _, service, _, endpoint in self.class_urls
                   if service != CONFIGURED_IDP and (
                       catalogue.services[service].recipient_category == "auth_identity" or endpoint
                       and scope.record is not None and CONFIGURED_IDP in scope.record.services)}
        written = [node for scope, node in self.class_hosts
                   if scope.record is not None and CONFIGURED_IDP in scope.record.services]
        if not signins and not written:
            return
        issuers = {(service, line): signins[(id(scope), host)]
                   for scope, host, bare, service, line, _ in self.class_urls
                   if bare and signins.get((id(scope), host), service) != service}
        result.services = [replace(u, service=issuers[(u.service, u.location.line)])
                           if u.signal == "domain" and (u.service, u.location.line) in issuers else u
                           for u in result.services]
        configured = [u for u in result.services if u.service == CONFIGURED_IDP]
        own = {u.location.line for u in configured if u.signal == "call" and u.location.line in self.own_calls}
        if configured and all(u.signal in ("import", "subclass", "setting_value") or u.location.line in own
                              for u in configured):
            # what the subclass calls on itself goes to the one provider its URLs name (a sign-in's issuer URL and
            # its API are one provider's too); with two, the calls are left out
            named = set(signins.values())
            provider = next(iter(named)) if len(named) == 1 else None
            result.services = [replace(u, service=provider) if provider and u.location.line in own else u
                               for u in result.services if u.service != CONFIGURED_IDP or provider and
                               u.location.line in own]
            result.flows = [replace(f, service=provider) if provider and f.service == CONFIGURED_IDP else f
                            for f in result.flows if f.service != CONFIGURED_IDP or provider]
            for scope in {id(s): s for s in (*(u[0] for u in self.class_urls), *(h[0] for h in self.class_hosts))
                          }.values():  # its subclasses in other modules inherit the named provider only
                if scope.record is not None and CONFIGURED_IDP in scope.record.services:
                    scope.record.services.remove(CONFIGURED_IDP)
            if not signins:
                for node in written:
                    self.ctx.use("unlisted_host", "domain", node, "medium")

    def _smtp_providers(self) -> None:
        """Mail through an SMTP connection to a provider's literal host goes to that provider: the connection's
        uses and the message's flows are its (judged against its `receives:` and country), and the SMTP library's
        import names no server from configuration when every connection of the file is such a provider's."""
        result, lines = self.ctx.result, self.smtp_lines
        # `EMAIL_HOST = "smtp.sendgrid.net"`: the mail server's setting, whose value names the provider
        named = {u.location.line for u in result.services if u.signal in ("setting_value", "domain")
                 and self.ctx.catalogue.services[u.service].recipient_category != "webhooks_unresolved"}
        result.services = [u for u in result.services if not (u.service == SMTP_SERVER and u.signal == "setting"
                                                               and u.location.line in named)]
        if not lines:
            return
        smtp_to_provider(result, lines)
        if all(u.signal == "import" for u in result.services if u.service == SMTP_SERVER):
            result.services = [u for u in result.services if u.service != SMTP_SERVER]

    def _discovered_endpoints(self) -> None:
        """A call to an endpoint of the provider's discovery document sends to the configured identity provider,
        not to an anonymous webhook (py_sharing names a POST's destination by its data: the same line's)."""
        if not self.idp_lines:
            return
        result, lines = self.ctx.result, self.idp_lines
        result.services = [u for u in result.services
                           if not (u.service == "unresolved_webhook" and u.location.line in lines)]
        result.flows = [replace(f, service=CONFIGURED_IDP) if f.service == "unresolved_webhook"
                        and f.location.line in lines else f for f in result.flows]

    def _one_issuer(self) -> None:
        """A generic OAuth client whose token requests name one catalogued provider's URLs
        (`self.oauth_session.fetch_token(ADOBE_OAUTH_TOKEN_URL, ...)`, heldout18's AdobeSignOAuthSession wrapping
        OAuth2Session) is that provider's client: its construction, its authorization URL and the library's import
        in the file are no provider from configuration. Not with two providers named."""
        if len(self.issuers) != 1:
            return
        provider, result = next(iter(self.issuers)), self.ctx.result
        result.services = [replace(u, service=provider) if u.service == CONFIGURED_IDP else u
                           for u in result.services]
        result.flows = [replace(f, service=provider) if f.service == CONFIGURED_IDP else f for f in result.flows]

    def _app_token(self) -> None:
        """An app's own token for an API (Microsoft identity platform's client credentials, scope
        `https://graph.microsoft.com/.default`, msal's `acquire_token_for_client`) is part of using that API: a
        Graph mail backend sends its mail to Graph, and signs no one in with Entra ID (heldout18). Not when the
        file signs a user in too (an authorization code, a device flow, a public client), nor for two APIs."""
        source, result = self.ctx.source, self.ctx.result
        apis = {service for host in _APP_SCOPE.findall(source)
                if (service := self.ctx.catalogue.by_host(host)) is not None}
        if len(apis) != 1 or any(flow in source for flow in _USER_SIGN_IN):
            return
        api = next(iter(apis))
        issuers = {u.service for u in result.services if u.service != api
                   and self.ctx.catalogue.services[u.service].recipient_category == "auth_identity"}
        if api not in {u.service for u in result.services} or len(issuers) != 1:
            return
        issuer = next(iter(issuers))
        result.services = [replace(u, service=api) if u.service == issuer else u for u in result.services]
        # (what it sends for the token is the business's own client id and secret: no one's data)
        result.flows = [f for f in result.flows if f.service != issuer]

    def leave_Module(self, original_node: cst.Module) -> None:
        # a send to a configured host that py_sharing named the same way is its use already (a webhook, with data)
        if self.configured:
            mine = {id(u) for u in self.configured}
            others = {(u.service, u.location.line) for u in self.ctx.result.services if id(u) not in mine}
            self.ctx.result.services = [u for u in self.ctx.result.services
                                        if id(u) not in mine or (u.service, u.location.line) not in others]
        self._one_product()
        self._written_issuer()
        self._smtp_providers()
        self._app_token()
        self._discovered_endpoints()
        self._one_issuer()
        # `from openai import OpenAI` in a file whose every OpenAI client talks to DeepSeek or Ollama: the
        # import names a library, not the provider
        for service in self.redirected:
            uses = [u for u in self.ctx.result.services if u.service == service]
            if uses and all(u.signal == "import" for u in uses):
                self.ctx.result.services = [u for u in self.ctx.result.services if u.service != service]
        # module-level UPPER constants, for the cross-file URL pass and catalogue setting names
        if self.ctx.constants:
            self.ctx.result.deferred[CONSTANTS_KEY] = (self.ctx.module, dict(self.ctx.constants))
        # module-level names bound to an SDK, for callers in other modules
        aliases = {name: q for name, q in self.ctx.scopes[0].names.items() if "." not in name and self.ctx.sdk(q)}
        aliases.update(self.ctx.held)
        # `async def get_session(): return aiohttp.ClientSession()`: a caller's `session = await get_session()`
        # is that HTTP client, whose calls go where their URL says
        aliases.update({name: q for name, q in self.ctx.scopes[0].names.items()
                        if name in self.ctx.factories and q.startswith(HTTP_CLIENTS)
                        and q.rpartition(".")[2] in HTTP_SESSIONS})
        if aliases:
            self.ctx.result.deferred[ALIASES_KEY] = (self.ctx.module, aliases)
