"""Queries of one transition, through the service and through the API, and network I/O inside it.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/alur_skj_bench \
        .venv/bin/python -m bench.transition_queries

Budgets (DESIGN.md section 8): a transition costs at most 20 queries and does no network I/O inside
the request; e-mail goes through the outbox (Notification rows) and a Celery task queued after
commit. The run walks a new position of the scale dataset through the whole procedure twice (the
second version supersedes the first), counting each step with CaptureQueriesContext. Mail is
pointed at a closed SMTP port, so an attempt to send inside the request would show up as a
connection to it. With Redis on 127.0.0.1:6379 the broker is Redis database 13 (queued messages
are removed afterwards); without it tasks run eagerly and mail goes to memory.
"""

from __future__ import annotations

import argparse
import datetime
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bench.common import setup_django, verdict, write_section
from bench.server import free_port

BROKER_DB = 13
REDIS = ("127.0.0.1", 6379)


# First words of the transaction control statements Django logs next to the queries.
TRANSACTION_CONTROL = {"BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE"}


@dataclass
class Measured:
    step: str
    via: str
    queries: int
    statements: int
    inside: list[str]
    after: list[str]
    smtp: int


def main() -> None:
    argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    ).parse_args()
    smtp_port = free_port()  # nothing listens there
    broker = _redis_available()
    os.environ["BENCH_EMAIL_URL"] = f"smtp://127.0.0.1:{smtp_port}"
    os.environ["BENCH_REDIS_URL"] = f"redis://{REDIS[0]}:{REDIS[1]}/{BROKER_DB}" if broker else ""
    if not broker:
        os.environ["BENCH_EMAIL_URL"] = "memorymail://"
    setup_django()
    try:
        results = _walk(smtp_port)
    finally:
        if broker:
            _purge_broker()
    _report(results, broker)


def _redis_available() -> bool:
    try:
        with socket.create_connection(REDIS, timeout=1):
            return True
    except OSError:
        return False


def _walk(smtp_port: int) -> list[Measured]:
    from workflow import services

    cast = _cast()
    position = _new_position(cast["opd"])
    measure = _Measure(smtp_port)
    draft = measure(
        "create_draft",
        "service",
        lambda: services.submission_create_draft(position_id=position.pk, actor=cast["drafter"]),
    )
    content = _valid_content()
    measure(
        "update_content",
        "service",
        lambda: services.submission_update_content(submission_id=draft.pk, actor=cast["drafter"], **content),
    )
    measure(
        "submit",
        "service",
        lambda: services.submission_fire_transition(
            submission_id=draft.pk, name="submit", actor=cast["drafter"]
        ),
    )
    for name, who, extra in _procedure():
        measure.api(name, draft.pk, cast[who], extra)
    revision = measure(
        "start_revision",
        "service",
        lambda: services.submission_start_revision(
            position_id=position.pk,
            actor=cast["drafter"],
            reason="Peraturan baru",
            legal_basis="Permenpan 2026",
        ),
    )
    for name, who, extra in _procedure()[1:]:
        label = "ministry_agree (supersedes v1)" if name == "ministry_agree" else name
        measure.api(name, revision.pk, cast[who], extra, label=label)
    return measure.results


def _procedure() -> list[tuple[str, str, dict[str, Any]]]:
    letter = {"letter_number": "B/123/M.SM.01.00/2026", "letter_date": datetime.date.today().isoformat()}
    return [
        ("return_to_drafter", "reviewer", {"reason_code": "wording", "comment": "Perbaiki uraian."}),
        ("submit", "drafter", {}),
        ("forward", "reviewer", {}),
        ("send_to_ministry", "organisasi", letter),
        ("ministry_agree", "ministry", letter),
    ]


class _Measure:
    def __init__(self, smtp_port: int) -> None:
        self.smtp_port = smtp_port
        self.results: list[Measured] = []

    def __call__(self, step: str, via: str, action: Callable[[], Any]) -> Any:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from bench.network import recording

        with CaptureQueriesContext(connection) as queries, recording() as network:
            value = action()
        self.results.append(
            Measured(
                step,
                via,
                sum(1 for q in queries.captured_queries if not _is_control(q["sql"])),
                len(queries),
                network.peers(in_transaction=True),
                network.peers(in_transaction=False),
                network.to_port(self.smtp_port),
            )
        )
        return value

    def api(self, name: str, pk: int, user: Any, extra: dict[str, Any], label: str = "") -> None:
        from django.test import Client

        from integrations.tokens import token_issue

        token = token_issue(user=user, name="bench").secret
        client = Client(headers={"Authorization": f"Token {token}"})
        path = f"/api/v1/submissions/{pk}/transitions/"
        response = self(
            label or name,
            "API",
            lambda: client.post(path, {"name": name, **extra}, content_type="application/json"),
        )
        if response.status_code != 200:
            raise SystemExit(f"{name}: HTTP {response.status_code} {response.content[:400]!r}")


