"""The service catalogue: every entry well-formed, and each signal kind finds its service."""

from __future__ import annotations

import re
from collections import Counter

import pytest
import yaml

from scanner.catalogue import SIGNALS
from scanner.extract.templates import script_service
from scanner.ruleset import RuleSet
from scanner.rulesdata import rules_dir

SERVICE_FILES = sorted((rules_dir() / "services").glob("*.yaml"))
ENTRIES = [(f.name, e) for f in SERVICE_FILES for e in yaml.safe_load(f.read_text(encoding="utf-8"))["services"]]
COUNTRY = re.compile(r"^(?:[A-Z]{2}|EU)$")
HOST = re.compile(r"^(?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+$")
# a host with a path: plain lower-case segments, `*` for a version or placeholder, `$` for that path only
HOST_PATH = re.compile(r"^[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:/(?:\*|[a-z0-9_.@-]+))+\$?$")
SCRIPT = re.compile(r"^[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:/\S+)?$")
PACKAGE = re.compile(r"^[a-z0-9]+(?:[-_.][a-z0-9]+)*$")


def test_catalogue_is_large_and_loads(rules: RuleSet) -> None:
    assert len(ENTRIES) == len(rules.catalogue.services) >= 300


@pytest.mark.parametrize(("file", "entry"), ENTRIES, ids=[e["id"] for _, e in ENTRIES])
def test_entry_is_well_formed(file: str, entry: dict, rules: RuleSet) -> None:
    taxonomy = rules.taxonomy
    assert re.fullmatch(r"[a-z0-9_]+", entry["id"]), "ids are snake_case"
    assert entry["recipient_category"] in taxonomy.recipients.terms, "recipient category must be a key, not an alias"
    assert entry["data_use"] in taxonomy.uses.terms, "data_use must be a fideslang key"
    for category in entry.get("categories") or ():
        assert category in taxonomy.categories.terms, category
    # (a recipient the extractors name themselves, unresolved.yaml's unlisted_host, needs none)
    assert any(entry.get(k) for k in SIGNALS) or entry["recipient_category"] == "webhooks_unresolved", \
        "at least one signal"
    assert COUNTRY.fullmatch(str(entry.get("country") or "US")), "ISO 3166 alpha-2 code or EU"
    for domain in entry.get("domains") or ():
        assert HOST.fullmatch(domain) or HOST_PATH.fullmatch(domain), domain
    for script in entry.get("scripts") or ():
        assert SCRIPT.fullmatch(script), f"host or host/path prefix, no scheme: {script}"
    for package in entry.get("packages") or ():
        assert PACKAGE.fullmatch(package), package
    for setting in entry.get("settings") or ():
        assert setting == setting.upper(), setting
    for kind in SIGNALS:
        values = [str(v) if kind == "imports" else str(v).lower() for v in entry.get(kind) or ()]  # modules are case-sensitive
        assert len(values) == len(set(values)), f"duplicate {kind} in {entry['id']}"


@pytest.mark.parametrize("kind", ["id", "imports", "domains", "settings", "setting_values", "packages", "scripts",
                                  "paths"])
def test_no_signal_names_two_services(kind: str) -> None:
    owners: dict[str, set[str]] = {}
    for _, entry in ENTRIES:
        values = [entry["id"]] if kind == "id" else entry.get(kind) or ()
        for value in values:
            key = str(value) if kind == "imports" else str(value).lower()
            key = key.replace("_", "-") if kind == "packages" else key
            owners.setdefault(key, set()).add(entry["id"])
    clashes = {k: v for k, v in owners.items() if len(v) > 1}
    assert not clashes
    if kind == "id":
        assert not [k for k, n in Counter(e["id"] for _, e in ENTRIES).items() if n > 1]


def test_no_host_and_path_names_two_services() -> None:
    """`api.github.com/user$` (that path) and `api.github.com/user` (a prefix) are one claim on host + path,
    and a path entry must name another service than its host does, else it says nothing, unless other services
    have paths on that host: there the host's own paths tell it apart (Messenger's `graph.facebook.com/*/me/messages`
    beside WhatsApp's paths, Catalogue.own_paths)."""
    owners: dict[str, set[str]] = {}
    hosts: dict[str, str] = {}
    for _, entry in ENTRIES:
        for domain in entry.get("domains") or ():
            d = str(domain).lower()
            owners.setdefault(d.rstrip("$"), set()).add(entry["id"])
            if "/" not in d:
                hosts[d] = entry["id"]
    assert not {k: v for k, v in owners.items() if len(v) > 1}
    shared = {k.split("/")[0] for k, v in owners.items() if "/" in k and hosts.get(k.split("/")[0]) not in v}
    redundant = {k: v for k, v in owners.items()
                 if "/" in k and hosts.get(k.split("/")[0]) in v and k.split("/")[0] not in shared}
    assert not redundant, "a path entry naming its host's own service"


