"""The Excel recap: one row per position of an instansi or OPD, and counts per OPD and state.

Each position shows its current version: the one in the workflow if there is one, otherwise the
one in force, otherwise the latest. A position without any version is listed as not yet drafted.
"""

from __future__ import annotations

import datetime
import io
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import QuerySet
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from submissions.exports.content import enacting_decree
from submissions.exports.text import printable
from submissions.models import OPD, CompetencyGroup, Instansi, Position, Submission
from submissions.validity import MANAGERIAL_CODES, SOCIOCULTURAL_CODES
from workflow.machine import OPEN_STATES, State

Progress = Callable[[int, int], None]
# Working days a document is past its deadline; the workflow's calendar knows (workflow.deadlines).
LateDays = Callable[[Submission, datetime.datetime], int]
NOT_DRAFTED = "Belum disusun"
FIXED_CODES = (*MANAGERIAL_CODES, *SOCIOCULTURAL_CODES)
COLUMNS: tuple[tuple[str, int], ...] = (
    ("OPD", 32),
    ("Jabatan", 36),
    ("Kelompok jabatan", 16),
    ("Jenjang", 14),
    ("Urusan pemerintahan", 26),
    ("Kode jabatan", 14),
    ("Status", 22),
    ("Versi", 7),
    ("Putaran", 8),
    ("Tenggat", 12),
    ("Hari kerja terlambat", 11),
    *((code, 7) for code in FIXED_CODES),
    ("Kompetensi teknis (level)", 40),
    ("Keputusan penetapan", 30),
)
STATE_ORDER = (*(state.value for state in State), NOT_DRAFTED)
HEAD_FILL = PatternFill("solid", fgColor="D9D9D9")


def positions_of(instansi: Instansi, opd: OPD | None = None) -> QuerySet[Position]:
    queryset = Position.objects.filter(opd__instansi=instansi)
    if opd is not None:
        queryset = queryset.filter(opd=opd)
    return queryset.select_related("opd").prefetch_related("urusan").order_by("opd__name", "name", "sub_unit")


def current_versions(positions: Sequence[Position]) -> dict[int, Submission]:
    """Per position: the open version, else the approved one, else the latest."""
    chosen: dict[int, Submission] = {}
    submissions = (
        Submission.objects.filter(position__in=positions)
        .select_related("enactment__decree", "competency_set")
        .prefetch_related("competency_set__rows")
        .order_by("position_id", "-version")
    )

    def rank(submission: Submission) -> tuple[int, int]:
        preference = 0 if submission.state in OPEN_STATES else 1 if submission.state == State.APPROVED else 2
        return (preference, -submission.version)

    for submission in submissions:
        held = chosen.get(submission.position_id)
        if held is None or rank(submission) < rank(held):
            chosen[submission.position_id] = submission
    return chosen


def recap_row(
    position: Position,
    submission: Submission | None,
    instansi: Instansi,
    now: datetime.datetime,
    late_days: LateDays,
) -> list[Any]:
    base = [
        position.opd.name,
        position.name,
        position.get_kind_display(),
        position.get_rank_display() if position.rank else "",
        ", ".join(sorted(item.name for item in position.urusan.all())),
        position.code,
    ]
    if submission is None:
        return [*base, NOT_DRAFTED, None, None, None, None, *([None] * len(FIXED_CODES)), "", ""]
    levels = {row.code: row.level for row in submission.competency_rows.all() if row.code in FIXED_CODES}
    technical = [
        f"{row.name} ({row.level})"
        for row in sorted(submission.competency_rows.all(), key=lambda row: (row.order, row.pk))
        if row.group == CompetencyGroup.TECHNICAL
    ]
    zone = ZoneInfo(instansi.time_zone)
    due = submission.due_at.astimezone(zone).date() if submission.due_at else None
    enacted_by = enacting_decree(submission)
    decree = f"{enacted_by.number} ({enacted_by.date:%d-%m-%Y})" if enacted_by is not None else ""
    return [
        *base,
        submission.get_state_display(),
        submission.version,
        submission.round,
        due,
        late_days(submission, now),
        *(levels.get(code) for code in FIXED_CODES),
        "; ".join(technical),
        decree,
    ]


def build_recap(
    instansi: Instansi, opd: OPD | None = None, *, late_days: LateDays, progress: Progress | None = None
) -> bytes:
    positions = list(positions_of(instansi, opd))
    versions = current_versions(positions)
    now = timezone.now()
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Rekap jabatan"
    counts: Counter[tuple[str, str]] = Counter()
    _head(sheet, [title for title, _ in COLUMNS])
    for index, position in enumerate(positions, start=1):
        submission = versions.get(position.pk)
        sheet.append([_cell(value) for value in recap_row(position, submission, instansi, now, late_days)])
        counts[(position.opd.name, submission.state if submission else NOT_DRAFTED)] += 1
        if progress is not None and index % 25 == 0:
            progress(index, len(positions))
    _finish(sheet, [width for _, width in COLUMNS], date_column=10)
    _counts_sheet(workbook.create_sheet("Per OPD dan status"), counts)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell(value: Any) -> Any:
    return printable(value) if isinstance(value, str) else value


def _head(sheet: Worksheet, titles: Iterable[str]) -> None:
    sheet.append(list(titles))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = HEAD_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def _finish(sheet: Worksheet, widths: Sequence[int], *, date_column: int | None = None) -> None:
    """Frozen header, filters, widths and a landscape A4 print setup repeating the header row."""
    sheet.freeze_panes = "A2"
    last = get_column_letter(len(widths))
    sheet.auto_filter.ref = f"A1:{last}{max(sheet.max_row, 1)}"
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    if date_column is not None:
        for (cell,) in sheet.iter_rows(min_row=2, min_col=date_column, max_col=date_column):
            cell.number_format = "DD-MM-YYYY"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"


def _counts_sheet(sheet: Worksheet, counts: Counter[tuple[str, str]]) -> None:
    labels = {state.value: state.label for state in State}
    states = [state for state in STATE_ORDER if any(key[1] == state for key in counts)]
    _head(sheet, ["OPD", *(labels.get(state, state) for state in states), "Jumlah"])
    opds = sorted({opd for opd, _ in counts})
    for opd in opds:
        values = [counts[(opd, state)] for state in states]
        sheet.append([printable(opd), *values, sum(values)])
    totals = [sum(counts[(opd, state)] for opd in opds) for state in states]
    sheet.append(["Jumlah", *totals, sum(totals)])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    _finish(sheet, [32, *([14] * len(states)), 10])
