"""API transitions under a burst of 8 clients, against a floor doing the same row writes in raw SQL.

Both sides are served by the same gunicorn (sync workers, DEBUG off, token auth, the API's
throttling and renderer) and hit by the same 8 client threads, one POST per document. The API side
is `POST /api/v1/submissions/{id}/transitions/ {"name": "send_to_ministry"}` by Bagian Organisasi
of Instansi Skala 001; the floor (`bench/urls.py`, TransitionFloor) locks the document, updates it,
writes its log row and as many notification rows as the API wrote per transition in its first
round. A warm-up burst of 8 documents per side comes first. Between rounds the documents are put
back into compilation with a plain UPDATE (benchmark databases only). 3 rounds, the sides' order
alternating; the ratio is API / floor in transitions per second, median with its range.
"""

from __future__ import annotations

import argparse
import datetime
import http.client
import json
import os
import queue
import statistics
import threading
import time
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from bench import api_client
from bench.common import percentile, setup_django, spread, verdict, write_section
from bench.server import HOST, gunicorn

ROUNDS = 3
WARM_UP = 8  # documents per side
API_PATH = "/api/v1/submissions/{}/transitions/"
FLOOR_PATH = "/bench/floor-transition/{}/?rows={}"
# Sending to the ministry needs the cover letter's number and date (not before the stage began,
# not in the future): today in Instansi Skala 001's zone (WIB), where the documents come from.
TRANSITION_BODY = {
    "name": "send_to_ministry",
    "letter_number": "B/100/ORG/2026",
    "letter_date": datetime.datetime.now(ZoneInfo("Asia/Jakarta")).date().isoformat(),
}


@dataclass
class Burst:
    wall: float = 0.0
    latencies: list[float] = field(default_factory=list)
    errors: dict[int, int] = field(default_factory=dict)
    notifications: int = 0

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.wall if self.wall else 0.0


