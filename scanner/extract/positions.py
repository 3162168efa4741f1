"""Start positions of a module's nodes, as libcst's PositionProvider gives them, at a seventh of its cost.

PositionProvider renders the whole module and records a CodeRange per node through a generator-based
context manager, building two CodePosition objects per node and splitting every token with a regex: in a
scan that needs positions it costs ~2.7 times the parse itself. Locations here need only the syntactic
start (line, column), so this renders the module once with a state that keeps a tuple per node, tests a
token for a newline before splitting it, and uses a plain class as the syntactic-position context. The
rules are PositionProvider's: a node's start is where its syntactic position begins (record_syntactic_position,
which skips leading whitespace and comments), else where its rendering begins.
"""

from __future__ import annotations

import re
from types import TracebackType
from typing import Any

import libcst as cst
from libcst._nodes.internal import CodegenState

_NEWLINE = re.compile(r"\r\n?|\n")

Start = tuple[int, int]  # line (1-based), column (0-based)


def node_starts(module: cst.Module) -> dict[cst.CSTNode, Start]:
    state = _StartState(module.default_indent, module.default_newline)
    module._codegen(state)
    return state.starts


class _Syntactic:
    __slots__ = ("state", "node", "start_node", "start")

    def __init__(self, state: _StartState, node: cst.CSTNode, start_node: cst.CSTNode | None) -> None:
        self.state, self.node, self.start_node = state, node, start_node

    def __enter__(self) -> None:
        self.start = (self.state.line, self.state.column)

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None) -> None:
        if kind is not None:
            # the render was stopped (the per-file deadline, an error): the positions are dropped, and the start
            # node may not be rendered yet, so a lookup would put a KeyError in the place of what stopped it
            # (skyvern's handler.py: its deadline was reported as "internal error (KeyError: SimpleStatementLine(...")
            return
        starts = self.state.starts
        # overrides the rendering start, which after_codegen then keeps; a start_node hoists its child's start
        starts[self.node] = self.start if self.start_node is None else starts[self.start_node]


class _StartState(CodegenState):
    def __init__(self, default_indent: str, default_newline: str) -> None:
        super().__init__(default_indent=default_indent, default_newline=default_newline)
        self.line = 1
        self.column = 0
        self.starts: dict[cst.CSTNode, Start] = {}
        self._stack: list[Start] = []

    def _advance(self, value: str) -> None:
        if "\n" in value or "\r" in value:
            segments = _NEWLINE.split(value)
            self.line += len(segments) - 1
            self.column = len(segments[-1])
        else:
            self.column += len(value)

    def add_indent_tokens(self) -> None:
        self.tokens.extend(self.indent_tokens)
        for token in self.indent_tokens:
            self._advance(token)

    def add_token(self, value: str) -> None:
        self.tokens.append(value)  # Module reads the token count (an empty file keeps its newline)
        self._advance(value)

    def before_codegen(self, node: cst.CSTNode) -> None:
        self._stack.append((self.line, self.column))

    def after_codegen(self, node: cst.CSTNode) -> None:
        start = self._stack.pop()
        if node not in self.starts:
            self.starts[node] = start

    def record_syntactic_position(self, node: cst.CSTNode, *, start_node: cst.CSTNode | None = None,
                                  end_node: cst.CSTNode | None = None) -> Any:
        return _Syntactic(self, node, start_node)  # end_node moves only an end, which is not kept
