"""Request input read in handlers: Flask, Django, DRF, Starlette, Falcon, and FastAPI parameters.

Each read is a `request_input` field named by its key (`request.form["email"]`
-> email, `request.META["REMOTE_ADDR"]` -> REMOTE_ADDR), contained by the
handler function, so the classifier sees the key the user's data arrives under.
"""

from __future__ import annotations

import libcst as cst

from scanner.extract.py_common import Batchable, Context, Scope, args_of, code, dotted, handler_of, last, string
from scanner.extract.py_models import annotation_type
from scanner.inventory import RawField

# request attributes that hold user input, framework-agnostic
_SOURCES = {"form", "args", "json", "values", "files", "cookies", "headers", "POST", "GET", "data", "META",
            "query_params", "COOKIES", "FILES", "get_json", "query", "path_params", "params", "match_info", "body",
            "media", "get_media",  # Falcon: req.media, req.get_media()
            "json_body",  # Pyramid's parsed JSON body
            "validated"}  # cornice's input once its colander schema has checked it (audit16 #02)
# the request's own getters of one named input (Falcon: req.get_param("phone"), req.get_header("User-Agent"))
_KEY_GETTERS = {"get_param", "get_param_as_int", "get_param_as_bool", "get_param_as_list", "get_param_as_date",
                "get_param_as_datetime", "get_param_as_float", "get_param_as_uuid", "get_param_as_json", "get_header",
                "get_cookie_values"}
_SCALARS = {"remote_addr": "remote_addr", "user_agent": "user_agent", "access_route": "remote_addr",
            "client.host": "client_ip", "ip": "remote_addr",
            "client_addr": "remote_addr", "remote_ip": "remote_ip",  # Pyramid's, Tornado's client address
            # Flask's (werkzeug's) parsed headers, named as the header reads are (audit15 #14)
            "referrer": "referer", "accept_languages": "accept-language"}
# Tornado's RequestHandler reads one named input through its own methods (`self.get_argument("phone")`)
_HANDLER_GETTERS = {"get_argument", "get_arguments", "get_body_argument", "get_body_arguments", "get_query_argument",
                    "get_query_arguments", "get_cookie", "get_secure_cookie", "get_signed_cookie"}
_REQUESTS = {"request", "self.request", "req", "request._request", "self.context.request"}
_QUALIFIED_REQUESTS = {"flask.request", "quart.request", "bottle.request"}
_GETTERS = {"get", "getlist", "pop", "__getitem__", "get_one", "getone", "getall"}
# a JSON body parsed by hand (`json.loads(request.body)`, Django's usual way to read one) is the input itself
_READS = {"decode", "read"}  # what hands a body's bytes on unchanged
_RAW_BODIES = {"stream", "bounded_stream"}  # Falcon
# a copy of the input is the input (calibre-web: `to_save = request.form.to_dict()`; `request.get_json().copy()`)
_COPIES = {"to_dict", "copy", "dict", "deepcopy"}
_COPY_CALLS = {"dict", "copy", "deepcopy", "MultiDict", "ImmutableMultiDict"}  # (by their last name)
_JSON_LOADERS = {"json.loads", "orjson.loads", "ujson.loads", "simplejson.loads", "rapidjson.loads",
                 "json.load", "ujson.load", "simplejson.load", "rapidjson.load"}  # `json.load(req.bounded_stream)`

_ROUTE_OWNERS = ("fastapi.FastAPI.", "fastapi.APIRouter.", "fastapi.routing.APIRouter.", "fastapi.applications.FastAPI.")
_ROUTE_VERBS = {"get", "post", "put", "patch", "delete", "api_route", "head", "options"}
_PARAM_SOURCES = {"Query", "Path", "Body", "Form", "Header", "Cookie", "File"}
_PLAIN_TYPES = {"str", "int", "float", "bool", "EmailStr", "UUID", "date", "datetime", "Decimal", "list", "List",
                "IPvAnyAddress", "HttpUrl", "AnyUrl", "constr", "conint", "SecretStr", "Any", "dict", "Dict", ""}
_DEPENDENCIES = {"Depends", "Security"}
_UPLOADS = {"UploadFile"}  # `passport_scan: UploadFile`: a file the client sends, `File()` or not
# dependency classes that read the request's form themselves: `form_data: OAuth2PasswordRequestForm = Depends()`
_FORM_DEPENDENCIES = {name: ("username", "password") for name in
                      ("OAuth2PasswordRequestForm", "OAuth2PasswordRequestFormStrict")}


