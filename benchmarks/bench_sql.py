"""Benchmark: Datamap's SQL scan against plain `sqlglot.parse` on the same generated dump.

    python benchmarks/bench_sql.py [--tables 10000] [--columns 15] [--flavour postgres mysql]
                                   [--sqlglotc path/to/sqlglotc-<same version>.whl]

For each flavour a pg_dump- or mysqldump-shaped schema (tables x columns, with
the noise real dumps carry: SET, owners, constraints, indexes, comments, LOCK
TABLES, /*!40101 */) is written to a temp dir. Each measurement runs in a fresh
subprocess so peak memory (ru_maxrss, minus the process's size before parsing)
is its own. Datamap's figure is the whole scan (extract, project pass, classify),
with the SQL extraction alone shown too (classification is not SQL's cost); the reference is `sqlglot.parse(text, read=dialect)`. Target: Datamap
within 1.5x of the reference time.

`--sqlglotc` overlays the compiled sqlglotc wheel onto a private copy of
sqlglot (nothing installed) and repeats both measurements: an optional speed-up.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

_NAMES = ["email", "phone", "first_name", "last_name", "birth_date", "ip_address", "status", "amount", "sku",
          "created_at", "updated_at", "notes", "city", "postal_code", "score", "title", "quantity", "flag"]
_PG_TYPES = ["text", "character varying(200)", "integer", "bigint", "boolean", "numeric(10,2)",
             "timestamp with time zone", "date", "inet", "jsonb"]
_MY_TYPES = ["varchar(191)", "int unsigned", "bigint", "tinyint(1)", "decimal(10,2)", "datetime", "date", "text"]


def _columns(rng: random.Random, n: int) -> list[str]:
    names = rng.sample(_NAMES, min(n - 1, len(_NAMES)))
    names += [f"attr_{i}" for i in range(n - 1 - len(names))]
    return names


def generate_postgres(tables: int, columns: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    out = ["--\n-- PostgreSQL database dump\n--\n\nSET statement_timeout = 0;\nSET client_encoding = 'UTF8';\n"
           "SELECT pg_catalog.set_config('search_path', '', false);\n\n"]
    for t in range(tables):
        name = f"table_{t}"
        cols = ",\n".join(f"    {c} {rng.choice(_PG_TYPES)}" for c in _columns(rng, columns))
        out.append(f"--\n-- Name: {name}; Type: TABLE; Schema: public; Owner: app\n--\n\n"
                   f"CREATE TABLE public.{name} (\n    id bigint NOT NULL,\n{cols}\n);\n\n"
                   f"ALTER TABLE public.{name} OWNER TO app;\n\n"
                   f"COMMENT ON COLUMN public.{name}.id IS 'surrogate key of {name}';\n\n"
                   f"ALTER TABLE ONLY public.{name}\n    ADD CONSTRAINT {name}_pkey PRIMARY KEY (id);\n\n"
                   f"CREATE INDEX {name}_idx ON public.{name} USING btree (id);\n\n")
    return "".join(out)


def generate_mysql(tables: int, columns: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    out = ["-- MySQL dump 10.13\n/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;\n"
           "/*!40101 SET NAMES utf8mb4 */;\n\n"]
    for t in range(tables):
        name = f"table_{t}"
        cols = ",\n".join(f"  `{c}` {rng.choice(_MY_TYPES)} DEFAULT NULL" for c in _columns(rng, columns))
        out.append(f"--\n-- Table structure for table `{name}`\n--\n\nDROP TABLE IF EXISTS `{name}`;\n"
                   f"/*!40101 SET @saved_cs_client     = @@character_set_client */;\n"
                   f"CREATE TABLE `{name}` (\n  `id` int unsigned NOT NULL AUTO_INCREMENT,\n{cols},\n"
                   f"  PRIMARY KEY (`id`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='{name}';\n"
                   f"/*!40101 SET character_set_client = @saved_cs_client */;\n\n"
                   f"LOCK TABLES `{name}` WRITE;\nUNLOCK TABLES;\n\n")
    return "".join(out)


# Runs in a child process: one measurement, printed as JSON.
_CHILD = r"""
import json, resource, sys, time
mode, path, dialect = sys.argv[1:4]
text = open(path, encoding="utf-8").read()
import sqlglot
if mode == "datamap":
    from pathlib import Path
    from scanner.config import Config
    from scanner.discover import Source
    from scanner.ruleset import load_ruleset
    from scanner.scan import scan
    rules = load_ruleset()
    root = Path(path).parent
    source = Source(Path(path).name, Path(path), "sql")
    import scanner.extract.sql, scanner.extract.project  # imports are not the scan
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
if mode == "extract":
    from scanner.extract.sql import extract_sql
    result, raw = extract_sql(text, "dump.sql", dialect)
    statements, detail = None, {"fields": len(raw), "errors": len(result.errors)}
