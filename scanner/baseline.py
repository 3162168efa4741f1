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


def new_findings(findings: Sequence[Finding], fingerprints: Sequence[str], baseline: Baseline,
                 checked: Callable[[str], bool], exists: Callable[[str], bool]) -> tuple[list[Finding], int, int]:
    """(the findings the baseline does not hold, how many it hid, how many of its entries no longer occur).

    `checked(path)` says whether this run read a baseline entry's file (pre-commit passes only the changed
    files), `exists(path)` whether it is still there. A finding that no fingerprint matches takes an unmatched
    entry of the same code and subject whose file is gone (renamed or split) or was not read this run (a
    once-per-service finding such as DM203 sits at the first file that uses the service among those read).
    While its file is read and there, an entry keeps its place, so a second copy of it elsewhere is new. Only
    entries of files read, or gone, count as no longer found: a partial run knows nothing of the others.
    """
    left = Counter(baseline.known)
    unmatched: list[Finding] = []
    for finding, fp in zip(findings, fingerprints, strict=True):
        if left[fp] > 0:
            left[fp] -= 1
        else:
            unmatched.append(finding)
    elsewhere: dict[tuple[str, str], list[str]] = {}  # (code, subject) -> entries this run could not see
    unread: set[str] = set()  # fingerprints of entries in files still there but not read
    for fp, file, code, subject in baseline.entries:
        there = exists(file)
        if there and not checked(file):
            unread.add(fp)
        if left[fp] > 0 and not (there and checked(file)):
            elsewhere.setdefault((code, subject), []).append(fp)
    new: list[Finding] = []
    for finding in unmatched:
        candidates = [fp for fp in elsewhere.get((finding.code, finding.subject), []) if left[fp] > 0]
        if candidates:
            left[candidates[0]] -= 1
        else:
            new.append(finding)
    hidden = len(findings) - len(new)
    return new, hidden, sum(n for fp, n in left.items() if fp not in unread)
