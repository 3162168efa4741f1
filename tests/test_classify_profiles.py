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


def test_an_answer_beside_its_question_and_its_response_is_what_the_respondent_wrote(rules: RuleSet) -> None:
    # holdout22's survey apps: whatever the row and the field are called, the question and the response (or the
    # person) on the row make it one respondent's answer
    assert _category(rules, "body", "Answer", "TextField",
                     ["answer_group", "question", "response", "created", "updated", "body"]) == "user.content.private"
    assert _category(rules, "response", "Response", "TextField", ["usersurvey", "question", "response"]) == "user.content.private"
    assert _category(rules, "text", "Response", "TextField",
                     ["created_at", "user", "question", "response_type", "text"]) == "user.content.private"
    # a FAQ's answer beside its question alone, a quiz's options, and the link to the response are no one's text
    assert _category(rules, "answer", "FaqAnswer", "TextField", ["question", "category", "answer"]) is None
    assert _category(rules, "text", "Answer", "CharField", ["question", "is_correct", "position", "text"]) is None
    assert _category(rules, "response", "Answer", "ForeignKey(Response)", ["question", "body", "response"]) is None


def _sql(rules: RuleSet, columns: list[tuple[str, str]]) -> dict[str, str]:
    from scanner.classify import classify_fields
    from scanner.inventory import Location, RawField

    raw = [RawField(name, "customers", "sql_table", Location("schema.sql", 1), name, type_sql) for name, type_sql in columns]
    return {f.name: f.category for f in classify_fields(raw, rules.classifier)}


def test_a_sql_column_of_a_type_the_schema_defines_is_read_through_that_type(rules: RuleSet) -> None:
    # audit16 #12: sql.py types a domain's column `<domain> <base type>`, a composite's `<type>(<attribute> <type>, ...)`
    found = _sql(rules, [("id", "BIGSERIAL"), ("contact", "email_address citext"), ("backup", "email_address[] citext"),
                         ("home", "postal_address(street text, city text, postcode text)"),
                         ("where_they_live", "place_t(street text, city text, postcode text)")])
    assert found["contact"] == "user.contact.email"
    assert found["backup"] == "user.contact.email"
    assert found["home"] == "user.contact.address"
    assert found["where_they_live"] == "user.contact.address"  # by its attributes together


def test_a_defined_type_that_says_nothing_leaves_the_name_to_decide(rules: RuleSet) -> None:
    found = _sql(rules, [("id", "BIGSERIAL"), ("email", "short_text varchar(50)"), ("status", "short_text varchar(50)"),
                         ("price_info", "money_t(amount numeric, currency text)"), ("mood", "mood"),
                         ("score", "DOUBLE PRECISION"), ("total", "numeric(10, 2)"),
                         ("updated", "TIMESTAMP WITH TIME ZONE")])
    assert found.get("email") == "user.contact.email"  # the name, read with the domain's base type
    for name in ("status", "price_info", "mood", "score", "total", "updated"):
        assert name not in found, name


def test_heldout18s_profile_and_key_fields(rules: RuleSet) -> None:
    player = ["id", "username", "profile", "avatar_small", "avatar_medium", "state", "is_public"]
    # a Steam player's own switch making their profile public is their privacy choice; an event's is the event's
    assert _category(rules, "is_public", "Player", "BooleanField", player) == "user.privacy_preferences"
    assert _category(rules, "is_public", "Event", "BooleanField", ["name", "start", "is_public"]) is None
    # a URL to their profile page is their profile link (user.contact.url), profile data stays profile data
    assert _category(rules, "profile", "Player", "URLField", player) == "user.contact.url"
    assert _category(rules, "profile", "Player", "JSONField", player) == "user.demographic.profile"
    # a person's own security key: its device id is their device's, its API client's key pair is the operator's
    key = ["device_id", "client_id", "secret_key", "user", "enabled"]
    assert _category(rules, "device_id", "YubicoKey", "CharField", key) == "user.device.device_id"
    assert _category(rules, "device_id", "YubicoKey", "CharField", ["device_id", "name", "enabled"]) is None
    assert _category(rules, "secret_key", "YubicoKey", "CharField", key) is None
    assert _category(rules, "key", "TOTPDevice", "CharField", ["user", "name", "key", "step"]) == "user.authorization.credentials"


