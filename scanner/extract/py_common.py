"""State shared by the Python extractor's batched visitors, and small CST helpers.

The visitors (scopes, models, requests, migrations, services, flows) run in
one `visit_batched` traversal and talk only through this `Context`: one parse,
one walk, no QualifiedNameProvider (7.7x a parse) or ScopeProvider (4.7x).
"""

from __future__ import annotations

from collections.abc import Mapping
import re
from dataclasses import dataclass, field
from typing import Any
from types import TracebackType

import libcst as cst
from libcst._nodes.internal import CodegenState
from libcst.metadata import MetadataWrapper

from scanner.catalogue import Catalogue
from scanner.classify import Classifier
from scanner.extract.positions import Start, node_starts
from scanner.inventory import FileResult, Location, RawField, ServiceUse

Taint = tuple[str, tuple[str, ...]]  # (category, path of names from the datum)

# Words of a handler's name that name the page or its plumbing, not whose data it reads
_PLUMBING = frozenset({"support", "help", "service", "app", "application", "system", "default", "setting", "settings",
                       "config", "configuration", "webhook", "integration", "provider", "backend", "channel",
                       "platform", "gateway", "processor", "mailer", "inbox", "queue", "site", "view", "views",
                       "handler", "page", "api", "endpoint"})


def dotted(node: cst.CSTNode | None) -> str | None:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        base = dotted(node.value)
        return f"{base}.{node.attr.value}" if base else None
    return None


# what makes a str literal's value differ from the text between its quotes (an escape, a newline Python's reader
# normalises), or makes Python refuse it (a NUL, a lone surrogate): only such literals go through ast.literal_eval
_NOT_VERBATIM = re.compile("[\\\\\r\x00\ud800-\udfff]")
_STR_PREFIXES = frozenset({"", "r", "u"})


def literal_value(node: cst.CSTNode | None) -> str | bytes | None:
    """A string or bytes literal's value; None for anything else or a literal Python cannot evaluate."""
    if isinstance(node, cst.SimpleString):
        # most literals are plain text between quotes: read them so, without compiling each (libcst's
        # evaluated_value is ast.literal_eval, a twentieth of a model file's scan)
        text = node.value
        quote = min(i for i in (text.find("'"), text.find('"')) if i >= 0)
        if text[:quote].lower() in _STR_PREFIXES and not _NOT_VERBATIM.search(text):
            width = 3 if text[quote:quote + 3] in ('"""', "'''") and len(text) - quote >= 6 else 1
            return text[quote + width:len(text) - width]
    if isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
        try:
            return node.evaluated_value
        except Exception:  # noqa: BLE001 - odd escapes in bytes/legacy literals
            return None
    return None


def string(node: cst.CSTNode | None) -> str | None:
    value = literal_value(node)
    return value if isinstance(value, str) else None


_SHOWN = 160  # characters of a node's code kept (RawField.code), whitespace collapsed


def code(node: cst.CSTNode) -> str:
    state = _PrefixState()
    try:
        node._codegen(state)
    except _Enough:
        pass
    return " ".join("".join(state.tokens).split())[:_SHOWN]


class _Enough(Exception):
    pass


class _Unrecorded:
    """CodegenState's record_syntactic_position records nothing but is a generator-based context manager, entered
    for most nodes: a plain object costs a fraction of it (as positions._Syntactic does for positions)."""

    __slots__ = ()

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None) -> None:
        return None  # (falsy: _Enough goes on up)


_UNRECORDED = _Unrecorded()


class _PrefixState(CodegenState):
    """Module.code_for_node's rendering, stopped once the text holds _SHOWN characters with its whitespace
    collapsed: that prefix's first _SHOWN are the whole text's, and a field whose call lists a long choices
    table or help text (Tryton's fields.Selection) no longer renders it all (a twentieth of a model file's scan)."""

    def __init__(self) -> None:
        super().__init__(default_indent="    ", default_newline="\n")
        self.size = 0
        self.check = _SHOWN

    def add_token(self, value: str) -> None:
        self.tokens.append(value)
        self.size += len(value)
        if self.size >= self.check:  # collapsing is never longer than the raw text: test only past _SHOWN more
            if len(" ".join("".join(self.tokens).split())) >= _SHOWN:
                raise _Enough
            self.check = self.size + _SHOWN

    def record_syntactic_position(self, node: cst.CSTNode, *, start_node: cst.CSTNode | None = None,
                                  end_node: cst.CSTNode | None = None) -> Any:
        return _UNRECORDED


