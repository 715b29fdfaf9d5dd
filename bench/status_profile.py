"""Where one status request spends its time: cProfile over Django's test client, warm caches.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/alur_skj_bench_10k \
        .venv/bin/python -m bench.status_profile --requests 200 --side api

The same request path as bench.status_endpoint (bench/urls.py's floor with `--side drf`), in one
process with DEBUG off; the first requests fill the token, user and role caches, then `--requests`
requests run under the profiler. It prints the functions with the most cumulative and the most
own time. A tool for reading, not a benchmark: it writes nothing to RESULTS.md.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats

from bench import api_client
from bench.common import setup_django

PATHS = {
    "api": "/api/v1/submissions/{}/status/",
    "drf": "/bench/drf-status/{}/",
    "bare": "/bench/bare-status/{}/",
}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--side", choices=list(PATHS), default="api")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--lines", type=int, default=40)
    args = parser.parse_args()
    setup_django(args.database_url)
    from django.test import Client

    from integrations.tokens import token_issue

    ids = api_client.visible_ids(api_client.ORGANISASI, 50)
    token = token_issue(user=api_client.user(api_client.ORGANISASI), name="profile").secret
    client = Client(headers={"Authorization": f"Token {token}"})
    paths = [PATHS[args.side].format(ids[number % len(ids)]) for number in range(args.requests)]
    for path in paths[:50]:  # fills the caches and this process's lazy imports
        assert client.get(path).status_code == 200, path
    profiler = cProfile.Profile()
    profiler.enable()
    for path in paths:
        client.get(path)
    profiler.disable()
    for order in ("cumulative", "tottime"):
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats(order).print_stats(args.lines)
        print(out.getvalue())


if __name__ == "__main__":
    main()
