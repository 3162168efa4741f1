"""A schema's own words for a person's data (session 18: holdout23's arXiv schema, seen)."""

from __future__ import annotations

from scanner.ruleset import RuleSet


def _category(rules: RuleSet, name: str, container: str, type_hint: str, neighbours: list[str]) -> str | None:
    found = rules.classifier.classify(name, container, type_hint, neighbours)
    return found.category if found else None


def test_a_requests_remote_host_on_a_persons_row_is_their_machine(rules: RuleSet) -> None:
    row = ["user_id", "secret", "issued_when", "issued_to", "remote_host", "tracking_cookie"]
    assert _category(rules, "remote_host", "TapirEmailTokens", "String", row) == "user.device"
    assert _category(rules, "joined_remote_host", "TapirUsers", "String", ["user_id", "email", "joined_remote_host"]) \
        == "user.device"
    # a server's or a tunnel's remote host is a machine's
    assert _category(rules, "remote_host", "SshTunnel", "str", ["remote_host", "remote_port", "local_port"]) is None


def test_a_switch_kept_in_an_integer_is_a_privacy_choice(rules: RuleSet) -> None:
    # MySQL schemas keep flags in integers: arXiv's `share_email INTEGER` says whether the address is shown
    row = ["user_id", "first_name", "last_name", "email", "share_first_name", "share_email", "flag_approved"]
    for name in ("share_first_name", "share_email"):
        assert _category(rules, name, "TapirUsers", "INTEGER", row) == "user.privacy_preferences", name
    assert _category(rules, "share_phone", "TapirPhone", "Integer", ["user_id", "phone", "share_phone"]) \
        == "user.privacy_preferences"
    # an integer that names an identifier is that number, no flag; a counter is no switch
    assert _category(rules, "share_uid", "ParticipantShare", "Mapped[int]", ["id", "share_uid", "participant_id"]) \
        == "user.unique_id"
    assert _category(rules, "share_count", "User", "IntegerField", ["id", "email", "share_count"]) is None


def test_a_person_held_through_a_typing_union_is_read_as_through_a_bar_union(rules: RuleSet) -> None:
    # openapi-python-client's attrs models type optional fields `Union[Unset, 'Speaker']` (holdout23's PeerTube)
    from scanner.classify import classify_labelled

    row = ["id", "title", "entry"]
    for type_hint in ("Union[Unset, 'Speaker']", "Union[None, Unset, list['Member']]"):
        found = classify_labelled(rules.classifier, "entry", "Session", type_hint, "", row)
        assert found is not None and found.category == "user.unique_id", type_hint
    assert classify_labelled(rules.classifier, "entry", "Session", "Union[Unset, 'Room']", "", row) is None


def test_an_api_shape_of_a_person_names_them_by_id_and_arn(rules: RuleSet) -> None:
    # holdout23's Amazon Connect: a `UserSummary` is the user's own shape, and an ARN is a resource's id
    row = ["Id", "Arn", "Username", "LastModifiedTime"]
    assert _category(rules, "Id", "UserSummary", "Optional[str]", row) == "user.unique_id"
    assert _category(rules, "Arn", "User", "Optional[str]", ["Id", "Arn", "Username"]) == "user.unique_id"
    assert _category(rules, "ConnectUserArn", "CreatedByInfo", "Optional[str]", ["ConnectUserArn", "AWSIdentityArn"]) \
        == "user.unique_id"
    assert _category(rules, "SegmentDefinitionArn", "SegmentDefinitionItem", "Optional[str]",
                     ["SegmentDefinitionName", "SegmentDefinitionArn"]) is None
    # a reply's envelope is the call's
    assert _category(rules, "ResponseMetadata", "CreateUserResponse", "ResponseMetadataTypeDef",
                     ["UserId", "UserArn", "ResponseMetadata"]) is None


def test_a_gateways_stored_card_keeps_the_cards_token_expiry_and_holder(rules: RuleSet) -> None:
    # heldout19's Helcim: a vaulted card's row beside its `cc_type` (seen)
    row = ["id", "token", "token_f4l4", "cc_name", "cc_expiry", "cc_type", "date_added", "customer_code", "django_user"]
    assert _category(rules, "token", "HelcimToken", "CharField", row) == "user.financial.credit_card"
    assert _category(rules, "token_f4l4", "HelcimToken", "CharField", row) == "user.financial.credit_card"
    assert _category(rules, "cc_expiry", "HelcimToken", "DateField", row) == "user.financial.credit_card"
    assert _category(rules, "cc_name", "HelcimToken", "CharField", row) == "user.name"
    # without a card's number or type beside it, a token row is a login's; a mail's `cc_name` is a copy's recipient
    assert _category(rules, "token", "ApiToken", "CharField", ["id", "token", "user", "created"]) \
        == "user.authorization.credentials"
    assert _category(rules, "cc_name", "Mail", "CharField", ["to_email", "cc_email", "cc_name", "subject"]) != "user.name"
