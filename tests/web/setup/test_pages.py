"""The set-up pages of Bagian Organisasi: scoped to its instansi, import with preview then commit."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from submissions.models import OPD, ImportBatch, Instansi, Position, PositionKind, Role, RoleAssignment
from tests.factories import UserFactory
from workflow.models import DraftingRound

PAGES = (
    "/pengaturan/",
    "/pengaturan/opd/",
    "/pengaturan/peta-jabatan/",
    "/pengaturan/pengguna/",
    "/pengaturan/putaran/",
    "/pengaturan/impor/",
    "/pengaturan/integrasi/",
)


@pytest.mark.parametrize("page", PAGES)
def test_every_set_up_page_opens_for_bagian_organisasi(
    page: str, as_user: Callable[[Any], Client], organisasi: User, dinkes: OPD
) -> None:
    response = as_user(organisasi).get(page)

    assert response.status_code == 200
    assert "Pemerintah Kabupaten Contoh" in response.content.decode()


@pytest.mark.parametrize("page", PAGES)
def test_a_drafter_may_not_set_up_anything(page: str, as_user: Callable[[Any], Client], dinkes: OPD) -> None:
    drafter = UserFactory.create(username="penyusun")
    RoleAssignment.objects.create(user=drafter, role=Role.DRAFTER, opd=dinkes)

    assert as_user(drafter).get(page).status_code == 403


def test_another_instansi_is_not_found(
    as_user: Callable[[Any], Client], organisasi: User, other_region: Instansi
) -> None:
    client = as_user(organisasi)
    elsewhere = OPD.objects.create(instansi=other_region, name="Dinas Lain")

    assert client.get(f"/pengaturan/peta-jabatan/?instansi={other_region.pk}").status_code == 404
    assert client.get(f"/pengaturan/opd/{elsewhere.pk}/").status_code == 404


def test_the_peta_jabatan_shows_the_tree_with_headcount_and_coverage(
    as_user: Callable[[Any], Client], organisasi: User, dinkes: OPD
) -> None:
    head = Position.objects.create(
        opd=dinkes, name="Kepala Dinas", kind=PositionKind.JPT_PRATAMA, bezetting=1
    )
    Position.objects.create(
        opd=dinkes, name="Sekretaris", kind=PositionKind.ADMINISTRATOR, parent=head, bezetting=0, kebutuhan=1
    )

    page = as_user(organisasi).get("/pengaturan/peta-jabatan/").content.decode()

    assert '<td class="depth-0">Kepala Dinas' in page
    assert '<td class="depth-1">Sekretaris' in page
    assert "0,0% disetujui, 0,0% ditetapkan dari 2 jabatan" in page


def test_an_import_is_previewed_row_by_row_and_committed_only_when_asked(
    as_user: Callable[[Any], Client], organisasi: User, region: Instansi
) -> None:
    client = as_user(organisasi)
    upload = SimpleUploadedFile("opd.csv", b"nama;singkatan\nDinas Kesehatan;Dinkes\nDinas Sosial;Dinsos\n")

    response = client.post(
        "/pengaturan/impor/", {"kind": "opds", "file": upload, "instansi": region.pk}, follow=True
    )

    page = response.content.decode()
    assert "Akan disimpan: 2 baru, 0 berubah, 0 tidak berubah." in page
    assert not OPD.objects.exists()
    batch = ImportBatch.objects.get()
    committed = client.post(f"/pengaturan/impor/{batch.pk}/simpan/", follow=True).content.decode()
    assert "Tersimpan: 2 baru" in committed
    assert sorted(OPD.objects.values_list("name", flat=True)) == ["Dinas Kesehatan", "Dinas Sosial"]


def test_a_template_downloads_as_xlsx_and_as_csv(as_user: Callable[[Any], Client], organisasi: User) -> None:
    client = as_user(organisasi)

    xlsx = client.get("/pengaturan/templat/peta_jabatan/")
    csv = client.get("/pengaturan/templat/people/?format=csv")

    assert xlsx.status_code == 200
    assert xlsx.content.startswith(b"PK\x03\x04")
    assert csv.content.decode().splitlines()[0].startswith("username,nama,email,peran,opd")


def test_a_round_is_opened_and_announced_once_to_the_opds(
    as_user: Callable[[Any], Client], organisasi: User, dinkes: OPD, django_capture_on_commit_callbacks: Any
) -> None:
    from notifications.models import Kind, Notification

    drafter = UserFactory.create(username="penyusun")
    RoleAssignment.objects.create(user=drafter, role=Role.DRAFTER, opd=dinkes)
    client = as_user(organisasi)
    client.post("/pengaturan/putaran/", {"name": "Penyusunan SKJ 2027", "deadline": "2027-06-30"})
    drafting = DraftingRound.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/pengaturan/putaran/{drafting.pk}/umumkan/")
        client.post(f"/pengaturan/putaran/{drafting.pk}/umumkan/")

    [notice] = Notification.objects.filter(kind=Kind.ROUND_ANNOUNCED)
    assert notice.recipient == drafter
    assert "Penyusunan SKJ 2027" in notice.subject


def test_a_position_gets_its_parent_and_headcount_but_not_a_parent_of_another_opd(
    as_user: Callable[[Any], Client], organisasi: User, dinkes: OPD
) -> None:
    head = Position.objects.create(opd=dinkes, name="Kepala Dinas", kind=PositionKind.JPT_PRATAMA)
    staff = Position.objects.create(opd=dinkes, name="Staf", kind=PositionKind.PELAKSANA)
    form = {
        "name": "Staf",
        "sub_unit": "",
        "code": "",
        "parent": head.pk,
        "bezetting": 2,
        "kebutuhan": 3,
        "active": "on",
    }

    response = as_user(organisasi).post(f"/pengaturan/jabatan/{staff.pk}/", form)

    assert response.status_code == 302
    staff.refresh_from_db()
    assert (staff.parent_id, staff.bezetting, staff.kebutuhan) == (head.pk, 2, 3)
    refused = as_user(organisasi).post(
        f"/pengaturan/jabatan/{head.pk}/", {**form, "name": "Kepala Dinas", "parent": staff.pk}
    )
    assert refused.status_code == 400
    assert "lingkaran" in refused.content.decode()
