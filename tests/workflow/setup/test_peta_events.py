"""A committed peta jabatan import tells the feed of each position it created or changed."""

from __future__ import annotations

from django.contrib.auth.models import User

from submissions.models import OPD, ImportKind, Instansi, Position
from tests.workflow.setup.test_bad_input import peta, position
from workflow.events.models import Event, EventKind
from workflow.setup.imports import import_commit, import_upload


def commit(organisasi: User, region: Instansi, content: bytes) -> None:
    batch, _ = import_upload(
        actor=organisasi,
        kind=ImportKind.PETA_JABATAN,
        instansi_id=region.pk,
        filename="p.csv",
        content=content,
    )
    _, committed = import_commit(actor=organisasi, batch_id=batch.pk)
    assert committed.committed, committed.all_problems()


def test_an_import_writes_created_and_changed_position_events(
    organisasi: User, region: Instansi, dinkes: OPD
):
    commit(organisasi, region, peta(position("Dinas Kesehatan", "Kepala Dinas")))
    head = Position.objects.get()
    assert [(e.kind, e.position_id, e.opd_id, e.instansi_id) for e in Event.objects.order_by("id")] == [
        (EventKind.POSITION_CREATED, head.pk, dinkes.pk, region.pk)
    ]

    commit(
        organisasi,
        region,
        peta(
            position("Dinas Kesehatan", "Kepala Dinas", kind="Administrator"),
            position("Dinas Kesehatan", "Staf", parent="Kepala Dinas"),
        ),
    )

    later = list(Event.objects.order_by("id"))[1:]
    staff = Position.objects.get(name="Staf")
    assert sorted((e.kind, e.position_id, tuple(e.data["changes"])) for e in later) == sorted(
        [(EventKind.POSITION_CREATED, staff.pk, ()), (EventKind.POSITION_CHANGED, head.pk, ("imported",))]
    )
    assert {e.actor_kind for e in Event.objects.all()} == {"bagian_organisasi"}
