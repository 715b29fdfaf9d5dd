"""A whole region imported as Bagian Organisasi would: 40 OPDs, 800 positions with parents,
300 users with roles and 100 technical competencies; one bad row commits nothing; again, nothing changes."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.region_files import dictionary_rows, opd_rows, people_rows, peta_rows, table
from notifications.models import Kind, Notification
from submissions.imports import preview_import
from submissions.models import (
    OPD,
    Competency,
    CompetencyLevel,
    ImportKind,
    Instansi,
    Position,
    Role,
    RoleAssignment,
)
from workflow.setup.imports import import_commit, import_upload

pytestmark = pytest.mark.django_db(transaction=False)


def upload_and_commit(actor: User, kind: str, content: bytes, instansi: Instansi) -> Any:
    batch, preview = import_upload(
        actor=actor, kind=kind, instansi_id=instansi.pk, filename="f.xlsx", content=content
    )
    assert preview.ok, preview.all_problems()[:5]
    _, committed = import_commit(actor=actor, batch_id=batch.pk)
    return committed


def import_region(actor: User, region: Instansi) -> None:
    upload_and_commit(actor, ImportKind.OPDS, table(ImportKind.OPDS, opd_rows(40)), region)
    upload_and_commit(
        actor, ImportKind.PETA_JABATAN, table(ImportKind.PETA_JABATAN, peta_rows(40, 20)), region
    )
    upload_and_commit(actor, ImportKind.PEOPLE, table(ImportKind.PEOPLE, people_rows(40, 300)), region)
    upload_and_commit(
        actor, ImportKind.DICTIONARY, table(ImportKind.DICTIONARY, dictionary_rows(100)), region
    )


def test_a_realistic_region_imports_with_every_parent_in_its_own_opd(
    organisasi: User, region: Instansi, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        import_region(organisasi, region)

    assert OPD.objects.filter(instansi=region).count() == 40
    positions = Position.objects.filter(opd__instansi=region)
    assert positions.count() == 800
    assert positions.filter(parent__isnull=True).count() == 40  # one head per OPD
    assert not positions.exclude(parent__isnull=True).exclude(parent__opd=models_f("opd")).exists()
    assert positions.filter(name="Sekretaris", parent__name__startswith="Kepala Dinas").count() == 40
    assert RoleAssignment.objects.filter(opd__instansi=region).count() == 299
    assert RoleAssignment.objects.filter(instansi=region, role=Role.BAGIAN_ORGANISASI).count() == 2
    assert Competency.objects.filter(instansi=region, urusan__isnull=False).count() == 100
    assert CompetencyLevel.objects.filter(competency__instansi=region).count() == 500
    assert Notification.objects.filter(kind=Kind.INVITATION).count() == 300
    assert len(mail.outbox) == 300
    assert not User.objects.get(username="pegawai0001").has_usable_password()


def models_f(name: str) -> Any:
    from django.db.models import F

    return F(name)


def test_importing_the_same_files_again_changes_nothing(organisasi: User, region: Instansi) -> None:
    import_region(organisasi, region)
    files = {
        ImportKind.OPDS: table(ImportKind.OPDS, opd_rows(40)),
        ImportKind.PETA_JABATAN: table(ImportKind.PETA_JABATAN, peta_rows(40, 20)),
        ImportKind.PEOPLE: table(ImportKind.PEOPLE, people_rows(40, 300)),
        ImportKind.DICTIONARY: table(ImportKind.DICTIONARY, dictionary_rows(100)),
    }
    for kind, content in files.items():
        preview = preview_import(kind, content, region)
        assert preview.ok
        assert preview.counts["new"] == preview.counts["changed"] == 0, (kind, preview.counts)

    before = Notification.objects.count()
    with CaptureQueriesContext(connection) as queries:
        upload_and_commit(organisasi, ImportKind.PETA_JABATAN, files[ImportKind.PETA_JABATAN], region)
    writes = [q["sql"] for q in queries if q["sql"].startswith(("INSERT", "UPDATE", "DELETE"))]
    # Only the batch itself is written (its row, its summary, its commit time).
    assert all("submissions_importbatch" in sql for sql in writes), writes
    upload_and_commit(organisasi, ImportKind.PEOPLE, files[ImportKind.PEOPLE], region)
    assert Notification.objects.count() == before  # nobody is invited twice


def test_one_bad_row_is_named_and_nothing_is_committed(organisasi: User, region: Instansi) -> None:
    upload_and_commit(organisasi, ImportKind.OPDS, table(ImportKind.OPDS, opd_rows(40)), region)
    rows = peta_rows(40, 20)
    bad = list(rows[500])
    bad[0] = "Dinas Yang Tidak Ada"
    rows[500] = tuple(bad)

    batch, preview = import_upload(
        actor=organisasi,
        kind=ImportKind.PETA_JABATAN,
        instansi_id=region.pk,
        filename="peta.xlsx",
        content=table(ImportKind.PETA_JABATAN, rows),
    )
    _, committed = import_commit(actor=organisasi, batch_id=batch.pk)

    assert not committed.committed
    assert next(row.row for row in preview.errors) == 502  # the title row is 1, data starts at 2
    assert "Baris 502: OPD 'Dinas Yang Tidak Ada' tidak dikenal di instansi ini" in preview.all_problems()[0]
    assert not Position.objects.exists()
