"""DM902: an inline suppression that names no rule code.

As ruff's RUF100 reports a `# noqa` naming an unknown code, a mistyped `datamap: ignore[DM1O1]`
is reported rather than silently doing nothing: whoever wrote it believes a finding is handled.
"""

from __future__ import annotations

from collections.abc import Iterator

from scanner.checks import CheckContext, register
from scanner.findings import RULES, Finding, invalid_codes
from scanner.yamlschema import suggest


def _why(word: str) -> str:
    prefixed = [c for c in RULES if c.startswith(word.upper())] if word.upper().startswith("DM") else []
    if prefixed:  # a prefix, which --ignore takes but a suppression does not: it names what it silences
        return f"a suppression names whole codes, not prefixes ({', '.join(prefixed)})"
    names = [*RULES, *(r.name for r in RULES.values())]
    return f"no rule code{suggest(word.upper() if word[:2].upper() == 'DM' else word.lower(), names)}"


@register
def invalid_suppressions(ctx: CheckContext) -> Iterator[Finding]:
    # the data map's own comments are judged when the project is (file mode checks only the files given)
    own = ctx.datamap.suppressions if ctx.datamap is not None and ctx.whole_project else ()
    for suppression in (*ctx.inventory.suppressions, *own):
        for word in invalid_codes(suppression):
            yield Finding(
                code="DM902",
                message=f"`datamap: ignore[...]` names {word!r}: {_why(word)}; it silences nothing",
                hint=RULES["DM902"].fix,
                location=suppression.location,
                subject=f"suppression:{word}",
            )
