"""Field names and type hints to tokens: the only text processing the classifier does.

`customerEmailAddress2`, `customer_email_address_2` and `CUSTOMER-EMAIL-ADDRESS2`
all give (customer, email, address, 2). Run-together words (`userid`,
`emailaddress`) are split in two when both halves are words the rules know.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import lru_cache

# ASCII camelCase boundaries plus Latin-1 letters, so `prénom` and `straße` stay whole.
_UPPER, _LOWER = "A-ZÀ-ÖØ-Þ", "a-zß-öø-ÿ"
_TOKEN = re.compile(rf"[{_UPPER}]+(?=[{_UPPER}][{_LOWER}])|[{_UPPER}]?[{_LOWER}]+|[{_UPPER}]+|\d+")
# `ForeignKey(User)`, `models.OneToOneField('auth.User')`, `List[ReferenceType]`
_TYPE_HEAD = re.compile(r"[\w.]+")
_TYPE_ARG = re.compile(r"\(\s*['\"]?([\w.]*)")


def tokenize(name: str) -> tuple[str, ...]:
    """`customerEmailAddress2` -> (customer, email, address, 2)."""
    return tuple(t.lower() for t in _TOKEN.findall(name))


@lru_cache(maxsize=65536)
def singular(token: str) -> str:
    if token.endswith("ies") and len(token) > 4:
        return token[:-3] + "y"
    if token.endswith(("sses", "xes", "ches", "shes")):
        return token[:-2]
    if token.endswith("uses") and len(token) > 5 and token[-5] not in "aeiou":  # statuses, bonuses; not houses
        return token[:-2]
    if token.endswith("s") and not token.endswith(("ss", "us", "is")) and len(token) > 3:
        return token[:-1]
    return token


_WRAPPERS = ("Optional[", "Mapped[", "List[", "list[", "Annotated[")
# members of a union that say only that the value may be missing: None, and openapi-python-client's Unset
_ABSENT = frozenset({"None", "NoneType", "Unset", "UnsetType", "types.Unset"})


def _present(text: str) -> str:
    """`None | str | Unset` -> `str`, `list[Guardian] | Unset` -> `list[Guardian]`: a top-level union without its
    members that say the value may be missing (a generated API client's models put `None` first)."""
    if "|" not in text:
        return text
    parts: list[str] = []
    depth = start = 0
    for i, ch in enumerate(text):
        if ch in "[(":
            depth += 1
        elif ch in "])":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(text[start:i].strip())
            start = i + 1
    parts.append(text[start:].strip())
    kept = [p for p in parts if p not in _ABSENT]
    return " | ".join(kept) if kept and len(kept) < len(parts) else text


@lru_cache(maxsize=4096)
def type_name(type_hint: str) -> str:
    """`models.EmailField` -> `emailfield`; `VARCHAR(255)` -> `varchar`; `str | None` -> `str`."""
    text = _present(type_hint.strip().strip("'\""))
    stripped = True
    while stripped:  # `Optional[Annotated[str, Field(...)]]`: the type under its wrappers
        stripped = False
        text = text.removeprefix("typing.")
        for wrapper in _WRAPPERS:
            if text.startswith(wrapper):
                text, stripped = text[len(wrapper):].lstrip(), True
    match = _TYPE_HEAD.match(text)
    name = match.group(0).rsplit(".", 1)[-1].lower() if match else ""
    # a project's own timestamp types (FlaskBB's UTCDateTime, AwareDateTime) are timestamps
    return "datetime" if name.endswith("datetime") else name


# the containers an annotation may wrap one class in: `Optional[List[OrderPassenger]]`, `Sequence[Author]`
_HOLDERS = re.compile(r"(?:typing\.)?(?:Optional|Union|List|list|Sequence|Iterable|Set|set|FrozenSet|frozenset|Tuple|tuple)"
                      r"\[(.*)\]")
_CLASS = re.compile(r"[A-Z]\w*")


@lru_cache(maxsize=4096)
def held_class(type_hint: str) -> str:
    """The one class an annotation holds, alone or in a collection: `Optional[List[OrderPassenger]]`, `Author | None`
    -> `OrderPassenger`, `Author`; "" for a call (`ForeignKey(User)`), an ORM relationship (`Mapped[...]`, read as a
    link), a union of several types, a mapping or a lower-case builtin (`str`, `dict[str, Any]`)."""
    text = type_hint.strip()
    while True:
        text = _present(text.strip().strip("'\""))
        match = _HOLDERS.fullmatch(text)
        if match is None:
            break
        parts = [p.strip() for p in match.group(1).split(",") if p.strip() not in ("None", "...")]
        if len(parts) != 1:
            return ""
        text = parts[0]
    return text if _CLASS.fullmatch(text) else ""


@lru_cache(maxsize=4096)
def type_target(type_hint: str) -> str:
    """The model a relation points at: `ForeignKey('auth.User')` -> `User`."""
    match = _TYPE_ARG.search(type_hint)
    return match.group(1).rsplit(".", 1)[-1] if match else ""


def phrase(text: str) -> tuple[str, ...]:
    """A rule's phrase as tokens: `e-mail address`, `e_mail address`, `eMailAddress` agree."""
    return tokenize(re.sub(r"[\s\-]+", "_", text.strip()))


def plural(token: str) -> str:
    if token.endswith("y") and len(token) > 3 and token[-2] not in "aeiou":
        return token[:-1] + "ies"
    return token + ("es" if token.endswith(("s", "x", "sh", "ch", "z")) else "s")


class Splitter:
    """Split a run-together token (`userid`, `emailaddress`) into two known words.

    Only tokens the vocabulary does not know are tried, and only into a pair
    the rules use together (`email address`, `user id`), so `placeholders` is
    never read as `place holders`. The answers are memoised: field names repeat
    a small set of tokens.
    """

    _LIMIT = 200_000

    def __init__(self, vocabulary: set[str], pairs: set[tuple[str, str]],
                 heads: Collection[str] = frozenset(), tails: Collection[str] = frozenset()) -> None:
        self.vocabulary = vocabulary
        self.pairs = pairs
        # every head with every tail is a pair too (a person word run into a datum: `CUSTOMEREMAIL`)
        self.heads, self.tails = heads, tails
        self._memo: dict[str, tuple[str, ...]] = {}
        self._whole: set[str] = set()  # tokens seen not to split: most are, and need no memo entry
        self._names: dict[str, tuple[str, ...]] = {}  # the same name in many containers is split once

    def split(self, token: str) -> tuple[str, ...]:
        if token in self._whole:
            return (token,)
        found = self._memo.get(token)
        if found is not None:
            return found
        found = (token,)
        if len(token) >= 5 and token.isalpha() and token not in self.vocabulary:
            for i in range(len(token) - 2, 1, -1):  # longest known head first
                head, tail = token[:i], token[i:]
                if ((head, tail) in self.pairs or (head, singular(tail)) in self.pairs
                        or (head in self.heads and (tail in self.tails or singular(tail) in self.tails))):
                    found = (head, tail)
                    break
        if len(found) == 1:
            if len(self._whole) < self._LIMIT:
                self._whole.add(token)
        elif len(self._memo) < self._LIMIT:
            self._memo[token] = found
        return found

    def tokens(self, name: str) -> tuple[str, ...]:
        found = self._names.get(name)
        if found is None:
            found = self.split_name(name)
            if len(self._names) >= self._LIMIT:
                self._names.clear()
            self._names[name] = found
        return found

    def split_name(self, name: str) -> tuple[str, ...]:
        """`tokens` without the memo of names."""
        if name.islower():  # no capital: the tokens come out lower case
            if name.replace("_", "").isalpha():  # plain snake_case: no regex needed
                parts = name.split("_")
                if "" in parts:  # (`_private`, `a__b`: only then is there an empty part to drop)
                    parts = [t for t in parts if t]
            else:
                parts = _TOKEN.findall(name)
        elif name.isupper() and name.isascii():  # SCREAMING_CASE: the same runs of letters in lower case
            parts = _TOKEN.findall(name.lower())
        else:  # (one lower() of the joined tokens: a token holds no `_`)
            parts = "_".join(_TOKEN.findall(name)).lower().split("_")
            if parts == [""]:
                parts = []
        if self._whole.issuperset(parts):  # one C-level pass when no token splits
            return tuple(parts)
        out: list[str] = []
        for t in parts:
            out.extend(self.split(t))
        return tuple(out)
