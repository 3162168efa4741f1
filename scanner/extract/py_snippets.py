"""Tracker snippets filled in with a person's data: the browser sends it to the tracker.

Template-tag packages (django-analytical and its kind) keep a vendor's JavaScript as a module constant and
fill it in per page: `IDENTIFY_CODE % user.email`, `TRACKING_CODE % {"settings_json": json.dumps(params)}`,
`EMAIL_CODE.format(email)`. The page then runs the vendor's script with that data, which is a flow to the
vendor as much as an SDK call is. The vendor is the one the template's own markup names (a `<script src>`, an
init call), else the one tracker the module's snippets name, when there is exactly one.
"""

from __future__ import annotations

import re

import libcst as cst

from scanner.extract.py_common import Batchable, Context, Taint, code
from scanner.extract.py_flows import real, record_flows, sources
from scanner.extract.templates import scan_markup

# Script code that calls something (`mixpanel.identify(`, `olark('api...`, `SnapABug.setUserEmail(`)
_JS_CALL = re.compile(r"[A-Za-z_$][\w$.]*\s*\(")
_MARKUP = re.compile(r"<\s*script", re.IGNORECASE)


def _script(text: str) -> bool:
    return bool(_MARKUP.search(text)) or (bool(_JS_CALL.search(text)) and (";" in text or "});" in text))


class SnippetVisitor(Batchable):
    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.sites: list[tuple[cst.CSTNode, str, list[Taint]]] = []  # (formatting, template constant, data)

    def _site(self, node: cst.CSTNode, template: cst.BaseExpression, values: list[cst.BaseExpression]) -> None:
        if not (self.ctx.in_function and isinstance(template, cst.Name)):
            return
        text = self.ctx.constants.get(template.value)
        if text is None or not _script(text):
            return
        found = real([t for value in values for t in sources(self.ctx, value)])
        if found:
            self.sites.append((node, template.value, found))

    def visit_BinaryOperation(self, node: cst.BinaryOperation) -> None:
        if isinstance(node.operator, cst.Modulo):  # IDENTIFY_CODE % identity
            self._site(node, node.left, [node.right])

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func  # EMAIL_CODE.format(email)
        if isinstance(func, cst.Attribute) and func.attr.value == "format":
            self._site(node, func.value, [a.value for a in node.args])

    def leave_Module(self, original_node: cst.Module) -> None:
        if not self.sites:
            return
        ctx = self.ctx
        # the trackers this module's strings load or start (SharingVisitor has read every string by now), or
        # whose settings it reads (`get_required_setting("OLARK_SITE_ID")`, a loader built at run time)
        module = {u.service for u in ctx.result.services if u.signal in ("script", "setting")}
        for node, template, found in self.sites:
            text = ctx.constants[template]
            own, _ = scan_markup(text, ctx.path, ctx.catalogue, 1, is_js=not _MARKUP.search(text))
            named = {u.service for u in own} or module
            if len(named) != 1:
                continue  # no tracker, or several: whose snippet this is cannot be told
            service = next(iter(named))
            record_flows(ctx, node, service, f"<script {template}>", found)