def handler_of(function: str) -> str:
    """A handler's name less the words that name a page or its plumbing (Context.handler)."""
    return "_".join(w for w in function.split("_") if w.lower() not in _PLUMBING)


def last(name: str) -> str:
    return name.rsplit(".", 1)[-1]


def args_of(call: cst.Call) -> tuple[list[cst.BaseExpression], dict[str, cst.BaseExpression]]:
    """Positional and keyword arguments, `*args`/`**kwargs` left out."""
    positional = [a.value for a in call.args if a.keyword is None and not a.star]
    keyword = {a.keyword.value: a.value for a in call.args if a.keyword is not None}
    return positional, keyword


GETTEXT = {"_", "gettext", "gettext_lazy", "ugettext", "ugettext_lazy", "pgettext_lazy", "lazy_gettext"}


def label_of(call: cst.Call, positional_label: bool) -> str:
    """The human label a field declaration carries: `verbose_name`, form `label`, pydantic
    `title`, SQLAlchemy `comment`, or the first positional argument where the framework
    makes it the label (Django model fields `CharField(_("City"))`, WTForms)."""
    positional, keywords = args_of(call)
    candidates = [keywords.get(k) for k in ("verbose_name", "label", "title", "comment")]
    if positional_label and positional:
        candidates.append(positional[0])
    for node in candidates:
        if isinstance(node, cst.Call) and last(dotted(node.func) or "") in GETTEXT and node.args:
            node = node.args[-1].value  # _("City"); pgettext_lazy("context", "City")
        text = string(node)
        if text:
            return text.strip()
    return ""


def arg(call: cst.Call, index: int, keyword: str) -> cst.BaseExpression | None:
    positional, keywords = args_of(call)
    if keyword in keywords:
        return keywords[keyword]
    return positional[index] if len(positional) > index else None


def module_name(path: str) -> str:
    """`shop/models.py` -> shop.models; `shop/__init__.py` -> shop."""
    parts = path[:-3].split("/") if path.endswith(".py") else path.split("/")
    if parts and parts[-1] == "__init__":
        parts.pop()
    return ".".join(p for p in parts if p)


@dataclass
class ClassRecord:
    """One class as the models visitor saw it; consumed by the cross-file pass."""

    name: str
    qualified: str  # module.Class, for resolving bases imported from other files
    kind: str  # record kind when known here ("" when only a base in another file can tell)
    bases: list[str]  # qualified where imports tell, else as written
    line: int
    path: str = ""
    fields: list[RawField] = field(default_factory=list)  # reported here already
    pending: list[RawField] = field(default_factory=list)  # kept only if the class turns out a model
    annotated: list[RawField] = field(default_factory=list)  # bare `name: type`, kept only on annotation-style kinds
    # `birth: Event`: an attribute typed by one record of the project, with that record's name as written or
    # qualified; the cross-file pass keeps it only when that record says nothing personal itself (py_inherit)
    nested: list[tuple[RawField, str]] = field(default_factory=list)
    # `client: ClientSession`, `email: EmailValidator`: an attribute typed by a class that does something (an SDK's,
    # or one named for its role) with that class's name as qualified; dropped unless the class is a record (py_inherit)
    objects: list[tuple[RawField, str]] = field(default_factory=list)
    abstract: bool = False
    proxy: bool = False  # Django `Meta.proxy`: its parent's rows under another class, no record of its own
    table: str = ""  # SQLAlchemy __tablename__: a mapped class, not a mixin
    schema: str = ""  # SQLAlchemy `__table_args__ = {"schema": "crm"}`: the database schema of that table
    services: list[str] = field(default_factory=list)  # catalogue services its body uses: subclasses inherit them
    # `class Meta: model = Customer; fields = "__all__"` (or `exclude = [...]`): every field of the model
    meta_model: str = ""
    meta_all: Location | None = None  # where "__all__" (or exclude) is written
    meta_exclude: tuple[str, ...] = ()