elif mode == "datamap":
    inv = scan([source], rules, Config(root=root, dialect=dialect, jobs=1), [])
    statements, detail = None, {"fields": len(inv.fields), "errors": len(inv.errors)}
else:
    trees = sqlglot.parse(text, read=dialect)
    statements, detail = len(trees), {}
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
from sqlglot.tokens import SQLGLOTC_INSTALLED
print(json.dumps({"seconds": seconds, "peak_mb": peak / 1024, "growth_mb": (peak - base) / 1024,
                  "statements": statements, "compiled": SQLGLOTC_INSTALLED, **detail}))
"""


def _measure(mode: str, path: Path, dialect: str, pythonpath: str = "") -> dict[str, object]:
    env = dict(os.environ)
    repo = str(Path(__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (pythonpath, repo, env.get("PYTHONPATH", "")) if p)
    out = subprocess.run([sys.executable, "-c", _CHILD, mode, str(path), dialect], env=env,
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def _overlay_sqlglotc(wheel: Path, into: Path) -> str:
    """A private sqlglot with the compiled modules laid over it; nothing is installed."""
    import sqlglot

    shutil.copytree(Path(sqlglot.__file__).parent, into / "sqlglot")
    with zipfile.ZipFile(wheel) as zf:
        for member in zf.namelist():
            if member.startswith("sqlglot/") and member.endswith(".so"):
                zf.extract(member, into)
    return str(into)


def _run(label: str, path: Path, dialect: str, statements: int, pythonpath: str = "") -> None:
    reference = _measure("reference", path, dialect, pythonpath)
    datamap = _measure("datamap", path, dialect, pythonpath)
    extract = _measure("extract", path, dialect, pythonpath)
    mb = path.stat().st_size / 1e6
    n = reference["statements"] or statements
    for name, m in (("sqlglot.parse", reference), ("datamap scan", datamap), ("extract only", extract)):
        s = float(m["seconds"])  # type: ignore[arg-type]
        print(f"  {label:<10} {name:<14} {s:7.2f} s  {n / s:9.0f} stmt/s  {mb / s:6.2f} MB/s  "
              f"peak {m['peak_mb']:7.1f} MB (+{m['growth_mb']:.1f} MB while parsing)")
    ratio = float(datamap["seconds"]) / float(reference["seconds"])  # type: ignore[arg-type]
    bare = float(extract["seconds"]) / float(reference["seconds"])  # type: ignore[arg-type]
    print(f"  {label:<10} ratio datamap/reference: {ratio:.2f}x (target <= 1.5x); extraction alone {bare:.2f}x; "
          f"{datamap['fields']} personal of {extract['fields']} columns, {datamap['errors']} errors; "
          f"compiled={datamap['compiled']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tables", type=int, default=10_000)
    parser.add_argument("--columns", type=int, default=15, help="columns per table (default 15: 150,000 in all)")
    parser.add_argument("--flavour", nargs="+", default=["postgres", "mysql"], choices=["postgres", "mysql"])
    parser.add_argument("--sqlglotc", type=Path, help="a downloaded sqlglotc wheel of the same version as sqlglot")
    args = parser.parse_args(argv)
    import sqlglot

    print(f"sqlglot {sqlglot.__version__}; {args.tables} tables x {args.columns} columns")
    with tempfile.TemporaryDirectory() as tmp:
        overlay = _overlay_sqlglotc(args.sqlglotc, Path(tmp) / "overlay") if args.sqlglotc else ""
        for flavour in args.flavour:
            make = generate_postgres if flavour == "postgres" else generate_mysql
            folder = Path(tmp) / flavour
            folder.mkdir()
            path = folder / f"{flavour}_dump.sql"
            path.write_text(make(args.tables, args.columns), encoding="utf-8")
            print(f"{flavour}: {path.stat().st_size / 1e6:.1f} MB")
            _run(flavour, path, flavour, args.tables)
            if overlay:
                _run(flavour + "+c", path, flavour, args.tables, overlay)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
