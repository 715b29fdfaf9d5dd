"""The pages and endpoints of issue 15's table, at the scale of the database (`bench.run` sets it).

Requests go through Django's test client in this process (the whole middleware, view, template or
serializer stack, DEBUG off, no network), so a figure is the server's own time. Every ratio is
measured 3 times, its two sides interleaved, and reported as the median with the range; latency
budgets report the median p95 of the 3 rounds.

  ministry positions (page and API), page 1 and page 1,000 (or the last page when there are fewer)
  administrator positions, page 1 vs the deepest page
  `q=` search (positions page and API, submissions API, search page) for the administrator and the ministry
  the search page, the search API and the standards in force, page 1 vs page 1,000 (or the last)
  Bagian Organisasi's documents list (API, keyset), page 1 vs the last page as full as the first
  the ministry's documents list filtered by state
  the progress board (home page of Bagian Organisasi, and the selector alone)
"""

from __future__ import annotations

import argparse
import html
import re
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bench.common import percentile, setup_django, spread, verdict, write_section

ROUNDS = 3
ADMIN, MINISTRY, ORGANISASI = "skala.admin", "skala.kemenpan", "skala.i001.organisasi"


@dataclass
class Sample:
    label: str
    seconds: list[list[float]] = field(default_factory=list)  # one list per round
    statuses: set[int] = field(default_factory=set)
    queries: int = 0

    def p(self, fraction: float, round_: int) -> float:
        return percentile(self.seconds[round_], fraction) * 1000

    def median_p(self, fraction: float) -> float:
        return statistics.median(self.p(fraction, r) for r in range(len(self.seconds)))


class Caller:
    """A logged-in user on the pages (session) or the API (token)."""

    def __init__(self, username: str) -> None:
        from django.contrib.auth import get_user_model
        from django.test import Client

        from integrations.tokens import token_issue

        self.user = get_user_model().objects.get(username=username)
        self.username = username
        self.web = Client()
        self.web.force_login(self.user)
        token = token_issue(user=self.user, name="bench").secret
        self.api = Client(headers={"Authorization": f"Token {token}"})

    def get(self, path: str) -> Any:
        client = self.api if path.startswith("/api/") else self.web
        return client.get(path)


