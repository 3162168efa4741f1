"""Front-end templates and static JS: tracker and widget tags, the most common undisclosed sharing.

What counts is what makes the visitor's browser talk to a third party:
- a tag that loads from it: `<script src>`, `<img src>` (pixels), `<iframe src>`,
  `<link rel=stylesheet|preload href>`, and a `<form action>` that posts to it;
- a URL literal in script code (`'https://connect.facebook.net/en_US/fbevents.js'`);
- a tracker's init call in script code (`fbq('init', ...)`, `gtag('config', 'G-...')`)
  or a widget's marker class (`class="g-recaptcha"`).

Prose is not sharing: text, comments and `<a href>` links never count. A URL
matches the catalogue's `scripts` (a host, or a host and path prefix matched on
whole path segments) first, then its API `domains`; in script code a bare
homepage (`https://sentry.io/...`) matched only by `domains` is taken for a link.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from typing import TYPE_CHECKING

from scanner.catalogue import Catalogue
from scanner.inventory import FileResult, Flow, Location, ParseError, RawField, ServiceUse

if TYPE_CHECKING:
    from scanner.classify import Classifier

_URL = re.compile(r"^\s*(?:(?:https?|wss?):)?//([a-z0-9.-]+\.[a-z]{2,})(?::\d+)?(/[^?#\s]*)?", re.IGNORECASE)
# JS tokens that matter here: comments (dropped) and string literals (searched for URLs)
_JS = re.compile(
    r"""
    (?P<comment>//[^\n]*|/\*.*?\*/|<!--|-->)
    | (?P<string>'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\])*`)
    """,
    re.VERBOSE | re.DOTALL,
)
# A URL inside a string: full, protocol-relative, or a legacy split host (`'.google-analytics.com/ga.js'`)
_IN_STRING = re.compile(r"(?:(?:https?|wss?):)?//[a-z0-9.-]+\.[a-z]{2,}[^\s'\"`<>)]*", re.IGNORECASE)
_SPLIT_HOST = re.compile(r"^\.([a-z0-9-]+(?:\.[a-z0-9-]+)+)(/[^\s'\"`]*)$", re.IGNORECASE)

# Tracker and widget init calls in script code: a snippet whose URL is built at run time
# still names its vendor by the global it calls. Ids are catalogue ids (a test checks them).
_SNIPPETS: tuple[tuple[str, str], ...] = (
    (r"\bfbq\(\s*['\"]init['\"]", "facebook_marketing"),
    (r"\bgtag\(\s*['\"]config['\"]\s*,\s*['\"](?:G|UA)-", "google_analytics"),
    (r"\bgtag\(\s*['\"]event['\"]\s*,\s*['\"](?:purchase|refund|begin_checkout|add_to_cart|sign_up|login)['\"]", "google_analytics"),
    (r"\bgtag\(\s*['\"]config['\"]\s*,\s*['\"]AW-", "google_ads"),
    (r"\bga\(\s*['\"]create['\"]|\b_gaq\.push\(", "google_analytics"),
    (r"\bIntercom\(\s*['\"](?:boot|update|trackEvent)['\"]|\bintercomSettings\s*=", "intercom"),
    (r"\b_hjSettings\s*=", "hotjar"),
    (r"\banalytics\.load\(\s*['\"]|\banalytics\.SNIPPET_VERSION\b", "segment"),
    (r"\bmixpanel\.init\(", "mixpanel"),
    (r"\bposthog\.init\(", "posthog"),
    (r"\bamplitude\.(?:getInstance\(\)\.)?init\(", "amplitude"),
    (r"\bheap\.load\(", "heap"),
    (r"\bStripe\(\s*['\"]pk_", "stripe"),
    (r"\bgrecaptcha\.(?:execute|render|ready)\(", "google_recaptcha"),
    (r"\bhcaptcha\.(?:execute|render)\(", "hcaptcha"),
    (r"\bttq\.load\(", "tiktok_ads"),
    (r"\btwq\(\s*['\"](?:init|config)['\"]", "x_ads"),
    (r"\b_linkedin_partner_id\s*=", "linkedin_ads"),
    (r"\bpintrk\(\s*['\"]load['\"]", "pinterest"),
    (r"\bsnaptr\(\s*['\"]init['\"]", "snap_ads"),
    (r"\brdt\(\s*['\"]init['\"]", "reddit_ads"),
    (r"\bSentry\.init\(", "sentry"),
    (r"\bLogRocket\.init\(", "logrocket"),
    (r"\bdatadogRum\.init\(", "datadog"),
    (r"\bTawk_API\s*=", "tawk_to"),
    (r"\bCRISP_WEBSITE_ID\s*=", "crisp"),
    (r"\b_hsq\.push\(", "hubspot"),
)
SNIPPETS = tuple((re.compile(pattern), service) for pattern, service in _SNIPPETS)
# A template variable rendered into script code (`intercomSettings = {email: "{{ user.email }}"}`): Django and
# Jinja `{{ ... }}`, its filters dropped
_VARIABLE = re.compile(r"\{\{\s*([A-Za-z_][\w.]*)\s*(?:\|[^}]*)?\}\}")
# Widget containers by class: the widget's script does the talking, the class says which one.
MARKER_CLASSES = {"g-recaptcha": "google_recaptcha", "h-captcha": "hcaptcha", "cf-turnstile": "cloudflare_turnstile"}
_LOADING_RELS = {"stylesheet", "preload", "modulepreload", "prefetch"}
_VERSION = re.compile(r"(?<=[^@/])@[^/]*$")  # `algoliasearch@4`, `htmx.org@1.9.12`: the package, any version


def script_service(url: str, catalogue: Catalogue, in_code: bool = False, loaded_only: bool = False) -> str | None:
    """The service a browser contacts for `url`: longest `scripts` prefix, else (unless `loaded_only`: only what
    pages load, an avatar or a pixel, not an API endpoint) an API domain."""
    split = _SPLIT_HOST.match(url)
    if split is not None:  # 'https://ssl' + '.google-analytics.com/ga.js'
        for prefix in ("www", "ssl"):
            found = script_service(f"//{prefix}.{split.group(1)}{split.group(2)}", catalogue, in_code, loaded_only)
            if found:
                return found
        return None
    match = _URL.match(url)
    if match is None:
        return None
    host = match.group(1).lower().rstrip(".")
    # the catalogue keeps prefixes lower-case; an npm CDN's package segment drops its version
    # (`cdn.jsdelivr.net/npm/algoliasearch@4/...` is the catalogue's `cdn.jsdelivr.net/npm/algoliasearch`), a scoped
    # package's leading `@algolia` kept
    segments = [_VERSION.sub("", s) for s in (match.group(2) or "").lower().split("/") if s]
    for i in range(len(segments), -1, -1):
        hit = catalogue.scripts.get("/".join([host, *segments[:i]]))
        if hit is not None:
            return hit
    if loaded_only:
        return None
    if in_code and (host.count(".") == 1 or (host.startswith("www.") and host.count(".") == 2)):
        return None  # `window.open("https://github.com/...")`: a homepage link, not an endpoint
    return catalogue.by_url(host, "/".join(segments))


class _Result:
    def __init__(self, path: str, catalogue: Catalogue, classifier: Classifier | None = None) -> None:
        self.path = path
        self.catalogue = catalogue
        self.classifier = classifier  # given for template files: variables rendered into a tracker are flows
        self.uses: dict[tuple[str, int], ServiceUse] = {}
        self.flows: list[Flow] = []

    def add(self, service: str, line: int, evidence: str, confidence: str) -> None:
        key = (service, line)
        if key not in self.uses or confidence == "high":
            self.uses[key] = ServiceUse(service, "script", " ".join(evidence.split())[:160],
                                        Location(self.path, line), confidence)  # type: ignore[arg-type]

    def url(self, url: str, line: int, evidence: str, in_code: bool) -> None:
        service = script_service(url, self.catalogue, in_code)
        if service:
            self.add(service, line, evidence, "medium" if in_code else "high")

    def js(self, code: str, first_line: int) -> None:
        """Script code starting at `first_line`: URL literals and init calls, comments ignored."""
        pieces: list[str] = []
        pos = 0
        line, counted = first_line, 0  # lines counted up to `counted`: one pass, not a count per literal
        for match in _JS.finditer(code):
            pieces.append(code[pos : match.start()])
            text = match.group(0)
            if match.group("comment") is not None:
                pieces.append(re.sub(r"[^\n]", " ", text))  # keep line numbers, drop the words
            else:
                pieces.append(text)
                line += code.count("\n", counted, match.start())
                counted = match.start()
                body = text[1:-1]
                for url in _IN_STRING.findall(body):
                    self.url(url, line, text, in_code=True)
                if _SPLIT_HOST.match(body):
                    self.url(body, line, text, in_code=True)
            pos = match.end()
        pieces.append(code[pos:])
        stripped = "".join(pieces)
        trackers = set()
        for pattern, service in SNIPPETS:
            line, counted = first_line, 0
            for match in pattern.finditer(stripped):
                line += stripped.count("\n", counted, match.start())
                counted = match.start()
                end = stripped.find("\n", match.start())
                self.add(service, line, stripped[match.start() : end if end >= 0 else None], "medium")
                trackers.add(service)
        if self.classifier is not None and len(trackers) == 1:
            self._rendered(stripped, first_line, trackers.pop())

    def _rendered(self, code: str, first_line: int, service: str) -> None:
        """Template variables in a tracker's snippet: the page hands their values to the tracker."""
        assert self.classifier is not None
        for match in _VARIABLE.finditer(code):
            *owner, name = match.group(1).split(".")
            found = self.classifier.classify(name, owner[-1] if owner else "")
            if found is not None:
                line = first_line + code.count("\n", 0, match.start())
                self.flows.append(Flow(found.category, service, Location(self.path, line),
                                       (match.group(1), f"{service} snippet"), match.group(0)))


class _Tags(HTMLParser):
    def __init__(self, out: _Result) -> None:
        super().__init__(convert_charrefs=True)
        self.out = out
        self.in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        values = {k.lower(): v or "" for k, v in attrs}
        evidence = self.get_starttag_text() or f"<{tag}>"
        url = ""
        if tag in ("script", "img", "iframe"):
            url = values.get("src", "") or values.get("data-src", "")
        elif tag == "link" and _LOADING_RELS & set(values.get("rel", "").lower().split()):
            url = values.get("href", "")
        elif tag == "form":
            url = values.get("action", "")
        if url:
            self.out.url(url, line, evidence, in_code=False)
        for cls in values.get("class", "").split():
            if cls in MARKER_CLASSES:
                self.out.add(MARKER_CLASSES[cls], line, evidence, "high")
        if tag == "script":
            self.in_script = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.in_script = False

    def handle_data(self, data: str) -> None:
        if self.in_script and data.strip():
            self.out.js(data, self.getpos()[0])


def scan_markup(text: str, path: str, catalogue: Catalogue, first_line: int = 1,
                is_js: bool = False, out: _Result | None = None) -> tuple[list[ServiceUse], list[ParseError]]:
    """Tracker uses in HTML (or, with `is_js`, script code) whose first line is `first_line`.

    Also used by the Python extractor for HTML and JS snippets held in string literals.
    """
    out = out or _Result(path, catalogue)
    errors: list[ParseError] = []
    if is_js:
        out.js(text, first_line)
    else:
        parser = _Tags(out)
        try:
            parser.feed(text)
            parser.close()
        except (AssertionError, ValueError) as exc:  # _markupbase's rare hard failures
            errors.append(ParseError(Location(path, first_line - 1 + parser.getpos()[0]), f"HTML parse error: {exc}"))
        if first_line != 1:
            shift = first_line - 1
            out.uses = {k: ServiceUse(u.service, u.signal, u.evidence, Location(path, u.location.line + shift),
                                      u.confidence) for k, u in out.uses.items()}
    return sorted(out.uses.values(), key=lambda u: (u.location, u.service)), errors


# Django/Jinja template tags: `{% load gravatar %}`, `{% load gravatar_url from gravatar %}`, `{% gravatar_url user.email 40 %}`
_LOAD = re.compile(r"\{%-?\s*load\s+([^%]*?)\s*-?%\}")
_TAG = re.compile(r"\{%-?\s*([A-Za-z_]\w*)\s+([^%]*?)\s*-?%\}")
_TAG_VARIABLE = re.compile(r"^[A-Za-z_][\w.]*$")


def _tag_libraries(text: str, catalogue: Catalogue) -> dict[str, str]:
    """The tag libraries a template loads that a catalogued service names (`{% load gravatar %}`: django-gravatar2's
    library; `disqus_tags` is disqus's): library name -> service."""
    found: dict[str, str] = {}
    for match in _LOAD.finditer(text):
        names = match.group(1).split()
        libraries = names[names.index("from") + 1:] if "from" in names else names
        for library in libraries:
            # the library's name or one of its words (a project's own `p_gravatar` proxying the vendor's tags)
            for word in (re.sub(r"_?tags$", "", library.lower()), *library.lower().split("_")):
                service = word if word in catalogue.services else catalogue.brands.get(word)
                if service is not None:
                    found[word] = service
                    break
    return found


def _tag_flows(text: str, out: _Result) -> None:
    """A loaded service library's tag given a person's datum (`{% gravatar user.email 40 %}`): the tag renders it
    into what the browser fetches from the service (the avatar URL with the e-mail's digest), as a tracker's
    snippet does (audit15 #05). Only tags named for the library (`gravatar`, `gravatar_url`)."""
    if out.classifier is None or "{%" not in text:
        return
    libraries = _tag_libraries(text, out.catalogue)
    if not libraries:
        return
    for match in _TAG.finditer(text):
        tag = match.group(1)
        service = next((s for lib, s in libraries.items() if tag == lib or tag.startswith(lib + "_")), None)
        if service is None:
            continue
        line = text.count("\n", 0, match.start()) + 1
        seen: set[str] = set()
        for token in match.group(2).split():
            if not _TAG_VARIABLE.match(token) or token in ("as", "from"):
                continue
            *owner, name = token.split(".")
            found = out.classifier.classify(name, owner[-1] if owner else "")
            if found is not None and found.category not in seen:
                seen.add(found.category)
                out.add(service, line, match.group(0), "medium")
                out.flows.append(Flow(found.category, service, Location(out.path, line),
                                      (token, f"{{% {tag} %}}"), match.group(0)))


def extract_template(text: str, path: str, catalogue: Catalogue,
                     classifier: Classifier | None = None) -> tuple[FileResult, list[RawField]]:
    result = FileResult(path, lines=text.count("\n") + 1)
    out = _Result(path, catalogue, classifier)
    is_js = path.endswith(".js")
    result.services, result.errors = scan_markup(text, path, catalogue, 1, is_js=is_js, out=out)
    if not is_js:
        _tag_flows(text, out)
        result.services = sorted(out.uses.values(), key=lambda u: (u.location, u.service))
    result.flows = sorted(out.flows, key=lambda f: (f.location, f.category))
    return result, []
