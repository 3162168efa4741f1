"""The scan: discovered sources -> extracted facts -> classified inventory.

Files are independent, so big scans fan out over processes (threads do not
help: libcst holds the GIL). Small scans, the pre-commit case, stay in-process
to avoid paying pool start-up.
"""

from __future__ import annotations

import codecs
import os
import re
import signal
import threading
import time
import traceback
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from itertools import repeat
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from scanner.config import Config
from scanner.discover import MAX_FILE_BYTES, Source, own_packages, skip_by_name, skip_by_size, skip_by_text
from scanner.findings import find_suppressions
from scanner.classify import classify_fields
from scanner.inventory import FileResult, Inventory, Location, ParseError, RawField
from scanner.ruleset import RuleSet, load_ruleset
from scanner.tag_flows import tag_flows

_PARALLEL_BYTES = 2_000_000  # below this a pool costs more than it saves
# CPU seconds. No real file needs this long (libcst parses ~20k lines/s; a 1 MB module takes under 10 s); one that
# does has hit a pathological case, and is reported as an error so that the scan goes on (alerta's config module
# once took 3 GB and minutes). CPU time, not wall time, so that a loaded machine skips nothing (audit17 #10).
FILE_SECONDS = 120.0
_worker_rules: RuleSet | None = None  # one per worker process, set by its initializer


_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"), (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
         (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"), (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"))


# PEP 263: `# -*- coding: latin-1 -*-` on line 1 or 2 (line 2 only after a comment or blank line 1)
_COOKIE = re.compile(rb"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)")
_BLANK_OR_COMMENT = re.compile(rb"^[ \t\f]*(?:[#\r\n]|$)")


def _coding_cookie(data: bytes) -> str:
    """The codec a Python file's coding declaration names, when it is not UTF-8 and Python knows it ("" else)."""
    lines = data.split(b"\n", 2)[:2]
    for i, line in enumerate(lines):
        match = _COOKIE.match(line)
        if match:
            try:
                codec = codecs.lookup(match.group(1).decode("ascii"))
            except (LookupError, UnicodeDecodeError):
                return ""  # Python would refuse the file too; the UTF-8 reading reports it
            return "" if codec.name == "utf-8" else codec.name
        if i == 0 and not _BLANK_OR_COMMENT.match(line):
            break
    return ""


def decode_source(data: bytes, kind: str) -> tuple[str, str, int]:
    """A file's text, and a note with its line when it was read by a guess ("", 0 otherwise).

    Raises UnicodeDecodeError when the file cannot be read as text.

    A byte-order mark decides (SSMS writes UTF-16 scripts). A SQL file that is not UTF-8 (an old
    Latin-1 mysqldump) is read as Windows-1252, or Latin-1, which any byte is, with a note, so that one
    accented comment does not cost the whole schema.
    """
    for bom, codec, _ in _BOMS:  # UTF-32 first: its LE mark starts with UTF-16's
        if data.startswith(bom):
            return data[len(bom) :].decode(codec), "", 0
    if kind == "python" and (declared := _coding_cookie(data)):
        return data.decode(declared), "", 0  # as Python reads it; undecodable bytes are the file's error
    try:
        return data.decode("utf-8-sig"), "", 0
    except UnicodeDecodeError as exc:
        if kind != "sql":
            raise
        line = data[: exc.start].count(b"\n") + 1
        try:
            text, codec = data.decode("cp1252"), "Windows-1252"
        except UnicodeDecodeError:
            text, codec = data.decode("latin-1"), "Latin-1"
        return text, f"not valid UTF-8; read as {codec}, so non-ASCII names and comments may be wrong", line


def line_count(text: str) -> int:
    """Lines as `file:line` numbers them (only \\n ends one, see findings.physical_lines), as `wc -l` counts
    them: a final newline ends the last line rather than starting another."""
    return text.count("\n") + (not text.endswith("\n")) if text else 0


