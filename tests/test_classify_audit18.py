"""audit18 #08 and #11: an e-mail row's address, an OAuth2 client, and configuration read as a person's data."""

from __future__ import annotations

from scanner.ruleset import RuleSet


def _category(rules: RuleSet, name: str, container: str, type_hint: str, neighbours: list[str]) -> str | None:
    found = rules.classifier.classify(name, container, type_hint, neighbours)
    return found.category if found else None


def test_an_email_rows_address_is_the_email_address(rules: RuleSet) -> None:
    row = ["id", "user_id", "address", "address_normalized", "verified"]
    assert _category(rules, "address", "UserEmail", "String", row) == "user.contact.email"
    assert _category(rules, "address_normalized", "UserEmail", "String", row) == "user.contact.email"
    # a person's own `address` stays postal
    assert _category(rules, "address", "Customer", "String", ["id", "name", "address", "city"]) == "user.contact.address"


def test_a_versioned_oauth_client_is_software(rules: RuleSet) -> None:
    row = ["id", "user_id", "client", "code"]
    assert _category(rules, "client", "OAuth2Grant", "ForeignKey(OAuth2Client)", row) is None
    assert _category(rules, "client", "Invoice", "ForeignKey(Client)", ["id", "client", "amount"]) == "user.unique_id"


def test_a_settings_forms_attribute_names_and_captions_are_configuration(rules: RuleSet) -> None:
    row = ["saml_enabled", "saml_login_button_text", "saml_attr_email", "saml_attr_firstname", "saml_issuer"]
    for name in ("saml_login_button_text", "saml_attr_email", "saml_attr_firstname"):
        assert _category(rules, name, "SAMLSettingsForm", "CharField", row) is None, name
    assert _category(rules, "diffviewer_paginate_by", "DiffSettingsForm", "IntegerField",
                     ["diffviewer_paginate_by", "diffviewer_context_num_lines"]) is None
    assert _category(rules, "finger_print", "SSLTrust", "str", ["hostname", "realm", "finger_print", "valid_from"]) is None
    # a person's own e-mail, a record's `created_by` and an employee's finger print stay theirs
    assert _category(rules, "email", "Member", "CharField", ["first_name", "last_name", "email"]) == "user.contact.email"
    assert _category(rules, "created_by", "Document", "ForeignKey(User)", ["title", "created_by"]) == "user.unique_id"
    assert _category(rules, "finger_print", "Employee", "BinaryField", ["first_name", "last_name", "finger_print"]) \
        == "user.biometric.fingerprint"
