"""Reminder sweep cost with 1,000 documents vs the benchmark database, the same number of due items.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/alur_skj_bench .venv/bin/python -m bench.reminder_sweep

Budget (DESIGN.md section 8): the sweep's cost grows with the due items, not with the documents.
The small dataset lives in its own database (`<name>_1k`, created, migrated and seeded on first
use). In each database the run pushes every pending reminder a day ahead, gives the same number
of drafts (drawn from its first 20 instansi) a deadline tomorrow and a reminder due one minute
ago, and times one call of `workflow.reminders.send_due_reminders`, counting its queries. Small
and large alternate, one fresh process per measurement (after a warm-up sweep), so both see the
same machine load; the ratios are taken per round (small and large one after the other) and
reported as the median of the 3 rounds with their range.
Notifications are rendered and delivered to memory (tasks run eagerly), as part of the cost.
This rewrites deadlines and reminders in the benchmark databases; never point it at real data.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from urllib.parse import urlsplit, urlunsplit

from bench.common import (
    DEFAULT_DATABASE_URL,
    PROJECT_DIR,
    ROUNDS,
    round_ratios,
    setup_django,
    spread,
    verdict,
    write_section,
)

MARK = "RESULT "
# The drafts reminded come from the first instansi of each database, as many as the small one has.
INSTANSI_DRAWN = 20


def main() -> None:
    args = _arguments()
    if args.child:
        _child(args.due)
        return
    large = args.database_url or os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    small = args.small_url or _sibling(large, "_1k")
    _ensure_small(small, args.small_size)
    runs: dict[str, list[dict[str, object]]] = {"small": [], "large": []}
    for number in range(args.repeats):
        for label, url in (("small", small), ("large", large))[:: 1 if number % 2 == 0 else -1]:
            runs[label].append(_measure_in_child(url, args.due))
            print(f"{label}: {runs[label][-1]}")
    setup_django(large)
    _report(args, runs)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default=None, help="the large dataset (default: DATABASE_URL)")
    parser.add_argument("--small-url", default=None, help="the small dataset (default: <name>_1k)")
    parser.add_argument("--small-size", type=int, default=1000)
    parser.add_argument("--due", type=int, default=100, help="due items in each database")
    parser.add_argument("--repeats", type=int, default=ROUNDS, help="rounds of small and large")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args()


def _sibling(url: str, suffix: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=parts.path.rstrip("/") + suffix))


def _ensure_small(url: str, size: int) -> None:
    """Create, migrate and seed the small database when it is missing (idempotent otherwise)."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')
    env = {**os.environ, "DATABASE_URL": url, "DEBUG": "1"}
    manage = [sys.executable, str(PROJECT_DIR / "manage.py")]
    for command in (
        ["migrate", "--noinput", "-v", "0"],
        ["seed_scale", "--submissions", str(size), "-v", "0"],
    ):
        subprocess.run([*manage, *command, "--skip-checks"], env=env, cwd=PROJECT_DIR, check=True)


def _measure_in_child(url: str, due: int) -> dict[str, object]:
    command = [sys.executable, "-m", "bench.reminder_sweep", "--child", "--due", str(due)]
    env = {**os.environ, "DATABASE_URL": url}
    output = subprocess.run(command, env=env, cwd=PROJECT_DIR, check=True, capture_output=True, text=True)
    line = next(line for line in output.stdout.splitlines() if line.startswith(MARK))
    return dict(json.loads(line.removeprefix(MARK)))


def _child(due: int) -> None:
    setup_django()
    from submissions.models import Submission

    _arm(5)
    _sweep()  # warm-up: imports, templates, connection
    armed = _arm(due)
    queries, seconds, announced = _sweep()
    plan = _plan()
    result = {
        "documents": Submission.objects.count(),
        "armed": armed,
        "announced": announced,
        "queries": queries,
        "seconds": seconds,
        **plan,
    }
    print(MARK + json.dumps(result))


