"""POST /exports/ for a decree's and a package's book: a job at once, the file after; scope and emptiness."""

from __future__ import annotations

import io

import docx
import pytest

from submissions.models import ExportJob
from tests.api.conftest import client_for
from tests.builders import World
from tests.factories import PositionFactory
from tests.submissions.exporting import DECREE_NUMBER, approved, enact
from workflow.models import ConsultationPackage, Decree
from workflow.packages.services import create_package


@pytest.fixture
def decree(world: World) -> Decree:
    other = PositionFactory.create(opd=world.other_opd, name="Kepala Sekolah")
    return enact(world, approved(world), approved(world, other))


def test_a_decree_book_is_a_job_whose_file_is_the_decrees_lampiran(
    world: World, decree: Decree, django_capture_on_commit_callbacks
) -> None:
    client = client_for(world.organisasi)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/api/v1/exports/", {"kind": "decree_book", "format": "docx", "decree": decree.pk}, format="json"
        )

    assert response.status_code == 202
    assert (response.json()["decree"], response.json()["package"]) == (decree.pk, None)
    done = client.get(f"/api/v1/exports/{response.json()['id']}/").json()
    assert done["status"] == "done"
    assert done["filename"] == "Lampiran-SKJ-188-45-12-401-012-2026.docx"
    download = client.get(done["download"])
    document = docx.Document(io.BytesIO(download.getvalue()))
    assert document.tables[0].rows[1].cells[3].text == DECREE_NUMBER
    assert len(document.sections) == 1 + 2


@pytest.mark.parametrize("role", ["other_organisasi", "outsider", "drafter"])
def test_a_decree_book_the_caller_may_not_wholly_see_is_not_found_and_makes_no_job(
    world: World, decree: Decree, role: str
) -> None:
    # The drafter sees the decree, but not the other OPD's standard in its lampiran.
    response = client_for(getattr(world, role)).post(
        "/api/v1/exports/", {"kind": "decree_book", "format": "pdf", "decree": decree.pk}, format="json"
    )

    assert response.status_code == 404
    assert not ExportJob.objects.exists()


def test_the_ministry_may_have_a_decrees_book(world: World, decree: Decree) -> None:
    response = client_for(world.ministry).post(
        "/api/v1/exports/", {"kind": "decree_book", "format": "pdf", "decree": decree.pk}, format="json"
    )

    assert response.status_code == 202


def test_an_empty_package_is_refused_with_a_clear_message_and_no_job(world: World) -> None:
    package = create_package(instansi_id=world.instansi.pk, actor=world.organisasi, title="Paket kosong")

    response = client_for(world.organisasi).post(
        "/api/v1/exports/", {"kind": "package_book", "format": "pdf", "package": package.pk}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "selection_empty"
    assert response.json()["detail"] == "Paket ini belum berisi standar, jadi tidak ada buku yang dibuat."
    assert not ExportJob.objects.exists()


@pytest.mark.parametrize(("kind", "field"), [("decree_book", "decree"), ("package_book", "package")])
def test_a_book_request_without_its_decree_or_package_names_what_is_missing(
    world: World, kind: str, field: str
) -> None:
    response = client_for(world.organisasi).post(
        "/api/v1/exports/", {"kind": kind, "format": "pdf"}, format="json"
    )

    assert response.status_code == 400
    assert (response.json()["errors"][0]["code"], response.json()["errors"][0]["field"]) == (
        "selection_empty",
        field,
    )


def test_another_instansis_package_is_not_found(world: World) -> None:
    package = ConsultationPackage.objects.create(
        instansi=world.other_instansi_opd.instansi, title="Paket lain", created_by=world.other_organisasi
    )

    response = client_for(world.organisasi).post(
        "/api/v1/exports/", {"kind": "package_book", "format": "docx", "package": package.pk}, format="json"
    )

    assert response.status_code == 404
    assert response.json()["detail"] == "Paket konsultasi tidak ditemukan."