def test_a_messages_open_and_click_tracking_and_a_persons_urn(rules: RuleSet) -> None:
    message = ["channel", "sender", "subject", "body_html", "time_opened", "time_link_clicked", "clicked_links"]
    for name, type_hint in (("time_opened", "DateTimeField"), ("time_link_clicked", "DateTimeField"),
                            ("clicked_links", "ArrayField")):
        assert _category(rules, name, "Message", type_hint, message) == "user.behavior", name
    # a uniform resource name kept as a person's row's public key is theirs, as a uuid is; a product's is not
    assert _category(rules, "urn", "User", "String", ["id", "urn", "email", "password_hash"]) == "user.unique_id"
    assert _category(rules, "urn", "Product", "String", ["id", "urn", "title", "price"]) is None


def test_nested_profiles_actor_ids_and_member_cards(rules: RuleSet) -> None:
    # a person's profile nested whole identifies them (session 15 ruling 1); a profile blob stays profile data
    assert _category(rules, "profile", "UserProfile", "Profile", ["profile", "user_id"]) == "user.unique_id"
    assert _category(rules, "profile", "User", "JSONField", ["email", "profile"]) == "user.demographic.profile"
    # `created_by` as text names the actor, `created_by_id` as text is their id
    base = ["id", "name", "created_at", "created_by_id", "created_by_name", "modified_by_id"]
    assert _category(rules, "created_by_id", "EspoCRMBaseModel", "Optional[str]", base) == "user.unique_id"
    # a loyalty card's number and codes identify its holder, not a payment card; a gym member's RFID tag too
    card = ["id", "user_id", "card_number", "card_type", "points_balance", "qr_code", "barcode"]
    for name in ("card_number", "qr_code", "barcode"):
        assert _category(rules, name, "LoyaltyCard", "str", card) == "user.unique_id", name
    assert _category(rules, "card_type", "LoyaltyCard", "str", card) is None
    assert _category(rules, "rfid_tag", "Member", "str | None", ["firstname", "lastname", "email", "rfid_tag"]) == "user.unique_id"
    assert _category(rules, "card_number", "PaymentCard", "str", ["holder", "card_number", "expiry"]) == "user.financial.credit_card"


def test_a_persons_play_of_a_game_is_what_they_did(rules: RuleSet) -> None:
    session = ["id", "user_id", "game_id", "score", "level", "completed_at"]
    for name, type_hint in (("score", "Optional[int]"), ("level", "Optional[int]"), ("completed_at", "datetime")):
        assert _category(rules, name, "GameSession", type_hint, session) == "user.behavior", name
    # the game's own row is the business's
    assert _category(rules, "min_score_for_reward", "Game", "Optional[int]", ["id", "name", "min_score_for_reward"]) is None
    assert _category(rules, "level", "Game", "int", ["id", "name", "level"]) is None


def test_a_participants_own_keys_and_payoff(rules: RuleSet) -> None:
    # audit16 #13: a research participant's alternate keys identify them, their payoff is what they earned
    row = ["worker_id", "assignment_id", "hit_id", "unique_id", "public_id", "payoff"]
    assert _category(rules, "unique_id", "Participant", "String", row) == "user.unique_id"
    assert _category(rules, "public_id", "Participant", "String", row) == "user.unique_id"
    assert _category(rules, "payoff", "Participant", "CurrencyType", row) == "user.financial"
    assert _category(rules, "public_id", "MediaEntry", "Unicode", ["title", "public_id", "uploader"]) is None


def test_an_outcome_after_a_datum_is_about_it(rules: RuleSet) -> None:
    # audit17 #11: skyvern's `tel_input_outcome` is what happened to a phone input, not the number
    assert _category(rules, "tel_input_outcome", "Step", "str", ["step_id", "tel_input_outcome"]) is None
    assert _category(rules, "tel", "Customer", "str", ["name", "tel"]) == "user.contact.phone_number"
