"""Intra-function data flow: which personal data an expression carries, and by which names.

Taint follows what a reviewer would follow by eye: local assignments,
`props["email"] = ...`, dict literals, f-strings, keyword arguments and method
calls on a datum (`email.lower()`). A flow is recorded only where such a path
reaches an argument of a third-party call; sharing a file or a function with
personal data is not a path.
"""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from scanner.extract.py_common import Batchable, Context, Taint, code, dotted, last, string
from scanner.inventory import Flow

_MAX_DEPTH = 8
# Calls whose result says something about the data but is not the data.
_OPAQUE = {"len", "bool", "isinstance", "hasattr", "callable", "type", "id", "count", "exists", "is_valid",
           "startswith", "endswith", "index", "find"}
_LITERALS = (cst.SimpleString, cst.Integer, cst.Float, cst.ConcatenatedString)


def _constant(node: cst.BaseExpression) -> bool:
    if isinstance(node, _LITERALS):
        return True
    return isinstance(node, cst.Name) and (node.value in ("None", "True", "False") or node.value.isupper())


def classified(ctx: Context, name: str, container: str, text: str) -> Iterator[Taint]:
    result = ctx.classifier.classify(name, container)
    if result is not None and result.confidence != "low":
        yield result.category, (text,)


def sources(ctx: Context, expr: cst.BaseExpression, depth: int = 0) -> Iterator[Taint]:
    """Personal data an expression carries, each with the path of names it came by."""
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
        owner = last(dotted(expr.value) or "")
        if not expr.attr.value.isupper():  # settings.STRIPE_KEY is configuration
            yield from classified(ctx, expr.attr.value, owner, name or expr.attr.value)
    elif isinstance(expr, cst.Subscript):
        index = expr.slice[0].slice if len(expr.slice) == 1 else None
        key = string(index.value) if isinstance(index, cst.Index) else None
        if key:
            yield from classified(ctx, key, last(dotted(expr.value) or ""), code(expr))
    elif isinstance(expr, cst.Dict):
        for element in expr.elements:
            if not isinstance(element, cst.DictElement):  # **spread
                yield from sources(ctx, element.value, nxt)
                continue
            found = list(sources(ctx, element.value, nxt))
            key = string(element.key)
            if not found and key and not _constant(element.value):
                found = list(classified(ctx, key, "", f"{key!r}: {code(element.value)}"))
            yield from found
    elif isinstance(expr, cst.Call):
        func = last(dotted(expr.func) or "")
        if func in _OPAQUE:
            return
        for arg in expr.args:
            yield from sources(ctx, arg.value, nxt)
        if isinstance(expr.func, cst.Attribute):  # email.lower(), email.encode()
            yield from sources(ctx, expr.func.value, nxt)
    elif isinstance(expr, cst.FormattedString):
        for part in expr.parts:
            if isinstance(part, cst.FormattedStringExpression):
                yield from sources(ctx, part.expression, nxt)
    elif isinstance(expr, (cst.List, cst.Tuple, cst.Set)):
        for el in expr.elements:
            yield from sources(ctx, el.value, nxt)
    elif isinstance(expr, cst.BinaryOperation):
        yield from sources(ctx, expr.left, nxt)
        yield from sources(ctx, expr.right, nxt)
    elif isinstance(expr, cst.BooleanOperation):
        yield from sources(ctx, expr.left, nxt)
        yield from sources(ctx, expr.right, nxt)
    elif isinstance(expr, cst.IfExp):
        yield from sources(ctx, expr.body, nxt)
        yield from sources(ctx, expr.orelse, nxt)
    elif isinstance(expr, (cst.Await, cst.StarredElement)):
        yield from sources(ctx, expr.expression if isinstance(expr, cst.Await) else expr.value, nxt)


def call_flows(ctx: Context, node: cst.Call) -> list[Taint]:
    """Personal data reaching the arguments of a call, deduplicated."""
    seen: dict[Taint, None] = {}
    for arg in node.args:
        found = list(sources(ctx, arg.value))
        if not found and arg.keyword is not None and not _constant(arg.value):
            # stripe.Customer.create(email=form.cleaned_data["contact"]): the parameter says what is sent
            found = list(classified(ctx, arg.keyword.value, "", f"{arg.keyword.value}={code(arg.value)}"))
        for taint in found:
            seen.setdefault(taint, None)
    return list(seen)


def record_flows(ctx: Context, node: cst.Call, service: str, q: str, found: list[Taint]) -> None:
    for category, path in found:
        ctx.result.flows.append(Flow(category, service, ctx.loc(node), path + (q,), code(node)))


class FlowVisitor(Batchable):
    """Keeps each function's taint table in step with its assignments."""


    def _assign(self, target: cst.BaseExpression, value: cst.BaseExpression) -> None:
        scope = self.ctx.scopes[-1]
        if isinstance(target, cst.Subscript):  # props["email"] = account.email: props now carries it
            base = dotted(target.value)
            element = target.slice[0].slice if len(target.slice) == 1 else None
            key = string(element.value) if isinstance(element, cst.Index) else None
            if base is None:
                return
            found = list(sources(self.ctx, value))
            if not found and key and not _constant(value):
                found = list(classified(self.ctx, key, "", f"{base}[{key!r}]"))
            if found:
                held = list(self.ctx.lookup("taint", base) or [])
                scope.taint[base] = held + [(c, p + (base,)) for c, p in found]
            return
        name = dotted(target)
        if name is None:
            return
        found = list(sources(self.ctx, value))
        # an empty entry shadows an outer one: `email = "x"` is no longer the user's email
        scope.taint[name] = [(c, p if p[-1] == name else p + (name,)) for c, p in found]

    def visit_Assign(self, node: cst.Assign) -> None:
        if self.ctx.in_function:
            for target in node.targets:
                self._assign(target.target, node.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if self.ctx.in_function and node.value is not None:
            self._assign(node.target, node.value)

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        if self.ctx.in_function:
            self._assign(node.target, node.value)

    def visit_Call(self, node: cst.Call) -> None:
        # props.update({"email": ...}) / props.update(email=...)
        func = node.func
        if self.ctx.in_function and isinstance(func, cst.Attribute) and func.attr.value == "update":
            base = dotted(func.value)
            found = call_flows(self.ctx, node) if base else []
            if base and found:
                held = list(self.ctx.lookup("taint", base) or [])
                self.ctx.scopes[-1].taint[base] = held + [(c, p + (base,)) for c, p in found]
