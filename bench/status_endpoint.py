"""Status endpoint vs a bare Django view, side by side in one run (DESIGN.md section 8).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/alur_skj_bench .venv/bin/python -m bench.status_endpoint

Budgets: the API's `GET /api/v1/submissions/{id}/status/` reaches at least 60% of the throughput of
a bare Django view doing the same single indexed query (bench/urls.py), and its p95 stays under
50 ms, with 100,000 documents. Both run in the same gunicorn (sync workers, loopback), in
interleaved batches, with the same ids, so a neighbour's load hits both sides alike. A third side,
the same query behind DRF with the API's authentication and throttling, splits the gap into what
the framework costs and what the application's own work costs.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import statistics

from bench import api_client
from bench.common import ROUNDS, round_ratios, setup_django, spread, summary_ms, verdict, write_section
from bench.server import Run, get, gunicorn, load

API_PATH = "/api/v1/submissions/{}/status/"
BARE_PATH = "/bench/bare-status/{}/"
DRF_PATH = "/bench/drf-status/{}/"
SIDES = (("bare", BARE_PATH), ("drf", DRF_PATH), ("api", API_PATH))


def main() -> None:
    args = _arguments()
    env = setup_django(args.database_url)
    from submissions.models import Submission

    documents = Submission.objects.count()
    ids = api_client.visible_ids(api_client.ORGANISASI, args.ids)
    queries, calls = _cost_per_request(ids)
    with gunicorn(env, args.workers) as port:
        headers = {"Authorization": f"Token {api_client.token_for(port, api_client.ORGANISASI)}"}
        _check_endpoints(port, ids[0], headers)
        _warm_up(port, ids, headers, args)
        runs, rounds = _measure(port, ids, headers, args)
    _report(args, documents, queries, calls, runs, rounds)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--workers", type=int, default=5, help="gunicorn sync workers (2 x cores + 1)")
    parser.add_argument("--concurrency", type=int, default=4, help="client threads")
    parser.add_argument("--requests", type=int, default=1000, help="requests per side per round")
    parser.add_argument("--rounds", type=int, default=ROUNDS, help="rounds, the sides' order rotating")
    parser.add_argument("--ids", type=int, default=500, help="distinct documents requested")
    return parser.parse_args()


def _cost_per_request(ids: list[int]) -> tuple[dict[str, int], dict[str, float]]:
    """SQL queries and Python function calls one request of each side costs (in-process, same code
    path, warm caches): figures a neighbour's load does not move, unlike the timings."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from integrations.tokens import token_issue

    token = token_issue(user=api_client.user(api_client.ORGANISASI), name="bench").secret
    client = Client()
    queries, calls = {}, {}
    headers = {"Authorization": f"Token {token}"}
    for side, template in SIDES:
        paths = [template.format(pk) for pk in ids[:CALL_SAMPLE]]
        for path in paths:  # the first calls fill per-process caches
            client.get(path, headers=headers)
        with CaptureQueriesContext(connection) as captured:
            client.get(paths[0], headers=headers)
        queries[side] = len(captured)
        profiler = cProfile.Profile()
        profiler.enable()
        for path in paths:
            client.get(path, headers=headers)
        profiler.disable()
        counted = pstats.Stats(profiler).stats.values()  # type: ignore[attr-defined]
        calls[side] = sum(entry[1] for entry in counted) / len(paths)
    return queries, calls


CALL_SAMPLE = 50


def _check_endpoints(port: int, pk: int, headers: dict[str, str]) -> None:
    for _, template in SIDES:
        path = template.format(pk)
        status, body = get(port, path, headers)
        if status != 200 or b'"state"' not in body:
            raise SystemExit(f"{path} menjawab HTTP {status}: {body[:300]!r}")


def _paths(template: str, ids: list[int], count: int, seed: int) -> list[str]:
    order = random.Random(seed).choices(ids, k=count)
    return [template.format(pk) for pk in order]


def _warm_up(port: int, ids: list[int], headers: dict[str, str], args: argparse.Namespace) -> None:
    # Every worker imports lazily and opens its database connection on its first requests.
    for _, template in SIDES:
        load(port, _paths(template, ids, args.workers * 40, 1), headers, args.concurrency)


def _measure(
    port: int, ids: list[int], headers: dict[str, str], args: argparse.Namespace
) -> tuple[dict[str, Run], list[dict[str, float]]]:
    runs = {side: Run() for side, _ in SIDES}
    rounds = []
    for number in range(args.rounds):
        # Rotate the order so no side always runs first (or right after a neighbour's burst).
        order = SIDES[number % len(SIDES) :] + SIDES[: number % len(SIDES)]
        this_round = {}
        for side, template in order:
            paths = _paths(template, ids, args.requests, number)
            batch = load(port, paths, headers, args.concurrency)
            this_round[side] = batch.throughput
            runs[side].add(batch)
        rounds.append(this_round)
        print(f"round {number + 1}: " + ", ".join(f"{s} {t:.0f} req/s" for s, t in this_round.items()))
    return runs, rounds


NAMES = {
    "bare": "bare Django view (same indexed query)",
    "drf": "DRF floor: same query, API's auth/throttle/renderer",
    "api": "API `GET /api/v1/submissions/{id}/status/`",
}


def _report(
    args: argparse.Namespace,
    documents: int,
    queries: dict[str, int],
    calls: dict[str, float],
    runs: dict[str, Run],
    rounds: list[dict[str, float]],
) -> None:
    bare, api = runs["bare"], runs["api"]

    def per_round(top: str, bottom: str) -> list[float]:
        return round_ratios([r[top] for r in rounds], [r[bottom] for r in rounds])

    api_bare = per_round("api", "bare")
    ratio = statistics.median(api_bare)
    p95 = summary_ms(api.latencies)["p95"]
    table = "\n".join(
        f"| {NAMES[side]} | {run.throughput:.0f} | {s['p50']:.1f} | {s['p95']:.1f} | {s['p99']:.1f} | "
        f"{run.error_count} | {queries[side]} | {calls[side]:,.0f} |"
        for side, run in runs.items()
        for s in [summary_ms(run.latencies)]
    )
    body = f"""
Setup: {documents:,} documents in the database; gunicorn with {args.workers} sync workers on
127.0.0.1, `CONN_MAX_AGE=60`, DEBUG off; {args.concurrency} client threads; {args.rounds} rounds of
{args.requests} requests per side, the sides interleaved in rotating order, over {args.ids} distinct
documents visible to `{api_client.ORGANISASI}` (Bagian Organisasi), token auth. The middle row
(bench/urls.py) shows how much of the gap is DRF and token authentication themselves. "Python
calls" is the number of Python function calls of one request (cProfile, in-process, warm caches,
mean of {CALL_SAMPLE} requests): unlike the timings, a neighbour's load does not move it.

| endpoint | req/s | p50 ms | p95 ms | p99 ms | errors | SQL queries | Python calls |
|---|---|---|---|---|---|---|---|
{table}

- Throughput ratio API / bare, median of the {args.rounds} rounds (range): **{spread(api_bare)}**
  (budget >= 0.60x: {verdict(ratio >= 0.6)}); DRF floor / bare {spread(per_round("drf", "bare"))},
  API / DRF floor {spread(per_round("api", "drf"))}; over all requests pooled: API / bare
  {api.throughput / bare.throughput:.0%}.
- API p95: **{p95:.1f} ms** (budget < 50 ms: {verdict(p95 < 50)}).
"""
    print(body)
    write_section("status_endpoint", "Status endpoint vs bare Django view", body)


if __name__ == "__main__":
    main()
