"""The export pages: ask for a book, watch its progress by htmx polling, download the file."""

from __future__ import annotations

import io

from pypdf import PdfReader

from submissions.models import ExportJob
from tests.builders import World
from tests.submissions.exporting import approved


def test_asking_for_a_book_creates_a_job_and_shows_its_progress_page(
    world: World, as_user, django_capture_on_commit_callbacks
) -> None:
    approved(world)
    client = as_user(world.organisasi)

    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = client.post(
            "/ekspor/", {"what": "book-pdf", "instansi": world.instansi.pk, "orientation": "portrait"}
        )
    job = ExportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/ekspor/{job.pk}/"

    page = client.get(f"/ekspor/{job.pk}/").content.decode()
    assert f'hx-get="/ekspor/{job.pk}/kemajuan/"' in page
    assert 'hx-trigger="every 2s"' in page
    assert 'data-status="pending"' in page

    for callback in queued:
        callback()
    fragment = client.get(f"/ekspor/{job.pk}/kemajuan/", HTTP_HX_REQUEST="true").content.decode()
    assert 'data-status="done"' in fragment
    assert "hx-get" not in fragment  # polling stops once the job is finished
    assert f'href="/ekspor/{job.pk}/unduh/"' in fragment

    download = client.get(f"/ekspor/{job.pk}/unduh/")
    assert download.status_code == 200
    assert len(PdfReader(io.BytesIO(download.getvalue())).pages) >= 3


def test_an_empty_selection_shows_why_and_creates_no_job(world: World, as_user) -> None:
    response = as_user(world.organisasi).post(
        "/ekspor/", {"what": "book-docx", "instansi": world.instansi.pk}
    )

    assert response.status_code == 400
    assert "Tidak ada standar yang berlaku" in response.content.decode()
    assert not ExportJob.objects.exists()


def test_another_users_job_is_not_found(world: World, as_user) -> None:
    job = ExportJob.objects.create(
        requested_by=world.organisasi, kind="book", format="pdf", instansi=world.instansi
    )

    for path in (f"/ekspor/{job.pk}/", f"/ekspor/{job.pk}/kemajuan/", f"/ekspor/{job.pk}/unduh/"):
        assert as_user(world.other_organisasi).get(path).status_code == 404


def test_the_document_page_offers_word_and_pdf_in_both_orientations(world: World, as_user) -> None:
    submission = approved(world)
    client = as_user(world.drafter)

    page = client.get(f"/dokumen/{submission.pk}/").content.decode()
    pdf = client.get(f"/dokumen/{submission.pk}/unduh.pdf?orientasi=landscape")

    assert f"/dokumen/{submission.pk}/unduh.pdf" in page
    assert f"/dokumen/{submission.pk}/unduh.docx?orientasi=landscape" in page
    assert pdf["Content-Type"] == "application/pdf"
    box = PdfReader(io.BytesIO(pdf.content)).pages[0].mediabox
    assert float(box.width) > float(box.height)


def test_printing_the_document_page_hides_navigation_and_side_panel() -> None:
    from pathlib import Path

    css = (Path(__file__).resolve().parents[2] / "web/static/web/app.css").read_text()
    printing = css[css.index("@media print") :]

    for hidden in (".site-header", ".site-footer", ".doc-side"):
        assert hidden in printing.split("display: none")[0]


def test_the_export_page_offers_the_outputs_and_the_callers_units(world: World, as_user) -> None:
    page = as_user(world.organisasi).get("/ekspor/").content.decode()

    for offered in (
        "Buku standar yang berlaku (PDF)",
        "Rekap jabatan (Excel)",
        "Pemerintah Kota Uji",
        "Dinas Kesehatan",
    ):
        assert offered in page
    assert "Pemerintah Kabupaten Lain" not in page
