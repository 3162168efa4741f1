"""Wording the report formats share, so that HTML, Markdown and CSV say the same thing in the same words."""

from __future__ import annotations

from scanner.report.model import DataCategory, Named, Summary


def declared_word(state: bool | None) -> str:
    return {True: "declared", False: "not declared", None: "no data map"}[state]


def undeclared_note(c: DataCategory) -> str:
    """Why a category the data map does not declare raises no DM101 ("" when it does, or is declared): without
    it the officer counts undeclared categories that the findings never mention."""
    if c.declared is not False:
        return ""
    if not c.fields:
        return "no DM1xx finding: no field holds it; it is only sent to third parties, judged under DM2xx"
    if all(f.below_floor for f in c.fields):
        return "no finding: seen below min-confidence only; declare it if it is personal data"
    return ""


def flow_word(state: bool | None) -> str:
    return {True: "allowed", False: "not allowed", None: "no data map"}[state]


def named(n: Named) -> str:
    """`Email address (user.contact.email)`; a key without a display name once."""
    return f"{n.name} ({n.key})" if n.name != n.key else n.key


def receives_text(may_receive: tuple[Named, ...] | None, declared: bool | None) -> str:
    """What the data map lets a third party receive, in words."""
    if declared is None:
        return ""
    if not declared:
        return "nothing: no recipient entry covers it"
    if may_receive is None:
        return "anything (no `receives:` limit)"
    return ", ".join(named(c) for c in may_receive) or "nothing"


def sensitivity_word(sensitivity: str) -> str:
    """A category's sensitivity as a badge says it: `special category (GDPR art. 9)`, `sensitive`, or ""."""
    head, _, article = sensitivity.partition(", ")
    return f"{head} ({article})" if article else head


def _n(count: int, one: str, many: str = "") -> str:
    return f"{count:,} {one if count == 1 else many or one + 's'}"


def verdict(s: Summary) -> str:
    """The one sentence a privacy officer reads first."""
    if s.matches is None:
        text = ("No data map was compared: this report lists the personal data and third parties found in the code, "
                "not whether the privacy policy covers them.")
    elif s.matches:
        text = f"The code matches its data map ({s.datamap}): no finding at or above {s.fail_on} severity."
    elif s.scanner_problems == s.mismatches:
        # only the scanner's own problems fail check: no gap in the policy was found, but the inventory may be
        # incomplete (a file not read), and calling that a mismatch would send the officer to the data map
        text = (f"No difference from the data map ({s.datamap}) was found, but datamap check fails on "
                f"{_n(s.scanner_problems, 'scanner problem')} at or above {s.fail_on} severity (DM9xx: files not parsed, "
                "suppression comments in error; see Findings): fix them first, as a file not read may hold "
                "undeclared data.")
    else:
        text = (f"The code does not match its data map ({s.datamap}): {_n(s.mismatches, 'finding')} at or above "
                f"{s.fail_on} severity, which make datamap check fail")
        one = s.scanner_problems == 1
        text += (f" ({s.scanner_problems:,} of them {'a scanner problem' if one else 'scanner problems'} rather than "
                 f"{'a gap' if one else 'gaps'} in the policy: DM9xx, a file not parsed or a suppression comment in "
                 "error)." if s.scanner_problems else ".")
    if s.errors:
        text += (f" {_n(s.errors, 'file or statement', 'files or statements')} could not be parsed: "
                 f"what {'it holds' if s.errors == 1 else 'they hold'} is missing (see Scan notes).")
    return text