def _is_control(sql: str) -> bool:
    return sql.strip().split(" ", 1)[0].upper() in TRANSACTION_CONTROL


def _cast() -> dict[str, Any]:
    from django.contrib.auth import get_user_model

    from submissions.models import OPD

    users = get_user_model().objects
    opd = OPD.objects.filter(instansi__name="Instansi Skala 001").order_by("id").first()
    if opd is None:
        raise SystemExit("Data skala belum ada: jalankan `manage.py seed_scale` dulu.")
    stem = f"skala.i001.o{opd.pk}"
    return {
        "opd": opd,
        "drafter": users.get(username=f"{stem}.penyusun"),
        "reviewer": users.get(username=f"{stem}.pemeriksa"),
        "organisasi": users.get(username="skala.i001.organisasi"),
        "ministry": users.get(username="skala.kemenpan"),
    }


def _new_position(opd: Any) -> Any:
    from django.utils import timezone

    from submissions.models import Position, PositionKind

    name = f"Analis Benchmark Transisi {timezone.now():%Y%m%d%H%M%S%f}"
    return Position.objects.create(opd=opd, name=name, kind=PositionKind.PELAKSANA)


def _valid_content() -> dict[str, Any]:
    from submissions.models import Competency
    from submissions.validity import MANAGERIAL_CODES, SOCIOCULTURAL_CODES

    if not Competency.objects.filter(code=MANAGERIAL_CODES[0], instansi__isnull=True).exists():
        raise SystemExit("Kamus kompetensi belum ada: jalankan `manage.py seed_demo` dulu.")
    fixed = [{"group": "managerial", "code": code, "level": 3} for code in MANAGERIAL_CODES]
    fixed += [{"group": "sociocultural", "code": code, "level": 3} for code in SOCIOCULTURAL_CODES]
    technical = {
        "group": "technical",
        "name": "Analisis Data Layanan",
        "level": 3,
        "description": "Mampu menganalisis data layanan.",
        "indicators": ["Menyusun laporan analisis"],
    }
    return {
        "summary": "Menganalisis data layanan sebagai bahan kebijakan.",
        "competencies": [*fixed, technical],
        "requirements": [
            {"section": "education_level", "text": "S-1", "importance": "mutlak"},
            {"section": "experience", "text": "Analisis data 2 tahun", "importance": "penting"},
        ],
    }


def _purge_broker() -> None:
    """Drop what this run queued in its own broker database: no worker listens there."""
    import redis

    client = redis.Redis(host=REDIS[0], port=REDIS[1], db=BROKER_DB)
    keys = [key for pattern in ("celery*", "_kombu*", "unacked*") for key in client.scan_iter(match=pattern)]
    if keys:
        client.delete(*keys)


def _report(results: list[Measured], broker: bool) -> None:
    table = "\n".join(
        f"| {r.step} | {r.via} | {r.queries} | {r.statements} | {', '.join(r.inside) or 'none'} | "
        f"{', '.join(r.after) or 'none'} | {r.smtp} |"
        for r in results
    )
    transitions = [r for r in results if r.step not in ("create_draft", "update_content", "start_revision")]
    worst = max(transitions, key=lambda r: r.queries)
    inside = sum(len(r.inside) for r in results)
    smtp = sum(r.smtp for r in results)
    where = (
        f"Celery broker: Redis database {BROKER_DB} on 127.0.0.1:6379 (as in production; no worker)"
        if broker
        else "no Redis: Celery ran tasks eagerly in-process, mail to memory"
    )
    body = f"""
One new position of the scale dataset walked through the procedure twice, as the scale users of
Instansi Skala 001; {where}; mail pointed at a closed SMTP port. Queries counted with
CaptureQueriesContext around the service call or the API request (django.test.Client, token auth);
the budget counts SQL queries, transaction control statements are shown next to them.
"Network" lists the peers of Python socket calls (PostgreSQL traffic goes through libpq and is not
counted), split by whether a database transaction was open.

| step | via | SQL queries | incl. BEGIN/COMMIT | network in transaction | network after commit | SMTP tries |
|---|---|---|---|---|---|---|
{table}

- Most queries for one transition: **{worst.queries}** ({worst.step}, {worst.via}); budget <= 20:
  {verdict(worst.queries <= 20)}.
- Network I/O inside a transaction: **{inside}** calls; SMTP attempts during requests: **{smtp}**
  (budget: none: {verdict(inside == 0 and smtp == 0)}). After commit the request only hands the
  notification ids to the broker.
"""
    print(body)
    write_section("transition_queries", "Queries and network I/O of a transition", body)


if __name__ == "__main__":
    main()
