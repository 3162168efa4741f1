"""An on-disk cache of the built rule set: a pre-commit run should not rebuild it on every commit.

Building the RuleSet (composing and validating ~35 YAML files, the classifier's phrase indexes, the catalogue)
is about half the CPU of a one-file `datamap check`; reading it back from a pickle costs a tenth of the build.

Like mypy's and ruff's caches it lives outside the project: `$DATAMAP_CACHE_DIR`, else the user cache folder
(`$XDG_CACHE_HOME/datamap` or `~/.cache/datamap`; `~/Library/Caches/datamap` on macOS, `%LOCALAPPDATA%\\datamap`
on Windows). `DATAMAP_NO_CACHE=1` turns it off. An entry can never change a result:
- its key hashes everything the build reads or runs: the content of every rule file (bundled and the project's,
  with their paths and order, and the folder their paths are shown relative to), the content of Datamap's own
  code, Datamap's, PyYAML's and Python's versions;
- the entry holds its key and a digest of its payload, checked before unpickling; an entry that is unreadable,
  truncated, altered, of another format, or (POSIX) not private to the user, is ignored and rewritten;
- entries are written whole or not at all (a temporary file, then an atomic rename), and a value that does not
  pickle back as it was built (a module-level sentinel, a lambda) is never written.
A cold run (no entry) builds the rule set as without a cache, then stores it (~0.2 s more, once).
"""

from __future__ import annotations

import gc
import hashlib
import io
import itertools
import os
import pickle
import re
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

NO_CACHE_ENV = "DATAMAP_NO_CACHE"
CACHE_DIR_ENV = "DATAMAP_CACHE_DIR"
_FORMAT = b"datamap-ruleset-cache 1\n"  # bump when the entry layout changes
_PREFIX, _SUFFIX = "ruleset-", ".pickle"
_KEEP = 8  # entries kept (most recently used first): one per project folder and Datamap version in use
_DIGEST = 32
_PACKAGE = Path(__file__).resolve().parent


def cache_dir() -> Path | None:
    """Where entries go, or None when caching is off."""
    if os.environ.get(NO_CACHE_ENV, "").strip() not in ("", "0"):
        return None
    configured = os.environ.get(CACHE_DIR_ENV, "").strip()
    if configured:
        return Path(configured).expanduser()
    if sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA")
        return Path(local) / "datamap" / "Cache" if local else None
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "datamap"
    xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache") / "datamap"


@cache
def _code_digest() -> bytes:
    """Datamap's own code: the version string stays 0.1.0 across a checkout's edits, and the built value's
    shape is whatever this code builds. Once per process (the code does not change under a running process)."""
    h = hashlib.blake2b(digest_size=_DIGEST)
    for file in sorted(_PACKAGE.rglob("*.py")):
        h.update(file.relative_to(_PACKAGE).as_posix().encode() + b"\0")
        h.update(file.read_bytes() + b"\0")
    return h.digest()


def cache_key(files: Sequence[tuple[Path, bool]]) -> bytes | None:
    """The key of a build from these (rule file, is the project's own) in this order; None when a file cannot be
    read (the build itself reports it)."""
    import yaml

    from scanner import __version__

    h = hashlib.blake2b(digest_size=_DIGEST)
    for part in (_FORMAT, __version__, sys.version, yaml.__version__, str(hasattr(yaml, "CSafeLoader")),
                 str(pickle.HIGHEST_PROTOCOL), os.getcwd()):
        h.update(str(part).encode("utf-8", "surrogateescape") + b"\0")
    h.update(_code_digest())
    for path, user in files:
        try:
            data = path.read_bytes()
        except OSError:
            return None
        h.update(f"{path}\0{int(user)}\0{len(data)}\0".encode("utf-8", "surrogateescape"))
        h.update(data)
    return h.digest()


def entry_path(directory: Path, key: bytes) -> Path:
    return directory / f"{_PREFIX}{key.hex()[:32]}{_SUFFIX}"


@contextmanager
def no_gc() -> Iterator[None]:
    """Building or unpickling ~10^5 small objects sets off the cyclic collector over and over, for nothing:
    unpickling the rule set takes a quarter of the time with it paused."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def read(path: Path, key: bytes) -> Any | None:
    """The value stored under `key`, or None for any entry that is missing, foreign, damaged or not private."""
    try:
        with open(path, "rb") as stream:
            if not _private(os.fstat(stream.fileno())):
                return None
            data = stream.read()
    except OSError:
        return None
    head = _FORMAT + key
    if not data.startswith(head):
        return None
    digest, payload = data[len(head): len(head) + _DIGEST], data[len(head) + _DIGEST:]
    if hashlib.blake2b(payload, digest_size=_DIGEST).digest() != digest:
        return None
    try:
        with no_gc():
            value = pickle.loads(payload)
    except Exception:  # noqa: BLE001 - a payload that passed its digest but not pickle: ignore it as any other
        return None
    try:
        os.utime(path)  # most recently used: pruning keeps it
    except OSError:
        pass
    return value


def _private(st: os.stat_result) -> bool:
    """An entry is code to pickle: only the user's own, not writable by others, is read (POSIX)."""
    if not hasattr(os, "getuid"):
        return True
    return st.st_uid == os.getuid() and not st.st_mode & 0o022


def write(path: Path, key: bytes, value: object) -> bool:
    """Store `value` under `key`, atomically; False (and nothing written) when it cannot be."""
    try:
        payload = dumps(value)
    except Exception:  # noqa: BLE001 - something in the value does not pickle faithfully: run uncached
        return False
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=_SUFFIX, dir=path.parent)  # mode 0600
        with os.fdopen(fd, "wb") as stream:
            stream.write(_FORMAT + key + hashlib.blake2b(payload, digest_size=_DIGEST).digest() + payload)
        os.replace(tmp, path)
        tmp = None
        _prune(path.parent)
    except OSError:
        return False
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
    return True


def _prune(directory: Path) -> None:
    entries = []
    for entry in directory.glob(f"{_PREFIX}*{_SUFFIX}"):
        try:
            entries.append((entry.stat().st_mtime, entry))
        except OSError:
            pass
    for _, entry in sorted(entries, reverse=True)[_KEEP:]:
        try:
            entry.unlink()
        except OSError:
            pass


_COUNT = re.compile(r"count\((-?\d+)(?:, (-?\d+))?\)")


class _Pickler(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        kind = type(obj)
        if kind is object:
            # a bare object() is a sentinel compared by identity: a copy would not be the module's
            raise pickle.PicklingError("a sentinel object does not survive pickling")
        if kind is itertools.count:  # itertools' own pickling is deprecated (3.12) and gone in 3.14
            match = _COUNT.fullmatch(repr(obj))
            if match is None:
                raise pickle.PicklingError(f"unexpected {obj!r}")
            return itertools.count, (int(match[1]), int(match[2] or 1))
        if kind.__bases__ == (tuple,) and hasattr(kind, "_fields"):
            # a NamedTuple: rebuilt by C (tuple.__new__) instead of its Python __new__, 10^5 of them
            return tuple.__new__, (kind, tuple(obj))
        return NotImplemented


def dumps(value: object) -> bytes:
    out = io.BytesIO()
    with no_gc():
        _Pickler(out, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    return out.getvalue()

