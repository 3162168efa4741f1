"""Dependency manifests: a dependency on a known SDK is (weaker) evidence of sharing.

Each format is parsed with its own parser (tomllib, json, configparser, pip's
line syntax), never by grepping for names, so a comment or a project's own
name is not a dependency. A dependency is a `package` ServiceUse at confidence
`low`: installed is not the same as called. TOML and JSON parsers give no
positions, so the line is found by searching for the name after its table's
header. A malformed manifest is a ParseError, never a traceback.
"""

from __future__ import annotations

import configparser
import json
import re
import tomllib
from collections.abc import Iterable, Iterator
from typing import Any

from scanner.catalogue import Catalogue
from scanner.inventory import FileResult, Location, ParseError, RawField, ServiceUse

# PEP 508: a name starts and ends with a letter or digit; extras, versions, markers or a URL follow
_NAME = re.compile(r"^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?=$|[\[(<>=!~;@\s,])")
_EGG = re.compile(r"[#&]egg=([A-Za-z0-9][A-Za-z0-9._-]*)")
_TOML_LINE = re.compile(r"at line (\d+)")
# Dependencies only development needs (audit9 #7: rasa's Datadog in its dev group raised DM201): a test runner's,
# linter's or docs builder's packages are no processor of the product, as test code is not (TEST_EXCLUDE).
# Groups, extras and requirements files are dev-only when named so; code that uses the service is still reported.
_DEV_WORDS = frozenset({"dev", "devel", "develop", "development", "test", "tests", "testing", "lint", "linting",
                        "linters", "docs", "doc", "documentation", "typing", "types", "mypy", "style", "qa", "ci",
                        "bench", "benchmark", "benchmarks", "tox", "pre-commit"})


def _dev(name: str) -> bool:
    """`dev`, `test-extras`, `requirements-dev`, `dev_requirements`: a name whose words include a dev word."""
    return any(word in _DEV_WORDS for word in re.split(r"[-_.\s/]+", name.lower()))


