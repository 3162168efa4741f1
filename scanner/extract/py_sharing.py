"""Sharing the code cannot name statically, and SDK switches that decide what an SDK sends.

- An HTTP call that sends data (POST/PUT/PATCH, or a json/data/params payload) to a
  URL taken from a function argument, an object or database row (`hook.url`),
  configuration (`settings.X`, `os.environ[...]`, `config["url"]`) is sharing with
  a recipient decided at run time: `unresolved_webhook`, with the payload's flows.
  Where the code names the destination (the setting's or attribute's words, a
  Slack/Discord/Teams-shaped payload, the function, class or module path:
  `integrations/slack/`), the named service is reported instead.
  A URL we cannot trace (a helper's return value, another module's constant) is
  left alone: precision first.
- E-mail (smtplib, django.core.mail, flask_mail) and brokers (kafka, pika, ...) are
  catalogue imports (rules/services/unresolved.yaml) and need nothing here.
- HTML and JS tracker snippets held in Python strings (template tags that render a
  `<script src="https://cdn.mxpnl.com/...">`) are read as the template extractor
  reads templates; docstrings are prose and are skipped.
- `sentry_sdk.init(send_default_pii=True)` makes Sentry receive IP addresses and
  user identity; `rollbar.init` (and Django's `ROLLBAR = {...}`) sends the IP unless
  `capture_ip=False`, and email/username when `capture_email`/`capture_username`.
  These are recorded as flows at the switch, wherever it is.
"""

from __future__ import annotations

import builtins
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urljoin

import libcst as cst

from scanner.extract.py_clients import BASE_URL_CLIENTS, CONNECTIONS, HTTP_CLIENTS, HTTP_SESSIONS, bytes_text
from scanner.extract.py_common import Batchable, Context, arg, code, dotted, last, string
from scanner.extract.py_flows import (KEY, MARKER, MESSAGE_CLASSES, NOT_SENDERS, ArgFacts, arg_facts, call_flows,
                                      real, record_flows, sources, spread_pairs)
from scanner.extract.py_log_channels import added_handlers, configured_handler, log_call, sentry_init
from scanner.extract.templates import scan_markup, script_service
from scanner.catalogue import path_segments
from scanner.extract.urls import external_host, host_of, path_service, split_url, url_service
from scanner.inventory import Flow, Location

# A URL built by another module's function and requested here (`params = build_ga_params(request)`;
# `requests.get(params["utm_url"])`): each module says which of its functions return a URL that names a service,
# in itself or as a value of the dict they return, and the cross-file pass settles the call (python_project.py).
URL_BUILDERS_KEY = "py_url_builders"  # (module, {function: {dict key or "": the service its URL names}})
BUILT_URL_KEY = "py_built_url_calls"  # BuiltUrlCall
# before a BuiltUrlCall's builder: a method of an object the file cannot type (`client.create_refund_url(...)`),
# settled against the one class of the project whose method of that name returns a service's URL
METHOD_BUILDER = "@method:"


@dataclass(frozen=True)
class BuiltUrlCall:
    """An HTTP call whose URL another module's function returned; `builder` is that function, qualified as
    imported. `replaces` is the recipient the file pass named for it, if any (`unresolved_webhook`)."""

    builder: str
    key: str  # the key of the dict it returns that holds the URL ("" for the returned value itself)
    q: str
    args: tuple[ArgFacts, ...]
    location: Location
    evidence: str
    replaces: str = ""

_SENDING_VERBS = {"post", "put", "patch"}
_ANY_VERBS = _SENDING_VERBS | {"get", "delete", "request", "urlopen", "fetch", "stream", "Request"}
_PAYLOAD_KEYWORDS = {"json", "data", "params", "body", "content", "files", "fields", "bodyProducer"}
# Responses that send the browser elsewhere, and the keyword their URL may be given as
_REDIRECTS = {"django.http.HttpResponseRedirect": "redirect_to", "django.http.response.HttpResponseRedirect": "redirect_to",
              "django.http.HttpResponsePermanentRedirect": "redirect_to", "django.shortcuts.redirect": "to",
              "flask.redirect": "location", "werkzeug.utils.redirect": "location", "quart.redirect": "location",
              "starlette.responses.RedirectResponse": "url", "fastapi.responses.RedirectResponse": "url"}
# urllib's opener (`build_opener(handler).open(request)`): urlopen by another name
_OPENERS = ("urllib.request.build_opener", "urllib2.build_opener", "urllib.request.OpenerDirector",
            "urllib2.OpenerDirector")
_STDLIB = sys.stdlib_module_names
# a package's module that re-exports urllib's names across Python versions, and the names it re-exports
_COMPAT_MODULES = frozenset({"compat", "_compat", "compatibility", "py3compat", "six"})
_URLLIB_NAMES = frozenset({"urlopen", "Request", "build_opener"})
# the keywords an HTTP call authenticates by: the caller's credentials, never the person's data
_CREDENTIAL_KEYWORDS = frozenset({"auth", "headers"})
# A method named for the URL it makes (`create_refund_url`, `get_payment_url`, `build_url`): what it returns is a URL
_URL_METHOD = re.compile(r"(?:\w+_)?(?:url|uri|endpoint|link)")
_BUILTINS = frozenset(dir(builtins))
_URL_WRAPPERS = frozenset({"iri_to_uri", "str", "escape_uri_path"})
_BARE_HOST = re.compile(r"^[a-z][a-z0-9+.\-]*://[a-z0-9_\-]+(?::\d+)?(?:[/?#]|$)", re.IGNORECASE)  # no dot, no {}
# string methods that keep a URL's host (`uri.encode("utf8")`: Twisted's Agent takes bytes)
_SAME_URL = frozenset({"rstrip", "strip", "lstrip", "lower", "encode"})
_ENV_CALLS = {"getenv", "get", "env", "str", "url", "config", "getattr", "environ"}
_SETTINGS_OWNERS = ("settings", "config", "conf", "app.config", "current_app.config", "environ", "os.environ")

# Words that name a webhook destination in identifiers and paths. Only distinctive ones:
# "segment", "zoom", "teams", "square" and the like are ordinary words in code. They name a destination the
# catalogue's domains did not: a configured address or an unknown host, so a product that is mostly run on the
# organisation's own servers (Mattermost, GitLab, n8n) is its self-hosted instance, not the vendor's cloud.
CONTEXT_WORDS = {
    "slack": "slack", "discord": "discord", "msteams": "microsoft_teams", "mattermost": "mattermost_self_hosted",
    "telegram": "telegram", "googlechat": "google_chat", "gchat": "google_chat", "hangouts": "google_chat",
    "zapier": "zapier", "ifttt": "ifttt", "pipedream": "pipedream", "n8n": "n8n_self_hosted",
    "pagerduty": "pagerduty", "opsgenie": "opsgenie", "github": "github", "gitlab": "gitlab_self_managed",
    "jira": "atlassian",
    "trello": "trello", "asana": "asana", "notion": "notion", "airtable": "airtable", "clickup": "clickup",
    "hubspot": "hubspot", "salesforce": "salesforce", "pipedrive": "pipedrive", "zendesk": "zendesk",
    "intercom": "intercom", "freshdesk": "freshdesk", "mailchimp": "mailchimp", "sendgrid": "sendgrid",
    "mailgun": "mailgun", "postmark": "postmark", "twilio": "twilio", "mixpanel": "mixpanel",
    "posthog": "posthog", "amplitude": "amplitude", "sentry": "sentry", "datadog": "datadog",
    "rollbar": "rollbar", "stripe": "stripe", "pushover": "pushover", "onesignal": "onesignal",
    "webex": "webex", "statuspage": "statuspage", "splunk": "splunk", "shopify": "shopify",
    # marketing, messaging and analytics vendors whose names are no common word
    "braze": "braze", "appboy": "braze", "customerio": "customer_io", "klaviyo": "klaviyo", "brevo": "brevo",
    "sendinblue": "brevo", "mailjet": "mailjet", "sparkpost": "sparkpost", "mandrill": "mandrill",
    "zeptomail": "zoho_zeptomail",
    "plivo": "plivo", "vonage": "vonage", "nexmo": "vonage", "messagebird": "messagebird", "sinch": "sinch",
    "algolia": "algolia", "fullstory": "fullstory", "hotjar": "hotjar", "kissmetrics": "kissmetrics",
    "woopra": "woopra", "pendo": "pendo", "appcues": "appcues", "freshsales": "freshsales",
    "insightly": "insightly", "logrocket": "logrocket", "mailerlite": "mailerlite",
    "activecampaign": "activecampaign", "airship": "airship", "urbanairship": "airship",
    # payment providers (not `square` or `checkout`, which are common words)
    "paypal": "paypal", "braintree": "braintree", "adyen": "adyen", "mollie": "mollie", "paystack": "paystack",
    "flutterwave": "flutterwave", "gocardless": "gocardless", "klarna": "klarna", "worldpay": "worldpay",
    "midtrans": "midtrans", "mangopay": "mangopay", "recurly": "recurly", "razorpay": "razorpay",
    "authorizenet": "authorize_net", "textlocal": "textlocal", "txtlocal": "textlocal", "docusign": "docusign",
    # AI model vendors: a module or class named for one posts the user's prompts to it
    "openai": "openai", "anthropic": "anthropic", "claude": "anthropic", "mistral": "mistral", "cohere": "cohere",
    "perplexity": "perplexity", "deepgram": "deepgram", "elevenlabs": "elevenlabs", "gemini": "google_gemini",
    "groq": "groq", "pinecone": "pinecone",
    # identity providers: a class or module named for one posts the sign-in's codes and tokens to it
    "okta": "okta", "auth0": "auth0", "keycloak": "keycloak", "cognito": "aws_cognito", "fusionauth": "fusionauth",
    "onelogin": "onelogin", "descope": "descope", "frontegg": "frontegg", "stytch": "stytch", "workos": "workos",
}
# A code host's sign-in: `GithubOAuthProvider` posts the login's code to github.com/login, not to the code host's API
_LOGIN_OF = {"github": "github_login", "gitlab_self_managed": "gitlab_login"}
_LOGIN_WORDS = frozenset({"oauth", "oauth2", "auth", "login", "signin", "sso", "openid", "oidc", "token"})
_PAIRS = {("ms", "teams"): "microsoft_teams", ("microsoft", "teams"): "microsoft_teams",
          ("google", "chat"): "google_chat"}
