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


def test_cached_lone_answers_are_the_decisions_over_bench_names(rules: RuleSet) -> None:
    """The answer cache (keyed on a name's tokens and its place) against the full decision, reason included, over
    names as bench_classify builds them (prefixes, suffixes, numbers, camel and upper case, eval rows' places): a
    classifier that has seen every name answers each as `_decide` reading the name itself does."""
    import importlib.util
    from pathlib import Path

    here = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_classify.py"
    spec = importlib.util.spec_from_file_location("_bench_classify", here)
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)  # (its names leave the blind splits' rows out)
    classifier = Classifier(rules.classifier.rules, rules.classifier.context, rules.classifier.taxonomy)
    batch = bench.names(30_000, seed=11)
    for name, container, type_hint in batch:
        classifier.classify(name, container, type_hint)
    differ = [(name, container, type_hint) for name, container, type_hint in batch
              if classifier.classify(name, container, type_hint) != classifier._decide(name, container, type_hint, (), None)]
    assert not differ, differ[:5]


def test_the_answer_cache_adds_no_object_the_collector_tracks(rules: RuleSet) -> None:
    """A lone name's answer is kept under a string key: a tuple key (and the token tuple in it) per name was two
    objects the garbage collector tracked, so caching 200,000 mostly distinct names ran 671 young collections; with
    strings, 232."""
    import gc

    classifier = Classifier(rules.classifier.rules, rules.classifier.context, rules.classifier.taxonomy)
    classifier.classify("customer_email_2", "Order", "CharField")
    classifier.classify("legacy_widget_color", "Product", "CharField")
    assert classifier._token_answers and not any(gc.is_tracked(key) for key in classifier._token_answers)


def test_an_unknown_number_keyed_as_a_stand_in_reads_as_no_rule_word(rules: RuleSet) -> None:
    """Numbers no rule names share a cached answer under a stand-in; `0` was that stand-in, and `auth 0 id` (auth0's
    user id) is a rule's phrase, so `auth_7_id` took the auth0 rule once the cache keyed it as `auth_0_id`."""
    classifier = Classifier(rules.classifier.rules, rules.classifier.context, rules.classifier.taxonomy)
    assert classifier._decide("auth_7_id", "Customer", "CharField", (), None) is None
    assert classifier.classify("auth_7_id", "Customer", "CharField") is None
    assert classifier.classify("auth0_id", "Customer", "CharField") is not None


def test_a_reason_quoting_a_number_quotes_the_names_own(rules: RuleSet) -> None:
    """A cached answer's reason was written with the stand-in for the name's numbers: `show_country_268` was
    explained as a switch over 'country 0'."""
    classifier = Classifier(rules.classifier.rules, rules.classifier.context, rules.classifier.taxonomy)
    for name in ("show_country_268", "show_country_12"):
        found = classifier.classify(name, "UserProfile", "BooleanField")
        assert found is not None and found == classifier._decide(name, "UserProfile", "BooleanField", (), None)
        assert f"'country {name.rsplit('_', 1)[1]}'" in found.reason
