"""Every field rule's examples, bundled in rules/fields/*.yaml, run as tests."""

from __future__ import annotations

import pytest

from scanner.classify import parse_example
from scanner.ruleset import load_ruleset

_RULES = load_ruleset()


def _cases() -> list[object]:
    cases = []
    for rule in _RULES.field_rules:
        for example in rule.match:
            cases.append(pytest.param(rule.id, rule.category, example, True, id=f"{rule.id}+{example}"))
        for example in rule.no_match:
            cases.append(pytest.param(rule.id, rule.category, example, False, id=f"{rule.id}-{example}"))
    return cases


@pytest.mark.parametrize(("rule_id", "category", "example", "should_match"), _cases())
def test_rule_example(rule_id: str, category: str, example: str, should_match: bool) -> None:
    # `Member.title:CharField beside company, department`: the row's other fields, for rules bound to a row's kind
    ref, _, beside = example.partition(" beside ")
    name, container, type_hint = parse_example(ref)
    neighbours = [n.strip() for n in beside.split(",") if n.strip()]
    result = _RULES.classifier.classify(name, container, type_hint, neighbours=[name, *neighbours] if neighbours else ())
    if should_match:
        assert result is not None, f"{example}: expected {category}, got nothing"
        assert result.category == category, f"{example}: expected {category} ({rule_id}), got {result}"
    else:
        assert result is None or result.category != category, f"{example}: {rule_id} should not match, got {result}"


def test_every_rule_has_examples() -> None:
    missing = [r.id for r in _RULES.field_rules if not r.no_match or (not r.match and r.category != "none")]
    assert missing == []


# Aliases that, as a field's name on a User row, the classifier reads as another category, each with the reason.
_ALIAS_EXCEPTIONS = {
    # `face_id` names the face template (a biometric), whatever the login method the data map means by it
    "face_id": "user.biometric",
    # a heart rate is labelled health data on every seen split; the taxonomy files it under biometric health
    "heart_rate": "user.health_and_medical",
    # a bare `contact` on a User row is a link to a contact's row
    "contact": "user.unique_id",
    # a FHIR Patient's `communication` is the languages they speak: the plural is singularised the same
    "communications": "user.demographic.language",
    # a user's `preferences` are their account settings (LABELING.md), not a demographic profile
    "preferences": "user.account.settings",
    # a `cookie` column holds the cookie's value, the identifier it carries
    "cookie": "user.device.cookie_id",
    # a stored recording is what the person said, their content; the alias of the voice biometric stays for data maps
    # that declare it (LABELING.md, session 18 ruling 1)
    "voice_recording": "user.content.private",
    # the taxonomy's sensor keys differ (`user.sensor` for a rule's category, `user.user_sensor` for the alias)
    "user_sensor_data": "user.sensor",
}


def test_every_alias_as_a_users_field_is_read_within_its_category() -> None:
    """An officer who names a field by a category's alias gets that category, generic `user.content`, or nothing."""
    from scanner.taxonomy import covers

    taxonomy = _RULES.taxonomy
    wrong = []
    for key, term in taxonomy.categories.terms.items():
        for alias in term.aliases:
            found = _RULES.classifier.classify(alias, "User", "")
            if found is None or found.category == "user.content" or covers(key, found.category):
                continue
            if _ALIAS_EXCEPTIONS.get(alias) == found.category:
                continue
            wrong.append(f"{alias} ({key}): {found.category} by {found.rule}")
    assert wrong == []


def test_the_alias_exceptions_are_still_exceptions() -> None:
    for alias, category in _ALIAS_EXCEPTIONS.items():
        found = _RULES.classifier.classify(alias, "User", "")
        assert found is not None and found.category == category, alias
