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
