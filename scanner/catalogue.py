"""The third-party service catalogue, indexed by every signal that names a service.

Lookups are dict probes on prefixes, never scans over the catalogue, because
the Python extractor asks once per import and per call.

A domain entry is a host (`api.github.com`), a host suffix (`*.auth0.com`), or a
host with a path (`github.com/login/oauth`) where one host serves two services
(sign-in and API). A path entry matches whole path segments as a prefix, or only
the whole path when it ends in `$` (`api.github.com/user$`); `*` stands for one
segment that is a version (`v19.0`, `2`, `2024-01`) or a placeholder (`{tenant}`, `%s`). The
longest host + path prefix wins, then the host, then the host's suffixes.

A path entry (`paths:`, no host) is a vendor's documented API path where the host is the customer's own resource,
read from configuration (`{endpoint}/openai/deployments/{model}/chat/completions` is Azure OpenAI whatever the
endpoint): it names a service only for a URL whose host the code does not write.
"""

from __future__ import annotations

from functools import cached_property

import re
from dataclasses import dataclass
from pathlib import Path

from scanner.taxonomy import Taxonomy
from scanner.yamlschema import Key, List, Map, SchemaError, Str, YamlInvalid, load


@dataclass(frozen=True)
class Service:
    id: str
    name: str
    recipient_category: str
    data_use: str
    categories: tuple[str, ...]
    country: str = ""
    # broader statements that disclose it too: mail through the site's SMTP server is what a privacy
    # policy calls "email delivery services", though the code cannot say whose server that is
    also_disclosed_by: tuple[str, ...] = ()

    @property
    def disclosed_by(self) -> tuple[str, ...]:
        """The recipient categories whose declaration covers this service."""
        return (self.recipient_category, *self.also_disclosed_by)


_CALL = Map({"function": Key(Str(), required=True), "arg": Key(Str(), required=True)})
_SERVICE = Map(
    {
        "id": Key(Str(), required=True),
        "name": Key(Str(), required=True),
        "recipient_category": Key(Str(), required=True),
        "data_use": Key(Str(), required=True),
        "categories": Key(List(Str())),
        "country": Key(Str()),
        "also_disclosed_by": Key(List(Str())),
        "imports": Key(List(Str())),
        "calls": Key(List(_CALL)),
        "domains": Key(List(Str())),
        "settings": Key(List(Str())),
        "setting_values": Key(List(Str())),
        "packages": Key(List(Str())),
        "scripts": Key(List(Str())),
        "paths": Key(List(Str())),
        # other names a vendor goes by that its id and name do not spell, as code writes them (a former product
        # name: EchoSign and Adobe Sign for Adobe Acrobat Sign): brand words (`AdobeSignClient`), no signal
        "aliases": Key(List(Str())),
    }
)
_FILE = Map({"services": Key(List(_SERVICE), required=True)})
SIGNALS = ("imports", "calls", "domains", "settings", "setting_values", "packages", "scripts", "paths")


# a version (`v2`, `v19.0`, Shopify's and Azure's dated `2024-01`, `2024-02-15-preview`) or a placeholder
_WILD = re.compile(r"v?\d+(?:\.\d+)*|\d{4}-\d\d(?:-\d\d)?(?:-preview)?|.*[{}%\x00\x01].*", re.IGNORECASE | re.DOTALL)


def path_segments(path: str) -> list[str]:
    """`/v19.0/Me?fields=id` -> ["*", "me"]: lower-case segments, versions and placeholders as `*`."""
    path = re.split(r"[?#]", path, maxsplit=1)[0]
    return ["*" if _WILD.fullmatch(s) else s.lower() for s in path.split("/") if s]


def longest_prefix(dotted: str, index: dict[str, str]) -> str | None:
    """The value of the longest dotted prefix of `dotted` in `index` (`a.b.c` tries a.b.c, a.b, a)."""
    parts = dotted.split(".")
    for i in range(len(parts), 0, -1):
        hit = index.get(".".join(parts[:i]))
        if hit is not None:
            return hit
    return None


_CAUGHT = re.compile(r"\.[A-Z]\w*(Error|Exception)$")

