"""One standard as a Word file in the form's layout (PermenPAN-RB 38/2017; DOMAIN.md "One standard")."""

from __future__ import annotations

import datetime
import io

import docx
import pytest

from submissions.exports import export_filename, export_queryset, render_docx
from submissions.models import PositionKind, Submission, Urusan, VerificationCode, level_text_for
from tests.builders import World, valid_content
from tests.factories import PositionFactory, copy_of, give_rows
from tests.submissions.exporting import (
    CHECK,
    approved,
    body,
    drafted,
    enact,
    header,
    opened,
    row_starting,
    rows_between,
    texts,
)
from workflow import services


def test_the_header_has_the_four_upper_case_unnumbered_labels_and_no_unit_row(world: World) -> None:
    world.position.urusan.set([Urusan.objects.create(name="Kesekretariatan"), *world.position.urusan.all()])
    document = opened(drafted(world))

    assert document.paragraphs[0].text == "STANDAR KOMPETENSI JABATAN"
    assert header(document) == {
        "NAMA JABATAN": "Kepala Seksi Surveilans",
        "KELOMPOK JABATAN": "Jabatan Pengawas",
        "URUSAN PEMERINTAHAN": "Kesehatan, Kesekretariatan",
        "KODE JABATAN": "",
    }


@pytest.mark.parametrize(
    ("kind", "rank", "written"),
    [
        (PositionKind.JPT_PRATAMA, "", "Jabatan Pimpinan Tinggi Pratama"),
        (PositionKind.ADMINISTRATOR, "", "Jabatan Administrator"),
        (PositionKind.PELAKSANA, "", "Jabatan Pelaksana"),
        (PositionKind.FUNGSIONAL, "ahli_madya", "Jabatan Fungsional Ahli Madya"),
    ],
)
def test_the_kelompok_is_written_out_and_repeated_upper_case_in_the_banner_row(
    world: World, kind: str, rank: str, written: str
) -> None:
    position = PositionFactory.create(
        opd=world.opd, name="Jabatan Uji", kind=kind, rank=rank, code="219.2.05"
    )
    document = opened(services.submission_create_draft(position_id=position.pk, actor=world.drafter))

    assert header(document)["KELOMPOK JABATAN"] == written
    assert header(document)["KODE JABATAN"] == "219.2.05"
    assert set(body(document)[0]) == {written.upper()}


def test_one_bordered_table_holds_i_ii_and_iii_in_order(world: World) -> None:
    document = opened(drafted(world))

    assert len(document.tables) == 2  # the header lines, then the body
    style = document.tables[1].style
    assert style is not None
    assert style.name == "Table Grid"
    first_cells = [row[0] for row in body(document)]
    ikhtisar = first_cells.index("I. IKHTISAR JABATAN")
    assert body(document)[ikhtisar + 1][0] == valid_content()["summary"]
    assert (
        ikhtisar < first_cells.index("II. STANDAR KOMPETENSI") < first_cells.index("III. PERSYARATAN JABATAN")
    )


def test_competencies_are_numbered_straight_through_the_three_groups(world: World) -> None:
    rows = body(opened(drafted(world)))

    head = row_starting(rows, "No")
    assert head == ["No", "Kompetensi", "Level", "Deskripsi", *["Indikator Kompetensi"] * 4]
    competencies = rows_between(rows, "No", "III. PERSYARATAN JABATAN")
    numbers: list[str] = []
    for row in competencies:
        if row[0] not in numbers:
            numbers.append(row[0])
    assert numbers == ["A. Manajerial", *map(str, range(1, 9)), "B. Sosial Kultural", "9", "C. Teknis", "10"]


def test_each_indicator_has_its_number_and_its_text_in_cells_of_their_own(world: World) -> None:
    rows = body(opened(drafted(world)))

    integritas = [row for row in rows if row[0] == "1"]
    # One table row per indicator; the competency's own cells span them.
    assert [row[4] for row in integritas] == ["2.1", "2.2", "2.3"]
    assert [row[5] for row in integritas] == ["Indikator M.01"] * 3
    assert {row[1] for row in integritas} == {"Kompetensi M.01"}
    assert {row[2] for row in integritas} == {"2"}
    technical = row_starting(rows, "10")
    assert technical[1:6] == ["Surveilans Kesehatan", "3", "Surveilans level 3", "3.1", "Teknis"]


def test_numbering_typed_into_indicators_is_not_doubled(world: World) -> None:
    typed = {
        "group": "technical",
        "name": "Pengendalian Vektor",
        "level": 4,
        "description": "Merencanakan pengendalian vektor.",
        "indicators": ["1. Memetakan wilayah", "- Menyusun rencana", "Mengevaluasi hasil"],
    }
    content = valid_content()
    rows = body(opened(drafted(world, competencies=[*content["competencies"], typed])))

    own = [row for row in rows if row[0] == "11"]
    assert [(row[4], row[5]) for row in own] == [
        ("4.1", "Memetakan wilayah"),
        ("4.2", "Menyusun rencana"),
        ("4.3", "Mengevaluasi hasil"),
    ]


