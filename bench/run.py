"""One runner for every benchmark at one scale: `python -m bench.run --scale 10k|100k|1m [--only NAME]`.

It creates (or reuses) the database `<DATABASE_URL's name>_<scale>`, seeds it with `seed_scale`
shaped like the country (about 1,832 documents per instansi, 13 content rows each), records the
seeding time, the rows and the size of every table, then runs each benchmark script against that
database. Every script writes its own section of bench/RESULTS.md, suffixed with the scale, with
the machine, the date and the load average.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from urllib.parse import urlsplit, urlunsplit

from bench.common import DEFAULT_DATABASE_URL, PROJECT_DIR

SCALES = {"50": 50, "10k": 10_000, "100k": 100_000, "1m": 1_000_000}
DOCUMENTS_PER_INSTANSI = 1_832  # 1,000,000 standards over 546 regional governments
# Script (module in bench/) -> what it measures; in the order they run.
BENCHMARKS = {
    "seed": "seed_scale time, rows and size per table (only when the database is seeded here)",
    "scale_pages": "positions, search, documents list, state filter, progress board (issue 15's table)",
    "transition_burst": "API transitions under a burst of 8 clients vs a raw-SQL floor",
    "list_pages": "submissions list page 1 vs a deep page (keyset)",
    "status_endpoint": "status endpoint vs a bare Django view",
    "transition_queries": "queries and network I/O of a transition",
}


def instansi_for(documents: int) -> int:
    return max(1, round(documents / DOCUMENTS_PER_INSTANSI))


def database_url(scale: str) -> str:
    base = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    parts = urlsplit(base)
    return urlunsplit(parts._replace(path=f"{parts.path.rstrip('/')}_{scale}"))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", choices=list(SCALES), required=True)
    parser.add_argument("--only", action="append", choices=list(BENCHMARKS), help="Hanya benchmark ini.")
    parser.add_argument("--skip", action="append", choices=list(BENCHMARKS), default=[])
    parser.add_argument("--reseed", action="store_true", help="Hapus dan isi ulang basis data skala ini.")
    args = parser.parse_args(argv)
    url = database_url(args.scale)
    env = {**os.environ, "DATABASE_URL": url, "BENCH_SCALE": args.scale, "DEBUG": "1"}
    chosen = [name for name in BENCHMARKS if (not args.only or name in args.only) and name not in args.skip]
    seeded = prepare(url, SCALES[args.scale], env, reseed=args.reseed)
    if "seed" in chosen:
        if seeded is None:
            print("seed: database reused, its seeding section stays as it was.")
        else:
            _run(["-m", "bench.seed_report", "--seconds", f"{seeded:.1f}"], env)
    for name in chosen:
        if name != "seed":
            print(f"\n== {name} ({args.scale}): {BENCHMARKS[name]}", flush=True)
            _run(["-m", f"bench.{name}"], env)


def prepare(url: str, documents: int, env: dict[str, str], *, reseed: bool) -> float | None:
    """Create and seed the database if needed; the seconds `seed_scale` took, or None if reused."""
    import psycopg

    name = urlsplit(url).path.lstrip("/")
    admin = urlunsplit(urlsplit(url)._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and reseed:
            connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')
    if exists:
        return None
    _manage(["migrate", "--noinput", "-v", "0"], env)
    _manage(["seed_demo"], env)  # the dictionary, reference data and the demo's own users
    started = time.monotonic()
    _manage(
        [
            "seed_scale",
            "--submissions",
            str(documents),
            "--instansi",
            str(instansi_for(documents)),
            "--with-rows",
        ],
        env,
    )
    return time.monotonic() - started


def _manage(arguments: list[str], env: dict[str, str]) -> None:
    _run([str(PROJECT_DIR / "manage.py"), *arguments], env)


def _run(arguments: list[str], env: dict[str, str]) -> None:
    done = subprocess.run([sys.executable, *arguments], cwd=PROJECT_DIR, env=env)
    if done.returncode != 0:
        raise SystemExit(f"Gagal: {' '.join(arguments)} (kode {done.returncode})")


if __name__ == "__main__":
    main()
