"""Field name + container + type -> personal-data category, with the reason.

Names are split into tokens (`customerEmail`, `billing_email`, `EMAIL-2` all
give `email`), then matched against phrase rules through a first-token index:
one dict lookup per token, never a loop of regexes over every rule. Context
data (person-like containers, qualifier tokens that turn a datum into metadata
about it, as in `email_verified_at`) lives in `rules/context.yaml`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from scanner.inventory import CONFIDENCE_RANK, Classification, Confidence, Field, RawField
from scanner.taxonomy import Taxonomy
from scanner.yamlschema import Bool, Key, List, Map, SchemaError, Str, YamlInvalid, load

# ASCII camelCase boundaries plus Latin-1 letters, so `prénom` and `straße` stay whole.
_UPPER, _LOWER = "A-ZÀ-ÖØ-Þ", "a-zß-öø-ÿ"
_TOKEN = re.compile(rf"[{_UPPER}]+(?=[{_UPPER}][{_LOWER}])|[{_UPPER}]?[{_LOWER}]+|[{_UPPER}]+|\d+")
_LEVELS = ("low", "medium", "high")


def tokenize(name: str) -> tuple[str, ...]:
    """`customerEmailAddress2` -> (customer, email, address, 2)."""
    return tuple(t.lower() for t in _TOKEN.findall(name))


def _singular(token: str) -> str:
    if token.endswith("ies") and len(token) > 4:
        return token[:-3] + "y"
    if token.endswith("sses") or token.endswith("xes"):
        return token[:-2]
    if token.endswith("s") and not token.endswith("ss") and len(token) > 3:
        return token[:-1]
    return token


def type_name(type_hint: str) -> str:
    """`models.EmailField` -> `emailfield`; `VARCHAR(255)` -> `varchar`."""
    base = re.split(r"[\s(\[]", type_hint.strip(), maxsplit=1)[0]
    return base.rsplit(".", 1)[-1].lower()


@dataclass(frozen=True)
class FieldRule:
    id: str
    category: str
    phrases: tuple[tuple[str, ...], ...]
    person_phrases: tuple[tuple[str, ...], ...]  # personal only when a person owns them (`name`)
    types: frozenset[str]
    context: str  # "any", or "not_thing": never on things (`Product.gender`)
    containers: frozenset[str]  # when set, only on these containers (`number` on a Card)
    confidence: Confidence
    flag: bool  # a boolean can itself be the datum (is_smoker), so no boolean veto
    match: tuple[str, ...]
    no_match: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class Context:
    person: frozenset[str]
    person_hints: frozenset[str]
    organization: frozenset[str]
    non_person: frozenset[str]
    veto_after: frozenset[str]
    veto_before: frozenset[str]
    boolean_types: frozenset[str]


_RULE = Map(
    {
        "id": Key(Str(), required=True),
        "category": Key(Str(), required=True),
        "names": Key(List(Str())),
        "names_on_person": Key(List(Str())),
        "types": Key(List(Str())),
        "context": Key(Str()),
        "containers": Key(List(Str())),
        "confidence": Key(Str()),
        "flag": Key(Bool()),
        "examples": Key(Map({"match": Key(List(Str())), "no_match": Key(List(Str()))})),
    }
)
_RULES_FILE = Map({"rules": Key(List(_RULE), required=True)})
_CONTEXT_FILE = Map(
    {k: Key(List(Str()), required=True) for k in ("person", "person_hints", "organization", "non_person", "veto_after", "veto_before", "boolean_types")}
)


class Classifier:
    def __init__(self, rules: list[FieldRule], context: Context) -> None:
        self.rules = rules
        self.context = context
        self._by_first: dict[str, list[tuple[tuple[str, ...], FieldRule, bool]]] = {}
        self._by_type: dict[str, FieldRule] = {}
        for rule in rules:
            for phrase in rule.phrases:
                self._by_first.setdefault(phrase[0], []).append((phrase, rule, False))
            for phrase in rule.person_phrases:
                self._by_first.setdefault(phrase[0], []).append((phrase, rule, True))
            for t in rule.types:
                self._by_type[t] = rule
        for entries in self._by_first.values():
            entries.sort(key=lambda e: -len(e[0]))

    def _container_kind(self, container: str) -> str:
        tokens = [_singular(t) for t in tokenize(container)]
        if not tokens:
            return "unknown"
        # The head noun decides: `UserProfile` is a person, `ProductReview` is not.
        for token in reversed(tokens):
            if token in self.context.person:
                return "person"
            if token in self.context.organization:
                return "organization"
            if token in self.context.non_person:
                return "thing"
        return "unknown"

    def _matches(self, tokens: tuple[str, ...]) -> list[tuple[int, int, FieldRule, bool]]:
        found = []
        for i, token in enumerate(tokens):
            for phrase, rule, on_person in self._by_first.get(token, ()):
                if tokens[i : i + len(phrase)] == phrase:
                    found.append((i, i + len(phrase), rule, on_person))
        # Longest phrase first (`email_address` is an email, not an address);
        # among equals the rightmost, since compounds put the head last
        # (`address_city` is a city).
        found.sort(key=lambda m: (-(m[1] - m[0]), -m[0]))
        return found

    def _veto(
        self, tokens: tuple[str, ...], start: int, end: int, rule: FieldRule, on_person: bool, kind: str, container: str
    ) -> str:
        after = [t for t in tokens[end:] if not t.isdigit()]
        before = tokens[:start]
        for t in after:
            if t in self.context.veto_after:
                return f"{t!r} after {' '.join(tokens[start:end])!r} makes it metadata about the datum"
        for t in before:
            if t in self.context.veto_before:
                return f"{t!r} before {' '.join(tokens[start:end])!r} makes it metadata about the datum"
        words = " ".join(tokens[start:end])
        if before:
            owner = _singular(before[-1])
            if owner in self.context.organization or owner in self.context.non_person:
                return f"{before[-1]!r} says the {words} belongs to a business or a thing"
        person_prefix = any(_singular(t) in self.context.person for t in before)
        if kind == "organization" and not person_prefix:
            return f"the container is a business or system, so the {words} is not a person's"
        if rule.containers:
            near = {_singular(t) for t in tokenize(container)} | {_singular(t) for t in before}
            near.add(_singular("".join(tokenize(container))))
            if not near & rule.containers:
                return f"{words!r} means {rule.category} only on {', '.join(sorted(rule.containers))}"
        if on_person and not person_prefix and kind != "person":
            if not (kind == "unknown" and any(t in self.context.person_hints for t in before)):
                return f"{words!r} is personal only on a person (container is {kind})"
        if rule.context == "not_thing" and kind == "thing" and not person_prefix:
            return f"{words!r} on a thing ({container}) is not about a person"
        return ""

    def classify(self, name: str, container: str = "", type_hint: str = "") -> Classification | None:
        tokens = tokenize(name)
        tname = type_name(type_hint) if type_hint else ""
        container_kind = self._container_kind(container)
        is_bool = tname in self.context.boolean_types
        typed = self._by_type.get(tname)
        vetoes: list[str] = []
        for start, end, rule, on_person in self._matches(tokens):
            if is_bool and not rule.flag:
                vetoes.append(f"a {tname} about {' '.join(tokens[start:end])!r} is not the datum")
                continue
            veto = self._veto(tokens, start, end, rule, on_person, container_kind, container)
            if veto:
                vetoes.append(veto)
                continue
            confidence = rule.confidence
            reason = f"rule {rule.id}: tokens {' '.join(tokens[start:end])!r}"
            if typed is not None and typed.category == rule.category:
                confidence, reason = "high", reason + f", type {tname}"
            if on_person:
                reason += f", on a person ({container or 'name prefix'})"
            return Classification(rule.category, rule.id, confidence, reason)
        if typed is not None and not is_bool and container_kind != "organization":
            # The type alone is decisive (GenericIPAddressField, inet) whatever the name.
            return Classification(typed.category, typed.id, "high", f"rule {typed.id}: type {tname}")
        return None

    def explain(self, name: str, container: str = "", type_hint: str = "") -> list[str]:
        """Every step of the decision, for `datamap explain`."""
        tokens = tokenize(name)
        lines = [f"tokens: {' '.join(tokens) or '(none)'}", f"container: {container or '(none)'} -> {self._container_kind(container)}"]
        if type_hint:
            lines.append(f"type: {type_name(type_hint)}")
        for start, end, rule, on_person in self._matches(tokens):
            veto = self._veto(tokens, start, end, rule, on_person, self._container_kind(container), container)
            lines.append(f"candidate {rule.id} ({rule.category}) on {' '.join(tokens[start:end])!r}: {'vetoed, ' + veto if veto else 'accepted'}")
        result = self.classify(name, container, type_hint)
        lines.append(f"result: {result.category} ({result.confidence}; {result.reason})" if result else "result: not personal data")
        return lines


def _phrases(names: list[str]) -> tuple[tuple[str, ...], ...]:
    out: set[tuple[str, ...]] = set()
    for n in names:
        tokens = tokenize(re.sub(r"[\s\-]+", "_", n.strip().lower()))
        if not tokens:
            continue
        out.add(tokens)
        # plural forms come for free: `emails`, `addresses`, `phones`
        last = tokens[-1]
        if not last.isdigit() and len(last) > 2:
            out.add(tokens[:-1] + (last + ("es" if last.endswith(("s", "x", "sh", "ch")) else "s"),))
    return tuple(sorted(out))


def load_rules(files: list[Path], taxonomy: Taxonomy, display_root: Path | None = None) -> list[FieldRule]:
    """Load field rules; later files override earlier rules with the same id."""
    by_id: dict[str, FieldRule] = {}
    errors: list[SchemaError] = []
    for file in files:
        shown = str(file.relative_to(display_root)) if display_root and file.is_relative_to(display_root) else str(file)
        try:
            raw = load(file, _RULES_FILE, shown)
        except YamlInvalid as exc:
            errors.extend(exc.errors)
            continue
        for r in raw["rules"]:
            line = r["_line"]
            try:
                category = taxonomy.categories.resolve(r["category"])
            except ValueError as exc:
                errors.append(SchemaError(shown, line, f"rule {r['id']}: {exc}"))
                continue
            confidence = r.get("confidence") or "medium"
            context = r.get("context") or "any"
            if confidence not in _LEVELS or context not in ("any", "not_thing"):
                errors.append(
                    SchemaError(shown, line, f"rule {r['id']}: confidence must be one of {_LEVELS}, context 'any' or 'not_thing'")
                )
                continue
            examples = r.get("examples") or {}
            by_id[r["id"]] = FieldRule(
                id=r["id"],
                category=category,
                phrases=_phrases(r.get("names") or []),
                person_phrases=_phrases(r.get("names_on_person") or []),
                types=frozenset(t.lower() for t in r.get("types") or ()),
                context=context,
                containers=frozenset(_singular(c.lower()) for c in r.get("containers") or ()),
                confidence=confidence,  # type: ignore[arg-type]
                flag=bool(r.get("flag")),
                match=tuple(examples.get("match") or ()),
                no_match=tuple(examples.get("no_match") or ()),
                source=shown,
            )
    if errors:
        raise YamlInvalid(errors)
    return sorted(by_id.values(), key=lambda r: r.id)


def load_context(file: Path) -> Context:
    raw = load(file, _CONTEXT_FILE)
    return Context(**{k: frozenset(v.lower() for v in raw[k]) for k in _CONTEXT_FILE.keys})


def parse_example(example: str) -> tuple[str, str, str]:
    """`Customer.name:varchar` -> (name, container, type)."""
    ref, _, type_hint = example.partition(":")
    container, _, name = ref.rpartition(".")
    return name.strip(), container.strip(), type_hint.strip()


def at_least(confidence: str, floor: str) -> bool:
    return CONFIDENCE_RANK[confidence] >= CONFIDENCE_RANK[floor]


def classify_fields(raw: Iterable[RawField], classifier: Classifier) -> list[Field]:
    """Keep the raw fields that are personal data, with their classification."""
    out = []
    for r in raw:
        c = classifier.classify(r.name, r.container, r.type_hint)
        if c is not None:
            out.append(Field(r.name, r.container, r.kind, c.category, c.confidence, c.rule, c.reason,
                             r.location, r.evidence, r.type_hint))
    return out