_WORD = re.compile(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])")
_SEPARATORS = re.compile(r"[^A-Za-z0-9]+")
# GraphQL clients bound to a transport's URL, and the calls that send a document with its variables
_GRAPHQL_CLIENTS = frozenset({"gql.Client", "gql.client.Client"})
_GRAPHQL_SENDS = frozenset({"execute", "execute_async"})
# logging calls at the levels a vendor may receive (py_log_channels)
_LOG_METHODS = frozenset({"warning", "warn", "error", "exception", "critical", "fatal", "log"})

# what Sentry's integrations attach with send_default_pii: the request's IP and the user's id, e-mail, username
_IDENTITY = ("user.device.ip_address", "user.unique_id", "user.contact.email", "user.account.username")
_MARKUP = re.compile(r"<(?:script|img|iframe|link|noscript)\b", re.IGNORECASE)
_JS_SNIPPET = re.compile(r"createElement\(|function\s*\(|\.push\(")


_PERCENT = re.compile(r"%(?:\((\w+)\))?[-#0 +]*\d*(?:\.\d+)?[sdifrx]")
_SCHEMELESS = re.compile(r"[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:[/:?]|$)", re.IGNORECASE)
_BRACES = re.compile(r"\{(\w*)(?:[!:][^{}]*)?\}")
# a whole host ending in a top-level domain (`api.typeform.com`, not `api.` or `api.x`), localhost or an IP address,
# maybe with a port or a port's `:` (what follows is then the port)
_WHOLE_HOST = re.compile(r"((?:[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?\.)+[a-z]{2,}|localhost|\d{1,3}(?:\.\d{1,3}){3}"
                         r"|\[[0-9a-f:]+\])(?::\d*)?", re.IGNORECASE)


def _substitute(template: str, pattern: re.Pattern[str], named: dict[str, list[tuple[str, str]]],
                ordered: list[list[tuple[str, str]]]) -> list[tuple[str, str]]:
    """Fill %- or {}-placeholders with the parts of their values; what is not given stays unknown."""
    out: list[tuple[str, str]] = []
    at, index = 0, 0
    for match in pattern.finditer(template):
        out.append(("text", template[at:match.start()]))
        key = match.group(1) or ""
        if key and not key.isdigit():
            value = named.get(key)
        else:
            position = int(key) if key else index
            index += not key
            value = ordered[position] if position < len(ordered) else None
        out.extend(value or [("unknown", "")])
        at = match.end()
    out.append(("text", template[at:]))
    return [p for p in out if p != ("text", "")]


def words(text: str) -> list[str]:
    """`SLACK_WEBHOOK_URL`, `notifySlack`, `integrations/ms_teams/x.py` -> lower-case words."""
    return [w.lower() for w in _WORD.findall(text)]


def named_by(text: str) -> str | None:
    found = words(text)
    for a, b in zip(found, found[1:]):
        if (a, b) in _PAIRS:
            return _PAIRS[(a, b)]
    # a brand written in two capitals splits in two (`OpenAIClient`, `SendGridNotifier`): the pair joined names it
    joined = _joined(text)
    service = next((CONTEXT_WORDS[w] for w in (*found, *joined) if w in CONTEXT_WORDS), None)
    if service in _LOGIN_OF and _LOGIN_WORDS & set(found):
        return _LOGIN_OF[service]
    return service


# catalogue brands that are ordinary words of code as well (a matrix of numbers, transcend)
_NOT_BRANDS = frozenset({"matrix", "transcend"})


def brand_words(text: str) -> list[str]:
    """Each word of a name, and each two neighbours run together (`Przelewy24API` -> przelewy24, api;
    `GoogleMaps` -> google, maps, googlemaps): what a catalogue brand is looked up by."""
    return [*words(text), *_joined(text)]


def _joined(text: str) -> list[str]:
    """Neighbouring words run together, within one camel-case run only: `SendGridNotifier` spells sendgrid,
    while snake_case words stay apart (`def get_response`, Django's and Starlette's hook, is no GetResponse;
    `post_mark_read` no Postmark: audit15 #02)."""
    out: list[str] = []
    for run in _SEPARATORS.split(text):
        found = words(run)
        out += [a + b for a, b in zip(found, found[1:]) if len(a) > 1 and len(b) > 1]
    return out


def payload_shape(keys: set[str]) -> str | None:
    """The service a JSON body is shaped for: Slack blocks, Discord embeds, a Teams MessageCard."""
    if "@type" in keys or "themeColor" in keys or ("@context" in keys and "sections" in keys):
        return "microsoft_teams"
    if "cardsV2" in keys or "cards_v2" in keys:
        return "google_chat"
    if "embeds" in keys or ("content" in keys and keys & {"avatar_url", "tts"}):
        return "discord"
    if "blocks" in keys or ("text" in keys and keys & {"icon_emoji", "icon_url", "mrkdwn", "unfurl_links", "channel"}):
        return "slack"
    return None


def _dict_keys(node: cst.BaseExpression | None) -> set[str]:
    if not isinstance(node, cst.Dict):
        return set()
    return {k for e in node.elements if isinstance(e, cst.DictElement) and (k := string(e.key))}


# What a request says of itself: a redirect there goes back to the app's own page (`redirect(request.path)`)
_OWN_PAGE = re.compile(r"request\.(?:path|path_info|get_full_path|build_absolute_uri|url|full_path|base_url)\b")


def _wrapped(expr: cst.BaseExpression) -> cst.BaseExpression | None:
    """The URL a wrapper call is given (`iri_to_uri(url)`, `str(url)`), None when `expr` is no such call."""
    if isinstance(expr, cst.Call) and expr.args and last(dotted(expr.func) or "") in _URL_WRAPPERS:
        return expr.args[0].value
    return None


def _own_page(url: cst.BaseExpression) -> bool:
    """A URL that is the current request's own (`request.path`, `request.get_full_path()`), not a service's."""
    while (inner := _wrapped(url)) is not None:
        url = inner
    return bool(_OWN_PAGE.fullmatch(code(url).replace("()", "")))


def _truthy(node: cst.BaseExpression | None) -> bool | None:
    """True/False for a literal switch, None for anything decided at run time."""
    if isinstance(node, cst.Name) and node.value in ("True", "False", "None"):
        return node.value == "True"
    if isinstance(node, cst.Integer):
        return node.value != "0"
    text = string(node) if node is not None else None
    if text is not None:
        return text.strip().lower() in ("1", "true", "yes", "on")
    return None


