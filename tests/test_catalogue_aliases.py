"""Catalogue `aliases:` (a vendor's other names as code writes them) and settings headed by a vendor's brand word
(heldout18: Adobe Sign, HelloSign, Duo, BulkSMS)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scanner.catalogue import load_catalogue
from scanner.ruleset import RuleSet
from scanner.taxonomy import load_taxonomy
from scanner.rulesdata import rules_dir
from scanner.yamlschema import YamlInvalid


def test_aliases_are_brand_words_and_names_a_data_map_may_use(rules: RuleSet) -> None:
    catalogue = rules.catalogue
    assert catalogue.brands["adobesign"] == catalogue.brands["echosign"] == "adobe_acrobat_sign"
    assert catalogue.brands["hellosign"] == "dropbox_sign"
    assert catalogue.brands["duo"] == "duo_security"  # short, but written out for the vendor
    assert catalogue.resolve_name("HelloSign") == "dropbox_sign"
    assert catalogue.resolve_name("Adobe Sign") == "adobe_acrobat_sign"


def test_an_alias_that_is_an_ordinary_word_is_refused(tmp_path: Path) -> None:
    taxonomy = load_taxonomy(rules_dir() / "taxonomy.yaml")
    bad = tmp_path / "x.yaml"
    bad.write_text("services:\n  - id: acme\n    name: Acme\n    recipient_category: other\n"
                   "    data_use: essential.service\n    domains: [api.acme.io]\n    aliases: [Segment]\n")
    with pytest.raises(YamlInvalid, match="alias 'Segment'"):
        load_catalogue([bad], taxonomy)


@pytest.mark.parametrize(("name", "service"), [
    ("BULKSMS_AUTH_USERNAME", "bulksms"),  # heldout18's django-bulksms
    ("BULKSMS_API_URL", "bulksms"),
    ("ADOBESIGN_ACCESS_TOKEN", "adobe_acrobat_sign"),  # an alias heads it
    ("CUSTOMERIO_TRACKING_API_KEY", "customer_io"),
    ("GOOGLE_ANALYTICS_SERVICE_ACCOUNT_KEY", "google_analytics"),  # two words run together
    ("BULKSMS_TIMEOUT", None),  # no credential or address: a switch of the project's
    ("ZAPIER_TRIGGER_DEFAULT_PAGE_SIZE", None),
    ("EMAIL_HOST_USER", None),  # no vendor's word
    ("REDIS_URL", None),
])
def test_a_credential_or_address_setting_headed_by_a_brand_names_it(rules: RuleSet, name: str,
                                                                     service: str | None) -> None:
    assert rules.catalogue.by_setting(name) == service


@pytest.mark.parametrize(("handler", "service"), [
    ("newrelic.api.log.NewRelicLogForwardingHandler", "new_relic"),
    ("raygun4py.raygunprovider.RaygunHandler", "raygun"),
    ("google.cloud.logging_v2.handlers.CloudLoggingHandler", "google_cloud_logging"),
])
def test_vendor_log_handlers_named_in_a_logging_dict(rules: RuleSet, handler: str, service: str) -> None:
    """Audit16 #18: a LOGGING dict's handler class is read through `by_setting_value` (py_log_channels)."""
    assert rules.catalogue.by_setting_value(handler) == service
