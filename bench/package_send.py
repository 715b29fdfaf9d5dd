"""Queries per item of a consultation package, and network I/O inside its transaction.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/alur_skj_bench \
        .venv/bin/python -m bench.package_send

Issue 11: sending a package and recording the ministry's answer fire every item through the
single-document transition in one transaction; the cost per item must stay constant (no query
that grows with the package inside the loop) and no network I/O may happen while the transaction
is open (notifications are outbox rows; the letter's file is stored before the transaction).
The run builds packages of 10 and 100 standards in compilation (new positions in one OPD of
Instansi Skala 001), sends each with a cover letter PDF, then records one answer agreeing to all
items, counting queries with CaptureQueriesContext and socket calls with bench.network.
"""

from __future__ import annotations

import argparse
import io
import os
import time
from dataclasses import dataclass
from typing import Any

from bench.common import setup_django, verdict, write_section
from bench.server import free_port
from bench.transition_queries import (
    BROKER_DB,
    REDIS,
    _cast,
    _is_control,
    _purge_broker,
    _redis_available,
    _valid_content,
)

SIZES = (10, 100)


@dataclass
class Measured:
    step: str
    items: int
    queries: int
    seconds: float
    inside: list[str]
    after: list[str]


def main() -> None:
    argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    ).parse_args()
    broker = _redis_available()
    os.environ["BENCH_EMAIL_URL"] = f"smtp://127.0.0.1:{free_port()}" if broker else "memorymail://"
    os.environ["BENCH_REDIS_URL"] = f"redis://{REDIS[0]}:{REDIS[1]}/{BROKER_DB}" if broker else ""
    setup_django()
    try:
        # A package of one first, unmeasured: what a process reads once and keeps (stage budgets,
        # the instansi's role holders, config/memo.py) would otherwise be charged to the first
        # measured package alone and show as a fraction of a query per item.
        _one_package(1)
        results = [row for size in SIZES for row in _one_package(size)]
    finally:
        if broker:
            _purge_broker()
    _report(results, broker)


def _one_package(size: int) -> list[Measured]:
    from workflow.packages.services import ItemAnswer, create_package, record_answer, send_package

    cast = _cast()
    documents = [_in_compilation(cast, f"{size}-{i}") for i in range(size)]
    ids = [document.pk for document in documents]
    letter = {"letter_number": f"800/{size}/Bench/2026", "letter_date": _today(cast)}
    package = create_package(
        instansi_id=cast["opd"].instansi_id,
        actor=cast["organisasi"],
        title=f"Bench {size}",
        submission_ids=ids,
    )
    sent = _measure(
        "send_package",
        size,
        lambda: send_package(
            package_id=package.pk, actor=cast["organisasi"], letter_file=io.BytesIO(_pdf()), **letter
        ),
    )
    answers = [ItemAnswer(pk, "agreed", position_code=f"B.{pk}") for pk in ids]
    answered = _measure(
        "record_answer",
        size,
        lambda: record_answer(package_id=package.pk, actor=cast["ministry"], answers=answers, **letter),
    )
    return [sent, answered]


def _in_compilation(cast: dict[str, Any], suffix: str) -> Any:
    from django.utils import timezone

    from submissions.models import Position, PositionKind
    from workflow import services

    name = f"Analis Benchmark Paket {timezone.now():%Y%m%d%H%M%S%f} {suffix}"
    position = Position.objects.create(opd=cast["opd"], name=name, kind=PositionKind.PELAKSANA)
    draft = services.submission_create_draft(position_id=position.pk, actor=cast["drafter"])
    services.submission_update_content(submission_id=draft.pk, actor=cast["drafter"], **_valid_content())
    services.submission_fire_transition(submission_id=draft.pk, name="submit", actor=cast["drafter"])
    return services.submission_fire_transition(submission_id=draft.pk, name="forward", actor=cast["reviewer"])


def _today(cast: dict[str, Any]) -> Any:
    from zoneinfo import ZoneInfo

    from django.utils import timezone

    return timezone.now().astimezone(ZoneInfo(cast["opd"].instansi.time_zone)).date()


def _pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _measure(step: str, items: int, action: Any) -> Measured:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bench.network import recording

    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries, recording() as network:
        action()
    return Measured(
        step,
        items,
        sum(1 for q in queries.captured_queries if not _is_control(q["sql"])),
        time.perf_counter() - started,
        network.peers(in_transaction=True),
        network.peers(in_transaction=False),
    )


def _report(results: list[Measured], broker: bool) -> None:
    table = "\n".join(
        f"| {r.step} | {r.items} | {r.queries} | {r.queries / r.items:.2f} | {r.seconds * 1000:.0f} | "
        f"{', '.join(r.inside) or 'none'} | {', '.join(r.after) or 'none'} |"
        for r in results
    )
    lines = []
    constant = True
    for step in ("send_package", "record_answer"):
        small, large = (next(r for r in results if r.step == step and r.items == n) for n in SIZES)
        per_item = (large.queries - small.queries) / (large.items - small.items)
        fixed = small.queries - per_item * small.items
        constant = constant and per_item == int(per_item)
        lines.append(
            f"- {step}: {small.queries} queries for {small.items} items, {large.queries} for {large.items}: "
            f"**{per_item:g} per item** plus {fixed:g} per package."
        )
    inside = sum(len(r.inside) for r in results)
    where = (
        f"Celery broker: Redis database {BROKER_DB} on 127.0.0.1:6379 (no worker)"
        if broker
        else "no Redis: Celery ran tasks eagerly in-process, mail to memory"
    )
    body = f"""
Packages of 10 and 100 new standards in compilation (one OPD of Instansi Skala 001), sent with a
cover letter PDF (stored before the transaction), then answered in one letter agreeing to every
item; {where}.
Queries counted with CaptureQueriesContext around the service call (SQL only, transaction control
left out); "network" lists the peers of Python socket calls, split by whether a database
transaction was open. Time is wall-clock on a shared 2-core machine, for reference only.

| step | items | SQL queries | per item | ms | network in transaction | network after commit |
|---|---|---|---|---|---|---|
{table}

{chr(10).join(lines)}
- The same whole number of queries for every further item, whatever the package's size:
  {verdict(constant)}.
- Network I/O inside the transaction: **{inside}** calls ({verdict(inside == 0)}).
"""
    print(body)
    write_section("package_send", "Queries per item of a consultation package", body)


if __name__ == "__main__":
    main()