def test_path_entries_never_match_a_version_literally(rules: RuleSet) -> None:
    for key in [*rules.catalogue.domain_paths, *rules.catalogue.domain_exact_paths]:
        assert not re.search(r"/v?\d+(?:\.\d+)*(?:/|$)", key), f"{key}: write `*` for a version segment"


def test_no_call_names_two_services() -> None:
    owners: dict[tuple[str, str], set[str]] = {}
    for _, entry in ENTRIES:
        for call in entry.get("calls") or ():
            owners.setdefault((call["function"], call["arg"]), set()).add(entry["id"])
    assert not {k: v for k, v in owners.items() if len(v) > 1}


def test_display_names_are_unique() -> None:
    names = Counter(e["name"].lower() for _, e in ENTRIES)
    assert not [n for n, c in names.items() if c > 1]


# -- lookups, one table per signal kind -------------------------------------------------------

@pytest.mark.parametrize(("qualified", "expected"), [
    ("stripe", "stripe"),
    ("stripe.Customer.create", "stripe"),
    ("sentry_sdk.init", "sentry"),
    ("twilio.rest.Client", "twilio"),
    ("facebook_business.api.FacebookAdsApi", "facebook_marketing"),
    ("boto3", None),  # boto3 alone names no service: the client's service name does
    ("stripey", None),
    # Flask-Dance's providers are sign-ins, not the provider's other APIs (calibre-web)
    ("flask_dance.contrib.github.make_github_blueprint", "github_login"),
    ("flask_dance.contrib.google.google", "google_sign_in"),
    ("flask_dance.contrib", None),
    ("literalai.AsyncLiteralClient", "literal_ai"),  # chainlit's chat log
    ("nio.AsyncClient", "matrix"),  # udata's moderation notices to a Matrix room
    # httpx-oauth's clients are each provider's sign-in (fastapi-users, open-webui)
    ("httpx_oauth.clients.google.GoogleOAuth2", "google_sign_in"),
    ("httpx_oauth.clients.github.GitHubOAuth2", "github_login"),
    ("httpx_oauth.clients", None),
    ("webpush.send_user_notification", "web_push"),  # django-webpush
    ("webpush", None),
    ("smpplib.client.Client", "smpp_gateway"),
    ("yubico_client.Yubico", "yubicloud"),
    ("ddgs.DDGS", "duckduckgo_search"),
    ("firecrawl.FirecrawlApp", "firecrawl"),
])
def test_by_import(rules: RuleSet, qualified: str, expected: str | None) -> None:
    assert rules.catalogue.by_import(qualified) == expected


@pytest.mark.parametrize(("function", "arg", "expected"), [
    ("boto3.client", "ses", "amazon_ses"),
    ("boto3.client", "sqs", "aws_sqs"),
    ("boto3.client", "s3", "aws_s3"),
    ("boto3.client", "nope", None),
])
def test_by_call(rules: RuleSet, function: str, arg: str, expected: str | None) -> None:
    assert rules.catalogue.by_call(function, arg) == expected


@pytest.mark.parametrize(("host", "expected"), [
    ("api.stripe.com", "stripe"),
    ("API.Mixpanel.com.", "mixpanel"),
    ("o123.ingest.sentry.io", "sentry"),  # wildcard suffix
    ("hooks.slack.com", "slack"),
    ("example.com", None),
    ("stripe.com.evil.example", None),
])
def test_by_host(rules: RuleSet, host: str, expected: str | None) -> None:
    assert rules.catalogue.by_host(host) == expected


