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

from scanner.extract.py_common import Batchable, Context, Taint, dotted, last, string
from scanner.extract.py_flows import real, record_flows, sources
from scanner.extract.py_sharing import brand_words
from scanner.extract.templates import scan_markup, script_service
from scanner.extract.urls import url_service

# Script code that calls something (`mixpanel.identify(`, `olark('api...`, `SnapABug.setUserEmail(`)
_JS_CALL = re.compile(r"[A-Za-z_$][\w$.]*\s*\(")
_MARKUP = re.compile(r"<\s*script", re.IGNORECASE)
_LOADED = re.compile(r"^(?:https?:)?//", re.IGNORECASE)
# Script written in place, stricter than a constant's: a call given a string, an object or nothing
# (`_castle('identify', ...)`, `analytics.page();`), so that prose with a parenthesis and a `;` is none
_INLINE_JS = re.compile(r"[A-Za-z_$][\w$.]*\(\s*['\"{\[)]")
# a query written in place calls functions and ends in `;` too (`SELECT count(*) FROM t WHERE email = '%s';`)
_SQL = re.compile(r"\b(?:select|insert|update|delete)\b[\s\S]*\b(?:from|into|set|where)\b", re.IGNORECASE)


# A form the browser posts to a gateway's hosted page: `<form action="{PAYFAST_URL}" method="post">`
_FORM = re.compile(r"<\s*form\b[^>]*\baction\s*=\s*[\"']?$", re.IGNORECASE)
_FORM_URL = re.compile(r"<\s*form\b[^>]*\baction\s*=\s*[\"']?((?:https?:)?//[^\"'\s>]+)", re.IGNORECASE)


def _script(text: str) -> bool:
    return bool(_MARKUP.search(text)) or (bool(_JS_CALL.search(text)) and (";" in text or "});" in text))


class SnippetVisitor(Batchable):
    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        # (formatting, template constant or URL, the template's script text, data, the URL's service)
        self.sites: list[tuple[cst.CSTNode, str, str, list[Taint], str | None]] = []
        # (function, variable) -> the service a hosted-page form built in that variable posts to
        self.forms: dict[tuple[str, str], str] = {}

    def _site(self, node: cst.CSTNode, template: cst.BaseExpression, values: list[cst.BaseExpression]) -> None:
        if not self.ctx.in_function:
            return
        if not isinstance(template, cst.Name):  # "//www.gravatar.com/avatar/%s" % digest
            literal = string(template) if isinstance(template, (cst.SimpleString, cst.ConcatenatedString)) else None
            if literal is not None and not _LOADED.match(literal) and not _SQL.search(literal) \
                    and (_MARKUP.search(literal) or (_INLINE_JS.search(literal) and ";" in literal)):
                # a tag's script written in place (`"""_castle('identify', '%(user_id)s', ...);""" % {...}`)
                self._add(node, "literal", values, None, literal)
                return
            self._loaded(node, literal or "", values)
            return
        text = self.ctx.constants.get(template.value)
        if text is not None and _script(text):
            self._add(node, template.value, values, None, text)

    def _loaded(self, node: cst.CSTNode, url: str, values: list[cst.BaseExpression]) -> None:
        """A URL a page loads (an avatar, a pixel), formatted with `values`."""
        service = script_service(url, self.ctx.catalogue, loaded_only=True) if _LOADED.match(url) else None
        if service is not None:
            self._add(node, url, values, service, url)

    def _add(self, node: cst.CSTNode, name: str, values: list[cst.BaseExpression], service: str | None,
             text: str) -> None:
        found = real([t for value in values for t in sources(self.ctx, value)])
        if found:
            self.sites.append((node, name, text, found, service))

    # -- forms posted to a gateway's hosted page ------------------------------------------------------------
    def _form_service(self, node: cst.BaseExpression) -> str | None:
        """The service a form's markup posts to: `f'<form action="{PAYFAST_URL}" method="post">'`, by the URL's
        value, its setting, or a catalogued brand its name holds; or a literal action URL."""
        if isinstance(node, cst.FormattedString):
            text = ""
            for part in node.parts:
                if isinstance(part, cst.FormattedStringText):
                    text += part.value
                    continue
                if _FORM.search(text) and isinstance(part, cst.FormattedStringExpression):
                    return self._named_url(part.expression)
                text += "{}"
            found = _FORM_URL.search(text)
            return url_service(found.group(1), self.ctx.catalogue) if found else None
        if isinstance(node, cst.ConcatenatedString):  # '<form action="https://...">' f'<input value="{x}">'
            return self._form_service(node.left) or self._form_service(node.right)
        literal = string(node) if isinstance(node, cst.SimpleString) else None
        found = _FORM_URL.search(literal or "")
        return url_service(found.group(1), self.ctx.catalogue) if found else None

    def _named_url(self, expr: cst.BaseExpression) -> str | None:
        catalogue = self.ctx.catalogue
        text = self.ctx.constant(expr)
        if text and "//" in text:
            return url_service(text, catalogue)
        name = dotted(expr) or ""
        if not name:
            return None
        if (by_setting := catalogue.by_setting(last(name))) is not None:
            return by_setting
        return next((service for word in brand_words(name) if (service := catalogue.brands.get(word))), None)

    def visit_Assign(self, node: cst.Assign) -> None:
        # html = f'<form action="{GATEWAY_URL}" method="post">' ... html += f'<input value="{value}">'
        if not self.ctx.in_function or len(node.targets) != 1 or not isinstance(node.targets[0].target, cst.Name):
            return
        service = self._form_service(node.value)
        if service is not None:
            self.forms[(self.ctx.function() or "", node.targets[0].target.value)] = service
            self._form_data(node, service, node.value)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        if not isinstance(node.operator, cst.AddAssign) or not isinstance(node.target, cst.Name):
            return
        service = self.forms.get((self.ctx.function() or "", node.target.value))
        if service is not None:
            self._form_data(node, service, node.value)

    def _form_data(self, node: cst.CSTNode, service: str, value: cst.BaseExpression) -> None:
        found = real(list(sources(self.ctx, value)))
        if found:
            self.ctx.use(service, "redirect", node, "medium")
            record_flows(self.ctx, node, service, "<form action>", found)

    def visit_BinaryOperation(self, node: cst.BinaryOperation) -> None:
        if isinstance(node.operator, cst.Modulo):  # IDENTIFY_CODE % identity
            self._site(node, node.left, [node.right])

    def visit_FormattedString(self, node: cst.FormattedString) -> None:
        # f"https://www.gravatar.com/avatar/{digest}?s={size}": the same, written as an f-string
        if not self.ctx.in_function or not node.parts or not isinstance(node.parts[0], cst.FormattedStringText):
            return
        text = "".join(p.value if isinstance(p, cst.FormattedStringText) else "{}" for p in node.parts)
        self._loaded(node, text, [p.expression for p in node.parts if isinstance(p, cst.FormattedStringExpression)])

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
        for node, template, text, found, loaded in self.sites:
            if loaded is not None:  # a URL the page loads, formatted with the data
                record_flows(ctx, node, loaded, template, found)
                continue
            own, _ = scan_markup(text, ctx.path, ctx.catalogue, 1, is_js=not _MARKUP.search(text))
            named = {u.service for u in own} or module
            if len(named) != 1:
                continue  # no tracker, or several: whose snippet this is cannot be told
            record_flows(ctx, node, next(iter(named)), f"<script {template}>", found)