@dataclass
class Scope:
    kind: str  # module, class, function
    name: str = ""
    names: dict[str, str] = field(default_factory=dict)  # local name -> qualified name
    taint: dict[str, list[Taint]] = field(default_factory=dict)  # variable -> personal data it holds
    services: dict[str, str] = field(default_factory=dict)  # variable -> service id (ses = boto3.client("ses"))
    request_vars: set[str] = field(default_factory=set)  # data = request.get_json()
    request_reads: set[str] = field(default_factory=set)  # request data already reported in this function
    spreads: dict[str, list[tuple[str, cst.BaseExpression]]] = field(default_factory=dict)  # kwargs = dict(a=...)
    rows: dict[str, str] = field(default_factory=dict)  # variable -> the model whose row it holds (User.objects.get)
    # (service, category, origin) of the flows an SDK call of this function reported: `msg.send()` after
    # `msg = EmailMessage(to=[user.email])` sends the same e-mail once
    sent: set[tuple[str, str, str]] = field(default_factory=set)
    record: ClassRecord | None = None
    # names bound here to plain data (`openai_payload = {...}`, `payload: dict`): never a service's client
    plain: set[str] = field(default_factory=set)


class Batchable(cst.BatchableCSTVisitor):
    """`get_visitors` without `inspect.getmembers` on every file (it cost more than the walk)."""

    _names: dict[type, tuple[str, ...]] = {}

    def __init__(self, ctx: Context) -> None:
        super().__init__()
        self.ctx = ctx

    def get_visitors(self) -> dict[str, Any]:
        cls = type(self)
        names = Batchable._names.get(cls)
        if names is None:
            names = tuple(n for n in dir(cls) if n.startswith(("visit_", "leave_"))
                          and callable(getattr(cls, n)) and not getattr(getattr(cls, n), "_is_no_op", False))
            Batchable._names[cls] = names
        return {n: getattr(self, n) for n in names}


_CLASS_LINE = re.compile(r"^[ \t]*class[ \t]+(\w+)", re.MULTILINE)


