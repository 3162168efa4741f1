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
    assert any(entry.get(k) for k in SIGNALS), "at least one signal"
    assert COUNTRY.fullmatch(str(entry.get("country") or "US")), "ISO 3166 alpha-2 code or EU"
    for domain in entry.get("domains") or ():
        assert HOST.fullmatch(domain), domain
    for script in entry.get("scripts") or ():
        assert SCRIPT.fullmatch(script), f"host or host/path prefix, no scheme: {script}"
    for package in entry.get("packages") or ():
        assert PACKAGE.fullmatch(package), package
    for setting in entry.get("settings") or ():
        assert setting == setting.upper(), setting
    for kind in SIGNALS:
        values = [str(v) if kind == "imports" else str(v).lower() for v in entry.get(kind) or ()]  # modules are case-sensitive
        assert len(values) == len(set(values)), f"duplicate {kind} in {entry['id']}"


@pytest.mark.parametrize("kind", ["id", "imports", "domains", "settings", "setting_values", "packages", "scripts"])
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


