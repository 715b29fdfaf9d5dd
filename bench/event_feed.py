"""The event feed's page cost at the start and after 1,000,000 events (issue 16).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/alur_skj_bench .venv/bin/python -m bench.event_feed

Works on its own database `<DATABASE_URL's name>_events` (created and migrated when missing; the
events table is emptied first, so the "start" is a table of 1,000 events). Events are inserted
with one `INSERT ... SELECT generate_series` per step, through the real commit-order trigger (so
each row is numbered at commit as in production). After each step it reads, through Django's test
client in this process (DEBUG off), interleaved in 3 rounds:

  the first page (no cursor), the page at the tip (the cursor 100 events before the end), and
  an instansi-scoped integration account's page at the tip (its own events only),

and reports p50/p95 per page and the ratio at 1,000,000 to the start. Budget: the same cost (a
keyset page reads `seq > cursor ORDER BY seq LIMIT n` on an index, whatever lies before it).
"""

from __future__ import annotations

import argparse
import functools
import statistics
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from bench.common import (
    DEFAULT_DATABASE_URL,
    ROUNDS,
    percentile,
    round_ratios,
    setup_django,
    spread,
    verdict,
    write_section,
)

INSTANSI = 20  # the inserted events spread over this many instansi ids
PAGE = 100


def main() -> None:
    args = _arguments()
    url = _database(args.database_url)
    setup_django(url)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    account, instansi_id = _account()
    _empty()
    steps = [("start", args.start), (f"{args.events:,}", args.events)]
    results = []
    for label, total in steps:
        inserted = _insert_to(total, instansi_id)
        print(f"{label}: {total:,} events ({inserted:.1f} s to insert)")
        results.append((label, total, inserted, _measure(account, instansi_id, args)))
    _report(args, results, instansi_id)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--start", type=int, default=1_000)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--samples", type=int, default=100, help="requests per page per round")
    return parser.parse_args()


def _database(given: str | None) -> str:
    import os

    import psycopg

    base = given or os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    parts = urlsplit(base)
    url = urlunsplit(parts._replace(path=f"{parts.path.rstrip('/')}_events"))
    name = urlsplit(url).path.lstrip("/")
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')
    return url


def _account() -> tuple[Any, int]:
    from django.contrib.auth.models import User

    from submissions.models import Instansi, Role, RoleAssignment

    instansi, _ = Instansi.objects.get_or_create(name="Instansi Bench Feed", defaults={"kind": "kota"})
    user, created = User.objects.get_or_create(username="bench.feed.integrasi")
    if created:
        RoleAssignment.objects.create(user=user, role=Role.INTEGRATION, instansi=instansi)
    admin, _ = User.objects.get_or_create(username="bench.feed.admin", defaults={"is_superuser": True})
    return {"admin": admin, "integration": user}, instansi.pk


def _empty() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE workflow_event")