class SharingVisitor(Batchable):
    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.params: list[dict[str, str | None]] = []  # per enclosing function: name -> literal default
        self.values: list[dict[str, cst.BaseExpression]] = [{}]  # local name -> last value assigned
        self.payloads: list[dict[str, set[str]]] = [{}]  # local name -> dict keys it holds
        self.class_static: list[dict[str, str]] = []  # self.x -> the known URL text it holds, per class
        self.class_names: list[str] = []
        self.built: list[tuple[str, str]] = []  # (URL, service) of the URLs built from parts and named
        self.bases: list[tuple[str, int]] = []  # (base URL, line) of literal bases on a host serving two services
        # module function -> the URL it returns, read in its own scope (`_url(path)`: urljoin(API_ROOT, path))
        self.endpoints: dict[str, list[tuple[str, str]]] = {}
        # module function -> {dict key or "": the service a URL it returns, or holds under that key, names}
        self.url_builders: dict[str, dict[str, str]] = {}
        # HTTP clients bound to a base URL (`self.client = httpx.Client(base_url=settings.API)`): name -> where the
        # base URL comes from, read where the client is made (a constructor's parameters are known there only).
        # Per class for `self.x`; per function (and the module) for plain names.
        self.class_clients: list[dict[str, tuple[str, str]]] = []
        self.clients: list[dict[str, tuple[str, str]]] = [{}]

    # -- tracker snippets in strings ------------------------------------------------------------------
    def visit_Expr(self, node: cst.Expr) -> None:
        self.docstring = node.value  # a bare string statement is documentation

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        if node.value[1:10].startswith(("https://", "http://", "'https://", '"https://')):
            self._note_base(node)
        if node is getattr(self, "docstring", None) or len(node.value) < 40:
            return
        value = string(node)
        if value is None or "//" not in value:
            return
        if value.startswith("//") and " " not in value:  # placeholder_url='//cdn.vendor.net/...'
            service = script_service(value, self.ctx.catalogue)
            if service:
                self.ctx.use(service, "script", node, "medium")
            return
        is_js = _MARKUP.search(value) is None
        if is_js and (len(value) <= 200 or not _JS_SNIPPET.search(value)):
            return  # short URLs are the services visitor's; long prose is nobody's
        found, _ = scan_markup(value, self.ctx.path, self.ctx.catalogue, self.ctx.loc(node).line, is_js)
        self.ctx.result.services.extend(found)

    # -- URLs built as f-strings, wherever they are ------------------------------------------------------
    def visit_FormattedString(self, node: cst.FormattedString) -> None:
        """`f"https://login.microsoftonline.com/{self.tenant}/oauth2/v2.0/authorize"` in a returned dict, or
        `f"{self.base_url}/me"` with a class's literal base: a static scheme and host name the service,
        whatever the path. A host that is a placeholder names nothing."""
        first = node.parts[0] if node.parts else None
        if isinstance(first, cst.FormattedStringText):
            if not first.value.startswith(("https://", "http://", "wss://")):
                return
        elif not (isinstance(first, cst.FormattedStringExpression) and isinstance(first.expression, (cst.Name, cst.Attribute))):
            return
        self._built_url(node)

    def _built_url(self, node: cst.FormattedString | cst.Call) -> None:
        origin = self._origin(node)
        if origin is None or origin[0] != "static" or "://" not in origin[1]:
            return
        service = url_service(origin[1], self.ctx.catalogue)
        if service:
            self.ctx.use(service, "domain", node, "medium")
            self.built.append((origin[1], service))
        elif (loaded := script_service(origin[1], self.ctx.catalogue, loaded_only=True)) is not None:
            # f"https://embed.tawk.to/{site_id}/{widget_id}": a widget's or tracker's script the page will load
            self.ctx.use(loaded, "script", node, "medium")

    def _note_base(self, node: cst.SimpleString) -> None:
        """A base URL (`https://graph.facebook.com/v19.0`) on a host that serves two services."""
        value = string(node) or ""
        split = split_url(value)
        if split and split[0] in self.ctx.catalogue.path_hosts and all(s == "*" for s in path_segments(split[1])):
            self.bases.append((value.rstrip("/"), self.ctx.loc(node).line))

    def leave_Module(self, original_node: cst.Module) -> None:
        """A base URL names what the URLs built on it name: the host alone cannot tell the sign-in
        (`{base}/oauth/access_token`, `{base}/me`) from the API, so its host's service is dropped
        when every URL this file builds on it names another service."""
        if self.url_builders:
            self.ctx.defer(URL_BUILDERS_KEY, (self.ctx.module, dict(self.url_builders)))
        for base, line in self.bases:
            named = {service for url, service in self.built if url.startswith(base + "/")}
            host_service = url_service(base, self.ctx.catalogue)
            if named and host_service not in named:
                self.ctx.result.services = [u for u in self.ctx.result.services if not (
                    u.service == host_service and u.location.line == line and u.signal == "domain")]

    # -- scopes -------------------------------------------------------------------------------------
    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        p = node.params
        names = {x.name.value: (self._default(x.default) if x.default is not None else None)
                 for x in (*p.posonly_params, *p.params, *p.kwonly_params)}
        for star in (p.star_arg, p.star_kwarg):
            if isinstance(star, cst.Param):
                names[star.name.value] = None
        names.pop("self", None)
        names.pop("cls", None)
        self.params.append(names)
        self.values.append({})
        self.payloads.append({})
        self.clients.append({})

    def _default(self, node: cst.BaseExpression) -> str | None:
        """A parameter's default as text: a literal, a module constant or the class's own (`endpoint=_action`)."""
        text = self.ctx.constant(node)
        if text is None and isinstance(node, cst.Name) and self.class_static and self.ctx.scopes[-2].kind == "class":
            text = self.class_static[-1].get(f"self.{node.value}")
        return text

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        # def get_ticket_endpoint(): return urljoin(settings.ZENDESK_BASE_URL, "/api/v2/tickets.json")
        body = original_node.body
        self._property_url(original_node)
        method = len(self.ctx.scopes) == 3 and self.ctx.scopes[-2].kind == "class" and bool(self.class_names)
        last_line = body.body[-1] if (len(self.ctx.scopes) == 2 or method) and isinstance(body, cst.IndentedBlock) \
            and body.body else None
        ret = last_line.body[0] if isinstance(last_line, cst.SimpleStatementLine) else None
        if isinstance(ret, cst.Return) and ret.value is not None:
            urls = self._returned_urls(ret.value)
            if method:  # `def create_refund_url(self, ...): ...; return self.gateway + query` (heldout19's alipay)
                if urls:
                    self.url_builders[f"{self.class_names[-1]}.{original_node.name.value}"] = urls
            else:
                if urls:
                    self.url_builders[original_node.name.value] = urls
                parts = self._template(ret.value)
                if parts is not None:
                    # its parameters are whatever each caller gives: unknown parts, as a path is
                    self.endpoints[original_node.name.value] = [
                        ("unknown", "") if kind == "dynamic" and text.startswith("argument ") else (kind, text)
                        for kind, text in parts]
        self.params.pop()
        self.values.pop()
        self.payloads.pop()
        self.clients.pop()

    def _property_url(self, node: cst.FunctionDef) -> None:
        """`@property def _api_url(self): return f"{self._base_url}/chat/completions"`, with `self._base_url = api_url
        or BASE` in the constructor: `self._api_url` is that URL, as an attribute so assigned would be (audit14 #05,
        pgAdmin's AI providers)."""
        if not self.class_static or len(self.ctx.scopes) < 2 or self.ctx.scopes[-2].kind != "class":
            return
        if not any(last(dotted(d.decorator) or "") in ("property", "cached_property") for d in node.decorators):
            return
        body = node.body
        line = body.body[-1] if isinstance(body, cst.IndentedBlock) and body.body else None
        if isinstance(line, cst.SimpleStatementLine) and isinstance(ret := line.body[0], cst.Return) and ret.value:
            origin = self._origin(ret.value)
            if origin is not None and origin[0] == "static" and "//" in origin[1]:
                self.class_static[-1][f"self.{node.name.value}"] = origin[1]

    def _returned_urls(self, value: cst.BaseExpression) -> dict[str, str]:
        """The services the URLs a function returns name: the value itself (""), or the values of a returned
        dict by key (`return {"utm_url": utm_url, ...}` with `utm_url` built on the collector's address)."""
        if isinstance(value, cst.Dict):
            pairs = [(string(e.key), e.value) for e in value.elements if isinstance(e, cst.DictElement)]
        else:
            pairs = [("", value)]
        out: dict[str, str] = {}
        for key, item in pairs:
            origin = self._origin(item) if key is not None else None
            if origin is not None and origin[0] == "static" and "//" in origin[1]:
                if service := url_service(origin[1], self.ctx.catalogue):
                    out[key or ""] = service
        return out

    def _built_by(self, url: cst.BaseExpression | None, depth: int = 0) -> tuple[str, str] | None:
        """(function, key) when a URL is what a function returned, or the value under `key` of the dict it
        returned: `params = build_ga_params(request); requests.get(params.get("utm_url"))`, through locals."""
        if url is None or depth > 4:
            return None
        if isinstance(url, cst.Name):
            return self._built_by(self.values[-1].get(url.value), depth + 1)
        key, base = "", url  # type: str, cst.BaseExpression | None
        if isinstance(url, cst.Subscript) and len(url.slice) == 1 and isinstance(url.slice[0].slice, cst.Index):
            key, base = string(url.slice[0].slice.value) or "", url.value
        elif isinstance(url, cst.Call) and isinstance(url.func, cst.Attribute) and url.func.attr.value == "get" \
                and url.args and url.args[0].keyword is None:
            key, base = string(url.args[0].value) or "", url.func.value
        if not key and base is not url:
            return None
        if isinstance(base, cst.Name) and base is not url:
            base = self.values[-1].get(base.value)
        if isinstance(base, cst.Call) and isinstance(base.func, cst.Attribute) and _URL_METHOD.fullmatch(
                base.func.attr.value) and (dotted(base.func.value) or "self").partition(".")[0] != "self" \
                and not self.ctx.sdk(self.ctx.qualify(base.func) or ""):
            return METHOD_BUILDER + base.func.attr.value, key  # url = client.create_refund_url(order.out_no, ...)
        if not isinstance(base, cst.Call) or not isinstance(base.func, cst.Name):
            return None
        name = base.func.value
        if name in self.url_builders:
            return name, key
        q = self.ctx.qualify(base.func) or ""
        return (q, key) if "." in q and not self.ctx.sdk(q) else None

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.class_names.append(node.name.value)
        self.class_static.append({})
        self.class_clients.append({})

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self.class_names.pop()
        self.class_static.pop()
        self.class_clients.pop()

    def visit_WithItem(self, node: cst.WithItem) -> None:
        # async with httpx.AsyncClient(base_url=settings.API_URL) as client: client.post("/v1/x", ...)
        if node.asname is not None and isinstance(node.asname.name, cst.Name):
            self._client_base(node.asname.name.value, node.item)

    def _client_base(self, name: str, value: cst.BaseExpression) -> None:
        """Remember where an HTTP client made with a base URL sends its relative calls; forget a name rebound."""
        table = self.class_clients[-1] if name.startswith("self.") and self.class_clients else self.clients[-1]
        origin = self._base_of(value)
        if origin is not None:
            table[name] = origin
        else:
            table.pop(name, None)

    def _base_of(self, value: cst.BaseExpression) -> tuple[str, str] | None:
        if isinstance(value, cst.Await):
            value = value.expression
        if not isinstance(value, cst.Call):
            return None
        q = self.ctx.qualify(value.func) or ""
        if q in CONNECTIONS:  # http.client.HTTPSConnection("api.x.com"): `conn.request("POST", path, body)` goes there
            host = arg(value, 0, "host")
            origin = self._where(host) if host is not None else None
            if origin is not None and origin[0] == "static" and "//" not in origin[1]:
                return None  # HTTPConnection("localhost"): a machine of the app's own network
            return origin
        if q in _GRAPHQL_CLIENTS:
            # gql's `Client(transport=RequestsHTTPTransport(url="https://api.monday.com/v2"))`: its queries go to the
            # transport's URL (audit15 #17)
            transport = arg(value, 99, "transport")
            if isinstance(transport, cst.Name):
                transport = self.values[-1].get(transport.value) or self.values[0].get(transport.value)
            if isinstance(transport, cst.Call) and (self.ctx.qualify(transport.func) or "").startswith("gql.transport."):
                url = arg(transport, 0, "url")
                return self._where(url) if url is not None else None
            return None
        if q not in BASE_URL_CLIENTS:
            return None
        base = arg(value, BASE_URL_CLIENTS[q], "base_url")
        return self._where(base) if base is not None else None

    def _relative_to_client(self, func: cst.BaseExpression, origin: tuple[str, str] | None) \
            -> tuple[str, str] | None:
        """`client.post("/v1/x")` on a client made with a base URL: the base and the path, or the base's
        configured origin; ("named", client) when py_services named the client's literal base already
        (`httpx.Client(base_url="https://api.x")`). None when the call names its own host or its client has no known
        base. A path given as an argument (`def send(self, path, data): self.client.post(path, json=data)`, the usual
        API-client helper) is relative to the base as a literal path is."""
        if not isinstance(func, cst.Attribute) or (origin is not None and "//" in origin[1]):
            return None
        if origin is not None and origin[0] != "static" and not origin[1].startswith("argument "):
            return None
        name = dotted(func.value) or ""
        table = self.class_clients[-1] if name.startswith("self.") and self.class_clients else self.clients[-1]
        base = table.get(name) or (self.clients[0].get(name) if "." not in name else None)
        if base is None:
            return None
        if self.ctx.lookup("services", name):
            return "named", name
        if origin is not None and origin[0] != "static":
            return base
        if base[0] == "static":
            path = origin[1] if origin is not None else ""
            return "static", base[1].rstrip("/") + "/" + path.lstrip("/") if path else base[1]
        return base

    # -- assignments: what a local holds ------------------------------------------------------------------
    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            self._assign(target.target, node.value)
        if len(self.ctx.scopes) == 1 and len(node.targets) == 1:
            name = dotted(node.targets[0].target)
            if name == "ROLLBAR" and isinstance(node.value, cst.Dict):  # Django: ROLLBAR = {...}
                self._rollbar(node, {k: e.value for e in node.value.elements
                                     if isinstance(e, cst.DictElement) and (k := string(e.key))}, "ROLLBAR", "setting")

    def visit_Dict(self, node: cst.Dict) -> None:
        # LOGGING = {"handlers": {"rollbar": {"class": "rollbar.logger.RollbarHandler", "level": "ERROR"}}}
        if any(isinstance(e, cst.DictElement) and string(e.key) == "class" for e in node.elements):
            configured_handler(self.ctx, node)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is not None:
            self._assign(node.target, node.value)

    def visit_For(self, node: cst.For) -> None:
        # `for url in settings.WEBHOOK_URLS:` (helpdesk's webhooks): each URL is from where the list is; the name
        # holds the list's expression, which only `_template` reads (a URL is what it is an element of)
        if isinstance(node.target, cst.Name) and self.ctx.in_function:
            self.values[-1][node.target.value] = node.iter

    def _assign(self, target: cst.BaseExpression, value: cst.BaseExpression) -> None:
        if isinstance(target, cst.Subscript):  # payload["blocks"] = [...]
            base = dotted(target.value)
            element = target.slice[0].slice if len(target.slice) == 1 else None
            key = string(element.value) if isinstance(element, cst.Index) else None
            if base and key:
                self.payloads[-1].setdefault(base, set()).add(key)
            if key and key.lower() == "location" and self.ctx.in_function:
                # response["Location"] = url (or a redirect class's own self["Location"]): the browser goes there
                self._redirect_to(target, value, "Location")
            return
        name = dotted(target)
        if name is None:
            return
        if name.startswith("self.") and name.count(".") == 1 and self.class_static:
            origin = self._origin(value)  # self.endpoint = endpoint (default "https://api.x.com")
            if origin is not None and origin[0] == "static":
                self.class_static[-1][name] = origin[1]
            else:
                self.class_static[-1].pop(name, None)
        if self.ctx.scopes[-1].kind == "class" and isinstance(target, cst.Name) and self.class_static:
            origin = self._origin(value)
            text = origin[1] if origin is not None and origin[0] == "static" else None
            if text is not None:  # class attribute: base_url = "https://...", or os.environ.get(K, "https://...")
                self.class_static[-1][f"self.{name}"] = text
        self.values[-1][name] = value
        self.payloads[-1][name] = _dict_keys(value)
        if self.ctx.in_function or self.ctx.scopes[-1].kind == "module":
            self._client_base(name, value)
        elif self.ctx.scopes[-1].kind == "class" and isinstance(target, cst.Name):
            self._client_base(f"self.{name}", value)  # class attribute: client = httpx.Client(base_url=...)

    # -- where a URL comes from -------------------------------------------------------------------------
    def _origin(self, expr: cst.BaseExpression | None) -> tuple[str, str] | None:
        """("dynamic", what) when the URL's host is decided at run time; ("static", url) when known; None: untraceable.

        The URL is read as parts (`_template`); only the host matters. `f"{scheme}://{self.host}/x"`
        is dynamic whatever the scheme, `"https://api.%(endpoint)s/v1" % {"endpoint": self.endpoint}`
        is static once `self.endpoint` has a known default, and `"https://%s.blob.core.windows.net" % name`
        keeps its literal domain suffix.
        """
        parts = self._template(expr) if expr is not None else None
        if parts is None:
            return None
        if all(kind == "text" for kind, _ in parts):
            return ("static", "".join(text for _, text in parts))
        joined = "".join(text if kind == "text" else ("\x01" if kind == "dynamic" else "\x00") for kind, text in parts)
        dynamic = [text for kind, text in parts if kind == "dynamic"]
        scheme = joined.find("://")
        if scheme < 0:
            if parts[0][0] == "dynamic":
                return ("dynamic", parts[0][1])  # the whole URL is configured
            return ("static", joined.replace("\x00", "{}").replace("\x01", "{}")) if parts[0][0] == "text" else None
        host = re.split(r"[/?#]", joined[scheme + 3:], maxsplit=1)[0]
        rest = host.lstrip("\x00\x01")
        if rest != host and rest.startswith(".") and not {"\x00", "\x01"} & set(rest) \
                and self.ctx.catalogue.by_host("x" + rest):
            return ("static", "https://x" + rest + "/")  # %s.blob.core.windows.net: the literal suffix names the provider
        lead = re.split(r"[\x00\x01]", host, maxsplit=1)[0]
        if lead != host and (whole := _WHOLE_HOST.fullmatch(lead)):
            # `f"{self.BASE}{path}"`, `API_HOST + path` with BASE = "https://api.typeform.com": a literal that is a
            # whole origin names the host; what is appended is the path (a base URL is mostly written without "/").
            # `f"http://127.0.0.1:{port}/x"`: only the port is configured
            tail = joined[scheme + 3 + len(lead) + (1 if lead.endswith(":") else 0):]
            tail = tail.replace("\x00", "{}").replace("\x01", "{}").lstrip("/")
            return ("static", joined[: scheme + 3] + whole.group(1) + "/" + tail)
        if "\x01" in host:  # the host, or part of it, comes from configuration or an argument
            index = joined[: scheme + 3 + host.index("\x01")].count("\x01")
            return ("dynamic", dynamic[index] if index < len(dynamic) else code(expr))  # type: ignore[arg-type]
        if "\x00" in host:
            return None
        return ("static", joined.replace("\x00", "{}"))

    def _template(self, expr: cst.BaseExpression, depth: int = 0) -> list[tuple[str, str]] | None:
        """A URL as ("text", s), ("dynamic", what) and ("unknown", "") parts; None when nothing is traceable."""
        if depth > 6:
            return None
        nxt = depth + 1
        text = self.ctx.constant(expr)
        if text is None:
            text = bytes_text(expr)  # Agent(reactor).request(b"POST", b"https://...")
        if text is not None:
            return [("text", text)]
        if isinstance(expr, cst.Await):
            return self._template(expr.expression, nxt)
        if isinstance(expr, cst.FormattedString):
            out: list[tuple[str, str]] = []
            for part in expr.parts:
                if isinstance(part, cst.FormattedStringText):
                    out.append(("text", part.value))
                elif isinstance(part, cst.FormattedStringExpression):
                    out.extend(self._template(part.expression, nxt) or [("unknown", "")])
            return out
        # `base + "/track"`, and strings written side by side (`f"{base}/api/v1/" f"events"`)
        if isinstance(expr, cst.ConcatenatedString) or (
                isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Add)):
            left = self._template(expr.left, nxt)
            if left is None:
                return None
            return left + (self._template(expr.right, nxt) or [("unknown", "")])
        if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Modulo):
            return self._percent(expr, nxt)
        if isinstance(expr, cst.IfExp):
            body, orelse = self._template(expr.body, nxt), self._template(expr.orelse, nxt)
            return body if body == orelse else None
        if isinstance(expr, cst.BooleanOperation) and isinstance(expr.operator, cst.Or):
            fallback = self._template(expr.right, nxt)  # `base_url or self.base_url`: the literal default, like a
            if fallback is not None and all(kind == "text" for kind, _ in fallback):  # parameter's default value
                return fallback
            return None
        if isinstance(expr, cst.Name):
            name = expr.value
            if self.params and name in self.params[-1]:
                default = self.params[-1][name]  # endpoint="https://api.sofort.com/api/xml"
                if default is not None:
                    return [("text", default)]
                # `if not api_url: api_url = getattr(settings, "CASTLE_API_URL", "https://api.castle.io/v1/")`: a
                # parameter the function sets to a literal URL when not given is that default, as `api_url or URL` is
                assigned = self.values[-1].get(name)
                fallback = self._template(assigned, nxt) if assigned is not None else None
                if fallback is not None and all(kind == "text" for kind, _ in fallback) \
                        and "//" in "".join(text for _, text in fallback):
                    return fallback
                return [("dynamic", f"argument {name}")]
            local = self.values[-1].get(name) if self.params else None
            if local is None and self.params and self.ctx.lookup("taint", name) is None:
                local = self.values[0].get(name)  # SLACK_WEBHOOK = os.environ["SLACK_WEBHOOK_URL"] at module level
            if local is not None:
                return self._template(local, nxt)
            q = self.ctx.qualify(expr)
            if q and q.rpartition(".")[0].endswith(("settings", "config", "conf")):
                if q.partition(".")[0] == self.ctx.module.partition(".")[0] and not (
                        self.ctx.catalogue.by_setting(name) or named_by(name)):
                    # `from turnstile.settings import VERIFY_URL`: the package's own module's constant (maybe a
                    # setting's literal default, which the cross-file pass resolves), not a setting naming nothing
                    return None
                return [("dynamic", f"setting {last(q)}")]
            return None
        if isinstance(expr, cst.Attribute):
            name = dotted(expr) or ""
            owner = dotted(expr.value) or ""
            if name.startswith("self.") and self.class_static and name in self.class_static[-1]:
                return [("text", self.class_static[-1][name])]  # self.base_url = "https://api.x.com"
            if expr.attr.value.isupper() and (owner.endswith(_SETTINGS_OWNERS) or self._is_settings(expr.value)):
                return [("dynamic", f"setting {expr.attr.value}")]
            q = self.ctx.qualify(expr)
            if q and q.count(".") >= 1 and expr.attr.value.isupper():
                return None  # another module's constant: maybe a literal URL the cross-file pass resolves
            if isinstance(expr.value, cst.Call):
                return None
            return [("dynamic", f"attribute {name or code(expr)}")]
        if isinstance(expr, cst.Subscript):
            return [("dynamic", code(expr))]
        if isinstance(expr, cst.Call):
            func = dotted(expr.func) or ""
            if isinstance(expr.func, cst.Attribute) and expr.func.attr.value == "format":
                return self._format(expr, nxt)
            if isinstance(expr.func, cst.Attribute) and expr.func.attr.value in _SAME_URL:
                return self._template(expr.func.value, nxt)  # (api_url or DEFAULT_API_BASE_URL).rstrip("/")
            if (inner := _wrapped(expr)) is not None:
                return self._template(inner, nxt)  # iri_to_uri(SUBSCRIBE_URL % params)
            if last(func) in ("urljoin", "join") and expr.args:
                base = self._template(expr.args[0].value, nxt)
                tail = string(expr.args[1].value) if len(expr.args) == 2 and last(func) == "urljoin" else None
                if base is not None and tail is not None and all(kind == "text" for kind, _ in base):
                    return [("text", urljoin("".join(t for _, t in base), tail))]  # urljoin(BASE, "/oauth/token")
                return base + [("unknown", "")] if base is not None else None
            if last(func) in _ENV_CALLS and (func.startswith(("os.", "env", "environ", "config", "settings", "app.config",
                                                              "current_app.config")) or func == "getattr"):
                # getattr(settings, "TXTLOCAL_ENDPOINT", "https://www.txtlocal.com/..."): configurable, but the
                # default names where it goes unless configured otherwise, as a parameter's default does
                given = [a for a in expr.args if a.keyword is None]
                unset = (given[2].value if func == "getattr" and len(given) > 2 else given[1].value if
                         func != "getattr" and len(given) > 1 else arg(expr, 99, "default"))
                literal = string(unset) if unset is not None else None
                if literal and "//" in literal:
                    return [("text", literal)]
                return [("dynamic", code(expr))]
            if (isinstance(expr.func, cst.Attribute) and expr.func.attr.value.isupper()
                    and ((dotted(expr.func.value) or "").endswith(_SETTINGS_OWNERS) or self._is_settings(expr.func.value))):
                return [("dynamic", f"setting {expr.func.attr.value}")]  # settings.WEBHOOK_URLS(): configured
            if func.startswith(("self.", "cls.")):
                # self._send_url(), self.endpoint("send"), self.config.get("URL"): the object builds or holds its
                # endpoint, configured at run time
                return [("dynamic", f"call {code(expr)}")]
            if func in self.endpoints:  # get_ticket_endpoint(), _url(href): what this module's function returns
                return self.endpoints[func]
            return None
        return None

    def _value(self, expr: cst.BaseExpression, depth: int) -> list[tuple[str, str]]:
        return self._template(expr, depth) or [("unknown", "")]

    def _percent(self, expr: cst.BinaryOperation, depth: int) -> list[tuple[str, str]] | None:
        """`"https://api.%(endpoint)s/v1" % {"endpoint": self.endpoint}`, `"https://%s/x" % host`."""
        left = self._template(expr.left, depth)
        if left is None:
            return None
        if not all(kind == "text" for kind, _ in left):
            return left + [("unknown", "")]
        right = expr.right
        named: dict[str, list[tuple[str, str]]] = {}
        ordered: list[list[tuple[str, str]]] = []
        if isinstance(right, cst.Dict):
            named = {k: self._value(e.value, depth) for e in right.elements
                     if isinstance(e, cst.DictElement) and (k := string(e.key))}
        elif isinstance(right, cst.Tuple):
            ordered = [self._value(e.value, depth) for e in right.elements]
        else:
            ordered = [self._value(right, depth)]
        return _substitute("".join(t for _, t in left), _PERCENT, named, ordered)

    def _format(self, call: cst.Call, depth: int) -> list[tuple[str, str]] | None:
        """`"https://{host}.api.x.com/{id}".format(host=..., id=...)`."""
        assert isinstance(call.func, cst.Attribute)
        base = self._template(call.func.value, depth)
        if base is None or not all(kind == "text" for kind, _ in base):
            return None
        positional = [self._value(a.value, depth) for a in call.args if a.keyword is None and not a.star]
        named = {a.keyword.value: self._value(a.value, depth) for a in call.args if a.keyword is not None}
        return _substitute("".join(t for _, t in base), _BRACES, named, positional)

    def _is_settings(self, node: cst.BaseExpression) -> bool:
        q = self.ctx.qualify(node) or ""
        return q.endswith(("settings", "config", "conf"))

    def visit_BinaryOperation(self, node: cst.BinaryOperation) -> None:
        """`return base + urlencode(data)` with `base = "https://secure.worldpay.com/wcc/purchase?"`: a catalogued
        service's URL whose query the code encodes carries that query to the service, whoever opens it (the
        browser sent to a hosted payment page, or a request); built from the function's parameters, it makes
        the function's summary, so the caller handing over the buyer's address is the flow."""
        query = node.right
        if not self.ctx.in_function or not isinstance(node.operator, cst.Add) or not isinstance(query, cst.Call) \
                or last(dotted(query.func) or "") != "urlencode":
            return
        origin = self._where(node.left)
        service = url_service(origin[1], self.ctx.catalogue) if origin and origin[0] == "static" else None
        if service is None:
            return
        found = [t for a in query.args for t in sources(self.ctx, a.value)]
        if real(found) or any(t[0].startswith(MARKER) for t in found):
            record_flows(self.ctx, node, service, "<query string>", found)

    # -- calls ------------------------------------------------------------------------------------------
    def visit_Call(self, node: cst.Call) -> None:
        q = self._session_base(self._canonical(self.ctx.qualify(node.func))) or self._verb_by_name(node.func)
        if self.params and not (q or "").startswith(HTTP_CLIENTS):
            self._handed_request(node, q)
        if isinstance(node.func, cst.Attribute) and node.func.attr.value == "format" and self.params:
            self._loaded_url(node, [a.value for a in node.args])
        if isinstance(node.func, cst.Attribute) and node.func.attr.value in _GRAPHQL_SENDS and self.ctx.in_function:
            self._graphql(node, q or code(node.func))
        if isinstance(node.func, cst.Attribute) and node.func.attr.value in _LOG_METHODS:
            log_call(self.ctx, node, q)
        if isinstance(node.func, cst.Attribute) and node.func.attr.value == "addHandler" or q == "logging.basicConfig":
            added_handlers(self.ctx, node, q or code(node.func), {**self.values[0], **self.values[-1]})
        if q is None:
            return
        if q == "sentry_sdk.init":
            options = self._options(node)
            if _truthy(options.get("send_default_pii")):
                self._switch(node, "sentry", _IDENTITY, "send_default_pii=True", q)
            sentry_init(self.ctx, node, options)
            return
        if q == "rollbar.init":
            self._rollbar(node, self._options(node), q)
            return
        if q == "urllib.parse.urljoin":
            self._built_url(node)  # urljoin(self.base_url, "/oauth/token")
        elif q.startswith(HTTP_CLIENTS) and last(q) in _ANY_VERBS:
            self._http(node, q)
        elif q.startswith(_OPENERS) and last(q) == "open":
            self._http(node, "urllib.request.urlopen")  # build_opener(...).open(request): urlopen's own reading
        elif q in _REDIRECTS and self.ctx.in_function:
            self._redirect(node, q)
        elif q in MESSAGE_CLASSES and self.ctx.in_function:
            # EmailMessage(to=[user.email]): the data goes in here; `.send()` is the catalogue's signal,
            # but a message built from a person's data is one sent to the SMTP server
            found = call_flows(self.ctx, node, q, MESSAGE_CLASSES[q])
            if real(found):
                self.ctx.use(MESSAGE_CLASSES[q], "call", node, "medium")
            record_flows(self.ctx, node, MESSAGE_CLASSES[q], q, found)

    def _graphql(self, node: cst.Call, q: str) -> None:
        """`client.execute(doc, variable_values={"email": user.email})` on a gql client whose transport's URL is
        known: the variables are sent there, as an HTTP body's are."""
        assert isinstance(node.func, cst.Attribute)
        name = dotted(node.func.value) or ""
        table = self.class_clients[-1] if name.startswith("self.") and self.class_clients else self.clients[-1]
        base = table.get(name) or (self.clients[0].get(name) if "." not in name else None)
        if base is None or base[0] != "static" or "//" not in base[1]:
            return
        service = url_service(base[1], self.ctx.catalogue)
        found = call_flows(self.ctx, node, q, service) if service else []
        if service and (real(found) or any(t[0].startswith(MARKER) for t in found)):
            self.ctx.use(service, "domain", node, "medium")
            record_flows(self.ctx, node, service, q, found)

    def _verb_by_name(self, func: cst.BaseExpression) -> str | None:
        """`getattr(requests, http_verb)(url, headers=headers, json=payload)` (flask-opsgenie): the HTTP client's
        verb chosen at run time. A literal verb is that verb; any other is read as a GET, which its body keywords
        (`json=`, `data=`) make a send, as they do a `request` whose method is unknown."""
        if not (isinstance(func, cst.Call) and dotted(func.func) == "getattr" and len(func.args) >= 2):
            return None
        owner = self.ctx.qualify(func.args[0].value) or ""
        if owner not in HTTP_CLIENTS:
            return None
        verb = string(func.args[1].value) or ""
        return f"{owner}.{verb if verb in _ANY_VERBS and verb != 'request' else 'get'}"

    def _options(self, node: cst.Call) -> dict[str, cst.BaseExpression]:
        """An SDK's options: its keywords and the keys of a dict spread into it (`opts["send_default_pii"] =
        True; sentry_sdk.init(dsn=dsn, **opts)`); a keyword given directly wins."""
        options: dict[str, cst.BaseExpression] = {}
        for a in node.args:
            if a.star == "**":
                options.update(spread_pairs(self.ctx, a.value))
        options.update((a.keyword.value, a.value) for a in node.args if a.keyword is not None)
        return options

    def _switch(self, node: cst.CSTNode, service: str, categories: tuple[str, ...], why: str, where: str,
                signal: str = "call") -> None:
        self.ctx.use(service, signal, node, "high")
        location, evidence = self.ctx.loc(node), code(node)
        for category in categories:
            self.ctx.result.flows.append(Flow(category, service, location, (why, where), evidence))

    def _rollbar(self, node: cst.CSTNode, options: dict[str, cst.BaseExpression], where: str,
                 signal: str = "call") -> None:
        sent = []
        capture_ip = options.get("capture_ip")
        if capture_ip is None or _truthy(capture_ip) is not False:  # "anonymize" reads as False
            sent.append("user.device.ip_address")  # rollbar's default: capture_ip=True
        if _truthy(options.get("capture_email")):
            sent.append("user.contact.email")
        if _truthy(options.get("capture_username")):
            sent.append("user.account.username")
        why = ", ".join(f"{k}={code(v)}" for k, v in options.items() if k.startswith("capture_")) or "capture_ip default"
        self._switch(node, "rollbar", tuple(sent), why, where, signal)

    def _http(self, node: cst.Call, q: str) -> None:
        verb = last(q)
        if verb == "Request":
            return  # built here, sent by the urlopen() that takes it
        # httpx.request(**kwargs) with kwargs = {"url": ..., "method": "POST", "json": {...}}
        options = self._options(node)
        keywords = set(options)
        given_method = arg(node, 0 if verb == "request" else 99, "method") or options.get("method")
        method = string(given_method) or bytes_text(given_method)
        positional = [a for a in node.args if a.keyword is None and not a.star]
        sends = (verb in _SENDING_VERBS or (method or "").lower() in _SENDING_VERBS
                 or bool(keywords & _PAYLOAD_KEYWORDS) or (verb == "urlopen" and len(positional) > 1))
        url = arg(node, 1 if verb == "request" else 0, "url") or options.get("url")
        if isinstance(url, cst.Name) and self.params:  # request = Request(url, data=...); urlopen(request)
            held = self.values[-1].get(url.value)
            if isinstance(held, cst.Call) and last(dotted(held.func) or "") == "Request":
                given = arg(held, 0, "url")
                if given is not None and self._catalogued(given):
                    return  # a catalogued literal URL: reported where the Request is built (py_services)
                url = held
        if isinstance(url, cst.Call) and last(dotted(url.func) or "") == "Request":  # urlopen(Request(url, data))
            sends = sends or len(url.args) > 1 or any(a.keyword and a.keyword.value == "data" for a in url.args)
            url = arg(url, 0, "url")
        self._send(node, q, url, sends)

    def _session_base(self, q: str | None) -> str | None:
        """`s.post(url, json=...)` with `s = ApiSession()` and `class ApiSession(requests.Session)` in this
        module: the HTTP client's own verb, unless the class defines it itself (then its own code runs)."""
        owner, _, verb = (q or "").rpartition(".")
        if not owner or q is None or q.startswith(HTTP_CLIENTS) or f"{last(owner)}.{verb}" in self.ctx.defined:
            return q
        record = next((c for c in self.ctx.classes if c.qualified == owner), None)
        base = next((b for b in record.bases if b.startswith(HTTP_CLIENTS) and last(b) in HTTP_SESSIONS), None) \
            if record is not None else None
        return f"{base}.{verb}" if base else q

    def _canonical(self, q: str | None) -> str | None:
        """urllib's names under the aliases packages give them: six's `moves` (`django.utils.six.moves.urllib.
        request.urlopen`) and a package's own compat module re-exporting them (django-gravatar2's `from .compat
        import Request, urlopen`, itself `try: from urllib.request import ... except ImportError: from urllib2`)."""
        if q is None:
            return None
        head, moved, rest = q.partition(".moves.urllib.")
        if moved:
            return f"urllib.{rest}"
        module, _, name = q.rpartition(".")
        if name in _URLLIB_NAMES and last(module) in _COMPAT_MODULES \
                and module.partition(".")[0] == self.ctx.module.partition(".")[0]:
            return f"urllib.request.{name}"
        return q

    def _loaded_url(self, node: cst.Call, values: list[cst.BaseExpression]) -> None:
        """`'{base}avatar/{hash}.jpg'.format(base=url_base, hash=email_hash)` with the base a setting's literal
        default (`GRAVATAR_URL = getattr(settings, "GRAVATAR_URL", "http://www.gravatar.com/")`): a URL the page
        loads (the catalogue's `scripts`), built with a person's data, is a flow to its service where it is built;
        built from the function's parameter, it makes the function's summary, so that a caller in another module
        (a template tag handing over `user.email`) is a flow there. A literal or f-string URL is py_snippets'."""
        origin = self._origin(node)
        if origin is None or origin[0] != "static" or "//" not in origin[1]:
            return
        service = script_service(origin[1], self.ctx.catalogue, loaded_only=True)
        found = [t for v in values for t in sources(self.ctx, v) if not t[0].startswith(KEY)]
        if service is not None and (real(found) or any(t[0].startswith(MARKER) for t in found)):
            record_flows(self.ctx, node, service, "<loaded URL>", found)

    def _catalogued(self, url: cst.BaseExpression) -> bool:
        """A literal URL of a catalogued service, which py_services reports where a Request is built; a literal
        host the catalogue does not know is left to this visitor (`unlisted_host`)."""
        text = self.ctx.constant(url)
        return text is not None and ("//" not in text or url_service(text, self.ctx.catalogue) is not None)

    def _handed_request(self, node: cst.Call, q: str | None) -> None:
        """`request = urllib.request.Request(self._api_url, data=body)`, then `urlopen_no_redirect(request,
        timeout=120)`: a Request built here and handed to another function (the project's helper, which opens
        it) is sent by that call, to where its URL goes, as `urlopen(request)` here would send it (audit12 #14).
        Not a library's function or a logger's (`logger.debug("%s", request)`)."""
        callee = last(q or dotted(node.func) or "")
        if not callee or callee in NOT_SENDERS or (q and (self.ctx.sdk(q) or q.partition(".")[0] in _STDLIB)) \
                or (q is None and isinstance(node.func, cst.Name) and callee in _BUILTINS):
            return
        for a in node.args:
            held = self.values[-1].get(a.value.value) if isinstance(a.value, cst.Name) else None
            if isinstance(held, cst.Call) and last(dotted(held.func) or "") == "Request" \
                    and (self.ctx.qualify(held.func) or "").startswith(HTTP_CLIENTS):
                url = arg(held, 0, "url")
                if url is None or self._catalogued(url):
                    return  # a catalogued literal URL: reported where the Request is built (py_services)
                sends = len(held.args) > 1 or any(k.keyword and k.keyword.value == "data" for k in held.args)
                self._send(node, q or callee, url, sends)
                return

    def _send(self, node: cst.Call, q: str, url: cst.BaseExpression | None, sends: bool) -> None:
        """An HTTP call to `url`, sending a body if `sends`: its recipient and the flows of what it carries."""
        origin = self._where(url)
        relative = self._relative_to_client(node.func, origin)
        if relative is not None and relative[0] == "named":
            return  # the client's catalogued base: py_services reports the call and what it carries
        if relative is not None:
            origin = relative
        parent = q.rpartition(".")[0]  # requests.get or a session's, not requests.structures.CaseInsensitiveDict.get
        client = parent in HTTP_CLIENTS or last(parent) in HTTP_SESSIONS
        if not sends and client and origin is not None and origin[0] == "static" and self.ctx.in_function \
                and url is not None and real(list(sources(self.ctx, url))):
            sends = True  # urlopen(f"https://.../sendPush?text={ip}"): a GET whose URL carries a person's data sends it
        built = self._built_by(url) if self.ctx.in_function and (origin is None or origin[0] == "dynamic") else None
        if built is not None and self._from_builder(node, q, built, origin, sends):
            return
        if origin is None:
            # a URL built by a library's chain (`url.scheme("https").host(host).as_string()`): the call's own
            # credentials still say whose API it is (`auth=(settings.AVALARA_ACCOUNT_NUMBER, ...LICENSE_KEY)`)
            if sends and self.ctx.in_function and (keyed := self._keyed_service(node)) is not None:
                self.ctx.use(keyed, "webhook", node, "medium")
                record_flows(self.ctx, node, keyed, q, call_flows(self.ctx, node, q, keyed))
            return
        kind, what = origin
        if kind == "static":
            service = url_service(what, self.ctx.catalogue) if "//" in what else None
            if service:  # f"https://api.mixpanel.com/{path}": the host is known even if the path is not
                self.ctx.use(service, "domain", node, "high")
                self.built.append((what, service))
                if self.ctx.in_function:  # the body's keys mean what the API's arguments do (`"To": number`)
                    record_flows(self.ctx, node, service, q, call_flows(self.ctx, node, q, service))
            elif sends and self.ctx.in_function and (host := external_host(what)):
                # data posted to a public host the catalogue does not know (`https://storeapi.kobo.com`) goes to
                # someone all the same: a recipient to name, not a call to drop
                found = call_flows(self.ctx, node, q, "unlisted_host")
                service = self._keyed_service(node) or named_by(host) or "unlisted_host"
                if real(found):  # (an API call sending nothing personal is not worth naming a recipient for)
                    # the host is written here: a domain, not a webhook from configuration
                    self.ctx.use(service, "domain", node, "medium")
                if real(found) or any(t[0].startswith(MARKER) for t in found):  # (or the function's summary)
                    record_flows(self.ctx, node, service, q, found)
            return
        if not sends:
            return  # fetching from a configured URL shares nothing but the request itself
        service = self._name_destination(node, what, url) or "unresolved_webhook"
        self.ctx.use(service, "webhook", node, "medium")
        if self.ctx.in_function:
            # `def post_json(url, data)`: the URL is the caller's to give; a caller naming a service decides
            param = url.value if isinstance(url, cst.Name) and service == "unresolved_webhook" and any(
                t[0] == MARKER + url.value for t in self.ctx.lookup("taint", url.value) or ()) else ""
            record_flows(self.ctx, node, service, q, call_flows(self.ctx, node, q, service), via=param)

    def _keyed_service(self, node: cst.Call) -> str | None:
        """The one service whose catalogued settings the call authenticates with (`auth=(settings.AVALARA_ACCOUNT_NUMBER,
        settings.AVALARA_LICENSE_KEY)`, `headers={"Authorization": f"Bearer {settings.SENDGRID_API_KEY}"}`, also in
        the Request a call opens): a vendor's key is good only at that vendor, wherever the URL comes from."""
        calls = [node]
        for a in node.args:  # urlopen(request) with request = Request(url, data, headers={...})
            held = self.values[-1].get(a.value.value) if isinstance(a.value, cst.Name) and self.params else a.value
            if isinstance(held, cst.Call) and last(dotted(held.func) or "") == "Request":
                calls.append(held)
        found: set[str] = set()
        for call in calls:
            for a in call.args:
                if a.keyword is not None and a.keyword.value in _CREDENTIAL_KEYWORDS:
                    value = a.value
                    if isinstance(value, cst.Name) and self.params:  # headers = {...}; requests.post(..., headers=headers)
                        value = self.values[-1].get(value.value, value)
                    found.update(self._settings_services(value, 0))
        return next(iter(found)) if len(found) == 1 else None

    def _settings_services(self, node: cst.CSTNode, depth: int) -> Iterator[str]:
        """The services whose catalogued settings an expression reads (`settings.X_KEY`, `X_KEY` imported)."""
        if depth > 8:
            return
        name = node.attr.value if isinstance(node, cst.Attribute) else node.value if isinstance(node, cst.Name) else ""
        if name.isupper() and (service := self.ctx.catalogue.by_setting(name)) is not None:
            yield service
            return
        for child in node.children:
            yield from self._settings_services(child, depth + 1)

    def _from_builder(self, node: cst.Call, q: str, built: tuple[str, str], origin: tuple[str, str] | None,
                      sends: bool) -> bool:
        """An HTTP call to a URL a function returned: one of this module's names its service here; another
        module's is settled in the cross-file pass. True when nothing more is to be done here."""
        builder, key = built
        if "." not in builder and not builder.startswith(METHOD_BUILDER):
            service = self.url_builders.get(builder, {}).get(key)
            if service is None:
                return False
            self.ctx.use(service, "domain", node, "medium")
            record_flows(self.ctx, node, service, q, call_flows(self.ctx, node, q, service))
            return True
        # what the file pass would name for a configured URL (replaced if the builder's URL names a service)
        replaces = "" if origin is None or not sends else \
            self._name_destination(node, origin[1]) or "unresolved_webhook"
        self.ctx.defer(BUILT_URL_KEY, BuiltUrlCall(builder, key, q, tuple(arg_facts(self.ctx, node)),
                                                   self.ctx.locate(node), code(node), replaces))
        return False

    def _where(self, url: cst.BaseExpression | None) -> tuple[str, str] | None:
        """`_origin`, with a host written without its scheme completed and a URL whose host is unknown taken
        as configured: how HTTP calls and redirects alike read where they go."""
        origin = self._origin(url)
        if origin is None:
            return None
        kind, what = origin
        if kind == "static" and "//" not in what and _SCHEMELESS.match(what):
            what = "https://" + what  # requests.get("api.example.com/v1"): a host without its scheme
        if kind == "static" and "//" in what and host_of(what) is None:
            if _BARE_HOST.match(what):
                return None  # http://localhost:8000, http://search:9200: a machine of the app's own network
            kind, what = "dynamic", code(url) if url is not None else what  # f"{scheme}://{self.host}/..."
        return kind, what

    def _redirect(self, node: cst.Call, q: str) -> None:
        """`HttpResponseRedirect(f"{settings.FRESHDESK_URL}login/sso?email={user.email}")`: the browser is sent to a
        service the code names, with what the URL carries. A redirect to an unnamed URL (a `next` page) is none."""
        self._redirect_to(node, arg(node, 0, _REDIRECTS[q]), q)

    def _redirect_to(self, node: cst.CSTNode, url: cst.BaseExpression | None, q: str) -> None:
        origin = self._where(url)  # (through iri_to_uri(url) and str(url): `_template` reads the URL inside)
        if url is None or origin is None or _own_page(url):
            return
        kind, what = origin
        service = (url_service(what, self.ctx.catalogue) if "//" in what else None) if kind == "static" \
            else self._name_destination(node, what)
        if service is None:
            return
        self.ctx.use(service, "redirect", node, "medium")
        record_flows(self.ctx, node, service, q, [t for t in sources(self.ctx, url) if not t[0].startswith(KEY)])

    def _name_destination(self, node: cst.CSTNode, what: str, url: cst.BaseExpression | None = None) -> str | None:
        """A service the code names for this destination, most specific evidence first. `url`, the call's URL:
        a vendor's documented API path at a configured host names it (audit15 #09: Azure OpenAI's
        `{endpoint}/openai/deployments/{model}/chat/completions`)."""
        catalogue = self.ctx.catalogue
        setting = what.split()[-1] if what.startswith("setting ") else ""
        if setting and (by_setting := catalogue.by_setting(setting)):
            return by_setting
        parts = self._template(url) if url is not None else None
        if parts and (by_path := path_service("".join(t if k == "text" else "{}" for k, t in parts), catalogue)):
            return by_path
        if isinstance(node, cst.Call) and (keyed := self._keyed_service(node)) is not None:
            return keyed
        if (named := named_by(what)) is not None:
            return named
        keys: set[str] = set()
        for keyword in ("json", "data"):
            body = arg(node, 99, keyword) if isinstance(node, cst.Call) else None
            keys |= _dict_keys(body)
            name = dotted(body) if body is not None else None
            if name and self.params:
                keys |= self.payloads[-1].get(name, set())
        if (shaped := payload_shape(keys)) is not None:
            return shaped
        # each name on its own: run together, `def post` in `class MarkRead` spelt Postmark
        context = [self.ctx.function(), *self.class_names, self.ctx.path.rsplit(".", 1)[0]]
        named = next((service for name in context if (service := named_by(name)) is not None), None)
        if named is not None:
            return named
        # then any catalogued vendor whose name is no ordinary word: `class Przelewy24API`, quickbooks_app/services.py
        brands = catalogue.brands
        return next((service for name in (what, *context) for word in brand_words(name)
                     if (service := brands.get(word)) is not None and word not in _NOT_BRANDS), None)