# Service names that are also ordinary words of code: an object so named says nothing of a vendor.
ORDINARY = frozenset({
    "adjust", "affinity", "affirm", "alloy", "axiom", "bonsai", "branch", "castle", "census", "chameleon", "close",
    "copper", "courier", "crisp", "daily", "drift", "front", "gauges", "impact", "knock", "lever", "linear",
    "loops", "magic", "modal", "monday", "persona", "radar", "split", "square", "steam", "stitch", "tally",
    "fathom", "flock", "highlight", "iterable", "outreach", "replicate", "segment", "delighted", "emailable",
    "fingerprint", "greenhouse", "honeycomb", "canny", "clerk", "paddle", "plausible", "resend", "snowflake",
    "wasabi", "looker", "tableau", "notion", "pushy", "smarty", "gusto", "firebase", "github", "gitlab",
    "message", "messagebroker", "smtpserver", "webpush", "mailtrap", "knock", "novu", "sift", "zoom", "kit",
    "here", "june", "keen", "heap", "wave", "wise", "line", "make", "orb", "box", "lob", "ups", "usps", "bandwidth",
    "cohere", "agora", "geonames", "spotify", "youtube", "instagram", "twitch", "nutshell", "highlevel", "apivideo",
})


# the last word of a setting that holds an account's credential or an API's address
_ACCOUNT_TAILS = frozenset({"KEY", "TOKEN", "SECRET", "PASSWORD", "PASS", "USERNAME", "USER", "LOGIN", "URL", "URI",
                            "HOST", "ENDPOINT", "DSN", "SID", "ID"})


