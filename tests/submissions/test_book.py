"""The book of the standards in force of an instansi or OPD, in Word and PDF, re-read from the files."""

from __future__ import annotations

import io
from typing import Any

import docx
import pytest
from docx.enum.section import WD_SECTION
from pypdf import PdfReader

from submissions.exports import export_queryset, render_pdf
from submissions.exports.book import EffectiveStandards, Lampiran, frame_of, standard_views
from submissions.exports.docx_book import build_book
from submissions.exports.pdf_book import render_book_pdf
from submissions.models import PositionKind, Submission
from tests.builders import World
from tests.factories import PositionFactory
from tests.submissions.exporting import approved, drafted, enact

DECREE = "188.45/12/401.012/2026"


@pytest.fixture
def three_in_force(world: World) -> list[Submission]:
    """Three standards in force in two OPDs, one draft that must stay out, all under one decree."""
    second = PositionFactory.create(opd=world.opd, name="Analis Surveilans", kind=PositionKind.PELAKSANA)
    other = PositionFactory.create(opd=world.other_opd, name="Kepala Sekolah", kind=PositionKind.PENGAWAS)
    standards = [approved(world), approved(world, second), approved(world, other)]
    drafted(
        world, PositionFactory.create(opd=world.opd, name="Jabatan Masih Draf", kind=PositionKind.PENGAWAS)
    )
    enact(world, *standards, number=DECREE)
    return standards


def word_book(source: EffectiveStandards) -> docx.document.Document:
    return docx.Document(io.BytesIO(build_book(frame_of(source), standard_views(source))))


def pdf_book(source: EffectiveStandards) -> PdfReader:
    return PdfReader(io.BytesIO(render_book_pdf(frame_of(source), standard_views(source))))


def page_texts(reader: PdfReader) -> list[str]:
    return [(page.extract_text() or "") for page in reader.pages]


def test_the_lampiran_heading_comes_from_the_decree(world: World, three_in_force: list[Submission]) -> None:
    lampiran = frame_of(EffectiveStandards(world.instansi)).lampiran

    assert lampiran.sentence == (
        f"LAMPIRAN KEPUTUSAN WALI KOTA UJI NOMOR {DECREE} TANGGAL 20 NOVEMBER 2026 "
        "TENTANG STANDAR KOMPETENSI JABATAN DI LINGKUNGAN PEMERINTAH KOTA UJI"
    )


def test_a_lampiran_without_a_common_decree_leaves_number_and_date_to_be_filled_in() -> None:
    lampiran = Lampiran(office="BUPATI BATANG", number="", date=None, subject="STANDAR KOMPETENSI JABATAN")

    assert dict(lampiran.heading)["NOMOR"].startswith("....")
    assert dict(lampiran.heading)["TANGGAL"].startswith("....")


def test_the_contents_group_the_standards_by_opd_in_order(
    world: World, three_in_force: list[Submission]
) -> None:
    toc = frame_of(EffectiveStandards(world.instansi)).toc

    assert [(group.opd, [entry.name for entry in group.entries]) for group in toc] == [
        ("Dinas Kesehatan", ["Analis Surveilans", "Kepala Seksi Surveilans"]),
        ("Dinas Pendidikan", ["Kepala Sekolah"]),
    ]
    assert [entry.anchor for group in toc for entry in group.entries] == [1, 2, 3]


def test_an_opds_book_holds_only_that_opds_standards(world: World, three_in_force: list[Submission]) -> None:
    source = EffectiveStandards(world.instansi, world.other_opd)

    assert list(source.standards()) == [three_in_force[2]]
    assert source.title()[-1] == "DINAS PENDIDIKAN"


