"""The Excel recap of an instansi or OPD, re-read with openpyxl."""

from __future__ import annotations

import datetime
import io

import openpyxl
import pytest
from django.utils import timezone

from submissions.exports.recap import COLUMNS, build_recap
from submissions.models import PositionKind, Submission
from tests.builders import World
from tests.factories import PositionFactory
from tests.submissions.exporting import approved, drafted
from workflow.deadlines import working_days_late


def opened(world: World, **options) -> openpyxl.Workbook:
    content = build_recap(world.instansi, late_days=working_days_late, **options)
    return openpyxl.load_workbook(io.BytesIO(content))


def rows_of(sheet) -> list[dict[str, object]]:
    header = [cell.value for cell in sheet[1]]
    return [dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2, values_only=True)]


@pytest.fixture
def recap_world(world: World) -> World:
    approved(world)
    second = PositionFactory.create(opd=world.opd, name="Analis Surveilans", kind=PositionKind.PELAKSANA)
    drafted(world, second)
    PositionFactory.create(
        opd=world.other_opd, name="Pranata Komputer", kind=PositionKind.FUNGSIONAL, rank="mahir"
    )
    return world


def test_one_row_per_position_with_the_columns_of_the_issue(recap_world: World) -> None:
    sheet = opened(recap_world)["Rekap jabatan"]

    assert [cell.value for cell in sheet[1]] == [title for title, _ in COLUMNS]
    rows = rows_of(sheet)
    assert [(row["OPD"], row["Jabatan"]) for row in rows] == [
        ("Dinas Kesehatan", "Analis Surveilans"),
        ("Dinas Kesehatan", "Kepala Seksi Surveilans"),
        ("Dinas Pendidikan", "Pranata Komputer"),
    ]
    enacted = rows[1]
    assert enacted["Kelompok jabatan"] == "Pengawas"
    assert enacted["Status"] == "Disetujui"
    assert (enacted["Versi"], enacted["Putaran"]) == (1, 1)
    assert enacted["M.01"] == 2
    assert enacted["SK.01"] == 2
    assert enacted["Kompetensi teknis (level)"] == "Surveilans Kesehatan (3)"
    functional = rows[2]
    assert functional["Jenjang"] == "Mahir"
    assert functional["Status"] == "Belum disusun"
    assert functional["M.01"] is None


def test_the_sheet_is_ready_to_filter_and_print(recap_world: World) -> None:
    sheet = opened(recap_world)["Rekap jabatan"]

    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(COLUMNS))}4"
    assert sheet.column_dimensions["B"].width == 36
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.print_title_rows == "$1:$1"


def test_the_second_sheet_counts_positions_per_opd_and_state(recap_world: World) -> None:
    sheet = opened(recap_world)["Per OPD dan status"]

    assert [cell.value for cell in sheet[1]] == ["OPD", "Draf", "Disetujui", "Belum disusun", "Jumlah"]
    assert [list(row) for row in sheet.iter_rows(min_row=2, values_only=True)] == [
        ["Dinas Kesehatan", 1, 1, 0, 2],
        ["Dinas Pendidikan", 0, 0, 1, 1],
        ["Jumlah", 1, 1, 1, 3],
    ]


def test_a_late_document_counts_the_working_days_past_its_deadline(recap_world: World) -> None:
    late = Submission.objects.get(position__name="Analis Surveilans")
    # Due Friday 6 November 2026 (WIB); "now" is Tuesday 10 November: Monday and Tuesday are late.
    Submission.objects.filter(pk=late.pk).update(
        due_at=datetime.datetime(2026, 11, 6, 16, 59, tzinfo=datetime.UTC)
    )
    now = datetime.datetime(2026, 11, 10, 5, 0, tzinfo=datetime.UTC)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: now)
        rows = rows_of(opened(recap_world)["Rekap jabatan"])

    assert rows[0]["Hari kerja terlambat"] == 2
    assert rows[0]["Tenggat"] == datetime.datetime(2026, 11, 6)
    assert rows[1]["Hari kerja terlambat"] == 0


def test_an_opds_recap_lists_that_opd_only_and_control_characters_do_not_break_it(recap_world: World) -> None:
    recap_world.position.__class__.objects.filter(pk=recap_world.position.pk).update(
        name="Kepala\x0b Seksi\x07"
    )

    rows = rows_of(opened(recap_world, opd=recap_world.opd)["Rekap jabatan"])

    assert {row["OPD"] for row in rows} == {"Dinas Kesehatan"}
    assert "Kepala\n Seksi" in [row["Jabatan"] for row in rows]
