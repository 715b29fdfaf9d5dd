"""The book buttons of the decree and package pages: a job started, its progress page, and who sees them."""

from __future__ import annotations

import pytest

from submissions.models import ExportJob, ExportKind
from tests.builders import World
from tests.factories import PositionFactory
from tests.submissions.exporting import approved, compiled, enact
from workflow.models import Decree
from workflow.packages.services import create_package

BUTTON = "Unduh buku (PDF)"


@pytest.fixture
def decree(world: World) -> Decree:
    other = PositionFactory.create(opd=world.other_opd, name="Kepala Sekolah")
    return enact(world, approved(world), approved(world, other))


def test_the_decree_page_starts_a_book_job_and_shows_its_progress(
    world: World, decree: Decree, as_user, django_capture_on_commit_callbacks
) -> None:
    client = as_user(world.organisasi)
    page = client.get(f"/keputusan/{decree.pk}/").content.decode()
    assert BUTTON in page
    assert f'name="decree" value="{decree.pk}"' in page

    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = client.post("/ekspor/", {"what": "decree_book-pdf", "decree": decree.pk})

    job = ExportJob.objects.get()
    assert (job.kind, job.format, job.decree_id) == (ExportKind.DECREE_BOOK, "pdf", decree.pk)
    assert response["Location"] == f"/ekspor/{job.pk}/"
    progress = client.get(response["Location"]).content.decode()
    assert f'hx-get="/ekspor/{job.pk}/kemajuan/"' in progress
    assert decree.number in progress
    for callback in queued:
        callback()
    fragment = client.get(f"/ekspor/{job.pk}/kemajuan/").content.decode()
    assert 'data-status="done"' in fragment


def test_a_drafter_who_does_not_see_the_whole_lampiran_has_no_button_and_no_job(
    world: World, decree: Decree, as_user
) -> None:
    client = as_user(world.drafter)

    assert BUTTON not in client.get(f"/keputusan/{decree.pk}/").content.decode()
    response = client.post("/ekspor/", {"what": "decree_book-docx", "decree": decree.pk})
    assert response.status_code == 404
    assert not ExportJob.objects.exists()


def test_the_package_page_offers_the_book_once_the_package_holds_standards(world: World, as_user) -> None:
    package = create_package(instansi_id=world.instansi.pk, actor=world.organisasi, title="Tahap I")
    client = as_user(world.organisasi)
    assert BUTTON not in client.get(f"/paket/{package.pk}/").content.decode()

    response = client.post("/ekspor/", {"what": "package_book-pdf", "package": package.pk})

    assert response.status_code == 400
    assert "Paket ini belum berisi standar" in response.content.decode()
    assert not ExportJob.objects.exists()


def test_a_package_with_standards_offers_its_book(world: World, as_user) -> None:
    package = create_package(
        instansi_id=world.instansi.pk,
        actor=world.organisasi,
        title="Tahap II",
        submission_ids=[compiled(world).pk],
    )

    page = as_user(world.organisasi).get(f"/paket/{package.pk}/").content.decode()

    assert BUTTON in page
    assert f'name="package" value="{package.pk}"' in page
    assert 'value="package_book-docx"' in page