FORM_READS_KEY = "py_form_reads"  # (path, line, handler, key, form class): a read of a form's declared field


class RequestVisitor(Batchable):
    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        # (id(function scope), local) -> the class a local was made from: `form = ListNew(request.POST)`
        self.made: dict[tuple[int, str], str] = {}
        # the project's own accessors of request input: `def request_parameter(parameter, default=None):
        # return request.values[parameter]` -> {"request_parameter": (0, "parameter")} (audit16 #11)
        self.params: dict[int, tuple[str, list[str]]] = {}  # id(module function's scope) -> (name, parameters)
        self.accessors: dict[str, tuple[int, str]] = {}
        # bare calls with a literal argument, settled at the module's end against the accessors (defined anywhere)
        self.calls: list[tuple[str, cst.Call, Scope]] = []

    def _is_request(self, node: cst.BaseExpression) -> bool:
        name = dotted(node) or ""
        if name in _REQUESTS:
            return True
        return (self.ctx.qualify(node) or "") in _QUALIFIED_REQUESTS

    def _is_source(self, node: cst.BaseExpression) -> bool:
        """`request.form`, `request.get_json()`, `await request.json()`, or a local holding one."""
        if isinstance(node, cst.Await):
            node = node.expression
        if isinstance(node, cst.BooleanOperation):  # `request.get_json(silent=True) or {}`: the body, else nothing
            return self._is_source(node.left) or self._is_source(node.right)
        if isinstance(node, cst.IfExp):  # `request.form if request.form else json.loads(request.data)`
            return self._is_source(node.body) or self._is_source(node.orelse)
        if isinstance(node, cst.Call) and self._parses_input(node):
            return True
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value in _COPIES \
                and self._is_source(node.func.value):
            return True  # request.form.to_dict(), request.get_json().copy()
        if isinstance(node, cst.Call) and node.args and node.args[0].keyword is None and \
                last(self.ctx.qualify(node.func) or dotted(node.func) or "") in _COPY_CALLS \
                and self._is_source(node.args[0].value):
            return True  # dict(request.form), copy.deepcopy(request.data), MultiDict(request.form)
        if isinstance(node, cst.Call):
            node = node.func
        if isinstance(node, cst.Name) and self.ctx.lookup("request_vars", node.value):
            return True
        if isinstance(node, cst.Attribute) and node.attr.value == "cleaned_data":
            return True  # form.cleaned_data["email"]: a Django form's validated input
        return isinstance(node, cst.Attribute) and node.attr.value in _SOURCES and self._is_request(node.value)

    def _parses_input(self, call: cst.Call) -> bool:
        """`json.loads(request.body)`, `json.loads(request.body.decode("utf-8"))`, `json.loads(raw)` of a local."""
        if not call.args or (self.ctx.qualify(call.func) or "") not in _JSON_LOADERS:
            return False
        text = call.args[0].value
        while isinstance(text, cst.Call) and isinstance(text.func, cst.Attribute) and text.func.attr.value in _READS:
            text = text.func.value  # `req.stream.read()`, `request.body.decode("utf-8")`
        if self._is_source(text):
            return True
        # Falcon's raw body (`req.stream`, `req.bounded_stream`), or the body a middleware kept for the handlers in
        # `req.context["body"]` (LinkedIn iris: 25 handlers); not what the request carries about its user
        # (`request.user.profile_json` is stored data)
        key = ""
        if isinstance(text, cst.Subscript) and len(text.slice) == 1 and isinstance(text.slice[0].slice, cst.Index):
            key, text = (string(text.slice[0].slice.value) or "").lower(), text.value
        if not isinstance(text, cst.Attribute) or not self._is_request(text.value):
            return False
        return text.attr.value in _RAW_BODIES or (text.attr.value == "context" and
                                                  any(word in key for word in ("body", "payload")))

    # -- locals that hold a request's input ------------------------------------------------
    def visit_Assign(self, node: cst.Assign) -> None:
        if not self.ctx.in_function or len(node.targets) != 1 or not isinstance(node.targets[0].target, cst.Name):
            return
        name = node.targets[0].target.value
        if self._is_source(node.value):
            self.ctx.scopes[-1].request_vars.add(name)
        else:
            self.ctx.scopes[-1].request_vars.discard(name)
        made = self.ctx.qualify(node.value.func) or dotted(node.value.func) if isinstance(node.value, cst.Call) else None
        if made:
            self.made[(id(self.ctx.scopes[-1]), name)] = made
        else:
            self.made.pop((id(self.ctx.scopes[-1]), name), None)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        # `params: dict[str, Any] = dict(request.query_params)`: annotated, the same local
        if not self.ctx.in_function or node.value is None or not isinstance(node.target, cst.Name):
            return
        if self._is_source(node.value):
            self.ctx.scopes[-1].request_vars.add(node.target.value)
        else:
            self.ctx.scopes[-1].request_vars.discard(node.target.value)

    # -- reads -------------------------------------------------------------------------------
    def visit_Subscript(self, node: cst.Subscript) -> None:
        if len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index) and self._is_source(node.value):
            self._key(node.slice[0].slice.value, node, self._form(node.value))

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if isinstance(func, cst.Name) and node.args and self.ctx.in_function:
            self.calls.append((func.value, node, self._function_scope() or self.ctx.scopes[-1]))
        if isinstance(func, cst.Attribute) and func.attr.value in _GETTERS and node.args and self._is_source(func.value):
            self._key(node.args[0].value, node, self._form(func.value))
        elif isinstance(func, cst.Attribute) and func.attr.value in _KEY_GETTERS and node.args \
                and self._is_request(func.value):
            self._key(node.args[0].value, node)
        elif isinstance(func, cst.Attribute) and func.attr.value in _HANDLER_GETTERS and node.args \
                and dotted(func.value) == "self" and self._tornado():
            self._key(node.args[0].value, node)

    def _tornado(self) -> bool:
        """Whether the module works with Tornado (its handlers' bases may be the project's own, elsewhere)."""
        return any(q.startswith("tornado.") for q in self.ctx.scopes[0].names.values())

    def visit_Attribute(self, node: cst.Attribute) -> None:
        attr = node.attr.value
        if attr in _SCALARS and self._is_request(node.value):
            self._field(_SCALARS[attr], node)
        elif attr == "host" and isinstance(node.value, cst.Attribute) and node.value.attr.value == "client" and self._is_request(node.value.value):
            self._field(_SCALARS["client.host"], node)

    def _function_scope(self) -> Scope | None:
        """The innermost function the visit is in, if any."""
        return next((sc for sc in reversed(self.ctx.scopes) if sc.kind == "function"), None)

    def _form(self, source: cst.BaseExpression) -> str:
        """The form class whose `cleaned_data` `source` is: a local made from it (`form = ListNew(request.POST)`),
        or a class-based view's `form` (its `form_class = ListNew`); "" when unknown or no form's."""
        if not isinstance(source, cst.Attribute) or source.attr.value != "cleaned_data" \
                or not isinstance(source.value, cst.Name):
            return ""
        local = source.value.value
        if local == "self":  # a form's own clean_x(): what it validates is its own field (audit17 #04)
            return self.ctx.owner_class()
        scope = self._function_scope()
        made = self.made.get((id(scope), local), "") if scope is not None else ""
        if not made and local == "form":
            made = self.ctx.lookup("names", "form_class") or ""
        return made

    def _key(self, key: cst.BaseExpression, node: cst.CSTNode, form: str = "") -> None:
        name = string(key)
        if name is None and isinstance(key, cst.Name):  # `request.values[parameter]` in an accessor
            scope = self._function_scope()
            function = self.params.get(id(scope)) if scope is not None else None
            if function is not None and key.value in function[1]:
                self.accessors[function[0]] = (function[1].index(key.value), key.value)
        if name:
            own = bool(form) and form == self.ctx.owner_class()
            raw = self._field(name, node, self._own_form() if own else None, self.ctx.scopes[-2] if own else None)
            if raw is not None and form:  # folded into the form's field if the cross-file pass finds it declared
                self.ctx.defer(FORM_READS_KEY, (raw.location.path, raw.location.line, raw.container, name, form))

    def _own_form(self) -> str:
        """In a form's own method, whose data `self.cleaned_data` holds: a ModelForm's model's (`Meta.model`: an
        authority's `name` is no person's), else the form's, not the method's (`clean_name` says nothing)."""
        record = self.ctx.scopes[-2].record
        return last(record.meta_model) if record is not None and record.meta_model else self.ctx.owner_class()

    def _field(self, name: str, node: cst.CSTNode, container: str | None = None,
               scope: Scope | None = None) -> RawField | None:
        # one field per datum a handler reads: `request.user_agent.is_mobile`, `.os`, `.browser`
        # eleven lines apart are one collection of the user agent, reported where it is first read (a form's own
        # methods, once per form: `scope`, its class's)
        scope = scope or self._function_scope() or self.ctx.scopes[0]
        if name in scope.request_reads:
            return None
        scope.request_reads.add(name)
        context = self.ctx.handler() if container is None else None
        container = self.ctx.function() if container is None else container
        raw = RawField(name, container, "request_input", self.ctx.loc(node), code(node),
                       context=context if context != container else None)
        self.ctx.raw.append(raw)
        return raw

    def leave_Module(self, original_node: cst.Module) -> None:
        """`request_parameter(parameter="email")`, `request_parameter("phone")`: a key read through an accessor of
        this module is read by the handler that calls it, in that handler's context, as a direct read is."""
        for name, call, scope in self.calls if self.accessors else ():
            accessor = self.accessors.get(name)
            if accessor is None:
                continue
            container, context = scope.name, handler_of(scope.name)
            index, keyword = accessor
            positional, keywords = args_of(call)
            key = string(keywords.get(keyword) or (positional[index] if index < len(positional) else None))
            if key and key not in scope.request_reads:
                scope.request_reads.add(key)
                self.ctx.raw.append(RawField(key, container, "request_input", self.ctx.loc(call), code(call),
                                             context=context if context != container else None))

    # -- FastAPI: a route's parameters are the request ---------------------------------------
    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        if len(self.ctx.scopes) == 2 and self.ctx.scopes[-1].kind == "function":  # a module function (ScopeEnter's)
            params = node.params
            self.params[id(self.ctx.scopes[-1])] = (node.name.value, [p.name.value for p in
                                                                      (*params.posonly_params, *params.params)])
        if not any(self._is_route(d.decorator) for d in node.decorators):
            return
        for param in [*node.params.posonly_params, *node.params.params, *node.params.kwonly_params]:
            self._param(param, node.name.value)

    def _is_route(self, decorator: cst.BaseExpression) -> bool:
        if not isinstance(decorator, cst.Call) or not isinstance(decorator.func, cst.Attribute):
            return False
        if decorator.func.attr.value not in _ROUTE_VERBS:
            return False
        return (self.ctx.qualify(decorator.func) or "").startswith(_ROUTE_OWNERS)

    def _param(self, param: cst.Param, function: str) -> None:
        name = param.name.value
        if name in ("self", "cls"):
            return
        annotation = param.annotation.annotation if param.annotation else None
        source = ""
        alias = None
        markers = [param.default] if param.default is not None else []
        if isinstance(annotation, cst.Subscript) and last(dotted(annotation.value) or "") == "Annotated":
            markers += [e.slice.value for e in annotation.slice[1:] if isinstance(e.slice, cst.Index)]
        type_name = annotation_type(annotation) if annotation is not None else ""
        for marker in markers:
            if isinstance(marker, cst.Call):
                func = last(dotted(marker.func) or "")
                if func in _DEPENDENCIES:
                    # `Depends()` builds the annotated class, `Depends(OAuth2PasswordRequestForm)` the one it names
                    dependency = last(dotted(marker.args[0].value) or "") if marker.args else type_name
                    for field in _FORM_DEPENDENCIES.get(dependency, ()):
                        self.ctx.raw.append(RawField(field, function, "request_input", self.ctx.loc(param),
                                                     code(param), "Form"))
                    return
                if func in _PARAM_SOURCES:
                    source = func
                    alias = string(args_of(marker)[1].get("alias"))
        if not source and type_name not in _PLAIN_TYPES | _UPLOADS:
            return  # a body model (reported where it is declared), Request, Session, ...
        if source == "Header" and alias is None:
            alias = name.replace("_", "-")  # FastAPI converts user_agent to the User-Agent header
        self.ctx.raw.append(RawField(alias or name, function, "request_input", self.ctx.loc(param), code(param), type_name))
