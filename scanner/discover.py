"""Which files to scan: a gitignore-aware walk, or the explicit list pre-commit passes."""

from __future__ import annotations

import fnmatch
import os
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from scanner.config import DEFAULT_EXCLUDE, TEST_EXCLUDE

KINDS = {".py": "python", ".sql": "sql", ".html": "template", ".htm": "template", ".jinja": "template",
         ".jinja2": "template", ".j2": "template", ".js": "template"}
# dependency manifests: a dependency on an SDK is evidence of sharing
MANIFESTS = ("requirements*.txt", "requirements/*.txt", "pyproject.toml", "Pipfile", "Pipfile.lock",
             "poetry.lock", "setup.cfg", "uv.lock", "pdm.lock")


# SQL under other names, with the dialect the name states ("": none): `.pgsql`, `.ddl`, and
# `<name>.sql.<dialect>`, as synapse ships its schema in `full.sql.postgres` / `full.sql.sqlite` pairs
SQL_SUFFIXES = {".pgsql": "postgres", ".psql": "postgres", ".mysql": "mysql", ".tsql": "tsql", ".plsql": "oracle",
                ".ddl": ""}
_SQL_DIALECT_NAME = re.compile(
    r"\.sql\.(postgres|postgresql|pg|sqlite|sqlite3|mysql|mariadb|mssql|tsql|oracle|snowflake|bigquery|duckdb)$",
    re.IGNORECASE)


# a Jinja template of a file keeps the file's own name before it: `schema.sql.j2` is SQL, `page.html.j2` a page
_TEMPLATE_SUFFIX = re.compile(r"\.(?:j2|jinja2?)$", re.IGNORECASE)


def template_of(rel: str) -> tuple[str, str]:
    """(the name under the template suffix, the suffix): `schema.sql.j2` -> ("schema.sql", ".j2")."""
    name = rel.rsplit("/", 1)[-1]
    m = _TEMPLATE_SUFFIX.search(name)
    return (name[: m.start()], m.group(0)) if m else (name, "")


def sql_dialect_of(rel: str) -> tuple[str, str]:
    """The dialect a SQL file's name states, and the part of the name that states it (("", "") when none)."""
    name, templated = template_of(rel)
    m = _SQL_DIALECT_NAME.search(name)
    if m:
        return m.group(1).lower(), m.group(0) + templated
    suffix = Path(name).suffix.lower()
    return (SQL_SUFFIXES[suffix], suffix + templated) if SQL_SUFFIXES.get(suffix) else ("", "")


def _is_sql(name: str) -> bool:
    suffix = Path(name).suffix.lower()
    return suffix == ".sql" or suffix in SQL_SUFFIXES or bool(_SQL_DIALECT_NAME.search(name))


def kind_of(rel: str) -> str | None:
    name = rel.rsplit("/", 1)[-1]
    if any(fnmatch.fnmatch(name, m) or fnmatch.fnmatch(rel, m) or fnmatch.fnmatch(rel, "*/" + m) for m in MANIFESTS):
        return "manifest"
    if _is_sql(template_of(name)[0]):  # `full.sql.postgres`, `schema.pgsql`, and their templates `x.sql.j2`
        return "sql"
    return KINDS.get(Path(name).suffix.lower())


# A front-end script that is a built or vendored bundle (jQuery, pdf.js, a webpack chunk) holds the library's
# URLs, not the project's, and costs more to read than the project's own code. Such files are skipped and the
# skip is reported with its reason (Inventory.skipped), never silently.
_MINIFIED_NAME = re.compile(r"[.-]min(?:\.[0-9a-f]{8,32})?\.js$", re.IGNORECASE)
_HASHED_NAME = re.compile(r"\.[0-9a-f]{8,32}\.js$")  # collectstatic's manifest copies, webpack chunks
_LIBRARY_BYTES = 256 * 1024  # hand-written app scripts are far smaller; vue.js is 330 KB, pdf.js 1 MB
_MINIFIED_LINE = 2000


def skip_by_name(rel: str) -> str:
    """Why a script is not read, judged by its name alone ("" = read it)."""
    name = rel.rsplit("/", 1)[-1]
    if not name.lower().endswith(".js"):
        return ""
    if _MINIFIED_NAME.search(name):
        return "minified script"
    if _HASHED_NAME.search(name):
        return "build output (content-hashed name)"
    return ""


def skip_by_text(rel: str, text: str) -> str:
    """Why a script is not read, judged by its text ("" = read it)."""
    if not rel.lower().endswith(".js"):
        return ""
    if len(text) > _LIBRARY_BYTES:
        return f"bundled library ({len(text) // 1024} KB)"
    longest = max((len(line) for line in text.splitlines()), default=0)
    if longest > _MINIFIED_LINE:
        return f"minified script (a line of {longest:,} characters)"
    return ""


@dataclass(frozen=True, order=True)
class Source:
    rel: str  # POSIX path relative to the scan root: what every report shows
    path: Path
    kind: str
    module: str = field(default="", compare=False)  # a Python file's import name ("" = `rel` as a dotted path)


