"""`[tool.datamap]` in pyproject.toml plus command-line flags -> one Config value.

The Config is passed explicitly to every stage; there is no global settings
object. Flags override the file.
"""

from __future__ import annotations

import fnmatch
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from scanner.findings import RULES, SEVERITIES, rule_code
from scanner.yamlschema import suggest

CONFIDENCES = ("low", "medium", "high")
DEFAULT_EXCLUDE = (".git", ".hg", ".svn", ".tox", ".nox", ".venv", "venv", "node_modules",
                   "__pycache__", "site-packages", ".mypy_cache", ".pytest_cache", "build", "dist",
                   "_build")  # Sphinx's built docs: pages of YouTube embeds and copied scripts, not the product
# Test code: fixtures and fake clients collect nothing from anybody, and a boto3 call in a
# test is no processor of the product. Scanned only with `include-tests = true`.
# `testutils`/`test_utils` folders hold the helpers of a project's tests (pretix's testutils/ mails through SMTP).
TEST_EXCLUDE = ("tests", "test", "testing", "testutils", "test_utils", "test_*.py", "*_test.py", "*_tests.py", "tests.py",
                "conftest.py")


class ConfigError(Exception):
    """User error in configuration: printed as is, exit code 2."""


@dataclass(frozen=True)
class Config:
    root: Path
    datamap: Path | None = None
    baseline: Path | None = None  # known findings `check` does not report (scanner/baseline.py)
    exclude: tuple[str, ...] = ()
    select: tuple[str, ...] = ()  # code prefixes: DM1, DM201
    ignore: tuple[str, ...] = ()
    fail_on: str = "warning"  # lowest severity that makes `check` exit 1
    min_confidence: str = "medium"  # weaker classifications stay in the inventory but raise no findings
    dialect: str = ""  # SQL dialect; empty: guessed per file
    dialects: tuple[tuple[str, str], ...] = ()  # (path glob, dialect) overrides, first match wins
    rules: tuple[Path, ...] = ()  # extra field-rule files or folders
    jobs: int = 0  # worker processes; 0: decide from the amount of code
    max_file_bytes: int = 1_000_000  # Python files above this are skipped (discover.MAX_FILE_BYTES); 0: none
    include_tests: bool = False  # scan test code too (TEST_EXCLUDE)
    force_exclude: bool = False  # excludes apply to files named explicitly too (pre-commit passes every file)
    # (glob, code prefixes): findings in files matching the glob, relative to the pyproject's folder, that these
    # codes are not reported (ruff's per-file-ignores); the files stay in the inventory, unlike exclude
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    source: str = ""  # where the file config came from, for messages
    base: Path | None = None  # the folder of that pyproject.toml

    def excluded_globs(self) -> tuple[str, ...]:
        """The user's exclude globs, plus test code unless it is wanted."""
        return self.exclude if self.include_tests else self.exclude + TEST_EXCLUDE

    def selected(self, code: str) -> bool:
        if self.select and not any(code.startswith(p) for p in self.select):
            return False
        return not any(code.startswith(p) for p in self.ignore)

    def ignored_in(self, code: str, path: Path) -> bool:
        """Whether `per-file-ignores` turns `code` off in the file at `path`: its glob matches the path relative
        to the pyproject's folder (`*` crosses folders, as exclude's does), or, without a `/`, the file's name."""
        if not self.per_file_ignores:
            return False
        try:
            rel = path.resolve().relative_to((self.base or self.root).resolve()).as_posix()
        except ValueError:
            return False  # outside the project: no glob of it names the file
        for glob, codes in self.per_file_ignores:
            matched = fnmatch.fnmatch(rel, glob) or ("/" not in glob and fnmatch.fnmatch(path.name, glob))
            if matched and any(code.startswith(c) for c in codes):
                return True
        return False

    def dialect_for(self, rel: str) -> str:
        for pattern, dialect in self.dialects:
            if fnmatch.fnmatch(rel, pattern):
                return dialect
        return self.dialect

    def datamap_candidates(self) -> list[Path]:
        """Where the data map is looked for, in order: the configured one; else the scanned root's, then
        the one beside the pyproject that configures the run (a monorepo's `backend/`, file mode)."""
        if self.datamap:
            return [self.datamap]
        found = [self.root / "datamap.yaml"]
        if self.base is not None and self.base.resolve() != self.root.resolve():
            found.append(self.base / "datamap.yaml")
        return found

    def datamap_path(self) -> Path:
        candidates = self.datamap_candidates()
        return next((p for p in candidates if p.is_file()), candidates[0])


_KEYS = {
    "datamap": str, "baseline": str, "exclude": list, "select": list, "ignore": list, "fail-on": str,
    "min-confidence": str, "dialect": str, "dialects": dict, "rules": list, "jobs": int, "include-tests": bool,
    "force-exclude": bool, "max-file-bytes": int, "per-file-ignores": dict,
}