def measure(pairs: list[tuple[Caller, str, Sample]], requests: int) -> None:
    """Interleave the paths request by request, `ROUNDS` rounds of `requests` each, after a warm-up."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for caller, path, sample in pairs:
        with CaptureQueriesContext(connection) as queries:
            response = caller.get(path)
        sample.queries = len(queries)
        sample.statuses.add(response.status_code)
    for _ in range(ROUNDS):
        for _, _, sample in pairs:
            sample.seconds.append([])
        for _ in range(requests):
            for caller, path, sample in pairs:
                started = time.perf_counter()
                response = caller.get(path)
                sample.seconds[-1].append(time.perf_counter() - started)
                sample.statuses.add(response.status_code)


def ratio_text(deep: Sample, first: Sample) -> tuple[str, float]:
    ratios = [deep.p(0.5, r) / first.p(0.5, r) for r in range(ROUNDS)]
    return spread(ratios), statistics.median(ratios)


def row(sample: Sample) -> str:
    status = ",".join(str(s) for s in sorted(sample.statuses))
    p95s = [sample.p(0.95, r) for r in range(ROUNDS)]
    return (
        f"| {sample.label} | {sample.median_p(0.5):.1f} | {sample.median_p(0.95):.1f} | "
        f"{min(p95s):.1f}-{max(p95s):.1f} | {status} | {sample.queries} |"
    )


TABLE_HEAD = (
    "| what | p50 ms | p95 ms (median of 3) | p95 range | HTTP | SQL queries |\n|---|---|---|---|---|---|"
)


DEEPEST = 1000
_NEXT_LINK = re.compile(r'rel="next" href="([^"]+)"')


def deep_web_page(caller: Caller, path: str) -> tuple[str, int]:
    """The path of page 1,000 (or the last) of a page with keyset links, following "Berikutnya"."""
    pages, current = 1, path
    while pages < DEEPEST and (found := _NEXT_LINK.search(caller.get(current).content.decode())):
        current = path.split("?")[0] + html.unescape(found.group(1))
        pages += 1
    return current, pages


def deep_api_page(caller: Caller, path: str) -> tuple[str, int]:
    """The path of page 1,000 (or the last) of an API list, following `next`."""
    pages, current = 1, path
    while pages < DEEPEST and (following := caller.get(current).json().get("next")):
        current = following.removeprefix("http://testserver")
        pages += 1
    return current, pages


def last_full_keyset_page(caller: Caller, path: str) -> tuple[str, int]:
    """The path of the last page as full as the first, reached by following `next`, and its number.

    A shorter last page would be cheaper for its fewer rows alone (at 100,000 documents 17 rows
    served in 17 ms against 25 in 23 ms, the queries under 0.5 ms both), not for its depth.
    """
    first = caller.get(path).json()
    size, pages, current, following = len(first["results"]), 1, path, first.get("next")
    full = (path, 1)
    while following:
        current = following.removeprefix("http://testserver")
        body = caller.get(current).json()
        pages += 1
        if len(body["results"]) == size:
            full = (current, pages)
        following = body.get("next")
    return full


def positions_depth(requests: int) -> tuple[str, list[str]]:
    ministry, admin = Caller(MINISTRY), Caller(ADMIN)
    lines, samples = [], []
    budget = []
    for caller, who in ((ministry, "ministry"), (admin, "administrator")):
        web_path, web_deep = deep_web_page(caller, "/jabatan/")
        api_path, api_deep = deep_api_page(caller, "/api/v1/positions/?page_size=50")
        for kind, first_path, deep_path, deep in (
            ("page", "/jabatan/", web_path, web_deep),
            ("API", "/api/v1/positions/?page_size=50", api_path, api_deep),
        ):
            first = Sample(f"{who} positions {kind}, page 1")
            last = Sample(f"{who} positions {kind}, page {deep}")
            measure([(caller, first_path, first), (caller, deep_path, last)], requests)
            samples += [first, last]
            text, median = ratio_text(last, first)
            worst = max(first.median_p(0.95), last.median_p(0.95))
            budget.append(
                f"- {who} positions {kind}: page {deep} / page 1 = **{text}** at p50 (budget <= 1.5x: "
                f"{verdict(median <= 1.5)}); worst p95 {worst:.0f} ms "
                f"(budget < 300 ms: {verdict(worst < 300)})."
            )
    lines = [TABLE_HEAD, *(row(s) for s in samples), "", *budget]
    return "Positions: page 1 vs a deep page (ministry and administrator)", lines


def search(requests: int) -> tuple[str, list[str]]:
    from demo.scale import scale_positions

    names = scale_positions().order_by("-id").values_list("name", flat=True)
    rare = names[min(500, names.count() - 1)]  # one position, 500 rows from the newest
    rare_term = rare.split("(formasi ")[1].rstrip(")")
    pairs, budget = [], []
    for who in (ADMIN, MINISTRY):
        caller = Caller(who)
        # A common word, a common one that sorts late in the names, and one position's number.
        for term in ("Arsiparis", "Pranata", rare_term):
            for path in (
                f"/jabatan/?q={term}",
                f"/api/v1/positions/?q={term}",
                f"/api/v1/submissions/?q={term}",
                f"/cari/?q={term}",
            ):
                pairs.append((caller, path, Sample(f"`{who}` `{path}`")))
        # Words of the documents' lists (stored once per list, submissions migration 0015): one in
        # every competency list, one of some requirement lists, a name's word with a list's, and a
        # name's word with a list's word left out.
        for term in ("Integritas", "Kesekretariatan", "Arsiparis+Integritas", "Arsiparis+-Masyarakat"):
            for path in (f"/api/v1/submissions/?q={term}", f"/cari/?q={term}"):
                pairs.append((caller, path, Sample(f"`{who}` `{path}`")))
    measure(pairs, requests)
    for _, _, sample in pairs:
        p95 = sample.median_p(0.95)
        budget.append(f"- {sample.label}: p95 {p95:.0f} ms (budget < 200 ms: {verdict(p95 < 200)}).")
    return "Text search `q=` (administrator, ministry)", [
        TABLE_HEAD,
        *(row(s) for _, _, s in pairs),
        "",
        *budget,
    ]


def search_and_effective_depth(requests: int) -> tuple[str, list[str]]:
    """The search page, the search API and the standards in force: page 1 vs page 1,000 (or the last)."""
    lines, samples, budget = [], [], []
    for who, caller in (("administrator", Caller(ADMIN)), ("ministry", Caller(MINISTRY))):
        for kind, first_path, follow in (
            ("search page `/cari/?q=Arsiparis`", "/cari/?q=Arsiparis", deep_web_page),
            ("search API `?q=Arsiparis`", "/api/v1/submissions/?q=Arsiparis", deep_api_page),
            ("standards in force `/standar-berlaku/`", "/standar-berlaku/", deep_web_page),
        ):
            deep_path, deep = follow(caller, first_path)
            first = Sample(f"{who} {kind}, page 1")
            last = Sample(f"{who} {kind}, page {deep}")
            measure([(caller, first_path, first), (caller, deep_path, last)], requests)
            samples += [first, last]
            text, median = ratio_text(last, first)
            worst = max(first.median_p(0.95), last.median_p(0.95))
            limit = 200 if "search" in kind else 300
            budget.append(
                f"- {who} {kind}: page {deep} / page 1 = **{text}** at p50 (budget <= 1.5x: "
                f"{verdict(median <= 1.5)}); worst p95 {worst:.0f} ms "
                f"(budget < {limit} ms: {verdict(worst < limit)})."
            )
    lines = [TABLE_HEAD, *(row(s) for s in samples), "", *budget]
    return "Search and standards in force: page 1 vs a deep page (keyset)", lines


def organisasi_documents(requests: int) -> tuple[str, list[str]]:
    caller = Caller(ORGANISASI)
    last_path, pages = last_full_keyset_page(caller, "/api/v1/submissions/")
    first, last = Sample("documents list page 1"), Sample(f"documents list page {pages} (the last full)")
    measure([(caller, "/api/v1/submissions/", first), (caller, last_path, last)], requests)
    ratios = [first.p(0.5, r) / last.p(0.5, r) for r in range(ROUNDS)]
    median = statistics.median(ratios)
    return "Bagian Organisasi documents list (API): page 1 vs the last page", [
        TABLE_HEAD,
        row(first),
        row(last),
        "",
        f"- page 1 / the last full page = **{spread(ratios)}** at p50 "
        f"(budget: page 1 <= 1.5x any page: {verdict(median <= 1.5)}).",
    ]


def ministry_state_filter(requests: int) -> tuple[str, list[str]]:
    caller = Caller(MINISTRY)
    pairs = [
        (caller, f"/api/v1/submissions/?state={state}", Sample(f"ministry `?state={state}`"))
        for state in ("ministry_consultation", "approved", "compilation")
    ]
    measure(pairs, requests)
    budget = [
        f"- {s.label}: p95 {s.median_p(0.95):.0f} ms (budget < 100 ms: {verdict(s.median_p(0.95) < 100)})."
        for _, _, s in pairs
    ]
    return "Ministry documents list filtered by state (API)", [
        TABLE_HEAD,
        *(row(s) for _, _, s in pairs),
        "",
        *budget,
    ]


def progress_board(requests: int) -> tuple[str, list[str]]:
    from web.selectors import progress_boards

    caller = Caller(ORGANISASI)
    page = Sample("home page with the progress board (`/`)")
    measure([(caller, "/", page)], requests)
    selector: list[float] = []
    for _ in range(ROUNDS * requests):
        started = time.perf_counter()
        progress_boards(caller.user)
        selector.append(time.perf_counter() - started)
    p50, p95 = percentile(selector, 0.5) * 1000, percentile(selector, 0.95) * 1000
    return "Progress board (time per stage) of Bagian Organisasi", [
        TABLE_HEAD,
        row(page),
        "",
        f"- the selector `web.selectors.progress_boards` alone: p50 {p50:.0f} ms, "
        f"p95 {p95:.0f} ms (budget < 150 ms: {verdict(p95 < 150)}); "
        f"the page: p95 {page.median_p(0.95):.0f} ms.",
    ]


BENCHMARKS: dict[str, Callable[[int], tuple[str, list[str]]]] = {
    "positions": positions_depth,
    "search": search,
    "search_depth": search_and_effective_depth,
    "documents": organisasi_documents,
    "state_filter": ministry_state_filter,
    "progress_board": progress_board,
}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=10, help="Permintaan per sisi per putaran.")
    parser.add_argument("--only", action="append", choices=list(BENCHMARKS))
    args = parser.parse_args()
    setup_django()
    from demo.scale import scale_submissions

    documents = scale_submissions().count()
    for name, benchmark in BENCHMARKS.items():
        if args.only and name not in args.only:
            continue
        print(f"-- {name}", flush=True)
        title, lines = benchmark(args.requests)
        setup = (
            f"Setup: {documents:,} scale documents; Django test client in one process (DEBUG off, no "
            f"network); {ROUNDS} rounds of {args.requests} requests per row, rows interleaved; ratios are "
            "the median of the 3 rounds with their range."
        )
        print("\n".join(lines))
        write_section(f"scale_pages_{name}", title, setup + "\n\n" + "\n".join(lines))


if __name__ == "__main__":
    main()