class ManifestError(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


def normalise(name: str) -> str:
    """PEP 503: `Sentry_SDK`, `sentry.sdk` and `sentry-sdk` are one project."""
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_name(spec: str) -> str | None:
    """`stripe[async]>=7; python_version>'3.8'` -> stripe; None for anything that is not a requirement."""
    match = _NAME.match(spec)
    return match.group(1) if match else None


# -- locating a name in the text --------------------------------------------------------------------
class _Lines:
    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()

    def header(self, *names: str) -> int:
        """0-based index of the first `[name]` (or `[[name]]`) table header, or 0."""
        for name in names:
            pattern = re.compile(r"^\s*\[\[?\s*" + re.escape(name) + r"\s*\]\]?\s*(?:#.*)?$")
            for i, line in enumerate(self.lines):
                if pattern.match(line):
                    return i
        return 0

    def find(self, name: str, start: int = 0, key: str = "") -> int:
        """1-based line of `name` as a quoted string or a key, at or after `start`."""
        spelled = r"[-_.]+".join(re.escape(p) for p in re.split(r"[-_.]+", name))
        if key:  # poetry.lock / uv.lock: `name = "stripe"`
            pattern = re.compile(r"^\s*" + key + r"\s*=\s*[\"']" + spelled + r"[\"']", re.IGNORECASE)
        else:
            pattern = re.compile(r"(?:^|[\"'\s,\[{])\"?" + spelled + r"(?=$|[\"'\s\[(<>=!~;@,:])", re.IGNORECASE)
        for i in range(start, len(self.lines)):
            line = self.lines[i]
            if not line.lstrip().startswith("#") and pattern.search(line):
                return i + 1
        return start + 1


# -- formats: each yields (name, 1-based line, evidence) ------------------------------------------------
Dep = tuple[str, int, str]


def _requirements(text: str, errors: list[ParseError], path: str) -> Iterator[Dep]:
    logical: list[tuple[int, str]] = []
    pending, first = "", 0
    for number, raw in enumerate(text.splitlines(), 1):
        if not pending:
            first = number
        line = raw.rstrip()
        if line.endswith("\\"):  # pip joins continuation lines
            pending += line[:-1] + " "
            continue
        logical.append((first, pending + line))
        pending = ""
    if pending:
        logical.append((first, pending))
    for number, line in logical:
        line = re.sub(r"(^|\s)#.*$", "", line).strip()
        if not line:
            continue
        if line.startswith("-"):  # -r other.txt, --hash, -i URL, -e VCS URL#egg=name
            egg = _EGG.search(line)
            if egg and line.startswith(("-e", "--editable")):
                yield egg.group(1), number, line
            continue
        if "://" in line.split("@")[0] or line.startswith((".", "/", "file:")):  # a bare URL or path
            egg = _EGG.search(line)
            if egg:
                yield egg.group(1), number, line
            continue
        name = requirement_name(line)
        if name is None:
            errors.append(ParseError(Location(path, number), f"not a requirement: {line[:80]!r}"))
            continue
        yield name, number, line


def _strings(value: object, where: str) -> list[str]:
    if not isinstance(value, list):
        raise ManifestError(0, f"{where}: expected a list of requirement strings")
    return [v for v in value if isinstance(v, str)]  # PEP 735 {include-group = ...} tables are skipped


def _table(value: object, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ManifestError(0, f"{where}: expected a table")
    return value


def _pyproject(data: dict[str, Any], at: _Lines) -> Iterator[Dep]:
    project = _table(data.get("project", {}), "[project]")
    if "dependencies" in project:
        start = at.header("project")
        for spec in _strings(project["dependencies"], "project.dependencies"):
            if name := requirement_name(spec):
                yield name, at.find(name, start), spec
    for group, specs in _table(project.get("optional-dependencies", {}), "project.optional-dependencies").items():
        if _dev(group):
            continue
        start = at.header("project.optional-dependencies")
        for spec in _strings(specs, f"project.optional-dependencies.{group}"):
            if name := requirement_name(spec):
                yield name, at.find(name, start), spec
    for group, specs in _table(data.get("dependency-groups", {}), "[dependency-groups]").items():
        if _dev(group):
            continue
        start = at.header("dependency-groups")
        for spec in _strings(specs, f"dependency-groups.{group}"):
            if name := requirement_name(spec):
                yield name, at.find(name, start), spec
    tool = _table(data.get("tool", {}), "[tool]")
    poetry = _table(tool.get("poetry", {}), "[tool.poetry]")
    tables = [("tool.poetry.dependencies", poetry.get("dependencies", {}))]  # not `dev-dependencies`
    for group, body in _table(poetry.get("group", {}), "[tool.poetry.group]").items():
        if _dev(group):
            continue
        tables.append((f"tool.poetry.group.{group}.dependencies", _table(body, f"tool.poetry.group.{group}").get("dependencies", {})))
    for header, table in tables:
        start = at.header(header)
        for name, spec in _table(table, f"[{header}]").items():
            if name.lower() != "python":
                yield name, at.find(name, start), f"{name} = {json.dumps(spec)}"
    _table(tool.get("pdm", {}), "[tool.pdm]")  # its dev-dependencies are development's only


def _pipfile(data: dict[str, Any], at: _Lines) -> Iterator[Dep]:
    for section in ("packages",):  # not `dev-packages`
        start = at.header(section)
        for name, spec in _table(data.get(section, {}), f"[{section}]").items():
            yield name, at.find(name, start), f"{name} = {json.dumps(spec)}"


def _shipped(packages: list[Any]) -> set[str] | None:
    """uv.lock: the packages the project's own entries (`source = { editable = "." }`, `virtual`, workspace members)
    bring in through their dependencies and extras, not through `[package.dev-dependencies]` (audit16 #05: a dev
    group's sentry-sdk is no third party of the product); None when the lock names no project of its own."""
    tables = [p for p in packages if isinstance(p, dict) and isinstance(p.get("name"), str)]
    by_name = {normalise(p["name"]): p for p in tables}
    roots = [normalise(p["name"]) for p in tables
             if isinstance(p.get("source"), dict) and ("editable" in p["source"] or "virtual" in p["source"])]
    if not roots:
        return None
    reached, todo = set(roots), list(roots)
    while todo:
        package = by_name.get(todo.pop(), {})
        extras = package.get("optional-dependencies", {})
        needs = list(package.get("dependencies", []) if isinstance(package.get("dependencies"), list) else [])
        for group, listed in (extras.items() if isinstance(extras, dict) else ()):
            if not _dev(group) and isinstance(listed, list):
                needs += listed
        for need in needs:
            name = need.get("name") if isinstance(need, dict) else None
            if isinstance(name, str) and normalise(name) not in reached:
                reached.add(normalise(name))
                todo.append(normalise(name))
    return reached


def _lock(data: dict[str, Any], at: _Lines) -> Iterator[Dep]:
    """poetry.lock, uv.lock, pdm.lock: `[[package]]` tables, the direct and the transitive (of a uv.lock, those the
    project ships: `_shipped`)."""
    packages = data.get("package", [])
    if not isinstance(packages, list):
        raise ManifestError(0, "package: expected an array of tables")
    shipped = _shipped(packages)
    line = 0
    for package in packages:
        name = package.get("name") if isinstance(package, dict) else None
        if isinstance(name, str) and shipped is not None and normalise(name) not in shipped:
            continue  # only development needs it
        if isinstance(name, str) and package.get("category") != "dev":  # poetry.lock 1.x marks dev-only packages
            line = at.find(name, line, key="name")
            version = package.get("version", "")
            yield name, line, f'name = "{name}"' + (f' version = "{version}"' if version else "")


def _pipfile_lock(data: object, at: _Lines) -> Iterator[Dep]:
    if not isinstance(data, dict):
        raise ManifestError(1, "expected a JSON object")
    for section in ("default",):  # not `develop`
        start = at.find(section, 0) - 1
        for name, spec in _table(data.get(section, {}), section).items():
            version = spec.get("version", "") if isinstance(spec, dict) else ""
            yield name, at.find(name, start), f'"{name}": {version}'.rstrip(": ")


def _setup_cfg(text: str, at: _Lines) -> Iterator[Dep]:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        parser.read_string(text)
    except configparser.ParsingError as exc:  # every bad line, with its number
        line, text = exc.errors[0] if exc.errors else (1, "")
        raise ManifestError(line, f"setup.cfg: cannot parse line {text.strip()!r}") from exc
    except configparser.Error as exc:
        raise ManifestError(getattr(exc, "lineno", 1) or 1, f"setup.cfg: {exc.message}") from exc
    sections: list[tuple[str, Iterable[str]]] = []
    if parser.has_option("options", "install_requires"):
        sections.append(("options", [parser.get("options", "install_requires")]))
    if parser.has_section("options.extras_require"):
        sections.append(("options.extras_require",
                         [v for k, v in parser.items("options.extras_require") if not _dev(k)]))
    for section, values in sections:
        start = at.header(section)
        for value in values:
            for spec in value.replace(";", "\n;").splitlines():  # `a; marker` stays whole below
                spec = spec.strip()
                if spec and not spec.startswith(("#", ";")) and (name := requirement_name(spec)):
                    yield name, at.find(name, start), spec


def _parse(text: str, path: str, errors: list[ParseError]) -> Iterator[Dep]:
    name = path.rsplit("/", 1)[-1]
    at = _Lines(text)
    if name.endswith(".txt"):
        if not _dev(path.rsplit(".", 1)[0]):  # requirements-dev.txt, requirements/test.txt
            yield from _requirements(text, errors, path)
    elif name == "setup.cfg":
        yield from _setup_cfg(text, at)
    elif name == "Pipfile.lock":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ManifestError(exc.lineno, f"Pipfile.lock: invalid JSON: {exc.msg}") from exc
        yield from _pipfile_lock(data, at)
    else:
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            line = _TOML_LINE.search(str(exc))
            raise ManifestError(int(line.group(1)) if line else 1, f"{name}: invalid TOML: {exc}") from exc
        if name == "pyproject.toml":
            yield from _pyproject(data, at)
        elif name == "Pipfile":
            yield from _pipfile(data, at)
        else:
            yield from _lock(data, at)


def extract_manifest(text: str, path: str, catalogue: Catalogue) -> tuple[FileResult, list[RawField]]:
    result = FileResult(path, lines=text.count("\n") + 1)
    index = {normalise(package): sid for package, sid in catalogue.packages.items()}
    seen: set[tuple[str, int]] = set()
    try:
        for name, line, evidence in _parse(text, path, result.errors):
            service = index.get(normalise(name))
            if service is not None and (service, line) not in seen:
                seen.add((service, line))
                result.services.append(ServiceUse(service, "package", " ".join(evidence.split())[:160],
                                                  Location(path, line), "low"))
    except ManifestError as exc:
        result.errors.append(ParseError(Location(path, max(exc.line, 1)), str(exc)))
    return result, []
