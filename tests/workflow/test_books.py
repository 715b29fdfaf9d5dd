"""The book of a decree (its lampiran) and of a consultation package, in Word and PDF, re-read."""

from __future__ import annotations

import io

import docx
import pytest
from django.utils import timezone
from docx.enum.section import WD_SECTION
from pypdf import PdfReader

from submissions.exports import export_queryset, render_pdf
from submissions.exports.book import BookSource, frame_of, standard_views
from submissions.exports.content import indonesian_date
from submissions.exports.docx_book import build_book
from submissions.exports.pdf_book import render_book_pdf
from submissions.models import OPD, PositionKind, Submission
from tests.builders import World
from tests.factories import PositionFactory
from tests.submissions.exporting import DECREE_NUMBER, approved, compiled, enact
from workflow.books import DecreeBook, PackageBook
from workflow.models import ConsultationPackage, Decree
from workflow.packages.services import create_package, send_package

COVER_LETTER = "800/1234/401.012/2026"
STANDARD_START = "STANDAR KOMPETENSI JABATAN\nNAMA JABATAN"


@pytest.fixture
def decree(world: World) -> Decree:
    """A decree over three standards in two OPDs; another approved standard it does not enact."""
    second = PositionFactory.create(opd=world.opd, name="Analis Surveilans", kind=PositionKind.PELAKSANA)
    other = PositionFactory.create(opd=world.other_opd, name="Kepala Sekolah", kind=PositionKind.PENGAWAS)
    standards = [approved(world), approved(world, second), approved(world, other)]
    approved(
        world, PositionFactory.create(opd=world.opd, name="Belum Ditetapkan", kind=PositionKind.PENGAWAS)
    )
    return enact(world, *standards, signatory_name="Dr. Maidi, S.H., M.M.", signatory_office="Wali Kota Uji")


def in_compilation(world: World, name: str, opd: OPD | None = None) -> Submission:
    position = PositionFactory.create(opd=opd or world.opd, name=name, kind=PositionKind.PENGAWAS)
    return compiled(world, position)


@pytest.fixture
def package(world: World) -> ConsultationPackage:
    documents = [
        in_compilation(world, "Kepala Seksi Gizi"),
        in_compilation(world, "Pengawas Sekolah", world.other_opd),
    ]
    return create_package(
        instansi_id=world.instansi.pk,
        actor=world.organisasi,
        title="Usulan SKJ Tahap I",
        submission_ids=[document.pk for document in documents],
    )


def word_book(source: BookSource) -> docx.document.Document:
    return docx.Document(io.BytesIO(build_book(frame_of(source), standard_views(source))))


def pdf_pages(source: BookSource) -> list[str]:
    reader = PdfReader(io.BytesIO(render_book_pdf(frame_of(source), standard_views(source))))
    return [page.extract_text() or "" for page in reader.pages]


def alone_pages(submission: Submission) -> int:
    return len(PdfReader(io.BytesIO(render_pdf(export_queryset().get(pk=submission.pk)))).pages)


def test_a_decrees_book_holds_the_versions_it_enacted_by_opd(world: World, decree: Decree) -> None:
    frame = frame_of(DecreeBook(decree))

    assert [(group.opd, [entry.name for entry in group.entries]) for group in frame.toc] == [
        ("Dinas Kesehatan", ["Analis Surveilans", "Kepala Seksi Surveilans"]),
        ("Dinas Pendidikan", ["Kepala Sekolah"]),
    ]
    assert frame.lampiran.sentence == (
        f"LAMPIRAN KEPUTUSAN WALI KOTA UJI NOMOR {DECREE_NUMBER} TANGGAL 20 NOVEMBER 2026 "
        "TENTANG STANDAR KOMPETENSI JABATAN"
    )


def test_the_word_book_of_a_decree_has_its_lampiran_contents_sections_and_signatory(
    world: World, decree: Decree
) -> None:
    document = word_book(DecreeBook(decree))

    lampiran = {row.cells[1].text: row.cells[3].text for row in document.tables[0].rows}
    assert lampiran == {
        "LAMPIRAN": "KEPUTUSAN WALI KOTA UJI",
        "NOMOR": DECREE_NUMBER,
        "TANGGAL": "20 NOVEMBER 2026",
        "TENTANG": "STANDAR KOMPETENSI JABATAN",
    }
    paragraphs = [paragraph.text for paragraph in document.paragraphs]
    contents = paragraphs[paragraphs.index("DAFTAR ISI") + 1 :]
    assert contents[:5] == [
        "Dinas Kesehatan",
        "1. Analis Surveilans ... halaman -",
        "2. Kepala Seksi Surveilans ... halaman -",
        "Dinas Pendidikan",
        "3. Kepala Sekolah ... halaman -",
    ]
    assert len(document.sections) == 1 + 3
    assert {section.start_type for section in document.sections[1:]} == {WD_SECTION.NEW_PAGE}
    assert [p for p in paragraphs if p.strip()][-2:] == ["WALI KOTA UJI,", "Dr. Maidi, S.H., M.M."]


