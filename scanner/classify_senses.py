"""A common word read in the sense its own module gives it (holdout23, audit17 #07).

A classifier that reads words one field at a time takes `contact` for a person and `agent` for a support agent. A
module that defines the word says otherwise: Amazon Connect's `Contact` row holds a channel, a queue, an initiation
method and a disconnect time (a call or a chat: an interaction), and an AI app's `Agent` row holds a system prompt,
a model and a temperature (an LLM program). Such a row, holding no datum of a person, gives the word its sense for
every container and field of the same module (`RelatedContactId`, `manager_agent_id`), which are then read with the
sense word in its place. The cue lists are in rules/context.yaml (`interaction_fields`, `program_fields`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from scanner.classify_tokens import singular

if TYPE_CHECKING:
    from scanner.classify import Classifier

# the word each sense is read as: things in rules/context.yaml's non_person (a call or a chat is an event)
INTERACTION, PROGRAM = "event", "program"
_CUED = 3  # distinct fields with a cue: one `channel` on a CRM contact (its preferred channel) says nothing
# a row holding one of these, read in the sense, is a person's own whatever else it holds (an interaction's e-mail
# recipients or customer's phone are the other party's, and say nothing of what the row is)
_PERSON_DATA = ("user.name", "user.demographic")

Senses = Mapping[str, str]


def word_senses(classifier: Classifier, containers: Mapping[str, Sequence[str]]) -> dict[str, str]:
    """{person word: sense word} for the words that a container named by the word alone (`Contact`, `Agent`,
    `ContactTypeDef`, `AgentModel`) shows to mean an interaction or a program; `containers` are one module's
    (or one schema's) containers with their fields."""
    from scanner.classify import typed_dict_head

    c = classifier.context
    cues = ((INTERACTION, c.interaction_fields), (PROGRAM, c.program_fields))
    found: dict[str, str] = {}
    people = c.person | c.software_roles | c.weak_person  # `agent` is a person's role as often as a program's
    kept: set[str] = set()  # a word that some container of the module shows to be a person stays one
    for container, fields in containers.items():
        words = [singular(t) for t in classifier.split(typed_dict_head(container))]
        words = [w for w in words if w not in c.container_noise]
        if len(words) != 1 or words[0] not in people or words[0] in kept:
            continue
        word = words[0]
        sense = ""
        for name, cue in cues:
            cued = sum(1 for f in fields if any(singular(t) in cue for t in classifier.split(f)))
            if cued >= _CUED:
                sense = name
                break
        if sense and not _holds_person_datum(classifier, {word: sense}, fields):
            found.setdefault(word, sense)
        else:
            kept.add(word)
            found.pop(word, None)
    return found


def _holds_person_datum(classifier: Classifier, sense: Senses, fields: Sequence[str]) -> bool:
    """Read as the sense's row (an `Interaction`'s `Name` is the call's), does it still hold a person's own datum?"""
    container = next(iter(sense.values())).capitalize()
    read = [in_sense(classifier, sense, f) for f in fields]
    for f in read:
        got = classifier.classify(f, container, "", read)
        if got is not None and got.category.startswith(_PERSON_DATA):
            return True
    return False


def in_sense(classifier: Classifier, senses: Senses, name: str, camel: bool = False) -> str:
    """The name with each word that has a sense replaced by its sense word (`RelatedContactId` ->
    `related_interaction_id`; a container, `camel`, keeps its CamelCase: `StartChatInteractionRequest`); the name
    itself when none has."""
    tokens = classifier.split(name)
    if not any(singular(t) in senses for t in tokens):
        return name
    out = [senses.get(singular(t), t) for t in tokens]
    return "".join(w.capitalize() for w in out) if camel else "_".join(out)