def scan_file(source: Source, rules: RuleSet, dialect: str = "", own: frozenset[str] = frozenset(),
              max_bytes: int = MAX_FILE_BYTES) -> FileResult:
    """One file's facts. `own`: the project's own top-level import names (discover.own_packages)."""
    if source.kind == "template" and (reason := skip_by_name(source.rel)):
        return FileResult(source.rel, skipped=reason)
    try:
        data = source.path.read_bytes()
        text, note, note_line = decode_source(data, source.kind)
    except OSError as exc:
        result = FileResult(source.rel)
        result.errors.append(ParseError(Location(source.rel, 1), f"cannot read file: {exc.strerror or exc}"))
        return result
    except UnicodeDecodeError as exc:
        result = FileResult(source.rel)
        line = data[: exc.start].count(b"\n") + 1
        encoding = "UTF-8" if exc.encoding.lower().startswith("utf-8") else exc.encoding.upper()
        result.errors.append(ParseError(Location(source.rel, line), f"not valid {encoding}; file skipped"))
        return result
    if reason := skip_by_size(source.rel, source.kind, data, max_bytes):
        return FileResult(source.rel, skipped=reason)
    if source.kind == "template" and (reason := skip_by_text(source.rel, text)):
        return FileResult(source.rel, skipped=reason)
    try:
        with _deadline(FILE_SECONDS):
            result, raw = _extract(source, text, rules, dialect, own)
    except _Expired:
        result, raw = FileResult(source.rel, lines=text.count("\n") + 1), []
        message = (f"analysis used over {FILE_SECONDS:g} s of CPU time and was stopped; file skipped "
                   "(please report it)")
        result.errors.append(ParseError(Location(source.rel, 1), message))
    except Exception as exc:  # noqa: BLE001 - a bug on one file must not lose the rest of the scan
        result, raw = FileResult(source.rel, lines=text.count("\n") + 1), []
        message = f"internal error while scanning ({_described(exc)}); please report it"
        result.errors.append(ParseError(Location(source.rel, 1), message))
    if note:  # read, but by a guess: said, as a failure would be
        result.errors.insert(0, ParseError(Location(source.rel, note_line), note))
    result.fields.extend(classify_fields(raw, rules.classifier))
    result.suppressions.extend(find_suppressions(text, source.rel))
    result.lines = line_count(text)
    return result


def _described(exc: Exception) -> str:
    """An internal error in one line a report can quote: its type, the first line of its text cut to 200
    characters (a KeyError keyed by a libcst node is the node's whole repr, 5 KB), and where in Datamap it was
    raised."""
    text = str(exc).strip().split("\n", 1)[0]
    text = text if len(text) <= 200 else text[:199] + "…"
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if f"{os.sep}scanner{os.sep}" in f.filename]
    where = f" at {Path(ours[-1].filename).name}:{ours[-1].lineno}" if ours else ""
    return f"{type(exc).__name__}{': ' + text if text else ''}{where}"


class _Expired(BaseException):
    """Raised by the per-file deadline; a BaseException so that no extractor's `except Exception` swallows it."""


@contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """Stop a file's analysis after `seconds` of the process's CPU time (Unix, main thread: each worker process
    runs files in its own). A wall-clock limit would skip large files on a busy CI runner, so that the inventory
    would depend on the machine's load."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise _Expired

    previous = signal.signal(signal.SIGPROF, expire)
    signal.setitimer(signal.ITIMER_PROF, seconds)  # counts user + system CPU time of this process only
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def _extract(source: Source, text: str, rules: RuleSet, dialect: str,
             own: frozenset[str] = frozenset()) -> tuple[FileResult, list[RawField]]:
    # extractors import on demand: a pre-commit run on two SQL files never loads libcst
    if source.kind == "python":
        from scanner.extract.python import extract_python

        result, raw = extract_python(text, source.rel, rules.classifier, rules.catalogue, source.module, own,
                                     dialect=dialect)  # SQL in Python strings, as in .sql files
    elif source.kind == "sql":
        from scanner.extract.sql import extract_sql

        result, raw = extract_sql(text, source.rel, dialect)
    elif source.kind == "manifest":
        from scanner.extract.manifests import extract_manifest

        result, raw = extract_manifest(text, source.rel, rules.catalogue)
    else:
        from scanner.extract.templates import extract_template

        result, raw = extract_template(text, source.rel, rules.catalogue, rules.classifier)
    return result, raw


def _init_worker(user_files: list[Path]) -> None:
    global _worker_rules
    _worker_rules = load_ruleset(user_files)


def _scan_in_worker(source: Source, dialect: str, own: frozenset[str], max_bytes: int) -> FileResult:
    assert _worker_rules is not None
    return scan_file(source, _worker_rules, dialect, own, max_bytes)


def _jobs(config: Config, sources: Sequence[Source]) -> int:
    if config.jobs:
        return config.jobs
    size = 0
    for s in sources:
        try:
            size += s.path.stat().st_size
        except OSError:
            pass
    return min(os.cpu_count() or 1, 4) if size >= _PARALLEL_BYTES else 1


def scan(sources: Sequence[Source], rules: RuleSet, config: Config, user_files: list[Path]) -> Inventory:
    from scanner.extract.project import finalize

    started = time.perf_counter()
    inventory = Inventory(root=str(config.root))
    jobs = _jobs(config, sources)
    dialects = [config.dialect_for(s.rel) for s in sources]
    own = own_packages(config.root, list(sources))
    if jobs <= 1 or len(sources) < 2:
        results = [scan_file(source, rules, d, own, config.max_file_bytes) for source, d in zip(sources, dialects)]
    else:
        with ProcessPoolExecutor(jobs, initializer=_init_worker, initargs=(user_files,)) as pool:
            results = list(pool.map(_scan_in_worker, sources, dialects, repeat(own),
                                    repeat(config.max_file_bytes), chunksize=8))
    for result in finalize(results, rules, config):
        inventory.add(result)
    inventory.flows.extend(tag_flows(inventory.services, rules.catalogue))
    inventory.sort()
    inventory.seconds = time.perf_counter() - started
    return inventory