def _arm(count: int) -> int:
    """Nothing due but `count` documents whose deadline is tomorrow, so each one earns a reminder now."""
    import datetime

    from django.utils import timezone

    from submissions.models import Instansi, Submission
    from workflow.machine import State

    now = timezone.now()
    Submission.objects.filter(next_reminder_at__lte=now + datetime.timedelta(hours=1)).update(
        next_reminder_at=now + datetime.timedelta(days=1)
    )
    # Drafts only: who hears of a reminder depends on the stage (the ministry stage also reaches every
    # ministry user), and the comparison must not change its recipients between the two databases.
    # From the same number of instansi in both, too: a process reads each instansi's role holders
    # once (workflow.roles.HOLDERS), so drafts drawn from all 546 instansi touch ~100 of them and
    # cost about 1.5 queries per item more than the small database's 20 (measured 2026-12-04), a
    # cost that follows the instansi reminded, not the documents.
    instansi = Instansi.objects.order_by("pk").values("pk")[:INSTANSI_DRAWN]
    drafts = Submission.objects.filter(state=State.DRAFT, instansi_id__in=instansi)
    chosen = list(drafts.order_by("?").values_list("pk", flat=True)[:count])
    # A new stage_entered_at gives the reminder a new idempotency key: re-arming a document that an
    # earlier run already reminded about the same deadline would otherwise (rightly) send nothing.
    return Submission.objects.filter(pk__in=chosen).update(
        stage_entered_at=now,
        due_at=now + datetime.timedelta(days=1),
        next_reminder_at=now - datetime.timedelta(minutes=1),
        reminders_sent=0,
        escalations_sent=0,
    )


def _sweep() -> tuple[int, float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from workflow.reminders import send_due_reminders

    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        announced = send_due_reminders()
        seconds = time.perf_counter() - started
    return len(captured), seconds, announced


def _plan() -> dict[str, object]:
    """How PostgreSQL finds the due documents (the part that could grow with the table)."""
    from django.utils import timezone

    from submissions.models import Submission

    due = Submission.objects.filter(next_reminder_at__lte=timezone.now()).order_by("next_reminder_at", "pk")
    text = due.values_list("pk", "next_reminder_at")[:500].explain(analyze=True)
    execution = next((line for line in text.splitlines() if line.startswith("Execution Time")), "")
    return {
        "index": "submission_reminder_due" in text,
        "select_ms": float(execution.split(":")[1].split()[0]) if execution else -1.0,
    }


def _report(args: argparse.Namespace, runs: dict[str, list[dict[str, object]]]) -> None:
    def median(label: str, key: str) -> float:
        return statistics.median(float(str(run[key])) for run in runs[label])

    rows = []
    for label in ("small", "large"):
        first = runs[label][0]
        rows.append(
            f"| {int(str(first['documents'])):,} | {first['armed']} | {first['announced']} | "
            f"{median(label, 'queries'):.0f} | {median(label, 'seconds') * 1000:.0f} | "
            f"{median(label, 'select_ms'):.2f} | {'yes' if all(r['index'] for r in runs[label]) else 'NO'} |"
        )

    def per_due(label: str, key: str) -> list[float]:
        # Per item armed: a database with fewer drafts than --due (a smoke run) arms fewer.
        return [float(str(run[key])) / max(1, int(str(run["armed"]))) for run in runs[label]]

    time_ratios, query_ratios = (
        round_ratios(per_due("large", key), per_due("small", key)) for key in ("seconds", "queries")
    )
    time_ratio, query_ratio = statistics.median(time_ratios), statistics.median(query_ratios)
    small_documents, large_documents = (int(str(runs[label][0]["documents"])) for label in ("small", "large"))
    body = f"""
Setup: `workflow.reminders.send_due_reminders()` with {args.due} due drafts in each database;
medians of {args.repeats} measurements per database, small and large alternating, one fresh process
each (after a warm-up sweep). Notifications rendered and delivered to memory as part of the sweep.

| documents | due | announced | queries | sweep ms | due-query ms (EXPLAIN ANALYZE) | partial index used |
|---|---|---|---|---|---|---|
{chr(10).join(rows)}

- Per due item: {statistics.median(per_due("large", "queries")):.0f} queries (claim, schedule,
  notification rows, delivery).
- {large_documents / small_documents:,.3g}x the documents, same due items; per due item and round
  (median and range of {len(time_ratios)}): queries **{spread(query_ratios)}**, time
  **{spread(time_ratios)}**
  (budget: cost follows the due items, ~1x: {verdict(query_ratio <= 1.1 and time_ratio <= 1.5)}).
"""
    print(body)
    title = f"Reminder sweep: {small_documents:,} vs {large_documents:,} documents"
    write_section("reminder_sweep", title, body)


if __name__ == "__main__":
    main()