class Catalogue:
    def __init__(self) -> None:
        self.services: dict[str, Service] = {}
        self.imports: dict[str, str] = {}
        self.calls: dict[tuple[str, str], str] = {}
        self.call_functions: set[str] = set()
        self.domains: dict[str, str] = {}
        self.domain_suffixes: dict[str, str] = {}
        self.domain_paths: dict[str, str] = {}  # "github.com/login/oauth": a host + path-segments prefix
        self.domain_exact_paths: dict[str, str] = {}  # "api.github.com/user": that path only
        self.path_hosts: set[str] = set()  # hosts with path entries: only these are probed by path
        self.settings: dict[str, str] = {}
        self.setting_values: dict[str, str] = {}
        self.packages: dict[str, str] = {}
        self.scripts: dict[str, str] = {}
        self.paths: dict[str, str] = {}  # "openai/deployments": a host-less API path prefix, see by_path
        self.aliases: dict[str, str] = {}  # "adobesign" -> adobe_acrobat_sign (lower case, run together)
        self._names: dict[str, str] = {}

    # -- lookups -------------------------------------------------------------
    @cached_property
    def brands(self) -> dict[str, str]:
        """Service ids and names that are no ordinary word of code (`paystack`, `googleanalytics`): what an
        object named for a service (`self.paystack`, `mailchimp_client`) most likely talks to."""
        seen: dict[str, set[str]] = {}
        for service in self.services.values():
            for word in {service.id.replace("_", ""), re.sub(r"\W", "", service.name).lower()}:
                if len(word) >= 5 and word not in ORDINARY and service.recipient_category != "webhooks_unresolved":
                    seen.setdefault(word, set()).add(service.id)
        found = {word: next(iter(ids)) for word, ids in seen.items() if len(ids) == 1}
        return {**found, **self.aliases}  # (an alias is written out for its vendor: short or not, it is theirs)

    def by_import(self, qualified: str) -> str | None:
        """`stripe.Customer.create` -> stripe; `boto3` alone names no service.

        A placeholder for a configured server (smtp_server) is named by what sends, not by an exception caught:
        a vendor's e-mail backend catches `smtplib.SMTPException` around the vendor's API. (A vendor SDK's own
        error class, `stripe.error.CardError`, still names the vendor.)"""
        sid = longest_prefix(qualified, self.imports)
        if sid is not None and _CAUGHT.search(qualified) and self.services[sid].recipient_category == "webhooks_unresolved":
            return None
        return sid

    @cached_property
    def umbrellas(self) -> dict[str, frozenset[str]]:
        """Services whose import is a parent of another's: `firebase_admin` (Firebase) of
        `firebase_admin.messaging` (FCM). A file that uses FCM imports the parent's support
        modules too (`firebase_admin.exceptions`); those imports are FCM's, not Firebase's."""
        found: dict[str, set[str]] = {}
        for key, sid in self.imports.items():
            parts = key.split(".")
            for i in range(1, len(parts)):
                parent = self.imports.get(".".join(parts[:i]))
                if parent is not None and parent != sid:
                    found.setdefault(sid, set()).add(parent)
        return {sid: frozenset(parents) for sid, parents in found.items()}

    @cached_property
    def _path_entries(self) -> tuple[tuple[str, str], ...]:
        """Every `host/path` key with its service, prefix paths and exact paths alike."""
        return (*self.domain_paths.items(), *self.domain_exact_paths.items())

    @cached_property
    def host_products(self) -> dict[str, frozenset[str]]:
        """Hosts that serve a service of their own and others by path (`graph.facebook.com`: Facebook's Graph API,
        and WhatsApp's Cloud API and Facebook Login on some of its paths): host -> the services its paths name."""
        found: dict[str, set[str]] = {}
        for key, sid in self._path_entries:
            host = key.partition("/")[0]
            if self.domains.get(host) not in (None, sid):
                found.setdefault(host, set()).add(sid)
        return {host: frozenset(sids) for host, sids in found.items()}

    def own_paths(self, host: str) -> list[str]:
        """The literal tails of the paths a shared host's own service has there (`graph.facebook.com/*/me/messages`
        -> `me/messages`): text a file that calls them writes out after a version or a placeholder."""
        sid = self.domains.get(host)
        tails = {key.partition("/")[2].rsplit("*/", 1)[-1] for key, found in self._path_entries
                 if found == sid and key.startswith(host + "/")}
        return sorted(tail for tail in tails if tail and "*" not in tail)

    def hosts_of(self, sid: str) -> list[str]:
        """The hosts and host suffixes an entry names (a scan over the catalogue: for rare questions only)."""
        return [host for index in (self.domains, self.domain_suffixes) for host, found in index.items() if found == sid]

    def by_call(self, function: str, first_arg: str) -> str | None:
        return self.calls.get((function, first_arg))

    def by_host(self, host: str) -> str | None:
        host = host.lower().rstrip(".")
        if host in self.domains:
            return self.domains[host]
        parts = host.split(".")
        for i in range(1, len(parts) - 1):
            hit = self.domain_suffixes.get(".".join(parts[i:]))
            if hit is not None:
                return hit
        return None

    def by_url(self, host: str, path: str = "", suffixes: bool = True) -> str | None:
        """The service at `host` + `path`: the whole path, then its longest prefix, then the host.

        `github.com` + `/login/oauth/authorize` -> github_login; `api.github.com` + `/repos/x` -> github.
        One dict probe per path segment, and only for the few hosts that have path entries.
        """
        host = host.lower().rstrip(".")
        if host in self.path_hosts:
            segments = path_segments(path)
            key = "/".join([host, *segments])
            hit = self.domain_exact_paths.get(key)
            if hit is not None:
                return hit
            for i in range(len(segments), 0, -1):
                hit = self.domain_paths.get("/".join([host, *segments[:i]]))
                if hit is not None:
                    return hit
        return self.by_host(host) if suffixes else self.domains.get(host)

    def by_path(self, path: str) -> str | None:
        """The service whose documented API path `path` starts with, at a host the code does not write
        (`/openai/deployments/{}/chat/completions?api-version=...` -> azure_openai): its longest catalogued prefix."""
        segments = path_segments(path)
        for i in range(len(segments), 1, -1):
            hit = self.paths.get("/".join(segments[:i]))
            if hit is not None:
                return hit
        return None

    def by_setting(self, name: str) -> str | None:
        """A catalogued setting, else a credential or endpoint setting headed by a vendor's brand word
        (`BULKSMS_AUTH_USERNAME`, `ADOBESIGN_API_URL`: the setting the project keeps for that vendor's account),
        not a setting that merely starts with it (`SLACK_CHANNEL`)."""
        name = name.upper()
        found = self.settings.get(name)
        if found is not None:
            return found
        words = name.split("_")
        if len(words) < 2 or words[-1] not in _ACCOUNT_TAILS:
            return None
        brands = self.brands
        return next((sid for n in (2, 1) if len(words) > n and (sid := brands.get("".join(words[:n]).lower()))),
                    None)

    def by_setting_value(self, value: str) -> str | None:
        return longest_prefix(value, self.setting_values)

    def by_package(self, name: str) -> str | None:
        return self.packages.get(name.lower().replace("_", "-"))

    def resolve_name(self, word: str) -> str | None:
        """A data map may name a service by id or display name, any case."""
        return self._names.get(word.strip().lower())

    # -- building ------------------------------------------------------------
    def _add(self, raw: dict[str, object], shown: str, taxonomy: Taxonomy, errors: list[SchemaError]) -> None:
        line = int(raw["_line"])  # type: ignore[call-overload]
        sid = str(raw["id"])

        def err(message: str) -> None:
            errors.append(SchemaError(shown, line, f"service {sid}: {message}"))

        if sid in self.services:
            return err("duplicate id")
        # (a recipient the extractors name themselves, such as unresolved.yaml's unlisted_host, needs none)
        if not any(raw.get(k) for k in SIGNALS) and raw.get("recipient_category") != "webhooks_unresolved":
            err("needs at least one signal (" + ", ".join(SIGNALS) + ")")
        try:
            recipient = taxonomy.recipients.resolve(str(raw["recipient_category"]))
            use = taxonomy.uses.resolve(str(raw["data_use"]))
            categories = tuple(taxonomy.categories.resolve(c) for c in raw.get("categories") or ())  # type: ignore[attr-defined]
            also = tuple(taxonomy.recipients.resolve(str(c)) for c in raw.get("also_disclosed_by") or ())  # type: ignore[attr-defined]
        except ValueError as exc:
            return err(str(exc))
        self.services[sid] = Service(sid, str(raw["name"]), recipient, use, categories, str(raw.get("country") or ""),
                                     also)
        self._names[sid.lower()] = sid
        self._names.setdefault(str(raw["name"]).lower(), sid)

        def put(index: dict[str, str], key: str, what: str) -> None:
            other = index.get(key)
            if other is not None and other != sid:
                err(f"{what} {key!r} already belongs to {other}")
            index[key] = sid

        for imp in raw.get("imports") or ():  # type: ignore[attr-defined]
            put(self.imports, str(imp), "import")
        for call in raw.get("calls") or ():  # type: ignore[attr-defined]
            key = (str(call["function"]), str(call["arg"]))
            if self.calls.get(key, sid) != sid:
                err(f"call {key} already belongs to {self.calls[key]}")
            self.calls[key] = sid
            self.call_functions.add(key[0])
        for domain in raw.get("domains") or ():  # type: ignore[attr-defined]
            d = str(domain).lower()
            host, slash, path = d.partition("/")
            if not slash:
                put(self.domain_suffixes if d.startswith("*.") else self.domains, d.removeprefix("*."), "domain")
                continue
            exact = path.endswith("$")
            segments = path.rstrip("$").split("/")
            if host.startswith("*.") or not all(segments) or any(s != "*" and _WILD.fullmatch(s) for s in segments):
                err(f"domain {d!r}: a path needs an exact host and plain segments (`*` for a version or placeholder)")
                continue
            put(self.domain_exact_paths if exact else self.domain_paths, "/".join([host, *segments]), "domain")
            self.path_hosts.add(host)
        for shape in raw.get("paths") or ():  # type: ignore[attr-defined]
            segments = str(shape).lower().strip("/").split("/")
            # (two segments at least, one of them a word: `api/now`, `openai/deployments`; never a bare version)
            if len(segments) < 2 or not all(segments) or all(s == "*" for s in segments) \
                    or any(s != "*" and _WILD.fullmatch(s) for s in segments):
                err(f"path {shape!r}: two or more segments, plain words or `*` for a version or placeholder")
                continue
            put(self.paths, "/".join(segments), "path")
        for setting in raw.get("settings") or ():  # type: ignore[attr-defined]
            put(self.settings, str(setting).upper(), "setting")
        for value in raw.get("setting_values") or ():  # type: ignore[attr-defined]
            put(self.setting_values, str(value), "setting value")
        for package in raw.get("packages") or ():  # type: ignore[attr-defined]
            put(self.packages, str(package).lower().replace("_", "-"), "package")
        for script in raw.get("scripts") or ():  # type: ignore[attr-defined]
            put(self.scripts, str(script).lower(), "script")
        for alias in raw.get("aliases") or ():  # type: ignore[attr-defined]
            word = re.sub(r"\W|_", "", str(alias)).lower()
            if not word or word in ORDINARY:
                err(f"alias {alias!r}: a word of its own, no ordinary word of code")
                continue
            put(self.aliases, word, "alias")
            self._names.setdefault(str(alias).lower(), sid)  # a data map may name the vendor so (`HelloSign`)


def load_catalogue(files: list[Path], taxonomy: Taxonomy) -> Catalogue:
    catalogue = Catalogue()
    errors: list[SchemaError] = []
    for file in files:
        try:
            raw = load(file, _FILE, file.name if file.parent.name == "services" else str(file))
        except YamlInvalid as exc:
            errors.extend(exc.errors)
            continue
        for entry in raw["services"]:
            catalogue._add(entry, file.name, taxonomy, errors)
    if errors:
        raise YamlInvalid(errors)
    return catalogue
