"""The taxonomy: data categories (fideslang keys), data uses, recipient categories.

Keys are dotted and hierarchical: declaring `user.contact` covers
`user.contact.email`. Aliases let a privacy officer write `email` or
"payment providers" in the data map.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from scanner.yamlschema import Bool, Int, Key, List, Map, SchemaError, Str, YamlInvalid, load, suggest


@dataclass(frozen=True)
class Term:
    key: str
    name: str
    description: str
    aliases: tuple[str, ...] = ()
    sensitive: bool = False  # high-risk: DM102 rather than DM101
    special_category: bool = False  # GDPR art. 9 (health, biometric, beliefs, ...), a narrower set than `sensitive`
    criminal_offence: bool = False  # GDPR art. 10: criminal convictions and offences
    default_use: str = ""
    parent: str = ""  # recipient categories: a broader category that covers this one


_TERM = Map(
    {
        "key": Key(Str(), required=True),
        "name": Key(Str(), required=True),
        "description": Key(Str()),
        "sensitive": Key(Bool()),
        "special_category": Key(Bool()),
        "criminal_offence": Key(Bool()),
        "aliases": Key(List(Str())),
        "default_use": Key(Str()),
        "parent": Key(Str()),
    }
)
_SCHEMA = Map(
    {
        "version": Key(Int(), required=True),
        "data_categories": Key(List(_TERM), required=True),
        "data_uses": Key(List(_TERM), required=True),
        "recipient_categories": Key(List(_TERM), required=True),
    }
)


def normalise(word: str) -> str:
    """`Payment Providers`, `payment-providers` and `payment_providers` are one alias."""
    return re.sub(r"[\s\-]+", "_", word.strip().lower())


def covers(declared: str, key: str) -> bool:
    """A declared key covers itself and its descendants."""
    return key == declared or key.startswith(declared + ".")


class Vocabulary:
    """One kind of term (categories, uses or recipients) with alias lookup."""

    def __init__(self, kind: str, terms: list[Term]) -> None:
        self.kind = kind
        self.terms = {t.key: t for t in terms}
        self._lookup: dict[str, str] = {}
        for t in terms:
            self._lookup[normalise(t.key)] = t.key
            for alias in t.aliases:
                self._lookup[normalise(alias)] = t.key
        # the display name `datamap rules` prints is a name too, unless a key or alias already means
        # something else by it or two terms share it
        names = Counter(normalise(t.name) for t in terms)
        for t in terms:
            if names[normalise(t.name)] == 1:
                self._lookup.setdefault(normalise(t.name), t.key)

    def resolve(self, word: str) -> str:
        """Canonical key for a key or alias; ValueError naming the nearest one."""
        key = self._lookup.get(normalise(word))
        if key is None:
            raise ValueError(f"unknown {self.kind} {word!r}{suggest(normalise(word), self._lookup)}")
        return key

    def __contains__(self, key: object) -> bool:
        return key in self.terms

    def __getitem__(self, key: str) -> Term:
        return self.terms[key]

    def name(self, key: str) -> str:
        term = self.terms.get(key)
        return term.name if term else key

    def ancestors(self, key: str) -> list[str]:
        parts = key.split(".")
        return [".".join(parts[:i]) for i in range(len(parts), 0, -1) if ".".join(parts[:i]) in self.terms]


@dataclass(frozen=True)
class Taxonomy:
    categories: Vocabulary
    uses: Vocabulary
    recipients: Vocabulary

    def recipient_covers(self, declared: str, actual: str) -> bool:
        """A declared recipient category covers itself and its narrower categories."""
        seen: set[str] = set()
        while actual and actual not in seen:
            if actual == declared:
                return True
            seen.add(actual)
            actual = self.recipients.terms[actual].parent if actual in self.recipients.terms else ""
        return False

    def is_sensitive(self, category: str) -> bool:
        return any(self.categories[k].sensitive for k in self.categories.ancestors(category))

    def is_special(self, category: str) -> bool:
        """A special category of personal data (GDPR art. 9), itself or by a broader category."""
        return any(self.categories[k].special_category for k in self.categories.ancestors(category))

    def is_criminal(self, category: str) -> bool:
        """Data on criminal convictions and offences (GDPR art. 10)."""
        return any(self.categories[k].criminal_offence for k in self.categories.ancestors(category))

    def sensitivity(self, category: str) -> str:
        """What kind of sensitive data a category is, in a privacy officer's words ("" when it is not): a GDPR
        article is cited only where it applies. Passwords, card numbers, national IDs and location are high-risk
        (DM102) but no art. 9 data: citing art. 9 for them would send the reader after the wrong legal basis."""
        if self.is_special(category):
            return "special category, GDPR art. 9"
        if self.is_criminal(category):
            return "criminal offence data, GDPR art. 10"
        return "sensitive" if self.is_sensitive(category) else ""


def _terms(raw: list[dict[str, object]]) -> list[Term]:
    return [
        Term(
            key=str(t["key"]),
            name=str(t["name"]),
            description=str(t.get("description") or ""),
            aliases=tuple(str(a) for a in t.get("aliases") or ()),  # type: ignore[attr-defined]
            sensitive=bool(t.get("sensitive")),
            special_category=bool(t.get("special_category")),
            criminal_offence=bool(t.get("criminal_offence")),
            default_use=str(t.get("default_use") or ""),
            parent=str(t.get("parent") or ""),
        )
        for t in raw
    ]


def load_taxonomy(path: Path) -> Taxonomy:
    raw = load(path, _SCHEMA)
    keys = {t["key"] for t in raw["recipient_categories"]}
    bad = [
        SchemaError(str(path), t["_line"], f"recipient category {t['key']}: unknown parent {t['parent']!r}")
        for t in raw["recipient_categories"] if t.get("parent") and t["parent"] not in keys
    ]
    if bad:
        raise YamlInvalid(bad)
    return Taxonomy(
        categories=Vocabulary("data category", _terms(raw["data_categories"])),
        uses=Vocabulary("data use", _terms(raw["data_uses"])),
        recipients=Vocabulary("recipient category", _terms(raw["recipient_categories"])),
    )