def burst(port: int, paths: list[str], token: str, clients: int) -> Burst:
    work: queue.SimpleQueue[str] = queue.SimpleQueue()
    for path in paths:
        work.put(path)
    result = Burst()
    lock = threading.Lock()
    body = json.dumps(TRANSITION_BODY)
    headers = {"Authorization": f"Token {token}", "Content-Type": "application/json"}

    def client() -> None:
        while True:
            try:
                path = work.get_nowait()
            except queue.Empty:
                return
            connection = http.client.HTTPConnection(HOST, port, timeout=60)
            started = time.perf_counter()
            connection.request("POST", path, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            connection.close()
            with lock:
                result.latencies.append(time.perf_counter() - started)
                if response.status != 200:
                    result.errors[response.status] = result.errors.get(response.status, 0) + 1

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.wall = time.perf_counter() - started
    return result


def reset(ids: list[int]) -> None:
    """Put the documents back into compilation (a plain UPDATE: benchmark databases only)."""
    from submissions.models import Submission

    Submission.objects.filter(pk__in=ids).update(state="compilation")


def notifications_of(ids: list[int]) -> int:
    from notifications.models import Notification

    return Notification.objects.filter(submission_id__in=ids).count()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--transitions", type=int, default=40, help="documents per side per round")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=5, help="gunicorn sync workers")
    parser.add_argument(
        "--eager",
        action="store_true",
        help="no broker: the email is rendered and delivered inside the request (as `make run`)",
    )
    args = parser.parse_args()
    broker = "" if args.eager else os.environ.get("BENCH_REDIS_URL") or os.environ.get("REDIS_URL", "")
    os.environ["BENCH_REDIS_URL"] = broker
    env = setup_django()
    from submissions.models import Submission

    pool = list(
        Submission.objects.filter(state="compilation", position__opd__instansi__name="Instansi Skala 001")
        .order_by("id")
        .values_list("id", flat=True)[: 2 * args.transitions + 2 * WARM_UP]
    )
    if len(pool) < 2 * args.transitions + 2 * WARM_UP:
        raise SystemExit(f"Hanya {len(pool)} dokumen kompilasi di Instansi Skala 001; kurangi --transitions.")
    warm, measured = pool[: 2 * WARM_UP], pool[2 * WARM_UP :]
    sides = {"api": measured[0::2], "floor": measured[1::2]}
    results: dict[str, list[Burst]] = {"api": [], "floor": []}
    rows = 1  # notification rows per floor transition: as many as the API's first round wrote
    try:
        with gunicorn(env, args.workers) as port:
            token = api_client.token_for(port, api_client.ORGANISASI)
            # Warm-up, not counted: every worker has its connection, imports and caches ready.
            burst(port, [API_PATH.format(pk) for pk in warm[0::2]], token, args.clients)
            burst(port, [FLOOR_PATH.format(pk, 1) for pk in warm[1::2]], token, args.clients)
            for round_ in range(ROUNDS):
                order = ("api", "floor") if round_ % 2 == 0 else ("floor", "api")
                for side in order:
                    ids = sides[side]
                    paths = [
                        API_PATH.format(pk) if side == "api" else FLOOR_PATH.format(pk, rows) for pk in ids
                    ]
                    reset(ids)
                    before = notifications_of(ids)
                    done = burst(port, paths, token, args.clients)
                    done.notifications = notifications_of(ids) - before
                    if side == "api" and round_ == 0:
                        rows = max(1, round(done.notifications / len(ids)))
                    results[side].append(done)
                    print(f"round {round_ + 1} {side}: {done.rate:.1f}/s errors {done.errors}", flush=True)
    finally:
        reset(pool)
        if broker:
            purge(broker)
    _report(args, results, broker)


def purge(broker: str) -> None:
    """Drop the tasks this run queued: no worker listens for them on a benchmark broker."""
    import redis

    client = redis.Redis.from_url(broker)
    keys = [key for pattern in ("celery*", "_kombu*", "unacked*") for key in client.scan_iter(match=pattern)]
    if keys:
        client.delete(*keys)


def _report(args: argparse.Namespace, results: dict[str, list[Burst]], broker: str) -> None:
    ratios = [a.rate / f.rate for a, f in zip(results["api"], results["floor"], strict=True)]
    lines = [
        f"Setup: {args.transitions} documents per side per round, {args.clients} client threads, gunicorn "
        f"with {args.workers} sync workers, {ROUNDS} rounds with the order of the sides alternating. "
        + (
            "Celery broker: Redis (tasks queued on commit, no worker: the email is not rendered here)."
            if broker
            else "No broker (`--eager`): each email is rendered and delivered inside the request."
        ),
        "",
        "| side | transitions/s (median of 3) | range | p50 ms | p95 ms | errors "
        "| notification rows / transition |",
        "|---|---|---|---|---|---|---|",
    ]
    for side, label in (("floor", "raw-SQL floor (same writes)"), ("api", "API `send_to_ministry`")):
        runs = results[side]
        latencies = [x for run in runs for x in run.latencies]
        errors = sum(sum(run.errors.values()) for run in runs)
        rates = [run.rate for run in runs]
        per = runs[0].notifications / args.transitions
        p50, p95 = percentile(latencies, 0.5) * 1000, percentile(latencies, 0.95) * 1000
        lines.append(
            f"| {label} | {statistics.median(rates):.1f} | {min(rates):.1f}-{max(rates):.1f} | "
            f"{p50:.0f} | {p95:.0f} | {errors} | {per:.1f} |"
        )
    api_rate = statistics.median(run.rate for run in results["api"])
    ratio = statistics.median(ratios)
    lines += [
        "",
        f"- API / floor = **{spread(ratios)}** (budget >= 0.3x: {verdict(ratio >= 0.3)}).",
        f"- API: {api_rate:.1f} transitions per second (budget >= 30/s in a quiet run: "
        f"{verdict(api_rate >= 30)}).",
    ]
    print("\n".join(lines))
    name, title = "transition_burst", "API transitions under a burst vs a raw-SQL floor"
    if not broker:
        name, title = f"{name}_eager", f"{title}, eager tasks"
    write_section(name, title, "\n".join(lines))


if __name__ == "__main__":
    main()