def test_iii_has_its_importance_heading_over_mutlak_penting_perlu(world: World) -> None:
    rows = body(opened(drafted(world)))

    top = rows.index(row_starting(rows, "III. PERSYARATAN JABATAN")) + 1
    assert rows[top][:2] == ["Jenis Persyaratan", "Jenis Persyaratan"]
    assert rows[top][2] == "Uraian"
    assert rows[top][5:] == ["Tingkat Pentingnya terhadap Jabatan"] * 3
    assert rows[top + 1][5:] == ["Mutlak", "Penting", "Perlu"]


def test_each_requirement_is_ticked_in_its_own_column_only(world: World) -> None:
    requirements = [
        *valid_content()["requirements"],
        {"section": "rank", "text": "Penata, III/c", "importance": "mutlak"},
        {
            "section": "performance_indicator",
            "text": "Laporan surveilans tepat waktu",
            "importance": "penting",
        },
    ]
    rows = body(opened(drafted(world, requirements=requirements)))

    def ticks(label: str) -> list[str]:
        row = row_starting(rows, label)
        return [row[2], *row[5:]]

    assert ticks("1. Jenjang") == ["S-1/D-IV", CHECK, "", ""]
    assert ticks("2. Bidang Ilmu") == ["Kesehatan Masyarakat", "", CHECK, ""]
    assert ticks("C. Pengalaman Kerja") == ["Pengelola program kesehatan 2 tahun", "", "", CHECK]
    # D and E take a tick like every other requirement (README, "Persyaratan jabatan").
    assert ticks("D. Pangkat") == ["Penata, III/c", CHECK, "", ""]
    assert ticks("E. Indikator Kinerja Jabatan") == ["Laporan surveilans tepat waktu", "", CHECK, ""]


def test_every_section_of_iii_is_drawn_even_when_unfilled(world: World) -> None:
    rows = body(opened(drafted(world)))

    labels: list[str] = []
    for row in rows:
        if row[0] not in labels:
            labels.append(row[0])
    tail = labels[labels.index("III. PERSYARATAN JABATAN") + 2 :]
    assert tail == [
        "A. Pendidikan",
        "1. Jenjang",
        "2. Bidang Ilmu",
        "B. Pelatihan",
        "1. Manajerial",
        "2. Teknis",
        "3. Fungsional",
        "C. Pengalaman Kerja",
        "D. Pangkat",
        "E. Indikator Kinerja Jabatan",
    ]
    assert row_starting(rows, "D. Pangkat")[2:] == ["-", "-", "-", "", "", ""]


def test_a_requirement_with_several_entries_labels_only_its_first_row(world: World) -> None:
    requirements = [
        {"section": "education_level", "text": "S-1/D-IV", "importance": "mutlak"},
        {"section": "training_technical", "text": "Pelatihan Surveilans", "importance": "penting"},
        {"section": "training_technical", "text": "Pelatihan Epidemiologi", "importance": "perlu"},
    ]
    rows = body(opened(drafted(world, requirements=requirements)))

    start = rows.index(row_starting(rows, "2. Teknis"))
    assert [rows[start][2], *rows[start][5:]] == ["Pelatihan Surveilans", "", CHECK, ""]
    assert rows[start + 1][0] == ""
    assert [rows[start + 1][2], *rows[start + 1][5:]] == ["Pelatihan Epidemiologi", "", "", CHECK]


def test_an_empty_draft_exports_with_dashes_and_placeholders(world: World) -> None:
    submission = services.submission_create_draft(position_id=world.position.pk, actor=world.drafter)
    submission = services.submission_update_content(
        submission_id=submission.pk, actor=world.drafter, summary="", competencies=[], requirements=[]
    )

    rows = body(opened(submission))

    assert rows[rows.index(row_starting(rows, "I. IKHTISAR JABATAN")) + 1][0] == "-"
    assert [row[0] for row in rows].count("Belum diisi.") == 3
    assert all(CHECK not in row for row in rows)


def test_an_approved_standard_carries_no_status_in_its_footer_only_the_page_number(world: World) -> None:
    submission = approved(world)
    enact(world, submission)

    footer = opened(submission).sections[0].footer.paragraphs[0].text

    assert footer == "Halaman 1"  # "1" is the PAGE field's placeholder, which Word updates


def test_a_superseded_version_says_digantikan_with_its_approval_date_and_decree_in_the_footer(
    world: World,
) -> None:
    submission = approved(world)
    Submission.objects.filter(pk=submission.pk).update(
        approved_at=datetime.datetime(2026, 11, 3, 18, 30, tzinfo=datetime.UTC)
    )
    enact(world, submission)
    Submission.objects.filter(pk=submission.pk).update(state="superseded")

    section = opened(submission).sections[0]

    assert section.header.paragraphs[0].text == "DIGANTIKAN"
    # 18:30 UTC is already 4 November in Jakarta (UTC+7), the instansi's time zone.
    assert section.footer.paragraphs[0].text.startswith(
        "Versi 1 | Status: Digantikan | Disetujui 4 November 2026 | "
        "Keputusan nomor 188.45/12/401.012/2026 tanggal 20 November 2026 | Halaman "
    )