class Context:
    def __init__(self, path: str, classifier: Classifier, catalogue: Catalogue, wrapper: MetadataWrapper, source: str = "",
                 module: str = "", own: frozenset[str] = frozenset(), dialect: str = "") -> None:
        self.path = path
        self.dialect = dialect  # the configured SQL dialect (`--dialect`, `dialect =`): SQL in strings is read in it
        self.source = source
        self._class_lines: dict[str, list[int]] | None = None
        self._located: dict[str, int] = {}  # call text -> how many calls with it were located (`locate`)
        # node -> where `locate` put it: a call several visitors locate counts once (the node lives as long as the
        # tree, so its id is not reused while this file is visited)
        self._placed: dict[int, Location] = {}
        self._starts: dict[str, list[int]] = {}  # call text's pattern -> where it occurs in the source
        self.module = module or module_name(path)  # the import name, from its packages (discover.python_module)
        self.classifier = classifier
        self.catalogue = catalogue
        top = self.module.partition(".")[0]
        # this package's own name and the project's other top-level packages, where one is also an SDK's
        # (sentry_sdk's own modules, django-oscar-paypal's `paypal/`): an import of one is the project's code
        self._own_tops = frozenset(t for t in own | {top} if catalogue.by_import(t))
        # the service whose SDK this package is (sentry_sdk's own modules): its objects are not its clients
        self.own_service = catalogue.by_import(top) or "" if top in self._own_tops else ""
        self._wrapper = wrapper
        self._positions: Mapping[cst.CSTNode, Start] | None = None  # resolved on first use only
        self.result = FileResult(path)
        self.raw: list[RawField] = []
        self.scopes = [Scope("module")]
        self.constants: dict[str, str] = {}  # module-level string constants
        self.star_modules: list[str] = []  # `from .utils import *`: where a bare name no import names may live
        self.classes: list[ClassRecord] = []
        self.is_migration = "/migrations/" in f"/{path}" or "/versions/" in f"/{path}"
        # one level of function summaries within this module (py_flows.py)
        self.functions: dict[str, list[str]] = {}  # "track" or "Client.track" -> parameter names
        self.factories: set[str] = set()  # functions returning an SDK client: `_client`, `self._client`
        self.summaries: dict[str, list[tuple[str, str, str, tuple[str, ...]]]] = {}  # -> (param, service, call, path)
        self.returns: dict[str, list[Taint]] = {}  # -> personal data the function returns
        self.sinks: dict[str, Location] = {}  # -> where the first call its summary names is made
        self.passes: dict[str, set[str]] = {}  # -> parameters the function returns (`return payload`)
        # class -> attribute -> the constructor's parameters it holds (`self.recipient = recipient` in __init__)
        self.stored: dict[str, dict[str, list[str]]] = {}
        self.held: dict[str, str] = {}  # "Connection.session" -> the SDK client a class's attribute holds
        self.defined: set[str] = set()  # every function key this module defines, read ahead of the walk
        self.subclasses: dict[str, list[str]] = {}  # a class name -> the classes of this module deriving from it
        self.late: list[tuple[cst.CSTNode, str, str, Taint]] = []  # flows waiting for a callee defined below

    # -- positions and output --------------------------------------------------
    def loc(self, node: cst.CSTNode) -> Location:
        if self._positions is None:  # most files report nothing: skip the position pass for them
            self._positions = node_starts(self._wrapper.module)  # PositionProvider's starts, a 7th of its cost
        line, column = self._positions[node]
        return Location(self.path, line, column)

    def locate(self, node: cst.CSTNode) -> Location:
        """`loc` for a deferred call that may come to nothing, found by a text search: such a call must not
        cost a file with nothing else to report its position pass (a third of a large file's analysis).

        Calls are visited in source order, so the nth call located with a given text is taken to be that
        text's nth occurrence; when an identical call before it was not located, the line is an earlier
        twin's (same text, same file)."""
        if self._positions is not None:
            return self.loc(node)
        if id(node) in self._placed:
            return self._placed[id(node)]
        self._placed[id(node)] = where = self._search(node)
        return where

    def _search(self, node: cst.CSTNode) -> Location:
        bare = node.with_changes(lpar=[], rpar=[]) if getattr(node, "lpar", None) else node  # positions skip parens
        text = cst.Module(body=[]).code_for_node(bare)
        # rendered on its own, a call over several lines has other indentation than in the file
        body = r"\s*".join(map(re.escape, text.split())) if "\n" in text else re.escape(text)
        nth = self._located.get(body, 0)
        self._located[body] = nth + 1
        starts = self._starts.get(body)
        if starts is None:  # once per call text, not once per call: a file's twins share one search
            starts = self._starts[body] = _occurrences(re.compile(body), self.source)
        if not starts:
            return self.loc(node)
        at = starts[min(nth, len(starts) - 1)]
        return Location(self.path, self.source.count("\n", 0, at) + 1, at - self.source.rfind("\n", 0, at) - 1)

    def class_line(self, name: str, nth: int) -> int:
        """Line of the nth `class Name` by a text search: cheaper than positions for a whole file."""
        if self._class_lines is None:
            self._class_lines = {}
            for match in _CLASS_LINE.finditer(self.source):
                line = self.source.count("\n", 0, match.start()) + 1
                self._class_lines.setdefault(match.group(1), []).append(line)
        lines = self._class_lines.get(name, [])
        return lines[nth] if nth < len(lines) else (lines[-1] if lines else 1)

    def use(self, service: str, signal: str, node: cst.CSTNode, confidence: str = "high") -> None:
        self.result.services.append(ServiceUse(service, signal, code(node), self.loc(node), confidence))  # type: ignore[arg-type]
        # the outermost class whose body (or a method of it) uses a named service: its subclasses use it too
        record = next((s.record for s in self.scopes if s.kind == "class"), None)
        if record is not None and service not in record.services:
            known = self.catalogue.services.get(service)
            if known is not None and known.recipient_category != "webhooks_unresolved":
                record.services.append(service)

    def descendants(self, name: str) -> list[str]:
        """The classes of this module deriving from `name`, at any depth."""
        out: list[str] = []
        todo = list(self.subclasses.get(name, ()))
        while todo and len(out) < 64:
            current = todo.pop(0)
            if current not in out:
                out.append(current)
                todo.extend(self.subclasses.get(current, ()))
        return out

    def defer(self, key: str, value: object) -> None:
        self.result.deferred.setdefault(key, []).append(value)

    # -- scopes ------------------------------------------------------------------
    @property
    def in_function(self) -> bool:
        return any(s.kind == "function" for s in self.scopes)

    @property
    def class_body(self) -> ClassRecord | None:
        """The class whose body we are directly in (not inside one of its methods)."""
        scope = self.scopes[-1]
        return scope.record if scope.kind == "class" else None

    def function_key(self) -> str | None:
        """`track` for a module-level function, `Client.track` for a method; None when nested deeper."""
        kinds = [s.kind for s in self.scopes]
        if kinds == ["module", "function"]:
            return self.scopes[1].name
        if kinds == ["module", "class", "function"]:
            return f"{self.scopes[1].name}.{self.scopes[2].name}"
        return None

    def sdk(self, qualified: str) -> str | None:
        """The service whose SDK a qualified name belongs to. Inside a package whose own import name is
        also an SDK's (django-amplitude's `amplitude`, django-ses' `django_ses`), its own modules are not."""
        if qualified.partition(".")[0] in self._own_tops:
            return None
        return self.catalogue.by_import(qualified)

    def callee_key(self, func: cst.BaseExpression) -> str | None:
        """The summary key a call names: `track(...)` a module function, `self.track(...)` a method of this class."""
        if isinstance(func, cst.Name):
            return func.value if self.qualify(func) is None and self.lookup("taint", func.value) is None else None
        if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name) and func.value.value in ("self", "cls"):
            if len(self.scopes) >= 2 and self.scopes[1].kind == "class":
                return f"{self.scopes[1].name}.{func.attr.value}"
        return None

    def function(self) -> str:
        return next((s.name for s in reversed(self.scopes) if s.kind == "function"), "")

    def handler(self) -> str:
        """The function's name as the context of the input it reads: `create_product` says the `name` posted
        is a product's, but `support_view` or `settings_page` say nothing of whose the `email` is (the
        words name the page, not a business that owns the data)."""
        return handler_of(self.function())

    def owner_class(self) -> str:
        """The class a method belongs to ("" outside one): `self.x` is that class's state."""
        if len(self.scopes) >= 3 and self.scopes[-1].kind == "function" and self.scopes[-2].kind == "class":
            return self.scopes[-2].name
        return ""

    def constant(self, node: cst.BaseExpression) -> str | None:
        """A module-level string as far as literals and known constants tell (`BASE + "/track"`)."""
        text = string(node)
        if text is not None:
            return text
        if isinstance(node, cst.Name):
            return self.constants.get(node.value)
        if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Add):
            left, right = self.constant(node.left), self.constant(node.right)
            return left + right if left is not None and right is not None else None
        if isinstance(node, cst.FormattedString):
            out = []
            for part in node.parts:
                if isinstance(part, cst.FormattedStringText):
                    out.append(part.value)
                elif isinstance(part, cst.FormattedStringExpression):
                    value = self.constant(part.expression)
                    if value is None:
                        return None
                    out.append(value)
            return "".join(out)
        return None

    def qualify(self, node: cst.CSTNode) -> str | None:
        """Resolve a name or attribute chain through imports and assignments."""
        name = dotted(node)
        if name is None:
            if isinstance(node, cst.Call):  # Client().send -> the class's qualified name
                return self.qualify(node.func)
            if isinstance(node, cst.Attribute) and isinstance(node.value, cst.Call):
                base = self.qualify(node.value.func)
                return f"{base}.{node.attr.value}" if base else None
            return None
        head, _, rest = name.partition(".")
        for scope in reversed(self.scopes):
            if name in scope.names:  # self.client = Client()
                return scope.names[name]
            if head in scope.names:
                return f"{scope.names[head]}.{rest}" if rest else scope.names[head]
            if head == "self" and "." in rest:
                attr, _, tail = rest.partition(".")
                key = f"self.{attr}"
                if key in scope.names:
                    return f"{scope.names[key]}.{tail}"
        return None

    def lookup(self, attr: str, name: str) -> Any:
        """Innermost binding of `name` in the per-scope table `attr` (taint, services)."""
        for scope in reversed(self.scopes):
            table = getattr(scope, attr)
            if name in table:
                return table[name] if isinstance(table, dict) else True
        return None

    def bind(self, name: str, qualified: str) -> None:
        """Bind a local name; `self.x` goes to the class so every method sees it."""
        target = self.scopes[-1]
        if name.startswith("self."):
            target = next((s for s in reversed(self.scopes) if s.kind == "class"), target)
        target.names[name] = qualified


def _occurrences(pattern: re.Pattern[str], source: str) -> list[int]:
    """Where `pattern` matches, except as the tail of a longer name (`get_user(` for `user(`).

    The name check is made by hand, not by a leading lookbehind: a pattern that starts with a literal lets `re`
    skip to the candidates, where a lookbehind makes it try every offset, so a large module with many deferred
    calls cost (calls x size) (audit14 #07: 36x per search on a 216 KB module)."""
    found: list[int] = []
    match = pattern.search(source)
    while match is not None:
        at = match.start()
        if at == 0 or not (source[at - 1].isalnum() or source[at - 1] in "_."):
            found.append(at)
        match = pattern.search(source, at + 1)
    return found

