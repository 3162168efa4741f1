"""Where a file's comments are, for inline suppressions: only a real comment suppresses.

A `datamap: ignore` inside a string (`help_text="... # datamap: ignore"`, SQL `DEFAULT '-- datamap: ignore'`)
is data, not a decision (audit-ci F06). As ruff and bandit read `# noqa` / `# nosec` from the tokenizer's
comments, Python comments come from `tokenize`; SQL, YAML and TOML from a scan that skips their quoted text.
Callers tokenize only files whose text mentions `datamap:`, so the cost stays off the common path.

Each function yields (offset, text): where a comment starts in the file, and the comment with its opener.
"""

from __future__ import annotations

import io
import re
import tokenize
from collections.abc import Iterator

Comment = tuple[int, str]


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(m.end() for m in re.finditer("\n", text))
    return starts


def python_comments(text: str) -> Iterator[Comment]:
    """Comments as Python's tokenizer sees them. A file it cannot tokenize (Python 2, a syntax error) is
    reported as DM901 anyway; from the line where it fails on, the lines are read whole, as before."""
    starts = _line_starts(text)
    reached = 0  # the offset up to which the tokenizer has read
    # readline splits on \n only, as locations count lines (findings.physical_lines)
    try:
        for tok in tokenize.generate_tokens(io.StringIO(text, newline="\n").readline):
            row, col = tok.start
            if row > len(starts):
                break
            reached = starts[row - 1] + col
            if tok.type == tokenize.COMMENT:
                yield reached, tok.string
        return
    except (tokenize.TokenError, SyntaxError):
        pass
    yield from whole_lines(text, starts[text.count("\n", 0, reached)])


def whole_lines(text: str, start: int = 0) -> Iterator[Comment]:
    """Every line from `start` on, as if it were all comment: for text no scan here can read."""
    pos = start
    for line in text[start:].split("\n"):
        yield pos, line
        pos += len(line) + 1


def _hash_comments(text: str, start: int = 0, *, quotes: bool = True) -> Iterator[Comment]:
    """`#` to the end of the line (YAML, TOML, requirements files), outside quoted scalars. A `#` starts a
    comment at a line's start or after whitespace (YAML; `url#frag` is no comment), and a quote opens a string
    only where a value can start (`key: 'x'`, `- "x"`, `= 'x'`): in `note: don't # x` the apostrophe is text."""
    pos = start
    for line in text[start:].split("\n"):
        quote = ""
        prev = ""  # the last character other than a space, "" at the line's start
        i = 0
        while i < len(line):
            ch = line[i]
            if quote:
                if ch == "\\" and quote == '"':
                    i += 2
                    continue
                if ch == quote:
                    if quote == "'" and line[i + 1:i + 2] == "'":  # '' inside '...'
                        i += 2
                        continue
                    quote, prev = "", ch
            elif ch == "#" and (i == 0 or line[i - 1] in " \t"):
                yield pos + i, line[i:]
                break
            elif quotes and ch in "'\"" and prev in ("", ":", "-", "[", "{", ",", "=", "?"):
                quote = ch
            elif ch not in " \t":
                prev = ch
            i += 1
        pos += len(line) + 1


yaml_comments = _hash_comments

_DOLLAR_TAG = re.compile(r"\$(?:[A-Za-z_][A-Za-z_0-9]*)?\$")


def sql_comments(text: str) -> Iterator[Comment]:
    """`-- ...`, `# ...` (MySQL) and `/* ... */` outside strings ('...' with '' escapes), quoted identifiers
    ("...", `...`) and dollar-quoted bodies ($$...$$, $fn$...$fn$). A backslash escapes the next character in
    '...' and "...", as MySQL and Postgres's E'...' read it: `'it\\'s'` is far more common in a schema or dump
    than a standard string ending in a backslash, and misreading either shifts every quote after it."""
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "-" and text.startswith("--", i) or ch == "#":
            end = text.find("\n", i)
            end = n if end < 0 else end
            yield i, text[i:end]
            i = end
        elif ch == "/" and text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = n if end < 0 else end + 2
            yield i, text[i:end]
            i = end
        elif ch in "'\"`":
            i = _string_end(text, i + 1, ch, backslash=ch != "`")
        elif ch == "$" and (m := _DOLLAR_TAG.match(text, i)) and not (i > 0 and (text[i - 1].isalnum() or text[i - 1] == "_")):
            end = text.find(m.group(0), m.end())
            i = n if end < 0 else end + len(m.group(0))
        else:
            i += 1


