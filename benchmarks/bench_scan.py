"""End-to-end `datamap scan` on real code, against the parsers themselves in the same run.

    python benchmarks/bench_scan.py                 # pip-installs the default projects into a temp venv
    python benchmarks/bench_scan.py --venv DIR      # reuse a venv made by an earlier run
    python benchmarks/bench_scan.py PATH ...        # scan these folders instead
    python benchmarks/bench_scan.py --jobs 1 --keep DIR   # one worker; keep each scan's JSON in DIR

Reports, for the same files:
- whole scans with 1 and 2 worker processes (`datamap scan --jobs N`, a fresh process each),
  as ratios to a plain `libcst.parse_module` + `sqlglot.parse` loop in one process, in wall time and
  in CPU time (the scans' processes' user + system time against the loop's): on a machine others
  share, the CPU ratio is the one that compares two revisions; `--keep` lets two revisions' outputs
  be compared byte for byte (run each with its tree first on PYTHONPATH);
- the same per project (each project's parse against its own scan), since one large project can
  hide another's ratio;
- the pre-commit case: `datamap check` on three files, as a ratio to starting Python and
  importing libcst + sqlglot (the floor every run pays).
The scanned code is installed from PyPI at run time and never committed.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
import venv
from collections.abc import Sequence
from pathlib import Path

PROJECTS = ("Django", "django-oscar", "wagtail", "django-allauth")
PACKAGES = ("django", "oscar", "wagtail", "allauth")


def site_packages(env: Path) -> Path:
    return next((env / "lib").glob("python3*/site-packages"))


def install(env: Path) -> list[Path]:
    if not (env / "bin" / "python").exists():
        venv.EnvBuilder(with_pip=True).create(env)
        subprocess.run([str(env / "bin" / "python"), "-m", "pip", "install", "-q", "--no-deps", *PROJECTS], check=True)
    site = site_packages(env)
    return [site / p for p in PACKAGES if (site / p).is_dir()]


def parse_baseline(paths: list[Path]) -> tuple[float, float, int, int]:
    import libcst
    import sqlglot

    py = [f for p in paths for f in sorted(p.rglob("*.py"))]
    sql = [f for p in paths for f in sorted(p.rglob("*.sql"))]
    lines = 0
    started, cpu = time.perf_counter(), time.process_time()
    for f in py:
        text = f.read_text(encoding="utf-8", errors="replace")
        lines += text.count("\n") + 1
        try:
            libcst.parse_module(text)
        except (libcst.ParserSyntaxError, RecursionError):
            pass
    for f in sql:
        text = f.read_text(encoding="utf-8", errors="replace")
        lines += text.count("\n") + 1
        try:
            sqlglot.parse(text)
        except Exception:  # noqa: BLE001 - the baseline only times parsing
            pass
    return time.perf_counter() - started, time.process_time() - cpu, len(py) + len(sql), lines


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(cmd: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one command (its worker processes' CPU included: they are waited for)."""
    started, cpu = time.perf_counter(), children_cpu()
    done = subprocess.run(cmd, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed:\n{done.stderr}")
    return elapsed, children_cpu() - cpu


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--venv", type=Path, help="venv holding the projects (created if missing)")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="worker counts to time (default 1 2)")
    parser.add_argument("--keep", type=Path, help="write each scan's JSON into this folder (default: discarded)")
    args = parser.parse_args(argv)
    paths = args.paths or install(args.venv or Path(tempfile.mkdtemp(prefix="datamap-bench-")) / "venv")
    datamap = [sys.executable, "-m", "scanner"]

    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
    parsed = {p: parse_baseline([p]) for p in paths}
    baseline = sum(t[0] for t in parsed.values())
    baseline_cpu = sum(t[1] for t in parsed.values())
    files, lines = sum(t[2] for t in parsed.values()), sum(t[3] for t in parsed.values())
    print(f"{files} files, {lines:,} lines in {', '.join(p.name for p in paths)}")
    print(f"plain parse (libcst + sqlglot, 1 process)   {baseline:7.2f}s  {lines / baseline:9,.0f} lines/s"
          f"  CPU {baseline_cpu:7.2f}s")
    for jobs in args.jobs:
        elapsed = cpu = 0.0
        for p in paths:
            out = str(args.keep / f"{p.name}.jobs{jobs}.json") if args.keep else os.devnull
            # --include-tests: the same files as the baseline parses (test code is skipped by default)
            wall, used = timed([*datamap, "scan", str(p), "--format", "json", "-o", out, "--jobs", str(jobs),
                                "--include-tests"])
            elapsed, cpu = elapsed + wall, cpu + used
            p_wall, p_cpu, p_files, _ = parsed[p]
            print(f"  {p.name:<12} {p_files:5} files: parse CPU {p_cpu:7.2f}s, scan --jobs {jobs} CPU {used:7.2f}s,"
                  f" ratio {used / p_cpu:.2f} (wall {wall:.2f}s / {p_wall:.2f}s)", flush=True)
        print(f"datamap scan --jobs {jobs}                       {elapsed:7.2f}s  {lines / elapsed:9,.0f} lines/s"
              f"  ratio to parse {elapsed / baseline:.2f}  CPU {cpu:7.2f}s, ratio {cpu / baseline_cpu:.2f}")

    example = Path(__file__).resolve().parent.parent / "examples" / "faaturacloud"
    changed = [str(example / "faaturacloud" / n) for n in ("models.py", "settings.py")] + [str(example / "schema.sql")]
    floor = min(timed([sys.executable, "-c", "import libcst, sqlglot"])[0] for _ in range(3))
    hook = min(timed([*datamap, "check", *changed, "--datamap", str(example / "datamap.yaml"), "--format", "json"])[0]
               for _ in range(3))
    print(f"pre-commit case: check 3 files {hook:.3f}s; python + import libcst, sqlglot {floor:.3f}s;"
          f" ratio {hook / floor:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