def test_the_pdf_book_of_a_decree_numbers_its_pages_and_ends_with_the_signature(
    world: World, decree: Decree
) -> None:
    enacted = list(DecreeBook(decree).standards())
    alone = [alone_pages(submission) for submission in enacted]

    pages = pdf_pages(DecreeBook(decree))

    assert len(pages) == 2 + sum(alone)
    assert [i for i, text in enumerate(pages) if text.startswith(STANDARD_START)] == [
        2,
        2 + alone[0],
        2 + alone[0] + alone[1],
    ]
    assert f"NOMOR : {DECREE_NUMBER}" in pages[1]
    assert "3. Kepala Sekolah " + str(3 + alone[0] + alone[1]) in pages[1]
    assert "Belum Ditetapkan" not in "".join(pages)
    for number, text in enumerate(pages[1:], start=2):
        assert text.rstrip().endswith(f"Halaman {number}")
    assert "WALI KOTA UJI," in pages[-1]
    assert "Dr. Maidi, S.H., M.M." in pages[-1]
    assert "DRAF" not in "".join(pages)
    assert "Status:" not in "".join(pages)  # standards in force carry no status footer


def test_a_version_superseded_since_its_decree_says_digantikan_on_its_own_pages_only(
    world: World, decree: Decree
) -> None:
    second = list(DecreeBook(decree).standards())[1]
    Submission.objects.filter(pk=second.pk).update(state="superseded")

    pages = pdf_pages(DecreeBook(decree))
    document = word_book(DecreeBook(decree))

    starts = [i for i, text in enumerate(pages) if text.startswith(STANDARD_START)]
    marked = [i for i, text in enumerate(pages) if "DIGANTIKAN" in text]
    assert marked == list(range(starts[1], starts[2]))
    assert "Versi 1 | Status: Digantikan" in pages[starts[1]]
    headers = [section.header.paragraphs[0].text for section in document.sections]
    assert headers == ["", "", "DIGANTIKAN", ""]


def test_a_package_book_has_the_cover_letter_and_no_decree(
    world: World, package: ConsultationPackage
) -> None:
    draft = frame_of(PackageBook(package)).lampiran
    assert dict(draft.heading)["NOMOR"].startswith("....")  # not sent yet: no letter number

    send_package(
        package_id=package.pk,
        actor=world.organisasi,
        letter_number=COVER_LETTER,
        letter_date=timezone.localdate(),
    )
    package.refresh_from_db()
    frame = frame_of(PackageBook(package))

    assert frame.title == (
        "STANDAR KOMPETENSI JABATAN",
        "USULAN KONSULTASI KEPADA KEMENTERIAN PAN DAN RB",
        "USULAN SKJ TAHAP I",
        "DI LINGKUNGAN PEMERINTAH KOTA UJI",
    )
    assert dict(frame.lampiran.heading) == {
        "LAMPIRAN": "SURAT WALI KOTA UJI",
        "NOMOR": COVER_LETTER,
        "TANGGAL": indonesian_date(timezone.localdate()).upper(),
        "TENTANG": "USULAN KONSULTASI KEPADA KEMENTERIAN PAN DAN RB USULAN SKJ TAHAP I",
    }
    assert [entry.name for group in frame.toc for entry in group.entries] == [
        "Kepala Seksi Gizi",
        "Pengawas Sekolah",
    ]


def test_a_package_books_standards_carry_the_draf_mark_on_each_of_their_pages(
    world: World, package: ConsultationPackage
) -> None:
    pages = pdf_pages(PackageBook(package))
    document = word_book(PackageBook(package))

    assert "DRAF" not in pages[0] + pages[1]  # cover, lampiran and contents
    assert all("DRAF" in text for text in pages[2:])
    assert all("Status: Verifikasi dan kompilasi" in text.replace("\n", " ") for text in pages[2:])
    assert [section.header.paragraphs[0].text for section in document.sections] == ["", "DRAF", "DRAF"]
    assert "KEPUTUSAN" not in "".join(pages)
