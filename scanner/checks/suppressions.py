"""Inline suppressions: applying them, DM902 (one naming no rule code) and DM903 (one silencing nothing).

As ruff's RUF100 reports a `# noqa` naming an unknown code, a mistyped `datamap: ignore[DM1O1]`
is reported rather than silently doing nothing: whoever wrote it believes a finding is handled. And as RUF100
reports a `# noqa` with nothing left to silence, so does DM903: a stale suppression hides the next real finding.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator

from scanner.checks import CheckContext, register
from scanner.findings import RULES, Finding, invalid_codes
from scanner.inventory import Suppression


def _why(word: str) -> tuple[str, str]:
    """Why a suppression's word names no rule, and what to write instead."""
    prefixed = [c for c in RULES if c.startswith(word.upper())] if word.upper().startswith("DM") else []
    if prefixed:  # a prefix, which --ignore takes but a suppression does not: it names what it silences
        return ("a prefix, but a suppression names whole codes",
                f"name the whole codes this line needs silenced ({', '.join(prefixed)}); prefixes are for `--ignore` "
                "and `ignore =` in [tool.datamap]")
    names = [*RULES, *(r.name for r in RULES.values())]
    close = difflib.get_close_matches(word.upper() if word[:2].upper() == "DM" else word.lower(), names, n=1, cutoff=0.6)
    if close:
        return f"no rule code (did you mean {close[0]!r}?)", f"write {close[0]!r} for {word!r}"
    return "no rule code", "write whole rule codes or names (`DM101`, `undisclosed-collection`): `datamap rules codes` lists them"


@register
def invalid_suppressions(ctx: CheckContext) -> Iterator[Finding]:
    # the data map's own comments are judged when the project is (file mode checks only the files given)
    own = ctx.datamap.suppressions if ctx.datamap is not None and ctx.whole_project else ()
    for suppression in (*ctx.inventory.suppressions, *own):
        for word in invalid_codes(suppression):
            why, fix = _why(word)
            yield Finding(
                code="DM902",
                message=f"`datamap: ignore[...]` names {word!r}, which is {why}: it silences nothing",
                hint=fix,
                location=suppression.location,
                subject=f"suppression:{word}",
            )


class Suppressor:
    """Applies the suppressions to findings, and remembers which code of which suppression silenced one."""

    def __init__(self, suppressions: Iterable[Suppression]) -> None:
        self.by_line = {(s.location.path, s.location.line): s for s in suppressions}
        self.used: dict[tuple[str, int], set[str]] = {}  # "" for a bare `ignore` that silenced something

    def silences(self, finding: Finding) -> bool:
        key = (finding.location.path, finding.location.line)
        s = self.by_line.get(key)
        if s is None:
            return False
        if finding.code == "DM903":  # only naming it silences it: a bare `ignore` that silences nothing is stale
            return "DM903" in s.codes
        if s.codes and finding.code not in s.codes:
            return False
        self.used.setdefault(key, set()).add(finding.code if s.codes else "")
        return True

    def unused(self, ctx: CheckContext) -> Iterator[Finding]:
        """DM903 for each suppression, or code in one, that silenced no finding. Judged only where every finding
        is known: a whole-project check against a data map (in file mode a flow from another file is not seen),
        in files that parsed (an unparsed file raises no findings to silence)."""
        if ctx.datamap is None or not ctx.whole_project:
            return
        broken = {e.location.path for e in ctx.inventory.errors}
        for key, s in sorted(self.by_line.items()):
            if key[0] in broken:
                continue
            used = self.used.get(key, set())
            if not s.codes:
                stale = [] if used else ["every code"]
            else:  # unknown words are DM902's; DM903 itself is never stale (it silences a report about the rest)
                stale = sorted(c for c in s.codes if c in RULES and c != "DM903" and c not in used)
            if not stale:
                continue
            what = ("`datamap: ignore` finds no finding on this line" if not s.codes else
                    f"`datamap: ignore[...]` names {', '.join(stale)}, but this line has no such finding")
            kept = [c for c in s.codes if c not in stale]
            fix = (f"remove {', '.join(stale)} from the suppression, keeping {', '.join(kept)}" if kept else
                   "remove the suppression")
            yield Finding(
                code="DM903",
                message=f"{what}: it silences nothing now, and would hide the next one",
                hint=fix,
                location=s.location,
                subject=f"unused-suppression:{','.join(stale)}",
            )
