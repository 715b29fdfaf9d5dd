"""The standard exported as a Word document in the official layout (DOMAIN.md, "One standard")."""

from __future__ import annotations

import datetime
import io

import docx
import pytest
from docx.document import Document
from docx.table import Table

from submissions.exports import export_filename, export_queryset, render_docx
from submissions.models import PositionKind, Submission, Urusan
from tests.builders import World, valid_content
from tests.documents import document_in
from tests.factories import PositionFactory
from workflow import services
from workflow.decrees.services import DecreeInput, record_decree
from workflow.machine import State

CHECK = "\u2713"


def drafted(world: World, **content) -> Submission:
    submission = services.submission_create_draft(position_id=world.position.pk, actor=world.drafter)
    return services.submission_update_content(
        submission_id=submission.pk, actor=world.drafter, **{**valid_content(), **content}
    )


def opened(submission: Submission) -> Document:
    fresh = export_queryset().get(pk=submission.pk)
    return docx.Document(io.BytesIO(render_docx(fresh)))


def texts(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def competency_rows(document: Document) -> list[list[str]]:
    return texts(document.tables[1])[1:]


def requirement_rows(document: Document) -> list[list[str]]:
    return texts(document.tables[2])[2:]


def row_starting(rows: list[list[str]], first: str) -> list[str]:
    return next(row for row in rows if row[0] == first)


def test_the_document_opens_with_the_title_and_the_five_header_lines(world: World) -> None:
    world.position.urusan.set([Urusan.objects.create(name="Kesekretariatan"), *world.position.urusan.all()])
    document = opened(drafted(world))

    assert document.paragraphs[0].text == "STANDAR KOMPETENSI JABATAN"
    header = {row[1]: row[3] for row in texts(document.tables[0])}
    assert header == {
        "Nama jabatan": "Kepala Seksi Surveilans",
        "Kelompok jabatan": "Pengawas",
        "Urusan pemerintahan": "Kesehatan, Kesekretariatan",
        "Kode jabatan": "-",
        "Unit": "Dinas Kesehatan, Pemerintah Kota Uji",
    }
    assert [row[0] for row in texts(document.tables[0])] == ["1.", "2.", "3.", "4.", "5."]


def test_a_functional_position_shows_its_rank_its_sub_unit_and_its_code(world: World) -> None:
    position = PositionFactory.create(
        opd=world.opd,
        name="Epidemiolog Kesehatan",
        kind=PositionKind.FUNGSIONAL,
        rank="ahli_muda",
        sub_unit="Bidang Pencegahan Penyakit",
        code="219.2.05",
    )
    submission = services.submission_create_draft(position_id=position.pk, actor=world.drafter)

    header = {row[1]: row[3] for row in texts(opened(submission).tables[0])}

    assert header["Kelompok jabatan"] == "Fungsional Ahli Muda"
    assert header["Kode jabatan"] == "219.2.05"
    assert header["Unit"] == "Bidang Pencegahan Penyakit, Dinas Kesehatan, Pemerintah Kota Uji"


def test_the_summary_follows_its_section_heading(world: World) -> None:
    paragraphs = [paragraph.text for paragraph in opened(drafted(world)).paragraphs]

    heading = paragraphs.index("I. IKHTISAR JABATAN")
    assert paragraphs[heading + 1] == valid_content()["summary"]
    assert paragraphs.index("II. STANDAR KOMPETENSI") < paragraphs.index("III. PERSYARATAN JABATAN")


def test_competencies_sit_under_the_three_group_headers_in_order(world: World) -> None:
    document = opened(drafted(world))

    header = texts(document.tables[1])[0]
    assert header == ["No", "Kompetensi", "Level", "Deskripsi", "Indikator Kompetensi"]
    first_cells = [row[0] for row in competency_rows(document)]
    assert first_cells == [
        "A. Manajerial",
        *map(str, range(1, 9)),
        "B. Sosial Kultural",
        "9",
        "C. Teknis",
        "10",
    ]
    group_row = row_starting(competency_rows(document), "B. Sosial Kultural")
    assert set(group_row) == {"B. Sosial Kultural"}


def test_numbering_runs_on_across_groups_so_the_technical_row_after_nine_fixed_rows_is_ten(
    world: World,
) -> None:
    document = opened(drafted(world))

    technical = row_starting(competency_rows(document), "10")
    assert technical[1:4] == ["Surveilans Kesehatan", "3", "Surveilans level 3"]


def test_indicators_are_numbered_level_dot_index_without_repeating_numbers_already_typed(
    world: World,
) -> None:
    typed = {
        "group": "technical",
        "name": "Pengendalian Vektor",
        "level": 4,
        "description": "Merencanakan pengendalian vektor.",
        "indicators": ["1. Memetakan wilayah", "- Menyusun rencana", "Mengevaluasi hasil"],
    }
    content = valid_content()
    document = opened(drafted(world, competencies=[*content["competencies"], typed]))

    managerial = row_starting(competency_rows(document), "1")
    assert managerial[4].split("\n") == ["2.1 Indikator M.01", "2.2 Indikator M.01", "2.3 Indikator M.01"]
    own = row_starting(competency_rows(document), "11")
    assert own[4].split("\n") == ["4.1 Memetakan wilayah", "4.2 Menyusun rencana", "4.3 Mengevaluasi hasil"]


def test_each_requirement_is_checked_in_its_own_importance_column_only(world: World) -> None:
    rows = requirement_rows(opened(drafted(world)))

    education = row_starting(rows, "1. Jenjang")
    assert education == ["1. Jenjang", "S-1/D-IV", CHECK, "", ""]
    field_of_study = row_starting(rows, "2. Bidang ilmu")
    assert field_of_study == ["2. Bidang ilmu", "Kesehatan Masyarakat", "", CHECK, ""]
    experience = row_starting(rows, "C. Pengalaman kerja")
    assert experience == ["C. Pengalaman kerja", "Pengelola program kesehatan 2 tahun", "", "", CHECK]


def test_the_requirement_table_has_every_section_of_the_layout_even_when_unfilled(world: World) -> None:
    document = opened(drafted(world))

    assert texts(document.tables[2])[0][:3] == ["Jenis persyaratan", "Uraian", "Tingkat pentingnya"]
    assert texts(document.tables[2])[1][2:] == ["Mutlak", "Penting", "Perlu"]
    labels = [row[0] for row in requirement_rows(document)]
    assert labels == [
        "A. Pendidikan",
        "1. Jenjang",
        "2. Bidang ilmu",
        "B. Pelatihan",
        "1. Manajerial",
        "2. Teknis",
        "3. Fungsional",
        "C. Pengalaman kerja",
        "D. Pangkat",
        "E. Indikator kinerja jabatan",
    ]
    assert row_starting(requirement_rows(document), "D. Pangkat")[1:] == ["-", "", "", ""]


def test_a_requirement_with_several_entries_labels_only_its_first_row(world: World) -> None:
    requirements = [
        {"section": "education_level", "text": "S-1/D-IV", "importance": "mutlak"},
        {"section": "training_technical", "text": "Pelatihan Surveilans", "importance": "penting"},
        {"section": "training_technical", "text": "Pelatihan Epidemiologi", "importance": "perlu"},
    ]
    rows = requirement_rows(opened(drafted(world, requirements=requirements)))

    start = rows.index(row_starting(rows, "2. Teknis"))
    assert rows[start][1:] == ["Pelatihan Surveilans", "", CHECK, ""]
    assert rows[start + 1] == ["", "Pelatihan Epidemiologi", "", "", CHECK]


def test_an_empty_draft_exports_with_dashes_and_placeholders(world: World) -> None:
    submission = services.submission_create_draft(position_id=world.position.pk, actor=world.drafter)
    submission = services.submission_update_content(
        submission_id=submission.pk, actor=world.drafter, summary="", competencies=[], requirements=[]
    )

    document = opened(submission)

    paragraphs = [paragraph.text for paragraph in document.paragraphs]
    assert paragraphs[paragraphs.index("I. IKHTISAR JABATAN") + 1] == "-"
    first_cells = [row[0] for row in competency_rows(document)]
    placeholder = "Belum diisi."
    assert first_cells == [
        "A. Manajerial",
        placeholder,
        "B. Sosial Kultural",
        placeholder,
        "C. Teknis",
        placeholder,
    ]
    assert all(CHECK not in row for row in requirement_rows(document))


def test_the_footer_of_a_draft_gives_its_version_and_state(world: World) -> None:
    document = opened(drafted(world))

    assert document.sections[0].footer.paragraphs[0].text == "Versi 1 | Status: Draf"


def test_the_footer_of_an_approved_standard_adds_the_approval_date_and_the_decree(world: World) -> None:
    submission = document_in(world, State.APPROVED)
    Submission.objects.filter(pk=submission.pk).update(
        approved_at=datetime.datetime(2026, 11, 3, 18, 30, tzinfo=datetime.UTC)
    )
    record_decree(
        instansi_id=world.instansi.pk,
        actor=world.organisasi,
        decree=DecreeInput(
            kind="keputusan",
            head="wali_kota",
            number="188.45/12/401.012/2026",
            date=datetime.date(2026, 11, 20),
            title="Standar Kompetensi Jabatan",
        ),
        submission_ids=[submission.pk],
    )

    footer = opened(submission).sections[0].footer.paragraphs[0].text

    # 18:30 UTC is already 4 November in Jakarta (UTC+7), the instansi's time zone.
    assert footer == (
        "Versi 1 | Status: Disetujui | Disetujui 4 November 2026 | "
        "Keputusan nomor 188.45/12/401.012/2026 tanggal 20 November 2026"
    )


def test_the_page_is_landscape_a4(world: World) -> None:
    section = opened(drafted(world)).sections[0]

    assert section.page_width is not None
    assert section.page_height is not None
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)


@pytest.mark.parametrize("extra_rows", [0, 12])
def test_the_export_reads_the_rows_in_three_queries_however_long_the_document(
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
    assert export_filename(submission).isascii()


def test_a_document_fetched_without_joins_exports_the_same_header(world: World) -> None:
    submission = drafted(world)
    plain = Submission.objects.get(pk=submission.pk)

    document = docx.Document(io.BytesIO(render_docx(plain)))

    assert texts(document.tables[0]) == texts(opened(submission).tables[0])
