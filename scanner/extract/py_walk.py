"""A read-only walk for the extractors' batched visitors, without libcst's visitor machinery.

`cst.visit_batched` goes through `CSTNode.visit`, which rebuilds every node it walks (a new node, validated)
and calls the attribute hooks for every field of every node: for read-only visitors that cost about half a
parse on its own. `walk` calls the same `visit_<Node>` and `leave_<Node>` methods, in the same order, on the
original nodes (the keys of `Context.loc`'s positions), in libcst's own child order, and builds nothing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

import libcst as cst

Hook = Callable[[cst.CSTNode], None]

# whitespace, comments and operator tokens hold only each other: when no visitor looks at any of them,
# their subtrees are not walked
_TRIVIA_MODULES = ("libcst._nodes.whitespace", "libcst._nodes.op")
TRIVIA = frozenset(c for c in vars(cst).values()
                   if isinstance(c, type) and issubclass(c, cst.CSTNode) and c.__module__ in _TRIVIA_MODULES)
_TRIVIA_HOOKS = frozenset(f"{kind}_{c.__name__}" for c in TRIVIA for kind in ("visit", "leave"))

_FIELDS: dict[type, tuple[str, ...]] = {}  # node class -> its fields in the order libcst visits them


class _Order(cst.CSTVisitor):
    """Records the fields `_visit_and_replace_children` visits on one node, in its order, descending no further."""

    def __init__(self, node: cst.CSTNode) -> None:
        super().__init__()
        self.node = node
        self.fields: list[str] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        return False

    def on_leave(self, original_node: cst.CSTNode) -> None:
        pass

    def on_visit_attribute(self, node: cst.CSTNode, attribute: str) -> None:
        if node is self.node and attribute not in self.fields:
            self.fields.append(attribute)

    def on_leave_attribute(self, original_node: cst.CSTNode, attribute: str) -> None:
        pass


def child_fields(node: cst.CSTNode) -> tuple[str, ...]:
    """The fields of `node`'s class in libcst's visiting order, learnt once per class from libcst itself.

    A field libcst visits only when it is set (an f-string expression's format spec, visited last) goes after
    the others, with the class's fields that never hold a node."""
    cls = type(node)
    fields = _FIELDS.get(cls)
    if fields is None:
        order = _Order(node)
        node._visit_and_replace_children(order)
        seen = order.fields
        fields = _FIELDS[cls] = (*seen, *(f.name for f in dataclasses.fields(node) if f.name not in seen))
    return fields


def walk(module: cst.Module, visitors: Sequence[cst.BatchableCSTVisitor]) -> None:
    """What `cst.visit_batched(module, visitors)` does for visitors that only read the tree."""
    hooks: dict[str, list[Hook]] = {}
    for visitor in visitors:
        for name, method in visitor.get_visitors().items():
            hooks.setdefault(name, []).append(method)
    if any(name.count("_") > 1 for name in hooks):  # a visit_<Node>_<field> hook: libcst's walk calls those
        cst.visit_batched(module, visitors)
        return
    skip = TRIVIA if _TRIVIA_HOOKS.isdisjoint(hooks) else frozenset()
    none: list[Hook] = []
    # a value's class -> whether to walk it (a node, not skipped): CSTNode is an ABC, whose isinstance would cost
    # more than the rest of this walk
    walked: dict[type, bool] = {}

    def walks(kind: type) -> bool:
        found = walked[kind] = issubclass(kind, cst.CSTNode) and kind not in skip
        return found

    plans: dict[type, tuple[list[Hook], list[Hook], tuple[str, ...]]] = {}

    def visit(node: cst.CSTNode) -> None:
        cls = type(node)
        plan = plans.get(cls)
        if plan is None:
            name = cls.__name__
            plan = plans[cls] = (hooks.get(f"visit_{name}", none), hooks.get(f"leave_{name}", none),
                                 child_fields(node))
        for hook in plan[0]:
            hook(node)
        for field in plan[2]:
            child = getattr(node, field)
            kind = type(child)
            if kind is tuple or kind is list:
                for item in child:
                    go = walked.get(type(item))
                    if go or (go is None and walks(type(item))):
                        visit(item)
            else:
                go = walked.get(kind)
                if go or (go is None and walks(kind)):
                    visit(child)
        for hook in plan[1]:
            hook(node)

    visit(module)
