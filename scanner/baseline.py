"""Baselines: the findings a project already has, so that CI fails only on new ones.

detect-secrets' workflow: `datamap baseline` records the current findings by fingerprint, the file is
committed (or made from the base branch in CI), and `datamap check --baseline FILE` reports only what is
not in it. Fingerprints leave line numbers out, so a known finding stays known when code above it moves.
They hold the file's path, so a renamed file would make its findings new: an entry whose file is gone is
matched again by its code and subject (what semgrep's `--baseline-commit` gets from git's rename detection).
A `--format json` report of `datamap check` is accepted as a baseline too: it carries the same fingerprints.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from scanner import __version__
from scanner.findings import Finding

FORMAT_VERSION = 1  # of the baseline file; bump with a reader for the old one when its shape changes


class BaselineError(Exception):
    """An unreadable or malformed baseline: printed as is, exit code 2."""


def write_baseline(findings: Sequence[Finding], fingerprints: Sequence[str], datamap: str | None,
                   stream: TextIO) -> None:
    """The findings as a baseline file: sorted, so that a refreshed baseline diffs cleanly in review."""
    entries = sorted(
        ({"fingerprint": fp, "code": f.code, "file": f.location.path, "subject": f.subject, "message": f.message}
         for f, fp in zip(findings, fingerprints, strict=True)),
        key=lambda e: (e["file"], e["code"], e["subject"], e["fingerprint"]),
    )
    json.dump({"version": FORMAT_VERSION, "generated_by": f"datamap {__version__}", "datamap": datamap,
               "findings": entries}, stream, indent=2)
    stream.write("\n")


@dataclass
class Baseline:
    """The fingerprints a baseline holds, counted (two known findings with one fingerprint hide two), and each
    entry's (file, code, subject) where the file says them, for findings whose file was renamed."""

    known: Counter[str] = field(default_factory=Counter)
    entries: list[tuple[str, str, str, str]] = field(default_factory=list)  # (fingerprint, file, code, subject)


def load_baseline(path: Path) -> Baseline:
    """The baseline file at `path`; BaselineError names what is wrong with it."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise BaselineError(f"cannot read baseline {path}: {exc.strerror or exc}; "
                            "write one with `datamap baseline`") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        where = f":{exc.lineno}" if isinstance(exc, json.JSONDecodeError) else ""
        raise BaselineError(f"{path}{where}: not a baseline (invalid JSON: {exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise BaselineError(f"{path}: not a baseline (no `findings` list); write one with `datamap baseline`")
    version = data.get("version", FORMAT_VERSION)  # a `--format json` report has no version of its own
    if version != FORMAT_VERSION:
        raise BaselineError(f"{path}: baseline version {version!r}; this Datamap reads version {FORMAT_VERSION}")
    baseline = Baseline()
    for i, entry in enumerate(data["findings"]):
        fingerprint = entry.get("fingerprint") if isinstance(entry, dict) else None
        if not isinstance(fingerprint, str) or not fingerprint:
            raise BaselineError(f"{path}: findings[{i}] has no fingerprint")
        baseline.known[fingerprint] += 1
        file, code, subject = entry.get("file"), entry.get("code"), entry.get("subject")
        if isinstance(file, str) and isinstance(code, str) and isinstance(subject, str):
            baseline.entries.append((fingerprint, file, code, subject))
    return baseline


# Findings placed once per project at the first file that shows them among those read (DM203: one per
# service), so a run on some files may place one in another file than the baseline's, which it did not read.
_ONCE_PER_PROJECT = frozenset({"DM203"})


def new_findings(findings: Sequence[Finding], fingerprints: Sequence[str], baseline: Baseline,
                 checked: Callable[[str], bool], exists: Callable[[str], bool]) -> tuple[list[Finding], int, int]:
    """(the findings the baseline does not hold, how many it hid, how many of its entries no longer occur).

    `checked(path)` says whether this run read a baseline entry's file (pre-commit passes only the changed
    files), `exists(path)` whether it is still there. Each entry absorbs one finding: first by fingerprint,
    then by code, subject and file (two copies of a datum in one file, told apart by their lines' text, whose
    line was edited); a finding still unmatched takes an entry of the same code and subject whose file is gone
    (renamed or split). A file that is still there keeps its entries, read or not, so a second copy elsewhere is
    new (audit15 #12: a pre-commit run must not read every file it was not given as gone); the one exception is
    a finding placed once per project (DM203), which a partial run places in a file it read. Only entries of
    files this run covered count as no longer found: a partial run knows nothing of the others.
    """
    left = Counter(baseline.known)
    unmatched: list[Finding] = []
    for finding, fp in zip(findings, fingerprints, strict=True):
        if left[fp] > 0:
            left[fp] -= 1
        else:
            unmatched.append(finding)
    # the entries no fingerprint took, one per count left (a fingerprint twice in the file is two entries)
    free: list[tuple[str, str, str, str]] = []
    spare = Counter(left)
    for entry in baseline.entries:
        if spare[entry[0]] > 0:
            spare[entry[0]] -= 1
            free.append(entry)
    taken: set[int] = set()

    def take(finding: Finding, eligible: Callable[[str, str], bool]) -> bool:
        for i, (fp, file, code, subject) in enumerate(free):
            if i not in taken and (code, subject) == (finding.code, finding.subject) and eligible(file, code):
                taken.add(i)
                left[fp] -= 1
                return True
        return False

    def moved(file: str, code: str) -> bool:
        return not exists(file) or (code in _ONCE_PER_PROJECT and not checked(file))

    def here(finding: Finding) -> Callable[[str, str], bool]:
        return lambda file, _code: file == finding.location.path

    same_file = [f for f in unmatched if not take(f, here(f))]
    new = [f for f in same_file if not take(f, moved)]
    hidden = len(findings) - len(new)
    # entries without file, code and subject (an old JSON report) are judged by the run alone, as before
    placed = Counter(fp for fp, *_ in baseline.entries)
    gone = sum(1 for i, (fp, file, _c, _s) in enumerate(free) if i not in taken and checked(file))
    gone += sum(max(0, n - placed[fp]) for fp, n in left.items() if n > 0)
    return new, hidden, gone
