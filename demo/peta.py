"""The demo peta jabatan: each OPD's positions under their head, with headcount, and a decree.

Parents follow the usual shape of a dinas: the head (JPT Pratama, or the Camat) on top; the
secretary and the heads of division under him; a section head under the administrator of his
sub-unit; executors and functional positions under the section head of their sub-unit, else under
the administrator of their sub-unit, else under the secretary or the head. Headcount comes from a
fixed table by kind, so running the seed again changes nothing. The approved standards of one OPD
are enacted by a decree (through the decree service), so coverage shows approved and enacted apart.
"""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User

from submissions.models import OPD, Position, PositionKind, Submission
from workflow.decrees.models import DecreeKind, HeadOfRegion
from workflow.decrees.services import DecreeInput, record_decree
from workflow.machine import State

HEADCOUNT = {  # kind: (bezetting, kebutuhan)
    PositionKind.JPT_PRATAMA: (1, 1),
    PositionKind.ADMINISTRATOR: (1, 1),
    PositionKind.PENGAWAS: (1, 1),
    PositionKind.PELAKSANA: (3, 5),
    PositionKind.FUNGSIONAL: (2, 4),
}
ENACTED_OPD = ("Pemerintah Kota Madiun", "Dinas Kesehatan")
ENACTED_BY = "madiun.organisasi"
DECREE = DecreeInput(
    kind=DecreeKind.PERATURAN,
    head=HeadOfRegion.WALI_KOTA,
    number="18 Tahun 2026",
    date=datetime.date(2026, 3, 2),
    title="Standar Kompetensi Jabatan di Lingkungan Dinas Kesehatan",
)


def load_peta_jabatan() -> None:
    for opd in OPD.objects.all():
        _link(list(Position.objects.filter(opd=opd).order_by("pk")))


def enact_demo_standards() -> None:
    """Enact the OPD's approved standards not enacted yet; a second run reads and writes nothing.

    Runs outside any transaction: record_decree opens its own durable one.
    """
    instansi, opd_name = ENACTED_OPD
    unenacted = list(
        Submission.objects.filter(
            state=State.APPROVED,
            position__opd__instansi__name=instansi,
            position__opd__name=opd_name,
            enactment__isnull=True,
        ).values_list("pk", flat=True)
    )
    if not unenacted:
        return
    record_decree(
        instansi_id=OPD.objects.get(instansi__name=instansi, name=opd_name).instansi_id,
        actor=User.objects.get(username=ENACTED_BY),
        decree=DECREE,
        submission_ids=unenacted,
    )


def _link(positions: list[Position]) -> None:
    head = next((p for p in positions if p.kind in (PositionKind.JPT_PRATAMA, PositionKind.JPT_MADYA)), None)
    head = head or next((p for p in positions if p.name == "Camat"), None)
    if head is None:
        return
    administrators = {
        p.sub_unit: p for p in positions if p.kind == PositionKind.ADMINISTRATOR and p is not head
    }
    supervisors = {p.sub_unit: p for p in positions if p.kind == PositionKind.PENGAWAS}
    secretary = next((p for p in administrators.values() if p.name.startswith("Sekretaris")), None)
    for position in positions:
        parent = _parent(position, head, secretary, administrators, supervisors)
        bezetting, kebutuhan = HEADCOUNT.get(PositionKind(position.kind), (1, 1))
        values = {"parent_id": parent.pk if parent else None, "bezetting": bezetting, "kebutuhan": kebutuhan}
        if any(getattr(position, name) != value for name, value in values.items()):
            Position.objects.filter(pk=position.pk).update(**values)


def _parent(
    position: Position,
    head: Position,
    secretary: Position | None,
    administrators: dict[str, Position],
    supervisors: dict[str, Position],
) -> Position | None:
    if position is head:
        return None
    if position.kind == PositionKind.ADMINISTRATOR:
        return head
    admin = administrators.get(position.sub_unit)
    if position.kind == PositionKind.PENGAWAS:
        return admin or secretary or head
    return supervisors.get(position.sub_unit) or admin or secretary or head
