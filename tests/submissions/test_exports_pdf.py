"""The PDF beside the Word file, from the same arrangement, re-read with pypdf."""

from __future__ import annotations

import io

from pypdf import PdfReader

from submissions.exports import export_queryset, render_pdf
from submissions.models import Submission, VerificationCode
from tests.builders import World
from tests.submissions.exporting import DECREE_NUMBER, approved, drafted, enact, pdf_of, pdf_text

A4_POINTS = (595, 842)


def page_size(reader: PdfReader) -> tuple[int, int]:
    box = reader.pages[0].mediabox
    return (round(float(box.width)), round(float(box.height)))


def test_the_pdf_has_the_forms_labels_banner_sections_and_importance_heading(world: World) -> None:
    # Words wrapped inside a cell come back on two lines; compare with the line breaks as spaces.
    text = pdf_text(pdf_of(drafted(world))).replace("\n", " ")

    for words in (
        "STANDAR KOMPETENSI JABATAN",
        "NAMA JABATAN",
        "KELOMPOK JABATAN",
        "URUSAN PEMERINTAHAN",
        "KODE JABATAN",
        "JABATAN PENGAWAS",
        "I. IKHTISAR JABATAN",
        "II. STANDAR KOMPETENSI",
        "III. PERSYARATAN JABATAN",
        "Tingkat Pentingnya terhadap Jabatan",
        "E. Indikator Kinerja Jabatan",
    ):
        assert words in text, words
    assert text.index("A. Manajerial") < text.index("B. Sosial Kultural") < text.index("C. Teknis")
    assert "Kepala Seksi Surveilans" in text


def test_a_draft_pdf_carries_the_draf_mark_and_its_state_in_the_footer(world: World) -> None:
    text = pdf_text(pdf_of(drafted(world)))

    assert "DRAF" in text
    assert "Versi 1 | Status: Draf | Halaman 1" in text


def test_an_enacted_pdf_has_no_mark_no_status_footer_and_carries_its_verification_code(world: World) -> None:
    submission = approved(world)
    enact(world, submission)

    text = pdf_text(pdf_of(submission))

    code = VerificationCode.objects.get(submission=submission)
    assert "DRAF" not in text
    assert "Status:" not in text
    assert f"Keputusan nomor {DECREE_NUMBER}" not in text
    assert "Halaman 1" in text
    assert f"Kode verifikasi: {code.code}" in text
    assert code.content_sha256 in text.replace("\n", "")


def test_a_superseded_pdf_says_digantikan_and_which_decree_had_enacted_it(world: World) -> None:
    submission = approved(world)
    enact(world, submission)
    Submission.objects.filter(pk=submission.pk).update(state="superseded")

    text = pdf_text(pdf_of(submission))

    assert "DIGANTIKAN" in text
    assert "DRAF" not in text
    assert "Versi 1 | Status: Digantikan" in text
    assert f"Keputusan nomor {DECREE_NUMBER} tanggal 20 November 2026" in text.replace("\n", " ")


def test_the_pdf_is_portrait_a4_by_default_and_landscape_on_request(world: World) -> None:
    submission = drafted(world)

    assert page_size(pdf_of(submission)) == A4_POINTS
    assert page_size(pdf_of(submission, landscape=True)) == A4_POINTS[::-1]


def test_a_pdf_survives_control_characters_in_old_rows(world: World) -> None:
    submission = approved(world)
    Submission.objects.filter(pk=submission.pk).update(summary="Satu\x0bdua\x0ctiga\x07 <b>&amp;</b>")

    fresh = export_queryset().get(pk=submission.pk)
    text = pdf_text(PdfReader(io.BytesIO(render_pdf(fresh))))

    assert "Satu\ndua\ntiga <b>&amp;</b>" in text  # escaped as text, never read as markup
