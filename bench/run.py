"""One runner for every benchmark at one scale: `python -m bench.run --scale 10k|100k|1m [--only NAME]`.

It creates (or reuses) the database `<DATABASE_URL's name>_<scale>`, seeds it with `seed_scale`
shaped like the country (about 1,832 documents per instansi, 13 content rows each), records the
seeding time, the rows and the size of every table, then runs each benchmark script against that
database. Every script writes its own section of bench/RESULTS.md, suffixed with the scale, with
the machine, the date and the load average; the runner adds `run@<scale>` with how long each
script took and the load average before and after it.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from bench.common import DEFAULT_DATABASE_URL, PROJECT_DIR, load_average

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
    "package_send": "queries per item of a consultation package, network I/O",
    "reminder_sweep": "reminder sweep with 1,000 documents vs this scale, the same due items",
}
# The scripts of bench/ the runner leaves out, and why their figures do not follow the number of
# documents (bench/README.md says the same); any other module must be in BENCHMARKS.
NOT_SCALED = {
    "event_feed": "the feed at 1,000 and 1,000,000 events in its own database: events, not documents",
    "export_book": "a book of 250 standards of one instansi of its own: the size of the book, not the table",
    "peta_import": "a 5,000-row peta jabatan into a fresh instansi: the rows of the file, scoped to it",
    "status_profile": "a cProfile listing to read by hand, writes no section",
    "seed_report": "part of `seed` (the seeding section)",
    "region_files": "the spreadsheets peta_import builds, not a benchmark",
}
# Plumbing of the scripts, not benchmarks.
HELPERS = ("api_client", "common", "network", "run", "server", "settings", "urls")
# What a scale cannot run, and why (the runner says so instead of failing).
CANNOT_RUN = {
    "50": {"transition_burst": "needs 96 documents in compilation in Instansi Skala 001 (2 x 40 + 2 x 8)"},
}
# `--quick`: fewer requests per round for a smoke run; every ratio keeps its 3 rounds.
QUICK = {
    "scale_pages": ["--requests", "4"],
    "transition_burst": ["--transitions", "16"],
    "list_pages": ["--samples", "15", "--page", "200"],
    "status_endpoint": ["--requests", "200", "--ids", "100"],
    "reminder_sweep": ["--due", "20"],
}


@dataclass
class Step:
    name: str
    seconds: float
    load_before: str
    load_after: str
    failed: str = ""


def instansi_for(documents: int) -> int:
    return max(1, round(documents / DOCUMENTS_PER_INSTANSI))


def database_url(scale: str) -> str:
    base = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    parts = urlsplit(base)
    return urlunsplit(parts._replace(path=f"{parts.path.rstrip('/')}_{scale}"))


def arguments_for(name: str, *, quick: bool) -> list[str]:
    """The command line of one benchmark under the runner."""
    arguments = ["-m", f"bench.{name}"]
    if name == "reminder_sweep":
        # One small database for every scale (`<base>_1k`), not one beside each scale's.
        arguments += ["--small-url", database_url("1k")]
    return arguments + (QUICK.get(name, []) if quick else [])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", choices=list(SCALES), required=True)
    parser.add_argument("--only", action="append", choices=list(BENCHMARKS), help="Hanya benchmark ini.")
    parser.add_argument("--skip", action="append", choices=list(BENCHMARKS), default=[])
    parser.add_argument("--reseed", action="store_true", help="Hapus dan isi ulang basis data skala ini.")
    parser.add_argument(
        "--quick", action="store_true", help="Lebih sedikit permintaan per putaran (tetap 3 putaran)."
    )
    args = parser.parse_args(argv)
    url = database_url(args.scale)
    env = {**os.environ, "DATABASE_URL": url, "BENCH_SCALE": args.scale, "DEBUG": "1"}
    chosen = [name for name in BENCHMARKS if (not args.only or name in args.only) and name not in args.skip]
    seeded = prepare(url, SCALES[args.scale], env, reseed=args.reseed)
    steps: list[Step] = []
    if "seed" in chosen:
        if seeded is None:
            print("seed: database reused, its seeding section stays as it was.")
        else:
            steps.append(_step("seed", ["-m", "bench.seed_report", "--seconds", f"{seeded:.1f}"], env))
    for name in chosen:
        if name in CANNOT_RUN.get(args.scale, {}):
            print(f"\n== {name} ({args.scale}): left out, {CANNOT_RUN[args.scale][name]}", flush=True)
        elif name != "seed":
            print(f"\n== {name} ({args.scale}): {BENCHMARKS[name]}", flush=True)
            steps.append(_step(name, arguments_for(name, quick=args.quick), env))
    if steps:
        write_timings(url, args.scale, steps, seeded=seeded, quick=args.quick)
    failed = [step.name for step in steps if step.failed]
    if failed:
        raise SystemExit(f"Gagal: {', '.join(failed)}")


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


def timings_body(steps: Sequence[Step], *, seeded: float | None, quick: bool) -> str:
    """The runner's own section: minutes and load average around each script, and the total."""
    measured = sum(step.seconds for step in steps if step.name != "seed")
    lines = [
        "How long each script of `python -m bench.run` took"
        + (" with `--quick` (fewer requests per round, still 3 rounds)" if quick else "")
        + ", with the load average (1, 5, 15 min) before and after it.",
        "",
        "| script | minutes | load before | load after | outcome |",
        "|---|---|---|---|---|",
    ]
    lines += [
        f"| {step.name} | {step.seconds / 60:.1f} | {step.load_before} | {step.load_after} | "
        f"{step.failed or 'ok'} |"
        for step in steps
    ]
    lines += ["", f"- The benchmarks after seeding: **{measured / 60:.1f} min**."]
    if seeded is not None:
        lines.append(f"- Seeding (`seed_scale`, before them): {seeded / 60:.1f} min.")
    return "\n".join(lines)


def write_timings(url: str, scale: str, steps: Sequence[Step], *, seeded: float | None, quick: bool) -> None:
    from bench.common import setup_django, write_section

    os.environ["BENCH_SCALE"] = scale  # the section is `run@<scale>`, as the scripts' are
    setup_django(url)  # write_section names the PostgreSQL server
    write_section("run", "Runner: time per script", timings_body(steps, seeded=seeded, quick=quick))


def _manage(arguments: list[str], env: dict[str, str]) -> None:
    _run([str(PROJECT_DIR / "manage.py"), *arguments], env)


def _step(name: str, arguments: list[str], env: dict[str, str]) -> Step:
    """Run one script; a failure is recorded and the next script still runs (a 1m run is long)."""
    before, started = load_average(), time.monotonic()
    done = subprocess.run([sys.executable, *arguments], cwd=PROJECT_DIR, env=env)
    failed = f"failed (code {done.returncode})" if done.returncode else ""
    if failed:
        print(f"{name}: {failed}", flush=True)
    return Step(name, time.monotonic() - started, before, load_average(), failed)


def _run(arguments: list[str], env: dict[str, str]) -> None:
    done = subprocess.run([sys.executable, *arguments], cwd=PROJECT_DIR, env=env)
    if done.returncode != 0:
        raise SystemExit(f"Gagal: {' '.join(arguments)} (kode {done.returncode})")


if __name__ == "__main__":
    main()
