"""Intra-function data flow: which personal data an expression carries, and by which names.

Taint follows what a reviewer would follow by eye: local assignments,
`props["email"] = ...`, dict literals, f-strings, keyword arguments and method
calls on a datum (`email.lower()`). A flow is recorded only where such a path
reaches an argument of a third-party call; sharing a file or a function with
personal data is not a path.

One level of function summaries within a module: each parameter starts with a
marker taint (`@param:value`). A marker reaching a third-party call becomes the
function's summary (`track(value)` sends `value` to Mixpanel) instead of a flow;
a call `track(user.email)` in the same module then records the flow **at the
caller's line**, with the callee in its path. A function (or method) returning
personal data passes it to its callers in the same way when it is defined before
them. Markers never become flows themselves, and a summary needs the parameter to
reach the call: sharing a function with a service call is not a path.
"""

from __future__ import annotations

import builtins
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace

import libcst as cst

from scanner.catalogue import Catalogue
from scanner.extract.py_clients import HTTP_CLIENTS, HTTP_SESSIONS, SESSIONS
from scanner.extract.py_common import GETTEXT, Batchable, Context, Taint, code, dotted, last, literal_value, string
from scanner.extract.urls import url_service
from scanner.inventory import Flow, Location

# names a star import cannot shadow in practice: a call of one is no project function's
_BUILTINS = frozenset(dir(builtins))
_MAX_DEPTH = 8
# Calls whose result says something about the data but is not the data.
_OPAQUE = {"len", "bool", "isinstance", "hasattr", "callable", "type", "id", "count", "exists", "is_valid",
           "startswith", "endswith", "index", "find"}
# A keyed MAC signs what it is given (`hmac.new(SECRET_KEY, last_login)`): the signature is a token that reveals
# nothing of its input, unlike a plain hash that a service matches on (`md5(email)` for Gravatar)
_SIGNED = frozenset({"hmac.new", "hmac.digest", "hmac.HMAC"})
_HTTP_VERBS = frozenset({"get", "post", "put", "patch", "delete", "head", "options", "request", "urlopen", "fetch"})
_LITERALS = (cst.SimpleString, cst.Integer, cst.Float)


def _literal(node: cst.CSTNode) -> bool:
    """A literal: a number, a string, or strings written side by side, none of them formatted
    (`f"Your code is {token.token}" "Go."` carries the token)."""
    if isinstance(node, cst.ConcatenatedString):
        return _literal(node.left) and _literal(node.right)
    return isinstance(node, _LITERALS)


# Objects that carry input or payloads, not records: a key read from them is classified in the
# enclosing function's context (the handler), not as a field of a `form` or a `row`.
_CARRIERS = frozenset({"form", "json", "args", "values", "data", "POST", "GET", "FILES", "COOKIES", "cleaned_data",
                       "params", "query_params", "body", "payload", "headers", "cookies", "META", "files", "request",
                       "kwargs", "validated_data", "initial_data", "row", "record", "item", "obj", "d", "dct",
                       "context"})  # a template's context: `context.get("snapengage_email")`
MARKER = "@param:"
KWARGS = "**"  # a function's `**kwargs` parameter, as its summaries and parameter lists name it
ARGS = "*"  # its `*args` parameter: the positional arguments after the named ones (audit12 #18)
# What a method of another module returns (`data = instance.get_intercom_data()`): settled in the
# cross-file pass against that method's own return, when one class of the project defines it.
RETURN = "@return:"
FIELDS = "@fields@"  # after RETURN: what a class's declared fields hold (`UserSerializer(user).data`)
FUNCTION = "@fn@"  # after RETURN: what another module's builder function returns (`build_request_tags(request)`)
# A sender whose URL is its own parameter (`def post_json(url, data): requests.post(url, json=data)`): its
# summary names the service `URL_PARAM + "<param>|<fallback>"`, and a call site's URL argument that names a
# service (`NAMED + "mixpanel"`, added to that argument's taints) decides where the data goes.
URL_PARAM = "@url:"
# What an object's attribute holds from its constructor (`self.recipient` set from `__init__(recipient)`), read in
# another method: reaching a service, it makes the constructor's summary (`TaskEmail(user.email).run()` sends it)
ATTR = "@attr:"
NAMED = "@service:"
# A dict key whose value says nothing by its name (`{"htmlContent": html}`): at a known API the key is the
# API's argument and means what that argument carries there (py_flows.landed).
KEY = "@key:"
# What a function of this module defined further down returns (`body = get_reset_link_body(user)` above
# `def get_reset_link_body`): settled at the module's end, when every function's returns are known.
CALL = "@call:"
# What the methods of a class put in an attribute of its object (`self.payload = {...}` in `create_message`), kept in
# the class's scope under this prefix: another method that sends `self.payload` sends it (`send_message`)
STATE = "@state:"
# A name bound to what a server or an SDK answered (`person = self.find_person(email)` over `requests.get(...).json()`,
# `customer = stripe.Customer.create(...)`), marked in the taint table: what is read from it (`person["id"]`) is the
# provider's own record, not a datum of ours sent
ANSWER = "@answer:"
# a taint-table entry for a name bound to an object of a project class the code builds (`dto = CartDTO.from_cart(
# cart)`, `dto = CartDTO(cart)`): the class, which decides between classes defining a builder `dto.to_payload()`
INSTANCE = "@instance:"
# class methods that build an object of their class (`CartDTO.from_cart(...)`, `Report.create(...)`)
_MAKERS = re.compile(r"from_\w+|create|build|make|new|of|parse_obj|model_validate")
# A text the app composes (a rendered template, an f-string or a format with words of its own): a message built so
# carries the data put in it, and is no text a person wrote (their private content)
BUILT = "@built"
# A field read on a row (`booking.name`) whose name alone the classifier cannot place: the cross-file pass gives it
# the inventory's verdict on that model's field (py_flow_fields), `@field:Owner.attr` with the variable or the
# model the row is of
FIELD = "@field:"
FIELDS_KEY = "py_field_reads"  # (owner.attr, service, q, path, location, evidence)
# what a request carries, read by a key the classifier cannot place, or a message an object keeps: a person's text,
# maybe
INPUT = "@input"
# a taint-table entry for a name bound to literal attribute names, one taint per name (`FIELDS = ("email",
# "first_name")`, `for key, other in [("email", "emailaddress")]`): what `getattr(user, key)` reads
LITERALS = "@literal:"
_RENDERS = frozenset({"render_to_string", "render_template", "render_template_string", "render", "format",
                      "format_map", "substitute", "safe_substitute", "format_html"})
_SUMMARY_ROUNDS = 4  # how many callers up a summary climbs within a module
# Methods that build what they return from their object: a payload, a dict, a serialisation.
_BUILDER = re.compile(r"(?:get|to|as|build|make|serialize|serialise|collect|prepare)_\w+|"
                      r"\w+_(?:data|payload|dict|json|traits|props|properties|attributes|params|info)")


# ORM queries: `Device.objects.filter(user_id=user_id)` finds rows by the id, it does not return it.
_QUERIES = frozenset({"filter", "get", "exclude", "get_or_create", "filter_by", "get_object_or_404",
                      "get_list_or_404", "where"})
# Functions that look something up by their arguments: an identifier given is a key, not what is returned.
_LOOKUP = re.compile(r"(?:get|fetch|load|find|lookup|query|retrieve|export|list|count|check|exists|resolve|search)_")


# A task queue runs a function later with the arguments it is given: `send_welcome.delay(user.email)` (celery)
# is a call of `send_welcome`, as are `apply_async(args, kwargs)`, a signature `.s(...)`, rq's
# `queue.enqueue(send_welcome, user.email)`, FastAPI's `background_tasks.add_task(send_welcome, user.email)`, an
# executor's `submit(send_welcome, ...)`, `asyncio.to_thread(...)`, `loop.run_in_executor(None, send_welcome, ...)`,
# arq's `redis.enqueue_job("send_welcome", ...)` (the function by its name) and a thread or process started on it
# (`Thread(target=send_welcome, args=(...), kwargs={...})`).
_DEFERRED_SAME = frozenset({"delay", "s", "si"})
_ENQUEUE = frozenset({"enqueue", "enqueue_call"})
# Names common enough elsewhere (`gateway.submit(payment)`) that the function handed over must be one this
# module defines or imports
_HANDED = frozenset({"add_task", "submit", "to_thread", "enqueue_job"})
_RUNNERS = frozenset({"Thread", "Process", "Timer"})  # threading's and multiprocessing's: `target=` runs later


def _callee(ctx: Context, func: cst.BaseExpression) -> str | None:
    """The summary key a call names (`Context.callee_key`); `self.method()` that this class inherits from a base
    of the module is the base's (`self._report_comment(...)` in a subclass of `IssueTrackerType`)."""
    key = ctx.callee_key(func)
    if key is None or "." not in key or key in ctx.defined:
        return key
    owner, _, method = key.partition(".")
    seen, todo = {owner}, [owner]
    while todo and len(seen) < 32:
        current = todo.pop(0)
        for parent, children in ctx.subclasses.items():
            if current in children and parent not in seen:
                if f"{parent}.{method}" in ctx.defined:
                    return f"{parent}.{method}"
                seen.add(parent)
                todo.append(parent)
    return key


def task_call(node: cst.Call, ctx: Context | None = None) -> cst.Call | None:
    """The call a task queue will make, when `node` hands one its function and arguments."""
    func = node.func
    if ctx is not None and last(dotted(func) or "") in _RUNNERS:
        return _started(ctx, node)
    if not isinstance(func, cst.Attribute):
        return None
    method = func.attr.value
    if method in _DEFERRED_SAME:
        return cst.Call(func=func.value, args=node.args)
    if method == "apply_async":
        return _with_options(func.value, node)
    first = node.args[0] if node.args and node.args[0].keyword is None and not node.args[0].star else None
    if first is None:
        return None
    if method in _ENQUEUE and isinstance(first.value, (cst.Name, cst.Attribute)):
        return cst.Call(func=first.value, args=node.args[1:])
    if ctx is None:
        return None
    if method == "run_in_executor" and len(node.args) >= 2 and _runs(ctx, node.args[1].value):
        return cst.Call(func=node.args[1].value, args=node.args[2:])
    name = string(first.value) if method == "enqueue_job" else None
    target: cst.BaseExpression = cst.Name(name) if name and name.isidentifier() else first.value  # arq: by name
    if method in _HANDED and _runs(ctx, target):
        return cst.Call(func=target, args=node.args[1:])
    return None


def _runs(ctx: Context, target: cst.BaseExpression) -> bool:
    """A function named, not called or computed, that this module defines (`send_welcome`, `self.notify`) or
    imports (`tasks.send_welcome`)."""
    if not isinstance(target, (cst.Name, cst.Attribute)):
        return False
    key = _callee(ctx, target)
    if key is not None:
        return key in ctx.functions or key in ctx.defined
    q = ctx.qualify(target) or ""
    return "." in q and last(q)[:1].islower() and not ctx.sdk(q)


def _started(ctx: Context, node: cst.Call) -> cst.Call | None:
    """`Thread(target=report, args=(exc,), kwargs={"message": message})`: the call of `report` the thread makes."""
    given = {a.keyword.value: a.value for a in node.args if a.keyword is not None}
    target = given.get("target")
    if target is None or not _runs(ctx, target):
        return None
    return _with_options(target, cst.Call(func=node.func, args=[a for a in node.args if a.keyword is not None
                                                              and a.keyword.value in ("args", "kwargs")]))


def sdk_started(ctx: Context, node: cst.Call) -> cst.Call | None:
    """`Thread(target=send_mail, args=(...))`, `executor.submit(send_mail, ...)`, `asyncio.to_thread(...)`,
    `loop.run_in_executor(None, send_mail, ...)`: the call of an SDK's own function a thread or an executor
    makes (a function of the project is followed as a call of it, see task_call)."""
    func = node.func
    method = func.attr.value if isinstance(func, cst.Attribute) else last(dotted(func) or "")
    plain = [a for a in node.args if a.keyword is None and not a.star]
    target: cst.BaseExpression | None = None
    if method in _RUNNERS:
        target = next((a.value for a in node.args if a.keyword is not None and a.keyword.value == "target"), None)
        rest: Sequence[cst.Arg] = [a for a in node.args
                                   if a.keyword is not None and a.keyword.value in ("args", "kwargs")]
    elif method in ("submit", "to_thread") and plain:
        target, rest = plain[0].value, node.args[1:]
    elif method == "run_in_executor" and len(plain) >= 2:
        target, rest = plain[1].value, node.args[2:]
    if not isinstance(target, (cst.Name, cst.Attribute)):
        return None
    q = ctx.qualify(target) or ""
    if "." not in q or not ctx.sdk(q):
        return None
    if method in _RUNNERS:
        return _with_options(target, cst.Call(func=func, args=rest))
    return cst.Call(func=target, args=rest)


# dramatiq: `send_email.send(user.email)` on an `@dramatiq.actor` function is a call of it, as is
# `send_with_options(args=(...), kwargs={...})`. `.send` is a common method name, so the receiver must be
# a plain function name (see FlowVisitor.visit_Call).
_ACTOR_SEND = frozenset({"send", "send_with_options"})


def actor_call(node: cst.Call) -> cst.Call | None:
    """The call of `fn` that `fn.send(...)` or `fn.send_with_options(args=...)` would make, `fn` a lower-case name."""
    func = node.func
    if not (isinstance(func, cst.Attribute) and func.attr.value in _ACTOR_SEND and isinstance(func.value, cst.Name)
            and func.value.value[:1].islower()):
        return None
    if func.attr.value == "send":
        return cst.Call(func=func.value, args=node.args)
    return _with_options(func.value, node)


def _with_options(target: cst.BaseExpression, node: cst.Call) -> cst.Call | None:
    """`task.apply_async(args, kwargs)`, `actor.send_with_options(args=..., kwargs=...)`: the call of the task."""
    given = {a.keyword.value: a.value for a in node.args if a.keyword is not None}
    plain = [a.value for a in node.args if a.keyword is None and not a.star]
    args_, kwargs = given.get("args", plain[0] if plain else None), given.get("kwargs", plain[1] if len(plain) > 1 else None)
    out: list[cst.Arg] = []
    if isinstance(args_, (cst.List, cst.Tuple)):
        out += [cst.Arg(e.value) for e in args_.elements if isinstance(e, cst.Element)]
    if isinstance(kwargs, cst.Dict):
        out += [cst.Arg(e.value, keyword=cst.Name(e.key.evaluated_value))
                for e in kwargs.elements if isinstance(e, cst.DictElement) and isinstance(e.key, cst.SimpleString)
                and isinstance(e.key.evaluated_value, str) and e.key.evaluated_value.isidentifier()]
    return cst.Call(func=target, args=out) if out else None


_MAX_TAINTS = 64  # per name: a dict filled key by key from calls given the dict itself must not grow without end


def merged(held: Iterable[Taint], found: Iterable[Taint], name: str) -> list[Taint]:
    """What a name holds after it is given more: each datum once by its category and origin (`config[k] =
    get(k, config=config)` forty times over would otherwise double the list each time), the path ending at it."""
    out = list(held)
    seen = {(c, p[0] if p else "") for c, p in out}
    for c, p in found:
        if (c, p[0] if p else "") in seen or len(out) >= _MAX_TAINTS:
            continue
        seen.add((c, p[0] if p else ""))
        out.append((c, p if p and p[-1] == name else (*p, name)))
    return out


# A setting that holds the business's account with a provider: a value that falls back to one is that account
_ACCOUNT_SETTING = re.compile(r"(?:^|_)(?:USER|USERNAME|LOGIN|PASSWORD|PASS|PWORD|KEY|SECRET|TOKEN|SID)$")


def _setting_name(expr: cst.BaseExpression) -> str:
    """`settings.TXTLOCAL_USERNAME`, `TXTLOCAL_USERNAME`: the upper-case name of a setting ("" if none)."""
    name = expr.attr.value if isinstance(expr, cst.Attribute) else expr.value if isinstance(expr, cst.Name) else ""
    return name if name.isupper() else ""


def real(found: list[Taint]) -> list[Taint]:
    """Personal data only, parameter and return markers left out."""
    return [t for t in found if not t[0].startswith("@")]


def sendable(found: Iterable[Taint]) -> list[Taint]:
    """Personal data and the dict keys that may turn out to be an API's arguments (see `landed`)."""
    return [t for t in found if not t[0].startswith("@") or t[0].startswith(KEY)]


def _kept(taint: Taint, own: AbstractSet[str]) -> bool:
    """Whether an argument's taint goes to another module: personal data, return markers, calls of this
    module's functions (put in at the module's end, `FlowVisitor._calls_resolved`), and the calling function's
    own parameters (they make it a sender once the callee's summary is known: python_project.py)."""
    return not taint[0].startswith(MARKER) or taint[0][len(MARKER):] in own


def _plain(found: list[Taint]) -> list[Taint]:
    """Personal data and the caller's parameters: what a call to a module's function can settle; and calls of
    this module's functions, whose returns are put in at the module's end (`payload = _build_payload(order)`;
    `gateway.post_tax(payload)`: django-oscar-avalara's customer code)."""
    return [t for t in found if not t[0].startswith("@") or t[0].startswith((MARKER, CALL))]


def _with_state(found: list[Taint]) -> list[Taint]:
    """`_plain`, with what the caller's object holds (ATTR): a method of a project class's object, which the
    cross-file pass may find to be its SDK base's (`Senders.inherited`)."""
    return [t for t in found if not t[0].startswith("@") or t[0].startswith((MARKER, CALL, ATTR))]


