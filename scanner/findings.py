"""Findings, the rule-code table, fingerprints and inline suppressions.

Codes are banded by theme and never renumbered: DM1xx collection, DM2xx
sharing and flows, DM3xx purposes, DM5xx stale declarations, DM9xx scanner
problems. Fingerprints leave line numbers out so a baseline survives edits.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from scanner.inventory import Location, Suppression

SEVERITIES = ("info", "warning", "error")
SEVERITY_RANK = {s: i for i, s in enumerate(SEVERITIES)}


@dataclass(frozen=True)
class Rule:
    code: str
    name: str  # kebab-case, reads as "allow <name>"
    severity: str
    summary: str
    why: str  # why it matters to a privacy officer
    fix: str


RULES: dict[str, Rule] = {
    r.code: r
    for r in (
        Rule("DM101", "undisclosed-collection", "error",
             "Personal data of a category the data map does not declare is collected",
             "A privacy policy must list every category of personal data collected (GDPR art. 13(1)(c), CCPA notice at collection).",
             "Declare the category under `collects:` in datamap.yaml (and in the privacy policy), or stop collecting it."),
        Rule("DM102", "undisclosed-sensitive-collection", "error",
             "A special or sensitive category of personal data is collected without being declared",
             "Special categories (GDPR art. 9: health, genetic, biometric, racial or ethnic origin, beliefs, political opinions, trade-union membership, sex life) need a legal basis and an art. 9(2) condition, criminal-offence data (art. 10) an authority for it; other high-risk data (credentials, card numbers, government IDs, precise location) must be disclosed and protected.",
             "Declare the category under `collects:` with its purpose, after checking with your privacy officer why it is needed and on what legal basis."),
        Rule("DM201", "undisclosed-third-party", "error",
             "Code uses a third-party service that no recipient in the data map covers",
             "Recipients or categories of recipients must be disclosed (GDPR art. 13(1)(e)); an unlisted SDK is undisclosed sharing.",
             "Add the service (`service: <id>`) or its recipient category under `recipients:`, or remove the integration."),
        Rule("DM202", "undisclosed-data-flow", "error",
             "Personal data reaches a recipient that the data map does not allow to receive it",
             "The policy promises which data each recipient gets; sending more breaks that promise.",
             "Stop sending the datum (send an opaque id instead), or add the category to the recipient's `receives:`."),
        Rule("DM203", "cross-border-transfer", "warning",
             "A third party is based outside the regions the data map allows",
             "Transfers outside the EEA need an adequacy decision or safeguards such as SCCs (GDPR ch. V), and users are told where their data goes.",
             "Add the country to `allowed_regions:` once the transfer has a legal basis, or use a provider hosted in an allowed region."),
        Rule("DM301", "prohibited-purpose", "error",
             "A service is used for a purpose the data map prohibits",
             "Prohibited uses (advertising, sale, profiling) are explicit promises to users; breaking them is a deceptive practice.",
             "Remove the integration, or change the policy and `prohibited_uses:` with your privacy officer."),
        Rule("DM501", "stale-category", "info",
             "A declared data category is collected nowhere in the scanned code",
             "A policy that over-declares is inaccurate and hides what is really collected.",
             "Remove the category from `collects:` if it is no longer collected (it may be collected by code outside the scan)."),
        Rule("DM502", "stale-recipient", "info",
             "A declared recipient is used nowhere in the scanned code",
             "Listing recipients that receive nothing makes the policy inaccurate.",
             "Remove the recipient from `recipients:` if the integration is gone."),
        Rule("DM901", "parse-error", "warning",
             "A file or statement could not be parsed, so it was not scanned",
             "Whatever that file collects or shares is missing from the inventory.",
             "Fix the syntax, set the SQL dialect (`--dialect`), or exclude the file in [tool.datamap]."),
        Rule("DM902", "invalid-suppression", "warning",
             "An inline suppression names no rule code, so it silences nothing",
             "A mistyped `datamap: ignore[...]` looks like a decision someone made, yet the finding it meant to silence is still reported, or a different one is hidden later.",
             "Write whole rule codes or names (`DM101`, `undisclosed-collection`), comma-separated; `datamap rules codes` lists them."),
        Rule("DM903", "unused-suppression", "info",
             "An inline suppression names a code that no finding on its line has",
             "A stale `datamap: ignore[...]` looks like a decision still in force, and silently hides the next real finding on that line (ruff's RUF100, mypy's --warn-unused-ignores).",
             "Remove the suppression, or the codes it names that no longer apply."),
    )
}


@dataclass(frozen=True)
class Finding:
    code: str
    message: str
    hint: str
    location: Location
    subject: str  # what the finding is about, stable across edits: `Client.email -> user.contact.email`
    confidence: str = "high"
    # None: the rule's severity. A check lowers it only where its evidence is a guess (DM301 on a setting's name
    # alone, audit16 #10); the fingerprint does not change with it
    level: str | None = None

    @property
    def name(self) -> str:
        return RULES[self.code].name

    @property
    def severity(self) -> str:
        """The rule's severity, unless the check set this finding's own `level`."""
        return self.level or RULES[self.code].severity

    @property
    def fingerprint(self) -> str:
        raw = f"{self.code}\0{self.location.path}\0{self.subject}".encode()
        return hashlib.sha256(raw).hexdigest()[:16]

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.location.path, self.location.line, self.location.col, self.code, self.subject)


def _digest(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:16]


def fingerprints(findings: Sequence[Finding], line_text: Callable[[Finding], str]) -> list[str]:
    """Each finding's fingerprint, distinct for distinct findings (GitHub code scanning tracks alerts by it).

    A finding keeps its code+path+subject fingerprint when no other has the same one, so existing alerts
    keep theirs. Findings that share one (the same datum sent to the same service twice in a file) are
    told apart by the text of their line, whitespace-normalised, which survives the line moving; two
    identical lines then by their order in the file. `findings` must be in report order.
    """
    groups: dict[str, list[int]] = {}
    for i, f in enumerate(findings):
        groups.setdefault(f.fingerprint, []).append(i)
    out = [f.fingerprint for f in findings]
    for base, members in groups.items():
        if len(members) < 2:
            continue
        by_text: dict[str, list[int]] = {}
        for i in members:
            by_text.setdefault(_digest(base, " ".join(line_text(findings[i]).split())), []).append(i)
        for keyed, same in by_text.items():
            for n, i in enumerate(same):
                out[i] = keyed if len(same) == 1 else _digest(keyed, str(n))
    return out


# One suppression syntax: `# datamap: ignore[DM101, DM201]` in a comment (`-- ...` in SQL, `<!-- ... -->` or
# `{# ... #}` in a template); bare `datamap: ignore` silences every code on that line. Only a real comment counts
# (scanner/comments.py finds them). The bracket takes any text so that a typo (`DM1O1`, a prefix `DM1`) is still
# read and reported (DM902) rather than dropped.
SUPPRESSION = re.compile(
    r"""
    (?:\#|--|//|/\*|<!--|\{\#)\s*  # the comment's opener (or a second comment inside one: `# noqa  # datamap: ...`)
    datamap:\s*ignore             # the directive
    (?:\[(?P<codes>[^\]\n]*)\])?    # optional code list
    (?![\w\[]|-(?!->))             # no stray text glued on (ignore-all, ignored, ignore[...); `ignore-->` ends a comment
    """,
    re.VERBOSE | re.IGNORECASE,
)
_NAMES = {r.name: r.code for r in RULES.values()}


def rule_code(word: str) -> str | None:
    """A rule code given as its code or its kebab-case name (any case), or None."""
    word = word.strip()
    if word.upper() in RULES:
        return word.upper()
    return _NAMES.get(word.lower())


def physical_lines(text: str) -> list[str]:
    """Lines as locations count them: split on \\n only. str.splitlines() also splits on \\f, \\v,
    \\x1c-\\x1e, \\x85 and \\u2028, so a form feed would shift every suppression below it."""
    return text.split("\n")


def find_suppressions(text: str, path: str) -> list[Suppression]:
    """Suppression comments, one per line at most. Codes are normalised (names -> codes); an unknown entry is
    kept as written, suppresses nothing, and is reported by the DM902 check."""
    if "datamap:" not in text.lower():
        return []
    from scanner.comments import comments  # lazy: only files that mention the directive are tokenized

    found: dict[int, Suppression] = {}
    for offset, comment in comments(text, path):
        match = SUPPRESSION.search(comment)
        if match is None:
            continue
        lineno = text.count("\n", 0, offset + match.start()) + 1
        if lineno in found:
            continue
        raw = match.group("codes")
        if raw is None:
            codes: frozenset[str] = frozenset()
        else:
            # a stray comma (`ignore[DM101,]`) leaves an empty entry that names nothing and is dropped; a list
            # with no entry at all (`ignore[]`, `ignore[,]`) is malformed: kept as written, it silences nothing
            words = [w.strip() for w in raw.split(",") if w.strip()]
            codes = frozenset(rule_code(w) or w for w in words) or frozenset({"[" + raw + "]"})
        found[lineno] = Suppression(Location(path, lineno), codes)
    return [found[line] for line in sorted(found)]


def invalid_codes(suppression: Suppression) -> list[str]:
    """What a suppression names that is no rule code, sorted."""
    return sorted(c for c in suppression.codes if c not in RULES)


def is_suppressed(finding: Finding, index: dict[tuple[str, int], frozenset[str]]) -> bool:
    codes = index.get((finding.location.path, finding.location.line))
    return codes is not None and (not codes or finding.code in codes)