def _insert_to(total: int, instansi_id: int) -> float:
    """Top the table up to `total` events in one INSERT ... SELECT (numbered by the trigger at commit)."""
    from django.db import connection, transaction

    from workflow.events.models import Event

    have = Event.objects.count()
    if have >= total:
        return 0.0
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO workflow_event (kind, at, actor_kind, submission_id, version, round, position_id,
                opd_id, instansi_id, transition, from_state, to_state, data)
            SELECT 'transition', now() - make_interval(secs => %s - g), 'reviewer', g %% 100000, 1, 1,
                g %% 100000, g %% 500, %s + g %% %s, 'forward', 'opd_review', 'compilation', '{}'::jsonb
            FROM generate_series(%s, %s) AS g
            """,
            [total, instansi_id, INSTANSI, have + 1, total],
        )
    seconds = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE workflow_event")
    return seconds


def _measure(accounts: dict[str, Any], instansi_id: int, args: argparse.Namespace) -> dict[str, Any]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from rest_framework.test import APIClient

    from workflow.events.feed import encode_cursor
    from workflow.events.models import Event

    last = Event.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
    tip = encode_cursor(max(0, last - PAGE))
    # One event in INSTANSI is the account's: this far back, about a page of its own follows.
    own_tip = encode_cursor(max(0, last - PAGE * INSTANSI))
    pages: dict[str, tuple[Any, dict[str, str]]] = {
        "first page (admin)": (accounts["admin"], {"limit": str(PAGE)}),
        "page at the tip (admin)": (accounts["admin"], {"after": tip, "limit": str(PAGE)}),
        "page at the tip (instansi integration account)": (
            accounts["integration"],
            {"after": own_tip, "limit": str(PAGE)},
        ),
    }
    clients = {}
    for label, (user, _params) in pages.items():
        client = APIClient()
        client.force_authenticate(user)
        clients[label] = client
    samples: dict[str, list[list[float]]] = {label: [] for label in pages}
    counts: dict[str, tuple[int, int]] = {}
    for label, (_user, params) in pages.items():
        for _ in range(10):  # warm-up
            clients[label].get("/api/v1/events/", params)
        with CaptureQueriesContext(connection) as captured:
            response = clients[label].get("/api/v1/events/", params)
        counts[label] = (len(captured), len(response.json()["results"]))
    for round_ in range(ROUNDS):
        order = list(pages.items())
        if round_ % 2:
            order.reverse()
        for label, (_user, params) in order:
            samples[label].append(
                _timed(functools.partial(clients[label].get, "/api/v1/events/", params), args.samples)
            )
    return {"samples": samples, "counts": counts}


def _timed(request: Callable[[], Any], count: int) -> list[float]:
    seconds = []
    for _ in range(count):
        started = time.perf_counter()
        response = request()
        seconds.append(time.perf_counter() - started)
        assert response.status_code == 200, response.content[:300]
    return seconds


def _explain(instansi_id: int) -> str:
    from django.db import connection

    from workflow.events.models import Event

    last = Event.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
    with connection.cursor() as cursor:
        cursor.execute(
            "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT * FROM workflow_event WHERE seq > %s "
            "AND instansi_id IN (%s) ORDER BY seq LIMIT 100",
            [last - PAGE * INSTANSI, instansi_id],
        )
        return "\n".join(row[0] for row in cursor.fetchall())


def _report(
    args: argparse.Namespace, results: list[tuple[str, int, float, dict[str, Any]]], instansi_id: int
) -> None:
    rows = []
    medians: dict[tuple[str, str], float] = {}
    for label, total, inserted, measured in results:
        for page, rounds in measured["samples"].items():
            p50s = [percentile(r, 0.5) * 1000 for r in rounds]
            p95s = [percentile(r, 0.95) * 1000 for r in rounds]
            medians[(label, page)] = statistics.median(p50s)
            queries, returned = measured["counts"][page]
            rows.append(
                f"| {total:,} | {page} | {statistics.median(p50s):.2f} ({min(p50s):.2f}-{max(p50s):.2f}) | "
                f"{statistics.median(p95s):.2f} | {queries} | {returned} |"
            )
        rows.append(f"| {total:,} | (inserting up to here took {inserted:.1f} s) | | | | |")
    start, end = results[0][0], results[-1][0]
    ratios = []
    for page in results[0][3]["samples"]:
        ratio = medians[(end, page)] / medians[(start, page)]
        ratios.append(
            f"- {page}: {ratio:.2f}x at {end} events vs the start "
            f"({verdict(ratio <= 1.5)}: the same cost, <= 1.5x)."
        )
    # Measured side by side (interleaved) in one run: the page at the tip of 1,000,000 events
    # against the first page of the same table.
    samples = results[-1][3]["samples"]
    tip_vs_first = round_ratios(
        [percentile(r, 0.5) for r in samples["page at the tip (admin)"]],
        [percentile(r, 0.5) for r in samples["first page (admin)"]],
    )
    ratios.append(
        f"- interleaved in one run at {end} events: the page after {end} events / the first page = "
        f"**{spread(tip_vs_first)}** at p50, median of the {len(tip_vs_first)} rounds "
        f"({verdict(statistics.median(tip_vs_first) <= 1.5)}: the same cost). The start and the "
        f"{end} rows are measured minutes apart, so their ratio also carries the machine's load."
    )
    body = f"""
Command: `python -m bench.event_feed` (database `..._events`, {args.samples} requests per page per round,
3 rounds interleaved, Django's test client in one process, DEBUG off; page size {PAGE}). Events are
inserted with `INSERT ... SELECT generate_series` through the commit-order trigger.

| events in the table | page | p50 ms (range of 3 rounds) | p95 ms | SQL queries | events returned |
|---|---|---|---|---|---|
{chr(10).join(rows)}

{chr(10).join(ratios)}

The plan PostgreSQL chose for the scoped page at {end} events:

```
{_explain(instansi_id)}
```
"""
    write_section("event_feed", "Event feed: page cost at the start and after 1,000,000 events", body)


if __name__ == "__main__":
    main()