def parse_codes(values: Iterable[str], where: str) -> tuple[str, ...]:
    """`--select`/`--ignore` values -> code prefixes. Each value may be a comma-separated list (ruff's
    `--ignore DM1,DM5`) of codes, prefixes of codes (`DM2`) or rule names; anything else is a usage
    error, since a typo would silently turn the gate off."""
    out: list[str] = []
    for value in values:
        for word in (w.strip() for w in value.split(",")):
            if not word:
                continue
            code = rule_code(word)
            if code is None and len(word) >= 2 and any(c.startswith(word.upper()) for c in RULES):
                code = word.upper()  # a prefix: DM, DM2, DM20
            if code is None:
                names = [*RULES, *(r.name for r in RULES.values())]
                close = suggest(word.upper() if word[:2].upper() == "DM" else word.lower(), names)
                raise ConfigError(f"{where}: unknown rule code {word!r}{close or '; see `datamap rules codes`'}")
            out.append(code)
    return tuple(out)


# sqlglot's dialect names (sqlglot.dialects.Dialects), so the usual ones are checked without importing sqlglot
_DIALECTS = frozenset({
    "athena", "bigquery", "clickhouse", "databricks", "doris", "drill", "druid", "duckdb", "hive", "materialize",
    "mysql", "oracle", "postgres", "presto", "prql", "redshift", "risingwave", "snowflake", "spark", "spark2",
    "sqlite", "starrocks", "tableau", "teradata", "trino", "tsql"})


def check_dialect(name: str, where: str) -> None:
    """A configured SQL dialect must be one sqlglot reads (or one of Datamap's aliases, `postgresql`,
    `mssql`...): a typo would otherwise skip every SQL file as a parse error and turn the gate off."""
    from scanner.extract.sql_dialects import ALIASES, normalize

    canonical = normalize(name)
    if canonical in _DIALECTS:
        return
    from sqlglot.dialects.dialect import Dialects  # only for a name outside the usual set: sqlglot is slow to import

    known = {d.value for d in Dialects if d.value}
    if canonical in known:
        return
    close = suggest(name.strip().lower(), sorted(known | set(ALIASES)))
    raise ConfigError(f"{where}: unknown SQL dialect {name!r}{close or '; known: ' + ', '.join(sorted(known))}")


def shown(path: Path) -> str:
    """A path as messages show it: relative to the cwd when under it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


_TOML_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)$|\s*\(at end of document\)$")


def read_toml(path: Path) -> dict[str, Any]:
    """A TOML file, or ConfigError with `file:line: invalid TOML: ...` (tomllib puts the line in its message)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{shown(path)}: cannot read: {exc}") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        at = _TOML_AT.search(message)
        line = int(at.group(1)) if at and at.group(1) else text.count("\n") + (not text.endswith("\n"))
        if at and at.group(2):
            message = message[: at.start()] + f" (column {at.group(2)})"
        elif at:
            message = message[: at.start()] + " (at the end of the file)"
        raise ConfigError(f"{shown(path)}:{max(line, 1)}: invalid TOML: {message}") from None


_BARE = r"[A-Za-z0-9_-]+"
_KEY = rf"""(?:{_BARE}|"(?:[^"\\]|\\.)*"|'[^']*')"""
_DOTTED = re.compile(rf"{_KEY}(?:\s*\.\s*{_KEY})*")
_HEADER = re.compile(rf"^\s*(\[\[?)\s*({_DOTTED.pattern})\s*\]")
_ASSIGN = re.compile(rf"^\s*({_DOTTED.pattern})\s*=")


def _parts(dotted: str) -> tuple[str, ...]:
    """`tool."datamap" . select` -> ("tool", "datamap", "select")."""
    return tuple(p[1:-1] if p[:1] in "\"'" else p for p in re.findall(_KEY, dotted))


def key_line(text: str, key: str) -> int | None:
    """The line where `[tool.datamap]`'s `key` is set in a pyproject's text, for messages (tomllib gives no
    positions): under the `[tool.datamap]` header, as a dotted key (`tool.datamap.key =` under `[tool]` or at the
    top), or as a sub-table header (`[tool.datamap.dialects]`). Lines inside a multi-line string or array are
    skipped; None when not found (the message then names the file only)."""
    table: tuple[str, ...] = ()
    opener = ""  # the quote or bracket a multi-line value opened, until it closes
    depth = 0
    for n, line in enumerate(text.splitlines(), 1):
        if opener:
            if opener in ('"""', "'''"):
                if opener in line:
                    opener = ""
                continue
            depth += line.count("[") - line.count("]")
            if depth <= 0:
                opener = ""
            continue
        header = _HEADER.match(line)
        if header:
            table = _parts(header.group(2)) if header.group(1) == "[" else ("[[",)
            if table[:3] == ("tool", "datamap", key):
                return n
            continue
        assign = _ASSIGN.match(line)
        if not assign:
            continue
        if (*table, *_parts(assign.group(1)))[:3] == ("tool", "datamap", key):
            return n
        value = line[assign.end():].split("#", 1)[0].strip()
        for quotes in ('"""', "'''"):
            if value.startswith(quotes) and value.count(quotes) == 1:
                opener = quotes
        if value.startswith("[") and value.count("[") > value.count("]"):
            opener, depth = "[", value.count("[") - value.count("]")
    return None