def _string_end(text: str, i: int, quote: str, backslash: bool) -> int:
    """The offset just past the string whose body starts at i; doubled quotes are the quote itself."""
    n = len(text)
    while i < n:
        ch = text[i]
        if backslash and ch == "\\":
            i += 2
            continue
        if ch == quote:
            if text[i + 1:i + 2] == quote:
                i += 2
                continue
            return i + 1
        i += 1
    return n


# after one of these (or at the start), a `/` begins a regular expression literal, not a division
_REGEX_BEFORE = set("(,=:[!&|?{};+-*%<>~^") | {""}


def js_comments(text: str) -> Iterator[Comment]:
    """A script's `// ...` and `/* ... */`, outside strings ('...', "...", `...`) and regular expression
    literals (a URL pattern's slashes start no comment), as eslint reads `// eslint-disable-line`."""
    i, n = 0, len(text)
    prev = ""  # the last character other than whitespace outside comments
    while i < n:
        ch = text[i]
        if ch == "/" and text.startswith("//", i):
            end = text.find("\n", i)
            end = n if end < 0 else end
            yield i, text[i:end]
            i = end
            continue
        if ch == "/" and text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = n if end < 0 else end + 2
            yield i, text[i:end]
            i = end
            continue
        if ch in "'\"`":
            i = _js_string_end(text, i + 1, ch)
            prev = ch
            continue
        if ch == "/" and (prev in _REGEX_BEFORE or _ends_with_keyword(text, i)):
            i = _regex_end(text, i + 1)
            prev = "/"
            continue
        if not ch.isspace():
            prev = ch
        i += 1


def _ends_with_keyword(text: str, i: int) -> bool:
    """`return /x/`, `typeof /x/`: a keyword, not a value, stands before the slash."""
    m = re.search(r"\b(return|typeof|case|do|else|in|of|new|delete|void|throw|yield|await)\s*$", text[max(0, i - 12):i])
    return m is not None


def _js_string_end(text: str, i: int, quote: str) -> int:
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch == quote or (ch == "\n" and quote != "`"):  # an unclosed '...' ends at the line's end
            return i + 1
        i += 1
    return n


def _regex_end(text: str, i: int) -> int:
    n, in_class = len(text), False
    while i < n:
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "\n":
            return i  # not a regular expression after all: stop at the line's end
        if ch == "[":
            in_class = True
        elif ch == "]":
            in_class = False
        elif ch == "/" and not in_class:
            return i + 1
        i += 1
    return n


# a template's comments: HTML `<!-- -->`, Django/Jinja `{# #}`, and an inline script's `//` and `/* */`;
# HTML text has no quoting a scan could trust (an apostrophe in prose), so these openers are matched anywhere
_TEMPLATE_OPENER = re.compile(r"<!--|\{#|//|/\*")


def template_comments(text: str) -> Iterator[Comment]:
    for m in _TEMPLATE_OPENER.finditer(text):
        end = text.find("\n", m.start())
        yield m.start(), text[m.start():len(text) if end < 0 else end]


_HASH_COMMENTED = (".yaml", ".yml", ".toml", ".txt", ".cfg", ".lock", ".ini")


def comments(text: str, path: str) -> Iterator[Comment]:
    """The comments of a file, by its kind (its name: `schema.sql.j2` is SQL)."""
    from scanner.discover import kind_of  # lazy: the pre-commit path imports little

    name = path.rsplit("/", 1)[-1].lower()
    kind = kind_of(path)
    if kind == "python" or name.endswith(".pyi"):
        return python_comments(text)
    if kind == "sql":
        return sql_comments(text)
    if kind == "manifest" or name.endswith(_HASH_COMMENTED):
        return yaml_comments(text)
    if name.endswith(".js"):
        return js_comments(text)
    return template_comments(text)