def test_a_draft_carries_the_draf_mark_and_its_version_and_state_in_the_footer(world: World) -> None:
    section = opened(drafted(world)).sections[0]

    assert section.header.paragraphs[0].text == "DRAF"
    assert section.footer.paragraphs[0].text.startswith("Versi 1 | Status: Draf | Halaman ")


def test_an_enacted_standard_has_no_mark_its_decree_in_the_footer_and_a_verification_block(
    world: World,
) -> None:
    submission = approved(world)
    enact(world, submission)

    document = opened(submission)

    assert document.sections[0].header.paragraphs[0].text == ""
    assert document.sections[0].footer.paragraphs[0].text == "Halaman 1"
    code = VerificationCode.objects.get(submission=submission)
    lines = document.tables[2].rows[0].cells[1].text.split("\n")
    assert lines[0] == f"Kode verifikasi: {code.code}"
    assert lines[1].endswith(f"/verifikasi/{code.code}/")
    assert lines[2] == f"SHA-256 isi yang ditetapkan: {code.content_sha256}"
    assert len(document.inline_shapes) == 1  # the QR code


def test_exporting_an_enacted_standard_again_prints_the_same_code(world: World) -> None:
    submission = approved(world)
    opened(submission)
    opened(submission)

    assert VerificationCode.objects.filter(submission=submission).count() == 1


def test_the_page_is_portrait_a4_by_default_and_landscape_on_request(world: World) -> None:
    submission = drafted(world)

    def size(**options: bool) -> tuple[int, int]:
        section = opened(submission, **options).sections[0]
        assert section.page_width is not None
        assert section.page_height is not None
        return (round(section.page_width.mm), round(section.page_height.mm))

    assert size() == (210, 297)
    assert size(landscape=True) == (297, 210)


def test_control_characters_from_old_rows_never_break_the_export(world: World) -> None:
    submission = approved(world)
    # Rows written before input was cleaned can hold what Word pastes: a vertical tab, a form feed, a bell.
    Submission.objects.filter(pk=submission.pk).update(summary="Baris satu\x0bbaris dua\x0c selesai\x07")
    pasted = level_text_for(
        code="M.01", name="Integritas\x0b", description="", indicators=["Jujur\x1f", "\x0b"]
    )
    give_rows(
        submission,
        competencies=[
            copy_of(row, text=pasted) if row.code == "M.01" else copy_of(row)
            for row in submission.competency_rows.all()
        ],
        requirements=[
            copy_of(row, text="S-1\x0b/D-IV") if row.section == "education_level" else copy_of(row)
            for row in submission.requirement_rows.all()
        ],
    )

    document = opened(submission)

    rows = body(document)
    assert (
        rows[rows.index(row_starting(rows, "I. IKHTISAR JABATAN")) + 1][0]
        == "Baris satu\nbaris dua\n selesai"
    )
    integritas = [row for row in rows if row[0] == "1"]
    assert [(row[4], row[5]) for row in integritas] == [("2.1", "Jujur")]
    assert integritas[0][1] == "Integritas\n"
    assert row_starting(rows, "1. Jenjang")[2] == "S-1\n/D-IV"


@pytest.mark.parametrize("extra_rows", [0, 12])
def test_the_export_reads_the_rows_in_a_fixed_number_of_queries_however_long_the_document(
    world: World, extra_rows: int, django_assert_num_queries
) -> None:
    technical = [{"group": "technical", "code": "T.01", "level": 1 + n % 5} for n in range(extra_rows)]
    content = valid_content()
    submission = drafted(world, competencies=[*content["competencies"], *technical])
    fresh = export_queryset().get(pk=submission.pk)

    with django_assert_num_queries(3):
        render_docx(fresh)


def test_the_file_name_is_an_ascii_slug_of_the_position_with_its_version(world: World) -> None:
    position = PositionFactory.create(opd=world.opd, name="Kepala Seksi Gizi & Café (Ibu/Anak)")
    submission = services.submission_create_draft(position_id=position.pk, actor=world.drafter)

    assert export_filename(submission) == "SKJ-kepala-seksi-gizi-cafe-ibuanak-v1.docx"
    assert export_filename(submission, "pdf") == "SKJ-kepala-seksi-gizi-cafe-ibuanak-v1.pdf"


def test_a_document_fetched_without_joins_exports_the_same_header(world: World) -> None:
    submission = drafted(world)
    plain = Submission.objects.get(pk=submission.pk)

    document = docx.Document(io.BytesIO(render_docx(plain)))

    assert texts(document.tables[0]) == texts(opened(submission).tables[0])
