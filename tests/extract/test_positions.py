"""node_starts gives every node the start PositionProvider gives it, at a fraction of the cost."""

from __future__ import annotations

import libcst as cst
import pytest
from libcst.metadata import MetadataWrapper, PositionProvider

from scanner.extract.positions import node_starts

SOURCES = [
    "",
    "\n",
    "x = 1",
    "# leading comment\n\n@decorator(arg)\nclass A(Base):\n    '''doc\n    string'''\n    email = models.EmailField(\n        max_length=254,  # why\n    )\n",
    "def f(a, /, b=(\n    1), *args, **kw):\n    return (  # parenthesised\n        a.b(c)[d]\n    )\n",
    'query = f"""SELECT {col}\nFROM users\nWHERE id = {uid!r}"""\nother = "a" "b" \\\n    "c"\n',
    "x = 1\r\ny = [\r\n  2,\r\n]\r\n",
    "x = 1\ry = 2\r",
    "match command:\n    case {'email': e, **rest} if e:\n        send(e)\n    case _:\n        pass\n",
    "async def g():\n    async with session.post(url, json={'ip': request.META['REMOTE_ADDR']}) as r:\n        await r.json()\n",
    "if a:\n\tpass\nelif b:\n\tx = lambda y: (yield y)\nelse:\n\ttry:\n\t\tpass\n\texcept (E1, E2) as e:\n\t\traise\n\tfinally:\n\t\tdel x\n",
    "with (open(a) as f, open(b) as g):\n    print(*f, sep='', **kw)\nglobal q\nx: Annotated[int, 'x'] = y if z else w\n",
    "def f():\n    # a comment before the block's first statement\n\n    x = 1\n",
]


@pytest.mark.parametrize("source", SOURCES)
def test_starts_match_position_provider(source: str) -> None:
    module = cst.parse_module(source)
    expected = {node: (r.start.line, r.start.column)
                for node, r in MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider).items()}
    assert node_starts(module) == expected


def test_a_call_text_search_skips_longer_names_and_counts_twins() -> None:
    """`locate`'s text search (py_common._occurrences): a call's text found as the tail of a longer name or an
    attribute (`get_user(x)`, `obj.user(x)`) is not that call; each occurrence is found, twins included."""
    import re

    from scanner.extract.py_common import _occurrences

    source = "get_user(x)\nobj.user(x)\nuser(x)\n  user(x) + user(x)\né_user(x)\n"
    starts = _occurrences(re.compile(re.escape("user(x)")), source)
    assert [source.count("\n", 0, at) + 1 for at in starts] == [3, 4, 4]


_BLOCK = "def f():\n    # a comment before the block's first statement\n\n    x = 1\n"


class _Stop(BaseException):
    pass


def _stopping_at_comments(monkeypatch: pytest.MonkeyPatch, stop: type[BaseException]) -> None:
    """The render stopped where it writes a block's first statement's leading comment (a signal's moment)."""
    from scanner.extract import positions

    def add_token(self: object, value: str) -> None:
        if value.startswith("# a comment"):
            raise stop
        original(self, value)

    original = positions._StartState.add_token
    monkeypatch.setattr(positions._StartState, "add_token", add_token)


def test_a_stopped_render_raises_what_stopped_it(monkeypatch: pytest.MonkeyPatch) -> None:
    # skyvern's handler.py: the deadline fired there, and the block's start lookup raised KeyError(SimpleStatementLine)
    _stopping_at_comments(monkeypatch, _Stop)
    with pytest.raises(_Stop):
        node_starts(cst.parse_module(_BLOCK))


def test_a_file_stopped_while_located_reports_its_deadline(tmp_path, rules, monkeypatch: pytest.MonkeyPatch) -> None:
    from scanner import scan
    from scanner.discover import Source

    _stopping_at_comments(monkeypatch, scan._Expired)
    path = tmp_path / "views.py"
    path.write_text("from django.db import models\n\n\nclass Customer(models.Model):\n"
                    "    # a comment before the block's first statement\n    email = models.EmailField()\n")
    result = scan.scan_file(Source("views.py", path, "python"), rules, "")
    assert [e.message for e in result.errors] == [
        f"analysis used over {scan.FILE_SECONDS:g} s of CPU time and was stopped; file skipped (please report it)"]

