"""The data map loader: strict, with file:line and the nearest valid name."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from scanner.datamap import load_datamap
from scanner.ruleset import RuleSet
from scanner.yamlschema import YamlInvalid

GOOD = """\
version: 1
organization: Acme
collects:
  - category: email
    purposes: [essential.service]
  - category: user.contact.phone_number
recipients:
  - service: Stripe
    receives: [email, financial]
  - category: email delivery services
    receives: email
prohibited_uses: [advertising, sale]
"""


def load(tmp_path: Path, rules: RuleSet, text: str):
    path = tmp_path / "datamap.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return load_datamap(path, rules.taxonomy, rules.catalogue, "datamap.yaml")


def test_aliases_and_display_names_resolve_to_keys(tmp_path: Path, rules: RuleSet) -> None:
    dm = load(tmp_path, rules, GOOD)
    assert [c.category for c in dm.collects] == ["user.contact.email", "user.contact.phone_number"]
    assert [c.line for c in dm.collects] == [4, 6]
    stripe, email = dm.recipients
    assert (stripe.service, stripe.receives) == ("stripe", ("user.contact.email", "user.financial"))
    assert (email.category, email.receives) == ("email_delivery", ("user.contact.email",))
    assert [(p.use, p.line) for p in dm.prohibited] == [("marketing.advertising", 12), ("third_party_sharing.sale", 12)]


def test_every_printed_display_name_is_accepted(rules: RuleSet) -> None:
    # an officer copies what `datamap rules recipients` prints: "Authentication and identity providers"
    # was rejected, because only the hand-written aliases of auth_identity were names
    tax = rules.taxonomy
    assert tax.recipients.resolve("Authentication and identity providers") == "auth_identity"
    for vocabulary in (tax.categories, tax.uses, tax.recipients):
        assert {t.key for t in vocabulary.terms.values() if vocabulary.resolve(t.name) != t.key} == set()


def test_a_display_name_never_overrides_a_key_or_alias() -> None:
    from scanner.taxonomy import Term, Vocabulary

    vocabulary = Vocabulary("category", [Term("a", "Same", ""), Term("b", "Same", ""), Term("c", "Other", "", ("x",)),
                                         Term("d", "C", ""), Term("e", "X", "")])
    assert vocabulary.resolve("C") == "c" and vocabulary.resolve("X") == "c"  # a key and an alias come first
    with pytest.raises(ValueError):
        vocabulary.resolve("Same")  # shared by two terms: names neither
    assert vocabulary.resolve("Other") == "c"


def test_parent_category_covers_children(tmp_path: Path, rules: RuleSet) -> None:
    dm = load(tmp_path, rules, "version: 1\ncollects:\n  - category: user.contact\n")
    assert dm.declares_category("user.contact.address.city")
    assert not dm.declares_category("user.name")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("version: 1\ncollect:\n  - category: email\n",
                     "datamap.yaml:2: top level: unknown key 'collect'; did you mean 'collects'?", id="unknown-top-key"),
        pytest.param("version: 1\ncollects:\n  - category: emial\n",
                     "datamap.yaml:3: collects[0].category: unknown data category 'emial'; did you mean 'email'?",
                     id="unknown-category"),
        pytest.param("version: 1\nrecipients:\n  - service: strpie\n",
                     "datamap.yaml:3: recipients[0].service: unknown service 'strpie'; did you mean 'stripe'?",
                     id="unknown-service"),
        pytest.param("version: 1\nrecipients:\n  - service: stripe\n    recieves: [email]\n",
                     "datamap.yaml:4: recipients[0]: unknown key 'recieves'; did you mean 'receives'?", id="typo-key"),
        pytest.param("version: 1\nrecipients:\n  - receives: [email]\n",
                     "datamap.yaml:3: recipients[0]: needs one of 'service' or 'category'", id="no-recipient"),
        pytest.param("version: 1\ncollects:\n  - email\n",
                     "datamap.yaml:3: collects[0]: expected a mapping, got 'email'; write `- category: email`",
                     id="bare-category"),
        pytest.param("version: 1\nrecipients:\n  - stripe\n",
                     "datamap.yaml:3: recipients[0]: expected a mapping, got 'stripe'; write `- service: stripe` or "
                     "`- category: stripe`", id="bare-recipient"),
        pytest.param("version: 1\ncollects:\n\t- category: email\n",
                     "datamap.yaml:3: invalid YAML: found character that cannot start any token in `- category: email`: "
                     "YAML indents with spaces, not tabs", id="tab"),
        pytest.param("version: 1\ncollects:\n  - category: email\n   purposes: [x]\n",
                     "datamap.yaml:4: invalid YAML: did not find expected '-' indicator in `purposes: [x]`: check its "
                     "indentation against the lines above", id="indentation"),
        pytest.param("version: 1\nrecipients:\n  - service: stripe\n    category: payment\n",
                     "datamap.yaml:3: recipients[0]: has both 'service' and 'category', but an entry takes only one of "
                     "them; split it into one entry each", id="service-and-category"),
        pytest.param("version: 1\nprohibited_uses: [advertisment]\n",
                     "datamap.yaml:2: prohibited_uses[0]: unknown data use 'advertisment'; did you mean 'advertisement'?",
                     id="unknown-use"),
        pytest.param("collects: []\n", "datamap.yaml:1: top level: missing required key 'version'", id="no-version"),
        pytest.param("version: 2\n", "datamap.yaml:1: version: this Datamap reads version 1, got 2", id="future-version"),
        pytest.param("version: 1\ncollects: email\n", "datamap.yaml:2: collects: expected a list, got 'email'",
                     id="wrong-shape"),
        pytest.param("version: 1\ncollects: [\n", "datamap.yaml:3: invalid YAML", id="broken-yaml"),
        pytest.param("version: 1\nrecipients:\n  - service: stripe\n  - service: Stripe\n    receives: [email]\n",
                     "datamap.yaml:4: recipients[1]: service stripe is declared twice (first at line 3)",
                     id="duplicate-recipient"),
        pytest.param("version: 1\ncollects:\n  - category: email\n    purposes: [essential.service]\n"
                     "  - category: user.contact.email\n    purposes: [marketing]\n",
                     "datamap.yaml:5: collects[1]: category user.contact.email is declared twice (first at line 3)",
                     id="duplicate-category-by-alias"),  # audit-ci F14: which purposes apply was a guess
        pytest.param("version: 1\ncollects:\n  - category: email\n    purposes: [advertising]\n"
                     "prohibited_uses: [advertising]\n",
                     "datamap.yaml:3: collects[0].purposes: 'marketing.advertising' is prohibited by prohibited_uses",
                     id="prohibited-purpose-declared"),
        pytest.param("version: 1\ncollects:\n  - category: email\n   purposes: [x]\n",
                     "datamap.yaml:4: invalid YAML: did not find expected '-' indicator in `purposes: [x]`",
                     id="broken-yaml-quotes-its-line"),
        pytest.param("version: 1\ncollects:\n  - category: support tickets\n",
                     "datamap.yaml:3: collects[0].category: unknown data category 'support tickets'; "
                     "`datamap rules categories` lists every accepted name", id="no-close-category"),
        pytest.param("version: 1\nallowed_regions: [EU, USA]\n",
                     "datamap.yaml:2: allowed_regions[1]: unknown region 'USA'; did you mean 'US'?", id="unknown-region"),
        pytest.param("version: 1\nallowed_regions:\n  - Narnia\n",
                     "datamap.yaml:3: allowed_regions[0]: unknown region 'Narnia'; use `EU` (EU and EEA) or a country code",
                     id="no-close-region"),
        pytest.param("version: 1\npolicy: NOPE.md\n",
                     "datamap.yaml:2: policy: 'NOPE.md' is no file (paths are relative to the data map's folder",
                     id="missing-policy-file"),
    ],
)
def test_errors_name_file_line_and_nearest_valid_name(tmp_path: Path, rules: RuleSet, text: str, expected: str) -> None:
    with pytest.raises(YamlInvalid) as info:
        load(tmp_path, rules, text)
    assert str(info.value.errors[0]).startswith(expected)


def test_every_error_is_reported_at_once(tmp_path: Path, rules: RuleSet) -> None:
    text = "version: 1\ncollects:\n  - category: emial\n  - category: phnoe\n"
    with pytest.raises(YamlInvalid) as info:
        load(tmp_path, rules, text)
    assert [e.line for e in info.value.errors] == [3, 4]


def test_contradictions_are_reported_with_the_schema_errors_in_one_run(tmp_path: Path, rules: RuleSet) -> None:
    """Audit12 #19's rounds: a typo must not hide a duplicate entry or a prohibited purpose until it is fixed.
    Entries whose own name failed are left out of the cross checks, and each message keeps its entry's index."""
    text = ("version: 1\ncollects:\n  - category: emial\n  - category: email\n    purposes: [marketing]\n"
            "  - category: user.contact.email\nrecipients:\n  - service: strpie\n    recieves: [email]\n"
            "  - service: stripe\n  - service: Stripe\nprohibited_uses: [marketing]\n")
    with pytest.raises(YamlInvalid) as info:
        load(tmp_path, rules, text)
    assert info.value.title == "invalid data map"
    assert [str(e) for e in info.value.errors] == [
        "datamap.yaml:3: collects[0].category: unknown data category 'emial'; did you mean 'email'?",
        "datamap.yaml:4: collects[1].purposes: 'marketing' is prohibited by prohibited_uses: marketing (line 12)",
        "datamap.yaml:6: collects[2]: category user.contact.email is declared twice (first at line 4); merge the two "
        "entries",
        "datamap.yaml:8: recipients[0].service: unknown service 'strpie'; did you mean 'stripe'?",
        "datamap.yaml:9: recipients[0]: unknown key 'recieves'; did you mean 'receives'?",
        "datamap.yaml:11: recipients[2]: service stripe is declared twice (first at line 10); merge the two entries",
    ]


