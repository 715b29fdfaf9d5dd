"""Submissions list: page 1 vs page ~1,000, keyset pagination (DESIGN.md section 8).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/alur_skj_bench .venv/bin/python -m bench.list_pages

Budget: page 1,000 answers within 1.5x the latency of page 1 on a table of at least 100,000 rows.
The deep page is reached the way a client reaches it, by following `next` links from page 1; then
both pages are requested in alternating batches by one client (latency, not throughput). For
reference the same depth is also read with OFFSET, which is what keyset pagination avoids.
"""

from __future__ import annotations

import argparse
import json
import time
from urllib.parse import urlsplit

from bench import api_client
from bench.common import percentile, setup_django, summary_ms, verdict, write_section
from bench.server import Run, get, gunicorn, load

LIST_PATH = "/api/v1/submissions/"


def main() -> None:
    args = _arguments()
    env = setup_django(args.database_url)
    from submissions.models import Submission

    documents = Submission.objects.count()
    with gunicorn(env, args.workers) as port:
        headers = {"Authorization": f"Token {api_client.token_for(port, api_client.ADMIN)}"}
        first = f"{LIST_PATH}?page_size={args.page_size}"
        deep, reached = _walk(port, headers, first, args.page)
        page_one, page_deep = _measure(port, headers, first, deep, args)
    queries = {name: _queries(path) for name, path in (("first", first), ("deep", deep))}
    offset = _offset_reference(args.page_size, reached)
    _report(args, documents, reached, page_one, page_deep, queries, offset)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--page", type=int, default=1000, help="the deep page to reach")
    parser.add_argument("--page-size", type=int, default=25, help="the API's default page size")
    parser.add_argument("--samples", type=int, default=50, help="requests per page per round")
    parser.add_argument("--rounds", type=int, default=4)
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
) -> tuple[Run, Run]:
    load(port, [first, deep] * 10, headers, 1)  # warm-up: imports, connections, caches
    page_one, page_deep = Run(), Run()
    for number in range(args.rounds):
        sides = [(page_one, first), (page_deep, deep)]
        if number % 2:
            sides.reverse()
        for total, path in sides:
            total.add(load(port, [path] * args.samples, headers, 1))
    return page_one, page_deep


def _queries(path: str) -> int:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from rest_framework.authtoken.models import Token

    token, _ = Token.objects.get_or_create(user=api_client.user(api_client.ADMIN))
    with CaptureQueriesContext(connection) as captured:
        Client().get(path, headers={"Authorization": f"Token {token.key}"})
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
    args: argparse.Namespace,
    documents: int,
    reached: int,
    page_one: Run,
    page_deep: Run,
    queries: dict[str, int],
    offset: tuple[float, float],
) -> None:
    one, deep = summary_ms(page_one.latencies), summary_ms(page_deep.latencies)
    ratio = deep["p50"] / one["p50"]
    ratio95 = deep["p95"] / one["p95"]
    rows = [
        ("page 1", page_one, one, queries["first"]),
        (f"page {reached}", page_deep, deep, queries["deep"]),
    ]
    table = "\n".join(
        f"| {name} | {s['p50']:.1f} | {s['p95']:.1f} | {s['mean']:.1f} | {run.error_count} | {count} |"
        for name, run, s, count in rows
    )
    body = f"""
Setup: {documents:,} documents; `GET {LIST_PATH}?page_size={args.page_size}` as `{api_client.ADMIN}`
(sees every document), keyset pagination on `-id`; page {reached} reached by following `next`
{reached - 1} times ({(reached - 1) * args.page_size:,} rows deep). gunicorn with {args.workers} sync
workers, one client, {args.rounds} alternating rounds of {args.samples} requests per page.

| page | p50 ms | p95 ms | mean ms | errors | SQL queries |
|---|---|---|---|---|---|
{table}

- Latency ratio page {reached} / page 1: **{ratio:.2f}x** at p50, {ratio95:.2f}x at p95
  (budget <= 1.5x: {verdict(ratio <= 1.5)}).
- For reference, the same depth read with LIMIT/OFFSET in SQL: {offset[0]:.2f} ms at page 1,
  {offset[1]:.2f} ms at page {reached} ({offset[1] / offset[0]:.1f}x), the cost keyset pagination avoids.
"""
    print(body)
    write_section("list_pages", "Submissions list: page 1 vs a deep page (keyset)", body)


if __name__ == "__main__":
    main()
