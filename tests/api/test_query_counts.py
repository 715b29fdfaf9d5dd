"""Every list endpoint costs the same number of queries for 1 row and for 100 rows, at most 10."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from notifications.models import Notification
from submissions.models import OPD, Competency, CompetencyGroup, CompetencyLevel, Position, Submission
from tests.api.conftest import client_for
from tests.builders import World
from tests.documents import document_in
from workflow.models import ConsultationPackage, Decree, Enactment, ReasonCode, Snapshot, TransitionLog

DAY = datetime.date(2026, 11, 20)

MAX_QUERIES = 10


def _count(client, path: str, rows: int) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"{path}{'&' if '?' in path else '?'}page_size=100")
    assert response.status_code == 200, response.content
    assert len(response.json()["results"]) == rows
    return len(queries.captured_queries)


def _more_opds(world: World, n: int) -> None:
    OPD.objects.bulk_create(
        OPD(instansi=world.other_instansi_opd.instansi, name=f"Badan {i}") for i in range(n)
    )


def _more_competencies(world: World, n: int) -> None:
    for i in range(n):
        competency = Competency.objects.create(
            code=f"T.{i + 10}", name=f"Teknis {i}", group=CompetencyGroup.TECHNICAL, instansi=world.instansi
        )
        CompetencyLevel.objects.create(competency=competency, level=1, description="-", indicators=["-"])


def _more_reason_codes(world: World, n: int) -> None:
    ReasonCode.objects.bulk_create(ReasonCode(code=f"alasan-{i}", label=f"Alasan {i}") for i in range(n))


def _more_positions(world: World, n: int) -> None:
    positions = Position.objects.bulk_create(
        Position(opd=world.other_instansi_opd, name=f"Jabatan {i}", kind="pelaksana") for i in range(n)
    )
    for position in positions[: n // 2]:
        position.urusan.create(name=f"Urusan {position.pk}")


def _more_submissions(world: World, n: int) -> None:
    positions = Position.objects.bulk_create(
        Position(opd=world.opd, name=f"Jabatan {i}", kind="pelaksana") for i in range(n)
    )
    Submission.objects.bulk_create(Submission(position=p, created_by=world.drafter) for p in positions)


def _more_log_rows(world: World, n: int) -> None:
    submission = Submission.objects.get(position=world.position)
    TransitionLog.objects.bulk_create(
        TransitionLog(submission=submission, transition="submit", from_state="draft", to_state="opd_review",
                      actor=world.drafter if i % 2 else None, round=1)
        for i in range(n)
    )  # fmt: skip


def _more_snapshots(world: World, n: int) -> None:
    submission = Submission.objects.get(position=world.position)
    Snapshot.objects.bulk_create(Snapshot(submission=submission, round=1, content={}) for _ in range(n))


def _notification(world: World, key: str) -> Notification:
    return Notification(
        kind="submit",
        recipient=world.other_organisasi,
        event_key=key,
        idempotency_key=key,
        delivery="in_app",
        subject="Dokumen diajukan",
        body_text="-",
        body_html="-",
        status="in_app",
    )


def _more_notifications(world: World, n: int) -> None:
    Notification.objects.bulk_create(_notification(world, f"k{i}") for i in range(n))


def _more_packages(world: World, n: int) -> None:
    ConsultationPackage.objects.bulk_create(
        ConsultationPackage(instansi=world.instansi, title=f"Paket {i}", created_by=world.organisasi)
        for i in range(n)
    )


def _more_decrees(world: World, n: int) -> None:
    start = Decree.objects.count()
    Decree.objects.bulk_create(_decree(world, f"{start + i}") for i in range(n))


def _decree(world: World, number: str) -> Decree:
    return Decree(
        instansi=world.instansi, kind="keputusan", head="wali_kota", number=number, date=DAY, title="SKJ"
    )


def _more_effective(world: World, n: int) -> None:
    start = Position.objects.count()
    positions = Position.objects.bulk_create(
        Position(opd=world.opd, name=f"Jabatan Berlaku {start + i}", kind="pelaksana") for i in range(n)
    )
    approved = Submission.objects.bulk_create(
        Submission(position=p, created_by=world.drafter, state="approved", header={"position_name": p.name})
        for p in positions
    )
    decree = _decree(world, f"berlaku-{start}")
    decree.save()
    Enactment.objects.bulk_create(Enactment(decree=decree, submission=s) for s in approved[: (n + 1) // 2])


# (path, user, adds rows)
LISTS: dict[str, tuple[str, str, Callable[[World, int], None]]] = {
    "opds": ("/api/v1/opds/", "other_organisasi", _more_opds),
    "competencies": ("/api/v1/competencies/?group=technical", "drafter", _more_competencies),
    "reason-codes": ("/api/v1/reason-codes/", "drafter", _more_reason_codes),
    "positions": ("/api/v1/positions/", "other_organisasi", _more_positions),
    "submissions": ("/api/v1/submissions/", "drafter", _more_submissions),
    "history": ("/api/v1/submissions/{id}/history/", "drafter", _more_log_rows),
    "snapshots": ("/api/v1/submissions/{id}/snapshots/", "drafter", _more_snapshots),
    "notifications": ("/api/v1/notifications/", "other_organisasi", _more_notifications),
    "packages": ("/api/v1/packages/", "organisasi", _more_packages),
    "decrees": ("/api/v1/decrees/", "organisasi", _more_decrees),
    "effective-standards": ("/api/v1/effective-standards/", "organisasi", _more_effective),
}


def _start(world: World, name: str) -> str:
    """A world where the list has exactly one row for its user; returns the path."""
    path, _, _ = LISTS[name]
    if name == "reason-codes":
        ReasonCode.objects.exclude(code="other").delete()
    if name in ("submissions", "history", "snapshots"):
        submission = document_in(world, "draft")
        if name == "snapshots":
            Snapshot.objects.create(submission=submission, round=1, content={})
        return path.format(id=submission.pk)
    if name == "notifications":
        _notification(world, "first").save()
    if name in ("packages", "decrees", "effective-standards"):
        LISTS[name][2](world, 1)
    if name == "positions":
        Position.objects.create(opd=world.other_instansi_opd, name="Sekretaris", kind="administrator")
    return path


@pytest.mark.parametrize("name", list(LISTS))
def test_a_list_costs_the_same_queries_for_1_and_100_rows(world: World, name: str) -> None:
    path = _start(world, name)
    _, role, add = LISTS[name]
    client = client_for(getattr(world, role))
    client.get(path)  # the first request caches the token, the user and his roles

    one = _count(client, path, 1)
    add(world, 99)
    hundred = _count(client, path, 100)

    assert one == hundred
    assert hundred <= MAX_QUERIES