def test_policy_words_for_regions(tmp_path: Path, rules: RuleSet) -> None:
    """Audit ux7 #4: `EEA` and `UK` were taken as unknown country codes, so a Dutch processor was a DM203."""
    from scanner.checks.transfers import region_covers

    dm = load(tmp_path, rules, "version: 1\nallowed_regions: [EEA, uk, EU, ch]\n")
    assert dm.allowed_regions == ("EU", "GB", "CH")
    assert region_covers(dm.allowed_regions[0], "NL") and region_covers(dm.allowed_regions[0], "NO")
    assert region_covers(dm.allowed_regions[1], "GB")


def test_a_notepad_unicode_data_map_is_read(tmp_path: Path, rules: RuleSet) -> None:
    """Audit ux7 #19: Windows Notepad's "Unicode" is UTF-16 with a BOM; it failed with a codec traceback text."""
    path = tmp_path / "datamap.yaml"
    path.write_bytes("version: 1\ncollects:\n  - category: email   # datamap: ignore[DM501]\n".encode("utf-16"))
    dm = load_datamap(path, rules.taxonomy, rules.catalogue, "datamap.yaml")
    assert [c.category for c in dm.collects] == ["user.contact.email"]
    assert [s.location.line for s in dm.suppressions] == [3]


def test_policy_is_a_file_beside_the_data_map_or_a_url(tmp_path: Path, rules: RuleSet) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "PRIVACY.md").write_text("# Privacy\n", encoding="utf-8")
    load(tmp_path, rules, "version: 1\npolicy: docs/PRIVACY.md\n")
    load(tmp_path, rules, "version: 1\npolicy: https://example.com/privacy\n")
    with pytest.raises(YamlInvalid):
        load(tmp_path, rules, "version: 1\npolicy: docs\n")  # a folder is no policy
