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
from collections.abc import Iterator
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
    # the trackers' documented calls that tie the visitor to a person (their JS SDKs' identify APIs)
    (r"\banalytics\.identify\(", "segment"),
    (r"\bmixpanel\.(?:identify|people\.set)\(", "mixpanel"),
    (r"\bposthog\.identify\(", "posthog"),
    (r"\bheap\.(?:identify|addUserProperties)\(", "heap"),
    (r"\bhj\(\s*['\"]identify['\"]", "hotjar"),
    (r"\bdrift\.identify\(", "drift"),
    (r"\bFS\.(?:identify|setUserVars)\(", "fullstory"),
    (r"\bSentry\.setUser\(", "sentry"),
    (r"\bLogRocket\.identify\(", "logrocket"),
    (r"\bdatadogRum\.setUser\(", "datadog"),
)
SNIPPETS = tuple((re.compile(pattern), service) for pattern, service in _SNIPPETS)
# Each snippet's alternatives begin `\b<name>`: a script holding none of those names cannot match it, and a test for a
# substring costs a fraction of a regex search (37 searches were most of a large script's reading)
_SNIPPET_NAMES = tuple(tuple(set(re.findall(r"(?:^|\|)\\b([A-Za-z_$][\w$]*)", pattern))) for pattern, _ in _SNIPPETS)
# A template variable rendered into script code (`intercomSettings = {email: "{{ user.email }}"}`): Django and
# Jinja `{{ ... }}`, its filters dropped
_VARIABLE = re.compile(r"\{\{\s*([A-Za-z_][\w.]*)\s*(?:\|[^}]*)?\}\}")
# ... and Mako's `${user.email}` (`${name | h}`), in a Mako template's script code and in any template's tag URLs
_MAKO_VARIABLE = re.compile(r"\$\{\s*([A-Za-z_][\w.]*)\s*(?:\|[^}]*)?\}")
_MAKO = re.compile(r"<%(?:inherit|namespace|def|block|include|page)\b|<%!")  # Mako's own tags
MAKO_SUFFIXES = (".mak", ".mako")
# What a vendor call's arguments (or a vendor settings global's object) carry in script code: `key: value` pairs,
# `{email}` shorthands and member expressions (`currentUser.email`, not a method call); strings are blanked first
_PAIR = re.compile(r"[{,]\s*(?:([A-Za-z_$][\w$]*)|\"([A-Za-z_$][\w$]*)\"|'([A-Za-z_$][\w$]*)')\s*:(?!:)\s*")
_SHORTHAND = re.compile(r"[{,]\s*([A-Za-z_$][\w$]*)\s*(?=[,}])")
_MEMBER = re.compile(r"(?<![\w$.])([A-Za-z_$][\w$]*(?:\??\.[A-Za-z_$][\w$]*)+)(?![\w$]|\s*\()")
_VALUE_LITERAL = re.compile(r"[\"'`\d\[-]|(?:true|false|null|undefined)\b")
_BRACKETS = re.compile(r"""[(){}\[\]"'`]""")
_REGION_CHARS = 4000  # a call's arguments read at most this far: an unbalanced bracket (a regex literal) stops there
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
        self.flowed: set[tuple[str, str, int]] = set()
        self.mako = path.endswith(MAKO_SUFFIXES)  # a Mako template: `${...}` in its scripts is the page's, not JS's

    def add(self, service: str, line: int, evidence: str, confidence: str) -> None:
        key = (service, line)
        if key not in self.uses or confidence == "high":
            self.uses[key] = ServiceUse(service, "script", " ".join(evidence.split())[:160],
                                        Location(self.path, line), confidence)  # type: ignore[arg-type]

    def url(self, url: str, line: int, evidence: str, in_code: bool) -> str | None:
        service = script_service(url, self.catalogue, in_code)
        if service:
            self.add(service, line, evidence, "medium" if in_code else "high")
        return service

    def flow(self, category: str, service: str, line: int, path: tuple[str, ...], evidence: str) -> None:
        key = (category, service, line)
        if key not in self.flowed:
            self.flowed.add(key)
            self.flows.append(Flow(category, service, Location(self.path, line), path, evidence))

    def tag_url(self, url: str, service: str, line: int, tag: str, evidence: str) -> None:
        """Template variables in a vendor URL a tag loads (`<iframe src="https://calendly.com/x?email={{ user.email }}">`):
        the browser sends their values to the vendor (audit16 #16)."""
        if self.classifier is None:
            return
        for pattern in (_VARIABLE, _MAKO_VARIABLE):
            for match in pattern.finditer(url):
                *owner, name = match.group(1).split(".")
                found = self.classifier.classify(name, owner[-1] if owner else "")
                if found is not None and found.confidence != "low":
                    self.flow(found.category, service, line, (match.group(1), f"<{tag}> URL"), evidence)

    def js(self, code: str, first_line: int) -> None:
        """Script code starting at `first_line`: URL literals and init calls, comments ignored."""
        pieces: list[str] = []
        pos = 0
        line, counted = first_line, 0  # lines counted up to `counted`: one pass, not a count per literal
        sites: list[tuple[int, int, str]] = []  # a string naming a service: (its place in the code, line, service)
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
                    service = self.url(url, line, text, in_code=True)
                    if service:
                        sites.append((match.start(), line, service))
                if _SPLIT_HOST.match(body):
                    self.url(body, line, text, in_code=True)
            pos = match.end()
        pieces.append(code[pos:])
        stripped = "".join(pieces)  # as long as `code`: a place in one is the same place in the other
        trackers = set()
        calls: list[tuple[int, int, str]] = []  # a tracker's call or settings global: (where its data begins, ...)
        for (pattern, service), names in zip(SNIPPETS, _SNIPPET_NAMES):
            if not any(name in stripped for name in names):
                continue
            line, counted = first_line, 0
            for match in pattern.finditer(stripped):
                line += stripped.count("\n", counted, match.start())
                counted = match.start()
                end = stripped.find("\n", match.start())
                self.add(service, line, stripped[match.start() : end if end >= 0 else None], "medium")
                trackers.add(service)
                calls.append((match.start() + match.group(0).rfind("(") if "(" in match.group(0) else match.end(),
                              line, service))
        if self.classifier is not None:
            if len(trackers) == 1:
                self._rendered(stripped, first_line, trackers.pop())
            if sites or calls:
                self._handed(stripped, sites, calls)

    def _handed(self, code: str, sites: list[tuple[int, int, str]], calls: list[tuple[int, int, str]]) -> None:
        """What script code hands a vendor (audit16 #21): the arguments of the call a vendor URL is given to
        (`fetch("https://api.typeform.com/...", {body: JSON.stringify({email: user.email})})`), of a tracker's
        call (`analytics.identify(id, {email})`), or the object a settings global is set to
        (`window.intercomSettings = {email: currentUser.email}`), read as a Python call's dict is."""
        regions: list[tuple[int, int, int, str]] = []
        if sites:
            enclosing = _enclosing_calls(code, [at for at, _, _ in sites])
            regions += [(*enclosing[at], line, service) for at, line, service in sites if at in enclosing]
        for at, line, service in calls:
            begin = at if code.startswith("(", at) else _next_bracket(code, at)
            if begin is not None and (end := _close(code, begin)) is not None:
                regions.append((begin, end, line, service))
        for begin, end, line, service in regions:
            for name, owner, text in _carriers(code[begin + 1 : end], self.classifier):
                found = self.classifier.classify(name, owner)  # type: ignore[union-attr]
                if found is not None and found.confidence != "low" and not found.category.startswith(_ACCOUNT):
                    self.flow(found.category, service, line, (text, f"{service} call"), text)

    def _rendered(self, code: str, first_line: int, service: str) -> None:
        """Template variables in a tracker's snippet: the page hands their values to the tracker."""
        assert self.classifier is not None
        for pattern in (_VARIABLE, _MAKO_VARIABLE) if self.mako else (_VARIABLE,):
            for match in pattern.finditer(code):
                *owner, name = match.group(1).split(".")
                found = self.classifier.classify(name, owner[-1] if owner else "")
                if found is not None:
                    line = first_line + code.count("\n", 0, match.start())
                    self.flow(found.category, service, line, (match.group(1), f"{service} snippet"), match.group(0))


