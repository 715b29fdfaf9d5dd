"""What the exported standard says, arranged in the order of the official layout (DOMAIN.md).

This module decides the words and the numbering; `submissions.exports.layout` only draws them.
Keeping the two apart lets the arrangement be tested without opening a Word file.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields, is_dataclass, replace
from typing import Any, cast
from zoneinfo import ZoneInfo

from django.db.models import prefetch_related_objects

from submissions.header import header_of
from submissions.imports import strip_list_marker
from submissions.models import CompetencyGroup, CompetencyRow, RequirementRow, RequirementSection, Submission
from submissions.text import clean_text

EMPTY = "-"
MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
GROUPS = (
    (CompetencyGroup.MANAGERIAL, "A. Manajerial"),
    (CompetencyGroup.SOCIOCULTURAL, "B. Sosial Kultural"),
    (CompetencyGroup.TECHNICAL, "C. Teknis"),
)
# (section title, [(item label, requirement section)]); a section without items is its own single row.
REQUIREMENT_LAYOUT: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "A. Pendidikan",
        (
            ("1. Jenjang", RequirementSection.EDUCATION_LEVEL),
            ("2. Bidang ilmu", RequirementSection.FIELD_OF_STUDY),
        ),
    ),
    (
        "B. Pelatihan",
        (
            ("1. Manajerial", RequirementSection.TRAINING_MANAGERIAL),
            ("2. Teknis", RequirementSection.TRAINING_TECHNICAL),
            ("3. Fungsional", RequirementSection.TRAINING_FUNCTIONAL),
        ),
    ),
    ("C. Pengalaman kerja", (("", RequirementSection.EXPERIENCE),)),
    ("D. Pangkat", (("", RequirementSection.RANK),)),
    ("E. Indikator kinerja jabatan", (("", RequirementSection.PERFORMANCE_INDICATOR),)),
)
RELATIONS = ("position__opd__instansi", "position__urusan", "competency_rows", "requirement_rows")


@dataclass(frozen=True)
class CompetencyLine:
    number: int
    name: str
    level: int
    description: str
    indicators: tuple[str, ...]


@dataclass(frozen=True)
class CompetencyGroupBlock:
    title: str
    lines: tuple[CompetencyLine, ...]


@dataclass(frozen=True)
class RequirementItem:
    label: str
    texts: tuple[tuple[str, str], ...]  # (uraian, importance), or empty when nothing is filled in


@dataclass(frozen=True)
class RequirementBlock:
    title: str
    items: tuple[RequirementItem, ...]

    @property
    def is_flat(self) -> bool:
        """C, D and E have no numbered items: the title labels the rows directly."""
        return len(self.items) == 1 and not self.items[0].label


@dataclass(frozen=True)
class StandardView:
    header: tuple[tuple[str, str], ...]
    summary: str
    competencies: tuple[CompetencyGroupBlock, ...]
    requirements: tuple[RequirementBlock, ...]
    footer: str
    title: str = field(default="STANDAR KOMPETENSI JABATAN")


def load(submission: Submission) -> Submission:
    """Fetch what the export reads in a fixed number of queries.

    With the position, OPD and instansi already joined (see `export_queryset`), that is three:
    urusan, competency rows, requirement rows. Relations already fetched are not fetched again.
    """
    prefetch_related_objects([submission], *RELATIONS)
    return submission


def standard_view(submission: Submission) -> StandardView:
    """The words of the export, cleaned of what a Word file cannot hold: rows saved before input
    was cleaned (or imported around it) may still carry control characters."""
    position = submission.position
    view = StandardView(
        header=header_lines(submission),
        summary=(submission.summary or "").strip() or EMPTY,
        competencies=competency_blocks(submission.competency_rows.all()),
        requirements=requirement_blocks(submission.requirement_rows.all()),
        footer=footer_line(submission, ZoneInfo(position.opd.instansi.time_zone)),
    )
    return cast(StandardView, _cleaned(view))


def _cleaned(value: Any) -> Any:
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, tuple):
        return tuple(_cleaned(item) for item in value)
    if is_dataclass(value) and not isinstance(value, type):
        return replace(value, **{f.name: _cleaned(getattr(value, f.name)) for f in fields(value)})
    return value


def header_lines(submission: Submission) -> tuple[tuple[str, str], ...]:
    header = header_of(submission)
    return (
        ("Nama jabatan", header.position_name),
        ("Kelompok jabatan", header.kind_label),
        ("Urusan pemerintahan", ", ".join(header.urusan) or EMPTY),
        ("Kode jabatan", header.code or EMPTY),
        ("Unit", header.unit),
    )


def competency_blocks(rows: Iterable[CompetencyRow]) -> tuple[CompetencyGroupBlock, ...]:
    by_group: dict[str, list[CompetencyRow]] = {group: [] for group, _ in GROUPS}
    for row in sorted(rows, key=lambda row: (row.order, row.pk or 0)):
        by_group.setdefault(row.group, []).append(row)
    blocks = []
    number = 0
    for group, title in GROUPS:
        lines = []
        for row in by_group[group]:
            number += 1
            lines.append(competency_line(number, row))
        blocks.append(CompetencyGroupBlock(title, tuple(lines)))
    return tuple(blocks)


def competency_line(number: int, row: CompetencyRow) -> CompetencyLine:
    return CompetencyLine(
        number=number,
        name=row.name,
        level=row.level,
        description=(row.description or "").strip() or EMPTY,
        indicators=numbered_indicators(row.level, row.indicators or []),
    )


def numbered_indicators(level: int, indicators: Sequence[object]) -> tuple[str, ...]:
    # Numbered here; numbering typed into the dictionary ("3.1", "2.", "-") would double it.
    texts = [strip_list_marker(str(text)) for text in indicators]
    return tuple(f"{level}.{index} {text}" for index, text in enumerate(filter(None, texts), start=1))


def requirement_blocks(rows: Iterable[RequirementRow]) -> tuple[RequirementBlock, ...]:
    by_section: dict[str, list[tuple[str, str]]] = {}
    for row in sorted(rows, key=lambda row: (row.order, row.pk or 0)):
        by_section.setdefault(row.section, []).append((row.text, row.importance))
    return tuple(
        RequirementBlock(
            title,
            tuple(RequirementItem(label, tuple(by_section.get(section, ()))) for label, section in items),
        )
        for title, items in REQUIREMENT_LAYOUT
    )


def footer_line(submission: Submission, zone: ZoneInfo) -> str:
    parts = [f"Versi {submission.version}", f"Status: {submission.get_state_display()}"]
    if submission.approved_at is not None:
        parts.append(f"Disetujui {indonesian_date(submission.approved_at.astimezone(zone).date())}")
    decree = enacting_decree(submission)
    if decree is not None:
        parts.append(
            f"{decree.get_kind_display()} nomor {decree.number} tanggal {indonesian_date(decree.date)}"
        )
    return " | ".join(parts)


def enacting_decree(submission: Submission) -> Any:
    """The decree that enacted this version, if any (workflow.Enactment, reached by its relation)."""
    enactment = getattr(submission, "enactment", None)
    return enactment.decree if enactment is not None else None


def indonesian_date(day: datetime.date) -> str:
    # Not Django's date filter: its month names follow the active language, which a worker may not set.
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
