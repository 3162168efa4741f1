"""py_walk.walk calls the batched visitors' methods exactly as libcst's visit_batched does."""

from __future__ import annotations

import inspect
import textwrap
from collections.abc import Callable

import libcst as cst

from scanner.extract.py_walk import TRIVIA, walk

# every kind of statement and expression the grammar has, with comments and odd whitespace, so that each
# node class's child order is exercised
SOURCE = textwrap.dedent('''\
    # header comment
    """Docstring."""
    from __future__ import annotations
    import os.path as osp, sys
    from . import (a, b as c)  # trailing
    from .x import *
    @decorator(arg=1)
    @other
    class K(Base, metaclass=Meta):
        x: int = 1
        y: "str"
        def f(self, a, /, b: int = 2, *args, c, d=3, **kw) -> None:
            global g
            nonlocal_ = lambda p, *q, r=1, **s: p + r
            async def inner():
                async with ctx() as (u, v), other:
                    await thing
                async for i in aiter():
                    yield i
                yield from gen()
            with open(f"{a!r:>{b}} {c=}") as fh, x:
                pass
            if (n := len(a)) > 1 and not b or c is not None:
                del a[1:2, ::3], b.c
            elif a in b or a not in c:
                raise ValueError("x") from None
            else:
                assert a, "msg"
            for i, *rest in enumerate(b):
                continue
            else:
                break
            while True:
                x += 1; x -= 1; x *= 2; x @= m; x /= 2; x //= 2; x %= 2; x **= 2; x <<= 1; x >>= 1
                x &= 1; x |= 1; x ^= 1
            try:
                pass
            except (A, B) as e:
                pass
            finally:
                pass
            try:
                pass
            except* C:
                pass
            finally:
                return {k: v for k, v in d.items() if k}, {s for s in t}, [l async for l in m], (g for g in h)
    match command.split():
        case [action, *objs] if objs:
            pass
        case {"k": v, **rest}:
            pass
        case Point(x=0, y=0) | Point(1, 2) as p:
            pass
        case str() | None | -1 | 1 + 2j:
            pass
        case _:
            pass
    x = [1, 2.0, 3j, "s" "t", b"b", r"r", ~a, -b, +c, a ** b, a // b, a % b, a << b, a >> b, a & b, a | b, a ^ b]
    y = {**d, "k": 1}, {1, *s}, (1,), (), a if b else c, a[b], a.b.c(d, *e, k=f, **g), ...
    z = a < b <= c == d != e >= f > g
    type Alias[T: int, *Ts, **P] = list[T]
    def generic[T](x: T) -> T: return x
    print(x); print(y) \\
        ; pass
    # footer comment
    ''')


def _recorder(log: list[tuple[int, str, str, int]], tag: int, trivia: bool) -> cst.BatchableCSTVisitor:
    """A visitor with a visit_ and a leave_ method for every node class (or every class but the trivia)."""
    classes = [c for c in vars(cst).values()
               if inspect.isclass(c) and issubclass(c, cst.CSTNode) and not inspect.isabstract(c)
               and (trivia or c not in TRIVIA)]
    methods: dict[str, Callable[[cst.CSTNode], None]] = {}
    for c in classes:
        for kind in ("visit", "leave"):
            methods[f"{kind}_{c.__name__}"] = (
                lambda node, kind=kind, name=c.__name__: log.append((tag, kind, name, id(node))))

    class Recorder(cst.BatchableCSTVisitor):
        def get_visitors(self) -> dict[str, Callable[[cst.CSTNode], None]]:
            return methods

    return Recorder()


def test_walk_calls_what_visit_batched_calls_in_its_order() -> None:
    module = cst.parse_module(SOURCE)
    for trivia in (True, False):  # without trivia hooks the walk leaves whitespace and tokens out
        batched: list[tuple[int, str, str, int]] = []
        walked: list[tuple[int, str, str, int]] = []
        cst.visit_batched(module, [_recorder(batched, 1, trivia), _recorder(batched, 2, trivia)])
        walk(module, [_recorder(walked, 1, trivia), _recorder(walked, 2, trivia)])
        assert walked == batched
        assert len({entry[2] for entry in walked}) > (100 if trivia else 80)


def test_walk_passes_the_original_nodes() -> None:
    module = cst.parse_module("f(a, b=1)\n")
    seen: list[cst.CSTNode] = []

    class Calls(cst.BatchableCSTVisitor):
        def visit_Call(self, node: cst.Call) -> None:
            seen.append(node)

    walk(module, [Calls()])
    statement = module.body[0]
    assert isinstance(statement, cst.SimpleStatementLine) and isinstance(statement.body[0], cst.Expr)
    assert seen == [statement.body[0].value]


def test_an_attribute_hook_is_still_called() -> None:
    module = cst.parse_module("def f(a):\n    return a\n")
    seen: list[str] = []

    class Params(cst.BatchableCSTVisitor):
        def visit_FunctionDef_params(self, node: cst.FunctionDef) -> None:
            seen.append(node.name.value)

    walk(module, [Params()])
    assert seen == ["f"]


def test_trivia_hold_only_trivia() -> None:
    module = cst.parse_module(SOURCE)
    outside: set[str] = set()

    def below(node: cst.CSTNode, in_trivia: bool) -> None:
        if in_trivia and type(node) not in TRIVIA:
            outside.add(type(node).__name__)
        for child in node.children:
            below(child, in_trivia or type(node) in TRIVIA)

    below(module, False)
    assert not outside
