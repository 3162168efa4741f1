"""Command line: wires discover -> scan -> check -> format. Nothing imports this module.

Heavy imports (libcst, sqlglot, rich) happen inside the commands, so
`datamap --help` and a pre-commit run on zero relevant files stay fast.
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from scanner import __version__
from scanner.formats import FORMATS
from scanner.report import REPORT_FORMATS

if TYPE_CHECKING:
    from scanner.baseline import Baseline
    from scanner.config import Config
    from scanner.findings import Finding
    from scanner.inventory import Inventory
    from scanner.result import Result
    from scanner.ruleset import RuleSet

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2  # usage, configuration or data-map error


class UsageError(Exception):
    pass


def _count(text: str) -> int:
    """A non-negative integer (argparse turns the ValueError into a usage error, exit 2)."""
    value = int(text)
    if value < 0:
        raise ValueError(text)
    return value


_count.__name__ = "non-negative integer"  # argparse: "invalid non-negative integer value: '-3'"


def _common(parser: argparse.ArgumentParser, output: bool = True, formats: tuple[str, ...] = FORMATS) -> None:
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                        help="a directory to scan (default: .), or files to scan (as pre-commit passes them)")
    if output:
        parser.add_argument("--format", choices=formats,
                            help=f"output format (default: by the -o file's suffix, else {formats[0]})")
        parser.add_argument("-o", "--output", type=Path, help="write the output to this file instead of stdout")
        parser.set_defaults(format_choices=formats)
    parser.add_argument("--config", type=Path, help="pyproject.toml to read [tool.datamap] from")
    parser.add_argument("--exclude", action="append", default=[], metavar="GLOB", help="also skip paths matching GLOB")
    parser.add_argument("--dialect", help="SQL dialect (postgres, mysql, sqlite, tsql, ...); default: guessed per file")
    parser.add_argument("--jobs", type=_count, help="worker processes (default: by amount of code)")
    parser.add_argument("--include-tests", action="store_true",
                        help="also scan test code (tests/, test_*.py, conftest.py; skipped by default)")
    parser.add_argument("--force-exclude", action="store_true",
                        help="apply the excludes to files named on the command line too (the pre-commit hooks "
                             "pass it: pre-commit names every changed file)")


# `-o report.json` without --format: the file's suffix says what the user wants, as it does for pandoc; a
# suffix no format owns keeps the command's default
_SUFFIX_FORMATS = {".json": "json", ".sarif": "sarif", ".html": "html", ".htm": "html", ".md": "markdown",
                   ".markdown": "markdown", ".csv": "csv"}


def _format(args: argparse.Namespace) -> None:
    if getattr(args, "format_choices", None) is None or args.format is not None:
        return
    choices: tuple[str, ...] = args.format_choices
    by_suffix = _SUFFIX_FORMATS.get(args.output.suffix.lower()) if args.output is not None else None
    args.format = by_suffix if by_suffix in choices else choices[0]


DEFAULT_BASELINE = ".datamap-baseline.json"
# commands whose output speaks for the whole project, so that pre-commit's list of changed files makes no sense
_WHOLE_PROJECT = {"baseline": "a baseline records", "report": "a report covers", "init": "a data map covers"}


def _checking(parser: argparse.ArgumentParser) -> None:
    """What `check` and `baseline` share: which data map, which codes."""
    parser.add_argument("--datamap", type=Path, help="the data map (default: PATH/datamap.yaml)")
    parser.add_argument("--select", action="append", default=[], metavar="CODE",
                        help="report only these codes, prefixes or rule names (DM1, DM201, stale-recipient); "
                             "repeatable or comma-separated")
    parser.add_argument("--ignore", action="append", default=[], metavar="CODE",
                        help="never report these codes, prefixes or rule names; repeatable or comma-separated")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="datamap", description="Privacy data-inventory scanner and compliance linter.")
    parser.add_argument("--version", action="version", version=f"datamap {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    scan = sub.add_parser("scan", help="build and print the data inventory")
    _common(scan)

    check = sub.add_parser("check", help="compare the inventory with the data map; exit 1 on findings")
    _common(check)
    _checking(check)
    check.add_argument("--baseline", type=Path, metavar="FILE",
                       help="report only findings this baseline (`datamap baseline`, or a `--format json` report "
                            "of check) does not hold")
    check.add_argument("--fail-on", choices=("info", "warning", "error"),
                       help="lowest severity that fails the run (default: warning)")
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")

    baseline = sub.add_parser("baseline", help="record the current findings, so that check reports only new ones")
    _common(baseline, output=False)
    baseline.add_argument("-o", "--output", type=Path,
                          help=f"the baseline file (default: `baseline =` in [tool.datamap], else PATH/{DEFAULT_BASELINE})")
    _checking(baseline)

    report = sub.add_parser("report", help="write the data-map report for privacy officers (HTML, Markdown, CSV, JSON)")
    _common(report, formats=REPORT_FORMATS)
    report.add_argument("--datamap", type=Path,
                        help="the data map (default: PATH/datamap.yaml; without one, the report lists the inventory)")
    report.add_argument("--max-length", type=_count, metavar="CHARS",
                        help="markdown only: shorten the report to at most CHARS characters, saying what was left "
                             "out (a GitHub comment takes 65536)")

    init = sub.add_parser("init", help="draft a first data map (datamap.yaml) from what the code collects and shares")
    _common(init, output=False)
    init.add_argument("-o", "--output", type=Path,
                      help="where to write it (default: `datamap =` in [tool.datamap], else PATH/datamap.yaml; "
                           "- for stdout)")
    init.add_argument("--force", action="store_true", help="overwrite an existing file")

    rules = sub.add_parser("rules", help="list the data categories, services and rule codes Datamap knows")
    rules.add_argument("what", nargs="?", choices=("codes", "categories", "services", "uses", "recipients", "fields"),
                       help="one list only (default: codes, categories and recipient categories)")

    explain = sub.add_parser("explain", help="show how a field name is classified")
    explain.add_argument("name")
    explain.add_argument("--container", default="", help="model or table the field belongs to")
    explain.add_argument("--type", default="", help="field class or SQL type")
    explain.add_argument("--neighbours", default="", metavar="NAMES",
                         help="the container's other fields, comma-separated: they decide a row, as in a scan")
    explain.add_argument("--config", type=Path, help="pyproject.toml whose [tool.datamap] rules to use")
    return parser


def _config(args: argparse.Namespace, root: Path, start: Path | None = None) -> Config:
    from scanner.config import check_dialect, load_config, parse_codes

    config = load_config(root, args.config, start)
    changes: dict[str, object] = {"exclude": config.exclude + tuple(args.exclude)}
    if args.dialect:
        check_dialect(args.dialect, "--dialect")
        changes["dialect"] = args.dialect
    if args.jobs:
        changes["jobs"] = args.jobs
    if getattr(args, "include_tests", False):
        changes["include_tests"] = True
    if getattr(args, "force_exclude", False):
        changes["force_exclude"] = True
    if getattr(args, "datamap", None):
        changes["datamap"] = args.datamap
    if getattr(args, "baseline", None):
        changes["baseline"] = args.baseline
    if getattr(args, "select", None):
        changes["select"] = parse_codes(args.select, "--select")
    if getattr(args, "ignore", None):
        changes["ignore"] = config.ignore + parse_codes(args.ignore, "--ignore")
    if getattr(args, "fail_on", None):
        changes["fail_on"] = args.fail_on
    return replace(config, **changes)  # type: ignore[arg-type]


def _targets(paths: list[Path]) -> tuple[Path, list[Path] | None, tuple[Path, ...], Path]:
    """One directory: scan it whole. Files (pre-commit), or several paths: scan those files and what is under
    those folders, rooted at the cwd.

    The last value is where configuration is looked for: the directory, or the paths' common
    folder, so that `datamap check backend/app/a.py` reads backend/pyproject.toml (as ruff does).
    """
    for p in paths:
        if not p.exists():
            raise UsageError(f"no such file or directory: {p}")
    if not paths:
        return Path("."), None, (), Path(".")
    if len(paths) == 1 and paths[0].is_dir():
        return paths[0], None, (), paths[0]
    files = [p for p in paths if not p.is_dir()]
    folders = tuple(p for p in paths if p.is_dir())
    common = [str(p.resolve() if p.is_dir() else p.resolve().parent) for p in paths]
    return Path("."), files, folders, Path(os.path.commonpath(common))


def _run(args: argparse.Namespace) -> int:
    from scanner.discover import find_sources

    root, files, folders, start = _targets(args.paths)
    if files is not None and len(files) > 1 and not folders and args.config is None and not getattr(args, "datamap", None):
        projects = _by_project(files)
        if len(projects) > 1:
            return _run_per_project(args, projects)
    config = _config(args, root, start)
    if files is not None and args.command in _WHOLE_PROJECT:
        raise UsageError(f"{_WHOLE_PROJECT[args.command]} a whole project: give one directory, not files")
    if getattr(args, "max_length", None) is not None:
        from scanner.report.markdown import MIN_LENGTH

        if args.format != "markdown":
            raise UsageError("--max-length shortens the markdown report: pass --format markdown")
        if args.max_length < MIN_LENGTH:
            raise UsageError(f"--max-length must leave room for the summary: {MIN_LENGTH:,} characters or more")
    if args.command == "init":
        draft = args.output or config.datamap or root / "datamap.yaml"
        if str(draft) != "-" and draft.exists() and not args.force:
            raise UsageError(f"{draft} exists: edit it, or pass --force to replace it with a new draft")
    found = None
    if files is not None and not folders and args.command == "check":
        if _changes_the_whole(files, config, root):
            files = None  # the data map or a project rule file changed: every file is affected
        elif args.output is None and args.format in ("console", "github"):
            # a commit with nothing to scan (a workflow YAML, a README) returns before the rule set, the data map
            # and the checks are loaded: the pre-commit hook then costs about Python's start-up. The formats that
            # write a document (JSON, SARIF, -o) still write their empty one below.
            found = find_sources(root, config.excluded_globs(), files, folders, config.force_exclude)
            if not found.sources:
                _nothing_to_scan(found.why_empty(config.exclude), whole=False)
                return EXIT_CLEAN

    known = _baseline(config.baseline) if args.command == "check" and config.baseline is not None else None

    from scanner.checks import CheckContext, run_checks
    from scanner.findings import SEVERITY_RANK
    from scanner.formats import formatter
    from scanner.result import Result, from_cwd, repository_root
    from scanner.ruleset import load_ruleset, user_rule_files
    from scanner.scan import scan

    user_files = user_rule_files(root, config.rules)
    rules = load_ruleset(user_files)

    datamap = None
    if args.command in ("check", "baseline", "report"):
        from scanner.datamap import load_datamap

        path = config.datamap_path()
        display = _display(path, root)
        head = _head_datamap(args, config, root) if args.command == "baseline" and not path.is_file() else None
        if head is not None:
            path, display = head, _display(head, Path("."))  # named as the head's check names it
            sys.stderr.write(f"datamap: note: {_display(root, Path('.'))} has no data map (a change that adopts "
                             f"Datamap?): its findings are recorded against {display}, the current directory's; "
                             "pass --datamap to choose another\n")
        if not path.is_file():
            # a report without a data map still lists the inventory, unless the user named one that is not there
            if args.command != "report" or config.datamap is not None:
                raise UsageError(_no_datamap(config, args))
        else:
            datamap = load_datamap(path, rules.taxonomy, rules.catalogue, display)
            # messages name it as the console names files: from where the command runs (audit14 #15)
            datamap = replace(datamap, name=from_cwd(path.resolve()))

    if found is None or files is None:
        found = find_sources(root, config.excluded_globs(), files, folders, config.force_exclude)
    sources = found.sources
    if not sources:
        _nothing_to_scan(found.why_empty(config.exclude), whole=files is None or bool(folders))
    inventory = scan(sources, rules, config, user_files)
    if args.command == "init":
        return _write_draft(inventory, rules, config, root, draft)
    ctx = CheckContext(inventory, datamap, rules, config, whole_project=files is None)
    silenced: list[Finding] = []
    findings, suppressed = run_checks(ctx, silenced)
    if config.per_file_ignores:  # as an --ignore of those codes in those files: neither reported nor suppressed
        findings = [f for f in findings if not config.ignored_in(f.code, root / f.location.path)]
        silenced = [f for f in silenced if not config.ignored_in(f.code, root / f.location.path)]
        suppressed = len(silenced)
    result = Result(args.command, inventory, findings, suppressed, rules, datamap.path if datamap else None,
                    root=root, repository=repository_root(root, config.base),
                    suppressed_findings=_distinct(silenced), datamap_shown=datamap.shown if datamap else None)
    if args.command == "baseline":
        return _write_baseline(result, args.output or config.baseline or root / DEFAULT_BASELINE, config, root)
    if args.command == "report":
        from scanner.report import report_writer
        from scanner.report.model import build_report

        built = build_report(result, datamap, config.fail_on, config.min_confidence)
        if args.max_length is not None:
            from scanner.report.markdown import write as markdown

            _emit(lambda stream: markdown(built, stream, args.max_length), args.output)
            return EXIT_CLEAN
        _emit(lambda stream: report_writer(args.format)(built, stream), args.output, args.format == "csv")
        return EXIT_CLEAN
    if known is not None and config.baseline is not None:
        result = _without_known(result, known, config.baseline, root, config, files, folders)
        findings = result.findings

    write = formatter(args.format)
    _emit(lambda stream: write(result, stream), args.output)
    if args.command == "scan" or getattr(args, "exit_zero", False):
        return EXIT_CLEAN
    floor = SEVERITY_RANK[config.fail_on]
    return EXIT_FINDINGS if any(SEVERITY_RANK[f.severity] >= floor for f in findings) else EXIT_CLEAN


def _head_datamap(args: argparse.Namespace, config: Config, root: Path) -> Path | None:
    """For `datamap baseline ../base` with no data map there (the base branch of the pull request that adopts
    Datamap), the current directory's own data map: the head's policy applied to the base's code, so that the
    head's check reports what the change adds (audit-ci F15). Only for a folder outside the current directory
    (another checkout) and when no data map was named (--datamap, `datamap =`): a folder of this project keeps
    its own data map or the error that it has none."""
    from scanner.config import load_config

    if getattr(args, "datamap", None) or config.datamap is not None:
        return None
    here, target = Path.cwd().resolve(), root.resolve()
    if target == here or here in target.parents:
        return None
    own = load_config(Path("."), None).datamap_path()
    return own if own.is_file() else None


def _changes_the_whole(files: list[Path], config: Config, root: Path) -> bool:
    """Whether a named file changes what every file means: the data map, or a project rule file
    (`.datamap/rules/`, `[tool.datamap] rules`). Decided without loading the rule set, for the fast path."""
    rule_places = [(root / ".datamap" / "rules").resolve(), *(p.resolve() for p in config.rules)]
    datamaps = {p.resolve() for p in config.datamap_candidates()}
    for file in files:
        path = file.resolve()
        if path in datamaps:
            return True
        if path.suffix in (".yaml", ".yml") and any(path == place or path.is_relative_to(place)
                                                    for place in rule_places):
            return True
    return False


def _by_project(files: list[Path]) -> dict[Path | None, list[Path]]:
    """Files grouped by the nearest pyproject.toml with [tool.datamap] above each (None: under none), as ruff
    resolves configuration per file: a commit touching backend/ and scripts/ is no project at their common folder."""
    from scanner.config import find_pyproject

    nearest: dict[Path, Path | None] = {}
    groups: dict[Path | None, list[Path]] = {}
    for file in files:
        folder = file.resolve().parent
        if folder not in nearest:
            nearest[folder] = find_pyproject(folder)
        groups.setdefault(nearest[folder], []).append(file)
    return groups


def _run_per_project(args: argparse.Namespace, projects: dict[Path | None, list[Path]]) -> int:
    """Check each project's files with its own configuration; files under no configured project are skipped with
    a note, unless the current directory holds a data map of its own for them."""
    if None in projects and not any(Path(name).is_file() for name in ("datamap.yaml", "datamap.yml")):
        outside = projects.pop(None)
        shown = ", ".join(str(f) for f in outside[:3]) + (f" and {len(outside) - 3} more" if len(outside) > 3 else "")
        sys.stderr.write(f"datamap: note: {len(outside)} file(s) under no pyproject.toml with [tool.datamap] "
                         f"skipped: {shown}\n")
    if len(projects) > 1 and (args.output or getattr(args, "format", "console") not in ("console", "github")):
        names = ", ".join(_display(p, Path(".")) if p else "." for p in projects)
        raise UsageError(f"the files belong to several projects ({names}): run datamap once per project for "
                         f"--format {args.format} or --output, or use --format console or github")
    codes = [_run(argparse.Namespace(**{**vars(args), "paths": group})) for group in projects.values()]
    return max(codes, default=EXIT_CLEAN)


def _nothing_to_scan(why: str, whole: bool) -> None:
    """A run that finds no file says so. Named folders with nothing to scan are a usage error (exit 2): an empty
    inventory would pass a gate, or call every declaration stale. A pre-commit list of files that are all
    excluded or of other kinds is a normal commit: a warning, and the run goes on (exit 0)."""
    if whole:
        raise UsageError(why)
    sys.stderr.write(f"datamap: warning: {why}\n")


def _emit(write: Callable[[TextIO], object], output: Path | None, raw_newlines: bool = False) -> None:
    """Write to `-o FILE` or stdout; a failed write is a usage error (exit 2), never a crash or a lost report.

    `raw_newlines`: the writer sends its own line ends (CSV's CRLF, RFC 4180), which must not be translated.
    """
    if output:
        # a full disk (`-o /dev/full`) fails at write or close, not at open: all three are the same error
        try:
            with output.open("w", encoding="utf-8", newline="" if raw_newlines else None) as stream:
                write(stream)
        except OSError as exc:
            raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from None
    else:
        try:
            if hasattr(sys.stdout, "reconfigure"):
                # a stdout that cannot encode a field's name (an ASCII locale, a cp1252 console) escapes it, as
                # ruff does, rather than failing the run after the findings are known (audit-ci F18)
                sys.stdout.reconfigure(errors="backslashreplace")
            write(sys.stdout)
            sys.stdout.flush()  # so that a failing stdout is reported here, not lost at interpreter exit
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise UsageError(f"cannot write to standard output: {exc.strerror or exc}") from None


def _write_draft(inventory: Inventory, rules: RuleSet, config: Config, root: Path, path: Path) -> int:
    from scanner.draft import draft_datamap

    text = draft_datamap(inventory, rules, config.min_confidence, root.as_posix())
    stdout = str(path) == "-"
    _emit(lambda stream: stream.write(text), None if stdout else path)
    if not stdout:
        sys.stderr.write(f"Wrote a draft data map to {path}. It declares what the code shows today: review each "
                         "purpose and recipient against your privacy policy, fill in prohibited_uses, then run "
                         "`datamap check`.\n")
    return EXIT_CLEAN


def _write_baseline(result: Result, path: Path, config: Config, root: Path) -> int:
    from scanner.baseline import write_baseline

    # messages as the JSON's: the same baseline from any directory
    stable = [replace(f, message=result.stable(f.message)) for f in result.findings]
    _emit(lambda stream: write_baseline(stable, result.fingerprints(), result.datamap, stream), path)
    n = len(result.findings)
    wrote = f"Wrote {n} finding{'' if n == 1 else 's'} to {path}"
    if config.baseline is not None and config.baseline.resolve() == path.resolve():
        sys.stderr.write(f"{wrote}: `datamap check` and the pre-commit hooks read it (`baseline =` in "
                         f"{config.source}) and report only new findings\n")
    elif path.resolve() != (root / DEFAULT_BASELINE).resolve():
        # a file of the user's choosing (`-o base.json`, README's base-branch gate, a throw-away of the CI run):
        # no advice to configure it in the scanned checkout (audit15 #18)
        sys.stderr.write(f"{wrote}: `datamap check --baseline {path}` reports only new ones\n")
    else:
        # check reads no baseline it is not told of (a stale file found by name would hide findings silently):
        # say how to make the hooks use this one (audit14 #17: the default file was written, then never read)
        home = config.base or root
        setting = Path(os.path.relpath(path.resolve(), home.resolve())).as_posix()
        where = config.source or _display(home / "pyproject.toml", Path("."))
        sys.stderr.write(f"{wrote}: `datamap check --baseline {path}` reports only new ones; to have `datamap "
                         f"check` and the pre-commit hooks use it, add `baseline = \"{setting}\"` to [tool.datamap] "
                         f"in {where}\n")
    return EXIT_CLEAN


def _baseline(path: Path) -> Baseline:
    """The configured baseline, read before the scan: a missing or broken one fails the run in a moment, with
    the configuration's errors, not after a whole scan (audit18 #18)."""
    from scanner.baseline import BaselineError, load_baseline

    try:
        return load_baseline(path)
    except BaselineError as exc:
        raise UsageError(str(exc)) from None


def _without_known(result: Result, known: Baseline, path: Path, root: Path, config: Config,
                   files: list[Path] | None, folders: tuple[Path, ...]) -> Result:
    """The result with the baseline's findings taken out: CI fails only on what a change adds.

    Baseline paths are relative to the root `datamap baseline` scanned. Files given one by one (pre-commit)
    are relative to the cwd, so they are matched relative to the folder of the pyproject.toml that configures
    the run, where a monorepo's `datamap baseline backend` wrote them (detect-secrets' hook does the same).
    """
    from scanner.baseline import new_findings

    base = config.base if files is not None and config.base is not None else root
    rebased = [replace(f, location=replace(f.location, path=_relative(root / f.location.path, base)))
               for f in result.findings]
    fingerprints = replace(result, findings=rebased, root=base).fingerprints()
    named = None if files is None else {p.resolve() for p in files}
    within = [p.resolve() for p in folders]

    def checked(file: str) -> bool:
        """Whether this run read the baseline entry's file: all of them, unless files were named."""
        target = (base / file).resolve()
        return named is None or target in named or any(target.is_relative_to(folder) for folder in within)

    new, hidden, gone = new_findings(rebased, fingerprints, known, checked, lambda file: (base / file).exists())
    kept = {id(f) for f in new}
    findings = [original for original, moved in zip(result.findings, rebased, strict=True) if id(moved) in kept]
    known_findings = tuple(original for original, moved in zip(result.findings, rebased, strict=True)
                           if id(moved) not in kept)
    return replace(result, findings=findings, baseline=_display(path, root), known=hidden, gone=gone,
                   known_findings=known_findings)


def _distinct(findings: list[Finding]) -> tuple[Finding, ...]:
    """Suppressed findings once each (a check may raise one twice, as run_checks keeps reported ones once), in
    report order."""
    from scanner.findings import Finding

    seen = {(f.code, f.location.path, f.location.line, f.subject): f for f in findings}
    return tuple(sorted(seen.values(), key=Finding.sort_key))


def _relative(path: Path, base: Path) -> str:
    return Path(os.path.relpath(path.resolve(), base.resolve())).as_posix()


def _no_datamap(config: Config, args: argparse.Namespace) -> str:
    """Where the data map was looked for, and how to point at it."""

    looked = " or ".join(str(p.resolve()) for p in config.datamap_candidates())
    if getattr(args, "datamap", None):
        return f"no data map at {looked} (from --datamap)"
    if config.datamap is not None:
        return f"no data map at {looked} (from `datamap =` in {config.source})"
    where = (f"{config.source} has no `datamap =`" if config.source
             else f"no pyproject.toml with [tool.datamap] from {config.root.resolve()} up to the repository root")
    here = Path(os.path.relpath(config.root.resolve())).as_posix()
    draft = "datamap init" if here == "." else f"datamap init {shlex.quote(here)}"
    return (f"no data map at {looked} ({where}): `{draft}` drafts one from the code for your privacy officer to "
            "review (README, 'The data map'); or pass --datamap, or set `datamap =` in [tool.datamap]")


def _display(path: Path, root: Path) -> str:
    """The data map as findings name it: relative to the scan root, as source files are (`../policy/map.yaml`
    when it lives beside the scanned folder), so that one base serves every path of a run."""
    return Path(os.path.relpath(path.resolve(), root.resolve())).as_posix()


def _aliases(aliases: tuple[str, ...]) -> str:
    return f"  aliases: {', '.join(aliases)}" if aliases else ""


def _rules_command(args: argparse.Namespace) -> int:
    from scanner.findings import RULES
    from scanner.ruleset import load_ruleset

    rules = load_ruleset()
    out = sys.stdout
    what = args.what
    if what in (None, "codes"):
        out.write("Rule codes\n")
        for r in RULES.values():
            out.write(f"  {r.code}  {r.name:<34} {r.severity:<8} {r.summary}\n")
    # every list prints each term's aliases: the README promises every accepted word is listed, and
    # data-map errors suggest aliases
    if what in (None, "categories"):
        # the special categories (art. 9) and criminal-offence data (art. 10) need more than a legal basis: marked
        # apart from other sensitive data, as the report marks them
        out.write("\nData categories (fideslang keys; * sensitive, 9 a special category of GDPR art. 9, "
                  "10 criminal offence data of art. 10)\n")
        tax = rules.taxonomy
        for t in tax.categories.terms.values():
            mark = ("10" if tax.is_criminal(t.key) else "9" if tax.is_special(t.key)
                    else "*" if tax.is_sensitive(t.key) else "")
            out.write(f"  {mark:>2} {t.key:<52} {t.name}{_aliases(t.aliases)}\n")
    if what == "uses":
        out.write("Data uses (purposes)\n")
        for t in rules.taxonomy.uses.terms.values():
            out.write(f"  {t.key:<52} {t.name}{_aliases(t.aliases)}\n")
    if what in (None, "recipients"):
        out.write("\nRecipient categories\n")
        for t in rules.taxonomy.recipients.terms.values():
            out.write(f"  {t.key:<30} {t.name}{_aliases(t.aliases)}\n")
    if what == "services":
        out.write(f"Services ({len(rules.catalogue.services)})\n")
        for s in sorted(rules.catalogue.services.values(), key=lambda s: s.id):
            out.write(f"  {s.id:<28} {s.name:<32} {s.recipient_category:<26} {s.data_use}\n")
    if what == "fields":
        out.write(f"Field rules ({len(rules.field_rules)})\n")
        for fr in rules.field_rules:
            out.write(f"  {fr.id:<36} {fr.category:<48} {fr.confidence}\n")
    if what is None:
        out.write(f"\n{len(rules.catalogue.services)} services and {len(rules.field_rules)} field rules: "
                  "`datamap rules services`, `datamap rules fields`.\n")
    return EXIT_CLEAN


def _explain(args: argparse.Namespace) -> int:
    from scanner.config import load_config
    from scanner.ruleset import load_ruleset, user_rule_files

    root = Path(".")
    config = load_config(root, args.config)  # `[tool.datamap] rules` as well as `.datamap/rules`
    rules = load_ruleset(user_rule_files(root, config.rules))
    neighbours = [n.strip() for n in args.neighbours.split(",") if n.strip()]
    for line in rules.classifier.explain(args.name, args.container, args.type, neighbours):
        sys.stdout.write(line + "\n")
    return EXIT_CLEAN


def main(argv: Sequence[str] | None = None) -> int:
    from scanner.config import ConfigError
    from scanner.yamlschema import YamlInvalid

    args = build_parser().parse_args(argv)
    _format(args)
    try:
        if args.command == "rules":
            return _rules_command(args)
        if args.command == "explain":
            return _explain(args)
        return _run(args)
    except (UsageError, ConfigError) as exc:
        sys.stderr.write(f"datamap: error: {exc}\n")
    except YamlInvalid as exc:
        sys.stderr.write(f"datamap: error: {exc.title}\n" + "".join(f"  {e}\n" for e in exc.errors))
    except BrokenPipeError:
        # the reader left (`| head`): stop quietly, and keep Python from failing again on flushing stdout
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_CLEAN
    except KeyboardInterrupt:
        sys.stderr.write("datamap: interrupted\n")
        return 130
    except OSError as exc:  # stdout or a file Datamap itself needs: an environment problem, not findings
        sys.stderr.write(f"datamap: error: {exc.strerror or exc}{f': {exc.filename}' if exc.filename else ''}\n")
    except Exception as exc:  # noqa: BLE001 - 1 means "findings" to CI: a crash must never read as that
        import traceback

        traceback.print_exc(file=sys.stderr)
        sys.stderr.write(f"datamap: internal error: {type(exc).__name__}: {exc} (please report it)\n")
    return EXIT_ERROR
