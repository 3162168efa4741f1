"""The pre-commit path: `datamap check` on one file, against the floor every run pays, in the same run.

    python benchmarks/bench_precommit.py                     # examples/faaturacloud's models.py, 7 rounds
    python benchmarks/bench_precommit.py --rounds 11 --file faaturacloud/views/billing.py
    python benchmarks/bench_precommit.py --scanner-path /tmp/wt_old   # another revision's scanner/ (a worktree)

A copy of examples/faaturacloud is the project; each command runs from its root, as pre-commit runs the hook.
Each round runs, one after the other (so a busy machine weighs on all of them alike):
- floor:  `python -c "import libcst, sqlglot"` (starting Python and importing the parsers);
- parse:  the floor plus `libcst.parse_module` of the file;
- cold:   `datamap check FILE` with an empty rule-set cache (it builds the rule set, then stores it);
- warm:   the same with the cache in place;
- off:    the same with `DATAMAP_NO_CACHE=1` (the rule set built every run, as before the cache);
- yaml:   `datamap check .github/workflows/ci.yml`, a commit with nothing Datamap scans (warm cache).
It prints each command's median CPU time (user + system of the child: on a shared machine wall time measures the
other processes too) and wall time, and the CPU ratios to floor and parse.

Measured (2 cores shared with other jobs, load ~14, 7 rounds, CPU medians; faaturacloud/models.py, 274 lines):
                    floor   cold          warm          off           yaml (0 files)
    9d1ec64 (before) 0.62 s  1.81 s x2.91   1.81 s x2.91   1.88 s x3.02   1.12 s x1.80
    rule-set cache   0.66 s  1.98 s x3.00   1.34 s x2.02   1.51 s x2.28   0.65 s x0.99
  (ratios to floor; to a plain parse, warm is x1.92, before x2.44). Before the cache every run built the rule set;
  with it, only the first run after a change to the rules or to Datamap does (cold: the build plus ~0.2-0.4 s to
  store it). A commit touching only YAML other than the data map now costs the import floor, without importing
  libcst. Of a warm run's remaining ~0.7 s over the floor, reading the rule set is ~0.15 s; the rest is Datamap's
  own imports (config and YAML, checks, rich for the console) and the scan itself.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "faaturacloud"


def run(cmd: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float]:
    """(CPU seconds of the child, wall seconds)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stderr}")
    return after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime, wall


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--file", default="faaturacloud/models.py", help="the file to check, in the example project")
    parser.add_argument("--scanner-path", type=Path, help="a folder holding the scanner package to run instead")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="datamap-bench-") as tmp:
        project = Path(tmp) / "project"
        shutil.copytree(EXAMPLE, project)
        (project / ".github" / "workflows").mkdir(parents=True)
        (project / ".github" / "workflows" / "ci.yml").write_text("name: ci\non: [push]\n", encoding="utf-8")
        env = dict(os.environ)
        env.pop("DATAMAP_NO_CACHE", None)
        # bytecode as an install has it, written once to a private folder: a checkout's edited modules would
        # otherwise be compiled again by every run (PYTHONDONTWRITEBYTECODE), which no user pays
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
        if args.scanner_path:
            env["PYTHONPATH"] = os.pathsep.join([str(args.scanner_path.resolve()), env.get("PYTHONPATH", "")])
        warm_dir = Path(tmp) / "warm-cache"
        python = sys.executable
        check = [python, "-m", "scanner", "check"]
        commands: dict[str, tuple[list[str], dict[str, str]]] = {
            "floor": ([python, "-c", "import libcst, sqlglot"], env),
            "parse": ([python, "-c", "import sys, libcst, sqlglot; "
                                     "libcst.parse_module(open(sys.argv[1], encoding='utf-8').read())", args.file], env),
            "cold": ([*check, args.file], env),  # its cache folder is emptied before every run
            "warm": ([*check, args.file], {**env, "DATAMAP_CACHE_DIR": str(warm_dir)}),
            "off": ([*check, args.file], {**env, "DATAMAP_NO_CACHE": "1"}),
            "yaml": ([*check, ".github/workflows/ci.yml"], {**env, "DATAMAP_CACHE_DIR": str(warm_dir)}),
        }
        lines = (project / args.file).read_text(encoding="utf-8").count("\n")
        run(commands["warm"][0], project, commands["warm"][1])  # fills the warm cache (and the OS's file cache)
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        for _ in range(args.rounds):
            for name, (cmd, cmd_env) in commands.items():
                if name == "cold":
                    cold_dir = Path(tempfile.mkdtemp(prefix="cold-cache-", dir=tmp))
                    cmd_env = {**cmd_env, "DATAMAP_CACHE_DIR": str(cold_dir)}
                times[name].append(run(cmd, project, cmd_env))
    cpu = {name: statistics.median(c for c, _ in ts) for name, ts in times.items()}
    wall = {name: statistics.median(w for _, w in ts) for name, ts in times.items()}
    print(f"{args.file} ({lines} lines): {args.rounds} rounds, medians; load average {os.getloadavg()[0]:.1f}")
    print(f"{'':8}{'cpu s':>8}{'wall s':>8}{'x floor':>9}{'x parse':>9}")
    for name in commands:
        print(f"{name:8}{cpu[name]:8.2f}{wall[name]:8.2f}{cpu[name] / cpu['floor']:9.2f}{cpu[name] / cpu['parse']:9.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