# Methods that never send anything themselves: the ORM, logging, containers, strings.
NOT_SENDERS = frozenset({
    "get", "filter", "exclude", "create", "get_or_create", "update_or_create", "bulk_create", "save", "delete",
    "all", "first", "last", "count", "exists", "annotate", "order_by", "values", "values_list", "select_related",
    "prefetch_related", "aggregate", "only", "defer", "using", "info", "debug", "warning", "warn", "error",
    "exception", "critical", "log", "format", "join", "split", "replace", "strip", "lower", "upper", "encode",
    "decode", "startswith", "endswith", "items", "keys", "pop", "remove", "discard", "copy", "render",
    "render_to_string", "reverse", "dumps", "loads", "dump", "load", "write", "read", "execute", "executemany",
    "fetchone", "fetchall", "query", "add_argument", "set_cookie", "has_perm", "check_password", "set_password",
    "is_valid", "full_clean", "clean", "validate", "refresh_from_db"})


_PATHS = re.compile(r"(?:^|[^a-z])(?:file|path|dir|folder|filename)s?\b")


def _bound(target: cst.BaseExpression) -> set[str]:
    """The names a `for` target binds (`v`, `key, v`)."""
    if isinstance(target, (cst.Tuple, cst.List)):
        return {e.value.value for e in target.elements if isinstance(e.value, cst.Name)}
    return {target.value} if isinstance(target, cst.Name) else set()


def _constant(node: cst.BaseExpression) -> bool:
    """A literal or configuration (`FROM_NUMBER`, `settings.PUSHOVER_TOKEN`): never a person's datum."""
    if _literal(node):
        return True
    if isinstance(node, cst.FormattedString):
        # f"myapp-webhooks/{VERSION}", the app's own User-Agent: a text made of configuration is configuration
        return all(_constant(part.expression) for part in node.parts if isinstance(part, cst.FormattedStringExpression))
    if isinstance(node, cst.Attribute):
        return node.attr.value.isupper()
    if isinstance(node, cst.Subscript):
        return _configured(node.value)
    return isinstance(node, cst.Name) and (node.value in ("None", "True", "False", "__version__") or node.value.isupper())


def _configured(node: cst.BaseExpression) -> bool:
    """`settings.GRAPH_API_CREDENTIALS`, `CONFIG`: configuration whose parts (`["client_secret"]`) are configuration
    too; not a request's own upper-case carriers (`request.POST["message"]`, `request.META`)."""
    if isinstance(node, cst.Attribute) and node.attr.value in _CARRIERS:
        return False
    return _constant(node) and not _literal(node)


# The page a visitor asked for, as the web framework's request names it (Django's `path`, `get_full_path()`,
# `build_absolute_uri()` with no argument; Flask's and Starlette's `url`, `full_path`): sent to a third party it is
# that visitor's browsing history. (`base_url` is the site's own address, whoever asks.)
_BROWSING = "user.behavior.browsing_history"
# what an OAuth 2.0 token request trades (RFC 6749, 7636, 8628, 8693): issued by the provider it is sent back to
_ISSUED = frozenset({"code", "refresh_token", "access_token", "id_token", "assertion", "code_verifier", "device_code",
                     "subject_token", "actor_token", "token"})
_PAGE = frozenset({"path", "path_info", "full_path", "url", "get_full_path", "build_absolute_uri",
                   "get_full_path_info"})


def _visited_page(owner: cst.BaseExpression, attr: str) -> bool:
    """`request.path`, `self.request.get_full_path`: the visited page on the request being handled."""
    return attr in _PAGE and last(dotted(owner) or "") == "request"


# What a request's whole body is read as (Flask, Django, DRF, Starlette): the person's own writing as a whole
_BODIES = frozenset({"form", "json", "data", "body", "values", "POST", "get_json", "get_data", "media", "json_body"})


def _whole_body(expr: cst.BaseExpression) -> bool:
    """`request.form`, `request.get_json()`, `await request.json()`, `request.data`: what the person sent, whole.
    Read by key it is classified by the key; whole, it says nothing but that a person wrote it (INPUT)."""
    if isinstance(expr, cst.Await):
        expr = expr.expression
    if isinstance(expr, cst.Call) and not expr.args or isinstance(expr, cst.Call) and expr.func is not None \
            and last(dotted(expr.func) or "") == "get_json":
        expr = expr.func
    return isinstance(expr, cst.Attribute) and expr.attr.value in _BODIES \
        and last(dotted(expr.value) or "") in ("request", "req")


# Words that name a bundle of values rather than a datum
_BUNDLES = frozenset({"data", "details", "info", "params", "parameters", "options", "settings", "config", "payload",
                      "attributes", "properties", "fields", "meta", "metadata", "extra", "context"})


