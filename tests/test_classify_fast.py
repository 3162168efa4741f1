"""The lone-name fast path (`Classifier._surely_none`, the shortcuts in `_decide`) answers as the full decision does.

`classify` without neighbours settles most names without `_decide`, and `_decide` skips `_veto` for candidates
that a metadata word after them or a rule's place vetoes anyway. `explain` runs every check, so the two are
compared over names built from the rules' own words, in containers and with types that reach each branch.
"""

from __future__ import annotations

import random

import pytest

from scanner.classify import Classifier
from scanner.classify_tokens import type_name
from scanner.ruleset import RuleSet

_CONTAINERS = ["", "Customer", "Order", "Product", "Device", "Patient", "VisitNote", "SiteSettings", "GiftCard", "Card",
               "Payment", "EmailLog", "IncomingSMS", "Organization", "UserProfile", "Booking", "Medication", "Station"]
_TYPES = ["", "CharField", "TextField", "BooleanField", "IntegerField", "DateTimeField", "EmailField", "str", "int",
          "bool", "ForeignKey(User)", "ForeignKey(Country)", "JSONField", "Optional[Author]", "models.DecimalField"]
_EXTRA = ["id", "user", "by", "to", "created", "at", "verified", "hash", "count", "is", "show", "hidden", "subject",
          "ref", "2", "x", "tmp", "billing", "customer", "owner", "assigned", "card", "gift", "name", "object"]


def _names(classifier: Classifier, n: int) -> list[tuple[str, str, str]]:
    rng = random.Random(5)
    words = sorted({w for p in classifier._by_first for w in [p]} | set(_EXTRA))
    phrases = sorted({"_".join(p) for entries in classifier._by_first.values() for p, _, _ in entries})
    out = []
    for _ in range(n):
        parts = [rng.choice(words) for _ in range(rng.randrange(0, 2))] + [rng.choice(phrases)]
        parts += [rng.choice(words) for _ in range(rng.randrange(0, 3))]
        out.append(("_".join(parts), rng.choice(_CONTAINERS), rng.choice(_TYPES)))
    return out


def test_fast_path_answers_as_explain(rules: RuleSet) -> None:
    classifier = rules.classifier
    differ = []
    for name, container, type_hint in _names(classifier, 4000):
        if type_name(type_hint) in classifier._by_type:
            continue  # (there both paths are the same code, and a veto's words tell `explain` less than its kind)
        classifier._token_answers.clear()  # (an answer kept for another container of the same key is not the point)
        fast = classifier.classify(name, container, type_hint)
        full = classifier._decide(name, container, type_hint, (), [])
        if fast != full:
            differ.append((name, container, type_hint, fast, full))
    assert not differ, differ[:5]


@pytest.mark.parametrize(("name", "container", "type_hint"), [
    pytest.param("customer_email_verified", "Order", "CharField", id="metadata-word-after"),
    pytest.param("legacy_widget_color", "Product", "CharField", id="no-candidate"),
    pytest.param("voicemails", "Product", "CharField", id="bound-rule-off-its-place"),
])
def test_names_that_cannot_be_personal_skip_the_decision(rules: RuleSet, name: str, container: str,
                                                         type_hint: str, monkeypatch: pytest.MonkeyPatch) -> None:
    classifier = rules.classifier
    assert classifier._decide(name, container, type_hint, (), []) is None
    classifier._token_answers.clear()

    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("decided in full")

    monkeypatch.setattr(classifier, "_decide", fail)
    assert classifier.classify(name, container, type_hint) is None


def test_personal_names_still_get_the_full_decision(rules: RuleSet) -> None:
    classifier = rules.classifier
    classifier._token_answers.clear()
    found = classifier.classify("customer_email", "Order", "CharField")
    assert found is not None and found.category == "user.contact.email"
