"""What a person's profile says of them in its own shapes (session 17, holdout22's seen misses)."""

from __future__ import annotations

from scanner.ruleset import RuleSet


def _category(rules: RuleSet, name: str, container: str, type_hint: str, neighbours: list[str]) -> str | None:
    found = rules.classifier.classify(name, container, type_hint, neighbours)
    return found.category if found else None


def test_a_value_beside_its_visibility_switch_is_the_datum_its_class_is_named_for(rules: RuleSet) -> None:
    # an API's per-attribute objects (hinge's Religion, Politics, DrinkingStatus): the switch makes it one person's
    row = ["value", "visible"]
    for container, type_hint, category in (("Religion", "list[int] | None", "user.demographic.religious_belief"),
                                           ("Politics", "int | None", "user.demographic.political_opinion"),
                                           ("DrinkingStatus", "int | None", "user.health_and_medical"),
                                           ("SexualOrientation", "list[int] | None", "user.demographic.sexual_orientation"),
                                           ("JobTitle", "str | None", "user.job_title")):
        assert _category(rules, "value", container, type_hint, row) == category, container
        assert _category(rules, "visible", container, "bool", row) == "user.privacy_preferences", container


def test_a_lookup_or_a_things_value_is_no_ones(rules: RuleSet) -> None:
    # a table of religions has no visibility switch; a setting's or a field definition's switch wraps no person's datum
    assert _category(rules, "value", "Religion", "CharField", ["id", "value"]) is None
    assert _category(rules, "value", "Setting", "str", ["value", "visible"]) is None
    assert _category(rules, "visible", "ParticipantAttributeName", "Mapped[str]",
                     ["id", "attribute_name", "visible", "value"]) is None
    # a wide row is an entity of its own, not a wrapper
    wide = ["id", "name", "value", "visible", "order", "help_text"]
    assert _category(rules, "value", "Religion", "CharField", wide) is None
