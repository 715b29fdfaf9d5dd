"""Submissions list: page 1 vs page ~1,000, keyset pagination (DESIGN.md section 8).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/alur_skj_bench .venv/bin/python -m bench.list_pages

Budget: page 1,000 answers within 1.5x the latency of page 1 on a table of at least 100,000 rows.
The deep page is reached the way a client reaches it, by following `next` links from page 1; then
both pages are requested in 3 rounds of alternating batches by one client (latency, not
throughput); the ratio is the deep page's p50 over page 1's in each round, median and range. Two
callers: the administrator, who sees every document (page 1,000), and a Bagian Organisasi, whose
scope is one instansi (its last page, since it holds ~5,000 documents). For reference the admin's
depth is also read with OFFSET, which is what keyset pagination avoids.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from bench import api_client
from bench.common import (
    ROUNDS,
    percentile,
    round_ratios,
    setup_django,
    spread,
    summary_ms,
    verdict,
    write_section,
)
from bench.server import Run, get, gunicorn, load

LIST_PATH = "/api/v1/submissions/"


@dataclass
class Scenario:
    username: str
    reached: int
    first: list[Run]  # one batch per round
    deep: list[Run]
    queries: tuple[int, int]

    @property
    def ratios(self) -> list[float]:
        return round_ratios(
            [summary_ms(run.latencies)["p50"] for run in self.deep],
            [summary_ms(run.latencies)["p50"] for run in self.first],
        )


def pooled(runs: list[Run]) -> Run:
    """The requests of every round together, for the latency table."""
    total = Run()
    for run in runs:
        total.add(run)
    return total


def main() -> None:
    args = _arguments()
    env = setup_django(args.database_url)
    from submissions.models import Submission

    documents = Submission.objects.count()
    first = f"{LIST_PATH}?page_size={args.page_size}"
    scenarios = []
    with gunicorn(env, args.workers) as port:
        for username in (api_client.ADMIN, api_client.ORGANISASI):
            headers = {"Authorization": f"Token {api_client.token_for(port, username)}"}
            deep, reached = _walk(port, headers, first, args.page)
            one, far = _measure(port, headers, first, deep, args)
            scenarios.append(
                Scenario(username, reached, one, far, (_queries(username, first), _queries(username, deep)))
            )
    offset = _offset_reference(args.page_size, scenarios[0].reached)
    _report(args, documents, scenarios, offset)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--page", type=int, default=1000, help="the deep page to reach")
    parser.add_argument("--page-size", type=int, default=25, help="the API's default page size")
    parser.add_argument("--samples", type=int, default=50, help="requests per page per round")
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    parser.add_argument("--workers", type=int, default=3)
    return parser.parse_args()


def _walk(port: int, headers: dict[str, str], first: str, page: int) -> tuple[str, int]:
    """Follow `next` from page 1 to page `page` (or the last page); returns its path and number."""
    path, number = first, 1
    while number < page:
        status, body = get(port, path, headers)
        if status != 200:
            raise SystemExit(f"{path} menjawab HTTP {status}: {body[:300]!r}")
        following = json.loads(body).get("next")
        if not following:
            break
        parts = urlsplit(following)
        path, number = f"{parts.path}?{parts.query}", number + 1
    print(f"reached page {number}")
    return path, number


def _measure(
    port: int, headers: dict[str, str], first: str, deep: str, args: argparse.Namespace
) -> tuple[list[Run], list[Run]]:
    load(port, [first, deep] * 10, headers, 1)  # warm-up: imports, connections, caches
    page_one: list[Run] = []
    page_deep: list[Run] = []
    for number in range(args.rounds):
        sides = [(page_one, first), (page_deep, deep)]
        if number % 2:
            sides.reverse()
        for rounds, path in sides:
            rounds.append(load(port, [path] * args.samples, headers, 1))
    return page_one, page_deep


def _queries(username: str, path: str) -> int:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from integrations.tokens import token_issue

    token = token_issue(user=api_client.user(username), name="bench").secret
    with CaptureQueriesContext(connection) as captured:
        Client().get(path, headers={"Authorization": f"Token {token}"})
    return len(captured)


def _offset_reference(page_size: int, page: int, repeats: int = 30) -> tuple[float, float]:
    """Median ms of reading page 1 and page `page` of ids with LIMIT/OFFSET (no keyset)."""
    from submissions.models import Submission

    def timed(offset: int) -> float:
        samples = []
        for _ in range(repeats):
            started = time.perf_counter()
            list(Submission.objects.order_by("-id").values_list("id", "state")[offset : offset + page_size])
            samples.append(time.perf_counter() - started)
        return percentile(samples, 0.5) * 1000

    return timed(0), timed((page - 1) * page_size)


def _report(
    args: argparse.Namespace, documents: int, scenarios: list[Scenario], offset: tuple[float, float]
) -> None:
    rows = []
    for scenario in scenarios:
        for name, run, count in (
            ("page 1", pooled(scenario.first), scenario.queries[0]),
            (f"page {scenario.reached}", pooled(scenario.deep), scenario.queries[1]),
        ):
            s = summary_ms(run.latencies)
            rows.append(
                f"| `{scenario.username}` | {name} | {s['p50']:.1f} | {s['p95']:.1f} | {s['mean']:.1f} | "
                f"{run.error_count} | {count} |"
            )
    ratios = "\n".join(
        f"- `{s.username}`: page {s.reached} / page 1 = **{spread(s.ratios)}** at p50, median of the "
        f"{len(s.ratios)} rounds (budget <= 1.5x: {verdict(statistics.median(s.ratios) <= 1.5)})."
        for s in scenarios
    )
    admin = scenarios[0]
    body = f"""
Setup: {documents:,} documents; `GET {LIST_PATH}?page_size={args.page_size}`, keyset pagination on
`-id`; the deep page reached by following `next` from page 1 (`{admin.username}`: {admin.reached - 1}
times, {(admin.reached - 1) * args.page_size:,} rows deep). gunicorn with {args.workers} sync workers,
one client, {args.rounds} alternating rounds of {args.samples} requests per page; the latency table
pools the rounds, each ratio is the median of the per-round ratios with their range.

| caller | page | p50 ms | p95 ms | mean ms | errors | SQL queries |
|---|---|---|---|---|---|---|
{chr(10).join(rows)}

{ratios}
- For reference, the admin's depth read with LIMIT/OFFSET in SQL: {offset[0]:.2f} ms at page 1,
  {offset[1]:.2f} ms at page {admin.reached} ({offset[1] / offset[0]:.1f}x): the cost keyset
  pagination avoids.
"""
    print(body)
    write_section("list_pages", "Submissions list: page 1 vs a deep page (keyset)", body)


if __name__ == "__main__":
    main()