_STRING = re.compile(r"""'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\])*`""")
_OPENS = {")": "(", "]": "[", "}": "{"}
_ACCOUNT = ("user.credential", "user.account.credential")  # a front-end key (`dsn`, `apiKey`) configures the vendor


def _brackets(code: str, start: int, stop: int) -> Iterator[tuple[int, str]]:
    """The brackets of `code[start:stop]`, strings skipped."""
    at = start
    while (match := _BRACKETS.search(code, at, stop)) is not None:
        char = match.group(0)
        if char in "\"'`":
            string = _STRING.match(code, match.start())
            at = string.end() if string is not None else match.end()
            continue
        yield match.start(), char
        at = match.end()


def _close(code: str, begin: int) -> int | None:
    """Where the bracket at `begin` closes, within _REGION_CHARS."""
    depth = 0
    for at, char in _brackets(code, begin, min(len(code), begin + _REGION_CHARS)):
        if char in "([{":
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                return at
    return None


def _next_bracket(code: str, at: int) -> int | None:
    """`intercomSettings = {`: the object (or array) a settings global is set to."""
    match = re.compile(r"\s*[{\[]").match(code, at)
    return match.end() - 1 if match is not None else None


def _enclosing_calls(code: str, places: list[int]) -> dict[int, tuple[int, int]]:
    """For each place, the parentheses of the innermost call holding it (begin, end), when they close."""
    found: dict[int, tuple[int, int]] = {}
    waiting = sorted(places)
    stack: list[tuple[int, str]] = []
    holding: dict[int, list[int]] = {}  # an open parenthesis -> the places it holds innermost
    k = 0
    for at, char in _brackets(code, 0, len(code)):
        while k < len(waiting) and waiting[k] < at:
            opener = next((o for o, c in reversed(stack) if c == "("), None)
            if opener is not None:
                holding.setdefault(opener, []).append(waiting[k])
            k += 1
        if char in "([{":
            stack.append((at, char))
        elif stack and stack[-1][1] == _OPENS[char]:
            opened, _ = stack.pop()
            for place in holding.pop(opened, ()):
                if at - opened <= _REGION_CHARS:
                    found[place] = (opened, at)
        if k == len(waiting) and not holding:
            break
    return found