def test_the_word_book_has_cover_lampiran_contents_one_section_per_standard_and_signature(
    world: World, three_in_force: list[Submission]
) -> None:
    document = word_book(EffectiveStandards(world.instansi))

    assert len(document.sections) == 1 + 3  # front matter, then one section per standard
    paragraphs = [paragraph.text for paragraph in document.paragraphs]
    assert "STANDAR KOMPETENSI JABATAN" in paragraphs[:12]
    assert "DI LINGKUNGAN PEMERINTAH KOTA UJI" in paragraphs[:12]
    lampiran = {row.cells[1].text: row.cells[3].text for row in document.tables[0].rows}
    assert lampiran["LAMPIRAN"] == "KEPUTUSAN WALI KOTA UJI"
    assert lampiran["NOMOR"] == DECREE
    assert lampiran["TANGGAL"] == "20 NOVEMBER 2026"
    contents = paragraphs[paragraphs.index("DAFTAR ISI") + 1 :]
    assert contents[:3] == [
        "Dinas Kesehatan",
        "1. Analis Surveilans ... halaman -",
        "2. Kepala Seksi Surveilans ... halaman -",
    ]
    assert paragraphs.count("STANDAR KOMPETENSI JABATAN") == 1 + 3
    assert [p for p in paragraphs if p.strip()][-2:] == ["WALI KOTA UJI,", "(" + "." * 30 + ")"]
    # Each standard's section starts on a new page; the footer numbers pages through the book.
    assert {section.start_type for section in document.sections[1:]} == {WD_SECTION.NEW_PAGE}
    assert "PAGE" in document.sections[0].footer._element.xml
    assert document.sections[0].different_first_page_header_footer  # the cover is not numbered
    assert not any(section.different_first_page_header_footer for section in document.sections[1:])


def test_the_pdf_book_of_three_standards_has_the_expected_pages(
    world: World, three_in_force: list[Submission]
) -> None:
    alone = [
        len(PdfReader(io.BytesIO(render_pdf(export_queryset().get(pk=s.pk)))).pages) for s in three_in_force
    ]

    reader = pdf_book(EffectiveStandards(world.instansi))

    # Cover, lampiran with contents, then each standard from a new page; the signature follows the last.
    assert len(reader.pages) == 2 + sum(alone) == 8
    pages = page_texts(reader)
    starts = [
        index
        for index, text in enumerate(pages)
        if text.startswith("STANDAR KOMPETENSI JABATAN\nNAMA JABATAN")
    ]
    assert starts == [2, 2 + alone[0], 2 + alone[0] + alone[1]]
    assert "Halaman" not in pages[0]  # the cover
    for number, text in enumerate(pages[1:], start=2):
        assert text.rstrip().endswith(f"Halaman {number}")
    assert f"NOMOR : {DECREE}" in pages[1]
    assert "WALI KOTA UJI," in pages[-1]


def test_the_pdf_contents_give_each_standards_first_page(
    world: World, three_in_force: list[Submission]
) -> None:
    pages = page_texts(pdf_book(EffectiveStandards(world.instansi)))

    contents = pages[1]
    assert "Dinas Kesehatan" in contents
    assert "Dinas Pendidikan" in contents
    assert "1. Analis Surveilans 3" in contents
    first_of_third = next(i for i, text in enumerate(pages) if "NAMA JABATAN : Kepala Sekolah" in text)
    assert f"3. Kepala Sekolah {first_of_third + 1}" in contents


def test_a_book_laid_out_in_parts_reads_the_same_as_one_laid_out_at_once(
    world: World, three_in_force: list[Submission]
) -> None:
    source = EffectiveStandards(world.instansi)

    at_once = PdfReader(io.BytesIO(render_book_pdf(frame_of(source), standard_views(source), chunk=50)))
    in_parts = PdfReader(io.BytesIO(render_book_pdf(frame_of(source), standard_views(source), chunk=1)))

    assert page_texts(in_parts) == page_texts(at_once)
    assert len(in_parts.pages) == 8


def test_the_pdf_contents_link_to_the_standards_and_the_outline_lists_them_by_opd(
    world: World, three_in_force: list[Submission]
) -> None:
    reader = pdf_book(EffectiveStandards(world.instansi))
    pages = page_texts(reader)
    firsts = [
        i for i, text in enumerate(pages) if text.startswith("STANDAR KOMPETENSI JABATAN\nNAMA JABATAN")
    ]

    annotations: Any = reader.pages[1]["/Annots"]
    destinations = [annotation.get_object()["/Dest"][0].get_object() for annotation in annotations]
    targets: list[Any] = [reader.get_page_number(page) for page in destinations]
    # The name and the number of each line are links of their own, both to the standard's first page.
    assert sorted(targets) == sorted(firsts * 2)
    outline: Any = reader.outline
    assert [item.title for item in outline if not isinstance(item, list)] == [
        "Dinas Kesehatan",
        "Dinas Pendidikan",
    ]
    assert [item.title for item in outline[1]] == ["1. Analis Surveilans", "2. Kepala Seksi Surveilans"]
    assert reader.get_destination_page_number(outline[1][1]) == firsts[1]