@pytest.mark.parametrize(("host", "path", "expected"), [
    ("github.com", "/login/oauth/authorize", "github_login"),  # the host + path prefix
    ("github.com", "/login/oauth/access_token?code=1", "github_login"),
    ("api.github.com", "/user", "github_login"),  # sign-in's user-info endpoint: that path only
    ("api.github.com", "/user/emails", "github_login"),
    ("api.github.com", "/user/repos", "github"),  # the API under the same prefix: falls back to the host
    ("api.github.com", "/repos/o/r/issues", "github"),
    ("api.github.com", "", "github"),
    ("github.com", "/octocat/hello", None),  # the website: no host entry
    ("gitlab.com", "/oauth/token", "gitlab_login"),
    ("gitlab.com", "/api/v4/user", "gitlab_login"),  # a version segment matches `*`
    ("gitlab.com", "/api/v4/projects/1", "gitlab"),
    ("gitlab.com", "/", None),
    ("www.facebook.com", "/v9.0/dialog/oauth", "facebook_login"),
    ("graph.facebook.com", "/v19.0/oauth/access_token", "facebook_login"),
    ("graph.facebook.com", "/v19.0/me?fields=id,name", "facebook_login"),
    ("graph.facebook.com", "/me", "facebook_login"),
    ("graph.facebook.com", "/v19.0/me/accounts", "facebook_graph"),  # pages of the user: the Graph API
    ("graph.facebook.com", "/v19.0/12345/feed", "facebook_graph"),
    # WhatsApp's Cloud API on the same host, by its documented edges (audit12 #06)
    ("graph.facebook.com", "/v20.0/{phone_number_id}/messages", "whatsapp_business"),
    ("graph.facebook.com", "/106540352242922/messages", "whatsapp_business"),
    ("graph.facebook.com", "/v17.0/{waba_id}/message_templates?limit=10", "whatsapp_business"),
    ("graph.facebook.com", "/v19.0/me/messages", "facebook_graph"),  # Messenger's Send API
    ("graph.facebook.com", "/v19.0/{ig_user_id}/media", "facebook_graph"),  # Instagram's publishing has it too
    ("graph.microsoft.com", "/{version}/me", "microsoft_entra_id"),  # a placeholder segment matches `*`
    ("graph.microsoft.com", "/v1.0/me/messages", "microsoft_graph"),
    ("login.microsoftonline.com", "/{tenant}/oauth2/v2.0/authorize", "microsoft_entra_id"),  # host only
    ("accounts.google.com", "/o/oauth2/auth", "google_sign_in"),
    ("www.googleapis.com", "/oauth2/v3/userinfo", "google_sign_in"),
    ("www.googleapis.com", "/auth/userinfo.email", "google_sign_in"),  # a sign-in scope
    ("oauth2.googleapis.com", "/token", "google_sign_in"),
    ("gmail.googleapis.com", "/gmail/v1/users/me/messages/send", "gmail"),
    ("www.linkedin.com", "/oauth/v2/authorization", "linkedin"),
    ("www.linkedin.com", "/in/someone", None),
    ("twitter.com", "/i/oauth2/authorize", "x_twitter"),
    ("GitHub.com.", "/LOGIN/oauth/authorize", "github_login"),
    ("api.stripe.com", "/v1/charges", "stripe"),  # hosts without path entries: the host lookup
    ("o1.ingest.sentry.io", "/api/1/store/", "sentry"),
    # web-search and weather APIs that receive the user's query or place
    ("www.googleapis.com", "/customsearch/v1", "google_programmable_search"),
    ("kagi.com", "/api/v0/search", "kagi_search"),
    ("kagi.com", "/", None),  # the website
    ("google.serper.dev", "/search", "serper"),
    ("weather.visualcrossing.com", "/VisualCrossingWebServices/rest", "visual_crossing"),
    ("api.openweathermap.org", "/data/2.5/weather", "openweathermap"),
    ("api.yubico.com", "/wsapi/2.0/verify", "yubicloud"),
    ("samurai.sipgate.net", "/RPC2", "sipgate"),
    ("api.sipgate.com", "/v2/sessions/sms", "sipgate"),
])
def test_by_url(rules: RuleSet, host: str, path: str, expected: str | None) -> None:
    assert rules.catalogue.by_url(host, path) == expected


@pytest.mark.parametrize("domain", ["*.github.com/login", "github.com/v3/x", "github.com//x", "github.com/{x}/y"])
def test_bad_path_entries_are_refused(rules: RuleSet, domain: str) -> None:
    from scanner.catalogue import Catalogue

    catalogue, errors = Catalogue(), []
    entry = {"_line": 1, "id": "x", "name": "X", "recipient_category": "analytics", "data_use": "analytics",
             "domains": [domain]}
    catalogue._add(entry, "x.yaml", rules.taxonomy, errors)
    assert errors and "path" in errors[0].message


@pytest.mark.parametrize(("name", "expected"), [
    ("SENTRY_DSN", "sentry"),
    ("sendgrid_api_key", "sendgrid"),
    ("SECRET_KEY", None),
])
def test_by_setting(rules: RuleSet, name: str, expected: str | None) -> None:
    assert rules.catalogue.by_setting(name) == expected