def _carriers(region: str, classifier: Classifier | None) -> Iterator[tuple[str, str, str]]:
    """(name, owner, text) to classify in a call's arguments: member expressions by their last name, a key whose
    value says nothing (not a literal, nor an attribute the classifier knows) by itself, `{email}` shorthands."""
    assert classifier is not None
    # strings blanked, bar a quoted key (`"email": ...`)
    text = _STRING.sub(lambda m: m.group(0) if m.group(0)[1:-1].isidentifier() else '""', region)
    for match in _MEMBER.finditer(text):
        *owners, name = re.split(r"\??\.", match.group(1))
        yield name, owners[-1], match.group(1)
    for match in _PAIR.finditer(text):
        key = match.group(1) or match.group(2) or match.group(3)
        if _VALUE_LITERAL.match(text, match.end()):
            continue
        member = _MEMBER.match(text, match.end())
        if member is not None:
            *owners, name = re.split(r"\??\.", member.group(1))
            if classifier.classify(name, owners[-1]) is not None or classifier.knows(name):
                continue  # the value says what it is, or that it is nothing personal
        yield key, "", f"{key}: {text[match.end() : match.end() + 40].split(',')[0].strip()}"
    for match in _SHORTHAND.finditer(text):
        yield match.group(1), "", match.group(1)


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
            service = self.out.url(url, line, evidence, in_code=False)
            if service is not None and ("{" in url):
                self.out.tag_url(url, service, line, tag, evidence)
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
    out.mako = out.mako or (not is_js and _MAKO.search(text) is not None)
    result.services, result.errors = scan_markup(text, path, catalogue, 1, is_js=is_js, out=out)
    if not is_js:
        _tag_flows(text, out)
        result.services = sorted(out.uses.values(), key=lambda u: (u.location, u.service))
    result.flows = sorted(out.flows, key=lambda f: (f.location, f.category))
    return result, []