def _excluded(rel: str, patterns: tuple[str, ...]) -> bool:
    parts = rel.split("/")
    for pattern in patterns:
        pattern = pattern.rstrip("/")
        if fnmatch.fnmatch(rel, pattern) or any(fnmatch.fnmatch(p, pattern) for p in parts[:-1]):
            return True
        if fnmatch.fnmatch(parts[-1], pattern) or rel.startswith(pattern + "/"):
            return True
    return False


_TEST_FILE_NAMES = tuple(p for p in TEST_EXCLUDE if p.endswith(".py"))
_REVISION = re.compile(r"^revision\s*(?::[^=\n]*)?=\s*['\"]", re.MULTILINE)


def _revision_named_like_a_test(root: Path, rel: str, patterns: tuple[str, ...]) -> bool:
    """An Alembic revision whose file name only reads as a test's (`530fb8533ca4_test.py` in `versions/`, with
    `revision = "..."`): a link of the migration chain, which breaks without it."""
    parts = rel.split("/")
    if len(parts) < 2 or parts[-2] != "versions" or not rel.endswith(".py"):
        return False
    if _excluded(rel, tuple(p for p in patterns if p not in _TEST_FILE_NAMES)):
        return False  # excluded by a folder or by the user's own pattern
    try:
        with open(root / rel, encoding="utf-8", errors="replace") as f:
            head = f.read(20000)
    except OSError:
        return False
    return bool(_REVISION.search(head))