@pytest.mark.parametrize(("value", "expected"), [
    ("anymail.backends.sendgrid.EmailBackend", "sendgrid"),
    ("storages.backends.s3boto3.S3Boto3Storage", "aws_s3"),
    ("django.core.mail.backends.smtp.EmailBackend", "smtp_server"),  # synthetic entry (unresolved.yaml)
    ("django.core.mail.backends.console.EmailBackend", None),
])
def test_by_setting_value(rules: RuleSet, value: str, expected: str | None) -> None:
    assert rules.catalogue.by_setting_value(value) == expected


@pytest.mark.parametrize(("name", "expected"), [
    ("sentry-sdk", "sentry"),
    ("sentry_sdk", "sentry"),
    ("Stripe", "stripe"),
    ("requests", None),
])
def test_by_package(rules: RuleSet, name: str, expected: str | None) -> None:
    assert rules.catalogue.by_package(name) == expected


@pytest.mark.parametrize(("url", "expected"), [
    ("https://www.googletagmanager.com/gtag/js?id=G-1", "google_analytics"),
    ("https://www.googletagmanager.com/gtm.js?id=GTM-1", "google_tag_manager"),
    ("//connect.facebook.net/en_US/fbevents.js", "facebook_marketing"),
    ("https://connect.facebook.net/en_US/sdk.js", "facebook_graph"),
    ("https://static.hotjar.com/c/hotjar-1.js", "hotjar"),
    ("https://js.stripe.com/v3/", "stripe"),
    ("https://www.google.com/recaptcha/api.js", "google_recaptcha"),
    ("https://www.google.com/search", None),  # a host/path prefix matches on path segments only
    ("https://www.googletagmanager.com/other.js", None),
    ("/static/app.js", None),
])
def test_script_lookup(rules: RuleSet, url: str, expected: str | None) -> None:
    assert script_service(url, rules.catalogue) == expected


@pytest.mark.parametrize(("word", "expected"), [("stripe", "stripe"), ("Stripe", "stripe"), ("Google Analytics", "google_analytics")])
def test_resolve_name(rules: RuleSet, word: str, expected: str) -> None:
    assert rules.catalogue.resolve_name(word) == expected


def test_only_a_synthetic_recipient_may_have_no_signal(tmp_path, rules: RuleSet) -> None:
    from scanner.catalogue import load_catalogue
    from scanner.yamlschema import YamlInvalid

    base = "  - {{id: {id}, name: X, recipient_category: {category}, data_use: third_party_sharing}}\n"
    ok = tmp_path / "ok.yaml"
    ok.write_text("services:\n" + base.format(id="named_by_code", category="webhooks_unresolved"), encoding="utf-8")
    assert "named_by_code" in load_catalogue([ok], rules.taxonomy).services
    bad = tmp_path / "bad.yaml"
    bad.write_text("services:\n" + base.format(id="undetectable", category="analytics"), encoding="utf-8")
    with pytest.raises(YamlInvalid, match="at least one signal"):
        load_catalogue([bad], rules.taxonomy)


@pytest.mark.parametrize(("path", "expected"), [
    ("/openai/deployments/{}/chat/completions?api-version=2024-02-15-preview", "azure_openai"),
    ("/openai/deployments/gpt-4o/embeddings", "azure_openai"),
    ("/services/data/v59.0/sobjects/Contact/", "salesforce"),
    ("/api/data/v9.2/contacts", "microsoft_dynamics_365"),
    ("/admin/api/2024-01/graphql.json", "shopify"),  # a dated version is a version
    ("/text/analytics/v3.1/entities/recognition/pii", "azure_ai_language"),
    ("/api/now/table/incident", "servicenow"),
    # a path shape names nothing by one word, nor by its version's place alone
    ("/openai/models", None),
    ("/api/data/contacts", None),
    ("/admin/api/users", None),
    ("/services", None),
    ("", None),
])
def test_by_path(rules: RuleSet, path: str, expected: str | None) -> None:
    assert rules.catalogue.by_path(path) == expected


@pytest.mark.parametrize("shape", ["openai", "*/*", "v1/chat", "api/{x}/y", "api//now"])
def test_bad_path_shapes_are_refused(rules: RuleSet, shape: str) -> None:
    from scanner.catalogue import Catalogue

    catalogue, errors = Catalogue(), []
    entry = {"_line": 1, "id": "x", "name": "X", "recipient_category": "analytics", "data_use": "analytics",
             "paths": [shape]}
    catalogue._add(entry, "x.yaml", rules.taxonomy, errors)
    assert errors and "path" in errors[0].message