def _nested(key: str | None, value: cst.BaseExpression) -> bool:
    """A dict written out under a key that names a bundle (`params["payment_intent_data"] = {"metadata": ...}`):
    the bundle's own keys say what it holds, its name says nothing (it is no payment). A datum given as a dict
    (`"amount": {"currency": ..., "value": ...}`) is still that datum."""
    words = re.split(r"[\W_]+", re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", key or "").lower())
    return bool(words) and words[-1] in _BUNDLES and (
        isinstance(value, cst.Dict) or (isinstance(value, cst.Call) and dotted(value.func) == "dict"))


# An LLM's tool or function: its definition (`parameters`, Anthropic's `input_schema`), a call of it
# (`arguments`, `input`) or a choice of one (`tool_choice={"type": "function", "function": {"name": ...}}`).
_TOOL_KEYS = frozenset({"arguments", "parameters", "input_schema"})
_TOOL_TYPES = frozenset({"function", "tool_use", "tool_call", "function_call", "tool"})
_TOOL_CONTAINERS = frozenset({"function", "function_call", "tool_choice"})


def _tool_definition(expr: cst.Dict, container: str) -> bool:
    """A dict that names an LLM tool or function: its `name` is the function's, never a person's."""
    if container in _TOOL_CONTAINERS:
        return True
    keys = {string(e.key): e.value for e in expr.elements if isinstance(e, cst.DictElement)}
    kind = keys.get("type")
    return bool(_TOOL_KEYS & keys.keys()) or (kind is not None and string(kind) in _TOOL_TYPES)


def _understood(ctx: Context, value: cst.BaseExpression) -> bool:
    """An attribute whose own name was read on its owner and found not personal (a provider's
    `self.login_id`): the dict key it is filed under does not undo that. Local names (`name = ...`)
    and opaque values (`v`, `row[0]`) take the key's meaning."""
    if not isinstance(value, cst.Attribute) or not ctx.classifier.knows(value.attr.value):
        return False
    # `user.primary_email.address`, `user.phones.first().number`: a generic leaf read on a related row, whose kind
    # the file cannot see; the payload key it is filed under (`{"$email": ...}`) says what it is (audit18 #12)
    owner = value.value
    return not (isinstance(owner, cst.Call) or isinstance(owner, cst.Attribute) and dotted(owner) is not None
                and not (dotted(owner) or "").startswith(("self.", "cls.")))


def classified(ctx: Context, name: str, container: str, text: str) -> Iterator[Taint]:
    if _configuration(name):
        return  # self.api_key on BrevoClient: the business's account with the provider, whatever its owner
    result = ctx.classifier.classify(name, container)
    if result is not None and result.confidence != "low":
        yield result.category, (text,)


# A request's headers read whole: what every browser's request carries in them
_HEADERS = {"headers": ("user.device", "user.device.cookie"),
            "META": ("user.device", "user.device.cookie", "user.device.ip_address")}


def _whole_headers(expr: cst.BaseExpression) -> bool:
    """`request.headers`, `request.META`, `self.request.headers`, `getattr(request, "META", {})`: the incoming
    request's headers as a whole."""
    if isinstance(expr, cst.Call) and dotted(expr.func) == "getattr" and len(expr.args) >= 2:
        attr = string(expr.args[1].value)
        return attr in _HEADERS and last(dotted(expr.args[0].value) or "") == "request"
    return isinstance(expr, cst.Attribute) and expr.attr.value in _HEADERS \
        and last(dotted(expr.value) or "") == "request"


_ORM_ACCESS = frozenset({"query", "objects", "select", "filter", "filter_by", "where"})


def _answered(ctx: Context, value: cst.BaseExpression) -> bool:
    """Is the value read from a name bound to an answer (`response["data"]["items"][0]`)?"""
    while isinstance(value, (cst.Subscript, cst.Attribute)):
        value = value.value
    return isinstance(value, cst.Name) and ctx.lookup("taint", ANSWER + value.value) is not None


def _owner(ctx: Context, value: cst.BaseExpression) -> str:
    """The container an attribute is read on: the model a variable holds a row of (`instance =
    UserModel.objects.get(pk=pk)` makes `instance.get_full_name()` a User's), else the variable's name."""
    name = last(dotted(value) or "")
    return (ctx.lookup("rows", name) if isinstance(value, cst.Name) else None) or name


# Query methods that return one row of the model they are called on
_ONE_ROW = frozenset({"get", "first", "last", "earliest", "latest", "one", "one_or_none", "first_or_404",
                      "get_or_404", "scalar_one", "scalar_one_or_none"})


def queried_model(ctx: Context, value: cst.BaseExpression) -> str | None:
    """The model whose row a value is: `User.objects.get(...)`, `User.objects.filter(...).first()`,
    `User.query.filter_by(...).first()`, `get_object_or_404(User, ...)`, `session.get(User, id)`; and
    `get_user_model()` names the user model."""
    call = value.expression if isinstance(value, cst.Await) else value
    if not isinstance(call, cst.Call):
        return None
    func = dotted(call.func) or ""
    if last(func) == "get_user_model":
        return "User"
    if last(func) in ("get_object_or_404", "aget_object_or_404") or (
            last(func) == "get" and len(call.args) >= 2 and "session" in func):
        return _model_named(ctx, call.args[0].value) if call.args else None
    if isinstance(call.func, cst.Attribute) and call.func.attr.value in _ONE_ROW:
        return _query_model(ctx, call.func.value)
    return None


def queried_rows(ctx: Context, value: cst.BaseExpression) -> str | None:
    """The model whose rows a query returns (`User.objects.filter(...)`, `X.query.all()`), or a variable
    holding such a query; each element is then read on that model."""
    if isinstance(value, cst.Name):
        held = ctx.lookup("rows", value.value)
        return str(held) if held else None
    return _query_model(ctx, value.expression if isinstance(value, cst.Await) else value)


def _instance_of(ctx: Context, value: cst.BaseExpression) -> str | None:
    """The project class whose object a value builds: `CartDTO(cart)`, `CartDTO.from_cart(cart)` (not an SDK's
    class, not a model's query: `User.objects.create(...)` is a row, read by `queried_model`)."""
    if isinstance(value, cst.Await):
        value = value.expression
    if not isinstance(value, cst.Call):
        return None
    func = value.func
    if isinstance(func, cst.Attribute) and _MAKERS.fullmatch(func.attr.value):
        func = func.value
    name = last(dotted(func) or "")
    if not name[:1].isupper() or name.isupper() or ctx.sdk(ctx.qualify(func) or ""):
        return None
    return name


def _query_model(ctx: Context, part: cst.BaseExpression) -> str | None:
    """The model a query chain starts from: down the calls and attributes to `X.objects` or `X.query`."""
    while True:
        if isinstance(part, cst.Call):
            part = part.func
        elif isinstance(part, cst.Attribute) and part.attr.value in ("objects", "query"):
            return _model_named(ctx, part.value)
        elif isinstance(part, cst.Attribute):
            part = part.value
        else:
            return None


def _model_named(ctx: Context, model: cst.BaseExpression) -> str | None:
    """A model written as a class name (`Member`, `models.Member`) or a variable holding one (`UserModel`)."""
    if isinstance(model, cst.Call) and last(dotted(model.func) or "") == "get_user_model":
        return "User"  # get_user_model().objects.get(...)
    if not isinstance(model, (cst.Name, cst.Attribute)):
        return None
    name = last(dotted(model) or "")
    found = ctx.lookup("rows", name) if isinstance(model, cst.Name) else None
    return str(found) if found else (name if name[:1].isupper() else None)


def _given(call: cst.Call, params: list[str], wanted: Iterable[str]) -> list[cst.BaseExpression]:
    """The arguments a call gives for the named parameters of its callee."""
    out = []
    for name in wanted:
        at = params.index(name) if name in params else -1
        for i, a in enumerate(x for x in call.args if x.keyword is None and not x.star):
            if i == at:
                out.append(a.value)
        out.extend(a.value for a in call.args if a.keyword is not None and a.keyword.value == name)
    return out


# what else a `code` is: `{"language": {"code": "en"}}` in a WhatsApp template is a language's, no one-time code
_OTHER_CODES = re.compile(r"lang|locale|country|currency|region|postal|zip|status|error|discount|coupon|promo|product|tax")


def _kind_of_code(key: str, container: str, value: cst.BaseExpression) -> bool:
    """A `code` key that the dict it sits in, or its value's own name, says is some other kind of code."""
    return _word(key) in _CODES and bool(_OTHER_CODES.search(f"{container} {code(value)}".lower()))


def _literal_rows(ctx: Context, value: cst.BaseExpression) -> list[tuple[str, ...]] | None:
    """The rows of literal strings a collection holds (`("email", "first_name")`, `[("email", "emailaddress")]`,
    or a name bound to one), None for anything else."""
    if isinstance(value, cst.Name):
        held = ctx.lookup("taint", LITERALS + value.value)
        return [tuple(p) for _, p in held] if held else None
    if not isinstance(value, (cst.List, cst.Tuple, cst.Set)) or not value.elements:
        return None
    rows: list[tuple[str, ...]] = []
    for element in value.elements:
        item = element.value
        parts = [item] if not isinstance(item, (cst.Tuple, cst.List)) else [e.value for e in item.elements]
        texts = [string(part) for part in parts]
        if not texts or any(t is None for t in texts):
            return None
        rows.append(tuple(t for t in texts if t is not None))
    return rows


def literal_bindings(ctx: Context, target: cst.BaseExpression, iterable: cst.BaseExpression
                     ) -> dict[str, list[Taint]]:
    """The LITERALS entries a loop over literal rows binds: `for key in FIELDS` each name, `for key, other in
    pairs` each row's first and second."""
    rows = _literal_rows(ctx, iterable)
    if rows is None:
        return {}
    if isinstance(target, cst.Name):
        return {LITERALS + target.value: [(LITERALS, row) for row in rows if len(row) == 1]}
    if not isinstance(target, (cst.Tuple, cst.List)):
        return {}
    return {LITERALS + e.value.value: [(LITERALS, (row[i],)) for row in rows if len(row) > i]
            for i, e in enumerate(target.elements) if isinstance(e.value, cst.Name)}


def _slot(attr: str, key: str) -> str:
    """The class-scope name of a JSON slot (`extra["sendcloud_data"]`) a method fills: FlowVisitor._keep_slot."""
    return f"{STATE}.{attr}[{key!r}]"


def _slot_read(expr: cst.Subscript) -> str | None:
    """The slot a read by literal keys starts from: `order.extra["sendcloud_data"]["parcel"]` reads
    `extra["sendcloud_data"]`; None unless the innermost subscript is on an attribute."""
    while isinstance(expr.value, cst.Subscript):
        expr = expr.value
    index = expr.slice[0].slice if len(expr.slice) == 1 else None
    key = string(index.value) if isinstance(index, cst.Index) else None
    if key is None or not isinstance(expr.value, cst.Attribute):
        return None
    return _slot(expr.value.attr.value, key)


def _key_text(node: cst.BaseExpression | None) -> str | None:
    """A literal key as text, bytes too (`{b'name': address.name}`, django-oscar-worldpay's parameters)."""
    value = literal_value(node)
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else value


# pydantic's ways to fill a schema from an object or a dict, and to dump it (v2 and v1)
_SCHEMA_FROM = frozenset({"model_validate", "model_validate_json", "from_orm", "parse_obj", "validate"})
_SCHEMA_DUMP = frozenset({"model_dump", "model_dump_json", "dict", "json"})


def _dumped_schema(expr: cst.Call) -> str | None:
    """The schema class of `Schema.model_validate(obj).model_dump()` (`.from_orm(obj).dict()`, pydantic v1)."""
    func = expr.func
    if not (isinstance(func, cst.Attribute) and func.attr.value in _SCHEMA_DUMP and isinstance(func.value, cst.Call)):
        return None
    made = func.value.func
    if not (isinstance(made, cst.Attribute) and made.attr.value in _SCHEMA_FROM):
        return None
    name = last(dotted(made.value) or "")
    return name if name[:1].isupper() else None


# functions that turn a record whole into a dict (Django's, the dataclasses module's, attrs')
_AS_DICT = frozenset({"model_to_dict", "asdict", "dataclasses.asdict", "attr.asdict", "attrs.asdict"})


def _record_class(ctx: Context, value: cst.BaseExpression) -> str | None:
    """The project class a name holds: a row a query read (`customer = Customer.objects.get(...)`), an object the
    code built (`dto = CartDTO(...)`), or a parameter annotated with the package's class (`body: SignupIn`)."""
    if not isinstance(value, cst.Name):
        return None
    row = ctx.lookup("rows", value.value)
    if row:
        return str(row)
    made = next((m for _, (m, *_rest) in ctx.lookup("taint", INSTANCE + value.value) or ()), None)
    if made:
        return str(made)
    q = ctx.qualify(value) or ""
    name = last(q)
    return name if "." in q and name[:1].isupper() and not name.isupper() and not ctx.sdk(q) else None


def _dumped_record(ctx: Context, expr: cst.Call) -> str | None:
    """The record a call dumps whole: `body.model_dump()` of a FastAPI body `body: SignupIn`, `model_to_dict(customer)`,
    `dataclasses.asdict(lead)` (audit15 #07): what its fields hold, as a DRF serializer's `.data`."""
    func = expr.func
    if isinstance(func, cst.Attribute) and func.attr.value in _SCHEMA_DUMP:
        return _record_class(ctx, func.value)
    name = dotted(func) or ""
    if (name in _AS_DICT or last(name) in ("model_to_dict", "asdict")) and expr.args and expr.args[0].keyword is None:
        return _record_class(ctx, expr.args[0].value)
    return None


def sources(ctx: Context, expr: cst.BaseExpression, depth: int = 0, container: str = "") -> Iterator[Taint]:
    """Personal data an expression carries, each with the path of names it came by. `container` is the
    key a dict literal is filed under: `{"customer": {"name": name}}` names a customer's name."""
    if depth > _MAX_DEPTH:
        return
    nxt = depth + 1
    if isinstance(expr, cst.Name):
        held = ctx.lookup("taint", expr.value)
        if held is not None:
            yield from held
        elif not _constant(expr):
            yield from classified(ctx, expr.value, "", expr.value)
    elif isinstance(expr, cst.Attribute):
        name = dotted(expr)
        held = ctx.lookup("taint", name) if name else None
        if held is not None:
            yield from held
            return
        if name and name.startswith("self.") and name.count(".") == 1:
            yield from ctx.lookup("taint", STATE + name) or ()  # set by a method of the class above
        if _answered(ctx, expr.value):
            return  # customer.id of `customer = stripe.Customer.create(...)`: the provider's handle
        if expr.attr.value in _ORM_ACCESS and isinstance(expr.value, cst.Name) and expr.value.value[:1].isupper():
            return  # User.query, User.objects: a model's way in, not a datum (its rows' fields are)
        if _whole_body(expr):
            yield INPUT, (name or code(expr),)  # request.form, request.data: the person's input, whole
            return
        if _whole_headers(expr):  # dict(request.headers) sent on: the User-Agent and the cookies (META: the IP too)
            yield from ((c, (name or code(expr),)) for c in _HEADERS[expr.attr.value])
            return
        if expr.attr.value == "data" and isinstance(expr.value, cst.Call) and \
                last(dotted(expr.value.func) or "").endswith("Serializer"):
            # `TransactionSerializer(transaction).data`: what that serializer's fields hold (cross-file pass)
            yield RETURN + FIELDS + last(dotted(expr.value.func) or ""), (code(expr),)
            return
        if _visited_page(expr.value, expr.attr.value):
            yield _BROWSING, (name or code(expr),)
            return
        owner = _owner(ctx, expr.value)
        if owner in ("self", "cls"):  # a provider's `self.login_id` is the merchant's, a User's `self.email` a person's
            owner = ctx.owner_class() or owner
            if expr.attr.value in ctx.stored.get(owner, {}) and ctx.function() != "__init__":
                yield ATTR + expr.attr.value, (name or code(expr),)
        if not expr.attr.value.isupper():  # settings.STRIPE_KEY is configuration
            found = list(classified(ctx, expr.attr.value, owner, name or expr.attr.value))
            yield from found
            if not found and set(expr.attr.value.lower().split("_")) & _BODY:
                yield INPUT, (name or code(expr),)  # self.message, email.html_message: a text kept, whoever wrote it
            if not found and owner not in ("self", "cls") and owner.isidentifier() and ctx.in_function:
                yield FIELD + f"{owner}.{expr.attr.value}", (name or code(expr),)
    elif isinstance(expr, cst.Subscript):
        index = expr.slice[0].slice if len(expr.slice) == 1 else None
        key = string(index.value) if isinstance(index, cst.Index) else None
        if key is None and isinstance(index, cst.Index) and isinstance(index.value, cst.Name):
            key = ctx.constants.get(index.value.value)  # context[EMAIL_CONTEXT_KEY], a module constant's key
        if key and _answered(ctx, expr.value):
            return  # person["id"] of what Pipedrive answered: its own id for the person
        if key and _configured(expr.value):
            return  # settings.GRAPH_API_CREDENTIALS["client_secret"]: a key of configuration is configuration
        if key and (slot := _slot_read(expr)) is not None and (kept := ctx.lookup("taint", slot)) is not None:
            yield from kept  # order.extra["sendcloud_data"]["parcel"]: what a method of the class stored there
            return
        if key:
            # request.form["name"] in `contact()`: a form carries input and is no model; like request
            # input fields, the key is read in the handler's context
            owner = last(dotted(expr.value) or "")
            carried = _carrier(ctx, expr.value)
            found = list(classified(ctx, key, ctx.handler() if carried else owner, code(expr)))
            yield from found
            if carried and not found:
                yield INPUT, (code(expr),)
        elif _part(expr):  # body[:4096], emails[0]: a piece of the value is what the value is
            yield from sources(ctx, expr.value, nxt)
    elif isinstance(expr, cst.Dict):
        # an OAuth 2.0 token request (RFC 6749 `grant_type`): the code or token it trades was issued by the provider
        # it goes back to, no datum of the person's shared with it (a password grant's password still is)
        grant = any(isinstance(e, cst.DictElement) and _key_text(e.key) == "grant_type" for e in expr.elements)
        for element in expr.elements:
            if not isinstance(element, cst.DictElement):  # **spread
                yield from sources(ctx, element.value, nxt)
                continue
            key = _key_text(element.key)
            if key and _configuration(key) or grant and key in _ISSUED:
                continue  # {"client_secret": app_password}: the business's account with the provider
            if key and key.lower() == "authorization":
                # {"Authorization": f"Bearer {token}"}: the token authenticates the call; what else it carries is sent
                yield from (t for t in sources(ctx, element.value, nxt, key) if not t[0].startswith(_CREDENTIALS))
                continue
            if key == "name" and _tool_definition(expr, container):
                continue  # {"type": "function", "function": {"name": ..., "arguments": ...}}: a tool's name
            found = list(sources(ctx, element.value, nxt, key or ""))
            if not real(found) and key and not _constant(element.value) and not _understood(ctx, element.value) \
                    and not _nested(key, element.value) and not _answered(ctx, element.value):
                found += classified(ctx, key, container, f"{key!r}: {code(element.value)}")
                if not (_literal_list(element.value) or _kind_of_code(key, container, element.value)):
                    found += keyed(key, f"{key!r}: {code(element.value)}")
            yield from found
    elif isinstance(expr, cst.Call):
        func = last(dotted(expr.func) or "")
        if func in _OPAQUE or (ctx.qualify(expr.func) or "") in _SIGNED:
            return
        if _whole_body(expr):
            yield INPUT, (code(expr),)  # request.get_json(silent=True), await request.json()
            return
        if (schema := _dumped_schema(expr) or _dumped_record(ctx, expr)) is not None:
            # `UserEventSchema.model_validate(user).model_dump()`: what the schema's fields hold, as a DRF
            # serializer's `.data` (cross-file pass; audit15 #07)
            yield RETURN + FIELDS + schema, (code(expr),)
            return
        if func in _RENDERS or (isinstance(expr.func, cst.Attribute) and expr.func.attr.value in _RENDERS):
            yield BUILT, (code(expr),)  # render_to_string("welcome.txt", {...}), "Dear {}".format(name)
        if func in _HTTP_VERBS and (ctx.qualify(expr.func) or "").startswith(HTTP_CLIENTS):
            return  # `reply = requests.post(url, json=data)`: the server's answer, not what was sent
        attr = string(expr.args[1].value) if func == "getattr" and len(expr.args) >= 2 else None
        named = ctx.lookup("taint", LITERALS + expr.args[1].value.value) if func == "getattr" and len(expr.args) >= 2 \
            and isinstance(expr.args[1].value, cst.Name) else None
        if named:  # {key: getattr(self.user, key) for key in ("email", "first_name")}: each of those attributes
            for _, (literal, *_rest) in named:
                if literal.isidentifier():
                    yield from sources(ctx, cst.Attribute(value=expr.args[0].value, attr=cst.Name(literal)), nxt)
            return
        if attr and attr.isidentifier():  # getattr(user, "email", default): that attribute, or the default
            yield from sources(ctx, cst.Attribute(value=expr.args[0].value, attr=cst.Name(attr)), nxt)
            for extra in expr.args[2:]:
                yield from sources(ctx, extra.value, nxt)
            return
        callee = _callee(ctx, expr.func)
        if callee is not None and callee not in ctx.functions and callee in ctx.defined:
            yield CALL + callee, (code(expr),)  # defined further down: what it returns is known at the end
        elif callee is not None and "." in callee and callee not in ctx.defined:
            # `kwargs = self.build_kwargs()` in a base class whose subclasses below define it: any of theirs
            owner, _, method = callee.partition(".")
            for sub in ctx.descendants(owner):
                if f"{sub}.{method}" in ctx.defined:
                    yield CALL + f"{sub}.{method}", (code(expr),)
        if callee is not None and callee in ctx.functions:
            # data = self.get_transactions_data(payment): a function of this module defined above returns
            # what its returns carry, not its arguments (`_plan_name(account)` is a plan's name)
            yield from ((c, p + (f"{callee}()",)) for c, p in ctx.returns.get(callee, ()))
            yield from _overridden(ctx, callee, code(expr))
            for value in _given(expr, ctx.functions[callee], ctx.passes.get(callee, ())):
                yield from ((c, p + (f"{callee}()",)) for c, p in sources(ctx, value, nxt))
            return
        if (callee is None and isinstance(expr.func, cst.Attribute) and _BUILDER.fullmatch(expr.func.attr.value)
              and last(dotted(expr.func.value) or "self") not in ("self", "cls")
              and not ctx.sdk(ctx.qualify(expr.func) or "") and not _standard(ctx.qualify(expr.func) or "")):
            # instance.get_intercom_data(): another module's method; `@Model` when the receiver is a known row
            # (`instance = IntercomEvent.objects.get(...)`), which decides between classes defining the name
            model = ctx.lookup("rows", expr.func.value.value) if isinstance(expr.func.value, cst.Name) else None
            if model is None and isinstance(expr.func.value, cst.Name):
                # `payload = cart_dto.to_create_payload()` with `cart_dto = GetResponseCartDTO.from_cart(...)`
                model = next((made for _, (made, *_rest) in ctx.lookup("taint", INSTANCE + expr.func.value.value)
                              or ()), None)
            yield RETURN + expr.func.attr.value + (f"@{model}" if model else ""), (code(expr),)
        if callee is None and isinstance(expr.func, cst.Name) and _BUILDER.fullmatch(expr.func.value):
            q = ctx.qualify(expr.func) or ""
            if "." in q and not ctx.sdk(q):  # build_request_tags(request) from another module: what it returns
                yield RETURN + FUNCTION + q, (code(expr),)
        lookup = bool(_LOOKUP.match(func.lstrip("_"))) or func in _QUERIES
        for arg in expr.args:
            if arg.keyword is not None and _configuration(arg.keyword.value):
                continue  # build("gmail", "v1", credentials=creds): the object is the business's login, not data
            for taint in sources(ctx, arg.value, nxt):
                # get_api_key(user.id), filter(user_id=user_id): an id, or a parameter, given to a lookup is a key
                if not (lookup and (taint[0] == "user.unique_id" or taint[0].startswith(MARKER))):
                    yield taint
        if isinstance(expr.func, cst.Attribute) and not (expr.args and _whole_headers(expr.func.value)):
            yield from sources(ctx, expr.func.value, nxt)  # email.lower(), email.encode(); not a header read by name
        if isinstance(expr.func, cst.Attribute):
            getter = expr.func.attr.value
            owner = last(dotted(expr.func.value) or "")
            key = string(expr.args[0].value) if getter == "get" and expr.args and expr.args[0].keyword is None else None
            if key and _carrier(ctx, expr.func.value) and owner != "kwargs":
                # data.get("email"), request.POST.get("phone"): input read by key, as data["email"] is (a
                # function's own **kwargs and options dicts hold its switches: `kwargs.get("time_to_live")`)
                found = list(classified(ctx, key, ctx.handler(), code(expr)))
                yield from found if found else [(INPUT, (code(expr),))]
            if not expr.args and _visited_page(expr.func.value, getter):  # request.get_full_path()
                yield _BROWSING, (code(expr),)
            if getter.startswith("get_") and not expr.args:  # user.get_full_name(): a getter returns its datum
                yield from classified(ctx, getter[4:], _owner(ctx, expr.func.value), code(expr))
    elif isinstance(expr, cst.FormattedString):
        if any(isinstance(p, cst.FormattedStringText) and p.value.strip() for p in expr.parts):
            yield BUILT, (code(expr),)  # f"Hello {user.first_name}": the app's words around the data
        for part in expr.parts:
            if isinstance(part, cst.FormattedStringExpression):
                yield from sources(ctx, part.expression, nxt)
    elif isinstance(expr, cst.ConcatenatedString):  # f"code {token.token}\n" f"Go to {url}": each piece
        yield BUILT, (code(expr),)
        yield from sources(ctx, expr.left, nxt)
        yield from sources(ctx, expr.right, nxt)
    elif isinstance(expr, cst.Tuple) and len(expr.elements) == 2 and (key := _key_text(expr.elements[0].value)) \
            and key.isidentifier():
        # (b'amount', sane_total) among the pairs a query is encoded from (`urlencode(data)`): a key and its value,
        # read as a dict's element is
        yield from sources(ctx, cst.Dict([cst.DictElement(expr.elements[0].value, expr.elements[1].value)]), nxt,
                           container)
    elif isinstance(expr, (cst.List, cst.Tuple, cst.Set)):
        for el in expr.elements:
            yield from sources(ctx, el.value, nxt)
    elif isinstance(expr, cst.BinaryOperation):
        if isinstance(expr.operator, (cst.Add, cst.Modulo)) and any(
                isinstance(side, (cst.SimpleString, cst.FormattedString)) for side in (expr.left, expr.right)):
            yield BUILT, (code(expr),)  # "Dear %s" % name, "Hello " + name
        yield from sources(ctx, expr.left, nxt)
        yield from sources(ctx, expr.right, nxt)
    elif isinstance(expr, cst.BooleanOperation):
        if isinstance(expr.operator, cst.Or) and _ACCOUNT_SETTING.search(_setting_name(expr.right)):
            return  # `username or settings.TXTLOCAL_USERNAME`: an override of the business's own account
        yield from sources(ctx, expr.left, nxt)
        yield from sources(ctx, expr.right, nxt)
    elif isinstance(expr, cst.IfExp):
        yield from sources(ctx, expr.body, nxt)
        yield from sources(ctx, expr.orelse, nxt)
    elif isinstance(expr, (cst.ListComp, cst.SetComp, cst.GeneratorExp, cst.DictComp)):
        # [u.email for u in users]; [e for e in emails] is the collection's elements
        pieces: list[cst.BaseExpression] = [expr.key, expr.value] if isinstance(expr, cst.DictComp) else [expr.elt]
        bound = _bound(expr.for_in.target)
        each = list(sources(ctx, expr.for_in.iter, nxt))
        # [self.clean(e) for e in events]: the element is read as the collection while the pieces are
        table = ctx.scopes[-1].taint
        literals = literal_bindings(ctx, expr.for_in.target, expr.for_in.iter)
        saved = {name: table[name] for name in (*bound, *literals) if name in table}
        table.update(dict.fromkeys(bound, each))
        table.update(literals)
        try:
            found = [t for piece in pieces for t in sources(ctx, piece, nxt)]
        finally:
            for name in (*bound, *literals):
                table.pop(name, None)
            table.update(saved)
        yield from found
    elif isinstance(expr, (cst.Await, cst.StarredElement)):
        yield from sources(ctx, expr.expression if isinstance(expr, cst.Await) else expr.value, nxt)


# What the arguments of mail APIs carry, by position and keyword: the recipients' addresses and
# the message written to them. A value the code computes there (`[user.email]`, `render_to_string(...)`,
# a parameter) is that datum even when its own name says nothing; a literal is not.
_RECIPIENTS, _MESSAGE = "user.contact.email", "user.content.private"
_DJANGO_MAIL: dict[int | str, str] = {1: _MESSAGE, 3: _RECIPIENTS, "body": _MESSAGE, "to": _RECIPIENTS, "cc": _RECIPIENTS,
                "bcc": _RECIPIENTS, "reply_to": _RECIPIENTS}
_MAIL_ARGUMENTS: dict[str, dict[int | str, str]] = {
    "django.core.mail.send_mail": {1: _MESSAGE, 3: _RECIPIENTS, "message": _MESSAGE, "recipient_list": _RECIPIENTS,
                                   "html_message": _MESSAGE},
    **{f"django.core.mail.{m}{c}": _DJANGO_MAIL for m in ("", "message.") for c in ("EmailMessage", "EmailMultiAlternatives")},
    **{f"flask_mailman.{c}": _DJANGO_MAIL for c in ("EmailMessage", "EmailMultiAlternatives")},
    "flask_mailman.send_mail": {1: _MESSAGE, 3: _RECIPIENTS, "message": _MESSAGE, "recipient_list": _RECIPIENTS},
    "flask_mail.Message": {1: _RECIPIENTS, 2: _MESSAGE, "recipients": _RECIPIENTS, "body": _MESSAGE,
                           "html": _MESSAGE, "cc": _RECIPIENTS, "bcc": _RECIPIENTS},
    "fastapi_mail.MessageSchema": {"recipients": _RECIPIENTS, "body": _MESSAGE, "cc": _RECIPIENTS, "bcc": _RECIPIENTS,
                                   "template_body": _MESSAGE},
    "aiosmtplib.send": {"recipients": _RECIPIENTS},
    # python-emails (the FastAPI project template's mailer), yagmail, redmail
    "emails.Message": {"html": _MESSAGE, "text": _MESSAGE, "mail_to": _RECIPIENTS},
    "emails.html": {"html": _MESSAGE, "text": _MESSAGE, "mail_to": _RECIPIENTS},
    "emails.Message.send": {"to": _RECIPIENTS},
    "yagmail.SMTP.send": {0: _RECIPIENTS, 2: _MESSAGE, "to": _RECIPIENTS, "contents": _MESSAGE, "cc": _RECIPIENTS,
                          "bcc": _RECIPIENTS},
    "redmail.EmailSender.send": {"receivers": _RECIPIENTS, "text": _MESSAGE, "html": _MESSAGE, "cc": _RECIPIENTS,
                                 "bcc": _RECIPIENTS},
}
# Messages built here and sent by their own `.send()`, the catalogue's signal: a message built from
# a person's data is one sent to the SMTP server.
MESSAGE_CLASSES = {**{f"django.core.mail.{m}{c}": "smtp_server" for m in ("", "message.")
                      for c in ("EmailMessage", "EmailMultiAlternatives")},
                   "sendsms.message.SmsMessage": "sms_gateway", "sms.Message": "sms_gateway"}
# The configured gateways (catalogue `unresolved.yaml`) deliver what a provider of this kind does: their
# arguments mean what an e-mail or SMS provider's do, and a one-time code may go through them.
_DELIVERS_AS = {"smtp_server": "email_delivery", "sms_gateway": "sms_voice"}
# A whole e-mail given to the server (`smtp.send_message(msg)`): its text and, in its headers, its recipients
_WHOLE = "@whole-message"
_MEANS = {_WHOLE: (_MESSAGE, _RECIPIENTS)}
# Methods of a client bound to a service (`self._connection = smtplib.SMTP(host)` in another method).
_SERVICE_METHODS: dict[tuple[str, str], dict[int | str, str]] = {
    ("smtp_server", "sendmail"): {1: _RECIPIENTS, 2: _MESSAGE, "to_addrs": _RECIPIENTS, "msg": _MESSAGE},
    ("smtp_server", "send_message"): {0: _WHOLE, 2: _RECIPIENTS, "msg": _WHOLE, "to_addrs": _RECIPIENTS},
}
# An SMTP or FTP login, an SDK's configure: the business's own account with the provider, never a person's.
_OWN_ACCOUNT = {"smtplib.SMTP.login", "smtplib.SMTP_SSL.login", "smtplib.LMTP.login", "aiosmtplib.SMTP.login",
                "imaplib.IMAP4.login", "imaplib.IMAP4_SSL.login", "ftplib.FTP.login", "ftplib.FTP_TLS.login",
                "poplib.POP3.user", "poplib.POP3.pass_",
                # opening the connection: the server's host, port and login (privacyidea's SMTP_SSL(config...))
                "smtplib.SMTP", "smtplib.SMTP_SSL", "smtplib.LMTP", "aiosmtplib.SMTP", "imaplib.IMAP4",
                "imaplib.IMAP4_SSL", "ftplib.FTP", "ftplib.FTP_TLS",
                # a mail backend's connection: its host, port, username and password are the business's server
                "django.core.mail.get_connection", "flask_mailman.get_connection",
                # a message broker's connection: its servers and the business's login to them (SASL, AMQP URLs)
                "confluent_kafka.Producer", "confluent_kafka.Consumer", "kafka.KafkaProducer", "kafka.KafkaConsumer",
                "aiokafka.AIOKafkaProducer", "aiokafka.AIOKafkaConsumer", "aio_pika.connect", "aio_pika.connect_robust",
                "pika.BlockingConnection", "pika.PlainCredentials", "pika.URLParameters", "pika.ConnectionParameters",
                "nats.connect", "paho.mqtt.client.Client.username_pw_set",
                # an SMPP bind: the business's system_id and password with its SMS gateway (smpplib)
                "smpplib.client.Client", "smpplib.client.Client.bind_transmitter",
                "smpplib.client.Client.bind_receiver", "smpplib.client.Client.bind_transceiver"}


# Any e-mail, SMS or push provider's SDK: its keyword arguments named so carry the recipient's
# address, number or device and the message written to them (`client.messages.create(to=number,
# body=message)`, `PostmarkClient.emails.send(To=..., HtmlBody=...)`, `Mail(to_emails=..., html_content=...)`).
_TO_ANY = frozenset({"to", "recipient", "recipients", "destination", "destinations", "receivers"})
_RECIPIENT_OF: dict[str, tuple[str, frozenset[str]]] = {
    "email_delivery": (_RECIPIENTS, _TO_ANY | {"toemail", "toemails", "toaddress", "toaddresses", "toaddrs",
                                               "recipientlist", "cc", "bcc", "mailto", "replyto", "email", "emails"}),
    "sms_voice": ("user.contact.phone_number", _TO_ANY | {"tonumber", "phonenumber", "phone", "number", "numbers",
                                                         "msisdn", "mobile", "tophone", "phonenumbers"}),
    # a push service's `token` is the device's registration token (the app's own key is configuration)
    "push_notifications": ("user.device.device_id", _TO_ANY | {"tokens", "token", "registrationid",
                                                               "registrationids", "devicetoken", "devicetokens",
                                                               "registrationtoken", "registrationtokens",
                                                               # OneSignal's devices ("players", "subscriptions")
                                                               "includeplayerids", "playerids",
                                                               "includesubscriptionids"}),
}
_BODY = frozenset({"body", "text", "html", "htmlbody", "textbody", "htmlcontent", "plaintextcontent", "content",
                   "contents", "message", "msg", "alert", "textpart", "htmlpart",
                   "rawmessage"})  # SES's send_raw_email(RawMessage={"Data": msg.as_string()})
# What a user asks an AI model or a search API: the conversation, the prompt, the query
# (`client.chat.completions.create(messages=...)`, `tavily.search(query=...)`).
_ASKED = {
    "ai_llm": dict.fromkeys(("messages", "prompt", "prompts", "input", "inputs", "contents", "question", "query",
                             "userprompt"),  # pydantic-ai's `agent.run(user_prompt)`
                            "user.content.private"),
    "search": dict.fromkeys(("q", "query", "queries", "searchquery", "searchterm", "term"),
                            "user.behavior.search_history"),
    # what a person writes to a help desk: the ticket's subject, body and comments
    "customer_support": dict.fromkeys(("subject", "body", "htmlbody", "comment", "comments", "description",
                                       "message", "content", "text"), "user.content.private"),
}
# What a person writes where people work together (an issue, a chat message, a comment: GitHub, Jira, Slack,
# Notion): their writing when request input reaches it (a bug report's body, a form's text). The app's own
# notices posted there (`f"Build {n} failed"`) are not, so unlike a help desk's (_ASKED) it needs the input.
_WRITTEN = {"communication_collaboration": frozenset({"body", "text", "message", "content", "contents", "description",
                                                      "comment", "comments", "subject", "title", "markdown"}),
            # a request's body relayed whole to a language model (an LLM proxy route: `content=await request.body()`,
            # `json=request.get_json()`): the prompt the person wrote (audit17 #02)
            "ai_llm": frozenset({"body", "content", "data", "json", "messages", "prompt", "input", "text"})}
# An e-signature API's signer (HelloSign's `HelloSigner(name=...)`, an `add_signer`/`add_recipient` call): the
# person's name, where the call names a signer, recipient or participant (heldout18's django-hello-sign)
_SIGNER_NAMES = frozenset({"name", "fullname", "signername", "recipientname"})
_SIGNERS = ("signer", "recipient", "participant", "invitee")
_CODES = frozenset({"code", "otp", "verificationcode", "pin", "passcode"})  # a one-time code an SMS verify API checks
_UPLOADS = frozenset({"file", "files", "audio", "audiofile", "buffer", "source"})  # what a user uploads to an AI API
# A payment provider's keyword arguments named so carry the payer's payment and card
# (`stripe.Customer.create(source=card)`, `stripe.Charge.create(amount=total)`).
_PAYMENT_ARGUMENTS = {
    **dict.fromkeys(("amount", "amountcents", "amountinminor", "unitamount", "unitprice", "totalamount", "amounttotal",
                     "total"),
                    "user.payment"),
    **dict.fromkeys(("source", "card", "cardnumber", "cardtoken", "paymentmethod", "paymentmethodid",
                     "paymentmethodnonce", "paymentsource"), "user.financial.credit_card"),
    # a payout's or a direct debit's account (`transfer_recipients.create(account_number=...)`)
    **dict.fromkeys(("accountnumber", "bankaccount", "bankaccountnumber", "iban", "accountno"),
                    "user.financial.bank_account"),
}


_MEANINGFUL = frozenset({*_TO_ANY, *_BODY, *_CODES, *_UPLOADS, *_PAYMENT_ARGUMENTS,
                         *(w for _, words in _RECIPIENT_OF.values() for w in words),
                         *(w for table in _ASKED.values() for w in table)})


def _standard(q: str) -> bool:
    """A method of the standard library's objects (`msg.as_bytes()` on a MIMEText): no project's builder."""
    return "." in q and q.partition(".")[0] in sys.stdlib_module_names


def _carrier(ctx: Context, value: cst.BaseExpression) -> bool:
    """An object carrying input (`request.POST`, `data`), or a local holding a request's input
    (`meta = request.META`; `meta.get("REMOTE_ADDR")` is the visitor's address)."""
    if last(dotted(value) or "") in _CARRIERS:
        return True
    return isinstance(value, cst.Name) and bool(ctx.lookup("request_vars", value.value))


def _part(expr: cst.Subscript) -> bool:
    """A slice or a numbered element (`text[:4096]`, `recipients[0]`, `parts[-1]`), not a lookup by key."""
    if len(expr.slice) != 1:
        return False
    index = expr.slice[0].slice
    if isinstance(index, cst.Slice):
        return True
    value = index.value if isinstance(index, cst.Index) else None
    if isinstance(value, cst.UnaryOperation):
        value = value.expression
    return isinstance(value, cst.Integer)


def _meaning(q: str, service: str, index: int, keyword: str | None, recipient_category: str = "",
             name: str = "") -> str:
    """The datum an argument of a mail API or of an e-mail, SMS or push provider's call carries
    ("" when the API or the argument is not one we know). `name` is a positional value's own name: an
    API whose positions we do not know is read by it (`client.message_create(originator,
    message.recipients, message.body)`)."""
    table = _MAIL_ARGUMENTS.get(q) or _SERVICE_METHODS.get((service, last(q)))
    if table is None:
        keyword = keyword if keyword is not None else name or None
        if keyword is None:
            return ""
        word = _word(keyword)
        to = _RECIPIENT_OF.get(recipient_category)
        if recipient_category == "sms_voice" and word in _CODES:
            return "user.authorization.credentials"  # verification_checks.create(to=..., code=code)
        if to is not None:
            return to[0] if word in to[1] else _MESSAGE if word in _BODY else ""
        if recipient_category == "payment":
            return _PAYMENT_ARGUMENTS.get(word, "")
        if recipient_category == "e_signature" and word in _SIGNER_NAMES:
            # HelloSigner(name=i["name"], email=...): a signer's name; a document's or template's `name` is not
            return "user.name" if any(w in last(q).lower() for w in _SIGNERS) else ""
        if recipient_category == "ai_llm" and word in _UPLOADS:
            # client.audio.transcriptions.create(file=recording): what the person said or wrote, their private
            # content; a recording to transcribe is no voiceprint (LABELING.md, session 18 ruling 1; audit18 #06)
            return _MESSAGE
        return _ASKED.get(recipient_category, {}).get(word, "")
    return table.get(keyword if keyword is not None else index, "")


@dataclass(frozen=True)
class ArgFacts:
    """What one argument of a call carries, whatever API the call turns out to be."""

    keyword: str | None
    index: int  # the positional slot it fills (-1 for a keyword)
    found: tuple[Taint, ...]  # what its value carries, by the names it came by
    fixed: bool  # a literal or fixed text: carries nothing, whatever the API says of its place
    named: tuple[Taint, ...]  # what the keyword's own name says, when the value's name says nothing
    text: str
    inner: bool = False  # a key of a dict passed whole (json=payload, **kwargs): its data travels with the dict
    mapping: bool = False  # a dict written out (`body={"raw": raw}`): a request's fields, no text itself


def _facts(ctx: Context, keyword: str | None, index: int, value: cst.BaseExpression, inner: bool = False) -> ArgFacts:
    found = tuple(sources(ctx, value))
    named: tuple[Taint, ...] = ()
    if keyword is not None and not real(list(found)) and not _constant(value) and not _understood(ctx, value) \
            and not _nested(keyword, value):
        # stripe.Customer.create(email=form.cleaned_data["contact"]): the parameter says what is sent
        named = tuple(classified(ctx, keyword, "", f"{keyword}={code(value)}"))
    return ArgFacts(keyword, index, found, _constant(value) or _literal_list(value), named, code(value), inner,
                    keyword_pairs(value) is not None)


def _overridden(ctx: Context, callee: str, text: str) -> Iterator[Taint]:
    """`self._intent_kwargs(payment)` in a base class that returns `{}` and whose subclasses in the module
    override it with the payer's details: what any override returns (the one that runs is the subclass's)."""
    owner, _, method = callee.partition(".")
    if not method:
        return
    for sub in ctx.descendants(owner):
        key = f"{sub}.{method}"
        if key in ctx.functions:  # defined above: its returns are known
            yield from ((c, (text, *p[1:], f"{key}()") if p else (text,)) for c, p in ctx.returns.get(key, ()))
        elif key in ctx.defined:  # defined further down: settled at the end
            yield CALL + key, (text,)


def arg_facts(ctx: Context, node: cst.Call) -> list[ArgFacts]:
    out: list[ArgFacts] = []
    position = 0
    for a in node.args:
        out.append(_facts(ctx, a.keyword.value if a.keyword is not None else None,
                          position if a.keyword is None else -1, a.value))
        position += a.keyword is None and not a.star
        # resend.Emails.send({"to": email, "html": body}): an SDK that takes its parameters as one dict
        params = a.keyword is None and not a.star and (isinstance(a.value, cst.Dict) or isinstance(a.value, cst.Name))
        # (a Google API's `body={"raw": raw}` is the request's JSON: its keys say what each part is)
        body = a.keyword is not None and _word(a.keyword.value) in _BODY and keyword_pairs(a.value) is not None
        if a.star == "**" or params or body or (a.keyword is not None and a.keyword.value in _PAYLOADS):
            # Charge.create(**kwargs) with kwargs = dict(amount=..., source=...), requests.post(url,
            # json={"messages": ...}): the dict's keys are the API's arguments (its data travels with it)
            out.extend(_facts(ctx, key, -1, value, True) for key, value in spread_pairs(ctx, a.value))
    return out


_PAYLOADS = frozenset({"json", "data", "params"})  # the keywords an HTTP client takes a request body by


def spread_pairs(ctx: Context, value: cst.BaseExpression) -> list[tuple[str, cst.BaseExpression]]:
    """The keys and values of a dict given whole or spread into a call: a local name's recorded keys
    (`kwargs = dict(amount=...)`, `opts["pii"] = True`) or a literal's."""
    if isinstance(value, cst.Name):
        return ctx.lookup("spreads", value.value) or []
    return keyword_pairs(value) or []


def keyword_pairs(value: cst.BaseExpression) -> list[tuple[str, cst.BaseExpression]] | None:
    """A dict built to be spread into a call (`dict(amount=...)`, `{"amount": ...}`): its keys and values."""
    if isinstance(value, cst.Call) and dotted(value.func) == "dict" and all(a.keyword is not None for a in value.args):
        return [(a.keyword.value, a.value) for a in value.args if a.keyword is not None]
    if isinstance(value, cst.Dict):
        out = []
        for element in value.elements:
            key = string(element.key) if isinstance(element, cst.DictElement) else None
            if key is None or not key.isidentifier():
                return None
            out.append((key, element.value))
        return out
    return None


# Keywords that configure a client with the business's own account (never a person's datum to share).
# `auth=` and `credentials=` authenticate the caller: the business's login to its own server or cloud account
# (geonode's `auth=HTTPBasicAuth(self.username, self.pw)`, `build("gmail", "v1", credentials=creds)`).
_CONFIGURATION = frozenset({"apikey", "secretkey", "clientsecret", "authtoken", "accesskey", "accesskeyid",
                            "secretaccesskey", "secret", "dsn", "privatekey", "apisecret", "apitoken", "auth",
                            "credentials", "accountkey", "connectionstring", "accountsid",
                            # a request's deduplication token (Stripe's, Adyen's, Square's `idempotency_key`): the
                            # provider only compares it with the last one, whatever went into making it
                            "idempotencykey"})


_HANDLE_KEYWORDS = frozenset({"customer", "customerid", "sid", "subscription", "subscriptionid"})
_BY_HANDLE = frozenset({"modify", "retrieve", "delete", "update", "cancel", "get", "fetch"})


def _handle(a: ArgFacts, q: str, single: bool = False) -> bool:
    """An argument that names the provider's own object: `customer=`, the id a `modify` call takes first, the
    one id a collection of the SDK is called with to pick a record (`client.calls(call_sid)`, twilio's), or the id
    of the very thing the method acts on (`delete_cart(cart_id=...)`, `update_order(order_id=...)`)."""
    if a.keyword is not None:
        return _word(a.keyword) in _HANDLE_KEYWORDS or _acted_on(a.keyword, last(q))
    method = last(q)
    collection = single and method[:1].islower() and method.endswith("s") and not method.endswith("ss")
    return a.index == 0 and (method in _BY_HANDLE or collection)


def _acted_on(keyword: str, method: str) -> bool:
    """`cart_id` to `update_cart`, `order_id` to `delete_order`: the record's id at the provider the method names."""
    thing = keyword.lower().removesuffix("_id").removesuffix("id").rstrip("_")
    return len(thing) >= 3 and keyword.lower() != thing and thing in method.lower().split("_")[1:]


def _an_id(taint: Taint) -> bool:
    """Whether the datum came by a name that is an identifier (`charge_id`, `payment.intent_id`, `pi.id`, a
    Twilio `call_sid`)."""
    path = taint[1]
    words = re.split(r"[\W_]+", path[-1].lower()) if path else []
    return bool(words) and words[-1] in ("id", "ids", "pk", "sid", "sids")


def _unhandled(found: Iterable[Taint], payment: bool) -> list[Taint]:
    """What an argument naming the provider's own object carries besides that handle. An id by its name
    (`session_id`, `call_sid`, a parameter so named) is the provider's, given back to it; to a payment provider a
    person's id there is its customer's handle too, while elsewhere the app's own user id stays the person's."""
    found = list(found)
    persons = set() if payment else {p[0] for c, p in found if c == "user.unique_id" and p}
    return [t for t in found if not (payment and t[0] == "user.unique_id")
            and not (_an_id(t) and (t[1][0] if t[1] else "") not in persons)]


_USER_ID_KEYWORDS = frozenset({"userid", "externalid", "externaluserid", "distinctid", "uid"})


def _provider_handle(taint: Taint, service: str, name: str) -> bool:
    """An identifier named for the provider it goes back to (`razorpay_payment_id`, `wallet.stripe_customer_id`
    given to Razorpay or Stripe): the provider issued it, and learns nothing new from it."""
    category, path = taint
    if not category.startswith(("user.unique_id", "user.payment", "user.financial", "user.account")):
        return False
    text = re.sub(r"[\W_]", "", path[0]).lower() if path else ""
    return any(len(w) >= 4 and w in text for w in (service.replace("_", ""), re.sub(r"\W", "", name).lower()))


# A contact's id given to a CRM or a marketing tool: the id that tool gave its contact record (GetResponse's
# `contactId`, Keap's, HubSpot's), sent back to address the record
_CONTACT_ID = re.compile(r"(?:^|_)contact_?id$", re.IGNORECASE)
_CONTACT_BOOKS = frozenset({"crm", "marketing_automation"})


def contact_handle(category: str, path: tuple[str, ...], recipients: str) -> bool:
    """`contact_id=contact.contact_id` to GetResponse: the CRM's own handle for its contact, no person's id."""
    origin = _last_name(path[0]) if path else ""
    return recipients in _CONTACT_BOOKS and category == "user.unique_id" and bool(_CONTACT_ID.search(origin))


def _last_name(text: str) -> str:
    """The last name of a value that is a plain name or attribute chain (`message.body` -> body)."""
    return text.rsplit(".", 1)[-1].lstrip("_") if _NAMED.fullmatch(text) else ""


def _own_name(a: ArgFacts) -> str:
    """A positional value's own name, which stands in for the keyword an API's unknown position lacks."""
    return _last_name(a.text) if a.keyword is None and a.index >= 0 else ""


def _word(name: str) -> str:
    return name.replace("_", "").lower()


# `auth_user_key`, `rest_api_key`, `api_auth_token`: a key of the API's or of its auth is the business's account
_ACCOUNT_KEY = re.compile(r"(?:\w+_)?(?:api|auth|rest)_(?:\w+_)?(?:key|secret|token)s?")


def _configuration(name: str) -> bool:
    """A name that configures the business's account with a provider (`api_key`, `auth_user_key`), not data."""
    return _word(name) in _CONFIGURATION or bool(_ACCOUNT_KEY.fullmatch(name.lower()))


_NAMED = re.compile(r"[A-Za-z_][\w.]*")


def argument_taints(catalogue: Catalogue, args: list[ArgFacts], q: str = "", service: str = "") -> list[Taint]:
    """Personal data reaching the arguments of a call to `q` (qualified), which reaches `service`: what
    each value carries, else what the API's argument means, else what the keyword's name says."""
    if q in _OWN_ACCOUNT or _client_class(q) or _built_with_credentials(q, args):
        return []
    known = catalogue.services.get(service) if service else None
    # an SMS gateway's messages take an SMS provider's arguments; the SMTP APIs' are known call by call
    # (_MAIL_ARGUMENTS), so smtp_server keeps its own category here
    recipients = "sms_voice" if service == "sms_gateway" else known.recipient_category if known is not None else ""
    seen: dict[Taint, None] = {}
    payment = recipients == "payment"
    # Session.create(customer=user.customer.id), Customer.modify(db_customer.id), Charge.retrieve(charge_id),
    # twilio's client.calls(call_sid): the provider's own handle for the payer, the payment or the record, sent
    # back to it, tells it nothing new; also as the key of a dict spread into the call (`"customer": customer_id`)
    single = sum(1 for a in args if not a.inner) == 1
    messaging = recipients in _RECIPIENT_OF or service in _DELIVERS_AS or q in _MAIL_ARGUMENTS
    handles = (payment or not q.startswith(HTTP_CLIENTS)) and q != ""
    given_back: set[tuple[str, str]] = set()
    for a in args:
        if a.inner and handles and _handle(a, q):
            kept = _unhandled(a.found, payment)
            given_back.update((t[0], t[1][0] if t[1] else "") for t in a.found if t not in kept)
            # `{"customer_id": provider_customer_id}`: a value that says nothing was read by its key's name
            named = [(c, (f"{a.keyword!r}: {a.text}",)) for c, _ in a.named]
            given_back.update((t[0], t[1][0]) for t in named if t not in _unhandled(named, payment))
    for a in args:
        if a.keyword is not None and _configuration(a.keyword):
            continue  # ElevenLabs(api_key=await key_for(user.id)): the business's account with the provider
        found = [] if a.inner else [t for t in a.found if (t[0], t[1][0] if t[1] else "") not in given_back]
        handle = handles and _handle(a, q, single)
        if handle:
            found = _unhandled(found, payment)
        # `message.recipients` given to an SMS API: the name says only "recipients" (an e-mail list
        # on a mail row); the service says what kind of address they are
        vague = recipients in _RECIPIENT_OF and _word(_last_name(a.text)) in _TO_ANY
        meaning = _meaning(q, service, a.index, a.keyword, recipients, _own_name(a)) if q else ""
        if not meaning and q and _word(a.keyword or _own_name(a)) in _WRITTEN.get(recipients, ()) \
                and any(t[0] == INPUT and not _kept_text(t) for t in a.found):
            meaning = "user.content.private"  # {"body": request_body} to GitHub's issues: what the person wrote
        inflow = [t for t in a.found if not t[0].startswith(KEY) and t[0] != BUILT]  # (a key's own name aside)
        if meaning == _MESSAGE and (messaging and _composed(a.found) or a.mapping and not inflow):
            # a mail the app renders or formats carries what was put in it, not a person's writing; a request's
            # fields given as the body (`body={"raw": raw}`) into which nothing flows hold the app's own message
            meaning = ""
        if vague or not real(list(a.found)):
            if meaning and not a.fixed:
                found = [t for t in found if not vague or t[0].startswith(MARKER)]
                found.extend((m, (a.text,)) for m in _MEANS.get(meaning, (meaning,)))
            elif not vague:
                found += a.named
        elif meaning in (_MESSAGE, _WHOLE) and not a.fixed and not _notice(a.found):
            # msg.as_string() built from the recipient's name: the message says more than the names in it
            found.extend((m, (a.text,)) for m in _MEANS.get(meaning, (meaning,)))
        if handle and a.inner:  # what the handle's key name says of it is the provider's handle too
            found = _unhandled(found, payment)
        # `user_id=instance.intercom_id`: the app's own id of the user, registered with the provider
        own_id = a.keyword is not None and _word(a.keyword) in _USER_ID_KEYWORDS
        for taint in found:
            if _other_address(taint, recipients) or taint[0] in (BUILT, INPUT) or _issued_token(taint, recipients):
                continue
            if contact_handle(*taint, recipients):
                continue
            if own_id or not (known is not None and _provider_handle(taint, known.id, known.name)):
                seen.setdefault(taint, None)
    return list(seen)


_ATTRIBUTE = re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+")


def _kept_text(taint: Taint) -> bool:
    """A text an object keeps (`notification.message`, `self.body`), read as INPUT by its name: whoever wrote it
    (an app's notice as often as a person), unlike what a request carries. Its row's field decides (FIELD)."""
    origin = taint[1][0] if taint[1] else ""
    return bool(_ATTRIBUTE.fullmatch(origin)) and bool(set(origin.rpartition(".")[2].lower().split("_")) & _BODY)


def _composed(found: Iterable[Taint]) -> bool:
    """A text the app composed (`BUILT`) with no request input in it: what a caller hands in to it (a parameter,
    another function's return) is reported where its own data are known, a person's message as private content."""
    found = list(found)
    return any(c == BUILT for c, _ in found) and not any(c == INPUT for c, _ in found)


# A token by its name: what an identity provider issued (an ID token, an access or refresh token, a JWT)
_TOKEN = re.compile(r"(?:^|[^a-z])(?:id_?token|access_?token|refresh_?token|token|jwt|bearer)s?(?:[^a-z]|$)",
                    re.IGNORECASE)


def _issued_token(taint: Taint, recipients: str) -> bool:
    """A token given back to an identity provider (Google's tokeninfo, an OIDC userinfo or introspection endpoint):
    the provider issued it and learns nothing new from it, unlike a password it is sent at sign-up."""
    category, path = taint
    return recipients == "auth_identity" and category == "user.authorization.credentials" \
        and any(_TOKEN.search(p) for p in path[:1])


_ADDRESSES = frozenset(address for address, _ in _RECIPIENT_OF.values())


def _other_address(taint: Taint, kind: str) -> bool:
    """An address guessed from a recipient word alone (`message.to`, read as a mail's e-mail address) given to a
    provider that takes another kind of address (an SMS API's `"To"` is a phone number)."""
    own = _RECIPIENT_OF.get(kind)
    category, path = taint
    return own is not None and category in _ADDRESSES and category != own[0] and bool(path) \
        and _word(_last_name(path[0])) in _TO_ANY


# What a sign-in or notice message is filled with: the code or link it carries and whom it names by
# address or id (`f"Your code is {token.token}"`, "New account: {email}"). Such a text is those data; the
# business wrote the rest of it.
_NOTICE_DATA = ("user.authorization", "user.contact.email", "user.contact.phone_number", "user.unique_id")


def _notice(found: Iterable[Taint]) -> bool:
    """A message whose personal data are only codes, links, addresses and ids (see _NOTICE_DATA), and no text
    its caller gives (a parameter: `message["To"] = to_email` beside `add_alternative(html)` is a letter)."""
    data, text = [], []
    for category, path in found:
        if not category.startswith("@"):
            data.append(category)
        elif category.startswith((MARKER, RETURN)) and not last(category).startswith("get_") \
                and (_root(path) not in _CARRIERS or category == MARKER + (path[0] if path else "")):
            # (a parameter named `body` or `data` is the caller's text, not the request's body)
            # (the request a link is built from is no text, `request.build_absolute_uri(...)`, nor is the site or
            # the template another module's getter gives, `get_current_site(request)`)
            text.append(category)
    return bool(data) and not text and all(c.startswith(_NOTICE_DATA) for c in data)


def _root(path: tuple[str, ...]) -> str:
    """The name a path of names starts from (`request` for `request.build_absolute_uri(...)`)."""
    match = re.match(r"\w+", path[0]) if path else None
    return match.group(0) if match else ""


def _client_class(q: str) -> bool:
    """An SDK's client class (`twilio.rest.Client(account_sid, auth_token)`, `WebClient(token=...)`): what it is
    built with is the business's account with the provider, as a variable holding it carries nothing (`_client`)."""
    name = last(q)
    return name.endswith("Client") and name[:1].isupper()


def _built_with_credentials(q: str, args: Iterable[ArgFacts]) -> bool:
    """An SDK's class built with the business's credentials (`Xero(credentials=PublicCredentials(...),
    user_agent=get_consumer_key())`): a client, whatever its class is called, configured by the rest of its
    arguments, not sent a person's data (heldout15's django-xero: no user agent sent)."""
    return "." in q and last(q)[:1].isupper() and not q.startswith(HTTP_CLIENTS) and any(
        a.keyword is not None and _configuration(a.keyword) for a in args)  # (requests.Request(auth=...) sends)


def call_flows(ctx: Context, node: cst.Call, q: str = "", service: str = "") -> list[Taint]:
    """Personal data reaching the arguments of a call, deduplicated. `q` is the call's qualified
    name, `service` the service it reaches."""
    return [] if q in _OWN_ACCOUNT else argument_taints(ctx.catalogue, arg_facts(ctx, node), q, service)


def _literal_list(node: cst.BaseExpression) -> bool:
    """`["ops@example.com"]`, `_("Welcome")`, `settings.ADMINS`, `[{"role": "system", "content": "ping"}]`:
    fixed text, not a person's data."""
    if isinstance(node, (cst.List, cst.Tuple)):
        return all(_literal(e.value) or _literal_list(e.value) for e in node.elements)
    if isinstance(node, cst.Dict):
        return all(isinstance(e, cst.DictElement) and (_literal(e.value) or _literal_list(e.value))
                   for e in node.elements)
    if isinstance(node, cst.Call) and last(dotted(node.func) or "") in GETTEXT:
        return True
    name = dotted(node) or ""
    return name.startswith("settings.") or last(name).isupper()


# A person's credentials go to an identity provider (Auth0, Cognito, a KYC check), or out by e-mail
# or SMS as a reset link or one-time code; credentials that reach any other SDK or endpoint (S3,
# Stripe, a webhook) are the business's own API keys, tokens and passwords.
_CREDENTIALS = "user.authorization"
_CREDENTIAL_RECIPIENTS = frozenset({"auth_identity", "kyc_identity_verification", "email_delivery", "sms_voice"})


def _resolved(ctx: Context, taint: Taint, depth: int = 0) -> list[Taint]:
    """A taint with the returns of a function defined further down put in for its call marker."""
    category, path = taint
    if not category.startswith(CALL):
        return [taint]
    if depth > 3:
        return []
    callee = category[len(CALL):]
    # the datum's own origin first, then the call, as for a function defined above (`sources`) and a builder of
    # another module (python_project.returned_by): `self.contact_id -> X._build() -> data`
    return [t for c, p in ctx.returns.get(callee, ())
            for t in _resolved(ctx, (c, (*p, f"{callee}()", *path[1:])), depth + 1)]


def keyed(key: str, text: str) -> list[Taint]:
    """A dict key that some API reads as an argument with a meaning (`to`, `htmlContent`, `amount`)."""
    return [(KEY + key, (text,))] if _word(key) in _MEANINGFUL else []


# Methods of plain values (dates, strings, digests) that an SDK's answer holds: formatting them sends nothing
_VALUE_METHODS = frozenset({"isoformat", "strftime", "timestamp", "total_seconds", "astimezone", "utcoffset",
                            "lower", "upper", "strip", "lstrip", "rstrip", "split", "rsplit", "splitlines",
                            "startswith", "endswith", "encode", "decode", "casefold", "hexdigest"})
# an error class (the SDK's own or the project's subclass of it), by its name's last part
_EXCEPTION = re.compile(r"(?:^|\.)[A-Z]\w*(?:Error|Exception)$")


def landed(catalogue: Catalogue, category: str, service: str, q: str, path: tuple[str, ...] = ()) -> str | None:
    """What a datum reaching `service` through the call `q` is shared as, or None: a dict key means
    what that argument of the service's API carries (`{"htmlContent": html}` posted to Brevo is the
    message), and a credential is shared only with who may receive one (see `shared`). `path`, the names the
    datum came by, tells a CRM's own contact id (`contact_handle`)."""
    if _EXCEPTION.search(q):
        return None  # `raise Smtp2goAPIContentException(...)`: an SDK's error class, raised here, tells the vendor nothing
    if "." in q and q.rpartition(".")[2] in _VALUE_METHODS:
        return None  # `creds.expiry.isoformat()` on what an SDK returned (audit14 #06): a value's own method
    if category.startswith((CALL, FIELD)) or category in (BUILT, INPUT):
        return None  # settled by the module's own pass (FlowVisitor._settle), never across modules; notes on text
    if category.startswith(KEY):
        known = catalogue.services.get(service)
        # an SMTP server (configured, so "unresolved" in the catalogue) delivers e-mail all the same
        recipients = _DELIVERS_AS.get(service) or (known.recipient_category if known else "")
        category = _meaning(q, service, -1, category[len(KEY):], recipients)
        category = _MEANS.get(category, (category,))[0]
        if not category:
            return None
    if path and (known := catalogue.services.get(service)) is not None \
            and contact_handle(category, path, known.recipient_category):
        return None
    return category if shared(catalogue, category, service) else None


def shared(catalogue: Catalogue, category: str, service: str) -> bool:
    """Whether a datum reaching this service is a person's data shared with it (not the business's key)."""
    if not category.startswith(_CREDENTIALS) or service in _DELIVERS_AS:
        return True
    known = catalogue.services.get(service)
    return known is not None and known.recipient_category in _CREDENTIAL_RECIPIENTS


def receiver(expr: cst.BaseExpression) -> str | None:
    """The local name an attribute chain starts from: `account` for `account.legal_entity.save`."""
    if not isinstance(expr, cst.Attribute):
        return None
    root = expr.value
    while isinstance(root, cst.Attribute):
        root = root.value
    return root.value if isinstance(root, cst.Name) else None


# A value named as a person's password (not a key, token or secret: those are the business's accounts)
_PASSWORD = re.compile(r"(?:^|[^a-z])(?:password|passwd|passphrase|pwd)$")


def _user_password(category: str, path: tuple[str, ...]) -> bool:
    """A credential whose value is named as a password, read from a parameter or the request, not a setting."""
    if not category.startswith(_CREDENTIALS) or not path:
        return False
    origin = path[0].lower()
    return bool(_PASSWORD.search(origin.rstrip("'\\\"]) "))) and "settings" not in origin and not path[0].isupper()


def record_flows(ctx: Context, node: cst.CSTNode, service: str, q: str, found: list[Taint], via: str = "") -> None:
    """Flows of what reaches a call to `service`, and summaries of the function's parameters that do. `via`:
    the parameter the call's URL is, so that callers decide the service (URL_PARAM)."""
    key = ctx.function_key()
    params = ctx.functions.get(key, []) if key else []
    ctx.scopes[-1].sent.update((service, c, p[0] if p else "") for c, p in real(found))
    known = ctx.catalogue.services.get(service)
    # a sign-in forwarded to a server the business configures: the person's own password, beside their username
    login = known is not None and known.recipient_category == "webhooks_unresolved" \
        and any(c == "user.account.username" for c, _ in real(found))
    for category, path in found:
        if category in (BUILT, INPUT):
            continue
        if category.startswith(FIELD):
            ctx.defer(FIELDS_KEY, (category[len(FIELD):], service, q, path, ctx.locate(node), code(node)))
            continue
        if category.startswith(CALL):
            ctx.late.append((node, service, q, (category, path)))
            continue
        if category.startswith(ATTR):
            constructor(ctx, key, category, (service, q, path))
            continue
        if login and _user_password(category, path):
            ctx.result.flows.append(Flow(category, service, ctx.loc(node), path + (q,), code(node)))
            continue
        if (category := landed(ctx.catalogue, category, service, q, path) or "") == "":
            continue
        if category.startswith(RETURN):
            ctx.defer(RETURNS_KEY, ReturnFlow(category[len(RETURN):], service, q, path, ctx.loc(node), code(node)))
        elif not category.startswith(MARKER):
            ctx.result.flows.append(Flow(category, service, ctx.loc(node), path + (q,), code(node)))
        elif key and category[len(MARKER):] in params:  # the function's own parameter: its summary
            target = f"{URL_PARAM}{via}|{service}" if via else service
            ctx.summaries.setdefault(key, []).append((category[len(MARKER):], target, q, path))
            if key not in ctx.sinks:
                ctx.sinks[key] = ctx.locate(node)


def constructor(ctx: Context, key: str | None, category: str, sent: tuple[str, str, tuple[str, ...]]) -> bool:
    """An attribute the constructor filled (`ATTR`) reaches a service from method `key`: the constructor's
    parameters that filled it join its summary (`Class.__init__`). Whether the summary grew."""
    owner = key.partition(".")[0] if key and "." in key else ""
    grew = False
    entries = ctx.summaries.setdefault(f"{owner}.__init__", []) if owner else []
    for param in ctx.stored.get(owner, {}).get(category[len(ATTR):], ()):
        if (entry := (param, *sent)) not in entries:
            entries.append(entry)
            grew = True
    return grew


def unfill(flows: list[Flow], filled: list[tuple[str, Flow]]) -> tuple[list[Flow], list[tuple[str, Flow]]]:
    """A message filled and then sent in the file (`msg.body = x; mail.send(msg)`) is reported where it is
    sent: the flows recorded at the filling are dropped when a later flow of the same datum and service
    names the same object. Returns the flows left and the filled ones still standing."""
    taken = {id(f) for _, f in filled}
    sent = {(f.category, f.service, name, f.location.line) for f in flows if id(f) not in taken for name in f.path}
    drop = {id(f) for base, f in filled
            if any((f.category, f.service, base) == s[:3] and s[3] > f.location.line for s in sent)}
    return [f for f in flows if id(f) not in drop], [(b, f) for b, f in filled if id(f) not in drop]


FILLED_KEY = "py_filled_messages"  # (object, Flow): flows recorded where an SDK message was filled
CALLS_KEY = "py_imported_calls"
# ImportedCall to a function (`func`) or method (`Class.method`) of the module itself, whose summary may grow in
# the cross-file pass (FlowVisitor._defer_growable); the module is the caller's
LOCAL_CALLS_KEY = "py_local_calls"
SUMMARIES_KEY = "py_summaries"
RETURNS_KEY = "py_return_flows"  # ReturnFlow: a method's result reaching a service
METHOD_CALLS_KEY = "py_method_calls"  # ImportedCall named by a method: `self.amplitude.send_events([event])`
FUNCTION_RETURNS_KEY = "py_function_returns"  # {module.function: what that builder function returns}
METHODS_KEY = "py_methods"  # (`Class.method` defined here, what each returns, what each sends, its state, its sink)
Summary = tuple[str, str, str, tuple[str, ...]]  # (parameter, service, call, path)


@dataclass(frozen=True)
class ReturnFlow:
    """What a method of an object returns reaches a service (`intercom.users.create(**data)` with
    `data = instance.get_intercom_data()`); settled when one class of the project defines the method."""

    method: str
    service: str
    q: str
    path: tuple[str, ...]
    location: Location
    evidence: str


@dataclass(frozen=True)
class ImportedCall:
    """A call with personal data in its arguments to a function another module of the project defines."""

    callee: str  # qualified as the import names it: app.utils.send_email
    positional: list[list[Taint]]
    keyword: dict[str, list[Taint]]
    location: Location
    evidence: str
    # a class's constructor: every argument, in case the class derives from an SDK's (python_project.py)
    args: tuple[ArgFacts, ...] = ()
    # the function making the call, (module, `func` or `Class.method`), and its parameters: an argument that is
    # one of them (a MARKER taint) makes the caller a sender too once the callee's summary is known
    caller: tuple[str, str] = ("", "")
    caller_params: tuple[str, ...] = ()
    # `self.client` for `self.client.create_cart(...)` when this module does not bind that attribute: a base class
    # in another module may hold a client there (py_inherited_clients.py)
    receiver: str = ""


def _through(callee: str, params: list[str], positional: list[list[Taint]], keyword: dict[str, list[Taint]],
             summary: list[Summary]) -> Iterator[tuple[str, str, str, tuple[str, ...]]]:
    """(category, service, call, path) for each datum an argument brings to what the callee sends."""
    named = [p for p in params if p not in (KWARGS, ARGS)]
    given = dict(zip(named, positional))
    if ARGS in params:  # `def send_mail(*args, **kwargs)`: the positionals after the named ones land in *args
        at = params.index(ARGS)
        given = dict(zip(params[:at], positional))
        given[ARGS] = [t for found in positional[at:] for t in found]
    given.update(keyword)
    if KWARGS in params:  # `def post_instance(self, **kwargs)`: every keyword it does not name lands there
        given[KWARGS] = [t for k, found in keyword.items() if k not in named for t in found]
    for param, service, q, path in summary:
        if service.startswith(URL_PARAM):
            service = _destination(service, given)
        for category, origin in given.get(param, ()):
            if not category.startswith(NAMED):
                yield category, service, q, (*origin, f"{callee}({param})", *path[1:])


def _destination(service: str, given: dict[str, list[Taint]]) -> str:
    """Where a sender whose URL is its parameter sends, by what the call gives that parameter: the service the
    argument names, the caller's own parameter (the caller is such a sender too), else the fallback."""
    param, _, fallback = service[len(URL_PARAM):].partition("|")
    for category, _path in given.get(param, ()):
        if category.startswith(NAMED):
            return category[len(NAMED):]
    for category, _path in given.get(param, ()):
        if category.startswith(MARKER):
            return f"{URL_PARAM}{category[len(MARKER):]}|{fallback}"
    return fallback


def named_service(ctx: Context, value: cst.BaseExpression) -> list[Taint]:
    """A NAMED taint when an argument names a service: a URL the module can resolve, or a setting the
    catalogue knows (`settings.SLACK_WEBHOOK_URL`)."""
    text = ctx.constant(value)
    service = url_service(text, ctx.catalogue) if text and "//" in text else None
    if service is None and isinstance(value, cst.Attribute) and value.attr.value.isupper():
        service = ctx.catalogue.by_setting(value.attr.value)
    return [(NAMED + service, (code(value),))] if service else []


def settle(call: ImportedCall, params: list[str], summary: list[Summary], catalogue: Catalogue) -> list[Flow]:
    """The flows a call makes through its callee's summary: the callee sends parameter P to a service."""
    out: dict[tuple[str, str], Flow] = {}
    name = call.callee.rsplit(".", 1)[-1]
    for category, service, q, through in _through(name, params, call.positional, call.keyword, summary):
        if category.startswith("@") and not category.startswith(KEY):
            continue  # the caller's own parameter (its summary, `grown`), an object's state: not a flow
        if service.startswith(URL_PARAM):  # a URL the caller's caller gives: no longer nameable here
            service = service.partition("|")[2]
        category = (landed(catalogue, category, service, q, through) or "") if service else ""
        category = _addressed(catalogue, category, service, through)
        if category and (category, service) not in out:
            out[(category, service)] = Flow(category, service, call.location, (*through, q), call.evidence)
    return list(out.values())


def _addressed(catalogue: Catalogue, category: str, service: str, through: tuple[str, ...]) -> str:
    """An address named only "to" or "recipients" (`message.to`) handed to another module's sender is the kind
    of address its service delivers to (an SMS API's phone number), as it is at a local call (`call_flows`)."""
    if category not in _ADDRESSES or not through or _word(_last_name(through[0])) not in _TO_ANY:
        return category
    known = catalogue.services.get(service)
    kind = _RECIPIENT_OF.get(_DELIVERS_AS.get(service) or (known.recipient_category if known else ""))
    return kind[0] if kind is not None else category


def hands_on(positional: list[list[Taint]], keyword: dict[str, list[Taint]], kinds: tuple[str, ...] = (MARKER,)) -> bool:
    """Whether a call's arguments carry its caller's own parameters (MARKER), or with ATTR its object's state:
    then the caller's summary may grow from the callee's."""
    return any(t[0].startswith(kinds) for found in (*positional, *keyword.values()) for t in found)


def grown(call: ImportedCall, params: list[str], summary: list[Summary]) -> list[Summary]:
    """The summary entries a call gives its caller: the caller's own parameter reaches what the callee sends
    (`def notify(phone): sms.send(phone)` in one module, `send` sending its argument in another). An entry
    for an attribute its object's constructor filled (`self.recipient`) is named `ATTR + attribute`."""
    name = call.callee.rsplit(".", 1)[-1]
    out: list[Summary] = []
    for category, service, q, through in _through(name, params, call.positional, call.keyword, summary):
        param = category[len(MARKER):]
        if category.startswith(MARKER) and param in call.caller_params:
            entry = (param, service, q, through)
        elif category.startswith(ATTR):
            entry = (category, service, q, through)
        else:
            continue
        if entry not in out:
            out.append(entry)
    return out


# An SDK's object that is sent (`PushMessage`, `Mail`, `SendSmtpEmail`), not one it answers with (`PushTicket`)
_SENT_OBJECT = re.compile(r"(Message|Mail|Email|Notification|Payload|Event|Sms|SMS|Alert)$")
_FILLERS = frozenset({"update", "append", "extend", "insert", "add", "attach", "put", "setdefault",
                      "appendChild"})  # the DOM's: `bill_to.appendChild(node)` puts the node in the element


def _element_parent(value: cst.BaseExpression) -> str | None:
    """The element an ElementTree `SubElement(parent, "tag")` is made inside: what is set on the child is in the
    parent's document (`SubElement(request_xml, "url").text = request.build_absolute_uri()`)."""
    if isinstance(value, cst.Call) and last(dotted(value.func) or "") == "SubElement" and value.args:
        return dotted(value.args[0].value)
    return None


def _fills(method: str) -> bool:
    """Does a method so named put its arguments into its object (`append`, `set_content`, `add_header`)?"""
    return method in _FILLERS or method.startswith(("set_", "add_", "attach_"))


class CallSite:
    """A call to a function of this module with personal data (or the caller's own parameters) in its
    arguments, settled at the module's end."""

    __slots__ = ("callee", "positional", "keyword", "node", "caller")

    def __init__(self, callee: str, positional: list[list[Taint]], keyword: dict[str, list[Taint]], node: cst.Call,
                 caller: str | None) -> None:
        self.callee, self.positional, self.keyword, self.node = callee, positional, keyword, node
        self.caller = caller  # the function making the call, when it can have a summary


def _by_parameter(taint: Taint, params: Iterable[str]) -> bool:
    """A datum a function holds only by the name of one of its parameters (`user_id -> params -> ...`)."""
    path = taint[1]
    return bool(path) and path[0] in params


def _flag_params(node: cst.FunctionDef) -> set[str]:
    """Parameters annotated `bool` or defaulting to True/False."""
    p = node.params
    out = set()
    for x in (*p.posonly_params, *p.params, *p.kwonly_params):
        annotation = x.annotation.annotation if x.annotation is not None else None
        default = x.default
        if (isinstance(annotation, cst.Name) and annotation.value == "bool") or (
                isinstance(default, cst.Name) and default.value in ("True", "False")):
            out.add(x.name.value)
    return out


def _signal_sender(node: cst.FunctionDef) -> str:
    """The model a signal receiver hears from: `@receiver(post_save, sender=Order)` or a model's own signal,
    `@receiver(FoiRequest.became_overdue)`; else the signal itself."""
    for decorator in node.decorators:
        call = decorator.decorator
        if not (isinstance(call, cst.Call) and last(dotted(call.func) or "") == "receiver" and call.args):
            continue
        given = next((a.value for a in call.args if a.keyword is not None and a.keyword.value == "sender"), None)
        name = dotted(given) if given is not None else None
        if name is None:
            parts = (dotted(call.args[0].value) or "").split(".")
            name = parts[-2] if len(parts) > 1 and parts[-2][:1].isupper() else None
        if name:
            return last(name)
    return "Signal"


def _sender_of(call: cst.Call) -> str | None:
    """The model a signal call's `sender=` names (`receiver(post_save, sender=Customer)`, `post_save.connect(f,
    sender=User)`); not a string's "app.Model": no row to read by it."""
    given = next((a.value for a in call.args if a.keyword is not None and a.keyword.value == "sender"), None)
    name = last(dotted(given) or "") if given is not None else ""
    return name if name[:1].isupper() else None


def _sender_model(node: cst.FunctionDef) -> str | None:
    """The model `@receiver(signal, sender=Model)` names."""
    for decorator in node.decorators:
        call = decorator.decorator
        if isinstance(call, cst.Call) and last(dotted(call.func) or "") == "receiver" and (model := _sender_of(call)):
            return model
    return None


def _params(node: cst.FunctionDef) -> list[str]:
    """The parameters a caller fills, `self` left out; a `*args` parameter is listed where it stands, after the
    positional ones, as ARGS, and a `**kwargs` parameter last as KWARGS."""
    p = node.params
    names = [x.name.value for x in (*p.posonly_params, *p.params)]
    if isinstance(p.star_arg, cst.Param):
        names.append(ARGS)
    names += [x.name.value for x in p.kwonly_params]
    names = names[1:] if names and names[0] in ("self", "cls") else names
    return [*names, KWARGS] if isinstance(p.star_kwarg, cst.Param) else names


def call_keywords(ctx: Context, args: Sequence[cst.Arg]) -> list[tuple[str, cst.BaseExpression]]:
    """A call's keyword arguments, with a dict spread into it (`post(**data)`) read as its keys where they are
    known; an unknown spread is filed under KWARGS."""
    out: list[tuple[str, cst.BaseExpression]] = []
    for a in args:
        if a.keyword is not None:
            out.append((a.keyword.value, a.value))
        elif a.star == "**":
            out.extend(spread_pairs(ctx, a.value) or [(KWARGS, a.value)])
    return out


class FlowVisitor(Batchable):
    """Keeps each function's taint table in step with its assignments."""

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.sites: list[CallSite] = []
        self.star_calls: list[tuple[str, ImportedCall]] = []  # calls a star import may name (`_star_call`)
        self.filled: list[tuple[str, Flow]] = []  # (object, flow) recorded where an SDK message was filled
        self.branches = 0  # depth of `if`/`else` blocks: an assignment there may not happen
        # (id of a scope, element name) -> the element it was made inside (`_element_parent`)
        self.within: dict[tuple[int, str], str] = {}
        self.answering: set[str] = set()  # functions of this module returning what a server answered
        self.opaque: set[str] = set()  # functions of this module returning another module's function's value
        self.connected: dict[str, str] | None = None  # (`_connected`, read once)
        self.module: cst.Module | None = None

    def visit_Module(self, node: cst.Module) -> None:
        self.module = node

    def _connected(self) -> dict[str, str]:
        """The module's receivers connected with a sender model: `post_save.connect(subscribe, sender=User)`."""
        if self.connected is None:
            self.connected = {}
            for statement in self.module.body if self.module is not None else ():
                expr = statement.body[0] if isinstance(statement, cst.SimpleStatementLine) and statement.body else None
                call = expr.value if isinstance(expr, cst.Expr) else None
                if isinstance(call, cst.Call) and isinstance(call.func, cst.Attribute) and call.func.attr.value == "connect" \
                        and call.args and isinstance(call.args[0].value, cst.Name) and (model := _sender_of(call)):
                    self.connected[call.args[0].value.value] = model
        return self.connected

    def visit_If(self, node: cst.If) -> None:
        self.branches += 1

    def leave_If(self, original_node: cst.If) -> None:
        self.branches -= 1

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        # the scope is pushed (ScopeEnter runs first): each parameter carries its marker
        key = self.ctx.function_key()
        params = _params(node)
        if key is not None:
            self.ctx.functions[key] = params
        scope = self.ctx.scopes[-1]
        # a constructor's parameters configure the object: `BraintreeProvider(private_key=...)` holds
        # the merchant's key, `User(email=...)` a person's e-mail
        owner = self.ctx.owner_class() if node.name.value == "__init__" else ""
        flags = _flag_params(node)
        signal = params[:1] == ["sender"] and KWARGS in params
        if signal:  # a signal receiver's `sender` is what sent the signal, no person: `sender.pk` is its key
            scope.rows["sender"] = _signal_sender(node)
            # `@receiver(post_save, sender=Customer)`, `post_save.connect(f, sender=User)`: the model's signals
            # (pre_save, post_save, post_delete, m2m_changed) hand the receiver that model's row as `instance`
            model = _sender_model(node) or self._connected().get(node.name.value)
            if model and "instance" in params:
                scope.rows["instance"] = model
        for name in params:
            if name in (KWARGS, ARGS):  # the `**kwargs` dict, the `*args` tuple: what the caller's arguments carry
                star = node.params.star_kwarg if name == KWARGS else node.params.star_arg
                if isinstance(star, cst.Param):
                    scope.taint[star.name.value] = [(MARKER + name, (star.name.value,))]
                continue
            # `password=False` is a switch about a password, not one: its name says nothing of its value
            named = [] if name in flags or (signal and name == "sender") else list(classified(self.ctx, name, owner, name))
            scope.taint[name] = [(MARKER + name, (name,)), *named]

    def visit_Return(self, node: cst.Return) -> None:
        key = self.ctx.function_key()
        if key is not None and node.value is not None and self._answer(node.value):
            self.answering.add(key)  # return response.json(): its callers hold the server's answer
        returned = node.value.expression if isinstance(node.value, cst.Await) else node.value
        if key is not None and isinstance(returned, cst.Call) and _callee(self.ctx, returned.func) is None:
            self.opaque.add(key)  # return resolve_user_details(user): what another module's function gives
        if key is not None and node.value is not None:
            every = list(sources(self.ctx, node.value))
            own = self.ctx.functions.get(key, [])
            passed = {c[len(MARKER):] for c, p in every if c.startswith(MARKER) and c[len(MARKER):] in own}
            if passed:  # return payload: the caller gets back what it gave
                self.ctx.passes.setdefault(key, set()).update(passed)
            found = [t for t in every if not t[0].startswith((MARKER, RETURN))]
            q = self.ctx.qualify(node.value.func) if isinstance(node.value, cst.Call) else None
            service = self.ctx.sdk(q) if q and "." in q else None
            if service and isinstance(node.value, cst.Call) and _SENT_OBJECT.search(last(q or "")):
                # return PushMessage(to=token, body=text): what the SDK's message carries, read as its
                # arguments are where it is sent (the body is the message, whatever its value's name)
                found += [t for t in real(call_flows(self.ctx, node.value, q or "", service)) if t not in found]
            if found:
                self.ctx.returns.setdefault(key, []).extend(found)

    def _imported_call(self, node: cst.Call, shown: cst.Call) -> None:
        """`send_email(email_to=user.email)` with `send_email` imported from another module: settled
        against that module's summaries in the cross-file pass (python_project.py). `shown` is the call as
        the source has it (`send_email.delay(...)`)."""
        q = self.ctx.qualify(node.func)
        if not q or "." not in q or self.ctx.sdk(q):
            return
        if (imported := self._imported_call_to(q, node, shown)) is not None:
            self.ctx.defer(CALLS_KEY, imported)

    def _star_call(self, node: cst.Call, shown: cst.Call) -> None:
        """`from .utils import *; add_event_tag("email", user.email)`: unless the module defines the name itself
        (known at its end), the function of whichever star-imported module defines it (the others' candidates
        find no summary in the cross-file pass)."""
        name = node.func.value if isinstance(node.func, cst.Name) else ""
        if not name or name in _BUILTINS:
            return
        for module in self.ctx.star_modules:
            if (imported := self._imported_call_to(f"{module}.{name}", node, shown)) is not None:
                self.star_calls.append((name, imported))

    def _imported_call_to(self, q: str, node: cst.Call, shown: cst.Call) -> ImportedCall | None:
        # what the call carries, with calls of this module's functions (resolved at its end) and the caller's own
        # parameters, not method returns
        own = self._own()
        positional, keyword = self._arguments(node, lambda found: [t for t in found if _kept(t, own)
                                                                    and not t[0].startswith(RETURN)])
        # `CustomEmail(to=to, body=text)`: if the class derives from EmailMultiAlternatives, its arguments
        # mean what the SDK's do, which only the cross-file pass can tell
        # (a constructor given only fixed text, `ImproperlyConfigured("...")`, carries nothing whatever its class)
        varied = any(not (_constant(a.value) or _literal_list(a.value)) for a in node.args)
        constructed = tuple(arg_facts(self.ctx, node)) if last(q)[:1].isupper() and varied else ()
        if any(positional) or any(keyword.values()) or constructed:
            return ImportedCall(q, positional, keyword, self.ctx.locate(shown), code(shown), constructed,
                                *self._caller())
        return None

    def _own(self) -> frozenset[str]:
        """The parameters of the function being visited."""
        key = self.ctx.function_key()
        return frozenset(self.ctx.functions.get(key, ()) if key else ())

    def _caller(self) -> tuple[tuple[str, str], tuple[str, ...]]:
        """The function being visited, as an ImportedCall names its caller, and its parameters."""
        key = self.ctx.function_key()
        return ((self.ctx.module, key), tuple(self.ctx.functions.get(key, ()))) if key else (("", ""), ())

    def _arguments(self, node: cst.Call, keep: Callable[[list[Taint]], list[Taint]]
                   ) -> tuple[list[list[Taint]], dict[str, list[Taint]]]:
        """What each positional and keyword argument carries to a callee in another module."""
        positional = [keep(list(sources(self.ctx, a.value))) + named_service(self.ctx, a.value)
                      for a in node.args if a.keyword is None and not a.star]
        keyword = {k: keep(list(sources(self.ctx, v))) + named_service(self.ctx, v)
                   for k, v in call_keywords(self.ctx, node.args)}
        return positional, keyword

    def _method_call(self, node: cst.Call, func: cst.Attribute, shown: cst.Call) -> None:
        """`self.amplitude.send_events([event])`, `tracker.identify(user.email)`: a method of an object of
        another module (or class). Settled in the cross-file pass against that method's summary, when exactly
        one class of the project defines a method of that name."""
        method = func.attr.value
        # a private method is the object's own business, unless a helper given the object calls it
        # (`def send_sms(provider, message): provider._create_message(params=...)`: django-anysms's channels)
        private = method.startswith("_") and not (
            not method.startswith("__") and isinstance(func.value, cst.Name) and func.value.value in self._own())
        if (isinstance(func.value, cst.Name) and func.value.value in ("self", "cls")) or method in NOT_SENDERS \
                or private or _fills(method):
            return
        q = self.ctx.qualify(func)
        if q and (self.ctx.sdk(q) or q.startswith(HTTP_CLIENTS) or q.partition(".")[0] in sys.stdlib_module_names):
            # an SDK's own method: the service visitors read it; `httpx.request(**kwargs)`, `time.localtime(t)`:
            # a library's function, not the project's method of that name (paystack's client `request`)
            return
        own = self._own()
        positional, keyword = self._arguments(node, lambda found: [t for t in found if _kept(t, own)])
        if not (any(positional) or any(keyword.values())):
            return
        where, evidence = self.ctx.locate(shown), code(shown)
        caller = self._caller()
        inherited = q is None and isinstance(func.value, cst.Attribute) and isinstance(func.value.value, cst.Name) \
            and func.value.value.value == "self" and caller[0][1].count(".") == 1
        facts = tuple(arg_facts(self.ctx, node)) if inherited else ()
        self.ctx.defer(METHOD_CALLS_KEY, ImportedCall(method, positional, keyword, where, evidence, facts, *caller,
                                                      receiver=dotted(func.value) or "" if inherited else ""))
        if q and "." in q:  # `analytics.track(user.email)` with `from app import analytics`: a module's function
            # (a method of a project class, `self.smtp.sendmail(..., self.recipient, ...)` with `self.smtp =
            # Email(...)` and `class Email(smtplib.SMTP)`: the object's own state goes too, so that the constructor
            # keeping it becomes a sender in the cross-file pass)
            plain = _with_state if last(q.rpartition(".")[0])[:1].isupper() else _plain
            self.ctx.defer(CALLS_KEY, ImportedCall(q, [plain(p) for p in positional],
                                                   {k: plain(v) for k, v in keyword.items()}, where, evidence, (),
                                                   *caller))

    def leave_Module(self, original_node: cst.Module) -> None:
        for name, imported in self.star_calls:
            if name not in self.ctx.functions and name not in self.ctx.defined:
                self.ctx.defer(CALLS_KEY, imported)
        self._settle()
        self._unfill()
        self._calls_resolved()
        self._defer_growable()
        # what this module's functions send, for callers in other modules
        exported = {key: (self.ctx.functions.get(key, []), entries) for key, entries in self.ctx.summaries.items()
                    if "." not in key and entries}
        if exported:
            self.ctx.defer(SUMMARIES_KEY, (self.ctx.module, exported))
        # the methods this module defines (`Class.method`), and what those that return personal data return
        methods = [key for key in self.ctx.functions if "." in key]
        # what a method returns, with the returns of those defined further down put in (`build_event` calling
        # `self.user_properties(request)` below it)
        returns = {key: [r for t in found for r in _resolved(self.ctx, t) if not r[0].startswith(ATTR)]
                   for key, found in self.ctx.returns.items() if "." in key}
        sends = {key: (self.ctx.functions.get(key, []), entries)
                 for key, entries in self.ctx.summaries.items() if "." in key and entries}
        # what each class's constructor stores, for state that reaches a sender only across modules (ATTR)
        stored = {owner: (self.ctx.functions.get(f"{owner}.__init__", []), attrs)
                  for owner, attrs in self.ctx.stored.items()}
        if methods:
            sinks = {key: self.ctx.sinks[key] for key in sends if key in self.ctx.sinks}
            self.ctx.defer(METHODS_KEY, (methods, returns, sends, stored, sinks))
        # what this module's builder functions return, for `RETURN + FUNCTION` markers in other modules
        # (a parameter is what each caller gives it, passed through at the call: `build_ga_params(request)`
        # does not send the `user_id` it does not give, whatever that parameter's name says)
        # (a key of the dict it returns whose value says nothing by its name means what the API it reaches reads
        # there: `{"amount": params["amount"]}` spread into a payment provider's call is the payer's payment)
        built = {f"{self.ctx.module}.{key}": [r for t in found for r in _resolved(self.ctx, t)
                                              if (not r[0].startswith("@") or r[0].startswith(KEY))
                                              and not _by_parameter(r, self.ctx.functions.get(key, ()))]
                 for key, found in self.ctx.returns.items() if "." not in key and _BUILDER.fullmatch(key)}
        if any(built.values()):
            self.ctx.defer(FUNCTION_RETURNS_KEY, {k: v for k, v in built.items() if v})

    def _calls_resolved(self) -> None:
        """Calls deferred to the cross-file pass, with what this module's functions return put in for their
        call markers (`post_instance(**self.build_kwargs())`, the builder defined by subclasses below)."""
        deferred = self.ctx.result.deferred
        for key in (CALLS_KEY, METHOD_CALLS_KEY):
            calls = deferred.get(key)
            if not calls:
                continue
            out = []
            for call in calls:
                positional, keyword = self._with_returns(call.positional, call.keyword)
                if any(positional) or any(keyword.values()) or call.args:
                    out.append(replace(call, positional=positional, keyword=keyword))
            deferred[key] = out

    def _with_returns(self, positional: list[list[Taint]], keyword: dict[str, list[Taint]]
                      ) -> tuple[list[list[Taint]], dict[str, list[Taint]]]:
        """Arguments with what this module's functions return put in for their call markers (`_resolved`)."""
        return ([[r for t in found for r in _resolved(self.ctx, t)] for found in positional],
                {k: [r for t in found for r in _resolved(self.ctx, t)] for k, found in keyword.items()})

    def _defer_growable(self) -> None:
        """Calls to this module's functions whose summary may still grow in the cross-file pass: a function
        passing its own parameter to another module's function, and those passing theirs to it here
        (`create_charge(payload)` -> `self._send(payload)` -> `client.post(payload)` in client.py). Deferred as
        LOCAL_CALLS_KEY with their callee's key, so that the pass settles them once that summary is known."""
        deferred = self.ctx.result.deferred
        growable = {call.caller[1] for key in (CALLS_KEY, METHOD_CALLS_KEY) for call in deferred.get(key, ())
                    if call.caller[1] and hands_on(call.positional, call.keyword)}
        if not growable:
            return
        todo = list(growable)
        while todo:  # the callers handing their own parameters to a growable function grow with it
            current = todo.pop()
            for site in self.sites:
                if (site.caller and site.caller not in growable and current in self._callees(site.callee)
                        and hands_on(site.positional, site.keyword)):
                    growable.add(site.caller)
                    todo.append(site.caller)
        module = self.ctx.module
        for site in self.sites:
            caller = (module, site.caller) if site.caller else ("", "")
            params = tuple(self.ctx.functions.get(site.caller, ())) if site.caller else ()
            for callee in self._callees(site.callee):
                if callee in growable:
                    positional, keyword = self._with_returns(site.positional, site.keyword)
                    self.ctx.defer(LOCAL_CALLS_KEY, ImportedCall(callee, positional, keyword, self.ctx.loc(site.node),
                                                                 code(site.node), (), caller, params))

    def _callees(self, key: str) -> list[str]:
        """The functions a call may run: the one named, or for `self.deliver(...)` in a base class that leaves
        `deliver` to its subclasses, each subclass's below."""
        if key in self.ctx.functions or "." not in key:
            return [key]
        owner, _, method = key.partition(".")
        return [f"{sub}.{method}" for sub in self.ctx.descendants(owner) if f"{sub}.{method}" in self.ctx.functions]

    def _settle(self) -> None:
        # Summaries climb: `signup` passes its `email` to `notify`, which passes it to `track`, which
        # sends it to Mixpanel; then `signup` has a summary too. A few rounds reach a fixpoint in real code.
        ctx, reported = self.ctx, set()
        for _ in range(_SUMMARY_ROUNDS):
            grew = False
            for site, callee in ((site, callee) for site in self.sites for callee in self._callees(site.callee)):
                params = ctx.functions.get(callee)
                summary = ctx.summaries.get(callee)
                if params is None or not summary:
                    continue
                for category, service, q, through in list(_through(callee, params, site.positional,
                                                                    site.keyword, summary)):
                    if category.startswith(ATTR):  # what the caller's object holds from its constructor
                        grew |= constructor(ctx, site.caller, category, (service, q, through))
                        continue
                    if category.startswith(MARKER):  # the caller's own parameter: its summary (URL_PARAM kept)
                        entry = (category[len(MARKER):], service, q, through)
                        mine = ctx.summaries.setdefault(site.caller, []) if site.caller else None
                        if mine is not None and entry not in mine:
                            mine.append(entry)
                            grew = True
                        continue
                    if service.startswith(URL_PARAM):  # data of its own sent where the caller's caller says:
                        service = service.partition("|")[2]  # from here, a destination the code cannot name
                    for category, path in _resolved(ctx, (category, through)):
                        category = landed(ctx.catalogue, category, service, q, path) or ""
                        key = (id(site), category, service)
                        if key in reported or not category:
                            continue
                        reported.add(key)
                        if category.startswith(RETURN):
                            ctx.defer(RETURNS_KEY, ReturnFlow(category[len(RETURN):], service, q, path,
                                                              ctx.loc(site.node), code(site.node)))
                            continue
                        if category.startswith("@"):  # an object's state a builder below returned: no datum
                            continue
                        ctx.result.flows.append(Flow(category, service, ctx.loc(site.node), (*path, q),
                                                     code(site.node)))
                        if not any(u.service == service for u in ctx.result.services):
                            # a helper posting what it is given to a host the catalogue does not know recorded no
                            # use (it sent nothing personal itself): the call handing it a person's data is one
                            # (audit16 #06: every flow's recipient is a third party the check can ask about)
                            ctx.use(service, "call", site.node, "medium")
            if not grew:
                break
        for node, service, q, taint in ctx.late:  # calls to functions defined below the caller
            for category, path in _resolved(ctx, taint):
                category = landed(ctx.catalogue, category, service, q, path) or ""
                if category and not category.startswith("@"):
                    ctx.result.flows.append(Flow(category, service, ctx.loc(node), (*path, q), code(node)))


    def _assign(self, target: cst.BaseExpression, value: cst.BaseExpression) -> None:
        scope = self.ctx.scopes[-1]
        if isinstance(target, cst.Subscript):  # props["email"] = account.email: props now carries it
            inner = target.value
            while isinstance(inner, cst.Subscript):  # data["customer"]["email"] = email: data carries it
                inner = inner.value
            base = dotted(inner)
            element = target.slice[0].slice if len(target.slice) == 1 else None
            key = string(element.value) if isinstance(element, cst.Index) else None
            if base is None:
                return
            spread = self.ctx.lookup("spreads", base)
            if spread is not None and key and key.isidentifier():  # kwargs["destination"] = ...: one more keyword
                scope.spreads[base] = [*spread, (key, value)]
            found = list(sources(self.ctx, value))
            if key and key.lower().startswith("x-"):
                # msg["X-Mailer"] = "CKAN %s" % version: an extension header is no text the app composed
                found = [t for t in found if t[0] != BUILT]
            if not real(found) and key and not _constant(value) and not _understood(self.ctx, value) \
                    and not _nested(key, value) and not self._answer(value):  # (`["person_id"] = person["id"]`)
                found += classified(self.ctx, key, "", f"{base}[{key!r}]")
                found += [] if _literal_list(value) else keyed(key, f"{base}[{key!r}]")
            if found:
                scope.taint[base] = merged(self.ctx.lookup("taint", base) or [], found, base)
                self._keep_state(base, found)
                if key and isinstance(target.value, cst.Attribute):
                    self._keep_slot(_slot(target.value.attr.value, key), found)
            return
        if isinstance(target, (cst.Tuple, cst.List)):
            self._unpack(target, value)
            return
        name = dotted(target)
        if name is None:
            holder = _element_parent(target.value) if isinstance(target, cst.Attribute) else None
            if holder is not None:  # SubElement(request_xml, "url").text = request.build_absolute_uri()
                self._taint_element(holder, list(sources(self.ctx, value)))
            return
        # `meta = request.META` is the request's headers under another name: read by key, not whole
        found = [] if self._client(value) or _whole_headers(value) else list(sources(self.ctx, value))
        if isinstance(target, cst.Name) and any(t[0] == INPUT for t in found) and not real(found):
            # `ip_address = request.GET.get("__ipapi__")`: input under a key that says nothing is what the code
            # names it, as a request form's key would be read (in the handler's context)
            found += classified(self.ctx, name, self.ctx.handler(), f"{name} = {code(value)}")
        key = self.ctx.function_key() or ""
        if key.endswith(".__init__") and name.startswith("self.") and name.count(".") == 1:
            # self.recipient = recipient: the object holds what its constructor was given (ATTR)
            filled = [c[len(MARKER):] for c, _ in found if c.startswith(MARKER) and c != MARKER + KWARGS]
            if filled:
                stored = self.ctx.stored.setdefault(key.partition(".")[0], {}).setdefault(name[5:], [])
                stored.extend(p for p in filled if p not in stored)
        # an empty entry shadows an outer one: `email = "x"` is no longer the user's email; but in a branch
        # (`if email is None: email = lookup(...)`) the value before may still be the one that is used
        before = scope.taint.get(name, []) if self.branches else []
        scope.taint[name] = merged(before, found, name)
        self._keep_state(name, found)
        rows = _literal_rows(self.ctx, value) if isinstance(value, (cst.List, cst.Tuple, cst.Set)) else None
        if rows:  # filters = [("email", "emailaddress"), ...]: names a loop below may read attributes by
            scope.taint[LITERALS + name] = [(LITERALS, row) for row in rows]
        else:
            scope.taint.pop(LITERALS + name, None)
        if isinstance(target, cst.Name):
            # a row, or a query whose rows a loop then reads (`users = User.objects.filter(...)`)
            model = queried_model(self.ctx, value) or queried_rows(self.ctx, value)
            if model:
                scope.rows[name] = model
            else:
                scope.rows.pop(name, None)
        if isinstance(target, cst.Name):
            made = _instance_of(self.ctx, value)
            if made:
                scope.taint[INSTANCE + name] = [(INSTANCE, (made,))]
            else:
                scope.taint.pop(INSTANCE + name, None)
        if isinstance(target, cst.Name):  # its keys are read only if it is spread into a call
            scope.spreads[name] = keyword_pairs(value) or []
            if self._answer(value):
                scope.taint[ANSWER + name] = []
            elif not self.branches:
                scope.taint.pop(ANSWER + name, None)
        parent = _element_parent(value) if isinstance(target, cst.Name) else None
        if parent is not None:  # params = SubElement(request_xml, "params"): a part of request_xml's document
            self.within[(id(scope), name)] = parent
        base = receiver(target)
        if base is not None and base not in ("self", "cls"):
            # msg = Message(); msg.recipients = [user.email]; mail.send(msg): the object carries what it was
            # given, also through its parts (`account.legal_entity.dob = dob; account.save()`); `msg.body = text`
            # is the message's body whatever `text` is called
            given = list(found)  # a parameter too: `msg.body = text_body` makes the sending function's summary
            if isinstance(target, cst.Attribute) and not (_constant(value) or _literal_list(value)):
                given += keyed(target.attr.value, code(target))
                self._fill_message(target, given)
            if given:
                self._taint_element(base, given)

    def _unpack(self, target: cst.Tuple | cst.List, value: cst.BaseExpression) -> None:
        """`first, last = user.first_name, user.last_name` pairs the names with the values; `fname, data, kind =
        _prepare(fixture)`, from a function of this module whose returns are read, gives each name what the call
        carries, not what its name guesses (`fname` is a file's name). From anything else a name keeps its own
        reading."""
        names = [dotted(e.value) if isinstance(e, cst.Element) else None for e in target.elements]
        if isinstance(value, (cst.Tuple, cst.List)) and len(value.elements) == len(names) \
                and all(isinstance(e, cst.Element) for e in value.elements):
            for part, element in zip(target.elements, value.elements):
                # (a key too: `payload['text'], payload['html'] = text, html`, smtp2go-django's message)
                if isinstance(part, cst.Element) and isinstance(element, cst.Element) \
                        and (dotted(part.value) is not None or isinstance(part.value, cst.Subscript)):
                    self._assign(part.value, element.value)
            return
        call = value.expression if isinstance(value, cst.Await) else value
        callee = _callee(self.ctx, call.func) if isinstance(call, cst.Call) else None
        if callee is None or callee not in self.ctx.functions or callee in self.opaque:
            return  # (what it returns is not read here: each name keeps its own reading)
        found = list(sources(self.ctx, value))
        scope = self.ctx.scopes[-1]
        for name in names:
            if name is not None and "." not in name:
                before = scope.taint.get(name, []) if self.branches else []
                scope.taint[name] = merged(before, found, name)

    def _taint_element(self, base: str, given: list[Taint]) -> None:
        """`base` now carries `given`, and so does each element it was made inside (`SubElement`)."""
        scope = self.ctx.scopes[-1]
        seen = set()
        name: str | None = base
        while name is not None and name not in seen:
            seen.add(name)
            scope.taint[name] = merged(self.ctx.lookup("taint", name) or [], given, name)
            self._keep_state(name, given)
            name = self.within.get((id(scope), name))

    def _answer(self, value: cst.BaseExpression, depth: int = 0) -> bool:
        """What a server or an SDK answered: an HTTP call's response and its `.json()`, an SDK's action
        (`stripe.Customer.create(...)`, not a client or a message it builds), a part of an answer, or what a
        function of this module returning one gives (`self._make_request(...)`)."""
        if depth > 6:
            return False
        if isinstance(value, cst.Await):
            value = value.expression
        if isinstance(value, (cst.IfExp, cst.BooleanOperation)):  # `updated if updated else person`
            parts = [value.body, value.orelse] if isinstance(value, cst.IfExp) else [value.left, value.right]
            parts = [p for p in parts if not (isinstance(p, cst.Name) and p.value == "None")]
            return bool(parts) and all(self._answer(p, depth + 1) for p in parts)
        if isinstance(value, (cst.Name, cst.Subscript, cst.Attribute)):
            return _answered(self.ctx, value)
        if not isinstance(value, cst.Call):
            return False
        func = value.func
        if isinstance(func, cst.Attribute) and func.attr.value in ("json", "get") and self._answer(func.value, depth + 1):
            return True
        q = self.ctx.qualify(func) or ""
        if q.startswith(HTTP_CLIENTS) and last(q) in _HTTP_VERBS:
            return True
        action = last(q)
        if q.count(".") >= 2 and action[:1].islower() and action not in ("client", "resource", "session") \
                and self.ctx.sdk(q) and dotted(func) not in self.ctx.factories and not self._client(value):
            return True
        return _callee(self.ctx, func) in self.answering

    def _keep_state(self, name: str, given: list[Taint]) -> None:
        """`self.payload = {...}` in a method other than the constructor (whose parameters are `stored`): the
        object now holds what was put there, for the methods of its class below that send it. The setter's
        parameters stay its own: only data read here and the keys that name it are kept, not what a bare parameter's
        name guesses (`self.slot = phone` is whatever its callers give)."""
        scopes = self.ctx.scopes
        if not (name.startswith("self.") and name.count(".") == 1 and len(scopes) >= 3
                and scopes[-2].kind == "class" and scopes[-1].kind == "function" and scopes[-1].name != "__init__"):
            return
        own = self._own()
        kept = [t for t in sendable(given) if not (t[1] and t[1][0] in own)]
        if kept:
            table = scopes[-2].taint
            table[STATE + name] = merged(table.get(STATE + name, []), kept, name)

    def _keep_slot(self, slot: str, given: list[Taint]) -> None:
        """`cart.extra["sendcloud_data"] = {"parcel": parcel}` in a method: what a JSON slot of a stored object
        holds by its literal key, for the methods of the class below that read that slot back from the row it was
        saved with (`delivery.order.extra["sendcloud_data"]["parcel"]`: django-SHOP's cart extra becomes the
        order's). The method's own parameters stay its own, as for `self.x` (`_keep_state`)."""
        scopes = self.ctx.scopes
        if not (len(scopes) >= 3 and scopes[-2].kind == "class" and scopes[-1].kind == "function"):
            return
        own = self._own()
        kept = [t for t in given if (not t[0].startswith("@") or t[0].startswith((KEY, CALL)))
                and not (t[1] and t[1][0] in own)]
        if kept:
            table = scopes[-2].taint
            table[slot] = merged(table.get(slot, []), kept, slot)

    def _fill_message(self, target: cst.Attribute, given: list[Taint]) -> None:
        """`msg.body = text_body` on an SDK's message (`msg = Message(...)` from flask_mail): the message is
        the service's once built, as its constructor's arguments are, whoever sends it later (`mail.send(msg)`
        through an extension object another module makes)."""
        q = self.ctx.qualify(target.value) if isinstance(target.value, cst.Name) else None
        service = self.ctx.sdk(q) if q and "." in q and last(q)[:1].isupper() else None
        if service and given and not last(q or "").endswith("Client"):
            flows = self.ctx.result.flows
            before = len(flows)
            record_flows(self.ctx, target, service, f"{q}.{target.attr.value}", given)
            base = dotted(target.value) or ""
            self.filled.extend((base, f) for f in flows[before:])

    def _unfill(self) -> None:
        if self.filled:
            self.ctx.result.flows, kept = unfill(self.ctx.result.flows, self.filled)
            for entry in kept:  # the send may yet be settled in the cross-file pass (`mail` from another module)
                self.ctx.defer(FILLED_KEY, entry)

    def _client(self, value: cst.BaseExpression) -> bool:
        """An SDK client made here or by a factory (`client = await get_client(user.id)`): it holds the
        business's configuration, not what went into making it."""
        call = value.expression if isinstance(value, cst.Await) else value
        if not isinstance(call, cst.Call):
            return False
        if dotted(call.func) in self.ctx.factories:
            return True
        q = self.ctx.qualify(call.func) or ""
        # a session that makes clients (`boto3.Session(profile_name=...)`: the business's AWS profile) or an HTTP
        # session is configuration as a client is
        if q in SESSIONS or (q.startswith(HTTP_CLIENTS) and last(q) in HTTP_SESSIONS):
            return True
        # a client class, not a message an SDK sends (`EmailMessage(to=[user.email])` carries its data)
        return last(q).endswith("Client") and self.ctx.sdk(q) is not None

    def visit_Assign(self, node: cst.Assign) -> None:
        if self.ctx.in_function:
            for target in node.targets:
                self._assign(target.target, node.value)
        elif len(node.targets) == 1 and isinstance(constant := node.targets[0].target, cst.Name) \
                and isinstance(node.value, (cst.List, cst.Tuple, cst.Set)) and (rows := _literal_rows(self.ctx, node.value)):
            # FIELDS = ("email", "phone") in a module or class: names a function's loop may read attributes by
            self.ctx.scopes[-1].taint[LITERALS + constant.value] = [(LITERALS, row) for row in rows]

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if self.ctx.in_function and node.value is not None:
            self._assign(node.target, node.value)

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        if self.ctx.in_function:
            self._assign(node.target, node.value)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        """`data += tuple(worldpay_params)`, `text += f"Name: {user.name}"`: the name holds what it held and more."""
        name = dotted(node.target)
        if not self.ctx.in_function or name is None or not isinstance(node.operator, (cst.AddAssign, cst.BitOrAssign)):
            return
        found = list(sources(self.ctx, node.value))
        if found:
            held = self.ctx.lookup("taint", name)
            before = list(held) if held is not None else list(sources(self.ctx, node.target))
            self.ctx.scopes[-1].taint[name] = merged(before, found, name)

    def visit_For(self, node: cst.For) -> None:
        # `for address in addresses:` each element carries what the collection does (a caller's
        # list of e-mails, a parameter that may make the function a summary)
        if self.ctx.in_function:
            self._loop(node.target, node.iter)

    def _loop(self, target: cst.BaseExpression, iterable: cst.BaseExpression) -> None:
        model = queried_rows(self.ctx, iterable)  # for user in User.objects.filter(...): each a User's row
        if model and isinstance(target, cst.Name):
            self.ctx.scopes[-1].rows[target.value] = model
        scope = self.ctx.scopes[-1]
        for name in _bound(target):
            scope.taint.pop(LITERALS + name, None)
        scope.taint.update(literal_bindings(self.ctx, target, iterable))  # for key in ("email", "phone")
        found = list(sources(self.ctx, iterable))
        # `for fname in files:` walks file names or paths: its own name is not read (`fname` is no first name)
        paths = bool(_PATHS.search(code(iterable).lower()))
        if not found and not paths:
            return
        scope = self.ctx.scopes[-1]
        for name in _bound(target):
            held = [(c, p if p[-1] == name else p + (name,)) for c, p in found]
            # `for email in recipients:` (a parameter): the element's own name still says what it is
            own = [] if paths or real(found) else list(classified(self.ctx, name, "", name))
            scope.taint[name] = [*held, *own]

    def visit_Call(self, node: cst.Call) -> None:
        # `call` is what runs, `node` what the source shows (its line and text are the evidence)
        call = (task_call(node, self.ctx) or node) if self.ctx.in_function else node
        actor = actor_call(node) if self.ctx.in_function else None
        if actor is not None:
            key = _callee(self.ctx, actor.func)
            if key is not None and (key in self.ctx.functions or key in self.ctx.defined):
                call = actor  # a function of this module has no `.send` of its own: its actor's
            else:  # an imported function's actor; an imported object's own `send` is read as a method too
                self._imported_call(actor, node)
        callee = _callee(self.ctx, call.func) if self.ctx.in_function else None
        if callee is None and self.ctx.in_function and isinstance(call.func, cst.Name):
            self._imported_call(call, node)
        elif callee is None and self.ctx.in_function and isinstance(call.func, cst.Attribute) and call.args:
            self._method_call(call, call.func, node)
        if callee is not None and self.ctx.star_modules and "." not in callee:
            self._star_call(call, node)
        if callee is not None:  # track(user.email): settled against track's summary at the module's end
            caller = self.ctx.function_key()
            own = self._own()

            def passed(value: cst.BaseExpression) -> list[Taint]:
                """Personal data, and the caller's own parameters (they may make the caller a summary)."""
                return [t for t in sources(self.ctx, value) if _kept(t, own)]

            positional = [passed(a.value) + named_service(self.ctx, a.value)
                          for a in call.args if a.keyword is None and not a.star]
            keyword = {k: passed(v) + named_service(self.ctx, v) for k, v in call_keywords(self.ctx, call.args)}
            if any(positional) or any(keyword.values()):
                self.sites.append(CallSite(callee, positional, keyword, node, caller))
        # props.update({"email": ...}), recipients.append(user.email), msg.set_content(body): what a
        # container or a message is given, it carries
        func = node.func
        if self.ctx.in_function and isinstance(func, cst.Attribute) and _fills(func.attr.value):
            base = dotted(func.value)
            found = call_flows(self.ctx, node) if base else []
            if base and found:
                self._taint_element(base, found)
