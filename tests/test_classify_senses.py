"""A common word in its module's own sense (session 18: holdout23's contact centre, audit17 #07's LLM agents)."""

from __future__ import annotations

from scanner.inventory import Location, RawField
from scanner.ruleset import RuleSet


def _scan(rules: RuleSet, rows: dict[str, list[str]], path: str = "models.py") -> dict[str, str]:
    from scanner.classify import classify_fields

    raw = [RawField(name, container, "python", Location(path, 1), name, "str")
           for container, names in rows.items() for name in names]
    return {f"{f.container}.{f.name}": f.category for f in classify_fields(raw, rules.classifier)}


# a contact centre's API: its own `Contact` is a call, a chat or an e-mail (a channel, a queue, an initiation method)
_CONTACT_CENTRE = {
    "Contact": ["Id", "InitialContactId", "PreviousContactId", "InitiationMethod", "Name", "Channel", "QueueInfo",
                "AgentInfo", "InitiationTimestamp", "DisconnectTimestamp", "DisconnectReason"],
    "StartChatContactRequest": ["InstanceId", "ContactFlowId", "RelatedContactId", "ClientToken"],
    "Evaluation": ["EvaluationId", "ContactId", "EvaluatorArn"],
}


def test_a_contact_whose_own_row_is_a_call_is_no_person_anywhere_in_its_module(rules: RuleSet) -> None:
    found = _scan(rules, _CONTACT_CENTRE)
    for field in ("Contact.InitialContactId", "Contact.PreviousContactId", "Contact.Name",
                  "StartChatContactRequest.RelatedContactId", "Evaluation.ContactId"):
        assert field not in found, (field, found.get(field))


def test_a_contact_with_a_persons_own_name_stays_a_person(rules: RuleSet) -> None:
    # a CRM's contact with its first and last name is a person, whatever channel and queue it is reached through
    crm = {"Contact": ["id", "first_name", "last_name", "email", "channel", "queue", "routing_notes"],
           "Deal": ["id", "contact_id", "amount"]}
    assert _scan(rules, crm).get("Deal.contact_id") == "user.unique_id"
    # the sense is the module's: another file's `contact_id` is read as before
    other = _scan(rules, {"Deal": ["id", "contact_id", "amount"]}, "deals.py")
    assert other.get("Deal.contact_id") == "user.unique_id"


def test_an_agent_whose_own_row_is_an_llm_configuration_is_a_program(rules: RuleSet) -> None:
    # audit17 #07 (letta): the app's own Agent row holds a system prompt, a model and a temperature
    app = {"Agent": ["id", "name", "system_prompt", "llm_model", "temperature"],
           "Group": ["id", "manager_agent_id"],
           "AgentsTags": ["agent_id", "tag"]}
    found = _scan(rules, app)
    assert "Group.manager_agent_id" not in found and "AgentsTags.agent_id" not in found, found


def test_a_support_agent_stays_a_person(rules: RuleSet) -> None:
    desk = {"Agent": ["id", "first_name", "last_name", "email", "prompt_reply_templates", "tool_access", "llm_assist"],
            "Ticket": ["id", "agent_id", "subject"]}
    assert _scan(rules, desk).get("Ticket.agent_id") == "user.unique_id"


def test_a_typed_dicts_typedef_suffix_names_no_type_row(rules: RuleSet) -> None:
    # boto3 stubs name each TypedDict `<Shape>TypeDef`: a `UserTypeDef` is a user's shape, not a type catalogue's row
    found = _scan(rules, {"UserTypeDef": ["Id", "Username", "RoutingProfileId"]})
    assert found.get("UserTypeDef.Id") == "user.unique_id"
    # a shape whose name holds `Type` of its own is still read as one (a document type's definition is no one's)
    assert "XDocTypeDef.name" not in _scan(rules, {"XDocTypeDef": ["id", "name", "caption", "description"]})
