"""Python extractor: one batched libcst traversal yields fields, third-party uses and flows.

Each concern is a small `BatchableCSTVisitor` (py_*.py) sharing one `Context`;
one walk of the tree serves them all, as Fixit's `visit_batched` does (py_walk.py's, which
reads the tree without rebuilding it). Names are
resolved by hand (py_scopes.py): QualifiedNameProvider would cost 7.7x a parse.
"""

from __future__ import annotations

import re

import libcst as cst
from libcst.metadata import MetadataWrapper

from scanner.catalogue import Catalogue
from scanner.classify import Classifier
from scanner.extract.py_common import Context
from scanner.extract.py_embedded_sql import EmbeddedSqlVisitor
from scanner.extract.py_flows import FlowVisitor
from scanner.extract.py_migrations import MigrationVisitor
from scanner.extract.py_models import ModelVisitor
from scanner.extract.py_requests import RequestVisitor
from scanner.extract.py_scopes import ScopeEnter, ScopeExit
from scanner.extract.py_services import ServiceVisitor
from scanner.extract.py_sharing import SharingVisitor
from scanner.extract.py_snippets import SnippetVisitor
from scanner.extract.py_walk import walk
from scanner.inventory import CONFIDENCE_RANK, FileResult, Flow, Location, ParseError, RawField, ServiceUse


# libcst's raw_line can point one line past the fault; its message names the token's position
_AT = re.compile(r"error at (\d+):(\d+)")


def _failed(source: str, path: str, line: int, message: str) -> tuple[FileResult, list[RawField]]:
    result = FileResult(path, lines=source.count("\n") + 1)
    result.errors.append(ParseError(Location(path, line), message))
    return result, []


def _dedupe(uses: list[ServiceUse], catalogue: Catalogue) -> list[ServiceUse]:
    """One use per service and line: `requests.post("https://api.x.com")` is a call, not also a literal.

    A parent SDK's imports in a file that uses one of its specific services are that service's
    (`from firebase_admin.exceptions import ...` beside `messaging.send(...)` is FCM, not Firebase)."""
    subsumed = {parent for use in uses for parent in catalogue.umbrellas.get(use.service, ())}
    best: dict[tuple[str, int], ServiceUse] = {}
    for use in uses:
        if use.signal == "import" and use.service in subsumed:
            continue
        key = (use.service, use.location.line)
        kept = best.get(key)
        if kept is None or CONFIDENCE_RANK[use.confidence] > CONFIDENCE_RANK[kept.confidence]:
            best[key] = use
    return list(best.values())


def extract_python(source: str, path: str, classifier: Classifier, catalogue: Catalogue,
                   module_name: str = "", own: frozenset[str] = frozenset(),
                   dialect: str = "") -> tuple[FileResult, list[RawField]]:
    try:
        module = cst.parse_module(source)
    except cst.ParserSyntaxError as exc:
        at = _AT.search(exc.message)
        return _failed(source, path, int(at.group(1)) if at else exc.raw_line, f"Python syntax error: {exc.message}")
    except RecursionError:
        return _failed(source, path, 1, "too deeply nested for the Python parser (RecursionError)")
    wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
    ctx = Context(path, classifier, catalogue, wrapper, source, module_name, own, dialect)
    visitors = [ScopeEnter(ctx), ModelVisitor(ctx), RequestVisitor(ctx), MigrationVisitor(ctx),
                FlowVisitor(ctx), ServiceVisitor(ctx), SharingVisitor(ctx), SnippetVisitor(ctx), EmbeddedSqlVisitor(ctx),
                ScopeExit(ctx)]
    try:
        walk(wrapper.module, visitors)
    except RecursionError:
        return _failed(source, path, 1, "too deeply nested to analyse (RecursionError)")
    ctx.result.services = _dedupe(ctx.result.services, catalogue)
    # the HTTP call that names a known host is seen by the services and the sharing visitors, each
    # with its own path of names: one flow per datum, service and place
    first: dict[tuple[str, str, Location], Flow] = {}
    for flow in ctx.result.flows:
        first.setdefault((flow.category, flow.service, flow.location), flow)
    ctx.result.flows = list(first.values())
    ctx.result.lines = source.count("\n") + 1
    return ctx.result, ctx.raw
