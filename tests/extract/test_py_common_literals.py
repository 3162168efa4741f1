"""py_common.literal_value reads plain literals without compiling them: the same values as libcst's evaluated_value
(ast.literal_eval), which still reads every literal with an escape, a CR, a NUL, or a bytes or odd prefix."""

from __future__ import annotations

import libcst as cst
import pytest

from scanner.extract.py_common import code, literal_value

_LITERALS = [
    "''", '""', "'''a'''", '"""a"b"""', '""""""', "'\"'", '"\'"', "r'\\d+'", "R'x'", "u'x'", "U\"x\"", "b'x'",
    "rb'x'", "Br'\\x'", "'a\\nb'", "'é'", "'''two\nlines'''", "'tab\tin'", "'\\\\'", "'a' 'b'", "'a' \"b\"",
    "'\\N{BULLET}'", "f'x'", "'''\\\n'''",
]


@pytest.mark.parametrize("text", _LITERALS)
def test_literal_value_is_what_python_reads(text: str) -> None:
    node = cst.parse_expression(text)
    try:
        expected = node.evaluated_value  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - a literal Python cannot evaluate, or no literal at all
        expected = None
    if not isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
        expected = None
    value = literal_value(node)
    assert value == expected and type(value) is type(expected)


def test_code_is_the_nodes_text_whitespace_collapsed_and_cut() -> None:
    module = cst.parse_module("x = call(\n    a,   b,\n    c=[1, 2],\n)\nlong = f(" + ", ".join(["arg"] * 80) + ")\n")
    first, second = (s.body[0].value for s in module.body)  # type: ignore[attr-defined]
    assert code(first) == "call( a, b, c=[1, 2], )"
    assert len(code(second)) == 160 and code(second).startswith("f(arg, arg")
