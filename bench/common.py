"""Shared pieces of the benchmark scripts: settings, the machine, statistics and RESULTS.md.

Benchmarks are scripts, not tests: they report numbers and ratios measured in one run on this
machine and never pass or fail on a time threshold.
"""

from __future__ import annotations

import datetime
import os
import platform
import re
import secrets
import statistics
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BENCH_DIR.parent
RESULTS = BENCH_DIR / "RESULTS.md"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/alur_skj_bench"
# Every ratio is measured this many times, its two sides interleaved in each round (issue 15): one
# round can be hit by a neighbour's burst, the median of three rarely is and the range shows it.
ROUNDS = 3

RESULTS_HEADER = """# Benchmark results (DESIGN.md section 8)

Written by the scripts in `bench/` (see bench/README.md); each section is replaced when its script
runs again. Every ratio compares two things measured side by side, interleaved, in one run on the
same machine: the machine has 2 cores that other work (test runs, other services) may share, so
absolute numbers move between runs while the ratios are what the budgets are about.
"""


def bench_environment(database_url: str | None = None) -> dict[str, str]:
    """Environment of a production-like process: DEBUG off, persistent connections, no throttling.

    DEBUG off matters: with DEBUG on Django records every query in memory. Throttle rates are raised
    (not removed) so the throttle's cache look-up is still paid, as in production.
    """
    url = database_url or os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    return {
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": url,
        "DEBUG": "0",
        "SECRET_KEY": os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(50),
        "SECURE_SSL_REDIRECT": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "CONN_MAX_AGE": os.environ.get("BENCH_CONN_MAX_AGE", "60"),
        "API_THROTTLE_USER": "100000000/min",
        "API_THROTTLE_ANON": "100000000/min",
        "AXES_ENABLED": "0",
        "EMAIL_URL": os.environ.get("BENCH_EMAIL_URL", "memorymail://"),
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", ""),
        "LOG_LEVEL": "WARNING",
    }


def setup_django(database_url: str | None = None) -> dict[str, str]:
    """Configure this process like the server it measures, then start Django."""
    env = bench_environment(database_url)
    os.environ.update(env)
    sys.path.insert(0, str(PROJECT_DIR))
    import django

    django.setup()
    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit("Benchmark ini harus dijalankan pada PostgreSQL (set DATABASE_URL).")
    from config.startup import freeze_loaded_objects

    freeze_loaded_objects()  # as config/wsgi.py does in every web process
    return env


def machine() -> str:
    """One line describing where the numbers come from."""
    cpu = "unknown CPU"
    try:
        text = Path("/proc/cpuinfo").read_text()
        found = re.search(r"^model name\s*:\s*(.+)$", text, re.MULTILINE)
        cpu = found.group(1).strip() if found else cpu
    except OSError:
        pass
    return (
        f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, "
        f"{postgres_version()}, {platform.system()} {platform.release()}"
    )


def postgres_version() -> str:
    from django.db import connection

    if connection.vendor != "postgresql":
        return str(connection.display_name)
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return f"PostgreSQL {cursor.fetchone()[0].split()[0]}"


def commit() -> str:
    """The code measured: BENCH_COMMIT when running from an export, else the checkout's HEAD."""
    if os.environ.get("BENCH_COMMIT"):
        return os.environ["BENCH_COMMIT"]
    try:
        done = subprocess.run(
            ["git", "-C", str(PROJECT_DIR), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
        )
    except OSError:
        return "unknown"
    return done.stdout.strip() or "unknown"


def now_text() -> str:
    return datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")


def percentile(values: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile (fraction 0.95 for p95) of a non-empty sample."""
    ordered = sorted(values)
    rank = max(1, round(fraction * len(ordered) + 0.5 - 1e-9))
    return ordered[min(rank, len(ordered)) - 1]


def summary_ms(latencies: Sequence[float]) -> dict[str, float]:
    """p50/p95/p99/mean in milliseconds of latencies given in seconds."""
    return {
        "p50": percentile(latencies, 0.50) * 1000,
        "p95": percentile(latencies, 0.95) * 1000,
        "p99": percentile(latencies, 0.99) * 1000,
        "mean": statistics.fmean(latencies) * 1000,
    }


def write_section(name: str, title: str, body: str) -> None:
    """Replace (or add) the section `name` of RESULTS.md with `body`, stamped with machine and date."""
    text = RESULTS.read_text() if RESULTS.exists() else RESULTS_HEADER
    scale = os.environ.get("BENCH_SCALE")
    if scale:  # bench.run: one section per script and scale, beside the older unscaled ones
        name, title = f"{name}@{scale}", f"{title} ({scale})"
    begin, end = f"<!-- BEGIN {name} -->", f"<!-- END {name} -->"
    section = (
        f"{begin}\n## {title}\n\nMeasured {now_text()} at commit {commit()} on {machine()}; load average "
        f"when written: {load_average()} (other work shares the machine).\n\n{body.strip()}\n{end}"
    )
    pattern = re.compile(re.escape(begin) + r".*?" + re.escape(end), re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _: section, text)
    else:
        text = text.rstrip() + "\n\n" + section + "\n"
    RESULTS.write_text(text if text.endswith("\n") else text + "\n")
    print(f"\nbench/RESULTS.md: section '{title}' updated.")


def load_average() -> str:
    """The 1, 5 and 15 minute load averages, e.g. "1.2, 0.8, 0.5" (above 2 the cores are shared)."""
    return ", ".join(f"{value:.1f}" for value in os.getloadavg())


def round_ratios(numerators: Sequence[float], denominators: Sequence[float]) -> list[float]:
    """One ratio per round, each of two figures measured side by side in that round.

    Dividing the figures of the same round (not the pooled figures of all rounds) keeps a burst on
    the machine in one round from moving the other rounds' ratios; `spread` then shows it.
    """
    if len(numerators) != len(denominators) or not numerators:
        raise ValueError("Setiap putaran membutuhkan kedua sisi perbandingan.")
    return [top / bottom for top, bottom in zip(numerators, denominators, strict=True)]


def spread(values: Sequence[float]) -> str:
    """Median and range of repeated measurements of one figure, e.g. "1.21x (1.10-1.35)"."""
    return f"{statistics.median(values):.2f}x ({min(values):.2f}-{max(values):.2f})"


def verdict(ok: bool) -> str:
    return "yes" if ok else "NO"
