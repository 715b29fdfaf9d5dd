"""The peta jabatan counts a standard enacted only when a decree enacts it (workflow.decrees)."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.utils import timezone

from submissions.models import OPD, Instansi, Position, PositionKind, Submission
from workflow.decrees.models import DecreeKind, HeadOfRegion
from workflow.decrees.services import DecreeInput, record_decree
from workflow.setup.peta import peta_jabatan


def _approved(opd: OPD, name: str, actor: User) -> Submission:
    position = Position.objects.create(opd=opd, name=name, kind=PositionKind.PELAKSANA)
    return Submission.objects.create(
        position=position, created_by=actor, state="approved", header={"position_name": name}
    )


def test_an_approved_standard_counts_as_enacted_once_a_decree_enacts_it(
    region: Instansi, organisasi: User, dinkes: OPD
) -> None:
    enacted = _approved(dinkes, "Pengadministrasi Umum", organisasi)
    _approved(dinkes, "Pengelola Keuangan", organisasi)
    Position.objects.create(opd=dinkes, name="Pengemudi", kind=PositionKind.PELAKSANA)

    before = peta_jabatan(region).coverage
    record_decree(
        instansi_id=region.pk,
        actor=organisasi,
        decree=DecreeInput(
            kind=DecreeKind.KEPUTUSAN,
            head=HeadOfRegion.BUPATI,
            number="800/12/2026",
            date=timezone.localdate(),
            title="Standar Kompetensi Jabatan",
        ),
        submission_ids=[enacted.pk],
    )
    after = peta_jabatan(region).coverage

    assert (before.positions, before.approved, before.enacted) == (3, 2, 0)
    assert (after.positions, after.approved, after.enacted) == (3, 2, 1)
