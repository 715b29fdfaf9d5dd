"""POST /exports/ (a job id at once), GET /exports/{id}/ (progress, then the download), and refusals."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from submissions.models import ExportJob, ExportStatus
from tests.api.conftest import client_for
from tests.builders import World
from tests.submissions.exporting import approved


def test_a_book_request_answers_a_job_id_then_progress_then_the_download(
    world: World, django_capture_on_commit_callbacks
) -> None:
    approved(world)
    client = client_for(world.organisasi)

    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = client.post(
            "/api/v1/exports/",
            {"kind": "book", "format": "pdf", "instansi": world.instansi.pk},
            format="json",
        )
    assert response.status_code == 202
    job_id = response.json()["id"]
    pending = client.get(f"/api/v1/exports/{job_id}/").json()
    assert (pending["status"], pending["progress"]["percent"], pending["download"]) == ("pending", 0, None)

    for callback in queued:  # the worker's turn (tasks run eagerly in tests)
        callback()

    done = client.get(f"/api/v1/exports/{job_id}/").json()
    assert done["status"] == "done"
    assert done["progress"] == {"done": 2, "total": 2, "percent": 100}
    assert done["download"].endswith(f"/api/v1/exports/{job_id}/download/")
    download = client.get(f"/api/v1/exports/{job_id}/download/")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert "Buku-SKJ-pemerintah-kota-uji.pdf" in download["Content-Disposition"]
    assert len(PdfReader(io.BytesIO(download.getvalue())).pages) >= 3


def test_an_empty_selection_is_refused_with_a_clear_message_and_no_job(world: World) -> None:
    response = client_for(world.organisasi).post(
        "/api/v1/exports/", {"kind": "book", "format": "docx", "instansi": world.instansi.pk}, format="json"
    )

    assert response.status_code == 400
    body = response.json()
    assert body["errors"][0]["code"] == "selection_empty"
    assert "Tidak ada standar yang berlaku" in body["detail"]
    assert not ExportJob.objects.exists()


@pytest.mark.parametrize(
    ("payload", "code", "field"),
    [
        ({"kind": "book", "format": "xlsx"}, "export_format_invalid", "format"),
        ({"kind": "book", "format": "pdf"}, "selection_empty", "instansi"),
        ({"kind": "standard", "format": "docx"}, "selection_empty", "submission"),
        ({"kind": "poster", "format": "pdf"}, "invalid_choice", "kind"),
    ],
)
def test_incomplete_requests_name_what_is_missing(world: World, payload: dict, code: str, field: str) -> None:
    response = client_for(world.organisasi).post("/api/v1/exports/", payload, format="json")

    assert response.status_code == 400
    assert (response.json()["errors"][0]["code"], response.json()["errors"][0]["field"]) == (code, field)
    assert not ExportJob.objects.exists()


@pytest.mark.parametrize("role", ["other_organisasi", "outsider", "other_drafter"])
def test_a_book_of_a_unit_the_caller_does_not_wholly_see_is_not_found(world: World, role: str) -> None:
    approved(world)

    response = client_for(getattr(world, role)).post(
        "/api/v1/exports/", {"kind": "book", "format": "pdf", "opd": world.opd.pk}, format="json"
    )

    assert response.status_code == 404
    assert not ExportJob.objects.exists()


def test_an_opds_drafter_may_have_his_opds_recap_but_not_the_whole_instansi(world: World) -> None:
    client = client_for(world.drafter)

    own = client.post(
        "/api/v1/exports/", {"kind": "recap", "format": "xlsx", "opd": world.opd.pk}, format="json"
    )
    whole = client.post(
        "/api/v1/exports/", {"kind": "recap", "format": "xlsx", "instansi": world.instansi.pk}, format="json"
    )

    assert own.status_code == 202
    assert whole.status_code == 404


def test_someone_elses_job_is_not_found(world: World) -> None:
    approved(world)
    job = ExportJob.objects.create(
        requested_by=world.organisasi, kind="book", format="pdf", instansi=world.instansi
    )

    for path in (f"/api/v1/exports/{job.pk}/", f"/api/v1/exports/{job.pk}/download/"):
        assert client_for(world.drafter).get(path).status_code == 404


def test_a_job_not_yet_done_has_no_download(world: World) -> None:
    job = ExportJob.objects.create(
        requested_by=world.organisasi,
        kind="book",
        format="pdf",
        instansi=world.instansi,
        status=ExportStatus.RUNNING,
    )

    response = client_for(world.organisasi).get(f"/api/v1/exports/{job.pk}/download/")

    assert response.status_code == 404
    assert response.json()["detail"] == "Berkas belum siap atau sudah kedaluwarsa."


def test_a_standard_downloads_as_pdf_in_landscape(world: World) -> None:
    submission = approved(world)

    response = client_for(world.drafter).get(
        f"/api/v1/submissions/{submission.pk}/export.pdf?orientation=landscape", HTTP_ACCEPT="*/*"
    )

    assert response.status_code == 200
    page = PdfReader(io.BytesIO(response.content)).pages[0]
    assert round(float(page.mediabox.width)) > round(float(page.mediabox.height))