def find_pyproject(start: Path) -> Path | None:
    """Nearest pyproject.toml with a [tool.datamap] table, not above the repository.

    The start is resolved first: `Path(".").parents` is empty, so `datamap check .` from a subfolder
    would never see the project's pyproject. A pyproject that is not valid TOML is an error, not
    skipped: its [tool.datamap] might be the one meant, and dropping it silently changes the gate.
    """
    start = start.resolve()
    here = start if start.is_dir() else start.parent
    for directory in (here, *here.parents):
        candidate = directory / "pyproject.toml"
        if candidate.is_file() and "datamap" in read_toml(candidate).get("tool", {}):
            return candidate
        if (directory / ".git").exists():
            break
    return None


_WORDS = {str: "a string", int: "an integer", bool: "true or false", dict: "a table", list: "a list of strings"}


def _check_value(key: str, value: Any, source: str) -> None:
    expected = _KEYS[key]
    if expected is list and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
        raise ConfigError(f"{source}: [tool.datamap] {key} must be a list of strings, got {value!r}")
    if expected is not list and not isinstance(value, expected):
        raise ConfigError(f"{source}: [tool.datamap] {key} must be {_WORDS[expected]}, got {value!r}")
    if key == "per-file-ignores" and not all(isinstance(v, list) and all(isinstance(c, str) for c in v)
                                             for v in value.values()):
        raise ConfigError(f"{source}: [tool.datamap] per-file-ignores maps path globs to lists of rule codes "
                          f"(ruff's form: {{\"tests/*\" = [\"DM101\"]}}), got {value!r}")
    if key == "dialects" and not all(isinstance(v, str) for v in value.values()):
        raise ConfigError(f"{source}: [tool.datamap] dialects maps path globs to dialect names, got {value!r}")
    if key == "dialect":
        check_dialect(value, f"{source}: [tool.datamap] dialect")
    if key == "dialects":
        for glob, name in value.items():
            check_dialect(name, f"{source}: [tool.datamap] dialects {glob!r}")
    if key == "fail-on" and value not in SEVERITIES:
        raise ConfigError(f"{source}: [tool.datamap] fail-on must be one of {', '.join(SEVERITIES)}, got {value!r}")
    if key == "max-file-bytes" and (isinstance(value, bool) or value < 0):
        raise ConfigError(f"{source}: [tool.datamap] max-file-bytes must be 0 (no limit) or more, got {value!r}")
    if key == "jobs" and (isinstance(value, bool) or value < 0):
        raise ConfigError(f"{source}: [tool.datamap] jobs must be 0 (decide by the amount of code) or more, got {value!r}")
    if key == "min-confidence" and value not in CONFIDENCES:
        raise ConfigError(f"{source}: [tool.datamap] min-confidence must be one of {', '.join(CONFIDENCES)}")


def load_config(root: Path, pyproject: Path | None = None, start: Path | None = None) -> Config:
    """Read [tool.datamap]; relative paths in it are relative to that pyproject.

    `start`: where to look for the pyproject from (default: root); in file mode, the files' common folder.
    """
    pyproject = pyproject or find_pyproject(start or root)
    config = Config(root=root)
    if pyproject is None:
        return config
    source = shown(pyproject)
    table = read_toml(pyproject).get("tool", {}).get("datamap", {})
    values: dict[str, Any] = {}
    where: dict[str, str] = {}  # key -> `pyproject.toml:9`, as data-map errors name their line (audit-ci F11)
    text = pyproject.read_text(encoding="utf-8")
    for key, value in table.items():
        line = key_line(text, key)
        where[key] = f"{source}:{line}" if line else source
        if key not in _KEYS:
            raise ConfigError(f"{where[key]}: unknown key {key!r} in [tool.datamap]{suggest(key, _KEYS)}")
        _check_value(key, value, where[key])
        values[key] = value
    base = pyproject.parent
    return replace(
        config,
        base=base,
        datamap=(base / values["datamap"]) if "datamap" in values else None,
        baseline=(base / values["baseline"]) if "baseline" in values else None,
        exclude=tuple(values.get("exclude", ())),
        select=parse_codes(values.get("select", ()), f"{where.get('select')}: [tool.datamap] select"),
        ignore=parse_codes(values.get("ignore", ()), f"{where.get('ignore')}: [tool.datamap] ignore"),
        per_file_ignores=tuple(
            (glob, parse_codes(codes, f"{where['per-file-ignores']}: [tool.datamap] per-file-ignores {glob!r}"))
            for glob, codes in values.get("per-file-ignores", {}).items()),
        fail_on=values.get("fail-on", config.fail_on),
        min_confidence=values.get("min-confidence", config.min_confidence),
        dialect=values.get("dialect", ""),
        dialects=tuple(values.get("dialects", {}).items()),
        rules=tuple(base / p for p in values.get("rules", ())),
        jobs=values.get("jobs", 0),
        max_file_bytes=values.get("max-file-bytes", config.max_file_bytes),
        include_tests=values.get("include-tests", False),
        force_exclude=values.get("force-exclude", False),
        source=source,
    )