def _git_files(root: Path) -> list[str] | None:
    """Tracked and untracked-but-not-ignored files, if root is inside a git work tree and not ignored by it.

    A root that git ignores (a checkout under an ignored `build/`, a package in an ignored virtualenv) is
    walked instead: git would list nothing under it, and the user named it on purpose."""
    try:
        if subprocess.run(["git", "-C", str(root), "check-ignore", "-q", "."], capture_output=True,
                          timeout=60).returncode == 0:
            return None
        out = subprocess.run(
            ["git", "-C", str(root), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            capture_output=True, check=True, timeout=60,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return [p for p in out.decode("utf-8", "surrogateescape").split("\0") if p]


def _walk(root: Path) -> list[str]:
    """Without git: honour every .gitignore on the way down, as git would."""
    import pathspec  # only needed outside git work trees

    found: list[str] = []
    specs: list[tuple[str, pathspec.GitIgnoreSpec]] = []
    for directory, dirnames, filenames in os.walk(root):
        rel_dir = Path(directory).relative_to(root).as_posix()
        rel_dir = "" if rel_dir == "." else rel_dir
        ignore_file = Path(directory) / ".gitignore"
        if ignore_file.is_file():
            lines = ignore_file.read_text(encoding="utf-8", errors="replace").splitlines()
            specs.append((rel_dir, pathspec.GitIgnoreSpec.from_lines(lines)))

        def ignored(rel: str, is_dir: bool) -> bool:
            for base, spec in specs:
                if base and not rel.startswith(base + "/"):
                    continue
                sub = rel[len(base) + 1 :] if base else rel
                if spec.match_file(sub + ("/" if is_dir else "")):
                    return True
            return False

        kept = []
        for d in sorted(dirnames):
            rel = f"{rel_dir}/{d}" if rel_dir else d
            if d not in DEFAULT_EXCLUDE and not ignored(rel, True):
                kept.append(d)
        dirnames[:] = kept
        for f in sorted(filenames):
            rel = f"{rel_dir}/{f}" if rel_dir else f
            if not ignored(rel, False):
                found.append(rel)
    return found


def _matching(rel: str, patterns: tuple[str, ...]) -> str:
    """The first pattern that excludes `rel` ("" = none)."""
    return next((p for p in patterns if _excluded(rel, (p,))), "")


@dataclass
class Discovery:
    """The sources found, and what was left out, so that a run that finds nothing can say why."""

    sources: list[Source] = field(default_factory=list)
    named: list[str] = field(default_factory=list)  # the paths the user gave, as given
    listed: int = 0  # files seen under them (after .gitignore)
    other_kinds: int = 0  # of those, files of no kind Datamap reads
    excluded: dict[str, int] = field(default_factory=dict)  # exclude pattern -> files of a read kind it left out

    def why_empty(self, user: tuple[str, ...] = ()) -> str:
        """Why no file is scanned: which paths, and what left their files out."""
        where = ", ".join(self.named) or "."
        if not self.listed:
            return f"no files under {where} (after .gitignore)"
        reasons = []
        if self.other_kinds:
            reasons.append(f"{self.other_kinds:,} of no kind Datamap reads (Python, SQL, templates and scripts, "
                           "dependency manifests)")
        for pattern, n in sorted(self.excluded.items(), key=lambda kv: (-kv[1], kv[0])):
            reasons.append(f"{n:,} excluded by {pattern!r} ({_origin(pattern, user)})")
        files = "the file" if self.listed == 1 else f"{self.listed:,} files"
        return f"no files to scan under {where}: of {files}, " + "; ".join(reasons)


def _origin(pattern: str, user: tuple[str, ...]) -> str:
    if pattern in user:
        return "your exclude"
    if pattern in TEST_EXCLUDE:
        return "test code; --include-tests scans it"
    if pattern in DEFAULT_EXCLUDE:
        return "a default exclude"
    return "an exclude"


def discover(root: Path, exclude: tuple[str, ...], files: list[Path] | None = None) -> list[Source]:
    """Sources under root (or the given files), sorted, with their kind."""
    return find_sources(root, exclude, files).sources


def find_sources(root: Path, exclude: tuple[str, ...], files: list[Path] | None = None,
                 folders: tuple[Path, ...] = (), force_exclude: bool = False) -> Discovery:
    """The sources a run scans, as ruff picks the files it lints.

    Without `files`, everything under `root`. With them (pre-commit's list, or several paths), those files and
    everything under `folders`, each named relative to `root`. Excludes are matched below the directory the
    user named, never against the folders above it: a project checked out under some `build/`, or a package
    in a virtualenv's `site-packages/`, is scanned. A file named explicitly is scanned even if an exclude
    matches it, unless `force_exclude` (pre-commit passes every changed file, excluded or not).
    """
    patterns = DEFAULT_EXCLUDE + exclude
    found = Discovery(named=[f.as_posix() for f in (*folders, *(files or ()))] if files is not None else
                      [root.as_posix()])
    # (path relative to root, path the excludes are matched on (None: named explicitly), base of the latter)
    candidates: list[tuple[str, str | None, Path]] = []
    if files is None:
        candidates = [(rel, rel, root) for rel in _listing(root)]
    else:
        for folder in folders:
            prefix = _relative(folder, root)
            candidates += [(f"{prefix}/{rel}" if prefix != "." else rel, rel, folder) for rel in _listing(folder)]
        for f in files:
            rel = _relative(f, root)
            outside = rel.startswith("/") or rel.startswith("../")
            candidates.append((rel, None if not force_exclude else rel.rsplit("/", 1)[-1] if outside else rel, root))
    found.listed = len({c[0] for c in candidates})
    prefix = package_prefix(root)
    for rel, matched, base in sorted(set(candidates)):
        kind = kind_of(rel)
        if kind is None:
            found.other_kinds += 1
            continue
        if matched is not None and _excluded(matched, patterns) and not _revision_named_like_a_test(base, matched, patterns):
            pattern = _matching(matched, patterns)
            found.excluded[pattern] = found.excluded.get(pattern, 0) + 1
            continue
        path = root / rel
        if path.is_file():
            found.sources.append(Source(rel, path, kind, _module(prefix, rel) if prefix and kind == "python" else ""))
    return found


def _listing(root: Path) -> list[str]:
    tracked = _git_files(root)
    return tracked if tracked is not None else _walk(root)


def _relative(path: Path, root: Path) -> str:
    """`path` relative to root, as reports name it; its own path when it lies elsewhere."""
    absolute = path if path.is_absolute() else Path.cwd() / path
    try:
        return absolute.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def package_prefix(root: Path) -> str:
    """The import name of the scan root when it is itself a package (`datamap scan flaskbb/`): its chain of
    package directories, those holding an `__init__.py`. Files below are named from it (`email.py` is
    `flaskbb.email`), so the project's absolute imports of itself resolve."""
    parts: list[str] = []
    directory = root.resolve()
    while (directory / "__init__.py").is_file() and len(parts) < 32:
        parts.insert(0, directory.name)
        directory = directory.parent
    return ".".join(parts)


def _module(prefix: str, rel: str) -> str:
    parts = rel[:-3].split("/") if rel.endswith(".py") else rel.split("/")
    if parts and parts[-1] == "__init__":
        parts.pop()
    return ".".join([prefix, *parts])


_PROJECT_MARKERS = ("pyproject.toml", "setup.py", "setup.cfg", "manage.py", ".git")


def own_packages(root: Path, sources: list[Source]) -> frozenset[str]:
    """The top-level import names the scanned project defines itself: `import paypal` in django-oscar-paypal's
    own setup.py is its `paypal/` package, not PayPal's SDK. Taken from the sources, and, when the root is a
    project (a pre-commit run passes a few files), from its top-level packages and modules too."""
    names = {(s.module or _module("", s.rel).lstrip(".")).partition(".")[0] for s in sources if s.kind == "python"}
    if any((root / marker).exists() for marker in _PROJECT_MARKERS):
        for base in (root, root / "src"):
            try:
                entries = list(base.iterdir())
            except OSError:
                continue
            names.update(e.name for e in entries if e.is_dir() and (e / "__init__.py").is_file())
            names.update(e.stem for e in entries if e.suffix == ".py" and e.is_file())
    names.discard("")
    return frozenset(n for n in names if n.isidentifier())
